"""The fixed phrases of replies and the redaction markers, through gettext.

Message ids are the English text, marked with ``N_`` so Babel's extractor finds
them (``make catalogs``); the Chinese lives in
``locales/zh_Hans/LC_MESSAGES/kb.po`` and its compiled ``.mo``. Traditional
Chinese has no catalog of its own: it is the Simplified text converted with
OpenCC, like the articles, so the two never drift apart.
"""

from __future__ import annotations

import gettext
from pathlib import Path

from kb.errors import MessageCatalogMissing
from kb.language import TicketLanguage, in_script

DOMAIN = "kb"
# The catalog each language reads; English is the message ids themselves.
CATALOG_LOCALES: dict[TicketLanguage, str] = {"zh": "zh_Hans", "zh-Hant": "zh_Hans"}


def N_(message: str) -> str:
    """Mark ``message`` for extraction; it is translated when a reply is written."""
    return message


GREETING_NAMED = N_("Hi %(name)s,")
GREETING = N_("Hello,")
SIGN_OFF = N_("Best regards,")
TEAM_NAME = N_("The Support Team")
SECURITY_REMINDER = N_(
    "A reminder for your safety: we will never ask for your recovery phrase, private key "
    "or full card number. Please do not share them with anyone, including people who say "
    "they are from our team."
)
PHRASE_EXPOSED = N_(
    "Important: your message contained your recovery phrase, so we have removed it. "
    "Anyone who has seen it can take your funds. Please create a new wallet with a new "
    "recovery phrase right away and move all your funds to it. We will never ask for "
    "your recovery phrase."
)
KEY_EXPOSED = N_(
    "Important: your message contained a private key, so we have removed it. Anyone who "
    "has seen it can take the funds it controls. Please create a new wallet with a new "
    "recovery phrase right away and move your funds to it. We will never ask for your "
    "private key."
)
CARD_REMOVED = N_(
    "For your security, we removed the card number from your message. We only ever need "
    "the last four digits."
)
KNOWN_ISSUE = N_(
    "We are aware of an issue affecting this right now, and our team is working on it."
)
PHRASE_MARKER = N_("[recovery phrase removed]")
KEY_MARKER = N_("[private key removed]")
EXTENDED_KEY_MARKER = N_("[extended private key removed]")
CARD_MARKER = N_("[card number ending %(last4)s removed]")
BROWSER_EXTENSION = N_("browser extension")


class Phrases:
    """Translates the phrases above into a ticket language; build once and share."""

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
