"""The semantic index's life in a process: off, being built, or ready.

A first start embeds a few hundred passages (a minute or two on two cores), so the service
builds the index in a background thread and answers with BM25 alone meanwhile. Workers
and instances sharing a cache folder take turns through a lock file: one builds, the
others wait for it and then load what it saved, so the work is done once.
"""

from __future__ import annotations

import logging
import threading
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Literal

from filelock import FileLock

from kb.content.catalogue import Catalogue
from kb.search.embedding import Embedder
from kb.search.semantic import Progress, SemanticIndex

logger = logging.getLogger(__name__)

SemanticState = Literal["off", "building", "ready", "failed"]
# Log the build's progress at every tenth of it.
PROGRESS_STEPS = 10


class SemanticStage:
    """The semantic index of one catalogue, built once per process, shared by its threads."""

    def __init__(self, catalogue: Catalogue, embedder: Embedder, cache_dir: Path | None) -> None:
        self.catalogue = catalogue
        self.embedder = embedder
        self.cache_dir = cache_dir
        self.index: SemanticIndex | None = None
        self.state: SemanticState = "building"
        self.done = self.total = 0
        self.thread: threading.Thread | None = None

    @property
    def ready(self) -> bool:
        return self.index is not None

    def build(self, progress: Progress | None = None) -> SemanticIndex:
        """Build (or load) the index now, waiting for another process building the same one."""
        try:
            with self.build_lock():
                index = SemanticIndex.build(
                    self.catalogue, self.embedder, self.cache_dir, self.reporting(progress)
                )
        except Exception:
            self.state = "failed"
            raise
        self.use(index)
        return index

    def load_cached(self) -> bool:
        """Use the index if every passage is cached already (no model work); whether it was."""
        index = SemanticIndex.cached(self.catalogue, self.embedder, self.cache_dir)
        if index is not None:
            self.use(index)
        return index is not None

    def use(self, index: SemanticIndex) -> None:
        self.index, self.state = index, "ready"
        # Counted as the build counts them: each distinct text once.
        self.done = self.total = len({passage.text for passage in index.passages})

    def start(self) -> None:
        """Build in a background thread; until it is done, ``ready`` is False."""
        self.thread = threading.Thread(target=self.build_logged, name="kb-semantic", daemon=True)
        self.thread.start()

    def build_logged(self) -> None:
        try:
            self.build()
        except Exception:  # a broken model must not take the service down: BM25 answers
            logger.exception("semantic index not built; suggestions use BM25 alone")
            return
        logger.info("semantic index ready: %d passages", self.total)

    def reporting(self, progress: Progress | None) -> Progress:
        step = [0]

        def report(done: int, total: int) -> None:
            self.done, self.total = done, total
            if progress:
                progress(done, total)
            if done * PROGRESS_STEPS >= (step[0] + 1) * total:
                step[0] = done * PROGRESS_STEPS // total
                logger.info("semantic index: %d of %d passages embedded", done, total)

        return report

    def build_lock(self) -> AbstractContextManager[object]:
        if self.cache_dir is None:
            return nullcontext()
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        return FileLock(self.cache_dir / "semantic.lock")
