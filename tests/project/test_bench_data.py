"""The benchmarks' generated data stays valid, so `make bench` measures clean runs."""

from __future__ import annotations

from pathlib import Path

from kb.content.lint import lint_tree
from tests.support.benchmarks import load_benchmark


def test_the_lint_benchmark_tree_is_lint_clean(tmp_path: Path) -> None:
    root = tmp_path / "articles"

    load_benchmark("lint_speed").generate_tree(root, 60)

    assert len(list(root.glob("*/*.md"))) == 120
    # Copies of the runbooks keep their contacts' placeholders, which only warn.
    assert [problem for problem in lint_tree(root) if not problem.is_warning] == []
