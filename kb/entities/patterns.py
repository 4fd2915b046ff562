"""The entity finders' regular expressions, compiled once from the alias tables.

Tickets are untrusted and can be huge pastes, so every pattern runs in linear time: a
pattern that starts with a repeated class has a lookbehind that rejects starting inside a
run of it, and repeats are bounded or possessive, so a megabyte of hex is scanned once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kb.entities.aliases import (
    ASSET_ALIASES,
    CASE_SENSITIVE_ALIASES,
    CURRENCY_PREFIXES,
    FIAT_ALIASES,
    MONTHS,
    NETWORK_ALIASES,
    NETWORK_WORDS_IN_CONTEXT,
    PLATFORM_ALIASES,
)

FLAGS = re.IGNORECASE | re.ASCII  # ASCII: \d and \s mean what a reader expects
# Where a Latin word begins and ends. Token standards are often glued to the coin
# ("TRC20USDT", "USDTTRC20"), so those joins count as word edges too.
WORD_START = r"(?:(?<![A-Za-z0-9])|(?<=20)|(?<=usdt)|(?<=usdc))"
WORD_END = r"(?:(?![A-Za-z0-9])|(?=usdt|usdc|(?:trc|erc|bep)-?20))"
# Not inside a word, a version, a grouped number, a token standard or after a currency sign.
NUMBER_START = r"(?=\d)(?<![A-Za-z0-9_.\-/$¥￥€£])(?<!\d,)(?<!trc )(?<!erc )(?<!bep )"
NUMBER = r"(?:\d{1,3}(?:,\d{3})++|\d++)(?:\.\d++)?(?![.,]\d)"
MULTIPLIER = r"(?:[万萬千亿億]|k(?![A-Za-z]))"
# What makes an ambiguous word a network (NETWORK_WORDS_IN_CONTEXT): "Base链", "TON network".
NETWORK_SUFFIX = r"[ -]?(?:(?:network|chain|mainnet)(?![A-Za-z])|链|鏈|网络|網絡|網路)"


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
