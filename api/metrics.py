"""Prometheus metrics. Labels are route templates, languages and kinds, never request text.

With several workers (``kb serve --workers N``) each process writes its samples
to PROMETHEUS_MULTIPROC_DIR and /metrics adds them up; prometheus-client reads
that variable when it is imported, so ``kb serve`` sets it before workers start.
"""

from __future__ import annotations

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

from kb.config import MULTIPROCESS_DIR

REQUEST_SECONDS = Histogram(
    "kb_http_request_duration_seconds",
    "Time to answer a request, by route template, method and status.",
    ["route", "method", "status"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)
SUGGESTIONS = Counter(
    "kb_suggestions_total", "Suggestions answered, by ticket language.", ["language"]
)
REDACTIONS = Counter("kb_redactions_total", "Secrets removed from tickets, by kind.", ["kind"])
ERRORS = Counter(
    "kb_errors_total",
    "Requests answered with an error status, by route and status.",
    ["route", "status"],
)

# Every worker sets it from the database; the most recent reading is the current one.
KNOWN_ISSUES_OPEN = Gauge(
    "kb_known_issues_open",
    "Known issues (incidents) open now.",
    multiprocess_mode="mostrecent",
)

# Set by the one worker that runs the spike test (api/spike_watch.py); labels are the
# catalogue's articles and the two languages, nothing from tickets.
TOPIC_RECENT = Gauge(
    "kb_topic_recent_tickets",
    "Tickets in the spike test's recent window (an hour) by top article and language.",
    ["article", "language"],
    multiprocess_mode="mostrecent",
)
TOPIC_SPIKE = Gauge(
    "kb_topic_spike",
    "When the spike test fires for a top article and language: recent tickets over the "
    "baseline's expectation for the window; 0 otherwise.",
    ["article", "language"],
    multiprocess_mode="mostrecent",
)
WEAK_MATCH_SHARE = Gauge(
    "kb_weak_match_share",
    "Share of the last hour's tickets, by language, that no article answers (nothing matched, "
    "or the best match under the weak confidence of kb insights gaps); 0 without tickets.",
    ["language"],
    multiprocess_mode="mostrecent",
)
LANGUAGE_RECENT = Gauge(
    "kb_recent_tickets",
    "Tickets in the last hour by language (what kb_weak_match_share is a share of).",
    ["language"],
    multiprocess_mode="mostrecent",
)

# Refreshed at each scrape (a ping and the schema check: what /readyz does, cheap).
READY = Gauge(
    "kb_ready",
    "1 when a component is ready, else 0: database (answers, schema current); semantic_index "
    "(built; while it is building or failed, BM25 answers alone).",
    ["component"],
    multiprocess_mode="mostrecent",
)


def exposition() -> tuple[bytes, str]:
    """The metrics text, summed over all worker processes when there are several."""
    if os.environ.get(MULTIPROCESS_DIR):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
