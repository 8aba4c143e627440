"""事件标注: dated notes (a typhoon, a new property company, a change of definition) that travel
to every matching trend chart, the briefing's slides and a sheet.

An event has a date or a date range, a scope (the whole town: no communities; or some
communities), optionally a platform or an indicator (registry ids), a category
(:data:`CATEGORIES`), a short text (at most :data:`MAX_TEXT` characters, shown as plain text
everywhere) and its author and time. They live in the shared state store (table
``event_notes``); every write is on the audit log (``event_add`` / ``event_change`` /
``event_delete``) and checks the writer's scope itself too (the UI checks who asks first,
through ``auth.authorize_write``):

- a community-scoped user sees the town-wide events and those touching one of their
  communities (:func:`visible`), and writes only events all of whose communities are theirs
  (:func:`may_write`; a town-wide event is the town's);
- a trend chart shows the events that match its indicators or platform and its communities
  (:func:`matches`), each on the quarter its dates fall in;
- :func:`between` is what a meeting's digest asks ("口径调整 since the last meeting").

Plain Python, no Streamlit.
"""

from __future__ import annotations

import functools
import re
import time
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import Column, Date, Float, Integer, String, Table, Text, select

from governance import periods, state
from governance.auth import audit
from governance.auth.scope import Scope
from governance.i18n import t
from governance.importer.invisible import code_point, format_characters
from governance.indicators import PLATFORMS, REGISTRY

CATEGORIES: tuple[str, ...] = ("weather", "personnel", "definition", "campaign", "other")
MAX_TEXT = 100


def event_platforms() -> tuple[str, ...]:
    """The platforms an event may name: the registry's platforms, read at each call (a
    platform registered after import is one), and the outcomes (三降四升)."""
    return (*PLATFORMS, "outcomes")


notes = Table(
    "event_notes",
    state.metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("start_date", Date, nullable=False, index=True),
    Column("end_date", Date, nullable=True),
    Column("communities", Text, nullable=False, default=""),  # "C01,C02"; "" the whole town
    Column("platform", String(32), nullable=True),
    Column("indicator", String(64), nullable=True),
    Column("category", String(32), nullable=False),
    Column("text", Text, nullable=False),
    Column("author", String(128), nullable=False),
    Column("created_at", Float, nullable=False),
    Column("changed_by", String(128), nullable=True),
    Column("changed_at", Float, nullable=True),
)


@dataclass(frozen=True)
class Draft:
    """What someone enters for an event (a form, a sheet row), before it is checked."""

    start: date | None
    end: date | None = None
    communities: tuple[str, ...] = ()  # empty: the whole town
    platform: str | None = None
    indicator: str | None = None
    category: str = "other"
    text: str = ""


