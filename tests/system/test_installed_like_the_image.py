"""The package installed as the image installs it, run as the image runs it.

A non-editable install into a fresh environment, then `kb suggest` and `kb serve` from
another folder with exactly the Dockerfile's ENV, read from the Dockerfile so the two cannot
drift apart. Its folders (/app, /data) are moved under a temporary root; nothing else is
set: a resource the installed package cannot find on its own fails here as it would in the
container.
"""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import httpx2 as httpx
import pytest

from tests.support.paths import REPO
from tests.support.servers import free_port, wait_for
from tests.support.sources import PACKAGES, copy_package_sources

pytestmark = pytest.mark.slow


def dockerfile_instructions(name: str) -> list[str]:
    """The arguments of every ``name`` instruction, continuation lines joined."""
    text = (REPO / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    return [
        line.split(None, 1)[1]
        for line in text.splitlines()
        if line.split(None, 1)[:1] == [name] and len(line.split(None, 1)) == 2
    ]


def dockerfile_env() -> dict[str, str]:
    env: dict[str, str] = {}
    for arguments in dockerfile_instructions("ENV"):
        for pair in shlex.split(arguments):
            key, _, value = pair.partition("=")
            env[key] = value
    return env


def image_folders() -> list[str]:
    """The image's own top folders: its WORKDIR and VOLUMEs."""
    volumes = [json.loads(volume) for volume in dockerfile_instructions("VOLUME")]
    return [*dockerfile_instructions("WORKDIR"), *(path for paths in volumes for path in paths)]


def rebased(env: dict[str, str], root: Path) -> dict[str, str]:
    """The ENV with each of the image's folders moved under ``root``."""
    moved = {}
    for key, value in env.items():
        for folder in image_folders():
            value = value.replace(folder, f"{root}{folder}")
        moved[key] = value
    return moved


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A venv holding the non-editable install, and the environment to run it with."""
    root = tmp_path_factory.mktemp("image")
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    # The dependencies come from the project's environment (installing them again would
    # only cost time); the project itself is installed apart, non-editable, as the image does.
    [site] = venv.glob("lib/python*/site-packages")
    (site / "project-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    source = root / "app"  # what the Dockerfile copies, and from where it installs
    copy_package_sources(source)
    pip = [sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install"]
    subprocess.run([*pip, "--quiet", "--no-deps", "."], cwd=source, check=True)
    for package in PACKAGES:  # the image removes them too: only the install may be imported
        shutil.rmtree(source / package)
    shutil.copytree(REPO / "articles", source / "articles")
    env = {
        "PATH": f"{venv / 'bin'}:/usr/bin:/bin",
        "HOME": str(root),
        **rebased(dockerfile_env(), root),
    }
    (root / "data").mkdir()
    elsewhere = root / "elsewhere"
    elsewhere.mkdir()
    return elsewhere, env


def test_the_dockerfile_env_is_read_and_names_no_checkout_path() -> None:
    env = dockerfile_env()

    assert env["KB_ARTICLES_DIR"] == "/app/articles"
    assert env["KB_CACHE_DIR"] == "/data/cache"
    assert "/app" in image_folders() and "/data" in image_folders()
    assert not any(str(REPO) in value for value in env.values())


def test_kb_suggest_answers_in_chinese_from_another_folder(
    installed: tuple[Path, dict[str, str]],
) -> None:
    elsewhere, env = installed

    result = subprocess.run(
        ["kb", "suggest", "--json", "USDT转账一直显示待确认，已经两个小时了"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["language"] == "zh"
    assert answer["articles"][0]["id"] == "transaction-pending"
    # The installed module, not the checkout, answered.
    assert str(REPO) not in result.stderr
    # Its caches, jieba's dictionary included, went where KB_CACHE_DIR says (the volume).
    assert list(Path(env["KB_CACHE_DIR"]).glob("jieba*.cache"))


def test_kb_serve_starts_and_answers_from_another_folder(
    installed: tuple[Path, dict[str, str]],
) -> None:
    elsewhere, env = installed
    port = free_port()
    server = subprocess.Popen(
        ["kb", "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=elsewhere,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        ready = wait_for(f"{base}/readyz", server, status=200).json()
        found = httpx.get(f"{base}/v1/search", params={"q": "卡被拒了"}, timeout=10).json()
    finally:
        server.terminate()
        log = server.communicate(timeout=30)[0].decode(errors="replace")

    assert ready["status"] == "ready", log
    assert found["language"] == "zh" and found["articles"], log
    assert list(Path(env["KB_CACHE_DIR"]).glob("index-*"))  # the search index's cache too
