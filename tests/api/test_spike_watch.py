"""The spike test and the weak-match share on a schedule: gauges set from the suggestion log
by one worker, back to 0 when a spike ends, labelled only by article and language."""

from __future__ import annotations

import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

from prometheus_client import REGISTRY
from sqlalchemy import Engine

from api.spike_watch import SpikeWatch, publish
from kb.insights.trends import DAY, Event, SpikeTest, trend_report
from kb.store.engine import transaction
from kb.store.keys import create_key
from kb.store.tables import SuggestionRecord, now

NOW = datetime(2026, 12, 1, 3, 0)


def gauge(name: str, article: str, language: str) -> float | None:
    return REGISTRY.get_sample_value(name, {"article": article, "language": language})


def quiet_week_then(burst: int, at: datetime) -> list[Event]:
    """One transaction-pending ticket in Chinese at this hour each day for a week, and one
    about fees in English; then ``burst`` pending tickets in the hour before ``at``."""
    events = [
        Event(at - DAY * day - timedelta(minutes=30), "zh", "transaction-pending")
        for day in range(1, 8)
    ]
    events += [
        Event(at - DAY * day - timedelta(minutes=20), "en", "network-fees") for day in range(1, 8)
    ]
    events += [
        Event(at - timedelta(minutes=2 + minute), "zh", "transaction-pending")
        for minute in range(burst)
    ]
    events += [Event(at - timedelta(minutes=5), "en", None)]  # a ticket nothing matched
    return events


def test_a_burst_raises_the_spike_gauge_and_its_end_brings_it_back_to_zero() -> None:
    first = NOW - DAY * 30
    during = trend_report(quiet_week_then(20, NOW), NOW, SpikeTest(), first)

    published = publish(during, set())

    assert gauge("kb_topic_spike", "transaction-pending", "zh") == during.spikes[0].ratio > 2
    assert gauge("kb_topic_recent_tickets", "transaction-pending", "zh") == 20
    assert gauge("kb_topic_spike", "network-fees", "en") == 0

    # Three hours on, nothing new: the burst has left the window.
    later = NOW + timedelta(hours=3)
    after = trend_report(quiet_week_then(20, NOW), later, SpikeTest(), first)
    publish(after, published)

    assert after.spikes == []
    assert gauge("kb_topic_spike", "transaction-pending", "zh") == 0
    assert gauge("kb_topic_recent_tickets", "transaction-pending", "zh") == 0


def test_the_labels_are_articles_and_languages_only() -> None:
    publish(trend_report(quiet_week_then(20, NOW), NOW, SpikeTest(), NOW - DAY * 30), set())

    for family in REGISTRY.collect():
        if family.name in ("kb_topic_spike", "kb_topic_recent_tickets"):
            for sample in family.samples:
                assert set(sample.labels) == {"article", "language"}
                assert sample.labels["language"] in ("en", "zh")
                assert sample.labels["article"] != "(no match)"  # unmatched tickets are not a topic


def log_tickets(
    engine: Engine, count: int, article: str | None, language: str, at: datetime
) -> None:
    key = create_key(engine, f"spike-{uuid.uuid4().hex[:8]}")
    with transaction(engine) as session:
        for number in range(count):
            session.add(
                SuggestionRecord(
                    id=uuid.uuid4().hex,
                    created_at=at - timedelta(minutes=number % 50),
                    key_id=key.id,
                    language=language,
                    text="[redacted ticket]",
                    articles=[{"id": article, "score": 1.0, "confidence": 0.9}] if article else [],
                    redacted=[],
                    latency_ms=1.0,
                    top_article=article,
                    best_confidence=0.9 if article else None,
                )
            )


def test_one_worker_of_two_runs_the_test_from_the_database_and_the_other_takes_over(
    engine: Engine, tmp_path: Path
) -> None:
    moment = now()
    for day in range(1, 8):
        log_tickets(engine, 1, "card-payment-declined", "zh", moment - DAY * day)
    log_tickets(engine, 25, "card-payment-declined", "zh", moment)
    log_tickets(engine, 5, None, "zh-Hant", moment)  # nothing answered these (Traditional: zh)
    lock = tmp_path / "spike-watch.lock"
    first, second = SpikeWatch(engine, lock, 0.05), SpikeWatch(engine, lock, 0.05)
    first.start()
    try:
        deadline = time.monotonic() + 10
        while gauge("kb_topic_spike", "card-payment-declined", "zh") in (None, 0.0):
            assert time.monotonic() < deadline, "the spike gauge was never set"
            time.sleep(0.05)
        second.start()
        time.sleep(0.3)
        assert first.lock.is_locked and not second.lock.is_locked  # one runs the test
    finally:
        first.stop()
    deadline = time.monotonic() + 10
    while not second.lock.is_locked:  # the other takes over once the first stops
        assert time.monotonic() < deadline, "no worker took over the spike test"
        time.sleep(0.05)
    second.stop()

    assert gauge("kb_topic_recent_tickets", "card-payment-declined", "zh") == 25
    assert REGISTRY.get_sample_value("kb_recent_tickets", {"language": "zh"}) == 30
    assert REGISTRY.get_sample_value("kb_weak_match_share", {"language": "zh"}) == 5 / 30
    assert REGISTRY.get_sample_value("kb_weak_match_share", {"language": "en"}) == 0
