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


def test_json_output_has_the_api_article_shape(index_cache: Path) -> None:
    code, out, _ = invoke(index_cache, "--json", "--limit", "3", "my transaction is stuck pending")

    payload = json.loads(out)
    assert code == 0
    assert payload["language"] == "en"
    assert len(payload["articles"]) == 3
    first = payload["articles"][0]
    assert set(first) >= {"id", "title", "audience", "score", "url", "snippet", "confidence"}
    assert first["id"] == "transaction-pending"
    assert all(article["audience"] == "public" for article in payload["articles"])


def test_text_is_read_from_stdin_when_no_argument_is_given(index_cache: Path) -> None:
    code, out, _ = invoke(index_cache, "--json", stdin="助记词丢了怎么办\n")

    assert code == 0
    assert json.loads(out)["articles"][0]["id"] == "lost-recovery-phrase"


def test_the_table_names_the_articles_and_why_they_matched(index_cache: Path) -> None:
    code, out, _ = invoke(index_cache, "--internal", "wallet drained, how do I report it")

    assert code == 0
    assert "wallet-compromised" in out
    assert "internal" in out
    assert "drained" in out


def test_an_unknown_language_is_a_clear_error(index_cache: Path) -> None:
    code, _, err = invoke(index_cache, "--lang", "fr", "hello there")

    assert code == 1
    assert "unknown language 'fr'; use one of: en, zh, zh-Hant" in err


def test_empty_text_is_a_clear_error(index_cache: Path) -> None:
    code, _, err = invoke(index_cache, stdin="   \n")

    assert code == 1
    assert "text is empty" in err


PHRASE = "abandon amount liar amount expire adjust cage candy arch gather drum buyer"  # valid BIP39


def test_json_output_carries_replies_entities_and_removed_kinds_but_no_secret(
    index_cache: Path,
) -> None:
    code, out, _ = invoke(
        index_cache,
        "--json",
        "--set",
        "customer_name=Wei Zhang",
        f"my 50 USDT transfer is stuck pending, seed phrase {PHRASE}",
    )

    payload = json.loads(out)
    assert code == 0
    assert payload["redacted"] == ["recovery_phrase"]
    assert {"kind": "amount", "value": "50", "unit": "USDT"}.items() <= payload["entities"][
        0
    ].items()
    reply = payload["replies"][0]
    assert set(reply) == {"article_id", "language", "text", "missing", "url", "known_issue_id"}
    assert reply["text"].startswith(
        "Hi Wei,\n\nImportant: your message contained your recovery phrase"
    )
    assert "liar amount expire" not in out


def test_the_table_view_prints_the_top_reply(index_cache: Path) -> None:
    code, out, _ = invoke(index_cache, "--lang", "zh", "转账一直待确认")

    assert code == 0
    assert "reply: transaction-pending, zh" in out
    assert "您好！" in out


def test_a_placeholder_value_must_name_a_placeholder(index_cache: Path) -> None:
    code, _, err = invoke(index_cache, "--set", "name=Wei", "pending")

    assert code == 1
    assert "'name=Wei': use NAME=VALUE with a NAME from: address, agent_name" in err


def test_kb_redact_prints_the_ticket_without_its_secrets(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["redact", "--store", f"hi, {PHRASE}, mail me at a@b.io"], env={}
    )

    assert result.exit_code == 0
    assert result.stdout == "hi, [recovery phrase removed], mail me at [email]\n"
    assert result.stderr == "removed: recovery_phrase\n"
