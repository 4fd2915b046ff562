"""Suggestions over the bundled catalogue: audience, explanations, confidence, languages."""

from __future__ import annotations

import pytest

from kb.errors import InvalidQuery
from kb.suggest import Suggester
from kb.suggestions import MatchedTerm

UNRELATED = [
    "What is the weather like tomorrow in Paris?",
    "Can you recommend a good restaurant near the office?",
    "I want to order a pizza",
    "明天北京天气怎么样？",
    "帮我订一张去上海的机票",
]
# Below this, the service shows "no article fits" (README, "Confidence").
CONFIDENT = 0.25


def test_public_suggestions_never_include_runbooks(suggester: Suggester) -> None:
    ticket = "customer says wallet was drained, what evidence should I collect and who to report to"

    public = suggester.suggest(ticket, limit=20)
    internal = suggester.suggest(ticket, limit=20, include_internal=True)

    assert public.articles and public.runbooks == []
    assert all(article.runbooks == [] for article in public.articles)
    assert internal.runbooks[0].id == "security-incident-handling"


def test_faqs_and_runbooks_are_ranked_apart_up_to_the_limit_each(suggester: Suggester) -> None:
    ticket = "customer says wallet was drained, what evidence should I collect and who to report to"

    found = suggester.suggest(ticket, limit=3, include_internal=True)

    assert len(found.articles) == 3 and len(found.runbooks) == 3
    assert {article.audience for article in found.articles} == {"public"}
    assert {runbook.audience for runbook in found.runbooks} == {"internal"}
    # The same FAQs as a public caller gets: runbooks never push an answer down.
    assert [a.id for a in found.articles] == [
        a.id for a in suggester.suggest(ticket, limit=3).articles
    ]


def test_a_runbook_says_whether_it_was_ranked_or_named_by_an_faq(suggester: Suggester) -> None:
    found = suggester.suggest("my card was declined at the shop", include_internal=True)

    triage = next(runbook for runbook in found.runbooks if runbook.id == "card-payment-triage")
    assert "card-payment-declined" in triage.named_by
    assert triage.ranked and triage.confidence is not None and triage.matched
    named_only = [runbook for runbook in found.runbooks if not runbook.ranked]
    assert all(
        r.named_by and r.score is r.confidence is None and r.matched == [] for r in named_only
    )


@pytest.mark.parametrize("ticket", UNRELATED)
def test_an_unrelated_ticket_gets_no_confident_suggestion(
    suggester: Suggester, ticket: str
) -> None:
    found = suggester.suggest(ticket, include_internal=True)

    best = max((article.confidence for article in found.articles), default=0.0)
    assert best < CONFIDENT, found.articles


def test_a_ticket_sharing_no_word_with_any_article_gets_no_article(suggester: Suggester) -> None:
    found = suggester.suggest("What is the weather like tomorrow in Paris?", include_internal=True)

    assert (found.language, found.articles, found.replies) == ("en", [], [])


def test_a_clear_ticket_gets_a_confident_first_suggestion(suggester: Suggester) -> None:
    found = suggester.suggest("USDT转账一直pending")

    first = found.articles[0]
    assert (found.language, first.id) == ("zh", "transaction-pending")
    assert first.confidence >= 0.5
    assert first.url == "https://help.example/zh/faq/transaction-pending/"
    assert MatchedTerm("pending", ["title", "keywords", "summary", "body"]) in first.matched


def test_matched_terms_show_the_words_the_ticket_used(suggester: Suggester) -> None:
    found = suggester.suggest("I lost my seed words", include_internal=True)

    first = found.articles[0]
    assert first.id == "lost-recovery-phrase"
    assert [match.term for match in first.matched] == ["lost", "seed words"]


def test_faq_suggestions_carry_their_runbooks_for_agents(suggester: Suggester) -> None:
    found = suggester.suggest("my card was declined at the shop", include_internal=True)

    card = next(article for article in found.articles if article.id == "card-payment-declined")
    assert card.runbooks == ["card-payment-triage"]


def test_traditional_tickets_get_traditional_titles(suggester: Suggester) -> None:
    found = suggester.suggest("我的助記詞不見了，錢包還可以恢復嗎？")

    assert found.language == "zh-Hant"
    titles = " ".join(article.title for article in found.articles)
    assert "助記詞" in titles
    assert "助记词" not in titles


