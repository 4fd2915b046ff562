"""Agents' ratings per article and language, counted by hand."""

from __future__ import annotations

from kb.insights.feedback import ArticleFeedback, Rated, Rating, Suggested, feedback_report

SUGGESTED = [
    Suggested("en", ["pending", "fees"]),
    Suggested("en", ["pending"]),
    Suggested("zh-Hant", ["pending"]),  # Traditional counts as zh
    Suggested("zh", []),  # matched nothing: counts for no article
    Suggested("en", ["fees", "pending", "fees"]),  # an article twice in one answer counts once
]
RATED = [
    Rated("en", "pending", Rating.USED),
    Rated("en", "pending", Rating.HELPFUL),
    Rated("en", "pending", Rating.NOT_HELPFUL),
    Rated("en", "fees", Rating.NOT_HELPFUL),
    Rated("en", "fees", Rating.NOT_HELPFUL),
    Rated("zh", "pending", Rating.HELPFUL),
]


def test_each_article_and_language_is_counted_most_suggested_first() -> None:
    report = feedback_report(SUGGESTED, RATED)

    assert report.articles == [
        ArticleFeedback("pending", "en", suggested=3, ranked_first=2, used=1, helpful=1,
                        not_helpful=1),
        ArticleFeedback("fees", "en", suggested=2, ranked_first=1, used=0, helpful=0,
                        not_helpful=2),
        ArticleFeedback("pending", "zh", suggested=1, ranked_first=1, used=0, helpful=1,
                        not_helpful=0),
    ]  # fmt: skip


def test_rates_are_shares_of_ratings_and_of_suggestions() -> None:
    pending, fees, chinese = feedback_report(SUGGESTED, RATED).articles

    assert (pending.rejection_rate, pending.use_rate) == (1 / 2, 1 / 3)
    assert (fees.rejection_rate, fees.use_rate) == (1.0, 0.0)
    assert (chinese.rejection_rate, chinese.use_rate) == (0.0, 0.0)


def test_an_article_never_rated_has_no_rejection_rate() -> None:
    [entry] = feedback_report([Suggested("en", ["fees"])], []).articles

    assert entry.rejection_rate is None and entry.use_rate == 0.0


def test_the_most_rejected_come_by_count_then_by_rate() -> None:
    report = feedback_report(SUGGESTED, RATED)

    assert [(entry.article, entry.language) for entry in report.most_rejected] == [
        ("fees", "en"),
        ("pending", "en"),
    ]
