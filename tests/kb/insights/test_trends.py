"""Trends and spikes on events counted by hand: the recent window against the same window on
the previous days, a Poisson test with Bonferroni's correction, and the two floors."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest

from kb.errors import InvalidInsightQuery
from kb.insights.trends import NO_ARTICLE, Event, SpikeTest, parse_window, trend_report

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)
LONG_AGO = NOW - 30 * DAY  # a log older than every baseline
TEST = SpikeTest(window=timedelta(hours=1), baseline_days=3)


def at(age: timedelta, article: str | None, language: str = "en") -> Event:
    return Event(NOW - age, language, article)  # type: ignore[arg-type]


def minutes(count: int) -> timedelta:
    return timedelta(minutes=count)


def poisson_tail(at_least: int, mean: float) -> float:
    """P(X >= at_least) for X ~ Poisson(mean), written out (not scipy's)."""
    below = sum(math.exp(-mean) * mean**k / math.factorial(k) for k in range(at_least))
    return 1 - below


# "pending" (en): 6 tickets in the last hour; in the same hour on the 3 previous days 1, 0
# and 1; one more at 11:00 today outside the window. "fees" (zh, Simplified and Traditional
# alike): 2 in the last hour and 2 in that hour on each previous day. One ticket matched
# nothing. Events from the future or from before the baseline days count nowhere.
EVENTS = [
    *(at(minutes(5 + 5 * n), "pending") for n in range(6)),
    at(DAY + minutes(30), "pending"),
    at(3 * DAY + minutes(30), "pending"),
    at(timedelta(hours=5), "pending"),
    at(minutes(10), "fees", "zh"),
    at(minutes(20), "fees", "zh-Hant"),
    *(at(day * DAY + minutes(15 + n), "fees", "zh") for day in (1, 2, 3) for n in (0, 1)),
    at(minutes(40), None),
    at(-minutes(5), "pending"),
    at(4 * DAY + minutes(30), "pending"),
]


def test_the_burst_is_a_spike_with_hand_counted_figures() -> None:
    report = trend_report(EVENTS, NOW, TEST, LONG_AGO)

    pending = next(trend for trend in report.trends if trend.article == "pending")
    expected = (2 + 0.5) / 3  # the baseline's 2 tickets and half a ticket, over 3 days
    assert (pending.language, pending.recent, pending.daily) == ("en", 6, [1, 0, 1, 7])
    assert pending.expected == round(expected, 3) and pending.ratio == round(6 / expected, 2)
    assert pending.p_value == pytest.approx(poisson_tail(6, expected), rel=1e-9)
    assert pending.p_value < report.threshold and pending.spike
    assert report.history_days == 3
    # Two article series are tested (a ticket that matched nothing is no series).
    assert report.threshold == pytest.approx(0.01 / 2)
    assert report.spikes == [pending]


def test_a_steady_topic_is_counted_but_no_spike() -> None:
    report = trend_report(EVENTS, NOW, TEST, LONG_AGO)

    fees = next(trend for trend in report.trends if trend.article == "fees")
    expected = (6 + 0.5) / 3
    assert (fees.language, fees.recent, fees.daily) == ("zh", 2, [2, 2, 2, 2])
    assert fees.expected == round(expected, 3) and fees.ratio == round(2 / expected, 2)
    assert fees.p_value == pytest.approx(poisson_tail(2, expected), rel=1e-9)
    assert not fees.spike


def test_trends_come_busiest_first_and_unmatched_tickets_are_listed_apart() -> None:
    report = trend_report(EVENTS, NOW, TEST, LONG_AGO)

    assert [(trend.article, trend.recent) for trend in report.trends] == [
        ("pending", 6),
        ("fees", 2),
        (NO_ARTICLE, 1),
    ]
    unmatched = report.trends[-1]
    assert not unmatched.spike and unmatched.daily == [0, 0, 0, 1]


def test_a_young_log_has_a_shorter_baseline() -> None:
    # The log starts 1.5 days ago: one previous day is covered, so only its hour counts.
    report = trend_report(EVENTS, NOW, TEST, NOW - timedelta(hours=36))

    pending = next(trend for trend in report.trends if trend.article == "pending")
    assert report.history_days == 1
    assert pending.expected == (1 + 0.5) / 1 and pending.ratio == 4.0


def test_without_history_there_are_counts_but_no_test() -> None:
    report = trend_report(EVENTS, NOW, TEST, None)

    assert report.history_days == 0
    assert all(trend.expected is trend.p_value is trend.ratio is None for trend in report.trends)
    assert report.spikes == []


@pytest.mark.parametrize(
    ("test", "spike"),
    [
        pytest.param(TEST, True, id="defaults"),
        pytest.param(SpikeTest(timedelta(hours=1), 3, min_count=7), False, id="too-few-tickets"),
        pytest.param(SpikeTest(timedelta(hours=1), 3, min_ratio=8.0), False, id="ratio-too-low"),
        pytest.param(SpikeTest(timedelta(hours=1), 3, alpha=1e-6), False, id="not-improbable"),
    ],
)
def test_a_spike_must_pass_all_three_tests(test: SpikeTest, spike: bool) -> None:
    report = trend_report(EVENTS, NOW, test, LONG_AGO)

    assert [trend.article for trend in report.spikes] == (["pending"] if spike else [])


@pytest.mark.parametrize(
    ("text", "window"),
    [("30m", minutes(30)), ("1h", timedelta(hours=1)), (" 6 h ", timedelta(hours=6)),
     ("1d", DAY)],
)  # fmt: skip
def test_windows_are_read_from_short_text(text: str, window: timedelta) -> None:
    assert parse_window(text) == window


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("soon", "window 'soon' is not like 30m, 1h or 1d"),
        ("0m", "window '0m' must be between 1m and 1d"),
        ("2d", "window '2d' must be between 1m and 1d"),
    ],
)
def test_unusable_windows_are_refused(text: str, message: str) -> None:
    with pytest.raises(InvalidInsightQuery, match=message):
        parse_window(text)


def test_a_spike_test_checks_its_own_settings() -> None:
    with pytest.raises(InvalidInsightQuery, match="baseline days must be between 1 and 28"):
        SpikeTest(baseline_days=0)
    with pytest.raises(InvalidInsightQuery, match="alpha must be between 0 and 1"):
        SpikeTest(alpha=1.0)
