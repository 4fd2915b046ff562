"""One JSON shape for every error: ``{"error": {"code", "message", "details"}}``.

Validation errors never echo the input back: FastAPI's default 422 repeats the
whole body, which turned a 600 KB ticket into a 1.8 MB error and would copy any
secret in it into the caller's logs.

The library's errors map to statuses here and only here, by the base class they
derive from (kb/errors.py draws the tree): routes raise or let through ``KBError``s
and never write a status of their own for them.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.schemas.errors import ErrorBody, ErrorDetail, ErrorResponse
from kb.content.placeholders import PLACEHOLDERS, SERVICE_PLACEHOLDERS
from kb.errors import InvalidInput, KBError, Misconfigured, NotFound, Unavailable
from kb.suggest import MAX_TEXT_LENGTH

logger = logging.getLogger(__name__)

STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    500: "internal",
    503: "unavailable",
}
# Each base of the library's error tree, and the status every error under it answers.
LIBRARY_ERROR_STATUS: dict[type[KBError], int] = {
    InvalidInput: 422,
    NotFound: 404,
    Unavailable: 503,
    Misconfigured: 500,
}
MISCONFIGURED = "the service is misconfigured; the details are in its log"
# pydantic's names for an empty or over-long value; its words for them ("at least 1 item")
# read oddly for a ticket.
EMPTY = frozenset({"string_too_short", "too_short", "string_pattern_mismatch", "missing"})
TOO_LONG = frozenset({"string_too_long", "too_long"})
DATABASE_UNAVAILABLE = "the database is unavailable; try again in a few seconds"


def error_response(
    status: int,
    message: str,
    details: Sequence[ErrorDetail] = (),
    code: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    body = ErrorResponse(
        error=ErrorBody(
            code=code or STATUS_CODES.get(status, "error"), message=message, details=list(details)
        )
    )
    headers = dict(headers or {})
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


def validation_details(errors: Sequence[Any]) -> list[ErrorDetail]:
    """Where and what, in words, from pydantic's errors, leaving out the input they carry."""
    details = []
    for error in errors:
        location = [str(part) for part in error.get("loc", ())]
        details.append(ErrorDetail(field=".".join(location), message=explain(error, location)))
    return details


def explain(error: dict[str, Any], location: list[str]) -> str:
    kind = error.get("type", "")
    if kind == "extra_forbidden":
        if len(location) >= 2 and location[-2] == "context":
            allowed = sorted(set(PLACEHOLDERS) - SERVICE_PLACEHOLDERS)
            return f"unknown placeholder; use one of: {', '.join(allowed)}"
        return "unknown field"
    if location[-1:] == ["text"] and kind in EMPTY:
        return "text is empty; paste the ticket's text"
    if location[-1:] == ["text"] and kind in TOO_LONG:
        return f"text is too long; the limit is {MAX_TEXT_LENGTH} characters"
    if kind == "json_invalid":
        return "the body is not valid JSON"
    return str(error.get("msg", "invalid value"))


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, error: RequestValidationError) -> JSONResponse:
        return error_response(422, "the request is not valid", validation_details(error.errors()))

    for base in LIBRARY_ERROR_STATUS:
        # Starlette finds a handler by walking the raised error's class hierarchy.
        app.add_exception_handler(base, library_error)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        # Its headers too: a 405 must say which methods are allowed (Allow).
        headers = error.headers
        if error.status_code == 405:
            headers = {**(headers or {}), "Allow": allowed_methods(app, request.url.path)}
        return error_response(error.status_code, str(error.detail), headers=headers)

    @app.exception_handler(OperationalError)
    @app.exception_handler(PoolTimeout)
    @app.exception_handler(TimeoutError)
    async def database_down(_request: Request, error: Exception) -> JSONResponse:
        logger.warning("database unavailable: %s", type(error).__name__)
        return error_response(503, DATABASE_UNAVAILABLE)

    @app.exception_handler(Exception)
    async def unexpected(_request: Request, error: Exception) -> JSONResponse:
        logger.exception("unexpected error")
        return error_response(500, "internal error; it has been logged", code="internal")


async def library_error(_request: Request, error: Exception) -> JSONResponse:
    """A KBError as the status of its base; a misconfiguration's details stay in the log."""
    status = next(
        status for base, status in LIBRARY_ERROR_STATUS.items() if isinstance(error, base)
    )
    if status == 500:
        logger.error("misconfigured: %s", error)
        return error_response(500, MISCONFIGURED, code="misconfigured")
    return error_response(status, str(error))


def allowed_methods(app: FastAPI, path: str) -> str:
    """Every method some route serves at ``path``: Starlette's 405 names only the first
    route's, which is wrong where GET and POST are separate routes (/v1/known-issues)."""
    methods = {
        method
        for route in app.routes
        if isinstance(route, APIRoute) and route.path_regex.match(path)
        for method in route.methods or ()
    }
    return ", ".join(sorted(methods))


ERROR_MEANINGS = {
    400: "The body cannot be read as JSON text (it is not UTF-8).",
    401: "No agent key, or one that is not valid.",
    404: "Not found (runbooks are not found without an agent key).",
    413: "The request body is over the size limit.",
    422: "The request is not valid; `details` says where and why.",
    503: "The database is unavailable or its schema is not current.",
}


def documented_errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI ``responses`` entry for these error statuses, all in the one error shape."""
    return {
        status: {"model": ErrorResponse, "description": ERROR_MEANINGS[status]}
        for status in statuses
    }
