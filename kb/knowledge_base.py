"""The loaded knowledge base: the articles and what reading and answering them needs.

Built once per process (the API's lifespan, a CLI command) and handed out part by
part: the search index to what ranks, the tokenizer to what matches words, the
messages to what writes in the reader's language, the catalogue to what shows articles.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kb.content.catalogue import Catalogue, load_catalogue
from kb.search.index import SearchIndex
from kb.text.messages import Messages
from kb.text.tokens import Tokenizer


@dataclass(frozen=True)
class KnowledgeBase:
    catalogue: Catalogue
    tokenizer: Tokenizer
    index: SearchIndex
    messages: Messages
    site_url: str  # the help site, where article links point

    @classmethod
    def open(
        cls, articles_dir: Path, locales_dir: Path, cache_dir: Path | None, site_url: str
    ) -> KnowledgeBase:
        """Load the articles and the language resources, and the search index from
        ``cache_dir`` (built and saved there when missing).

        Raises ArticlesNotFound or InvalidCatalogue when the articles cannot be served.
        """
        catalogue = load_catalogue(articles_dir)
        tokenizer = Tokenizer(locales_dir)
        index = SearchIndex.open(catalogue, tokenizer, cache_dir)
        return cls(catalogue, tokenizer, index, Messages(locales_dir), site_url)
