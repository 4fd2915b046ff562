from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
LINT_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "lint"


@pytest.fixture
def good_tree(tmp_path: Path) -> Path:
    """A writable copy of the lint fixture tree in which every rule stays quiet."""
    copy = tmp_path / "articles"
    shutil.copytree(LINT_FIXTURES / "good", copy)
    return copy
