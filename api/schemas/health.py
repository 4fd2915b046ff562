"""Bodies of /healthz and /readyz."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Status(BaseModel):
    status: str
    detail: dict[str, Any] = Field(default_factory=dict)
