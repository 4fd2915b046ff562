"""What a suggestion answers: the FAQs to send, the runbooks to follow, the reply drafts.

Plain data, built by ``kb.suggest``; the API's response models (api/schemas/suggest.py)
and ``kb suggest`` show it.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.entities.extract import Entity
from kb.known_issues import KnownIssue
from kb.redaction.redact import SecretKind
from kb.replies.drafter import Reply
from kb.search.hybrid import Ranking
from kb.search.semantic_stage import SemanticState
from kb.text.language import TicketLanguage


@dataclass(frozen=True)
class MatchedTerm:
    """A ticket word that hit the article, and the fields it hit (title, keywords, ...)."""

    term: str
    fields: list[str]


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
    similarity: float | None = None  # the best passage's cosine (the semantic stage)


@dataclass(frozen=True)
class SuggestedRunbook:
    """An internal runbook for handling the ticket: ranked for the ticket's words itself
    (``score``, ``confidence`` and ``matched`` set), named by an answer among the FAQs
    (``named_by``), or both."""

    id: str
    title: str
    url: str
    audience: str
    score: float | None
    confidence: float | None
    matched: list[MatchedTerm]
    named_by: list[str]  # the suggested FAQs that name it in their runbooks field

    @property
    def ranked(self) -> bool:
        return self.score is not None


@dataclass(frozen=True)
class Suggestions:
    language: TicketLanguage
    articles: list[SuggestedArticle]
    replies: list[Reply]
    runbooks: list[SuggestedRunbook]  # empty unless internal articles were asked for
    entities: list[Entity]
    redacted: list[SecretKind]  # the kinds of secrets removed, never the secrets
    stored_text: str  # the ticket as it may be stored: secrets, e-mails and phones masked
    known_issue: KnownIssue | None = None  # the open issue whose reply comes first
    ranking: Ranking = "bm25"  # "hybrid" once the semantic stage is ready
    semantic: SemanticState = "off"
