"""Response bodies of /v1/insights/*: what support leads chart and act on."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field

from api.schemas.common import FromLibrary
from kb.insights.feedback import FeedbackReport
from kb.insights.gaps import Gap


def round_rate(rate: float | None) -> float | None:
    return None if rate is None else round(rate, 3)


# A share shown to three places (the report computes it exactly).
Rate = Annotated[float | None, AfterValidator(round_rate)]


class ArticleTrendOut(FromLibrary):
    article: str = Field(description="The top article's slug; '(no match)' when none matched.")
    language: str = Field(description="en or zh (both Chinese scripts).")
    recent: int = Field(description="Tickets in the recent window.")
    expected: float | None = Field(
        description="Tickets expected in the window: the mean of the same window on the "
        "previous days, plus half a ticket; null before a day of history."
    )
    ratio: float | None = Field(description="recent / expected.")
    p_value: float | None = Field(
        description="Poisson probability of at least `recent` tickets at the expected rate."
    )
    spike: bool
    daily: list[int] = Field(description="Tickets per 24 hours, oldest first, the last one now.")


class TrendsOut(FromLibrary):
    now: datetime
    window_minutes: float
    baseline_days: int
    history_days: int = Field(description="Baseline days the log covers.")
    alpha: float
    threshold: float = Field(description="A spike's p-value is below this: alpha / series.")
    spikes: list[ArticleTrendOut]
    trends: list[ArticleTrendOut]


class GapOut(FromLibrary):
    language: str
    term: str = Field(description="The word the group's tickets share, as they wrote it.")
    tickets: int
    related: list[str] = Field(description="Other words frequent in the group.")
    examples: list[str] = Field(description="Tickets of the group, redacted and shortened.")


class GapsOut(BaseModel):
    days: int
    below: float = Field(description="Tickets whose best match's confidence is under this.")
    gaps: list[GapOut]

    @classmethod
    def of(cls, days: int, below: float, gaps: list[Gap]) -> GapsOut:
        return cls(days=days, below=below, gaps=gaps)


class ArticleFeedbackOut(FromLibrary):
    article: str
    language: str
    suggested: int
    ranked_first: int
    used: int
    helpful: int
    not_helpful: int
    rejection_rate: Rate = Field(description="not_helpful / (helpful + not_helpful).")
    use_rate: Rate = Field(description="used / suggested.")


class FeedbackOut(BaseModel):
    days: int
    articles: list[ArticleFeedbackOut]
    most_rejected: list[ArticleFeedbackOut]

    @classmethod
    def of(cls, days: int, report: FeedbackReport) -> FeedbackOut:
        return cls(days=days, articles=report.articles, most_rejected=report.most_rejected)
