"""What routes share: the suggester, the database, and who is calling.

Database work runs in the thread pool (``database_call``) so that a slow or
lost database never blocks the event loop, and /healthz keeps answering.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Future
from typing import Annotated, TypeVar

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from api.known_issue_board import KnownIssueBoard
from kb.batch_writer import BatchWriter
from kb.database import WAIT_SECONDS, transaction
from kb.keys import RecentKeys, authenticate
from kb.known_issues import IssueMatcher
from kb.suggest import Suggester

T = TypeVar("T")

bearer = HTTPBearer(
    auto_error=False,
    scheme_name="AgentKey",
    description="An agent key made with `kb keys create NAME`.",
)
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


# A database that accepts connections but never answers (frozen, or a pooler holding
# queries) is not caught by connect or statement timeouts; the request gives up here.
DEADLINE_SECONDS = 2 * WAIT_SECONDS


async def database_call(function: Callable[..., T], *args: object) -> T:
    """``function(*args)`` in a worker thread; TimeoutError (a 503) after the deadline."""
    async with asyncio.timeout(DEADLINE_SECONDS):
        return await run_in_threadpool(function, *args)


async def committed(done: Future[None]) -> None:
    """Wait for the batch writer to commit a row, up to the same deadline."""
    async with asyncio.timeout(DEADLINE_SECONDS):
        await asyncio.wrap_future(done)


async def get_suggester(request: Request) -> Suggester:
    suggester: Suggester = request.app.state.suggester
    return suggester


async def get_engine(request: Request) -> Engine:
    """The database, once its schema is current (else 503 saying how to fix it)."""
    engine: Engine = request.app.state.engine
    if not request.app.state.schema.current:
        await database_call(request.app.state.schema.require, engine)
    return engine


SuggesterDep = Annotated[Suggester, Depends(get_suggester)]
EngineDep = Annotated[Engine, Depends(get_engine)]


async def get_writer(request: Request, engine: EngineDep) -> BatchWriter:
    """The suggestion log's writer (asking for the engine first checks the schema)."""
    writer: BatchWriter = request.app.state.suggestion_writer
    return writer


WriterDep = Annotated[BatchWriter, Depends(get_writer)]


async def get_board(request: Request) -> KnownIssueBoard:
    board: KnownIssueBoard = request.app.state.known_issues
    return board


BoardDep = Annotated[KnownIssueBoard, Depends(get_board)]


async def get_open_issues(board: BoardDep, engine: EngineDep) -> IssueMatcher:
    """The open known issues, re-read from the database only when the board is stale."""
    matcher = board.current()
    if matcher is None:
        matcher = await database_call(board.refresh, engine)
    return matcher


OpenIssuesDep = Annotated[IssueMatcher, Depends(get_open_issues)]


async def agent_key(credentials: Credentials, request: Request) -> int:
    """The calling agent's key id; 401 without a valid key."""
    if credentials is None:
        raise HTTPException(401, "an agent key is required: Authorization: Bearer <key>")
    token = credentials.credentials
    recent: RecentKeys = request.app.state.recent_keys
    key_id = recent.get(token)
    if key_id is None:
        engine = await get_engine(request)
        key_id = await database_call(check_key, engine, token)
        if key_id is None:
            raise HTTPException(401, "the agent key is not valid or has been revoked")
        recent.put(token, key_id)
    return key_id


async def optional_agent_key(credentials: Credentials, request: Request) -> int | None:
    """The key id when a key is sent (401 if it is wrong); None for anonymous callers."""
    return None if credentials is None else await agent_key(credentials, request)


def check_key(engine: Engine, token: str) -> int | None:
    with transaction(engine) as session:
        return authenticate(session, token)


AgentKey = Annotated[int, Depends(agent_key)]
OptionalAgentKey = Annotated[int | None, Depends(optional_agent_key)]
