"""Escalation drafts from the library: the policy's template, severity and layer, entities."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from kb.errors import InvalidQuery
from kb.escalation.draft import MAX_NOTES_LENGTH, EscalationDraft, draft_escalation
from kb.suggest import Suggester

TX = "9f2c4d1e8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d"  # a Tron txid's shape
PENDING_TICKET = f"我在iOS App 4.12.0 上转账 250 USDT（TRC20），交易哈希 {TX}，一直显示pending"
PENDING_NOTES = (
    "Tronscan shows it confirmed at 07:58 UTC; the app still shows pending. wei@example.com"
)
HAN = re.compile(r"[\u4e00-\u9fff]")
NOW = datetime(2026, 11, 24, 9, 30, 41, tzinfo=UTC)


def escalate(
    suggester: Suggester, text: str, notes: str = "", now: datetime | None = None
) -> EscalationDraft:
    knowledge = suggester.knowledge
    return draft_escalation(
        suggester, knowledge.catalogue, knowledge.messages, text, notes, now=now
    )


def test_the_note_follows_the_policy_template_exactly(suggester: Suggester) -> None:
    drafted = escalate(suggester, PENDING_TICKET, PENDING_NOTES, now=NOW)

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
        "Related runbooks: transaction-investigation, card-top-up-investigation, "
        "security-incident-handling\n"
        "Top articles: transaction-pending, card-top-up, exchange-deposit-not-received\n"
        "\n"
        "--- Agent notes (redacted) ---\n"
        "Tronscan shows it confirmed at 07:58 UTC; the app still shows pending. [email]\n"
        "\n"
        "--- Original ticket (zh, redacted) ---\n"
        f"{PENDING_TICKET}\n"
    )


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
    drafted = escalate(suggester, ticket, notes)

    assert (drafted.severity.value, drafted.layer.value) == (level, layer)
    assert f"({evidence})" in drafted.severity.reason + drafted.layer.reason
    assert not HAN.search(drafted.summary)


def test_entities_found_only_in_the_notes_fill_the_template(suggester: Suggester) -> None:
    drafted = escalate(
        suggester, "I bought BTC with my card but nothing arrived", f"order id MX123456, tx {TX}"
    )

    assert {(e.kind, e.value, e.source) for e in drafted.entities} >= {
        ("order_id", "MX123456", "notes"),
        ("tx_hash", TX, "notes"),
        ("asset", "BTC", "ticket"),
    }
    assert "Order: [to fill] MX123456" in drafted.text.splitlines()
    assert f"Transaction: {TX} on [to fill], BTC" in drafted.text.splitlines()


def test_notes_over_the_limit_are_refused(suggester: Suggester) -> None:
    with pytest.raises(InvalidQuery, match="limit is 5000"):
        escalate(suggester, "My swap failed", "x" * (MAX_NOTES_LENGTH + 1))
