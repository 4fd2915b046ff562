"""Liveness: answers as long as the process serves requests."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz() -> dict[str, str]:
    """The process is alive. Readiness (index loaded, database reachable) comes with /readyz."""
    return {"status": "ok"}
