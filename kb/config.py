"""Settings read from the environment (prefix ``KB_``) or a ``.env`` file.

Only the edges (the CLI and ``api``) read settings; library functions take
explicit arguments so that tests can build them without the environment.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from kb.errors import InvalidSettings

# The bundled articles sit next to the package in a source checkout; an
# installed copy (the Docker image) points KB_ARTICLES_DIR at its own copy.
BUNDLED_ARTICLES_DIR = Path(__file__).resolve().parent.parent / "articles"
# The language resources are package data (kb/locales; `locales` at the top of a checkout
# links to it), so an installed package finds them wherever it runs.
BUNDLED_LOCALES_DIR = Path(__file__).resolve().parent / "locales"
# prometheus-client's own name for the folder where worker processes leave their samples
# for /metrics to add up; the workers read it when they import the client.
MULTIPROCESS_DIR = "PROMETHEUS_MULTIPROC_DIR"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KB_", env_file=".env", extra="ignore")

    articles_dir: Path = BUNDLED_ARTICLES_DIR
    locales_dir: Path = BUNDLED_LOCALES_DIR
    # Built search indexes, keyed by a hash of what they were built from.
    cache_dir: Path = Path(".cache/kb")
    database_url: str = "sqlite:///kb.sqlite3"
    site_url: str = "http://127.0.0.1:8001"
    # Origins (the helpdesk's domains) whose pages may call the API from a browser,
    # as JSON: KB_CORS_ORIGINS='["https://example.zendesk.com"]'.
    cors_origins: list[str] = []
    # Bodies over this are refused (413) before they are read into memory.
    max_body_bytes: int = Field(256 * 1024, ge=1024)
    # The semantic stage beside BM25 (a sentence-embedding model on the CPU): KB_SEMANTIC=off
    # gives BM25 alone, for small machines.
    semantic: bool = True
    # How often one worker runs the spike test for the kb_topic_spike gauge; 0 turns it off.
    spike_refresh_seconds: float = Field(60, ge=0)


def load_settings() -> Settings:
    """The settings of this process's environment; InvalidSettings names each bad one."""
    try:
        return Settings()
    except ValidationError as error:
        problems = "; ".join(
            f"KB_{'_'.join(str(part) for part in problem['loc']).upper()}: {problem['msg']}"
            for problem in error.errors()
        )
        raise InvalidSettings(f"invalid settings: {problems}") from None
