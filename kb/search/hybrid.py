"""Search with both stages: BM25 always, the semantic stage once its index is ready.

While the semantic index is being built (or when it is off) the answer is BM25's alone,
and says so; once it is ready, each audience's BM25 candidates and every article's best
passage are fused (``kb.search.fusion``).
"""

from __future__ import annotations

from typing import Literal

from kb.content.documents import Audience
from kb.search.embedding import Vector
from kb.search.explain import Hit
from kb.search.fusion import fuse
from kb.search.index import SearchIndex
from kb.search.query import Query
from kb.search.semantic_stage import SemanticStage, SemanticState
from kb.text.han import to_simplified

Ranking = Literal["hybrid", "bm25"]
# BM25's candidates for the fusion: enough that a word match ranked low can still rise.
CANDIDATES = 20


class HybridSearch:
    """One ticket's searches: embedded once, then each audience ranked with both stages."""

    def __init__(self, index: SearchIndex, semantic: SemanticStage | None, query: Query) -> None:
        self.index = index
        self.semantic = semantic
        self.query = query
        self.vector: Vector | None = None
        if semantic is not None and semantic.ready:
            # The articles' passages are Simplified; a Traditional ticket reads the same.
            text = to_simplified(query.text) if query.lang == "zh" else query.text
            self.vector = semantic.embedder.query(text)

    @property
    def ranking(self) -> Ranking:
        return "bm25" if self.vector is None else "hybrid"

    @property
    def semantic_state(self) -> SemanticState:
        return "off" if self.semantic is None else self.semantic.state

    def search(self, limit: int, audience: Audience) -> list[Hit]:
        if self.vector is None or self.semantic is None or self.semantic.index is None:
            return self.index.search(self.query.tokens, self.query.lang, limit, audience)
        lexical = self.index.search(
            self.query.tokens, self.query.lang, max(limit, CANDIDATES), audience
        )
        meanings = self.semantic.index.matches(self.vector, self.query.lang, audience)
        return fuse(lexical, meanings, limit)
