"""Building the help site for real with ``mkdocs build --strict``, and reading what it wrote."""

from __future__ import annotations

import gzip
import html
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from kb.config import BUNDLED_ARTICLES_DIR
from tests.support.paths import REPO

MKDOCS = Path(sys.executable).parent / "mkdocs"
ZERO_WIDTH_SPACE = "\u200b"


@dataclass(frozen=True)
class Build:
    site: Path
    returncode: int
    log: str

    def page(self, path: str) -> str:
        """The HTML of a built page, e.g. ``zh/faq/transaction-pending/``."""
        return (self.site / path / "index.html").read_text(encoding="utf-8")

    def search_index(self, name: str = "search_index.json") -> dict[str, object]:
        loaded: dict[str, object] = json.loads((self.site / "search" / name).read_text("utf-8"))
        return loaded

    def every_text(self) -> dict[Path, str]:
        """Every file the site would publish, as text a reader or crawler could see.

        HTML entities are decoded, gzip (the sitemap) unpacked and JSON escapes undone,
        and the zero-width spaces of the segmented search index removed.
        """
        texts = {}
        for path in sorted(self.site.rglob("*")):
            if not path.is_file():
                continue
            raw = path.read_bytes()
            if path.suffix == ".gz":
                raw = gzip.decompress(raw)
            text = raw.decode("utf-8", errors="ignore")
            if path.suffix == ".json":
                text = json.dumps(json.loads(text), ensure_ascii=False)
            texts[path.relative_to(self.site)] = html.unescape(text).replace(ZERO_WIDTH_SPACE, "")
        return texts


def build_site(site: Path, articles: Path = BUNDLED_ARTICLES_DIR, **env: str) -> Build:
    """``mkdocs build --strict`` of ``articles`` into ``site``, as the README runs it."""
    result = subprocess.run(
        [str(MKDOCS), "build", "--strict", "--site-dir", str(site)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "KB_ARTICLES_DIR": str(articles), "NO_MKDOCS_2_WARNING": "1", **env},
    )
    return Build(site, result.returncode, result.stdout + result.stderr)


def copy_articles(destination: Path) -> Path:
    """A writable copy of the bundled articles, for builds of a changed tree."""
    copy = destination / "articles"
    shutil.copytree(BUNDLED_ARTICLES_DIR, copy)
    return copy
