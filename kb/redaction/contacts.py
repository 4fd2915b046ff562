"""E-mail addresses and phone numbers out of text that is stored or logged.

They are no secret in a reply to the customer, but nothing we keep needs them. Like
the secret patterns, each pattern is linear: no nested quantifiers.
"""

from __future__ import annotations

import re

EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z]{2,}"
)
PHONE = re.compile(r"(?<![0-9A-Za-z+])\+?[0-9][0-9 \-().]{6,}[0-9](?![0-9A-Za-z])")
PHONE_DIGITS = range(8, 16)
PHONE_DIGITS_WITHOUT_PLUS = range(10, 16)


def mask_contacts(text: str) -> str:
    """``text`` with e-mail addresses and phone numbers masked, for storage and logs."""
    text = EMAIL.sub("[email]", text)
    return PHONE.sub(mask_phone, text)


def mask_phone(match: re.Match[str]) -> str:
    digits = sum(char.isdigit() for char in match.group())
    allowed = PHONE_DIGITS if match.group().startswith("+") else PHONE_DIGITS_WITHOUT_PLUS
    return "[phone]" if digits in allowed else match.group()
