"""A ticket as the search reads it: the subject first and weighed double, then the newest
message of the body (quoted history and signatures cut, ``kb.text.mail``).

What is redacted and stored is the whole ticket as the user sent it; only the ranking
reads the shorter text, so an earlier reply quoted below the ticket does not rank the
article it came from.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.text.language import Language, article_language, detect_language
from kb.text.mail import latest_message
from kb.text.tokens import SearchToken, Tokenizer

# How many times the subject's terms count: a subject names the problem in a few words,
# where a body wanders through what the user tried.
SUBJECT_WEIGHT = 2
SUBJECT_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Query:
    """A ticket as the search reads it: its terms, its text (secrets removed), its language."""

    tokens: list[SearchToken]
    text: str
    lang: Language


def subject_line(subject: str | None) -> str:
    """The subject on one line ('' when there is none)."""
    return " ".join((subject or "").split())


def ticket_text(subject: str, body: str) -> str:
    """The ticket whole, as it is redacted and stored: its ``subject_line`` first."""
    return f"{subject}{SUBJECT_SEPARATOR}{body}" if subject else body


def ticket_query(bare_text: str, has_subject: bool, tokenizer: Tokenizer) -> Query:
    """The query for ``bare_text`` (a ``ticket_text`` with its secrets removed).

    The language searched is that of what the user wrote (Traditional is searched in the
    Simplified index: its terms are converted).
    """
    subject, body = ("", bare_text)
    if has_subject:
        subject, _, body = bare_text.partition(SUBJECT_SEPARATOR)
    message = latest_message(body) if body.strip() else ""
    text = "\n".join(part for part in (subject, message) if part)
    tokens = tokenizer.tokens(subject) * SUBJECT_WEIGHT + tokenizer.tokens(message)
    return Query(tokens, text, article_language(detect_language(text or bare_text)))
