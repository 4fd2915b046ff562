"""Bilingual support knowledge base: articles, checks, search and reply drafts.

Only light modules are re-exported, so that `kb lint` starts fast; import the
search (`kb.suggest.Suggester`) from its module.
"""

from kb.articles import Audience, Document, FrontMatter, Language, Section
from kb.catalogue import Article, Catalogue, load_catalogue
from kb.errors import InvalidArticle, InvalidCatalogue, KBError
from kb.language import TicketLanguage, detect_language
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
    "TicketLanguage",
    "detect_language",
    "lint_paths",
    "lint_tree",
    "load_catalogue",
]
