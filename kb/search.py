"""Search over the catalogue: one BM25 index per language, cached on disk, explained hits.

``SearchIndex.open`` builds the two indexes (``en``, ``zh``) or loads them from a
cache folder keyed by a hash of the articles, the language resources and this
module's index version, so a restart or a CLI call does not rebuild them.
"""

from __future__ import annotations

import hashlib
import logging
import math
import shutil
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
import numpy.typing as npt
from scipy import sparse

from kb.articles import LANGUAGES, Audience, Document, Language
from kb.catalogue import Catalogue
from kb.index import FIELD_WEIGHTS, BM25Parameters, IndexedDocument, SparseBM25, top_documents
from kb.tokens import Token, Tokenizer

logger = logging.getLogger(__name__)

# Bump when the index layout or the way fields are tokenised changes.
INDEX_VERSION = "3"


@dataclass(frozen=True)
class Match:
    """One query word that hit an article, and the fields it hit."""

    term: str
    words: str
    fields: tuple[str, ...]

    @property
    def is_about(self) -> bool:
        """Whether the word is in a field that says what the article is about."""
        return not ABOUT_FIELDS.isdisjoint(self.fields)


@dataclass(frozen=True)
class Hit:
    slug: str
    score: float
    confidence: float
    matched: tuple[Match, ...]


def document_fields(document: Document, tokenizer: Tokenizer) -> dict[str, list[str]]:
    meta = document.meta
    return {
        "title": tokenizer.terms(meta.title),
        "keywords": tokenizer.terms(" \n ".join(meta.keywords)),
        "summary": tokenizer.terms(meta.summary),
        "body": tokenizer.terms(document.body),
    }


FIELD_BITS = {field: 1 << number for number, field in enumerate(FIELD_WEIGHTS)}


class LanguageIndex:
    """The BM25 index of one language, plus which fields hold each term (for explanations).

    ``fields`` is a term-by-document matrix of bit masks (see FIELD_BITS) over the
    BM25 vocabulary, so it saves and loads as fast as the scores do.
    """

    def __init__(self, bm25: SparseBM25, fields: sparse.csr_matrix) -> None:
        self.bm25 = bm25
        self.fields = fields

    @classmethod
    def build(cls, documents: list[IndexedDocument]) -> LanguageIndex:
        bm25 = SparseBM25.from_corpus(
            [document.key for document in documents],
            [document.weighted_terms() for document in documents],
            BM25Parameters(),
        )
        masks: dict[tuple[int, int], int] = defaultdict(int)
        for column, document in enumerate(documents):
            for field, terms in document.fields.items():
                for term in set(terms):
                    masks[bm25.vocabulary[term], column] |= FIELD_BITS[field]
        rows, columns = zip(*masks, strict=True) if masks else ((), ())
        fields = sparse.csr_matrix(
            (np.array(list(masks.values()), dtype=np.uint8), (rows, columns)),
            shape=bm25.matrix.shape,
        )
        return cls(bm25, fields)

    def save(self, folder: Path) -> None:
        self.bm25.save(folder)
        sparse.save_npz(folder / "fields.npz", self.fields, compressed=False)

    @classmethod
    def load(cls, folder: Path) -> LanguageIndex:
        return cls(SparseBM25.load(folder), sparse.load_npz(folder / "fields.npz").tocsr())

    @cached_property
    def typical_idf(self) -> float:
        return float(np.median(self.bm25.idf)) if len(self.bm25.idf) else 0.0

    def fields_of(self, term: str, position: int) -> tuple[str, ...]:
        """The fields of document ``position`` that contain ``term``."""
        row = self.bm25.vocabulary.get(term)
        if row is None:
            return ()
        start, end = self.fields.indptr[row], self.fields.indptr[row + 1]
        found = np.searchsorted(self.fields.indices[start:end], position)
        if found == end - start or self.fields.indices[start + found] != position:
            return ()
        mask = int(self.fields.data[start + found])
        return tuple(field for field, bit in FIELD_BITS.items() if mask & bit)

    def mask_of(self, slugs: frozenset[str]) -> npt.NDArray[np.bool_]:
        """Which documents are among ``slugs``, in index order."""
        return np.array([slug in slugs for slug in self.bm25.keys], dtype=bool)

    def search(
        self, query: list[Token], limit: int, allowed: npt.NDArray[np.bool_] | None
    ) -> list[Hit]:
        """The best ``limit`` documents (only those ``allowed``, when given), explained."""
        terms = [token.term for token in query]
        scores = self.bm25.scores(terms)
        weights = self.term_weights(terms)
        ceiling = self.score_ceiling(terms, weights)
        hits = []
        for position in top_documents(scores, limit, allowed):
            score = float(scores[position])
            matched = self.matches(query, position)
            hits.append(
                Hit(
                    slug=self.bm25.keys[position],
                    score=score,
                    confidence=confidence(
                        score / ceiling, summary_coverage(matched, weights), about_count(matched)
                    ),
                    matched=matched,
                )
            )
        return hits

    def term_weights(self, terms: list[str]) -> dict[str, float]:
        """Each distinct query term's idf; a word the articles never use weighs as a typical one
        (names such as an exchange's should not sink a ticket that is otherwise on topic)."""
        typical = self.typical_idf
        return {
            term: self.bm25.term_idf(term) if term in self.bm25.vocabulary else typical
            for term in set(terms)
        }

    def score_ceiling(self, terms: list[str], weights: dict[str, float]) -> float:
        """The most any document could score: every term at saturation in a short document.

        Words the index has never seen count too, so a ticket about something we
        have no article for has a low share of its ceiling. ``weights`` are ``term_weights``.
        """
        return sum(weights[term] for term in terms) * (self.bm25.parameters.k1 + 1)

    def matches(self, query: list[Token], position: int) -> tuple[Match, ...]:
        seen: dict[str, Match] = {}
        for token in query:
            if token.term not in seen and (hit_fields := self.fields_of(token.term, position)):
                seen[token.term] = Match(token.term, token.surface, hit_fields)
        return tuple(seen.values())


