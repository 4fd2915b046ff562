"""Known issues (incident mode) through the API, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from kb.config import Settings
from tests.support.databases import every_stored_text

OUTAGE = {
    "title": "Solana transfers stuck after the 5.2.0 update",
    "terms": ["Solana transfer", "Solana 转账"],
    "examples": [],
    "replies": {
        "en": "Solana transfers sent since this morning are delayed. Your funds are safe; "
        "they will arrive once the fix is out, with nothing for you to do.",
        "zh": "今天上午起发出的 Solana 转账会有延迟。资产是安全的，"
        "修复上线后会自动到账，您无需任何操作。",
    },
}
MATCHING = {
    "en": "My Solana transfer has been pending for an hour, where is it?",
    "zh": "我的Solana转账卡住了，一直没到账",
    "zh-Hant": "我的Solana轉賬卡住了，一直沒到賬",
}
NOT_MATCHING = {
    "en": "My USDT transfer on Tron has been pending for an hour",
    "zh": "我的助记词丢了，还能找回钱包吗",
}


def suggest(client: TestClient, token: str, text: str) -> dict[str, object]:
    response = client.post(
        "/v1/suggest", json={"text": text}, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200, response.text
    answer: dict[str, object] = response.json()
    return answer


def first_reply(answer: dict[str, object]) -> dict[str, object]:
    replies = answer["replies"]
    assert isinstance(replies, list) and replies
    reply: dict[str, object] = replies[0]
    return reply


def test_an_open_issue_answers_matching_tickets_first_in_every_language_until_closed(
    client: TestClient, agent_token: str
) -> None:
    agent = {"Authorization": f"Bearer {agent_token}"}
    before = {language: suggest(client, agent_token, text) for language, text in MATCHING.items()}
    opened = client.post("/v1/known-issues", json=OUTAGE, headers=agent)
    assert opened.status_code == 201, opened.text
    issue = opened.json()
    assert issue["state"] == "open" and issue["linked_tickets"] == 0
    assert issue["opened_by"] == "test-agent"

    for language, text in MATCHING.items():
        answer = suggest(client, agent_token, text)
        assert answer["language"] == language
        assert answer["known_issue"] == {"id": issue["id"], "title": OUTAGE["title"]}
        reply = first_reply(answer)
        assert reply["known_issue_id"] == issue["id"]
        assert reply["article_id"] == f"known-issue-{issue['id']}"
        assert reply["language"] == language
        # The articles are still there, after the issue's reply.
        assert answer["articles"] == before[language]["articles"]
    en, zh, hant = (first_reply(suggest(client, agent_token, MATCHING[lang])) for lang in MATCHING)
    assert "Solana transfers sent since this morning are delayed" in str(en["text"])
    assert "We are aware of an issue affecting this right now" in str(en["text"])
    assert "修复上线后会自动到账" in str(zh["text"])
    assert "修復上線後會自動到賬" in str(hant["text"])  # derived with OpenCC
    assert "我們已經注意到" in str(hant["text"])

    for text in NOT_MATCHING.values():
        answer = suggest(client, agent_token, text)
        assert answer["known_issue"] is None
        assert all(reply["known_issue_id"] is None for reply in answer["replies"])  # type: ignore[attr-defined, index]

    linked = client.get(f"/v1/known-issues/{issue['id']}", headers=agent).json()
    assert linked["linked_tickets"] == 2 * len(MATCHING)
    listed = client.get("/v1/known-issues", headers=agent).json()["known_issues"]
    assert [(item["id"], item["linked_tickets"]) for item in listed] == [
        (issue["id"], 2 * len(MATCHING))
    ]

    closed = client.post(f"/v1/known-issues/{issue['id']}/close", headers=agent)
    assert closed.status_code == 200 and closed.json()["state"] == "closed"
    for language, text in MATCHING.items():
        answer = suggest(client, agent_token, text)
        assert answer["known_issue"] is None
        assert answer["replies"] == before[language]["replies"]
    assert client.get("/v1/known-issues", headers=agent).json() == {"known_issues": []}
    everything = client.get("/v1/known-issues?state=all", headers=agent).json()["known_issues"]
    assert everything[0]["linked_tickets"] == 2 * len(MATCHING)
    again = client.post(f"/v1/known-issues/{issue['id']}/close", headers=agent)
    assert again.json()["closed_at"] == closed.json()["closed_at"]


def test_open_issues_show_on_metrics(client: TestClient, agent_token: str) -> None:
    agent = {"Authorization": f"Bearer {agent_token}"}
    assert "kb_known_issues_open 0.0" in client.get("/metrics").text
    created = client.post("/v1/known-issues", json=OUTAGE, headers=agent).json()
    assert "kb_known_issues_open 1.0" in client.get("/metrics").text
    client.post(f"/v1/known-issues/{created['id']}/close", headers=agent)
    assert "kb_known_issues_open 0.0" in client.get("/metrics").text


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"terms": [], "examples": []}, "give at least one term or example"),
        ({"terms": ["the and of"]}, "has no searchable words"),
        ({"replies": {"en": "{{ ''.__class__ }}", "zh": "好"}}, "the en reply, line 1"),
        ({"replies": {"en": "Hi {{ wallet_seed }}", "zh": "好"}}, "wallet_seed"),
    ],
)
def test_an_issue_that_cannot_work_is_refused_with_every_reason(
    client: TestClient, agent_token: str, change: dict[str, object], message: str
) -> None:
    agent = {"Authorization": f"Bearer {agent_token}"}
    response = client.post("/v1/known-issues", json={**OUTAGE, **change}, headers=agent)
    assert response.status_code == 422
    assert message in response.json()["error"]["message"]
    assert client.get("/v1/known-issues?state=all", headers=agent).json() == {"known_issues": []}


def test_unknown_issues_missing_replies_and_missing_keys_are_refused(
    client: TestClient, agent_token: str
) -> None:
    agent = {"Authorization": f"Bearer {agent_token}"}
    assert client.get("/v1/known-issues/999", headers=agent).status_code == 404
    assert client.post("/v1/known-issues/999/close", headers=agent).status_code == 404
    no_zh = {**OUTAGE, "replies": {"en": "Delayed."}}
    missing = client.post("/v1/known-issues", json=no_zh, headers=agent)
    assert missing.status_code == 422
    assert missing.json()["error"]["details"][0]["field"] == "body.replies.zh"
    assert client.post("/v1/known-issues", json=OUTAGE).status_code == 401
    assert client.get("/v1/known-issues").status_code == 401


def test_example_tickets_are_stored_without_their_secrets(
    client: TestClient, agent_token: str, engine: Engine
) -> None:
    phrase = "legal winner thank year wave sausage worth useful legal winner thank yellow"
    example = f"Solana send stuck for hours, my words are {phrase}, wallet app 5.2.0"
    issue = {**OUTAGE, "terms": [], "examples": [example]}
    agent = {"Authorization": f"Bearer {agent_token}"}
    created = client.post("/v1/known-issues", json=issue, headers=agent)
    assert created.status_code == 201, created.text
    assert "[recovery phrase removed]" in created.json()["examples"][0]
    stored = "\n".join(every_stored_text(engine))
    assert "sausage" not in stored and "winner thank" not in stored
    # The redacted example still matches tickets like it.
    answer = suggest(client, agent_token, "Solana send stuck for hours since app 5.2.0")
    assert answer["known_issue"] == {"id": created.json()["id"], "title": OUTAGE["title"]}


def test_stored_issues_survive_a_restart(tmp_path: Path, agent_token: str, engine: Engine) -> None:
    from api.main import create_app

    url = engine.url.render_as_string(hide_password=False)
    agent = {"Authorization": f"Bearer {agent_token}"}
    with TestClient(create_app(Settings(database_url=url))) as first:
        opened = first.post("/v1/known-issues", json=OUTAGE, headers=agent)
    with TestClient(create_app(Settings(database_url=url))) as second:
        answer = suggest(second, agent_token, MATCHING["en"])
    assert opened.status_code == 201, opened.text
    assert answer["known_issue"] == {"id": opened.json()["id"], "title": OUTAGE["title"]}
