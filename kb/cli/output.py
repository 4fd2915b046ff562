"""How ``kb`` commands print results: JSON (``--json``) or rich tables for people.

``--json`` prints what the API answers, through the API's own response models
(``api.schemas``), so the two cannot drift apart.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from pydantic import BaseModel
    from rich.table import Table


def print_json(value: object) -> None:
    typer.echo(json.dumps(value, ensure_ascii=False, indent=2))


def print_model(model: BaseModel, exclude: set[str] | None = None) -> None:
    """A response model as the API would send it (JSON), indented for people."""
    print_json(model.model_dump(mode="json", exclude=exclude))


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
