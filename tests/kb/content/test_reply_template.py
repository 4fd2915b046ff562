"""Reply templates: the allow-list, markers for missing values, and the sandbox's limits."""

from __future__ import annotations

import time

import pytest
from jinja2.exceptions import SecurityError, UndefinedError

from kb.content.reply_template import (
    RenderedTemplate,
    TemplateProblem,
    check_reply_template,
    render_template,
    template_environment,
)
from kb.errors import UnsafeTemplate


@pytest.mark.parametrize(
    "source",
    [
        "Hi {{ customer_name }}, see {{ article_url }}",
        "{% if tx_hash %}{{ tx_hash }}{% else %}your transfer{% endif %}",
        "{% if network == 'Tron' and not amount %}TRC20{% elif asset %}{{ asset }}{% endif %}",
        "{{ asset | upper }} {{ amount | default('the amount') }} {{ platform | capitalize }}",
        "{{ tx_hash if tx_hash else 'your transaction' }}",
        "No placeholders at all.",
    ],
    ids=["plain", "if-else", "conditions", "allowed-filters", "inline-if", "no-placeholders"],
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
            "Hi\n\n{% if tx_hash %}{{ tx_hash }}",
            TemplateProblem(
                3,
                "reply-syntax",
                "template error: Unexpected end of template. Jinja was looking for the following "
                "tags: 'elif' or 'else' or 'endif'. The innermost block that needs to be closed "
                "is 'if'.",
            ),
        ),
    ],
    ids=["unclosed-expression", "unclosed-if"],
)
def test_syntax_problems_name_the_template_line(source: str, expected: TemplateProblem) -> None:
    assert check_reply_template(source) == [expected]


def test_unknown_placeholder_lists_the_vocabulary() -> None:
    [problem] = check_reply_template("Hello {{ name }}")

    assert problem.rule == "reply-placeholder"
    assert problem.message.startswith("unknown placeholder 'name'; use one of: address, agent_name")


ALLOWED = (
    "use only placeholders, {% if %}/{% elif %}/{% else %} and the filters "
    "capitalize, default, lower, trim, upper"
)


@pytest.mark.parametrize(
    ("source", "what"),
    [
        ("{{ tx_hash.__class__ }}", "attribute access (a.b)"),
        ("{{ tx_hash['x'] }}", "item access (a[b])"),
        ("{{ amount * 1000000 }}", "arithmetic"),
        ("{{ 10 ** 100000000 }}", "arithmetic"),
        ("{% for x in tx_hash %}{{ x }}{% endfor %}", "loops ({% for %})"),
        ("{% set tx_hash = 'x' %}", "{% set %}"),
        ("{{ tx_hash | center(100000000) }}", "the filter 'center'"),
        ("{% if amount is defined %}x{% endif %}", "tests (is defined, is odd ...)"),
        ("{% include 'other' %}", "{% include %}"),
    ],
    ids=["getattr", "getitem", "multiply", "power", "loop", "set", "filter", "test", "include"],
)
def test_lint_rejects_anything_beyond_placeholders_conditions_and_filters(
    source: str, what: str
) -> None:
    problems = [p for p in check_reply_template(source) if p.rule == "reply-unsafe"]

    assert problems == [
        TemplateProblem(1, "reply-unsafe", f"not allowed in a reply: {what}; {ALLOWED}")
    ]


@pytest.mark.parametrize(
    "source",
    [
        "{{ lipsum.__globals__['os'].system('id') }}",
        "{{ 'x' * 10**8 }}",
        "{{ 10**100000000 }}",
        "{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}",
    ],
    ids=["lipsum-globals", "huge-repetition", "huge-power", "nested-loops"],
)
def test_templates_that_slip_past_lint_fail_safely_at_render_time(source: str) -> None:
    started = time.perf_counter()
    with pytest.raises(UnsafeTemplate):
        render_template(source, {})
    assert time.perf_counter() - started < 1


@pytest.mark.parametrize(
    ("source", "refusal"),
    [
        ("{{ lipsum.__globals__ }}", UndefinedError),
        ("{{ range(10) }}", UndefinedError),
        ("{{ 'x' * 10**8 }}", SecurityError),
        ("{{ 10**100000000 }}", SecurityError),
    ],
    ids=["no-lipsum", "no-range", "capped-repetition", "capped-power"],
)
def test_the_sandbox_itself_refuses_what_the_allow_list_forbids(
    source: str, refusal: type[Exception]
) -> None:
    """Defence in depth: compiled straight in the sandbox, without the checks."""
    template = template_environment().from_string(source)

    with pytest.raises(refusal):
        template.render()


def test_missing_placeholders_show_as_markers_and_are_listed_once() -> None:
    source = "{{ amount }} of {{ asset }} sent to {{ address }}; again {{ amount }}."

    rendered = render_template(source, {"asset": "USDT"})

    assert rendered == RenderedTemplate(
        "[amount] of USDT sent to [address]; again [amount].", ["amount", "address"]
    )


def test_a_guarded_placeholder_without_a_value_is_not_missing() -> None:
    source = "{% if tx_hash %}I checked {{ tx_hash }}.{% else %}Please send the hash.{% endif %}"

    assert render_template(source, {}) == RenderedTemplate("Please send the hash.", [])
    assert render_template(source, {"tx_hash": "0xabc"}).text == "I checked 0xabc."


def test_values_are_data_not_template_code() -> None:
    rendered = render_template("Hi {{ customer_name }}", {"customer_name": "{{ 7 * 7 }}"})

    assert rendered.text == "Hi {{ 7 * 7 }}"
