"""The benchmarks' generated data stays valid, so `make bench` measures clean runs."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from kb.lint import lint_tree
from tests.conftest import REPO


def load_benchmark(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, REPO / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_lint_benchmark_tree_is_lint_clean(tmp_path: Path) -> None:
    root = tmp_path / "articles"

    load_benchmark("lint_speed").generate_tree(root, 60)

    assert len(list(root.glob("*/*.md"))) == 120
    assert lint_tree(root) == []
