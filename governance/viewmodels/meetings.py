"""会议 and 上次会议以来 as the pages, presentation mode and the briefing files show them: the
digest since a meeting for the filters in force (``build``, cached by the app per data,
filters, language, scope and meeting), its table, the briefing slide that carries it, and what
a meeting saw."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

import pandas as pd

from governance import events, fmt, palette
from governance.auth.scope import Scope
from governance.briefing.model import SINCE, Slide, Table
from governance.filters import Filters
from governance.i18n import t
from governance.indicators import REGISTRY
from governance.meetings import digest, snapshot, store

Runner = Callable[..., pd.DataFrame]

# One example per kind of user, for the purity test (the scope has no default): the whole
# town, and one scoped to C01.
EXAMPLE_CHOICES: tuple[tuple, ...] = ((None,), (("C01",),))


def build(
    run: Runner,
    f: Filters,
    lang: str,
    scope: Scope,
    meeting_id: int | None = None,
    recorded_at: object = None,
) -> digest.Digest:
    """The digest since meeting ``meeting_id`` (None: there is none yet) for ``f``.
    ``recorded_at`` only keys the app's cache: a number freed by a deletion and given to a new
    meeting is another meeting."""
    meeting = store.get(meeting_id, scope) if meeting_id is not None else None
    if meeting is None:
        return digest.build(None, {"period_to": f.period_to.isoformat()}, lang)
    now = snapshot.take(run, digest.filters_for(meeting, f), scope)
    return digest.build(meeting, now, lang)


def with_definition_changes(
    d: digest.Digest, scope: Scope, lang: str, today: date
) -> digest.Digest:
    """The digest with one more sentence when definitions changed (口径调整 events) between the
    meeting and ``today``: a reader must know a change may be partly a change of counting."""
    if d.meeting is None:
        return d
    n = len(events.between(d.meeting.date, today, scope, category="definition"))
    if not n:
        return d
    return replace(d, sentences=(*d.sentences, t("meet.digest.definitions", lang, n=n)))


def heading(d: digest.Digest, lang: str) -> str:
    """上次会议（2011年9月26日 · 社区管理联席会议）以来"""
    if d.meeting is None:
        return t("meet.since.title", lang)
    m = d.meeting
    return t("meet.since.of", lang, date=store.date_text(m.date, lang), title=m.title_text(lang))


def drivers_text(d: digest.Digest, indicator_id: str) -> str:
    """The communities that moved the town most, with their share: 海港社区 +1.6、滨海社区 +1.1
    (only those the digest names: never one on few cases); "—" when none stands out."""
    sep = ", " if d.lang == "en" else "、"
    named = [x for x in d.drivers.get(indicator_id, ()) if x.main]
    return sep.join(f"{x.name} {x.text}" for x in named) or "—"


def ordered(d: digest.Digest) -> list:
    """The digest's rows, those that got worse first (in their own order), then the rest: a
    slide that has room for only some of them keeps what the meeting must hear."""
    return sorted(d.rows, key=lambda r: 0 if r.good is False and not r.few else 1)


def table_rows(d: digest.Digest) -> tuple[tuple[str, ...], ...]:
    """One row per indicator compared (:func:`ordered`): label, then, now, change, who drove
    it, status."""
    return tuple(
        (
            r.label,
            r.then_text,
            r.now_text,
            r.change_text,
            drivers_text(d, r.indicator_id),
            r.status_text,
        )
        for r in ordered(d)
    )


def columns(lang: str) -> tuple[str, ...]:
    return (
        t("col.indicator", lang),
        t("meet.col.then", lang),
        t("meet.col.now", lang),
        t("common.change", lang),
        t("meet.col.drivers", lang),
        t("meet.col.status", lang),
    )


def table_frame(d: digest.Digest, lang: str) -> pd.DataFrame:
    """The table for the screen (text cells, as the slide has them)."""
    return pd.DataFrame(list(table_rows(d)), columns=list(columns(lang)))


def lights(d: digest.Digest) -> tuple[tuple[str | None, ...], ...]:
    """The change cell coloured by whether it is good for that indicator (the status cell by
    the status now); everything else uncoloured."""
    tone = {True: "green", False: "red", None: None}
    now = {"light.green": "green", "light.amber": "amber", "light.red": "red"}
    return tuple(
        (None, None, None, None if r.few else tone[r.good], None, now.get(r.status_now))
        for r in ordered(d)
    )


def slide(d: digest.Digest, lang: str) -> Any:
    """The briefing's 上次会议以来 slide, or None when there was no earlier meeting."""
    if d.state == digest.NONE:
        return None
    table = ()
    if d.rows:
        table = (Table(columns(lang), table_rows(d), lights(d)),)
    return Slide(key=SINCE, title=heading(d, lang), tables=table, sentences=d.sentences)


def snapshot_frame(meeting: store.Meeting, lang: str) -> pd.DataFrame:
    """What the meeting saw, one row per indicator: the value, the target and its status in
    words (as stored; a later revision of the data does not change it)."""
    snap = meeting.snapshot
    rows = []
    for indicator_id, entry in snap.get("indicators", {}).items():
        ind = REGISTRY.get(indicator_id)
        if ind is None:  # a measure since removed from the registry: kept, by its id
            rows.append((indicator_id, "—", "—", "—"))
            continue
        status = entry.get("status")
        rows.append(
            (
                ind.label(lang),
                fmt.value(ind, entry.get("value"), lang),
                fmt.value(ind, entry.get("target"), lang)
                if entry.get("target") is not None
                else "—",
                palette.word(status, lang) if status else "—",  # √ 达标, as stored
            )
        )
    heads = [t("col.indicator", lang), t("meet.snap.value", lang), t("col.target", lang)]
    heads += [t("meet.snap.status", lang)]
    return pd.DataFrame(rows, columns=heads)
