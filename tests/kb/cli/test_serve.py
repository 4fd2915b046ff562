"""`kb serve`'s preparation of the worker processes' environment."""

from __future__ import annotations

import os

import pytest

from kb.cli.serve import log_config, share_cores


def test_each_worker_gets_its_share_of_the_cores_for_the_model(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0, 1, 2, 3})

    share_cores(2)

    assert os.environ["OMP_NUM_THREADS"] == "2"


def test_more_workers_than_cores_still_get_one_thread_and_an_operators_choice_stands(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0, 1})

    share_cores(4)

    assert os.environ["OMP_NUM_THREADS"] == "1"
    monkeypatch.setenv("OMP_NUM_THREADS", "2")
    share_cores(4)
    assert os.environ["OMP_NUM_THREADS"] == "2"


def test_the_services_own_lines_go_to_uvicorns_log_at_info() -> None:
    loggers = log_config()["loggers"]

    assert loggers["kb"] == {"handlers": ["default"], "level": "INFO", "propagate": False}
    assert loggers["api"]["level"] == "INFO"
    assert "uvicorn.error" in loggers  # uvicorn's own configuration is kept
