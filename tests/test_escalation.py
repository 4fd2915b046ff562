"""Escalation drafts: POST /v1/escalations/draft on SQLite and PostgreSQL, and the library."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path
from typing import get_args

import pytest
from mnemonic import Mnemonic
from sqlalchemy import func, select

from kb.catalogue import load_catalogue
from kb.config import BUNDLED_ARTICLES_DIR, BUNDLED_LOCALES_DIR
from kb.database import transaction
from kb.escalation import MAX_NOTES_LENGTH, draft_escalation
from kb.escalation_rules import LAYER_RULES, SEVERITY_RULES, SIGNAL_NAMES, Layer, Severity
from kb.suggest import InvalidQuery, Suggester
from kb.tables import SuggestionRecord
from tests.conftest import Service

URL = "/v1/escalations/draft"
POLICY = BUNDLED_ARTICLES_DIR / "runbooks" / "escalation-policy.en.md"
TX = "9f2c4d1e8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d"  # a Tron txid's shape
CHINESE_TICKET = f"我在iOS App 4.12.0 上转了 250 USDT（TRC20），交易哈希 {TX} 一直没到账"
PENDING_TICKET = f"我在iOS App 4.12.0 上转账 250 USDT（TRC20），交易哈希 {TX}，一直显示pending"
PENDING_NOTES = (
    "Tronscan shows it confirmed at 07:58 UTC; the app still shows pending. wei@example.com"
)
PHRASE = Mnemonic("english").to_mnemonic(bytes(range(16)))
KEY = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
CARD = "4111 1111 1111 1111"
HAN = re.compile(r"[\u4e00-\u9fff]")
NOW = datetime(2026, 11, 24, 9, 30, 41, tzinfo=UTC)


@pytest.fixture(scope="module")
def suggester(tmp_path_factory: pytest.TempPathFactory) -> Suggester:
    catalogue = load_catalogue(BUNDLED_ARTICLES_DIR)
    cache = tmp_path_factory.mktemp("index-cache")
    return Suggester.open(catalogue, BUNDLED_LOCALES_DIR, cache, "https://help.example")


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


def test_the_note_follows_the_policy_template_exactly(suggester: Suggester) -> None:
    drafted = draft_escalation(suggester, PENDING_TICKET, PENDING_NOTES, now=NOW)

    assert drafted.text == (
        "Summary: My transaction is stuck or pending (250 USDT on Tron; iOS app 4.12.0)\n"
        "Severity: SEV3 because one user's problem involving funds "
        "(amount in the ticket; tx hash in the ticket)\n"
        "Suspected layer: backend because transfers are tracked by the backend for every "
        "platform; an explorer rules the chain in or out "
        "(amount in the ticket; tx hash in the ticket)\n"
        "First seen / last seen (UTC): 2026-11-24T09:30Z / [to fill]\n"
        "Platform and app version: iOS, app 4.12.0\n"
        f"Transaction: {TX} on Tron, 250 USDT\n"
        "Order: [to fill]\n"
        "Reproduction steps:\n"
        "1. [to fill]\n"
        "Expected / actual: [to fill] / [to fill]\n"
        "User impact: 1 ticket so far; funds involved: 250 USDT\n"
        "Tickets: [to fill]\n"
        "Related runbooks: transaction-investigation, card-payment-triage\n"
        "Top articles: transaction-pending, card-top-up, network-fees\n"
        "\n"
        "--- Agent notes (redacted) ---\n"
        "Tronscan shows it confirmed at 07:58 UTC; the app still shows pending. [email]\n"
        "\n"
        "--- Original ticket (zh, redacted) ---\n"
        f"{PENDING_TICKET}\n"
    )


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


@pytest.mark.parametrize(
    ("ticket", "notes", "level", "layer", "evidence"),
    [
        pytest.param(
            "My card payment was declined at a shop",
            "Card payments are declined for the whole region (EU) since 08:00 UTC",
            "SEV2", "external provider", "many users in the notes",
            id="card-declined-for-a-region",
        ),
        pytest.param(
            "The app crashes on start on Android app 4.11", "",
            "SEV3", "client app", "crash in the ticket",
            id="android-crash",
        ),
        pytest.param(
            "App 4.11 在安卓上一打开就闪退", "",
            "SEV3", "client app", "crash in the ticket",
            id="android-crash-in-chinese",
        ),
        pytest.param(
            "所有用户的卡支付都被拒绝了", "",
            "SEV2", "external provider", "many users in the ticket",
            id="all-users-card-declined-in-chinese",
        ),
        pytest.param(
            "很多用戶的錢包被盜了", "",
            "SEV1", "backend", "many users in the ticket; funds at risk in the ticket",
            id="many-wallets-stolen-in-traditional",
        ),
        pytest.param(
            "My wallet was drained",
            "Security confirmed an exploited vulnerability in the approval flow",
            "SEV1", "backend", "exploited flaw in the notes",
            id="exploited-flaw",
        ),
        pytest.param(
            "Swaps fail for me", "Many users affected; workaround: swap in the web app",
            "SEV3", "backend", "many users in the notes",
            id="many-users-with-a-workaround",
        ),
        pytest.param(
            "My balance shows 0 but the explorer shows my USDT", "there is no outage",
            "SEV3", "backend", "balance or history in the ticket",
            id="negated-outage-does-not-count",
        ),
        pytest.param(
            "Sending USDT fails with a timeout error every time", "",
            "SEV3", "API", "API error in the ticket",
            id="timeout",
        ),
        pytest.param(
            "The Chinese translation on the settings page is wrong", "",
            "SEV4", "client app", "cosmetic in the ticket",
            id="wrong-translation",
        ),
    ],
)  # fmt: skip
def test_severity_and_layer_follow_the_policy_and_name_their_signals(
    suggester: Suggester, ticket: str, notes: str, level: str, layer: str, evidence: str
) -> None:
    drafted = draft_escalation(suggester, ticket, notes)

    assert (drafted.severity.value, drafted.layer.value) == (level, layer)
    assert f"({evidence})" in drafted.severity.reason + drafted.layer.reason
    assert not HAN.search(drafted.summary)


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


def test_entities_found_only_in_the_notes_fill_the_template(suggester: Suggester) -> None:
    drafted = draft_escalation(
        suggester, "I bought BTC with my card but nothing arrived", f"order id MX123456, tx {TX}"
    )

    assert {(e.kind, e.value, e.source) for e in drafted.entities} >= {
        ("order_id", "MX123456", "notes"),
        ("tx_hash", TX, "notes"),
        ("asset", "BTC", "ticket"),
    }
    assert "Order: [to fill] MX123456" in drafted.text.splitlines()
    assert f"Transaction: {TX} on [to fill], BTC" in drafted.text.splitlines()


def test_every_rule_uses_known_signals_and_each_table_ends_with_a_default() -> None:
    for rules, outcomes in ((SEVERITY_RULES, get_args(Severity)), (LAYER_RULES, get_args(Layer))):
        for rule in rules:
            assert {*rule.when, *rule.unless} <= SIGNAL_NAMES, rule
            assert rule.outcome in outcomes, rule
        assert rules[-1].when == rules[-1].unless == ()


def test_notes_over_the_limit_are_refused(suggester: Suggester) -> None:
    with pytest.raises(InvalidQuery, match="limit is 5000"):
        draft_escalation(suggester, "My swap failed", "x" * (MAX_NOTES_LENGTH + 1))


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
