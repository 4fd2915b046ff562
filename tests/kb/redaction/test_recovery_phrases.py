"""BIP39 recovery phrases in ticket text: the checksum, typo correction, runs and windows.

Phrases are real ones, made with ``mnemonic`` from fixed entropy, so every span and
word below is exact. A word with a broken checksum is the real last word with its
lowest index bit flipped: the entropy stays the same and only the checksum changes.
"""

from __future__ import annotations

import re

import pytest
from mnemonic import Mnemonic

from kb.redaction.recovery_phrases import (
    KEYWORD,
    Keywords,
    PhraseMatch,
    PhraseWord,
    best_window,
    correct_typo,
    find_phrases,
    merge,
    near_misses,
    strip_keywords,
    wordlist,
)

LANGUAGES = ("english", "chinese_simplified", "chinese_traditional")


def phrase(language: str, entropy: bytes) -> list[str]:
    return Mnemonic(language).to_mnemonic(entropy).split()


def with_last_word_changed(language: str, words: list[str]) -> list[str]:
    """The phrase with the checksum bits of its last word changed, its entropy kept."""
    all_words = Mnemonic(language).wordlist
    return [*words[:-1], all_words[all_words.index(words[-1]) ^ 1]]


# abandon amount liar amount expire adjust cage candy arch gather drum buyer
EN12 = phrase("english", bytes(range(16)))
# 表 丁 迹 车 跑 制 损 世 流 涌 紧 黄
ZH12 = phrase("chinese_simplified", bytes(range(16, 32)))
# 據 電 追 害 述 道 勒 共 才 植 興 室
TW12 = phrase("chinese_traditional", bytes(range(32, 48)))


# Wordlist.checksum_valid


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("entropy_bytes", "length"), [(16, 12), (20, 15), (24, 18), (32, 24)], ids=str
)
def test_a_real_phrase_passes_the_checksum(language: str, entropy_bytes: int, length: int) -> None:
    words = phrase(language, bytes(range(entropy_bytes)))
    assert len(words) == length
    assert wordlist(language).checksum_valid(words) is True


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("entropy_bytes", [16, 20, 24, 32], ids=["12", "15", "18", "24"])
def test_a_phrase_with_its_last_word_changed_fails_the_checksum(
    language: str, entropy_bytes: int
) -> None:
    words = with_last_word_changed(language, phrase(language, bytes(range(entropy_bytes))))
    assert wordlist(language).checksum_valid(words) is False


@pytest.mark.parametrize(
    "words", [EN12[:11], [*EN12, "abandon"], []], ids=["11-words", "13-words", "no-words"]
)
def test_a_length_that_is_not_a_phrase_length_fails_the_checksum(words: list[str]) -> None:
    assert wordlist("english").checksum_valid(words) is False


# correct_typo


@pytest.mark.parametrize(
    ("token", "word"), [("abandn", "abandon"), ("ablity", "ability"), ("absrb", "absorb")], ids=str
)
def test_a_dropped_letter_is_put_back(token: str, word: str) -> None:
    assert correct_typo(token) == word


@pytest.mark.parametrize(
    ("token", "word"),
    [("abandan", "abandon"), ("abolity", "ability"), ("absorp", "absorb")],
    ids=str,
)
def test_a_changed_letter_is_changed_back(token: str, word: str) -> None:
    assert correct_typo(token) == word


@pytest.mark.parametrize(
    ("token", "word"), [("abandoon", "abandon"), ("abilityy", "ability")], ids=str
)
def test_an_added_letter_is_taken_out(token: str, word: str) -> None:
    assert correct_typo(token) == word


def test_a_three_letter_token_is_left_alone_though_it_is_one_letter_from_a_word() -> None:
    assert near_misses()["the"] == "then"  # what the lookup would say without the guard
    assert correct_typo("the") is None


@pytest.mark.parametrize("token", ["abandonned", "absolutely"])
def test_a_token_over_nine_letters_is_left_alone(token: str) -> None:
    assert correct_typo(token) is None


@pytest.mark.parametrize(
    "word",
    [
        "abandon",
        "absorb",
        pytest.param("seed", id="seed-not-speed"),
        pytest.param("number", id="number-not-lumber"),
    ],
)
def test_a_word_already_in_the_list_is_itself(word: str) -> None:
    assert word in wordlist("english").index
    assert correct_typo(word) == word


