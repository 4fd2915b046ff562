"""Secrets out of ticket text: recovery phrases, private keys, card numbers.

Users paste these into tickets every day. Everything after this step (search,
storage, logs, metrics) sees only the redacted text, where each secret is a
marker in the ticket's language ("[recovery phrase removed]"). E-mail addresses
and phone numbers are not secrets in a reply, but are masked before storage
(``Redaction.stored_text``, with ``kb.redaction.contacts``).

A 64-hex value is ambiguous: the same shape is a private key or a transaction
hash. The label nearest before it decides ("private key: …" versus "txid …",
or an explorer URL); unlabelled, it is taken for a hash, which tickets quote
far more often. Every pattern is linear: no nested quantifiers, and patterns
over runs of one character class start only where the run starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

import base58

from kb.redaction.contacts import mask_contacts
from kb.redaction.recovery_phrases import find_phrases
from kb.text.language import TicketLanguage, detect_language
from kb.text.messages import N_, Messages

SecretKind = Literal["recovery_phrase", "private_key", "extended_private_key", "card_number"]
# What stands where a secret was, in the ticket's language (gettext, see kb.text.messages).
MARKERS: dict[SecretKind, str] = {
    "recovery_phrase": N_("[recovery phrase removed]"),
    "private_key": N_("[private key removed]"),
    "extended_private_key": N_("[extended private key removed]"),
    "card_number": N_("[card number ending %(last4)s removed]"),
}

_BASE58 = "1-9A-HJ-NP-Za-km-z"
HEX_64 = re.compile(r"(?<![0-9A-Za-z])(?:0x)?[0-9a-fA-F]{64}(?![0-9A-Za-z])")
WIF = re.compile(rf"(?<![0-9A-Za-z])[5KLc9][{_BASE58}]{{50,51}}(?![0-9A-Za-z])")
EXTENDED_KEY = re.compile(rf"(?<![0-9A-Za-z])[xyztuvYZUV]prv[{_BASE58}]{{100,108}}(?![0-9A-Za-z])")
CARD_CANDIDATE = re.compile(r"(?<![0-9A-Za-z+.,])[0-9][0-9 \-]*[0-9](?![0-9A-Za-z])")
DIGIT_GROUP = re.compile(r"[0-9]+")
KEY_LABEL = re.compile(
    r"priv(?:ate)?[ _-]?key|secret[ _-]?key|\bkey\b|私钥|私鑰|密钥|密鑰", re.IGNORECASE
)
TX_LABEL = re.compile(
    r"\btx(?:id|hash|n)?\b|transaction|\bhash\b|交易|哈希|/tx/|/transaction/", re.IGNORECASE
)
CARD_LABEL = re.compile(r"card|卡", re.IGNORECASE)
ORDER_LABEL = re.compile(
    r"order|reference|\bref\b|订单|訂單|单号|單號|流水号|流水號", re.IGNORECASE
)
# How far before a value its label may stand (a short sentence: "my private key is").
LABEL_REACH = 48

CARD_DIGITS = range(13, 20)
MAX_CARD_GROUPS = 5
WIF_VERSIONS = {0x80, 0xEF}
EXTENDED_KEY_BYTES = 78


@dataclass(frozen=True)
class Secret:
    """Where a secret sits: in the original text (``find_secrets``), or where its marker
    sits in the redacted text (``Redaction.removals``). The secret itself is never kept."""

    kind: SecretKind
    start: int
    end: int
    certain: bool  # a checksum confirmed it
    last4: str | None = None  # card numbers: the digits we may keep


@dataclass(frozen=True)
class Redaction:
    text: str  # secrets replaced by markers: what is shown and stored
    bare_text: str  # secrets dropped: what is searched (marker words would skew ranking)
    removals: list[Secret]  # spans of the markers in ``text``
    language: TicketLanguage  # the language of the text around the secrets

    @property
    def kinds(self) -> list[SecretKind]:
        """The kinds removed, each once, in order of appearance."""
        return list(dict.fromkeys(removal.kind for removal in self.removals))

    @property
    def stored_text(self) -> str:
        """The text as it may be stored or logged: secrets removed, contacts masked too.

        The one rule for what reaches storage; every store of ticket text goes through it.
        """
        return mask_contacts(self.text)


def redact(text: str, messages: Messages, language: TicketLanguage | None = None) -> Redaction:
    """``text`` with every secret replaced by a marker in the text's language.

    The language is that of the text around the secrets unless ``language`` is given.
    """
    secrets = find_secrets(text)
    bare_text = without(text, secrets)
    if language is None:
        language = detect_language(bare_text)
        if language == "zh":
            # Text shared by both scripts ("你好") cannot tell; a Traditional phrase can.
            language = detect_language(text)
    pieces: list[str] = []
    removals: list[Secret] = []
    position = length = 0
    for secret in secrets:
        pieces.append(text[position : secret.start])
        length += secret.start - position
        values = {"last4": secret.last4} if secret.last4 else {}
        marker = messages.text(MARKERS[secret.kind], language, **values)
        removals.append(replace(secret, start=length, end=length + len(marker)))
        pieces.append(marker)
        length += len(marker)
        position = secret.end
    pieces.append(text[position:])
    return Redaction("".join(pieces), bare_text, removals, language)


def find_secrets(text: str) -> list[Secret]:
    """Every secret in ``text``, in order, without overlaps."""
    found = [
        *(
            Secret("recovery_phrase", match.start, match.end, match.certain)
            for match in find_phrases(text)
        ),
        *find_hex_keys(text),
        *find_wif_keys(text),
        *find_extended_keys(text),
        *find_card_numbers(text),
    ]
    return without_overlaps(found)


def find_hex_keys(text: str) -> list[Secret]:
    return [
        Secret("private_key", match.start(), match.end(), certain=False)
        for match in HEX_64.finditer(text)
        if is_labelled_key(text, match.start(), match.end())
    ]


def is_labelled_key(text: str, start: int, end: int) -> bool:
    """A key label nearest before the value, or (with no label before) right after it."""
    label = label_before(text, start, KEY_LABEL, TX_LABEL)
    if label == "none":
        return not in_url(text, start) and key_label_after(text, end)
    return label == "mine"


def find_wif_keys(text: str) -> list[Secret]:
    found: list[Secret] = []
    for match in WIF.finditer(text):
        payload = decode_base58check(match.group())
        certain = payload is not None and payload[0] in WIF_VERSIONS and len(payload) in (33, 34)
        if certain or label_before(text, match.start(), KEY_LABEL, TX_LABEL) == "mine":
            found.append(Secret("private_key", match.start(), match.end(), certain))
    return found


def find_extended_keys(text: str) -> list[Secret]:
    """Any xprv-like string is a key attempt, even mistyped; the checksum rates it."""
    found: list[Secret] = []
    for match in EXTENDED_KEY.finditer(text):
        payload = decode_base58check(match.group())
        certain = payload is not None and len(payload) == EXTENDED_KEY_BYTES
        found.append(Secret("extended_private_key", match.start(), match.end(), certain))
    return found


def find_card_numbers(text: str) -> list[Secret]:
    """Luhn-valid runs of 13-19 digits, in groups split by single spaces or dashes."""
    found: list[Secret] = []
    for candidate in CARD_CANDIDATE.finditer(text):
        groups = [group.span() for group in DIGIT_GROUP.finditer(text, *candidate.span())]
        first = 0
        while first < len(groups):
            last = longest_card(text, groups, first)
            if last is None:
                first += 1
                continue
            start, end = groups[first][0], groups[last][1]
            if label_before(text, start, CARD_LABEL, ORDER_LABEL) != "other":
                digits = "".join(text[a:b] for a, b in groups[first : last + 1])
                found.append(Secret("card_number", start, end, True, last4=digits[-4:]))
            first = last + 1
    return found


def longest_card(text: str, groups: list[tuple[int, int]], first: int) -> int | None:
    """The last group of the longest card number starting at group ``first``, if any."""
    digits = ""
    best = None
    for last in range(first, min(first + MAX_CARD_GROUPS, len(groups))):
        if last > first and groups[last][0] - groups[last - 1][1] != 1:
            break  # two separators in a row: a new number
        digits += text[groups[last][0] : groups[last][1]]
        if len(digits) > CARD_DIGITS[-1]:
            break
        if len(digits) in CARD_DIGITS and luhn_valid(digits):
            best = last
    return best


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, digit in enumerate(reversed(digits)):
        value = int(digit) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def decode_base58check(value: str) -> bytes | None:
    try:
        return base58.b58decode_check(value)
    except ValueError:
        return None


def label_before(text: str, start: int, mine: re.Pattern[str], other: re.Pattern[str]) -> str:
    """Which label ends nearest before ``start``: "mine", "other" or "none"."""
    window = text[max(0, start - LABEL_REACH) : start]
    ends = {
        name: max((match.end() for match in pattern.finditer(window)), default=-1)
        for name, pattern in (("mine", mine), ("other", other))
    }
    if ends["mine"] == ends["other"] == -1:
        return "none"
    return "mine" if ends["mine"] > ends["other"] else "other"


def key_label_after(text: str, end: int) -> bool:
    """A key label right after the value ("0xabc… is my private key")."""
    window = text[end : end + LABEL_REACH // 2]
    return KEY_LABEL.search(window) is not None and TX_LABEL.search(window) is None


def in_url(text: str, start: int) -> bool:
    word_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    return "://" in text[word_start:start]


def without_overlaps(found: list[Secret]) -> list[Secret]:
    """One secret per stretch of text: the earlier (then the longer) one wins the overlap."""
    kept: list[Secret] = []
    for secret in sorted(found, key=lambda secret: (secret.start, secret.start - secret.end)):
        if kept and secret.start < kept[-1].end:
            last = kept[-1]
            if secret.end > last.end:
                kept[-1] = replace(last, end=secret.end)
            continue
        kept.append(secret)
    return kept


def without(text: str, secrets: list[Secret]) -> str:
    """``text`` with the secrets blanked out (for deciding the surrounding language)."""
    pieces, position = [], 0
    for secret in secrets:
        pieces.append(text[position : secret.start])
        position = secret.end
    pieces.append(text[position:])
    return " ".join(pieces)
