"""One thread per process that writes queued rows in batches, one transaction per batch.

Writing each suggestion in its own transaction from the request's thread cost
more than answering it: every write meant a hop to a worker thread, a fight for
the GIL with the event loop, and a transaction of its own. Here requests queue
their row and wait for the batch holding it to commit, so an answer is never
returned for a row that is not stored, and under load one commit serves many.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from sqlalchemy import Connection, Engine

from kb.errors import WriterStopped

logger = logging.getLogger(__name__)

Row = dict[str, Any]
MAX_BATCH = 256


class BatchWriter:
    def __init__(self, engine: Engine, write: Callable[[Connection, list[Row]], None]) -> None:
        self.engine = engine
        self.write = write
        self.pending: queue.SimpleQueue[tuple[Row, Future[None]] | None] = queue.SimpleQueue()
        self.stopped = False
        self.thread = threading.Thread(target=self.run, name="kb-batch-writer", daemon=True)
        self.thread.start()

    def submit(self, row: Row) -> Future[None]:
        """Queue a row; the future completes once it is committed, or fails with the error."""
        if self.stopped:
            raise WriterStopped("the writer has been stopped")
        done: Future[None] = Future()
        self.pending.put((row, done))
        return done

    def stop(self) -> None:
        """Write what is queued, then end the thread."""
        self.stopped = True
        self.pending.put(None)
        self.thread.join()

    def run(self) -> None:
        while True:
            batch, last = self.next_batch()
            if batch:
                self.commit(batch)
            if last:
                return

    def next_batch(self) -> tuple[list[tuple[Row, Future[None]]], bool]:
        """Wait for one row, then take whatever else is already queued."""
        first = self.pending.get()
        if first is None:
            return [], True
        batch = [first]
        while len(batch) < MAX_BATCH:
            try:
                item = self.pending.get_nowait()
            except queue.Empty:
                break
            if item is None:
                return batch, True
            batch.append(item)
        return batch, False

    def commit(self, batch: list[tuple[Row, Future[None]]]) -> None:
        try:
            with self.engine.begin() as connection:
                self.write(connection, [row for row, _ in batch])
        except Exception as error:  # every waiting request must hear of it
            logger.warning("batch of %d rows not written: %s", len(batch), type(error).__name__)
            for _, done in batch:
                done.set_exception(error)
            return
        for _, done in batch:
            done.set_result(None)
