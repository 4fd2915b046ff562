"""The ``kb`` command line (``kb = "kb.cli:app"``); the commands live in the modules beside."""

from kb.cli.main import app

__all__ = ["app"]
