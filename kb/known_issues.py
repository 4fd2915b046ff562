"""Known issues (incident mode): checking a lead's new issue, and which tickets it matches.

A lead opens an issue with terms ("Zorb chain", "Zorb链") and example tickets. A
ticket matches when it holds every word of one term, or shares most of its words
with one example. Both sides go through the search tokenizer, so stems, synonyms and
Traditional characters match exactly as they do in search: "transfers" matches
the term "transfer", 轉賬 matches 转账, and an English term matches a mixed
Chinese ticket that spells it in Latin letters.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from kb.content.reply_template import check_reply_template
from kb.errors import InvalidKnownIssue
from kb.redaction.redact import redact
from kb.text.language import Language
from kb.text.messages import Messages
from kb.text.tokens import Tokenizer

MAX_TITLE_LENGTH = 200
MAX_TERMS = 50
MAX_TERM_LENGTH = 200
MAX_EXAMPLES = 20
MAX_EXAMPLE_LENGTH = 2000
MAX_REPLY_LENGTH = 5000
# A ticket matches an example when their words' cosine similarity reaches this, with at
# least this many words shared: "my swap failed" shares two words with most swap examples.
# Cosine rather than the share of the example's words, so that neither a short ticket
# nor a long example (greetings, a removed secret's marker) counts against a match.
EXAMPLE_SIMILARITY = 0.5
MIN_SHARED_WORDS = 3

# Which issues a list shows.
IssueState = Literal["open", "closed", "all"]


@dataclass(frozen=True)
class KnownIssue:
    """An open issue as the suggester uses it; ``replies`` holds en and zh templates."""

    id: int
    title: str
    terms: tuple[str, ...]
    examples: tuple[str, ...]
    replies: dict[Language, str]
    opened_at: datetime


@dataclass(frozen=True)
class IssueDraft:
    """What a lead submits to open an issue, before it is checked and stored."""

    title: str
    terms: list[str]
    examples: list[str]
    reply_en: str
    reply_zh: str


@dataclass(frozen=True)
class CheckedIssue:
    """A draft that passed every check, tidied and with its examples as they may be
    stored: the only shape the store accepts, so no unchecked or unredacted issue is kept."""

    title: str
    terms: list[str]
    examples: list[str]
    reply_en: str
    reply_zh: str


def check_issue_draft(draft: IssueDraft, tokenizer: Tokenizer, messages: Messages) -> CheckedIssue:
    """The draft ready to store; InvalidKnownIssue names every problem, so a lead fixes
    them all in one go. Example tickets lose their secrets and contacts, as logged tickets do.
    """
    problems = list(draft_problems(draft, tokenizer))
    if problems:
        raise InvalidKnownIssue("cannot open the known issue: " + "; ".join(problems))
    return CheckedIssue(
        title=draft.title.strip(),
        terms=[term.strip() for term in draft.terms],
        examples=[redact(example, messages).stored_text for example in draft.examples],
        reply_en=draft.reply_en.strip(),
        reply_zh=draft.reply_zh.strip(),
    )


def draft_problems(draft: IssueDraft, tokenizer: Tokenizer) -> Iterable[str]:
    if not draft.title.strip():
        yield "the title is empty"
    elif len(draft.title) > MAX_TITLE_LENGTH:
        yield f"the title is longer than {MAX_TITLE_LENGTH} characters"
    if not draft.terms and not draft.examples:
        yield "give at least one term or example ticket, or no ticket can match"
    yield from list_problems("term", draft.terms, MAX_TERMS, MAX_TERM_LENGTH, tokenizer)
    yield from list_problems("example", draft.examples, MAX_EXAMPLES, MAX_EXAMPLE_LENGTH, tokenizer)
    for language, reply in (("en", draft.reply_en), ("zh", draft.reply_zh)):
        if not reply.strip():
            yield f"the {language} reply is empty"
        elif len(reply) > MAX_REPLY_LENGTH:
            yield f"the {language} reply is longer than {MAX_REPLY_LENGTH} characters"
        else:
            for problem in check_reply_template(reply):
                yield f"the {language} reply, line {problem.line}: {problem.message}"


def list_problems(
    name: str, texts: list[str], most: int, longest: int, tokenizer: Tokenizer
) -> Iterable[str]:
    if len(texts) > most:
        yield f"at most {most} {name}s, not {len(texts)}"
    for text in texts:
        if len(text) > longest:
            yield f"the {name} {text[:40]!r}... is longer than {longest} characters"
        elif not tokenizer.terms(text):
            yield f"the {name} {text!r} has no searchable words (only stop words or numbers)"


@dataclass(frozen=True)
class CompiledIssue:
    issue: KnownIssue
    terms: tuple[frozenset[str], ...]
    examples: tuple[frozenset[str], ...]

    def strength(self, ticket: frozenset[str]) -> float:
        """How well the ticket matches, 0 when it does not: a term hit counts 1 plus
        its length (a longer term is more specific), an example its similarity (< 1)."""
        best = 0.0
        for term in self.terms:
            if term <= ticket:
                best = max(best, 1.0 + len(term))
        for example in self.examples:
            shared = len(example & ticket)
            similarity = shared / math.sqrt(len(example) * len(ticket)) if ticket else 0.0
            if shared >= min(MIN_SHARED_WORDS, len(example)) and similarity >= EXAMPLE_SIMILARITY:
                best = max(best, similarity)
        return best


class IssueMatcher:
    """The open issues, tokenized once; ``match`` picks the issue a ticket belongs to."""

    def __init__(self, issues: Iterable[KnownIssue], tokenizer: Tokenizer) -> None:
        self.compiled = [
            CompiledIssue(
                issue,
                tuple(words for term in issue.terms if (words := frozenset(tokenizer.terms(term)))),
                tuple(
                    words for text in issue.examples if (words := frozenset(tokenizer.terms(text)))
                ),
            )
            for issue in issues
        ]

    @property
    def issues(self) -> list[KnownIssue]:
        return [compiled.issue for compiled in self.compiled]

    def match(self, ticket_terms: Iterable[str]) -> KnownIssue | None:
        """The best-matching open issue, the newest on a tie; None when none matches."""
        ticket = frozenset(ticket_terms)
        scored = [
            (strength, compiled.issue.id, compiled.issue)
            for compiled in self.compiled
            if (strength := compiled.strength(ticket)) > 0
        ]
        return max(scored)[2] if scored else None
