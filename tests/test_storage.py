"""Storage on SQLite and PostgreSQL: the migration, keys, the suggestion log, feedback."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, func, select
from sqlmodel import SQLModel

from kb.batch_writer import BatchWriter
from kb.database import InvalidDatabaseUrl, create_database_engine, transaction
from kb.keys import ApiKeyError, RecentKeys, authenticate, create_key, list_keys, revoke_key
from kb.migrate import SchemaBehind, SchemaGate, current_revision, head_revision, upgrade
from kb.suggest import Suggestions
from kb.suggestion_log import (
    UnknownSuggestion,
    insert_suggestions,
    record_feedback,
    suggestion_row,
)
from kb.tables import FeedbackRecord, Rating, SuggestionRecord
from tests.databases import database_url


def test_the_migration_builds_exactly_the_tables_the_models_describe(engine: Engine) -> None:
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)

    assert differences == []
    assert current_revision(engine) == head_revision()


def test_upgrading_twice_changes_nothing(engine: Engine) -> None:
    assert upgrade(engine) == (head_revision(), head_revision())


def test_an_empty_database_is_reported_behind_until_upgraded(backend: str, tmp_path: Path) -> None:
    with database_url(backend, tmp_path) as url:
        engine = create_database_engine(url)
        gate = SchemaGate()
        with pytest.raises(SchemaBehind, match="run `kb db upgrade`"):
            gate.require(engine)
        upgrade(engine)
        gate.require(engine)
        assert gate.current
        engine.dispose()


def test_sqlite_connections_use_wal_and_a_busy_timeout(tmp_path: Path) -> None:
    engine = create_database_engine(f"sqlite:///{tmp_path / 'kb.sqlite3'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    engine.dispose()


@pytest.mark.parametrize(
    ("url", "message"),
    [("not a url", "is not a database URL"), ("mysql://x@y/z", "supported stores are")],
)
def test_an_unusable_database_url_is_a_clear_error(url: str, message: str) -> None:
    with pytest.raises(InvalidDatabaseUrl, match=message):
        create_database_engine(url)


def test_a_key_is_stored_only_as_a_hash_and_checks_out(engine: Engine) -> None:
    key = create_key(engine, "zendesk")

    (stored,) = list_keys(engine)
    assert key.token.startswith(f"{key.prefix}_")
    assert (stored.id, stored.prefix) == (key.id, key.prefix)
    assert key.token not in (stored.key_hash, stored.prefix)
    with transaction(engine) as session:
        assert authenticate(session, key.token) == stored.id
        assert authenticate(session, key.token + "x") is None
        assert authenticate(session, "kb_00000000_" + key.token.split("_", 2)[2]) is None
        assert authenticate(session, "not-a-key") is None


def test_authenticating_notes_when_a_key_was_last_used(engine: Engine) -> None:
    key = create_key(engine, "zendesk")
    assert list_keys(engine)[0].last_used_at is None

    with transaction(engine) as session:
        authenticate(session, key.token)

    assert list_keys(engine)[0].last_used_at is not None


def test_a_revoked_key_stops_working_and_its_name_can_be_reused(engine: Engine) -> None:
    old = create_key(engine, "chatwoot")
    with pytest.raises(ApiKeyError, match="revoke it first"):
        create_key(engine, "chatwoot")

    revoke_key(engine, "chatwoot")
    new = create_key(engine, "chatwoot")

    with transaction(engine) as session:
        assert authenticate(session, old.token) is None
        assert authenticate(session, new.token) is not None
    assert [key.revoked_at is None for key in list_keys(engine)] == [False, True]
    with pytest.raises(ApiKeyError, match="no active key named 'nobody'"):
        revoke_key(engine, "nobody")


def test_recent_keys_are_forgotten_after_their_time() -> None:
    now = [0.0]
    recent = RecentKeys(ttl_seconds=10, clock=lambda: now[0])
    recent.put("kb_1234abcd_secret", 7)

    assert recent.get("kb_1234abcd_secret") == 7
    assert recent.get("kb_1234abcd_other") is None
    now[0] = 10.5
    assert recent.get("kb_1234abcd_secret") is None


def a_suggestion(text: str = "stored text") -> Suggestions:
    return Suggestions("en", [], [], [], [], ["card_number"], text)


def key_id_of(engine: Engine) -> int:
    return create_key(engine, "agent").id


def stored_suggestions(engine: Engine) -> list[str]:
    with transaction(engine) as session:
        return sorted(session.scalars(select(SuggestionRecord.text)))


def test_the_batch_writer_stores_every_row_and_answers_each_caller(engine: Engine) -> None:
    writer = BatchWriter(engine, insert_suggestions)
    rows = [suggestion_row(a_suggestion(f"ticket {n}"), key_id_of(engine), 1.5) for n in range(1)]
    rows += [
        suggestion_row(a_suggestion(f"ticket {n}"), rows[0]["key_id"], 1.5) for n in range(1, 60)
    ]

    waiting = [writer.submit(row) for row in rows]
    for done in waiting:
        done.result(timeout=10)
    writer.stop()

    assert stored_suggestions(engine) == sorted(row["text"] for row in rows)


def test_a_failed_batch_fails_its_callers_and_the_writer_goes_on(engine: Engine) -> None:
    writer = BatchWriter(engine, insert_suggestions)
    orphan = suggestion_row(a_suggestion("no such key"), 999_999, 1.0)

    with pytest.raises(Exception, match=r"(?i)foreign key"):
        writer.submit(orphan).result(timeout=10)
    writer.submit(suggestion_row(a_suggestion("fine"), key_id_of(engine), 1.0)).result(timeout=10)
    writer.stop()

    assert stored_suggestions(engine) == ["fine"]


def test_feedback_is_stored_once_per_rating_and_needs_a_known_suggestion(engine: Engine) -> None:
    key_id = key_id_of(engine)
    row = suggestion_row(a_suggestion(), key_id, 2.0)
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


def test_upgrading_a_0001_log_fills_in_each_suggestion_s_top_article(
    backend: str, tmp_path: Path
) -> None:
    from alembic import command
    from sqlalchemy import text

    from kb.migrate import alembic_config

    with database_url(backend, tmp_path) as url:
        engine = create_database_engine(url)
        config = alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0001")
        with engine.begin() as connection:
            connection.execute(
                text("INSERT INTO api_keys (name, prefix, key_hash, created_at) VALUES "
                     "('old', 'kb_old', 'hash', CURRENT_TIMESTAMP)")
            )  # fmt: skip
            old_rows = [
                ("a", '[{"id": "transaction-pending", "score": 9.1}, {"id": "x", "score": 1}]'),
                ("b", "[]"),
            ]
            for row_id, articles in old_rows:
                connection.execute(
                    text(
                        "INSERT INTO suggestions (id, created_at, key_id, language, text, "
                        "articles, redacted, latency_ms) VALUES (:id, CURRENT_TIMESTAMP, "
                        "(SELECT id FROM api_keys), 'en', 'old ticket', :articles, '[]', 1.0)"
                    ),
                    {"id": row_id, "articles": articles},
                )
        upgrade(engine)
        with transaction(engine) as session:
            rows = session.exec(  # type: ignore[call-overload]
                select(
                    SuggestionRecord.id,
                    SuggestionRecord.top_article,
                    SuggestionRecord.best_confidence,
                    SuggestionRecord.known_issue_id,
                ).order_by(SuggestionRecord.id)
            ).all()
        engine.dispose()
    assert [tuple(row) for row in rows] == [
        ("a", "transaction-pending", None, None),
        ("b", None, None, None),
    ]
