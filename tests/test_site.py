"""The help site builds with `mkdocs build --strict` and publishes no internal runbook."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kb.catalogue import load_catalogue
from kb.config import BUNDLED_ARTICLES_DIR
from tests.conftest import REPO


def test_the_help_site_builds_strictly_in_both_languages_without_runbooks(tmp_path: Path) -> None:
    site = tmp_path / "site"
    mkdocs = Path(sys.executable).parent / "mkdocs"

    result = subprocess.run(
        [str(mkdocs), "build", "--strict", "--site-dir", str(site)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stderr
    catalogue = load_catalogue(BUNDLED_ARTICLES_DIR)
    for article in catalogue.public_articles():
        assert (site / "faq" / article.slug / "index.html").exists(), article.slug
        assert (site / "zh" / "faq" / article.slug / "index.html").exists(), article.slug
    internal = [article.slug for article in catalogue.articles.values() if not article.is_public]
    assert internal
    published = [path for path in site.rglob("*") if path.is_file()]
    for path in published:
        text = path.read_text(encoding="utf-8", errors="ignore")
        leaked = [slug for slug in internal if f"runbooks/{slug}" in text]
        assert not leaked, f"{path.relative_to(site)} mentions {leaked}"