# find_phrases


def test_a_twelve_word_phrase_in_prose_gives_exactly_its_span() -> None:
    text = "Hi, I was told to paste it here: " + " ".join(EN12) + " thanks"
    assert find_phrases(text) == [PhraseMatch(33, 107, True)]
    assert text[33:107] == " ".join(EN12)


@pytest.mark.parametrize(
    ("body", "span"),
    [
        (", ".join(EN12), (7, 92)),
        ("\n".join(EN12), (7, 81)),
        (" ".join(f"{number}. {word}" for number, word in enumerate(EN12, 1)), (10, 120)),
        (" ".join(f"{word}{number}" for number, word in enumerate(EN12, 1)), (7, 96)),
    ],
    ids=["commas", "line-breaks", "numbered-list", "numbers-glued-to-words"],
)
def test_separators_between_the_words_are_part_of_one_match(
    body: str, span: tuple[int, int]
) -> None:
    text = f"words: {body} thanks"
    start, end = span
    assert find_phrases(text) == [PhraseMatch(start, end, True)]
    assert text[start:end] == body.removeprefix("1. ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my seed phrase: " + " ".join(EN12[:6]) + " ok?", [PhraseMatch(16, 56, False)]),
        (" ".join(EN12[:6]) + " is my recovery phrase", [PhraseMatch(0, 40, False)]),
        ("助记词： " + " ".join(ZH12[:6]) + " 。", [PhraseMatch(5, 16, False)]),
        ("I wrote " + " ".join(EN12[:6]) + " ok?", []),
    ],
    ids=["keyword-before", "keyword-after", "chinese-keyword", "no-keyword"],
)
def test_a_run_of_six_words_counts_only_next_to_a_keyword(
    text: str, expected: list[PhraseMatch]
) -> None:
    assert find_phrases(text) == expected


def test_prose_that_talks_about_phrases_is_not_a_phrase() -> None:
    # Nine wordlist words in a row, but the keyword sits inside the run.
    text = "Never share your seed phrase, private key, card number or password with anyone."
    assert find_phrases(text) == []


@pytest.mark.parametrize(
    ("language", "words"),
    [("chinese_simplified", ZH12), ("chinese_traditional", TW12)],
    ids=["simplified", "traditional"],
)
def test_a_glued_chinese_phrase_after_its_keyword_counts_only_with_a_valid_checksum(
    language: str, words: list[str]
) -> None:
    valid = "助记词是：" + "".join(words) + "，谢谢"
    invalid = "助记词是：" + "".join(with_last_word_changed(language, words)) + "，谢谢"
    assert find_phrases(valid) == [PhraseMatch(5, 17, True)]
    assert valid[5:17] == "".join(words)
    assert find_phrases(invalid) == []


@pytest.mark.parametrize(
    "text",
    [
        "you can help me with this because i need it today",
        "you can help me with this because i need it today, i have a family and a job",
        "Please help me, I sent my money to the wrong address and I need it back today",
        "The wallet shows a pending transfer for three days and the fee was very high",
    ],
    ids=["help-me", "help-me-longer", "wrong-address", "pending-transfer"],
)
def test_ordinary_english_full_of_wordlist_words_is_not_a_phrase(text: str) -> None:
    assert find_phrases(text) == []


def test_two_typos_inside_a_run_are_tolerated() -> None:
    words = [*EN12[:3], "amout", *EN12[4:7], "cndy", *EN12[8:]]
    text = "here: " + " ".join(words)
    # The typos are corrected before the checksum, so the match is still certain.
    assert find_phrases(text) == [PhraseMatch(6, 78, True)]
    assert text[6:78] == " ".join(words)


def test_a_third_typo_inside_a_run_breaks_it() -> None:
    words = [*EN12[:3], "amout", *EN12[4:7], "cndy", EN12[8], "gathr", *EN12[10:]]
    assert find_phrases("here: " + " ".join(words)) == []


def test_a_doubled_letter_inside_a_phrase_is_tolerated() -> None:
    words = [*EN12[:5], "adjusst", *EN12[6:]]
    text = "words: " + " ".join(words)
    assert find_phrases(text) == [PhraseMatch(7, 82, True)]
    assert text[7:82] == " ".join(words)


