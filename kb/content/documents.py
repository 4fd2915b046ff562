"""Article documents: the file layout, the front matter model and the parser of one file.

An article is a slug with one Markdown file per language, side by side::

    articles/<section>/<slug>.<lang>.md

The section decides the default audience (``faq`` is public, ``runbooks`` is
internal); front matter may only narrow or restate it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import yaml
from frontmatter.default_handlers import YAMLHandler
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
)

from kb.errors import InvalidArticle
from kb.text.language import LANGUAGES, Language

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FILE_NAME_PATTERN = re.compile(r"^(?P<slug>[^.]+)\.(?P<lang>[^.]+)\.md$")


class Section(StrEnum):
    FAQ = "faq"
    RUNBOOKS = "runbooks"


class Audience(StrEnum):
    PUBLIC = "public"
    INTERNAL = "internal"


SECTION_AUDIENCE: dict[Section, Audience] = {
    Section.FAQ: Audience.PUBLIC,
    Section.RUNBOOKS: Audience.INTERNAL,
}

NonEmptyText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class FrontMatter(BaseModel):
    """The YAML header of one article file."""

    # A keyword such as 1155 loads from YAML as a number; it is still a word.
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    title: NonEmptyText
    summary: NonEmptyText
    updated: date
    tags: list[NonEmptyText] = Field(min_length=1)
    # The words users really type, colloquial ones included; they feed search.
    keywords: list[NonEmptyText] = Field(min_length=1)
    audience: Audience | None = None
    # Optional; when present it must equal the file name's slug.
    slug: str | None = None
    # A Jinja2 template; required for FAQ articles (checked by kb lint).
    reply: str | None = None
    # FAQ only: slugs of the internal runbooks an agent follows with this answer.
    runbooks: list[str] = Field(default_factory=list)
    # Chinese files only: the content hash of the English text they translate.
    translated_from: str | None = None
    # Runbooks only: who and what to reach (label -> tool, channel or owner) and the time
    # targets to meet (label -> duration), filled in once by the team that runs support;
    # a value still in angle brackets is a placeholder that kb lint warns about.
    contacts: dict[NonEmptyText, NonEmptyText] = Field(default_factory=dict)
    targets: dict[NonEmptyText, NonEmptyText] = Field(default_factory=dict)

    @field_validator("translated_from", mode="before")
    @classmethod
    def hash_is_text(cls, value: object) -> object:
        if value is not None and not isinstance(value, str):
            raise ValueError('quote the hash, e.g. translated_from: "0123456789ab"')
        return value


@dataclass(frozen=True)
class Document:
    """One language of one article, as read from its file."""

    path: Path
    section: Section
    slug: str
    lang: Language
    meta: FrontMatter
    body: str
    # File line (1-based) on which the body starts, for precise problem reports.
    body_line: int
    # File line (1-based) of each top-level front matter key.
    field_lines: dict[str, int]

    @property
    def audience(self) -> Audience:
        """Front matter's audience when given, else the section's default."""
        return self.meta.audience or SECTION_AUDIENCE[self.section]

    def line_of(self, field: str) -> int:
        """The file line of a front matter field, or the first line when it is absent."""
        return self.field_lines.get(field, 1)


@dataclass(frozen=True)
class DocumentName:
    """What a file's place and name say: section, slug and language."""

    section: Section
    slug: str
    lang: Language


def parse_document_name(path: Path) -> DocumentName:
    """Read section, slug and language from ``<section>/<slug>.<lang>.md``.

    Raises InvalidArticle (rule ``file-name``) naming the expected shape.
    """
    sections = ", ".join(section.value for section in Section)
    try:
        section = Section(path.parent.name)
    except ValueError:
        raise InvalidArticle(
            path,
            1,
            "file-name",
            f"unknown section folder '{path.parent.name}'; use one of: {sections}",
        ) from None
    match = FILE_NAME_PATTERN.match(path.name)
    if match is None:
        raise InvalidArticle(
            path, 1, "file-name", "name the file <slug>.<lang>.md, e.g. transaction-pending.en.md"
        )
    slug, lang = match["slug"], match["lang"]
    if lang not in LANGUAGES:
        raise InvalidArticle(
            path, 1, "file-name", f"unknown language '{lang}'; use one of: {', '.join(LANGUAGES)}"
        )
    if not SLUG_PATTERN.match(slug):
        raise InvalidArticle(
            path,
            1,
            "file-name",
            f"slug '{slug}' must be lower-case words joined by hyphens, e.g. transaction-pending",
        )
    return DocumentName(section, slug, lang)


def parse_document(path: Path, text: str) -> Document:
    """Parse one article file's text into a Document.

    Raises InvalidArticle naming the file, the line and the rule broken.
    """
    name = parse_document_name(path)
    if not YAMLHandler.FM_BOUNDARY.match(text):
        raise InvalidArticle(
            path, 1, "front-matter", "file must start with a '---' front matter block"
        )
    try:
        header, body = YAMLHandler().split(text)
    except ValueError:
        raise InvalidArticle(
            path, 1, "front-matter", "front matter has no closing '---' line"
        ) from None
    # The header text starts with the remainder of the opening '---' line (line 1).
    header_first_line = 1
    body_line = text[: len(text) - len(body)].count("\n") + 1
    try:
        raw = yaml.load(header, Loader=yaml.CSafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = header_first_line + mark.line if mark else 1
        problem = getattr(error, "problem", None) or str(error)
        if "mapping values are not allowed" in problem:
            problem += " (a value containing ': ' must be quoted)"
        raise InvalidArticle(path, line, "front-matter", f"YAML error: {problem}") from None
    if not isinstance(raw, dict):
        raise InvalidArticle(path, 1, "front-matter", "front matter must be a mapping of fields")

    field_lines = find_field_lines(header, header_first_line)
    try:
        meta = FrontMatter.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else ""
        raise InvalidArticle(
            path, field_lines.get(field, 1), "front-matter", describe_field_error(field, first)
        ) from None
    return Document(
        path=path,
        section=name.section,
        slug=name.slug,
        lang=name.lang,
        meta=meta,
        body=body,
        body_line=body_line,
        field_lines=field_lines,
    )


def read_document(path: Path) -> Document:
    """Read and parse one article file; undecodable bytes are an InvalidArticle too."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise InvalidArticle(
            path, 1, "encoding", f"file is not valid UTF-8 ({error.reason}); save it as UTF-8"
        ) from None
    return parse_document(path, text.removeprefix("\ufeff"))


FIELD_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:", re.MULTILINE)


def find_field_lines(header: str, first_line: int) -> dict[str, int]:
    """Map each top-level key of a YAML header to its file line."""
    return {
        match[1]: first_line + header.count("\n", 0, match.start())
        for match in FIELD_KEY.finditer(header)
    }


def describe_field_error(field: str, error: object) -> str:
    """One plain sentence for a pydantic error on a front matter field."""
    assert isinstance(error, dict)
    kind = error["type"]
    if kind == "missing":
        return f"required field '{field}' is missing; add '{field}:' to the front matter"
    if kind == "extra_forbidden":
        allowed = ", ".join(FrontMatter.model_fields)
        return f"unknown field '{field}'; allowed fields: {allowed}"
    return f"field '{field}': {error['msg']}"
