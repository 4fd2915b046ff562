"""`kb serve --workers 4` under 32 concurrent clients: no errors, and every call logged once.

Each backend gets 2,000 mixed calls over real HTTP: three suggestions to one
feedback, English and Chinese tickets, each feedback a new (suggestion, article,
rating) triple. Then the database must hold exactly one row per call, so a
lost, doubled or failed write under concurrency cannot pass unnoticed.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx2 as httpx
import pytest
from sqlalchemy import func, select, table

from kb.store.engine import create_database_engine
from tests.support.databases import database_url
from tests.support.paths import REPO
from tests.support.servers import Server, kb_server

TICKETS = REPO / "tests" / "data" / "dev_tickets.jsonl"
REQUESTS = 2000
CLIENTS = 32
RATINGS = ("helpful", "not_helpful", "used")


@dataclass
class Load:
    """What was sent, and every answer that was not the expected one."""

    suggestions: int = 0
    feedback: list[tuple[str, str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def database(backend: str, tmp_path: Path) -> Iterator[str]:
    with database_url(backend, tmp_path) as url:
        yield url


@pytest.fixture
def server(database: str, tmp_path: Path) -> Iterator[Server]:
    with kb_server(database, workers=4, log=tmp_path / "server.log") as running:
        yield running


def ticket_texts() -> list[str]:
    """The dev tickets, English and Chinese interleaved, so both are in flight at once."""
    records = [json.loads(line) for line in TICKETS.read_text(encoding="utf-8").splitlines()]
    english = [record["text"] for record in records if record["lang"] == "en"]
    chinese = [record["text"] for record in records if record["lang"] != "en"]
    return [text for pair in zip(english, chinese, strict=False) for text in pair]


async def send_load(server: Server, token: str) -> Load:
    load = Load()
    # Every fourth call is feedback; it takes a triple from an answer already received.
    kinds = iter(["feedback" if number % 4 == 3 else "suggest" for number in range(REQUESTS)])
    texts = itertools.cycle(ticket_texts())
    ratings = itertools.cycle(RATINGS)
    triples: asyncio.Queue[tuple[str, str, str]] = asyncio.Queue()

    async def suggest(client: httpx.AsyncClient) -> None:
        load.suggestions += 1
        response = await client.post("/v1/suggest", json={"text": next(texts), "limit": 3})
        if response.status_code != 200:
            load.errors.append(f"suggest {response.status_code}: {response.text[:200]}")
            return
        answer = response.json()
        for article in answer["articles"]:
            # One triple per article of this answer: all distinct, as ids are unique.
            triples.put_nowait((answer["suggestion_id"], article["id"], next(ratings)))

    async def feedback(client: httpx.AsyncClient) -> None:
        # Bounded, so failing suggestions end the test instead of leaving it waiting.
        triple = await asyncio.wait_for(triples.get(), timeout=30)
        load.feedback.append(triple)
        suggestion_id, article_id, rating = triple
        body = {"suggestion_id": suggestion_id, "article_id": article_id, "rating": rating}
        response = await client.post("/v1/feedback", json=body)
        if response.status_code != 201:
            load.errors.append(f"feedback {response.status_code}: {response.text[:200]}")

    async def client_loop(client: httpx.AsyncClient) -> None:
        for kind in kinds:  # one shared iterator: the clients split the calls between them
            try:
                await (suggest if kind == "suggest" else feedback)(client)
            except httpx.HTTPError as error:
                load.errors.append(f"{kind}: {type(error).__name__}: {error}")

    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    async with httpx.AsyncClient(
        base_url=server.url,
        headers={"Authorization": f"Bearer {token}"},
        limits=limits,
        timeout=30,
    ) as client:
        await asyncio.gather(*(client_loop(client) for _ in range(CLIENTS)))
    return load


def count_rows(url: str, name: str) -> int:
    engine = create_database_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(table(name))).scalar_one()
    finally:
        engine.dispose()


def test_concurrent_suggest_and_feedback_all_succeed_and_each_is_stored_once(
    server: Server, database: str, tmp_path: Path
) -> None:
    load = asyncio.run(send_load(server, server.create_key("load-test")))

    log = (tmp_path / "server.log").read_text(errors="replace")[-3000:]
    assert load.errors == [], f"{len(load.errors)} errors; server log:\n{log}"
    assert load.suggestions + len(load.feedback) == REQUESTS
    assert len(set(load.feedback)) == len(load.feedback)
    assert count_rows(database, "suggestions") == load.suggestions
    assert count_rows(database, "feedback") == len(load.feedback)
