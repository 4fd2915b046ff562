"""Agent keys on SQLite and PostgreSQL: stored as hashes, last use, revocation, the cache."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from kb.errors import (
    InvalidKeyRequest,
    KeyNotFound,
)
from kb.store.engine import transaction
from kb.store.keys import RecentKeys, authenticate, create_key, list_keys, revoke_key


def test_a_key_is_stored_only_as_a_hash_and_checks_out(engine: Engine) -> None:
    key = create_key(engine, "zendesk")

    (stored,) = list_keys(engine)
    assert key.token.startswith(f"{key.prefix}_")
    assert (stored.id, stored.prefix) == (key.id, key.prefix)
    assert key.token not in (stored.key_hash, stored.prefix)
    with transaction(engine) as session:
        assert authenticate(session, key.token) == stored.id
        assert authenticate(session, key.token + "x") is None
        assert authenticate(session, "kb_00000000_" + key.token.split("_", 2)[2]) is None
        assert authenticate(session, "not-a-key") is None


def test_authenticating_notes_when_a_key_was_last_used(engine: Engine) -> None:
    key = create_key(engine, "zendesk")
    assert list_keys(engine)[0].last_used_at is None

    with transaction(engine) as session:
        authenticate(session, key.token)

    assert list_keys(engine)[0].last_used_at is not None


def test_a_revoked_key_stops_working_and_its_name_can_be_reused(engine: Engine) -> None:
    old = create_key(engine, "chatwoot")
    with pytest.raises(InvalidKeyRequest, match="revoke it first"):
        create_key(engine, "chatwoot")

    revoke_key(engine, "chatwoot")
    new = create_key(engine, "chatwoot")

    with transaction(engine) as session:
        assert authenticate(session, old.token) is None
        assert authenticate(session, new.token) is not None
    assert [key.revoked_at is None for key in list_keys(engine)] == [False, True]
    with pytest.raises(KeyNotFound, match="no active key named 'nobody'"):
        revoke_key(engine, "nobody")


def test_recent_keys_are_forgotten_after_their_time() -> None:
    now = [0.0]
    recent = RecentKeys(ttl_seconds=10, clock=lambda: now[0])
    recent.put("kb_1234abcd_secret", 7)

    assert recent.get("kb_1234abcd_secret") == 7
    assert recent.get("kb_1234abcd_other") is None
    now[0] = 10.5
    assert recent.get("kb_1234abcd_secret") is None
