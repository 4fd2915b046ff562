"""Replies that claim a check nobody made: "I checked {{ tx_hash }}: it failed".

Values such as the transaction hash are filled in from the ticket automatically, so
a draft that says "I looked up {{ tx_hash }}" next to a result asserts a lookup the
agent may never have done, and the user reads it as a finding. Such sentences must
be conditional ("If the explorer shows it as failed, ...") or leave the result for
the agent to fill in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from kb.content.placeholders import TICKET_PLACEHOLDERS

STATEMENT_TAG = re.compile(r"\{%-?.*?-?%\}")
PLACEHOLDER = re.compile(r"\{\{-?\s*(\w+)[^}]*\}\}")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？；])")
# First-person statements that something was looked at and found.
CHECK_CLAIM = re.compile(
    r"\b(?:I|we)(?:'ve| have)?\s+(?:just\s+|already\s+)?"
    r"(?:checked|looked\s+(?:up|at|into)|verified|confirmed|reviewed|found|can\s+see)\b"
    r"|(?:我们|我)(?:这边|已经|刚刚|刚才)*(?:查了|查过|查到|查看了|核实了|核对了|确认了|看了|看到)",
    re.IGNORECASE,
)
# A claim after one of these is a condition or a promise, not a finding.
CONDITION = re.compile(
    r"\b(?:if|once|when|after|as soon as|until|before)\b|如果|若|要是|一旦|等|待|之后",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CheckClaim:
    """A sentence of a reply template that asserts a lookup of a ticket value."""

    line: int  # counted from the template's first line (1)
    claim: str
    placeholder: str


def check_claims(template: str) -> Iterator[CheckClaim]:
    """Sentences that claim a check and print a value filled from the ticket."""
    for number, line in enumerate(template.splitlines(), start=1):
        text = STATEMENT_TAG.sub(" ", line)
        for sentence in SENTENCE_END.split(text):
            claim = CHECK_CLAIM.search(sentence)
            if claim is None or CONDITION.search(sentence[: claim.start()]):
                continue
            values = [name for name in PLACEHOLDER.findall(sentence) if name in TICKET_PLACEHOLDERS]
            if values:
                yield CheckClaim(number, claim[0], values[0])
