"""POST /v1/suggest and POST /v1/feedback on SQLite and PostgreSQL: answers, keys, the log."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from kb.store.engine import transaction
from kb.store.keys import create_key, revoke_key
from kb.store.tables import SuggestionRecord
from tests.support.service import Service

PENDING_EN = "My USDT transfer is stuck as pending, what should I do?"
PENDING_ZH = "我的USDT转账一直pending，两个小时了还没到账，怎么办"
HEX_ID = re.compile(r"^[0-9a-f]{32}$")


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [(PENDING_EN, "en", "transaction-pending"), (PENDING_ZH, "zh", "transaction-pending")],
)
def test_suggest_answers_in_the_tickets_language_with_articles_replies_and_runbooks(
    service: Service, text: str, language: str, expected: str
) -> None:
    answer = service.suggest(text, limit=3, context={"customer_name": "Wei Zhang"})

    assert HEX_ID.match(str(answer["suggestion_id"]))
    assert answer["language"] == language
    articles = answer["articles"]
    assert isinstance(articles, list)
    top = articles[0]
    assert top["id"] == expected
    assert set(top) == {
        "id", "title", "audience", "score", "confidence", "url", "snippet", "matched", "runbooks",
        "similarity",
    }  # fmt: skip
    # The suite's services run BM25 alone (KB_SEMANTIC=off), and the answer says so.
    assert (answer["ranking"], answer["semantic"], top["similarity"]) == ("bm25", "off", None)
    assert top["matched"] and top["runbooks"] == ["transaction-investigation"]
    assert answer["runbooks"][0]["id"] == "transaction-investigation"  # type: ignore[index]
    replies = answer["replies"]
    assert isinstance(replies, list)
    assert replies[0]["article_id"] == expected and replies[0]["language"] == language
    assert replies[0]["text"].startswith("Hi Wei," if language == "en" else "Wei Zhang，您好")
    assert {"kind": "asset", "value": "USDT"}.items() <= answer["entities"][0].items()  # type: ignore[index]
    assert answer["redacted"] == []


def test_runbooks_come_apart_from_the_faqs_and_say_why(service: Service) -> None:
    # An agent's own question: only runbooks answer it, and no FAQ is pushed aside for them.
    answer = service.suggest("how do I escalate a SEV2 to engineering, what do I include", limit=2)

    articles, runbooks = answer["articles"], answer["runbooks"]
    assert isinstance(articles, list) and isinstance(runbooks, list)
    assert all(article["audience"] == "public" for article in articles)
    assert len(runbooks) == 2
    first = runbooks[0]
    assert set(first) == {
        "id", "title", "url", "audience", "ranked", "score", "confidence", "matched", "named_by"
    }  # fmt: skip
    assert (first["id"], first["audience"], first["ranked"]) == (
        "escalation-policy",
        "internal",
        True,
    )
    assert first["confidence"] >= 0.5 and first["matched"]
    public = service.client.get("/v1/search", params={"q": "escalate a SEV2 to engineering"})
    assert public.status_code == 200 and "runbooks" not in public.json()


def test_a_forced_traditional_language_answers_in_traditional_characters(service: Service) -> None:
    answer = service.suggest("我的转账一直没到账", lang="zh-Hant", limit=1)

    assert answer["language"] == "zh-Hant"
    assert "賬" in answer["replies"][0]["text"] or "帳" in answer["replies"][0]["text"]  # type: ignore[index]


def test_each_suggestion_is_logged_redacted_with_scores_latency_and_key(service: Service) -> None:
    answer = service.suggest(f"{PENDING_EN} Reach me at wei@example.com", limit=2)

    with transaction(service.engine) as session:
        record = session.get(SuggestionRecord, answer["suggestion_id"])
    assert record is not None
    assert record.language == "en"
    assert "wei@example.com" not in record.text and "pending" in record.text
    assert [article["id"] for article in record.articles] == [
        article["id"]
        for article in answer["articles"]  # type: ignore[attr-defined]
    ]
    assert all(isinstance(article["score"], float) for article in record.articles)
    assert record.latency_ms > 0 and record.key_id > 0


def test_an_emailed_ticket_is_ranked_on_its_subject_and_new_message_and_stored_whole(
    service: Service,
) -> None:
    body = (
        "Hi, it has been two days now.\n\nBest regards,\nMaria\n\n"
        "On Mon, 3 Nov 2025 at 10:12, Wallet Support <support@wallet.example> wrote:\n"
        "> Did you forget the memo or destination tag? A missing memo is the usual cause."
    )
    subject = "Withdrawal from Binance not received"

    answer = service.suggest(body, subject=subject, limit=3)

    articles = answer["articles"]
    assert isinstance(articles, list)
    assert articles[0]["id"] == "exchange-deposit-not-received"
    with transaction(service.engine) as session:
        record = session.get(SuggestionRecord, answer["suggestion_id"])
    assert record is not None
    assert record.text.startswith(f"{subject}\n\nHi, it has been two days now.")
    assert record.text.endswith("A missing memo is the usual cause.")


def test_a_subject_over_1000_characters_is_refused(service: Service) -> None:
    response = service.client.post(
        "/v1/suggest", json={"text": "pending", "subject": "x" * 1001}, headers=service.agent
    )

    assert response.status_code == 422
    assert "subject" in response.text


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer kb_00000000_not-a-real-key"}, {"Authorization": "Basic x"}],
    ids=["no key", "unknown key", "not bearer"],
)
def test_agent_endpoints_refuse_callers_without_a_valid_key(
    service: Service, headers: dict[str, str]
) -> None:
    for path, body in [
        ("/v1/suggest", {"text": PENDING_EN}),
        ("/v1/feedback", {"suggestion_id": "ab" * 16, "article_id": "x", "rating": "used"}),
    ]:
        response = service.client.post(path, json=body, headers=headers)
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
        assert response.json()["error"]["code"] == "unauthorized"


def test_a_revoked_key_is_refused_once_the_recent_keys_forget_it(service: Service) -> None:
    token = create_key(service.engine, "soon-revoked").token
    headers = {"Authorization": f"Bearer {token}"}
    recent_keys = service.state.recent_keys
    kept_for = recent_keys.ttl_seconds
    recent_keys.ttl_seconds = 0  # as once the 10 seconds have passed
    try:
        accepted = service.client.post("/v1/suggest", json={"text": "hi"}, headers=headers)
        revoke_key(service.engine, "soon-revoked")
        refused = service.client.post("/v1/suggest", json={"text": "hi"}, headers=headers)
    finally:
        recent_keys.ttl_seconds = kept_for
    assert accepted.status_code == 200
    assert refused.status_code == 401


def test_feedback_is_created_once_and_repeats_are_idempotent(service: Service) -> None:
    answer = service.suggest(PENDING_EN, limit=2)
    body = {
        "suggestion_id": answer["suggestion_id"],
        "article_id": "transaction-pending",
        "rating": "used",
    }

    first = service.client.post("/v1/feedback", json=body, headers=service.agent)
    again = service.client.post("/v1/feedback", json=body, headers=service.agent)

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["created"] is True and again.json()["created"] is False
    assert first.json()["id"] == again.json()["id"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"suggestion_id": "0" * 32}, "no suggestion with id"),
        ({"article_id": "no-such-article"}, "no article with id 'no-such-article'"),
    ],
)
def test_feedback_on_an_unknown_suggestion_or_article_is_404(
    service: Service, change: dict[str, str], message: str
) -> None:
    answer = service.suggest(PENDING_EN, limit=1)
    body = {"suggestion_id": answer["suggestion_id"], "article_id": "network-fees"}
    body |= {"rating": "helpful", **change}

    response = service.client.post("/v1/feedback", json=body, headers=service.agent)

    assert response.status_code == 404
    assert message in response.json()["error"]["message"]


def test_stored_suggestions_are_only_those_answered(service: Service) -> None:
    with transaction(service.engine) as session:
        before = len(session.scalars(select(SuggestionRecord.id)).all())
    empty = service.client.post("/v1/suggest", json={"text": ""}, headers=service.agent)
    anonymous = service.client.post("/v1/suggest", json={"text": PENDING_EN})
    assert (empty.status_code, anonymous.status_code) == (422, 401)
    with transaction(service.engine) as session:
        assert len(session.scalars(select(SuggestionRecord.id)).all()) == before
