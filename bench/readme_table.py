"""Publishing a benchmark's table: its own results file and the README, between markers."""

from __future__ import annotations

import os
import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def update_readme(name: str, markdown: str) -> None:
    """Replace what lies between ``<!-- bench:NAME -->`` and ``<!-- /bench:NAME -->``."""
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    text = README.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
    if pattern.search(text):
        replaced = pattern.sub(lambda _: f"{start}\n{markdown}\n{end}", text)
        README.write_text(replaced, encoding="utf-8")


def publish(name: str, title: str, results: Path, markdown: str) -> None:
    """Write ``markdown`` to ``results`` (with the machine it ran on), the README and stdout."""
    machine = f"Measured on a {len(os.sched_getaffinity(0))}-core machine."
    results.write_text(f"# {title}\n\n{machine}\n\n{markdown}\n", encoding="utf-8")
    update_readme(name, markdown)
    print(markdown)
