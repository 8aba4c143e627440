"""The audit log: append-only, one row per event (time, user, event, detail), in the state store.

Other areas call :func:`record` — the data page and the import CLI for imports, commits and
rollbacks, this package for logins, logouts and user changes. Nothing here updates or deletes a
row.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping

import pandas as pd
from sqlalchemy import Column, Float, Integer, String, Table, Text, select

from governance import state
from governance.contract import TABLES_BY_NAME
from governance.i18n import CATALOG, t

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
    "refused",
    "scenario_save",
    "scenario_delete",
    "meeting_record",
    "meeting_update",
    "meeting_delete",
    "event_add",
    "event_change",
    "event_delete",
    "duban_create",
    "duban_feedback",
    "duban_status",
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


# The detail's fields in words (audit.detail.<key>); a value of these kinds is named too.
DETAIL_KEYS = (
    "name",
    "role",
    "communities",
    "email",
    "password",
    "via",
    "failures",
    "wait_s",
    "version",
    "to",
    "file",
    "mode",
    "tables",
    "action",
    "reason",
    "scenario",
    "meeting",
    "date",
    "event",
    "category",
    "text",
    "item",
    "status",
    "evaluation",
)


def _value_words(key: str, value: object, lang: str, names: Mapping[str, str]) -> str:
    sep = ", " if lang == "en" else "、"
    if isinstance(value, list | tuple):
        if key == "communities" and not value:
            return t("auth.scope.town", lang)
        return sep.join(_value_words(key, v, lang, names) for v in value)
    text = "—" if value is None or value == "" else str(value)
    if key == "role" and f"auth.role.{text}" in CATALOG:
        return t(f"auth.role.{text}", lang)
    if key == "mode" and f"dm.mode.{text}" in CATALOG:
        return t(f"dm.mode.{text}", lang)
    if key == "password" and text == "changed":
        return t("audit.value.changed", lang)
    if key == "tables" and text in TABLES_BY_NAME:
        table = TABLES_BY_NAME[text]
        return table.label_en if lang == "en" else table.label_zh
    if key == "communities":
        return names.get(text, text)
    if key == "action" and f"audit.{text}" in CATALOG:
        return t(f"audit.{text}", lang)
    if key == "reason" and f"guard.reason.{text}" in CATALOG:
        return t(f"guard.reason.{text}", lang)
    if key in ("status", "evaluation") and f"duban.{key}.{text}" in CATALOG:
        return t(f"duban.{key}.{text}", lang)
    if key == "category" and f"event.cat.{text}" in CATALOG:
        return t(f"event.cat.{text}", lang)
    if key == "wait_s" and isinstance(value, int | float):
        return t("audit.value.seconds", lang, n=f"{value:,.0f}")
    return text


def detail_words(detail: str, lang: str = "zh", names: Mapping[str, str] | None = None) -> str:
    """A recorded detail as a reader wants it: "角色：管理员；可见社区：芦苑社区、滨海社区"
    rather than the JSON it is kept as (``names``: community id -> name); text that is not a
    JSON object is shown as it was recorded."""
    try:
        fields = json.loads(detail) if detail.startswith("{") else None
    except ValueError:
        fields = None
    if not isinstance(fields, dict):
        return detail
    order = sorted(fields, key=lambda k: (DETAIL_KEYS.index(k) if k in DETAIL_KEYS else 99, k))
    colon, sep = (": ", "; ") if lang == "en" else ("：", "；")
    parts = []
    for key in order:
        label = t(f"audit.detail.{key}", lang) if f"audit.detail.{key}" in CATALOG else key
        parts.append(f"{label}{colon}{_value_words(key, fields[key], lang, names or {})}")
    return sep.join(parts)


NOBODY = "-"  # the user of a record made without a login (the demo or the command line)


def user_text(user: str | None, lang: str) -> str:
    """A record's user as a page or a file names them: without a login, in words."""
    return t("users.audit.nobody", lang) if not user or user == NOBODY else user


def who(user: str | None) -> str:
    """A user as every record names them: :data:`NOBODY` without a login, at most 128
    characters (the columns' width)."""
    return (user or NOBODY)[:128]


def record(
    user: str | None, event: str, detail: object = "", clock: Callable[[], float] = time.time
) -> None:
    """Append one event by ``user`` (named as :func:`who` says); ``detail`` is text or
    anything JSON can write (a dict, a list)."""
    if not event or len(event) > 32:
        raise ValueError(f"audit event name {event!r} must be 1-32 characters")
    state.ensure_schema()
    with state.engine().begin() as conn:
        conn.execute(
            log.insert().values(
                at=clock(), user_name=who(user), event=event, detail=_detail_text(detail)
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
            "time": [state.stamp(r.at) for r in rows],
            "user": [r.user_name for r in rows],
            "event": [r.event for r in rows],
            "detail": [r.detail for r in rows],
        }
    )
