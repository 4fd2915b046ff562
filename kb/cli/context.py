"""What every ``kb`` command shares: its settings, the knowledge base, the database, and
the one place where a library error becomes a message and an exit code.

The settings are read once per invocation (in ``kb.cli.main``'s callback) and kept on
click's context; commands take ``ctx: typer.Context`` and ask ``command_settings(ctx)``.
Heavy modules are imported inside functions, so that ``kb lint`` starts fast.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Literal

import typer
from typer.core import TyperGroup

from kb.config import Settings
from kb.errors import KBError

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from kb.knowledge_base import KnowledgeBase

# Every failure the library reports on purpose exits with this, after one line on stderr.
ERROR_EXIT_CODE = 1


class ReportingGroup(TyperGroup):
    """The top command group: any KBError raised below it is one line and exit code 1."""

    def invoke(self, ctx: Any) -> Any:  # typer's vendored click.Context
        try:
            return super().invoke(ctx)
        except KBError as error:
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(ERROR_EXIT_CODE) from None


def command_settings(ctx: typer.Context) -> Settings:
    """The settings this invocation read at its start."""
    settings = ctx.find_object(Settings)
    assert settings is not None, "the kb callback reads the settings first"
    return settings


SemanticUse = Literal["use", "build", "background"]
SEMANTIC_NOTES = {
    "use": "note: semantic index not built yet (kb index); BM25 answers alone",
    "background": "semantic index not built yet: the service builds it in the background "
    "(progress in the log and /readyz); BM25 answers meanwhile",
}


def open_knowledge_base(settings: Settings, semantic: SemanticUse = "use") -> KnowledgeBase:
    """The articles, language resources and search index the settings name.

    The semantic stage (unless KB_SEMANTIC=off) is used when its cache is complete. When
    it is not: ``build`` builds it now, with a progress bar on stderr; ``use`` and
    ``background`` (the service will build it) say on stderr that BM25 answers alone.
    """
    from kb.knowledge_base import KnowledgeBase
    from kb.search.embedding import E5Embedder

    knowledge = KnowledgeBase.open(
        settings.articles_dir,
        settings.locales_dir,
        settings.cache_dir,
        settings.site_url,
        E5Embedder() if settings.semantic else None,
    )
    stage = knowledge.semantic
    if stage is not None and not stage.load_cached():
        if semantic == "build":
            with progress_bar("embedding article passages") as advance:
                stage.build(advance)
        else:
            typer.echo(SEMANTIC_NOTES[semantic], err=True)
    return knowledge


@contextmanager
def progress_bar(description: str) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on stderr; the block gets a (done, total) callback to move it."""
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=False) as progress:
        task = progress.add_task(description, total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield advance


@contextmanager
def open_database(settings: Settings, check_schema: bool = True) -> Iterator[Engine]:
    """The configured database for one command; a driver's connection error becomes
    DatabaseUnavailable, and a schema that is behind says to run ``kb db upgrade``."""
    from kb.store.engine import create_database_engine, reporting_unavailable
    from kb.store.migrate import SchemaGate

    engine = create_database_engine(settings.database_url)
    try:
        with reporting_unavailable(engine):
            if check_schema:
                SchemaGate().require(engine)
            yield engine
    finally:
        engine.dispose()
