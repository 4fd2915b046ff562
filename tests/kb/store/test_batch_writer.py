"""The batch writer: every row stored, every caller answered, a failed batch isolated."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select

from kb.store.batch_writer import BatchWriter
from kb.store.engine import transaction
from kb.store.keys import create_key
from kb.store.suggestion_log import insert_suggestions
from kb.store.tables import SuggestionRecord
from tests.support.databases import log_row


def stored_suggestions(engine: Engine) -> list[str]:
    with transaction(engine) as session:
        return sorted(session.scalars(select(SuggestionRecord.text)))


def test_the_batch_writer_stores_every_row_and_answers_each_caller(engine: Engine) -> None:
    writer = BatchWriter(engine, insert_suggestions)
    key_id = create_key(engine, "agent").id
    rows = [log_row(key_id, f"ticket {n}") for n in range(60)]

    waiting = [writer.submit(row) for row in rows]
    for done in waiting:
        done.result(timeout=10)
    writer.stop()

    assert stored_suggestions(engine) == sorted(row["text"] for row in rows)


def test_a_failed_batch_fails_its_callers_and_the_writer_goes_on(engine: Engine) -> None:
    writer = BatchWriter(engine, insert_suggestions)
    orphan = log_row(999_999, "no such key")

    with pytest.raises(Exception, match=r"(?i)foreign key"):
        writer.submit(orphan).result(timeout=10)
    writer.submit(log_row(create_key(engine, "agent").id, "fine")).result(timeout=10)
    writer.stop()

    assert stored_suggestions(engine) == ["fine"]
