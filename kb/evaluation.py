"""Suggestion quality on labelled tickets: Recall@1, Recall@3 and MRR, overall and per language.

The file is JSON Lines: ``{"id", "lang", "text", "expected": [slug, ...]}``, with an
optional ``"subject"``. A line whose
``expected`` is empty is a ticket no article answers (off-topic): it counts against the
search when the first suggestion is confident anyway. Every bad line (broken JSON, missing
field, unknown slug) is reported with its line number; none is skipped silently.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kb.errors import BadEvalLines, InvalidEvalFile
from kb.text.language import TICKET_LANGUAGES

RANKS_KEPT = 10
# A first suggestion this confident is an answer; an off-topic ticket must stay below it.
CONFIDENT = 0.25
# Bands of the first suggestion's confidence, as the README reads them: an answer, a
# plausible one, none fits. (lower bound, label)
CONFIDENCE_BANDS = (
    (0.5, ">= 0.5 (answer)"),
    (CONFIDENT, "0.25-0.5 (plausible)"),
    (0.0, "< 0.25 (none fits)"),
)
# Labels a line may carry: the ticket languages, and "mixed" for Chinese written
# with English words, which the product treats as Chinese.
LABELS = (*TICKET_LANGUAGES, "mixed")
# Report groups: each label on its own line, zh-Hant and mixed counted as zh too.
GROUPS: dict[str, tuple[str, ...]] = {
    "all": LABELS,
    "en": ("en",),
    "zh": ("zh", "zh-Hant", "mixed"),
    "zh-Hant": ("zh-Hant",),
    "mixed": ("mixed",),
}


@dataclass(frozen=True)
class EvalCase:
    line: int
    id: str
    lang: str
    text: str
    expected: tuple[str, ...]
    subject: str | None = None  # an e-mail's or helpdesk ticket's subject, when there is one


@dataclass(frozen=True)
class RankedArticle:
    """One article of a ticket's ranking, with how sure the search was and why it matched."""

    slug: str
    confidence: float = 0.0
    matched: tuple[str, ...] = ()  # the ticket's words that hit it


@dataclass(frozen=True)
class Outcome:
    case: EvalCase
    ranked: tuple[RankedArticle, ...]

    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(article.slug for article in self.ranked)

    @property
    def answerable(self) -> bool:
        """Whether some article answers the ticket (an off-topic one has none)."""
        return bool(self.case.expected)

    @property
    def rank(self) -> int | None:
        """1-based rank of the first expected article, None when it is not in the list."""
        return next(
            (number for number, slug in enumerate(self.slugs, 1) if slug in self.case.expected),
            None,
        )

    @property
    def in_top_3(self) -> bool:
        return self.rank is not None and self.rank <= 3

    @property
    def confident(self) -> bool:
        """Whether the first suggestion was given as an answer (confidence >= CONFIDENT)."""
        return bool(self.ranked) and self.ranked[0].confidence >= CONFIDENT


@dataclass(frozen=True)
class Metrics:
    count: int
    recall_at_1: float
    recall_at_3: float
    mrr: float

    @classmethod
    def of(cls, outcomes: list[Outcome]) -> Metrics:
        count = len(outcomes)
        if count == 0:
            return cls(0, 0.0, 0.0, 0.0)
        ranks = [outcome.rank for outcome in outcomes]
        return cls(
            count=count,
            recall_at_1=round(sum(rank == 1 for rank in ranks) / count, 4),
            recall_at_3=round(sum(outcome.in_top_3 for outcome in outcomes) / count, 4),
            mrr=round(sum(1 / rank for rank in ranks if rank) / count, 4),
        )


@dataclass(frozen=True)
class EvalReport:
    outcomes: list[Outcome]

    def metrics(self) -> dict[str, Metrics]:
        """Metrics per group that has answerable cases (all, en, zh with zh-Hant and mixed,
        each alone)."""
        result = {}
        for group, languages in GROUPS.items():
            members = [
                outcome
                for outcome in self.outcomes
                if outcome.answerable and outcome.case.lang in languages
            ]
            if members:
                result[group] = Metrics.of(members)
        return result

    def misses(self) -> list[Outcome]:
        """Answerable cases whose expected article was not ranked first."""
        return [outcome for outcome in self.outcomes if outcome.answerable and outcome.rank != 1]

    def off_topic(self) -> list[Outcome]:
        """The tickets no article answers."""
        return [outcome for outcome in self.outcomes if not outcome.answerable]

    def confusion(self) -> dict[str, Counter[str]]:
        """For each expected article missed at rank 1, what ranked first instead (or
        "(nothing)"), most often first: where an article lacks its users' words."""
        confused: dict[str, Counter[str]] = {}
        for miss in self.misses():
            first = miss.slugs[0] if miss.ranked else "(nothing)"
            confused.setdefault(miss.case.expected[0], Counter())[first] += 1
        return dict(sorted(confused.items(), key=lambda item: -item[1].total()))


