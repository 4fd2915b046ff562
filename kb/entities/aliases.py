"""What tickets call networks, coins, currencies and platforms: data, not code.

Each table maps one canonical name to the ways users write it, in English, Simplified and
Traditional Chinese; ``kb.entities.patterns`` compiles them into the finders' regexes.
Add a spelling here when tickets use one the finders miss.
"""

from __future__ import annotations

NETWORK_ALIASES: dict[str, tuple[str, ...]] = {
    "Ethereum": (
        "Ethereum", "Ethereum network", "ERC-20", "ETH network", "ETH chain", "ETH链", "ETH鏈",
        "以太坊", "以太坊链", "以太坊鏈", "以太坊网络", "以太坊網絡", "乙太坊",
    ),
    "BNB Smart Chain": (
        "BNB Smart Chain", "BNB Chain", "BEP-20", "BSC",
        "币安链", "币安智能链", "幣安鏈", "幣安智能鏈",
    ),
    "Tron": ("TRON", "TRC-20", "波场", "波场链", "波場", "波場鏈"),
    "Bitcoin": (
        "Bitcoin", "Bitcoin network", "BTC network", "比特币网络", "比特幣網絡", "比特幣網路",
    ),
    "Solana": ("Solana", "SOL链", "SOL鏈", "索拉纳", "索拉納"),
    "Polygon": ("Polygon", "Polygon PoS", "马蹄链", "馬蹄鏈"),
    "Arbitrum": ("Arbitrum", "Arbitrum One"),
    "Optimism": ("Optimism", "OP Mainnet"),
    "Base": (),  # an ordinary English word: only in context, see NETWORK_WORDS_IN_CONTEXT
    "Avalanche": ("Avalanche", "Avalanche C-Chain", "AVAX C-Chain", "C-Chain"),
    "TON": ("The Open Network",),
}  # fmt: skip
NETWORKS: tuple[str, ...] = tuple(NETWORK_ALIASES)

# Words that are also an English word or a coin's symbol: a network only right before
# "network", "chain" or 链 ("Base链", "TON network", "Matic chain") or after "on".
NETWORK_WORDS_IN_CONTEXT: dict[str, str] = {"Base": "Base", "TON": "TON", "Polygon": "Matic"}

ASSET_ALIASES: dict[str, tuple[str, ...]] = {
    "USDT": ("USDT", "Tether", "泰达币", "泰達幣"), "USDC": ("USDC",),
    "ETH": ("ETH", "以太币", "以太幣"), "BTC": ("BTC", "比特币", "比特幣"),
    "BNB": ("BNB", "币安币", "幣安幣"), "TRX": ("TRX", "波场币", "波場幣"),
    "DOGE": ("DOGE", "狗狗币", "狗狗幣"), "LTC": ("LTC", "莱特币", "萊特幣"),
    "TON": ("TON", "Toncoin"), "SOL": ("SOL",), "MATIC": ("MATIC",), "POL": ("POL",),
    "DAI": ("DAI",), "AVAX": ("AVAX",), "XRP": ("XRP",), "SHIB": ("SHIB",),
    "WETH": ("WETH",), "WBTC": ("WBTC",),
}  # fmt: skip
# Names that are also English words ("a ton of", "base rate") count only as written.
CASE_SENSITIVE_ALIASES = frozenset({"TON", "POL", "DAI", "Base"})

# Ways to write a currency after a number ("200元", "50 USD", "30$"), by ISO code.
FIAT_ALIASES: dict[str, tuple[str, ...]] = {
    "USD": ("USD", "美元", "美金", "美刀", "$"),
    "CNY": ("CNY", "RMB", "人民币", "人民幣", "元", "块", "塊", "块钱", "塊錢", "¥", "￥"),
    "TWD": ("TWD", "NTD", "台币", "台幣", "新台币", "新台幣"),
    "HKD": ("HKD", "港币", "港幣", "港元"),
    "EUR": ("EUR", "欧元", "歐元", "€"),
    "GBP": ("GBP", "英镑", "英鎊", "£"),
    "JPY": ("JPY", "日元", "日圓", "日币", "日幣"),
    "SGD": ("SGD",), "AUD": ("AUD",), "CAD": ("CAD",), "KRW": ("KRW",),
}  # fmt: skip
FIAT_CURRENCIES: frozenset[str] = frozenset(FIAT_ALIASES)

# Signs and codes written before a number ("US$50", "¥200", "RMB 200").
CURRENCY_PREFIXES: dict[str, str] = {
    "US$": "USD", "NT$": "TWD", "HK$": "HKD", "$": "USD", "¥": "CNY", "￥": "CNY", "€": "EUR",
    "£": "GBP", "RMB": "CNY", "NTD": "TWD", **{code: code for code in FIAT_CURRENCIES},
}  # fmt: skip

# Multipliers as powers of ten: "1万U" is 10000 USDT, "2k USDT" 2000.
MULTIPLIER_EXPONENTS: dict[str, int] = {"万": 4, "萬": 4, "千": 3, "亿": 8, "億": 8, "k": 3}

PLATFORM_ALIASES: dict[str, tuple[str, ...]] = {
    "iOS": ("iOS", "iPadOS", "iPhone", "iPad", "苹果", "蘋果", "苹果手机", "蘋果手機"),
    "Android": (
        "Android", "安卓", "华为", "華為", "Huawei", "小米", "Xiaomi", "红米", "紅米", "Redmi",
        "三星", "Samsung", "OPPO", "vivo", "Pixel",
    ),
    "browser extension": (
        "browser extension", "Chrome extension", "extension", "插件", "浏览器插件", "瀏覽器插件",
        "浏览器扩展", "瀏覽器擴充", "扩展程序", "擴充功能", "外掛",
    ),
}  # fmt: skip

MONTH_NAMES = "Jan January|Feb February|Mar March|Apr April|May|Jun June|Jul July|Aug August|"
MONTH_NAMES += "Sep Sept September|Oct October|Nov November|Dec December"
MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(MONTH_NAMES.split("|"), start=1)
    for name in names.split()
}
