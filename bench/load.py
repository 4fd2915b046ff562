"""Load: requests/s and latency of `kb serve` under wrk, on SQLite and on PostgreSQL.

For each database (SQLite in a temp dir, a fresh PostgreSQL database on
127.0.0.1:5432 dropped at the end) and each worker count, it starts
``kb serve --workers N`` on 127.0.0.1 with BM25 alone, makes an agent key, waits for
/readyz, then runs wrk at 1, 16 and 64 connections against GET /healthz (the ceiling:
no search, no database) and POST /v1/suggest (4 English and 4 Chinese dev
tickets in turn). Then the hybrid ranking (the semantic index built first with
``kb index``) on SQLite with 2 workers, at 1 and 16 connections, with /healthz
sampled meanwhile (the model runs off the event loop, so it must stay fast). Each cell
is a 1 s warm-up and a 5 s measurement. Writes bench/load_results.md and the README
table; --quick (1 s cells, 2 workers, 16 connections) only prints.

    .venv/bin/python bench/load.py [--quick]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx2 as httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.databases import postgres_database  # noqa: E402  (needs ROOT on the path)
from tests.support.servers import kb_server  # noqa: E402

TICKETS = ROOT / "tests" / "data" / "dev_tickets.jsonl"
RESULTS = Path(__file__).resolve().parent / "load_results.md"
# Fixed, so runs compare: 4 English then 4 Chinese tickets, of different topics and lengths.
TICKET_IDS = ("d006", "d011", "d022", "d031", "d046", "d050", "d063", "d068")
ENDPOINTS = {"healthz": "GET /healthz", "suggest": "POST /v1/suggest"}
TARGET = {"workers": 2, "connections": 16, "requests_per_s": 600, "p99_ms": 30}
TARGET_TEXT = "≥ 600 suggestions/s, p99 ≤ 30 ms, zero errors at 2 workers, 16 connections"
HYBRID_TARGET = {"workers": 2, "connections": 16, "requests_per_s": 60, "p99_ms": 250}
HYBRID_TARGET_TEXT = (
    "hybrid: ≥ 60 suggestions/s, p99 ≤ 250 ms, zero errors at 2 workers, 16 connections"
)
RANKING_SETTINGS = {"bm25": {"KB_SEMANTIC": "off"}, "hybrid": {"KB_SEMANTIC": "on"}}

# wrk calls done() once, after the run, with the totals of all its threads.
DONE_LUA = """
done = function(summary, latency, requests)
  local errors = summary.errors
  local socket = errors.connect + errors.read + errors.write + errors.timeout
  io.write(string.format("KB-RESULT %d %d %d %d %d %d\\n", summary.requests,
    summary.duration, errors.status, socket, latency:percentile(50), latency:percentile(99)))
end
"""

# The requests are built in init(), once wrk has set the Host header they need;
# the path is the one in wrk's URL.
SUGGEST_LUA = """
local bodies = {%s}
local requests = {}
local counter = 0

init = function(args)
  local headers = {["Content-Type"] = "application/json", ["Authorization"] = %s}
  for number, body in ipairs(bodies) do
    requests[number] = wrk.format("POST", nil, headers, body)
  end
end

