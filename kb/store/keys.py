"""Agent API keys: created once, stored only as a SHA-256 hash, found by a public prefix.

A key reads ``kb_<prefix>_<secret>``. The prefix is stored in the clear so that
a key can be found (and named in ``kb keys list``) without trying every hash;
the secret has 256 bits of entropy, so one plain SHA-256 is as strong as a slow
password hash would be.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from time import monotonic

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from kb.errors import InvalidKeyRequest, KeyNotFound
from kb.store.engine import transaction
from kb.store.tables import ApiKey, now

SCHEME = "kb"
# last_used_at is a hint for humans; writing it on every request would double the writes.
LAST_USED_RESOLUTION = timedelta(minutes=1)
MAX_NAME_LENGTH = 100


@dataclass(frozen=True)
class NewKey:
    id: int
    name: str
    prefix: str
    token: str  # shown once, never stored


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_key(engine: Engine, name: str) -> NewKey:
    name = name.strip()
    if not name or len(name) > MAX_NAME_LENGTH:
        raise InvalidKeyRequest(f"a key name must be 1 to {MAX_NAME_LENGTH} characters")
    prefix = f"{SCHEME}_{secrets.token_hex(4)}"
    token = f"{prefix}_{secrets.token_urlsafe(32)}"
    with transaction(engine) as session:
        if active_key(session, name) is not None:
            raise InvalidKeyRequest(
                f"an active key named {name!r} exists; revoke it first (kb keys revoke {name})"
            )
        stored = ApiKey(name=name, prefix=prefix, key_hash=hash_token(token))
        session.add(stored)
        session.flush()
        assert stored.id is not None  # flushed, so numbered
    return NewKey(stored.id, name, prefix, token)


def list_keys(engine: Engine) -> list[ApiKey]:
    with transaction(engine) as session:
        return list(session.exec(select(ApiKey).order_by(col(ApiKey.created_at))))


def revoke_key(engine: Engine, name: str) -> ApiKey:
    with transaction(engine) as session:
        key = active_key(session, name)
        if key is None:
            raise KeyNotFound(f"no active key named {name!r}; see kb keys list")
        key.revoked_at = now()
        session.add(key)
        return key


def key_name(engine: Engine, key_id: int) -> str:
    """The name a key was made with, to say who did something ("key 7" if it is gone)."""
    with transaction(engine) as session:
        key = session.get(ApiKey, key_id)
        return key.name if key else f"key {key_id}"


def active_key(session: Session, name: str) -> ApiKey | None:
    query = select(ApiKey).where(ApiKey.name == name, col(ApiKey.revoked_at).is_(None))
    return session.exec(query).first()


def authenticate(session: Session, token: str) -> int | None:
    """The id of the active key ``token`` is, or None; notes when it was last used."""
    scheme, _, rest = token.partition("_")
    public, _, secret = rest.partition("_")  # the secret itself may hold "_"
    if scheme != SCHEME or not public or not secret:
        return None
    prefix = f"{scheme}_{public}"
    query = select(ApiKey).where(ApiKey.prefix == prefix, col(ApiKey.revoked_at).is_(None))
    key = session.exec(query).first()
    # compare_digest: the time taken must not tell how much of the hash matched.
    if key is None or not hmac.compare_digest(key.key_hash, hash_token(token)):
        return None
    moment = now()
    if key.last_used_at is None or is_stale(key.last_used_at, moment):
        key.last_used_at = moment
        session.add(key)
    return key.id


def is_stale(last_used_at: datetime, moment: datetime) -> bool:
    # SQLite hands back naive UTC times, PostgreSQL aware ones.
    if last_used_at.tzinfo is None:
        moment = moment.replace(tzinfo=None)
    return moment - last_used_at > LAST_USED_RESOLUTION


class RecentKeys:
    """Keys that checked out in the last few seconds, so most requests skip the database.

    A revoked key therefore keeps working for up to ``ttl_seconds`` in a process
    that has just seen it.
    """

    def __init__(self, ttl_seconds: float = 10.0, clock: Callable[[], float] = monotonic) -> None:
        self.ttl_seconds = ttl_seconds
        self.clock = clock
        self.verified: dict[str, tuple[int, float]] = {}

    def get(self, token: str) -> int | None:
        entry = self.verified.get(hash_token(token))
        if entry is None or entry[1] < self.clock():
            return None
        return entry[0]

    def put(self, token: str, key_id: int) -> None:
        if len(self.verified) > 10_000:  # only valid keys get here; a bound all the same
            self.verified.clear()
        self.verified[hash_token(token)] = (key_id, self.clock() + self.ttl_seconds)
