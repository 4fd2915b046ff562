"""Bodies of POST /v1/suggest and POST /v1/feedback."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, create_model

from api.schemas.articles import ArticleOut, MatchedTermOut
from api.schemas.common import CLEANED, FromLibrary, Slug, Strict, TicketText
from kb.content.placeholders import PLACEHOLDERS, SERVICE_PLACEHOLDERS
from kb.insights.feedback import Rating
from kb.redaction.redact import SecretKind
from kb.suggest import MAX_LIMIT, MAX_SUBJECT_LENGTH
from kb.suggestions import Suggestions
from kb.text.language import TicketLanguage

PLACEHOLDER_VALUE_LENGTH = 200


class AgentValues(Strict):
    def values(self) -> dict[str, str]:
        return {name: value for name, value in self.model_dump().items() if value is not None}


AgentValue = Annotated[str, Field(max_length=PLACEHOLDER_VALUE_LENGTH), *CLEANED] | None
# One optional field per placeholder the agent may fill (the service fills article_url),
# described from the one placeholder table, so the docs cannot drift from the templates.
AGENT_FIELDS: dict[str, Any] = {
    name: (AgentValue, Field(None, description=description))
    for name, description in PLACEHOLDERS.items()
    if name not in SERVICE_PLACEHOLDERS
}
ReplyContext = create_model(
    "ReplyContext",
    __base__=AgentValues,
    __doc__="What the agent knows that the ticket may not say; each fills its placeholder.",
    **AGENT_FIELDS,
)


class SuggestRequest(Strict):
    text: TicketText
    subject: Annotated[str, Field(max_length=MAX_SUBJECT_LENGTH), *CLEANED] | None = Field(
        None,
        description="The e-mail's or helpdesk ticket's subject: weighed as the strongest "
        "signal, and stored with the text. Quoted earlier messages and signatures in `text` "
        "are left out of the ranking (not out of what is stored).",
    )
    lang: TicketLanguage | None = Field(
        None,
        description="Answer (titles, replies) in this language instead of the detected one; "
        "the ticket is still searched in its own language.",
    )
    limit: int = Field(
        5, ge=1, le=MAX_LIMIT, description="How many FAQs, and how many runbooks, to rank."
    )
    context: ReplyContext = Field(default_factory=ReplyContext)


class ReplyOut(FromLibrary):
    article_id: str
    language: TicketLanguage
    text: str
    missing: list[str] = Field(description="Placeholders left as [name] for the agent to fill.")
    url: str
    known_issue_id: int | None = Field(
        None,
        description="Set on an open known issue's reply, which then comes first; its "
        "article_id is known-issue-<id>, not an article.",
    )


class RunbookOut(FromLibrary):
    """An internal runbook to follow for this ticket (agents only; never send it)."""

    id: str
    title: str
    url: str
    audience: Literal["internal"]
    ranked: bool = Field(description="Found for the ticket's own words (then scored).")
    score: float | None = Field(description="BM25 score among the runbooks; null if not ranked.")
    confidence: float | None = Field(
        ge=0, le=1, description="How sure the ranking is, 0..1; null if not ranked."
    )
    matched: list[MatchedTermOut] = Field(description="Ticket words that hit the runbook.")
    named_by: list[str] = Field(
        description="Slugs of the suggested FAQs that name this runbook for their case."
    )


class EntityOut(FromLibrary):
    kind: str
    value: str
    start: int = Field(description="Where it starts in the ticket as redacted.")
    end: int
    network: str | None
    unit: str | None


class KnownIssueMatch(FromLibrary):
    id: int
    title: str


class SuggestResponse(FromLibrary):
    suggestion_id: str = Field(description="Refer to this answer in POST /v1/feedback.")
    language: TicketLanguage
    known_issue: KnownIssueMatch | None = Field(
        None, description="The open known issue this ticket matches; its reply is first."
    )
    articles: list[ArticleOut] = Field(
        description="The public FAQs that answer the ticket, best first: what to send."
    )
    replies: list[ReplyOut]
    runbooks: list[RunbookOut] = Field(
        description="For agents: the internal runbooks to follow, ranked apart from the "
        "FAQs (ranked for the ticket, or named by a suggested FAQ), best first."
    )
    entities: list[EntityOut]
    redacted: list[SecretKind] = Field(description="Kinds of secrets removed, never the secrets.")
    ranking: Literal["hybrid", "bm25"] = Field(
        description="hybrid: BM25 and the semantic stage fused; bm25: BM25 alone, while the "
        "semantic index is still building or when it is off."
    )
    semantic: Literal["off", "building", "ready", "failed"] = Field(
        description="The semantic stage's state in the worker that answered."
    )

    @classmethod
    def of(cls, suggestion_id: str, suggestions: Suggestions) -> SuggestResponse:
        """The answer for ``suggestions``, logged as ``suggestion_id`` (their stored text
        stays out: it is stored, not shown)."""
        return cls(
            suggestion_id=suggestion_id,
            language=suggestions.language,
            known_issue=suggestions.known_issue,
            articles=suggestions.articles,
            replies=suggestions.replies,
            runbooks=suggestions.runbooks,
            entities=suggestions.entities,
            redacted=suggestions.redacted,
            ranking=suggestions.ranking,
            semantic=suggestions.semantic,
        )


class FeedbackRequest(Strict):
    suggestion_id: Annotated[str, Field(min_length=1, max_length=32, pattern=r"^[0-9a-f]+$")]
    article_id: Slug
    rating: Rating


class FeedbackResponse(BaseModel):
    id: int
    suggestion_id: str
    article_id: str
    rating: Rating
    created: bool = Field(description="False when the same rating had already been stored.")
