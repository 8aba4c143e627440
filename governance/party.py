"""区域大党建 Regional party-building: KPIs, tables and figures of the platform page.

Plain Python (no Streamlit), so every number the page shows can be tested alone. The frames
come from ``queries/party_*.sql``; this module turns them into KPIs (value at the last quarter
of the period, change against the basis, coloured by each measure's good direction), the
1+2+X matrix, drillable charts and display-ready record tables. Its rates are the registry's
(governance/indicators.py), computed from long parts by governance.kpi as every platform's;
the wide counts only add up.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from governance import charts, fmt, kpi, labels, sample
from governance.contract import CONTRIBUTION_KINDS, PARTNER_KINDS, PARTY_BODY_KINDS
from governance.i18n import t
from governance.i18n.categories import category, chart_label
from governance.indicators import REGISTRY

# Categories (kinds of unit or resource) get neutral colours: red and green mean bad and good.
PALETTE = ("#4c78a8", "#72b7b2", "#f58518", "#b279a2", "#9d755d", "#54a24b")


def _colour_series(fig: go.Figure, colours: dict[str, str]) -> go.Figure:
    for name, colour in colours.items():
        fig.update_traces(selector={"name": name}, line_color=colour, marker_color=colour)
    return fig


def _integer_axis(fig: go.Figure, top: float, axis: str = "y") -> go.Figure:
    """Whole-number ticks for counts (no 2.5 partner units)."""
    step = max(1, math.ceil((top or 1) / 6))
    if axis == "y":
        fig.update_yaxes(dtick=step, tickformat=",d", rangemode="tozero")
    else:
        fig.update_xaxes(dtick=step, tickformat=",d", rangemode="tozero")
    return fig


# ---- the measures: counts read wide, rates from the registry's long parts --------------------

# Stocks of party_measures_by_community_quarter (in place at the end of a quarter): they add up
# over communities, and a period has its last quarter's. Its other counts are flows, adding up
# over communities and quarters.
IN_PLACE_COLUMNS = ("bodies", "partner_units", "committee_members")
NAME_COLUMNS = ("community_id", "community_zh", "community_en")
# The page's rates (column of its frames -> the registry's measure): each is computed once, as
# every platform's, from its long parts by governance.kpi (a ratio of sums, never a mean of
# rates), never from the wide counts.
RATES: dict[str, str] = {
    "resolution_rate": "issue_resolution_rate",
    "mean_days_to_resolve": "issue_days_to_resolve",
    "hazard_handled_rate": "hazard_handled_rate",
}


def by_quarter(rows: pd.DataFrame, parts: pd.DataFrame, communities: Sequence[str]) -> pd.DataFrame:
    """The ``communities`` together, one row per quarter, for the trends and the notes under
    the tiles: the counts and stocks of ``rows`` (party_measures_by_community_quarter) added
    up, and the rates of ``parts`` (long parts, the shared and the party's own) by
    :func:`governance.kpi.aggregate` (null where there is nothing to divide by)."""
    counts = rows.drop(columns=list(NAME_COLUMNS)).groupby("quarter", sort=True).sum()
    values = kpi.aggregate(parts[parts["indicator_id"].isin(list(RATES.values()))], communities)
    rates = values.pivot_table(
        index="quarter", columns="indicator_id", values="value", dropna=False
    )
    rates = rates.reindex(columns=list(RATES.values())).set_axis(list(RATES), axis=1)
    return counts.join(rates.set_axis(pd.to_datetime(rates.index))).reset_index()


def by_community(
    rows: pd.DataFrame, parts: pd.DataFrame, period_from: date, period_to: date
) -> pd.DataFrame:
    """Each community of ``rows`` (party_measures_by_community_quarter) over the period, for
    the by-community bars, the 1+2+X matrix's rows and the members chart: counts added up over
    the quarters from ``period_from`` to ``period_to``, the 1+2+X bodies, partner units and
    members in place at the end of ``period_to``; and each rate of ``parts`` (long parts) over
    the period by the registry's rule, with its parts (``<rate>_num``, ``_den``, ``_cases``)
    for the small-sample rule. A community with nothing has zeros and null rates; communities
    in id order."""
    names = (
        rows[list(NAME_COLUMNS)]
        .drop_duplicates("community_id")
        .sort_values("community_id", kind="stable")
        .set_index("community_id")
    )
    quarter = rows["quarter"]
    start, end = pd.Timestamp(period_from), pd.Timestamp(period_to)
    chosen = rows[(quarter >= start) & (quarter <= end)]
    flows = chosen.drop(columns=[*NAME_COLUMNS[1:], "quarter", *IN_PLACE_COLUMNS])
    flows = flows.groupby("community_id").sum()
    # the stocks of the period's last quarter (of the data up to it, should it end later)
    last = quarter[quarter <= end].max()
    at_end = rows[quarter == last].set_index("community_id")[list(IN_PLACE_COLUMNS)]
    sums = names.join(flows.reindex(names.index, fill_value=0)).join(
        at_end.reindex(names.index, fill_value=0)
    )
    # the period's parts added up per community, then valued at its last quarter by kpi
    q = pd.to_datetime(parts["quarter"])
    span = parts[(q >= start) & (q <= end) & parts["indicator_id"].isin(list(RATES.values()))]
    span = span.groupby(["community_id", "indicator_id"], as_index=False)[["num", "den"]]
    values = kpi.per_community(span.sum(min_count=1).assign(quarter=end), period_to, True)
    for column, indicator_id in RATES.items():
        mine = values[values["indicator_id"] == indicator_id].set_index("community_id")
        for part, suffix in (("value", ""), ("num", "_num"), ("den", "_den"), ("cases", "_cases")):
            sums[column + suffix] = sums.index.map(mine[part]).astype("float64")
    return sums.reset_index()


def _row(measures: pd.DataFrame, quarter: date) -> pd.Series | None:
    rows = measures[measures["quarter"] == pd.Timestamp(quarter)]
    return None if rows.empty else rows.iloc[0]


def kpi_notes(measures: pd.DataFrame, quarter: date, lang: str = "zh") -> dict[str, str]:
    """The line under each KPI's help: the counts behind a rate, what a stock means."""
    row = _row(measures, quarter)
    if row is None:
        return {}
    meetings = int(row["meetings"])
    units = row["units_present"] / meetings if meetings else None
    return {
        "joint_meetings_held": t(
            "party.note.meetings",
            lang,
            issues=fmt.count(row["issues_raised"], lang),
            units=fmt.number(units),
        ),
        "issue_resolution_rate": t(
            "party.note.resolution",
            lang,
            raised=fmt.count(row["issues_raised"], lang),
            resolved=fmt.count(row["issues_resolved"], lang),
        ),
        "issue_days_to_resolve": t(
            "party.note.days", lang, n=fmt.count(row["issues_resolved"], lang)
        ),
        "patrols_held": t("party.note.patrols", lang, found=fmt.count(row["hazards_found"], lang)),
        "hazard_handled_rate": t(
            "party.note.hazards",
            lang,
            found=fmt.count(row["hazards_found"], lang),
            handled=fmt.count(row["hazards_handled"], lang),
        ),
        "partner_units": t(
            "party.note.partners",
            lang,
            n=fmt.count(row["contributions"], lang),
            value=fmt.yuan(row["contribution_value_yuan"], lang),
        ),
        "committee_members": t("party.note.members", lang),
    }


def in_period(measures: pd.DataFrame, period_from: date, period_to: date) -> pd.DataFrame:
    """The rows of a by-quarter frame inside the selected period."""
    q = measures["quarter"]
    mask = (q >= pd.Timestamp(period_from)) & (q <= pd.Timestamp(period_to))
    return measures[mask].reset_index(drop=True)


ACTIVITY_COLUMNS = ("meetings", "issues_raised", "patrols", "contributions")
STOCK_COLUMNS = ("partner_units", "committee_members")


def has_data(measures: pd.DataFrame, bodies: pd.DataFrame, period_to: date) -> bool:
    """Whether the selection holds anything to show: activity in the period (``measures``
    already cut to it) or bodies, partner units or members in place at its end."""
    if not bodies.empty:
        return True
    if measures.empty:
        return False
    if measures[list(ACTIVITY_COLUMNS)].fillna(0).to_numpy().sum() > 0:
        return True
    row = _row(measures, period_to)
    return row is not None and any((kpi.number(row[c]) or 0) > 0 for c in STOCK_COLUMNS)


# ---- trends --------------------------------------------------------------------------------


def _quarters(frame: pd.DataFrame) -> list[date]:
    return [pd.Timestamp(q).date() for q in frame["quarter"]]


def _values(frame: pd.DataFrame, column: str) -> list[float | None]:
    return [kpi.number(v) for v in frame[column]]


def trend_figures(
    frame: pd.DataFrame,
    targets: pd.DataFrame,
    scope: Sequence[str],
    lang: str = "zh",
) -> list[go.Figure]:
    """The trend charts over the quarters of ``frame`` (already cut to the period)."""
    one = scope[0] if len(scope) == 1 else None
    quarters = _quarters(frame)

    def s(key: str) -> str:
        return t(key, lang)

    def target(indicator_id: str) -> float | None:
        return kpi.target_for(targets, indicator_id, one)

    wan = [None if v is None else v / 10_000 for v in _values(frame, "contribution_value_yuan")]
    colours = {
        s("party.series.meetings"): charts.NEUTRAL,
        s("party.series.raised"): PALETTE[4],
        s("party.series.resolved"): charts.GOOD,
        s("party.series.patrols"): charts.NEUTRAL,
        s("party.series.found"): PALETTE[2],
        s("party.series.handled"): charts.GOOD,
        s("party.series.rate"): charts.NEUTRAL,
        s("party.series.days"): charts.NEUTRAL,
        s("col.person_times"): charts.NEUTRAL,
        s("party.rec.partners"): charts.NEUTRAL,
        s("party.rec.members"): PALETTE[1],
        s("party.series.value"): charts.NEUTRAL,
    }
    figures = [
        charts.trend(
            quarters,
            {
                s("party.series.meetings"): _values(frame, "meetings"),
                s("party.series.raised"): _values(frame, "issues_raised"),
                s("party.series.resolved"): _values(frame, "issues_resolved"),
            },
            s("party.rec.meetings"),
            s("party.unit.count"),
            indicators=("joint_meetings_held",),
        ),
        charts.trend(
            quarters,
            {s("party.series.rate"): _values(frame, "resolution_rate")},
            s("party.trend.resolution"),
            s("party.unit.pct"),
            target("issue_resolution_rate"),
            s("col.target"),
            indicators=("issue_resolution_rate",),
        ),
        charts.trend(
            quarters,
            {s("party.series.days"): _values(frame, "mean_days_to_resolve")},
            s("party.trend.days"),
            s("party.unit.days"),
            target("issue_days_to_resolve"),
            s("col.target"),
            indicators=("issue_days_to_resolve",),
        ),
        charts.trend(
            quarters,
            {
                s("party.series.patrols"): _values(frame, "patrols"),
                s("party.series.found"): _values(frame, "hazards_found"),
                s("party.series.handled"): _values(frame, "hazards_handled"),
            },
            s("party.trend.patrols"),
            s("party.unit.count"),
            indicators=("patrols_held", "hazard_handled_rate"),
        ),
        charts.trend(
            quarters,
            {s("party.series.rate"): _values(frame, "hazard_handled_rate")},
            s("party.trend.hazard_rate"),
            s("party.unit.pct"),
            target("hazard_handled_rate"),
            s("col.target"),
            indicators=("hazard_handled_rate",),
        ),
        charts.trend(
            quarters,
            {s("col.person_times"): _values(frame, "person_times")},
            s("party.trend.person_times"),
            s("party.unit.person_times"),
            indicators=("patrol_person_times",),
        ),
        charts.trend(
            quarters,
            {
                s("party.rec.partners"): _values(frame, "partner_units"),
                s("party.rec.members"): _values(frame, "committee_members"),
            },
            s("party.trend.resources"),
            s("party.unit.units"),
            indicators=("partner_units", "committee_members"),
        ),
        charts.trend(
            quarters,
            {s("party.series.value"): wan},
            s("party.kpi.contribution_value"),
            s("unit.wan_yuan"),
            platform="party",
        ),
    ]
    return [_colour_series(fig, colours) for fig in figures]


# ---- breakdown by community ----------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    column: str  # in by_community's frame
    indicator_id: str | None  # for label, direction and target; None: label_key
    label_key: str | None = None
    value_format: str = ",.0f"


MEASURES: dict[str, Measure] = {
    "resolution_rate": Measure("resolution_rate", "issue_resolution_rate", value_format=".1f"),
    "meetings": Measure("meetings", "joint_meetings_held"),
    "issues_raised": Measure("issues_raised", None, "party.series.raised"),
    "mean_days_to_resolve": Measure(
        "mean_days_to_resolve", "issue_days_to_resolve", value_format=".1f"
    ),
    "patrols": Measure("patrols", "patrols_held"),
    "person_times": Measure("person_times", "patrol_person_times"),
    "hazard_handled_rate": Measure(
        "hazard_handled_rate", "hazard_handled_rate", value_format=".1f"
    ),
    "contribution_value_yuan": Measure(
        "contribution_value_yuan", None, "party.kpi.contribution_value"
    ),
    "partner_units": Measure("partner_units", "partner_units"),
    "committee_members": Measure("committee_members", "committee_members"),
    "bodies": Measure("bodies", None, "party.kpi.bodies"),
}


def measure_label(key: str, lang: str = "zh") -> str:
    m = MEASURES[key]
    if m.indicator_id is not None:
        ind = REGISTRY[m.indicator_id]
        label = ind.label(lang)
        unit = "%" if ind.unit == "pct" else None
    else:
        label = t(m.label_key or "", lang)
        unit = t("unit.yuan", lang) if key == "contribution_value_yuan" else None
    if unit is None:
        return label
    return f"{label}（{unit}）" if lang == "zh" else f"{label} ({unit})"


def _parts(frame: pd.DataFrame, column: str) -> list[float | None]:
    """A rate's part of by_community's frame (None each: a frame without it, nothing counted)."""
    return _values(frame, column) if column in frame.columns else [None] * len(frame)


def community_figure(
    by_community: pd.DataFrame,
    measure: str,
    targets: pd.DataFrame,
    lang: str = "zh",
) -> go.Figure:
    """Bars of one measure per community (ids in customdata, so a click drills down);
    coloured by traffic light when the measure has a target. Highest value first, missing
    values last, as on every other page (ties keep the data's order)."""
    m = MEASURES[measure]
    frame = localise(by_community, lang)
    frame = frame.assign(_value=frame[m.column].astype("float64"))
    frame = frame.sort_values("_value", ascending=False, na_position="last", kind="stable")
    ids = frame["community_id"].tolist()
    values = _values(frame, m.column)
    lights = None
    town_target = None
    small = None
    if m.indicator_id is not None:
        ind = REGISTRY[m.indicator_id]
        own = [kpi.target_for(targets, m.indicator_id, c) for c in ids]
        # a rate's parts over the period, for the small-sample rule (governance/sample.py)
        rate_parts = [_parts(frame, f"{m.column}_{part}") for part in ("num", "den", "cases")]
        judged = [
            sample.bar(ind, v, tg, n, d, c)
            for v, tg, n, d, c in zip(values, own, *rate_parts, strict=True)
        ]
        if any(tg is not None for tg in own):
            lights = [light for light, _ in judged]
        small = sample.bar_words([few for _, few in judged], lang)
        town_target = kpi.target_for(targets, m.indicator_id)
    return charts.community_bars(
        ids,
        frame["community_name"].tolist(),
        values,
        measure_label(measure, lang),
        lights=lights,
        target=town_target,
        target_label=t("col.target", lang),
        value_format=m.value_format,
        small=small,
    )


# ---- 1+2+X matrix ----------------------------------------------------------------------------

TIERS: dict[str, str] = {kind: "1" if kind == "党总支" else "X" for kind in PARTY_BODY_KINDS}
TIERS |= {"工作站": "2", "居委会": "2"}


def body_column(kind: str, lang: str = "zh") -> str:
    """The matrix column of a body kind: its tier and name (1·党总支, X·Police)."""
    return f"{TIERS[kind]}·{category(kind, lang)}"


def bodies_matrix(
    bodies: pd.DataFrame, communities: pd.DataFrame, lang: str = "zh"
) -> pd.DataFrame:
    """Community x body kind: representatives of each body taking part (blank: not yet).

    ``communities`` holds the chosen communities (community_id, community_zh, community_en)
    in display order, so a community without any body still gets its row.
    """
    names = localise(communities[["community_id", "community_zh", "community_en"]], lang)
    table = bodies.pivot_table(
        index="community_id",
        columns="body_kind",
        values="representatives",
        aggfunc="sum",
    )
    table = table.reindex(index=names["community_id"], columns=list(PARTY_BODY_KINDS))
    out = pd.DataFrame(
        {
            "community_id": names["community_id"].to_numpy(),
            t("col.community", lang): names["community_name"].to_numpy(),
        }
    )
    for kind in PARTY_BODY_KINDS:
        out[body_column(kind, lang)] = pd.array(table[kind].to_numpy(), dtype="Int64")
    present = table.notna()
    tiers = pd.Series(TIERS)
    counts = {tier: present.loc[:, tiers[tiers == tier].index].sum(axis=1) for tier in "12X"}
    out[t("party.col.structure", lang)] = [
        f"{int(counts['1'].iloc[i])}+{int(counts['2'].iloc[i])}+{int(counts['X'].iloc[i])}"
        for i in range(len(out))
    ]
    out[t("party.col.representatives", lang)] = (
        table.sum(axis=1, min_count=1).fillna(0).astype("int64").to_numpy()
    )
    return out


def bodies_display(matrix: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """The matrix to show on screen: a dash where a body has not joined (not "None")."""
    out = matrix.copy()
    for kind in PARTY_BODY_KINDS:
        col = body_column(kind, lang)
        out[col] = [("—" if pd.isna(v) else str(int(v))) for v in out[col]]
    return out


def table_height(rows: int) -> int:
    """A dataframe height that fits ``rows`` rows without empty space, at most 360 pixels."""
    return min(360, 35 * (rows + 1) + 3)


# ---- categories, partners, members -----------------------------------------------------------


def _round(frame: pd.DataFrame, columns: Sequence[str], digits: int = 1) -> pd.DataFrame:
    out = frame.copy()
    for col in columns:
        if col in out:
            out[col] = out[col].astype("float64").round(digits)
    return out


def category_figure(categories: pd.DataFrame, lang: str = "zh") -> go.Figure:
    fig = charts.stacked_bars(
        [chart_label(c, lang) for c in categories["category"]],
        {
            t("party.series.resolved", lang): categories["issues_resolved"].tolist(),
            t("party.series.open", lang): categories["issues_open"].tolist(),
        },
        t("party.categories.chart", lang),
        colours=[charts.GOOD, charts.BAD],
    )
    return charts.legend_on_top(fig)  # clear of the category names below


def category_table(categories: pd.DataFrame) -> pd.DataFrame:
    return _round(categories, ["resolution_rate", "mean_days_to_resolve"])


def contributions_figure(contributions: pd.DataFrame, lang: str = "zh") -> go.Figure:
    """Value provided (万元) by kind of partner unit, stacked by kind of resource."""
    table = contributions.pivot_table(
        index="partner_kind", columns="contribution_kind", values="value_yuan", aggfunc="sum"
    )
    kinds = [k for k in PARTNER_KINDS if k in table.index]
    table = table.reindex(index=kinds).fillna(0) / 10_000
    shown = [kind for kind in CONTRIBUTION_KINDS if kind in table]
    stacks = {category(kind, lang): table[kind].round(2).tolist() for kind in shown}
    colours = [PALETTE[CONTRIBUTION_KINDS.index(kind)] for kind in shown]
    return charts.stacked_bars(
        [category(k, lang) for k in kinds], stacks, t("party.partners.chart", lang), colours
    )


def partners_figure(partners: pd.DataFrame, lang: str = "zh") -> go.Figure:
    kinds = [k for k in PARTNER_KINDS if k in set(partners["partner_kind"])]
    counts = partners.set_index("partner_kind").reindex(kinds)["partner_units"]
    fig = charts.stacked_bars(
        [category(k, lang) for k in kinds],
        {t("party.rec.partners", lang): counts.tolist()},
        t("party.partners.units_chart", lang),
        colours=[charts.NEUTRAL],
    )
    return _integer_axis(fig, float(counts.max()) if len(counts) else 1.0)


MEMBER_UNIT_KINDS = (*PARTNER_KINDS, "物业公司")


def members_figure(members: pd.DataFrame, communities: pd.DataFrame, lang: str = "zh") -> go.Figure:
    """Stacked bars: part-time members per community by unit kind; a click drills down."""
    names = localise(communities[["community_id", "community_zh", "community_en"]], lang)
    table = members.pivot_table(
        index="community_id", columns="unit_kind", values="members", aggfunc="sum"
    )
    table = table.reindex(index=names["community_id"]).fillna(0)
    ids = names["community_id"].tolist()
    shown = [kind for kind in MEMBER_UNIT_KINDS if kind in table]
    stacks = {category(kind, lang): table[kind].astype("int64").tolist() for kind in shown}
    colours = [PALETTE[MEMBER_UNIT_KINDS.index(kind)] for kind in shown]
    fig = charts.stacked_bars(
        names["community_name"].tolist(), stacks, t("party.members.chart", lang), colours
    )
    fig.update_traces(customdata=ids)
    fig.update_layout(clickmode="event+select", dragmode=False)
    return _integer_axis(fig, float(table.sum(axis=1).max()) if len(table) else 1.0)


# ---- records ---------------------------------------------------------------------------------

_NAMED = ("community", "partner")


def localise(df: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Keep one language of each ``<x>_zh`` / ``<x>_en`` name pair, as ``<x>_name`` (this
    page's name columns: its figures and drills read ``community_name``)."""
    return labels.localise(df, lang, pairs=_NAMED, name="{}_name", dates=False)


def records(df: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Records to show and download: names in ``lang``, dates as dates (no 00:00:00)."""
    return labels.localise(df, lang, pairs=_NAMED, name="{}_name")


def meeting_records(df: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Meetings with their issues, names in ``lang`` and the status of each issue in words
    (resolved, in hand — raised under 30 days before the data date — or open)."""
    out = records(df, lang)
    words = {code: t(f"party.status.{code}", lang) for code in ("resolved", "in_hand", "open")}
    status = out["status"].map(words) if "status" in out else pd.Series(None, index=out.index)
    out["status"] = status.where(out["issue_id"].notna(), t("party.status.none", lang))
    return out


# The columns this page words by another key than party.col.<name>.
_OWN_KEYS = {
    "community_name": "col.community",
    "meeting_date": "col.meeting_date",
    "issues_raised": "party.series.raised",
    "issues_resolved": "party.status.resolved",
    "issues_in_hand": "longterm.col.in_hand",
    "issues_open": "party.status.open",
    "mean_days_to_resolve": "party.col.mean_days",
    "members": "party.rec.members",  # the records' chart says it too
}


def record_labels(lang: str = "zh") -> dict[str, str]:
    """Headers of the computed and renamed columns (the rest: governance/labels.header)."""
    return labels.own(lang, "party", _OWN_KEYS)
