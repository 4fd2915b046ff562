"""Reply drafts: an article's template filled from the ticket, framed by fixed phrases.

A draft reads: greeting; the exposed-secret warning when the ticket held a
recovery phrase or key; the known-issue line during an incident; the article's
reply; a note when a card number was removed; the security reminder (unless the
warning already said it); sign-off. Placeholder values come from the agent's
``context`` first, then from what the ticket mentions, formatted for the reply's
locale. Traditional Chinese replies are the Chinese ones converted with OpenCC.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kb.content.catalogue import Article, article_url
from kb.content.placeholders import PLACEHOLDERS
from kb.content.reply_template import render_template
from kb.entities.extract import Entity, parse_amount
from kb.redaction.redact import SecretKind
from kb.replies.formatting import format_amount, format_date_value
from kb.replies.messages import (
    BROWSER_EXTENSION,
    CARD_REMOVED,
    GREETING,
    GREETING_NAMED,
    KEY_EXPOSED,
    KNOWN_ISSUE,
    PHRASE_EXPOSED,
    SECURITY_REMINDER,
    SIGN_OFF,
    TEAM_NAME,
)
from kb.text.han import HAN
from kb.text.language import SOURCE_LANGUAGE, Language, TicketLanguage, article_language, in_script
from kb.text.messages import Messages

MAX_NAME_LENGTH = 60
MAX_VALUE_LENGTH = 300
# Entity kinds whose value fills the placeholder of the same name as written.
VERBATIM_KINDS = ("tx_hash", "address", "order_id", "app_version", "card_last4")
# The network an address or hash implies, when its format names only a family.
AMBIGUOUS_NETWORKS = {"EVM"}


@dataclass(frozen=True)
class Reply:
    article_id: str
    language: TicketLanguage
    text: str
    missing: list[str]  # placeholders left as [name] markers for the agent to fill
    url: str
    known_issue_id: int | None = None  # set on the reply of an open known issue


@dataclass(frozen=True)
class TicketFacts:
    """What a reply may draw on: the ticket's entities, the agent's values, what was removed."""

    entities: list[Entity]
    context: Mapping[str, str]
    removed: list[SecretKind]


def reply_language_of(article: Article, language: TicketLanguage) -> Language:
    """The article file a reply in ``language`` is drafted from."""
    wanted = article_language(language)
    document = article.document(wanted)
    has_reply = document is not None and bool(document.meta.reply)
    return wanted if has_reply else SOURCE_LANGUAGE


class ReplyDrafter:
    """Drafts replies; build once per process (the catalogs load on first use)."""

    def __init__(self, messages: Messages, site_url: str) -> None:
        self.messages = messages
        self.site_url = site_url

    def draft(
        self,
        article: Article,
        language: TicketLanguage,
        facts: TicketFacts,
    ) -> Reply | None:
        """The reply to send for ``article`` in ``language``; None if it has no template.

        Raises UnsafeTemplate when the article's template breaks the sandbox's rules.
        """
        source_language = reply_language_of(article, language)
        document = article.document(source_language)
        if document is None or not document.meta.reply:
            return None
        if source_language == "en":
            language = "en"
        url = article_url(self.site_url, article, source_language)
        values = placeholder_values(facts, language, self.messages)
        values["article_url"] = url
        rendered = render_template(document.meta.reply, values)
        text = self.framed(rendered.text, language, facts, known_issue=False)
        return Reply(article.slug, language, text, rendered.missing, url)

    def draft_known_issue(
        self,
        issue_id: int,
        templates: Mapping[Language, str],
        language: TicketLanguage,
        facts: TicketFacts,
    ) -> Reply:
        """The lead's reply for an open known issue, framed like an article's.

        ``templates`` holds its en and zh replies. Its ``article_id`` is
        ``known-issue-<id>``: it answers for no article. Raises UnsafeTemplate when the
        reply goes over the sandbox's limits with this ticket's values.
        """
        values = placeholder_values(facts, language, self.messages)
        rendered = render_template(templates[article_language(language)], values)
        text = self.framed(rendered.text, language, facts, known_issue=True)
        return Reply(f"known-issue-{issue_id}", language, text, rendered.missing, "", issue_id)

    def framed(
        self, rendered: str, language: TicketLanguage, facts: TicketFacts, known_issue: bool
    ) -> str:
        body = in_script(rendered, language)
        return "\n\n".join(self.frame(body, language, facts, known_issue))

    def frame(
        self, body: str, language: TicketLanguage, facts: TicketFacts, known_issue: bool
    ) -> list[str]:
        """The paragraphs of the reply around the article's ``body``."""
        say = self.messages.text
        name = clean_name(facts.context.get("customer_name", ""))
        greeting_name = given_name(name) if language == "en" else name
        paragraphs = [
            say(GREETING_NAMED, language, name=greeting_name) if name else say(GREETING, language)
        ]
        exposed_phrase = "recovery_phrase" in facts.removed
        exposed_key = bool({"private_key", "extended_private_key"} & set(facts.removed))
        exposed = exposed_phrase or exposed_key
        if exposed_phrase:
            paragraphs.append(say(PHRASE_EXPOSED, language))
        elif exposed_key:
            paragraphs.append(say(KEY_EXPOSED, language))
        if known_issue:
            paragraphs.append(say(KNOWN_ISSUE, language))
        paragraphs.append(body)
        if "card_number" in facts.removed:
            paragraphs.append(say(CARD_REMOVED, language))
        if not exposed:
            paragraphs.append(say(SECURITY_REMINDER, language))
        agent = clean_name(facts.context.get("agent_name", "")) or say(TEAM_NAME, language)
        paragraphs.append(f"{say(SIGN_OFF, language)}\n{agent}")
        return paragraphs


