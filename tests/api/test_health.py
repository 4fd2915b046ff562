"""Liveness, readiness, metrics and the OpenAPI page; starting the app, and not starting it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from kb.config import Settings
from kb.errors import InvalidCatalogue
from tests.support.paths import LINT_FIXTURES
from tests.support.service import Service


def test_healthz_and_readyz_answer_once_started(service: Service) -> None:
    assert service.client.get("/healthz").json() == {"status": "ok", "detail": {}}
    ready = service.client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["detail"]["articles"] == 62
    # The suite's services run with KB_SEMANTIC=off; tests/system/test_serve.py watches
    # the semantic index being built and turning ready.
    assert ready.json()["detail"]["semantic"] == {"state": "off"}


def test_metrics_count_requests_suggestions_and_redactions(service: Service) -> None:
    phrase = " ".join(["abandon"] * 11 + ["about"])
    service.suggest(f"my seed phrase is {phrase} please help", limit=1)

    metrics = service.client.get("/metrics").text

    assert re.search(r'kb_suggestions_total\{language="en"\} [1-9]', metrics)
    assert re.search(r'kb_redactions_total\{kind="recovery_phrase"\} [1-9]', metrics)
    assert 'kb_http_request_duration_seconds_count{method="POST",route="/v1/suggest"' in metrics
    assert "abandon" not in metrics


def test_metrics_say_whether_the_database_is_ready(service: Service, tmp_path: Path) -> None:
    assert 'kb_ready{component="database"} 1.0' in service.client.get("/metrics").text

    # A database that cannot be opened: the service still serves /metrics, and says so.
    app = create_app(
        Settings(
            database_url=f"sqlite:///{tmp_path / 'missing' / 'kb.sqlite3'}",
            semantic=False,
            spike_refresh_seconds=0,
        )
    )
    with TestClient(app) as client:
        assert 'kb_ready{component="database"} 0.0' in client.get("/metrics").text


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


def test_uvicorn_gets_one_app_however_often_it_asks() -> None:
    import api.main

    assert api.main.app is api.main.app
