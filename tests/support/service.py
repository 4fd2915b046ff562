"""The API on one database with an agent key, as the ``service`` fixture hands it out."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from api.state import ServiceState, service_state


@dataclass(frozen=True)
class Service:
    """The API on one database, with an agent key; shared by a module's tests."""

    client: TestClient
    engine: Engine
    token: str

    @property
    def agent(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def suggest(self, text: str, **fields: object) -> dict[str, object]:
        """POST /v1/suggest as the agent; the answer's JSON, which must be a 200."""
        response = self.client.post(
            "/v1/suggest", json={"text": text, **fields}, headers=self.agent
        )
        assert response.status_code == 200, response.text
        answer: dict[str, object] = response.json()
        return answer

    @property
    def state(self) -> ServiceState:
        """What the running app holds (its board of known issues, its keys' cache...)."""
        return service_state(self.client.app)  # type: ignore[arg-type]
