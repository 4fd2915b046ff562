"""Search speed: index build, memory, query latency against the rank-bm25 baseline, cold start.

For each size (default 1,000, 10,000 and 100,000 documents per language) a child
process generates article-sized documents from the bundled catalogue's words,
builds both languages' indexes through the real tokeniser, and measures build
time, peak memory, cache load time, and query latency (tokenise + score + rank)
for the dev tickets, next to plain ``get_scores`` of rank-bm25 (with our idf) on the same tokens
(whose top 10 must agree). Then it times the bundled catalogue and the cold start
of ``kb suggest`` in a new process. Writes bench/results.md and the README table.

    .venv/bin/python bench/search_speed.py [--sizes 1000 10000 100000]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from kb.config import BUNDLED_ARTICLES_DIR, BUNDLED_LOCALES_DIR
from kb.content.catalogue import load_catalogue
from kb.content.documents import Audience
from kb.search.bm25 import IndexedDocument, PositiveIdfBM25
from kb.search.index import SearchIndex
from kb.search.language_index import LanguageIndex
from kb.text.han import HAN
from kb.text.language import Language
from kb.text.tokens import Tokenizer

ROOT = Path(__file__).resolve().parent.parent
TICKETS = ROOT / "tests" / "data" / "dev_tickets.jsonl"
RESULTS = Path(__file__).resolve().parent / "results.md"
BASELINE_QUERIES = 40


def percentile(values: list[float], share: float) -> float:
    return float(np.percentile(values, share * 100))


def tickets_by_language() -> dict[Language, list[str]]:
    texts: dict[Language, list[str]] = {"en": [], "zh": []}
    for line in TICKETS.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        texts["en" if record["lang"] == "en" else "zh"].append(record["text"])
    return texts


def catalogue_words(tokenizer: Tokenizer, lang: Language) -> list[list[str]]:
    """Per field, the words (as written) of every bundled article in ``lang``."""
    catalogue = load_catalogue(BUNDLED_ARTICLES_DIR)
    fields: list[list[str]] = [[], [], [], []]
    for article in catalogue.articles.values():
        document = article.document(lang)
        if document is None:
            continue
        meta = document.meta
        for number, text in enumerate(
            (meta.title, " ".join(meta.keywords), meta.summary, document.body)
        ):
            surfaces = (token.surface for token in tokenizer.tokens(text))
            # English runbooks quote Chinese replies; keep each language's pool its own.
            fields[number].extend(
                word for word in surfaces if bool(HAN.search(word)) == (lang == "zh")
            )
    return fields


def generate_documents(
    tokenizer: Tokenizer, lang: Language, count: int, seed: int
) -> list[tuple[str, dict[str, str]]]:
    """Article-sized documents whose fields are drawn from the catalogue's own words."""
    rng = random.Random(seed)
    words = catalogue_words(tokenizer, lang)
    lengths = {"title": 8, "keywords": 15, "summary": 30, "body": 450}
    joiner = " " if lang == "en" else ""
    documents = []
    for number in range(count):
        fields = {
            name: joiner.join(rng.choices(pool, k=rng.randint(length // 2, length * 3 // 2)))
            for (name, length), pool in zip(lengths.items(), words, strict=True)
        }
        documents.append((f"{lang}-{number}", fields))
    return documents


def tokenize_documents(
    tokenizer: Tokenizer, documents: list[tuple[str, dict[str, str]]]
) -> list[IndexedDocument]:
    return [
        IndexedDocument(key, {name: tokenizer.terms(text) for name, text in fields.items()})
        for key, fields in documents
    ]


def measure_size(size: int) -> dict[str, object]:
    """Runs in a child process, so its peak memory is its own."""
    tokenizer = Tokenizer(BUNDLED_LOCALES_DIR)
    tickets = tickets_by_language()
    result: dict[str, object] = {"size": size}
    for lang in ("en", "zh"):
        documents = generate_documents(tokenizer, lang, size, seed=size)
        started = time.perf_counter()
        indexed = tokenize_documents(tokenizer, documents)
        index = LanguageIndex.build(indexed)
        build = time.perf_counter() - started
        with tempfile.TemporaryDirectory() as folder:
            index.save(Path(folder) / lang)
            started = time.perf_counter()
            LanguageIndex.load(Path(folder) / lang)
            load = time.perf_counter() - started

        queries = [tokenizer.tokens(text) for text in tickets[lang]]
        latencies = []
        for _ in range(max(1, 400 // len(queries))):
            for text in tickets[lang]:
                started = time.perf_counter()
                index.search(tokenizer.tokens(text), 10, None)
                latencies.append((time.perf_counter() - started) * 1000)

        okapi = PositiveIdfBM25([document.weighted_terms() for document in indexed], k1=3.0)
        baseline, agree = [], 0
        for text, query in zip(tickets[lang], queries, strict=True):
            if len(baseline) == BASELINE_QUERIES:
                break
            started = time.perf_counter()
            terms = [token.term for token in tokenizer.tokens(text)]
            scores = okapi.get_scores(terms)
            top = np.argsort(-scores, kind="stable")[:10]
            baseline.append((time.perf_counter() - started) * 1000)
            ours = index.bm25.scores([token.term for token in query])
            # Same top 10 up to ties: equal scores there, and no better score left out.
            same_scores = np.allclose(ours[top], scores[top], rtol=0, atol=1e-9)
            same_set = np.allclose(np.sort(ours[top]), np.sort(ours)[-10:], rtol=0, atol=1e-9)
            agree += bool(same_scores and same_set)
        result[lang] = {
            "build_s": build,
            "load_s": load,
            "p50_ms": percentile(latencies, 0.5),
            "p99_ms": percentile(latencies, 0.99),
            "baseline_p50_ms": percentile(baseline, 0.5),
            "top10_agree": f"{agree}/{len(baseline)}",
        }
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def measure_bundled() -> dict[str, dict[str, float]]:
    tokenizer = Tokenizer(BUNDLED_LOCALES_DIR)
    index = SearchIndex.open(load_catalogue(BUNDLED_ARTICLES_DIR), tokenizer, None)
    tickets = tickets_by_language()
    figures = {}
    for lang in ("en", "zh"):
        index.search(tokenizer.tokens(tickets[lang][0]), lang, 5, Audience.PUBLIC)  # jieba loaded
        latencies = []
        for _ in range(25):
            for text in tickets[lang]:
                started = time.perf_counter()
                index.search(tokenizer.tokens(text), lang, 5, Audience.PUBLIC)
                latencies.append((time.perf_counter() - started) * 1000)
        figures[lang] = {
            "p50_ms": percentile(latencies, 0.5),
            "p99_ms": percentile(latencies, 0.99),
        }
    return figures


def measure_cold_start() -> dict[str, float]:
    kb = Path(sys.executable).parent / "kb"
    tickets = {"en": "My transaction is stuck pending", "zh": "USDT转账一直pending怎么办"}
    with tempfile.TemporaryDirectory() as cache:
        env = {"KB_CACHE_DIR": cache, "PATH": str(Path(sys.executable).parent)}
        subprocess.run([str(kb), "suggest", "warm up"], env=env, capture_output=True, check=True)
        figures = {}
        for lang, text in tickets.items():
            runs = []
            for _ in range(5):
                started = time.perf_counter()
                subprocess.run([str(kb), "suggest", "--json", text], env=env, capture_output=True)
                runs.append(time.perf_counter() - started)
            figures[lang] = statistics.median(runs)
    return figures


SIZE_TARGETS = {
    10000: ("p50 ≤ 5 ms, ≥ 20× baseline", "≤ 60 s, cache load ≤ 1 s"),
    100000: ("p50 ≤ 30 ms", ""),
}


def latency_cell(figures: dict[str, float | str]) -> str:
    p50, p99, baseline = (float(figures[key]) for key in ("p50_ms", "p99_ms", "baseline_p50_ms"))
    return (
        f"{p50:.2f} / {p99:.2f} ms (baseline {baseline:.1f} ms, {baseline / p50:.0f}×, "
        f"top 10 agree {figures['top10_agree']})"
    )


def build_cell(figures: dict[str, float | str]) -> str:
    return f"{float(figures['build_s']):.1f} s / {float(figures['load_s']):.3f} s"


def table(
    sizes: list[dict[str, object]], bundled: dict[str, dict[str, float]], cold: dict[str, float]
) -> str:
    en, zh = bundled["en"], bundled["zh"]
    rows = [
        "| what | target | en | zh |",
        "| --- | --- | --- | --- |",
        f"| query p50 / p99, bundled catalogue | ≤ 1 ms / ≤ 3 ms "
        f"| {en['p50_ms']:.2f} / {en['p99_ms']:.2f} ms "
        f"| {zh['p50_ms']:.2f} / {zh['p99_ms']:.2f} ms |",
    ]
    for result in sizes:
        size = int(str(result["size"]))
        latency_target, build_target = SIZE_TARGETS.get(size, ("", ""))
        per_lang = [result["en"], result["zh"]]
        assert all(isinstance(figures, dict) for figures in per_lang)
        rows.append(
            f"| query p50 / p99 at {size:,} docs | {latency_target} | "
            + " | ".join(latency_cell(figures) for figures in per_lang)  # type: ignore[arg-type]
            + " |"
        )
        rows.append(
            f"| index build / cache load at {size:,} docs "
            f"(peak RSS {float(str(result['peak_rss_mb'])):.0f} MB) | {build_target} | "
            + " | ".join(build_cell(figures) for figures in per_lang)  # type: ignore[arg-type]
            + " |"
        )
    rows.append(
        f"| `kb suggest` cold start, new process | ≤ 1.0 s en, ≤ 1.5 s zh | "
        f"{cold['en']:.2f} s | {cold['zh']:.2f} s |"
    )
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        print(json.dumps(measure_size(options.child)))
        return

    sizes = []
    for size in options.sizes:
        print(f"measuring {size:,} documents per language ...", file=sys.stderr)
        child = subprocess.run(
            [sys.executable, __file__, "--child", str(size)],
            capture_output=True,
            text=True,
            check=True,
        )
        sizes.append(json.loads(child.stdout))
        print(json.dumps(sizes[-1]), file=sys.stderr)
    markdown = table(sizes, measure_bundled(), measure_cold_start())
    from readme_table import publish

    publish("search", "Search speed", RESULTS, markdown)


if __name__ == "__main__":
    main()
