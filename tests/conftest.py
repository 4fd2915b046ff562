from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Browser
from sqlalchemy import Engine

from api.main import create_app
from kb.config import Settings
from kb.keys import create_key
from tests.browser import chromium
from tests.databases import BACKENDS, database_url, migrated_engine
from tests.help_site import Build, build_site

REPO = Path(__file__).resolve().parent.parent
LINT_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "lint"


@pytest.fixture
def good_tree(tmp_path: Path) -> Path:
    """A writable copy of the lint fixture tree in which every rule stays quiet."""
    copy = tmp_path / "articles"
    shutil.copytree(LINT_FIXTURES / "good", copy)
    return copy


@pytest.fixture(scope="session")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The public help site of the bundled articles, built once per test run."""
    built = build_site(tmp_path_factory.mktemp("help-site") / "site")
    assert built.returncode == 0, built.log
    return built


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for every browser test; each test opens its own context."""
    with chromium() as launched:
        yield launched


def load_benchmark(name: str) -> ModuleType:
    """A script from bench/ as a module, for tests that share its data."""
    spec = importlib.util.spec_from_file_location(name, REPO / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def engine(backend: str, tmp_path: Path) -> Iterator[Engine]:
    """A migrated, empty database of each kind in turn (SQLite, then PostgreSQL)."""
    with database_url(backend, tmp_path) as url, migrated_engine(url) as migrated:
        yield migrated


@pytest.fixture
def agent_token(engine: Engine) -> str:
    return create_key(engine, "test-agent").token


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    """The API over the bundled articles and the test's database."""
    app = create_app(Settings(database_url=engine.url.render_as_string(hide_password=False)))
    with TestClient(app) as test_client:
        yield test_client


@dataclass(frozen=True)
class Service:
    """The API on one database, with an agent key; shared by a module's tests."""

    client: TestClient
    engine: Engine
    token: str

    @property
    def agent(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@pytest.fixture(scope="module", params=BACKENDS)
def service(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Service]:
    folder = tmp_path_factory.mktemp("service")
    with database_url(request.param, folder) as url, migrated_engine(url) as migrated:
        token = create_key(migrated, "module-agent").token
        with TestClient(create_app(Settings(database_url=url))) as test_client:
            yield Service(test_client, migrated, token)
