"""What a ticket mentions: hashes, addresses, networks, amounts, ids, versions, dates."""

from __future__ import annotations

import hashlib
import time
from itertools import pairwise

import base58
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.entities.aliases import FIAT_CURRENCIES, NETWORKS
from kb.entities.extract import Entity, extract_entities, parse_amount

# Real values: the first Ethereum transfer, the USDT contracts on Ethereum and Tron, the
# Bitcoin genesis coinbase txid and address, BIP 173/350 and wiki examples, the wrapped
# SOL and USDC mints and a signature from the Solana docs.
EVM_TX = "0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060"
EVM_ADDRESS = "0xdAC17F958D2ee523a2206206994597C13D831ec7"
BTC_TXID = "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b"
BTC_P2PKH = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"
BTC_P2SH = "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"
BTC_BECH32 = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"
BTC_TAPROOT = "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"
BTC_TESTNET = "mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn"
TRON_USDT = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
SOL_WRAPPED = "So11111111111111111111111111111111111111112"
SOL_USDC = "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v"
SOL_SIGNATURE = (
    "5VERv8NMvzbJMEkV8xnrLkEaWRtSz9CosKDYjCJjBRnbJLgp8uirBgmQpjKhoR4tjF3ZpRzrFmBV6UjKdiSZkQUW"
)
# Computed: Tron's and Bitcoin's all-zero (burn) addresses, a 64-byte signature and a
# 32-byte key in base58.
TRON_ZERO = base58.b58encode_check(b"\x41" + bytes(20)).decode()
BTC_ZERO = base58.b58encode_check(b"\x00" + bytes(20)).decode()
SOL_SIGNED = base58.b58encode(hashlib.sha512(b"ticket").digest()).decode()
SOL_KEY = base58.b58encode(hashlib.sha256(b"ticket").digest()).decode()
# Look-alikes: one character changed breaks the checksum; one hex digit short or long.
TRON_BAD_CHECKSUM = TRON_USDT[:-1] + "u"
BTC_BAD_CHECKSUM = BTC_P2PKH[:-1] + "b"
BECH32_BAD_CHECKSUM = BTC_BECH32[:-1] + "r"
HEX_40 = BTC_TXID[:40]
HEX_63 = BTC_TXID[:-1]
HEX_65 = BTC_TXID + "a"


def summarise(entity: Entity) -> tuple[str, ...]:
    detail = entity.network or entity.unit
    return (entity.kind, entity.value, detail) if detail else (entity.kind, entity.value)


def test_computed_vectors_are_the_known_ones() -> None:
    assert TRON_ZERO == "T9yD14Nj9j7xAB4dbGeiX9h8unkKHxuWwb"
    assert BTC_ZERO == "1111111111111111111114oLvT2"


Expected = list[tuple[str, ...]]

