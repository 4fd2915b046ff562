"""Liveness, readiness and metrics: for load balancers, orchestrators and Prometheus."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from api.deps import StateDep, database_call
from api.metrics import READY, exposition
from api.schemas.health import Status
from api.state import ServiceState
from kb.errors import SchemaBehind
from kb.search.semantic_stage import SemanticStage
from kb.store.engine import ping

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
async def readyz(state: StateDep) -> Response | Status:
    """Ready for traffic: the index is loaded, the database answers, its schema is current.

    `detail.semantic` says how far the semantic index is: while it is `building`,
    suggestions use BM25 alone and the service is ready all the same.
    """
    detail: dict[str, object] = {
        "articles": len(state.knowledge.catalogue.articles),
        "semantic": semantic_detail(state.knowledge.semantic),
    }
    try:
        await database_call(check_database, state)
    except (OperationalError, PoolTimeout, TimeoutError):
        return not_ready(detail, "the database does not answer")
    except SchemaBehind as error:
        return not_ready(detail, str(error))
    return Status(status="ready", detail=detail)


def check_database(state: ServiceState) -> None:
    """The database answers and its schema is current: OperationalError or PoolTimeout
    when it does not answer, SchemaBehind when it needs `kb db upgrade`."""
    ping(state.engine)
    state.schema.require(state.engine)


def semantic_detail(semantic: SemanticStage | None) -> dict[str, object]:
    if semantic is None:
        return {"state": "off"}
    return {"state": semantic.state, "passages": semantic.total, "embedded": semantic.done}


def not_ready(detail: dict[str, object], reason: str) -> Response:
    body = Status(status="unavailable", detail={**detail, "reason": reason})
    return JSONResponse(body.model_dump(), status_code=503)


@router.get("/metrics", response_class=Response, responses={200: {"content": {"text/plain": {}}}})
def metrics(state: StateDep) -> Response:
    """Prometheus metrics, summed over all worker processes."""
    count_open_issues(state)
    record_readiness(state)
    content, media_type = exposition()
    return Response(content, media_type=media_type)


def record_readiness(state: ServiceState) -> None:
    """kb_ready for the database and the semantic index, as /readyz would judge them now."""
    try:
        check_database(state)
        READY.labels("database").set(1)
    except (OperationalError, PoolTimeout, SchemaBehind):
        READY.labels("database").set(0)
    if state.knowledge.semantic is not None:
        READY.labels("semantic_index").set(1 if state.knowledge.semantic.ready else 0)


def count_open_issues(state: ServiceState) -> None:
    """Bring kb_known_issues_open up to date unless it is recent; a scrape still
    answers, with the last reading, when the database does not."""
    board = state.known_issues
    if board.current() is not None or not state.schema.current:
        return
    try:
        board.refresh(state.engine)
    except (OperationalError, PoolTimeout) as error:
        logger.warning("open known issues not counted: %s", type(error).__name__)
