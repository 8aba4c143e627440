"""Login sessions that survive a page reload: a random token in a browser-session cookie.

The browser keeps only a random token (``secrets.token_urlsafe``); the state store keeps its
SHA-256 and the user name, so a stolen copy of the database opens nothing. No signing and no
hand-written cryptography: the token is worth something only while its row exists. Logout
deletes the row; a session idle for ``IDLE_S`` or older than ``MAX_AGE_S`` is refused.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable
from typing import Any, TypeGuard

from sqlalchemy import Column, Float, String, Table, delete, select, update

from governance import state

IDLE_S = 8 * 3600
MAX_AGE_S = 24 * 3600
# A live tab's session is checked on every run (alive()); its "last seen" is written at most
# this often, so a click costs one read, not a write that queues behind every other tab's.
TOUCH_S = 60
COOKIE = "governance_session"

sessions = Table(
    "auth_sessions",
    state.metadata,
    Column("token_sha256", String(64), primary_key=True),
    Column("user_name", String(128), nullable=False, index=True),
    Column("created", Float, nullable=False),
    Column("last_seen", Float, nullable=False),
)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start(user_name: str, clock: Callable[[], float] = time.time) -> str:
    """A new session for ``user_name``; returns the token for the cookie."""
    state.ensure_schema()
    token = secrets.token_urlsafe(32)
    now = clock()
    with state.engine().begin() as conn:
        conn.execute(delete(sessions).where(sessions.c.last_seen < now - IDLE_S))
        conn.execute(
            sessions.insert().values(
                token_sha256=_digest(token), user_name=user_name, created=now, last_seen=now
            )
        )
    return token


def _well_formed(token: str | None) -> TypeGuard[str]:
    return isinstance(token, str) and bool(token) and len(token) <= 128


def _expired(row: Any, now: float) -> bool:
    """Idle for ``IDLE_S`` or older than ``MAX_AGE_S``."""
    return row.last_seen < now - IDLE_S or row.created < now - MAX_AGE_S


def resume(token: str | None, clock: Callable[[], float] = time.time) -> str | None:
    """The user name of a live session with ``token`` (and mark it seen), else None."""
    if not _well_formed(token):
        return None
    state.ensure_schema()
    now = clock()
    digest = _digest(token)
    with state.engine().begin() as conn:
        row = conn.execute(select(sessions).where(sessions.c.token_sha256 == digest)).first()
        if row is None:
            return None
        if _expired(row, now):
            conn.execute(delete(sessions).where(sessions.c.token_sha256 == digest))
            return None
        conn.execute(
            update(sessions).where(sessions.c.token_sha256 == digest).values(last_seen=now)
        )
        return row.user_name


def alive(token: str | None, clock: Callable[[], float] = time.time) -> str | None:
    """The user name of the live session ``token``, checked on every run of a logged-in tab:
    None once it was ended (logout in another tab, a password change, a disable — on any
    replica, since the row is in the shared store) or ran past the idle or absolute limit.
    A read; "last seen" is written only when older than :data:`TOUCH_S`."""
    if not _well_formed(token):
        return None
    state.ensure_schema()
    now = clock()
    digest = _digest(token)
    with state.reading() as conn:
        row = conn.execute(select(sessions).where(sessions.c.token_sha256 == digest)).first()
    if row is None or _expired(row, now):
        return None
    if row.last_seen < now - TOUCH_S:
        with state.engine().begin() as conn:
            conn.execute(
                update(sessions).where(sessions.c.token_sha256 == digest).values(last_seen=now)
            )
    return row.user_name


def end(token: str | None) -> None:
    if not token:
        return
    state.ensure_schema()
    with state.engine().begin() as conn:
        conn.execute(delete(sessions).where(sessions.c.token_sha256 == _digest(token)))


def end_all(user_name: str) -> None:
    """Log ``user_name`` out everywhere (when disabled or its password changes)."""
    state.ensure_schema()
    with state.engine().begin() as conn:
        conn.execute(delete(sessions).where(sessions.c.user_name == user_name))
