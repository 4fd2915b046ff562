"""Alembic migrations for kb.tables; run them with ``kb db upgrade`` (see kb.migrate)."""
