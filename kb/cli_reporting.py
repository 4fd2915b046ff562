"""How every ``kb`` command reports a failure: one line on stderr and exit code 1."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import typer

from kb.errors import KBError

T = TypeVar("T")


def run_reporting_errors(action: Callable[[], T]) -> T:
    try:
        return action()
    except KBError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from None
