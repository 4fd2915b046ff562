"""Finding BIP39 recovery phrases in ticket text, in English and Chinese words.

The checksum cannot tell a phrase from prose: a random run of twelve wordlist
words passes it one time in sixteen, and ordinary English is full of wordlist
words ("you can help me with this"). What gives a phrase away is its shape:
twelve or more wordlist words in a row with nothing but spaces, commas, line
breaks or list numbering between them. A shorter run (six or more) counts when a
phrase keyword ("seed", 助记词 ...) is near. Chinese written without spaces is
almost all wordlist characters, so there a glued run counts only right next to a
keyword and with a valid checksum. The checksum only rates how certain we are.

Every scan is linear: one pass over word tokens, with bounded look-around.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache

from mnemonic import Mnemonic

from kb.text.han import HAN

PHRASE_LENGTHS = (12, 15, 18, 21, 24)
MIN_RUN = 12
MIN_RUN_NEAR_KEYWORD = 6
MAX_TYPOS = 2
# Wordlist words around a phrase that may be told apart from it by the checksum.
MAX_TRIM = 4
# How far (characters) a keyword may be from a run for the run to count as "near".
KEYWORD_BEFORE = 80
KEYWORD_AFTER = 40
# A longer gap than this between two words is prose, not a list.
MAX_GAP = 16

WORD = re.compile(r"[A-Za-z]+|[\u3400-\u4dbf\u4e00-\u9fff]")
_SEPARATORS = r"\s,，、;；\-–—_|/·•*\"'“”‘’#>"
# Between two words: separators, at most one list number ("2.", "3)", "word4").
GAP = re.compile(rf"[{_SEPARATORS}]*(?:\d{{1,2}}[.)、:：]?[{_SEPARATORS}]*)?")
KEYWORD = re.compile(
    r"seed(?:[ -]?(?:phrase|words))?|mnemonic|passphrase"
    r"|(?:recovery|secret|backup|wallet)[ -]?(?:phrase|words)|\b(?:12|24)[ -]words?"
    r"|助记词|助記詞|恢复短语|恢復短語|私钥|私鑰|种子|種子|密语|密語|备份短语|備份短語",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PhraseMatch:
    start: int
    end: int
    certain: bool  # the words pass the BIP39 checksum


@dataclass(frozen=True)
class Wordlist:
    """One BIP39 wordlist with what the scan needs: the index of each word."""

    language: str
    index: dict[str, int]

    def checksum_valid(self, words: list[str]) -> bool:
        """Whether ``words`` (all in this list) form a phrase with a valid checksum."""
        if len(words) not in PHRASE_LENGTHS:
            return False
        bits = 0
        for word in words:
            bits = bits << 11 | self.index[word]
        checksum_bits = len(words) // 3
        entropy = (bits >> checksum_bits).to_bytes((len(words) * 11 - checksum_bits) // 8, "big")
        checksum = bits & ((1 << checksum_bits) - 1)
        return hashlib.sha256(entropy).digest()[0] >> (8 - checksum_bits) == checksum


@cache
def wordlist(language: str) -> Wordlist:
    words = Mnemonic(language).wordlist
    return Wordlist(language, {word: position for position, word in enumerate(words)})


@cache
def near_misses() -> dict[str, str]:
    """Each English word and its one-letter deletions -> the word (symmetric-delete lookup).

    The words map to themselves first: a token with a letter too many finds its word by
    one of its own deletions, and a word that is also another's deletion ("seed" of
    "speed") stays itself.
    """
    table: dict[str, str] = {word: word for word in wordlist("english").index}
    for word in wordlist("english").index:
        for variant in deletions(word):
            table.setdefault(variant, word)
    return table


def deletions(word: str) -> list[str]:
    return [word[:i] + word[i + 1 :] for i in range(len(word))]


def correct_typo(token: str) -> str | None:
    """The wordlist word a misspelt token most likely meant, or None.

    Covers one letter dropped, added or changed (and most swaps). Three-letter
    tokens are left alone: "the" is one letter from "they" and would turn prose
    into phrases.
    """
    if not 4 <= len(token) <= 9:
        return None
    table = near_misses()
    for candidate in (token, *deletions(token)):
        if candidate in table:
            return table[candidate]
    return None


@dataclass
class PhraseWord:
    start: int
    end: int
    word: str  # the wordlist word (a typo already corrected)
    script: str  # "latin" or "han"
    typo: bool


def find_phrases(text: str) -> list[PhraseMatch]:
    """Every recovery phrase in ``text``, in order, without overlaps."""
    keywords = Keywords([match.span() for match in KEYWORD.finditer(text)])
    runs = [with_trailing_number(text, match) for match in scan_runs(text, keywords)]
    return merge([*runs, *scan_glued_chinese(text)])


TRAILING_NUMBER = re.compile(r"\d{1,2}(?!\d)")


def with_trailing_number(text: str, match: PhraseMatch) -> PhraseMatch:
    """The last word's list number goes too ("… buyer12"), or the marker reads "…]12"."""
    number = TRAILING_NUMBER.match(text, match.end)
    return PhraseMatch(match.start, number.end(), match.certain) if number else match


