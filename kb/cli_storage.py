"""``kb db upgrade`` and ``kb keys create|list|revoke``: the database's own commands."""

from __future__ import annotations

from typing import Annotated

import typer

from kb.cli_reporting import run_reporting_errors
from kb.config import Settings

db_app = typer.Typer(help="The database: bring its schema up to date.", no_args_is_help=True)
keys_app = typer.Typer(help="Agent API keys (stored only as hashes).", no_args_is_help=True)


def upgrade_database(settings: Settings) -> None:
    from kb.database import create_database_engine, reporting_unavailable
    from kb.migrate import upgrade

    def run() -> tuple[str | None, str | None]:
        engine = create_database_engine(settings.database_url)
        try:
            with reporting_unavailable(engine):
                return upgrade(engine)
        finally:
            engine.dispose()

    before, after = run_reporting_errors(run)
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
    from kb.database import create_database_engine, reporting_unavailable
    from kb.keys import create_key

    def run() -> str:
        engine = create_database_engine(Settings().database_url)
        with reporting_unavailable(engine):
            return create_key(engine, name).token

    token = run_reporting_errors(run)
    typer.echo(token)
    typer.echo(f"key {name!r} created; copy it now, it is not shown again", err=True)


@keys_app.command("list")
def list_command() -> None:
    """Names, prefixes, when made and last used, and whether revoked. Never the keys."""
    from kb.database import create_database_engine, reporting_unavailable
    from kb.keys import list_keys
    from kb.tables import ApiKey

    def run() -> list[ApiKey]:
        engine = create_database_engine(Settings().database_url)
        with reporting_unavailable(engine):
            return list_keys(engine)

    keys = run_reporting_errors(run)
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
    from kb.database import create_database_engine, reporting_unavailable
    from kb.keys import revoke_key

    def run() -> None:
        engine = create_database_engine(Settings().database_url)
        with reporting_unavailable(engine):
            revoke_key(engine, name)

    run_reporting_errors(run)
    typer.echo(f"key {name!r} revoked", err=True)


def minute(moment: object) -> str:
    return "-" if moment is None else str(moment)[:16]
