"""Loading the article tree into typed objects, and the audience rule every consumer shares."""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from kb.content.documents import Audience, Document, Section, read_document
from kb.errors import (
    ArticleNotFound,
    ArticlesNotFound,
    InvalidArticle,
    InvalidCatalogue,
    PathNotFound,
)
from kb.text.language import SOURCE_LANGUAGE, Language


@dataclass(frozen=True)
class Article:
    """One slug: its section and one document per language present."""

    slug: str
    section: Section
    documents: dict[Language, Document]

    @property
    def audience(self) -> Audience:
        """The source document's audience; any one document that is internal makes it internal."""
        audiences = {document.audience for document in self.documents.values()}
        return Audience.INTERNAL if Audience.INTERNAL in audiences else Audience.PUBLIC

    @property
    def is_public(self) -> bool:
        """Whether the article may reach the public site and unauthenticated callers."""
        return self.audience is Audience.PUBLIC

    @property
    def related_runbooks(self) -> list[str]:
        """Runbook slugs named by any language's front matter, in order, without repeats."""
        named = [slug for document in self.documents.values() for slug in document.meta.runbooks]
        return list(dict.fromkeys(named))

    def document(self, lang: Language) -> Document | None:
        return self.documents.get(lang)

    @property
    def source(self) -> Document | None:
        return self.documents.get(SOURCE_LANGUAGE)

    def shown(self, lang: Language) -> Document:
        """What a ``lang`` reader gets: that language, else English, else whatever exists."""
        shown = self.document(lang) or self.source
        return shown if shown is not None else next(iter(self.documents.values()))


@dataclass
class Scan:
    """Everything read from a tree: the documents that parsed and the files that did not."""

    root: Path
    documents: list[Document] = field(default_factory=list)
    problems: list[InvalidArticle] = field(default_factory=list)


@dataclass(frozen=True)
class Catalogue:
    """The article tree: its root and its articles by slug."""

    root: Path
    articles: dict[str, Article]

    def public_articles(self) -> list[Article]:
        return [article for article in self.articles.values() if article.is_public]

    def article(self, slug: str, include_internal: bool = True) -> Article:
        """The article ``slug``; ArticleNotFound when there is none, or when it is internal
        and ``include_internal`` is off (so a caller cannot tell which runbooks exist)."""
        article = self.articles.get(slug)
        if article is None or not (article.is_public or include_internal):
            raise ArticleNotFound(f"no article with id {slug!r}")
        return article


def article_files(root: Path) -> list[Path]:
    """Every Markdown file in the section folders (and stray folders, so lint can name them)."""
    return sorted(path for path in root.glob("*/*.md"))


def find_tree_root(path: Path) -> Path:
    """The articles root of a path: the tree of a file or section folder, else the folder."""
    resolved = path.resolve()
    if resolved.is_file():
        resolved = resolved.parent
    return resolved.parent if resolved.name in set(Section) else resolved


def trees_of(paths: list[Path]) -> list[Path]:
    """The article trees that ``paths`` lie in, each once; PathNotFound for a missing path."""
    for path in paths:
        if not path.exists():
            raise PathNotFound(path)
    return sorted({find_tree_root(path) for path in paths})


def is_within(path: Path, paths: list[Path]) -> bool:
    """Whether ``path`` is one of ``paths`` or lies in one of them."""
    resolved = path.resolve()
    return any(resolved.is_relative_to(given.resolve()) for given in paths)


def scan_articles(root: Path) -> Scan:
    """Read every article file under ``root``, collecting the files that fail to parse."""
    if not root.is_dir():
        raise ArticlesNotFound(root)
    scan = Scan(root)
    for path in article_files(root):
        try:
            scan.documents.append(read_document(path))
        except InvalidArticle as problem:
            scan.problems.append(problem)
    return scan


def group_articles(documents: list[Document]) -> tuple[dict[str, Article], list[InvalidArticle]]:
    """Group documents by slug; a slug used in two sections is a ``duplicate-slug`` problem."""
    by_slug: dict[str, list[Document]] = defaultdict(list)
    for document in documents:
        by_slug[document.slug].append(document)
    articles: dict[str, Article] = {}
    problems: list[InvalidArticle] = []
    for slug, group in by_slug.items():
        sections = sorted({document.section for document in group})
        first_section = sections[0]
        for document in group:
            if document.section != first_section:
                other = next(d for d in group if d.section == first_section)
                problems.append(
                    InvalidArticle(
                        document.path,
                        1,
                        "duplicate-slug",
                        f"slug '{slug}' is already used by {os.path.relpath(other.path)}; "
                        "slugs are ids and must be unique across sections, rename one of the files",
                    )
                )
        kept = {document.lang: document for document in group if document.section == first_section}
        articles[slug] = Article(slug, first_section, kept)
    return articles, problems


def load_catalogue(root: Path) -> Catalogue:
    """Load the tree for serving; unreadable files or duplicate slugs raise InvalidCatalogue."""
    scan = scan_articles(root)
    articles, duplicates = group_articles(scan.documents)
    problems = scan.problems + duplicates
    if problems:
        raise InvalidCatalogue(problems)
    return Catalogue(root, articles)


def article_url(site_url: str, article: Article, lang: Language) -> str:
    """The article's page on the help site (runbooks: on the internal agents' build)."""
    prefix = "" if lang == SOURCE_LANGUAGE else f"{lang}/"
    return f"{site_url.rstrip('/')}/{prefix}{article.section.value}/{article.slug}/"
