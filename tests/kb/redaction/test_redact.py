"""Secrets out of ticket text: the table of tricky inputs, property tests, linear time.

Each case is a list of parts: plain text that must stay exactly as written, and
``Hidden`` secrets that must become their marker. The expected redacted text is
built from the parts, so a case checks what was removed, what stayed and the
kinds reported, all at once.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import base58
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mnemonic import Mnemonic

from kb.config import BUNDLED_LOCALES_DIR
from kb.redaction.contacts import mask_contacts
from kb.redaction.redact import MARKERS, SecretKind, find_secrets, redact
from kb.text.language import TicketLanguage
from kb.text.messages import Messages
from tests.support.benchmarks import load_benchmark

MESSAGES = Messages(BUNDLED_LOCALES_DIR)


def phrase(language: str, entropy: bytes) -> list[str]:
    return Mnemonic(language).to_mnemonic(entropy).split()


EN12 = phrase("english", bytes(range(16)))
EN15 = phrase("english", bytes(range(20)))
EN18 = phrase("english", bytes(range(24)))
EN24 = phrase("english", bytes(range(32)))
ZH12 = phrase("chinese_simplified", bytes(range(16, 32)))
TW12 = phrase("chinese_traditional", bytes(range(32, 48)))

KEY_HEX = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
TX_HEX = "9f2c4d1e8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d"
WIF_COMPRESSED = base58.b58encode_check(b"\x80" + bytes(range(1, 33)) + b"\x01").decode()
WIF_UNCOMPRESSED = base58.b58encode_check(b"\x80" + bytes(range(1, 33))).decode()
WIF_BROKEN = WIF_COMPRESSED[:-1] + ("a" if WIF_COMPRESSED[-1] != "a" else "b")
XPRV = (
    "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6Ln"
    "F5kejMRNNU3TGtRBeJgk33yuGBxrMPHi"
)
XPUB = (
    "xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8Y"
    "tGqsefD265TMg7usUDFdp6W1EGMcet8"
)
TPRV = base58.b58encode_check(bytes.fromhex("04358394") + bytes(range(74))).decode()


@dataclass(frozen=True)
class Hidden:
    kind: SecretKind
    text: str
    last4: str | None = None


def card(number: str) -> Hidden:
    return Hidden("card_number", number, number.replace(" ", "").replace("-", "")[-4:])


def numbered(words: list[str], style: str) -> str:
    return "\n".join(style.format(n=n, word=word) for n, word in enumerate(words, 1))


def misspelt(words: list[str], *positions: int) -> list[str]:
    """The words with one letter dropped at each position (abandon -> abndon)."""
    return [word[:1] + word[2:] if i in positions else word for i, word in enumerate(words)]


Part = str | Hidden
CASES: dict[str, tuple[list[Part], TicketLanguage]] = {
    # Recovery phrases, in every shape users paste them.
    "numbered-dot-list": (
        [
            "Hi, my phrase:\n1. ",
            Hidden("recovery_phrase", numbered(EN12, "{n}. {word}")[3:]),
            "\nHelp!",
        ],
        "en",
    ),
    "numbered-paren-list": (
        ["words: 1) ", Hidden("recovery_phrase", numbered(EN12, "{n}) {word}")[3:]), "\n\nThanks!"],
        "en",
    ),
    "one-line-commas": (
        ["Here it is ", Hidden("recovery_phrase", ", ".join(EN12)), ". Why is my balance zero?"],
        "en",
    ),
    "comma-newlines": (
        ["Hello,\n", Hidden("recovery_phrase", ",\n".join(EN12)), "\n\nThanks!"],
        "en",
    ),
    "number-suffixed": (
        ["list: ", Hidden("recovery_phrase", " ".join(f"{w}{i}" for i, w in enumerate(EN12, 1)))],
        "en",
    ),
    "tabs": (["ok\t", Hidden("recovery_phrase", "\t".join(EN12)), "\tok?"], "en"),
    "dashes": (["my backup: ", Hidden("recovery_phrase", " - ".join(EN12)), " !"], "en"),
    "two-typos": (
        ["see ", Hidden("recovery_phrase", " ".join(misspelt(EN12, 3, 7))), ". What now?"],
        "en",
    ),
    "typo-at-the-end": (
        ["see ", Hidden("recovery_phrase", " ".join(misspelt(EN12, 9))), " 🙏"],
        "en",
    ),
    "fifteen-words": (["Hi! ", Hidden("recovery_phrase", " ".join(EN15)), " ?"], "en"),
    "eighteen-words": (["Hi! ", Hidden("recovery_phrase", " ".join(EN18)), " ?"], "en"),
    "twenty-four-words": (
        ["My wallet is empty. ", Hidden("recovery_phrase", " ".join(EN24)), "\nWhy?"],
        "en",
    ),
    "upper-case": (["SEED: ", Hidden("recovery_phrase", " ".join(EN12).upper()), " !!"], "en"),
    "quoted-email-reply": (
        [
            "Thanks for the reply.\n\nOn Monday you wrote:\n> ",
            Hidden("recovery_phrase", " ".join(EN12[:6]) + "\n> " + " ".join(EN12[6:])),
            "\n> Please check.",
        ],
        "en",
    ),
    "greeting-and-question-stay": (
        ["Hi team,\n\n", Hidden("recovery_phrase", " ".join(EN12)), "\n\nIs my wallet safe?"],
        "en",
    ),
    "short-run-after-keyword": (
        [
            "I only remember part of my seed phrase: ",
            Hidden("recovery_phrase", " ".join(EN12[:7])),
            ".",
        ],
        "en",
    ),
    "short-run-before-keyword": (
        ["", Hidden("recovery_phrase", " ".join(EN12[:8])), " are the first words of my mnemonic"],
        "en",
    ),
    "english-phrase-in-chinese-ticket": (
        ["我的助记词是 ", Hidden("recovery_phrase", " ".join(EN12)), "，资产还安全吗？"],
        "zh",
    ),
    "chinese-spaced": (
        ["助记词如下：", Hidden("recovery_phrase", " ".join(ZH12)), "。请帮我看看"],
        "zh",
    ),
    "chinese-spaced-without-keyword": (
        ["你好 ", Hidden("recovery_phrase", " ".join(ZH12)), "。"],
        "zh",
    ),
    "chinese-commas": (["你好，", Hidden("recovery_phrase", "，".join(ZH12)), "。"], "zh"),
    "chinese-glued-after-keyword": (
        ["我的助记词是", Hidden("recovery_phrase", "".join(ZH12)), "，能帮我找回钱包吗？"],
        "zh",
    ),
    "chinese-glued-after-colon": (
        ["助记词：", Hidden("recovery_phrase", "".join(ZH12)), "。"],
        "zh",
    ),
    "chinese-glued-before-keyword": (
        ["", Hidden("recovery_phrase", "".join(ZH12)), "，这是我的助记词，对吗？"],
        "zh",
    ),
    "traditional-spaced": (["你好 ", Hidden("recovery_phrase", " ".join(TW12)), "。"], "zh-Hant"),
    "traditional-glued": (
        ["我的助記詞是：", Hidden("recovery_phrase", "".join(TW12)), "，請問還安全嗎？"],
        "zh-Hant",
    ),
    # Prose that must stay, however many wordlist words it holds.
    "english-prose": (
        [
            "Can you help me? I need to access my wallet on my phone, but the app will just "
            "show a blank screen when I open it, and I can not find the button to check my "
            "balance or send money to my friend."
        ],
        "en",
    ),
    "prose-about-phrases": (
        ["Never share your recovery phrase, private key, full card number or card PIN."],
        "en",
    ),
    "short-run-without-keyword": (["abandon amount liar amount expire adjust cage"], "en"),
    "chinese-prose-with-keyword": (["我的助记词丢了，现在手机也坏了，还能找回钱包吗？"], "zh"),
    "chinese-prose-question": (["助记词是什么意思？为什么要把它抄在纸上保存好呢"], "zh"),
    "chinese-glued-without-keyword": (["".join(ZH12)], "zh"),
    "chinese-glued-bad-checksum": (["我的助记词是" + "".join(reversed(ZH12)) + "。"], "zh"),
    # Private keys, and the transaction hashes that look like them.
    "hex-key-labelled": (["my private key: ", Hidden("private_key", KEY_HEX)], "en"),
    "hex-key-0x": (["private key is ", Hidden("private_key", "0x" + KEY_HEX), " help"], "en"),
    "hex-key-chinese": (["私钥 ", Hidden("private_key", KEY_HEX), " 这个能恢复吗"], "zh"),
    "hex-key-mi-yao": (["密钥：", Hidden("private_key", KEY_HEX)], "zh"),
    "hex-key-label-after": (["", Hidden("private_key", KEY_HEX), " is my private key"], "en"),
    "txid-label": (["txid: " + TX_HEX], "en"),
    "tx-hash-0x": (["tx hash 0x" + TX_HEX + " still pending"], "en"),
    "chinese-tx-hash": (["交易哈希：0x" + TX_HEX + " 一直没到账"], "zh"),
    "explorer-url": (["see https://etherscan.io/tx/0x" + TX_HEX], "en"),
    "explorer-url-after-key-word": (
        ["key question: https://tronscan.org/#/transaction/" + TX_HEX],
        "en",
    ),
    "unlabelled-hex": (["it is " + TX_HEX], "en"),
    "key-then-tx": (
        ["private key ", Hidden("private_key", KEY_HEX), " and the tx hash is 0x" + TX_HEX],
        "en",
    ),
    "tx-then-key": (
        ["txid " + TX_HEX + " failed. My private key: ", Hidden("private_key", KEY_HEX)],
        "en",
    ),
    "wif-compressed": (["restore ", Hidden("private_key", WIF_COMPRESSED), " please"], "en"),
    "wif-uncompressed-in-chinese": (["私钥是", Hidden("private_key", WIF_UNCOMPRESSED)], "zh"),
    "wif-bad-checksum-unlabelled": (["code " + WIF_BROKEN], "en"),
    "xprv": (["backup ", Hidden("extended_private_key", XPRV)], "en"),
    "tprv": (["testnet ", Hidden("extended_private_key", TPRV)], "en"),
    "xpub-stays": (["my xpub " + XPUB], "en"),
    # Card numbers: Luhn decides, labels tell order numbers apart.
    "card-spaced": (["card ", card("4111 1111 1111 1111"), " declined"], "en"),
    "card-dashed": (["", card("5555-5555-5555-4444"), " was charged twice"], "en"),
    "card-plain-chinese": (["卡号", card("4012888888881881"), "被拒了"], "zh"),
    "card-amex": (["amex ", card("3782 822463 10005")], "en"),
    "card-not-luhn": (["card 4111 1111 1111 1112 declined"], "en"),
    "order-number-luhn": (["order 4111111111111111 not received"], "en"),
    "phone-number": (["call +86 138 0013 8000 please"], "en"),
    "card-last-four-only": (["card ending 1234 declined"], "en"),
    "everything-at-once": (
        [
            "Hi, card ",
            card("4111 1111 1111 1111"),
            ", private key ",
            Hidden("private_key", KEY_HEX),
            ", phrase ",
            Hidden("recovery_phrase", " ".join(EN12)),
            " — why?",
        ],
        "en",
    ),
}


def expected_text(parts: list[Part], language: TicketLanguage) -> str:
    return "".join(
        part
        if isinstance(part, str)
        else MESSAGES.text(
            MARKERS[part.kind], language, **({"last4": part.last4} if part.last4 else {})
        )
        for part in parts
    )


@pytest.mark.parametrize(("parts", "language"), CASES.values(), ids=CASES.keys())
def test_redaction_removes_secrets_and_keeps_the_rest(
    parts: list[Part], language: TicketLanguage
) -> None:
    text = "".join(part if isinstance(part, str) else part.text for part in parts)

    redaction = redact(text, MESSAGES)

    assert redaction.text == expected_text(parts, language)
    hidden = [part for part in parts if isinstance(part, Hidden)]
    assert redaction.kinds == list(dict.fromkeys(part.kind for part in hidden))
    assert [removal.last4 for removal in redaction.removals] == [part.last4 for part in hidden]
    assert redaction.language == language


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 50


def test_checksums_rate_certainty() -> None:
    valid = redact("seed: " + " ".join(EN12), MESSAGES)
    shuffled = redact("seed: " + " ".join(reversed(EN12)), MESSAGES)

    assert [removal.certain for removal in valid.removals] == [True]
    assert [removal.certain for removal in shuffled.removals] == [False]


def test_markers_follow_the_given_language() -> None:
    redaction = redact(" ".join(EN12), MESSAGES, language="zh-Hant")

    assert redaction.text == "[助記詞已刪除]"


def test_contacts_are_masked_for_storage_only() -> None:
    text = "mail wei.zhang@example.com or call +86 138 0013 8000 / 13800138000 on 2026-11-24"

    assert mask_contacts(text) == "mail [email] or call [phone] / [phone] on 2026-11-24"
    assert redact(text, MESSAGES).text == text


# Every separator style users write phrases in, for any valid phrase.
SEPARATORS = {
    "space": lambda words: " ".join(words),
    "comma": lambda words: ", ".join(words),
    "newline": lambda words: "\n".join(words),
    "numbered-dot": lambda words: numbered(words, "{n}. {word}"),
    "numbered-paren": lambda words: numbered(words, "{n}) {word}"),
    "number-suffix": lambda words: " ".join(f"{w}{i}" for i, w in enumerate(words, 1)),
    "tab": lambda words: "\t".join(words),
    "dash": lambda words: " - ".join(words),
    "bullets": lambda words: "\n".join(f"• {word}" for word in words),
}


@settings(max_examples=150, deadline=None)
@given(
    entropy=st.sampled_from([16, 20, 24, 28, 32]).flatmap(
        lambda size: st.binary(min_size=size, max_size=size)
    ),
    language=st.sampled_from(["english", "chinese_simplified", "chinese_traditional"]),
    style=st.sampled_from(sorted(SEPARATORS)),
)
def test_any_valid_phrase_in_any_style_is_removed(
    entropy: bytes, language: str, style: str
) -> None:
    words = Mnemonic(language).to_mnemonic(entropy).split()
    written = SEPARATORS[style](words)
    text = f"Hello, here it is:\n{written}\n\nThanks!"

    redaction = redact(text, MESSAGES)

    assert redaction.kinds == ["recovery_phrase"]
    assert redaction.removals[0].certain
    assert redaction.text.startswith("Hello, here it is:")
    assert redaction.text.endswith("Thanks!")
    spans = [(secret.start, secret.end) for secret in find_secrets(text)]
    first, last = text.index(words[0], len("Hello")), text.rindex(words[-1]) + len(words[-1])
    assert any(start <= first and last <= end for start, end in spans)


@settings(max_examples=60, deadline=None)
@given(
    entropy=st.sampled_from([16, 20, 24, 28, 32]).flatmap(
        lambda size: st.binary(min_size=size, max_size=size)
    ),
    language=st.sampled_from(["chinese_simplified", "chinese_traditional"]),
)
def test_any_valid_chinese_phrase_glued_after_a_keyword_is_removed(
    entropy: bytes, language: str
) -> None:
    glued = "".join(Mnemonic(language).to_mnemonic(entropy).split())

    redaction = redact(f"我的助记词是：{glued}。怎么办？", MESSAGES)

    assert redaction.kinds == ["recovery_phrase"]
    assert glued not in redaction.text
    assert redaction.text.endswith("。怎么办？")


MEGABYTE = 1_000_000
ADVERSARIAL = load_benchmark("redact_speed").adversarial_inputs(MEGABYTE)


@pytest.mark.slow  # a megabyte per case: seconds each
@pytest.mark.parametrize("text", ADVERSARIAL.values(), ids=ADVERSARIAL.keys())
def test_adversarial_megabyte_finishes_in_linear_time(text: str) -> None:
    started = time.perf_counter()
    stored = redact(text, MESSAGES).stored_text  # as the service does before storing
    elapsed = time.perf_counter() - started

    assert stored
    # Generous: a linear scan takes about a second; a quadratic one takes hours.
    assert elapsed < 10, f"{elapsed:.1f} s for 1 MB"
