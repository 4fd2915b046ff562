"""Amounts and dates written the way the reply's reader writes them, with Babel.

Crypto amounts keep every significant decimal: Babel's default pattern rounds
to three places and would turn 0.00012345 BTC into 0. A crypto symbol is not a
currency Babel knows (it would print ``BTC0.00``), so crypto is number + symbol
and only fiat goes through the currency formats. Babel raises on numbers from
1e25 up; those (and anything unparsable) are shown as the ticket wrote them.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_currency, format_decimal

from kb.text.language import TicketLanguage

REPLY_LOCALES: dict[TicketLanguage, str] = {
    "en": "en_US",
    "zh": "zh_Hans_CN",
    "zh-Hant": "zh_Hant_TW",
}
LARGEST_FORMATTED = Decimal("1e24")
# A year for Babel to hold a month and day that came without one (29 February exists).
LEAP_YEAR = 2000


def reply_locale(language: TicketLanguage) -> Locale:
    return Locale.parse(REPLY_LOCALES[language])


def format_amount(value: str, unit: str, fiat: bool, language: TicketLanguage) -> str:
    """``0.5 ETH`` / ``US$1,000.50`` for ``language``; as given when it cannot be formatted."""
    try:
        number = Decimal(value)
    except InvalidOperation:
        return f"{value} {unit}"
    if not number.is_finite() or abs(number) >= LARGEST_FORMATTED:
        return f"{value} {unit}"
    locale = reply_locale(language)
    if fiat:
        return format_currency(number, unit, locale=locale)
    return f"{format_decimal(number, locale=locale, decimal_quantization=False)} {unit}"


def format_date_value(value: str, language: TicketLanguage) -> str:
    """An ISO date (``2026-11-24``, or ``--11-24`` without a year) for ``language``."""
    locale = reply_locale(language)
    try:
        if value.startswith("--"):
            month, day = (int(part) for part in value[2:].split("-"))
            return format_skeleton("MMMMd", datetime.date(LEAP_YEAR, month, day), locale=locale)
        return format_long_date(datetime.date.fromisoformat(value), language)
    except ValueError:
        return value


def format_long_date(day: datetime.date, language: TicketLanguage) -> str:
    """``November 24, 2026`` / ``2026年11月24日`` for ``language``."""
    return format_date(day, "long", locale=reply_locale(language))
