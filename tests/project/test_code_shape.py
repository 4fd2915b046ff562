"""The code stays easy to read in pieces: small modules, short functions (kb/ and api/)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.support.paths import REPO

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def sources() -> list[Path]:
    return sorted(
        path
        for package in ("kb", "api")
        for path in (REPO / package).rglob("*.py")
        if "__pycache__" not in path.parts
    )


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(path.relative_to(REPO)): lines
        for path in sources()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }

    assert long == {}, "split the module where it holds two ideas"


def test_no_function_is_over_60_lines() -> None:
    long = {
        f"{path.relative_to(REPO)}:{node.lineno} {node.name}": node.end_lineno - node.lineno + 1
        for path in sources()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    }

    assert long == {}, "split the function into steps with names"
