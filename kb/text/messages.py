"""Fixed sentences in the reader's language, through gettext.

Each sentence is declared where it is used (reply phrases in ``kb.replies.messages``,
redaction markers in ``kb.redaction.redact``, the help site's notices in
``kb.site.messages``) and marked with ``N_`` so Babel's extractor finds it (``make
catalogs``). Message ids are the English text; the Chinese lives in
``locales/zh_Hans/LC_MESSAGES/kb.po`` and its compiled ``.mo``. Traditional Chinese
has no catalog of its own: it is the Simplified text converted with OpenCC, like the
articles, so the two never drift apart.
"""

from __future__ import annotations

import gettext
from pathlib import Path

from kb.errors import MessageCatalogMissing
from kb.text.language import TicketLanguage, in_script

DOMAIN = "kb"
# The catalog each language reads; English is the message ids themselves.
CATALOG_LOCALES: dict[TicketLanguage, str] = {"zh": "zh_Hans", "zh-Hant": "zh_Hans"}


def N_(message: str) -> str:
    """Mark ``message`` for extraction; it is translated when it is shown."""
    return message


class Messages:
    """Translates marked sentences into a ticket language; build once and share."""

    def __init__(self, locales_dir: Path) -> None:
        self.locales_dir = locales_dir
        self.catalogs: dict[str, gettext.GNUTranslations] = {}

    def text(self, message: str, language: TicketLanguage, **values: str) -> str:
        """``message`` in ``language``, with ``%(name)s`` values filled in.

        Raises MessageCatalogMissing when the compiled catalog is missing or unreadable.
        """
        locale = CATALOG_LOCALES.get(language)
        translated = message if locale is None else self.catalog(locale).gettext(message)
        if values:
            translated = translated % values
        return in_script(translated, language)

    def catalog(self, locale: str) -> gettext.GNUTranslations:
        if locale not in self.catalogs:
            path = self.locales_dir / locale / "LC_MESSAGES" / f"{DOMAIN}.mo"
            try:
                with path.open("rb") as compiled:
                    self.catalogs[locale] = gettext.GNUTranslations(compiled)
            except OSError as error:
                raise MessageCatalogMissing(path, str(error.strerror)) from error
        return self.catalogs[locale]
