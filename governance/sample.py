"""The one small-sample rule: a value resting on fewer than :data:`FEW_CASES` events or items
(issues counted, households billed, incidents, person-times …) is *small*.

"Below the threshold" is strict: 9 cases are small, exactly 10 are not. Ten is the smallest
count at which one case more or less moves a share by at most 10 percentage points, the
width of the amber band (governance/lights.py), so a single case cannot flip a light from
met to missed on its own; below it one case can.

Every place that colours, ranks or names asks this module:

- a small value is shown with its counts and 样本少 ("50.0% · 样本少（1/2）"), never coloured
  (:func:`light_for` gives no light, so it is neither red nor green);
- it gets no rank on its platform, so it is never first or last, and it is never named as the
  weakest or the best (kpi.ranking, briefing.content.headline_by_community);
- a change whose value and basis both rest on few cases (kpi.Kpi.few_cases) is shown with its
  counts and kept out of 本期变化's order (governance/changes.py).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from governance import fmt
from governance.i18n import t
from governance.indicators import Indicator
from governance.lights import traffic_light

FEW_CASES = 10


def count(cases: object) -> float | None:
    """A count of cases as a float, or None when it is missing (not counted)."""
    if cases is None:
        return None
    try:
        f = float(cases)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def small(cases: object) -> bool:
    """Whether a value rests on a small sample: fewer than :data:`FEW_CASES` cases. A value
    whose cases are not counted (a score weighted by residents) is never small."""
    n = count(cases)
    return n is not None and n < FEW_CASES


PER_HEAD = ("per10k", "per1000")


def level_cases(ind: Indicator, den: object, cases: object) -> object:
    """What a value's *level* rests on, for ranking and naming communities: its cases, except
    for a rate per head (incidents per 10,000, person-times per 1,000 residents), whose
    sample is the residents it is taken over — ranked per head already, so a village with 500
    residents and no activity is a true 0 per 1,000, not a small sample — and except for a
    count (petitions), which is every event there was, not a sample. (A *change* of either
    still rests on its events: kpi.Kpi.few_cases.)"""
    if ind.unit == "count":  # every event there was, not a sample of anything
        return None
    return den if ind.unit in PER_HEAD else cases


def light_for(value: float | None, target: float | None, better: str, cases: object) -> str | None:
    """The traffic light of a value against its target, or None (no colour) when the value
    rests on a small sample."""
    if small(cases):
        return None
    return traffic_light(value, target, better)


def counts_text(num: object, den: object, cases: object) -> str:
    """The counts behind a small value: "1/2" for a share (resolved of counted), else the
    count of cases ("7")."""
    a, b, n = count(num), count(den), count(cases)
    if a is not None and b is not None and n == b:
        return f"{a:.0f}/{b:.0f}"
    return "—" if n is None else f"{n:.0f}"


def status_text(num: object, den: object, cases: object, lang: str) -> str:
    """A small value's status in words, in place of its light: "样本少（1/2）"."""
    return t("sample.status", lang, counts=counts_text(num, den, cases))


def cell_text(
    ind: Indicator, value: float, num: object, den: object, cases: object, lang: str
) -> str:
    """A ranking cell of a small value: "50.0% · 样本少（1/2）" (no light, no rank)."""
    return f"{fmt.value(ind, value, lang)} · {status_text(num, den, cases, lang)}"


def bar(
    ind: Indicator, value: object, target: float | None, num: object, den: object, cases: object
) -> tuple[str | None, str | None]:
    """A community's bar on a platform page: (its light, None), or on a small sample (its
    *level* cases, :func:`level_cases`) (None, its counts "1/2"): no light, and
    :func:`bar_words` written beside it in place of a status glyph (charts.community_bars
    draws it grey, the palette's NONE, as the briefing's slide bars)."""
    level = level_cases(ind, den, cases)
    v = count(value)
    if v is not None and small(level):  # a share says "1/2", a mean its cases alone
        return None, counts_text(num if ind.unit == "pct" else None, den, level)
    return light_for(v, target, ind.better, level), None


def bar_words(counts: Sequence[object], lang: str) -> list[str | None]:
    """The words beside each bar of :func:`bar`'s counts: "样本少（1/2）", None when not small."""
    return [t("sample.status", lang, counts=c) if isinstance(c, str) else None for c in counts]
