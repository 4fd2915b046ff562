"""What the help site shows: which articles it publishes, its navigation by topic, the
home pages' lists, each article's header and its translation notice.

MkDocs reaches this through kb/site/mkdocs_hooks.py. The rules live here, typed and tested,
and publication is decided by ``Article.is_public``, the rule the API applies too.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import yaml

from kb.content.catalogue import Article, Catalogue
from kb.content.documents import Section
from kb.content.runbook_facts import facts_markdown
from kb.content.translation import is_current
from kb.errors import InvalidSiteAudience, UnknownTopic
from kb.replies.formatting import format_long_date
from kb.site.messages import (
    INTERNAL_ONLY,
    READ_ENGLISH,
    TRANSLATION_MISSING,
    TRANSLATION_STALE,
    UPDATED,
)
from kb.text.language import LANGUAGES, SOURCE_LANGUAGE, Language
from kb.text.messages import Messages

AUDIENCE_ENV = "KB_SITE_AUDIENCE"
HOME_PAGE = "index.md"
# Where a home page wants the article lists; an HTML comment, so the raw file reads fine.
TOPICS_MARKER = "<!-- articles by topic -->"

NavEntry = str | dict[str, "list[NavEntry]"]


class SiteAudience(StrEnum):
    """Who a build is for: the public help site, or the full site agents use."""

    PUBLIC = "public"
    INTERNAL = "internal"


def site_audience(environ: Mapping[str, str] = os.environ) -> SiteAudience:
    """The audience ``KB_SITE_AUDIENCE`` asks for; public when unset."""
    value = environ.get(AUDIENCE_ENV, SiteAudience.PUBLIC).strip().lower()
    try:
        return SiteAudience(value)
    except ValueError:
        allowed = ", ".join(audience.value for audience in SiteAudience)
        raise InvalidSiteAudience(f"{AUDIENCE_ENV}={value!r} is not one of: {allowed}") from None


@dataclass(frozen=True)
class Topics:
    """Section labels per language, in site order, keyed by an FAQ article's first tag."""

    labels: dict[str, dict[Language, str]]
    runbooks: dict[Language, str]

    @classmethod
    def load(cls, path: Path) -> Topics:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return cls(labels=data["topics"], runbooks=data["runbooks"])


@dataclass(frozen=True)
class Notice:
    """A banner above an article: its kind (an admonition type), text and optional link."""

    kind: str
    text: str
    link_text: str | None = None
    # Site-relative path of the linked page (``faq/<slug>/``).
    link_path: str | None = None


class HelpSite:
    """The help site of one article tree for one audience."""

    def __init__(
        self, catalogue: Catalogue, topics: Topics, messages: Messages, audience: SiteAudience
    ) -> None:
        self.catalogue = catalogue
        self.topics = topics
        self.messages = messages
        self.audience = audience

    def publishes(self, article: Article) -> bool:
        return self.audience is SiteAudience.INTERNAL or article.is_public

    def article_of(self, src_uri: str) -> Article | None:
        """The article of a docs file (``faq/<slug>.<lang>.md``); None for any other file."""
        parts = src_uri.split("/")
        if len(parts) != 2 or parts[0] not in set(Section) or not parts[1].endswith(".md"):
            return None
        return self.catalogue.articles.get(parts[1].split(".", 1)[0])

    def topic_of(self, article: Article) -> str:
        """The first English tag, which must be a topic; UnknownTopic names the fix."""
        document = article.shown(SOURCE_LANGUAGE)
        tag = document.meta.tags[0]
        if tag not in self.topics.labels:
            known = ", ".join(self.topics.labels)
            raise UnknownTopic(
                f"{document.path}: the first tag '{tag}' is not a help-site topic; "
                f"start tags with one of: {known} (or add '{tag}' to locales/topics.yaml)"
            )
        return tag

    def sections(self, lang: Language) -> list[tuple[str, list[Article]]]:
        """(label, articles) per section in site order: the topics, then the runbooks."""
        by_topic: dict[str, list[Article]] = {topic: [] for topic in self.topics.labels}
        runbooks: list[Article] = []
        for slug in sorted(self.catalogue.articles):
            article = self.catalogue.articles[slug]
            if not self.publishes(article):
                continue
            if article.section is Section.RUNBOOKS:
                runbooks.append(article)
            else:
                by_topic[self.topic_of(article)].append(article)
        sections = [(self.topics.labels[topic][lang], found) for topic, found in by_topic.items()]
        sections.append((self.topics.runbooks[lang], runbooks))
        return [(label, found) for label, found in sections if found]

    def nav(self, lang: Language) -> list[NavEntry]:
        """MkDocs ``nav``: the home page, then one section per topic.

        Paths carry no language suffix; mkdocs-static-i18n picks each language's file.
        """
        nav: list[NavEntry] = [HOME_PAGE]
        for label, articles in self.sections(lang):
            nav.append({label: [page_path(article) for article in articles]})
        return nav

    def home_listing(self, lang: Language) -> str:
        """The Markdown that replaces TOPICS_MARKER on a home page: a list per topic."""
        blocks = []
        for label, articles in self.sections(lang):
            links = "\n".join(
                f"- [{article.shown(lang).meta.title}]({page_path(article)})"
                for article in articles
            )
            blocks.append(f"## {label}\n\n{links}")
        return "\n\n".join(blocks)

    def page_header(self, article: Article, lang: Language) -> str:
        """Markdown put above an article's body: its summary, the date it was updated and,
        for a runbook, its contacts and time targets."""
        document = article.shown(lang)
        updated = format_long_date(document.meta.updated, lang)
        updated_line = self.messages.text(UPDATED, lang, date=updated)
        header = (
            f"{document.meta.summary}\n{{: .kb-summary }}\n\n"
            f'<p class="kb-updated"><time datetime="{document.meta.updated.isoformat()}">'
            f"{updated_line}</time></p>\n\n"
        )
        # A runbook's contacts and targets come first: they are what an agent looks up.
        facts = facts_markdown(document.meta, lang, self.messages)
        return header + (f"{facts}\n\n" if facts else "")

    def notice(self, article: Article, lang: Language) -> Notice | None:
        """The banner an article page needs in ``lang``, if any."""
        if article.section is Section.RUNBOOKS:
            return Notice("danger", self.messages.text(INTERNAL_ONLY, lang))
        source = article.source
        if lang == SOURCE_LANGUAGE or source is None:
            return None
        translation = article.document(lang)
        if translation is None:
            return Notice("warning", self.messages.text(TRANSLATION_MISSING, lang))
        if is_current(source, translation):
            return None
        return Notice(
            "warning",
            self.messages.text(TRANSLATION_STALE, lang),
            self.messages.text(READ_ENGLISH, lang),
            f"{article.section.value}/{article.slug}/",
        )


def page_path(article: Article) -> str:
    """An article's docs path without the language suffix, as nav and links name it."""
    return f"{article.section.value}/{article.slug}.md"


def location_language(location: str) -> Language:
    """The language of a site-relative location: ``zh/faq/x/`` is Chinese, ``faq/x/`` English."""
    first = location.split("/", 1)[0]
    for lang in LANGUAGES:
        if lang != SOURCE_LANGUAGE and first == lang:
            return lang
    return SOURCE_LANGUAGE
