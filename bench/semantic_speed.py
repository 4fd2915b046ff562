"""The semantic stage's costs: suggest latency in-process (hybrid and BM25 alone), the
first build of the bundled catalogue's semantic index, a cached start, and a worker's
memory with the model loaded. Writes bench/semantic_results.md and the README table.

Typical tickets are the held-out ones (the realistic ones long, misspelt, e-mailed) and
the dev tickets, each once through ``Suggester.suggest`` as the API calls it (agent view,
5 of each list, replies drafted), after the service's own warm-up. The build and the
cached start run in fresh processes.

    .venv/bin/python bench/semantic_speed.py [--skip-build]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
TICKET_FILES = [
    ROOT / "tests" / "data" / "realistic_heldout_tickets.jsonl",
    ROOT / "tests" / "data" / "heldout_tickets.jsonl",
    ROOT / "tests" / "data" / "dev_tickets.jsonl",
]
RESULTS = Path(__file__).resolve().parent / "semantic_results.md"
# Each ticket once, as a service meets them: repeating one would find its words' field
# lookups cached (kb/search/language_index.py) and flatter BM25.
ROUNDS = 1

# Run in a child process: open the knowledge base (semantic stage from ``cache``), report
# how long that took, then (optionally) the suggest latencies and the process's memory.
CHILD = """
import json, sys, time
from pathlib import Path
started = time.perf_counter()
from kb.config import BUNDLED_ARTICLES_DIR, BUNDLED_LOCALES_DIR
from kb.knowledge_base import KnowledgeBase
from kb.search.embedding import E5Embedder
from kb.suggest import Suggester
cache, semantic = Path(sys.argv[1]), sys.argv[2] == "on"
tickets, rounds = json.loads(sys.argv[3]), int(sys.argv[4])
embedder = E5Embedder() if semantic else None
knowledge = KnowledgeBase.open(
    BUNDLED_ARTICLES_DIR, BUNDLED_LOCALES_DIR, cache, "https://help.example", embedder
)
semantic_s = 0.0
if semantic:
    begin = time.perf_counter()
    assert knowledge.semantic.load_cached(), "semantic cache incomplete"
    knowledge.semantic.embedder.query("warm up")  # loads the model
    semantic_s = time.perf_counter() - begin
suggester = Suggester(knowledge)
suggester.warm_up()
opened = time.perf_counter() - started
timings = []
for _ in range(rounds):
    for text in tickets:
        begin = time.perf_counter()
        answer = suggester.suggest(text, include_internal=True)
        timings.append((time.perf_counter() - begin) * 1000)
        assert answer.ranking == ("hybrid" if semantic else "bm25")
rss = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmRSS:"))
print(json.dumps({"opened_s": opened, "semantic_s": semantic_s, "timings_ms": timings,
                  "rss_mb": rss / 1024}))
"""


def tickets() -> list[str]:
    return [
        json.loads(line)["text"]
        for path in TICKET_FILES
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def run_child(cache: Path, semantic: bool, texts: list[str], rounds: int) -> dict[str, object]:
    arguments = [str(cache), "on" if semantic else "off", json.dumps(texts), str(rounds)]
    result = subprocess.run(
        [sys.executable, "-c", CHILD, *arguments], capture_output=True, text=True, cwd=ROOT
    )
    if result.returncode != 0:
        sys.exit(f"the measuring process failed:\n{result.stderr[-3000:]}")
    answer: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return answer


def first_build(cache: Path) -> tuple[float, int]:
    """``kb index`` into an empty cache: seconds and passages."""
    started = time.perf_counter()
    built = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "kb"), "--semantic", "index"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={"KB_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin", "COLUMNS": "100"},
    )
    seconds = time.perf_counter() - started
    passages = int(built.stderr.split("; ")[-1].split()[0])
    return seconds, passages


def percentiles(timings: list[float]) -> tuple[float, float]:
    p50, p99 = np.percentile(timings, [50, 99])
    return float(p50), float(p99)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--skip-build", action="store_true", help="use .cache/kb instead of a first build"
    )
    options = parser.parse_args()
    texts = tickets()
    with tempfile.TemporaryDirectory() as temp:
        cache = ROOT / ".cache" / "kb" if options.skip_build else Path(temp)
        build = None if options.skip_build else first_build(cache)
        hybrid = run_child(cache, True, texts, ROUNDS)
        bm25 = run_child(cache, False, texts, ROUNDS)
    rows = [
        "| what | target | measured |",
        "| --- | --- | --- |",
    ]
    h50, h99 = percentiles(hybrid["timings_ms"])  # type: ignore[arg-type]
    b50, b99 = percentiles(bm25["timings_ms"])  # type: ignore[arg-type]
    count = len(texts)
    rows.append(
        f"| suggest in-process, hybrid, {count} typical tickets (p50 / p99) "
        f"| ≤ 25 ms / ≤ 80 ms | {h50:.1f} / {h99:.1f} ms |"
    )
    rows.append(
        f"| suggest in-process, BM25 alone, same tickets (p50 / p99) | ≤ 1 ms p50 "
        f"| {b50:.2f} / {b99:.2f} ms |"
    )
    if build is not None:
        seconds, passages = build
        rows.append(
            f"| first start: semantic index of the bundled catalogue ({passages} passages, "
            f"`kb index`, with a progress bar) | ≤ 120 s | {seconds:.0f} s |"
        )
    rows.append(
        f"| cached start: semantic vectors loaded and the model ready | ≤ 2 s "
        f"| {hybrid['semantic_s']:.2f} s (the whole process, imports, BM25, jieba and "
        f"replies included: {hybrid['opened_s']:.2f} s; BM25 alone {bm25['opened_s']:.2f} s) |"
    )
    rows.append(
        f"| memory of a worker with the model (RSS) | ≤ 400 MB | {hybrid['rss_mb']:.0f} MB "
        f"(BM25 alone {bm25['rss_mb']:.0f} MB) |"
    )
    markdown = "\n".join(rows)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from readme_table import publish

    publish("semantic", "Semantic stage", RESULTS, markdown)
    print(f"hybrid mean {statistics.mean(hybrid['timings_ms']):.1f} ms", file=sys.stderr)  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
