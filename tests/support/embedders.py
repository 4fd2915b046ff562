"""A small deterministic stand-in for the sentence-embedding model, for unit tests of the
semantic stage's plumbing (caching, fusion, fallback). Quality is measured with the real
model only (tests/kb/search/test_semantic_model.py, `make eval`)."""

from __future__ import annotations

import hashlib
import re

import numpy as np

from kb.search.embedding import Vector

DIMENSIONS = 64
WORD = re.compile(r"\w+")


class WordHashEmbedder:
    """Each word hashed to one of 64 axes: texts sharing words point the same way.

    Counts the passages it embeds, so a test can tell a cached vector from a new one.
    """

    def __init__(self, model_id: str = "stand-in-1") -> None:
        self.model_id = model_id
        self.embedded: list[str] = []

    def query(self, text: str) -> Vector:
        return self.vector(text)

    def passage(self, text: str) -> Vector:
        self.embedded.append(text)
        return self.vector(text)

    def vector(self, text: str) -> Vector:
        vector = np.zeros(DIMENSIONS, dtype=np.float32)
        for word in WORD.findall(text.lower()):
            vector[int(hashlib.md5(word.encode()).hexdigest(), 16) % DIMENSIONS] += 1.0
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm else vector