# (id, ticket text, every entity as (kind, value) or (kind, value, network or unit)).
CASES: list[tuple[str, str, Expected]] = [
    # Transaction hashes and addresses
    ("evm-tx", f"tx {EVM_TX} pending", [("tx_hash", EVM_TX, "EVM")]),
    ("etherscan-link", f"https://etherscan.io/tx/{EVM_TX}", [("tx_hash", EVM_TX, "Ethereum")]),
    ("bscscan-link", f"https://bscscan.com/tx/{EVM_TX}", [("tx_hash", EVM_TX, "BNB Smart Chain")]),
    ("polygonscan-link", f"https://polygonscan.com/tx/{EVM_TX}", [("tx_hash", EVM_TX, "Polygon")]),
    ("arbiscan-link", f"https://arbiscan.io/tx/{EVM_TX}", [("tx_hash", EVM_TX, "Arbitrum")]),
    ("optimism-link", f"optimistic.etherscan.io/tx/{EVM_TX}", [("tx_hash", EVM_TX, "Optimism")]),
    ("basescan-link-no-scheme", f"见 basescan.org/tx/{EVM_TX}", [("tx_hash", EVM_TX, "Base")]),
    ("evm-address", f"to {EVM_ADDRESS}.", [("address", EVM_ADDRESS, "EVM")]),
    ("basescan-address", f"basescan.org/address/{EVM_ADDRESS}", [("address", EVM_ADDRESS, "Base")]),
    ("bare-64-hex-network-unknown", f"txid: {BTC_TXID}", [("tx_hash", BTC_TXID)]),
    ("tronscan-link", f"tronscan.org/#/transaction/{BTC_TXID}", [("tx_hash", BTC_TXID, "Tron")]),
    ("mempool-link", f"https://mempool.space/tx/{BTC_TXID}", [("tx_hash", BTC_TXID, "Bitcoin")]),
    ("blockstream-link", f"blockstream.info/tx/{BTC_TXID}", [("tx_hash", BTC_TXID, "Bitcoin")]),
    ("evm-explorer-ignores-bare-hex", f"etherscan.io/tx/{BTC_TXID}", [("tx_hash", BTC_TXID)]),
    ("bitcoin-p2pkh-in-chinese", f"地址{BTC_P2PKH}没收到", [("address", BTC_P2PKH, "Bitcoin")]),
    ("bitcoin-p2sh", BTC_P2SH, [("address", BTC_P2SH, "Bitcoin")]),
    ("bitcoin-computed", BTC_ZERO, [("address", BTC_ZERO, "Bitcoin")]),
    ("bitcoin-bech32", f"send to {BTC_BECH32}", [("address", BTC_BECH32, "Bitcoin")]),
    ("bitcoin-bech32-upper", BTC_BECH32.upper(), [("address", BTC_BECH32.upper(), "Bitcoin")]),
    ("bitcoin-bech32m", f"taproot {BTC_TAPROOT}", [("address", BTC_TAPROOT, "Bitcoin")]),
    ("tron-address", f"收款地址：{TRON_USDT}", [("address", TRON_USDT, "Tron")]),
    ("tron-computed", TRON_ZERO, [("address", TRON_ZERO, "Tron")]),
    ("solana-wrapped-sol", f"mint {SOL_WRAPPED}", [("address", SOL_WRAPPED, "Solana")]),
    ("solana-usdc", f"{SOL_USDC} USDC", [("address", SOL_USDC, "Solana"), ("asset", "USDC")]),
    ("solana-computed", SOL_KEY, [("address", SOL_KEY, "Solana")]),
    ("solana-signature", f"sig {SOL_SIGNATURE}", [("tx_hash", SOL_SIGNATURE, "Solana")]),
    ("solana-signature-computed", SOL_SIGNED, [("tx_hash", SOL_SIGNED, "Solana")]),
    # Networks and assets
    ("erc20", "USDT ERC20", [("asset", "USDT"), ("network", "Ethereum")]),
    ("erc-20-hyphen", "ERC-20 transfer", [("network", "Ethereum")]),
    ("trc20-glued-to-usdt", "TRC20USDT没到账", [("network", "Tron"), ("asset", "USDT")]),
    ("usdt-dash-trc20", "USDT-TRC20 提币", [("asset", "USDT"), ("network", "Tron")]),
    ("bsc-and-bnb-chain", "BSC还是BNB Chain", [("network", "BNB Smart Chain")] * 2),
    ("bnb-simplified", "转到币安智能链了", [("network", "BNB Smart Chain")]),
    ("bnb-traditional", "我用幣安鏈轉帳", [("network", "BNB Smart Chain")]),
    ("tron-chinese", "波场链和波場", [("network", "Tron")] * 2),
    ("bitcoin-network-simplified", "比特币网络拥堵", [("network", "Bitcoin")]),
    ("ethereum-aliases", "ETH链 / 以太坊鏈 / Ethereum network", [("network", "Ethereum")] * 3),
    ("solana-aliases", "SOL链 or Solana, 索拉纳", [("network", "Solana")] * 3),
    ("polygon-aliases", "马蹄链, Matic network, Polygon", [("network", "Polygon")] * 3),
    ("arbitrum-one", "Arbitrum One", [("network", "Arbitrum")]),
    (
        "optimism-avalanche",
        "Optimism, AVAX C-Chain",
        [("network", "Optimism"), ("network", "Avalanche")],
    ),
    ("base-network", "the Base network, Base链", [("network", "Base")] * 2),
    ("on-base", "USDC on Base", [("asset", "USDC"), ("network", "Base")]),
    (
        "ton-network",
        "USDT on TON; TON链",
        [("asset", "USDT"), ("network", "TON"), ("network", "TON")],
    ),
    ("mixed-usdt", "USDT转账一直pending", [("asset", "USDT")]),
    ("eth-alone-is-an-asset", "I sent ETH and some usdc", [("asset", "ETH"), ("asset", "USDC")]),
    (
        "assets-chinese",
        "泰达币和波场币，還有比特幣",
        [("asset", "USDT"), ("asset", "TRX"), ("asset", "BTC")],
    ),
    ("matic-pol", "MATIC or POL?", [("asset", "MATIC"), ("asset", "POL")]),
    # Amounts
    ("amount-eth", "sent 0.5 ETH", [("amount", "0.5", "ETH")]),
    ("amount-100u", "转了100u", [("amount", "100", "USDT")]),
    ("amount-100U-traditional", "轉了100U給他", [("amount", "100", "USDT")]),
    ("amount-usdt-spaced-glued", "100 USDT, 100USDT", [("amount", "100", "USDT")] * 2),
    ("amount-grouped-usd", "paid 1,000.50 USD", [("amount", "1000.50", "USD")]),
    ("amount-dollar-signs", "$50 or US$50", [("amount", "50", "USD")] * 2),
    ("amount-yuan-signs", "付了¥200和￥200", [("amount", "200", "CNY")] * 2),
    ("amount-yuan-words", "200元还是200块", [("amount", "200", "CNY")] * 2),
    ("amount-meiyuan", "大概200 美元", [("amount", "200", "USD")]),
    ("amount-twd", "NT$500 或 500 台币", [("amount", "500", "TWD")] * 2),
    ("amount-hkd-eur", "HK$100, €20", [("amount", "100", "HKD"), ("amount", "20", "EUR")]),
    ("amount-gbp", "£20", [("amount", "20", "GBP")]),
    ("amount-ge-usdt", "买了500个USDT", [("amount", "500", "USDT")]),
    ("amount-wan-u", "充了1万U", [("amount", "10000", "USDT")]),
    ("amount-wan-traditional", "1.5萬U", [("amount", "15000", "USDT")]),
    ("amount-ge-eth", "0.5个ETH", [("amount", "0.5", "ETH")]),
    ("amount-satoshis", "fee 0.00012345 BTC", [("amount", "0.00012345", "BTC")]),
    ("amount-then-network", "100 USDT via TRC20", [("amount", "100", "USDT"), ("network", "Tron")]),
    # Order ids and card digits
    ("order-id-english", "order id: ABC123456", [("order_id", "ABC123456")]),
    ("order-hash", "Order #A1B2C3", [("order_id", "A1B2C3")]),
    ("reference", "reference MP-7788-99", [("order_id", "MP-7788-99")]),
    ("order-id-simplified", "订单号：2026112400001", [("order_id", "2026112400001")]),
    ("order-id-traditional", "訂單編號 TW_12345678", [("order_id", "TW_12345678")]),
    ("card-ending", "card ending 1234", [("card_last4", "1234")]),
    ("card-last-four-digits", "last four digits: 5678", [("card_last4", "5678")]),
    ("card-simplified", "卡尾号1234，后四位是1234", [("card_last4", "1234")] * 2),
    ("card-traditional", "尾號 9012、末四位9012", [("card_last4", "9012")] * 2),
    # Versions and platforms
    ("version-iphone", "version 3.2.1 on iPhone", [("app_version", "3.2.1"), ("platform", "iOS")]),
    ("v-android", "v3.2.1 Android", [("app_version", "3.2.1"), ("platform", "Android")]),
    ("app-and-ver", "app 3.2, ver 7.10.0", [("app_version", "3.2"), ("app_version", "7.10.0")]),
    (
        "version-simplified",
        "版本号3.2.1，安卓",
        [("app_version", "3.2.1"), ("platform", "Android")],
    ),
    (
        "version-traditional",
        "App版本：3.2，蘋果手機",
        [("app_version", "3.2"), ("platform", "iOS")],
    ),
    (
        "bare-version",
        "更新到7.10.0后华为打不开",
        [("app_version", "7.10.0"), ("platform", "Android")],
    ),
    ("extension", "Chrome extension/浏览器插件/擴充功能", [("platform", "browser extension")] * 3),
    # Dates
    ("date-iso", "on 2026-11-24 and 2026/11/24", [("date", "2026-11-24")] * 2),
    ("date-chinese", "2026年11月24日转的", [("date", "2026-11-24")]),
    ("date-english", "24 Nov 2026, Nov 24, 2026, November 24 2026", [("date", "2026-11-24")] * 3),
    ("date-without-year", "11月24日 / Nov 24 / 24 November", [("date", "--11-24")] * 3),
    ("date-not-version", "2026.11.24 not a version", [("date", "2026-11-24")]),
    # Whole tickets
    (
        "ticket-english",
        f"On Nov 24 I sent 0.5 ETH on Arbitrum, app v3.2.1 (Android): {EVM_TX}",
        [
            ("date", "--11-24"),
            ("amount", "0.5", "ETH"),
            ("network", "Arbitrum"),
            ("app_version", "3.2.1"),
            ("platform", "Android"),
            ("tx_hash", EVM_TX, "EVM"),
        ],
    ),
    (
        "ticket-simplified",
        f"我用iPhone在11月24日转了100U到{TRON_USDT}，波场链，订单号A20261124",
        [
            ("platform", "iOS"),
            ("date", "--11-24"),
            ("amount", "100", "USDT"),
            ("address", TRON_USDT, "Tron"),
            ("network", "Tron"),
            ("order_id", "A20261124"),
        ],
    ),
    (
        "ticket-traditional",
        "我在2026年11月24日用幣安鏈轉了500 USDT，訂單號 TW12345678，卡號尾號 4321",
        [
            ("date", "2026-11-24"),
            ("network", "BNB Smart Chain"),
            ("amount", "500", "USDT"),
            ("order_id", "TW12345678"),
            ("card_last4", "4321"),
        ],
    ),
    # Look-alikes that must not match
    ("not-amount-trc20", "TRC20", [("network", "Tron")]),
    ("not-amount-bep20-usdt", "BEP20 USDT", [("network", "BNB Smart Chain"), ("asset", "USDT")]),
    ("not-amount-bep-space-20", "BEP 20 USDT", [("network", "BNB Smart Chain"), ("asset", "USDT")]),
    ("not-amount-ios-17", "iOS 17", [("platform", "iOS")]),
    ("not-version-ios-17-2-1", "iOS 17.2.1", [("platform", "iOS")]),
    ("not-version-but-amount", "app 3.2 ETH", [("amount", "3.2", "ETH")]),
    ("not-amount-words-hours-2fa", "wrote 12 words, waited 24 hours, 2FA on, 10k", []),
    ("not-version-ip", "server 192.168.1.1 and 10.0.0.1", []),
    ("not-date-ambiguous-or-invalid", "03/04/2026, 2026-13-45, 2026年2月29日", []),
    ("not-hash-63-65-hex", f"0x{HEX_63} 0x{HEX_65} {HEX_63} {HEX_65}", []),
    (
        "evm-40-vs-64-hex",
        f"0x{HEX_40} 0x{BTC_TXID}",
        [("address", f"0x{HEX_40}", "EVM"), ("tx_hash", f"0x{BTC_TXID}", "EVM")],
    ),
    ("not-address-bad-base58check", f"{TRON_BAD_CHECKSUM} {BTC_BAD_CHECKSUM}", []),
    ("not-address-bad-bech32", BECH32_BAD_CHECKSUM, []),
    ("not-address-bitcoin-testnet", f"testnet {BTC_TESTNET}", []),
    ("not-card-unlabelled-digits", "card 4111111111111111 exp 12/28", []),
    ("not-order-id-without-digit", "order id: ABCDEFGH", []),
    ("not-network-base-ton-in-prose", "the base fee is a ton of gas", []),
    ("not-network-eth-alone", "ETH is slow", [("asset", "ETH")]),
    (
        "not-entity-redaction-markers",
        "seed [recovery phrase removed], [卡号已删除], [USDT address removed]",
        [],
    ),
    ("not-date-may-not-usdt-u", "may 5 people help? U盾", []),
]


