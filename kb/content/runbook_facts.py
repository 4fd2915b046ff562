"""A runbook's contacts and time targets: the front matter a support team fills in once.

Runbooks say "page the on-call" and "answer within the target"; a new contractor
needs the tool, the channel, the owner and the number. Those live in two front
matter mappings (``contacts:`` and ``targets:``, label to value) so that a team
fills them once and every page shows them in the same table. A value still in
angle brackets (``"<paging tool and rota>"``) is a placeholder nobody has filled.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from kb.content.documents import Document, FrontMatter
from kb.text.language import TicketLanguage
from kb.text.messages import N_, Messages

PLACEHOLDER_VALUE = re.compile(r"<[^<>]+>")
FACT_FIELDS = ("contacts", "targets")
HEADINGS = {"contacts": N_("Contacts and tools"), "targets": N_("Time targets")}


@dataclass(frozen=True)
class Unfilled:
    """A contact or target whose value is still a placeholder."""

    field: str
    label: str
    value: str


def facts_by_field(meta: FrontMatter) -> dict[str, dict[str, str]]:
    """Each of FACT_FIELDS with its label: value entries, in that order."""
    return {"contacts": meta.contacts, "targets": meta.targets}


def unfilled_facts(document: Document) -> Iterator[Unfilled]:
    for field, facts in facts_by_field(document.meta).items():
        for label, value in facts.items():
            if PLACEHOLDER_VALUE.search(value):
                yield Unfilled(field, label, value)


def facts_markdown(meta: FrontMatter, language: TicketLanguage, messages: Messages) -> str:
    """The contacts and targets as Markdown tables, or "" when the runbook has none."""
    blocks = []
    for field, facts in facts_by_field(meta).items():
        if not facts:
            continue
        heading = messages.text(HEADINGS[field], language)
        rows = "\n".join(f"| {cell(label)} | {cell(value)} |" for label, value in facts.items())
        blocks.append(f"| {heading} | |\n| --- | --- |\n{rows}")
    return "\n\n".join(blocks)


def cell(text: str) -> str:
    """Table-safe text: a pipe would end the cell, and angle brackets would read as HTML."""
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
