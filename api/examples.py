"""Examples for the OpenAPI page (/docs), in both languages, as an agent would send them."""

from __future__ import annotations

from typing import Any

SUGGEST_REQUESTS: dict[str, dict[str, Any]] = {
    "english": {
        "summary": "An English ticket",
        "value": {
            "text": "I sent 250 USDT on TRC20 two hours ago and it still shows pending. "
            "Tx: 4b5f0c8e9d2a7b1c3e6f8a0d2c4e6b8a1d3f5c7e9b0a2c4e6f8d0b2a4c6e8f0a",
            "lang": None,
            "limit": 3,
            "context": {"customer_name": "Alex Chen", "agent_name": "Sam"},
        },
    },
    "chinese": {
        "summary": "一条中文工单",
        "value": {
            "text": "从币安提币500U到钱包，网络选的TRC20，一个小时了还没到账，怎么办？",
            "lang": None,
            "limit": 3,
            "context": {"customer_name": "王芳"},
        },
    },
    "email": {
        "summary": "An e-mailed ticket: subject, quoted history, signature",
        "value": {
            "subject": "Withdrawal from Binance not received",
            "text": "Hi, I withdrew 300 USDT from Binance to my wallet yesterday and it is "
            "still not there. Binance says it is completed.\n\nThanks,\nMaria\n\n"
            "On Mon, 3 Nov 2025 at 10:12, Wallet Support <support@wallet.example> wrote:\n"
            "> Hello Maria, could you send us the transaction hash?",
            "limit": 3,
        },
    },
    "traditional": {
        "summary": "繁體中文工單（以繁體回覆）",
        "value": {"text": "我的助記詞好像被別人看到了，錢包還安全嗎？", "limit": 3},
    },
}

SUGGEST_RESPONSE: dict[str, Any] = {
    "suggestion_id": "0f8d2c6e4b1a4c7e9a3d5f7b9c1e3a5d",
    "language": "zh",
    "articles": [
        {
            "id": "exchange-deposit-not-received",
            "title": "从交易所提币，钱包一直没到账怎么办？",
            "audience": "public",
            "score": 7.1234,
            "confidence": 0.93,
            "url": "http://127.0.0.1:8001/zh/faq/exchange-deposit-not-received/",
            "snippet": "先向交易所要交易哈希，到区块浏览器上查一下；没到账多半是交易所还在处理、"
            "提币时选了别的网络，或者币其实已经到了，只是钱包没显示。",
            "matched": [{"term": "到账", "fields": ["title", "keywords"]}],
            "runbooks": ["transaction-investigation"],
            "similarity": 0.8931,
        }
    ],
    "replies": [
        {
            "article_id": "exchange-deposit-not-received",
            "language": "zh",
            "text": "王芳，您好！\n\n您从交易所提取的 500 USDT ……",
            "missing": ["tx_hash"],
            "url": "http://127.0.0.1:8001/zh/faq/exchange-deposit-not-received/",
        }
    ],
    "runbooks": [
        {
            "id": "transaction-investigation",
            "title": "交易排查：一笔转账到底出了什么问题",
            "url": "http://127.0.0.1:8001/zh/runbooks/transaction-investigation/",
            "audience": "internal",
            "ranked": True,
            "score": 3.2109,
            "confidence": 0.41,
            "matched": [{"term": "提币", "fields": ["body"]}],
            "named_by": ["exchange-deposit-not-received"],
        }
    ],
    "entities": [
        {"kind": "amount", "value": "500", "start": 5, "end": 9, "network": None, "unit": "USDT"},
        {"kind": "network", "value": "Tron", "start": 17, "end": 22, "network": None, "unit": None},
    ],
    "redacted": [],
    "ranking": "hybrid",
    "semantic": "ready",
}

FEEDBACK_REQUESTS: dict[str, dict[str, Any]] = {
    "used": {
        "summary": "The agent sent this article's reply",
        "value": {
            "suggestion_id": "0f8d2c6e4b1a4c7e9a3d5f7b9c1e3a5d",
            "article_id": "exchange-deposit-not-received",
            "rating": "used",
        },
    },
    "not_helpful": {
        "summary": "The suggestion did not answer the ticket",
        "value": {
            "suggestion_id": "0f8d2c6e4b1a4c7e9a3d5f7b9c1e3a5d",
            "article_id": "network-fees",
            "rating": "not_helpful",
        },
    },
}

SEARCH_QUERIES: dict[str, dict[str, Any]] = {
    "english": {"summary": "English", "value": "seed phrase lost"},
    "chinese": {"summary": "中文（逐词检索）", "value": "助记词丢了怎么办"},
}
