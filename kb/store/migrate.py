"""Bring a database to the newest schema (``kb db upgrade``), and tell whether it is there.

Run once per deployment before the workers start: ``kb serve`` does it in its own
process, because every worker creating tables at once crashed workers.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

from kb.errors import SchemaBehind

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Any fixed number: instances that start together take turns migrating PostgreSQL.
UPGRADE_LOCK = 7_310_452


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> tuple[str | None, str | None]:
    """Apply what is missing; returns the revisions before and after."""
    config = alembic_config()
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": UPGRADE_LOCK})
        before = MigrationContext.configure(connection).get_current_revision()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return before, head_revision()


class SchemaGate:
    """Remembers once the schema is current, so requests do not ask the database each time."""

    def __init__(self) -> None:
        self.current = False

    def require(self, engine: Engine) -> None:
        if self.current:
            return
        found, needed = current_revision(engine), head_revision()
        if found != needed:
            raise SchemaBehind(
                f"the database schema is at {found or 'nothing'}, this service needs {needed}; "
                "run `kb db upgrade`"
            )
        self.current = True
