"""``kb eval``: suggestion quality on labelled tickets, alone or against a base checkout.

With one file it prints the figures, the confusion summary (what ranked first instead of
each missed article) and every miss with the words that matched; with several, one table
of all of them side by side.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kb.cli.context import command_settings, open_knowledge_base
from kb.cli.output import new_table, print_json, print_table
from kb.config import Settings

if TYPE_CHECKING:
    from kb.evaluation import EvalReport, Metrics, Outcome
    from kb.suggest import Suggester

app = typer.Typer()
# The groups a --fail-under floor applies to, and those a summary of several files shows.
GATED_GROUPS = ("all", "en", "zh")
SUMMARY_GROUPS = ("en", "zh")


@app.command("eval")
def evaluate_command(
    ctx: typer.Context,
    files: Annotated[
        list[Path], typer.Argument(help="JSON Lines of {id, lang, text, expected: [slug]}.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for machines.")] = False,
    public: Annotated[
        bool, typer.Option("--public", help="Search public articles only (the help site's view).")
    ] = False,
    fail_under: Annotated[
        float | None,
        typer.Option(help="Exit 1 when Recall@3 of all, en or zh is below this (for CI)."),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            help="A checkout of the base branch (its articles/ and locales/): print the change "
            "in Recall@3 and MRR against it as Markdown, for a pull request.",
        ),
    ] = None,
    compare: Annotated[
        bool,
        typer.Option("--compare", help="BM25 alone and hybrid side by side (several files)."),
    ] = False,
) -> None:
    """Measure suggestion quality: Recall@1, Recall@3 and MRR, overall and per language.

    The ranking is hybrid (BM25 and the semantic stage; its index is built first if need
    be) unless KB_SEMANTIC=off.
    """
    settings = command_settings(ctx)
    suggester = open_suggester(settings)
    reports = {file: evaluate_file(file, suggester, public) for file in files}
    if compare:
        bm25 = open_suggester(settings.model_copy(update={"semantic": False}))
        print_comparison({file: evaluate_file(file, bm25, public) for file in files}, reports)
        print_calibration(reports)
        return
    if baseline is not None:
        print_against_baseline(reports, settings, baseline, public)
    elif as_json:
        json_reports = {file.name: report_json(report) for file, report in reports.items()}
        print_json(json_reports[files[0].name] if len(files) == 1 else json_reports)
    elif len(files) == 1:
        print_report(reports[files[0]])
    else:
        print_summary(reports)
        print_calibration(reports)
    if fail_under is not None:
        for report in reports.values():
            check_floor(report.metrics(), fail_under)


def open_suggester(settings: Settings) -> Suggester:
    """The articles the settings name, opened once for every file (the semantic index
    built first when it is on and not cached)."""
    from kb.suggest import Suggester

    return Suggester(open_knowledge_base(settings, semantic="build"))


def evaluate_file(
    file: Path, suggester: Suggester, public: bool, known_slugs: set[str] | None = None
) -> EvalReport:
    """The labelled tickets of ``file`` against the suggester's articles."""
    from kb.evaluation import RANKS_KEPT, EvalCase, RankedArticle, evaluate, read_cases

    knowledge = suggester.knowledge
    # A base tree may lack an article the tickets expect (the one being added).
    cases = read_cases(file, known_slugs or set(knowledge.catalogue.articles))

    def rank(case: EvalCase) -> list[RankedArticle]:
        """The FAQs' ranking, or the runbooks' for a ticket that only a runbook answers
        (an agent's own question): each list is ranked apart."""
        found = suggester.suggest(
            case.text, None, RANKS_KEPT, include_internal=not public, subject=case.subject
        )
        wants_runbook = case.expected and not any(
            knowledge.catalogue.articles[slug].is_public for slug in case.expected
        )
        return [
            RankedArticle(item.id, item.confidence or 0.0, tuple(m.term for m in item.matched))
            for item in (found.runbooks if wants_runbook else found.articles)
        ]

    return evaluate(cases, rank)


def print_against_baseline(
    reports: dict[Path, EvalReport], settings: Settings, baseline: Path, public: bool
) -> None:
    """Each file's change in Recall@3 and MRR against another checkout, as Markdown."""
    from kb.evaluation import comparison_markdown

    base = open_suggester(
        settings.model_copy(
            update={"articles_dir": baseline / "articles", "locales_dir": baseline / "locales"}
        )
    )
    for file, report in reports.items():
        slugs = {slug for outcome in report.outcomes for slug in outcome.case.expected}
        base_report = evaluate_file(file, base, public, slugs)
        title = f"Suggestion quality on {file.name}, change against the baseline"
        typer.echo(comparison_markdown(base_report, report, title), nl=False)


def print_report(report: EvalReport) -> None:
    typer.echo(f"{'':8} {'n':>4} {'R@1':>6} {'R@3':>6} {'MRR':>6}")
    for group, figures in report.metrics().items():
        typer.echo(
            f"{group:8} {figures.count:>4} {figures.recall_at_1:>6.3f} "
            f"{figures.recall_at_3:>6.3f} {figures.mrr:>6.3f}"
        )
    off_topic = report.off_topic()
    if off_topic:
        confident = [outcome.case.id for outcome in off_topic if outcome.confident]
        typer.echo(
            f"off-topic {len(off_topic)} tickets, {len(confident)} answered with confidence "
            f">= 0.25{': ' + ', '.join(confident) if confident else ''}"
        )
    for expected, instead in report.confusion().items():
        firsts = ", ".join(f"{slug} {count}" for slug, count in instead.most_common())
        typer.echo(f"confused {expected} -> {firsts}")
    for miss in report.misses():
        typer.echo(describe_miss(miss))


