"""The sidebar's files may be loaded by a page of any origin; the API's routes may not.

The Zendesk app imports main.js from its own origin, and module scripts are fetched in CORS
mode, so the mount at /sidebar/static answers with ``Access-Control-Allow-Origin: *`` (the
files are public, and no request for them carries credentials). The API's routes keep to
the configured cors_origins, none by default.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

# Where a Zendesk app's frame runs: another origin than the kb service.
ZENDESK_FRAME = "https://1234.apps.zdusercontent.com"
JAVASCRIPT = {"text/javascript", "application/javascript"}


@pytest.fixture
def backend() -> str:
    """The files are not in the database: one backend (SQLite) is enough here."""
    return "sqlite"


@pytest.mark.parametrize("name", ["main.js", "start.js", "hosts.js", "tickets.js"])
def test_the_sidebar_modules_may_be_imported_from_any_origin(client: TestClient, name: str) -> None:
    response = client.get(f"/sidebar/static/{name}", headers={"Origin": ZENDESK_FRAME})

    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.headers["content-type"].split(";")[0].strip() in JAVASCRIPT
    assert response.text.startswith("// @ts-check\n")


def test_the_header_is_sent_without_an_origin_and_on_revalidation(client: TestClient) -> None:
    first = client.get("/sidebar/static/main.js")
    assert first.status_code == 200
    assert first.headers["access-control-allow-origin"] == "*"

    again = client.get(
        "/sidebar/static/main.js",
        headers={"Origin": ZENDESK_FRAME, "If-None-Match": first.headers["etag"]},
    )

    assert again.status_code == 304
    assert again.headers["access-control-allow-origin"] == "*"


def test_the_api_routes_do_not_send_it(client: TestClient, agent_token: str) -> None:
    headers = {"Origin": ZENDESK_FRAME}
    agent = {**headers, "Authorization": f"Bearer {agent_token}"}
    ticket = {"text": "My USDT transfer is stuck as pending"}

    listed = client.get("/v1/articles", headers=headers)
    suggested = client.post("/v1/suggest", json=ticket, headers=agent)
    refused = client.post("/v1/suggest", json=ticket, headers=headers)
    page = client.get("/sidebar", headers=headers)

    assert listed.status_code == 200
    assert listed.json()["articles"]
    assert suggested.status_code == 200
    assert refused.status_code == 401
    assert page.status_code == 200
    for response in (listed, suggested, refused, page):
        assert "access-control-allow-origin" not in response.headers