@dataclass(frozen=True)
class Keywords:
    """Where phrase keywords sit in the text: sorted, non-overlapping spans."""

    spans: list[tuple[int, int]]
    ends: list[int] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "ends", [end for _, end in self.spans])

    def near(self, start: int, end: int) -> bool:
        """Whether a keyword ends shortly before ``start`` or begins shortly after ``end``."""
        before = bisect_left(self.ends, start - KEYWORD_BEFORE)
        if before < len(self.ends) and self.ends[before] <= start:
            return True
        after = bisect_left(self.spans, (end, end))
        return after < len(self.spans) and self.spans[after][0] <= end + KEYWORD_AFTER

    def overlapping(self, start: int, end: int) -> bool:
        position = bisect_left(self.spans, (start, start))
        if position > 0 and self.spans[position - 1][1] > start:
            return True
        return position < len(self.spans) and self.spans[position][0] < end


def scan_runs(text: str, keywords: Keywords) -> list[PhraseMatch]:
    """Runs of wordlist words separated only by list-like gaps."""
    english = wordlist("english").index
    simplified = wordlist("chinese_simplified").index
    traditional = wordlist("chinese_traditional").index
    found: list[PhraseMatch] = []
    run: list[PhraseWord] = []
    for match in WORD.finditer(text):
        raw = match.group()
        token: PhraseWord | None = None
        if raw.isascii():
            lowered = raw.lower()
            corrected = lowered if lowered in english else correct_typo(lowered)
            if corrected is not None:
                typo = corrected != lowered
                token = PhraseWord(match.start(), match.end(), corrected, "latin", typo)
        elif raw in simplified or raw in traditional:
            token = PhraseWord(match.start(), match.end(), raw, "han", False)
        if token is None or (run and not continues(text, run[-1], token)):
            found.extend(judge_run(run, keywords))
            run = []
        if token is not None:
            run.append(token)
    found.extend(judge_run(run, keywords))
    return found


def continues(text: str, previous: PhraseWord, token: PhraseWord) -> bool:
    """Whether ``token`` follows ``previous`` as the next word of a list."""
    if token.script != previous.script:
        return False
    gap = text[previous.end : token.start]
    if len(gap) > MAX_GAP or (token.script == "han" and not gap):
        return False  # glued Han characters are prose, not a written-out phrase
    return GAP.fullmatch(gap) is not None


def judge_run(run: list[PhraseWord], keywords: Keywords) -> list[PhraseMatch]:
    """The run as a phrase match, if its length (and keywords near it) make it one."""
    run = strip_keywords(best_window(run), keywords)
    if len(run) < MIN_RUN_NEAR_KEYWORD:
        return []
    # "seed phrase, private key, card number": prose about phrases, not a phrase.
    talks_about_phrases = keywords.overlapping(run[0].start, run[-1].end)
    if len(run) < MIN_RUN and (talks_about_phrases or not keywords.near(run[0].start, run[-1].end)):
        return []
    valid = valid_windows(run)
    if not valid:
        return [PhraseMatch(run[0].start, run[-1].end, False)]
    first = min(start for start, _ in valid)
    last = max(end for _, end in valid)
    return [PhraseMatch(run[first].start, run[last - 1].end, True)]


def strip_keywords(run: list[PhraseWord], keywords: Keywords) -> list[PhraseWord]:
    """Drop keyword words ("seed phrase: ...") from both ends of the run."""
    first, last = 0, len(run)
    while first < last and keywords.overlapping(run[first].start, run[first].end):
        first += 1
    while last > first and keywords.overlapping(run[last - 1].start, run[last - 1].end):
        last -= 1
    return run[first:last]


