"""The suggestion pipeline: ticket text -> language -> terms -> ranked, explained articles.

Redaction and reply drafts join this pipeline with the reply work (issue 6); the
shape of ``SuggestedArticle`` is the API's ``articles`` list item.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

from kb.articles import SOURCE_LANGUAGE, Document, Language
from kb.catalogue import Article, Catalogue
from kb.errors import KBError
from kb.language import TicketLanguage, detect_language
from kb.script import to_traditional
from kb.search import Hit, SearchIndex
from kb.tokens import Tokenizer

MAX_TEXT_LENGTH = 20_000
MAX_LIMIT = 20


class MatchedTerm(TypedDict):
    """A ticket word that hit the article, and the fields it hit (title, keywords, ...)."""

    term: str
    fields: list[str]


class InvalidQuery(KBError):
    """The ticket text or options cannot be searched (empty, too long, bad limit)."""


@dataclass(frozen=True)
class SuggestedArticle:
    id: str
    title: str
    audience: str
    score: float
    confidence: float
    url: str
    snippet: str
    matched: list[MatchedTerm]
    runbooks: list[str]

    def as_dict(self) -> dict[str, object]:
        return dict(vars(self))


@dataclass(frozen=True)
class Suggestions:
    language: TicketLanguage
    articles: list[SuggestedArticle]


def index_language(language: TicketLanguage) -> Language:
    """Traditional tickets search the Chinese index (its terms are Simplified)."""
    return "en" if language == "en" else "zh"


def article_url(site_url: str, article: Article, lang: Language) -> str:
    """The article's page on the help site (runbooks: on the internal agents' build)."""
    prefix = "" if lang == SOURCE_LANGUAGE else f"{lang}/"
    return f"{site_url.rstrip('/')}/{prefix}{article.section.value}/{article.slug}/"


class Suggester:
    """Finds the articles that answer a ticket; build once per process and share."""

    def __init__(
        self, catalogue: Catalogue, tokenizer: Tokenizer, index: SearchIndex, site_url: str
    ) -> None:
        self.catalogue = catalogue
        self.tokenizer = tokenizer
        self.index = index
        self.site_url = site_url

    @classmethod
    def open(
        cls, catalogue: Catalogue, locales_dir: Path, cache_dir: Path | None, site_url: str
    ) -> Suggester:
        tokenizer = Tokenizer(locales_dir)
        return cls(
            catalogue, tokenizer, SearchIndex.open(catalogue, tokenizer, cache_dir), site_url
        )

    def suggest(
        self,
        text: str,
        lang: TicketLanguage | None = None,
        limit: int = 5,
        include_internal: bool = False,
    ) -> Suggestions:
        """Rank the articles for ``text``; runbooks only when ``include_internal``.

        Raises InvalidQuery for empty or over-long text and a limit outside 1..20.
        """
        if not text.strip():
            raise InvalidQuery("text is empty; paste the ticket's text")
        if len(text) > MAX_TEXT_LENGTH:
            raise InvalidQuery(f"text is {len(text)} characters; the limit is {MAX_TEXT_LENGTH}")
        if not 1 <= limit <= MAX_LIMIT:
            raise InvalidQuery(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")
        language = lang or detect_language(text)
        searched = index_language(language)
        hits = self.index.search(self.tokenizer.tokens(text), searched, limit, include_internal)
        articles = [self.describe(hit, language, include_internal) for hit in hits]
        return Suggestions(language, articles)

    def describe(
        self, hit: Hit, language: TicketLanguage, include_internal: bool
    ) -> SuggestedArticle:
        article = self.catalogue.articles[hit.slug]
        lang = index_language(language)
        document = article.document(lang) or article.source
        assert document is not None  # an indexed article has the indexed language
        runbooks = article.related_runbooks if include_internal else []
        return SuggestedArticle(
            id=article.slug,
            title=in_script(document.meta.title, language),
            audience=article.audience.value,
            score=round(hit.score, 4),
            confidence=hit.confidence,
            url=article_url(self.site_url, article, lang),
            snippet=in_script(snippet_of(document), language),
            matched=[{"term": match.words, "fields": list(match.fields)} for match in hit.matched],
            runbooks=[slug for slug in runbooks if slug in self.catalogue.articles],
        )


def snippet_of(document: Document) -> str:
    """What the agent reads under the title: the summary, which states the answer."""
    return document.meta.summary


def in_script(text: str, language: TicketLanguage) -> str:
    return to_traditional(text) if language == "zh-Hant" else text
