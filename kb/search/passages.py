"""The passages of an article that the semantic stage embeds, one vector each.

An article's meaning is spread over its text, and a model reads a few hundred tokens well,
not a whole page: so each article becomes its title with its summary, its title with its
keywords (the words users type), and, for FAQs, its body in short runs of paragraphs, each
under its title. A ticket then matches the passage that says what it asks, which is also
what the agent is shown. Runbooks are long and agents' questions name their topic: their
title, summary and keywords are enough.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.content.catalogue import Catalogue
from kb.content.documents import Document, Section
from kb.text.language import LANGUAGES, Language

# About 120 of the model's tokens: English has about four characters a token, Chinese one.
PASSAGE_CHARACTERS = {"en": 480, "zh": 150}

MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
# A link to another article: its text is that article's title, which says what the other
# article is about, not this one ("Related articles" lists four of them).
ARTICLE_LINK = re.compile(r"\[[^\]]*\]\((?![a-z]+:)[^)\s]*\.md(?:#[^)]*)?\)")
MARKDOWN_MARKS = re.compile(r"^\s{0,3}(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s?)|[*_`|]+", re.M)
BLANK_LINES = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Passage:
    slug: str
    lang: Language
    text: str


def catalogue_passages(catalogue: Catalogue) -> list[Passage]:
    """Every passage of every article, in catalogue order, both languages."""
    return [
        Passage(article.slug, lang, text)
        for article in catalogue.articles.values()
        for lang in LANGUAGES
        if (document := article.document(lang)) is not None
        for text in document_passages(document)
    ]


def document_passages(document: Document) -> list[str]:
    meta = document.meta
    passages = [f"{meta.title}\n{meta.summary}", f"{meta.title}\n{', '.join(meta.keywords)}"]
    if document.section is Section.FAQ:
        passages += [f"{meta.title}\n{run}" for run in body_runs(document.body, document.lang)]
    return passages


def body_runs(body: str, lang: Language) -> list[str]:
    """The body as plain text in runs of whole paragraphs, each under PASSAGE_CHARACTERS
    (a longer paragraph is a run of its own)."""
    limit = PASSAGE_CHARACTERS[lang]
    runs: list[str] = []
    current = ""
    for paragraph in BLANK_LINES.split(plain_text(body)):
        paragraph = " ".join(paragraph.split())
        if not paragraph:
            continue
        if current and len(current) + len(paragraph) + 1 > limit:
            runs.append(current)
            current = ""
        current = f"{current} {paragraph}".strip()
    if current:
        runs.append(current)
    return runs


def plain_text(markdown: str) -> str:
    """Markdown as the words that say what the article is about: the text of links to
    other articles dropped, other link texts kept, marks dropped."""
    return MARKDOWN_MARKS.sub("", MARKDOWN_LINK.sub(r"\1", without_article_links(markdown)))


def without_article_links(markdown: str) -> str:
    """The Markdown without links to other articles, text included."""
    return ARTICLE_LINK.sub("", markdown)
