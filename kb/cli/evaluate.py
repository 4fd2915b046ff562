"""``kb eval``: suggestion quality on labelled tickets, alone or against a base checkout."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kb.cli.context import command_settings, open_knowledge_base
from kb.cli.output import print_json
from kb.config import Settings

if TYPE_CHECKING:
    from kb.evaluation import EvalReport, Metrics

app = typer.Typer()
# The groups a --fail-under floor applies to.
GATED_GROUPS = ("all", "en", "zh")


@app.command("eval")
def evaluate_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="JSON Lines of {id, lang, text, expected: [slug]}.")],
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
) -> None:
    """Measure suggestion quality: Recall@1, Recall@3 and MRR, overall and per language."""
    from kb.evaluation import comparison_markdown

    settings = command_settings(ctx)
    report = evaluate_tree(file, settings, public)
    if baseline is not None:
        base_settings = settings.model_copy(
            update={"articles_dir": baseline / "articles", "locales_dir": baseline / "locales"}
        )
        slugs = {slug for outcome in report.outcomes for slug in outcome.case.expected}
        base_report = evaluate_tree(file, base_settings, public, slugs)
        title = f"Suggestion quality on {file.name}, change against the baseline"
        typer.echo(comparison_markdown(base_report, report, title), nl=False)
    elif as_json:
        print_json(report_json(report))
    else:
        print_report(report)
    if fail_under is not None:
        check_floor(report.metrics(), fail_under)


def evaluate_tree(
    file: Path, settings: Settings, public: bool, known_slugs: set[str] | None = None
) -> EvalReport:
    """The labelled tickets of ``file`` against the articles the settings name."""
    from kb.evaluation import RANKS_KEPT, EvalCase, evaluate, read_cases
    from kb.suggest import Suggester

    knowledge = open_knowledge_base(settings)
    suggester = Suggester(knowledge)
    # A base tree may lack an article the tickets expect (the one being added).
    cases = read_cases(file, known_slugs or set(knowledge.catalogue.articles))

    def rank(case: EvalCase) -> list[str]:
        """The FAQs' ranking, or the runbooks' for a ticket that only a runbook answers
        (an agent's own question): each list is ranked apart."""
        found = suggester.suggest(case.text, None, RANKS_KEPT, include_internal=not public)
        wants_faq = any(knowledge.catalogue.articles[slug].is_public for slug in case.expected)
        ranked = found.articles if wants_faq else found.runbooks
        return [item.id for item in ranked]

    return evaluate(cases, rank)


def print_report(report: EvalReport) -> None:
    typer.echo(f"{'':8} {'n':>4} {'R@1':>6} {'R@3':>6} {'MRR':>6}")
    for group, figures in report.metrics().items():
        typer.echo(
            f"{group:8} {figures.count:>4} {figures.recall_at_1:>6.3f} "
            f"{figures.recall_at_3:>6.3f} {figures.mrr:>6.3f}"
        )
    for miss in report.misses():
        top = ", ".join(miss.ranked[:3]) or "nothing"
        typer.echo(
            f"miss {miss.case.id} ({miss.case.lang}, line {miss.case.line}): expected "
            f"{'/'.join(miss.case.expected)} at rank {miss.rank or '-'}; top 3: {top}"
        )


def report_json(report: EvalReport) -> dict[str, object]:
    """The figures per group and every ticket not ranked first, for machines."""
    return {
        "metrics": {group: vars(metrics) for group, metrics in report.metrics().items()},
        "misses": [
            {
                "id": miss.case.id,
                "line": miss.case.line,
                "lang": miss.case.lang,
                "expected": list(miss.case.expected),
                "rank": miss.rank,
                "top3": list(miss.ranked[:3]),
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
