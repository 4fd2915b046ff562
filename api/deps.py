"""What routes share: the suggester, the database, and who is calling.

Database work runs in the thread pool (``run_in_threadpool``) so that a slow or
lost database never blocks the event loop, and /healthz keeps answering.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from api.errors import ApiError
from kb.batch_writer import BatchWriter
from kb.database import transaction
from kb.keys import RecentKeys, authenticate
from kb.suggest import Suggester

bearer = HTTPBearer(
    auto_error=False,
    scheme_name="AgentKey",
    description="An agent key made with `kb keys create NAME`.",
)
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


async def get_suggester(request: Request) -> Suggester:
    suggester: Suggester = request.app.state.suggester
    return suggester


async def get_engine(request: Request) -> Engine:
    """The database, once its schema is current (else 503 saying how to fix it)."""
    engine: Engine = request.app.state.engine
    if not request.app.state.schema.current:
        await run_in_threadpool(request.app.state.schema.require, engine)
    return engine


SuggesterDep = Annotated[Suggester, Depends(get_suggester)]
EngineDep = Annotated[Engine, Depends(get_engine)]


async def get_writer(request: Request, engine: EngineDep) -> BatchWriter:
    """The suggestion log's writer (asking for the engine first checks the schema)."""
    writer: BatchWriter = request.app.state.suggestion_writer
    return writer


WriterDep = Annotated[BatchWriter, Depends(get_writer)]


async def agent_key(credentials: Credentials, request: Request) -> int:
    """The calling agent's key id; 401 without a valid key."""
    if credentials is None:
        raise ApiError(401, "an agent key is required: Authorization: Bearer <key>")
    token = credentials.credentials
    recent: RecentKeys = request.app.state.recent_keys
    key_id = recent.get(token)
    if key_id is None:
        engine = await get_engine(request)
        key_id = await run_in_threadpool(check_key, engine, token)
        if key_id is None:
            raise ApiError(401, "the agent key is not valid or has been revoked")
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
