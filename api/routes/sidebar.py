"""GET /sidebar: the agents' page for helpdesk sidebars, and its static files.

The page holds no data and no key; it calls /v1/suggest and /v1/feedback with the
agent's key from the browser, so it is served to anyone, like the API's docs page.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

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


def sidebar_files() -> StaticFiles:
    """sidebar.js, start.js and sidebar.css, mounted at /sidebar/static."""
    return StaticFiles(directory=SIDEBAR_DIR)
