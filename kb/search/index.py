"""Search over the catalogue: one index per language, public articles apart, cached on disk.

``SearchIndex.open`` builds the two indexes (``en``, ``zh``) or loads them from a
cache folder keyed by a hash of the articles, the language resources and this
module's index version, so a restart or a CLI call does not rebuild them.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
from pathlib import Path

from kb.content.catalogue import Catalogue
from kb.content.documents import Audience, Document
from kb.search.bm25 import IndexedDocument, positive_idf
from kb.search.explain import Hit
from kb.search.language_index import LanguageIndex
from kb.search.passages import without_article_links
from kb.text.language import LANGUAGES, Language
from kb.text.tokens import SearchToken, Tokenizer

logger = logging.getLogger(__name__)

# Bump when the index layout or the way fields are tokenised changes.
INDEX_VERSION = "5"


def document_fields(document: Document, tokenizer: Tokenizer) -> dict[str, list[str]]:
    meta = document.meta
    return {
        "title": tokenizer.terms(meta.title),
        "keywords": tokenizer.terms(" \n ".join(meta.keywords)),
        "summary": tokenizer.terms(meta.summary),
        "body": tokenizer.terms(without_article_links(document.body)),
    }


class SearchIndex:
    """Both languages' indexes over one catalogue, with which articles are public.

    Public FAQs (the answers to send) and internal runbooks (the procedures to follow) are
    ranked apart, each among its own kind, so a runbook never pushes an answer down.
    """

    def __init__(
        self, indexes: dict[Language, LanguageIndex], public: frozenset[str], key: str
    ) -> None:
        self.indexes = indexes
        self.key = key
        # Computed once: every search filters with one of them.
        public_masks = {lang: index.mask_of(public) for lang, index in indexes.items()}
        self.masks = {
            Audience.PUBLIC: public_masks,
            Audience.INTERNAL: {lang: ~mask for lang, mask in public_masks.items()},
        }

    @classmethod
    def open(
        cls, catalogue: Catalogue, tokenizer: Tokenizer, cache_dir: Path | None
    ) -> SearchIndex:
        """Load the index for this catalogue from ``cache_dir``, or build and save it there."""
        key = cache_key(catalogue, tokenizer)
        public = frozenset(article.slug for article in catalogue.public_articles())
        folder = cache_dir / f"index-{key}" if cache_dir else None
        if folder is not None and (folder / "complete").exists():
            indexes = {lang: LanguageIndex.load(folder / lang) for lang in LANGUAGES}
            return cls(indexes, public, key)
        indexes = {lang: build_language_index(catalogue, tokenizer, lang) for lang in LANGUAGES}
        if folder is not None:
            try:
                save_atomically(indexes, folder)
            except OSError as error:  # a read-only cache only costs the next start a rebuild
                logger.warning("search index not cached in %s: %s", folder, error)
        return cls(indexes, public, key)

    def search(
        self, query: list[SearchToken], lang: Language, limit: int, audience: Audience
    ) -> list[Hit]:
        """The best ``limit`` articles of ``audience`` for ``query`` in ``lang``, explained."""
        return self.indexes[lang].search(query, limit, self.masks[audience][lang])

    def rarity(self, term: str, lang: Language) -> float:
        """How rare ``term`` is in the ``lang`` articles: its idf, high for words none uses."""
        bm25 = self.indexes[lang].bm25
        return positive_idf(len(bm25.keys), bm25.document_frequency(term))


def build_language_index(
    catalogue: Catalogue, tokenizer: Tokenizer, lang: Language
) -> LanguageIndex:
    documents = [
        IndexedDocument(article.slug, document_fields(document, tokenizer))
        for article in catalogue.articles.values()
        if (document := article.document(lang)) is not None
    ]
    return LanguageIndex.build(documents)


def save_atomically(indexes: dict[Language, LanguageIndex], folder: Path) -> None:
    """Write to a temporary folder and rename it, so a crash never leaves a half cache."""
    temporary = folder.with_name(f"{folder.name}.tmp")
    shutil.rmtree(temporary, ignore_errors=True)
    for lang, index in indexes.items():
        index.save(temporary / lang)
    (temporary / "complete").touch()
    try:
        temporary.rename(folder)
    except OSError:  # another process saved the same index first
        shutil.rmtree(temporary, ignore_errors=True)


def cache_key(catalogue: Catalogue, tokenizer: Tokenizer) -> str:
    """A hash of every article file, the language resources and the index version."""
    digest = hashlib.sha256(f"{INDEX_VERSION}:{tokenizer.fingerprint}".encode())
    for article in sorted(catalogue.articles.values(), key=lambda article: article.slug):
        digest.update(f"{article.slug}:{article.audience is Audience.PUBLIC}".encode())
        for lang in sorted(article.documents):
            digest.update(article.documents[lang].path.read_bytes())
    return digest.hexdigest()[:16]
