"""The one error shape every API error has, checked the same way by every test."""

from __future__ import annotations

from httpx2 import Response

from api.schemas.errors import ErrorResponse


def assert_error(response: Response, status: int, code: str) -> dict[str, object]:
    """The response is the one error shape, exactly: {"error": {code, message, details}}."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "details"}
    ErrorResponse.model_validate(body)
    assert body["error"]["code"] == code and body["error"]["message"]
    error: dict[str, object] = body["error"]
    return error
