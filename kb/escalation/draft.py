"""Escalation drafts: a ticket in any language -> an English note for engineering.

The note follows the template of the ``escalation-policy`` runbook, field for field,
so that engineering reads the same shape whether the user wrote in English, Simplified
or Traditional Chinese. Only English reaches the note's fields: the summary is built
from the top article's English title and the normalised entities (asset symbols,
canonical network names), never from the user's words; the user's ticket follows at
the end, redacted, for whoever reads Chinese.

Severity and layer come from the rule tables of ``kb.escalation_rules`` over the
signals found in the ticket, the notes, the entities and the top article's topic.
They are a first guess for the agent to correct, not a verdict: the policy asks for
the higher level when unsure.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from kb.content.catalogue import Catalogue
from kb.entities.extract import Entity, EntityKind
from kb.errors import InvalidQuery
from kb.escalation.rules import (
    ENTITY_SIGNALS,
    LAYER_RULES,
    SEVERITY_RULES,
    Decision,
    Signal,
    decide,
    find_signals,
    topic_signals,
)
from kb.redaction.redact import SecretKind, redact
from kb.suggest import Suggester, ticket_entities
from kb.suggestions import Suggestions
from kb.text.language import TicketLanguage
from kb.text.messages import Messages

MAX_NOTES_LENGTH = 5_000
# Articles ranked for the references and the summary: the top ones are the ones that matter.
REFERENCE_LIMIT = 3
TO_FILL = "[to fill]"

EntitySource = Literal["ticket", "notes"]

# The kinds of entity an escalation shows (the template's platform, transaction and order).
ESCALATED_KINDS: tuple[EntityKind, ...] = (
    "platform", "app_version", "tx_hash", "network", "amount", "asset", "order_id",
)  # fmt: skip


@dataclass(frozen=True)
class EscalatedEntity:
    kind: EntityKind
    value: str
    network: str | None
    unit: str | None
    source: EntitySource


@dataclass(frozen=True)
class EscalationDraft:
    """An escalation note's fields; ``text`` is the note written out in the template."""

    language: TicketLanguage  # the ticket's (or the one given); the note is in English
    summary: str
    severity: Decision
    layer: Decision
    signals: tuple[Signal, ...]
    entities: tuple[EscalatedEntity, ...]
    first_seen: str  # UTC, to the minute: when the draft was made
    impact: str
    runbooks: tuple[str, ...]
    articles: tuple[str, ...]
    original_text: str  # the ticket, redacted and with contacts masked
    notes: str  # the agent's notes, the same
    redacted: tuple[SecretKind, ...]  # kinds removed from ticket and notes, never the secrets

    @property
    def text(self) -> str:
        """The whole note, as pasted into the engineering tracker."""
        return render_note(self)


