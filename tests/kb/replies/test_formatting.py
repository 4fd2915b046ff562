"""Amounts and dates written for the reply's locale, with Babel."""

from __future__ import annotations

import pytest

from kb.replies.formatting import format_amount, format_date_value
from kb.text.language import TicketLanguage


@pytest.mark.parametrize(
    ("value", "unit", "fiat", "language", "expected"),
    [
        ("0.00012345", "BTC", False, "en", "0.00012345 BTC"),
        ("1000.50", "USDT", False, "en", "1,000.5 USDT"),
        ("12345678.9", "ETH", False, "zh", "12,345,678.9 ETH"),
        ("1000.5", "USD", True, "en", "$1,000.50"),
        ("1000.5", "USD", True, "zh", "US$1,000.50"),
        ("200", "CNY", True, "zh", "¥200.00"),
        ("200", "CNY", True, "en", "CN¥200.00"),
        ("500", "TWD", True, "zh-Hant", "$500.00"),
        ("1e30", "ETH", False, "en", "1e30 ETH"),
        ("lots", "ETH", False, "en", "lots ETH"),
    ],
)
def test_amounts_are_formatted_for_the_reply_locale(
    value: str, unit: str, fiat: bool, language: TicketLanguage, expected: str
) -> None:
    assert format_amount(value, unit, fiat, language) == expected


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        ("2026-11-24", "en", "November 24, 2026"),
        ("2026-11-24", "zh", "2026年11月24日"),
        ("2026-11-24", "zh-Hant", "2026年11月24日"),
        ("--02-29", "en", "February 29"),
        ("--11-24", "zh", "11月24日"),
        ("2026-13-45", "en", "2026-13-45"),
    ],
)
def test_dates_are_formatted_for_the_reply_locale(
    value: str, language: TicketLanguage, expected: str
) -> None:
    assert format_date_value(value, language) == expected
