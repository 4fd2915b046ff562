"""The benchmark scripts of bench/, loaded as modules by tests that share their data."""

from __future__ import annotations

import importlib.util
from types import ModuleType

from tests.support.paths import REPO


def load_benchmark(name: str) -> ModuleType:
    """A script from bench/ as a module."""
    spec = importlib.util.spec_from_file_location(name, REPO / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
