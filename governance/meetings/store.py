"""Joint meetings (社区管理联席会议) in the shared state store, each with what it saw.

One row per meeting in ``meeting_records``: the date, a title (None: the catalog's default),
the filters shown, the recording user's community scope (None: the town), who recorded it and
when, free-text notes, and the snapshot (governance/meetings/snapshot.py) as JSON — stored,
never recomputed, so a later revision of the data does not change what the meeting saw.

The role check is the caller's (the UI runs ``ui.auth.authorize_write`` first; the command
line is the machine's operator); the scope check is here: a meeting covering communities
outside the actor's scope is neither recorded nor changed (:class:`MeetingError`). Every
write is on the audit log.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Column, Date, Float, Integer, String, Table, Text, select

from governance import state
from governance.auth import audit
from governance.auth.scope import Scope
from governance.errors import CatalogError
from governance.filters import DEFAULT_BASIS, Filters
from governance.i18n import t

MAX_NOTES = 2000
MAX_TITLE = 200

records = Table(
    "meeting_records",
    state.metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("meeting_date", Date, nullable=False, index=True),
    Column("title", String(MAX_TITLE), nullable=True),
    Column("filters", Text, nullable=False),
    Column("scope", Text, nullable=True),  # JSON list of community ids; NULL: the town
    Column("recorded_by", String(128), nullable=False),
    Column("recorded_at", Float, nullable=False),
    Column("notes", Text, nullable=False, default=""),
    Column("snapshot", Text, nullable=False),
)


class MeetingError(CatalogError):
    """A meeting write refused or a meeting not found (see :class:`CatalogError`)."""


@dataclass(frozen=True)
class Meeting:
    id: int
    date: date
    title: str | None  # None: the default title (title_text gives it in either language)
    filters: Filters  # what the meeting was shown: period, communities, basis
    scope: Scope  # the recording user's scope (None: the town)
    recorded_by: str
    recorded_at: str  # UTC, "2011-09-26 10:00:00"
    notes: str
    snapshot: dict[str, Any] = field(repr=False)

    def title_text(self, lang: str = "zh") -> str:
        return self.title or t("meet.title.default", lang)

    @property
    def quarter(self) -> date:
        """The quarter whose numbers the meeting saw (the last of its period)."""
        return date.fromisoformat(self.snapshot["period_to"])


def date_text(day: date, lang: str = "zh") -> str:
    """A meeting's date as a sentence says it: 2011年9月26日 / 2011-09-26."""
    return t("meet.date", lang, y=day.year, m=day.month, d=day.day)


def within(inner: Scope, outer: Scope) -> bool:
    """Whether the communities of ``inner`` (None: the town) all lie in ``outer``."""
    if outer is None:
        return True
    return inner is not None and set(inner) <= set(outer)


def _filters_json(f: Filters) -> str:
    return json.dumps(
        {
            "period_from": f.period_from.isoformat(),
            "period_to": f.period_to.isoformat(),
            "communities": list(f.communities),
            "basis": f.basis,
        },
        ensure_ascii=False,
    )


def _filters(text: str) -> Filters:
    data = json.loads(text)
    return Filters(
        date.fromisoformat(data["period_from"]),
        date.fromisoformat(data["period_to"]),
        tuple(data.get("communities") or ()),
        data.get("basis") or DEFAULT_BASIS,
    )


def _meeting(row: Any) -> Meeting:
    scope = None if row.scope is None else tuple(json.loads(row.scope))
    return Meeting(
        id=int(row.id),
        date=row.meeting_date,
        title=row.title,
        filters=_filters(row.filters),
        scope=scope,
        recorded_by=row.recorded_by,
        recorded_at=state.stamp(row.recorded_at),
        notes=row.notes or "",
        snapshot=json.loads(row.snapshot),
    )


def _clean_notes(notes: str | None) -> str:
    text = (notes or "").strip()
    if len(text) > MAX_NOTES:
        raise MeetingError("meet.err.notes_long", max=MAX_NOTES, n=len(text))
    return text


def _covered(f: Filters, snapshot: dict[str, Any]) -> list[str]:
    return sorted({*f.communities, *(snapshot.get("communities") or ())})


