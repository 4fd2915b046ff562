"""The one Chromium every browser test shares.

Package-scoped, not session-scoped: Playwright's sync API keeps an asyncio loop running in
the main thread while a browser is open, which would break later tests that run a loop.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from tests.support.browser import chromium

if TYPE_CHECKING:
    from playwright.sync_api import Browser


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """One headless Chromium for every browser test; each test opens its own context."""
    with chromium() as launched:
        yield launched
