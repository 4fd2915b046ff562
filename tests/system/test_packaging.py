"""A non-editable install (what the Dockerfile does) holds every module and finds its articles."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support.paths import LINT_FIXTURES, REPO
from tests.support.sources import PACKAGES, copy_package_sources


def test_a_plain_install_imports_the_app_and_lints_the_configured_articles(tmp_path: Path) -> None:
    # Build from a copy, as `docker build` does, so the checkout gets no build/ folder.
    source = tmp_path / "source"
    copy_package_sources(source)
    target = tmp_path / "site-packages"
    install = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--no-deps",
        "--target",
        str(target),
    ]
    subprocess.run([*install, "."], cwd=source, check=True, capture_output=True)
    # The language resources (stop words, glossary, catalogues) are package data: no setting.
    env = {
        **os.environ,
        "PYTHONPATH": str(target),
        "KB_ARTICLES_DIR": str(LINT_FIXTURES / "good"),
    }
    env.pop("KB_LOCALES_DIR", None)
    script = "from api.main import create_app; create_app(); from kb.cli import app; app()"

    result = subprocess.run(
        [sys.executable, "-c", script, "lint"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no problems found" in result.stderr
    # Every module of every subpackage is installed (kb/text/, kb/store/, api/schemas/, ...).
    modules = [
        path.relative_to(REPO)
        for package in PACKAGES
        for path in (REPO / package).rglob("*.py")
        if "__pycache__" not in path.parts
    ]
    assert len(modules) > 80
    assert [module for module in modules if not (target / module).exists()] == []
    # Every language resource is installed beside the code.
    resources = [
        path.relative_to(REPO) for path in (REPO / "kb" / "locales").rglob("*") if path.is_file()
    ]
    assert len(resources) >= 10
    assert [path for path in resources if not (target / path).exists()] == []
    # The sidebar's page, modules and styles are package data.
    modules = "start main actions api cards dom draft hosts layout placeholders render tickets"
    for name in ("index.html", *(f"{module}.js" for module in modules.split()), "sidebar.css"):
        assert (target / "api" / "sidebar" / name).exists(), name
    # The migrations are data files too: the installed copy must find and apply them.
    env["KB_DATABASE_URL"] = f"sqlite:///{tmp_path / 'kb.sqlite3'}"
    upgraded = subprocess.run(
        [sys.executable, "-c", "from kb.cli import app; app()", "db", "upgrade"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert upgraded.returncode == 0, upgraded.stderr
    assert "database schema 0002 (upgraded from empty)" in upgraded.stderr
