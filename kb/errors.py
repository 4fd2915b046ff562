"""Exceptions raised by the ``kb`` library.

The tree::

    KBError                      anything the library reports on purpose
    ├── ArticlesNotFound         the articles folder does not exist
    ├── InvalidArticle           one article file cannot be read (names file and line)
    ├── InvalidCatalogue         the tree has problems; carries every InvalidArticle found
    ├── UnknownLanguage          a language code that is not en, zh or zh-Hant (kb.language)
    ├── UnknownPlaceholder       a value for a name that is not a placeholder (kb.placeholders)
    ├── InvalidQuery             ticket text or options that cannot be searched (kb.suggest)
    ├── MessageCatalogMissing    a compiled gettext catalog (locales/*.mo) cannot be read
    └── UnsafeTemplate           a reply template breaks the sandbox's rules or limits

The CLI turns a ``KBError`` into a message on stderr and exit code 1; the API maps
each subclass to one HTTP status in one handler.
"""

from __future__ import annotations

from pathlib import Path


class KBError(Exception):
    """Base class for every error the library raises on purpose."""


class ArticlesNotFound(KBError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"{path}: articles folder not found (set KB_ARTICLES_DIR)")
        self.path = path


class InvalidArticle(KBError):
    """One article file is unreadable or its front matter is invalid."""

    def __init__(self, path: Path, line: int | None, rule: str, message: str) -> None:
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {rule}: {message}")
        self.path = path
        self.line = line
        self.rule = rule
        self.message = message


class InvalidCatalogue(KBError):
    """The article tree cannot be served; ``problems`` lists each file's error."""

    def __init__(self, problems: list[InvalidArticle]) -> None:
        lines = "\n".join(str(problem) for problem in problems)
        super().__init__(f"{len(problems)} invalid article file(s):\n{lines}")
        self.problems = problems


class MessageCatalogMissing(KBError):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            f"{path}: cannot read the compiled catalog ({reason}); run `make catalogs`"
        )
        self.path = path


class UnsafeTemplate(KBError):
    """A reply template uses more than placeholders, if/else and the allowed filters,
    or rendering it went over the sandbox's limits."""
