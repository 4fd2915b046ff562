"""Application factory: ``create_app(settings)`` builds the service.

``uvicorn api.main:app`` works too: ``app`` is built on first access, so
importing this module builds nothing.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api.routes import health
from kb.catalogue import load_catalogue
from kb.config import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the API; the article catalogue is loaded when the app starts."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.catalogue = load_catalogue(settings.articles_dir)
        yield

    app = FastAPI(
        title="Support knowledge base",
        summary="Suggested articles and reply drafts for wallet support, in English and Chinese.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.include_router(health.router)
    return app


def __getattr__(name: str) -> FastAPI:
    if name == "app":
        return create_app()
    raise AttributeError(name)