@pytest.mark.parametrize(
    ("text", "expected"), [pytest.param(text, expected, id=id_) for id_, text, expected in CASES]
)
def test_extract_entities(text: str, expected: list[tuple[str, ...]]) -> None:
    assert [summarise(entity) for entity in extract_entities(text)] == expected


def test_spans_are_the_source_text() -> None:
    text = f"11月24日转了1,000.50 USD和1万U到{TRON_USDT}（TRC-20），版本号 3.2.1，尾号1234"
    spans = [text[entity.start : entity.end] for entity in extract_entities(text)]
    assert spans == ["11月24日", "1,000.50 USD", "1万U", TRON_USDT, "TRC-20", "3.2.1", "1234"]


def test_a_link_claims_its_words_but_not_its_hash() -> None:
    text = f"https://blockchair.com/bitcoin/transaction/{BTC_TXID}"
    (entity,) = extract_entities(text)
    assert (entity.kind, entity.network) == ("tx_hash", "Bitcoin")
    assert text[entity.start : entity.end] == BTC_TXID


FRAGMENTS = [
    "USDT", "TRC20", "100u", "0.5 ETH", "¥200", "1万U", "iOS 17", "v3.2.1", "Base链", "on Base",
    "订单号A123456", "尾号1234", "2026-11-24", "Nov 24", "波场币", "[卡号已删除]", EVM_TX,
    TRON_USDT, BTC_TXID, " ", "，", "-", "1", ",", ".", "x", "转账",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=12).map("".join))
