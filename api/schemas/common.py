"""What every request and response body shares: cleaned text, strictness, reading the library.

Every string from a caller is cleaned: lone UTF-16 surrogates, which JSON allows
and UTF-8 cannot encode, become U+FFFD, and NUL characters are dropped (PostgreSQL
refuses them in text), so broken Unicode never turns into a 500. Limits are checked
on the text as sent, before NULs are dropped, so that they are the ones the schema
states: write them first, ``Annotated[str, Field(max_length=...), *CLEANED]``.

Response models read the library's own objects (``FromLibrary``): the library returns
dataclasses and never builds JSON; these models say what of them the API shows.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from kb.suggest import MAX_TEXT_LENGTH


def mend_surrogates(value: object) -> object:
    # Before pydantic's length and pattern checks, which refuse lone surrogates.
    if isinstance(value, str):
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return value


def drop_nul(value: str) -> str:
    return value.replace("\x00", "")


CLEANED = (BeforeValidator(mend_surrogates), AfterValidator(drop_nul))
# Has something besides NUL and white space as Python's str.isspace() sees it, spelled out:
# \s means other characters in JSON Schema (ECMA-262: no \x1c-\x1f or \x85, but \ufeff),
# and clients validate with that.
NOT_BLANK = r"[^\x00\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
Slug = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[a-z0-9][a-z0-9-]*$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FromLibrary(BaseModel):
    """A response model filled from a library object's attributes (its properties too)."""

    model_config = ConfigDict(from_attributes=True)


# A ticket as the customer wrote it, checked and cleaned the same way by every endpoint.
TicketText = Annotated[
    str,
    Field(
        min_length=1,
        max_length=MAX_TEXT_LENGTH,
        pattern=NOT_BLANK,
        description="The ticket as the customer wrote it; secrets in it are removed first.",
    ),
    *CLEANED,
]
