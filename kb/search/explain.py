"""Why an article was found, and how sure the ranking is.

Each hit lists the ticket's words that matched it and the fields they matched in
(``matched``, shown to agents). Confidence reads the score as a share of what the
query could reach and weighs it by how much of the ticket the article is *about*
(its title, keywords or summary), not merely mentions in its body.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# Fields that state what an article is about; the body also mentions side topics.
ABOUT_FIELDS = frozenset({"title", "keywords", "summary"})
# A top document usually reaches about half of its query's ceiling; count that as full.
FULL_SCORE_SHARE = 0.5
# Fewer ticket words than this in an article's title, keywords or summary lower confidence.
MIN_ABOUT_WORDS = 2


@dataclass(frozen=True)
class Match:
    """One query word that hit an article, and the fields it hit."""

    term: str
    words: str
    fields: tuple[str, ...]

    @property
    def is_about(self) -> bool:
        """Whether the word is in a field that says what the article is about."""
        return not ABOUT_FIELDS.isdisjoint(self.fields)


@dataclass(frozen=True)
class Hit:
    """An article found for a ticket: its BM25 score and the words that matched, and (with
    the semantic stage) its best passage and that passage's cosine."""

    slug: str
    score: float
    confidence: float
    matched: tuple[Match, ...]
    similarity: float | None = None
    passage: str | None = None


def summary_coverage(matched: tuple[Match, ...], weights: dict[str, float]) -> float:
    """The idf-weighted share of the query's words in the article's title, keywords or summary."""
    total = sum(weights.values())
    about = sum(weights[match.term] for match in matched if match.is_about)
    return about / total if total > 0 else 0.0


def about_count(matched: tuple[Match, ...]) -> int:
    """How many distinct ticket words the article is about (not just mentions)."""
    return sum(1 for match in matched if match.is_about)


def confidence(score_share: float, coverage: float, about_words: int) -> float:
    """How sure a suggestion is, 0..1: high only when the score is strong *and* the ticket's
    words are what the article is about. An off-topic ticket ("what's the weather") can
    score on stray body words but covers no title or keyword, so it stays near 0; one
    shared word ("order" in "order a pizza") is weak evidence, so it counts half.
    """
    if score_share <= 0 or coverage <= 0:
        return 0.0
    evidence = min(1.0, about_words / MIN_ABOUT_WORDS)
    return round(math.sqrt(min(1.0, score_share / FULL_SCORE_SHARE) * coverage) * evidence, 3)
