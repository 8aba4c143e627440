"""上次会议以来 — what changed since a meeting: its stored snapshot ("then") against one taken
now from the data in force ("now") for the same communities.

For each of the seven outcomes and each platform's headline indicator: the value then and
now, the change, whether it is good for that indicator (the registry's direction), and the
target status then → now. Drivers: each community's contribution to the change, an exact
additive split — for a ratio, community c contributes
``factor × (num_c(now) / den(now) − num_c(then) / den(then))`` (den: the town's), for a sum
its own change — so the contributions add up to the town's change. A community resting on
fewer than ``kpi.FEW_CASES`` cases on both sides is marked 样本少 and never named as a main
driver (the rule of ``kpi.Kpi.few_cases``). Then a few sentences a secretary can read aloud.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from governance import fmt, kpi, palette, periods
from governance.filters import Filters
from governance.i18n import t
from governance.indicators import PLATFORMS, REGISTRY, Indicator
from governance.lights import GREEN
from governance.meetings.store import Meeting, MeetingError, date_text

# How many communities a sentence names as where a change came from.
MAIN_DRIVERS = 2
NONE, UNMOVED, COMPARED = "none", "unmoved", "compared"


@dataclass(frozen=True)
class Driver:
    community_id: str
    name: str
    contribution: float  # in the indicator's unit (percentage points for a %)
    cases_then: float | None
    cases_now: float | None
    few: bool  # 样本少: under FEW_CASES on both sides; never a main driver
    main: bool  # named in the sentences
    text: str  # "+1.6个百分点"


@dataclass(frozen=True)
class Row:
    indicator_id: str
    platform: str  # outcomes or the platform whose headline it is
    label: str
    then_value: float | None
    now_value: float | None
    change: float | None
    good: bool | None  # is the change good for this indicator (None: no change)
    few: bool  # the town's own change rests on few cases
    status_then: str  # catalog keys (light.green, light.red, light.no_data ...)
    status_now: str
    flip: str | None  # "reached" (not met → met), "lost" (met → not met), None
    then_text: str
    now_text: str
    change_text: str
    status_text: str  # "× 未达标 → √ 达标"


@dataclass(frozen=True)
class Digest:
    meeting: Meeting | None
    state: str  # none (no earlier meeting) | unmoved (no newer quarter) | compared
    then_quarter: date | None
    now_quarter: date
    rows: tuple[Row, ...]
    drivers: Mapping[str, tuple[Driver, ...]]  # indicator id -> every community, largest first
    sentences: tuple[str, ...]
    lang: str = "zh"
    flips: Mapping[str, int] = field(default_factory=dict)  # reached, lost


def row_ids(snapshot: Mapping[str, Any]) -> list[str]:
    """The indicators a digest compares: the seven outcomes, then each platform's headline."""
    return [*snapshot["outcomes"], *(snapshot["headlines"][p] for p in PLATFORMS)]


def filters_for(meeting: Meeting, now: Filters) -> Filters:
    """The filters to take "now" with: the period and basis of ``now``, the communities the
    meeting was shown (so both snapshots cover the same communities)."""
    return replace(now, communities=meeting.filters.communities, basis=meeting.filters.basis)


def _few(ind: Indicator, then_cases: float | None, now_cases: float | None, delta: float) -> bool:
    # The one small-sample rule (kpi.Kpi.few_cases), asked of a change with these counts.
    probe = kpi.Kpi(ind, None, None, delta, None, None, None, [], now_cases, then_cases)
    return probe.few_cases


def contributions(
    indicator_id: str, then: Mapping[str, Any], now: Mapping[str, Any]
) -> dict[str, float]:
    """Each community's share of the change of one indicator between two snapshot entries
    (``snapshot["indicators"][id]``); they add up to now["value"] − then["value"]. Empty when
    the indicator has no parts or either side has nothing to divide by."""
    ind = REGISTRY[indicator_id]
    before, after = then.get("parts"), now.get("parts")
    if before is None or after is None:
        return {}
    ids = sorted({*before, *after})

    def num(parts: Mapping[str, Any], c: str) -> float:
        got = parts.get(c, {}).get("num")
        return 0.0 if got is None else float(got)

    if ind.how == "sum":
        return {c: num(after, c) - num(before, c) for c in ids}
    den_then, den_now = then.get("den"), now.get("den")
    if not den_then or not den_now:
        return {}
    factor = ind.factor
    return {c: factor * num(after, c) / den_now - factor * num(before, c) / den_then for c in ids}


