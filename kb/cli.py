"""The ``kb`` command line: thin commands over the library.

Every command turns a KBError into one message on stderr and exit code 1, in
``kb.cli_reporting``; the library never prints. ``kb keys`` and ``kb db`` live
in ``kb.cli_storage``, ``kb insights`` and ``kb known-issues`` in ``kb.cli_insights``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kb.cli_insights import insights_app, known_issues_app
from kb.cli_reporting import new_table, print_json, run_reporting_errors
from kb.cli_storage import db_app, keys_app
from kb.config import Settings

if TYPE_CHECKING:
    from kb.evaluation import EvalReport
    from kb.language import TicketLanguage
    from kb.suggest import Suggester, Suggestions

app = typer.Typer(
    help="Bilingual support knowledge base: check articles, serve the API, draft replies.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(keys_app, name="keys")
app.add_typer(db_app, name="db")
app.add_typer(insights_app, name="insights")
app.add_typer(known_issues_app, name="known-issues")

PathsArgument = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Article files or folders; default: the articles folder (KB_ARTICLES_DIR)."
    ),
]


@app.command()
def lint(
    paths: PathsArgument = None,
    list_rules: Annotated[
        bool, typer.Option("--rules", help="List the rules and what each checks, then exit.")
    ] = False,
) -> None:
    """Check articles; print one 'file:line: rule: message' line per problem.

    Exits 0 when clean, 1 when any problem is found.
    """
    from kb.lint import RULES, lint_paths

    if list_rules:
        for name, description in RULES.items():
            typer.echo(f"{name:<18} {description}")
        return
    targets = paths or [Settings().articles_dir]
    problems = run_reporting_errors(lambda: lint_paths(targets))
    cwd = Path.cwd()
    for problem in problems:
        typer.echo(problem.format(cwd))
    if problems:
        files = len({problem.path for problem in problems})
        typer.echo(f"{len(problems)} problem(s) in {files} file(s)", err=True)
        raise typer.Exit(1)
    typer.echo("no problems found", err=True)


@app.command("mark-translated")
def mark_translated(
    paths: Annotated[list[Path], typer.Argument(help="Reviewed translation files or folders.")],
) -> None:
    """Record that the Chinese files under PATHS translate the current English text.

    Run it after reviewing a translation against its English source; it clears
    the stale-translation problem for those files only.
    """
    from kb.translation import mark_translations_current

    marked = run_reporting_errors(lambda: mark_translations_current(paths))
    for path in marked:
        typer.echo(f"marked current: {os.path.relpath(path)}")
    typer.echo(f"{len(marked)} translation(s) updated", err=True)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
) -> None:
    """Serve the HTTP API. Before workers start, this process checks the articles,
    builds the search index cache and brings the database schema up to date."""
    import uvicorn

    from kb.cli_storage import upgrade_database
    from kb.metrics_dir import shared_metrics_dir

    settings = Settings()
    suggester = run_reporting_errors(lambda: open_suggester(settings))
    typer.echo(
        f"{len(suggester.catalogue.articles)} articles from {settings.articles_dir}", err=True
    )
    upgrade_database(settings)
    with shared_metrics_dir(workers):
        uvicorn.run(
            "api.main:create_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            loop="uvloop",
            http="httptools",
            # Access lines would carry /v1/search?q=..., which is what users typed.
            access_log=False,
        )


def open_suggester(settings: Settings) -> Suggester:
    from kb.catalogue import load_catalogue
    from kb.suggest import Suggester

    catalogue = load_catalogue(settings.articles_dir)
    return Suggester.open(catalogue, settings.locales_dir, settings.cache_dir, settings.site_url)


TicketArgument = Annotated[
    str | None, typer.Argument(help="The ticket text; read from standard input when omitted.")
]
LanguageOption = Annotated[
    str | None, typer.Option(help="Force the language: en, zh or zh-Hant (default: detect).")
]


@app.command()
def suggest(
    text: TicketArgument = None,
    lang: LanguageOption = None,
    limit: Annotated[int, typer.Option(help="How many articles.")] = 5,
    internal: Annotated[
        bool, typer.Option("--internal", help="Include internal runbooks (agents' view).")
    ] = False,
    values: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            metavar="NAME=VALUE",
            help="A placeholder value for the reply, e.g. --set customer_name=Wei (repeatable).",
        ),
    ] = None,
    both: Annotated[
        bool, typer.Option("--both", help="Also draft the reply in the other language.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON, as the API does.")] = False,
) -> None:
    """Suggest the articles that answer a ticket, with why each matched, and draft replies.

    Secrets in the ticket (recovery phrases, keys, card numbers) are removed first.
    """

    def run() -> None:
        ticket, forced = read_ticket(text, lang)
        context = parse_values(values or [])
        result = open_suggester(Settings()).suggest(
            ticket, forced, limit, internal, context=context, both_languages=both
        )
        if as_json:
            print_json(result.as_dict())
        else:
            print_suggestions(result)

    run_reporting_errors(run)


def read_ticket(text: str | None, lang: str | None) -> tuple[str, TicketLanguage | None]:
    """The ticket (standard input when no argument) and the forced language, if any."""
    from kb.language import parse_language

    ticket = text if text is not None else sys.stdin.read()
    return ticket, parse_language(lang) if lang else None


def parse_values(pairs: list[str]) -> dict[str, str]:
    """``NAME=VALUE`` pairs as a dict; raises UnknownPlaceholder for a bad pair or name."""
    from kb.placeholders import PLACEHOLDERS, UnknownPlaceholder

    context: dict[str, str] = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or name not in PLACEHOLDERS:
            raise UnknownPlaceholder(pair)
        context[name] = value
    return context


@app.command()
def redact(
    text: TicketArgument = None,
    lang: LanguageOption = None,
    store: Annotated[
        bool, typer.Option("--store", help="Also mask e-mails and phone numbers, as stored.")
    ] = False,
) -> None:
    """Print the ticket with recovery phrases, keys and card numbers removed.

    The kinds removed go to standard error, never the secrets themselves.
    """
    from kb.phrases import Phrases
    from kb.redact import mask_contacts
    from kb.redact import redact as redact_text

    def run() -> None:
        ticket, forced = read_ticket(text, lang)
        redaction = redact_text(ticket, Phrases(Settings().locales_dir), forced)
        typer.echo(mask_contacts(redaction.text) if store else redaction.text)
        typer.echo(f"removed: {', '.join(redaction.kinds) or 'nothing'}", err=True)

    run_reporting_errors(run)


def print_suggestions(result: Suggestions) -> None:
    from rich.console import Console

    console = Console()
    if result.redacted:
        console.print(f"[red]removed from the ticket:[/red] {', '.join(result.redacted)}")
    if result.entities:
        found = ", ".join(f"{entity.kind}={entity.value}" for entity in result.entities)
        console.print(f"[dim]mentions: {found}[/dim]", highlight=False)
    if not result.articles:
        typer.echo(f"language: {result.language}; no article matches", err=True)
        return
    columns = ("#", "article", "#confidence", "#score", "matched (field)")
    table = new_table(f"language: {result.language}", *columns)
    for number, article in enumerate(result.articles, 1):
        matched = ", ".join(
            f"{match['term']} ({'/'.join(match['fields'])})" for match in article.matched
        )
        name = f"{article.id}\n[dim]{article.title}[/dim]"
        if article.audience == "internal":
            name += "\n[yellow]internal[/yellow]"
        if article.runbooks:
            name += f"\n[dim]runbooks: {', '.join(article.runbooks)}[/dim]"
        table.add_row(
            str(number), name, f"{article.confidence:.2f}", f"{article.score:.2f}", matched
        )
    console.print(table)
    top = [reply for reply in result.replies if reply.article_id == result.articles[0].id]
    for reply in top:
        missing = f" (fill in: {', '.join(reply.missing)})" if reply.missing else ""
        console.rule(f"reply: {reply.article_id}, {reply.language}{missing}")
        console.print(reply.text, markup=False, highlight=False)


@app.command("eval")
def evaluate_command(
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
    from kb.evaluation import RANKS_KEPT, EvalCase, comparison_markdown, evaluate, read_cases

    def run(settings: Settings, known_slugs: set[str] | None = None) -> EvalReport:
        suggester = open_suggester(settings)
        # A base tree may lack an article the tickets expect (the one being added).
        cases = read_cases(file, known_slugs or set(suggester.catalogue.articles))

        def rank(case: EvalCase) -> list[str]:
            found = suggester.suggest(case.text, None, RANKS_KEPT, include_internal=not public)
            return [article.id for article in found.articles]

        return evaluate(cases, rank)

    settings = Settings()
    report = run_reporting_errors(lambda: run(settings))
    metrics = report.metrics()
    if baseline is not None:
        base_settings = settings.model_copy(
            update={"articles_dir": baseline / "articles", "locales_dir": baseline / "locales"}
        )
        slugs = {slug for outcome in report.outcomes for slug in outcome.case.expected}
        base_report = run_reporting_errors(lambda: run(base_settings, slugs))
        title = f"Suggestion quality on {file.name}, change against the baseline"
        typer.echo(comparison_markdown(base_report, report, title), nl=False)
    elif as_json:
        print_json(report.as_dict())
    else:
        typer.echo(f"{'':8} {'n':>4} {'R@1':>6} {'R@3':>6} {'MRR':>6}")
        for group, figures in metrics.items():
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
    if fail_under is not None:
        failing = [
            g for g in ("all", "en", "zh") if g in metrics and metrics[g].recall_at_3 < fail_under
        ]
        if failing:
            typer.echo(f"Recall@3 below {fail_under} for: {', '.join(failing)}", err=True)
            raise typer.Exit(1)
