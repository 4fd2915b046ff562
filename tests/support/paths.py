"""Where things are: the checkout's parts, for tests that read them or run commands in
them, and the help site that the session's replies link to."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
TESTS = REPO / "tests"
LINT_FIXTURES = TESTS / "fixtures" / "lint"
TICKETS = TESTS / "data"
# The shared evaluation sets, beside the checkout when the team's files are there (CI).
SHARED_EVAL = REPO.parent / "shared" / "eval"
KB = Path(sys.executable).parent / "kb"
# The help site of the session's knowledge base (the ``knowledge`` fixture).
TEST_SITE_URL = "https://help.example"
