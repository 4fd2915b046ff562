"""Redaction throughput: MB/s on ordinary tickets and on 1 MB adversarial inputs.

Ordinary text is the labelled tickets (English, Chinese, mixed), redacted one
ticket at a time as the service does, repeated to about 1 MB; a second run adds
a recovery phrase, a key and a card number to every tenth ticket. The adversarial
inputs are 1 MB runs built to make a careless pattern backtrack (digits, hex,
wordlist words, separators, keywords); tests/test_redact.py feeds the same ones.
Writes bench/redact_results.md and the README table.

    .venv/bin/python bench/redact_speed.py
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from mnemonic import Mnemonic

from kb.config import BUNDLED_LOCALES_DIR
from kb.redaction.redact import redact
from kb.text.messages import Messages

ROOT = Path(__file__).resolve().parent.parent
TICKET_FILES = [
    ROOT / "tests" / "data" / "dev_tickets.jsonl",
    ROOT / "tests" / "data" / "own_tickets.jsonl",
]
RESULTS = Path(__file__).resolve().parent / "redact_results.md"
MEGABYTE = 1_000_000
ROUNDS = 3

# Each pattern is repeated to the requested size.
ADVERSARIAL_PATTERNS = {
    "digits": "7",
    "spaced digits": "1 ",
    "dashed digits": "4111-",
    "hex": "a1",
    "hex after key labels": "private key " + "ab" * 40 + " ",
    "base58": "xprv9s21",
    "wordlist words": "abandon ",
    "wordlist words and keywords": "seed abandon ability able ",
    "list numbering": "1. 2) 3, ",
    "Chinese after keywords": "助记词是的一是在不了有和人这中大为上个国我以要他",
    "at signs": "a@",
    "phone-like": "+1 (",
}


def adversarial_inputs(size: int) -> dict[str, str]:
    """Every adversarial pattern repeated to ``size`` characters (plus a tail that fails)."""
    inputs = {
        name: (pattern * (size // len(pattern) + 1))[:size]
        for name, pattern in ADVERSARIAL_PATTERNS.items()
    }
    inputs["one long local part"] = "x" * size + "@"
    return inputs


def ordinary_tickets() -> list[str]:
    return [
        json.loads(line)["text"]
        for path in TICKET_FILES
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def with_secrets(tickets: list[str]) -> list[str]:
    phrase = Mnemonic("english").to_mnemonic(bytes(range(16)))
    secrets = [
        f"my seed phrase is {phrase}",
        "private key 4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318",
        "card 4111 1111 1111 1111",
    ]
    return [
        f"{ticket} {secrets[number // 10 % 3]}" if number % 10 == 0 else ticket
        for number, ticket in enumerate(tickets)
    ]


def repeated_to(tickets: list[str], size: int) -> list[str]:
    corpus: list[str] = []
    total = 0
    while total < size:
        for ticket in tickets:
            corpus.append(ticket)
            total += len(ticket.encode("utf-8"))
    return corpus


def megabytes_per_second(texts: list[str], messages: Messages) -> float:
    """Best of a few rounds: redact each text and mask its contacts, as the service stores it."""
    size = sum(len(text.encode("utf-8")) for text in texts) / MEGABYTE
    best = float("inf")
    for _ in range(ROUNDS):
        started = time.perf_counter()
        for text in texts:
            redact(text, messages).stored_text  # noqa: B018  (what is timed)
        best = min(best, time.perf_counter() - started)
    return size / best


def main() -> None:
    messages = Messages(BUNDLED_LOCALES_DIR)
    redact("warm up the wordlists", messages)
    tickets = ordinary_tickets()
    runs = {
        "ordinary tickets, one at a time (~1 MB)": repeated_to(tickets, MEGABYTE),
        "tickets, every tenth with a phrase, key or card (~1 MB)": repeated_to(
            with_secrets(tickets), MEGABYTE
        ),
        **{
            f"adversarial 1 MB: {name}": [text]
            for name, text in adversarial_inputs(MEGABYTE).items()
        },
    }
    rows = ["| input | throughput |", "| --- | --- |"]
    for name, texts in runs.items():
        rows.append(f"| {name} | {megabytes_per_second(texts, messages):.1f} MB/s |")
    from readme_table import publish

    publish("redact", "Redaction speed", RESULTS, "\n".join(rows))


if __name__ == "__main__":
    main()
