"""Request and response bodies of /v1/known-issues."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from api.schemas.common import CLEANED, NOT_BLANK, FromLibrary, Strict
from kb.known_issues import (
    MAX_EXAMPLE_LENGTH,
    MAX_EXAMPLES,
    MAX_REPLY_LENGTH,
    MAX_TERM_LENGTH,
    MAX_TERMS,
    MAX_TITLE_LENGTH,
    IssueDraft,
)

Term = Annotated[str, Field(min_length=1, max_length=MAX_TERM_LENGTH, pattern=NOT_BLANK), *CLEANED]
Example = Annotated[
    str, Field(min_length=1, max_length=MAX_EXAMPLE_LENGTH, pattern=NOT_BLANK), *CLEANED
]
ReplyText = Annotated[
    str, Field(min_length=1, max_length=MAX_REPLY_LENGTH, pattern=NOT_BLANK), *CLEANED
]


class IssueReplies(Strict):
    en: ReplyText = Field(description="The English reply; placeholders as in article templates.")
    zh: ReplyText = Field(description="The Simplified Chinese reply; zh-Hant is derived from it.")


class KnownIssueRequest(Strict):
    title: Annotated[
        str, Field(min_length=1, max_length=MAX_TITLE_LENGTH, pattern=NOT_BLANK), *CLEANED
    ]
    terms: list[Term] = Field(
        default_factory=list,
        max_length=MAX_TERMS,
        description="A ticket holding every word of one term matches (e.g. 'Zorb chain').",
    )
    examples: list[Example] = Field(
        default_factory=list,
        max_length=MAX_EXAMPLES,
        description="Example tickets; a ticket sharing most words of one matches. "
        "Stored with secrets removed.",
    )
    replies: IssueReplies

    def draft(self) -> IssueDraft:
        return IssueDraft(self.title, self.terms, self.examples, self.replies.en, self.replies.zh)


class KnownIssueOut(FromLibrary):
    id: int
    title: str
    state: Literal["open", "closed"]
    terms: list[str]
    examples: list[str]
    reply_en: str
    reply_zh: str
    opened_by: str
    opened_at: datetime
    closed_at: datetime | None
    linked_tickets: int = Field(description="Tickets answered with this issue's reply first.")


class KnownIssueList(BaseModel):
    known_issues: list[KnownIssueOut]
