"""How ``kb`` commands report: a failure as one line on stderr and exit code 1, results
as JSON (``--json``) or as rich tables."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import typer

from kb.errors import KBError

if TYPE_CHECKING:
    from rich.table import Table

T = TypeVar("T")


def run_reporting_errors(action: Callable[[], T]) -> T:
    try:
        return action()
    except KBError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from None


def print_json(value: object) -> None:
    typer.echo(json.dumps(value, ensure_ascii=False, indent=2))


def new_table(title: str, *columns: str) -> Table:
    """A table with its title on the left. Columns named ``#name`` hold numbers and are
    right-aligned; ``#`` alone is a right-aligned rank column headed "#"."""
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for name in columns:
        number = name.startswith("#")
        header = (name[1:] or name) if number else name
        table.add_column(header, justify="right" if number else "left")
    return table


def print_table(table: Table) -> None:
    from rich.console import Console

    Console().print(table)
