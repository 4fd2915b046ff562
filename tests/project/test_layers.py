"""The import-linter contracts of pyproject.toml hold for the tree, and catch a wrong-way import.

Each case copies kb/ and api/ with the contracts, adds one import where it does not belong,
and runs lint-imports on the copy, exactly as `make lint` runs it on the checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.paths import REPO

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_copy(tmp_path: Path, module: str = "", line: str = "") -> subprocess.CompletedProcess[str]:
    """lint-imports over a copy of the packages, with ``line`` added to ``module``'s file."""
    for package in ("kb", "api"):
        shutil.copytree(
            REPO / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    if module:
        path = tmp_path / (module.replace(".", "/") + ".py")
        path.write_text(f"{line}\n{path.read_text(encoding='utf-8')}", encoding="utf-8")
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_tree_keeps_every_contract(tmp_path: Path) -> None:
    result = lint_copy(tmp_path)

    assert result.returncode == 0, result.stdout
    assert "Contracts: 7 kept, 0 broken." in result.stdout


# Each case: the module that gets a wrong-way import, what it imports, what the report names.
WRONG_WAY = {
    "text-imports-store": ("kb.text.language", "kb.store.tables", "kb.text", "kb.store"),
    "stage-imports-later-one": ("kb.redaction.redact", "kb.replies", "kb.redaction", "kb.replies"),
    "pipeline-touches-the-database": ("kb.suggest", "sqlalchemy", "kb.suggest", "sqlalchemy"),
    "library-imports-api": ("kb.store.keys", "api.state", "kb.store", "api"),
    "library-reads-settings": ("kb.search.index", "kb.config", "kb.search", "kb.config"),
    "cli-imports-the-app": ("kb.cli.tickets", "api.main", "kb.cli", "api.main"),
    "schemas-import-deps": ("api.schemas.common", "api.deps", "api.schemas", "api.deps"),
}


@pytest.mark.parametrize(
    ("module", "imported", "importer", "forbidden"), WRONG_WAY.values(), ids=WRONG_WAY.keys()
)
def test_a_wrong_way_import_breaks_the_build(
    tmp_path: Path, module: str, imported: str, importer: str, forbidden: str
) -> None:
    result = lint_copy(tmp_path, module, f"import {imported}")

    assert result.returncode == 1, result.stdout
    assert f"{importer} is not allowed to import {forbidden}" in result.stdout
