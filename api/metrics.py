"""Prometheus metrics. Labels are route templates, languages and kinds, never request text.

With several workers (``kb serve --workers N``) each process writes its samples
to PROMETHEUS_MULTIPROC_DIR and /metrics adds them up; prometheus-client reads
that variable when it is imported, so ``kb serve`` sets it before workers start.
"""

from __future__ import annotations

import os
import time

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
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kb.metrics_dir import MULTIPROCESS_DIR

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


def exposition() -> tuple[bytes, str]:
    """The metrics text, summed over all worker processes when there are several."""
    if os.environ.get(MULTIPROCESS_DIR):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


class RequestMetrics:
    """Times every HTTP request and counts the ones that end in an error status."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # what the client sees if the app raises before it answers

        async def recording_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, recording_send)
        finally:
            route = getattr(scope.get("route"), "path", "unmatched")
            REQUEST_SECONDS.labels(route, scope["method"], str(status)).observe(
                time.perf_counter() - started
            )
            if status >= 400:
                ERRORS.labels(route, str(status)).inc()
