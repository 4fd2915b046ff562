"""POST /v1/suggest and POST /v1/feedback: the agents' endpoints, each call logged."""

from __future__ import annotations

import time
import uuid
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Body, Response
from sqlalchemy import Engine

from api.deps import (
    AgentKey,
    CatalogueDep,
    EngineDep,
    OpenIssuesDep,
    SuggesterDep,
    WriterDep,
    committed,
    database_call,
    ranking_call,
)
from api.errors import documented_errors
from api.examples import FEEDBACK_REQUESTS, SUGGEST_REQUESTS, SUGGEST_RESPONSE
from api.metrics import REDACTIONS, SUGGESTIONS
from api.schemas.suggest import (
    FeedbackRequest,
    FeedbackResponse,
    SuggestRequest,
    SuggestResponse,
)
from kb.store.engine import transaction
from kb.store.suggestion_log import FeedbackOutcome, record_feedback
from kb.store.tables import now
from kb.suggestions import Suggestions

router = APIRouter(prefix="/v1", tags=["agents"])


@router.post(
    "/suggest",
    response_model=SuggestResponse,
    responses={
        200: {"content": {"application/json": {"example": SUGGEST_RESPONSE}}},
        **documented_errors(400, 401, 413, 422, 503),
    },
)
async def suggest(
    ticket: Annotated[SuggestRequest, Body(openapi_examples=SUGGEST_REQUESTS)],
    key_id: AgentKey,
    suggester: SuggesterDep,
    writer: WriterDep,
    open_issues: OpenIssuesDep,
) -> Response:
    """Rank articles and runbooks for a ticket and draft a reply for each FAQ among them.

    Recovery phrases, private keys and card numbers are removed before anything
    else; `redacted` names their kinds. The ticket is logged only as redacted.
    When the ticket matches an open known issue, `known_issue` names it and its
    reply comes first in `replies`. A `subject` weighs most in the ranking; quoted
    earlier messages and signatures in `text` do not count. `ranking` says whether the
    semantic stage took part (`hybrid`) or BM25 answered alone (`bm25`, while the
    semantic index is built or with it switched off).
    """
    started = time.perf_counter()
    answer_ticket = partial(
        suggester.suggest,
        ticket.text,
        ticket.lang,
        ticket.limit,
        include_internal=True,
        context=ticket.context.values(),
        known_issues=open_issues,
        subject=ticket.subject,
    )
    suggestions = await ranking_call(suggester, answer_ticket)
    latency_ms = (time.perf_counter() - started) * 1000
    row = suggestion_row(suggestions, key_id, latency_ms)
    await committed(writer.submit(row))
    SUGGESTIONS.labels(suggestions.language).inc()
    for kind in suggestions.redacted:
        REDACTIONS.labels(kind).inc()
    answer = SuggestResponse.of(row["id"], suggestions)
    # Already validated: a Response skips FastAPI's second validation of the same data.
    return Response(answer.model_dump_json(), media_type="application/json")


@router.post(
    "/feedback",
    response_model=FeedbackResponse,
    status_code=201,
    responses={
        200: {"model": FeedbackResponse, "description": "This rating was already stored."},
        **documented_errors(400, 401, 404, 413, 422, 503),
    },
)
async def feedback(
    rating: Annotated[FeedbackRequest, Body(openapi_examples=FEEDBACK_REQUESTS)],
    key_id: AgentKey,
    catalogue: CatalogueDep,
    engine: EngineDep,
    response: Response,
) -> FeedbackResponse:
    """Rate one article of a suggestion: helpful, not_helpful, or used (its reply was sent).

    Sending the same rating again changes nothing and answers 200 instead of 201.
    """
    catalogue.article(rating.article_id)  # 404 for an article that does not exist
    outcome = await database_call(log_feedback, engine, rating, key_id)
    record = outcome.record
    if not outcome.created:
        response.status_code = 200
    assert record.id is not None  # stored, so numbered
    return FeedbackResponse(
        id=record.id,
        suggestion_id=record.suggestion_id,
        article_id=record.article_id,
        rating=rating.rating,
        created=outcome.created,
    )


def log_feedback(engine: Engine, rating: FeedbackRequest, key_id: int) -> FeedbackOutcome:
    with transaction(engine) as session:
        return record_feedback(
            session, rating.suggestion_id, rating.article_id, rating.rating, key_id
        )


def suggestion_row(suggestions: Suggestions, key_id: int, latency_ms: float) -> dict[str, Any]:
    """One answered ticket as a row of the log; its ``id`` is what feedback refers to.

    The ticket goes in only as ``stored_text``: secrets removed, contacts masked.
    """
    top = suggestions.articles[0] if suggestions.articles else None
    issue = suggestions.known_issue
    return {
        "id": uuid.uuid4().hex,
        "created_at": now(),
        "key_id": key_id,
        "language": suggestions.language,
        "text": suggestions.stored_text,
        "articles": [
            {"id": found.id, "score": found.score, "confidence": found.confidence}
            for found in suggestions.articles
        ],
        "redacted": list(suggestions.redacted),
        "latency_ms": round(latency_ms, 3),
        "top_article": top.id if top else None,
        "best_confidence": max((found.confidence for found in suggestions.articles), default=None),
        "known_issue_id": issue.id if issue else None,
    }
