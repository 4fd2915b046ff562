"""Reply drafts: an article's template filled from the ticket and framed by fixed paragraphs
(drafter, messages), with amounts and dates written for the reader's locale (formatting)."""
