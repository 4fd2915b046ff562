"""Suggestions over the bundled catalogue: audience, explanations, confidence, cache."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kb.catalogue import load_catalogue
from kb.config import BUNDLED_ARTICLES_DIR, BUNDLED_LOCALES_DIR
from kb.search import SearchIndex
from kb.suggest import InvalidQuery, Suggester
from kb.tokens import Tokenizer

UNRELATED = [
    "What is the weather like tomorrow in Paris?",
    "Can you recommend a good restaurant near the office?",
    "I want to order a pizza",
    "明天北京天气怎么样？",
    "帮我订一张去上海的机票",
]
# Below this, the service shows "no article fits" (README, "Confidence").
CONFIDENT = 0.25


@pytest.fixture(scope="module")
def suggester(tmp_path_factory: pytest.TempPathFactory) -> Suggester:
    catalogue = load_catalogue(BUNDLED_ARTICLES_DIR)
    cache = tmp_path_factory.mktemp("cache")
    return Suggester.open(catalogue, BUNDLED_LOCALES_DIR, cache, "https://help.example")


def test_public_suggestions_never_include_runbooks(suggester: Suggester) -> None:
    ticket = "customer says wallet was drained, what evidence should I collect and who to report to"

    public = suggester.suggest(ticket, limit=20)
    internal = suggester.suggest(ticket, limit=20, include_internal=True)

    assert public.articles
    assert all(article.audience == "public" for article in public.articles)
    assert all(article.runbooks == [] for article in public.articles)
    assert "security-incident-handling" in [article.id for article in internal.articles]


@pytest.mark.parametrize("ticket", UNRELATED)
def test_an_unrelated_ticket_gets_no_confident_suggestion(
    suggester: Suggester, ticket: str
) -> None:
    found = suggester.suggest(ticket, include_internal=True)

    assert all(article.confidence < CONFIDENT for article in found.articles), found.articles


def test_a_clear_ticket_gets_a_confident_first_suggestion(suggester: Suggester) -> None:
    found = suggester.suggest("USDT转账一直pending")

    first = found.articles[0]
    assert (found.language, first.id) == ("zh", "transaction-pending")
    assert first.confidence >= 0.5
    assert first.url == "https://help.example/zh/faq/transaction-pending/"
    assert {"term": "pending", "fields": ["title", "keywords", "summary", "body"]} in first.matched


def test_matched_terms_show_the_words_the_ticket_used(suggester: Suggester) -> None:
    found = suggester.suggest("I lost my seed words", include_internal=True)

    first = found.articles[0]
    assert first.id == "lost-recovery-phrase"
    assert [match["term"] for match in first.matched] == ["lost", "seed words"]


def test_faq_suggestions_carry_their_runbooks_for_agents(suggester: Suggester) -> None:
    found = suggester.suggest("my card was declined at the shop", include_internal=True)

    card = next(article for article in found.articles if article.id == "card-payment-declined")
    assert card.runbooks == ["card-payment-triage"]


def test_traditional_tickets_get_traditional_titles(suggester: Suggester) -> None:
    found = suggester.suggest("我的助記詞不見了，錢包還可以恢復嗎？")

    assert found.language == "zh-Hant"
    titles = " ".join(article.title for article in found.articles)
    assert "助記詞" in titles
    assert "助记词" not in titles


def test_a_forced_language_answers_in_it_with_the_same_articles(suggester: Suggester) -> None:
    ticket = "My transaction failed but I was still charged a gas fee"
    detected = suggester.suggest(ticket)

    found = suggester.suggest(ticket, lang="zh-Hant")

    assert found.language == "zh-Hant"
    assert [article.id for article in found.articles] == [a.id for a in detected.articles]
    assert found.articles[0].id == "transaction-failed"
    assert found.articles[0].title == "交易失敗了，為什麼還扣了礦工費？"
    assert found.articles[0].url.startswith("https://help.example/zh/")
    assert found.replies[0].language == "zh-Hant"


@pytest.mark.parametrize(
    ("text", "limit", "message"),
    [("   ", 5, "text is empty"), ("x" * 20_001, 5, "the limit is 20000"), ("fee", 0, "limit")],
    ids=["empty", "too-long", "bad-limit"],
)
def test_bad_queries_are_clear_errors(
    suggester: Suggester, text: str, limit: int, message: str
) -> None:
    with pytest.raises(InvalidQuery, match=message):
        suggester.suggest(text, limit=limit)


def test_the_index_is_cached_and_rebuilt_when_an_article_changes(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    shutil.copytree(BUNDLED_ARTICLES_DIR, articles)
    cache = tmp_path / "cache"
    tokenizer = Tokenizer(BUNDLED_LOCALES_DIR)

    first = SearchIndex.open(load_catalogue(articles), tokenizer, cache)
    marker = cache / f"index-{first.key}" / "complete"
    built_at = marker.stat().st_mtime_ns
    again = SearchIndex.open(load_catalogue(articles), tokenizer, cache)
    assert again.key == first.key
    assert marker.stat().st_mtime_ns == built_at  # loaded, not rebuilt

    page = articles / "faq" / "network-fees.en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nPaying in zorkmids.\n", "utf-8")
    changed = SearchIndex.open(load_catalogue(articles), tokenizer, cache)

    assert changed.key != first.key
    assert sorted(path.name for path in cache.iterdir()) == sorted(
        [f"index-{first.key}", f"index-{changed.key}"]
    )
    hits = changed.search(tokenizer.tokens("zorkmids"), "en", 3, include_internal=False)
    assert [hit.slug for hit in hits] == ["network-fees"]
    loaded = SearchIndex.open(load_catalogue(articles), tokenizer, cache)
    assert [hit.slug for hit in loaded.search(tokenizer.tokens("zorkmids"), "en", 3, False)] == [
        "network-fees"
    ]


def test_an_unwritable_cache_is_not_fatal(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x", encoding="utf-8")
    tokenizer = Tokenizer(BUNDLED_LOCALES_DIR)

    index = SearchIndex.open(load_catalogue(BUNDLED_ARTICLES_DIR), tokenizer, blocked / "cache")

    assert index.search(tokenizer.tokens("gas fee"), "en", 1, False)
    assert "search index not cached" in caplog.text
