"""The audit log: append-only, one row per event (time, user, event, detail), in the state store.

Other areas call :func:`record` — the data page and the import CLI for imports, commits and
rollbacks, this package for logins, logouts and user changes. Nothing here updates or deletes a
row.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Column, Float, Integer, String, Table, Text, select

from governance import state

EVENTS: tuple[str, ...] = (
    "login",
    "login_failed",
    "login_locked",
    "logout",
    "import",
    "commit",
    "rollback",
    "user_add",
    "user_change",
    "user_disable",
    "user_enable",
)

log = Table(
    "auth_audit",
    state.metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", Float, nullable=False, index=True),
    Column("user_name", String(128), nullable=False),
    Column("event", String(32), nullable=False),
    Column("detail", Text, nullable=False, default=""),
)


def _detail_text(detail: object) -> str:
    if detail is None:
        return ""
    if isinstance(detail, str):
        return detail
    return json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str)


def record(
    user: str | None, event: str, detail: object = "", clock: Callable[[], float] = time.time
) -> None:
    """Append one event. ``user`` None or empty is recorded as ``-`` (no login: the demo or
    the command line); ``detail`` is text or anything JSON can write (a dict, a list)."""
    if not event or len(event) > 32:
        raise ValueError(f"audit event name {event!r} must be 1-32 characters")
    state.ensure_schema()
    with state.engine().begin() as conn:
        conn.execute(
            log.insert().values(
                at=clock(), user_name=(user or "-")[:128], event=event, detail=_detail_text(detail)
            )
        )


def read(limit: int = 500, user: str | None = None, event: str | None = None) -> pd.DataFrame:
    """The newest ``limit`` events (newest first): columns time (UTC), user, event, detail."""
    state.ensure_schema()
    query = select(log.c.at, log.c.user_name, log.c.event, log.c.detail)
    if user:
        query = query.where(log.c.user_name == user)
    if event:
        query = query.where(log.c.event == event)
    query = query.order_by(log.c.id.desc()).limit(limit)
    with state.engine().begin() as conn:
        rows = conn.execute(query).all()
    return pd.DataFrame(
        {
            "time": [datetime.fromtimestamp(r.at, UTC).strftime("%Y-%m-%d %H:%M:%S") for r in rows],
            "user": [r.user_name for r in rows],
            "event": [r.event for r in rows],
            "detail": [r.detail for r in rows],
        }
    )
