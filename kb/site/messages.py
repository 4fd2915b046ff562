"""The help site's own sentences, translated through the same gettext catalog as replies.

``make catalogs`` extracts them with the reply phrases; kb/text/messages.py explains the flow.
"""

from __future__ import annotations

from kb.text.messages import N_

UPDATED = N_("Updated %(date)s")
TRANSLATION_MISSING = N_("This article has not been translated yet, so it is shown in English.")
TRANSLATION_STALE = N_(
    "The English version of this article has changed since it was translated. "
    "Until the translation is updated, the English version is the one to rely on."
)
READ_ENGLISH = N_("Read the English version")
INTERNAL_ONLY = N_(
    "Internal runbook for support agents. Never share it with a customer or paste it into a reply."
)