def record(
    actor: str | None,
    scope: Scope,
    day: date,
    title: str | None,
    filters: Filters,
    notes: str | None,
    snapshot: dict[str, Any],
) -> Meeting:
    """Record a meeting held on ``day`` that was shown ``filters`` and saw ``snapshot``
    (:func:`governance.meetings.snapshot.take`), as ``actor`` whose scope is ``scope``.

    MeetingError when the filters or the snapshot cover a community outside ``scope``, or
    the notes or the title are too long."""
    covered = _covered(filters, snapshot)
    if not within(tuple(covered), scope):
        raise MeetingError("meet.err.scope")
    title = (title or "").strip() or None
    if title is not None and len(title) > MAX_TITLE:
        raise MeetingError("meet.err.title_long", max=MAX_TITLE, n=len(title))
    text = _clean_notes(notes)
    state.ensure_schema()
    with state.engine().begin() as conn:
        new_id = conn.execute(
            records.insert().values(
                meeting_date=day,
                title=title,
                filters=_filters_json(filters),
                scope=None if scope is None else json.dumps(list(scope)),
                recorded_by=audit.who(actor),
                recorded_at=time.time(),
                notes=text,
                snapshot=json.dumps(snapshot, ensure_ascii=False, sort_keys=True),
            )
        ).inserted_primary_key[0]
    audit.record(
        actor,
        "meeting_record",
        {"meeting": int(new_id), "date": day.isoformat(), "communities": covered},
    )
    found = get(int(new_id), scope)
    assert found is not None
    return found


def list_for(scope: Scope) -> list[Meeting]:
    """The meetings ``scope`` may see, latest meeting first: a town user (None) every one, a
    scoped user those recorded under a scope within theirs."""
    state.ensure_schema()
    query = select(records).order_by(records.c.meeting_date.desc(), records.c.id.desc())
    with state.reading() as conn:
        rows = conn.execute(query).all()
    meetings = [_meeting(r) for r in rows]
    return [m for m in meetings if within(m.scope, scope)]


def latest(scope: Scope, before: date | None = None) -> Meeting | None:
    """The last meeting ``scope`` may see (held before ``before`` when given): the one the
    next meeting opens with ("上次会议以来")."""
    for m in list_for(scope):
        if before is None or m.date < before:
            return m
    return None


def get(meeting_id: int, scope: Scope) -> Meeting | None:
    """One meeting, or None when there is no such meeting or ``scope`` may not see it."""
    state.ensure_schema()
    with state.reading() as conn:
        row = conn.execute(select(records).where(records.c.id == int(meeting_id))).first()
    if row is None:
        return None
    meeting = _meeting(row)
    return meeting if within(meeting.scope, scope) else None


def _existing(conn: Any, meeting_id: int, scope: Scope) -> Meeting:
    row = conn.execute(
        select(records).where(records.c.id == int(meeting_id)).with_for_update()
    ).first()
    if row is None:
        raise MeetingError("meet.err.not_found", id=meeting_id)
    meeting = _meeting(row)
    if not within(meeting.scope, scope):
        raise MeetingError("meet.err.scope")
    return meeting


def update_notes(actor: str | None, scope: Scope, meeting_id: int, notes: str | None) -> Meeting:
    """Replace a meeting's notes (attendees, decisions); MeetingError when it does not exist
    or lies outside ``scope``, or the notes are too long."""
    text = _clean_notes(notes)
    state.ensure_schema()
    with state.engine().begin() as conn:
        meeting = _existing(conn, meeting_id, scope)
        conn.execute(records.update().where(records.c.id == meeting.id).values(notes=text))
    audit.record(actor, "meeting_update", {"meeting": meeting.id, "date": meeting.date.isoformat()})
    found = get(meeting.id, scope)
    assert found is not None
    return found


def delete(actor: str | None, scope: Scope, meeting_id: int) -> None:
    """Delete a meeting; MeetingError when it does not exist or lies outside ``scope``."""
    state.ensure_schema()
    with state.engine().begin() as conn:
        meeting = _existing(conn, meeting_id, scope)
        conn.execute(records.delete().where(records.c.id == meeting.id))
    audit.record(actor, "meeting_delete", {"meeting": meeting.id, "date": meeting.date.isoformat()})
