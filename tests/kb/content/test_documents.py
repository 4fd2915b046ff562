"""Reading article files into typed documents, and the tree into a catalogue."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kb.config import BUNDLED_ARTICLES_DIR
from kb.content.catalogue import load_catalogue
from kb.content.documents import Audience, Section, parse_document
from kb.errors import ArticlesNotFound, InvalidArticle, InvalidCatalogue
from tests.support.paths import LINT_FIXTURES

ARTICLE = """\
---
title: Sending takes a while
summary: Why a transfer can take some minutes.
updated: 2026-11-01
tags: [transactions]
keywords:
  - slow
  - pending
reply: |
  Hello {{ customer_name }}.
---

## Heading

Text.
"""


def test_parse_document_reads_names_fields_and_lines() -> None:
    document = parse_document(Path("articles/faq/sending-slow.en.md"), ARTICLE)

    assert (document.section, document.slug, document.lang) == (Section.FAQ, "sending-slow", "en")
    assert document.meta.title == "Sending takes a while"
    assert document.meta.updated == date(2026, 11, 1)
    assert document.meta.keywords == ["slow", "pending"]
    assert document.meta.reply == "Hello {{ customer_name }}.\n"
    assert document.audience is Audience.PUBLIC
    assert document.line_of("keywords") == 6
    lines = ARTICLE.splitlines()
    heading_offset = document.body.splitlines().index("## Heading")
    assert lines[document.body_line + heading_offset - 1] == "## Heading"


def test_runbooks_are_internal_unless_their_front_matter_says_otherwise() -> None:
    runbook = parse_document(Path("articles/runbooks/lookup.en.md"), ARTICLE)
    explicit = parse_document(
        Path("articles/faq/lookup.en.md"), ARTICLE.replace("tags:", "audience: internal\ntags:")
    )

    assert runbook.audience is Audience.INTERNAL
    assert explicit.audience is Audience.INTERNAL


BAD_HEADERS = [
    pytest.param(
        ARTICLE.replace("updated: 2026-11-01", "updated: soon"), 4, "'updated'", id="date"
    ),
    pytest.param(ARTICLE.replace("tags: [transactions]", "tags: []"), 5, "'tags'", id="no-tags"),
    pytest.param(
        ARTICLE.replace("title: Sending takes a while", "title: ' '"), 2, "title", id="blank"
    ),
    pytest.param(ARTICLE.replace("summary: Why", "summary: So: why"), 3, "quoted", id="yaml-colon"),
    pytest.param(ARTICLE.replace("---\n\n## Heading", "\n## Heading"), 1, "closing", id="unclosed"),
    pytest.param("[1, 2]\n", 1, "must start with", id="no-header"),
    pytest.param("---\n- a list\n---\nbody\n", 1, "mapping", id="not-a-mapping"),
    pytest.param(
        ARTICLE.replace("tags:", "translated_from: 123456789012\ntags:"),
        5,
        "quote the hash",
        id="numeric-hash",
    ),
]


@pytest.mark.parametrize(("text", "line", "fragment"), BAD_HEADERS)
def test_parse_document_names_the_line_of_a_bad_header(text: str, line: int, fragment: str) -> None:
    with pytest.raises(InvalidArticle) as raised:
        parse_document(Path("articles/faq/sending-slow.en.md"), text)

    assert (raised.value.line, raised.value.rule) == (line, "front-matter")
    assert fragment in raised.value.message
    assert str(raised.value).startswith(f"articles/faq/sending-slow.en.md:{line}: front-matter: ")


def test_the_bundled_catalogue_loads_with_both_languages_and_keeps_runbooks_internal() -> None:
    catalogue = load_catalogue(BUNDLED_ARTICLES_DIR)

    assert catalogue.articles
    for article in catalogue.articles.values():
        assert set(article.documents) == {"en", "zh"}, article.slug
        assert article.is_public == (article.section is Section.FAQ), article.slug
    public = {article.slug for article in catalogue.public_articles()}
    assert "escalation-policy" not in public
    assert "transaction-pending" in public


def test_load_catalogue_refuses_a_tree_with_unreadable_files() -> None:
    with pytest.raises(InvalidCatalogue) as raised:
        load_catalogue(LINT_FIXTURES / "front-matter-missing")

    assert [problem.rule for problem in raised.value.problems] == ["front-matter"]
    assert "sending.en.md:1: front-matter: required field 'summary'" in str(raised.value)


def test_load_catalogue_refuses_duplicate_slugs() -> None:
    with pytest.raises(InvalidCatalogue) as raised:
        load_catalogue(LINT_FIXTURES / "duplicate-slug")

    assert {problem.rule for problem in raised.value.problems} == {"duplicate-slug"}


def test_load_catalogue_names_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(ArticlesNotFound, match="articles folder not found"):
        load_catalogue(tmp_path / "missing")


def test_a_numeric_keyword_is_kept_as_a_word() -> None:
    text = ARTICLE.replace("  - slow\n", "  - 1155\n")

    document = parse_document(Path("articles/faq/nft.en.md"), text)

    assert document.meta.keywords == ["1155", "pending"]
