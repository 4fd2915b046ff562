"""Trends and spikes: suggestions per top article and language, and which are surging.

The recent window (default the last hour) of each article is compared with the
same window of the day on each of the previous days (default 7), because ticket
volume follows the day: 40 pending-transfer tickets at 15:00 can be normal when
10 at 03:00 are not. A spike must pass three tests:

- a one-sided Poisson test: the chance of seeing at least the recent count if
  tickets arrived at the baseline rate, below ``alpha`` divided by the number of
  article-language series tested (Bonferroni), so that watching 80 series at once
  does not raise a false alarm every day;
- at least ``min_count`` tickets in the window: 3 where 0.2 were expected is
  improbable but not worth waking anyone for;
- at least ``min_ratio`` times the expected count: a steady high-volume topic
  passes the Poisson test on small relative swings.

The expected count is the baseline's mean with half a ticket added to its total
(a Jeffreys-style prior), so an article never seen before has a small expected
count instead of zero. Chinese in both scripts counts as ``zh``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from scipy.stats import poisson

from kb.errors import InvalidInsightQuery
from kb.text.language import Language, TicketLanguage, article_language

DAY = timedelta(days=1)
PRIOR_TICKETS = 0.5
WINDOW_PATTERN = re.compile(r"^\s*(\d+)\s*([mhd])\s*$")
WINDOW_UNITS = {"m": "minutes", "h": "hours", "d": "days"}
NO_ARTICLE = "(no match)"


def parse_window(text: str) -> timedelta:
    """``30m``, ``1h``, ``6h`` or ``1d``: a window of at least a minute and at most a day."""
    found = WINDOW_PATTERN.match(text)
    if found is None:
        raise InvalidInsightQuery(f"window {text!r} is not like 30m, 1h or 1d")
    window = timedelta(**{WINDOW_UNITS[found[2]]: int(found[1])})
    if not timedelta(minutes=1) <= window <= DAY:
        raise InvalidInsightQuery(f"window {text!r} must be between 1m and 1d")
    return window


@dataclass(frozen=True)
class Event:
    """One logged suggestion: when, in which language, and its top article (None: no match)."""

    at: datetime
    language: TicketLanguage
    article: str | None


@dataclass(frozen=True)
class SpikeTest:
    window: timedelta = timedelta(hours=1)
    baseline_days: int = 7
    alpha: float = 0.01
    min_count: int = 5
    min_ratio: float = 2.0

    def __post_init__(self) -> None:
        if not 1 <= self.baseline_days <= 28:
            raise InvalidInsightQuery("baseline days must be between 1 and 28")
        if not 0 < self.alpha < 1:
            raise InvalidInsightQuery("alpha must be between 0 and 1")


@dataclass(frozen=True)
class ArticleTrend:
    article: str
    language: Language
    recent: int  # tickets in the recent window
    expected: float | None  # the baseline's mean for the window; None without history
    ratio: float | None
    p_value: float | None  # the chance of ``recent`` or more at the baseline rate
    spike: bool
    daily: list[int]  # tickets per day over the baseline days and today, oldest first


@dataclass(frozen=True)
class TrendReport:
    now: datetime
    test: SpikeTest
    history_days: int  # baseline days with data; fewer than asked when the log is young
    threshold: float  # the p-value a spike must be under (alpha over the series tested)
    trends: list[ArticleTrend]  # busiest in the recent window first

    @property
    def spikes(self) -> list[ArticleTrend]:
        return [trend for trend in self.trends if trend.spike]

    @property
    def window_minutes(self) -> float:
        return self.test.window.total_seconds() / 60

    @property
    def baseline_days(self) -> int:
        return self.test.baseline_days

    @property
    def alpha(self) -> float:
        return self.test.alpha


def trend_report(
    events: Iterable[Event], now: datetime, test: SpikeTest, first_logged: datetime | None
) -> TrendReport:
    """Counts and spikes for ``events`` (those of the last ``baseline_days`` + 1 days).

    ``first_logged`` is the log's oldest entry: days before it are no evidence of
    quiet, so the baseline uses only days the log covers.
    """
    history = history_days(now, test, first_logged)
    recent: Counter[tuple[str, Language]] = Counter()
    baseline: Counter[tuple[str, Language]] = Counter()
    daily: dict[tuple[str, Language], list[int]] = {}
    for event in events:
        key = (event.article or NO_ARTICLE, article_language(event.language))
        age = now - event.at
        if not timedelta(0) <= age < DAY * (test.baseline_days + 1):
            continue
        daily.setdefault(key, [0] * (test.baseline_days + 1))[test.baseline_days - age // DAY] += 1
        if age < test.window:
            recent[key] += 1
        elif age >= DAY and (age % DAY) < test.window and age < DAY * history + test.window:
            baseline[key] += 1
    tested = [key for key in daily if key[0] != NO_ARTICLE]
    threshold = test.alpha / max(1, len(tested))
    trends = [
        article_trend(key, recent[key], baseline[key], history, test, threshold, daily[key])
        for key in daily
    ]
    trends.sort(key=lambda trend: (-trend.recent, -sum(trend.daily), trend.article))
    return TrendReport(now, test, history, threshold, trends)


def history_days(now: datetime, test: SpikeTest, first_logged: datetime | None) -> int:
    if first_logged is None:
        return 0
    covered = int((now - test.window - first_logged) / DAY)
    return max(0, min(test.baseline_days, covered))


def article_trend(
    key: tuple[str, Language],
    recent: int,
    baseline: int,
    history: int,
    test: SpikeTest,
    threshold: float,
    daily: list[int],
) -> ArticleTrend:
    article, language = key
    if history == 0:
        return ArticleTrend(article, language, recent, None, None, None, False, daily)
    expected = (baseline + PRIOR_TICKETS) / history
    p_value = float(poisson.sf(recent - 1, expected))
    ratio = recent / expected
    spike = (
        article != NO_ARTICLE
        and p_value < threshold
        and recent >= test.min_count
        and ratio >= test.min_ratio
    )
    return ArticleTrend(
        article, language, recent, round(expected, 3), round(ratio, 2), p_value, spike, daily
    )
