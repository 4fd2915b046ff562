"""POST /v1/escalations/draft: a ticket and the agent's notes -> an English note for engineering."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import AgentKey, KnowledgeDep, SuggesterDep
from api.errors import documented_errors
from api.schemas.escalations import EscalationRequest, EscalationResponse
from kb.escalation.draft import draft_escalation

router = APIRouter(prefix="/v1", tags=["agents"])


@router.post(
    "/escalations/draft",
    response_model=EscalationResponse,
    responses=documented_errors(400, 401, 413, 422, 503),
)
async def draft_escalation_note(
    request: EscalationRequest, key_id: AgentKey, suggester: SuggesterDep, knowledge: KnowledgeDep
) -> EscalationResponse:
    """Draft an escalation in English, in the escalation policy's template.

    The ticket may be in English or Chinese; severity (SEV1..SEV4) and the suspected
    layer come from rules over what the ticket and the notes say, each reason naming
    the signals it used. Secrets are removed from both before anything else. Nothing
    is stored: paste `text` into the engineering tracker and fill the `[to fill]` slots.
    """
    draft = draft_escalation(
        suggester,
        knowledge.catalogue,
        knowledge.messages,
        request.text,
        request.notes,
        request.lang,
    )
    return EscalationResponse.model_validate(draft)
