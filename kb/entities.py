"""What a support ticket mentions: the values that fill a reply template's placeholders.

Agents answer tickets ("USDT转账一直pending") with templates that name the customer's
transaction hash, address, network, amount, order id, app version, platform, card digits
and dates (see ``kb.placeholders``). This module finds those values in the already
redacted ticket text, in English, Simplified and Traditional Chinese and mixed text, and
normalises them: one canonical name per network, plain decimal amounts with an asset
symbol or ISO currency code, ISO 8601 dates.

Hashes and addresses are recognised by their format (hex length, base58check version
byte, bech32 checksum), never by the words around them, and win over everything else.
Tickets are untrusted and can be huge pastes, so every pattern runs in linear time: a
pattern that starts with a repeated class has a lookbehind that rejects starting inside a
run of it, and repeats are bounded or possessive, so a megabyte of hex is scanned once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, localcontext
from typing import Literal

from kb.chain_formats import explorer_network, identify

EntityKind = Literal[
    "tx_hash", "address", "network", "asset", "amount",
    "order_id", "app_version", "platform", "card_last4", "date",
]  # fmt: skip

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
NETWORK_SUFFIX = r"[ -]?(?:(?:network|chain|mainnet)(?![A-Za-z])|链|鏈|网络|網絡|網路)"

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


FLAGS = re.IGNORECASE | re.ASCII  # ASCII: \d and \s mean what a reader expects
# Where a Latin word begins and ends. Token standards are often glued to the coin
# ("TRC20USDT", "USDTTRC20"), so those joins count as word edges too.
WORD_START = r"(?:(?<![A-Za-z0-9])|(?<=20)|(?<=usdt)|(?<=usdc))"
WORD_END = r"(?:(?![A-Za-z0-9])|(?=usdt|usdc|(?:trc|erc|bep)-?20))"
# Not inside a word, a version, a grouped number, a token standard or after a currency sign.
NUMBER_START = r"(?=\d)(?<![A-Za-z0-9_.\-/$¥￥€£])(?<!\d,)(?<!trc )(?<!erc )(?<!bep )"
NUMBER = r"(?:\d{1,3}(?:,\d{3})++|\d++)(?:\.\d++)?(?![.,]\d)"
MULTIPLIER = r"(?:[万萬千亿億]|k(?![A-Za-z]))"


def alias_pattern(aliases: Iterable[str], start: str = WORD_START, end: str = WORD_END) -> str:
    """A regex that matches any of ``aliases``, longest first.

    A space or hyphen in an alias may also be left out ("ERC-20": ERC20, ERC 20). Latin
    ends get word edges. The next character is checked before any alias is tried, and the
    word start once for all Latin aliases, so most positions fail at once.
    """
    aliases = sorted(aliases, key=len, reverse=True)
    first_chars = "".join(sorted({re.escape(alias[0]) for alias in aliases}))
    latin = [alias_body(alias, end) for alias in aliases if is_latin(alias[0])]
    others = [alias_body(alias, end) for alias in aliases if not is_latin(alias[0])]
    alternatives = [f"{start}(?:{'|'.join(latin)})", *others] if latin else others
    return f"(?=[{first_chars}])(?:{'|'.join(alternatives)})"


def alias_body(alias: str, end: str) -> str:
    """One alias; a Han end must not run on into 币/幣 (the network 波场, the coin 波场币)."""
    body = "[ -]?".join(re.escape(part) for part in re.split("[ -]", alias))
    if alias in CASE_SENSITIVE_ALIASES:
        body = f"(?-i:{body})"
    return body + (end if is_latin(alias[-1]) else "(?![币幣])")


def is_latin(char: str) -> bool:
    """Whether ``char`` is an ASCII letter or digit (where a Latin word edge matters)."""
    return char.isascii() and char.isalnum()


def alias_key(alias: str) -> str:
    """The form aliases are looked up by: lower case, without spaces or hyphens."""
    return re.sub("[ -]", "", alias).lower()


def every_alias(table: dict[str, tuple[str, ...]]) -> list[str]:
    return [alias for aliases in table.values() for alias in aliases]


def by_alias(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """``table`` turned round: each alias's key to the name it stands for."""
    return {alias_key(alias): name for name, aliases in table.items() for alias in aliases}


