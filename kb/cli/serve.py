"""``kb serve``: check the articles, build the index cache, upgrade the database, serve."""

from __future__ import annotations

import copy
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer

from kb.cli.context import command_settings, open_knowledge_base
from kb.cli.storage import upgrade_database
from kb.config import MULTIPROCESS_DIR

app = typer.Typer()


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
) -> None:
    """Serve the HTTP API. Before workers start, this process checks the articles,
    builds the search index cache and brings the database schema up to date."""
    import uvicorn

    settings = command_settings(ctx)
    knowledge = open_knowledge_base(settings, semantic="background")
    typer.echo(
        f"{len(knowledge.catalogue.articles)} articles from {settings.articles_dir}", err=True
    )
    upgrade_database(settings)
    share_cores(workers)
    with shared_metrics_dir(workers):
        uvicorn.run(
            "api.main:create_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            loop="uvloop",
            http="httptools",
            # Access lines would carry /v1/search?q=..., which is what users typed.
            access_log=False,
            log_config=log_config(),
        )


def share_cores(workers: int) -> None:
    """Give each worker's model its share of the cores (unless the operator set it).

    The model's engine runs OpenMP threads, by default one per core in every worker, and
    OpenMP threads spin while they wait for work: two workers on two cores each running two
    such threads served a sixth of what one thread per worker does. (Making them sleep
    instead, OMP_WAIT_POLICY=PASSIVE, slowed a lone worker's model by half.)
    """
    cores = len(os.sched_getaffinity(0))
    os.environ.setdefault("OMP_NUM_THREADS", str(max(1, cores // workers)))


def log_config() -> dict[str, Any]:
    """uvicorn's logging, with the service's own INFO lines (the semantic index's progress)
    in the same format and stream."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    for name in ("kb", "api"):
        config["loggers"][name] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return config


@app.command()
def index(ctx: typer.Context) -> None:
    """Build the search indexes now (BM25, and the semantic index with a progress bar), so
    that the service starts with both ready; safe to run again (only changes are redone)."""
    settings = command_settings(ctx)
    knowledge = open_knowledge_base(settings, semantic="build")
    semantic = knowledge.semantic
    ready = f"{semantic.total} passages embedded" if semantic else "semantic stage off"
    typer.echo(f"{len(knowledge.catalogue.articles)} articles indexed; {ready}", err=True)


@contextmanager
def shared_metrics_dir(workers: int) -> Iterator[None]:
    """Where worker processes leave their Prometheus samples for /metrics to add up:
    with several workers, a fresh folder for the run (one the operator set is emptied)."""
    if workers == 1:
        yield
        return
    given = os.environ.get(MULTIPROCESS_DIR)
    folder = given or tempfile.mkdtemp(prefix="kb-metrics-")
    if given:
        # Samples of an earlier run's processes would be added to this run's.
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder, exist_ok=True)
    os.environ[MULTIPROCESS_DIR] = folder
    try:
        yield
    finally:
        if not given:
            shutil.rmtree(folder, ignore_errors=True)
