"""Known issues, and each suggestion's top article in columns of its own.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

BACKFILL_BATCH = 1000


def upgrade() -> None:
    op.create_table(
        "known_issues",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("terms", sa.JSON(), nullable=False),
        sa.Column("examples", sa.JSON(), nullable=False),
        sa.Column("reply_en", sa.Text(), nullable=False),
        sa.Column("reply_zh", sa.Text(), nullable=False),
        sa.Column("opened_by", sa.String(100), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_known_issues_opened_at", "known_issues", ["opened_at"])
    if op.get_bind().dialect.name == "sqlite":
        # SQLite cannot add a constraint to a table, but it can add a column whose
        # definition carries one; rebuilding the table instead would copy the whole log.
        op.execute(
            "ALTER TABLE suggestions ADD COLUMN known_issue_id INTEGER REFERENCES known_issues (id)"
        )
    else:
        op.add_column("suggestions", sa.Column("known_issue_id", sa.Integer(), nullable=True))
        op.create_foreign_key(None, "suggestions", "known_issues", ["known_issue_id"], ["id"])
    op.add_column("suggestions", sa.Column("top_article", sa.String(200), nullable=True))
    op.add_column("suggestions", sa.Column("best_confidence", sa.Float(), nullable=True))
    op.create_index("ix_suggestions_known_issue_id", "suggestions", ["known_issue_id"])
    op.create_index("ix_suggestions_top_article", "suggestions", ["top_article"])
    backfill_top_article()


def backfill_top_article() -> None:
    """Copy the first ranked article of the rows logged before this revision.

    Their JSON has no confidence, so ``best_confidence`` stays empty: insights
    then count them in trends but cannot call their match weak.
    """
    suggestions = sa.table(
        "suggestions",
        sa.column("id", sa.String),
        sa.column("articles", sa.JSON),
        sa.column("top_article", sa.String),
    )
    connection = op.get_bind()
    rows = connection.execute(sa.select(suggestions.c.id, suggestions.c.articles)).all()
    updates = [
        {"row_id": row_id, "top": articles[0]["id"]} for row_id, articles in rows if articles
    ]
    statement = (
        sa.update(suggestions)
        .where(suggestions.c.id == sa.bindparam("row_id"))
        .values(top_article=sa.bindparam("top"))
    )
    for start in range(0, len(updates), BACKFILL_BATCH):
        connection.execute(statement, updates[start : start + BACKFILL_BATCH])


def downgrade() -> None:
    op.drop_index("ix_suggestions_top_article", "suggestions")
    op.drop_index("ix_suggestions_known_issue_id", "suggestions")
    with op.batch_alter_table("suggestions") as batch:
        batch.drop_column("best_confidence")
        batch.drop_column("top_article")
        batch.drop_column("known_issue_id")
    op.drop_index("ix_known_issues_opened_at", "known_issues")
    op.drop_table("known_issues")
