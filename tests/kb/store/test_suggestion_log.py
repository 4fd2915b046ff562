"""The suggestion log on SQLite and PostgreSQL: ratings stored once, only on known suggestions."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, func, select

from kb.errors import (
    UnknownSuggestion,
)
from kb.insights.feedback import Rating
from kb.store.engine import transaction
from kb.store.keys import create_key
from kb.store.suggestion_log import insert_suggestions, record_feedback
from kb.store.tables import FeedbackRecord
from tests.support.databases import log_row


def test_feedback_is_stored_once_per_rating_and_needs_a_known_suggestion(engine: Engine) -> None:
    key_id = create_key(engine, "agent").id
    row = log_row(key_id)
    with engine.begin() as connection:
        insert_suggestions(connection, [row])

    with transaction(engine) as session:
        first = record_feedback(session, row["id"], "network-fees", Rating.USED, key_id)
    with transaction(engine) as session:
        again = record_feedback(session, row["id"], "network-fees", Rating.USED, key_id)
        other = record_feedback(session, row["id"], "network-fees", Rating.HELPFUL, key_id)
        with pytest.raises(UnknownSuggestion, match="no suggestion with id 'f00d'"):
            record_feedback(session, "f00d", "network-fees", Rating.USED, key_id)

    assert (first.created, again.created, other.created) == (True, False, True)
    assert again.record.id == first.record.id
    with transaction(engine) as session:
        assert session.scalar(select(func.count()).select_from(FeedbackRecord)) == 2
