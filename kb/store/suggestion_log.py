"""The suggestion log and agents' feedback on it, the raw material for insights.

Rows come ready to store (see ``SuggestionRecord``): the ticket only as
``Redaction.stored_text``, its secrets replaced by markers and its e-mail addresses and
phone numbers masked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from kb.errors import UnknownSuggestion
from kb.insights.feedback import Rating
from kb.store.tables import FeedbackRecord, SuggestionRecord


def insert_suggestions(connection: Connection, rows: list[dict[str, Any]]) -> None:
    connection.execute(insert(SuggestionRecord), rows)


@dataclass(frozen=True)
class FeedbackOutcome:
    record: FeedbackRecord
    created: bool  # False when the same rating was already stored


def record_feedback(
    session: Session, suggestion_id: str, article_id: str, rating: Rating, key_id: int
) -> FeedbackOutcome:
    """Store a rating once; the same (suggestion, article, rating) again returns the first."""
    if session.get(SuggestionRecord, suggestion_id) is None:
        raise UnknownSuggestion(f"no suggestion with id {suggestion_id!r}")
    existing = stored_feedback(session, suggestion_id, article_id, rating)
    if existing is not None:
        return FeedbackOutcome(existing, created=False)
    record = FeedbackRecord(
        suggestion_id=suggestion_id, article_id=article_id, rating=rating.value, key_id=key_id
    )
    try:
        # A savepoint: on PostgreSQL two workers can race past the check above.
        with session.begin_nested():
            session.add(record)
    except IntegrityError:
        winner = stored_feedback(session, suggestion_id, article_id, rating)
        assert winner is not None  # the unique constraint that fired names this row
        return FeedbackOutcome(winner, created=False)
    return FeedbackOutcome(record, created=True)


def stored_feedback(
    session: Session, suggestion_id: str, article_id: str, rating: Rating
) -> FeedbackRecord | None:
    query = select(FeedbackRecord).where(
        FeedbackRecord.suggestion_id == suggestion_id,
        FeedbackRecord.article_id == article_id,
        FeedbackRecord.rating == rating.value,
    )
    return session.exec(query).first()
