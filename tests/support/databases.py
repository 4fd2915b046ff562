"""Real databases for tests: SQLite in a temp dir, and a database of its own on the
PostgreSQL server at 127.0.0.1:5432, created for one test and dropped after it, so
parallel runs never meet. No mocks: what passes here passed against the real thing.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import Engine, column, inspect, select, table

from kb.store.engine import create_database_engine
from kb.store.migrate import upgrade
from kb.store.tables import now

# Where to create test databases; the server must trust user postgres from 127.0.0.1.
POSTGRES_SERVER = os.environ.get("KB_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432")
BACKENDS = ("sqlite", "postgresql")


@contextmanager
def postgres_database() -> Iterator[str]:
    name = f"kb_test_{os.getpid()}_{uuid.uuid4().hex[:10]}"
    try:
        admin = psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        raise RuntimeError(
            f"PostgreSQL at {POSTGRES_SERVER} is not reachable ({error}); start it with "
            "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
        ) from None
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield f"{POSTGRES_SERVER.replace('postgresql://', 'postgresql+psycopg://')}/{name}"
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def database_url(backend: str, folder: Path) -> Iterator[str]:
    """An empty database of the given kind, gone afterwards."""
    if backend == "postgresql":
        with postgres_database() as url:
            yield url
    else:
        yield f"sqlite:///{folder / 'kb.sqlite3'}"


@contextmanager
def migrated_engine(url: str) -> Iterator[Engine]:
    engine = create_database_engine(url)
    try:
        upgrade(engine)
        yield engine
    finally:
        engine.dispose()


def every_stored_text(engine: Engine) -> list[str]:
    """Every value of every column of every table, as text: what a leak search reads."""
    values: list[str] = []
    with engine.connect() as connection:
        inspector = inspect(connection)
        for name in inspector.get_table_names():
            columns = [column(info["name"]) for info in inspector.get_columns(name)]
            for row in connection.execute(select(*columns).select_from(table(name))):
                values.extend(str(value) for value in row if value is not None)
    return values


def log_row(key_id: int, text: str = "stored text") -> dict[str, Any]:
    """A row of the suggestion log, as the API writes one."""
    return {
        "id": uuid.uuid4().hex,
        "created_at": now(),
        "key_id": key_id,
        "language": "en",
        "text": text,
        "articles": [],
        "redacted": ["card_number"],
        "latency_ms": 1.5,
    }
