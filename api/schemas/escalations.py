"""Request and response bodies of POST /v1/escalations/draft (see kb.escalation).

The ticket text is checked and cleaned exactly as /v1/suggest's, with the same limit.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from api.schemas.common import CLEANED, FromLibrary, Strict, TicketText
from kb.escalation.draft import MAX_NOTES_LENGTH, EntitySource
from kb.escalation.rules import Layer, Severity, SignalSource
from kb.redaction.redact import SecretKind
from kb.text.language import TicketLanguage


class EscalationRequest(Strict):
    text: TicketText
    notes: Annotated[
        str,
        Field(
            max_length=MAX_NOTES_LENGTH,
            description="What the agent found out (scope, checks done); redacted like the ticket.",
        ),
        *CLEANED,
    ] = ""
    lang: TicketLanguage | None = Field(
        None,
        description="The ticket's language when detection gets it wrong; the note is in "
        "English either way.",
    )


class SeverityOut(FromLibrary):
    # The library's Decision holds a level or a layer as ``value``.
    level: Severity = Field(validation_alias="value")
    reason: str = Field(description="The policy's meaning of the level and the signals found.")


class LayerOut(FromLibrary):
    name: Layer = Field(validation_alias="value")
    reason: str


class SignalOut(FromLibrary):
    name: str = Field(description="The name the severity and layer rules use.")
    label: str = Field(description="How the reasons name it.")
    found: str = Field(description="The word as written, the entity's value or the topic.")
    source: SignalSource


class EscalatedEntityOut(FromLibrary):
    kind: str
    value: str
    network: str | None
    unit: str | None
    source: EntitySource


class EscalationResponse(FromLibrary):
    language: TicketLanguage = Field(description="The ticket's language; the note is English.")
    summary: str = Field(description="The top article's English title and the key facts.")
    severity: SeverityOut
    layer: LayerOut
    signals: list[SignalOut]
    entities: list[EscalatedEntityOut]
    first_seen: str = Field(description="When the draft was made, UTC, to the minute.")
    impact: str
    runbooks: list[str] = Field(description="Slugs of the related runbooks.")
    articles: list[str] = Field(description="Slugs of the top FAQ articles.")
    original_text: str = Field(description="The ticket, secrets removed, contacts masked.")
    notes: str = Field(description="The agent's notes, redacted the same way.")
    redacted: list[SecretKind] = Field(description="Kinds of secrets removed, never the secrets.")
    text: str = Field(description="The whole note in the escalation policy's template.")
