"""One ranking from two: BM25's (the ticket's exact words) and the semantic stage's (what it
means), by reciprocal-rank fusion.

Each article scores ``1 / (K + rank)`` in each ranking it appears in, and the sums order
the answer. Ranks rather than scores, because a BM25 score and a cosine have no common
scale; K = 10 lets a first place in one ranking outweigh a fifth place in both. An article
keeps its BM25 explanation (the words that matched) and gains its best passage. The semantic
ranking orders articles by their score (the mean of their two best passages' cosines).

Its confidence is the surer of the two stages', each calibrated on its own, with one
check: the words' confidence counts only as far as the meaning vouches for it. An
off-topic ticket shares words with some article ("my food order never arrived, I want a
refund" with the card-purchase one), but none of its passages stands out from the rest;
an article whose semantic score leads the typical one by less than VOUCH_LEAD keeps that
share of its BM25 confidence.
"""

from __future__ import annotations

from dataclasses import replace

from kb.search.explain import Hit
from kb.search.semantic import SemanticMatch

RRF_K = 10
# The lead at which the meaning fully vouches for the words: between what a wrong first
# article leads by on the dev tickets (median 0.032) and what a right one does (0.048).
# At 0.03 (the wrong one's), three off-topic tickets of 24 drew a plausible answer.
VOUCH_LEAD = 0.04


def fuse(lexical: list[Hit], semantic: dict[str, SemanticMatch], limit: int) -> list[Hit]:
    """The best ``limit`` articles of both rankings, each with the evidence of both."""
    semantic_order = sorted(semantic, key=lambda slug: -semantic[slug].score)
    fused: dict[str, float] = {}
    for ranking in ([hit.slug for hit in lexical], semantic_order):
        for rank, slug in enumerate(ranking, 1):
            fused[slug] = fused.get(slug, 0.0) + 1 / (RRF_K + rank)
    by_slug = {hit.slug: hit for hit in lexical}
    # Ties keep BM25's order, then the semantic stage's: exact words are the surer sign.
    position: dict[str, int] = {}
    for slug in [*by_slug, *semantic_order]:
        position.setdefault(slug, len(position))
    # Rounded, so that equal sums added in another order tie.
    best = sorted(fused, key=lambda slug: (-round(fused[slug], 9), position[slug]))[:limit]
    return [with_meaning(by_slug.get(slug), slug, semantic.get(slug)) for slug in best]


def with_meaning(hit: Hit | None, slug: str, match: SemanticMatch | None) -> Hit:
    """The article's hit with its best passage, or a hit the semantic stage alone found."""
    if hit is None:
        hit = Hit(slug=slug, score=0.0, confidence=0.0, matched=())
    if match is None:
        return hit
    return replace(
        hit,
        confidence=fused_confidence(hit.confidence, match),
        similarity=match.similarity,
        passage=match.passage,
    )


def fused_confidence(lexical: float, match: SemanticMatch) -> float:
    """The semantic confidence, or the words' as far as the meaning vouches for them."""
    vouched = min(1.0, max(0.0, match.lead / VOUCH_LEAD))
    return round(max(match.confidence, lexical * vouched), 3)