def draft_escalation(
    suggester: Suggester,
    catalogue: Catalogue,
    messages: Messages,
    text: str,
    notes: str = "",
    lang: TicketLanguage | None = None,
    now: datetime | None = None,
) -> EscalationDraft:
    """Draft the English escalation note for a ticket and the agent's notes.

    ``suggester`` ranks the articles over ``catalogue``, and ``messages`` writes the
    redaction markers in the agent's notes. ``lang`` overrides the ticket's detected
    language (the language of the redaction markers in the ticket); the note is in
    English either way. ``now`` is the first-seen
    time, the current time by default. Raises InvalidQuery for empty or over-long text
    and for notes over MAX_NOTES_LENGTH characters.
    """
    if len(notes) > MAX_NOTES_LENGTH:
        raise InvalidQuery(f"notes are {len(notes)} characters; the limit is {MAX_NOTES_LENGTH}")
    suggestions = suggester.suggest(text, lang, REFERENCE_LIMIT, include_internal=True)
    # Redacted exactly as the ticket is, so a secret in the notes never reaches the note.
    notes_redaction = redact(notes, messages)
    redacted_notes = notes_redaction.stored_text.strip()
    entities = escalated_entities(suggestions.entities, ticket_entities(notes_redaction))
    subject = subject_of(suggestions)
    document = catalogue.articles[subject].document("en") if subject else None
    signals = (
        *find_signals(suggestions.stored_text, "ticket"),
        *find_signals(redacted_notes, "notes"),
        *entity_signals(entities),
        *topic_signals(document.meta.tags[0] if document else None),
    )
    return EscalationDraft(
        language=suggestions.language,
        summary=summarise(document.meta.title if document else TO_FILL, entities),
        severity=decide(SEVERITY_RULES, signals),
        layer=decide(LAYER_RULES, signals),
        signals=signals,
        entities=entities,
        first_seen=(now or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ"),
        impact=describe_impact(signals, entities),
        runbooks=tuple(runbook.id for runbook in suggestions.runbooks),
        articles=tuple(article.id for article in suggestions.articles),
        original_text=suggestions.stored_text.strip(),
        notes=redacted_notes,
        redacted=tuple(dict.fromkeys([*suggestions.redacted, *notes_redaction.kinds])),
    )


def subject_of(suggestions: Suggestions) -> str | None:
    """The article the ticket is about: the top FAQ, else the top runbook ranked for it."""
    ranked = [article.id for article in suggestions.articles]
    ranked += [runbook.id for runbook in suggestions.runbooks if runbook.ranked]
    return ranked[0] if ranked else None


def escalated_entities(
    ticket: Iterable[Entity], notes: Iterable[Entity]
) -> tuple[EscalatedEntity, ...]:
    """The kinds engineering needs, from the ticket then the notes, each value once."""
    found: dict[tuple[str, str], EscalatedEntity] = {}
    sources: list[tuple[EntitySource, Iterable[Entity]]] = [("ticket", ticket), ("notes", notes)]
    for source, entities in sources:
        for entity in entities:
            if entity.kind in ESCALATED_KINDS:
                found.setdefault(
                    (entity.kind, entity.value),
                    EscalatedEntity(entity.kind, entity.value, entity.network, entity.unit, source),
                )
    return tuple(found.values())


def entity_signals(entities: Iterable[EscalatedEntity]) -> Iterator[Signal]:
    """What the entities imply: funds (hash, amount), a provider (order id), platforms."""
    platforms = [entity for entity in entities if entity.kind == "platform"]
    for entity in entities:
        if entity.kind in ENTITY_SIGNALS:
            label = entity.kind.replace("_", " ")
            yield Signal(ENTITY_SIGNALS[entity.kind], label, entity.value, entity.source)
    if len(platforms) > 1:
        names = ", ".join(platform.value for platform in platforms)
        yield Signal("all platforms", "several platforms", names, platforms[-1].source)


def values_of(entities: Iterable[EscalatedEntity], kind: EntityKind) -> list[str]:
    return [entity.value for entity in entities if entity.kind == kind]


def amounts_of(entities: tuple[EscalatedEntity, ...]) -> list[str]:
    """Amounts with their unit, then the assets named without an amount."""
    amounts = [entity for entity in entities if entity.kind == "amount"]
    units = {amount.unit for amount in amounts}
    loose = [asset for asset in values_of(entities, "asset") if asset not in units]
    return [f"{amount.value} {amount.unit}" for amount in amounts] + loose


def networks_of(entities: tuple[EscalatedEntity, ...]) -> list[str]:
    """The networks named, then those a hash's format or explorer link implies."""
    implied = [entity.network for entity in entities if entity.network]
    return list(dict.fromkeys([*values_of(entities, "network"), *implied]))


def summarise(title: str, entities: tuple[EscalatedEntity, ...]) -> str:
    """The English title and the facts: "<title> (250 USDT on Tron; iOS app 4.12.0)"."""
    money = " on ".join(filter(None, [", ".join(amounts_of(entities)),
                                      ", ".join(networks_of(entities))]))  # fmt: skip
    versions = " / ".join(values_of(entities, "app_version"))
    device = " ".join(filter(None, [" / ".join(values_of(entities, "platform")),
                                    f"app {versions}" if versions else ""]))  # fmt: skip
    facts = "; ".join(filter(None, [money, device]))
    return f"{title} ({facts})" if facts else title


def platform_line(entities: tuple[EscalatedEntity, ...]) -> str:
    """The template's line with [to fill] where unknown; one [to fill] if nothing is known."""
    platforms = " / ".join(values_of(entities, "platform"))
    versions = " / ".join(values_of(entities, "app_version"))
    if not (platforms or versions):
        return TO_FILL
    return f"{platforms or TO_FILL}, app {versions or TO_FILL}"


def transaction_line(entities: tuple[EscalatedEntity, ...]) -> str:
    hashes = ", ".join(values_of(entities, "tx_hash"))
    networks = ", ".join(networks_of(entities))
    amounts = ", ".join(amounts_of(entities))
    if not (hashes or networks or amounts):
        return TO_FILL
    return f"{hashes or TO_FILL} on {networks or TO_FILL}, {amounts or TO_FILL}"


def order_line(entities: tuple[EscalatedEntity, ...]) -> str:
    orders = ", ".join(values_of(entities, "order_id"))
    return f"{TO_FILL} {orders}" if orders else TO_FILL  # tickets rarely name the provider


def describe_impact(signals: Iterable[Signal], entities: tuple[EscalatedEntity, ...]) -> str:
    """What one ticket tells about the impact; the agent adds the rest."""
    names = {signal.name for signal in signals}
    amounts = [f"{entity.value} {entity.unit}" for entity in entities if entity.kind == "amount"]
    parts = ["1 ticket so far"]
    if "many users" in names:
        parts.append("reported as affecting many users")
    if "funds at risk" in names:
        parts.append("funds reported at risk")
    elif amounts:
        parts.append(f"funds involved: {', '.join(amounts)}")
    else:
        parts.append(f"funds at risk: {TO_FILL}")
    return "; ".join(parts)


def render_note(draft: EscalationDraft) -> str:
    """The runbook template's fields in its order, then the notes, then the ticket."""
    lines = [
        f"Summary: {draft.summary}",
        f"Severity: {draft.severity.value} because {draft.severity.reason}",
        f"Suspected layer: {draft.layer.value} because {draft.layer.reason}",
        f"First seen / last seen (UTC): {draft.first_seen} / {TO_FILL}",
        f"Platform and app version: {platform_line(draft.entities)}",
        f"Transaction: {transaction_line(draft.entities)}",
        f"Order: {order_line(draft.entities)}",
        "Reproduction steps:",
        f"1. {TO_FILL}",
        f"Expected / actual: {TO_FILL} / {TO_FILL}",
        f"User impact: {draft.impact}",
        f"Tickets: {TO_FILL}",
        f"Related runbooks: {', '.join(draft.runbooks) or 'none'}",
        f"Top articles: {', '.join(draft.articles) or 'none'}",
        "",
        "--- Agent notes (redacted) ---",
        draft.notes or "(none)",
        "",
        f"--- Original ticket ({draft.language}, redacted) ---",
        draft.original_text,
    ]
    return "\n".join(lines) + "\n"
