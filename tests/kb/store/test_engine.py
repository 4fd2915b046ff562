"""Engines: SQLite set up for concurrent workers, and database URLs that cannot work."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.errors import (
    InvalidDatabaseUrl,
)
from kb.store.engine import create_database_engine


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
