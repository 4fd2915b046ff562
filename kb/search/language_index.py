"""The index of one language: BM25 scores plus which fields hold each term, and its search."""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt
from scipy import sparse

from kb.search.bm25 import FIELD_WEIGHTS, BM25Parameters, IndexedDocument, SparseBM25, top_documents
from kb.search.explain import Hit, Match, about_count, confidence, summary_coverage
from kb.text.tokens import SearchToken

FIELD_BITS = {field: 1 << number for number, field in enumerate(FIELD_WEIGHTS)}
# (term, document) lookups kept per language: about 10 MB at most.
FIELDS_CACHED = 100_000


class LanguageIndex:
    """The BM25 index of one language, plus which fields hold each term (for explanations).

    ``fields`` is a term-by-document matrix of bit masks (see FIELD_BITS) over the
    BM25 vocabulary, so it saves and loads as fast as the scores do.
    """

    def __init__(self, bm25: SparseBM25, fields: sparse.csr_matrix) -> None:
        self.bm25 = bm25
        self.fields = fields
        # Explaining a hit looks up every ticket word in its document: a numpy call each,
        # most of a suggestion's time. Tickets share their words, so recent answers are kept.
        self.fields_of = lru_cache(maxsize=FIELDS_CACHED)(self.look_up_fields)

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

    def look_up_fields(self, term: str, position: int) -> tuple[str, ...]:
        """The fields of document ``position`` that contain ``term`` (see ``fields_of``)."""
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
        self, query: list[SearchToken], limit: int, allowed: npt.NDArray[np.bool_] | None
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

    def matches(self, query: list[SearchToken], position: int) -> tuple[Match, ...]:
        """The query's terms found in document ``position``, each once (with the words the
        ticket first used for it), in the ticket's order."""
        found: dict[str, Match] = {}
        checked: set[str] = set()  # a long ticket repeats its terms; look each up once
        for token in query:
            if token.term in checked:
                continue
            checked.add(token.term)
            if hit_fields := self.fields_of(token.term, position):
                found[token.term] = Match(token.term, token.surface, hit_fields)
        return tuple(found.values())