def describe_miss(miss: Outcome) -> str:
    """A miss, its top three, and the words that made the first one win."""
    top = ", ".join(miss.slugs[:3]) or "nothing"
    line = (
        f"miss {miss.case.id} ({miss.case.lang}, line {miss.case.line}): expected "
        f"{'/'.join(miss.case.expected)} at rank {miss.rank or '-'}; top 3: {top}"
    )
    if miss.ranked:
        first = miss.ranked[0]
        line += f"; {first.slug} matched: {', '.join(first.matched) or '-'}"
    return line


def print_summary(reports: dict[Path, EvalReport]) -> None:
    """One table of every file, per language; off-topic files say how many were answered."""
    columns = ("tickets", "lang", "#n", "#R@1", "#R@3", "#MRR", "#answered")
    table = new_table("suggestion quality (off-topic: how many got a confident answer)", *columns)
    for file, report in reports.items():
        metrics = report.metrics()
        for group in SUMMARY_GROUPS:
            if group in metrics:
                figures = metrics[group]
                table.add_row(
                    file.name, group, str(figures.count), f"{figures.recall_at_1:.3f}",
                    f"{figures.recall_at_3:.3f}", f"{figures.mrr:.3f}",
                )  # fmt: skip
        off_topic = report.off_topic()
        if off_topic:
            confident = sum(outcome.confident for outcome in off_topic)
            table.add_row(
                file.name, "off-topic", str(len(off_topic)), "-", "-", "-", str(confident)
            )
    print_table(table)


def print_calibration(reports: dict[Path, EvalReport]) -> None:
    """Every file's tickets together: how often the first FAQ is right in each confidence
    band, and where the off-topic tickets fell."""
    from kb.evaluation import calibration

    outcomes = [outcome for report in reports.values() for outcome in report.outcomes]
    columns = ("first FAQ's confidence", "#tickets", "#right first", "#share right", "#off-topic")
    table = new_table("confidence calibration, all files", *columns)
    for band in calibration(outcomes):
        answerable = band.tickets - band.off_topic
        share = f"{band.right / answerable:.2f}" if answerable else "-"
        table.add_row(band.label, str(band.tickets), str(band.right), share, str(band.off_topic))
    print_table(table)


def print_comparison(bm25: dict[Path, EvalReport], hybrid: dict[Path, EvalReport]) -> None:
    """Every file per language, BM25 alone then hybrid: Recall@1, Recall@3, MRR."""
    columns = ("tickets", "lang", "#n", "#BM25 R@1", "#R@3", "#MRR", "#hybrid R@1", "#R@3", "#MRR")
    table = new_table("suggestion quality, BM25 alone and hybrid", *columns)
    for file, report in hybrid.items():
        before, after = bm25[file].metrics(), report.metrics()
        for group in SUMMARY_GROUPS:
            if group in after:
                cells = [f"{value:.3f}" for m in (before[group], after[group])
                         for value in (m.recall_at_1, m.recall_at_3, m.mrr)]  # fmt: skip
                table.add_row(file.name, group, str(after[group].count), *cells)
        off_topic = (bm25[file].off_topic(), report.off_topic())
        if off_topic[1]:
            confident = [str(sum(outcome.confident for outcome in side)) for side in off_topic]
            table.add_row(
                file.name, "off-topic", str(len(off_topic[1])),
                f"{confident[0]} confident", "", "", f"{confident[1]} confident",
            )  # fmt: skip
    print_table(table)


def report_json(report: EvalReport) -> dict[str, object]:
    """The figures per group, the off-topic tickets answered, the confusion summary and every
    ticket not ranked first, for machines."""
    off_topic = report.off_topic()
    return {
        "metrics": {group: vars(metrics) for group, metrics in report.metrics().items()},
        "off_topic": {
            "count": len(off_topic),
            "confident": [outcome.case.id for outcome in off_topic if outcome.confident],
        },
        "confusion": {expected: dict(instead) for expected, instead in report.confusion().items()},
        "misses": [
            {
                "id": miss.case.id,
                "line": miss.case.line,
                "lang": miss.case.lang,
                "expected": list(miss.case.expected),
                "rank": miss.rank,
                "top3": list(miss.slugs[:3]),
                "matched": list(miss.ranked[0].matched) if miss.ranked else [],
            }
            for miss in report.misses()
        ],
    }


def check_floor(metrics: dict[str, Metrics], fail_under: float) -> None:
    """Exit 1, naming the groups, when Recall@3 of any gated group is under the floor."""
    failing = [
        group
        for group in GATED_GROUPS
        if group in metrics and metrics[group].recall_at_3 < fail_under
    ]
    if failing:
        typer.echo(f"Recall@3 below {fail_under} for: {', '.join(failing)}", err=True)
        raise typer.Exit(1)