# What may follow a number: a coin, "U" (USDT, as in "100u") or a fiat currency.
UNIT_ALIASES = {**ASSET_ALIASES, **FIAT_ALIASES, "USDT": (*ASSET_ALIASES["USDT"], "U")}
NETWORK_BY_ALIAS = by_alias(NETWORK_ALIASES)
ASSET_BY_ALIAS = by_alias(ASSET_ALIASES)
PLATFORM_BY_ALIAS = by_alias(PLATFORM_ALIASES)
UNIT_BY_ALIAS = by_alias(UNIT_ALIASES)
PREFIX_UNIT_BY_ALIAS = {alias_key(prefix): code for prefix, code in CURRENCY_PREFIXES.items()}

IDENTIFIER = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{25,90}(?![A-Za-z0-9])")
URL = re.compile(r"(?<![A-Za-z0-9])https?://[!-~]+", FLAGS)
# "[recovery phrase removed]", "[卡号已删除]": the redactor's words, not the customer's.
BRACKETED = re.compile(r"\[[^\[\]\n]{1,60}\]")
REDACTION_WORDS = ("removed", "redacted", "已删除", "已刪除", "已移除", "已隐藏", "已隱藏")

PREFIXED_AMOUNT = re.compile(
    rf"(?P<unit>{alias_pattern(CURRENCY_PREFIXES, end='')})\s?(?P<number>{NUMBER})"
    rf"(?P<multiplier>{MULTIPLIER})?",
    FLAGS,
)
SUFFIXED_AMOUNT = re.compile(
    rf"{NUMBER_START}(?P<number>{NUMBER})(?P<multiplier>{MULTIPLIER})?\s?[个個枚]?\s?"
    rf"(?P<unit>{alias_pattern(every_alias(UNIT_ALIASES), start='')})",
    FLAGS,
)
AMOUNT_PATTERNS = ((PREFIXED_AMOUNT, PREFIX_UNIT_BY_ALIAS), (SUFFIXED_AMOUNT, UNIT_BY_ALIAS))

NETWORK = re.compile(alias_pattern(every_alias(NETWORK_ALIASES)), FLAGS)
NETWORK_IN_CONTEXT = re.compile(
    f"(?=[{''.join(word[0] for word in NETWORK_WORDS_IN_CONTEXT.values())}]){WORD_START}(?:"
    + "|".join(
        rf"(?P<{network}>{alias_body(word, '')}{NETWORK_SUFFIX}"
        rf"|(?<=\bon ){alias_body(word, WORD_END)})"
        for network, word in NETWORK_WORDS_IN_CONTEXT.items()
    )
    + ")",
    FLAGS,
)
ASSET = re.compile(alias_pattern(every_alias(ASSET_ALIASES)), FLAGS)
PLATFORM = re.compile(
    alias_pattern(every_alias(PLATFORM_ALIASES), start="(?<![A-Za-z])", end="(?![A-Za-z])"), FLAGS
)

LABELLED_VERSION = re.compile(
    r"(?:(?<![A-Za-z])(?:version|ver\.?|app|v)|版本[号號]?)\s?[:：]?\s?"
    r"(?P<value>\d{1,4}(?:\.\d{1,4}){1,2})(?!\d|\.\d)",
    FLAGS,
)
# x.y.z with small numbers; an IP address has a fourth part, an OS version a name before it.
BARE_VERSION = re.compile(
    r"(?<![A-Za-z0-9_.])(?<!ios )(?<!android )"
    r"(?P<value>(?:0|[1-9]\d?)\.\d{1,3}\.\d{1,3})(?![A-Za-z0-9_]|\.\d)",
    FLAGS,
)
ORDER_ID = re.compile(
    r"(?:(?<![A-Za-z])(?:order\s?(?:id|number|no\.?|\#)|order(?=\s?[:：\#])"
    r"|reference(?:\s?(?:id|number|no\.?|\#))?)"
    r"|订单号|订单编号|订单号码|订单ID|訂單號|訂單編號|訂單號碼|訂單ID)"
    r"\s?[:：\#]?\s?(?:is\s|是|为|為)?\s?"
    r"(?P<value>[A-Za-z0-9][A-Za-z0-9_-]{5,39})(?![A-Za-z0-9_-])",
    FLAGS,
)
CARD_LAST4 = re.compile(
    r"(?:(?<![A-Za-z])(?:card\s(?:number\s)?ending(?:\s(?:in|with))?|ending\s(?:in|with)"
    r"|last\s(?:4|four)(?:\sdigits?)?(?:\s(?:is|are))?)"
    r"|卡?尾[号號]|末四位|末4位|[后後]四位|[后後]4位)"
    r"\s?[:：]?\s?(?:是|为|為)?\s?(?P<value>\d{4})(?!\d)",
    FLAGS,
)

