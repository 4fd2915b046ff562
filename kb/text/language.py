"""Languages: of articles (``en``, ``zh``) and of tickets (``en``, ``zh``, ``zh-Hant``).

Which language a ticket is in: ``en``, ``zh`` (Simplified) or ``zh-Hant`` (Traditional).

Han characters decide Chinese even inside mostly-English text, because our users
write mixed tickets ("USDT转账一直pending") and expect a Chinese answer. Whether the
Chinese is Traditional is read off the characters that differ between the two
scripts, with hanzidentifier rather than a table of our own.
"""

from __future__ import annotations

import re
from typing import Literal, get_args

import hanzidentifier

from kb.errors import UnknownLanguage
from kb.text.han import HAN, to_traditional

# The languages articles are written in, one file each.
Language = Literal["en", "zh"]
LANGUAGES: tuple[Language, ...] = get_args(Language)
# Translations are made from the English text; see kb.content.translation.
SOURCE_LANGUAGE: Language = "en"

TicketLanguage = Literal["en", "zh", "zh-Hant"]
TICKET_LANGUAGES: tuple[TicketLanguage, ...] = get_args(TicketLanguage)

LATIN_LETTER = re.compile(r"[A-Za-z]")
# Fewer letters than this say nothing about a language ("ok", "??", "123").
MIN_LATIN_LETTERS = 3


def parse_language(given: str) -> TicketLanguage:
    """Accept a language code in any case (``zh-hant`` too); raise UnknownLanguage otherwise."""
    for choice in TICKET_LANGUAGES:
        if given.strip().lower() == choice.lower():
            return choice
    raise UnknownLanguage(given, TICKET_LANGUAGES)


def detect_language(text: str, default: TicketLanguage = "en") -> TicketLanguage:
    """The language of ``text``; ``default`` when it has too few letters to tell."""
    han = HAN.findall(text)
    if han:
        return "zh-Hant" if is_traditional("".join(han)) else "zh"
    if len(LATIN_LETTER.findall(text)) >= MIN_LATIN_LETTERS:
        return "en"
    return default


def is_traditional(han_text: str) -> bool:
    """Whether Traditional-only characters outnumber Simplified-only ones."""
    verdict = hanzidentifier.identify(han_text)
    if verdict == hanzidentifier.TRADITIONAL:
        return True
    if verdict != hanzidentifier.MIXED:
        return False  # Simplified, or only characters both scripts share
    traditional = sum(1 for char in han_text if not hanzidentifier.is_simplified(char))
    simplified = sum(1 for char in han_text if not hanzidentifier.is_traditional(char))
    return traditional > simplified


def article_language(language: TicketLanguage) -> Language:
    """The article language that answers a ticket: Traditional reads the Chinese articles."""
    return "en" if language == "en" else "zh"


def in_script(text: str, language: TicketLanguage) -> str:
    """Chinese text in the ticket's script: converted to Traditional for zh-Hant tickets."""
    return to_traditional(text) if language == "zh-Hant" else text
