"""Insights speed: the three reports over a simulated log in SQLite (or KB_BENCH_DATABASE_URL).

The log is the dev tickets' real suggestions repeated as a Poisson stream of about
``--per-hour`` tickets an hour over 8 days (a week of baseline and today), one in ten
of them weak; then each report is timed as the API calls it.

    .venv/bin/python bench/insights_speed.py [--per-hour 60] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

from api.routes.suggest import suggestion_row
from kb.config import BUNDLED_ARTICLES_DIR, BUNDLED_LOCALES_DIR
from kb.insights.trends import SpikeTest
from kb.knowledge_base import KnowledgeBase
from kb.store import insight_queries
from kb.store.engine import create_database_engine
from kb.store.keys import create_key
from kb.store.migrate import upgrade
from kb.store.suggestion_log import insert_suggestions
from kb.suggest import Suggester

TICKETS = Path(__file__).resolve().parent.parent / "tests" / "data" / "dev_tickets.jsonl"
UNCOVERED = ["Do you support Zorblax yet?", "你们支持Zorblax吗？", "what's the weather today"]


def simulated_log(
    knowledge: KnowledgeBase, per_hour: float, key_id: int
) -> list[dict[str, object]]:
    suggester = Suggester(knowledge)
    texts = [json.loads(line)["text"] for line in TICKETS.read_text().splitlines()]
    covered = [suggester.suggest(text, include_internal=True) for text in texts]
    weak = [suggester.suggest(text, include_internal=True) for text in UNCOVERED]
    random = np.random.default_rng(1)
    now = datetime.now(UTC)
    rows = []
    for hour in range(8 * 24):
        for _ in range(random.poisson(per_hour)):
            pool = weak if random.random() < 0.1 else covered
            row = suggestion_row(pool[random.integers(len(pool))], key_id, 1.0)
            row["created_at"] = now - timedelta(hours=hour, seconds=float(random.uniform(0, 3599)))
            rows.append(row)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-hour", type=float, default=60.0)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = os.environ.get("KB_BENCH_DATABASE_URL", f"sqlite:///{folder}/kb.sqlite3")
        engine = create_database_engine(url)
        upgrade(engine)
        knowledge = KnowledgeBase.open(
            BUNDLED_ARTICLES_DIR, BUNDLED_LOCALES_DIR, Path(folder) / "cache", "http://localhost"
        )
        rows = simulated_log(knowledge, options.per_hour, create_key(engine, "bench").id)
        with engine.begin() as connection:
            insert_suggestions(connection, rows)
        reports = {
            "trends (1 h window, 7 days)": lambda: insight_queries.trends(engine, SpikeTest()),
            "gaps (7 days)": lambda: insight_queries.gaps(
                engine, knowledge.tokenizer, knowledge.index.rarity
            ),
            "feedback (30 days)": lambda: insight_queries.feedback(engine),
        }
        print(f"| report, {len(rows):,} suggestions in the log | best of {options.repeat} |")
        print("| --- | --- |")
        for name, report in reports.items():
            times = []
            for _ in range(options.repeat):
                started = time.perf_counter()
                report()
                times.append(time.perf_counter() - started)
            print(f"| {name} | {min(times) * 1000:.0f} ms |")
        engine.dispose()


if __name__ == "__main__":
    main()