MONTH_NAME = "|".join(sorted(MONTHS, key=len, reverse=True))
YEAR = r"(?P<year>(?:19|20)\d\d)"
# Year first only: 03/04/2026 could be March or April, so it is left alone. Month names
# are case-sensitive: "may 5" is not a date.
DATE_PATTERNS = tuple(
    re.compile(pattern, re.ASCII)
    for pattern in (
        rf"(?<![\d.\-/]){YEAR}(?P<sep>[-/.])(?P<month>\d{{1,2}})(?P=sep)(?P<day>\d{{1,2}})"
        r"(?!\d|[-/.]\d)",
        rf"(?<!\d)(?:{YEAR}\s?年\s?)?(?P<month>\d{{1,2}})\s?月\s?(?P<day>\d{{1,2}})\s?[日号號]",
        rf"(?<![A-Za-z0-9])(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s(?P<month>{MONTH_NAME})\.?"
        rf"(?![A-Za-z])(?:,?\s{YEAR}(?!\d|[-/.]\d))?",
        rf"(?<![A-Za-z])(?P<month>{MONTH_NAME})\.?\s(?P<day>\d{{1,2}})(?!\d)(?:st|nd|rd|th)?"
        rf"(?![A-Za-z])(?:,?\s{YEAR}(?!\d|[-/.]\d))?",
    )
)


@dataclass(frozen=True, slots=True)
class Entity:
    """One value a ticket mentions; ``text[start:end]`` is where it was written."""

    kind: EntityKind
    value: str
    start: int
    end: int
    network: str | None = None
    unit: str | None = None

    @property
    def is_fiat(self) -> bool:
        """Whether this is an amount of money in a fiat currency rather than a coin."""
        return self.kind == "amount" and self.unit in FIAT_CURRENCIES


def extract_entities(text: str) -> list[Entity]:
    """Every entity in ``text``, sorted by start; spans never overlap.

    Finders run in priority order, and a match touching a character an earlier one
    claimed is dropped; so is anything in a redaction marker, or in a link (but for the
    hash or address in it).
    """
    claimed = bytearray(len(text))
    for bracketed in BRACKETED.finditer(text):
        if any(word in bracketed.group().lower() for word in REDACTION_WORDS):
            claim(claimed, bracketed.start(), bracketed.end())
    found = claim_entities(claimed, find_identifiers(text))
    for url in URL.finditer(text):
        claim(claimed, url.start(), url.end())
    for finder in FINDERS:
        found += claim_entities(claimed, finder(text))
    return sorted(found, key=lambda entity: entity.start)


def parse_amount(text: str) -> Entity | None:
    """An amount typed by the agent ("0.5 ETH", "¥200", "100u", "1,000.50 USD"), or None.

    The whole text, bar surrounding spaces, must be one amount with its unit.
    """
    start, end = len(text) - len(text.lstrip()), len(text.rstrip())
    for pattern, units in AMOUNT_PATTERNS:
        match = pattern.fullmatch(text, start, end)
        if match:
            return to_amount(match, units)
    return None


def claim(claimed: bytearray, start: int, end: int) -> None:
    claimed[start:end] = b"\x01" * (end - start)


