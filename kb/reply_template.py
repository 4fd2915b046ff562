"""Reply templates: Jinja2 syntax, rendered only in a sandbox.

Writers own the templates, so they are untrusted input as far as the service is
concerned: the sandbox blocks attribute tricks, and checks here reject unknown
placeholders and filters before a template is merged.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from jinja2 import TemplateSyntaxError, nodes
from jinja2.sandbox import SandboxedEnvironment

from kb.placeholders import PLACEHOLDERS


@dataclass(frozen=True)
class TemplateProblem:
    """A problem in a template; ``line`` counts from the template's first line (1)."""

    line: int
    rule: str
    message: str


@cache
def template_environment() -> SandboxedEnvironment:
    """The shared sandboxed environment in which every reply template is parsed and rendered."""
    return SandboxedEnvironment(autoescape=False, keep_trailing_newline=False)


def check_reply_template(source: str) -> list[TemplateProblem]:
    """Parse ``source`` and report syntax errors, unknown placeholders and unknown filters."""
    environment = template_environment()
    try:
        tree = environment.parse(source)
    except TemplateSyntaxError as error:
        return [
            TemplateProblem(error.lineno or 1, "reply-syntax", f"template error: {error.message}")
        ]

    problems: list[TemplateProblem] = []
    assigned = {name.name for name in tree.find_all(nodes.Name) if name.ctx in ("store", "param")}
    known = PLACEHOLDERS.keys() | assigned
    for name in tree.find_all(nodes.Name):
        if name.ctx == "load" and name.name not in known:
            choices = ", ".join(sorted(PLACEHOLDERS))
            problems.append(
                TemplateProblem(
                    name.lineno,
                    "reply-placeholder",
                    f"unknown placeholder '{name.name}'; use one of: {choices}",
                )
            )
    for used in tree.find_all(nodes.Filter):
        if used.name not in environment.filters:
            problems.append(
                TemplateProblem(used.lineno, "reply-syntax", f"unknown filter '{used.name}'")
            )
    return problems
