"""The sparse BM25 index: equal to rank-bm25 with Lucene's idf, hand-checked scores,
save/load, top documents."""

from __future__ import annotations

import math
import random
from pathlib import Path

import numpy as np
import pytest

from kb.search.bm25 import (
    BM25Parameters,
    IndexedDocument,
    PositiveIdfBM25,
    SparseBM25,
    top_documents,
)

OKAPI_DEFAULTS = BM25Parameters(k1=1.5, b=0.75)


def random_corpus(seed: int, documents: int) -> list[list[str]]:
    rng = random.Random(seed)
    words = [f"w{number}" for number in range(40)]
    return [rng.choices(words, k=rng.randint(1, 30)) for _ in range(documents)]


@pytest.mark.parametrize("parameters", [OKAPI_DEFAULTS, BM25Parameters(k1=3.0, b=0.5)])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_scores_equal_rank_bm25_get_scores(seed: int, parameters: BM25Parameters) -> None:
    corpus = random_corpus(seed, 60)
    okapi = PositiveIdfBM25(corpus, k1=parameters.k1, b=parameters.b)
    index = SparseBM25.from_corpus([str(n) for n in range(len(corpus))], corpus, parameters)
    rng = random.Random(seed + 100)

    for _ in range(20):
        query = rng.choices([*{word for doc in corpus for word in doc}, "unseen"], k=4)
        np.testing.assert_allclose(index.scores(query), okapi.get_scores(query), rtol=0, atol=1e-9)


def test_scores_match_a_hand_computed_three_document_corpus() -> None:
    corpus = [["wallet", "seed", "seed"], ["wallet", "fee"], ["fee", "gas", "gas", "gas"]]
    index = SparseBM25.from_corpus(["d0", "d1", "d2"], corpus, OKAPI_DEFAULTS)
    # N = 3, avgdl = 3. seed and gas are in one document: idf = ln(1 + 2.5 / 1.5).
    # wallet and fee are in two: idf = ln(1 + 1.5 / 2.5), lower but still positive
    # (Okapi's ln(1.5 / 2.5) would be negative).
    rare, common = math.log(1 + 2.5 / 1.5), math.log(1 + 1.5 / 2.5)
    # d0: seed twice, length 3:  idf * 2 * 2.5 / (2 + 1.5 * (0.25 + 0.75 * 3 / 3))
    seed_in_d0 = rare * 5 / 3.5
    # d2: gas three times, length 4: idf * 3 * 2.5 / (3 + 1.5 * (0.25 + 0.75 * 4 / 3))
    gas_in_d2 = rare * 7.5 / 4.875
    # wallet once in d0 (length 3) and once in d1 (length 2).
    wallet_in_d0 = common * 2.5 / (1 + 1.5 * (0.25 + 0.75 * 3 / 3))
    wallet_in_d1 = common * 2.5 / (1 + 1.5 * (0.25 + 0.75 * 2 / 3))

    assert index.scores(["seed"]).tolist() == pytest.approx([seed_in_d0, 0, 0], abs=1e-12)
    assert index.scores(["gas", "wallet"]).tolist() == pytest.approx(
        [wallet_in_d0, wallet_in_d1, gas_in_d2], abs=1e-12
    )
    assert seed_in_d0 == pytest.approx(1.4012, abs=1e-4)
    assert gas_in_d2 == pytest.approx(1.5090, abs=1e-4)


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    corpus = random_corpus(7, 30)
    index = SparseBM25.from_corpus([f"doc-{n}" for n in range(30)], corpus, OKAPI_DEFAULTS)

    index.save(tmp_path / "index")
    loaded = SparseBM25.load(tmp_path / "index")

    assert loaded.keys == index.keys
    assert loaded.parameters == index.parameters
    query = corpus[3][:3]
    np.testing.assert_array_equal(loaded.scores(query), index.scores(query))


def test_weighted_terms_repeat_each_field_by_its_weight() -> None:
    document = IndexedDocument("a", {"title": ["fee"], "summary": ["gas"], "body": ["fee", "x"]})

    assert sorted(document.weighted_terms()) == ["fee"] * 4 + ["gas"] * 2 + ["x"]


def test_top_documents_ranks_positive_scores_and_honours_the_mask() -> None:
    scores = np.array([0.5, 0.0, 2.0, 1.0, 2.0])

    assert top_documents(scores, 3) == [2, 4, 3]
    assert top_documents(scores, 10) == [2, 4, 3, 0]
    allowed = np.array([True, True, False, True, True])
    assert top_documents(scores, 2, allowed) == [4, 3]
