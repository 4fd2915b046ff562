"""How long `kb lint` takes on a large generated tree (goal: 1,000 pairs in under 5 s).

Generates N article pairs (default 1,000) from the bundled transaction-pending pair,
each linking its neighbours, with correct translation hashes, then times the whole
`kb lint` command (process start included) and the loader alone.

    .venv/bin/python bench/lint_speed.py [--pairs 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kb.articles import read_document
from kb.catalogue import load_catalogue
from kb.config import BUNDLED_ARTICLES_DIR
from kb.translation import content_hash, write_translated_from

SOURCE_SLUG = "transaction-pending"


def generate_tree(root: Path, pairs: int) -> None:
    section = root / "faq"
    section.mkdir(parents=True)
    english = (BUNDLED_ARTICLES_DIR / "faq" / f"{SOURCE_SLUG}.en.md").read_text(encoding="utf-8")
    chinese = (BUNDLED_ARTICLES_DIR / "faq" / f"{SOURCE_SLUG}.zh.md").read_text(encoding="utf-8")
    for number in range(pairs):
        slug = f"article-{number:04d}"
        neighbour = f"article-{(number + 1) % pairs:04d}.md"
        for lang, text in (("en", english), ("zh", chinese)):
            body = text.replace("(recovery-phrase-backup.md)", f"({neighbour})")
            body = body.replace("Stuck", f"Stuck {number}").replace("待确认", f"待确认{number}", 1)
            (section / f"{slug}.{lang}.md").write_text(body, encoding="utf-8")
        source = read_document(section / f"{slug}.en.md")
        write_translated_from(read_document(section / f"{slug}.zh.md"), content_hash(source))


def time_command(command: list[str], runs: int) -> list[float]:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True)
        timings.append(time.perf_counter() - started)
        if result.returncode != 0:
            sys.exit(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "articles"
        generate_tree(root, options.pairs)
        kb = Path(sys.executable).parent / "kb"
        lint = time_command([str(kb), "lint", str(root)], options.runs)
        load = []
        for _ in range(options.runs):
            started = time.perf_counter()
            load_catalogue(root)
            load.append(time.perf_counter() - started)

    files = options.pairs * 2
    print(
        f"kb lint, {options.pairs} pairs ({files} files): median {statistics.median(lint):.2f} s, "
        f"max {max(lint):.2f} s over {options.runs} runs (goal < 5 s)"
    )
    print(f"load_catalogue, same tree: median {statistics.median(load):.2f} s")
    bundled = []
    for _ in range(options.runs):
        started = time.perf_counter()
        load_catalogue(BUNDLED_ARTICLES_DIR)
        bundled.append(time.perf_counter() - started)
    print(f"load_catalogue, bundled articles: median {statistics.median(bundled) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
