"""``kb db upgrade`` and ``kb keys create|list|revoke``: the database's own commands."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from kb.cli.context import command_settings, open_database
from kb.config import Settings

db_app = typer.Typer(help="The database: bring its schema up to date.", no_args_is_help=True)
keys_app = typer.Typer(help="Agent API keys (stored only as hashes).", no_args_is_help=True)


def upgrade_database(settings: Settings) -> None:
    from kb.store.migrate import upgrade

    with open_database(settings, check_schema=False) as engine:
        before, after = upgrade(engine)
    state = "up to date" if before == after else f"upgraded from {before or 'empty'}"
    typer.echo(f"database schema {after} ({state})", err=True)


@db_app.command("upgrade")
def db_upgrade(ctx: typer.Context) -> None:
    """Apply the migrations the database lacks (safe to run again; kb serve runs it)."""
    upgrade_database(command_settings(ctx))


NameArgument = Annotated[str, typer.Argument(help="Who or what holds the key, e.g. zendesk.")]


@keys_app.command("create")
def create(ctx: typer.Context, name: NameArgument) -> None:
    """Make a key and print it once; only its hash is stored."""
    from kb.store.keys import create_key

    with open_database(command_settings(ctx)) as engine:
        key = create_key(engine, name)
    typer.echo(key.token)
    typer.echo(f"key {name!r} created; copy it now, it is not shown again", err=True)


@keys_app.command("list")
def list_command(ctx: typer.Context) -> None:
    """Names, prefixes, when made and last used, and whether revoked. Never the keys."""
    from kb.store.keys import list_keys

    with open_database(command_settings(ctx)) as engine:
        keys = list_keys(engine)
    typer.echo(f"{'name':<24} {'prefix':<12} {'created':<17} {'last used':<17} state")
    for key in keys:
        typer.echo(
            f"{key.name:<24} {key.prefix:<12} {minute(key.created_at):<17} "
            f"{minute(key.last_used_at):<17} {'revoked' if key.revoked_at else 'active'}"
        )
    if not keys:
        typer.echo("no keys yet; make one with: kb keys create NAME", err=True)


@keys_app.command("revoke")
def revoke(ctx: typer.Context, name: NameArgument) -> None:
    """Stop the active key with this name from working (its log entries stay)."""
    from kb.store.keys import revoke_key

    with open_database(command_settings(ctx)) as engine:
        revoke_key(engine, name)
    typer.echo(f"key {name!r} revoked", err=True)


def minute(moment: datetime | None) -> str:
    return "-" if moment is None else str(moment)[:16]
