"""The docs match the code: the README's commands, CI's command, the writers' rule table."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from kb.cli import app
from kb.content.lint import RULES
from tests.support.paths import REPO


def test_ci_runs_the_test_command_the_readme_gives() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci_script = (REPO / ".ci" / "run").read_text(encoding="utf-8")

    test_command = re.search(r"^(make \w+)\s+# install into \.venv, then ruff", readme, re.M)

    assert test_command is not None
    assert test_command[1] in ci_script.splitlines()


def test_contributing_lists_every_lint_rule_with_its_description() -> None:
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| ([a-z-]+) \| (.+) \|$", guide, re.M))

    assert {rule: table.get(rule, "").replace("`", "") for rule in RULES} == RULES


def test_every_cli_command_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    result = CliRunner().invoke(app, ["--help"])
    listed = result.stdout.split("Commands")[-1]  # the options' box comes first
    commands = re.findall(r"^│ ([a-z-]+)\s", listed, re.M)

    assert commands
    for command in commands:
        assert f"kb {command}" in readme, command


def test_every_path_the_docs_name_exists() -> None:
    named = {
        path
        for guide in ("README.md", "CONTRIBUTING.md")
        for path in re.findall(
            r"`((?:kb|api|tests|bench|scripts|locales|zendesk|articles)/[\w./-]*)`",
            (REPO / guide).read_text(encoding="utf-8"),
        )
    }

    assert len(named) > 30
    assert sorted(path for path in named if not (REPO / path).exists()) == []
