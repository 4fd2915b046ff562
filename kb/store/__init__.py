"""Storage, the only package that imports SQLAlchemy and SQLModel: engines (engine), tables,
migrations (migrate, migrations/), agent keys, the suggestion log and its batch writer,
known issues, and the queries behind the leads' insights (insight_queries)."""
