"""Writing a benchmark's table into the README, between its own markers."""

from __future__ import annotations

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