def valid_windows(run: list[PhraseWord]) -> list[tuple[int, int]]:
    """Phrase-long stretches of the run, up to four words in from either end, that pass
    the checksum.

    "abandon … about, please help": wordlist words around a phrase join its run.
    The union of the passing stretches always holds the real phrase (it passes),
    so the words around it stay without any word of the phrase being let through.
    """
    words = [token.word for token in run]
    languages = ["english"] if run[0].script == "latin" else CHINESE
    valid: list[tuple[int, int]] = []
    for language in languages:
        if not all(word in wordlist(language).index for word in words):
            continue
        for length in PHRASE_LENGTHS:
            spare = len(words) - length
            if not 0 <= spare <= 2 * MAX_TRIM:
                continue
            for start in range(max(0, spare - MAX_TRIM), min(MAX_TRIM, spare) + 1):
                if wordlist(language).checksum_valid(words[start : start + length]):
                    valid.append((start, start + length))
    return valid


def best_window(run: list[PhraseWord]) -> list[PhraseWord]:
    """The longest stretch of ``run`` with at most two typos, typos trimmed off its ends."""
    best: tuple[int, int] = (0, 0)
    left = typos = 0
    for right, token in enumerate(run):
        typos += token.typo
        while typos > MAX_TYPOS:
            typos -= run[left].typo
            left += 1
        if right + 1 - left > best[1] - best[0]:
            best = (left, right + 1)
    window = run[best[0] : best[1]]
    while window and window[0].typo:
        window = window[1:]
    while window and window[-1].typo:
        window = window[:-1]
    return window


CHINESE = ["chinese_simplified", "chinese_traditional"]
GLUED_KEYWORD = re.compile(r"助记词|助記詞|恢复短语|恢復短語|种子短语|種子短語|私钥|私鑰|密语|密語")
# What may stand between a keyword and a glued phrase: "助记词是：", "……，是我的助记词".
BRIDGE_AFTER = set("是为為：:，,、 \t\n「」“”\"'（）()")
BRIDGE_BEFORE = BRIDGE_AFTER | set("这這我的就")
MAX_BRIDGE = 6


def scan_glued_chinese(text: str) -> list[PhraseMatch]:
    """Chinese characters written as one word right after or before a keyword.

    The phrase must fill the whole stretch of wordlist characters up to a
    non-Han boundary (punctuation, space, Latin, the end) and pass the checksum;
    trying every start inside a sentence would pass the checksum by chance.
    """
    found: list[PhraseMatch] = []
    for keyword in GLUED_KEYWORD.finditer(text):
        for start in bridge_ends(text, keyword.end(), BRIDGE_AFTER, step=1):
            found.extend(delimited_phrase(text, start, step=1))
        for end in bridge_ends(text, keyword.start() - 1, BRIDGE_BEFORE, step=-1):
            found.extend(delimited_phrase(text, end, step=-1))
    return found


def bridge_ends(text: str, position: int, bridge: set[str], step: int) -> list[int]:
    """Positions past one or more bridge characters, where a phrase could begin.

    At least one is required: a value follows "是", "：" or a space, while prose
    runs straight on ("助记词丢了……").
    """
    positions: list[int] = []
    while len(positions) < MAX_BRIDGE and 0 <= position < len(text) and text[position] in bridge:
        position += step
        positions.append(position)
    return positions


def delimited_phrase(text: str, position: int, step: int) -> list[PhraseMatch]:
    for language in CHINESE:
        index = wordlist(language).index
        chars: list[str] = []
        cursor = position
        inside = range(len(text))
        while len(chars) <= PHRASE_LENGTHS[-1] and cursor in inside and text[cursor] in index:
            chars.append(text[cursor])
            cursor += step
        delimited = cursor not in inside or not HAN.match(text[cursor])
        if step == -1:
            chars.reverse()
        if (
            delimited
            and wordlist(language).checksum_valid(chars)
            and not GLUED_KEYWORD.search("".join(chars))
        ):
            start = position if step == 1 else position - len(chars) + 1
            return [PhraseMatch(start, start + len(chars), True)]
    return []


def merge(found: list[PhraseMatch]) -> list[PhraseMatch]:
    """Overlapping matches become one; certain if either was."""
    merged: list[PhraseMatch] = []
    for match in sorted(found, key=lambda match: match.start):
        if merged and match.start < merged[-1].end:
            last = merged[-1]
            merged[-1] = PhraseMatch(
                last.start, max(last.end, match.end), last.certain or match.certain
            )
        else:
            merged.append(match)
    return merged
