"""Reciprocal-rank fusion of BM25's ranking and the semantic stage's, on known scores."""

from __future__ import annotations

from kb.search.explain import Hit, Match
from kb.search.fusion import RRF_K, VOUCH_LEAD, fuse
from kb.search.semantic import SemanticMatch


def lexical(*slugs: str) -> list[Hit]:
    """BM25 hits in this order, each matching one word in its title, confidence falling."""
    return [
        Hit(
            slug,
            score=10.0 - rank,
            confidence=0.5 - rank / 10,
            matched=(Match(slug, slug, ("title",)),),
        )
        for rank, slug in enumerate(slugs)
    ]


def meaning(**similarities: float) -> dict[str, SemanticMatch]:
    return {
        slug: SemanticMatch(
            similarity, f"Title\n{slug} passage", score=similarity, lead=0.05, confidence=0.0
        )
        for slug, similarity in similarities.items()
    }


def test_an_article_second_in_both_rankings_beats_one_first_in_bm25_and_fifth_in_meaning() -> None:
    semantic = meaning(c=0.95, b=0.90, d=0.85, e=0.80, a=0.75)
    fused = fuse(lexical("a", "b", "c", "d", "e"), semantic, limit=3)

    # b: 1/12 + 1/12 = 0.167; a: 1/11 + 1/15 = 0.158; c: 1/13 + 1/11 = 0.168.
    assert [hit.slug for hit in fused] == ["c", "b", "a"]


def test_ties_keep_bm25s_order() -> None:
    fused = fuse(lexical("a", "b"), meaning(b=0.9, a=0.8), limit=2)

    # a: 1/11 + 1/12; b: 1/12 + 1/11.
    assert [hit.slug for hit in fused] == ["a", "b"]


def test_scores_are_reciprocal_ranks_with_k_10() -> None:
    assert RRF_K == 10
    fused = fuse(lexical("a", "b"), meaning(b=0.9, c=0.8, a=0.1), limit=3)

    # b: 1/12 + 1/11 = 0.174; a: 1/11 + 1/13 = 0.168; c: 1/12 = 0.083.
    assert [hit.slug for hit in fused] == ["b", "a", "c"]


def test_an_article_only_the_semantic_stage_found_comes_with_its_passage_and_no_words() -> None:
    fused = fuse(lexical("a"), meaning(z=0.95, a=0.5), limit=2)

    found = {hit.slug: hit for hit in fused}
    assert found["z"].matched == ()
    assert found["z"].score == 0.0
    assert found["z"].passage == "Title\nz passage"
    assert found["z"].similarity == 0.95


def test_each_hit_keeps_its_matched_words_and_gains_its_best_passage() -> None:
    [hit] = fuse(lexical("a"), meaning(a=0.8), limit=1)

    assert [match.term for match in hit.matched] == ["a"]
    assert (hit.similarity, hit.passage) == (0.8, "Title\na passage")


def test_confidence_is_the_surer_of_the_two_stages_when_the_meaning_vouches_for_the_words() -> None:
    sure_meaning = {"a": SemanticMatch(0.9, "Title\na", score=0.9, lead=0.07, confidence=0.8)}
    unsure_meaning = {"a": SemanticMatch(0.9, "Title\na", score=0.9, lead=0.045, confidence=0.1)}

    assert fuse(lexical("a"), sure_meaning, limit=1)[0].confidence == 0.8
    assert fuse(lexical("a"), unsure_meaning, limit=1)[0].confidence == 0.5


def test_words_the_meaning_does_not_vouch_for_lose_their_confidence_in_proportion() -> None:
    """An off-topic ticket sharing words with an article: its passages do not stand out."""
    assert VOUCH_LEAD == 0.04
    half = {"a": SemanticMatch(0.85, "Title\na", score=0.85, lead=0.02, confidence=0.0)}
    none = {"a": SemanticMatch(0.85, "Title\na", score=0.85, lead=-0.01, confidence=0.0)}

    assert fuse(lexical("a"), half, limit=1)[0].confidence == 0.25
    assert fuse(lexical("a"), none, limit=1)[0].confidence == 0.0


def test_without_semantic_matches_the_order_is_bm25s() -> None:
    assert [hit.slug for hit in fuse(lexical("a", "b", "c"), {}, limit=2)] == ["a", "b"]
