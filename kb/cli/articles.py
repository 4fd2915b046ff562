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

    Exits 0 when clean or when only warnings are found (placeholders a team still
    has to fill in), 1 when any other problem is found.
    """
    from kb.content.glossary import Glossary
    from kb.content.lint import RULES, lint_paths

    if list_rules:
        for name, description in RULES.items():
            typer.echo(f"{name:<20} {description}")
        return
    settings = command_settings(ctx)
    glossary = Glossary.load(settings.locales_dir / "glossary.yaml")
    problems = lint_paths(paths or [settings.articles_dir], glossary)
    cwd = Path.cwd()
    for problem in problems:
        typer.echo(problem.format(cwd))
    warnings = sum(problem.is_warning for problem in problems)
    errors = len(problems) - warnings
    files = len({problem.path for problem in problems})
    if errors:
        typer.echo(f"{errors} problem(s), {warnings} warning(s) in {files} file(s)", err=True)
        raise typer.Exit(1)
    if warnings:
        typer.echo(f"no problems found; {warnings} warning(s) in {files} file(s)", err=True)
    else:
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
