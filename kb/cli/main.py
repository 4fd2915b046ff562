"""The ``kb`` command line: thin commands over the library, one module per group.

The callback reads the settings once per invocation; ``ReportingGroup`` turns any
KBError into one message on stderr and exit code 1. The library never prints.
"""

from __future__ import annotations

from typing import Annotated

import typer

from kb.cli import articles, evaluate, insights, serve, storage, tickets
from kb.cli.context import ReportingGroup
from kb.config import load_settings

app = typer.Typer(
    cls=ReportingGroup,
    help="Bilingual support knowledge base: check articles, serve the API, draft replies.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
for commands in (articles.app, serve.app, tickets.app, evaluate.app):
    app.add_typer(commands)
app.add_typer(storage.keys_app, name="keys")
app.add_typer(storage.db_app, name="db")
app.add_typer(insights.insights_app, name="insights")
app.add_typer(insights.known_issues_app, name="known-issues")


@app.callback()
def read_settings(
    ctx: typer.Context,
    semantic: Annotated[
        bool | None,
        typer.Option(
            "--semantic/--bm25",
            help="Rank with BM25 and the semantic stage, or BM25 alone (default: KB_SEMANTIC).",
        ),
    ] = None,
) -> None:
    settings = load_settings()
    if semantic is not None:
        settings = settings.model_copy(update={"semantic": semantic})
    ctx.obj = settings
