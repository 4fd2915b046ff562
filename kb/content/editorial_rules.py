"""The catalogue's editorial rules: what a support lead checks beyond well-formed files.

A reply must not claim a lookup nobody made, the same thing has the same name
everywhere (the glossary), and a runbook names who to reach and how fast.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kb.content.catalogue import Article, Catalogue
from kb.content.documents import Document, Section
from kb.content.glossary import Glossary
from kb.content.problems import ArticleRule, Problem, problem_at
from kb.content.reply_claims import check_claims
from kb.content.runbook_facts import FACT_FIELDS, facts_by_field, unfilled_facts

FENCE = re.compile(r"^\s*(```|~~~)")
INLINE_CODE = re.compile(r"`[^`]*`")
LINK_TARGET = re.compile(r"\]\([^)]*\)")
JINJA = re.compile(r"\{%.*?%\}|\{\{.*?\}\}")


def check_reply_claims(article: Article, tree: Catalogue) -> Iterator[Problem]:
    for document in article.documents.values():
        if not document.meta.reply:
            continue
        first_line = document.line_of("reply") + 1
        for claim in check_claims(document.meta.reply):
            yield problem_at(
                document,
                first_line + claim.line - 1,
                "reply-claim",
                f"'{claim.claim}' next to {{{{ {claim.placeholder} }}}} says a check was made, "
                f"but {claim.placeholder} is filled from the ticket before anyone looks; word it "
                "as a condition ('If the explorer shows ...') or leave the result to the agent",
            )


def check_runbook_facts(article: Article, tree: Catalogue) -> Iterator[Problem]:
    """Runbooks name their contacts and targets, the same entries in every language."""
    shapes = set()
    for document in article.documents.values():
        facts = facts_by_field(document.meta)
        present = [field for field, entries in facts.items() if entries]
        if document.section is not Section.RUNBOOKS:
            for field in present:
                yield problem_at(
                    document,
                    document.line_of(field),
                    "runbook-fields",
                    f"'{field}' belongs to runbooks; an FAQ names its runbooks instead",
                )
            continue
        for field in FACT_FIELDS:
            if field not in present:
                yield problem_at(
                    document,
                    1,
                    "runbook-fields",
                    f"a runbook names its {field} in front matter ('{field}:' with label: value "
                    "lines; a value the team has not decided yet goes in <angle brackets>)",
                )
        shapes.add(tuple(len(entries) for entries in facts.values()))
    if len(shapes) > 1:
        for document in article.documents.values():
            if document.lang != "en":
                yield problem_at(
                    document,
                    document.line_of("contacts"),
                    "runbook-fields",
                    "contacts and targets differ in number from the English file's; "
                    "give every language the same entries in the same order",
                )


def check_runbook_placeholders(article: Article, tree: Catalogue) -> Iterator[Problem]:
    for document in article.documents.values():
        for unfilled in unfilled_facts(document):
            yield problem_at(
                document,
                document.line_of(unfilled.field),
                "runbook-placeholder",
                f"{unfilled.field} '{unfilled.label}' is still a placeholder "
                f"({unfilled.value}); the team fills it in once",
            )


def glossary_rule(glossary: Glossary) -> ArticleRule:
    """The glossary check for one loaded glossary (lint runs without one in some tests)."""

    def check_glossary(article: Article, tree: Catalogue) -> Iterator[Problem]:
        for document in article.documents.values():
            for line, text in prose_lines(document):
                for misuse in glossary.misuses(text, document.lang):
                    yield problem_at(
                        document,
                        line,
                        "glossary",
                        f"'{misuse.found}': write '{misuse.preferred}' for {misuse.concept} "
                        "(locales/glossary.yaml)",
                    )

    return check_glossary


def prose_lines(document: Document) -> Iterator[tuple[int, str]]:
    """(file line, text) of what readers read: title, summary, reply and body.

    Code blocks, inline code and link targets are left out: they hold commands,
    identifiers and paths, not wording.
    """
    yield document.line_of("title"), document.meta.title
    yield document.line_of("summary"), document.meta.summary
    if document.meta.reply:
        first = document.line_of("reply") + 1
        for offset, text in enumerate(document.meta.reply.splitlines()):
            yield first + offset, JINJA.sub(" ", text)
    in_code = False
    for offset, text in enumerate(document.body.splitlines()):
        if FENCE.match(text):
            in_code = not in_code
            continue
        if not in_code:
            yield document.body_line + offset, LINK_TARGET.sub("]", INLINE_CODE.sub("", text))