def _cases_of(entry: Mapping[str, Any], c: str) -> float | None:
    parts = entry.get("parts") or {}
    return parts.get(c, {}).get("cases")


def _names(then: Mapping[str, Any], now: Mapping[str, Any], lang: str) -> dict[str, str]:
    column = 1 if lang == "en" else 0
    both = {**then.get("names", {}), **now.get("names", {})}
    return {c: pair[column] for c, pair in both.items()}


def drivers_of(
    indicator_id: str,
    then: Mapping[str, Any],
    now: Mapping[str, Any],
    names: Mapping[str, str],
    lang: str = "zh",
) -> tuple[Driver, ...]:
    """Every community's contribution, largest first; the main drivers (at most
    :data:`MAIN_DRIVERS`) move the way the town moved, show at the digits shown and do not
    rest on few cases."""
    ind = REGISTRY[indicator_id]
    parts = contributions(indicator_id, then, now)
    if not parts:
        return ()
    a, b = kpi.number(then.get("value")), kpi.number(now.get("value"))
    change = 0.0 if a is None or b is None else b - a
    ordered = sorted(parts.items(), key=lambda kv: (-abs(kv[1]), kv[0]))
    out, named = [], 0
    for c, share in ordered:
        before, after = _cases_of(then, c), _cases_of(now, c)
        few = _few(ind, before, after, share) if share else False
        main = (
            len(parts) > 1
            and named < MAIN_DRIVERS
            and not few
            and not fmt.is_flat(ind, share)
            and (share > 0) == (change > 0)
            and change != 0
        )
        named += main
        out.append(
            Driver(
                community_id=c,
                name=names.get(c, c),
                contribution=share,
                cases_then=before,
                cases_now=after,
                few=few,
                main=main,
                text=fmt.change(ind, share, None, lang, relative=False),
            )
        )
    return tuple(out)


def _met(light: str | None) -> bool | None:
    """Target met (True), missed (False), or nothing to say (no target or no value)."""
    return None if light is None else light == GREEN


def _row(indicator_id: str, then: Mapping[str, Any], now: Mapping[str, Any], lang: str) -> Row:
    ind = REGISTRY[indicator_id]
    a, b = kpi.number(then.get("value")), kpi.number(now.get("value"))
    delta = None if a is None or b is None else b - a
    few = bool(delta) and _few(ind, then.get("cases"), now.get("cases"), delta or 0.0)
    if delta is None:
        change_text = "—"
    elif few:
        bare = fmt.change(ind, delta, a, lang, relative=False)
        counts = fmt.cases_change(ind, then.get("cases"), now.get("cases"), lang)
        change_text = t("change.few", lang, change=bare, counts=counts)
    else:
        change_text = fmt.change(ind, delta, a, lang, relative=False)
    met_then, met_now = _met(then.get("light")), _met(now.get("light"))
    flip = None
    if met_then is False and met_now is True:
        flip = "reached"
    elif met_then is True and met_now is False:
        flip = "lost"
    status_then = then.get("status") or "light.no_data"
    status_now = now.get("status") or "light.no_data"
    return Row(
        indicator_id=indicator_id,
        platform=now.get("platform") or ind.platform,
        label=ind.label(lang),
        then_value=a,
        now_value=b,
        change=delta,
        good=None if delta is None or fmt.is_flat(ind, delta) else ind.is_good(delta),
        few=few,
        status_then=status_then,
        status_now=status_now,
        flip=flip,
        then_text=fmt.value(ind, a, lang),
        now_text=fmt.value(ind, b, lang),
        change_text=change_text,
        status_text=t(
            "meet.digest.status",
            lang,
            then=palette.word(status_then, lang),  # × 未达标 → √ 达标: glyphs and words
            now=palette.word(status_now, lang),
        ),
    )


