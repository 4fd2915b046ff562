"""The ``kb`` command line: thin commands over the library.

Every command turns a KBError into one message on stderr and exit code 1, in
``run_reporting_errors``; the library never prints.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from kb.config import Settings
from kb.errors import KBError

app = typer.Typer(
    help="Bilingual support knowledge base: check articles, serve the API, draft replies.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

T = TypeVar("T")


def run_reporting_errors(action: Callable[[], T]) -> T:
    try:
        return action()
    except KBError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from None


PathsArgument = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Article files or folders; default: the articles folder (KB_ARTICLES_DIR)."
    ),
]


@app.command()
def lint(
    paths: PathsArgument = None,
    list_rules: Annotated[
        bool, typer.Option("--rules", help="List the rules and what each checks, then exit.")
    ] = False,
) -> None:
    """Check articles; print one 'file:line: rule: message' line per problem.

    Exits 0 when clean, 1 when any problem is found.
    """
    from kb.lint import RULES, lint_paths

    if list_rules:
        for name, description in RULES.items():
            typer.echo(f"{name:<18} {description}")
        return
    targets = paths or [Settings().articles_dir]
    problems = run_reporting_errors(lambda: lint_paths(targets))
    cwd = Path.cwd()
    for problem in problems:
        typer.echo(problem.format(cwd))
    if problems:
        files = len({problem.path for problem in problems})
        typer.echo(f"{len(problems)} problem(s) in {files} file(s)", err=True)
        raise typer.Exit(1)
    typer.echo("no problems found", err=True)


@app.command("mark-translated")
def mark_translated(
    paths: Annotated[list[Path], typer.Argument(help="Reviewed translation files or folders.")],
) -> None:
    """Record that the Chinese files under PATHS translate the current English text.

    Run it after reviewing a translation against its English source; it clears
    the stale-translation problem for those files only.
    """
    from kb.translation import mark_translations_current

    marked = run_reporting_errors(lambda: mark_translations_current(paths))
    for path in marked:
        typer.echo(f"marked current: {os.path.relpath(path)}")
    typer.echo(f"{len(marked)} translation(s) updated", err=True)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
) -> None:
    """Serve the HTTP API (the articles are checked once before workers start)."""
    import uvicorn

    from kb.catalogue import load_catalogue

    settings = Settings()
    catalogue = run_reporting_errors(lambda: load_catalogue(settings.articles_dir))
    typer.echo(f"{len(catalogue.articles)} articles from {settings.articles_dir}", err=True)
    uvicorn.run("api.main:create_app", factory=True, host=host, port=port, workers=workers)
