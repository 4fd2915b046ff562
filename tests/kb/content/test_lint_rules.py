"""Each lint rule fires on its bad fixture with one exact line, and stays quiet on the good tree.

Every folder under tests/fixtures/lint/ except ``good`` is a small article tree
with one kind of mistake; its ``expected.txt`` holds exactly what ``kb lint``
prints, file paths relative to that folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kb.cli import app
from kb.content.lint import RULES
from kb.content.problems import WARNING_RULES
from tests.support.paths import LINT_FIXTURES

BAD_CASES = sorted(path.name for path in LINT_FIXTURES.iterdir() if path.name != "good")


def run_lint_in(folder: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(app, ["lint", "."])
    return result.exit_code, result.stdout


@pytest.mark.parametrize("case", BAD_CASES)
def test_lint_reports_each_problem_of_a_bad_fixture_on_one_precise_line(
    case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = LINT_FIXTURES / case
    expected = (folder / "expected.txt").read_text(encoding="utf-8")

    exit_code, output = run_lint_in(folder, monkeypatch)

    assert output == expected
    # Warnings alone (placeholders a team still has to fill in) do not fail the check.
    only_warnings = all(line.split(": ")[1] in WARNING_RULES for line in expected.splitlines())
    assert exit_code == (0 if only_warnings else 1)


def test_lint_stays_quiet_on_the_good_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    exit_code, output = run_lint_in(LINT_FIXTURES / "good", monkeypatch)

    assert output == ""
    assert exit_code == 0


def test_every_rule_has_a_bad_fixture_and_every_fixture_uses_a_known_rule() -> None:
    fired = {
        line.split(": ")[1]
        for case in BAD_CASES
        for line in (LINT_FIXTURES / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    }
    assert fired == set(RULES)


def test_problem_lines_have_the_file_line_rule_message_shape() -> None:
    for case in BAD_CASES:
        for line in (
            (LINT_FIXTURES / case / "expected.txt").read_text(encoding="utf-8").splitlines()
        ):
            location, rule, message = line.split(": ", 2)
            path, line_number = location.rsplit(":", 1)
            assert (LINT_FIXTURES / case / path).exists(), line
            assert int(line_number) >= 1
            assert rule in RULES
            assert message
