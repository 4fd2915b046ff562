"""/v1/insights/*: trends and spikes, content gaps, and agents' ratings, from the log."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import AgentKey, EngineDep, KnowledgeDep, database_call
from api.errors import documented_errors
from api.schemas.insights import FeedbackOut, GapsOut, TrendsOut
from kb.insights.gaps import WEAK_CONFIDENCE
from kb.insights.trends import SpikeTest
from kb.store import insight_queries

router = APIRouter(prefix="/v1/insights", tags=["insights"])
ERRORS = documented_errors(401, 422, 503)


@router.get("/trends", response_model=TrendsOut, responses=ERRORS)
async def trends(
    _key_id: AgentKey,
    engine: EngineDep,
    window_minutes: Annotated[
        int, Query(ge=1, le=24 * 60, description="The recent window, in minutes.")
    ] = 60,
    days: Annotated[int, Query(ge=1, le=28, description="Baseline days.")] = 7,
    alpha: Annotated[float, Query(gt=0, lt=1, description="Before Bonferroni.")] = 0.01,
    min_count: Annotated[int, Query(ge=1, description="Fewest tickets for a spike.")] = 5,
    min_ratio: Annotated[float, Query(ge=1, description="Least recent/expected.")] = 2.0,
) -> TrendsOut:
    """Tickets per top article and language, and the spikes of the recent window.

    A spike is an article whose count in the window is improbable under a Poisson
    model of the same window on the previous days (p < alpha / series tested),
    at least `min_count` tickets, and at least `min_ratio` times the expected count.
    """
    test = SpikeTest(timedelta(minutes=window_minutes), days, alpha, min_count, min_ratio)
    report = await database_call(insight_queries.trends, engine, test)
    return TrendsOut.model_validate(report)


@router.get("/gaps", response_model=GapsOut, responses=ERRORS)
async def gaps(
    _key_id: AgentKey,
    engine: EngineDep,
    knowledge: KnowledgeDep,
    days: Annotated[int, Query(ge=1, le=insight_queries.MAX_DAYS)] = 7,
    below: Annotated[float, Query(gt=0, le=1)] = WEAK_CONFIDENCE,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> GapsOut:
    """Tickets no article answered well, grouped by the words they share, largest first."""
    found = await database_call(
        insight_queries.gaps,
        engine,
        knowledge.tokenizer,
        knowledge.index.rarity,
        days,
        below,
        limit,
    )
    return GapsOut.of(days, below, found)


@router.get("/feedback", response_model=FeedbackOut, responses=ERRORS)
async def feedback(
    _key_id: AgentKey,
    engine: EngineDep,
    days: Annotated[int, Query(ge=1, le=insight_queries.MAX_DAYS)] = 30,
) -> FeedbackOut:
    """Per article and language: suggested, ranked first, used, helpful, not helpful."""
    report = await database_call(insight_queries.feedback, engine, days)
    return FeedbackOut.of(days, report)
