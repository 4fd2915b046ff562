"""Alembic's entry point: migrate over the connection kb.store.migrate hands in.

kb.store.migrate always passes a connection from kb.store.engine, so the SQLite pragmas
and PostgreSQL timeouts apply to migrations exactly as they do to the service.
"""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import kb.store.tables  # noqa: F401  (registers the tables on SQLModel.metadata)

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