request = function()
  counter = counter + 1
  return requests[counter %% #requests + 1]
end
"""


Figures = tuple[float, float, float, int]


@dataclass(frozen=True)
class Cell:
    ranking: str
    database: str
    workers: int
    connections: int
    endpoint: str
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    errors: int

    def meets_target(self) -> bool:
        target = HYBRID_TARGET if self.ranking == "hybrid" else TARGET
        return (
            self.requests_per_s >= target["requests_per_s"]
            and self.p99_ms <= target["p99_ms"]
            and self.errors == 0
        )


def lua_string(text: str) -> str:
    """A Lua long-bracket literal: the bytes as they are, no escapes to get wrong."""
    level = 0
    while f"]{'=' * level}]" in text:
        level += 1
    return f"[{'=' * level}[{text}]{'=' * level}]"


def suggest_bodies() -> list[str]:
    records = {
        record["id"]: record
        for record in map(json.loads, TICKETS.read_text(encoding="utf-8").splitlines())
    }
    return [
        json.dumps({"text": records[ticket]["text"]}, ensure_ascii=False) for ticket in TICKET_IDS
    ]


def write_scripts(folder: Path, token: str) -> dict[str, Path]:
    """The wrk script for each endpoint; both report through done()."""
    bodies = ", ".join(lua_string(body) for body in suggest_bodies())
    suggest = SUGGEST_LUA % (bodies, lua_string(f"Bearer {token}"))
    scripts = {"healthz": folder / "healthz.lua", "suggest": folder / "suggest.lua"}
    scripts["healthz"].write_text(DONE_LUA, encoding="utf-8")
    scripts["suggest"].write_text(suggest + DONE_LUA, encoding="utf-8")
    return scripts


def run_wrk(url: str, script: Path, connections: int, seconds: int) -> list[int]:
    """requests, duration µs, non-2xx, socket errors, p50 µs, p99 µs."""
    # One wrk thread: on a small machine a second one would take a core from the server.
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    result = subprocess.run(
        [*command, "-s", str(script), url], capture_output=True, text=True, check=True
    )
    for line in result.stdout.splitlines():
        if line.startswith("KB-RESULT "):
            return [int(number) for number in line.split()[1:]]
    raise RuntimeError(f"wrk printed no result line:\n{result.stdout}{result.stderr}")


def measure(url: str, script: Path, connections: int, seconds: int) -> Figures:
    """Requests/s, p50 ms, p99 ms, and errors (non-2xx answers and socket errors)."""
    run_wrk(url, script, connections, 1)  # warm-up: connections, caches, the pool
    requests, duration, status, sockets, p50, p99 = run_wrk(url, script, connections, seconds)
    return requests / (duration / 1e6), p50 / 1000, p99 / 1000, status + sockets


@contextmanager
def database(kind: str, folder: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'kb.sqlite3'}"
        return
    with postgres_database() as url:
        yield url


def measure_server(
    kind: str,
    url: str,
    workers: int,
    connections: list[int],
    seconds: int,
    folder: Path,
    ranking: str = "bm25",
) -> list[Cell]:
    cells = []
    settings = RANKING_SETTINGS[ranking]
    with kb_server(url, workers, folder / "server.log", settings) as running:
        server = running.url
        ready = httpx.get(f"{server}/readyz").json()["detail"]["semantic"]["state"]
        assert ready == ("ready" if ranking == "hybrid" else "off"), ready
        scripts = write_scripts(folder, running.create_key(f"bench-load-{workers}"))
        for count in connections:
            for endpoint, script in scripts.items():
                print(
                    f"{ranking}, {kind}, {workers} workers, {count} connections, {endpoint}",
                    file=sys.stderr,
                )
                path = ENDPOINTS[endpoint].split()[1]
                if ranking == "hybrid" and endpoint == "suggest":
                    with sampling(f"{server}/healthz") as healthz:
                        figures = measure(server + path, script, count, seconds)
                    print(f"healthz meanwhile: {healthz.summary()}", file=sys.stderr)
                    HEALTHZ_UNDER_LOAD[count] = healthz.summary()
                else:
                    figures = measure(server + path, script, count, seconds)
                cells.append(Cell(ranking, kind, workers, count, endpoint, *figures))
    return cells


# /healthz latency while hybrid suggestions run, per connection count.
HEALTHZ_UNDER_LOAD: dict[int, str] = {}


class HealthSampler:
    """GET /healthz every 50 ms in a thread, keeping each answer's time."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.times_ms: list[float] = []
        self.stop = threading.Event()

    def run(self) -> None:
        with httpx.Client(timeout=10) as client:
            while not self.stop.wait(0.05):
                started = time.perf_counter()
                client.get(self.url).raise_for_status()
                self.times_ms.append((time.perf_counter() - started) * 1000)

    def summary(self) -> str:
        times = sorted(self.times_ms)
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
        return f"p50 {statistics.median(times):.1f} ms, max {times[-1]:.1f} ms, p99 {p99:.1f} ms"


@contextmanager
def sampling(url: str) -> Iterator[HealthSampler]:
    sampler = HealthSampler(url)
    thread = threading.Thread(target=sampler.run, daemon=True)
    thread.start()
    try:
        yield sampler
    finally:
        sampler.stop.set()
        thread.join()


def measure_all(workers: list[int], connections: list[int], seconds: int) -> list[Cell]:
    cells = []
    for kind in ("sqlite", "postgresql"):
        with tempfile.TemporaryDirectory() as temp, database(kind, Path(temp)) as url:
            for count in workers:
                cells += measure_server(kind, url, count, connections, seconds, Path(temp))
    return cells


def measure_hybrid(connections: list[int], seconds: int) -> list[Cell]:
    """2 workers on SQLite with the semantic stage, its index built (``kb index``) first."""
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "kb"), "--semantic", "index"], check=True, cwd=ROOT
    )
    with tempfile.TemporaryDirectory() as temp, database("sqlite", Path(temp)) as url:
        return measure_server("sqlite", url, 2, connections, seconds, Path(temp), "hybrid")


def table(cells: list[Cell]) -> str:
    ceilings = {
        (cell.ranking, cell.database, cell.workers, cell.connections): cell.requests_per_s
        for cell in cells
        if cell.endpoint == "healthz"
    }
    rows = [
        f"Targets: BM25 alone, {TARGET_TEXT}, SQLite and PostgreSQL; {HYBRID_TARGET_TEXT}.",
        "",
        "| ranking | database | workers | connections | endpoint | requests/s | p50 ms "
        "| p99 ms | errors | of healthz | target |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for cell in cells:
        ratio, target = "", ""
        if cell.endpoint == "suggest":
            ceiling = ceilings[(cell.ranking, cell.database, cell.workers, cell.connections)]
            ratio = f"{cell.requests_per_s / ceiling:.0%}"
            if (cell.workers, cell.connections) == (TARGET["workers"], TARGET["connections"]):
                target = "pass" if cell.meets_target() else "**fail**"
        rows.append(
            f"| {cell.ranking} | {cell.database} | {cell.workers} | {cell.connections} "
            f"| {ENDPOINTS[cell.endpoint]} "
            f"| {cell.requests_per_s:,.0f} | {cell.p50_ms:.1f} | {cell.p99_ms:.1f} "
            f"| {cell.errors} | {ratio} | {target} |"
        )
    rows += [
        "",
        *(
            f"/healthz while hybrid suggestions run at {count} connections: {summary}."
            for count, summary in sorted(HEALTHZ_UNDER_LOAD.items())
        ),
    ]
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="1 s cells, 2 workers, 16 connections; only print"
    )
    options = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("install wrk: apt-get install wrk")

    if options.quick:
        # Too short to publish: the figures only show that every part works.
        print(table(measure_all([2], [16], seconds=1) + measure_hybrid([16], seconds=1)))
        return
    markdown = table(measure_all([1, 2], [1, 16, 64], seconds=5) + measure_hybrid([1, 16], 5))
    from readme_table import publish

    publish("load", "Load", RESULTS, markdown)


if __name__ == "__main__":
    main()
