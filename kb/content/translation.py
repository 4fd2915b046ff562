"""Which English revision a Chinese file translates, and marking a reviewed one current.

The Chinese file's ``translated_from`` holds a short content hash of the English
text (title, summary, reply and body). When a writer changes the English, the
hash changes and ``kb lint`` reports the translation as stale until a reviewer
updates it and runs ``kb mark-translated``.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from kb.content.catalogue import group_articles, is_within, scan_articles, trees_of
from kb.content.documents import Document
from kb.text.language import SOURCE_LANGUAGE

HASH_LENGTH = 12
TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)
TRANSLATED_FROM_LINE = re.compile(r"^translated_from\s*:")
BOUNDARY_LINE = re.compile(r"^-{3,}\s*$")


def content_hash(document: Document) -> str:
    """A short hash of what a translator translates; front matter bookkeeping is left out."""
    parts = (document.meta.title, document.meta.summary, document.meta.reply or "", document.body)
    normalised = "\n\x1f\n".join(TRAILING_SPACE.sub("", part).strip() for part in parts)
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def is_current(source: Document, translation: Document) -> bool:
    """Whether ``translation`` records the English text as it is now."""
    return translation.meta.translated_from == content_hash(source)


def write_translated_from(translation: Document, source_hash: str) -> bool:
    """Record ``source_hash`` in the translation's front matter, editing only that line.

    Returns False when the file already records it.
    """
    if translation.meta.translated_from == source_hash:
        return False
    lines = translation.path.read_text(encoding="utf-8").split("\n")
    # The header is what lies between the first two '---' lines.
    closing = next(i for i, line in enumerate(lines) if i > 0 and BOUNDARY_LINE.match(line))
    # Quoted: an all-digit hash would otherwise load as a number.
    new_line = f'translated_from: "{source_hash}"'
    header = lines[1:closing]
    replaced = [new_line if TRANSLATED_FROM_LINE.match(line) else line for line in header]
    if replaced == header:
        replaced.append(new_line)
    translation.path.write_text(
        "\n".join([lines[0], *replaced, *lines[closing:]]), encoding="utf-8"
    )
    return True


def mark_translations_current(paths: list[Path]) -> list[Path]:
    """Mark every translation under ``paths`` as translating its current English source.

    Returns the files changed. Raises PathNotFound for a missing path.
    """
    marked: list[Path] = []
    for root in trees_of(paths):
        articles, _ = group_articles(scan_articles(root).documents)
        for article in articles.values():
            source = article.source
            if source is None:
                continue
            for lang, translation in article.documents.items():
                if (
                    lang != SOURCE_LANGUAGE
                    and is_within(translation.path, paths)
                    and write_translated_from(translation, content_hash(source))
                ):
                    marked.append(translation.path)
    return marked
