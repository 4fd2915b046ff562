"""Telling transaction hashes and addresses apart by their format alone.

Hex length, base58check version bytes, the bech32 checksum and the decoded
length of base58 values say which chain a value belongs to; a block-explorer
link around it can name the exact EVM network. Words near a value never decide.
"""

from __future__ import annotations

from typing import Literal

import base58

IdentifierKind = Literal["tx_hash", "address"]

# Block explorers whose link tells which network a hash or 0x address is on. The
# Optimism explorer is a subdomain of etherscan, so it comes first.
EXPLORER_NETWORKS: tuple[tuple[str, str], ...] = (
    ("optimistic.etherscan", "Optimism"), ("etherscan", "Ethereum"),
    ("bscscan", "BNB Smart Chain"), ("polygonscan", "Polygon"), ("arbiscan", "Arbitrum"),
    ("basescan", "Base"), ("snowtrace", "Avalanche"), ("snowscan", "Avalanche"),
    ("tronscan", "Tron"), ("mempool.space", "Bitcoin"), ("blockstream.info", "Bitcoin"),
    ("blockchair.com/bitcoin", "Bitcoin"),
)  # fmt: skip
# Networks that do not share the EVM address and hash formats.
NON_EVM_NETWORKS = frozenset({"Tron", "Bitcoin", "Solana", "TON"})
EXPLORER_LOOKBACK = 100  # characters of link before a hash: enough for any explorer path

BECH32_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
BECH32_GENERATOR = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
BECH32_CONSTANT, BECH32M_CONSTANT = 1, 0x2BC830A3  # segwit v0, segwit v1+ (BIP 350)
BECH32_BC_PREFIX = [3, 3, 0, 2, 3]  # "bc" expanded for the checksum (BIP 173)
CHECKSUM_GROUPS = 6  # the checksum's 5-bit groups at the end of the data part
MAX_WITNESS_VERSION = 16


def identify(token: str) -> tuple[IdentifierKind, str | None] | None:
    """Whether ``token`` is a tx hash or an address, and the network its format implies."""
    if token.startswith("0x"):
        if not is_hex(token[2:]):
            return None
        if len(token) == 66:
            return ("tx_hash", "EVM")
        return ("address", "EVM") if len(token) == 42 else None
    if len(token) == 64 and is_hex(token):
        return ("tx_hash", None)  # a Bitcoin or Tron txid; only a link can tell which
    if token[:3].lower() == "bc1":
        return ("address", "Bitcoin") if is_bech32_address(token) else None
    if token[0] in "13T" and len(token) <= 35:
        version = base58check_version(token)
        if version in (0x00, 0x05) and token[0] in "13":
            return ("address", "Bitcoin")
        if version == 0x41 and len(token) == 34:
            return ("address", "Tron")
    if 86 <= len(token) <= 88 and base58_length(token) == 64:
        return ("tx_hash", "Solana")
    if 32 <= len(token) <= 44 and looks_random(token) and base58_length(token) == 32:
        return ("address", "Solana")
    return None


def is_hex(chars: str) -> bool:
    return all(char in "0123456789abcdefABCDEF" for char in chars)


def looks_random(token: str) -> bool:
    """A digit and both cases: a key, not a long word or number."""
    return not (token.isalpha() or token.isdigit() or token.islower() or token.isupper())


def base58check_version(token: str) -> int | None:
    """The version byte of a valid 21-byte base58check payload (Bitcoin, Tron)."""
    try:
        payload = base58.b58decode_check(token)
    except ValueError:
        return None
    return payload[0] if len(payload) == 21 else None


def base58_length(token: str) -> int | None:
    """How many bytes ``token`` decodes to, or None if it is not base58."""
    try:
        return len(base58.b58decode(token))
    except ValueError:
        return None


def is_bech32_address(token: str) -> bool:
    """A segwit address on Bitcoin mainnet: charset, length, witness version and program
    length, and checksum (BIP 173, 350)."""
    if token not in (token.lower(), token.upper()) or not 42 <= len(token) <= 62:
        return False
    data = token.lower()[3:]
    if any(char not in BECH32_CHARSET for char in data):
        return False
    values = [BECH32_CHARSET.index(char) for char in data]
    version, program_bytes = values[0], (len(values) - 1 - CHECKSUM_GROUPS) * 5 // 8
    if version > MAX_WITNESS_VERSION or (version == 0 and program_bytes not in (20, 32)):
        return False
    expected = BECH32_CONSTANT if version == 0 else BECH32M_CONSTANT
    return bech32_polymod(BECH32_BC_PREFIX + values) == expected


def bech32_polymod(values: list[int]) -> int:
    checksum = 1
    for value in values:
        top = checksum >> 25
        checksum = (checksum & 0x1FFFFFF) << 5 ^ value
        for bit, generator in enumerate(BECH32_GENERATOR):
            if top >> bit & 1:
                checksum ^= generator
    return checksum


def explorer_network(text: str, start: int, implied: str | None) -> str | None:
    """The network a block-explorer link just before ``start`` names, else ``implied``.

    Only an explorer of the right family counts: an EVM chain's for a 0x value, Bitcoin's
    or Tron's for a bare 64-hex txid.
    """
    before = text[max(0, start - EXPLORER_LOOKBACK) : start]
    if not before or before[-1].isspace():
        return implied
    link = before.split()[-1].lower()
    for host, network in EXPLORER_NETWORKS:
        if host in link and (network not in NON_EVM_NETWORKS) == (implied == "EVM"):
            return network
    return implied
