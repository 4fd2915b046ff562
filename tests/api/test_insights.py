"""Insights on a simulated log, through the API, on SQLite and PostgreSQL.

The week of tickets is generated from the dev tickets: each topic (the top
article the real suggester gives a dev ticket) arrives as a Poisson process
whose rate follows the time of day, one topic at a high steady rate, and one
topic gets a burst in the last hour.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from api.routes.suggest import suggestion_row
from kb.store.keys import create_key
from kb.store.suggestion_log import insert_suggestions
from kb.suggest import Suggester
from kb.suggestions import Suggestions
from tests.support.error_shape import assert_error
from tests.support.paths import REPO

DEV_TICKETS = REPO / "tests" / "data" / "dev_tickets.jsonl"
DAYS = 7
STEADY_PER_HOUR = 20.0
QUIET_PER_HOUR = 0.3
BURST = 15


@pytest.fixture(scope="module")
def topics(suggester: Suggester) -> dict[tuple[str, str], list[Suggestions]]:
    """The dev tickets' suggestions, by (top article, language)."""
    grouped: dict[tuple[str, str], list[Suggestions]] = defaultdict(list)
    for line in DEV_TICKETS.read_text(encoding="utf-8").splitlines():
        ticket = json.loads(line)
        answer = suggester.suggest(ticket["text"], include_internal=True)
        if answer.articles:
            grouped[answer.articles[0].id, ticket["lang"]].append(answer)
    return grouped


def by_hour_of_day(hour: int) -> float:
    """Tickets follow the day: the busiest hour has three times the quietest one's."""
    return 1.0 + 0.5 * np.sin((hour - 9) / 24 * 2 * np.pi)


def simulated_week(
    topics: dict[tuple[str, str], list[Suggestions]],
    steady: str,
    burst: tuple[str, str],
    now: datetime,
    key_id: int,
) -> list[dict[str, object]]:
    random = np.random.default_rng(20261124)
    rows = []
    # From an hour before the oldest baseline window, so that the log covers all of it.
    start = now - timedelta(days=DAYS, hours=2)
    for hour in range(DAYS * 24 + 2):
        slot = start + timedelta(hours=hour)
        for (article, _language), answers in topics.items():
            rate = STEADY_PER_HOUR if article == steady else QUIET_PER_HOUR
            for _ in range(random.poisson(rate * by_hour_of_day(slot.hour))):
                at = slot + timedelta(seconds=float(random.uniform(0, 3599)))
                rows.append(logged(answers[random.integers(len(answers))], at, key_id))
    for _ in range(BURST):
        at = now - timedelta(minutes=float(random.uniform(1, 55)))
        rows.append(logged(topics[burst][0], at, key_id))
    return [row for row in rows if row["created_at"] < now]  # type: ignore[operator]


def logged(answer: Suggestions, at: datetime, key_id: int) -> dict[str, object]:
    row = suggestion_row(answer, key_id, 1.0)
    row["created_at"] = at
    return row


def token_of(engine: Engine) -> tuple[str, int]:
    key = create_key(engine, "lead")
    return key.token, key.id


def test_the_burst_and_only_it_is_a_spike_in_a_simulated_week(
    client: TestClient, engine: Engine, topics: dict[tuple[str, str], list[Suggestions]]
) -> None:
    steady = max(
        {article for article, _ in topics},
        key=lambda article: sum(len(v) for (a, _), v in topics.items() if a == article),
    )
    burst = next(key for key in sorted(topics) if key[0] != steady and key[1] == "en")
    token, key_id = token_of(engine)
    now = datetime.now(UTC)
    rows = simulated_week(topics, steady, burst, now, key_id)
    with engine.begin() as connection:
        insert_suggestions(connection, rows)

    response = client.get("/v1/insights/trends", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text
    report = response.json()

    assert report["history_days"] == DAYS
    assert [(spike["article"], spike["language"]) for spike in report["spikes"]] == [burst]
    spike = report["spikes"][0]
    assert spike["recent"] >= BURST and spike["expected"] < 1
    assert spike["p_value"] < report["threshold"]
    steady_now = [trend for trend in report["trends"] if trend["article"] == steady]
    assert steady_now and all(not trend["spike"] for trend in steady_now)
    assert max(trend["recent"] for trend in steady_now) >= 10  # busy, yet no spike
    assert sum(sum(trend["daily"]) for trend in report["trends"]) == len(rows)
    # A shorter window around the burst finds it too; a narrower baseline still works.
    narrow = client.get(
        "/v1/insights/trends?window_minutes=30&days=3", headers={"Authorization": f"Bearer {token}"}
    ).json()
    assert {(spike["article"], spike["language"]) for spike in narrow["spikes"]} <= {burst}


def test_a_young_log_reports_counts_but_no_spikes(
    client: TestClient, engine: Engine, topics: dict[tuple[str, str], list[Suggestions]]
) -> None:
    token, key_id = token_of(engine)
    now = datetime.now(UTC)
    answer = next(iter(topics.values()))[0]
    rows = [logged(answer, now - timedelta(minutes=minutes), key_id) for minutes in range(1, 30)]
    with engine.begin() as connection:
        insert_suggestions(connection, rows)
    report = client.get("/v1/insights/trends", headers={"Authorization": f"Bearer {token}"}).json()
    assert report["history_days"] == 0 and report["spikes"] == []
    assert report["trends"][0]["recent"] == len(rows)
    assert report["trends"][0]["expected"] is None


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("window_minutes=0", "query.window_minutes"),
        ("window_minutes=1441", "query.window_minutes"),
        ("days=29", "query.days"),
        ("alpha=1", "query.alpha"),
    ],
)
def test_bad_trend_queries_are_refused(
    client: TestClient, agent_token: str, query: str, message: str
) -> None:
    response = client.get(
        f"/v1/insights/trends?{query}", headers={"Authorization": f"Bearer {agent_token}"}
    )
    assert response.status_code == 422
    assert message in json.dumps(response.json())


