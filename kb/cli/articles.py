"""``kb lint`` and ``kb mark-translated``: what writers run on the article tree."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from kb.cli.context import command_settings

app = typer.Typer()

PathsArgument = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Article files or folders; default: the articles folder (KB_ARTICLES_DIR)."
    ),
]


@app.command()
def lint(
    ctx: typer.Context,
    paths: PathsArgument = None,
    list_rules: Annotated[
        bool, typer.Option("--rules", help="List the rules and what each checks, then exit.")
    ] = False,
) -> None:
    """Check articles; print one 'file:line: rule: message' line per problem.

    Exits 0 when clean, 1 when any problem is found.
    """
    from kb.content.lint import RULES, lint_paths

    if list_rules:
        for name, description in RULES.items():
            typer.echo(f"{name:<18} {description}")
        return
    problems = lint_paths(paths or [command_settings(ctx).articles_dir])
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
    from kb.content.translation import mark_translations_current

    marked = mark_translations_current(paths)
    for path in marked:
        typer.echo(f"marked current: {os.path.relpath(path)}")
    typer.echo(f"{len(marked)} translation(s) updated", err=True)
