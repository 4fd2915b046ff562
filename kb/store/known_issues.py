"""Known issues in the database: open, close, list with the tickets linked to each.

A ticket is linked when its suggestion was answered with the issue's reply first
(``suggestions.known_issue_id``), so the count is exactly the tickets that got it.
Example tickets are stored as the suggestion log stores tickets: secrets removed,
e-mail addresses and phone numbers masked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from kb.errors import KnownIssueNotFound
from kb.known_issues import CheckedIssue, IssueState, KnownIssue
from kb.store.engine import transaction
from kb.store.tables import KnownIssueRecord, SuggestionRecord, as_utc, now


@dataclass(frozen=True)
class KnownIssueReport:
    """A known issue as leads see it: what it matches, its replies, and its reach."""

    id: int
    title: str
    terms: list[str]
    examples: list[str]
    reply_en: str
    reply_zh: str
    opened_by: str
    opened_at: datetime
    closed_at: datetime | None
    linked_tickets: int

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def state(self) -> Literal["open", "closed"]:
        return "open" if self.is_open else "closed"


def open_known_issue(engine: Engine, issue: CheckedIssue, opened_by: str) -> KnownIssueReport:
    """Store a new open issue (checked and redacted by ``check_issue_draft``)."""
    record = KnownIssueRecord(
        title=issue.title,
        terms=issue.terms,
        examples=issue.examples,
        reply_en=issue.reply_en,
        reply_zh=issue.reply_zh,
        opened_by=opened_by[:100],
    )
    with transaction(engine) as session:
        session.add(record)
        session.flush()
        return report_of(record, linked=0)


def close_known_issue(engine: Engine, issue_id: int) -> KnownIssueReport:
    """Close an issue; closing a closed one changes nothing. Raises KnownIssueNotFound."""
    with transaction(engine) as session:
        record = stored_issue(session, issue_id)
        if record.closed_at is None:
            record.closed_at = now()
            session.add(record)
        return report_of(record, linked_count(session, issue_id))


def known_issue_report(engine: Engine, issue_id: int) -> KnownIssueReport:
    with transaction(engine) as session:
        return report_of(stored_issue(session, issue_id), linked_count(session, issue_id))


def known_issue_reports(engine: Engine, state: IssueState = "open") -> list[KnownIssueReport]:
    """Issues in ``state``, newest first, each with its count of linked tickets."""
    query = select(KnownIssueRecord).order_by(col(KnownIssueRecord.id).desc())
    if state == "open":
        query = query.where(col(KnownIssueRecord.closed_at).is_(None))
    elif state == "closed":
        query = query.where(col(KnownIssueRecord.closed_at).is_not(None))
    counts = (
        select(SuggestionRecord.known_issue_id, func.count())
        .where(col(SuggestionRecord.known_issue_id).is_not(None))
        .group_by(col(SuggestionRecord.known_issue_id))
    )
    with transaction(engine) as session:
        linked = dict(session.exec(counts).all())
        return [report_of(record, linked.get(record.id, 0)) for record in session.exec(query)]


def open_known_issues(engine: Engine) -> list[KnownIssue]:
    """What the suggester matches tickets against."""
    query = select(KnownIssueRecord).where(col(KnownIssueRecord.closed_at).is_(None))
    with transaction(engine) as session:
        return [
            KnownIssue(
                id=record.id or 0,
                title=record.title,
                terms=tuple(record.terms),
                examples=tuple(record.examples),
                replies={"en": record.reply_en, "zh": record.reply_zh},
                opened_at=as_utc(record.opened_at),
            )
            for record in session.exec(query)
        ]


def stored_issue(session: Session, issue_id: int) -> KnownIssueRecord:
    record = session.get(KnownIssueRecord, issue_id)
    if record is None:
        raise KnownIssueNotFound(f"no known issue with id {issue_id}")
    return record


def linked_count(session: Session, issue_id: int) -> int:
    query = select(func.count()).where(SuggestionRecord.known_issue_id == issue_id)
    return session.exec(query).one()


def report_of(record: KnownIssueRecord, linked: int) -> KnownIssueReport:
    assert record.id is not None  # stored, so numbered
    return KnownIssueReport(
        id=record.id,
        title=record.title,
        terms=list(record.terms),
        examples=list(record.examples),
        reply_en=record.reply_en,
        reply_zh=record.reply_zh,
        opened_by=record.opened_by,
        opened_at=as_utc(record.opened_at),
        closed_at=as_utc(record.closed_at) if record.closed_at else None,
        linked_tickets=linked,
    )
