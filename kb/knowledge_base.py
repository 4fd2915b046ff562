"""The loaded knowledge base: the articles and what reading and answering them needs.

Built once per process (the API's lifespan, a CLI command) and handed out part by
part: the search index to what ranks, the tokenizer to what matches words, the
messages to what writes in the reader's language, the catalogue to what shows articles.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kb.content.catalogue import Catalogue, load_catalogue
from kb.search.embedding import Embedder
from kb.search.index import SearchIndex
from kb.search.semantic_stage import SemanticStage
from kb.text.messages import Messages
from kb.text.tokens import Tokenizer


@dataclass(frozen=True)
class KnowledgeBase:
    catalogue: Catalogue
    tokenizer: Tokenizer
    index: SearchIndex
    messages: Messages
    site_url: str  # the help site, where article links point
    # The semantic stage beside BM25; None when it is switched off (KB_SEMANTIC=off). Built
    # by whoever opens the knowledge base: in the background, or at once with a progress bar.
    semantic: SemanticStage | None = None

    @classmethod
    def open(
        cls,
        articles_dir: Path,
        locales_dir: Path,
        cache_dir: Path | None,
        site_url: str,
        embedder: Embedder | None = None,
    ) -> KnowledgeBase:
        """Load the articles and the language resources, and the search index from
        ``cache_dir`` (built and saved there when missing). With an ``embedder``, the
        semantic stage is prepared (not built: see SemanticStage).

        Raises ArticlesNotFound or InvalidCatalogue when the articles cannot be served.
        """
        catalogue = load_catalogue(articles_dir)
        tokenizer = Tokenizer(locales_dir, cache_dir)
        index = SearchIndex.open(catalogue, tokenizer, cache_dir)
        semantic = SemanticStage(catalogue, embedder, cache_dir) if embedder else None
        return cls(catalogue, tokenizer, index, Messages(locales_dir), site_url, semantic)
