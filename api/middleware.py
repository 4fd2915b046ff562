"""The ASGI middleware around every request: the body size limit and the request metrics.

A declared Content-Length over the limit is refused at once; a chunked body is
counted as it arrives and refused as soon as it passes the limit.
"""

from __future__ import annotations

import time

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_response
from api.metrics import ERRORS, REQUEST_SECONDS


class BodyTooLarge(HTTPException):
    """An HTTPException, so that FastAPI, reading the body, passes it on rather than a 400."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, too_large_message(max_bytes))


def too_large_message(max_bytes: int) -> str:
    return f"the request body is over the {max_bytes // 1024} KB limit"


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self.refuse(scope, receive, send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        # The app's handler turns BodyTooLarge into the 413 error shape.
        await self.app(scope, counting_receive, send)

    async def refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = error_response(413, too_large_message(self.max_bytes))
        await response(scope, receive, send)


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
