"""The project's sources as `docker build` copies them, for tests that install the package
from a copy (so the checkout gets no build/ folder)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.support.paths import REPO

# What the Dockerfile copies before `pip install .`.
PACKAGES = ("kb", "api")


def copy_package_sources(folder: Path) -> None:
    """pyproject.toml, README.md and the packages' sources (no bytecode) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, folder / name)
    for package in PACKAGES:
        shutil.copytree(
            REPO / package, folder / package, ignore=shutil.ignore_patterns("__pycache__")
        )