# Fields that state what an article is about; the body also mentions side topics.
ABOUT_FIELDS = frozenset({"title", "keywords", "summary"})
# A top document usually reaches about half of its query's ceiling; count that as full.
FULL_SCORE_SHARE = 0.5
# Fewer ticket words than this in an article's title, keywords or summary lower confidence.
MIN_ABOUT_WORDS = 2


def summary_coverage(matched: tuple[Match, ...], weights: dict[str, float]) -> float:
    """The idf-weighted share of the query's words in the article's title, keywords or summary."""
    total = sum(weights.values())
    about = sum(weights[match.term] for match in matched if match.is_about)
    return about / total if total > 0 else 0.0


def about_count(matched: tuple[Match, ...]) -> int:
    """How many distinct ticket words the article is about (not just mentions)."""
    return sum(1 for match in matched if match.is_about)


def confidence(score_share: float, coverage: float, about_words: int) -> float:
    """How sure a suggestion is, 0..1: high only when the score is strong *and* the ticket's
    words are what the article is about. An off-topic ticket ("what's the weather") can
    score on stray body words but covers no title or keyword, so it stays near 0; one
    shared word ("order" in "order a pizza") is weak evidence, so it counts half.
    """
    if score_share <= 0 or coverage <= 0:
        return 0.0
    evidence = min(1.0, about_words / MIN_ABOUT_WORDS)
    return round(math.sqrt(min(1.0, score_share / FULL_SCORE_SHARE) * coverage) * evidence, 3)


class SearchIndex:
    """Both languages' indexes over one catalogue, with which articles are public."""

    def __init__(
        self, indexes: dict[Language, LanguageIndex], public: frozenset[str], key: str
    ) -> None:
        self.indexes = indexes
        self.key = key
        # Computed once: every public search filters with it.
        self.public_masks = {lang: index.mask_of(public) for lang, index in indexes.items()}

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
        self, query: list[Token], lang: Language, limit: int, include_internal: bool
    ) -> list[Hit]:
        allowed = None if include_internal else self.public_masks[lang]
        return self.indexes[lang].search(query, limit, allowed)


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
