"""`kb suggest` from the command line: arguments, stdin, JSON shape, errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from kb.cli import app


def invoke(cache: Path, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        app, ["suggest", *args], input=stdin, env={"KB_CACHE_DIR": str(cache)}
    )
    return result.exit_code, result.stdout, result.stderr


def test_json_output_has_the_api_article_shape(tmp_path: Path) -> None:
    code, out, _ = invoke(tmp_path, "--json", "--limit", "3", "my transaction is stuck pending")

    payload = json.loads(out)
    assert code == 0
    assert payload["language"] == "en"
    assert len(payload["articles"]) == 3
    first = payload["articles"][0]
    assert set(first) >= {"id", "title", "audience", "score", "url", "snippet", "confidence"}
    assert first["id"] == "transaction-pending"
    assert all(article["audience"] == "public" for article in payload["articles"])


def test_text_is_read_from_stdin_when_no_argument_is_given(tmp_path: Path) -> None:
    code, out, _ = invoke(tmp_path, "--json", stdin="助记词丢了怎么办\n")

    assert code == 0
    assert json.loads(out)["articles"][0]["id"] == "lost-recovery-phrase"


def test_the_table_names_the_articles_and_why_they_matched(tmp_path: Path) -> None:
    code, out, _ = invoke(tmp_path, "--internal", "wallet drained, how do I report it")

    assert code == 0
    assert "wallet-compromised" in out
    assert "internal" in out
    assert "drained" in out


def test_an_unknown_language_is_a_clear_error(tmp_path: Path) -> None:
    code, _, err = invoke(tmp_path, "--lang", "fr", "hello there")

    assert code == 1
    assert "unknown language 'fr'; use one of: en, zh, zh-Hant" in err


def test_empty_text_is_a_clear_error(tmp_path: Path) -> None:
    code, _, err = invoke(tmp_path, stdin="   \n")

    assert code == 1
    assert "text is empty" in err
