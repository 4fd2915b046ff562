"""Fixtures shared by the whole suite, and the markers each folder's tests carry.

Heavy modules (the app, the browser) are imported inside the fixtures that need them,
so that a unit test module loads only what it tests.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.support.databases import BACKENDS, database_url, migrated_engine
from tests.support.paths import LINT_FIXTURES, TEST_SITE_URL, TESTS

if TYPE_CHECKING:
    from fastapi.testclient import TestClient
    from sqlalchemy import Engine

    from kb.knowledge_base import KnowledgeBase
    from kb.suggest import Suggester
    from tests.support.service import Service
    from tests.support.site_build import Build

# The suite ranks with BM25 alone (no model to load in every app and CLI run it starts);
# a test of the semantic stage asks for it, over the cache `semantic_cache` builds once.
os.environ["KB_SEMANTIC"] = "off"

# Tests in these folders carry the marker, so `make test-fast` can leave them out.
FOLDER_MARKERS = {"browser": "browser", "system": "slow"}
# Each database a test runs on; the PostgreSQL runs carry the postgres marker.
BACKEND_PARAMS = [
    pytest.param(backend, marks=[pytest.mark.postgres] if backend == "postgresql" else [])
    for backend in BACKENDS
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        folder = Path(item.path).relative_to(TESTS).parts[0]
        if folder in FOLDER_MARKERS:
            item.add_marker(FOLDER_MARKERS[folder])


@pytest.fixture
def good_tree(tmp_path: Path) -> Path:
    """A writable copy of the lint fixture tree in which every rule stays quiet."""
    copy = tmp_path / "articles"
    shutil.copytree(LINT_FIXTURES / "good", copy)
    return copy


@pytest.fixture(scope="session")
def index_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One search index cache for the run (KB_CACHE_DIR of the CLI tests too)."""
    return tmp_path_factory.mktemp("index-cache")


@pytest.fixture(scope="session")
def knowledge(index_cache: Path) -> KnowledgeBase:
    """The bundled articles and their search index, built once for the whole run."""
    from kb.config import BUNDLED_ARTICLES_DIR, BUNDLED_LOCALES_DIR
    from kb.knowledge_base import KnowledgeBase

    return KnowledgeBase.open(BUNDLED_ARTICLES_DIR, BUNDLED_LOCALES_DIR, index_cache, TEST_SITE_URL)


@pytest.fixture(scope="session")
def semantic_cache(index_cache: Path) -> Path:
    """``index_cache`` with the bundled articles' passages embedded by the real model
    (a minute or so, once per run); tests using it are marked slow."""
    from kb.config import BUNDLED_ARTICLES_DIR
    from kb.content.catalogue import load_catalogue
    from kb.search.embedding import E5Embedder
    from kb.search.semantic_stage import SemanticStage

    SemanticStage(load_catalogue(BUNDLED_ARTICLES_DIR), E5Embedder(), index_cache).build()
    return index_cache


@pytest.fixture(scope="session")
def hybrid_suggester(semantic_cache: Path) -> Suggester:
    """The bundled articles ranked by BM25 and the real model, from ``semantic_cache``."""
    from kb.config import BUNDLED_ARTICLES_DIR, BUNDLED_LOCALES_DIR
    from kb.knowledge_base import KnowledgeBase
    from kb.search.embedding import E5Embedder
    from kb.suggest import Suggester

    knowledge = KnowledgeBase.open(
        BUNDLED_ARTICLES_DIR, BUNDLED_LOCALES_DIR, semantic_cache, TEST_SITE_URL, E5Embedder()
    )
    assert knowledge.semantic is not None and knowledge.semantic.load_cached()
    return Suggester(knowledge)


@pytest.fixture(scope="session")
def suggester(knowledge: KnowledgeBase) -> Suggester:
    from kb.suggest import Suggester

    return Suggester(knowledge)


@pytest.fixture(scope="session")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The public help site of the bundled articles, built once per test run."""
    from tests.support.site_build import build_site

    built = build_site(tmp_path_factory.mktemp("help-site") / "site")
    assert built.returncode == 0, built.log
    return built


@pytest.fixture(params=BACKEND_PARAMS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def engine(backend: str, tmp_path: Path) -> Iterator[Engine]:
    """A migrated, empty database of each kind in turn (SQLite, then PostgreSQL)."""
    with database_url(backend, tmp_path) as url, migrated_engine(url) as migrated:
        yield migrated


@pytest.fixture
def agent_token(engine: Engine) -> str:
    from kb.store.keys import create_key

    return create_key(engine, "test-agent").token


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    """The API over the bundled articles and the test's database."""
    from fastapi.testclient import TestClient

    from api.main import create_app
    from kb.config import Settings

    app = create_app(Settings(database_url=engine.url.render_as_string(hide_password=False)))
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="module", params=BACKEND_PARAMS)
def service(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Service]:
    """The API on each kind of database in turn, with an agent key, for a whole module."""
    from fastapi.testclient import TestClient

    from api.main import create_app
    from kb.config import Settings
    from kb.store.keys import create_key
    from tests.support.service import Service

    folder = tmp_path_factory.mktemp("service")
    with database_url(request.param, folder) as url, migrated_engine(url) as migrated:
        token = create_key(migrated, "module-agent").token
        with TestClient(create_app(Settings(database_url=url))) as test_client:
            yield Service(test_client, migrated, token)
