"""The API over the bundled articles, on SQLite and PostgreSQL, through its HTTP interface."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from api.main import create_app
from kb.config import Settings
from kb.database import transaction
from kb.errors import InvalidCatalogue
from kb.keys import RecentKeys, create_key, revoke_key
from kb.tables import SuggestionRecord
from tests.conftest import LINT_FIXTURES, Service

PENDING_EN = "My USDT transfer is stuck as pending, what should I do?"
PENDING_ZH = "我的USDT转账一直pending，两个小时了还没到账，怎么办"
HEX_ID = re.compile(r"^[0-9a-f]{32}$")


def suggest(service: Service, text: str, **fields: object) -> dict[str, object]:
    response = service.client.post(
        "/v1/suggest", json={"text": text, **fields}, headers=service.agent
    )
    assert response.status_code == 200, response.text
    answer: dict[str, object] = response.json()
    return answer


def test_healthz_and_readyz_answer_once_started(service: Service) -> None:
    assert service.client.get("/healthz").json() == {"status": "ok", "detail": {}}
    ready = service.client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["detail"]["articles"] == 40


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [(PENDING_EN, "en", "transaction-pending"), (PENDING_ZH, "zh", "transaction-pending")],
)
def test_suggest_answers_in_the_tickets_language_with_articles_replies_and_runbooks(
    service: Service, text: str, language: str, expected: str
) -> None:
    answer = suggest(service, text, limit=3, context={"customer_name": "Wei Zhang"})

    assert HEX_ID.match(str(answer["suggestion_id"]))
    assert answer["language"] == language
    articles = answer["articles"]
    assert isinstance(articles, list)
    top = articles[0]
    assert top["id"] == expected
    assert set(top) == {
        "id", "title", "audience", "score", "confidence", "url", "snippet", "matched", "runbooks"
    }  # fmt: skip
    assert top["matched"] and top["runbooks"] == ["transaction-investigation"]
    assert answer["runbooks"][0]["id"] == "transaction-investigation"  # type: ignore[index]
    replies = answer["replies"]
    assert isinstance(replies, list)
    assert replies[0]["article_id"] == expected and replies[0]["language"] == language
    assert replies[0]["text"].startswith("Hi Wei," if language == "en" else "Wei Zhang，您好")
    assert {"kind": "asset", "value": "USDT"}.items() <= answer["entities"][0].items()  # type: ignore[index]
    assert answer["redacted"] == []


def test_a_forced_traditional_language_answers_in_traditional_characters(service: Service) -> None:
    answer = suggest(service, "我的转账一直没到账", lang="zh-Hant", limit=1)

    assert answer["language"] == "zh-Hant"
    assert "賬" in answer["replies"][0]["text"] or "帳" in answer["replies"][0]["text"]  # type: ignore[index]


def test_each_suggestion_is_logged_redacted_with_scores_latency_and_key(service: Service) -> None:
    answer = suggest(service, f"{PENDING_EN} Reach me at wei@example.com", limit=2)

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
    app = service.client.app
    app.state.recent_keys = RecentKeys(ttl_seconds=0)  # type: ignore[attr-defined]
    try:
        assert service.client.post("/v1/suggest", json={"text": "hi"}, headers=headers).is_success
        revoke_key(service.engine, "soon-revoked")
        refused = service.client.post("/v1/suggest", json={"text": "hi"}, headers=headers)
    finally:
        app.state.recent_keys = RecentKeys()  # type: ignore[attr-defined]
    assert refused.status_code == 401


def test_feedback_is_created_once_and_repeats_are_idempotent(service: Service) -> None:
    answer = suggest(service, PENDING_EN, limit=2)
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
    answer = suggest(service, PENDING_EN, limit=1)
    body = {"suggestion_id": answer["suggestion_id"], "article_id": "network-fees"}
    body |= {"rating": "helpful", **change}

    response = service.client.post("/v1/feedback", json=body, headers=service.agent)

    assert response.status_code == 404
    assert message in response.json()["error"]["message"]


def test_articles_list_shows_runbooks_only_to_agents(service: Service) -> None:
    public = service.client.get("/v1/articles").json()["articles"]
    agent = service.client.get("/v1/articles", headers=service.agent).json()["articles"]

    assert {article["audience"] for article in public} == {"public"}
    assert len(public) == 30 and len(agent) == 40
    assert {"en", "zh"} <= set(public[0]["titles"])


def test_a_runbook_is_not_found_without_a_key_exactly_like_a_missing_article(
    service: Service,
) -> None:
    hidden = service.client.get("/v1/articles/transaction-investigation")
    missing = service.client.get("/v1/articles/no-such-article")
    shown = service.client.get("/v1/articles/transaction-investigation", headers=service.agent)

    assert hidden.status_code == missing.status_code == 404
    assert hidden.json()["error"]["message"].replace("transaction-investigation", "X") == (
        missing.json()["error"]["message"].replace("no-such-article", "X")
    )
    assert shown.status_code == 200 and shown.json()["audience"] == "internal"


@pytest.mark.parametrize(
    ("lang", "title_part"),
    [("en", "stuck"), ("zh", "待确认"), ("zh-Hant", "待確認")],
)
def test_an_article_is_served_in_each_language(
    service: Service, lang: str, title_part: str
) -> None:
    response = service.client.get("/v1/articles/transaction-pending", params={"lang": lang})

    assert response.status_code == 200
    article = response.json()
    assert title_part in article["title"]
    assert article["language"] == lang and article["body"] and article["runbooks"] == []
    assert not article["body"].startswith("---")


def test_public_search_never_returns_runbooks(service: Service) -> None:
    # Words straight from runbook titles: an agent search would rank those first.
    for query in ["transaction investigation escalation", "升级 排查 工单"]:
        response = service.client.get("/v1/search", params={"q": query, "limit": 20})
        assert response.status_code == 200
        assert {a["audience"] for a in response.json()["articles"]} <= {"public"}


def test_public_search_finds_chinese_word_by_word(service: Service) -> None:
    answer = service.client.get("/v1/search", params={"q": "助记词丢了怎么办"}).json()

    assert answer["language"] == "zh"
    assert answer["articles"][0]["id"] == "lost-recovery-phrase"


def test_metrics_count_requests_suggestions_and_redactions(service: Service) -> None:
    phrase = " ".join(["abandon"] * 11 + ["about"])
    suggest(service, f"my seed phrase is {phrase} please help", limit=1)

    metrics = service.client.get("/metrics").text

    assert re.search(r'kb_suggestions_total\{language="en"\} [1-9]', metrics)
    assert re.search(r'kb_redactions_total\{kind="recovery_phrase"\} [1-9]', metrics)
    assert 'kb_http_request_duration_seconds_count{method="POST",route="/v1/suggest"' in metrics
    assert "abandon" not in metrics


def test_the_openapi_page_has_examples_in_both_languages(service: Service) -> None:
    schema = service.client.get("/openapi.json").json()
    suggest_operation = schema["paths"]["/v1/suggest"]["post"]
    examples = suggest_operation["requestBody"]["content"]["application/json"]["examples"]

    texts = [example["value"]["text"] for example in examples.values()]
    assert any(re.search(r"[A-Za-z]{4} ", text) for text in texts)
    assert any(re.search(r"[\u4e00-\u9fff]{4}", text) for text in texts)
    assert suggest_operation["security"] == [{"AgentKey": []}]
    assert service.client.get("/docs").status_code == 200


def test_the_app_refuses_to_start_on_an_unreadable_catalogue(tmp_path: Path) -> None:
    app = create_app(
        Settings(
            articles_dir=LINT_FIXTURES / "front-matter-yaml",
            database_url=f"sqlite:///{tmp_path / 'kb.sqlite3'}",
        )
    )

    with pytest.raises(InvalidCatalogue), TestClient(app):
        pass


def test_importing_the_module_builds_nothing_until_app_is_asked_for() -> None:
    import api.main

    assert "app" not in vars(api.main)


def test_stored_suggestions_are_only_those_answered(service: Service) -> None:
    with transaction(service.engine) as session:
        before = len(session.scalars(select(SuggestionRecord.id)).all())
    service.client.post("/v1/suggest", json={"text": ""}, headers=service.agent)
    service.client.post("/v1/suggest", json={"text": PENDING_EN})
    with transaction(service.engine) as session:
        assert len(session.scalars(select(SuggestionRecord.id)).all()) == before
