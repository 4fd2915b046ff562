"""The semantic stage: which articles mean what a ticket says, whatever words it uses.

Every passage of every article (``kb.search.passages``) has a vector; a ticket's vector is
compared with all of them, and an article scores the mean cosine of its two best passages
(``PASSAGES_SCORED``); its best passage is the one shown. Embedding a passage costs a fifth
of a second, so vectors are cached on disk by a hash of the model and the passage's text:
an edited article costs only its changed passages, and a cache that cannot be read is
rebuilt, never fatal.
"""

from __future__ import annotations

import hashlib
import logging
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from kb.content.catalogue import Catalogue
from kb.content.documents import Audience
from kb.search.embedding import Embedder, Vector
from kb.search.passages import Passage, catalogue_passages
from kb.text.language import Language

logger = logging.getLogger(__name__)

# How far an article's best cosine stands above the typical article's says how sure the
# match is: e5's cosines are all high (0.8-0.9), what tells is the lead. On the dev tickets
# a wrong first article leads by about 0.03 (median), a right one by 0.045, rarely 0.06.
NO_LEAD, FULL_LEAD = 0.03, 0.06

# An article is ranked by the mean cosine of this many of its best passages, not its best
# alone. An article that answers a ticket is near more than one of its passages (its summary
# and a step of its body); an unrelated one is often near a single generic passage (a closing
# "send us the transaction ID" paragraph), and with 44 FAQs competing such lone passages
# outranked the answer. On every labelled set, two ranked as well or better than one (real
# tickets: English Recall@3 0.77 -> 0.80, Chinese 0.59 -> 0.67); see the README.
PASSAGES_SCORED = 2

# (passages embedded so far, passages in all): called as the index is built.
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class SemanticMatch:
    """An article's best passage for a ticket, how close it is, and how sure that is."""

    similarity: float  # the best passage's cosine
    passage: str
    score: float  # what ranks the article: the mean cosine of its PASSAGES_SCORED best passages
    lead: float  # how far its score stands above the typical article's
    confidence: float


def passage_key(model_id: str, passage: Passage) -> str:
    return hashlib.sha256(f"{model_id}\n{passage.text}".encode()).hexdigest()[:24]


class VectorCache:
    """Passage vectors on disk, one file per model, rewritten whole and atomically."""

    def __init__(self, folder: Path, model_id: str) -> None:
        self.path = folder / f"passages-{model_id}.npz"

    def load(self) -> dict[str, Vector]:
        if not self.path.exists():
            return {}
        try:
            with self.path.open("rb") as file, np.load(file, allow_pickle=False) as stored:
                return dict(zip(stored["keys"].tolist(), stored["vectors"], strict=True))
        # A torn, truncated or foreign file.
        except (OSError, EOFError, ValueError, KeyError, zipfile.BadZipFile) as error:
            logger.warning("semantic cache %s unreadable (%s): rebuilding it", self.path, error)
            return {}

    def save(self, vectors: dict[str, Vector]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f"{self.path.stem}.{os.getpid()}.tmp.npz")
        keys = np.array(sorted(vectors))
        np.savez(temporary, keys=keys, vectors=np.stack([vectors[key] for key in keys]))
        temporary.replace(self.path)


class SemanticIndex:
    """Every passage's vector, with the masks that pick one language's and audience's."""

    def __init__(self, passages: list[Passage], vectors: npt.NDArray[np.float32], public: set[str]):
        self.passages = passages
        self.vectors = vectors
        self.slugs = np.array([passage.slug for passage in passages])
        languages = np.array([passage.lang for passage in passages])
        is_public = np.array([passage.slug in public for passage in passages], dtype=bool)
        self.masks = {
            (lang, audience): (languages == lang) & (is_public == (audience is Audience.PUBLIC))
            for lang in set(languages.tolist())
            for audience in Audience
        }

    @classmethod
    def build(
        cls,
        catalogue: Catalogue,
        embedder: Embedder,
        cache_dir: Path | None,
        progress: Progress | None = None,
    ) -> SemanticIndex:
        """Embed the passages the cache lacks (saving as it goes) and index them all."""
        passages = catalogue_passages(catalogue)
        vectors = passage_vectors(passages, embedder, cache_dir, progress, embed_missing=True)
        assert vectors is not None  # every passage was embedded
        return cls(passages, vectors, public_slugs(catalogue))

    @classmethod
    def cached(
        cls, catalogue: Catalogue, embedder: Embedder, cache_dir: Path | None
    ) -> SemanticIndex | None:
        """The index from the cache alone; None when a passage has never been embedded."""
        passages = catalogue_passages(catalogue)
        vectors = passage_vectors(passages, embedder, cache_dir, None, embed_missing=False)
        return None if vectors is None else cls(passages, vectors, public_slugs(catalogue))

    def matches(
        self, query: Vector, lang: Language, audience: Audience
    ) -> dict[str, SemanticMatch]:
        """Each article of ``audience`` in ``lang`` with its best passage for ``query``."""
        mask = self.masks.get((lang, audience))
        if mask is None or not mask.any():
            return {}
        rows = np.flatnonzero(mask)
        similarities = self.vectors[rows] @ query
        by_slug: dict[str, list[tuple[float, int]]] = {}
        for row, similarity in zip(rows.tolist(), similarities.tolist(), strict=True):
            by_slug.setdefault(str(self.slugs[row]), []).append((similarity, row))
        best = {
            slug: sorted(found, reverse=True)[:PASSAGES_SCORED] for slug, found in by_slug.items()
        }
        scores = {
            slug: sum(cosine for cosine, _ in found) / len(found) for slug, found in best.items()
        }
        typical = float(np.median(list(scores.values())))
        return {
            slug: SemanticMatch(
                round(found[0][0], 4),
                self.passages[found[0][1]].text,
                round(scores[slug], 4),
                round(scores[slug] - typical, 4),
                lead_confidence(scores[slug] - typical),
            )
            for slug, found in best.items()
        }


def passage_vectors(
    passages: list[Passage],
    embedder: Embedder,
    cache_dir: Path | None,
    progress: Progress | None,
    embed_missing: bool,
) -> npt.NDArray[np.float32] | None:
    """Every passage's vector, from the cache or (when ``embed_missing``) the model, saving
    every 50 new ones; None when one is missing and may not be embedded."""
    cache = VectorCache(cache_dir, embedder.model_id) if cache_dir else None
    known = cache.load() if cache else {}
    keys = [passage_key(embedder.model_id, passage) for passage in passages]
    # Each text once: articles may share a passage (the same keywords in both languages).
    texts = {key: passage.text for key, passage in zip(keys, passages, strict=True)}
    missing = [key for key in texts if key not in known]
    if missing and not embed_missing:
        return None
    for done, key in enumerate(missing, 1):
        known[key] = embedder.passage(texts[key])
        if progress:
            progress(len(texts) - len(missing) + done, len(texts))
        if cache and (done % 50 == 0 or done == len(missing)):
            cache.save({key: known[key] for key in keys if key in known})
    if not keys:
        return np.zeros((0, 0), dtype=np.float32)
    return np.stack([known[key] for key in keys]).astype(np.float32)


def public_slugs(catalogue: Catalogue) -> set[str]:
    return {article.slug for article in catalogue.public_articles()}


def lead_confidence(lead: float) -> float:
    """0 for a lead a wrong answer has, 1 from a lead only a right one reaches."""
    return round(min(1.0, max(0.0, (lead - NO_LEAD) / (FULL_LEAD - NO_LEAD))), 3)
