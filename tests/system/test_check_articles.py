"""`make check-articles`: the writers' pull-request checks, run locally as one command."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.support.paths import REPO
from tests.support.site_build import Build, copy_articles

WORKFLOW = REPO / ".github" / "workflows" / "articles.yml"


def check_articles(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            "make",
            "--no-print-directory",
            "check-articles",
            "BASE=HEAD",
            f"SITE_DIR={tmp_path}/site",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
    )


def recipe(target: str) -> list[str]:
    """The command lines of a Makefile target."""
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    body = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert body is not None
    return [line.strip() for line in body[1].splitlines()]


def test_the_bundled_articles_pass_every_check_and_the_quality_table_is_printed(
    tmp_path: Path,
) -> None:
    result = check_articles(tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site" / "zh" / "faq" / "transaction-pending" / "index.html").exists()
    assert "0 errors found" in result.stdout
    table = re.search(
        r"^\| all \| (\d+) \| ([\d.]+) \| (\S+) \| ([\d.]+) \| (\S+) \|$", result.stdout, re.M
    )
    assert table is not None, result.stdout
    # Against itself (BASE=HEAD) nothing moves.
    assert table[3] == table[5] == "±0"


def test_a_broken_article_fails_the_checks(tmp_path: Path) -> None:
    articles = copy_articles(tmp_path)
    page = articles / "faq" / "network-fees.zh.md"
    page.write_text(page.read_text("utf-8") + "\n[更多](no-such-article.md)\n", "utf-8")

    result = check_articles(tmp_path, KB_ARTICLES_DIR=str(articles))

    assert result.returncode != 0
    assert "network-fees.zh.md" in result.stdout + result.stderr
    assert "broken-link" in result.stdout


def test_the_pull_request_workflow_runs_the_same_checks_as_make() -> None:
    workflow = WORKFLOW.read_text(encoding="utf-8")
    steps = {
        "$(BIN)/": ".venv/bin/",
        "$(SITE_DIR)": "site",
        "$(BASE)": '"origin/${{ github.base_ref }}"',
    }

    for line in recipe("check-articles"):
        for make_name, shell_value in steps.items():
            line = line.replace(make_name, shell_value)
        assert f"run: {line}" in workflow, line


def test_the_link_check_finds_a_broken_link_deep_in_the_built_site(
    public_site: Build, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(public_site.site, site)
    page = site / "zh" / "faq" / "swap-failed" / "index.html"
    page.write_text(
        page.read_text("utf-8").replace("</article>", '<a href="../gone/">x</a></article>'), "utf-8"
    )

    clean = run_link_check(public_site.site)
    broken = run_link_check(site)

    assert clean.returncode == 0, clean.stdout
    assert broken.returncode == 1
    assert "/zh/faq/swap-failed/" in broken.stdout
    assert "1 error found" in broken.stdout


def run_link_check(site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "scripts" / "check_site_links.py"), str(site)],
        capture_output=True,
        text=True,
        timeout=300,
    )
