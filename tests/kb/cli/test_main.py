"""The kb command as a whole: settings read once, and any library error one line, exit 1."""

from __future__ import annotations

from typer.testing import CliRunner

from kb.cli import app


def test_a_setting_that_does_not_parse_is_one_clear_line() -> None:
    result = CliRunner().invoke(app, ["lint"], env={"KB_MAX_BODY_BYTES": "lots"})

    assert result.exit_code == 1
    assert result.stderr.startswith("error: invalid settings: KB_MAX_BODY_BYTES: ")
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_articles_folder_that_is_not_there_is_one_clear_line() -> None:
    result = CliRunner().invoke(app, ["suggest", "hi"], env={"KB_ARTICLES_DIR": "/nowhere"})

    assert result.exit_code == 1
    assert result.stderr == "error: /nowhere: articles folder not found (set KB_ARTICLES_DIR)\n"


def test_a_path_that_is_not_there_is_one_clear_line() -> None:
    result = CliRunner().invoke(app, ["mark-translated", "/nowhere/faq"])

    assert result.exit_code == 1
    assert result.stderr == "error: /nowhere/faq: no such file or folder\n"
