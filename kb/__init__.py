"""Bilingual support knowledge base: articles, checks, search and reply drafts.

The pipeline (``kb.suggest``) runs redact -> language -> entities -> search -> replies;
each stage is a package of its own (``kb.redaction``, ``kb.text``, ``kb.entities``,
``kb.search``, ``kb.replies``) over the articles of ``kb.content``. ``kb.store`` keeps
what is logged, ``kb.insights`` reads it for leads, ``kb.site`` builds the help site and
``kb.cli`` is the command line.

The names below are the library's public surface. The heavy ones (the suggester, the
redactor, the entity finder) load on first use, so that ``kb lint`` starts fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from kb.content.catalogue import Article, Catalogue, load_catalogue
from kb.content.documents import Audience, Document, FrontMatter, Section
from kb.content.lint import lint_paths, lint_tree
from kb.content.problems import Problem
from kb.errors import InvalidArticle, InvalidCatalogue, KBError
from kb.text.language import Language, TicketLanguage, detect_language

if TYPE_CHECKING:
    from kb.entities.extract import extract_entities
    from kb.knowledge_base import KnowledgeBase
    from kb.redaction.redact import redact
    from kb.suggest import Suggester

# Loaded on first use: name -> module.
LAZY = {
    "KnowledgeBase": "kb.knowledge_base",
    "Suggester": "kb.suggest",
    "extract_entities": "kb.entities.extract",
    "redact": "kb.redaction.redact",
}

__all__ = [
    "Article",
    "Audience",
    "Catalogue",
    "Document",
    "FrontMatter",
    "InvalidArticle",
    "InvalidCatalogue",
    "KBError",
    "KnowledgeBase",
    "Language",
    "Problem",
    "Section",
    "Suggester",
    "TicketLanguage",
    "detect_language",
    "extract_entities",
    "lint_paths",
    "lint_tree",
    "load_catalogue",
    "redact",
]


def __getattr__(name: str) -> Any:
    if name in LAZY:
        return getattr(import_module(LAZY[name]), name)
    raise AttributeError(f"module 'kb' has no attribute {name!r}")
