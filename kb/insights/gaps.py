"""Content gaps: what the tickets that no article answered well are about.

A ticket is weak when nothing matched it or its best match's confidence was
low. Its words are the search terms (jieba words for Chinese, stems for
English). Each term is weighed by how many weak tickets hold it times how rare
it is in that language's articles: a word the articles never use (a chain we do
not cover, a feature we have no page for) is what a writer needs to hear about,
while "wallet" is in half the weak tickets and half the articles. Each weak
ticket joins the group of its heaviest term; groups are ranked by ticket count.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kb.text.language import Language, TicketLanguage, article_language
from kb.text.tokens import SearchToken, Tokenizer

# A best match below this confidence counts as weak (see kb.search.explain.confidence).
WEAK_CONFIDENCE = 0.4
# A gap is something asked more than once.
MIN_TICKETS = 2
EXAMPLES_SHOWN = 3
EXAMPLE_LENGTH = 160
RELATED_TERMS = 4


@dataclass(frozen=True)
class WeakTicket:
    language: TicketLanguage
    text: str  # as stored: redacted


@dataclass(frozen=True)
class Gap:
    language: Language
    term: str  # the words tickets used, e.g. "zorblax"
    tickets: int
    related: list[str]  # the group's other frequent words
    examples: list[str]


# How rare a term is in one language's articles: (term, language) -> weight.
ArticleRarity = Callable[[str, Language], float]


def content_gaps(
    tickets: Iterable[WeakTicket],
    tokenizer: Tokenizer,
    rarity: ArticleRarity,
    limit: int = 20,
    min_tickets: int = MIN_TICKETS,
) -> list[Gap]:
    """The largest groups of weak tickets, per language, largest first."""
    by_language: dict[Language, list[tuple[WeakTicket, list[SearchToken]]]] = defaultdict(list)
    for ticket in tickets:
        by_language[article_language(ticket.language)].append(
            (ticket, tokenizer.tokens(ticket.text))
        )
    gaps = [
        gap
        for language, tokenized in by_language.items()
        for gap in language_gaps(language, tokenized, rarity, min_tickets)
    ]
    gaps.sort(key=lambda gap: (-gap.tickets, gap.language, gap.term))
    return gaps[:limit]


def language_gaps(
    language: Language,
    tokenized: list[tuple[WeakTicket, list[SearchToken]]],
    rarity: ArticleRarity,
    min_tickets: int,
) -> list[Gap]:
    holding: Counter[str] = Counter()
    spelled: dict[str, Counter[str]] = defaultdict(Counter)
    for _, tokens in tokenized:
        holding.update({token.term for token in tokens})
        for token in tokens:
            spelled[token.term][token.surface] += 1
    weight = {
        term: count * rarity(term, language)
        for term, count in holding.items()
        if count >= min_tickets
    }
    groups: dict[str, list[tuple[WeakTicket, set[str]]]] = defaultdict(list)
    for ticket, tokens in tokenized:
        terms = {token.term for token in tokens}
        candidates = [term for term in terms if term in weight]
        lead = max(candidates, key=lambda term: (weight[term], term), default=None)
        if lead is not None:
            groups[lead].append((ticket, terms))
    return [
        gap_of(language, lead, members, spelled)
        for lead, members in groups.items()
        if len(members) >= min_tickets
    ]


def gap_of(
    language: Language,
    lead: str,
    members: list[tuple[WeakTicket, set[str]]],
    spelled: dict[str, Counter[str]],
) -> Gap:
    together: Counter[str] = Counter()
    for _, terms in members:
        together.update(terms - {lead})
    # Ties go by the term, so that the same log always gives the same list (sets of
    # terms iterate in a different order in every process).
    frequent = sorted(together.items(), key=lambda item: (-item[1], item[0]))
    related = [word(term, spelled) for term, _ in frequent[:RELATED_TERMS]]
    examples = list(dict.fromkeys(shortened(ticket.text) for ticket, _ in members))
    return Gap(language, word(lead, spelled), len(members), related, examples[:EXAMPLES_SHOWN])


def word(term: str, spelled: dict[str, Counter[str]]) -> str:
    """The way tickets most often wrote ``term`` (a stem is no label for a writer)."""
    return spelled[term].most_common(1)[0][0]


def shortened(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= EXAMPLE_LENGTH else line[: EXAMPLE_LENGTH - 1] + "…"
