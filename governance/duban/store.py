"""督办 items in the shared state store: what, who, by when, decided where, and every step.

``duban_items`` holds one row per item (its subject, the responsible unit, the deadline, the
meeting it was decided at, its status and, once closed, the evaluation and who closed it);
``duban_steps`` one row per step on it — created, a feedback entry, a change of status — so
two people writing on one item at once each keep their entry (a step is an insert; a status
change locks the item's row first).

The role check is the caller's (the UI runs ``ui.auth.authorize_write`` first; the command
line is the machine's operator); the scope check is here: an item is about one community
(its indicator's, its case's, or the one named) or, without one, the whole town's, and a
scoped user neither sees nor writes an item outside their communities. Every write is on
the audit log.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Column, Date, Float, ForeignKey, Integer, String, Table, Text, select

from governance import state
from governance.auth import audit
from governance.auth.scope import Scope
from governance.duban import rules
from governance.errors import CatalogError
from governance.i18n import t
from governance.importer import invisible
from governance.meetings import store as meetings

MAX_TITLE = 200
MAX_TEXT = 2000
MAX_NAME = 100

items = Table(
    "duban_items",
    state.metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("title", String(MAX_TITLE), nullable=False),
    Column("subject", String(16), nullable=False),  # indicator | case | text
    Column("community_id", String(64), nullable=True, index=True),  # NULL: the town's
    Column("indicator_id", String(64), nullable=True),
    Column("case_source", String(16), nullable=True),  # issue | case
    Column("case_id", String(64), nullable=True),
    Column("unit_kind", String(16), nullable=False),  # committee | company | body | text
    Column("unit", String(MAX_NAME), nullable=False),  # community id, company, body, words
    Column("person", String(MAX_NAME), nullable=True),
    Column("deadline", Date, nullable=False),
    Column("meeting_id", Integer, nullable=True),
    Column("status", String(16), nullable=False),
    Column("reason", Text, nullable=True),  # why it was last returned (退回)
    Column("evaluation", String(16), nullable=True),
    Column("closed_by", String(128), nullable=True),
    Column("closed_on", Date, nullable=True),
    Column("created_by", String(128), nullable=False),
    Column("created_on", Date, nullable=False),
    Column("created_at", Float, nullable=False),
)

steps = Table(
    "duban_steps",
    state.metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("item_id", Integer, ForeignKey("duban_items.id"), nullable=False, index=True),
    Column("day", Date, nullable=False),
    Column("kind", String(16), nullable=False),  # created | feedback | status
    Column("status", String(16), nullable=True),  # the status it moved to (kind status)
    Column("text", Text, nullable=False, default=""),
    Column("by", String(128), nullable=False),
    Column("at", Float, nullable=False),
)


class DubanError(CatalogError):
    """A 督办 write refused or an item not found (see :class:`CatalogError`)."""


@dataclass(frozen=True)
class Step:
    day: date
    kind: str  # created | feedback | status
    status: str | None
    text: str
    by: str
    at: str  # UTC, "2011-09-26 10:00:00"


@dataclass(frozen=True)
class Item:
    id: int
    title: str
    subject: str  # indicator | case | text
    community_id: str | None  # None: the town's
    indicator_id: str | None
    case_source: str | None
    case_id: str | None
    unit_kind: str
    unit: str
    person: str | None
    deadline: date
    meeting_id: int | None
    status: str
    reason: str | None
    evaluation: str | None
    closed_by: str | None
    closed_on: date | None
    created_by: str
    created_on: date
    steps: tuple[Step, ...]

    @property
    def open(self) -> bool:
        return rules.is_open(self.status)

    def days_overdue(self, day: date) -> int:
        return rules.days_overdue(self.deadline, self.status, day)

    def overdue(self, day: date) -> bool:
        return rules.is_overdue(self.deadline, self.status, day)

    @property
    def feedback(self) -> tuple[Step, ...]:
        return tuple(s for s in self.steps if s.kind == "feedback")

    @property
    def latest_feedback(self) -> Step | None:
        return self.feedback[-1] if self.feedback else None


def visible_to(community_id: str | None, scope: Scope) -> bool:
    """A town user (scope None) sees every item; a scoped user those of their communities
    (an item without a community is the town's, outside every community scope)."""
    return scope is None or (community_id is not None and community_id in scope)


def _clean(text: str | None, limit: int, key: str, name: bool = False) -> str:
    """``text`` stripped; DubanError when too long or holding characters that reorder it
    (a name: any character that draws nothing), which would make it read as something else
    on the page, the slide and the 台账."""
    out = (text or "").strip()
    if len(out) > limit:
        raise DubanError(key, max=limit, n=len(out))
    bad = invisible.in_name(out) if name else invisible.in_free_text(out)
    if bad:
        raise DubanError("duban.err.hidden", chars="、".join(invisible.code_point(c) for c in bad))
    return out


def _item(row: Any, step_rows: list[Any]) -> Item:
    return Item(
        id=int(row.id),
        title=row.title,
        subject=row.subject,
        community_id=row.community_id,
        indicator_id=row.indicator_id,
        case_source=row.case_source,
        case_id=row.case_id,
        unit_kind=row.unit_kind,
        unit=row.unit,
        person=row.person,
        deadline=row.deadline,
        meeting_id=row.meeting_id,
        status=row.status,
        reason=row.reason,
        evaluation=row.evaluation,
        closed_by=row.closed_by,
        closed_on=row.closed_on,
        created_by=row.created_by,
        created_on=row.created_on,
        steps=tuple(
            Step(s.day, s.kind, s.status, s.text or "", s.by, state.stamp(s.at)) for s in step_rows
        ),
    )


def _subject(
    subject: str,
    community: str | None,
    indicator: str | None,
    case: tuple[str, str] | None,
) -> tuple[str | None, str | None, str | None]:
    """The subject's fields checked: (indicator, case source, case id)."""
    if subject not in rules.SUBJECT_KINDS:
        raise DubanError("duban.err.subject", value=subject)
    if subject == "indicator":
        if indicator not in rules.SCORED:
            raise DubanError("duban.err.indicator", value=indicator or "—")
        if not community:
            raise DubanError("duban.err.indicator_community")
        return indicator, None, None
    if subject == "case":
        source, case_id = case or ("", "")
        case_id = (case_id or "").strip()
        if source not in rules.CASE_SOURCES or not case_id or len(case_id) > 64:
            raise DubanError("duban.err.case")
        return None, source, case_id
    return None, None, None


def _unit(kind: str, unit: str | None) -> str:
    if kind not in rules.UNIT_KINDS:
        raise DubanError("duban.err.unit_kind", value=kind)
    value = _clean(unit, MAX_NAME, "duban.err.unit_long", name=True)
    if not value:
        raise DubanError("duban.err.unit_missing")
    if kind == "body" and value not in rules.BODIES:
        raise DubanError("duban.err.body", value=value)
    return value


def create(
    actor: str | None,
    scope: Scope,
    *,
    title: str,
    deadline: date,
    unit_kind: str,
    unit: str,
    day: date,
    subject: str = "text",
    community: str | None = None,
    indicator: str | None = None,
    case: tuple[str, str] | None = None,
    person: str | None = None,
    meeting: int | None = None,
    note: str | None = None,
) -> Item:
    """A new item, 已交办, created on ``day`` (the day overdue days count to: see
    :func:`rules.today`) by ``actor`` whose scope is ``scope``.

    DubanError for an empty or too long title, a deadline before ``day``, an unknown
    subject, unit, indicator or meeting, an indicator without its community, or a community
    outside ``scope`` (a scoped user's item must name one of their communities)."""
    title = _clean(title, MAX_TITLE, "duban.err.title_long")
    if not title:
        raise DubanError("duban.err.title_missing")
    if not isinstance(deadline, date):
        raise DubanError("duban.err.deadline")
    if deadline < day:
        raise DubanError("duban.err.deadline_past", day=day.isoformat())
    community = (community or "").strip() or None
    indicator, source, case_id = _subject(subject, community, indicator, case)
    unit = _unit(unit_kind, unit)
    person = _clean(person, MAX_NAME, "duban.err.person_long", name=True) or None
    text = _clean(note, MAX_TEXT, "duban.err.text_long")
    if not visible_to(community, scope):
        raise DubanError("duban.err.scope")
    if meeting is not None and meetings.get(int(meeting), scope) is None:
        raise DubanError("meet.err.not_found", id=meeting)  # as the meetings store says it
    who = audit.who(actor)
    now = time.time()
    state.ensure_schema()
    with state.engine().begin() as conn:
        new_id = conn.execute(
            items.insert().values(
                title=title,
                subject=subject,
                community_id=community,
                indicator_id=indicator,
                case_source=source,
                case_id=case_id,
                unit_kind=unit_kind,
                unit=unit,
                person=person,
                deadline=deadline,
                meeting_id=None if meeting is None else int(meeting),
                status=rules.ASSIGNED,
                created_by=who,
                created_on=day,
                created_at=now,
            )
        ).inserted_primary_key[0]
        _add_step(conn, int(new_id), day, "created", rules.ASSIGNED, text, who, now)
    audit.record(
        actor,
        "duban_create",
        {
            "item": int(new_id),
            "text": title,
            "communities": [community] if community else [],
            "date": deadline.isoformat(),
        },
    )
    return _must(int(new_id), scope)


def _add_step(
    conn: Any,
    item_id: int,
    day: date,
    kind: str,
    status: str | None,
    text: str,
    by: str,
    at: float | None = None,
) -> None:
    """One line of an item's history (see :data:`steps`), at ``at`` (default: now)."""
    at = time.time() if at is None else at
    conn.execute(
        steps.insert().values(
            item_id=item_id, day=day, kind=kind, status=status, text=text, by=by, at=at
        )
    )


def _locked(conn: Any, item_id: int, scope: Scope) -> Any:
    row = conn.execute(select(items).where(items.c.id == int(item_id)).with_for_update()).first()
    if row is None or not visible_to(row.community_id, scope):
        # Out of scope reads as missing: a scoped user learns nothing of others' items.
        raise DubanError("duban.err.not_found", id=item_id)
    return row


def add_feedback(actor: str | None, scope: Scope, item_id: int, text: str, day: date) -> Item:
    """A feedback entry (what the unit reports, what was checked) on an item, open or not;
    DubanError when the text is empty or too long or the item is not visible."""
    body = _clean(text, MAX_TEXT, "duban.err.text_long")
    if not body:
        raise DubanError("duban.err.feedback_missing")
    state.ensure_schema()
    with state.engine().begin() as conn:
        row = _locked(conn, item_id, scope)
        _add_step(conn, row.id, day, "feedback", None, body, audit.who(actor))
    audit.record(actor, "duban_feedback", {"item": int(row.id), "text": body[:200]})
    return _must(int(row.id), scope)


def change_status(
    actor: str | None,
    scope: Scope,
    item_id: int,
    status: str,
    day: date,
    *,
    note: str | None = None,
    reason: str | None = None,
    evaluation: str | None = None,
) -> Item:
    """Move an item to ``status`` on ``day``. 退回 needs a reason, 办结 an evaluation (满意 /
    基本满意 / 不满意); a closed item does not move. ``note`` is kept as the step's text
    (the reason for a 退回). DubanError names what is wrong."""
    if status not in rules.STATUSES:
        raise DubanError("duban.err.status", value=status)
    words = _clean(note, MAX_TEXT, "duban.err.text_long")
    why = _clean(reason, MAX_TEXT, "duban.err.text_long")
    if status == rules.RETURNED and not why:
        raise DubanError("duban.err.reason_missing")
    if status == rules.CLOSED and evaluation not in rules.EVALUATIONS:
        raise DubanError("duban.err.evaluation_missing")
    who = audit.who(actor)
    state.ensure_schema()
    with state.engine().begin() as conn:
        row = _locked(conn, item_id, scope)
        if not rules.may_move(row.status, status):
            raise DubanError(
                "duban.err.move",
                old=t(f"duban.status.{row.status}"),
                new=t(f"duban.status.{status}"),
            )
        values: dict[str, Any] = {"status": status}
        if status == rules.RETURNED:
            values["reason"] = why
        if status == rules.CLOSED:
            values.update(evaluation=evaluation, closed_by=who, closed_on=day)
        conn.execute(items.update().where(items.c.id == row.id).values(**values))
        text = why if status == rules.RETURNED else words
        _add_step(conn, row.id, day, "status", status, text, who)
    detail: dict[str, Any] = {"item": int(row.id), "status": status}
    if status == rules.RETURNED:
        detail["reason"] = why[:200]
    if status == rules.CLOSED:
        detail["evaluation"] = evaluation
    audit.record(actor, "duban_status", detail)
    return _must(int(row.id), scope)


def _rows(where: Any = None) -> list[Item]:
    state.ensure_schema()
    query = select(items).order_by(items.c.deadline, items.c.id)
    step_query = select(steps).order_by(steps.c.item_id, steps.c.at, steps.c.id)
    if where is not None:
        query = query.where(where)
        step_query = step_query.where(steps.c.item_id.in_(select(items.c.id).where(where)))
    with state.reading() as conn:
        rows = conn.execute(query).all()
        all_steps = conn.execute(step_query).all()
    by_item: dict[int, list[Any]] = {}
    for s in all_steps:
        by_item.setdefault(int(s.item_id), []).append(s)
    return [_item(r, by_item.get(int(r.id), [])) for r in rows]


def list_for(scope: Scope) -> list[Item]:
    """The items ``scope`` may see, earliest deadline first."""
    if scope is not None and not scope:
        return []
    where = None if scope is None else items.c.community_id.in_(list(scope))
    return _rows(where)


def get(item_id: int, scope: Scope) -> Item | None:
    """One item, or None when there is none or ``scope`` may not see it."""
    found = _rows(items.c.id == int(item_id))
    if not found or not visible_to(found[0].community_id, scope):
        return None
    return found[0]


def _must(item_id: int, scope: Scope) -> Item:
    found = get(item_id, scope)
    if found is None:  # written just now under the same scope check
        raise DubanError("duban.err.not_found", id=item_id)
    return found
