"""Bilingual support knowledge base: articles, checks, search and reply drafts."""

from kb.articles import Audience, Document, FrontMatter, Language, Section
from kb.catalogue import Article, Catalogue, load_catalogue
from kb.errors import InvalidArticle, InvalidCatalogue, KBError
from kb.lint import Problem, lint_paths, lint_tree

__all__ = [
    "Article",
    "Audience",
    "Catalogue",
    "Document",
    "FrontMatter",
    "InvalidArticle",
    "InvalidCatalogue",
    "KBError",
    "Language",
    "Problem",
    "Section",
    "lint_paths",
    "lint_tree",
    "load_catalogue",
]
