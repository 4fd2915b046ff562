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


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        pytest.param(
            "kb.text.language", "import kb.store.tables",
            "kb.text is not allowed to import kb.store", id="text-imports-store",
        ),
        pytest.param(
            "kb.redaction.redact", "import kb.replies.messages",
            "kb.redaction is not allowed to import kb.replies", id="stage-imports-a-later-stage",
        ),
        pytest.param(
            "kb.suggest", "import sqlalchemy",
            "kb.suggest is not allowed to import sqlalchemy", id="pipeline-touches-the-database",
        ),
        pytest.param(
            "kb.store.keys", "import api.state",
            "kb.store is not allowed to import api", id="library-imports-api",
        ),
        pytest.param(
            "kb.search.index", "import kb.config",
            "kb.search is not allowed to import kb.config", id="library-reads-settings",
        ),
        pytest.param(
            "kb.cli.tickets", "import api.main",
            "kb.cli is not allowed to import api.main", id="cli-imports-the-app",
        ),
        pytest.param(
            "api.schemas.common", "import api.deps",
            "api.schemas is not allowed to import api.deps", id="schemas-import-deps",
        ),
    ],
)  # fmt: skip
def test_a_wrong_way_import_breaks_the_build(
    tmp_path: Path, module: str, line: str, broken: str
) -> None:
    result = lint_copy(tmp_path, module, line)

    assert result.returncode == 1, result.stdout
    assert broken in result.stdout
