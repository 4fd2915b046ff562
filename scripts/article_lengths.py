"""Article body lengths per section and language: English words, Chinese characters.

.venv/bin/python scripts/article_lengths.py [ARTICLES_DIR]
"""

from __future__ import annotations

import re
import statistics
import sys
from pathlib import Path

from kb.config import BUNDLED_ARTICLES_DIR
from kb.content.catalogue import load_catalogue

ENGLISH_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\u2019-]*")
HAN = re.compile(r"[\u4e00-\u9fff]")


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else BUNDLED_ARTICLES_DIR
    catalogue = load_catalogue(root)
    for section in ("faq", "runbooks"):
        articles = [a for a in catalogue.articles.values() if a.section == section]
        for lang, unit, pattern in (("en", "words", ENGLISH_WORD), ("zh", "Han characters", HAN)):
            counts = sorted(
                (len(pattern.findall(a.documents[lang].body)), a.slug)
                for a in articles
                if lang in a.documents
            )
            if not counts:
                continue
            values = [count for count, _ in counts]
            print(
                f"{section:<8} {lang}: {len(values)} articles, {unit} min {values[0]} "
                f"({counts[0][1]}), median {statistics.median(values):.0f}, "
                f"max {values[-1]} ({counts[-1][1]})"
            )


if __name__ == "__main__":
    main()
