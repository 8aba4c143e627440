"""KPI values, changes against a basis, targets and rankings, from indicator parts.

Works on the long frame of ``queries/indicator_parts_by_community_quarter.sql`` (community,
quarter, indicator, num, den), so any set of communities aggregates the right way: rates are
sum(num) / sum(den), never an average of community rates.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from governance import periods, sample
from governance.indicators import HEADLINE, PLATFORM_RECORDS, PLATFORMS, REGISTRY, Indicator
from governance.lights import traffic_light

if TYPE_CHECKING:
    from governance.filters import Filters

BASIS_SHIFT = {"qoq": -1, "yoy": -4}
# Fewer events or items than this behind a value or its basis, and the change is marked as
# resting on few cases (彩虹社区's incidents 2 → 1 are not "−50%"): the one small-sample rule
# of governance/sample.py.
FEW_CASES = sample.FEW_CASES


def _how(indicator_id: str) -> str:
    ind = REGISTRY.get(indicator_id)
    return ind.how if ind else "sum"


def _factor(indicator_id: str) -> float:
    ind = REGISTRY.get(indicator_id)
    return ind.factor if ind else float("nan")


def _finish(grouped: pd.DataFrame) -> pd.Series:
    """The value of each row from its parts, by the registry's rule for its measure (a
    measure the registry does not know is a plain sum)."""
    if grouped.empty:
        return pd.Series(dtype="float64", index=grouped.index)
    ids = grouped["indicator_id"]
    how = ids.map(_how)
    factor = ids.map(_factor).astype("float64")
    ratio = grouped["num"] / grouped["den"].where(grouped["den"] > 0) * factor
    return ratio.where(how == "ratio", grouped["num"]).astype("float64")


def aggregate(parts: pd.DataFrame, communities: Sequence[str]) -> pd.DataFrame:
    """One row per indicator and quarter for the given communities together: value, the
    cases behind it, its parts num and den, and the cases its *level* rests on
    (``level_cases``, sample.level_cases: what decides whether a tile is coloured)."""
    chosen = parts[parts["community_id"].isin(list(communities))]
    grouped = (
        chosen.groupby(["indicator_id", "quarter"], as_index=False)[["num", "den"]]
        .sum(min_count=1)
        .sort_values(["indicator_id", "quarter"])
    )
    grouped["value"] = _finish(grouped)
    grouped["cases"] = _cases(grouped)
    grouped["level_cases"] = _level_cases(grouped)
    columns = ["indicator_id", "quarter", "value", "cases", "num", "den", "level_cases"]
    return grouped[columns].reset_index(drop=True)


def _level_cases(grouped: pd.DataFrame) -> pd.Series:
    """What each value's level rests on for the small-sample rule (sample.level_cases):
    residents for a rate per head, nothing for a count, else its cases; NaN: not counted."""
    if grouped.empty:
        return pd.Series(dtype="float64", index=grouped.index)
    level = [
        sample.count(sample.level_cases(REGISTRY[i], d, c) if i in REGISTRY else c)
        for i, d, c in zip(grouped["indicator_id"], grouped["den"], grouped["cases"], strict=True)
    ]
    return pd.Series(level, index=grouped.index, dtype="float64")


def _cases_part(indicator_id: str) -> str | None:
    ind = REGISTRY.get(indicator_id)
    return ind.cases_part if ind else "num"


def _cases(grouped: pd.DataFrame) -> pd.Series:
    """The count of events or items behind each value (incidents behind a rate per 10k,
    issues behind a resolution rate); NaN where the value is not a count of things (a score
    weighted by residents)."""
    if grouped.empty:
        return pd.Series(dtype="float64", index=grouped.index)
    part = grouped["indicator_id"].map(_cases_part)
    out = grouped["num"].where(part == "num", grouped["den"].where(part == "den"))
    return out.astype("float64")


def per_community(parts: pd.DataFrame, quarter: date, with_cases: bool = False) -> pd.DataFrame:
    """One row per community and indicator at one quarter: value (and, ``with_cases``, its
    parts num and den and the cases behind it, for the small-sample rule)."""
    at = parts[parts["quarter"] == pd.Timestamp(quarter)].copy()
    at["value"] = _finish(at)
    columns = ["community_id", "indicator_id", "value"]
    if with_cases:
        at["cases"] = _cases(at)
        columns += ["num", "den", "cases"]
    return at[columns].reset_index(drop=True)


def _target_lookup(targets: pd.DataFrame) -> dict[tuple[str, str | None], float]:
    lookup = targets.attrs.get("_target_lookup")
    if lookup is None:
        lookup = {
            (str(i), None if pd.isna(c) else str(c)): float(v)
            for i, c, v in zip(
                targets["indicator_id"], targets["community_id"], targets["target"], strict=True
            )
            if not pd.isna(v)
        }
        targets.attrs["_target_lookup"] = lookup
    return lookup


def _is_total(indicator_id: str) -> bool:
    """A measure that adds up (a count, the reward paid): its town target is a town total."""
    return _how(indicator_id) == "sum"


def target_for(targets: pd.DataFrame, indicator_id: str, community_id: str | None = None):
    """A community's own target when it has one, else the town's; None when neither exists.

    A town target for a count (petitions per quarter, say) is a town total: it says nothing
    about one community, so a community without its own count target has none.
    """
    lookup = _target_lookup(targets)
    if community_id is not None:
        if (indicator_id, community_id) in lookup:
            return lookup[(indicator_id, community_id)]
        if _is_total(indicator_id):
            return None
    return lookup.get((indicator_id, None))


def has_own_target(targets: pd.DataFrame, indicator_id: str, community_id: str) -> bool:
    """Whether the community has a target of its own for the indicator (not the town's)."""
    return (indicator_id, community_id) in _target_lookup(targets)


def target_owner(targets: pd.DataFrame, indicator_id: str, communities: Sequence[str]) -> str:
    """Whose target :func:`target_for_scope` gives: ``"own"`` (one community's own target)
    or ``"town"`` (the town's), so a caption can say which it is."""
    if len(communities) == 1 and has_own_target(targets, indicator_id, communities[0]):
        return "own"
    return "town"


def target_for_scope(targets: pd.DataFrame, indicator_id: str, communities: Sequence[str]):
    """The target for the communities in view (empty: the whole town).

    One community: its own target (or the town's, for rates and scores). Several: the town's
    target for rates and scores; none for counts, whose town target is a town total.
    """
    if not communities:
        return target_for(targets, indicator_id)
    if len(communities) == 1:
        return target_for(targets, indicator_id, communities[0])
    return None if _is_total(indicator_id) else target_for(targets, indicator_id)


@dataclass(frozen=True)
class Kpi:
    indicator: Indicator
    value: float | None
    basis_value: float | None  # the previous quarter, a year before, or the target
    delta: float | None
    good: bool | None  # is the change (or the gap to target) good for this indicator?
    target: float | None
    light: str | None
    series: list[tuple[date, float]]  # the selected period, for sparklines and trends
    cases: float | None = None  # the events or items behind the value (None: not counted)
    basis_cases: float | None = None  # the same for the quarter compared with
    # What the value's *level* rests on (sample.level_cases) and its parts, for the
    # small-sample rule: a tile on fewer than FEW_CASES has no light and says its counts.
    level_cases: float | None = None
    num: float | None = None
    den: float | None = None

    @property
    def small(self) -> bool:
        """The value rests on a small sample (governance/sample.py): it carries no light and
        is shown with its counts and 样本少, never red or green."""
        return self.value is not None and sample.small(self.level_cases)

    def counts_text(self) -> str:
        """The counts behind a small value: "3/4" for a share (paid in full of billed), else
        the cases ("7", never a mean's "45/3")."""
        num = self.num if self.indicator.unit == "pct" else None
        return sample.counts_text(num, self.den, self.level_cases)

    @property
    def few_cases(self) -> bool:
        """A change resting on a handful of cases (under :data:`FEW_CASES` on both sides):
        shown with its counts ("2 → 1 起"), not as a headline swing."""
        if not self.delta:  # no change (or none to show): nothing to mark
            return False
        counted = [c for c in (self.cases, self.basis_cases) if c is not None]
        return bool(counted) and sample.small(max(counted))


def number(x: object) -> float | None:
    """A value as a float, or None when it is missing (None, pd.NA, NaN) or not a number:
    the one missing-value rule of every measure."""
    if x is None or x is pd.NA:
        return None
    try:
        f = float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def kpi_from_series(
    ind: Indicator,
    by_quarter: Mapping[date, float | None],
    period_from: date,
    period_to: date,
    basis: str,
    target: float | None,
    level_cases: float | None = None,
) -> Kpi:
    """The KPI at ``period_to`` against ``basis`` from one value per quarter.

    The one place that decides what a change is and whether it is good news, for the shared
    indicators and for the measures pages define themselves. ``level_cases``: what the value
    at ``period_to`` rests on (sample.level_cases); fewer than :data:`FEW_CASES` and the KPI
    has no light (neither red nor green) and, against the target, no good or bad.
    """
    few = sample.small(level_cases) and by_quarter.get(period_to) is not None
    value = by_quarter.get(period_to)
    if basis == "target":
        basis_value = target
    else:
        basis_value = by_quarter.get(periods.shift(period_to, BASIS_SHIFT[basis]))
    delta = None if value is None or basis_value is None else value - basis_value
    if delta is None:
        good = None
    elif basis == "target":  # the standing against the target, none on a small sample
        good = None if few else traffic_light(value, target, ind.better) == "green"
    else:
        good = ind.is_good(delta)
    series = [
        (q, v)
        for q, v in sorted(by_quarter.items())
        if period_from <= q <= period_to and v is not None
    ]
    light = sample.light_for(value, target, ind.better, level_cases)
    # A count is its own number of cases (2 → 3 meetings); rates get theirs from their parts.
    counted = ind.unit == "count" and ind.cases_part == "num"
    cases = value if counted else None
    basis_cases = basis_value if counted and basis != "target" else None
    level = sample.count(level_cases)
    return Kpi(
        ind, value, basis_value, delta, good, target, light, series, cases, basis_cases, level
    )


def series_of(frame: pd.DataFrame, column: str) -> dict[date, float | None]:
    """``{quarter: value}`` from a frame with a ``quarter`` column and a value column."""
    return {
        pd.Timestamp(q).date(): number(v)
        for q, v in zip(frame["quarter"], frame[column], strict=True)
    }


def kpi(
    values: pd.DataFrame,
    indicator_id: str,
    period_from: date,
    period_to: date,
    basis: str,
    target: float | None,
    indicator: Indicator | None = None,
) -> Kpi:
    """The KPI at ``period_to`` against ``basis`` from the long ``values`` frame
    (indicator_id, quarter, value and, from :func:`aggregate`, cases), for any measure of the
    registry."""
    ind = indicator or REGISTRY[indicator_id]
    rows = values[values["indicator_id"] == indicator_id]
    at = rows[pd.to_datetime(rows["quarter"]) == pd.Timestamp(period_to)]

    def now(column: str) -> float | None:
        return number(at[column].iloc[0]) if column in at.columns and not at.empty else None

    # the light is decided here, once, from what the level rests on (sample.level_cases)
    level = now("level_cases")
    k = kpi_from_series(ind, series_of(rows, "value"), period_from, period_to, basis, target, level)
    k = replace(k, num=now("num"), den=now("den"))
    if "cases" not in rows.columns or not ind.cases_part:
        return k
    cases = series_of(rows, "cases")
    basis_cases = (
        None if basis == "target" else cases.get(periods.shift(period_to, BASIS_SHIFT[basis]))
    )
    return replace(k, cases=cases.get(period_to), basis_cases=basis_cases)


def kpis(
    ids: Sequence[str],
    parts: pd.DataFrame,
    targets: pd.DataFrame,
    scope: Sequence[str],
    period_from: date,
    period_to: date,
    basis: str,
) -> dict[str, Kpi]:
    """The KPIs ``ids`` for the communities in ``scope`` together, keyed by id in that order:
    every platform's tiles, from long parts (the shared indicator parts and the platform's
    own, concatenated) through :func:`aggregate` and :func:`kpi`. A single community is held
    to its own target when it has one, else the town's."""
    values = aggregate(parts, scope)
    one = scope[0] if len(scope) == 1 else None
    out = {}
    for i in ids:
        k = kpi(values, i, period_from, period_to, basis, target_for(targets, i, one))
        held = k.indicator.shown_when
        if held and not _held_in(values, held, period_from, period_to):
            # a value carried forward from before the period (the latest election's turnout):
            # "—" with its history, no change and no light
            k = Kpi(k.indicator, None, k.basis_value, None, None, k.target, None, k.series)
        out[i] = k
    return out


def page_tiles(
    platform: str, parts: pd.DataFrame, targets: pd.DataFrame, scope: Sequence[str], f: Filters
) -> dict[str, Kpi]:
    """The tiles of ``platform``'s page (its registry record's KPI row, read at each call)
    for the filters ``f``: the call every platform page and its slide make."""
    row = PLATFORM_RECORDS[platform].kpi_row
    return kpis(row, parts, targets, scope, f.period_from, f.period_to, f.basis)


def _held_in(values: pd.DataFrame, indicator_id: str, period_from: date, period_to: date) -> bool:
    """Whether the count ``indicator_id`` of ``values`` is above 0 in the period."""
    rows = values[values["indicator_id"] == indicator_id]
    q = pd.to_datetime(rows["quarter"])
    inside = rows[(q >= pd.Timestamp(period_from)) & (q <= pd.Timestamp(period_to))]
    return bool(inside["value"].fillna(0).sum() > 0)


MIN_PLATFORMS = 3  # platforms a community needs values on to get an overall rank


def ranking(
    parts: pd.DataFrame, quarter: date, targets: pd.DataFrame, community_ids: Sequence[str]
) -> pd.DataFrame:
    """Community x platform: each platform's headline value, its light and rank at ``quarter``.

    One row per community, columns ``<platform>_value``, ``<platform>_light``,
    ``<platform>_rank`` and ``overall_rank`` (by the mean of the platform ranks; a platform a
    community has no data for is left out of its mean), and for the small-sample rule
    (governance/sample.py) ``<platform>_num``, ``_den``, ``_cases`` and ``_small``: a value
    resting on fewer than :data:`FEW_CASES` cases (a rate per head: residents,
    sample.level_cases) has no light and no rank on that platform
    (never first or last, never counted red), and is left out of the overall mean as a
    platform without data is.
    """
    values = per_community(parts, quarter, with_cases=True)
    out = pd.DataFrame({"community_id": list(community_ids)})
    rank_cols = []
    for platform in PLATFORMS:
        ind = HEADLINE[platform]
        mine = values[values["indicator_id"] == ind.id].set_index("community_id")
        v = out["community_id"].map(mine["value"]).astype("float64")
        den = out["community_id"].map(mine["den"]).astype("float64")
        cases = out["community_id"].map(mine["cases"]).astype("float64")
        cases = sample.level_cases(ind, den, cases)  # type: ignore[assignment]
        few = cases.map(sample.small).astype(bool) & v.notna()
        out[f"{platform}_value"] = v
        out[f"{platform}_num"] = out["community_id"].map(mine["num"]).astype("float64")
        out[f"{platform}_den"] = den
        out[f"{platform}_cases"] = cases
        out[f"{platform}_small"] = few
        out[f"{platform}_target"] = [target_for(targets, ind.id, c) for c in out["community_id"]]
        out[f"{platform}_light"] = [
            sample.light_for(number(x), tg, ind.better, n)
            for x, tg, n in zip(v, out[f"{platform}_target"], cases, strict=True)
        ]
        out[f"{platform}_rank"] = v.where(~few).rank(ascending=ind.better == "down", method="min")
        rank_cols.append(f"{platform}_rank")
    # A community ranked on fewer than three platforms (the village has no managed housing,
    # say) gets no overall rank rather than a flattering one.
    ranked_on = out[rank_cols].notna().sum(axis=1)
    out["platforms_ranked"] = ranked_on
    out["mean_rank"] = out[rank_cols].mean(axis=1, skipna=True).where(ranked_on >= MIN_PLATFORMS)
    out["overall_rank"] = out["mean_rank"].rank(method="min")
    return out.sort_values(["overall_rank", "community_id"], na_position="last").reset_index(
        drop=True
    )


def weakest_community(
    parts: pd.DataFrame, quarter: date, targets: pd.DataFrame, community_ids: Sequence[str]
) -> str | None:
    """The community last in the overall ranking at ``quarter`` (the one needing attention
    most); None when no community has an overall rank."""
    ranked = ranking(parts, quarter, targets, community_ids).dropna(subset=["overall_rank"])
    if ranked.empty:
        return None
    return str(ranked.iloc[-1]["community_id"])


def indicator_ranks(
    parts: pd.DataFrame, quarter: date, population: Mapping[str, object] | None = None
) -> pd.DataFrame:
    """Every community's rank on every indicator at ``quarter`` (1 = best for that indicator).

    One row per community and indicator: value, rank and n (communities ranked). A value
    resting on fewer than :data:`FEW_CASES` cases (governance/sample.py; a rate per head:
    its residents) is not ranked: it has no row, as a community without a value has none.

    With ``population`` (community id -> residents) a count (信访总量) is ranked by its value
    per 1,000 residents, since a total grows with the community's size (issue 20): column
    ``per1000`` holds that figure (NaN for the rest), and a community without a population
    is not ranked on counts. Without it, counts are ranked as they are.
    """
    values = per_community(parts, quarter, with_cases=True).dropna(subset=["value"])
    values["per1000"] = float("nan")
    if population is not None:
        values = _per_1000(values, population)
    level = [
        sample.level_cases(REGISTRY[i], d, c) if i in REGISTRY else c
        for i, d, c in zip(values["indicator_id"], values["den"], values["cases"], strict=True)
    ]
    counted = pd.Series([not sample.small(n) for n in level], index=values.index, dtype=bool)
    values = values[counted][["community_id", "indicator_id", "value", "per1000"]].copy()
    if values.empty:
        return values.assign(rank=pd.Series(dtype="float64"), n=pd.Series(dtype="int64"))
    better_down = values["indicator_id"].map(
        lambda i: REGISTRY[i].better == "down" if i in REGISTRY else False
    )
    ranked_on = values["per1000"].where(values["per1000"].notna(), values["value"])
    signed = ranked_on.where(better_down, -ranked_on)
    values["rank"] = signed.groupby(values["indicator_id"]).rank(method="min")
    values["n"] = values.groupby("indicator_id")["value"].transform("count")
    return values.reset_index(drop=True)


def _is_count(indicator_id: str) -> bool:
    ind = REGISTRY.get(indicator_id)
    return ind is not None and ind.unit == "count"


def _per_1000(values: pd.DataFrame, population: Mapping[str, object]) -> pd.DataFrame:
    """``values`` with each count's value per 1,000 residents in ``per1000``; the rows of a
    count whose community has no population (missing or 0) are dropped: not ranked."""
    residents = values["community_id"].map(lambda c: number(population.get(c)))
    residents = residents.astype("float64").where(lambda r: r > 0)
    counts = values["indicator_id"].map(_is_count).astype(bool)
    out = values.assign(per1000=(values["value"] / residents * 1000).where(counts))
    return out[~counts | residents.notna()]
