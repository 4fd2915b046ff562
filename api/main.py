"""Application factory: ``create_app(settings)`` builds the service.

``uvicorn api.main:app`` works too: ``app`` is built on first access, so
importing this module builds nothing. Run ``kb db upgrade`` first in that case;
``kb serve`` does it for you.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from sqlalchemy.exc import OperationalError

from api.body_limit import BodyLimit
from api.errors import install_error_handlers
from api.known_issue_board import KnownIssueBoard
from api.metrics import RequestMetrics
from api.routes import articles, escalations, health, insights, known_issues, sidebar, suggest
from kb.batch_writer import BatchWriter
from kb.catalogue import load_catalogue
from kb.config import Settings
from kb.database import create_database_engine
from kb.keys import RecentKeys
from kb.migrate import SchemaBehind, SchemaGate
from kb.suggest import Suggester
from kb.suggestion_log import insert_suggestions

logger = logging.getLogger(__name__)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the API; the index is loaded and the database checked when the app starts."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        catalogue = load_catalogue(settings.articles_dir)
        app.state.suggester = Suggester.open(
            catalogue, settings.locales_dir, settings.cache_dir, settings.site_url
        )
        app.state.suggester.warm_up()
        app.state.known_issues = KnownIssueBoard(app.state.suggester.tokenizer)
        app.state.engine = create_database_engine(settings.database_url)
        app.state.recent_keys = RecentKeys()
        app.state.suggestion_writer = BatchWriter(app.state.engine, insert_suggestions)
        app.state.schema = SchemaGate()
        try:
            app.state.schema.require(app.state.engine)
        except (OperationalError, SchemaBehind) as error:
            # Serve anyway: /readyz says why, and it recovers once the database is ready.
            logger.warning("database not ready at start: %s", error)
        # The index and jieba's dictionary are millions of long-lived objects; a full
        # garbage collection walking them stalled requests for up to a second.
        gc.freeze()
        # A request allocates tens of thousands of short-lived objects; collecting the
        # young generation every 700 allocations cost about 7% of each request.
        gc.set_threshold(50_000, 20, 20)
        yield
        app.state.suggestion_writer.stop()
        app.state.engine.dispose()

    app = FastAPI(
        title="Support knowledge base",
        summary="Suggested articles and reply drafts for wallet support, in English and Chinese.",
        version="0.2.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
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


def __getattr__(name: str) -> FastAPI:
    if name == "app":
        return create_app()
    raise AttributeError(name)
