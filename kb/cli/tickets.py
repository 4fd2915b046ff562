"""``kb suggest`` and ``kb redact``: one ticket through the pipeline, without a server."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from kb.cli.context import command_settings, open_knowledge_base
from kb.cli.output import new_table, print_model

if TYPE_CHECKING:
    from rich.table import Table

    from kb.suggestions import MatchedTerm, Suggestions
    from kb.text.language import TicketLanguage

app = typer.Typer()

TicketArgument = Annotated[
    str | None, typer.Argument(help="The ticket text; read from standard input when omitted.")
]
LanguageOption = Annotated[
    str | None, typer.Option(help="Force the language: en, zh or zh-Hant (default: detect).")
]


@app.command()
def suggest(
    ctx: typer.Context,
    text: TicketArgument = None,
    lang: LanguageOption = None,
    limit: Annotated[int, typer.Option(help="How many articles.")] = 5,
    subject: Annotated[
        str | None, typer.Option(help="The ticket's subject, weighed most (e-mails, helpdesks).")
    ] = None,
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
    from api.schemas.suggest import SuggestResponse
    from kb.suggest import Suggester

    ticket, forced = read_ticket(text, lang)
    context = parse_values(values or [])
    suggester = Suggester(open_knowledge_base(command_settings(ctx)))
    result = suggester.suggest(
        ticket, forced, limit, internal, context=context, both_languages=both, subject=subject
    )
    if as_json:
        # Nothing is logged here, so the answer has no suggestion id to refer to.
        print_model(SuggestResponse.of("", result), exclude={"suggestion_id"})
    else:
        print_suggestions(result)


def read_ticket(text: str | None, lang: str | None) -> tuple[str, TicketLanguage | None]:
    """The ticket (standard input when no argument) and the forced language, if any."""
    from kb.text.language import parse_language

    ticket = text if text is not None else sys.stdin.read()
    return ticket, parse_language(lang) if lang else None


def parse_values(pairs: list[str]) -> dict[str, str]:
    """``NAME=VALUE`` pairs as a dict; raises UnknownPlaceholder for a bad pair or name."""
    from kb.content.placeholders import PLACEHOLDERS
    from kb.errors import UnknownPlaceholder

    context: dict[str, str] = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or name not in PLACEHOLDERS:
            raise UnknownPlaceholder(pair, sorted(PLACEHOLDERS))
        context[name] = value
    return context


@app.command()
def redact(
    ctx: typer.Context,
    text: TicketArgument = None,
    lang: LanguageOption = None,
    store: Annotated[
        bool, typer.Option("--store", help="Also mask e-mails and phone numbers, as stored.")
    ] = False,
) -> None:
    """Print the ticket with recovery phrases, keys and card numbers removed.

    The kinds removed go to standard error, never the secrets themselves.
    """
    from kb.redaction.redact import redact as redact_text
    from kb.text.messages import Messages

    ticket, forced = read_ticket(text, lang)
    redaction = redact_text(ticket, Messages(command_settings(ctx).locales_dir), forced)
    typer.echo(redaction.stored_text if store else redaction.text)
    typer.echo(f"removed: {', '.join(redaction.kinds) or 'nothing'}", err=True)


def print_suggestions(result: Suggestions) -> None:
    from rich.console import Console

    console = Console()
    if result.redacted:
        console.print(f"[red]removed from the ticket:[/red] {', '.join(result.redacted)}")
    if result.entities:
        found = ", ".join(f"{entity.kind}={entity.value}" for entity in result.entities)
        console.print(f"[dim]mentions: {found}[/dim]", highlight=False)
    if result.articles:
        console.print(faq_table(result))
    else:
        typer.echo(
            f"language: {result.language}; ranking: {result.ranking}; no FAQ matches", err=True
        )
    if result.runbooks:
        console.print(runbook_table(result))
    if not result.articles:
        return
    top = [reply for reply in result.replies if reply.article_id == result.articles[0].id]
    for reply in top:
        missing = f" (fill in: {', '.join(reply.missing)})" if reply.missing else ""
        console.rule(f"reply: {reply.article_id}, {reply.language}{missing}")
        console.print(reply.text, markup=False, highlight=False)


def matched_words(matched: list[MatchedTerm]) -> str:
    return ", ".join(f"{match.term} ({'/'.join(match.fields)})" for match in matched)


def meaning(similarity: float | None) -> str:
    """The semantic stage's closeness, under the matched words (hybrid ranking only)."""
    return "" if similarity is None else f"\n[dim]meaning: {similarity:.3f}[/dim]"


def faq_table(result: Suggestions) -> Table:
    columns = ("#", "FAQ", "#confidence", "#score", "matched (field)")
    table = new_table(f"language: {result.language}; ranking: {result.ranking}", *columns)
    for number, article in enumerate(result.articles, 1):
        name = f"{article.id}\n[dim]{article.title}[/dim]"
        if article.runbooks:
            name += f"\n[dim]runbooks: {', '.join(article.runbooks)}[/dim]"
        table.add_row(
            str(number),
            name,
            f"{article.confidence:.2f}",
            f"{article.score:.2f}",
            matched_words(article.matched) + meaning(article.similarity),
        )
    return table


def runbook_table(result: Suggestions) -> Table:
    columns = ("#", "runbook", "#confidence", "why")
    table = new_table("[yellow]internal runbooks: never send to the customer[/yellow]", *columns)
    for number, runbook in enumerate(result.runbooks, 1):
        reasons = [f"matched: {matched_words(runbook.matched)}"] if runbook.ranked else []
        reasons += [f"named by {slug}" for slug in runbook.named_by]
        confidence = "-" if runbook.confidence is None else f"{runbook.confidence:.2f}"
        name = f"{runbook.id}\n[dim]{runbook.title}[/dim]"
        table.add_row(str(number), name, confidence, "\n".join(reasons))
    return table
