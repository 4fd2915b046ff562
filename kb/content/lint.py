"""The writers' checks: one small function per rule, registered in one table.

Each problem prints as ``file:line: rule: message`` where the message says what
is wrong and how to fix it. File-level problems point at line 1.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token

from kb.content.catalogue import (
    Article,
    Catalogue,
    group_articles,
    is_within,
    scan_articles,
    trees_of,
)
from kb.content.documents import FILE_NAME_PATTERN, Audience, Document, Section
from kb.content.editorial_rules import (
    check_reply_claims,
    check_runbook_facts,
    check_runbook_placeholders,
    glossary_rule,
)
from kb.content.glossary import Glossary
from kb.content.problems import ArticleRule, Problem, problem_at
from kb.content.reply_template import check_reply_template
from kb.content.translation import content_hash, is_current
from kb.text.language import LANGUAGES, SOURCE_LANGUAGE


def check_missing_twin(article: Article, tree: Catalogue) -> Iterator[Problem]:
    for lang in LANGUAGES:
        if lang in article.documents:
            continue
        present = next(iter(article.documents.values()))
        expected = present.path.with_name(f"{article.slug}.{lang}.md")
        if expected.exists():
            continue  # it exists but did not parse; that problem is reported on its own line
        yield problem_at(
            present, 1, "missing-twin", f"no '{lang}' version; add {expected.name} beside this file"
        )


def check_slug_matches_file(article: Article, tree: Catalogue) -> Iterator[Problem]:
    for document in article.documents.values():
        declared = document.meta.slug
        if declared is not None and declared != document.slug:
            yield problem_at(
                document,
                document.line_of("slug"),
                "slug-mismatch",
                f"front matter slug '{declared}' differs from the file name's '{document.slug}'; "
                "the file name is the id, so rename the file or fix the slug",
            )


def check_audience_agrees(article: Article, tree: Catalogue) -> Iterator[Problem]:
    audiences = {document.audience for document in article.documents.values()}
    if len(audiences) < 2:
        return
    for document in article.documents.values():
        if document.audience is Audience.PUBLIC:
            yield problem_at(
                document,
                document.line_of("audience"),
                "audience-mismatch",
                "this language is public but another is internal; give both the same audience",
            )


def check_body_not_empty(article: Article, tree: Catalogue) -> Iterator[Problem]:
    for document in article.documents.values():
        if not document.body.strip():
            yield problem_at(
                document,
                document.body_line,
                "empty-body",
                "the article has no text below its front matter",
            )


def check_reply_template_valid(article: Article, tree: Catalogue) -> Iterator[Problem]:
    for document in article.documents.values():
        template = document.meta.reply
        if template is None:
            if document.section is Section.FAQ:
                yield problem_at(
                    document,
                    1,
                    "reply-missing",
                    "FAQ articles need a 'reply' template in front matter",
                )
            continue
        if not template.strip():
            yield problem_at(
                document, document.line_of("reply"), "reply-missing", "'reply' is empty"
            )
            continue
        # A block scalar ('reply: |') starts on the line after its key.
        first_line = document.line_of("reply") + 1
        for found in check_reply_template(template):
            yield problem_at(document, first_line + found.line - 1, found.rule, found.message)


def check_links(article: Article, tree: Catalogue) -> Iterator[Problem]:
    for document in article.documents.values():
        for link in relative_links(document):
            yield from check_link(document, link, tree)


def check_related_runbooks(article: Article, tree: Catalogue) -> Iterator[Problem]:
    for document in article.documents.values():
        for slug in document.meta.runbooks:
            named = tree.articles.get(slug)
            if named is None or named.section is not Section.RUNBOOKS:
                yield problem_at(
                    document,
                    document.line_of("runbooks"),
                    "runbook-link",
                    f"'{slug}' is not a runbook; name a file of runbooks/ by its slug",
                )


def check_translation_current(article: Article, tree: Catalogue) -> Iterator[Problem]:
    source = article.documents.get(SOURCE_LANGUAGE)
    if source is None:
        return
    expected = content_hash(source)
    for lang, translation in article.documents.items():
        if lang == SOURCE_LANGUAGE:
            continue
        recorded = translation.meta.translated_from
        fix = (
            f"update it from {source.path.name}, then run: "
            f"kb mark-translated {os.path.relpath(translation.path)}"
        )
        if recorded is None:
            yield problem_at(
                translation,
                1,
                "stale-translation",
                f"records no English revision (translated_from); {fix}",
            )
        elif not is_current(source, translation):
            yield problem_at(
                translation,
                translation.line_of("translated_from"),
                "stale-translation",
                f"English text changed since this translation (translated_from {recorded}, "
                f"English is now {expected}); {fix}",
            )


RULES: dict[str, str] = {
    # Found while reading files.
    "file-name": "files are named <section>/<slug>.<lang>.md with a known section and language",
    "encoding": "files are UTF-8",
    "front-matter": "the YAML front matter parses and has every required, valid field",
    "duplicate-slug": "a slug is used in one section only",
    # Found by the article checks below.
    "missing-twin": "every article has an English and a Chinese file",
    "slug-mismatch": "a front matter slug equals the file name's",
    "audience-mismatch": "both languages of an article have the same audience",
    "empty-body": "the article has text below its front matter",
    "reply-missing": "FAQ articles have a reply template",
    "reply-syntax": "reply templates parse",
    "reply-unsafe": "reply templates use only placeholders, if/elif/else and the allowed filters",
    "reply-placeholder": "reply templates use only the declared placeholders",
    "broken-link": "relative links reach an existing file or article",
    "internal-link": "public articles never link to internal ones",
    "runbook-link": "the runbooks a FAQ names in its runbooks field exist",
    "stale-translation": "the Chinese file translates the current English text",
    "link-title": "a link to an article reads as its title (or the title's part before ':')",
    "reply-claim": "replies claim no lookup of a value filled in from the ticket",
    "glossary": "wording uses the preferred term of locales/glossary.yaml",
    "runbook-fields": "runbooks name contacts and targets, the same entries in each language",
    "runbook-placeholder": "(warning) a runbook's contact or target is still a <placeholder>",
}
"""Every rule by the name printed in problem lines, with what it checks."""

ARTICLE_CHECKS: tuple[ArticleRule, ...] = (
    check_missing_twin,
    check_slug_matches_file,
    check_audience_agrees,
    check_body_not_empty,
    check_reply_template_valid,
    check_links,
    check_related_runbooks,
    check_translation_current,
    check_reply_claims,
    check_runbook_facts,
    check_runbook_placeholders,
)


MARKDOWN = MarkdownIt("commonmark")
# Inline parsing is most of markdown-it's time; only paragraphs that can hold a
# link need it (see relative_links), so the core pass skips it.
MARKDOWN.core.ruler.disable("inline")


@dataclass(frozen=True)
class SiteLink:
    """A link that points inside the site rather than to a URL."""

    line: int  # file line
    path: str  # unquoted, without the fragment
    fragment: str  # "" for a link to a whole page
    text: str


def relative_links(document: Document) -> Iterator[SiteLink]:
    """Every link of the body that points inside the site rather than to a URL."""
    env: dict[str, object] = {}
    for token in MARKDOWN.parse(document.body, env):
        if token.type != "inline" or "[" not in token.content:
            continue
        line = document.body_line + (token.map[0] if token.map else 0)
        children = MARKDOWN.inline.parse(token.content, MARKDOWN, env, [])
        for index, child in enumerate(children):
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            elif child.type == "link_open":
                href = str(child.attrs.get("href", ""))
                parts = urlsplit(href)
                if href and not parts.scheme and not parts.netloc and parts.path:
                    text = link_text(children[index + 1 :])
                    yield SiteLink(line, unquote(parts.path), parts.fragment, text)


def link_text(children: list[Token]) -> str:
    """The text of a link whose ``link_open`` came just before ``children``."""
    parts = []
    for child in children:
        if child.type == "link_close":
            break
        parts.append(child.content)
    return "".join(parts)


def check_link(document: Document, link: SiteLink, tree: Catalogue) -> Iterator[Problem]:
    line, href = link.line, link.path
    if href.startswith("/"):
        yield problem_at(
            document,
            line,
            "broken-link",
            f"'{href}' is absolute; link articles relatively, e.g. ../faq/network-fees.md",
        )
        return
    target = (document.path.parent / href).resolve()
    root = tree.root.resolve()
    linked = linked_article(target, root, tree)
    if linked is None:
        if not target.exists() and not any_language_exists(target):
            yield problem_at(
                document, line, "broken-link", f"'{href}' does not exist; fix the path or the slug"
            )
        return
    if document.audience is Audience.PUBLIC and not linked.is_public:
        yield problem_at(
            document,
            line,
            "internal-link",
            f"public article links to internal '{linked.slug}', which readers cannot open; "
            "remove the link or point to a public article",
        )
        return
    # A link to a part of a page may name that part; a link to a page names the page.
    if not link.fragment:
        yield from check_link_title(document, link, linked, target)


def check_link_title(
    document: Document, link: SiteLink, linked: Article, target: Path
) -> Iterator[Problem]:
    # ``page.en.md`` is that file; ``page.md`` is the reader's own language.
    shown = next(
        (twin for twin in linked.documents.values() if twin.path.name == target.name),
        linked.shown(document.lang),
    )
    title = shown.meta.title
    short_title = TITLE_LEAD.split(title, maxsplit=1)[0]
    if plain(link.text) in (plain(title), plain(short_title)):
        return
    yield problem_at(
        document,
        link.line,
        "link-title",
        f"link text '{link.text}' should be the linked article's title: '{title}'",
    )


# A runbook's title leads with its name: "Escalation policy: severity levels and ...".
TITLE_LEAD = re.compile(r":\s|：")


def plain(text: str) -> str:
    """Text compared without case, quotes or repeated spaces."""
    return " ".join(text.strip().strip('"“”「」').split()).casefold()


def linked_article(target: Path, root: Path, tree: Catalogue) -> Article | None:
    """The article a resolved link path names (``slug.md`` or ``slug.<lang>.md``), if any."""
    if target.parent.parent != root or target.parent.name not in set(Section):
        return None
    match = FILE_NAME_PATTERN.match(target.name)
    slug = match["slug"] if match else target.name.removesuffix(".md")
    article = tree.articles.get(slug)
    if article is None or article.section != target.parent.name:
        return None
    if match and match["lang"] not in article.documents:
        return None
    return article


def any_language_exists(target: Path) -> bool:
    """mkdocs-static-i18n resolves ``page.md`` to ``page.<lang>.md``; accept that form."""
    if target.suffix != ".md":
        return False
    return any(target.with_name(f"{target.stem}.{lang}.md").exists() for lang in LANGUAGES)


def lint_tree(root: Path, glossary: Glossary | None = None) -> list[Problem]:
    """Every problem in the article tree under ``root``, sorted by file and line.

    The glossary rule runs when a glossary is given.
    """
    scan = scan_articles(root)
    articles, duplicates = group_articles(scan.documents)
    problems = [
        Problem(found.path, found.line or 1, found.rule, found.message)
        for found in [*scan.problems, *duplicates]
    ]
    tree = Catalogue(root, articles)
    checks = ARTICLE_CHECKS if glossary is None else (*ARTICLE_CHECKS, glossary_rule(glossary))
    for check in checks:
        for article in articles.values():
            problems.extend(check(article, tree))
    return sorted(problems)


def lint_paths(paths: list[Path], glossary: Glossary | None = None) -> list[Problem]:
    """Lint the trees the paths belong to, keeping the problems in files under those paths.

    A single file is checked against its whole tree, so twins and links are still seen.
    Raises PathNotFound for a path that does not exist.
    """
    return [
        problem
        for root in trees_of(paths)
        for problem in lint_tree(root, glossary)
        if is_within(problem.path, paths)
    ]
