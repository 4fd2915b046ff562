"""Text to search terms, the same way for articles and tickets, in both languages.

- Text with Han characters goes through OpenCC (Traditional to Simplified, with
  Taiwan phrases such as 軟體 -> 软件) and jieba, loaded once, lazily, with our
  domain dictionary; English words inside it are treated as English.
- English is lower-cased, split on anything that is not a letter or digit,
  cleared of identifiers (0x..., hashes, long numbers) and stop words, and
  stemmed (irregular forms first mapped to their base from ``lemmas.en.tsv``).
- Synonym groups from ``synonyms.yaml`` then replace every variant, phrases
  included, with one term per group, so either form finds the article.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import snowballstemmer
import yaml

from kb.text.han import HAN, to_simplified

if TYPE_CHECKING:
    import jieba

ENGLISH_WORD = re.compile(r"[a-z0-9]+")
APOSTROPHE = re.compile(r"[’']")
# Values a ticket carries that are not words: addresses, hashes, order ids, amounts.
IDENTIFIER = re.compile(r"^(0x[0-9a-f]*|\d{5,}|(?=.*\d)(?=.*[a-z])[a-z0-9]{12,}|[a-z0-9]{26,})$")

RESOURCE_FILES = (
    "jieba_user_dict.txt",
    "synonyms.yaml",
    "stopwords.en.txt",
    "stopwords.zh.txt",
    "lemmas.en.tsv",
)


@dataclass(frozen=True)
class SearchToken:
    """A search term and the words of the text it came from (shown to agents as 'matched')."""

    term: str
    surface: str


def read_word_list(path: Path) -> list[str]:
    """Lines of a word file, without comments and blank lines."""
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


class Tokenizer:
    """Turns text into terms; build one per process and share it (jieba loads once)."""

    def __init__(self, locales_dir: Path, cache_dir: Path | None = None) -> None:
        self.locales_dir = locales_dir
        # Where jieba keeps its 9 MB prefix dictionary between runs (the system's temporary
        # folder when None): a container keeps it on its volume instead of rebuilding it.
        self.cache_dir = cache_dir
        self.stopwords_en = frozenset(read_word_list(locales_dir / "stopwords.en.txt"))
        self.stopwords_zh = frozenset(read_word_list(locales_dir / "stopwords.zh.txt"))
        self.lemmas = dict(
            line.split("\t", 1) for line in read_word_list(locales_dir / "lemmas.en.tsv")
        )
        self.synonym_groups: list[list[str]] = yaml.safe_load(
            (locales_dir / "synonyms.yaml").read_text(encoding="utf-8")
        )
        self._chinese_lock = threading.Lock()

    @cached_property
    def fingerprint(self) -> str:
        """A hash of every resource file, so a cached index built with other words is not reused."""
        digest = hashlib.sha256()
        for name in RESOURCE_FILES:
            digest.update((self.locales_dir / name).read_bytes())
        return digest.hexdigest()[:16]

    def terms(self, text: str) -> list[str]:
        return [token.term for token in self.tokens(text)]

    def tokens(self, text: str) -> list[SearchToken]:
        """The search tokens of ``text``, in order, synonyms replaced by their group's term."""
        text = unicodedata.normalize("NFKC", text).lower()
        raw = self.chinese_tokens(text) if HAN.search(text) else self.english_tokens(text)
        # Numbers count only inside a synonym phrase ("12 words"); alone they are
        # amounts and durations, which say nothing about the topic.
        return [token for token in self.apply_synonyms(raw) if not token.term.isdigit()]

    def english_tokens(self, text: str) -> list[SearchToken]:
        tokens = []
        for word in ENGLISH_WORD.findall(APOSTROPHE.sub("", text)):
            if word in self.stopwords_en or IDENTIFIER.match(word):
                continue
            tokens.append(SearchToken(self.stem(word), word))
        return tokens

    def chinese_tokens(self, text: str) -> list[SearchToken]:
        tokens = []
        for piece in self.jieba.cut(to_simplified(text)):
            if HAN.search(piece):
                if piece not in self.stopwords_zh:
                    tokens.append(SearchToken(piece, piece))
            elif ENGLISH_WORD.search(piece):
                tokens.extend(self.english_tokens(piece))
        return tokens

    def stem(self, word: str) -> str:
        return stem_english(self.lemmas.get(word, word))

    def apply_synonyms(self, tokens: list[SearchToken]) -> list[SearchToken]:
        """Replace the longest synonym phrase at each position with its group's term."""
        phrases, longest_from = self.synonym_phrases, self.longest_phrase_from
        result: list[SearchToken] = []
        position = 0
        while position < len(tokens):
            longest = longest_from.get(tokens[position].term, 0)
            for length in range(min(longest, len(tokens) - position), 0, -1):
                window = tokens[position : position + length]
                group_term = phrases.get(tuple(token.term for token in window))
                if group_term is not None:
                    surface = " ".join(token.surface for token in window)
                    result.append(SearchToken(group_term, surface))
                    position += length
                    break
            else:
                result.append(tokens[position])
                position += 1
        return result

    @cached_property
    def longest_phrase_from(self) -> dict[str, int]:
        """For each term that starts a synonym phrase, the longest such phrase's length."""
        longest: dict[str, int] = {}
        for phrase in self.synonym_phrases:
            longest[phrase[0]] = max(longest.get(phrase[0], 0), len(phrase))
        return longest

    @cached_property
    def synonym_phrases(self) -> dict[tuple[str, ...], str]:
        """Every synonym as a tuple of terms -> its group's term (the first entry's terms)."""
        table: dict[tuple[str, ...], str] = {}
        for group in self.synonym_groups:
            group_term = ""
            for variant in group:
                variant = unicodedata.normalize("NFKC", str(variant)).lower()
                if HAN.search(variant):
                    # Added to jieba whole, so a Chinese synonym is always one token.
                    terms: tuple[str, ...] = (to_simplified(variant),)
                else:
                    terms = tuple(token.term for token in self.english_tokens(variant))
                group_term = group_term or "_".join(terms)
                if terms:
                    table[terms] = group_term
        return table

    @cached_property
    def jieba(self) -> jieba.Tokenizer:
        """jieba with our dictionary and every Chinese synonym, so none is split."""
        with self._chinese_lock:
            import jieba

            logging.getLogger("jieba").setLevel(logging.WARNING)
            segmenter = jieba.Tokenizer()
            if self.cache_dir is not None:
                self.cache_dir.mkdir(parents=True, exist_ok=True)
                segmenter.tmp_dir = str(self.cache_dir)
            segmenter.initialize()
            for word in self.domain_words:
                segmenter.add_word(word)
            return segmenter

    @cached_property
    def domain_words(self) -> list[str]:
        """The words jieba must keep whole: our dictionary and every Chinese synonym.

        The help site's search index is segmented with the same words (kb/site/mkdocs_hooks.py).
        """
        words = [
            line.split()[0] for line in read_word_list(self.locales_dir / "jieba_user_dict.txt")
        ]
        words += [str(v) for group in self.synonym_groups for v in group if HAN.search(str(v))]
        return [to_simplified(word.lower()) for word in words]


STEMMER = snowballstemmer.stemmer("english")
STEMMER_LOCK = threading.Lock()  # a Snowball stemmer keeps state while it works


@lru_cache(maxsize=65536)
def stem_english(word: str) -> str:
    """Snowball stem, cached: tickets repeat the same few hundred words."""
    with STEMMER_LOCK:
        return str(STEMMER.stemWord(word))
