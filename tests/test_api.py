"""The API app: built from settings, loads the catalogue at start, answers /healthz."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from kb.config import Settings
from kb.errors import InvalidCatalogue
from tests.conftest import LINT_FIXTURES


def test_healthz_answers_ok_once_the_catalogue_is_loaded(good_tree: Path) -> None:
    app = create_app(Settings(articles_dir=good_tree))

    with TestClient(app) as client:
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response.json() == {"status": "ok"}
        assert set(app.state.catalogue.articles) == {"sending", "fees", "lookup", "escalate"}


def test_the_app_refuses_to_start_on_an_unreadable_catalogue() -> None:
    app = create_app(Settings(articles_dir=LINT_FIXTURES / "front-matter-yaml"))

    with pytest.raises(InvalidCatalogue), TestClient(app):
        pass


def test_importing_the_module_builds_nothing_until_app_is_asked_for() -> None:
    import api.main

    assert "app" not in vars(api.main)
