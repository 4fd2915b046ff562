"""MkDocs hooks (``hooks:`` in mkdocs.yml) that build the help site with kb's own rules.

The rules are in kb/site/help_site.py; this module only connects them to MkDocs events.
mkdocs-static-i18n runs one MkDocs build per language with the same config object, so
``on_config`` runs once per language and sets that language's navigation.

``KB_SITE_AUDIENCE=internal`` builds the full site, runbooks included, for agents.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, cast, get_args

import jieba
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from kb.config import load_settings
from kb.content.catalogue import load_catalogue
from kb.errors import KBError
from kb.site.help_site import TOPICS_MARKER, HelpSite, Topics, location_language, site_audience
from kb.text.language import SOURCE_LANGUAGE, Language
from kb.text.messages import Messages
from kb.text.tokens import Tokenizer

SEARCH_INDEX = Path("search") / "search_index.json"


class SiteBuild:
    """What the hooks share during one language's build, set by ``on_config``."""

    def __init__(self) -> None:
        self.current: tuple[HelpSite, Language] | None = None

    def started(self) -> tuple[HelpSite, Language]:
        """The site and language being built; a hook before ``on_config`` is a wiring bug."""
        if self.current is None:
            raise PluginError("help site: a kb hook ran before on_config set up the build")
        return self.current


build = SiteBuild()


def build_language(config: MkDocsConfig) -> Language:
    """The language mkdocs-static-i18n is building now (its on_config has run)."""
    i18n = config.plugins.get("i18n")
    current = getattr(i18n, "current_language", None) or SOURCE_LANGUAGE
    if current not in get_args(Language):
        raise PluginError(f"help site: no articles in language '{current}'")
    return cast(Language, current)


# After mkdocs-static-i18n's on_config (-100), which decides the build language.
@event_priority(-110)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        locales_dir = load_settings().locales_dir
        site = HelpSite(
            load_catalogue(Path(config.docs_dir)),
            Topics.load(locales_dir / "topics.yaml"),
            Messages(locales_dir),
            site_audience(),
        )
        lang = build_language(config)
        config.nav = site.nav(lang)
        build.current = site, lang
    except KBError as error:
        raise PluginError(f"help site: {error}") from error
    # Material's search plugin segments Chinese with jieba's default tokenizer: give it the
    # words the kb search engine keeps whole, so 助记词 is one search term, not 助记 + 词.
    jieba.setLogLevel(logging.WARNING)
    for word in Tokenizer(locales_dir).domain_words:
        jieba.add_word(word)
    return config


# Before mkdocs-static-i18n sorts files into languages (-100): an unpublished article
# leaves no file, page, link target, search entry or sitemap line behind.
def on_files(files: Files, config: MkDocsConfig) -> Files:
    site, _ = build.started()
    for file in list(files):
        article = site.article_of(file.src_uri)
        if article is not None and not site.publishes(article):
            files.remove(file)
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    site, lang = build.started()
    article = site.article_of(page.file.src_uri)
    if article is not None:
        return site.page_header(article, lang) + markdown
    if TOPICS_MARKER in markdown:
        return markdown.replace(TOPICS_MARKER, site.home_listing(lang))
    return markdown


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    site, lang = build.started()
    article = site.article_of(page.file.src_uri)
    notice = article and site.notice(article, lang)
    if notice:
        page.meta["kb_notice"] = notice
    return context


# After mkdocs-static-i18n's on_post_build (-100) has merged every language's entries
# into one index: write one index per language beside it, which overrides/main.html
# points the search box at, so the other language's pages never crowd out this one's.
@event_priority(-110)
def on_post_build(config: MkDocsConfig) -> None:
    merged = Path(config.site_dir) / SEARCH_INDEX
    if not merged.exists():
        return
    index = json.loads(merged.read_text(encoding="utf-8"))
    for lang in get_args(Language):
        own = [doc for doc in index["docs"] if location_language(doc["location"]) == lang]
        path = merged.with_name(f"search_index.{lang}.json")
        path.write_text(json.dumps({**index, "docs": own}, ensure_ascii=False), encoding="utf-8")
