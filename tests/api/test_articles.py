"""GET /v1/articles and /v1/search: public articles to anyone, runbooks only to agents."""

from __future__ import annotations

import pytest

from tests.support.service import Service


def test_articles_list_shows_runbooks_only_to_agents(service: Service) -> None:
    public = service.client.get("/v1/articles").json()["articles"]
    agent = service.client.get("/v1/articles", headers=service.agent).json()["articles"]

    assert {article["audience"] for article in public} == {"public"}
    assert len(public) == 44 and len(agent) == 62
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


def test_a_runbook_comes_with_its_contacts_and_time_targets(service: Service) -> None:
    runbook = service.client.get(
        "/v1/articles/escalation-policy", params={"lang": "zh-Hant"}, headers=service.agent
    ).json()
    faq = service.client.get("/v1/articles/transaction-pending").json()

    assert runbook["contacts"] and runbook["targets"]
    # Labels and values follow the language asked for, as the body does: 小时 becomes 小時.
    targets = "".join(f"{label}{value}" for label, value in runbook["targets"].items())
    assert "時" in targets and "时" not in targets
    assert faq["contacts"] == {} and faq["targets"] == {}


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
