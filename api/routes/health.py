"""Liveness, readiness and metrics: for load balancers, orchestrators and Prometheus."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.datastructures import State

from api.deps import database_call
from api.known_issue_board import KnownIssueBoard
from api.metrics import exposition
from api.schemas import Status
from kb.database import ping
from kb.migrate import SchemaBehind

logger = logging.getLogger(__name__)

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Status)
def healthz() -> Status:
    """The process is alive and answering."""
    return Status(status="ok")


@router.get(
    "/readyz",
    response_model=Status,
    responses={503: {"model": Status, "description": "Not ready; `detail` says why."}},
)
async def readyz(request: Request) -> Response | Status:
    """Ready for traffic: the index is loaded, the database answers, its schema is current."""
    state = request.app.state
    detail: dict[str, object] = {"articles": len(state.suggester.catalogue.articles)}
    try:
        await database_call(ping, state.engine)
        await database_call(state.schema.require, state.engine)
    except (OperationalError, PoolTimeout, TimeoutError):
        return not_ready(detail, "the database does not answer")
    except SchemaBehind as error:
        return not_ready(detail, str(error))
    return Status(status="ready", detail=detail)


def not_ready(detail: dict[str, object], reason: str) -> Response:
    body = Status(status="unavailable", detail={**detail, "reason": reason})
    return JSONResponse(body.model_dump(), status_code=503)


@router.get("/metrics", response_class=Response, responses={200: {"content": {"text/plain": {}}}})
def metrics(request: Request) -> Response:
    """Prometheus metrics, summed over all worker processes."""
    count_open_issues(request.app.state)
    content, media_type = exposition()
    return Response(content, media_type=media_type)


def count_open_issues(state: State) -> None:
    """Bring kb_known_issues_open up to date unless it is recent; a scrape still
    answers, with the last reading, when the database does not."""
    board: KnownIssueBoard = state.known_issues
    if board.current() is not None or not state.schema.current:
        return
    try:
        board.refresh(state.engine)
    except (OperationalError, PoolTimeout) as error:
        logger.warning("open known issues not counted: %s", type(error).__name__)
