"""Request and response bodies: what /docs shows, what requests are checked against.

Every string from a caller is cleaned: lone UTF-16 surrogates, which JSON allows
and UTF-8 cannot encode, become U+FFFD, and NUL characters are dropped (PostgreSQL
refuses them in text), so broken Unicode never turns into a 500. Limits are checked
on the text as sent, before NULs are dropped, so that they are the ones the schema
states: write them first, ``Annotated[str, Field(max_length=...), *CLEANED]``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, create_model

from kb.language import TicketLanguage
from kb.placeholders import PLACEHOLDERS, SERVICE_PLACEHOLDERS
from kb.redact import SecretKind
from kb.suggest import MAX_LIMIT, MAX_TEXT_LENGTH
from kb.tables import Rating


def mend_surrogates(value: object) -> object:
    # Before pydantic's length and pattern checks, which refuse lone surrogates.
    if isinstance(value, str):
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return value


def drop_nul(value: str) -> str:
    return value.replace("\x00", "")


CLEANED = (BeforeValidator(mend_surrogates), AfterValidator(drop_nul))
# Has something besides NUL and white space as Python's str.isspace() sees it, spelled out:
# \s means other characters in JSON Schema (ECMA-262: no \x1c-\x1f or \x85, but \ufeff),
# and clients validate with that.
NOT_BLANK = r"[^\x00\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
PLACEHOLDER_VALUE_LENGTH = 200
Slug = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[a-z0-9][a-z0-9-]*$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


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


# A ticket as the customer wrote it, checked and cleaned the same way by every endpoint.
TicketText = Annotated[
    str,
    Field(
        min_length=1,
        max_length=MAX_TEXT_LENGTH,
        pattern=NOT_BLANK,
        description="The ticket as the customer wrote it; secrets in it are removed first.",
    ),
    *CLEANED,
]


class SuggestRequest(Strict):
    text: TicketText
    lang: TicketLanguage | None = Field(
        None,
        description="Answer (titles, replies) in this language instead of the detected one; "
        "the ticket is still searched in its own language.",
    )
    limit: int = Field(5, ge=1, le=MAX_LIMIT, description="How many articles to rank.")
    context: ReplyContext = Field(default_factory=ReplyContext)


class MatchedTermOut(BaseModel):
    term: str
    fields: list[str]


class ArticleOut(BaseModel):
    id: str = Field(description="The article's slug, its id everywhere.")
    title: str
    audience: Literal["public", "internal"]
    score: float = Field(description="BM25 score; comparable only within one answer.")
    confidence: float = Field(ge=0, le=1, description="How sure the ranking is, 0..1.")
    url: str
    snippet: str
    matched: list[MatchedTermOut] = Field(description="Ticket words that hit the article.")
    runbooks: list[str] = Field(description="Slugs of the runbooks for handling this case.")


class ReplyOut(BaseModel):
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


class RunbookOut(BaseModel):
    id: str
    title: str
    url: str


class EntityOut(BaseModel):
    kind: str
    value: str
    start: int = Field(description="Where it starts in the ticket as redacted.")
    end: int
    network: str | None
    unit: str | None


class KnownIssueMatch(BaseModel):
    id: int
    title: str


class SuggestResponse(BaseModel):
    suggestion_id: str = Field(description="Refer to this answer in POST /v1/feedback.")
    language: TicketLanguage
    known_issue: KnownIssueMatch | None = Field(
        None, description="The open known issue this ticket matches; its reply is first."
    )
    articles: list[ArticleOut]
    replies: list[ReplyOut]
    runbooks: list[RunbookOut]
    entities: list[EntityOut]
    redacted: list[SecretKind] = Field(description="Kinds of secrets removed, never the secrets.")


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


class ErrorDetail(BaseModel):
    field: str = Field(description="Where the problem is, e.g. body.limit; empty when general.")
    message: str


class ErrorBody(BaseModel):
    code: str = Field(description="Stable, machine-readable: invalid_request, unauthorized, ...")
    message: str
    details: list[ErrorDetail] = Field(default_factory=list)


class ErrorResponse(BaseModel):
    """The one shape of every error this API returns."""

    error: ErrorBody


class Status(BaseModel):
    status: str
    detail: dict[str, Any] = Field(default_factory=dict)
