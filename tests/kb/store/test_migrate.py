"""Migrations on SQLite and PostgreSQL: the tables the models describe, upgrades, old logs."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, select
from sqlmodel import SQLModel

from kb.errors import (
    SchemaBehind,
)
from kb.store.engine import create_database_engine, transaction
from kb.store.migrate import SchemaGate, current_revision, head_revision, upgrade
from kb.store.tables import SuggestionRecord
from tests.support.databases import database_url


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


def test_upgrading_a_0001_log_fills_in_each_suggestion_s_top_article(
    backend: str, tmp_path: Path
) -> None:
    from alembic import command
    from sqlalchemy import text

    from kb.store.migrate import alembic_config

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
