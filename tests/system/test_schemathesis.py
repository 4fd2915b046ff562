"""The API keeps to its own OpenAPI schema, on SQLite and PostgreSQL.

schemathesis reads /openapi.json and sends every operation, in-process, requests
built from it: the documented examples, boundary values, random valid data and
random invalid data, with an agent key. All its checks run on every answer: no
5xx, only documented status codes, content types and headers, bodies that match
their schema, invalid data refused, valid data accepted, auth not ignored, 405s
that list the allowed methods. A failure is a bug in the service or a schema that
does not say what the service does; fix whichever is wrong, not this test.
"""

from __future__ import annotations

import hypothesis
import pytest
import schemathesis
from sqlalchemy import Engine, delete

from api.examples import FEEDBACK_REQUESTS
from api.main import create_app
from kb.config import Settings
from kb.store.engine import transaction
from kb.store.keys import authenticate
from kb.store.tables import FeedbackRecord, SuggestionRecord

# Enough to reach past the examples and boundaries into random data; the file runs
# in well under a minute. The seed makes a failure repeatable.
EXAMPLES_PER_OPERATION = 30
SEED = 20_261_124
OPERATIONS = {
    "GET /healthz",
    "GET /readyz",
    "GET /metrics",
    "POST /v1/suggest",
    "POST /v1/feedback",
    "GET /v1/articles",
    "GET /v1/articles/{slug}",
    "GET /v1/search",
    "POST /v1/escalations/draft",
    "POST /v1/known-issues",
    "GET /v1/known-issues",
    "GET /v1/known-issues/{issue_id}",
    "POST /v1/known-issues/{issue_id}/close",
    "GET /v1/insights/trends",
    "GET /v1/insights/gaps",
    "GET /v1/insights/feedback",
}


@pytest.fixture
def api_schema(
    engine: Engine, agent_token: str, request: pytest.FixtureRequest
) -> schemathesis.BaseSchema:
    # schemathesis 4.32's from_fixture reads and rewrites Node._nodeid, which pytest 9.2
    # no longer has; give it the attribute (it only renames the test in reports).
    request.node._nodeid = request.node.nodeid
    store_example_suggestion(engine, agent_token)
    app = create_app(Settings(database_url=engine.url.render_as_string(hide_password=False)))
    config = schemathesis.Config.from_dict(
        {
            "seed": SEED,
            "headers": {"Authorization": f"Bearer {agent_token}"},
            "generation": {
                "max-examples": EXAMPLES_PER_OPERATION,
                "deterministic": True,
                "database": "none",  # no .hypothesis/ folder: every run starts the same
            },
            "operations": [
                {
                    # Whether a term has searchable words or a reply template is safe is
                    # beyond JSON Schema; such drafts are refused with 422 (documented).
                    "include-path": "/v1/known-issues",
                    "include-method": "POST",
                    "checks": {
                        "positive_data_acceptance": {
                            "expected-statuses": ["2xx", "401", "404", "422"]
                        }
                    },
                }
            ],
        }
    )
    # Loading through the app starts its lifespan (index, engine, batch writer);
    # schemathesis's pytest plugin ends it as the test ends, before the database goes.
    return schemathesis.openapi.from_asgi("/openapi.json", app, config=config)


def store_example_suggestion(engine: Engine, token: str) -> None:
    """Log the suggestion the documented feedback examples rate, so that they reach
    the 201 and 200 answers (random suggestion ids never exist: always a 404)."""
    with transaction(engine) as session:
        key_id = authenticate(session, token)
        assert key_id is not None
        example = FEEDBACK_REQUESTS["used"]["value"]
        session.add(
            SuggestionRecord(
                id=example["suggestion_id"],
                key_id=key_id,
                language="en",
                text="",
                articles=[],
                redacted=[],
                latency_ms=0.0,
            )
        )


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
def test_every_operation_keeps_to_the_schema(case: schemathesis.Case) -> None:
    case.call_and_validate()


def test_chained_calls_keep_to_the_schema(
    api_schema: schemathesis.BaseSchema, engine: Engine
) -> None:
    """Calls fed by earlier answers: articles a search or a suggestion named, fetched and rated."""

    class Scenario(api_schema.as_state_machine()):
        def setup(self) -> None:
            # Hypothesis replays scenarios and needs each to meet the same database: a
            # rating stored by an earlier one would turn the next 201 into a 200.
            with transaction(engine) as session:
                session.execute(delete(FeedbackRecord))

    # schemathesis's own defaults for state machines, but bounded and repeatable.
    Scenario.run(
        settings=hypothesis.settings(
            max_examples=EXAMPLES_PER_OPERATION,
            stateful_step_count=6,
            derandomize=True,
            database=None,
            deadline=None,
            phases=[hypothesis.Phase.generate],
            suppress_health_check=list(hypothesis.HealthCheck),
        )
    )


def test_every_operation_is_tested(api_schema: schemathesis.BaseSchema) -> None:
    """schemathesis tests what the schema lists; a route left out of it would go untested."""
    labels = {result.ok().label for result in api_schema.get_all_operations()}
    assert labels == OPERATIONS
