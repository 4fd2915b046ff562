"""`kb insights` and `kb known-issues` on SQLite and PostgreSQL: the leads' command line."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from sqlalchemy import Engine
from typer.testing import CliRunner

from api.state import service_state
from kb.cli import app

ISSUE = [
    "--title", "Card payments declined in Brazil",
    "--term", "card declined Brazil",
    "--term", "巴西 卡 拒绝",
    "--example", "My card keeps getting declined at every shop in São Paulo since this morning",
    "--reply-en", "Card payments in Brazil are being declined because of a problem at our "
    "card processor. No money has left your account for a declined payment.",
    "--reply-zh", "由于发卡处理商的故障，巴西地区的卡支付目前会被拒绝。被拒的支付不会扣款。",
]  # fmt: skip


def kb(engine: Engine, *args: str) -> tuple[int, str, str]:
    url = engine.url.render_as_string(hide_password=False)
    env = {"KB_DATABASE_URL": url, "COLUMNS": "200"}  # rich would wrap the tables at 80
    result = CliRunner().invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def test_a_known_issue_opened_and_closed_on_the_command_line_drives_the_service(
    engine: Engine, client: TestClient, agent_token: str
) -> None:
    agent = {"Authorization": f"Bearer {agent_token}"}
    code, out, err = kb(engine, "known-issues", "open", *ISSUE)
    assert code == 0, err
    issue_id = int(out)
    assert f"known issue {issue_id} open" in err

    service_state(client.app).known_issues.drop()  # type: ignore[arg-type]  # as after REFRESH_SECONDS
    ticket = {"text": "My card was declined in Brazil twice today"}
    answer = client.post("/v1/suggest", json=ticket, headers=agent).json()
    assert answer["known_issue"]["id"] == issue_id
    assert "problem at our card processor" in answer["replies"][0]["text"]

    code, out, _ = kb(engine, "known-issues", "list", "--json")
    listed = json.loads(out)["known_issues"]
    assert code == 0 and [(item["id"], item["linked_tickets"]) for item in listed] == [
        (issue_id, 1)
    ]
    assert listed[0]["opened_by"].startswith("cli:")
    code, table, _ = kb(engine, "known-issues", "list")
    assert "Card payments declined in Brazil" in table and "open" in table

    code, _, err = kb(engine, "known-issues", "close", str(issue_id))
    assert code == 0 and "1 ticket(s) got its reply" in err
    assert kb(engine, "known-issues", "list")[2].strip() == "no open known issues"
    service_state(client.app).known_issues.drop()  # type: ignore[arg-type]
    answer = client.post("/v1/suggest", json=ticket, headers=agent).json()
    assert answer["known_issue"] is None


def test_known_issue_mistakes_are_one_clear_line(engine: Engine) -> None:
    code, _, err = kb(engine, "known-issues", "open", *ISSUE[:2], *ISSUE[-4:])
    assert code == 1
    assert err.strip() == (
        "error: cannot open the known issue: give at least one term or example ticket, "
        "or no ticket can match"
    )
    code, _, err = kb(engine, "known-issues", "close", "42")
    assert code == 1 and err.strip() == "error: no known issue with id 42"
    code, _, err = kb(engine, "known-issues", "list", "--state", "pending")
    assert code == 2 and "'pending' is not one of" in err


def test_insight_commands_print_what_the_api_answers(
    engine: Engine, client: TestClient, agent_token: str
) -> None:
    agent = {"Authorization": f"Bearer {agent_token}"}
    tickets = ["Do you support Quillfire yet?", "Quillfire when?", "Please add Quillfire soon"]
    for text in [*tickets, "My transaction is stuck pending"]:
        answer = client.post("/v1/suggest", json={"text": text}, headers=agent).json()
    body = {
        "suggestion_id": answer["suggestion_id"],
        "article_id": answer["articles"][0]["id"],
        "rating": "not_helpful",
    }
    assert client.post("/v1/feedback", json=body, headers=agent).status_code == 201

    for report in ("gaps", "feedback"):
        code, out, err = kb(engine, "insights", report, "--json")
        assert code == 0, err
        assert json.loads(out) == client.get(f"/v1/insights/{report}", headers=agent).json()
    code, out, _ = kb(engine, "insights", "trends", "--json")
    trends = json.loads(out)
    assert code == 0 and trends["spikes"] == [] and trends["history_days"] == 0
    assert sum(trend["recent"] for trend in trends["trends"]) == len(tickets) + 1

    code, gaps, _ = kb(engine, "insights", "gaps")
    assert code == 0 and "quillfire" in gaps and "Quillfire when?" in gaps
    assert "┃ # ┃ lang ┃ term" in gaps  # the rank column keeps its "#" header
    code, feedback, err = kb(engine, "insights", "feedback")
    assert code == 0 and body["article_id"] in feedback
    assert f"rejected most: {body['article_id']} (en)" in err
    code, table, err = kb(engine, "insights", "trends", "--window", "30m")
    assert code == 0 and "last 30m" in table and err.strip() == "no spikes"
    code, _, err = kb(engine, "insights", "trends", "--window", "soon")
    assert code == 1 and err.strip() == "error: window 'soon' is not like 30m, 1h or 1d"
