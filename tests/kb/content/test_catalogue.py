"""The bundled catalogue is complete: no listed article can be dropped silently."""

from __future__ import annotations

import re

import pytest

from kb.config import BUNDLED_ARTICLES_DIR
from kb.content.catalogue import Catalogue, load_catalogue
from kb.content.documents import Audience, Section
from kb.content.placeholders import PLACEHOLDERS
from kb.content.reply_template import render_template, template_environment

FAQ_SLUGS = [
    "address-and-receiving",
    "app-not-loading",
    "bitcoin-fees-utxo",
    "browser-extension",
    "buy-crypto-not-received",
    "buy-crypto-payment-declined",
    "card-lifecycle",
    "card-payment-declined",
    "card-refund-dispute",
    "card-top-up",
    "card-verification-kyc",
    "cloud-backup",
    "cross-chain-bridge",
    "dapp-connection",
    "exchange-deposit-not-received",
    "fake-tokens-airdrops",
    "fees-exchange-rates",
    "hardware-wallet",
    "lost-recovery-phrase",
    "memo-destination-tag",
    "multiple-wallets-private-key",
    "network-fees",
    "nft-not-showing",
    "notifications-not-arriving",
    "official-app-download",
    "passcode-biometric-lock",
    "privacy-account-deletion",
    "recovery-phrase-backup",
    "restore-wallet",
    "scam-phishing",
    "sell-crypto-payout",
    "solana-rent-token-accounts",
    "stablecoin-frozen",
    "staking-rewards",
    "swap-failed",
    "token-approvals",
    "token-not-showing",
    "transaction-failed",
    "transaction-history-export",
    "transaction-pending",
    "tron-activation-energy",
    "tron-permission-takeover",
    "wallet-compromised",
    "wrong-network-deposit",
]

RUNBOOK_SLUGS = [
    "access-requests",
    "card-dispute-chargeback",
    "card-payment-triage",
    "card-top-up-investigation",
    "distressed-abusive-users",
    "escalation-policy",
    "goodwill-compensation",
    "incident-response",
    "known-issue-macro",
    "kyc-escalation",
    "law-enforcement-requests",
    "monitoring-signals",
    "onramp-provider-escalation",
    "post-incident-review",
    "privacy-data-requests",
    "public-complaints",
    "security-incident-handling",
    "transaction-investigation",
]

CATALOGUE = [(slug, Section.FAQ, Audience.PUBLIC) for slug in FAQ_SLUGS] + [
    (slug, Section.RUNBOOKS, Audience.INTERNAL) for slug in RUNBOOK_SLUGS
]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(BUNDLED_ARTICLES_DIR)


def test_the_catalogue_holds_exactly_the_listed_articles(catalogue: Catalogue) -> None:
    assert len(FAQ_SLUGS) == 44
    assert len(RUNBOOK_SLUGS) == 18
    assert sorted(catalogue.articles) == sorted(FAQ_SLUGS + RUNBOOK_SLUGS)


@pytest.mark.parametrize(("slug", "section", "audience"), CATALOGUE, ids=[c[0] for c in CATALOGUE])
def test_each_article_has_both_languages_in_its_section_and_audience(
    catalogue: Catalogue, slug: str, section: Section, audience: Audience
) -> None:
    article = catalogue.articles[slug]

    assert article.section is section
    assert article.audience is audience
    assert set(article.documents) == {"en", "zh"}
    for document in article.documents.values():
        assert document.body.strip()
        if section is Section.FAQ:
            assert document.meta.reply and "{{ article_url }}" in document.meta.reply


@pytest.mark.parametrize("slug", FAQ_SLUGS)
def test_faq_replies_never_ask_for_secrets(catalogue: Catalogue, slug: str) -> None:
    asking = re.compile(
        r"(send|share|give|provide|tell)\s+(us\s+)?(your\s+)?(recovery|seed|secret)\s+phrase"
        r"|(发|提供|告诉我们).{0,4}(助记词|私钥)",
        re.IGNORECASE,
    )
    for document in catalogue.articles[slug].documents.values():
        reply = document.meta.reply or ""
        for match in asking.finditer(reply):
            before = reply[max(0, match.start() - 12) : match.start()]
            assert re.search(r"never|not|don't|do not|不要|别|绝不|不会|切勿", before), (
                f"{document.path.name}: {match.group(0)!r}"
            )


@pytest.mark.parametrize("slug", FAQ_SLUGS)
def test_faq_english_bodies_are_200_to_600_words(catalogue: Catalogue, slug: str) -> None:
    body = catalogue.articles[slug].documents["en"].body
    prose = re.sub(r"\]\([^)]*\)", "]", body)  # link targets are not words

    words = len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'\u2019-]*", prose))

    assert 200 <= words <= 600, words


@pytest.mark.parametrize("slug", FAQ_SLUGS)
def test_faq_replies_read_cleanly_with_and_without_ticket_values(
    catalogue: Catalogue, slug: str
) -> None:
    every_value = {name: f"<{name}>" for name in PLACEHOLDERS}
    for document in catalogue.articles[slug].documents.values():
        template = template_environment().from_string(document.meta.reply or "")
        for values in ({"article_url": "<article_url>"}, every_value):
            reply = template.render(**values)

            assert "<article_url>" in reply
            assert not re.search(r"[^\S\n]{2,}", reply), f"{document.path.name}: doubled space"
            assert not re.search(r"\s[,.;:!?，。；：！？]", reply), f"{document.path.name}: gap"


@pytest.mark.parametrize("slug", FAQ_SLUGS)
def test_faq_replies_leave_no_gap_to_fill_when_the_ticket_gives_no_values(
    catalogue: Catalogue, slug: str
) -> None:
    # A value the reply cannot do without would print as "[amount]"; every reply must
    # read as a whole sentence set when the ticket names nothing at all.
    for document in catalogue.articles[slug].documents.values():
        rendered = render_template(document.meta.reply or "", {"article_url": "https://x"})

        assert rendered.missing == [], f"{document.path.name}: {rendered.missing}"
        assert not re.search(r"\[\w+\]", rendered.text), document.path.name
