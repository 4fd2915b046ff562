"""POST /v1/escalations/draft on SQLite and PostgreSQL: the note, its secrets, its errors."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest
from mnemonic import Mnemonic
from sqlalchemy import func, select

from kb.config import BUNDLED_ARTICLES_DIR
from kb.escalation.draft import MAX_NOTES_LENGTH
from kb.store.engine import transaction
from kb.store.tables import SuggestionRecord
from tests.support.service import Service

URL = "/v1/escalations/draft"
POLICY = BUNDLED_ARTICLES_DIR / "runbooks" / "escalation-policy.en.md"
TX = "9f2c4d1e8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d"  # a Tron txid's shape
CHINESE_TICKET = f"我在iOS App 4.12.0 上转了 250 USDT（TRC20），交易哈希 {TX} 一直没到账"
PHRASE = Mnemonic("english").to_mnemonic(bytes(range(16)))
KEY = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
CARD = "4111 1111 1111 1111"
HAN = re.compile(r"[\u4e00-\u9fff]")


def draft(service: Service, body: dict[str, object]) -> dict[str, object]:
    response = service.client.post(URL, json=body, headers=service.agent)
    assert response.status_code == 200, response.text
    answer: dict[str, object] = response.json()
    return answer


def template_fields(policy: Path) -> list[str]:
    """The field names of the policy's template block, in order ("Summary", ...)."""
    block = policy.read_text(encoding="utf-8").split("```text\n")[1].split("```")[0]
    return [line.split(":")[0] for line in block.splitlines() if re.match(r"[A-Z][^:]*:", line)]


def test_a_chinese_ticket_gets_an_english_note_with_its_hash_and_app_version(
    service: Service,
) -> None:
    answer = draft(service, {"text": CHINESE_TICKET})

    assert answer["language"] == "zh"
    entities = {(e["kind"], e["value"]) for e in answer["entities"]}  # type: ignore[attr-defined]
    assert {("tx_hash", TX), ("app_version", "4.12.0"), ("platform", "iOS")} <= entities
    assert {("amount", "250"), ("network", "Tron")} <= entities
    assert str(answer["summary"]).endswith("(250 USDT on Tron; iOS app 4.12.0)")
    assert answer["severity"]["level"] == "SEV3"  # type: ignore[index]
    note = str(answer["text"])
    fields, ticket = note.split("--- Original ticket (zh, redacted) ---\n")
    assert not HAN.search(fields), "only the quoted ticket may be in Chinese"
    assert ticket == CHINESE_TICKET + "\n"
    assert f"Transaction: {TX} on Tron, 250 USDT" in fields.splitlines()
    assert "Platform and app version: iOS, app 4.12.0" in fields.splitlines()
    names = [line.split(":")[0] for line in fields.splitlines() if ":" in line]
    assert names[: len(template_fields(POLICY))] == template_fields(POLICY)


def test_secrets_in_the_ticket_and_notes_never_reach_the_answer(service: Service) -> None:
    ticket = f"My wallet was drained. My recovery phrase is {PHRASE}"
    notes = f"User also sent private key: {KEY} and card {CARD}; phrase again: {PHRASE}"

    response = service.client.post(
        URL, json={"text": ticket, "notes": notes}, headers=service.agent
    )

    assert response.status_code == 200
    words = PHRASE.split()
    for secret in [*(" ".join(pair) for pair in pairwise(words)), KEY, CARD]:
        assert secret not in response.text
    answer = response.json()
    assert answer["redacted"] == ["recovery_phrase", "private_key", "card_number"]
    assert "[recovery phrase removed]" in answer["original_text"]
    assert "[private key removed]" in answer["notes"]


def test_severity_and_layer_come_back_through_the_api(service: Service) -> None:
    answer = draft(
        service,
        {
            "text": "My card payment was declined at a shop",
            "notes": "Card payments are declined for the whole region (EU)",
            "lang": "en",
        },
    )

    assert answer["severity"] == {
        "level": "SEV2",
        "reason": "a feature is broken for many users, no workaround known "
        "(many users in the notes)",
    }
    assert answer["layer"]["name"] == "external provider"  # type: ignore[index]
    assert {"name": "many users", "label": "many users", "found": "whole region",
            "source": "notes"} in answer["signals"]  # type: ignore[operator]  # fmt: skip


def test_drafting_needs_an_agent_key(service: Service) -> None:
    response = service.client.post(URL, json={"text": CHINESE_TICKET})

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        pytest.param({"text": ""}, "body.text", "text is empty", id="empty-text"),
        pytest.param({"text": " \n\u3000"}, "body.text", "text is empty", id="blank-text"),
        pytest.param({"notes": "x"}, "body.text", "text is empty", id="no-text"),
        pytest.param(
            {"text": "My swap failed", "priority": "high"}, "body.priority", "unknown field",
            id="unknown-field",
        ),
        pytest.param(
            {"text": "My swap failed", "notes": "x" * (MAX_NOTES_LENGTH + 1)}, "body.notes",
            "at most 5000", id="notes-too-long",
        ),
        pytest.param(
            {"text": "My swap failed", "lang": "fr"}, "body.lang", "", id="unknown-language",
        ),
    ],
)  # fmt: skip
def test_drafting_refuses_invalid_requests(
    service: Service, body: dict[str, object], field: str, message: str
) -> None:
    response = service.client.post(URL, json=body, headers=service.agent)

    assert response.status_code == 422
    details = response.json()["error"]["details"]
    assert [detail["field"] for detail in details] == [field]
    assert message in details[0]["message"]


def test_drafting_stores_nothing(service: Service) -> None:
    draft(service, {"text": CHINESE_TICKET, "notes": "checked tronscan"})

    with transaction(service.engine) as session:
        assert session.scalar(select(func.count()).select_from(SuggestionRecord)) == 0
