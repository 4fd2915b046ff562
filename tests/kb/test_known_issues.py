"""Known issues in the library: checking a lead's draft, and which tickets an issue matches."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from mnemonic import Mnemonic

from kb.errors import InvalidKnownIssue
from kb.knowledge_base import KnowledgeBase
from kb.known_issues import CheckedIssue, IssueDraft, IssueMatcher, KnownIssue, check_issue_draft
from kb.text.language import Language
from kb.text.tokens import Tokenizer


@pytest.fixture(scope="module")
def tokenizer(knowledge: KnowledgeBase) -> Tokenizer:
    return knowledge.tokenizer


def issue(issue_id: int, terms: tuple[str, ...] = (), examples: tuple[str, ...] = ()) -> KnownIssue:
    replies: dict[Language, str] = {"en": "We know.", "zh": "已知。"}
    return KnownIssue(issue_id, f"issue {issue_id}", terms, examples, replies, datetime.now(UTC))


@pytest.mark.parametrize(
    ("ticket", "matches"),
    [
        ("Swapping on Zorb fails with error 4012 since this morning", True),
        ("Zorb 闪兑 失败 报错 4012", False),  # shares only the chain's name with the example
        ("my swap failed", False),
        ("The Zorb swap keeps failing, error again this morning", True),
    ],
)
def test_examples_match_tickets_that_share_most_of_their_words(
    tokenizer: Tokenizer, ticket: str, matches: bool
) -> None:
    zorb = issue(1, examples=("Zorb swap fails with an error since this morning",))
    found = IssueMatcher([zorb], tokenizer).match(tokenizer.terms(ticket))
    assert found == (zorb if matches else None)


def test_the_most_specific_term_wins_and_ties_go_to_the_newest_issue(
    tokenizer: Tokenizer,
) -> None:
    broad, narrow, newer = issue(1, ("swap",)), issue(2, ("swap Zorb",)), issue(3, ("swap",))
    assert IssueMatcher([broad, narrow], tokenizer).match(tokenizer.terms("Zorb swap")) == narrow
    assert IssueMatcher([broad, newer], tokenizer).match(tokenizer.terms("swap failed")) == newer
    assert IssueMatcher([broad], tokenizer).match(tokenizer.terms("send failed")) is None


def test_a_checked_draft_is_tidied_and_its_examples_lose_secrets_and_contacts(
    knowledge: KnowledgeBase,
) -> None:
    phrase = Mnemonic("english").to_mnemonic(bytes(range(16)))
    draft = IssueDraft(
        title="  Zorb swaps failing ",
        terms=[" Zorb swap "],
        examples=[f"Zorb swap failed, my seed is {phrase}, mail me at wei@example.com"],
        reply_en=" We are on it. ",
        reply_zh=" 我们正在处理。 ",
    )

    checked = check_issue_draft(draft, knowledge.tokenizer, knowledge.messages)

    assert checked == CheckedIssue(
        title="Zorb swaps failing",
        terms=["Zorb swap"],
        examples=["Zorb swap failed, my seed is [recovery phrase removed], mail me at [email]"],
        reply_en="We are on it.",
        reply_zh="我们正在处理。",
    )


def test_a_draft_that_cannot_work_names_every_problem(knowledge: KnowledgeBase) -> None:
    draft = IssueDraft(title=" ", terms=["the and"], examples=[], reply_en="{{ x }}", reply_zh="")

    with pytest.raises(InvalidKnownIssue) as raised:
        check_issue_draft(draft, knowledge.tokenizer, knowledge.messages)

    assert str(raised.value) == (
        "cannot open the known issue: the title is empty; "
        "the term 'the and' has no searchable words (only stop words or numbers); "
        "the en reply, line 1: unknown placeholder 'x'; use one of: address, agent_name, "
        "amount, app_version, article_url, asset, card_last4, customer_name, date, network, "
        "order_id, platform, tx_hash; the zh reply is empty"
    )