def test_a_forced_language_answers_in_it_with_the_same_articles(suggester: Suggester) -> None:
    ticket = "My transaction failed but I was still charged a gas fee"
    detected = suggester.suggest(ticket)

    found = suggester.suggest(ticket, lang="zh-Hant")

    assert found.language == "zh-Hant"
    assert [article.id for article in found.articles] == [a.id for a in detected.articles]
    assert found.articles[0].id == "transaction-failed"
    assert found.articles[0].title == "交易失敗了，為什麼還扣了礦工費？"
    assert found.articles[0].url.startswith("https://help.example/zh/")
    assert found.replies[0].language == "zh-Hant"


@pytest.mark.parametrize(
    ("text", "limit", "message"),
    [("   ", 5, "text is empty"), ("x" * 20_001, 5, "the limit is 20000"), ("fee", 0, "limit")],
    ids=["empty", "too-long", "bad-limit"],
)
def test_bad_queries_are_clear_errors(
    suggester: Suggester, text: str, limit: int, message: str
) -> None:
    with pytest.raises(InvalidQuery, match=message):
        suggester.suggest(text, limit=limit)


def test_the_subject_weighs_more_than_the_same_words_in_the_body(suggester: Suggester) -> None:
    subject = "Card payment charged but no crypto"
    body = "My transfer to the exchange is pending since this morning too, and fees were high."

    weighed = suggester.suggest(body, subject=subject, limit=10)
    unweighed = suggester.suggest(f"{subject}\n\n{body}", limit=10)

    # The subject's topic leads (card fees and rates share its words and the body's, so
    # either may come first); the body's side topics fall back.
    assert "buy-crypto-not-received" in [article.id for article in weighed.articles[:2]]
    assert "network-fees" not in [article.id for article in weighed.articles[:3]]
    weighed_ids = [article.id for article in weighed.articles]
    unweighed_ids = [article.id for article in unweighed.articles]

    def place(ids: list[str], slug: str) -> int:
        return ids.index(slug) if slug in ids else len(ids)

    body_topics = ("swap-failed", "network-fees", "transaction-pending")
    assert all(place(unweighed_ids, t) <= place(weighed_ids, t) for t in body_topics)
    assert sum(place(unweighed_ids, t) for t in body_topics) < sum(
        place(weighed_ids, t) for t in body_topics
    )
    assert weighed.stored_text == f"{subject}\n\n{body}"


def test_quoted_history_and_signatures_do_not_steer_but_are_stored(suggester: Suggester) -> None:
    body = (
        "Hi, I withdrew USDT from Binance yesterday and it has not arrived in my wallet.\n\n"
        "Thanks,\nMaria\n\n"
        "On Mon, 3 Nov 2025 at 10:12, Wallet Support <support@wallet.example> wrote:\n"
        "> Did you forget the memo or destination tag? Without the memo or tag the exchange\n"
        "> cannot credit the deposit; a missing memo is the usual cause."
    )

    found = suggester.suggest(body)

    assert found.articles[0].id == "exchange-deposit-not-received"
    assert "memo" not in {term.term for term in found.articles[0].matched}
    # Stored as sent, quotes included (contacts masked, as always).
    assert found.stored_text.endswith("a missing memo is the usual cause.")


def test_a_chinese_mail_reply_is_ranked_on_its_newest_message(suggester: Suggester) -> None:
    body = (
        "您好，我从币安提的USDT还是没到账，已经两天了。\n\n发自我的iPhone\n\n"
        "在 2025年11月3日 10:12，钱包客服 <support@wallet.example> 写道：\n"
        "> 您好，请问您转账时填写备注（memo/标签）了吗？漏填备注是最常见的原因。"
    )

    found = suggester.suggest(body)

    assert found.language == "zh"
    assert found.articles[0].id == "exchange-deposit-not-received"
    assert found.stored_text.endswith("漏填备注是最常见的原因。")


def test_an_over_long_subject_is_refused(suggester: Suggester) -> None:
    with pytest.raises(InvalidQuery, match="subject is 1001 characters; the limit is 1000"):
        suggester.suggest("my transfer is pending", subject="x" * 1001)
