"""Where worker processes leave their Prometheus samples for /metrics to add up."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

# prometheus-client's own name for it; the workers read it when they import the client.
MULTIPROCESS_DIR = "PROMETHEUS_MULTIPROC_DIR"


@contextmanager
def shared_metrics_dir(workers: int) -> Iterator[None]:
    """With several workers, a fresh folder for the run (one the operator set is emptied)."""
    if workers == 1:
        yield
        return
    given = os.environ.get(MULTIPROCESS_DIR)
    folder = given or tempfile.mkdtemp(prefix="kb-metrics-")
    if given:
        # Samples of an earlier run's processes would be added to this run's.
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder, exist_ok=True)
    os.environ[MULTIPROCESS_DIR] = folder
    try:
        yield
    finally:
        if not given:
            shutil.rmtree(folder, ignore_errors=True)
