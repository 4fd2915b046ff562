"""Engines for the two stores we support, set up the way concurrent workers need them.

SQLite (the embedded default) with several worker processes only stopped
reporting "database is locked" once every connection used WAL, a busy timeout,
and BEGIN IMMEDIATE for transactions: a deferred transaction that reads and then
writes cannot wait for the lock and fails at once. PostgreSQL gets a pool that
checks a connection before lending it (pre-ping), so the service recovers by
itself once a lost database is back, and timeouts, so a lost one fails fast.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event, make_url, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.pool import QueuePool
from sqlmodel import Session, create_engine

from kb.errors import DatabaseUnavailable, InvalidDatabaseUrl

# How long a request may wait for the database before it is told it is unavailable.
WAIT_SECONDS = 5


def parse_database_url(database_url: str) -> URL:
    try:
        return make_url(database_url)
    except ArgumentError:
        raise InvalidDatabaseUrl(
            f"KB_DATABASE_URL {database_url!r} is not a database URL; "
            "use sqlite:///path/kb.sqlite3 or postgresql+psycopg://user@host/db"
        ) from None


def create_database_engine(database_url: str) -> Engine:
    url = parse_database_url(database_url)
    if url.get_backend_name() == "sqlite":
        return sqlite_engine(url)
    if url.get_backend_name() == "postgresql":
        # Plain postgresql:// would mean psycopg2, which is not installed; psycopg 3 is.
        return postgresql_engine(url.set(drivername="postgresql+psycopg"))
    raise InvalidDatabaseUrl(
        f"KB_DATABASE_URL uses {url.get_backend_name()!r}; the supported stores are "
        "sqlite and postgresql (postgresql+psycopg://...)"
    )


def sqlite_engine(url: URL) -> Engine:
    # One connection per process: threads then queue for it in Python, which wakes the
    # next one at once, instead of on SQLite's lock, whose busy handler sleeps in
    # growing steps; with 16 concurrent requests those sleeps added up to seconds.
    engine = create_engine(
        url,
        poolclass=QueuePool,
        pool_size=1,
        max_overflow=0,
        pool_timeout=WAIT_SECONDS,
        connect_args={"check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def configure(dbapi_connection: Any, _record: object) -> None:
        # Hand transaction control to the "begin" hook below instead of pysqlite.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={WAIT_SECONDS * 1000}")
        # In WAL mode NORMAL is safe against corruption; it only skips an fsync per commit.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    lock = WriteLock(url.database)

    @event.listens_for(engine, "begin")
    def begin_immediate(connection: Any) -> None:
        lock.acquire()
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    @event.listens_for(engine.pool, "checkin")
    def release(_dbapi_connection: object, _record: object) -> None:
        lock.release()

    return engine


class WriteLock:
    """An advisory lock file beside the database, held from BEGIN until the connection
    goes back to the pool.

    Processes waiting for SQLite's own lock poll it with sleeps that grow to 100 ms, so
    under steady writes from several workers one could starve for most of a second;
    the kernel hands a file lock to the next waiter as soon as it is free.
    """

    def __init__(self, database: str | None) -> None:
        in_memory = not database or database == ":memory:" or database.startswith("file::memory")
        self.path = None if in_memory else f"{database}.write-lock"
        self.descriptor: int | None = None
        self.owner_pid = 0

    def acquire(self) -> None:
        if self.path is None:
            return
        if self.descriptor is None or self.owner_pid != os.getpid():
            # A forked child must not share its parent's open file (and so its lock).
            self.descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            self.owner_pid = os.getpid()
        fcntl.flock(self.descriptor, fcntl.LOCK_EX)

    def release(self) -> None:
        if self.descriptor is not None and self.owner_pid == os.getpid():
            fcntl.flock(self.descriptor, fcntl.LOCK_UN)


def postgresql_engine(url: URL) -> Engine:
    milliseconds = WAIT_SECONDS * 1000
    return create_engine(
        url,
        pool_size=10,
        max_overflow=10,
        pool_pre_ping=True,
        pool_timeout=WAIT_SECONDS,
        connect_args={
            "connect_timeout": WAIT_SECONDS,
            # A server that vanished mid-query would otherwise hold the request for
            # the kernel's TCP timeout, many minutes.
            "tcp_user_timeout": milliseconds,
            "options": f"-c statement_timeout={milliseconds}",
        },
    )


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """A session whose work is committed on success and rolled back on any error."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        yield session


def ping(engine: Engine) -> None:
    """Raises SQLAlchemy's OperationalError when the database does not answer."""
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))


@contextmanager
def reporting_unavailable(engine: Engine) -> Iterator[None]:
    """Turn a driver's connection error into DatabaseUnavailable naming the URL (no password)."""
    try:
        yield
    except OperationalError as error:
        where = engine.url.render_as_string(hide_password=True)
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise DatabaseUnavailable(f"cannot use the database at {where}: {reason}") from None
