"""GET /sidebar: the agents' page for helpdesk sidebars, and its static files.

The page holds no data and no key; it calls /v1/suggest and /v1/feedback with the
agent's key from the browser, so it is served to anyone, like the API's docs page.
"""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.responses import Response
from starlette.types import Scope

SIDEBAR_DIR = Path(__file__).resolve().parent.parent / "sidebar"
# Scripts, styles and calls only from this service; any helpdesk may frame the page.
# The key travels in the Authorization header, never in a cookie, so framing it
# cannot act on an agent's behalf.
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; connect-src 'self'; img-src 'self' data:; "
        "base-uri 'none'; form-action 'none'; frame-ancestors *"
    ),
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}

router = APIRouter(include_in_schema=False)


@router.get("/sidebar")
def sidebar_page() -> FileResponse:
    return FileResponse(SIDEBAR_DIR / "index.html", headers=PAGE_HEADERS)


class PublicFiles(StaticFiles):
    """Static files that a page of any origin may load.

    Module scripts are fetched in CORS mode, and the Zendesk app imports main.js from
    its own origin. The files are public and no request for them carries credentials, so
    ``Access-Control-Allow-Origin: *`` is safe here. Only this mount sends it; the API's
    routes keep to the configured cors_origins.
    """

    def file_response(
        self,
        full_path: str | os.PathLike[str],
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers["Access-Control-Allow-Origin"] = "*"
        return response


def sidebar_files() -> StaticFiles:
    """The sidebar's ES modules (start.js, main.js, ...) and styles, at /sidebar/static."""
    return PublicFiles(directory=SIDEBAR_DIR)
