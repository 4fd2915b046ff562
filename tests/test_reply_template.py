"""Reply template checks: syntax, placeholders from the vocabulary, known filters."""

from __future__ import annotations

import pytest

from kb.reply_template import TemplateProblem, check_reply_template


@pytest.mark.parametrize(
    "source",
    [
        "Hi {{ customer_name }}, see {{ article_url }}",
        "{% if tx_hash %}{{ tx_hash }}{% else %}your transfer{% endif %}",
        "{% set shown = amount | default('the amount') %}{{ shown }} {{ asset | upper }}",
        "{% for word in ['a', 'b'] %}{{ word }}{% endfor %}",
        "No placeholders at all.",
    ],
    ids=["plain", "if-else", "set-and-filters", "loop-variable", "no-placeholders"],
)
def test_valid_templates_have_no_problems(source: str) -> None:
    assert check_reply_template(source) == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "Hi\n{{ customer_name }",
            TemplateProblem(2, "reply-syntax", "template error: unexpected '}'"),
        ),
        (
            "Hi\n\n{{ tx_hash | shout }}",
            TemplateProblem(3, "reply-syntax", "unknown filter 'shout'"),
        ),
    ],
    ids=["unclosed-expression", "unknown-filter"],
)
def test_syntax_problems_name_the_template_line(source: str, expected: TemplateProblem) -> None:
    assert check_reply_template(source) == [expected]


def test_unknown_placeholder_lists_the_vocabulary() -> None:
    [problem] = check_reply_template("Hello {{ name }}")

    assert problem.rule == "reply-placeholder"
    assert problem.message.startswith("unknown placeholder 'name'; use one of: address, agent_name")
