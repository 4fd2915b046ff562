"""The stored tables. Alembic migrations (kb/migrations) create and change them.

Nothing here may hold a secret: the suggestion log keeps the ticket only as
redacted (recovery phrases, keys and card numbers replaced by markers, e-mail
addresses and phone numbers masked), and keys are kept as hashes.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def now() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """A stored time as an aware UTC time: SQLite hands back naive ones."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def timestamp(nullable: bool = False, index: bool = False) -> Any:
    """A UTC time: PostgreSQL keeps the zone, SQLite keeps the text (read back naive)."""
    column = Column(DateTime(timezone=True), nullable=nullable, index=index)
    if nullable:
        return Field(default=None, sa_column=column)
    return Field(default_factory=now, sa_column=column)


class ApiKey(SQLModel, table=True):
    """An agent key: the public prefix finds the row, the hash checks the secret."""

    __tablename__ = "api_keys"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100, index=True)
    prefix: str = Field(max_length=16, unique=True)
    key_hash: str = Field(max_length=64)
    created_at: datetime = timestamp()
    last_used_at: datetime | None = timestamp(nullable=True)
    revoked_at: datetime | None = timestamp(nullable=True)


class SuggestionRecord(SQLModel, table=True):
    """One POST /v1/suggest: what was asked (redacted) and what was answered."""

    __tablename__ = "suggestions"

    id: str = Field(primary_key=True, max_length=32)
    created_at: datetime = timestamp(index=True)
    key_id: int = Field(foreign_key="api_keys.id", index=True)
    language: str = Field(max_length=8)
    text: str = Field(sa_column=Column(Text, nullable=False))
    # [{"id": slug, "score": float, "confidence": float}, ...] in ranked order
    articles: list[dict[str, Any]] = Field(sa_column=Column(JSON, nullable=False))
    redacted: list[str] = Field(sa_column=Column(JSON, nullable=False))
    latency_ms: float
    # The first of ``articles`` and the highest confidence among them, in columns of
    # their own so that insights can filter and count in SQL the same way on SQLite
    # and PostgreSQL (their JSON functions differ). Both empty when nothing matched.
    top_article: str | None = Field(default=None, max_length=200, index=True)
    best_confidence: float | None = None
    # The open known issue whose reply came first, if any.
    known_issue_id: int | None = Field(default=None, foreign_key="known_issues.id", index=True)


class KnownIssueRecord(SQLModel, table=True):
    """An incident an agent lead opened: matching tickets get its reply first until it closes.

    ``examples`` are stored as redacted as the suggestion log's tickets are.
    """

    __tablename__ = "known_issues"

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=200)
    terms: list[str] = Field(sa_column=Column(JSON, nullable=False))
    examples: list[str] = Field(sa_column=Column(JSON, nullable=False))
    reply_en: str = Field(sa_column=Column(Text, nullable=False))
    reply_zh: str = Field(sa_column=Column(Text, nullable=False))
    opened_by: str = Field(max_length=100)
    opened_at: datetime = timestamp(index=True)
    closed_at: datetime | None = timestamp(nullable=True)


class FeedbackRecord(SQLModel, table=True):
    """An agent's rating of one suggested article; the same rating twice is stored once."""

    __tablename__ = "feedback"
    __table_args__ = (UniqueConstraint("suggestion_id", "article_id", "rating"),)

    id: int | None = Field(default=None, primary_key=True)
    suggestion_id: str = Field(foreign_key="suggestions.id", index=True, max_length=32)
    article_id: str = Field(max_length=200)
    rating: str = Field(max_length=16)
    key_id: int = Field(foreign_key="api_keys.id")
    created_at: datetime = timestamp()
