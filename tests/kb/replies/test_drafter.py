"""Reply drafts through the whole pipeline: redact -> language -> entities -> search -> replies."""

from __future__ import annotations

from pathlib import Path

import hanzidentifier
import pytest
from mnemonic import Mnemonic

from kb.config import BUNDLED_ARTICLES_DIR, BUNDLED_LOCALES_DIR
from kb.content.catalogue import load_catalogue
from kb.knowledge_base import KnowledgeBase
from kb.replies.drafter import ReplyDrafter, TicketFacts
from kb.suggest import Suggester
from kb.text.han import HAN
from kb.text.language import TicketLanguage
from kb.text.messages import Messages
from tests.support.paths import TEST_SITE_URL as SITE

TX = "9f2c4d1e8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d"
CHINESE_TICKET = f"我从币安提了1,000.5 USDT到钱包，走的TRC20网络，交易哈希 {TX}，三个小时了还没到账"
TRADITIONAL_TICKET = (
    f"我從幣安提了1,000.5 USDT到錢包，走的TRC20網路，交易哈希 {TX}，三個小時了還沒到帳"
)
PHRASE = Mnemonic("english").to_mnemonic(bytes(range(16)))
KEY = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"


def first_reply(suggester: Suggester, text: str, **options: object) -> tuple[str, str, list[str]]:
    """(article id, reply text, missing) of the top suggestion's reply."""
    result = suggester.suggest(text, **options)  # type: ignore[arg-type]
    reply = next(r for r in result.replies if r.article_id == result.articles[0].id)
    return reply.article_id, reply.text, reply.missing


def simplified_only(text: str) -> list[str]:
    """Han characters that are not written that way in Traditional script."""
    return [char for char in HAN.findall(text) if not hanzidentifier.is_traditional(char)]


def test_a_chinese_ticket_gets_a_chinese_reply_filled_from_the_ticket(suggester: Suggester) -> None:
    result = suggester.suggest(CHINESE_TICKET)
    reply = result.replies[0]

    assert result.language == "zh"
    assert reply.article_id == result.articles[0].id == "exchange-deposit-not-received"
    assert reply.language == "zh"
    assert reply.missing == []
    assert reply.text.startswith("您好！\n\n您从交易所提的 1,000.5 USDT 一直没到账")
    assert f"交易哈希 {TX}：在 Tron 的区块浏览器上打开它" in reply.text
    assert f"{SITE}/zh/faq/exchange-deposit-not-received/" in reply.text
    assert reply.text.endswith("祝好！\n客服团队")


def test_the_same_ticket_in_traditional_gets_a_traditional_reply(suggester: Suggester) -> None:
    result = suggester.suggest(TRADITIONAL_TICKET)
    reply = result.replies[0]

    assert result.language == reply.language == "zh-Hant"
    assert reply.article_id == "exchange-deposit-not-received"
    assert "1,000.5 USDT" in reply.text and TX in reply.text
    assert reply.text.startswith("您好！")
    assert simplified_only(reply.text) == []
    assert simplified_only(result.articles[0].title + result.articles[0].snippet) == []


def test_an_english_ticket_without_the_amount_reads_whole_without_it(suggester: Suggester) -> None:
    slug, text, missing = first_reply(
        suggester, "I withdrew USDT from my exchange account 3 hours ago and it never arrived"
    )

    assert slug == "exchange-deposit-not-received"
    assert missing == []
    assert "I'm sorry your withdrawal hasn't shown up" in text and "[" not in text


def test_agent_context_fills_and_formats_placeholders(suggester: Suggester) -> None:
    _, text, missing = first_reply(
        suggester,
        "my exchange withdrawal never arrived in my wallet",
        context={"amount": "0.00012345 BTC", "customer_name": "Wei Zhang", "agent_name": "Lin"},
    )

    assert missing == []
    assert text.startswith("Hi Wei,\n\nI'm sorry your withdrawal of 0.00012345 BTC")
    assert text.endswith("Best regards,\nLin")


@pytest.mark.parametrize(
    ("name", "language", "greeting"),
    [
        ("Wei Zhang", "en", "Hi Wei,"),
        ("张伟", "en", "Hi 张伟,"),
        ("", "en", "Hello,"),
        ("张伟", "zh", "张伟，您好！"),
        ("Wei Zhang", "zh", "Wei Zhang，您好！"),
        ("", "zh", "您好！"),
        ("张伟", "zh-Hant", "張偉，您好！"),
        ("  Anna \n Smith ", "en", "Hi Anna,"),
    ],
)
def test_names_are_addressed_as_a_native_speaker_would(
    suggester: Suggester, name: str, language: TicketLanguage, greeting: str
) -> None:
    result = suggester.suggest("transfer pending", lang=language, context={"customer_name": name})

    assert result.replies[0].text.split("\n\n")[0] == greeting


