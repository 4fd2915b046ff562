"""What one worker builds at start and shares between requests, in one typed object.

``create_app``'s lifespan builds it and keeps it on ``app.state.service``; routes get
its parts through the dependencies of api/deps.py, never from ``app.state`` directly.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import FastAPI
from sqlalchemy import Engine

from api.known_issue_board import KnownIssueBoard
from api.spike_watch import SpikeWatch
from kb.config import Settings
from kb.knowledge_base import KnowledgeBase
from kb.store.batch_writer import BatchWriter
from kb.store.keys import RecentKeys
from kb.store.migrate import SchemaGate
from kb.suggest import Suggester


@dataclass(frozen=True)
class ServiceState:
    settings: Settings
    knowledge: KnowledgeBase
    suggester: Suggester
    engine: Engine
    schema: SchemaGate  # remembers once the database schema is current
    recent_keys: RecentKeys  # keys verified in the last seconds
    suggestion_writer: BatchWriter  # the suggestion log's one writing thread
    known_issues: KnownIssueBoard  # the open known issues, re-read every few seconds
    spike_watch: SpikeWatch | None = None  # the spike test for /metrics (None: turned off)


def service_state(app: FastAPI) -> ServiceState:
    """The app's state; only set while the app runs (inside its lifespan)."""
    state: ServiceState = app.state.service
    return state
