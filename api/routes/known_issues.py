"""/v1/known-issues: incident mode. While an issue is open, matching tickets get its reply first."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Path, Query
from sqlalchemy import Engine

from api.deps import AgentKey, BoardDep, EngineDep, SuggesterDep, database_call
from api.errors import documented_errors
from api.known_issue_schemas import KnownIssueList, KnownIssueOut, KnownIssueRequest
from kb.database import transaction
from kb.known_issue_store import (
    KnownIssueReport,
    close_known_issue,
    known_issue_report,
    known_issue_reports,
    open_known_issue,
)
from kb.known_issues import KnownIssueNotFound
from kb.tables import ApiKey

router = APIRouter(prefix="/v1/known-issues", tags=["known issues"])
# Ids are stored as 32-bit integers; a larger one cannot exist (and PostgreSQL refuses it).
IssueId = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.post(
    "",
    response_model=KnownIssueOut,
    status_code=201,
    responses=documented_errors(400, 401, 413, 422, 503),
)
async def open_issue(
    request: KnownIssueRequest,
    key_id: AgentKey,
    suggester: SuggesterDep,
    engine: EngineDep,
    board: BoardDep,
) -> KnownIssueOut:
    """Open a known issue: from now on, tickets that match it get its reply first.

    A ticket matches when it holds every word of one of `terms`, or most of the
    words of one of `examples` (matched on search terms, so in either script).
    A 422 also answers what no schema can check: a term with no searchable words
    (only stop words or numbers), no term and no example, or a reply template
    that breaks the sandbox's rules. Its message lists every problem.
    """
    opened_by = await database_call(key_name, engine, key_id)
    report = await database_call(
        open_known_issue,
        engine,
        request.draft(),
        opened_by,
        suggester.tokenizer,
        suggester.phrases,
    )
    board.drop()
    return issue_out(report)


@router.get("", response_model=KnownIssueList, responses=documented_errors(401, 422, 503))
async def list_issues(
    _key_id: AgentKey,
    engine: EngineDep,
    state: Literal["open", "closed", "all"] = Query("open"),
) -> KnownIssueList:
    """Known issues, newest first, each with how many tickets got its reply."""
    reports = await database_call(known_issue_reports, engine, state)
    return KnownIssueList(known_issues=[issue_out(report) for report in reports])


@router.get(
    "/{issue_id}", response_model=KnownIssueOut, responses=documented_errors(401, 404, 422, 503)
)
async def get_issue(issue_id: IssueId, _key_id: AgentKey, engine: EngineDep) -> KnownIssueOut:
    return issue_out(await found(known_issue_report, engine, issue_id))


@router.post(
    "/{issue_id}/close",
    response_model=KnownIssueOut,
    responses=documented_errors(401, 404, 422, 503),
)
async def close_issue(
    issue_id: IssueId, _key_id: AgentKey, engine: EngineDep, board: BoardDep
) -> KnownIssueOut:
    """Close an issue: tickets get the normal suggestions again. Closing twice is harmless."""
    report = await found(close_known_issue, engine, issue_id)
    board.drop()
    return issue_out(report)


async def found(action: object, engine: Engine, issue_id: int) -> KnownIssueReport:
    try:
        return await database_call(action, engine, issue_id)  # type: ignore[arg-type]
    except KnownIssueNotFound as error:
        raise HTTPException(404, str(error)) from None


def key_name(engine: Engine, key_id: int) -> str:
    with transaction(engine) as session:
        key = session.get(ApiKey, key_id)
        return key.name if key else f"key {key_id}"


def issue_out(report: KnownIssueReport) -> KnownIssueOut:
    return KnownIssueOut.model_validate(report.as_dict())
