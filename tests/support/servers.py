"""Running ``kb serve`` for real, as an operator would: a free port, readiness, a key."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx2 as httpx

from tests.support.paths import KB, REPO


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(
    url: str, process: subprocess.Popen[bytes], seconds: float = 60, status: int | None = None
) -> httpx.Response:
    """The first answer from ``url`` (with ``status``, when given) while the server runs."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"kb serve exited with {process.returncode}")
        try:
            response = httpx.get(url, timeout=2)
            if status is None or response.status_code == status:
                return response
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{url} did not answer {status or ''} in {seconds}s")


@dataclass(frozen=True)
class Server:
    url: str
    env: dict[str, str]
    process: subprocess.Popen[bytes]

    def create_key(self, name: str) -> str:
        made = subprocess.run(
            [str(KB), "keys", "create", name],
            cwd=REPO,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert made.returncode == 0, made.stderr
        return made.stdout.strip()


@contextmanager
def kb_server(
    database_url: str, workers: int, log: Path | None = None, settings: dict[str, str] | None = None
) -> Iterator[Server]:
    """``kb serve --workers N`` on a free port, ready (``/readyz`` 200) until the block ends;
    ``settings`` are KB_ variables on top of the test environment's."""
    env = {**os.environ, "KB_DATABASE_URL": database_url, **(settings or {})}
    port = free_port()
    with open(log or os.devnull, "ab") as output:
        process = subprocess.Popen(
            [str(KB), "serve", "--port", str(port), "--workers", str(workers)],
            cwd=REPO,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        url = f"http://127.0.0.1:{port}"
        wait_for(f"{url}/readyz", process, status=200)
        yield Server(url, env, process)
    finally:
        process.terminate()
        process.wait(timeout=30)
