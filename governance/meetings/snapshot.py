"""What a meeting saw: the numbers of the slides and pages for one scope and quarter, as JSON.

:func:`take` computes them with the functions the overview and the briefing use
(``briefing.content.outcome_kpis`` and ``platform_kpis``, ``kpi.aggregate``), so a number in a
snapshot is the number on the slide for the same filters. The snapshot is stored with the
meeting (governance/meetings/store.py) and never recomputed: a later revision of the data
does not change it.

Shape (every number a float or None)::

    {"version": 1, "period_from": "2010-07-01", "period_to": "2011-04-01", "basis": "qoq",
     "as_of": "2011-06-30", "scope": None | ["C01", ...], "chosen": [...],
     "communities": ["C01", "C02", "V01"],          # the communities the numbers cover
     "names": {"C01": ["甲社区", "Jia"], ...},
     "outcomes": [the seven outcome ids], "headlines": {platform: id},
     "platforms": {platform: [every KPI id of the platform's page]},
     "indicators": {id: {"platform", "how" (sum | ratio), "factor", "value", "target",
                         "light", "status" (a catalog key), "cases", "num", "den",
                         "parts": {community: {"num", "den", "cases"}} | None}}}

``parts`` are each community's share of the value at ``period_to``: for a ratio its numerator
and denominator (``den`` at the indicator level is the town's: the sum of the parts), for a
sum its own value (``num``); ``cases`` counts the events or items behind a part (the
registry's ``cases_part``; None for scores), for the small-sample rule. A mean built from a
wide page query (days to resolve an issue) has no parts (None).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

import pandas as pd

from governance import kpi
from governance.auth.scope import Scope, allowed
from governance.briefing import content
from governance.filters import Filters
from governance.indicators import (
    HEADLINE,
    INDICATORS,
    OUTCOME_IDS,
    PLATFORM_RECORDS,
    PLATFORMS,
    REGISTRY,
    Indicator,
)
from governance.lights import status_key

VERSION = 1
Runner = content.Runner


def _long_parts(frames: Mapping[str, pd.DataFrame], quarter: date, ids: list[str]) -> pd.DataFrame:
    """Every community's num and den at ``quarter`` for every measure: the scored
    indicators and each platform page's own measures, all long parts."""
    scored = {i.id for i in INDICATORS}
    pieces = [
        frames["parts"][frames["parts"]["indicator_id"].isin(scored)],
        *(
            frames[p.parts_query][frames[p.parts_query]["indicator_id"].isin(REGISTRY)]
            for p in PLATFORM_RECORDS.values()
        ),
    ]
    long = pd.concat([p for p in pieces if not p.empty], ignore_index=True)
    if long.empty:
        return long
    at = pd.to_datetime(long["quarter"]) == pd.Timestamp(quarter)
    return long[at & long["community_id"].isin(ids)]


def _cases(ind: Indicator, num: float | None, den: float | None) -> float | None:
    part = ind.cases_part
    return num if part == "num" else den if part == "den" else None


def _parts_of(
    ind: Indicator,
    long: pd.DataFrame,
    frames: Mapping[str, pd.DataFrame],
    quarter: date,
    ids: list[str],
) -> dict[str, dict[str, float | None]] | None:
    if long.empty or ind.id not in set(long["indicator_id"]):
        return None
    rows = long[long["indicator_id"] == ind.id]
    out = {}
    for c, num, den in zip(rows["community_id"], rows["num"], rows["den"], strict=True):
        n = kpi.number(num)
        d = kpi.number(den) if ind.how == "ratio" else None
        out[str(c)] = {"num": n, "den": d, "cases": _cases(ind, n, d)}
    return out


def _total(parts: Mapping[str, Mapping[str, float | None]] | None, key: str) -> float | None:
    if not parts:
        return None
    got = [p[key] for p in parts.values() if p[key] is not None]
    return float(sum(got)) if got else None


def _entry(
    platform: str,
    k: kpi.Kpi,
    long: pd.DataFrame,
    frames: Mapping[str, pd.DataFrame],
    quarter: date,
    ids: list[str],
) -> dict[str, Any]:
    ind = k.indicator
    parts = _parts_of(ind, long, frames, quarter, ids)
    return {
        "platform": platform,
        "how": ind.how,
        "factor": ind.factor,
        "value": kpi.number(k.value),
        "target": kpi.number(k.target),
        "light": k.light,
        "status": "sample.word" if k.small else status_key(k.value, k.light),  # 样本少
        "cases": kpi.number(k.cases),
        "num": _total(parts, "num"),
        "den": _total(parts, "den") if ind.how == "ratio" else None,
        "parts": parts,
    }


def take(run: Runner, filters: Filters, scope: Scope) -> dict[str, Any]:
    """The snapshot of ``filters`` (its last quarter, ``filters.period_to``) for a user whose
    scope is ``scope`` (None: the town). Chosen communities outside ``scope`` are left out,
    as the query layer does; ``run`` is a query runner (``ui.data.run``, or
    ``briefing.content.db_runner(con, scope)``)."""
    communities = run("communities_list", {})
    ids = allowed([str(c) for c in communities["community_id"]], scope)
    f = replace(filters, communities=tuple(c for c in filters.communities if c in ids))
    covered = f.community_ids(ids)
    frames = content.load_frames(run, f.params(ids))
    quarter = f.period_to
    long = _long_parts(frames, quarter, covered)
    values = kpi.aggregate(frames["parts"], covered)
    indicators: dict[str, dict[str, Any]] = {}
    for indicator_id, k in content.outcome_kpis(values, frames["targets"], f).items():
        platform = REGISTRY[indicator_id].platform
        indicators[indicator_id] = _entry(platform, k, long, frames, quarter, covered)
    platforms: dict[str, list[str]] = {}
    for platform in PLATFORMS:
        kpis = content.platform_kpis(platform, frames, f, covered)
        platforms[platform] = list(kpis)
        for indicator_id, k in kpis.items():
            indicators[indicator_id] = _entry(platform, k, long, frames, quarter, covered)
    shown = communities[communities["community_id"].isin(covered)]
    as_of = content.data_as_of(run)
    return {
        "version": VERSION,
        "period_from": f.period_from.isoformat(),
        "period_to": quarter.isoformat(),
        "basis": f.basis,
        "as_of": as_of.isoformat() if as_of else None,
        "scope": None if scope is None else list(scope),
        "chosen": list(f.communities),
        "communities": list(covered),
        "names": {
            str(c): [str(zh), str(en)]
            for c, zh, en in zip(
                shown["community_id"], shown["name_zh"], shown["name_en"], strict=True
            )
        },
        "outcomes": list(OUTCOME_IDS),
        "headlines": {p: HEADLINE[p].id for p in PLATFORMS},
        "platforms": platforms,
        "indicators": indicators,
    }