def test_the_list_number_after_the_last_word_belongs_to_the_match() -> None:
    text = " ".join(EN12) + "12 thanks"
    assert find_phrases(text) == [PhraseMatch(0, 76, True)]
    assert text[:76].endswith("buyer12")


# merge


@pytest.mark.parametrize(
    ("found", "merged"),
    [
        ([], []),
        (
            [PhraseMatch(0, 10, False), PhraseMatch(5, 20, True)],
            [PhraseMatch(0, 20, True)],
        ),
        (
            [PhraseMatch(0, 10, True), PhraseMatch(5, 20, False)],
            [PhraseMatch(0, 20, True)],
        ),
        (
            [PhraseMatch(0, 20, False), PhraseMatch(5, 10, False)],
            [PhraseMatch(0, 20, False)],
        ),
        (
            [PhraseMatch(30, 40, True), PhraseMatch(0, 10, False)],
            [PhraseMatch(0, 10, False), PhraseMatch(30, 40, True)],
        ),
        (
            [PhraseMatch(0, 10, False), PhraseMatch(10, 20, True)],
            [PhraseMatch(0, 10, False), PhraseMatch(10, 20, True)],
        ),
        (
            [PhraseMatch(0, 10, False), PhraseMatch(8, 15, False), PhraseMatch(14, 30, True)],
            [PhraseMatch(0, 30, True)],
        ),
    ],
    ids=[
        "nothing",
        "overlap-second-certain",
        "overlap-first-certain",
        "one-inside-the-other",
        "apart-and-unsorted",
        "touching-stay-apart",
        "chain-of-three",
    ],
)
def test_merge_joins_overlapping_matches_and_keeps_certain_if_either_was(
    found: list[PhraseMatch], merged: list[PhraseMatch]
) -> None:
    assert merge(found) == merged


# best_window and strip_keywords


def run_of(marks: str) -> list[PhraseWord]:
    """A run with one word per mark: "w" a word, "t" a corrected typo."""
    return [
        PhraseWord(8 * i, 8 * i + 7, f"word{i}", "latin", mark == "t")
        for i, mark in enumerate(marks)
    ]


@pytest.mark.parametrize(
    ("marks", "kept"),
    [
        ("wwwwww", (0, 6)),
        ("twwwwt", (1, 5)),
        ("ttwwwwtt", (2, 6)),
        ("wwtwwtww", (0, 8)),
        ("wwtwwtwwtww", (0, 8)),
        ("wwwtwwtwtwwwww", (4, 14)),
        ("wtttw", (0, 1)),
        ("ttt", (0, 0)),
        ("", (0, 0)),
    ],
    ids=[
        "no-typos",
        "typos-at-both-ends",
        "two-typos-at-each-end",
        "two-typos-inside",
        "three-typos-first-longest-wins",
        "later-stretch-is-longer",
        "typos-only-but-one-word",
        "typos-only",
        "empty",
    ],
)
def test_best_window_is_the_longest_stretch_with_two_typos_and_no_typo_at_its_ends(
    marks: str, kept: tuple[int, int]
) -> None:
    run = run_of(marks)
    first, last = kept
    assert best_window(run) == run[first:last]


def latin_run(text: str) -> list[PhraseWord]:
    return [
        PhraseWord(match.start(), match.end(), match.group(), "latin", False)
        for match in re.finditer(r"[a-z]+", text)
    ]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("seed phrase abandon amount liar", ["abandon", "amount", "liar"]),
        ("abandon amount liar recovery phrase", ["abandon", "amount", "liar"]),
        ("mnemonic abandon amount seed", ["abandon", "amount"]),
        ("abandon seed amount", ["abandon", "seed", "amount"]),
        ("abandon amount liar", ["abandon", "amount", "liar"]),
        ("seed phrase", []),
    ],
    ids=[
        "keyword-in-front",
        "keyword-behind",
        "keywords-at-both-ends",
        "keyword-inside-stays",
        "no-keyword",
        "keyword-only",
    ],
)
def test_strip_keywords_drops_keyword_words_from_both_ends_only(text: str, kept: list[str]) -> None:
    keywords = Keywords([match.span() for match in KEYWORD.finditer(text)])
    assert [word.word for word in strip_keywords(latin_run(text), keywords)] == kept
