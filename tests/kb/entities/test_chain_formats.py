"""Telling hashes and addresses apart by format, and explorer links naming the network.

Real values: the first Ethereum transfer, the USDT contracts on Ethereum and Tron, the
Bitcoin genesis coinbase txid and address, BIP 173/350 test vectors, a Solana address
from the Solana docs. Segwit addresses are also built here from a program, so the
checksum is checked on values that are not the well-known ones.
"""

from __future__ import annotations

import base58
import pytest

from kb.entities.chain_formats import (
    BECH32_BC_PREFIX,
    BECH32_CHARSET,
    BECH32_CONSTANT,
    BECH32M_CONSTANT,
    IdentifierKind,
    bech32_polymod,
    explorer_network,
    identify,
    is_bech32_address,
)

EVM_TX = "0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060"
EVM_ADDRESS = "0xdAC17F958D2ee523a2206206994597C13D831ec7"
BTC_TXID = "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b"
BTC_BECH32 = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"  # BIP 173
BTC_TAPROOT = "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"  # BIP 350
BTC_P2PKH = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"
BTC_P2SH = "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"
BTC_TESTNET = "mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn"
TRON_USDT = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
SOL_ADDRESS = "4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T"
SOL_SIGNATURE = base58.b58encode(bytes(range(64))).decode()


def changed_at(value: str, position: int, char: str) -> str:
    assert value[position] != char
    return value[:position] + char + value[position + 1 :]


def to_five_bits(program: bytes) -> list[int]:
    """The program regrouped from 8-bit bytes into 5-bit values, zero-padded (BIP 173)."""
    bits = "".join(f"{byte:08b}" for byte in program)
    bits += "0" * (-len(bits) % 5)
    return [int(bits[i : i + 5], 2) for i in range(0, len(bits), 5)]


def segwit_address(version: int, program: bytes) -> str:
    """A mainnet segwit address: bech32 for version 0, bech32m after (BIP 173, 350)."""
    data = [version, *to_five_bits(program)]
    constant = BECH32_CONSTANT if version == 0 else BECH32M_CONSTANT
    polymod = bech32_polymod(BECH32_BC_PREFIX + data + [0] * 6) ^ constant
    checksum = [polymod >> 5 * (5 - i) & 31 for i in range(6)]
    return "bc1" + "".join(BECH32_CHARSET[value] for value in data + checksum)


def test_segwit_address_builds_the_bip_173_and_350_vectors() -> None:
    # The program of BIP 173's P2WPKH example and BIP 350's taproot example.
    assert segwit_address(0, bytes.fromhex("751e76e8199196d454941c45d1b3a323f1433bd6")) == (
        BTC_BECH32
    )
    taproot_program = "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
    assert segwit_address(1, bytes.fromhex(taproot_program)) == BTC_TAPROOT


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        (EVM_TX, ("tx_hash", "EVM")),
        (EVM_ADDRESS, ("address", "EVM")),
        (BTC_TXID, ("tx_hash", None)),
        (BTC_TXID.upper(), ("tx_hash", None)),
        (BTC_BECH32, ("address", "Bitcoin")),
        (BTC_BECH32.upper(), ("address", "Bitcoin")),
        (BTC_TAPROOT, ("address", "Bitcoin")),
        (segwit_address(0, bytes(range(32))), ("address", "Bitcoin")),
        (segwit_address(1, bytes(range(32, 64))), ("address", "Bitcoin")),
        (BTC_P2PKH, ("address", "Bitcoin")),
        (BTC_P2SH, ("address", "Bitcoin")),
        (TRON_USDT, ("address", "Tron")),
        (SOL_ADDRESS, ("address", "Solana")),
        (SOL_SIGNATURE, ("tx_hash", "Solana")),
    ],
    ids=[
        "evm-tx-hash",
        "evm-address",
        "bare-64-hex-txid",
        "bare-64-hex-txid-uppercase",
        "bech32-p2wpkh",
        "bech32-p2wpkh-uppercase",
        "bech32m-taproot",
        "bech32-p2wsh-built",
        "bech32m-v1-built",
        "bitcoin-legacy-1",
        "bitcoin-legacy-3",
        "tron-usdt-contract",
        "solana-address",
        "solana-signature",
    ],
)
def test_identify_tells_the_kind_and_implied_network(
    token: str, expected: tuple[IdentifierKind, str | None]
) -> None:
    assert identify(token) == expected


def test_the_solana_signature_is_base58_of_64_bytes() -> None:
    assert len(SOL_SIGNATURE) == 86
    assert len(base58.b58decode(SOL_SIGNATURE)) == 64


