"""What a ticket mentions (extract): hashes and addresses by their format (chain_formats),
networks, coins, amounts, dates, versions and ids by what users call them (aliases, the
data) through linear regexes (patterns)."""
