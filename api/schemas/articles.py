"""Bodies of /v1/articles and /v1/search; ``ArticleOut`` is also an item of /v1/suggest."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from api.schemas.common import FromLibrary
from kb.text.language import TicketLanguage


class MatchedTermOut(FromLibrary):
    term: str
    fields: list[str]


class ArticleOut(FromLibrary):
    id: str = Field(description="The article's slug, its id everywhere.")
    title: str
    audience: Literal["public", "internal"]
    score: float = Field(description="BM25 score; comparable only within one answer.")
    confidence: float = Field(ge=0, le=1, description="How sure the ranking is, 0..1.")
    url: str
    snippet: str = Field(
        description="The passage that matched the ticket's meaning, else the article's summary."
    )
    matched: list[MatchedTermOut] = Field(description="Ticket words that hit the article.")
    runbooks: list[str] = Field(description="Slugs of the runbooks for handling this case.")
    similarity: float | None = Field(
        None,
        description="Cosine of the ticket and the article's best passage (the semantic "
        "stage); null when the answer is BM25's alone.",
    )


class SearchResponse(BaseModel):
    language: TicketLanguage
    articles: list[ArticleOut]


class ArticleSummary(BaseModel):
    id: str
    audience: Literal["public", "internal"]
    section: str
    languages: list[str]
    titles: dict[str, str]


class ArticleList(BaseModel):
    articles: list[ArticleSummary]


class ArticleDetail(BaseModel):
    id: str
    language: str
    audience: Literal["public", "internal"]
    section: str
    title: str
    summary: str
    body: str = Field(description="The article's Markdown, without front matter.")
    url: str
    runbooks: list[str]
    contacts: dict[str, str] = Field(
        description="Runbooks: who and what to reach (label: tool, channel or owner); a value "
        "in <angle brackets> is a placeholder the team has not filled in. Empty for FAQs."
    )
    targets: dict[str, str] = Field(
        description="Runbooks: the time targets to meet (label: duration). Empty for FAQs."
    )