ZORBLAX_ZH = [
    "你们支持Zorblax吗？",
    "Zorblax 什么时候上线",
    "Zorblax链你们会支持吗，我很多朋友都在用",
    "有没有计划接入Zorblax",
    "Zorblax能加进来吗？谢谢",
    "听说Zorblax很火，钱包里能用Zorblax吗",
    "Zorblax 支持计划有吗",
    "请尽快接入Zorblax！",
]
QUILLFIRE_EN = [
    "When will you add Quillfire?",
    "Any plans for Quillfire integration?",
    "Quillfire support please",
    "I'd love to see Quillfire in the app",
    "Quillfire when?",
    "Please add Quillfire, all my friends use Quillfire",
]
ONE_OFFS = ["what's the weather today", "你们公司在哪里", "how do I export my history for taxes"]


def test_tickets_about_what_no_article_covers_lead_the_gaps_in_their_language(
    client: TestClient, agent_token: str
) -> None:
    agent = {"Authorization": f"Bearer {agent_token}"}
    covered = [json.loads(line)["text"] for line in DEV_TICKETS.read_text().splitlines()]
    for text in [*covered[::2], *ZORBLAX_ZH, *QUILLFIRE_EN, *ONE_OFFS]:
        assert client.post("/v1/suggest", json={"text": text}, headers=agent).status_code == 200

    response = client.get("/v1/insights/gaps", headers=agent)
    assert response.status_code == 200, response.text
    gaps = response.json()["gaps"]

    assert (gaps[0]["language"], gaps[0]["term"]) == ("zh", "zorblax")
    assert gaps[0]["tickets"] >= len(ZORBLAX_ZH) - 2  # a couple may match an article well
    assert all("Zorblax" in example for example in gaps[0]["examples"])
    english = [gap for gap in gaps if gap["language"] == "en"]
    assert english[0]["term"] == "quillfire"
    assert english[0]["tickets"] >= len(QUILLFIRE_EN) - 2
    assert len({(gap["language"], gap["term"]) for gap in gaps}) == len(gaps)

    fewer = client.get("/v1/insights/gaps?limit=1&below=0.2", headers=agent).json()
    assert len(fewer["gaps"]) == 1 and fewer["below"] == 0.2


def test_feedback_counts_suggestions_uses_and_ratings_per_article_and_language(
    client: TestClient, agent_token: str
) -> None:
    agent = {"Authorization": f"Bearer {agent_token}"}

    def suggest(text: str) -> dict[str, object]:
        answer: dict[str, object] = client.post(
            "/v1/suggest", json={"text": text, "limit": 3}, headers=agent
        ).json()
        return answer

    def rate(answer: dict[str, object], rating: str) -> None:
        top = answer["articles"][0]["id"]  # type: ignore[index]
        body = {"suggestion_id": answer["suggestion_id"], "article_id": top, "rating": rating}
        assert client.post("/v1/feedback", json=body, headers=agent).status_code == 201

    english = [suggest("My transaction is stuck pending for hours") for _ in range(3)]
    chinese = suggest("我的转账一直pending，怎么办")
    rate(english[0], "helpful")
    rate(english[0], "used")
    rate(english[1], "not_helpful")
    rate(english[2], "not_helpful")
    rate(chinese, "helpful")

    report = client.get("/v1/insights/feedback", headers=agent).json()
    rows = {(row["article"], row["language"]): row for row in report["articles"]}
    top = english[0]["articles"][0]["id"]  # type: ignore[index]
    assert rows[top, "en"] | {"rejection_rate": None, "use_rate": None} == {
        "article": top, "language": "en", "suggested": 3, "ranked_first": 3, "used": 1,
        "helpful": 1, "not_helpful": 2, "rejection_rate": None, "use_rate": None,
    }  # fmt: skip
    assert rows[top, "en"]["rejection_rate"] == pytest.approx(2 / 3, abs=1e-3)
    assert rows[top, "en"]["use_rate"] == pytest.approx(1 / 3, abs=1e-3)
    zh_top = chinese["articles"][0]["id"]  # type: ignore[index]
    assert rows[zh_top, "zh"]["helpful"] == 1 and rows[zh_top, "zh"]["not_helpful"] == 0
    assert [(row["article"], row["language"]) for row in report["most_rejected"]] == [(top, "en")]
    second = english[0]["articles"][1]["id"]  # type: ignore[index]
    assert rows[second, "en"]["suggested"] == 3 and rows[second, "en"]["ranked_first"] == 0


def test_insights_need_an_agent_key(client: TestClient) -> None:
    for report in ("trends", "gaps", "feedback"):
        error = assert_error(client.get(f"/v1/insights/{report}"), 401, "unauthorized")
        assert error["message"] == "an agent key is required: Authorization: Bearer <key>"
