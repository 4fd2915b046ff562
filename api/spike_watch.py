"""The spike test and the weak-match share on a schedule, published as gauges, so a surge or
a rise of tickets no article answers shows in Prometheus within minutes (at night too)
without a lead running `kb insights trends` or `kb insights gaps`.

Each worker of a service starts one watch; they share the cache folder, and only the one
holding the lock file there runs the test (every KB_SPIKE_REFRESH_SECONDS) and sets the
gauges; the others keep trying the lock and take over when its holder stops. A scrape
only reads the last values: it never queries the log itself.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy import Engine

from api.metrics import LANGUAGE_RECENT, TOPIC_RECENT, TOPIC_SPIKE, WEAK_MATCH_SHARE
from kb.insights.trends import NO_ARTICLE, SpikeTest, TrendReport
from kb.store.insight_queries import trends, weak_match_counts
from kb.text.language import LANGUAGES, Language

logger = logging.getLogger(__name__)

TopicKey = tuple[str, str]  # (article, language): bounded by the catalogue and two languages


def publish(report: TrendReport, published: set[TopicKey]) -> set[TopicKey]:
    """Set each topic's gauges from ``report``; a topic published before that is quiet now
    goes back to 0 (a spike that ended must not stay on the dashboard). Returns every topic
    published so far."""
    current: set[TopicKey] = set()
    for trend in report.trends:
        if trend.article == NO_ARTICLE:
            continue
        key: TopicKey = (trend.article, str(trend.language))
        current.add(key)
        TOPIC_RECENT.labels(*key).set(trend.recent)
        TOPIC_SPIKE.labels(*key).set(trend.ratio if trend.spike and trend.ratio else 0.0)
    for key in published - current:
        TOPIC_RECENT.labels(*key).set(0)
        TOPIC_SPIKE.labels(*key).set(0)
    return published | current


def publish_weak_shares(counts: dict[Language, tuple[int, int]]) -> None:
    """Each language's ticket count and weak share (0 with no tickets: nothing is missing)."""
    for language in LANGUAGES:
        total, weak = counts.get(language, (0, 0))
        LANGUAGE_RECENT.labels(language).set(total)
        WEAK_MATCH_SHARE.labels(language).set(weak / total if total else 0.0)


class SpikeWatch:
    """A thread that runs the spike test every ``interval`` seconds while it holds the lock."""

    def __init__(self, engine: Engine, lock_file: Path, interval: float) -> None:
        self.engine = engine
        # Not thread-local: the watch thread takes it, stop() releases it from another.
        self.lock = FileLock(lock_file, thread_local=False)
        self.interval = interval
        self.test = SpikeTest()
        self.published: set[TopicKey] = set()
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.run, name="kb-spike-watch", daemon=True)

    def start(self) -> None:
        Path(self.lock.lock_file).parent.mkdir(parents=True, exist_ok=True)
        self.thread.start()

    def stop(self) -> None:
        self.stopped.set()
        self.thread.join(timeout=5)
        if self.lock.is_locked:
            self.lock.release()

    def run(self) -> None:
        while not self.stopped.is_set():
            if self.leading():
                self.refresh()
            self.stopped.wait(self.interval)

    def leading(self) -> bool:
        """Whether this worker runs the test: it holds the lock, or takes it now."""
        if self.lock.is_locked:
            return True
        try:
            self.lock.acquire(timeout=0)
        except Timeout:
            return False
        return True

    def refresh(self) -> None:
        try:
            self.published = publish(trends(self.engine, self.test), self.published)
            publish_weak_shares(weak_match_counts(self.engine, self.test.window))
        except Exception:  # a database outage must not end the watch; /readyz reports it
            logger.exception("spike test and weak-match share not refreshed")
