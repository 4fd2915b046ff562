"""A ticket holding a recovery phrase, a private key and a card number leaves no trace of
them in any column of any table, on SQLite and on PostgreSQL."""

from __future__ import annotations

import re

from mnemonic import Mnemonic

from tests.support.databases import every_stored_text
from tests.support.service import Service

ENGLISH_PHRASE = Mnemonic("english").to_mnemonic(bytes(range(16, 32)))
CHINESE_PHRASE = Mnemonic("chinese_simplified").to_mnemonic(bytes(range(40, 56)))
PRIVATE_KEY = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
CARD = "5555 5555 5555 4444"


def windows(words: list[str], size: int = 3) -> list[str]:
    """Every run of ``size`` neighbouring words: any one of them stored would be a leak."""
    return [" ".join(words[i : i + size]) for i in range(len(words) - size + 1)]


def leaks(stored: list[str]) -> list[str]:
    text = "\n".join(stored)
    squeezed = re.sub(r"\s+", " ", text)
    english = [run for run in windows(ENGLISH_PHRASE.split()) if run in squeezed]
    chinese = [run for run in windows(CHINESE_PHRASE.split()) if run.replace(" ", "") in text]
    digits = re.sub(r"\D", "", text)
    found = english + chinese
    found += [PRIVATE_KEY] if PRIVATE_KEY[8:40] in text else []
    found += [CARD] if CARD.replace(" ", "")[:12] in digits else []
    return found


def test_no_secret_reaches_any_table(service: Service) -> None:
    tickets = [
        f"Someone stole my funds. My seed phrase is {ENGLISH_PHRASE} and my private key: "
        f"{PRIVATE_KEY}. The card {CARD} was charged too. Mail me at wei@example.com",
        f"我的助记词是 {CHINESE_PHRASE}，卡号 {CARD} 也被盗刷了，请帮帮我",
        f"私钥：{PRIVATE_KEY}，助记词：{CHINESE_PHRASE.replace(' ', '')}，钱都没了",
    ]
    requests = [{"text": ticket, "limit": 3} for ticket in tickets]
    # A secret in an e-mail's subject, and in the quoted history below the new message.
    requests.append(
        {
            "subject": f"help!! phrase {ENGLISH_PHRASE}",
            "text": f"Funds gone.\n\nOn Mon, 3 Nov 2025, Support wrote:\n> key {PRIVATE_KEY}",
        }
    )
    for request in requests:
        ticket = str(request)
        response = service.client.post("/v1/suggest", json=request, headers=service.agent)
        assert response.status_code == 200, response.text
        answer = response.json()
        assert answer["redacted"], ticket
        assert leaks([response.text]) == []
        feedback = {
            "suggestion_id": answer["suggestion_id"],
            "article_id": answer["articles"][0]["id"],
            "rating": "helpful",
        }
        assert service.client.post("/v1/feedback", json=feedback, headers=service.agent).is_success

    stored = every_stored_text(service.engine)

    assert any("[recovery phrase removed]" in value for value in stored)
    assert leaks(stored) == []
    assert not any("wei@example.com" in value for value in stored)


def test_the_leak_search_finds_what_it_looks_for() -> None:
    """The search above would see each secret had it been stored."""
    assert leaks([f"x {ENGLISH_PHRASE} y"]) and leaks([CHINESE_PHRASE.replace(" ", "")])
    assert leaks([PRIVATE_KEY]) and leaks(["5555-5555-5555-4444"])
    assert leaks(["[recovery phrase removed] hello"]) == []
