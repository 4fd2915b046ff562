"""Stale translations: the content hash, and marking a reviewed translation current."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from kb.cli import app
from kb.content.documents import read_document
from kb.content.lint import lint_paths
from kb.content.translation import content_hash
from tests.support.paths import LINT_FIXTURES


def test_content_hash_ignores_trailing_spaces_but_not_wording(good_tree: Path) -> None:
    path = good_tree / "faq" / "fees.en.md"
    before = content_hash(read_document(path))
    text = path.read_text(encoding="utf-8")

    path.write_text(text.replace("(sending.md).\n", "(sending.md).   \n"), encoding="utf-8")
    after_spaces = content_hash(read_document(path))
    path.write_text(text.replace("Validators are paid.", "Validators earn fees."), encoding="utf-8")
    after_edit = content_hash(read_document(path))

    assert after_spaces == before
    assert after_edit != before


def test_keywords_and_dates_are_not_part_of_what_is_translated(good_tree: Path) -> None:
    path = good_tree / "faq" / "fees.en.md"
    before = content_hash(read_document(path))
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("2026-11-01", "2026-11-20").replace("[slow, pending]", "[slow, gas]"),
        encoding="utf-8",
    )

    assert content_hash(read_document(path)) == before


def test_editing_english_makes_the_translation_stale_until_it_is_marked(good_tree: Path) -> None:
    english = good_tree / "faq" / "fees.en.md"
    chinese = good_tree / "faq" / "fees.zh.md"
    english.write_text(
        english.read_text(encoding="utf-8").replace(
            "Validators are paid.", "Validators earn fees."
        ),
        encoding="utf-8",
    )
    assert [problem.rule for problem in lint_paths([chinese])] == ["stale-translation"]
    before = chinese.read_text(encoding="utf-8").splitlines()

    result = CliRunner().invoke(app, ["mark-translated", str(chinese)])

    assert result.exit_code == 0
    assert lint_paths([good_tree]) == []
    after = chinese.read_text(encoding="utf-8").splitlines()
    changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    assert len(changed) == 1
    assert changed[0][1] == f'translated_from: "{content_hash(read_document(english))}"'


def test_marking_adds_the_field_to_a_translation_that_lacks_it(tmp_path: Path) -> None:
    tree = tmp_path / "articles"
    shutil.copytree(LINT_FIXTURES / "stale-translation", tree)
    (tree / "expected.txt").unlink()
    chinese = tree / "faq" / "sending.zh.md"
    lines = chinese.read_text(encoding="utf-8").splitlines(keepends=True)
    chinese.write_text("".join(line for line in lines if "translated_from" not in line), "utf-8")
    assert "records no English revision" in lint_paths([chinese])[0].message

    result = CliRunner().invoke(app, ["mark-translated", str(tree)])

    assert result.exit_code == 0
    assert "1 translation(s) updated" in result.stderr
    assert lint_paths([tree]) == []
    again = CliRunner().invoke(app, ["mark-translated", str(tree)])
    assert "0 translation(s) updated" in again.stderr
