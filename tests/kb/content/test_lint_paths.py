"""Choosing what to lint: whole trees, single files, missing paths, the bundled articles."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from kb.cli import app
from kb.config import BUNDLED_ARTICLES_DIR
from kb.content.lint import lint_paths


def test_lint_of_one_file_sees_its_whole_tree_but_reports_only_that_file(good_tree: Path) -> None:
    (good_tree / "faq" / "fees.zh.md").unlink()  # fees.en.md now lacks its twin

    problems = lint_paths([good_tree / "faq" / "fees.en.md"])

    assert [problem.rule for problem in problems] == ["missing-twin"]
    # sending.en.md links to fees.md, which still resolves through fees.en.md
    assert lint_paths([good_tree / "faq" / "sending.en.md"]) == []


def test_lint_of_a_section_folder_reports_problems_in_that_section_only(good_tree: Path) -> None:
    (good_tree / "runbooks" / "lookup.zh.md").unlink()
    (good_tree / "faq" / "fees.zh.md").unlink()

    rules_by_section = {
        section: sorted(problem.path.name for problem in lint_paths([good_tree / section]))
        for section in ("faq", "runbooks")
    }

    assert rules_by_section == {"faq": ["fees.en.md"], "runbooks": ["lookup.en.md"]}


def test_lint_of_a_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["lint", str(tmp_path / "nope")])

    assert result.exit_code == 1
    assert "no such file or folder" in result.stderr


def test_bundled_articles_are_lint_clean() -> None:
    result = CliRunner().invoke(app, ["lint", str(BUNDLED_ARTICLES_DIR)])

    # Only the runbook contacts a team fills in for itself may still be placeholders.
    rules = {line.split(": ")[1] for line in result.stdout.splitlines()}
    assert rules <= {"runbook-placeholder"}, result.stdout
    assert result.exit_code == 0


def test_lint_without_paths_checks_the_configured_articles_folder(good_tree: Path) -> None:
    (good_tree / "faq" / "fees.zh.md").unlink()
    result = CliRunner().invoke(app, ["lint"], env={"KB_ARTICLES_DIR": str(good_tree)})

    assert result.exit_code == 1
    assert "fees.en.md:1: missing-twin:" in result.stdout


def test_lint_rules_option_lists_every_rule() -> None:
    result = CliRunner().invoke(app, ["lint", "--rules"])

    assert result.exit_code == 0
    assert [line.split()[0] for line in result.stdout.splitlines()][:2] == ["file-name", "encoding"]
    assert "stale-translation" in result.stdout
