"""The search index of both languages: built once per catalogue, cached, and rebuilt when
an article changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kb.config import BUNDLED_ARTICLES_DIR, BUNDLED_LOCALES_DIR
from kb.content.catalogue import load_catalogue
from kb.content.documents import Audience
from kb.search.index import SearchIndex
from kb.text.tokens import Tokenizer


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
    hits = changed.search(tokenizer.tokens("zorkmids"), "en", 3, Audience.PUBLIC)
    assert [hit.slug for hit in hits] == ["network-fees"]
    loaded = SearchIndex.open(load_catalogue(articles), tokenizer, cache)
    assert [
        hit.slug for hit in loaded.search(tokenizer.tokens("zorkmids"), "en", 3, Audience.PUBLIC)
    ] == ["network-fees"]


def test_an_unwritable_cache_is_not_fatal(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x", encoding="utf-8")
    tokenizer = Tokenizer(BUNDLED_LOCALES_DIR)

    index = SearchIndex.open(load_catalogue(BUNDLED_ARTICLES_DIR), tokenizer, blocked / "cache")

    assert index.search(tokenizer.tokens("gas fee"), "en", 1, Audience.PUBLIC)
    assert "search index not cached" in caplog.text
