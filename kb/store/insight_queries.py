"""Insights read from the suggestion log and the feedback: trends, gaps, ratings.

Only the columns each report needs are read, over the period it covers; the
analysis is in kb.insights (trends, gaps, feedback), which never sees the database.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Engine, func, or_
from sqlmodel import col, select

from kb.errors import InvalidInsightQuery
from kb.insights.feedback import FeedbackReport, Rated, Suggested, feedback_report
from kb.insights.gaps import WEAK_CONFIDENCE, ArticleRarity, Gap, WeakTicket, content_gaps
from kb.insights.trends import DAY, Event, SpikeTest, TrendReport, trend_report
from kb.store.engine import transaction
from kb.store.tables import FeedbackRecord, SuggestionRecord, as_utc, now
from kb.text.language import Language, article_language, parse_language
from kb.text.tokens import Tokenizer

MAX_DAYS = 365


def check_days(days: int) -> None:
    if not 1 <= days <= MAX_DAYS:
        raise InvalidInsightQuery(f"days must be between 1 and {MAX_DAYS}, not {days}")


def trends(engine: Engine, test: SpikeTest, at: datetime | None = None) -> TrendReport:
    """Counts per top article and language, and the spikes in the window ending ``at``."""
    moment = at or now()
    since = moment - DAY * (test.baseline_days + 1)
    query = select(
        SuggestionRecord.created_at, SuggestionRecord.language, SuggestionRecord.top_article
    ).where(SuggestionRecord.created_at >= since, SuggestionRecord.created_at <= moment)
    with transaction(engine) as session:
        first = session.exec(select(func.min(SuggestionRecord.created_at))).one()
        events = [
            Event(as_utc(created), parse_language(language), article)
            for created, language, article in session.exec(query)
        ]
    return trend_report(events, moment, test, as_utc(first) if first else None)


def weak_match(below: float) -> ColumnElement[bool]:
    """A logged suggestion that matched nothing, or whose best match is under ``below``."""
    return or_(
        col(SuggestionRecord.top_article).is_(None),
        col(SuggestionRecord.best_confidence) < below,
    )


def gaps(
    engine: Engine,
    tokenizer: Tokenizer,
    rarity: ArticleRarity,
    days: int = 7,
    below: float = WEAK_CONFIDENCE,
    limit: int = 20,
) -> list[Gap]:
    """Groups of the last ``days`` days' tickets whose best match's confidence was
    under ``below``, or that matched nothing; ``rarity`` weighs their words (the search
    index's ``rarity``)."""
    check_days(days)
    if not 0 < below <= 1:
        raise InvalidInsightQuery(f"the confidence bound must be in (0, 1], not {below}")
    weak = weak_match(below)
    query = select(SuggestionRecord.language, SuggestionRecord.text).where(
        SuggestionRecord.created_at >= now() - timedelta(days=days), weak
    )
    with transaction(engine) as session:
        tickets = [
            WeakTicket(parse_language(language), text) for language, text in session.exec(query)
        ]
    return content_gaps(tickets, tokenizer, rarity, limit)


def weak_match_counts(
    engine: Engine, window: timedelta, below: float = WEAK_CONFIDENCE
) -> dict[Language, tuple[int, int]]:
    """Per article language, the tickets of the last ``window`` and how many of them were
    weak (nothing matched, or the best match's confidence under ``below``): the share of
    tickets no article answers, the content-gap signal."""
    weak = weak_match(below)
    query = (
        select(SuggestionRecord.language, weak, func.count())
        .where(SuggestionRecord.created_at >= now() - window)
        .group_by(SuggestionRecord.language, weak)
    )
    counts: dict[Language, tuple[int, int]] = {}
    with transaction(engine) as session:
        for language, is_weak, count in session.exec(query):
            key = article_language(parse_language(language))
            total, weak_count = counts.get(key, (0, 0))
            counts[key] = (total + count, weak_count + (count if is_weak else 0))
    return counts


def feedback(engine: Engine, days: int = 30) -> FeedbackReport:
    """Suggestions and ratings of the last ``days`` days, per article and language."""
    check_days(days)
    since = now() - timedelta(days=days)
    suggestions = select(SuggestionRecord.language, SuggestionRecord.articles).where(
        SuggestionRecord.created_at >= since
    )
    ratings = (
        select(SuggestionRecord.language, FeedbackRecord.article_id, FeedbackRecord.rating)
        .join(SuggestionRecord, col(SuggestionRecord.id) == col(FeedbackRecord.suggestion_id))
        .where(SuggestionRecord.created_at >= since)
    )
    with transaction(engine) as session:
        suggested = [
            Suggested(parse_language(language), [found["id"] for found in articles])
            for language, articles in session.exec(suggestions)
        ]
        rated = [
            Rated(parse_language(language), article, rating)
            for language, article, rating in session.exec(ratings)
        ]
    return feedback_report(suggested, rated)