@dataclass(frozen=True)
class Event:
    id: int
    start: date
    end: date | None
    communities: tuple[str, ...]
    platform: str | None
    indicator: str | None
    category: str
    text: str
    author: str
    created_at: float
    changed_by: str | None = None
    changed_at: float | None = None

    @property
    def town_wide(self) -> bool:
        return not self.communities

    @property
    def last(self) -> date:
        """The last day the event covers."""
        return self.end or self.start

    @property
    def on_platform(self) -> str | None:
        """The platform it belongs to: its own, or its indicator's."""
        if self.platform:
            return self.platform
        if self.indicator and self.indicator in REGISTRY:
            return REGISTRY[self.indicator].platform
        return None

    def draft(self) -> Draft:
        return Draft(
            self.start,
            self.end,
            self.communities,
            self.platform,
            self.indicator,
            self.category,
            self.text,
        )


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a draft: the field (see :data:`FIELDS`), a catalog key, values."""

    column: str
    key: str
    values: tuple[tuple[str, str], ...] = field(default=())

    def text(self, lang: str = "zh") -> str:
        return t(self.key, lang, **dict(self.values))


FIELDS = ("start", "end", "communities", "platform", "indicator", "category", "text")


class EventError(ValueError):
    """A write that cannot be made: its problems (bad fields), or ``reason`` (``missing``: no
    such event; ``scope``: outside the writer's communities)."""

    def __init__(self, problems: Sequence[Problem] = (), reason: str = "invalid") -> None:
        super().__init__(reason)
        self.problems = tuple(problems)
        self.reason = reason

    def text(self, lang: str = "zh") -> str:
        if self.problems:
            sep = "; " if lang == "en" else "；"
            return sep.join(p.text(lang) for p in self.problems)
        return t(f"event.error.{self.reason}", lang)


# ---- checking a draft ----------------------------------------------------------------------
@functools.cache
def _hidden() -> re.Pattern[str]:
    """Characters a short note refuses: every format character (zero-width, bidi controls)."""
    return re.compile("[" + re.escape(format_characters()) + "]")


def hidden_characters(text: str) -> list[str]:
    """The format and control characters in ``text`` (each once, in order)."""
    found = _hidden().findall(text)
    found += [ch for ch in text if unicodedata.category(ch) == "Cc"]
    return list(dict.fromkeys(found))


def clean_text(text: object) -> str:
    return "" if text is None else str(text).strip()


def check(draft: Draft, known: Collection[str]) -> list[Problem]:
    """Everything wrong with ``draft`` (empty: it may be written). ``known``: the community
    ids of the data."""
    out: list[Problem] = []
    if draft.start is None:
        out.append(Problem("start", "event.bad.start"))
    if draft.end is not None and draft.start is not None and draft.end < draft.start:
        out.append(Problem("end", "event.bad.end_before"))
    unknown = [c for c in draft.communities if c not in known]
    if unknown:
        out.append(Problem("communities", "event.bad.community", (("ids", "、".join(unknown)),)))
    if draft.platform is not None and draft.platform not in event_platforms():
        out.append(Problem("platform", "event.bad.platform", (("value", draft.platform),)))
    if draft.indicator is not None and draft.indicator not in REGISTRY:
        out.append(Problem("indicator", "event.bad.indicator", (("value", draft.indicator),)))
    if draft.category not in CATEGORIES:
        out.append(Problem("category", "event.bad.category", (("value", draft.category),)))
    text = draft.text
    if not text:
        out.append(Problem("text", "event.bad.text_empty"))
    elif len(text) > MAX_TEXT:
        out.append(
            Problem("text", "event.bad.text_long", (("n", str(len(text))), ("most", str(MAX_TEXT))))
        )
    chars = hidden_characters(text)
    if chars:
        named = "、".join(code_point(ch, "zh") for ch in chars)
        out.append(Problem("text", "event.bad.text_hidden", (("chars", named),)))
    return out


def normalised(draft: Draft) -> Draft:
    """The draft as stored: text stripped, communities once each and sorted, an end on the
    start day dropped, empty platform / indicator as None."""
    end = draft.end if draft.end is not None and draft.end != draft.start else None
    return replace(
        draft,
        end=end,
        communities=tuple(sorted(set(draft.communities))),
        platform=draft.platform or None,
        indicator=draft.indicator or None,
        text=clean_text(draft.text),
    )


# ---- who sees and who writes ---------------------------------------------------------------
def sees(event: Event, scope: Scope) -> bool:
    """Whether a user with ``scope`` sees ``event``: town-wide ones and those touching one of
    their communities."""
    return scope is None or event.town_wide or bool(set(event.communities) & set(scope))


def may_write(communities: Iterable[str], scope: Scope) -> bool:
    """Whether a user with ``scope`` may write an event on ``communities`` (empty: the town)."""
    ids = tuple(communities)
    return scope is None or (bool(ids) and all(c in scope for c in ids))


# ---- the store ------------------------------------------------------------------------------
def _row_event(r) -> Event:
    return Event(
        id=r.id,
        start=r.start_date,
        end=r.end_date,
        communities=tuple(c for c in (r.communities or "").split(",") if c),
        platform=r.platform,
        indicator=r.indicator,
        category=r.category,
        text=r.text,
        author=r.author,
        created_at=r.created_at,
        changed_by=r.changed_by,
        changed_at=r.changed_at,
    )


def _values(d: Draft) -> dict:
    return {
        "start_date": d.start,
        "end_date": d.end,
        "communities": ",".join(d.communities),
        "platform": d.platform,
        "indicator": d.indicator,
        "category": d.category,
        "text": d.text,
    }


def _detail(event_id: int, d: Draft) -> dict:
    return {
        "event": event_id,
        "communities": list(d.communities),
        "category": d.category,
        "text": d.text,
    }


def all_events() -> list[Event]:
    """Every event, by date then id."""
    state.ensure_schema()
    query = select(notes).order_by(notes.c.start_date, notes.c.id)
    with state.reading() as conn:
        return [_row_event(r) for r in conn.execute(query)]


def get(event_id: int) -> Event | None:
    state.ensure_schema()
    with state.reading() as conn:
        row = conn.execute(select(notes).where(notes.c.id == event_id)).first()
    return _row_event(row) if row else None


def visible(scope: Scope) -> list[Event]:
    """The events a user with ``scope`` sees, by date."""
    return [e for e in all_events() if sees(e, scope)]


def add_event(
    draft: Draft, who: str | None, known: Collection[str], scope: Scope, clock=time.time
) -> Event:
    """Store a new event (checked; within ``scope``, which every caller names: the whole town
    is ``db.WHOLE_TOWN``, never a forgotten argument) and record it on the audit log."""
    d = normalised(draft)
    problems = check(d, known)
    if problems:
        raise EventError(problems)
    if not may_write(d.communities, scope):
        raise EventError(reason="scope")
    state.ensure_schema()
    author = audit.who(who)
    now = clock()
    with state.engine().begin() as conn:
        new_id = conn.execute(
            notes.insert().values(**_values(d), author=author, created_at=now)
        ).inserted_primary_key[0]
    audit.record(who, "event_add", _detail(new_id, d))
    return Event(
        new_id,
        d.start,
        d.end,
        d.communities,
        d.platform,
        d.indicator,
        d.category,
        d.text,
        author,
        now,
    )


def _locked(conn, event_id: int) -> Event:
    """The event ``event_id``, its row held for the rest of the transaction (a change or a
    delete); EventError when there is none."""
    row = conn.execute(select(notes).where(notes.c.id == event_id).with_for_update()).first()
    if row is None:
        raise EventError(reason="missing")
    return _row_event(row)


def change_event(
    event_id: int,
    draft: Draft,
    who: str | None,
    known: Collection[str],
    scope: Scope,
    clock=time.time,
) -> Event:
    """Change an event (both its old and its new communities must be within ``scope``)."""
    d = normalised(draft)
    problems = check(d, known)
    if problems:
        raise EventError(problems)
    state.ensure_schema()
    with state.engine().begin() as conn:
        old = _locked(conn, event_id)
        if not (may_write(old.communities, scope) and may_write(d.communities, scope)):
            raise EventError(reason="scope")
        now = clock()
        conn.execute(
            notes.update()
            .where(notes.c.id == event_id)
            .values(**_values(d), changed_by=audit.who(who), changed_at=now)
        )
    audit.record(who, "event_change", _detail(event_id, d))
    return get(event_id) or old  # as stored (one read, not a second copy of the row's fields)


def delete_event(event_id: int, who: str | None, scope: Scope) -> Event:
    """Delete an event within ``scope``; returns what it was."""
    state.ensure_schema()
    with state.engine().begin() as conn:
        old = _locked(conn, event_id)
        if not may_write(old.communities, scope):
            raise EventError(reason="scope")
        conn.execute(notes.delete().where(notes.c.id == event_id))
    audit.record(who, "event_delete", _detail(event_id, old.draft()))
    return old


def between(start: date, end: date, scope: Scope, category: str | None = None) -> list[Event]:
    """The events a user with ``scope`` sees that overlap ``start``..``end`` (both days
    included), optionally of one ``category`` (``"definition"`` = 口径调整), by date."""
    return [
        e
        for e in visible(scope)
        if e.start <= end and e.last >= start and (category is None or e.category == category)
    ]


# ---- on a chart -----------------------------------------------------------------------------
def matches(
    event: Event,
    indicators: Collection[str],
    platform: str | None,
    communities: Collection[str] | None,
) -> bool:
    """Whether ``event`` belongs on a chart of ``indicators`` (registry ids) on ``platform``
    for ``communities`` (None or empty: the whole town). An event with an indicator goes on the
    charts of that indicator; one with only a platform on that platform's charts; one with
    neither on every chart. A town-wide event goes on every community's chart; a community's
    on charts of the town or of that community."""
    if event.indicator:
        if event.indicator not in indicators:
            return False
    elif event.platform and event.platform != platform:
        return False
    if event.town_wide or not communities:
        return True
    return bool(set(event.communities) & set(communities))


def quarters_of(event: Event) -> tuple[date, date]:
    """The first days of the quarters the event starts and ends in."""
    return periods.quarter_start(event.start), periods.quarter_start(event.last)


def date_text(event: Event) -> str:
    if event.end is None:
        return event.start.isoformat()
    return f"{event.start.isoformat()} – {event.end.isoformat()}"


def scope_words(event: Event, names: Mapping[str, str], lang: str) -> str:
    if event.town_wide:
        return t("common.town", lang)
    return ("、" if lang == "zh" else ", ").join(names.get(c, c) for c in event.communities)


def category_text(category: str, lang: str) -> str:
    return t(f"event.cat.{category}", lang) if category in CATEGORIES else category


def line(event: Event, n: int, lang: str, names: Mapping[str, str]) -> str:
    """The event in one line, numbered as on its chart or slide (the text as typed; escape it
    for the element that shows it)."""
    return t(
        "event.line",
        lang,
        n=n,
        dates=date_text(event),
        category=category_text(event.category, lang),
        scope=scope_words(event, names, lang),
        text=event.text,
    )


# ---- on the briefing's slides ----------------------------------------------------------------
def slide_events(
    events: Iterable[Event],
    slide: str,
    period: tuple[date, date],
    communities: Collection[str] | None,
) -> list[Event]:
    """The events a briefing slide carries as footnotes: a platform slide those of that
    platform or its indicators, or with neither; the outcomes slide those with neither or on
    an outcome indicator. Only events overlapping the period's quarters and ``communities``."""
    first, last = period
    last_day = periods.shift(periods.quarter_start(last), 1)
    out = []
    for e in events:
        if not (e.start < last_day and e.last >= first):
            continue
        own = e.on_platform
        if slide == "outcomes":
            if own not in (None, "outcomes", "outcomes_detail"):
                continue
        elif own is not None and own != slide:
            continue
        if not (e.town_wide or not communities or set(e.communities) & set(communities)):
            continue
        out.append(e)
    return out
