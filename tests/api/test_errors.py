"""Bad input and the one error shape, on SQLite and PostgreSQL: a clear 4xx, never a 500,
never the input echoed back, nothing lost or half-stored."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from httpx2 import Response
from sqlalchemy import select

from api.main import create_app
from kb.config import Settings
from kb.store.engine import transaction
from kb.store.tables import SuggestionRecord
from tests.support.error_shape import assert_error
from tests.support.service import Service

SIZE_LIMIT = 256 * 1024


def post_suggest(service: Service, body: object) -> Response:
    return service.client.post("/v1/suggest", json=body, headers=service.agent)


def test_every_kind_of_error_has_the_one_shape(service: Service) -> None:
    client = service.client
    assert_error(client.post("/v1/suggest", json={"text": "hi"}), 401, "unauthorized")
    assert_error(client.get("/v1/articles/nope"), 404, "not_found")
    assert_error(client.get("/no/such/path"), 404, "not_found")
    assert_error(client.delete("/v1/suggest"), 405, "method_not_allowed")
    assert_error(post_suggest(service, {"text": ""}), 422, "invalid_request")
    too_big = client.post("/v1/suggest", content=b"x" * (SIZE_LIMIT + 1), headers=service.agent)
    assert_error(too_big, 413, "too_large")


def test_a_body_over_the_limit_is_refused_before_it_is_read(service: Service) -> None:
    declared = service.client.post(
        "/v1/suggest",
        content=json.dumps({"text": "a" * (SIZE_LIMIT + 10)}),
        headers={**service.agent, "Content-Type": "application/json"},
    )
    error = assert_error(declared, 413, "too_large")
    assert "256 KB" in str(error["message"])

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        yield b'{"text": "'
        for _ in range(40):
            yield b"b" * 8192
        yield b'"}'

    streamed = service.client.post(
        "/v1/suggest",
        content=chunks(),
        headers={**service.agent, "Content-Type": "application/json"},
    )
    assert_error(streamed, 413, "too_large")


@pytest.mark.parametrize(
    ("body", "field", "says"),
    [
        ({"text": ""}, "body.text", "text is empty"),
        ({"text": "   \n\t "}, "body.text", "text is empty"),
        ({"text": "a" * 20_001}, "body.text", "the limit is 20000 characters"),
        ({"text": 42}, "body.text", "valid string"),
        ({}, "body.text", "text is empty"),
        ({"text": "hi", "lang": "fr"}, "body.lang", "'en', 'zh' or 'zh-Hant'"),
        ({"text": "hi", "limit": 0}, "body.limit", "greater than or equal to 1"),
        ({"text": "hi", "limit": 21}, "body.limit", "less than or equal to 20"),
        ({"text": "hi", "limit": "many"}, "body.limit", "valid integer"),
        ({"text": "hi", "context": {"nickname": "x"}}, "body.context.nickname", "customer_name"),
        ({"text": "hi", "context": {"customer_name": 7}}, "body.context.customer_name", "string"),
        ({"text": "hi", "extra": 1}, "body.extra", "unknown field"),
    ],
)
def test_invalid_suggest_requests_say_where_and_what_is_allowed(
    service: Service, body: dict[str, object], field: str, says: str
) -> None:
    error = assert_error(post_suggest(service, body), 422, "invalid_request")

    details = error["details"]
    assert isinstance(details, list)
    assert [detail["field"] for detail in details] == [field]
    assert says in details[0]["message"]


def test_errors_never_echo_the_input(service: Service) -> None:
    secret_looking = "zebra-" * 40_000  # 240 KB: under the body limit, over the text limit
    response = post_suggest(service, {"text": secret_looking, "lang": "zebra-lang"})

    assert_error(response, 422, "invalid_request")
    assert "zebra" not in response.text.replace("zebra-lang", "")
    assert "zebra-lang" not in response.text
    assert len(response.content) < 2_000


def test_broken_json_and_a_wrong_content_type_are_4xx(service: Service) -> None:
    headers = {**service.agent, "Content-Type": "application/json"}
    broken = service.client.post("/v1/suggest", content=b'{"text": "hi"', headers=headers)
    not_utf8 = service.client.post("/v1/suggest", content=b'{"text": "\xff\xfe"}', headers=headers)
    form = service.client.post("/v1/suggest", data={"text": "hi"}, headers=service.agent)

    assert_error(broken, 422, "invalid_request")
    assert broken.json()["error"]["details"][0]["message"] == "the body is not valid JSON"
    assert not_utf8.status_code in (400, 422)
    assert_error(
        not_utf8,
        not_utf8.status_code,
        "bad_request" if not_utf8.status_code == 400 else "invalid_request",
    )
    assert_error(form, 422, "invalid_request")


def test_lone_surrogates_and_nul_characters_are_cleaned_and_stored_safely(
    service: Service,
) -> None:
    # Raw JSON: a lone surrogate is legal JSON text that UTF-8 cannot encode.
    body = (
        b'{"text": "my transfer \\ud800 is stuck\\u0000 pending",'
        b' "context": {"customer_name": "W\\udc00ei"}}'
    )
    response = service.client.post(
        "/v1/suggest", content=body, headers={**service.agent, "Content-Type": "application/json"}
    )

    assert response.status_code == 200, response.text
    with transaction(service.engine) as session:
        record = session.get(SuggestionRecord, response.json()["suggestion_id"])
    assert record is not None
    assert record.text == "my transfer \ufffd is stuck pending"
    assert "W\ufffdei" in response.json()["replies"][0]["text"]


def test_bad_query_parameters_are_422(service: Service) -> None:
    client = service.client
    assert_error(client.get("/v1/search", params={"q": ""}), 422, "invalid_request")
    assert_error(client.get("/v1/search", params={"q": "  "}), 422, "invalid_request")
    assert_error(client.get("/v1/search", params={"q": "x", "lang": "de"}), 422, "invalid_request")
    assert_error(client.get("/v1/search", params={"q": "x", "limit": 99}), 422, "invalid_request")
    assert_error(client.get("/v1/search"), 422, "invalid_request")
    assert_error(
        client.get("/v1/articles/transaction-pending", params={"lang": "xx"}),
        422,
        "invalid_request",
    )


def test_a_rejected_request_stores_nothing(service: Service) -> None:
    with transaction(service.engine) as session:
        before = len(session.scalars(select(SuggestionRecord.id)).all())
    for body in ({"text": ""}, {"text": "hi", "limit": 0}, {"text": "a" * 20_001}):
        post_suggest(service, body)
    with transaction(service.engine) as session:
        assert len(session.scalars(select(SuggestionRecord.id)).all()) == before


@pytest.fixture
def cors_client(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[TestClient]:
    origins: list[str] = request.param
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'kb.sqlite3'}", cors_origins=origins)
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.mark.parametrize("cors_client", [["https://support.zendesk.com"]], indirect=True)
def test_cors_allows_the_configured_helpdesk_and_no_one_else(cors_client: TestClient) -> None:
    def preflight(origin: str) -> Response:
        return cors_client.options(
            "/v1/suggest",
            headers={
                "Origin": origin,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization,content-type",
            },
        )

    allowed = preflight("https://support.zendesk.com")
    refused = preflight("https://evil.example")

    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "https://support.zendesk.com"
    assert "access-control-allow-credentials" not in allowed.headers
    assert "access-control-allow-origin" not in refused.headers
    plain = cors_client.get("/healthz", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in plain.headers


@pytest.mark.parametrize("cors_client", [["*"]], indirect=True)
def test_a_wildcard_origin_never_comes_with_credentials(cors_client: TestClient) -> None:
    response = cors_client.get("/healthz", headers={"Origin": "https://anywhere.example"})

    assert response.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in response.headers
