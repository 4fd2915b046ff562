"""Every exception the ``kb`` library raises on purpose, grouped by what the caller should do.

The tree::

    KBError                       anything the library reports on purpose
    ├── InvalidInput              the request cannot be done as asked: fix it and ask again
    │   ├── InvalidQuery          ticket text or options that cannot be searched
    │   ├── UnknownLanguage       a language code that is not en, zh or zh-Hant
    │   ├── UnknownPlaceholder    a value for a name that is not a reply placeholder
    │   ├── InvalidKnownIssue     a known issue that cannot work as given (every reason listed)
    │   ├── InvalidInsightQuery   a window, period or threshold insights cannot use
    │   ├── InvalidKeyRequest     a key name that is empty, too long or already active
    │   └── InvalidEvalFile       an evaluation file that is unreadable or holds no ticket
    │       └── BadEvalLines      lines that cannot be used (each one named)
    ├── NotFound                  what was asked for does not exist
    │   ├── ArticleNotFound       no article (or no visible one) with that slug or language
    │   ├── KnownIssueNotFound    no known issue with that id
    │   ├── UnknownSuggestion     feedback names a suggestion the log does not hold
    │   ├── KeyNotFound           no active key with that name
    │   └── PathNotFound          a file or folder named on the command line does not exist
    ├── Unavailable               a service we depend on cannot do the work now: try again later
    │   ├── DatabaseUnavailable   the database cannot be reached or refused the work
    │   ├── SchemaBehind          the database has not been brought to the current schema
    │   └── WriterStopped         a row was queued after the suggestion log's writer stopped
    └── Misconfigured             the deployment or the content is broken: an operator or a
        │                         writer must fix it, asking again will not help
        ├── InvalidSettings       a KB_* setting that does not parse
        ├── InvalidDatabaseUrl    KB_DATABASE_URL that SQLAlchemy cannot use
        ├── ArticlesNotFound      the articles folder does not exist
        ├── InvalidArticle        one article file cannot be read (names file and line)
        ├── InvalidCatalogue      the tree has problems; carries every InvalidArticle found
        ├── UnsafeTemplate        a reply template breaks the sandbox's rules or limits
        ├── MessageCatalogMissing a compiled gettext catalog (locales/*.mo) cannot be read
        ├── UnknownTopic          an FAQ's first tag is not a help-site topic
        ├── InvalidGlossary       locales/glossary.yaml is missing or does not parse
        └── InvalidSiteAudience   KB_SITE_AUDIENCE is neither public nor internal

The CLI turns any ``KBError`` into one line on stderr and exit code 1 (``kb.cli``); the
API maps each of the four bases to one HTTP status in one place (``api/errors.py``).
"""

from __future__ import annotations

from pathlib import Path


class KBError(Exception):
    """Base class for every error the library raises on purpose."""


class InvalidInput(KBError):
    """The request cannot be done as asked; the message says what to change."""


class NotFound(KBError):
    """What was asked for does not exist."""


class Unavailable(KBError):
    """Something the service depends on cannot do the work now; it may later."""


class Misconfigured(KBError):
    """The deployment or the content is broken; asking again will not help."""


class InvalidQuery(InvalidInput):
    """The ticket text or options cannot be searched (empty, too long, bad limit)."""


class UnknownLanguage(InvalidInput):
    def __init__(self, given: str, choices: tuple[str, ...]) -> None:
        super().__init__(f"unknown language '{given}'; use one of: {', '.join(choices)}")
        self.given = given


class UnknownPlaceholder(InvalidInput):
    """A value was given for a name that is not a placeholder."""

    def __init__(self, given: str, choices: list[str]) -> None:
        super().__init__(f"'{given}': use NAME=VALUE with a NAME from: {', '.join(choices)}")
        self.given = given


class InvalidKnownIssue(InvalidInput):
    """A known issue cannot be opened as given; the message lists every problem."""


class InvalidInsightQuery(InvalidInput):
    """A window, period or threshold that insights cannot use."""


class InvalidKeyRequest(InvalidInput):
    """A key cannot be created as asked (bad name, or an active key has it)."""


class InvalidEvalFile(InvalidInput):
    """An evaluation file that cannot be used: unreadable, or holding no ticket."""


class BadEvalLines(InvalidEvalFile):
    """Lines of an evaluation file that cannot be used; ``problems`` holds (line, message)."""

    def __init__(self, path: Path, problems: list[tuple[int, str]]) -> None:
        lines = "\n".join(f"{path}:{line}: {message}" for line, message in problems)
        super().__init__(f"{len(problems)} bad line(s) in {path}:\n{lines}")
        self.problems = problems


class ArticleNotFound(NotFound):
    """No article with that slug, none the caller may see, or not in that language."""


class KnownIssueNotFound(NotFound):
    """No known issue has the id asked for."""


class UnknownSuggestion(NotFound):
    """Feedback names a suggestion id the log does not hold."""


class KeyNotFound(NotFound):
    """No active key has the name asked for."""


class PathNotFound(NotFound):
    def __init__(self, path: Path) -> None:
        super().__init__(f"{path}: no such file or folder")
        self.path = path


class DatabaseUnavailable(Unavailable):
    """The database cannot be reached or refused the work."""


class SchemaBehind(Unavailable):
    """The database has not been brought to the schema this code needs."""


class WriterStopped(Unavailable):
    """A row was submitted after the batch writer was stopped."""


class InvalidSettings(Misconfigured):
    """A ``KB_*`` setting that does not parse."""


class InvalidDatabaseUrl(Misconfigured):
    """KB_DATABASE_URL is not a URL SQLAlchemy can use."""


class ArticlesNotFound(Misconfigured):
    def __init__(self, path: Path) -> None:
        super().__init__(f"{path}: articles folder not found (set KB_ARTICLES_DIR)")
        self.path = path


class InvalidArticle(Misconfigured):
    """One article file is unreadable or its front matter is invalid."""

    def __init__(self, path: Path, line: int | None, rule: str, message: str) -> None:
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {rule}: {message}")
        self.path = path
        self.line = line
        self.rule = rule
        self.message = message


class InvalidCatalogue(Misconfigured):
    """The article tree cannot be served; ``problems`` lists each file's error."""

    def __init__(self, problems: list[InvalidArticle]) -> None:
        lines = "\n".join(str(problem) for problem in problems)
        super().__init__(f"{len(problems)} invalid article file(s):\n{lines}")
        self.problems = problems


class UnsafeTemplate(Misconfigured):
    """A reply template uses more than placeholders, if/else and the allowed filters,
    or rendering it went over the sandbox's limits."""


class MessageCatalogMissing(Misconfigured):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            f"{path}: cannot read the compiled catalog ({reason}); run `make catalogs`"
        )
        self.path = path


class UnknownTopic(Misconfigured):
    """An FAQ article's first tag names no topic of locales/topics.yaml."""


class InvalidGlossary(Misconfigured):
    """The glossary file (locales/glossary.yaml) is missing or not a valid glossary."""


class InvalidSiteAudience(Misconfigured):
    """KB_SITE_AUDIENCE names no audience of the help site."""
