"""The fixed paragraphs of a reply, translated through gettext (see kb.text.messages)."""

from __future__ import annotations

from kb.text.messages import N_

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
BROWSER_EXTENSION = N_("browser extension")
