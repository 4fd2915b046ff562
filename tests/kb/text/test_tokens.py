"""Tokenising tickets and articles: domain words, scripts, synonyms, stemming, mixed text."""

from __future__ import annotations

import pytest

from kb.config import BUNDLED_LOCALES_DIR
from kb.text.tokens import Tokenizer


@pytest.fixture(scope="module")
def tokenizer() -> Tokenizer:
    return Tokenizer(BUNDLED_LOCALES_DIR)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("跨链桥一直没到账", ["bridg", "not_receiv"], id="domain-words-whole"),
        pytest.param("闪兑失败", ["swap", "失败"], id="swap-whole"),
        pytest.param("U卡刷不了", ["crypto_card", "刷", "不了"], id="u-card"),
        pytest.param("TRC20的USDT", ["trc20", "usdt"], id="token-standards"),
        pytest.param("My transfer is pending", ["transfer", "pend"], id="english-stop-words"),
        pytest.param(
            "I withdrew, the withdrawal", ["withdraw", "withdraw"], id="irregular-and-stem"
        ),
        pytest.param("it was pended", ["pend"], id="stem"),
        pytest.param("USDT转账一直pending", ["usdt", "transfer", "pend"], id="english-in-chinese"),
        pytest.param(
            "tx 0xabcdef1234567890 order 8812345 stuck", ["tx", "order", "stuck"], id="ids-dropped"
        ),
        pytest.param("didn't arrive", ["not_receiv"], id="negation-phrase"),
    ],
)
def test_terms(tokenizer: Tokenizer, text: str, expected: list[str]) -> None:
    assert tokenizer.terms(text) == expected


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("我的助記詞不見了", "我的助记词不见了"),
        ("礦工費太貴，提幣沒到賬", "矿工费太贵，提币没到账"),
        ("錢包軟體閃退", "钱包软件闪退"),
    ],
)
def test_traditional_equals_simplified(
    tokenizer: Tokenizer, traditional: str, simplified: str
) -> None:
    assert tokenizer.terms(traditional) == tokenizer.terms(simplified)


@pytest.mark.parametrize(
    ("variants", "term"),
    [
        (
            ["seed phrase", "recovery phrase", "secret phrase", "mnemonic", "seed words", "助记词"],
            "recoveri_phrase",
        ),
        (["助记词", "恢复短语", "种子短语"], "recoveri_phrase"),
        (["矿工费", "手续费", "gas费", "网络费用", "gas fee", "network fee"], "network_fee"),
        (["提币", "提现", "提U", "withdraw", "withdrawal"], "withdraw"),
        (["没到账", "未到账", "没收到", "not received", "hasn't arrived"], "not_receiv"),
    ],
    ids=["recovery-phrase", "chinese-phrase", "fees", "withdraw", "not-received"],
)
def test_synonyms_become_one_term(tokenizer: Tokenizer, variants: list[str], term: str) -> None:
    terms = {tuple(tokenizer.terms(variant)) for variant in variants}

    # The group's term is its first English entry's stems, joined.
    assert terms == {(term,)}


def test_tokens_keep_the_words_the_ticket_used(tokenizer: Tokenizer) -> None:
    tokens = tokenizer.tokens("Lost my seed words")

    assert [(token.term, token.surface) for token in tokens] == [
        ("lose", "lost"),
        ("recoveri_phrase", "seed words"),
    ]


def test_an_english_ticket_does_not_load_jieba() -> None:
    fresh = Tokenizer(BUNDLED_LOCALES_DIR)

    fresh.terms("My transaction is stuck, gas too low")

    assert "jieba" not in vars(fresh)


def test_every_chinese_synonym_is_one_jieba_token(tokenizer: Tokenizer) -> None:
    chinese = [
        str(word)
        for group in tokenizer.synonym_groups
        for word in group
        if any("\u4e00" <= char <= "\u9fff" for char in str(word))
    ]
    for word in chinese:
        assert len(tokenizer.tokens(word)) == 1, word
