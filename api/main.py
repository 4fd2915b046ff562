"""Application factory: ``create_app(settings)`` builds the service.

``uvicorn api.main:app`` works too: ``app`` is built on first access (once), so
importing this module builds nothing. Run ``kb db upgrade`` first in that case;
``kb serve`` does it for you.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import cache

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from sqlalchemy.exc import OperationalError

from api.errors import install_error_handlers
from api.known_issue_board import KnownIssueBoard
from api.metrics import KNOWN_ISSUES_OPEN
from api.middleware import BodyLimit, RequestMetrics
from api.routes import articles, escalations, health, insights, known_issues, sidebar, suggest
from api.spike_watch import SpikeWatch
from api.state import ServiceState
from kb.config import Settings, load_settings
from kb.errors import SchemaBehind
from kb.knowledge_base import KnowledgeBase
from kb.search.embedding import E5Embedder
from kb.store.batch_writer import BatchWriter
from kb.store.engine import create_database_engine
from kb.store.keys import RecentKeys
from kb.store.migrate import SchemaGate
from kb.store.suggestion_log import insert_suggestions
from kb.suggest import Suggester

logger = logging.getLogger(__name__)


def start_service(settings: Settings) -> ServiceState:
    """Load the articles and the index, warm them up, and connect to the database.

    The semantic index is loaded from its cache when complete; otherwise it is built in
    the background and suggestions use BM25 alone until it is ready (/readyz says so).
    """
    embedder = E5Embedder() if settings.semantic else None
    knowledge = KnowledgeBase.open(
        settings.articles_dir, settings.locales_dir, settings.cache_dir, settings.site_url, embedder
    )
    if knowledge.semantic is not None and not knowledge.semantic.load_cached():
        knowledge.semantic.start()
    suggester = Suggester(knowledge)
    suggester.warm_up()
    engine = create_database_engine(settings.database_url)
    state = ServiceState(
        settings=settings,
        knowledge=knowledge,
        suggester=suggester,
        engine=engine,
        schema=SchemaGate(),
        recent_keys=RecentKeys(),
        suggestion_writer=BatchWriter(engine, insert_suggestions),
        known_issues=KnownIssueBoard(knowledge.tokenizer, on_refresh=KNOWN_ISSUES_OPEN.set),
        spike_watch=SpikeWatch(
            engine, settings.cache_dir / "spike-watch.lock", settings.spike_refresh_seconds
        )
        if settings.spike_refresh_seconds > 0
        else None,
    )
    try:
        state.schema.require(engine)
    except (OperationalError, SchemaBehind) as error:
        # Serve anyway: /readyz says why, and it recovers once the database is ready.
        logger.warning("database not ready at start: %s", error)
    return state


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the API; the index is loaded and the database checked when the app starts."""
    settings = settings or load_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state = app.state.service = start_service(settings)
        # The index and jieba's dictionary are millions of long-lived objects; a full
        # garbage collection walking them stalled requests for up to a second.
        gc.freeze()
        # A request allocates tens of thousands of short-lived objects; collecting the
        # young generation every 700 allocations cost about 7% of each request.
        gc.set_threshold(50_000, 20, 20)
        if state.spike_watch is not None:
            state.spike_watch.start()
        yield
        if state.spike_watch is not None:
            state.spike_watch.stop()
        state.suggestion_writer.stop()
        state.engine.dispose()

    app = FastAPI(
        title="Support knowledge base",
        summary="Suggested articles and reply drafts for wallet support, in English and Chinese.",
        version="0.2.0",
        lifespan=lifespan,
    )
    install_error_handlers(app)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        # Keys travel in the Authorization header, never in cookies, so credentialed
        # CORS is never needed (with "*" Starlette would reflect any origin).
        allow_credentials=False,
        allow_methods=["GET", "POST"],
        allow_headers=["Authorization", "Content-Type"],
    )
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(RequestMetrics)
    for module in (health, suggest, known_issues, escalations, insights, articles, sidebar):
        app.include_router(module.router)
    app.mount("/sidebar/static", sidebar.sidebar_files(), name="sidebar-static")
    return app


@cache
def default_app() -> FastAPI:
    """The app of this process's settings, for ``uvicorn api.main:app``."""
    return create_app()


def __getattr__(name: str) -> FastAPI:
    if name == "app":
        return default_app()
    raise AttributeError(name)
