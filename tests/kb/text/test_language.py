"""Which language a ticket is in."""

from __future__ import annotations

import pytest

from kb.errors import UnknownLanguage
from kb.text.language import detect_language, parse_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("My transaction is stuck", "en", id="english"),
        pytest.param("转账一直显示待确认怎么办", "zh", id="simplified"),
        pytest.param("轉帳一直顯示待確認怎麼辦", "zh-Hant", id="traditional"),
        pytest.param("USDT转账一直pending", "zh", id="mixed-simplified"),
        pytest.param("my USDT轉帳 still pending after 2 hours", "zh-Hant", id="mixed-traditional"),
        pytest.param("我的钱包", "zh", id="shared-characters-are-simplified"),
        pytest.param("🙏🙏 123 !!", "en", id="emoji-and-numbers"),
        pytest.param("", "en", id="empty"),
        pytest.param("ok", "en", id="too-short"),
    ],
)
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_short_or_symbol_only_text_falls_back_to_the_given_default() -> None:
    assert detect_language("👍 42", default="zh") == "zh"
    assert detect_language("hi", default="zh-Hant") == "zh-Hant"


@pytest.mark.parametrize("given", ["en", "ZH", "zh-hant", " zh-Hant "])
def test_parse_language_accepts_any_case(given: str) -> None:
    assert parse_language(given).lower() == given.strip().lower()


def test_an_unknown_language_lists_the_choices() -> None:
    with pytest.raises(UnknownLanguage, match="unknown language 'fr'; use one of: en, zh, zh-Hant"):
        parse_language("fr")
