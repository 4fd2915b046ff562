"""What a support ticket mentions: the values that fill a reply template's placeholders.

Agents answer tickets ("USDT转账一直pending") with templates that name the customer's
transaction hash, address, network, amount, order id, app version, platform, card digits
and dates (see ``kb.placeholders``). This module finds those values in the already
redacted ticket text, in English, Simplified and Traditional Chinese and mixed text, and
normalises them: one canonical name per network, plain decimal amounts with an asset
symbol or ISO currency code, ISO 8601 dates.

Hashes and addresses are recognised by their format (hex length, base58check version
byte, bech32 checksum), never by the words around them, and win over everything else.
What users call each network, coin and currency is in ``kb.entities.aliases``; the
patterns built from those tables, all linear, in ``kb.entities.patterns``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, localcontext
from typing import Literal

from kb.entities.aliases import FIAT_CURRENCIES, MONTHS, MULTIPLIER_EXPONENTS
from kb.entities.chain_formats import explorer_network, identify
from kb.entities.patterns import (
    AMOUNT_PATTERNS,
    ASSET,
    ASSET_BY_ALIAS,
    BARE_VERSION,
    BRACKETED,
    CARD_LAST4,
    DATE_PATTERNS,
    IDENTIFIER,
    LABELLED_VERSION,
    NETWORK,
    NETWORK_BY_ALIAS,
    NETWORK_IN_CONTEXT,
    ORDER_ID,
    PLATFORM,
    PLATFORM_BY_ALIAS,
    REDACTION_WORDS,
    URL,
    alias_key,
)

EntityKind = Literal[
    "tx_hash", "address", "network", "asset", "amount",
    "order_id", "app_version", "platform", "card_last4", "date",
]  # fmt: skip


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
