"""`kb serve` over real HTTP: the command the README's run target uses."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx
import pytest

from tests.conftest import LINT_FIXTURES, REPO
from tests.databases import database_url

KB = Path(sys.executable).parent / "kb"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(url: str, process: subprocess.Popen[bytes], seconds: float = 20) -> httpx.Response:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited with {process.returncode}")
        try:
            return httpx.get(url, timeout=1)
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer in {seconds}s")


@pytest.fixture
def server_env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "KB_DATABASE_URL": f"sqlite:///{tmp_path / 'kb.sqlite3'}"}


@pytest.fixture
def served(server_env: dict[str, str]) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    port = free_port()
    process = subprocess.Popen(
        [str(KB), "serve", "--port", str(port), "--workers", "2"],
        cwd=REPO,
        env=server_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield f"http://127.0.0.1:{port}", process
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_kb_serve_answers_healthz_over_http_with_the_bundled_articles(
    served: tuple[str, subprocess.Popen[bytes]],
) -> None:
    url, process = served

    response = wait_for(f"{url}/healthz", process)

    assert response.status_code == 200
    assert response.json()["status"] == "ok"


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_a_key_from_kb_keys_create_gets_suggestions_over_http(
    database: str, tmp_path: Path
) -> None:
    """The README's walk-through: serve, make a key, ask in English and Chinese."""
    with database_url(database, tmp_path) as url:
        env = {**os.environ, "KB_DATABASE_URL": url}
        port = free_port()
        process = subprocess.Popen(
            [str(KB), "serve", "--port", str(port), "--workers", "2"],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            assert wait_for(f"{base}/readyz", process, seconds=60).status_code == 200
            made = subprocess.run(
                [str(KB), "keys", "create", "readme"], env=env, capture_output=True, text=True
            )
            assert made.returncode == 0, made.stderr
            key = made.stdout.strip()
            headers = {"Authorization": f"Bearer {key}"}

            english = httpx.post(
                f"{base}/v1/suggest", json={"text": "I lost my seed phrase"}, headers=headers
            )
            chinese = httpx.post(
                f"{base}/v1/suggest", json={"text": "助记词丢了怎么办"}, headers=headers
            )
            anonymous = httpx.post(f"{base}/v1/suggest", json={"text": "I lost my seed phrase"})
        finally:
            process.terminate()
            process.wait(timeout=20)

    assert english.status_code == 200 and english.json()["language"] == "en"
    assert english.json()["articles"][0]["id"] == "lost-recovery-phrase"
    assert chinese.status_code == 200 and chinese.json()["language"] == "zh"
    assert chinese.json()["articles"][0]["id"] == "lost-recovery-phrase"
    assert anonymous.status_code == 401


def test_kb_serve_refuses_to_start_on_broken_articles(server_env: dict[str, str]) -> None:
    env = {**server_env, "KB_ARTICLES_DIR": str(LINT_FIXTURES / "front-matter-yaml")}

    result = subprocess.run(
        [str(KB), "serve", "--port", str(free_port())],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )

    assert result.returncode == 1
    assert "sending.en.md:2: front-matter: YAML error" in result.stderr
