"""The one vocabulary of placeholders a reply template may use.

Writers name placeholders from this table; ``kb lint`` rejects any other name,
and the reply drafter fills them from the ticket, the agent and the service.
"""

from __future__ import annotations

PLACEHOLDERS: dict[str, str] = {
    "customer_name": "the customer's name, from the helpdesk contact",
    "agent_name": "the name of the agent sending the reply",
    "tx_hash": "a transaction hash (txid) found in the ticket",
    "network": "the blockchain network named in the ticket (Ethereum, TRON, BNB Smart Chain, ...)",
    "asset": "the coin or token named in the ticket (USDT, ETH, BTC, ...)",
    "amount": "the amount named in the ticket, formatted for the reply's locale",
    "address": "a wallet address named in the ticket",
    "order_id": "a buy/sell provider or card order id",
    "date": "a date the ticket mentions, formatted for the reply's locale",
    "card_last4": "the last four digits of the customer's card",
    "app_version": "the app version the customer runs",
    "platform": "iOS, Android or the browser extension",
    "article_url": "the article's page on the help site (always filled by the service)",
}

# Filled by the service itself; neither the ticket nor the agent supplies them.
SERVICE_PLACEHOLDERS = frozenset({"article_url"})

# Filled automatically from what the ticket says (kb.entities), before any agent has looked.
PEOPLE_PLACEHOLDERS = frozenset({"customer_name", "agent_name"})
TICKET_PLACEHOLDERS = frozenset(PLACEHOLDERS) - SERVICE_PLACEHOLDERS - PEOPLE_PLACEHOLDERS
