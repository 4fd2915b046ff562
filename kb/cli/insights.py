"""``kb insights trends|gaps|feedback`` and ``kb known-issues``: what support leads run.

Each report prints a table for people and, with ``--json``, the API's JSON.
"""

from __future__ import annotations

import getpass
from typing import TYPE_CHECKING, Annotated

import typer

from kb.cli.context import command_settings, open_database, open_knowledge_base
from kb.cli.output import new_table, print_model, print_table
from kb.known_issues import IssueState

if TYPE_CHECKING:
    from kb.insights.feedback import FeedbackReport
    from kb.insights.gaps import Gap
    from kb.insights.trends import TrendReport
    from kb.store.known_issues import KnownIssueReport

insights_app = typer.Typer(
    help="What users ask about now: trends and spikes, content gaps, agents' ratings.",
    no_args_is_help=True,
)
known_issues_app = typer.Typer(
    help="Known issues (incident mode): matching tickets get the issue's reply first.",
    no_args_is_help=True,
)

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON, as the API does.")]


def figure(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


@insights_app.command("trends")
def trends(
    ctx: typer.Context,
    window: Annotated[str, typer.Option(help="The recent window: 30m, 1h, 6h, 1d.")] = "1h",
    days: Annotated[int, typer.Option(help="Baseline: the same window on this many days.")] = 7,
    alpha: Annotated[float, typer.Option(help="Significance, before Bonferroni.")] = 0.01,
    min_count: Annotated[int, typer.Option(help="Fewest tickets for a spike.")] = 5,
    min_ratio: Annotated[float, typer.Option(help="Least recent/expected for a spike.")] = 2.0,
    as_json: JsonOption = False,
) -> None:
    """Tickets per top article and language, and the spikes (Poisson test) of the window."""
    from api.schemas.insights import TrendsOut
    from kb.insights.trends import SpikeTest, parse_window
    from kb.store import insight_queries

    test = SpikeTest(parse_window(window), days, alpha, min_count, min_ratio)
    with open_database(command_settings(ctx)) as engine:
        report = insight_queries.trends(engine, test)
    if as_json:
        print_model(TrendsOut.model_validate(report))
    else:
        print_trends(report, window)


def print_trends(report: TrendReport, window: str) -> None:
    test = report.test
    title = (
        f"last {window} against the same {window} on {report.history_days} previous day(s); "
        f"spike: p < {report.threshold:.2g}, ≥ {test.min_count} tickets, "
        f"≥ {test.min_ratio}× expected"
    )
    table = new_table(title, "article", "lang", "#recent", "#expected", "#ratio", "#p", "per day")
    for trend in report.trends:
        name = f"[bold red]{trend.article} SPIKE[/]" if trend.spike else trend.article
        table.add_row(
            name,
            trend.language,
            str(trend.recent),
            figure(trend.expected),
            figure(trend.ratio, 1),
            "-" if trend.p_value is None else f"{trend.p_value:.2g}",
            " ".join(str(count) for count in trend.daily),
        )
    print_table(table)
    spikes = len(report.spikes)
    typer.echo(f"{spikes} spike(s)" if spikes else "no spikes", err=True)


@insights_app.command("gaps")
def gaps(
    ctx: typer.Context,
    days: Annotated[int, typer.Option(help="Look at this many days of tickets.")] = 7,
    below: Annotated[
        float | None,
        typer.Option(help="Weak: the best match's confidence is under this. [default: 0.4]"),
    ] = None,
    limit: Annotated[int, typer.Option(help="How many groups.")] = 20,
    as_json: JsonOption = False,
) -> None:
    """Tickets no article answered well, grouped by the words they share: new articles
    or keywords to write."""
    from api.schemas.insights import GapsOut
    from kb.insights.gaps import WEAK_CONFIDENCE
    from kb.store import insight_queries

    bound = WEAK_CONFIDENCE if below is None else below
    settings = command_settings(ctx)
    # Gaps read the words of logged tickets: the BM25 index's rarity, no model.
    knowledge = open_knowledge_base(settings.model_copy(update={"semantic": False}))
    with open_database(settings) as engine:
        found = insight_queries.gaps(
            engine, knowledge.tokenizer, knowledge.index.rarity, days, bound, limit
        )
    if as_json:
        print_model(GapsOut.of(days, bound, found))
    else:
        print_gaps(found, days)


def print_gaps(found: list[Gap], days: int) -> None:
    table = new_table(f"weak matches of the last {days} day(s)", "#", "lang", "term", "#tickets")
    table.add_column("related words and examples")
    for number, gap in enumerate(found, 1):
        examples = "\n".join(f"[dim]“{example}”[/]" for example in gap.examples)
        detail = f"{', '.join(gap.related)}\n{examples}"
        table.add_row(str(number), gap.language, gap.term, str(gap.tickets), detail)
    print_table(table)
    if not found:
        typer.echo("no gaps: every ticket found an article", err=True)


@insights_app.command("feedback")
def feedback(
    ctx: typer.Context,
    days: Annotated[int, typer.Option(help="Look at this many days.")] = 30,
    as_json: JsonOption = False,
) -> None:
    """Per article and language: suggested, ranked first, used, rated helpful or not."""
    from api.schemas.insights import FeedbackOut
    from kb.store import insight_queries

    with open_database(command_settings(ctx)) as engine:
        report = insight_queries.feedback(engine, days)
    if as_json:
        print_model(FeedbackOut.of(days, report))
    else:
        print_feedback(report, days)


def print_feedback(report: FeedbackReport, days: int) -> None:
    columns = ("article", "lang", "#suggested", "#first", "#used", "#helpful", "#not helpful")
    table = new_table(f"the last {days} day(s)", *columns, "#rejected")
    for entry in report.articles:
        rejected = entry.rejection_rate
        table.add_row(
            entry.article,
            entry.language,
            *(str(count) for count in (entry.suggested, entry.ranked_first, entry.used)),
            str(entry.helpful),
            str(entry.not_helpful),
            "-" if rejected is None else f"{rejected:.0%}",
        )
    print_table(table)
    if report.most_rejected:
        worst = ", ".join(f"{entry.article} ({entry.language})" for entry in report.most_rejected)
        typer.echo(f"rejected most: {worst}", err=True)


@known_issues_app.command("open")
def open_command(
    ctx: typer.Context,
    title: Annotated[str, typer.Option(help="What is wrong, for agents and the list.")],
    reply_en: Annotated[str, typer.Option(help="The English reply (template placeholders ok).")],
    reply_zh: Annotated[str, typer.Option(help="The Simplified Chinese reply.")],
    term: Annotated[
        list[str] | None,
        typer.Option(help="A ticket holding every word of it matches (repeatable)."),
    ] = None,
    example: Annotated[
        list[str] | None,
        typer.Option(help="An example ticket; similar tickets match (repeatable)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Open a known issue: from now on, matching tickets get its reply first."""
    from api.schemas.known_issues import KnownIssueOut
    from kb.known_issues import IssueDraft, check_issue_draft
    from kb.store.known_issues import open_known_issue
    from kb.text.messages import Messages
    from kb.text.tokens import Tokenizer

    settings = command_settings(ctx)
    draft = IssueDraft(title, term or [], example or [], reply_en, reply_zh)
    # Only the tokenizer and the markers' messages: no need for the search index here.
    issue = check_issue_draft(
        draft, Tokenizer(settings.locales_dir), Messages(settings.locales_dir)
    )
    with open_database(settings) as engine:
        report = open_known_issue(engine, issue, f"cli:{getpass.getuser()}")
    if as_json:
        print_model(KnownIssueOut.model_validate(report))
        return
    typer.echo(report.id)
    typer.echo(f"known issue {report.id} open: {report.title}", err=True)


@known_issues_app.command("list")
def list_command(
    ctx: typer.Context,
    state: Annotated[IssueState, typer.Option(help="open, closed or all.")] = "open",
    as_json: JsonOption = False,
) -> None:
    """Known issues, newest first, with how many tickets got each one's reply."""
    from api.schemas.known_issues import KnownIssueList
    from kb.store.known_issues import known_issue_reports

    with open_database(command_settings(ctx)) as engine:
        reports = known_issue_reports(engine, state)
    if as_json:
        print_model(KnownIssueList(known_issues=reports))
        return
    table = new_table(f"{state} known issues", "#id", "title", "state", "#tickets", "opened")
    for report in reports:
        table.add_row(*issue_row(report))
    print_table(table)
    if not reports:
        typer.echo(f"no {state} known issues", err=True)


def issue_row(report: KnownIssueReport) -> tuple[str, ...]:
    opened = f"{report.opened_at:%Y-%m-%d %H:%M} by {report.opened_by}"
    return str(report.id), report.title, report.state, str(report.linked_tickets), opened


@known_issues_app.command("close")
def close_command(
    ctx: typer.Context,
    issue_id: Annotated[int, typer.Argument(help="The issue's id (kb known-issues list).")],
) -> None:
    """Close a known issue: tickets get the normal suggestions again."""
    from kb.store.known_issues import close_known_issue

    with open_database(command_settings(ctx)) as engine:
        report = close_known_issue(engine, issue_id)
    typer.echo(
        f"known issue {report.id} closed; {report.linked_tickets} ticket(s) got its reply",
        err=True,
    )