def _relative(row: Row) -> float:
    if row.then_value:
        return abs(row.change or 0.0) / abs(row.then_value)
    return math.inf


def _move_sentence(row: Row, drivers: Sequence[Driver], lang: str) -> str:
    named = [d for d in drivers if d.main]
    clause = ""
    if named:
        items = t("meet.digest.and", lang).join(
            t("meet.digest.driver", lang, name=d.name, amount=d.text) for d in named
        )
        clause = t("meet.digest.drivers", lang, names=items)
    verb = t("meet.digest.up" if (row.change or 0) > 0 else "meet.digest.down", lang)
    return t(
        "meet.digest.move",
        lang,
        label=row.label,
        then=row.then_text,
        verb=verb,
        now=row.now_text,
        change=row.change_text,
        drivers=clause,
    )


def _sentences(
    meeting: Meeting,
    rows: Sequence[Row],
    drivers: Mapping[str, tuple[Driver, ...]],
    then_q: date,
    now_q: date,
    lang: str,
) -> tuple[str, ...]:
    ind = {r.indicator_id: REGISTRY[r.indicator_id] for r in rows}
    compared = [r for r in rows if r.change is not None]
    flat = [r for r in compared if fmt.is_flat(ind[r.indicator_id], r.change)]
    good = [r for r in compared if r.good is True]
    bad = [r for r in compared if r.good is False]
    lead = t(
        "meet.digest.lead",
        lang,
        date=date_text(meeting.date, lang),
        then=periods.display(then_q, lang),
        now=periods.display(now_q, lang),
        n=len(rows),
        good=len(good),
        bad=len(bad),
        flat=len(flat),
    )
    missing = len(rows) - len(compared)
    if missing:
        lead += t("meet.digest.lead.missing", lang, n=missing)
    out = [lead + t("word.stop", lang)]
    # the largest improvement and the largest worsening, by their share of the value then;
    # a change resting on few cases only when nothing else moved that way
    for group in (good, bad):
        if group:
            top = min(group, key=lambda r: (r.few, -_relative(r), r.indicator_id))
            out.append(_move_sentence(top, drivers.get(top.indicator_id, ()), lang))
    reached = sum(r.flip == "reached" for r in rows)
    lost = sum(r.flip == "lost" for r in rows)
    if reached or lost:
        out.append(t("meet.digest.flips", lang, reached=reached, lost=lost))
    else:
        out.append(t("meet.digest.flips.none", lang))
    return tuple(out)


def build(then: Meeting | None, now: Mapping[str, Any], lang: str = "zh") -> Digest:
    """The digest of what changed between the meeting ``then`` (None: there is none) and the
    snapshot ``now`` (``snapshot.take`` with :func:`filters_for` the meeting).

    MeetingError when the two cover different communities."""
    now_q = date.fromisoformat(now["period_to"])
    if then is None:
        sentences = (t("meet.digest.none", lang),)
        return Digest(None, NONE, None, now_q, (), {}, sentences, lang, {})
    before = then.snapshot
    if sorted(before["communities"]) != sorted(now["communities"]):
        raise MeetingError("meet.err.other_communities")
    then_q = date.fromisoformat(before["period_to"])
    if then_q >= now_q:
        sentence = t(
            "meet.digest.unmoved",
            lang,
            date=date_text(then.date, lang),
            then=periods.display(then_q, lang),
            quarter=periods.display(now_q, lang),
        )
        return Digest(then, UNMOVED, then_q, now_q, (), {}, (sentence,), lang, {})
    names = _names(before, now, lang)
    rows, drivers = [], {}
    for indicator_id in row_ids(now):
        a = before["indicators"].get(indicator_id, {})
        b = now["indicators"].get(indicator_id, {})
        rows.append(_row(indicator_id, a, b, lang))
        drivers[indicator_id] = drivers_of(indicator_id, a, b, names, lang)
    flips = {
        "reached": sum(r.flip == "reached" for r in rows),
        "lost": sum(r.flip == "lost" for r in rows),
    }
    sentences = _sentences(then, rows, drivers, then_q, now_q, lang)
    return Digest(then, COMPARED, then_q, now_q, tuple(rows), drivers, sentences, lang, flips)