def test_entities_are_sorted_apart_and_cover_their_source(text: str) -> None:
    entities = extract_entities(text)
    for entity in entities:
        assert 0 <= entity.start < entity.end <= len(text)
    for before, after in pairwise(entities):
        assert before.end <= after.start


@pytest.mark.parametrize(
    ("typed", "value", "unit"),
    [
        pytest.param("0.5 ETH", "0.5", "ETH", id="coin"),
        pytest.param("¥200", "200", "CNY", id="yuan-sign"),
        pytest.param("100u", "100", "USDT", id="u"),
        pytest.param("1,000.50 USD", "1000.50", "USD", id="grouped"),
        pytest.param("  1万U ", "10000", "USDT", id="wan-with-spaces"),
        pytest.param("NT$500", "500", "TWD", id="nt-dollar"),
        pytest.param("0.00012345 btc", "0.00012345", "BTC", id="lower-case-symbol"),
        pytest.param("200 美元", "200", "USD", id="meiyuan"),
    ],
)
def test_parse_amount(typed: str, value: str, unit: str) -> None:
    amount = parse_amount(typed)
    assert amount is not None
    assert (amount.kind, amount.value, amount.unit) == ("amount", value, unit)
    assert typed[amount.start : amount.end] == typed.strip()


@pytest.mark.parametrize("typed", ["", "hello", "100", "TRC20", "100 USDT please", "iOS 17"])
def test_parse_amount_rejects_anything_but_one_amount(typed: str) -> None:
    assert parse_amount(typed) is None


