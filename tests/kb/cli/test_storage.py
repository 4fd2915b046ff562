"""`kb db upgrade` and `kb keys create|list|revoke`: what an operator runs."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from kb.cli import app
from kb.store.engine import create_database_engine, transaction
from kb.store.keys import authenticate


def kb(database: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"KB_DATABASE_URL": database})
    return result.exit_code, result.stdout, result.stderr


def test_keys_are_created_listed_and_revoked(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'kb.sqlite3'}"
    assert kb(database, "db", "upgrade")[0] == 0

    code, token, told = kb(database, "keys", "create", "zendesk")
    assert code == 0 and "not shown again" in told
    token = token.strip()
    _, listing, _ = kb(database, "keys", "list")
    assert "zendesk" in listing and token[:11] in listing and token not in listing
    assert "active" in listing

    engine = create_database_engine(database)
    with transaction(engine) as session:
        assert authenticate(session, token) is not None
    assert kb(database, "keys", "revoke", "zendesk")[0] == 0
    with transaction(engine) as session:
        assert authenticate(session, token) is None
    engine.dispose()
    assert "revoked" in kb(database, "keys", "list")[1]


def test_db_upgrade_says_what_it_did_and_is_safe_to_repeat(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'kb.sqlite3'}"

    first = kb(database, "db", "upgrade")
    second = kb(database, "db", "upgrade")

    assert first[0] == second[0] == 0
    assert "upgraded from empty" in first[2]
    assert "up to date" in second[2]


def test_storage_commands_report_an_unreachable_database_in_one_line(tmp_path: Path) -> None:
    unreachable = "postgresql+psycopg://postgres:hunter2@127.0.0.1:1/kb"

    code, _, error = kb(unreachable, "keys", "list")

    assert code == 1
    assert error.startswith("error: cannot use the database at postgresql+psycopg://postgres:***@")
    assert "hunter2" not in error and len(error.strip().splitlines()) == 1


def test_key_commands_refuse_bad_names_and_unknown_keys(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'kb.sqlite3'}"
    kb(database, "db", "upgrade")

    assert kb(database, "keys", "revoke", "nobody")[2] == (
        "error: no active key named 'nobody'; see kb keys list\n"
    )
    assert "1 to 100 characters" in kb(database, "keys", "create", " ")[2]


def test_key_commands_on_a_fresh_database_say_to_upgrade_it(tmp_path: Path) -> None:
    code, _, error = kb(f"sqlite:///{tmp_path / 'kb.sqlite3'}", "keys", "create", "x")

    assert code == 1
    assert "run `kb db upgrade`" in error
