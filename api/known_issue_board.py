"""The open known issues one worker matches tickets against.

Read from the database at most every ``REFRESH_SECONDS``, not on every ticket:
an issue opened or closed through this worker counts at once (the route drops
the board), through another worker or ``kb known-issues`` within that time.
"""

from __future__ import annotations

from collections.abc import Callable
from time import monotonic

from sqlalchemy import Engine

from kb.known_issues import IssueMatcher
from kb.store.known_issues import open_known_issues
from kb.text.tokens import Tokenizer

REFRESH_SECONDS = 5.0


class KnownIssueBoard:
    """``on_refresh`` hears how many issues are open after each read (the metrics gauge)."""

    def __init__(
        self,
        tokenizer: Tokenizer,
        on_refresh: Callable[[int], None] = lambda count: None,
        clock: Callable[[], float] = monotonic,
    ) -> None:
        self.tokenizer = tokenizer
        self.on_refresh = on_refresh
        self.clock = clock
        self.matcher: IssueMatcher | None = None
        self.loaded_at = 0.0

    def current(self) -> IssueMatcher | None:
        """The matcher when it is recent enough; None means call ``refresh`` first."""
        if self.matcher is not None and self.clock() - self.loaded_at < REFRESH_SECONDS:
            return self.matcher
        return None

    def refresh(self, engine: Engine) -> IssueMatcher:
        """Read the open issues (blocking: run it in a worker thread)."""
        issues = open_known_issues(engine)
        self.matcher = IssueMatcher(issues, self.tokenizer)
        self.loaded_at = self.clock()
        self.on_refresh(len(issues))
        return self.matcher

    def drop(self) -> None:
        self.matcher = None
