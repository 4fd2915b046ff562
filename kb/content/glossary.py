"""The catalogue's glossary (locales/glossary.yaml): one preferred term per concept and language.

``kb lint`` uses it to point at wording that drifts from the preferred term, so that
the same thing has the same name on every page (a 主币 is never also a 原生币).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kb.errors import InvalidGlossary
from kb.text.language import LANGUAGES, Language

REGEX_PREFIX = "re:"


class GlossaryEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    concept: str
    en: str
    zh: str
    avoid: dict[Language, list[str]] = Field(default_factory=dict)
    # A line that also uses the preferred term may name a variant to explain it.
    explained: bool = False

    def preferred(self, lang: Language) -> str:
        return self.en if lang == "en" else self.zh


class GlossaryFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    terms: list[GlossaryEntry]


@dataclass(frozen=True)
class Variant:
    """One wording to avoid, compiled: what it matches and the entry it belongs to."""

    pattern: re.Pattern[str]
    entry: GlossaryEntry


@dataclass(frozen=True)
class Misuse:
    """A variant found in a line of text."""

    found: str
    preferred: str
    concept: str


def variant_pattern(text: str, lang: Language) -> re.Pattern[str]:
    """A literal variant, or a regular expression when it starts with ``re:``.

    English literals match as whole words, ignoring case; Chinese has no word
    boundaries, so Chinese literals match anywhere.
    """
    if text.startswith(REGEX_PREFIX):
        return re.compile(text.removeprefix(REGEX_PREFIX))
    if lang == "en":
        return re.compile(rf"(?<![\w-]){re.escape(text)}(?![\w-])", re.IGNORECASE)
    return re.compile(re.escape(text))


class Glossary:
    """The variants to avoid per language, ready to search lines of article text."""

    def __init__(self, entries: list[GlossaryEntry]) -> None:
        self.entries = entries
        self.variants: dict[Language, list[Variant]] = {
            lang: [
                Variant(variant_pattern(text, lang), entry)
                for entry in entries
                for text in entry.avoid.get(lang, [])
            ]
            for lang in LANGUAGES
        }

    @classmethod
    def load(cls, path: Path) -> Glossary:
        """Read the glossary file; raises InvalidGlossary naming the file and the fault."""
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
            entries = GlossaryFile.model_validate(raw).terms
            return cls(entries)
        except FileNotFoundError:
            raise InvalidGlossary(f"{path}: the glossary file is missing") from None
        except (yaml.YAMLError, ValidationError, re.error) as error:
            raise InvalidGlossary(f"{path}: {error}") from None

    def misuses(self, line: str, lang: Language) -> Iterator[Misuse]:
        """The first variant of each concept that the line uses instead of the preferred term."""
        reported: set[str] = set()
        for variant in self.variants[lang]:
            entry = variant.entry
            preferred = entry.preferred(lang)
            if entry.concept in reported or (
                entry.explained and preferred_in(preferred, line, lang)
            ):
                continue
            match = variant.pattern.search(line)
            if match is not None:
                reported.add(entry.concept)
                yield Misuse(match[0], preferred, entry.concept)


def preferred_in(preferred: str, line: str, lang: Language) -> bool:
    if lang == "en":
        return preferred.casefold() in line.casefold()
    return preferred in line
