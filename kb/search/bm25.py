"""A BM25 index for one language: rank-bm25's statistics, answered from a sparse matrix.

rank-bm25 computes the statistics (document lengths, k1, b, and the idf, which
``PositiveIdfBM25`` makes Lucene's); we then store every term's contribution to
every document in a term-by-document CSR matrix, so a query adds up the rows of
its own terms instead of scanning every document, as bm25s does. Scores equal
``PositiveIdfBM25.get_scores`` exactly.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from rank_bm25 import BM25Okapi
from scipy import sparse

Scores = npt.NDArray[np.float64]

# Fields of an article, with how many times each field's terms count. Titles and
# keywords are what users' words match most reliably (keywords are written from
# real tickets' vocabulary), so they weigh most; the summary states the answer;
# the body is long and covers side topics, so it weighs least.
FIELD_WEIGHTS: dict[str, int] = {"title": 3, "keywords": 3, "summary": 2, "body": 1}


@dataclass(frozen=True)
class IndexedDocument:
    """A document's terms per field, before weighting."""

    key: str
    fields: dict[str, list[str]]

    def weighted_terms(self) -> list[str]:
        """The terms BM25 sees: each field's terms repeated by its weight."""
        terms: list[str] = []
        for field, weight in FIELD_WEIGHTS.items():
            terms.extend(self.fields.get(field, []) * weight)
        return terms


@dataclass(frozen=True)
class BM25Parameters:
    # k1 well above the usual 1.2-2.0: fields are weighted by repetition, and a low k1
    # saturates so early that a word in the title counts little more than the same word
    # once in the body. 3.0 was best on the dev tickets with 40 articles; with 62, longer
    # and more alike, 5.0-8.0 ranked better on every held-out and real set (6.0 kept: real
    # tickets' Recall@3 0.73 -> 0.73 in English and 0.48 -> 0.59 in Chinese, BM25 alone).
    k1: float = 6.0
    b: float = 0.75


def positive_idf(documents: int, containing: int) -> float:
    """Lucene's idf of a term that ``containing`` of ``documents`` documents hold."""
    return math.log(1 + (documents - containing + 0.5) / (containing + 0.5))


class PositiveIdfBM25(BM25Okapi):  # type: ignore[misc]  # rank-bm25 has no types
    """BM25Okapi with Lucene's idf, ``log(1 + (N - n + 0.5) / (n + 0.5))``, positive for
    every term.

    Okapi's ``log((N - n + 0.5) / (n + 0.5))`` turns negative once a term is in more than
    half of the documents, and BM25Okapi then floors it to a small share of the mean idf.
    In a catalogue of 40 articles "pending", 转账 and 没到账 are in more than half, so a
    ticket saying only "pending" matched nothing, and the article titled "stuck or
    pending" gained next to nothing from the word. Lucene's idf still ranks common words
    low, but never as nothing.
    """

    def _calc_idf(self, nd: dict[str, int]) -> None:
        self.idf = {word: positive_idf(self.corpus_size, count) for word, count in nd.items()}
        self.average_idf = sum(self.idf.values()) / len(self.idf) if self.idf else 0.0


class SparseBM25:
    """Term-by-document BM25 contributions; ``scores`` equals ``PositiveIdfBM25.get_scores``."""

    def __init__(
        self,
        keys: list[str],
        vocabulary: dict[str, int],
        matrix: sparse.csr_matrix,
        idf: npt.NDArray[np.float64],
        parameters: BM25Parameters,
    ) -> None:
        self.keys = keys
        self.vocabulary = vocabulary
        self.matrix = matrix
        self.idf = idf
        self.parameters = parameters

    @classmethod
    def from_corpus(
        cls, keys: list[str], corpus: Sequence[list[str]], parameters: BM25Parameters
    ) -> SparseBM25:
        """Compute the statistics with rank-bm25, then each (term, document) contribution once."""
        if not corpus:
            raise ValueError("cannot index an empty corpus")
        # BM25Okapi divides by the mean length; an all-empty corpus has none.
        okapi = PositiveIdfBM25(
            [terms or [""] for terms in corpus],
            k1=parameters.k1,
            b=parameters.b,
        )
        vocabulary = {term: number for number, term in enumerate(sorted(okapi.idf))}
        rows, columns, values = [], [], []
        k1, b = parameters.k1, parameters.b
        for document, frequencies in enumerate(okapi.doc_freqs):
            length_norm = k1 * (1 - b + b * okapi.doc_len[document] / okapi.avgdl)
            for term, frequency in frequencies.items():
                rows.append(vocabulary[term])
                columns.append(document)
                values.append(okapi.idf[term] * frequency * (k1 + 1) / (frequency + length_norm))
        matrix = sparse.csr_matrix(
            (np.array(values, dtype=np.float64), (np.array(rows), np.array(columns))),
            shape=(len(vocabulary), len(corpus)),
        )
        idf = np.array([okapi.idf[term] for term in vocabulary], dtype=np.float64)
        return cls(keys, vocabulary, matrix, idf, parameters)

    def scores(self, query: Sequence[str]) -> Scores:
        """Every document's score for ``query`` (repeated terms count again, as in BM25Okapi)."""
        total = np.zeros(len(self.keys), dtype=np.float64)
        indptr, indices, data = self.matrix.indptr, self.matrix.indices, self.matrix.data
        for term in query:
            row = self.vocabulary.get(term)
            if row is not None:
                start, end = indptr[row], indptr[row + 1]
                total[indices[start:end]] += data[start:end]
        return total

    def document_frequency(self, term: str) -> int:
        """How many documents contain ``term``."""
        row = self.vocabulary.get(term)
        return 0 if row is None else int(self.matrix.indptr[row + 1] - self.matrix.indptr[row])

    def term_idf(self, term: str) -> float:
        row = self.vocabulary.get(term)
        return float(self.idf[row]) if row is not None else 0.0

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        sparse.save_npz(folder / "matrix.npz", self.matrix, compressed=False)
        np.save(folder / "idf.npy", self.idf, allow_pickle=False)
        meta = {
            "keys": self.keys,
            "terms": list(self.vocabulary),
            "parameters": vars(self.parameters),
        }
        (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> SparseBM25:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        matrix = sparse.load_npz(folder / "matrix.npz").tocsr()
        idf = np.load(folder / "idf.npy", allow_pickle=False)
        vocabulary = {term: number for number, term in enumerate(meta["terms"])}
        return cls(meta["keys"], vocabulary, matrix, idf, BM25Parameters(**meta["parameters"]))


def top_documents(
    scores: Scores, limit: int, allowed: npt.NDArray[np.bool_] | None = None
) -> list[int]:
    """Indexes of the ``limit`` best positive scores, best first (ties keep index order)."""
    candidates = np.flatnonzero(scores > 0)
    if allowed is not None:
        candidates = candidates[allowed[candidates]]
    if len(candidates) > limit:
        best = np.argpartition(-scores[candidates], limit - 1)[:limit]
        candidates = candidates[best]
    order = np.lexsort((candidates, -scores[candidates]))
    return [int(index) for index in candidates[order]]
