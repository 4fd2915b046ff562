"""What ``kb lint`` reports: one problem per line, ``file:line: rule: message``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from kb.content.catalogue import Article, Catalogue
from kb.content.documents import Document

# Rules that point at something a team still has to do, not at a broken article:
# they print like the others but do not fail the check.
WARNING_RULES = frozenset({"runbook-placeholder"})


@dataclass(frozen=True, order=True)
class Problem:
    path: Path
    line: int
    rule: str
    message: str

    @property
    def is_warning(self) -> bool:
        return self.rule in WARNING_RULES

    def format(self, base: Path | None = None) -> str:
        """``file:line: rule: message``, the file relative to ``base`` when it lies below it."""
        shown = self.path
        if base is not None and self.path.is_relative_to(base):
            shown = self.path.relative_to(base)
        return f"{shown}:{self.line}: {self.rule}: {self.message}"


def problem_at(document: Document, line: int, rule: str, message: str) -> Problem:
    return Problem(document.path, line, rule, message)


# A rule looks at one article, with the whole tree for what it refers to.
ArticleRule = Callable[[Article, Catalogue], Iterable[Problem]]
