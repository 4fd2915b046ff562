"""How long `kb lint` takes on a large generated tree (goal: 1,000 pairs in under 5 s).

Generates N article pairs (default 1,000) by cycling through the bundled pairs (so
sizes and Markdown are real), each linking a neighbour in its own section, with correct
translation hashes; then times the whole `kb lint` command (process start included)
and the loader alone.

    .venv/bin/python bench/lint_speed.py [--pairs 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kb.config import BUNDLED_ARTICLES_DIR
from kb.content.catalogue import load_catalogue
from kb.content.documents import read_document
from kb.content.translation import content_hash, write_translated_from

RUNBOOKS_FIELD = re.compile(r"^runbooks:.*\n", re.M)
RELATIVE_LINK = re.compile(r"\[[^\]]*\]\((?:\.\./[a-z]+/)?[a-z0-9-]+\.md(?:#[^)]*)?\)")


def generate_tree(root: Path, pairs: int) -> None:
    """Copies of the bundled article pairs, cycled, each linking only its neighbour."""
    sources = sorted(
        (path, path.with_name(path.name.replace(".en.md", ".zh.md")))
        for path in BUNDLED_ARTICLES_DIR.glob("*/*.en.md")
    )
    for number in range(pairs):
        english, chinese = sources[number % len(sources)]
        section = root / english.parent.name
        section.mkdir(parents=True, exist_ok=True)
        slug = f"article-{number:04d}"
        # The next copy of the same source (so in the same section), or the first one.
        following = number + len(sources)
        neighbour = f"article-{following if following < pairs else number % len(sources):04d}.md"
        for lang, source in (("en", english), ("zh", chinese)):
            # The neighbour copies this source, so its title is this one's (kb lint: link-title).
            title = read_document(source).meta.title.replace("\\", "\\\\")
            text = RELATIVE_LINK.sub(f"[{title}]({neighbour})", source.read_text(encoding="utf-8"))
            # The copies rename every slug, so the runbooks a FAQ names would not exist.
            text = RUNBOOKS_FIELD.sub("", text)
            (section / f"{slug}.{lang}.md").write_text(text, encoding="utf-8")
        written = read_document(section / f"{slug}.en.md")
        write_translated_from(read_document(section / f"{slug}.zh.md"), content_hash(written))


def time_command(command: list[str], runs: int) -> list[float]:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True)
        timings.append(time.perf_counter() - started)
        if result.returncode != 0:
            first_lines = "\n".join(result.stdout.splitlines()[:10])
            sys.exit(f"{' '.join(command)} failed:\n{first_lines}\n{result.stderr}")
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