def claim_entities(claimed: bytearray, candidates: Iterable[Entity]) -> list[Entity]:
    """The candidates, first by span, whose characters nothing has claimed yet; claims them."""
    kept = []
    for entity in sorted(candidates, key=lambda entity: (entity.start, -entity.end)):
        if claimed.find(1, entity.start, entity.end) == -1:
            claim(claimed, entity.start, entity.end)
            kept.append(entity)
    return kept


def find_identifiers(text: str) -> Iterator[Entity]:
    """Transaction hashes and addresses, told apart by their format."""
    for match in IDENTIFIER.finditer(text):
        identified = identify(match.group())
        if identified:
            kind, network = identified
            if network in (None, "EVM"):
                network = explorer_network(text, match.start(), network)
            yield Entity(kind, match.group(), match.start(), match.end(), network=network)


def find_amounts(text: str) -> Iterator[Entity]:
    for pattern, units in AMOUNT_PATTERNS:
        for match in pattern.finditer(text):
            yield to_amount(match, units)


def to_amount(match: re.Match[str], units: dict[str, str]) -> Entity:
    """The amount a match of an amount pattern reads, as a plain decimal."""
    number = match["number"].replace(",", "")
    if match["multiplier"]:
        with localcontext(prec=len(number) + 10):  # exact, however many digits
            scaled = Decimal(number).scaleb(MULTIPLIER_EXPONENTS[match["multiplier"].lower()])
            number = format(scaled.normalize(), "f")
    unit = units[alias_key(match["unit"])]
    return Entity("amount", number, match.start(), match.end(), unit=unit)


def find_dates(text: str) -> Iterator[Entity]:
    """Calendar dates, as YYYY-MM-DD or, without a year, --MM-DD."""
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            month_text, year = match["month"], match["year"]
            month = int(month_text) if month_text.isdigit() else MONTHS[month_text]
            day = int(match["day"])
            try:
                date(int(year) if year else 2000, month, day)  # 2000: 29 Feb is a day
            except ValueError:
                continue
            value = f"{year or '-'}-{month:02d}-{day:02d}"
            yield Entity("date", value, match.start(), match.end())


def find_versions(text: str) -> Iterator[Entity]:
    yield from find_values(text, LABELLED_VERSION, "app_version")
    yield from find_values(text, BARE_VERSION, "app_version")


def find_order_ids(text: str) -> Iterator[Entity]:
    for entity in find_values(text, ORDER_ID, "order_id"):
        if any(char.isdigit() for char in entity.value):
            yield entity


def find_card_last4(text: str) -> Iterator[Entity]:
    return find_values(text, CARD_LAST4, "card_last4")


def find_values(text: str, pattern: re.Pattern[str], kind: EntityKind) -> Iterator[Entity]:
    """The ``value`` group of each match: the label before it is not part of the span."""
    for match in pattern.finditer(text):
        yield Entity(kind, match["value"], match.start("value"), match.end("value"))


def find_networks(text: str) -> Iterator[Entity]:
    yield from find_named(text, NETWORK, NETWORK_BY_ALIAS, "network")
    for match in NETWORK_IN_CONTEXT.finditer(text):
        yield Entity("network", str(match.lastgroup), match.start(), match.end())


def find_assets(text: str) -> Iterator[Entity]:
    return find_named(text, ASSET, ASSET_BY_ALIAS, "asset")


def find_platforms(text: str) -> Iterator[Entity]:
    return find_named(text, PLATFORM, PLATFORM_BY_ALIAS, "platform")


def find_named(
    text: str, pattern: re.Pattern[str], names: dict[str, str], kind: EntityKind
) -> Iterator[Entity]:
    """Each match of an alias pattern, as the name its alias stands for."""
    for match in pattern.finditer(text):
        yield Entity(kind, names[alias_key(match.group())], match.start(), match.end())


# After hashes and addresses, in priority order.
FINDERS: tuple[Callable[[str], Iterable[Entity]], ...] = (
    find_amounts,
    find_dates,
    find_versions,
    find_order_ids,
    find_card_last4,
    find_networks,
    find_assets,
    find_platforms,
)