def placeholder_values(
    facts: TicketFacts, language: TicketLanguage, messages: Messages
) -> dict[str, str]:
    """A value for each placeholder the ticket or the agent supplies, ready to print."""
    values: dict[str, str] = {}
    for entity in facts.entities:
        if entity.kind in values:
            continue  # the first mention wins
        if entity.kind in VERBATIM_KINDS:
            values[entity.kind] = entity.value
        elif entity.kind == "amount" and entity.unit:
            values["amount"] = format_amount(entity.value, entity.unit, entity.is_fiat, language)
            if not entity.is_fiat:
                values.setdefault("asset", entity.unit)
        elif entity.kind == "date":
            values["date"] = format_date_value(entity.value, language)
        elif entity.kind == "platform":
            values["platform"] = localized_platform(entity.value, language, messages)
        elif entity.kind in ("network", "asset"):
            values[entity.kind] = entity.value
    implied = [
        entity.network
        for entity in facts.entities
        if entity.kind in ("tx_hash", "address")
        and entity.network not in (None, *AMBIGUOUS_NETWORKS)
    ]
    if implied and "network" not in values:
        values["network"] = str(implied[0])
    for name, given in facts.context.items():
        value = " ".join(str(given).split())[:MAX_VALUE_LENGTH]
        if name in PLACEHOLDERS and value:
            values[name] = agent_value(name, value, language)
    return values


def agent_value(name: str, value: str, language: TicketLanguage) -> str:
    """An agent-typed value, formatted like one from the ticket when it parses."""
    if name == "amount":
        amount = parse_amount(value)
        if amount is not None and amount.unit:
            return format_amount(amount.value, amount.unit, amount.is_fiat, language)
    if name == "date":
        return format_date_value(value, language)
    return value


def localized_platform(value: str, language: TicketLanguage, messages: Messages) -> str:
    if value == "browser extension":
        return messages.text(BROWSER_EXTENSION, language)
    return value


def clean_name(name: str) -> str:
    """A name fit to print: one line, no surrounding space, not absurdly long."""
    return " ".join(name.split())[:MAX_NAME_LENGTH]


def given_name(name: str) -> str:
    """How an English reply addresses someone: "Hi Wei," for "Wei Zhang".

    Helpdesks store names in Western order; a name in Chinese characters
    (张伟) is used whole, as splitting it would be wrong.
    """
    if not name or HAN.search(name):
        return name
    return name.split()[0]
