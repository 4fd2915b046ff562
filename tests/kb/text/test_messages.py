"""The gettext catalogs are complete and compiled: fails when `make catalogs` is due."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from kb.config import BUNDLED_LOCALES_DIR
from kb.text.messages import CATALOG_LOCALES, DOMAIN
from tests.support.paths import REPO

KB_SOURCES = REPO / "kb"
LOCALES = sorted(set(CATALOG_LOCALES.values()))


def messages_in_code() -> set[str]:
    return {
        message for _, _, message, _, _ in extract_from_dir(KB_SOURCES) if isinstance(message, str)
    }


def read_catalog(path: Path) -> Catalog:
    with path.open("rb") as source:
        return read_po(source)


def ids(catalog: Catalog) -> set[str]:
    return {message.id for message in catalog if message.id and isinstance(message.id, str)}


def test_the_template_holds_every_message_in_the_code() -> None:
    template = read_catalog(BUNDLED_LOCALES_DIR / f"{DOMAIN}.pot")

    assert ids(template) == messages_in_code(), "run `make catalogs`"


@pytest.mark.parametrize("locale", LOCALES)
def test_every_message_is_translated(locale: str) -> None:
    catalog = read_catalog(BUNDLED_LOCALES_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po")

    assert ids(catalog) == messages_in_code(), "run `make catalogs`, then translate"
    untranslated = [message.id for message in catalog if message.id and not message.string]
    fuzzy = [message.id for message in catalog if message.id and message.fuzzy]
    assert untranslated == [] and fuzzy == []
    assert [(message.id, errors) for message, errors in catalog.check()] == []


@pytest.mark.parametrize("locale", LOCALES)
def test_the_compiled_catalog_matches_its_source(locale: str) -> None:
    folder = BUNDLED_LOCALES_DIR / locale / "LC_MESSAGES"
    catalog = read_catalog(folder / f"{DOMAIN}.po")
    with (folder / f"{DOMAIN}.mo").open("rb") as compiled:
        translations = gettext.GNUTranslations(compiled)

    for message in catalog:
        if message.id:
            assert translations.gettext(str(message.id)) == message.string, "run `make catalogs`"
