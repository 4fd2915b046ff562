"""How agents rate suggestions: per article and language, how often it was suggested,
ranked first, used (its reply sent), and rated helpful or not helpful."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from kb.text.language import Language, TicketLanguage, article_language

MOST_REJECTED = 5


# What an agent says of one suggested article (no docstring: it would become the
# enum's description in the API's OpenAPI document).
class Rating(StrEnum):
    HELPFUL = "helpful"
    NOT_HELPFUL = "not_helpful"
    USED = "used"


@dataclass(frozen=True)
class Suggested:
    """One logged suggestion: its language and its ranked article ids."""

    language: TicketLanguage
    articles: list[str]


@dataclass(frozen=True)
class Rated:
    """One stored rating, with the language of the suggestion it rates."""

    language: TicketLanguage
    article: str
    rating: str


@dataclass(frozen=True)
class ArticleFeedback:
    article: str
    language: Language
    suggested: int
    ranked_first: int
    used: int
    helpful: int
    not_helpful: int

    @property
    def rated(self) -> int:
        return self.helpful + self.not_helpful

    @property
    def rejection_rate(self) -> float | None:
        """The share of ratings that were "not helpful"; None before any rating."""
        return self.not_helpful / self.rated if self.rated else None

    @property
    def use_rate(self) -> float | None:
        return self.used / self.suggested if self.suggested else None


@dataclass(frozen=True)
class FeedbackReport:
    articles: list[ArticleFeedback]  # most suggested first

    @property
    def most_rejected(self) -> list[ArticleFeedback]:
        """The articles agents rated "not helpful" most, by count, then by rate."""
        rejected = [entry for entry in self.articles if entry.not_helpful]
        rejected.sort(key=lambda entry: (-entry.not_helpful, -(entry.rejection_rate or 0)))
        return rejected[:MOST_REJECTED]


def feedback_report(suggested: Iterable[Suggested], rated: Iterable[Rated]) -> FeedbackReport:
    counts: dict[str, Counter[tuple[str, Language]]] = {
        name: Counter() for name in ("suggested", "ranked_first", *Rating)
    }
    for suggestion in suggested:
        language = article_language(suggestion.language)
        counts["suggested"].update((slug, language) for slug in dict.fromkeys(suggestion.articles))
        if suggestion.articles:
            counts["ranked_first"][suggestion.articles[0], language] += 1
    for rating in rated:
        counts[rating.rating][rating.article, article_language(rating.language)] += 1
    keys = set().union(*counts.values())
    entries = [
        ArticleFeedback(
            article,
            language,
            suggested=counts["suggested"][article, language],
            ranked_first=counts["ranked_first"][article, language],
            used=counts[Rating.USED][article, language],
            helpful=counts[Rating.HELPFUL][article, language],
            not_helpful=counts[Rating.NOT_HELPFUL][article, language],
        )
        for article, language in keys
    ]
    entries.sort(key=lambda entry: (-entry.suggested, entry.article, entry.language))
    return FeedbackReport(entries)
