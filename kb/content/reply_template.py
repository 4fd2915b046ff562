"""Reply templates: Jinja2 syntax, checked against an allow-list, rendered in a sandbox.

Writers own the templates, so to the service they are untrusted input. A plain
Jinja environment lets a template reach Python internals
(``lipsum.__globals__``), and even the sandbox happily computes ``'x' * 10**8``.
So a template may use only placeholders, ``if``/``elif``/``else``, comparisons
with constants and a few filters; ``kb lint`` reports anything else, rendering
refuses it again, and the sandbox caps arithmetic and the rendered size in case
something slips past both.

A placeholder with no value renders as a visible marker (``[tx_hash]``) that
the agent fills in, and the render reports it in ``missing``.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from jinja2 import Template, TemplateError, TemplateSyntaxError, Undefined, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from kb.content.placeholders import PLACEHOLDERS
from kb.errors import UnsafeTemplate

ALLOWED_FILTERS = ("capitalize", "default", "lower", "trim", "upper")
# Structure a template may use: text, placeholders, conditions on them.
ALLOWED_NODES = (
    nodes.Template,
    nodes.Output,
    nodes.TemplateData,
    nodes.Name,
    nodes.Const,
    nodes.If,
    nodes.CondExpr,
    nodes.Not,
    nodes.And,
    nodes.Or,
    nodes.Compare,
    nodes.Operand,
    nodes.Filter,
)
MAX_RENDERED_CHARS = 20_000
MAX_POWER_EXPONENT = 64
MAX_REPEATED_CHARS = 10_000

_missing: ContextVar[list[str]] = ContextVar("missing_placeholders")


@dataclass(frozen=True)
class TemplateProblem:
    """A problem in a template; ``line`` counts from the template's first line (1)."""

    line: int
    rule: str
    message: str


@dataclass(frozen=True)
class RenderedTemplate:
    text: str
    missing: list[str]  # placeholders shown as markers, in order of first use


class MarkedUndefined(Undefined):
    """A placeholder without a value: false in ``if``, a ``[name]`` marker when printed."""

    __slots__ = ()

    def __str__(self) -> str:
        name = self._undefined_name or "?"
        missing = _missing.get(None)
        if missing is not None and name not in missing:
            missing.append(name)
        return f"[{name}]"


class ReplySandbox(SandboxedEnvironment):
    """The sandbox with arithmetic capped, no globals and only the allowed filters."""

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self) -> None:
        super().__init__(autoescape=False, keep_trailing_newline=False, undefined=MarkedUndefined)
        self.globals.clear()  # no range(), lipsum(), dict(), cycler() ...
        self.filters = {name: self.filters[name] for name in ALLOWED_FILTERS}

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        if operator_name == "**":
            if not isinstance(right, int) or abs(right) > MAX_POWER_EXPONENT:
                raise SecurityError(f"power with exponent {right!r} is not allowed")
            return operator.pow(left, right)
        if isinstance(left, int) and isinstance(right, str | list | tuple):
            left, right = right, left
        repeats = isinstance(left, str | list | tuple) and isinstance(right, int)
        if repeats and len(left) * right > MAX_REPEATED_CHARS:
            raise SecurityError("repetition would exceed the size limit")
        return super().call_binop(context, operator_name, left, right)


@cache
def template_environment() -> ReplySandbox:
    """The shared sandbox in which every reply template is parsed and rendered."""
    return ReplySandbox()


def check_reply_template(source: str) -> list[TemplateProblem]:
    """Parse ``source`` and report syntax errors, unknown placeholders and disallowed parts."""
    environment = template_environment()
    try:
        tree = environment.parse(source)
    except TemplateSyntaxError as error:
        return [
            TemplateProblem(error.lineno or 1, "reply-syntax", f"template error: {error.message}")
        ]
    return [*unknown_placeholders(tree), *disallowed_parts(tree)]


def unknown_placeholders(tree: nodes.Template) -> Iterator[TemplateProblem]:
    choices = ", ".join(sorted(PLACEHOLDERS))
    for name in tree.find_all(nodes.Name):
        if name.ctx == "load" and name.name not in PLACEHOLDERS:
            yield TemplateProblem(
                name.lineno,
                "reply-placeholder",
                f"unknown placeholder '{name.name}'; use one of: {choices}",
            )


# Plain words for what writers may try, by Jinja node type.
DISALLOWED_NAMES = {
    "Getattr": "attribute access (a.b)",
    "Getitem": "item access (a[b])",
    "Call": "function calls",
    "For": "loops ({% for %})",
    "Assign": "{% set %}",
    "AssignBlock": "{% set %}",
    "Macro": "macros",
    "CallBlock": "{% call %} blocks",
    "Include": "{% include %}",
    "Import": "{% import %}",
    "FromImport": "{% import %}",
    "Extends": "{% extends %}",
    "Block": "{% block %}",
    "With": "{% with %}",
    "FilterBlock": "{% filter %} blocks",
    "Test": "tests (is defined, is odd ...)",
    "List": "lists ([...])",
    "Tuple": "tuples",
    "Dict": "dicts ({...})",
    "Slice": "slices",
}


def disallowed_parts(tree: nodes.Template) -> Iterator[TemplateProblem]:
    allowed = "use only placeholders, {% if %}/{% elif %}/{% else %} and the filters " + (
        ", ".join(ALLOWED_FILTERS)
    )
    reported: set[tuple[int, str]] = set()
    for node in tree.find_all(nodes.Node):
        if isinstance(node, nodes.Filter) and node.name not in ALLOWED_FILTERS:
            what = f"the filter '{node.name}'"
        elif isinstance(node, nodes.BinExpr | nodes.UnaryExpr) and not isinstance(
            node, nodes.And | nodes.Or | nodes.Not
        ):
            what = "arithmetic"
        elif not isinstance(node, ALLOWED_NODES):
            kind = type(node).__name__
            what = DISALLOWED_NAMES.get(kind, repr(kind))
        else:
            continue
        if (node.lineno, what) not in reported:
            reported.add((node.lineno, what))
            message = f"not allowed in a reply: {what}; {allowed}"
            yield TemplateProblem(node.lineno, "reply-unsafe", message)


@lru_cache(maxsize=512)
def compiled_template(source: str) -> Template:
    """The template, compiled once; raises UnsafeTemplate when the checks find a problem."""
    problems = check_reply_template(source)
    if problems:
        first = problems[0]
        raise UnsafeTemplate(f"line {first.line}: {first.rule}: {first.message}")
    return template_environment().from_string(source)


def render_template(source: str, values: Mapping[str, str]) -> RenderedTemplate:
    """Render ``source`` with ``values``; missing placeholders become ``[name]`` markers.

    Raises UnsafeTemplate when the template breaks the rules or a limit while rendering.
    """
    template = compiled_template(source)
    token = _missing.set([])
    try:
        pieces: list[str] = []
        size = 0
        for piece in template.generate(dict(values)):
            size += len(piece)
            if size > MAX_RENDERED_CHARS:
                raise UnsafeTemplate(f"the reply is longer than {MAX_RENDERED_CHARS} characters")
            pieces.append(piece)
        return RenderedTemplate("".join(pieces).strip(), list(_missing.get()))
    except (
        TemplateError,
        ArithmeticError,
        MemoryError,
        ValueError,
        TypeError,
        AttributeError,
    ) as error:
        raise UnsafeTemplate(f"rendering failed: {error}") from error
    finally:
        _missing.reset(token)
