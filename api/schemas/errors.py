"""The one error shape of every error this API returns (see api/errors.py)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class ErrorDetail(BaseModel):
    field: str = Field(description="Where the problem is, e.g. body.limit; empty when general.")
    message: str


class ErrorBody(BaseModel):
    code: str = Field(description="Stable, machine-readable: invalid_request, unauthorized, ...")
    message: str
    details: list[ErrorDetail] = Field(default_factory=list)


class ErrorResponse(BaseModel):
    """The one shape of every error this API returns."""

    error: ErrorBody
