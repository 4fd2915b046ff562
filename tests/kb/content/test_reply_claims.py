"""Replies may not claim a lookup of a value that was filled in from the ticket."""

from __future__ import annotations

import pytest

from kb.content.reply_claims import CheckClaim, check_claims


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        (
            "{% if tx_hash %}I checked {{ tx_hash }}: it failed.{% endif %}",
            [CheckClaim(1, "I checked", "tx_hash")],
        ),
        (
            "Hello.\nI've looked up your transaction {{ tx_hash }} on {{ network }}.",
            [CheckClaim(2, "I've looked up", "tx_hash")],
        ),
        ("We can see your {{ amount }} arrived.", [CheckClaim(1, "We can see", "amount")]),
        ("我们查了您的交易 {{ tx_hash }}，还在排队。", [CheckClaim(1, "我们查了", "tx_hash")]),
        ("我这边已经核实了 {{ address }}。", [CheckClaim(1, "我这边已经核实了", "address")]),
    ],
)
def test_a_check_claimed_next_to_a_ticket_value_is_found(
    template: str, expected: list[CheckClaim]
) -> None:
    assert list(check_claims(template)) == expected


@pytest.mark.parametrize(
    "template",
    [
        # Conditions and promises are not findings.
        "If the explorer shows {{ tx_hash }} as failed, I checked nothing else.",
        "Once we have looked at {{ tx_hash }}, we will write again.",
        "如果区块浏览器显示 {{ tx_hash }} 失败，我们查了也无法撤回。",
        "等我们查看了 {{ tx_hash }} 再回复您。",
        # A claim with no ticket value, or about the agent's own name, is the agent's to make.
        "I can see why a pending transfer is worrying.",
        "I checked with {{ agent_name }} and the team.",
        "I checked our status page: {{ article_url }}",
        # Separate sentences: the value is not what was checked.
        "I understand. Thanks for the hash {{ tx_hash }}.",
    ],
)
def test_conditions_promises_and_other_sentences_pass(template: str) -> None:
    assert list(check_claims(template)) == []
