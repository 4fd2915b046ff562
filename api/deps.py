"""What routes share: the suggester, the database, and who is calling."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine

from api.errors import ApiError
from kb.database import transaction
from kb.keys import authenticate
from kb.suggest import Suggester

bearer = HTTPBearer(
    auto_error=False,
    scheme_name="AgentKey",
    description="An agent key made with `kb keys create NAME`.",
)
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def get_suggester(request: Request) -> Suggester:
    suggester: Suggester = request.app.state.suggester
    return suggester


def get_engine(request: Request) -> Engine:
    """The database, once its schema is current (else 503 saying how to fix it)."""
    engine: Engine = request.app.state.engine
    request.app.state.schema.require(engine)
    return engine


SuggesterDep = Annotated[Suggester, Depends(get_suggester)]
EngineDep = Annotated[Engine, Depends(get_engine)]


def agent_key(credentials: Credentials, engine: EngineDep) -> int:
    """The calling agent's key id; 401 without a valid key."""
    if credentials is None:
        raise ApiError(401, "an agent key is required: Authorization: Bearer <key>")
    with transaction(engine) as session:
        key_id = authenticate(session, credentials.credentials)
    if key_id is None:
        raise ApiError(401, "the agent key is not valid or has been revoked")
    return key_id


def optional_agent_key(credentials: Credentials, request: Request) -> int | None:
    """The key id when a key is sent (401 if it is wrong); None for anonymous callers."""
    if credentials is None:
        return None
    return agent_key(credentials, get_engine(request))


AgentKey = Annotated[int, Depends(agent_key)]
OptionalAgentKey = Annotated[int | None, Depends(optional_agent_key)]
