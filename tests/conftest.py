from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent
LINT_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "lint"


@pytest.fixture
def good_tree(tmp_path: Path) -> Path:
    """A writable copy of the lint fixture tree in which every rule stays quiet."""
    copy = tmp_path / "articles"
    shutil.copytree(LINT_FIXTURES / "good", copy)
    return copy


def load_benchmark(name: str) -> ModuleType:
    """A script from bench/ as a module, for tests that share its data."""
    spec = importlib.util.spec_from_file_location(name, REPO / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