@dataclass(frozen=True)
class Band:
    """The tickets whose first suggestion's confidence falls in one band: how many, how
    many of those were right, how many were off-topic (no article answers them)."""

    label: str
    tickets: int
    right: int
    off_topic: int


def calibration(outcomes: list[Outcome]) -> list[Band]:
    """How often a first suggestion of each confidence band is right: what the agents can
    read the number as. Tickets with no suggestion at all are left out."""
    bands = []
    upper = float("inf")
    for lower, label in CONFIDENCE_BANDS:
        members = [
            outcome
            for outcome in outcomes
            if outcome.ranked and lower <= outcome.ranked[0].confidence < upper
        ]
        right = sum(outcome.rank == 1 for outcome in members if outcome.answerable)
        off_topic = sum(not outcome.answerable for outcome in members)
        bands.append(Band(label, len(members), right, off_topic))
        upper = lower
    return bands


def read_cases(path: Path, known_slugs: set[str]) -> list[EvalCase]:
    """Parse the file; BadEvalLines names every bad line, InvalidEvalFile an unreadable
    or empty file."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidEvalFile(f"{path}: cannot read ({error})") from None
    cases: list[EvalCase] = []
    problems: list[tuple[int, str]] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            cases.append(parse_case(number, line, known_slugs))
        except ValueError as error:
            problems.append((number, str(error)))
    if problems:
        raise BadEvalLines(path, problems)
    if not cases:
        raise InvalidEvalFile(f"{path}: no tickets to evaluate")
    return cases


def parse_case(number: int, line: str, known_slugs: set[str]) -> EvalCase:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"not valid JSON ({error.msg})") from None
    if not isinstance(record, dict):
        raise ValueError("each line must be a JSON object")
    missing = [field for field in ("id", "lang", "text", "expected") if field not in record]
    if missing:
        raise ValueError(f"missing field(s): {', '.join(missing)}")
    if record["lang"] not in LABELS:
        raise ValueError(f"unknown lang {record['lang']!r}; use one of: {', '.join(LABELS)}")
    expected = record["expected"]
    if not isinstance(expected, list):
        raise ValueError("'expected' must be a list of article slugs (empty: none answers)")
    unknown = [slug for slug in expected if slug not in known_slugs]
    if unknown:
        raise ValueError(f"unknown article slug(s): {', '.join(map(str, unknown))}")
    if not isinstance(record["text"], str) or not record["text"].strip():
        raise ValueError("'text' must be a non-empty string")
    subject = record.get("subject")
    if subject is not None and not isinstance(subject, str):
        raise ValueError("'subject', when given, must be a string")
    return EvalCase(
        number, str(record["id"]), record["lang"], record["text"], tuple(expected), subject
    )


def evaluate(cases: list[EvalCase], rank: Callable[[EvalCase], list[RankedArticle]]) -> EvalReport:
    """Run ``rank`` (ticket -> ranked articles) on every case."""
    return EvalReport([Outcome(case, tuple(rank(case)[:RANKS_KEPT])) for case in cases])


def comparison_markdown(base: EvalReport, head: EvalReport, title: str) -> str:
    """A Markdown table of Recall@3 and MRR per group, this tree against its base.

    Written for a pull request's job summary, and readable in a terminal too.
    """
    base_metrics, head_metrics = base.metrics(), head.metrics()
    lines = [
        f"### {title}",
        "",
        "| group | tickets | Recall@3 | change | MRR | change |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for group, now in head_metrics.items():
        before = base_metrics.get(group, Metrics(now.count, 0.0, 0.0, 0.0))
        lines.append(
            f"| {group} | {now.count} | {now.recall_at_3:.3f} "
            f"| {signed_change(now.recall_at_3 - before.recall_at_3)} "
            f"| {now.mrr:.3f} | {signed_change(now.mrr - before.mrr)} |"
        )
    base_misses = {outcome.case.id for outcome in base.misses() if not outcome.in_top_3}
    head_misses = {outcome.case.id for outcome in head.misses() if not outcome.in_top_3}
    for label, ids in (
        ("Now outside the top 3", head_misses - base_misses),
        ("Now inside the top 3", base_misses - head_misses),
    ):
        if ids:
            lines += ["", f"{label}: {', '.join(sorted(ids))}"]
    return "\n".join(lines) + "\n"


def signed_change(value: float) -> str:
    """``+0.024``, ``-0.010``; no change reads ``±0``, so a glance finds the moves."""
    return "±0" if abs(value) < 0.0005 else f"{value:+.3f}"
