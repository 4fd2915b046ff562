"""``kb db upgrade`` and ``kb keys create|list|revoke``: the database's own commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from kb.cli_reporting import run_reporting_errors
from kb.config import Settings

if TYPE_CHECKING:
    from sqlalchemy import Engine

db_app = typer.Typer(help="The database: bring its schema up to date.", no_args_is_help=True)
keys_app = typer.Typer(help="Agent API keys (stored only as hashes).", no_args_is_help=True)

T = TypeVar("T")


def using_database(action: Callable[[Engine], T], settings: Settings | None = None) -> T:
    """Run ``action`` on the configured database; any failure is one line and exit 1."""
    from kb.database import create_database_engine, reporting_unavailable

    def run() -> T:
        engine = create_database_engine((settings or Settings()).database_url)
        try:
            with reporting_unavailable(engine):
                return action(engine)
        finally:
            engine.dispose()

    return run_reporting_errors(run)


def current_schema(action: Callable[[Engine], T]) -> Callable[[Engine], T]:
    """``action`` once the schema is checked, so a fresh database says to upgrade it."""
    from kb.migrate import SchemaGate

    def checked(engine: Engine) -> T:
        SchemaGate().require(engine)
        return action(engine)

    return checked


def upgrade_database(settings: Settings) -> None:
    from kb.migrate import upgrade

    before, after = using_database(upgrade, settings)
    state = "up to date" if before == after else f"upgraded from {before or 'empty'}"
    typer.echo(f"database schema {after} ({state})", err=True)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply the migrations the database lacks (safe to run again; kb serve runs it)."""
    upgrade_database(Settings())


NameArgument = Annotated[str, typer.Argument(help="Who or what holds the key, e.g. zendesk.")]


@keys_app.command("create")
def create(name: NameArgument) -> None:
    """Make a key and print it once; only its hash is stored."""
    from kb.keys import create_key

    key = using_database(current_schema(lambda engine: create_key(engine, name)))
    typer.echo(key.token)
    typer.echo(f"key {name!r} created; copy it now, it is not shown again", err=True)


@keys_app.command("list")
def list_command() -> None:
    """Names, prefixes, when made and last used, and whether revoked. Never the keys."""
    from kb.keys import list_keys

    keys = using_database(current_schema(list_keys))
    typer.echo(f"{'name':<24} {'prefix':<12} {'created':<17} {'last used':<17} state")
    for key in keys:
        typer.echo(
            f"{key.name:<24} {key.prefix:<12} {minute(key.created_at):<17} "
            f"{minute(key.last_used_at):<17} {'revoked' if key.revoked_at else 'active'}"
        )
    if not keys:
        typer.echo("no keys yet; make one with: kb keys create NAME", err=True)


@keys_app.command("revoke")
def revoke(name: NameArgument) -> None:
    """Stop the active key with this name from working (its log entries stay)."""
    from kb.keys import revoke_key

    using_database(current_schema(lambda engine: revoke_key(engine, name)))
    typer.echo(f"key {name!r} revoked", err=True)


def minute(moment: object) -> str:
    return "-" if moment is None else str(moment)[:16]