@pytest.mark.parametrize(
    "token",
    [
        changed_at(BTC_BECH32, len(BTC_BECH32) - 1, "5"),
        changed_at(BTC_BECH32, 10, "z"),
        changed_at(BTC_TAPROOT, 30, "q"),
        changed_at(BTC_TAPROOT, 3, "q"),  # bech32m checksum read as a version-0 address
        changed_at(BTC_P2PKH, 10, "x"),
        changed_at(TRON_USDT, len(TRON_USDT) - 1, "u"),
    ],
    ids=[
        "bech32-last-char",
        "bech32-middle-char",
        "bech32m-middle-char",
        "bech32m-version-char",
        "bitcoin-legacy-char",
        "tron-last-char",
    ],
)
def test_one_character_changed_is_not_an_address(token: str) -> None:
    assert identify(token) is None


@pytest.mark.parametrize(
    "token",
    [
        "thisisalongwordwrittenwithoutanyspacesok",
        "12345678901234567890123456789012345",
        "1234567890123456789012345678901234567890",
        "0x" + "g" * 40,
        "0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b2206z",
        "0x" + "a" * 41,
        "0x" + "a" * 63,
        "0x",
        "g" * 64,
        BTC_TESTNET,
    ],
    ids=[
        "lowercase-word-40",
        "number-35-digits",
        "number-40-digits",
        "0x-non-hex-40",
        "0x-non-hex-64",
        "0x-41-hex",
        "0x-63-hex",
        "0x-alone",
        "64-non-hex",
        "bitcoin-testnet",
    ],
)
def test_identify_rejects_what_is_none_of_these(token: str) -> None:
    assert identify(token) is None


# BIP 173/350 call these invalid: witness version 17 does not exist, and a version-0
# program is 20 or 32 bytes.
@pytest.mark.parametrize(
    "token",
    [
        "BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R",
        segwit_address(0, bytes(range(21))),
    ],
    ids=["bip350-witness-version-17", "v0-program-of-21-bytes"],
)
def test_a_segwit_address_invalid_for_its_witness_version_is_not_an_address(token: str) -> None:
    assert identify(token) is None


@pytest.mark.parametrize(
    ("token", "valid"),
    [
        (BTC_BECH32, True),
        (BTC_BECH32.upper(), True),
        ("bc1qW508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", False),
        ("BC1Pw508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", False),
        ("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3tb", False),  # "b" is not in the charset
        ("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3", False),  # 40 characters
    ],
    ids=["lowercase", "uppercase", "mixed-case", "mixed-case-upper", "outside-charset", "short"],
)
def test_is_bech32_address_wants_one_case_the_charset_and_the_length(
    token: str, valid: bool
) -> None:
    assert is_bech32_address(token) is valid


@pytest.mark.parametrize(
    ("link", "value", "implied", "network"),
    [
        ("https://etherscan.io/tx/", EVM_TX, "EVM", "Ethereum"),
        ("https://etherscan.io/address/", EVM_ADDRESS, "EVM", "Ethereum"),
        ("https://bscscan.com/tx/", EVM_TX, "EVM", "BNB Smart Chain"),
        ("https://optimistic.etherscan.io/tx/", EVM_TX, "EVM", "Optimism"),
        ("https://polygonscan.com/tx/", EVM_TX, "EVM", "Polygon"),
        ("https://tronscan.org/#/transaction/", BTC_TXID, None, "Tron"),
        ("https://mempool.space/tx/", BTC_TXID, None, "Bitcoin"),
        ("https://etherscan.io/tx/", BTC_TXID, None, None),
        ("https://tronscan.org/#/transaction/", EVM_TX, "EVM", "EVM"),
        ("see https://etherscan.io/tx/ ", EVM_TX, "EVM", "EVM"),
        ("see https://etherscan.io/tx/\n", EVM_TX, "EVM", "EVM"),
        ("", EVM_TX, "EVM", "EVM"),
        ("my hash ", BTC_TXID, None, None),
    ],
    ids=[
        "etherscan-tx",
        "etherscan-address",
        "bscscan",
        "optimistic-etherscan-is-optimism",
        "polygonscan",
        "tronscan-bare-txid",
        "mempool-bare-txid",
        "evm-explorer-bare-txid-keeps-implied",
        "tron-explorer-0x-keeps-implied",
        "space-before-keeps-implied",
        "line-break-before-keeps-implied",
        "value-at-start-keeps-implied",
        "no-link-keeps-implied",
    ],
)
def test_explorer_network_names_the_network_of_the_link_right_before_the_value(
    link: str, value: str, implied: str | None, network: str | None
) -> None:
    text = f"{link}{value} thanks"
    assert explorer_network(text, len(link), implied) == network