@pytest.mark.parametrize(
    ("ticket", "warning"),
    [
        (
            f"my balance is zero, my seed phrase is {PHRASE}",
            "Important: your message contained your recovery phrase",
        ),
        (f"余额没了，我的助记词是 {PHRASE}", "重要提醒：您的消息中包含助记词"),
        (f"余額沒了，我的助記詞是 {PHRASE}", "重要提醒：您的訊息中包含助記詞"),
        (
            f"wallet drained, private key {KEY}",
            "Important: your message contained a private key",
        ),
    ],
    ids=["phrase-en", "phrase-zh", "phrase-zh-hant", "key-en"],
)
def test_an_exposed_secret_puts_a_warning_first_and_is_echoed_nowhere(
    suggester: Suggester, ticket: str, warning: str
) -> None:
    result = suggester.suggest(ticket, include_internal=True, both_languages=True)
    answer = repr(result)  # every field of the answer, the stored text included

    assert result.redacted[0] in ("recovery_phrase", "private_key")
    for reply in result.replies:
        assert reply.text.split("\n\n")[1].startswith(("Important:", "重要提醒："))
    assert result.replies[0].text.split("\n\n")[1].startswith(warning)
    assert "abandon amount liar" not in answer + result.stored_text
    assert "4c0883a69102937d" not in answer + result.stored_text


def test_a_removed_card_number_keeps_its_last_four_digits(suggester: Suggester) -> None:
    result = suggester.suggest("my card 4111 1111 1111 1111 was declined at the shop")
    reply = next(r for r in result.replies if r.article_id == "card-payment-declined")

    assert result.redacted == ["card_number"]
    assert "(card ending 1111)" in reply.text
    assert "we removed the card number from your message" in reply.text
    assert [(e.kind, e.value) for e in result.entities if e.kind == "card_last4"] == [
        ("card_last4", "1111")
    ]
    assert "4111 1111" not in repr(result)


def test_contacts_are_masked_in_the_stored_text_but_not_in_entities(suggester: Suggester) -> None:
    result = suggester.suggest("stuck transfer, write to wei@example.com or +86 138 0013 8000")

    assert result.stored_text == "stuck transfer, write to [email] or [phone]"


def test_both_languages_gives_each_faq_a_reply_in_each(suggester: Suggester) -> None:
    result = suggester.suggest("USDT转账一直pending", limit=3, both_languages=True)

    assert [(r.article_id, r.language) for r in result.replies][:2] == [
        (result.articles[0].id, "zh"),
        (result.articles[0].id, "en"),
    ]
    english = result.replies[1]
    assert english.url == f"{SITE}/faq/{english.article_id}/"
    assert english.text.startswith("Hello,")


def test_runbooks_get_no_reply(suggester: Suggester) -> None:
    result = suggester.suggest("escalation severity incident", include_internal=True, limit=10)

    runbooks = {runbook.id for runbook in result.runbooks}
    assert "escalation-policy" in runbooks
    assert {reply.article_id for reply in result.replies} == {a.id for a in result.articles}


@pytest.mark.parametrize("language", ["en", "zh", "zh-Hant"])
def test_every_faq_reply_drafts_cleanly_in_every_language(language: TicketLanguage) -> None:
    catalogue = load_catalogue(BUNDLED_ARTICLES_DIR)
    drafter = ReplyDrafter(Messages(BUNDLED_LOCALES_DIR), SITE)
    facts = TicketFacts([], {}, [])

    for article in catalogue.public_articles():
        reply = drafter.draft(article, language, facts)
        assert reply is not None, article.slug
        assert reply.language == language
        assert reply.url.startswith(f"{SITE}/") and reply.url in reply.text
        assert "{{" not in reply.text and "{%" not in reply.text
        if language == "zh-Hant":
            assert simplified_only(reply.text) == [], article.slug
        if language == "en":
            assert not HAN.search(reply.text), article.slug


def test_a_broken_template_costs_only_its_reply(tmp_path: Path, good_tree: Path) -> None:
    page = next(good_tree.glob("faq/*.en.md"))
    source = page.read_text(encoding="utf-8")
    page.write_text(
        source.replace("reply: |\n", "reply: |\n  {{ 'x' * 10**8 }}\n", 1), encoding="utf-8"
    )
    suggester = Suggester(KnowledgeBase.open(good_tree, BUNDLED_LOCALES_DIR, None, SITE))
    catalogue = suggester.knowledge.catalogue
    slug = page.name.split(".")[0]

    result = suggester.suggest(catalogue.articles[slug].source.meta.title, lang="en")  # type: ignore[union-attr]

    assert result.articles and result.articles[0].id == slug
    assert slug not in {reply.article_id for reply in result.replies}
