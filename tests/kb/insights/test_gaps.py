"""Content gaps from weak tickets, counted by hand: each ticket joins the group of its
heaviest shared term (tickets holding it x its rarity in the articles)."""

from __future__ import annotations

import pytest

from kb.insights.gaps import Gap, WeakTicket, content_gaps
from kb.knowledge_base import KnowledgeBase
from kb.text.language import Language
from kb.text.tokens import Tokenizer

ENGLISH = [
    "Do you support Zorblax yet?",  # support, zorblax
    "Zorblax when?",  # zorblax
    "Please add Zorblax to the wallet",  # add, zorblax, wallet
    "my wallet keeps freezing",  # wallet, keep, freez
    "wallet freezing again",  # wallet, freez
]
CHINESE = ["Quillfire 什么时候支持", "支持 Quillfire 吗"]  # quillfir, 支持 each
# How rare each term is in the articles (the index's idf in the service): made up here.
RARITY = {"zorblax": 4.0, "wallet": 0.2, "freez": 2.5, "quillfir": 4.0, "支持": 0.5}


def rarity(term: str, language: Language) -> float:
    return RARITY.get(term, 1.0)


@pytest.fixture(scope="module")
def tokenizer(knowledge: KnowledgeBase) -> Tokenizer:
    return knowledge.tokenizer


def weak(language: str, texts: list[str]) -> list[WeakTicket]:
    return [WeakTicket("en" if language == "en" else "zh", text) for text in texts]


def test_each_ticket_joins_its_heaviest_term_and_groups_come_largest_first(
    tokenizer: Tokenizer,
) -> None:
    # Weights of the terms in two or more tickets: zorblax 3 x 4.0 = 12, freez 2 x 2.5 = 5,
    # wallet 3 x 0.2 = 0.6; quillfir 2 x 4.0 = 8, 支持 2 x 0.5 = 1. So the wallet ticket
    # about Zorblax goes to zorblax, the two freezing ones to freez.
    tickets = weak("en", ENGLISH) + weak("zh", CHINESE)

    gaps = content_gaps(tickets, tokenizer, rarity)

    assert gaps == [
        Gap("en", "zorblax", 3, ["add", "support", "wallet"], ENGLISH[:3]),
        Gap("en", "freezing", 2, ["wallet", "keeps"], ENGLISH[3:]),
        Gap("zh", "quillfire", 2, ["支持"], CHINESE),
    ]


def test_a_word_from_one_ticket_makes_no_gap(tokenizer: Tokenizer) -> None:
    tickets = weak("en", ["Zorblax when?", "my wallet keeps freezing"])

    assert content_gaps(tickets, tokenizer, rarity) == []


def test_traditional_tickets_count_with_the_simplified_ones(tokenizer: Tokenizer) -> None:
    tickets = [
        WeakTicket("zh", "Quillfire 什么时候支持"),
        WeakTicket("zh-Hant", "Quillfire 何時支持"),
    ]

    [gap] = content_gaps(tickets, tokenizer, rarity)

    assert (gap.language, gap.term, gap.tickets) == ("zh", "quillfire", 2)


def test_the_limit_keeps_the_largest_groups(tokenizer: Tokenizer) -> None:
    tickets = weak("en", ENGLISH) + weak("zh", CHINESE)

    gaps = content_gaps(tickets, tokenizer, rarity, limit=1)

    assert [(gap.language, gap.term) for gap in gaps] == [("en", "zorblax")]


def test_long_examples_are_shortened_to_one_line(tokenizer: Tokenizer) -> None:
    long = "Zorblax " + "please " * 40 + "\nthanks"
    tickets = weak("en", [long, "Zorblax when?"])

    [gap] = content_gaps(tickets, tokenizer, rarity)

    assert len(gap.examples[0]) == 160 and gap.examples[0].endswith("…")
    assert "\n" not in gap.examples[0]
