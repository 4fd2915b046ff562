"""`kb eval`: the quality floor on labelled tickets, metrics, and bad lines named by number."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kb.cli import app
from kb.errors import BadEvalLines
from kb.evaluation import (
    EvalCase,
    EvalReport,
    Metrics,
    Outcome,
    RankedArticle,
    calibration,
    read_cases,
)
from tests.support.paths import SHARED_EVAL, TICKETS

# The targets of the search issue; a change that drops below them fails CI.
FLOOR = {"recall_at_3": 0.95, "mrr": 0.85}
# Real users' tickets: a floor at what each ranking reaches now, per language.
REAL_TICKETS = SHARED_EVAL / "real_dev_tickets.jsonl"
# Measured with 44 FAQs, each ranked by its two best passages and BM25 at k1 = 6 (README,
# "Quality"); a little under the figures, which move by a ticket between processors.
REAL_FLOOR = {
    "bm25": {"en": {"recall_at_3": 0.73, "mrr": 0.60}, "zh": {"recall_at_3": 0.59, "mrr": 0.50}},
    "hybrid": {"en": {"recall_at_3": 0.80, "mrr": 0.71}, "zh": {"recall_at_3": 0.66, "mrr": 0.55}},
}
RANKINGS = ["bm25", pytest.param("hybrid", marks=pytest.mark.slow)]


def run_eval(
    path: Path, cache: Path, *options: str, ranking: str = "--bm25"
) -> dict[str, dict[str, float]]:
    """`kb --bm25|--semantic eval PATH --json`: the metrics per language."""
    result = CliRunner().invoke(
        app, [ranking, "eval", str(path), "--json", *options], env={"KB_CACHE_DIR": str(cache)}
    )
    assert result.exit_code == 0, result.output
    metrics: dict[str, dict[str, float]] = json.loads(result.stdout)["metrics"]
    return metrics


@pytest.fixture(params=RANKINGS)
def ranked_by(request: pytest.FixtureRequest, index_cache: Path) -> tuple[str, Path]:
    """Each ranking in turn, as `kb --bm25|--semantic eval` flags it, and its cache (with
    the semantic index built once per run for the hybrid one)."""
    if request.param == "hybrid":
        return "--semantic", request.getfixturevalue("semantic_cache")
    return "--bm25", index_cache


def run_ranked_eval(path: Path, ranked_by: tuple[str, Path]) -> dict[str, dict[str, float]]:
    flag, cache = ranked_by
    return run_eval(path, cache, ranking=flag)


@pytest.mark.parametrize("tickets", ["dev_tickets.jsonl", "own_tickets.jsonl"])
def test_suggestion_quality_stays_above_the_floor(
    tickets: str, ranked_by: tuple[str, Path]
) -> None:
    metrics = run_ranked_eval(TICKETS / tickets, ranked_by)

    for group in ("en", "zh"):
        assert metrics[group]["recall_at_3"] >= FLOOR["recall_at_3"], (group, metrics[group])
        assert metrics[group]["mrr"] >= FLOOR["mrr"], (group, metrics[group])


def test_eval_prints_a_table_per_language_and_lists_misses(index_cache: Path) -> None:
    result = CliRunner().invoke(
        app, ["eval", str(TICKETS / "own_tickets.jsonl")], env={"KB_CACHE_DIR": str(index_cache)}
    )

    lines = result.stdout.splitlines()
    assert lines[0].split() == ["n", "R@1", "R@3", "MRR"]
    assert [line.split()[0] for line in lines[1:6]] == ["all", "en", "zh", "zh-Hant", "mixed"]
    assert lines[1].split()[1] == "14"


def test_fail_under_exits_1_when_recall_is_too_low(index_cache: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["eval", str(TICKETS / "own_tickets.jsonl"), "--fail-under", "1.01"],
        env={"KB_CACHE_DIR": str(index_cache)},
    )

    assert result.exit_code == 1
    assert "Recall@3 below 1.01 for: all, en, zh" in result.stderr


def test_bad_lines_are_reported_with_their_numbers(tmp_path: Path) -> None:
    tickets = tmp_path / "tickets.jsonl"
    good = {"id": "t1", "lang": "en", "text": "stuck", "expected": ["transaction-pending"]}
    tickets.write_text(
        "\n".join(
            [
                json.dumps(good),
                "{not json",
                json.dumps({**good, "expected": ["no-such-article"]}),
                "",
                json.dumps({**good, "lang": "fr"}),
                json.dumps({"id": "t5", "text": "x"}),
                json.dumps({**good, "subject": ["not", "text"]}),
                json.dumps({**good, "subject": "Stuck transfer"}),
            ]
        ),
        encoding="utf-8",
    )

    with pytest.raises(BadEvalLines) as raised:
        read_cases(tickets, {"transaction-pending"})

    assert [line for line, _ in raised.value.problems] == [2, 3, 5, 6, 7]
    messages = [message for _, message in raised.value.problems]
    assert messages[0].startswith("not valid JSON")
    assert messages[1] == "unknown article slug(s): no-such-article"
    assert messages[2].startswith("unknown lang 'fr'")
    assert messages[3] == "missing field(s): lang, expected"
    assert messages[4] == "'subject', when given, must be a string"


def test_a_ticket_may_carry_its_subject(tmp_path: Path) -> None:
    tickets = tmp_path / "tickets.jsonl"
    case = {"id": "t1", "lang": "en", "text": "still nothing", "expected": ["transaction-pending"]}
    tickets.write_text(json.dumps({**case, "subject": "Transfer stuck"}), encoding="utf-8")

    [read] = read_cases(tickets, {"transaction-pending"})

    assert (read.text, read.subject) == ("still nothing", "Transfer stuck")


def outcome(ranked: tuple[str, ...], expected: tuple[str, ...] = ("right",)) -> Outcome:
    articles = tuple(RankedArticle(slug, 0.5, ("word",)) for slug in ranked)
    return Outcome(EvalCase(1, "t", "en", "text", expected), articles)


def test_metrics_are_recall_at_1_and_3_and_mean_reciprocal_rank() -> None:
    outcomes = [
        outcome(("right",)),
        outcome(("a", "b", "right")),
        outcome(("a", "b", "c", "right")),
    ]

    metrics = Metrics.of(outcomes)

    assert (metrics.recall_at_1, metrics.recall_at_3) == (round(1 / 3, 4), round(2 / 3, 4))
    assert metrics.mrr == round((1 + 1 / 3 + 1 / 4) / 3, 4)


def test_off_topic_tickets_count_apart_and_a_confident_answer_counts_against() -> None:
    quiet = Outcome(EvalCase(1, "o1", "en", "pizza?", ()), (RankedArticle("card-top-up", 0.1),))
    fooled = Outcome(EvalCase(2, "o2", "en", "my order", ()), (RankedArticle("card-top-up", 0.6),))
    unanswered = Outcome(EvalCase(3, "o3", "zh", "天气", ()), ())
    report = EvalReport([quiet, fooled, unanswered, outcome(("right",))])

    assert report.metrics()["all"].count == 1
    assert [item.case.id for item in report.off_topic()] == ["o1", "o2", "o3"]
    assert [item.confident for item in report.off_topic()] == [False, True, False]
    assert report.misses() == []


def test_the_confusion_summary_says_what_ranked_first_instead() -> None:
    report = EvalReport(
        [
            outcome(("memo", "right")),
            outcome(("memo",)),
            outcome(("fees", "right")),
            outcome((), ("other",)),
            outcome(("right",)),
        ]
    )

    assert {expected: dict(instead) for expected, instead in report.confusion().items()} == {
        "right": {"memo": 2, "fees": 1},
        "other": {"(nothing)": 1},
    }
    assert list(report.confusion()) == ["right", "other"]  # the most confused first


def test_real_tickets_stay_above_their_floor(ranked_by: tuple[str, Path]) -> None:
    """The real users' tickets of ../shared (read where they are, never copied): the floor
    is what the search reached, so a change that loses ground on them fails."""
    if not REAL_TICKETS.exists():
        pytest.skip(f"{REAL_TICKETS} is not beside the checkout (CI has it); not measured")
    metrics = run_ranked_eval(REAL_TICKETS, ranked_by)

    floors = REAL_FLOOR["hybrid" if ranked_by[0] == "--semantic" else "bm25"]
    for group, floor in floors.items():
        assert metrics[group]["recall_at_3"] >= floor["recall_at_3"], (group, metrics[group])
        assert metrics[group]["mrr"] >= floor["mrr"], (group, metrics[group])


def test_several_files_are_one_table_side_by_side(index_cache: Path) -> None:
    files = [str(TICKETS / "own_tickets.jsonl"), str(TICKETS / "offtopic_tickets.jsonl")]
    result = CliRunner().invoke(
        app, ["eval", *files], env={"KB_CACHE_DIR": str(index_cache), "COLUMNS": "200"}
    )

    assert result.exit_code == 0, result.output
    summary, calibration_table = result.stdout.split("confidence calibration")
    assert ">= 0.5 (answer)" in calibration_table
    rows = [line for line in summary.splitlines() if line.startswith("│")]
    cells = [[cell.strip() for cell in row.strip("│").split("│")] for row in rows]
    assert [row[:3] for row in cells] == [
        ["own_tickets.jsonl", "en", "6"],
        ["own_tickets.jsonl", "zh", "8"],
        ["offtopic_tickets.jsonl", "off-topic", "24"],
    ]


def test_calibration_counts_first_suggestions_per_confidence_band() -> None:
    def first(confidence: float, slug: str, expected: tuple[str, ...]) -> Outcome:
        return Outcome(EvalCase(1, "t", "en", "x", expected), (RankedArticle(slug, confidence),))

    outcomes = [
        first(0.9, "right", ("right",)),
        first(0.6, "wrong", ("right",)),
        first(0.3, "right", ("right",)),
        first(0.1, "card-top-up", ()),
        first(0.0, "right", ("right",)),
        Outcome(EvalCase(2, "n", "en", "x", ()), ()),  # nothing suggested: left out
    ]

    bands = calibration(outcomes)

    assert [(band.tickets, band.right, band.off_topic) for band in bands] == [
        (2, 1, 0),
        (1, 1, 0),
        (2, 1, 1),
    ]