def test_is_fiat_only_for_amounts_of_money() -> None:
    dollars, ether = parse_amount("$50"), parse_amount("0.5 ETH")
    assert dollars is not None and dollars.is_fiat
    assert ether is not None and not ether.is_fiat
    assert not Entity("network", "Ethereum", 0, 5).is_fiat


def test_public_tables_name_the_canonical_values() -> None:
    assert {"Ethereum", "BNB Smart Chain", "Tron", "Bitcoin", "Solana", "Base"} <= set(NETWORKS)
    assert {"USD", "CNY", "TWD", "HKD", "EUR", "GBP"} <= FIAT_CURRENCIES
    found = {entity.value for entity in extract_entities("ERC20 BEP20 TRC20 比特币网络 SOL链")}
    assert found <= set(NETWORKS)


MEGABYTE = 1_000_000


@pytest.mark.slow  # a megabyte per case: seconds each
@pytest.mark.parametrize(
    "text",
    [
        pytest.param("a1b2c3d4e5f6" * (MEGABYTE // 12), id="hex-run"),
        pytest.param("7" * MEGABYTE, id="digit-run"),
        pytest.param(SOL_USDC * (MEGABYTE // len(SOL_USDC)), id="base58-run"),
        pytest.param("1 " * (MEGABYTE // 2), id="spaced-digits"),
        pytest.param("0x" * (MEGABYTE // 2), id="0x0x"),
        pytest.param("订单号" * (MEGABYTE // 3), id="order-labels"),
        pytest.param("v1." * (MEGABYTE // 3), id="v1-dot"),
        pytest.param("1," * (MEGABYTE // 2), id="grouping-commas"),
        pytest.param("order" + " " * MEGABYTE, id="label-then-spaces"),
        pytest.param("[" + "a" * MEGABYTE, id="unclosed-bracket"),
        pytest.param("http://" * (MEGABYTE // 7), id="links"),
        pytest.param("USDT TRC20 " * (MEGABYTE // 11), id="many-entities"),
    ],
)
def test_adversarial_megabyte_is_extracted_in_linear_time(text: str) -> None:
    started = time.perf_counter()
    extract_entities(text)
    assert time.perf_counter() - started < 10
