"""What routes share, as ``Annotated`` dependencies: the service's parts, the database,
who is calling, and the article a path names.

Database work runs in the thread pool (``database_call``) so that a slow or
lost database never blocks the event loop, and /healthz keeps answering; so does a
ranking that runs the semantic stage's model (``ranking_call``).
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
from api.state import ServiceState, service_state
from kb.content.catalogue import Article, Catalogue
from kb.knowledge_base import KnowledgeBase
from kb.known_issues import IssueMatcher
from kb.store.batch_writer import BatchWriter
from kb.store.engine import WAIT_SECONDS, transaction
from kb.store.keys import authenticate
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


async def ranking_call(suggester: Suggester, ranking: Callable[[], T]) -> T:
    """``ranking()``: in a worker thread when it runs the semantic stage's model (tens of
    milliseconds), so the event loop keeps answering meanwhile; inline for BM25 alone
    (about a millisecond, less than a thread handoff, which cut throughput by two thirds)."""
    if suggester.runs_model:
        return await run_in_threadpool(ranking)
    return ranking()


async def committed(done: Future[None]) -> None:
    """Wait for the batch writer to commit a row, up to the same deadline."""
    async with asyncio.timeout(DEADLINE_SECONDS):
        await asyncio.wrap_future(done)


async def get_state(request: Request) -> ServiceState:
    return service_state(request.app)


StateDep = Annotated[ServiceState, Depends(get_state)]


async def get_knowledge(state: StateDep) -> KnowledgeBase:
    return state.knowledge


async def get_catalogue(state: StateDep) -> Catalogue:
    return state.knowledge.catalogue


async def get_suggester(state: StateDep) -> Suggester:
    return state.suggester


KnowledgeDep = Annotated[KnowledgeBase, Depends(get_knowledge)]
CatalogueDep = Annotated[Catalogue, Depends(get_catalogue)]
SuggesterDep = Annotated[Suggester, Depends(get_suggester)]


async def require_current_schema(state: StateDep) -> None:
    """Nothing, once the database schema is current; else a 503 saying how to fix it."""
    if not state.schema.current:
        await database_call(state.schema.require, state.engine)


CurrentSchema = Annotated[None, Depends(require_current_schema)]


async def get_engine(state: StateDep, _schema: CurrentSchema) -> Engine:
    """The database, once its schema is current."""
    return state.engine


async def get_writer(state: StateDep, _schema: CurrentSchema) -> BatchWriter:
    """The suggestion log's writer, once the schema is current."""
    return state.suggestion_writer


async def get_board(state: StateDep) -> KnownIssueBoard:
    return state.known_issues


EngineDep = Annotated[Engine, Depends(get_engine)]
WriterDep = Annotated[BatchWriter, Depends(get_writer)]
BoardDep = Annotated[KnownIssueBoard, Depends(get_board)]


async def get_open_issues(board: BoardDep, engine: EngineDep) -> IssueMatcher:
    """The open known issues, re-read from the database only when the board is stale."""
    matcher = board.current()
    if matcher is None:
        matcher = await database_call(board.refresh, engine)
    return matcher


OpenIssuesDep = Annotated[IssueMatcher, Depends(get_open_issues)]


async def agent_key(credentials: Credentials, state: StateDep) -> int:
    """The calling agent's key id; 401 without a valid key."""
    if credentials is None:
        raise HTTPException(401, "an agent key is required: Authorization: Bearer <key>")
    token = credentials.credentials
    key_id = state.recent_keys.get(token)
    if key_id is None:
        await require_current_schema(state)
        key_id = await database_call(check_key, state.engine, token)
        if key_id is None:
            raise HTTPException(401, "the agent key is not valid or has been revoked")
        state.recent_keys.put(token, key_id)
    return key_id


async def optional_agent_key(credentials: Credentials, state: StateDep) -> int | None:
    """The key id when a key is sent (401 if it is wrong); None for anonymous callers."""
    return None if credentials is None else await agent_key(credentials, state)


def check_key(engine: Engine, token: str) -> int | None:
    with transaction(engine) as session:
        return authenticate(session, token)


AgentKey = Annotated[int, Depends(agent_key)]
OptionalAgentKey = Annotated[int | None, Depends(optional_agent_key)]


async def visible_article(slug: str, key_id: OptionalAgentKey, catalogue: CatalogueDep) -> Article:
    """The article the path names; a runbook without an agent key is not found, the same
    as a missing article, so that callers cannot learn which runbooks exist."""
    return catalogue.article(slug, include_internal=key_id is not None)


ArticleDep = Annotated[Article, Depends(visible_article)]
