"""/v1/known-issues: incident mode. While an issue is open, matching tickets get its reply first."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from api.deps import AgentKey, BoardDep, EngineDep, KnowledgeDep, database_call
from api.errors import documented_errors
from api.schemas.known_issues import KnownIssueList, KnownIssueOut, KnownIssueRequest
from kb.known_issues import check_issue_draft
from kb.store.keys import key_name
from kb.store.known_issues import (
    close_known_issue,
    known_issue_report,
    known_issue_reports,
    open_known_issue,
)

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
    knowledge: KnowledgeDep,
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
    issue = check_issue_draft(request.draft(), knowledge.tokenizer, knowledge.messages)
    opened_by = await database_call(key_name, engine, key_id)
    report = await database_call(open_known_issue, engine, issue, opened_by)
    board.drop()
    return KnownIssueOut.model_validate(report)


@router.get("", response_model=KnownIssueList, responses=documented_errors(401, 422, 503))
async def list_issues(
    _key_id: AgentKey,
    engine: EngineDep,
    state: Literal["open", "closed", "all"] = Query("open"),
) -> KnownIssueList:
    """Known issues, newest first, each with how many tickets got its reply."""
    reports = await database_call(known_issue_reports, engine, state)
    return KnownIssueList(known_issues=reports)


@router.get(
    "/{issue_id}", response_model=KnownIssueOut, responses=documented_errors(401, 404, 422, 503)
)
async def get_issue(issue_id: IssueId, _key_id: AgentKey, engine: EngineDep) -> KnownIssueOut:
    return KnownIssueOut.model_validate(await database_call(known_issue_report, engine, issue_id))


@router.post(
    "/{issue_id}/close",
    response_model=KnownIssueOut,
    responses=documented_errors(401, 404, 422, 503),
)
async def close_issue(
    issue_id: IssueId, _key_id: AgentKey, engine: EngineDep, board: BoardDep
) -> KnownIssueOut:
    """Close an issue: tickets get the normal suggestions again. Closing twice is harmless."""
    report = await database_call(close_known_issue, engine, issue_id)
    board.drop()
    return KnownIssueOut.model_validate(report)
