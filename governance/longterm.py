"""长效管理 Long-term management: the computations and figures behind the page.

Plain Python (no Streamlit) so every number is unit-tested. The page reads:
- the four shared indicators (fee collection, property score, grid closure, sanitation) from
  ``indicator_parts_by_community_quarter`` through ``governance.kpi``;
- three KPIs of its own (reward paid, days to close, community assessment) from
  ``longterm_kpi_parts_by_community_quarter``, aggregated here the same way: sum(num) / sum(den),
  or sum(num) when the KPI is a total;
- the reward-fund formula, its parameters taken from the what-if engine's defaults so that both
  pages describe the same rules: score% x 0.1 yuan/m2 per month x 3 months x managed area,
  capped at 1,000,000 yuan a year.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from governance import charts, db, fmt, kpi, periods, sample
from governance.auth.scope import Scope, scoped_params
from governance.contract import GRID_CATEGORIES, POST_KINDS
from governance.i18n import t
from governance.i18n.categories import category
from governance.indicators import PLATFORM_RECORDS, REGISTRY
from governance.labels import localise as localise_frame
from governance.labels import own as own_labels
from governance.whatif.params import MONTHS_PER_PERIOD, FundParams, ScoringParams

FEE = "fee_collection_rate"
SHARED_KPIS: tuple[str, ...] = (
    FEE,
    "property_score",
    "grid_closure_rate",
    "sanitation_score",
)

# The page's own measures (reward paid, days to close, community assessment) are in the
# registry (governance/indicators.py), aggregated by the same rule as the shared indicators.
LOCAL_IDS: tuple[str, ...] = ("reward_paid", "grid_days_to_close", "community_score")

# Series colours for companies, communities and post kinds: no red or green, which the page
# keeps for good and bad.
PALETTE: tuple[str, ...] = (
    "#4c78a8",
    "#72b7b2",
    "#b279a2",
    "#9d755d",
    "#eeca3b",
    "#17becf",
    "#bab0ac",
    "#8c6bb1",
    "#e7969c",
    "#637939",
)

# The bold whole-period line of the fee story, darker than any palette colour.
STORY_COLOUR = "#08306b"

FUND = FundParams()
SCORING = ScoringParams()
EXCEL_MAX_ROWS = 1_048_575  # one header row + 1,048,575 data rows per Excel sheet


def label(indicator_id: str, lang: str) -> str:
    return REGISTRY[indicator_id].label(lang)


# ---- KPIs ------------------------------------------------------------------------------------


def has_data(
    parts: pd.DataFrame,
    local_parts: pd.DataFrame,
    scope: Sequence[str],
    period_from: date,
    period_to: date,
) -> bool:
    """Whether any KPI of this page has a value for ``scope`` in the period."""
    start, end = pd.Timestamp(period_from), pd.Timestamp(period_to)
    for frame, ids in ((parts, SHARED_KPIS), (local_parts, LOCAL_IDS)):
        rows = frame[
            frame["community_id"].isin(list(scope))
            & frame["indicator_id"].isin(ids)
            & frame["quarter"].between(start, end)
        ]
        if not rows.empty:
            return True
    return False


# ---- the fee-collection story: the whole period, 20% -> 60% ---------------------------------


@dataclass(frozen=True)
class Story:
    first_quarter: date
    first_value: float
    last_quarter: date
    last_value: float

    @property
    def rise(self) -> float:
        return self.last_value - self.first_value


def fee_series(parts: pd.DataFrame, scope: Sequence[str]) -> pd.DataFrame:
    """The collection rate of ``scope`` together in every quarter of the data: quarter, value."""
    values = kpi.aggregate(parts, scope)
    rows = values[(values["indicator_id"] == FEE) & values["value"].notna()]
    return rows[["quarter", "value"]].reset_index(drop=True)


def story(series: pd.DataFrame) -> Story | None:
    """First and last quarter of the whole series with their values; None when empty."""
    if series.empty:
        return None
    first, last = series.iloc[0], series.iloc[-1]
    return Story(
        pd.Timestamp(first["quarter"]).date(),
        float(first["value"]),
        pd.Timestamp(last["quarter"]).date(),
        float(last["value"]),
    )


def fee_by_community(
    parts: pd.DataFrame, scope: Sequence[str], names: Mapping[str, str]
) -> dict[str, pd.DataFrame]:
    """The collection rate of each community in ``scope`` over the whole data, by name
    (communities without bills, like the village, are left out). None for a single
    community: the bold line already is that community."""
    if len(scope) < 2:
        return {}
    rows = parts[(parts["indicator_id"] == FEE) & parts["community_id"].isin(list(scope))]
    out: dict[str, pd.DataFrame] = {}
    for community_id in scope:
        own = rows[rows["community_id"] == community_id]
        if own.empty:
            continue
        rate = own["num"] / own["den"].where(own["den"] > 0) * REGISTRY.get(FEE).factor
        out[names.get(community_id, community_id)] = pd.DataFrame(
            {"quarter": own["quarter"].to_numpy(), "value": rate.to_numpy()}
        )
    return out


def fee_by_company(rates: pd.DataFrame, lang: str) -> dict[str, pd.DataFrame]:
    """The collection rate of each property company (query rows) over the whole data."""
    out: dict[str, pd.DataFrame] = {}
    name_col = "company_en" if lang == "en" else "company_zh"
    for _, rows in rates.groupby("company_id", sort=True):
        out[str(rows[name_col].iloc[0])] = pd.DataFrame(
            {"quarter": rows["quarter"].to_numpy(), "value": rows["rate_pct"].to_numpy()}
        )
    return out


def recolour(fig: go.Figure, skip: int = 0) -> go.Figure:
    """Give the traces from ``skip`` on the page's palette colours, in order."""
    for i, trace in enumerate(fig.data[skip:]):
        colour = PALETTE[i % len(PALETTE)]
        if isinstance(trace, go.Bar):
            trace.marker.color = colour
        else:
            trace.line.color = colour
            trace.marker.color = colour
    return fig


def _by_quarter(quarters: pd.Series, values: pd.Series) -> dict[date, float]:
    return {pd.Timestamp(q).date(): float(v) for q, v in zip(quarters, values, strict=True)}


def _qlabel(q: object) -> str:
    return periods.to_label(pd.Timestamp(q).date())


def fee_story_figure(
    town: pd.DataFrame,
    lines: Mapping[str, pd.DataFrame],
    target: float | None,
    period_from: date,
    period_to: date,
    lang: str,
    town_name: str,
    line_ids: Mapping[str, str] | None = None,
) -> go.Figure:
    """The whole-period collection rate: a bold line for the scope, first and last values
    annotated, the target dashed, the selected period shaded; thin lines per community or
    company when ``lines`` is given (``line_ids``: a line's community id, so a click on it
    can drill down)."""
    quarters = sorted(
        {pd.Timestamp(q).date() for q in town["quarter"]}
        | {pd.Timestamp(q).date() for df in lines.values() for q in df["quarter"]}
    )
    labels = [periods.to_label(q) for q in quarters]
    fig = go.Figure()
    for i, (name, df) in enumerate(lines.items()):
        community_id = (line_ids or {}).get(name)
        fig.add_trace(
            go.Scatter(
                x=[_qlabel(q) for q in df["quarter"]],
                y=df["value"].tolist(),
                customdata=[community_id] * len(df) if community_id else None,
                name=name,
                mode="lines",
                line={"width": 1.5, "color": PALETTE[i % len(PALETTE)]},
                opacity=0.8,
                hovertemplate=f"{name} %{{x}}: %{{y:.1f}}%<extra></extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[_qlabel(q) for q in town["quarter"]],
            y=town["value"].tolist(),
            name=town_name,
            mode="lines+markers",
            line={"width": 5, "color": STORY_COLOUR},
            marker={"size": 8},
            hovertemplate=f"{town_name} %{{x}}: %{{y:.1f}}%<extra></extra>",
        )
    )
    if target is not None:
        fig.add_hline(
            y=target,
            line_dash="dash",
            line_color=charts.GOOD,
            line_width=2,
            annotation_text=t("longterm.fee.target_line", lang, value=fmt.pct(target)),
            annotation_position="top left",
            annotation_font_color=charts.GOOD,
        )
    s = story(town)
    if s is not None:
        for q, v, anchor in (
            (s.first_quarter, s.first_value, "left"),
            (s.last_quarter, s.last_value, "right"),
        ):
            fig.add_annotation(
                x=periods.to_label(q),
                y=v,
                text=f"<b>{periods.to_label(q)}<br>{fmt.pct(v)}</b>",
                showarrow=True,
                arrowhead=2,
                ax=0,
                ay=-48 if anchor == "left" else 48,
                xanchor=anchor,
                font={"size": 18, "color": STORY_COLOUR},
                bgcolor="rgba(255,255,255,0.85)",
            )
    if labels:
        lo = labels.index(periods.to_label(period_from)) if period_from in quarters else 0
        hi = labels.index(periods.to_label(period_to)) if period_to in quarters else len(labels) - 1
        fig.add_vrect(
            x0=lo - 0.5,
            x1=hi + 0.5,
            fillcolor=charts.NEUTRAL,
            opacity=0.08,
            line_width=0,
            annotation_text=t("common.selected_period", lang),
            annotation_position="top left",
        )
    top = max([100.0, *(v for v in town["value"] if v == v)])
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=labels)
    fig.update_yaxes(title_text="%", range=[0, min(105.0, top + 5)])
    fig.update_layout(
        title={"text": t("longterm.fee.chart", lang), "font": {"size": 18}},
        height=460,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        font={"family": charts.FONT},
        legend={"orientation": "h", "y": -0.15},
        hovermode="closest",
    )
    return charts.plain_numbers(fig)


# ---- breakdown by community -----------------------------------------------------------------


def breakdown(
    parts: pd.DataFrame,
    local_parts: pd.DataFrame,
    targets: pd.DataFrame,
    measure: str,
    quarter: date,
    scope: Sequence[str],
    names: Mapping[str, str],
) -> pd.DataFrame:
    """One row per community in ``scope`` with a value of ``measure`` at ``quarter``:
    community_id, name, value, target (its own or the town's), light and ``small`` (on fewer
    than 10 cases, governance/sample.py: its counts "1/2" and no light; else None); best
    first."""
    ind = REGISTRY[measure]
    at = kpi.per_community(local_parts if measure in LOCAL_IDS else parts, quarter, True)
    at = at[(at["indicator_id"] == measure) & at["value"].notna()].set_index("community_id")
    rows = []
    for community_id in scope:
        if community_id not in at.index:
            continue
        v = float(at.at[community_id, "value"])
        target = kpi.target_for(targets, measure, community_id)
        num, den, cases = (at.at[community_id, c] for c in ("num", "den", "cases"))
        light, few = sample.bar(ind, v, target, num, den, cases)
        rows.append(
            {
                "community_id": community_id,
                "name": names.get(community_id, community_id),
                "value": v,
                "target": target,
                "light": light,
                "small": few,
            }
        )
    columns = ["community_id", "name", "value", "target", "light", "small"]
    out = pd.DataFrame(rows, columns=columns)
    return out.sort_values("value", ascending=ind.better == "down", kind="mergesort").reset_index(
        drop=True
    )


def missing_from(df: pd.DataFrame, scope: Sequence[str], names: Mapping[str, str]) -> list[str]:
    """Names of the communities in ``scope`` that ``df`` (with community_id) has no row for."""
    have = set(df["community_id"])
    return [names.get(c, c) for c in scope if c not in have]


def breakdown_figure(df: pd.DataFrame, measure: str, quarter: date, lang: str) -> go.Figure:
    """Bars per community, coloured by the light against target when the measure has one."""
    ind = REGISTRY[measure]
    has_target = df["target"].notna().any()
    town_target = df["target"].dropna().mode()
    value_format = {"yuan": ",.0f", "pct": ".1f", "days": ".1f"}.get(ind.unit, ".1f")
    return charts.community_bars(
        df["community_id"].tolist(),
        df["name"].tolist(),
        df["value"].tolist(),
        t(
            "common.breakdown_chart",
            lang,
            measure=label(measure, lang),
            quarter=periods.display(quarter, lang),
        ),
        lights=df["light"].tolist() if has_target else None,
        target=float(town_target.iloc[0]) if has_target else None,
        target_label=t("col.target", lang),
        value_format=value_format,
        small=sample.bar_words(df["small"], lang) if "small" in df.columns else None,
    )


# ---- property companies: assessment and the reward fund --------------------------------------


def reward_formula(score: pd.Series, area: pd.Series, params: FundParams = FUND) -> pd.Series:
    """The quarter's reward by the formula: score% x rate x months x managed area, in yuan."""
    months = MONTHS_PER_PERIOD[params.rate_period]
    return (score / 100 * params.rate * months * area).round(2)


def with_formula(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` (score, managed_area_m2, reward_yuan) with the formula amount and the gap."""
    out = df.copy()
    out["formula_yuan"] = reward_formula(out["score"], out["managed_area_m2"])
    out["gap_yuan"] = (out["reward_yuan"] - out["formula_yuan"]).round(2)
    return out


def fund_by_year(df: pd.DataFrame, cap: float = FUND.annual_cap) -> pd.DataFrame:
    """Fund used and left per year (query rows): year, cap, paid_town_yuan, left_yuan,
    used_pct, paid_scope_yuan, quarters_paid. Left is never below zero."""
    out = df.copy()
    out["cap_yuan"] = float(cap)
    out["left_yuan"] = (out["cap_yuan"] - out["paid_town_yuan"]).clip(lower=0).round(2)
    out["used_pct"] = out["paid_town_yuan"] / out["cap_yuan"] * 100 if cap else float("nan")
    cols = [
        "year",
        "quarters_paid",
        "cap_yuan",
        "paid_town_yuan",
        "left_yuan",
        "used_pct",
        "paid_scope_yuan",
    ]
    return out[cols].reset_index(drop=True)


def own_fund(fund: pd.DataFrame) -> pd.DataFrame:
    """:func:`fund_by_year` for a scoped user: the query sums their communities only, so the
    "town" paid is theirs (``paid_own_yuan``) and the town's left and use are not known here
    (a cap less their part would read as the town's remainder): those columns go."""
    out = fund.drop(columns=["left_yuan", "used_pct"]).rename(
        columns={"paid_town_yuan": "paid_own_yuan"}
    )
    return out.reset_index(drop=True)


def fund_figure(fund: pd.DataFrame, lang: str, scoped: bool = False) -> go.Figure:
    """Per year: fund used (blue) and left (grey) stacked up to the cap; for a scoped user
    (``scoped``, an :func:`own_fund` frame) their communities' part only, under the cap."""
    years = [str(y) for y in fund["year"]]
    if scoped:
        bars = {t("longterm.fund.used.own", lang): (fund["paid_own_yuan"] / 10_000).round(2)}
    else:
        bars = {
            t("longterm.fund.used", lang): (fund["paid_town_yuan"] / 10_000).round(2),
            t("longterm.fund.left", lang): (fund["left_yuan"] / 10_000).round(2),
        }
    fig = charts.stacked_bars(
        years,
        {name: values.tolist() for name, values in bars.items()},
        t("longterm.fund.chart", lang),
        colours=[charts.NEUTRAL, "#d9d9d9"][: len(bars)],
    )
    fig.add_hline(
        y=FUND.annual_cap / 10_000,
        line_dash="dash",
        line_color=charts.TARGET,
        annotation_text=t(
            "longterm.fund.cap_line.own" if scoped else "longterm.fund.cap_line", lang
        ),
        annotation_position="top left",
    )
    fig.update_traces(texttemplate="%{y:,.1f}", textposition="inside")
    fig.update_yaxes(title_text=t("longterm.unit.wan_yuan", lang))
    fig.update_xaxes(type="category")
    return fig


# Per-company charts draw at most this many series (the data can hold hundreds of companies).
MAX_COMPANY_SERIES = 10


def reward_figure(rewards: pd.DataFrame, lang: str) -> go.Figure:
    """Reward paid per quarter, stacked by property company, in 万元."""
    name_col = "company_en" if lang == "en" else "company_zh"
    quarters = sorted({pd.Timestamp(q).date() for q in rewards["quarter"]})
    x = [periods.to_label(q) for q in quarters]
    stacks: dict[str, list[float]] = {}
    for _, rows in rewards.groupby("company_id", sort=True):
        by_q = _by_quarter(rows["quarter"], rows["reward_yuan"])
        wan = [round(by_q.get(q, 0.0) / 10_000, 2) for q in quarters]
        stacks[str(rows[name_col].iloc[0])] = wan
    if len(stacks) > MAX_COMPANY_SERIES:
        # A legend of hundreds of companies says nothing: the largest, and the rest together.
        ranked = sorted(stacks, key=lambda name: -sum(stacks[name]))
        keep, rest = ranked[: MAX_COMPANY_SERIES - 1], ranked[MAX_COMPANY_SERIES - 1 :]
        other = [round(sum(stacks[n][i] for n in rest), 2) for i in range(len(quarters))]
        stacks = {n: stacks[n] for n in keep}
        stacks[t("longterm.other_companies", lang, n=len(rest))] = other
    fig = charts.stacked_bars(x, stacks, t("longterm.reward.chart", lang))
    fig.update_yaxes(title_text=t("longterm.unit.wan_yuan", lang))
    fig.update_xaxes(type="category")
    return recolour(fig)


def company_scores_at(scores: pd.DataFrame, quarter: date) -> pd.DataFrame:
    """The company scores of one quarter (query rows), best total first."""
    at = scores[scores["quarter"] == pd.Timestamp(quarter)]
    return at.sort_values(["score", "company_id"], ascending=[False, True]).reset_index(drop=True)


def company_scores_figure(at: pd.DataFrame, quarter: date, lang: str) -> go.Figure:
    """Grouped bars per company: self, town, residents and the weighted total."""
    name_col = "company_en" if lang == "en" else "company_zh"
    names = at[name_col].tolist()
    fig = go.Figure()
    parts = (
        ("score_self", "#9ecae1"),
        ("score_town", "#6baed6"),
        ("score_residents", "#4292c6"),
        ("score", charts.NEUTRAL),
    )
    for col, colour in parts:
        fig.add_trace(
            go.Bar(
                x=names,
                y=at[col].round(1).tolist(),
                name=t(f"longterm.col.{col}", lang),
                marker_color=colour,
                texttemplate="%{y:.1f}" if col == "score" else None,
                textposition="outside",
            )
        )
    fig.update_layout(
        barmode="group",
        title={
            "text": t("longterm.property.chart", lang, quarter=periods.display(quarter, lang)),
            "font": {"size": 16},
        },
        height=360,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        font={"family": charts.FONT},
        legend={"orientation": "h", "y": -0.15},
    )
    fig.update_yaxes(range=[0, 105], title_text=t("longterm.unit.points", lang))
    return charts.plain_numbers(fig)


def company_score_trend(scores: pd.DataFrame, lang: str) -> go.Figure:
    """The weighted total score of each company over the selected quarters."""
    name_col = "company_en" if lang == "en" else "company_zh"
    quarters = sorted({pd.Timestamp(q).date() for q in scores["quarter"]})
    series: dict[str, list[float | None]] = {}
    for _, rows in scores.groupby("company_id", sort=True):
        by_q = _by_quarter(rows["quarter"], rows["score"])
        series[str(rows[name_col].iloc[0])] = [by_q.get(q) for q in quarters]
    title = t("longterm.property.trend", lang)
    if len(series) > MAX_COMPANY_SERIES:
        # Hundreds of lines are unreadable: the best and the worst by their latest score.
        def latest(name: str) -> float:
            known = [v for v in series[name] if v is not None]
            return known[-1] if known else float("-inf")

        ranked = sorted(series, key=latest, reverse=True)
        half = MAX_COMPANY_SERIES // 2
        keep = ranked[:half] + ranked[-half:]
        series = {n: series[n] for n in keep}
        title = t("longterm.property.trend.some", lang, n=len(ranked), k=half)
    fig = charts.trend(quarters, series, title, indicators=("property_score",))
    fig.update_yaxes(rangemode="normal")
    fig.update_layout(showlegend=True)
    return recolour(fig)


# ---- trends over the selected period ----------------------------------------------------------


def trend_frame(
    parts: pd.DataFrame,
    local_parts: pd.DataFrame,
    scope: Sequence[str],
    period_from: date,
    period_to: date,
) -> pd.DataFrame:
    """One row per quarter of the period, one column per KPI of the row (NaN when none)."""
    both = kpi.aggregate(pd.concat([parts, local_parts], ignore_index=True), scope)
    row = PLATFORM_RECORDS["longterm"].kpi_row
    both = both[both["indicator_id"].isin(row)]
    both = both[both["quarter"].between(pd.Timestamp(period_from), pd.Timestamp(period_to))]
    wide = both.pivot_table(index="quarter", columns="indicator_id", values="value", dropna=False)
    wide = wide.reindex(columns=list(row))
    return wide.sort_index().reset_index()


def trend_figure(
    wide: pd.DataFrame, measures: Sequence[str], title: str, lang: str, y_title: str = ""
) -> go.Figure:
    quarters = [pd.Timestamp(q).date() for q in wide["quarter"]]
    series = {
        label(m, lang): [None if v != v else float(v) for v in wide[m]]
        for m in measures
        if wide[m].notna().any()
    }
    fig = charts.trend(quarters, series, title, y_title=y_title, indicators=tuple(measures))
    if all(REGISTRY[m].unit == "score" for m in measures):
        fig.update_yaxes(rangemode="normal")
    return recolour(fig)


# ---- grid management --------------------------------------------------------------------------


def grid_categories(df: pd.DataFrame) -> pd.DataFrame:
    """Query rows in the contract's category order, the six categories all present."""
    full = pd.DataFrame({"category": list(GRID_CATEGORIES)})
    out = full.merge(df, on="category", how="left")
    for col in ("cases", "closed", "open"):
        out[col] = out[col].fillna(0).astype("int64")
    return out


def grid_figure(cats: pd.DataFrame, lang: str) -> go.Figure:
    """Cases per category, closed (green) and still open (red), stacked."""
    fig = charts.stacked_bars(
        [category(c, lang) for c in cats["category"]],
        {
            t("longterm.col.closed", lang): cats["closed"].tolist(),
            t("longterm.col.open", lang): cats["open"].tolist(),
        },
        t("longterm.grid.chart", lang),
        colours=[charts.GOOD, charts.BAD],
    )
    fig.update_yaxes(title_text=t("longterm.unit.cases", lang))
    # The legend above the bars: long category names below are turned on their side.
    return charts.legend_on_top(fig)


# ---- staff posts and budget -------------------------------------------------------------------


def staff_table(df: pd.DataFrame) -> pd.DataFrame:
    """Query rows with the budget in 万元, post kinds in the contract's order."""
    out = df.copy()
    out["post_order"] = out["post_kind"].map({k: i for i, k in enumerate(POST_KINDS)})
    out = out.sort_values(["year", "post_order"]).drop(columns="post_order")
    out["headcount"] = out["headcount"].astype("int64")
    out["budget_wan"] = (out["budget_yuan"] / 10_000).round(2)
    return out[["year", "post_kind", "headcount", "budget_wan"]].reset_index(drop=True)


def staff_figure(staff: pd.DataFrame, lang: str) -> go.Figure:
    """The first-level budget per year stacked by post kind, in 万元."""
    years = sorted(staff["year"].unique())
    stacks = {}
    for kind in POST_KINDS:
        rows = staff[staff["post_kind"] == kind].set_index("year")["budget_wan"]
        if not rows.empty:
            stacks[category(kind, lang)] = [float(rows.get(y, 0.0)) for y in years]
    fig = charts.stacked_bars([str(y) for y in years], stacks, t("longterm.staff.chart", lang))
    fig.update_yaxes(title_text=t("longterm.unit.wan_yuan", lang))
    fig.update_xaxes(type="category")
    return recolour(fig)


# ---- records ----------------------------------------------------------------------------------

# Computed or joined columns the contract does not label.
COLUMN_KEYS: tuple[str, ...] = (
    "paid_in_full",
    "households_billed",
    "households_paid_full",
    "rate_pct",
    "days_to_close",
    "formula_yuan",
    "gap_yuan",
    "budget_wan",
    "communities",
    "quarters_paid",
    "cap_yuan",
    "paid_town_yuan",
    "paid_own_yuan",
    "left_yuan",
    "used_pct",
    "paid_scope_yuan",
    "cases",
    "closed",
    "in_hand",
    "open",
    "closure_rate_pct",
    "mean_days_to_close",
    "status",
)


# A grid case's status at the data date (queries/base/base_grid_cases.sql), worded as the
# columns that count them.
GRID_STATUSES: tuple[str, ...] = ("closed", "in_hand", "open")

# Digits a table shows (and its download carries) for computed measures.
ROUNDING: dict[str, int] = {
    "rate_pct": 1,
    "used_pct": 1,
    "closure_rate_pct": 1,
    "mean_days_to_close": 1,
    "score": 1,
    "score_self": 1,
    "score_town": 1,
    "score_residents": 1,
    "managed_area_m2": 0,
    "reward_yuan": 2,
    "formula_yuan": 2,
    "gap_yuan": 2,
    "cap_yuan": 2,
    "paid_town_yuan": 2,
    "paid_own_yuan": 2,
    "left_yuan": 2,
    "paid_scope_yuan": 2,
    "billed_yuan": 2,
    "paid_yuan": 2,
}


def localise(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A frame ready to show: each pair ``x_zh``/``x_en`` becomes one column ``x`` in
    ``lang``, quarters read 2011Q4, yes/no and a case's status in words, measures rounded
    (ROUNDING). Dates stay timestamps: the fee download's Excel gives them its date format."""
    out = localise_frame(df, lang, rounding=ROUNDING, dates=False)
    if "days_to_close" in out.columns:  # whole days; an open case has none (not NaN as 6.0)
        out["days_to_close"] = out["days_to_close"].astype("Int64")
    if "status" in out.columns:  # a grid case's, by base_grid_cases' rule
        words = {code: t(f"longterm.col.{code}", lang) for code in GRID_STATUSES}
        out["status"] = out["status"].map(words).fillna(out["status"])
    if "paid_in_full" in out.columns:
        yes, no = t("longterm.yes", lang), t("longterm.no", lang)
        out["paid_in_full"] = np.where(out["paid_in_full"].astype(bool), yes, no)
    return out


# The computed columns this page words by another key than longterm.col.<name>.
_OWN_KEYS = {
    "quarter": "col.quarter",
    "category": "longterm.col.category",
    "community": "col.community",
    "company": "cat.property_company",
}


def labels(lang: str) -> dict[str, str]:
    """Headers for the columns above, in ``lang`` (the rest: governance/labels.header)."""
    return own_labels(lang, "longterm", _OWN_KEYS, [*COLUMN_KEYS, *_OWN_KEYS])


def excel_fits(rows: int) -> bool:
    return rows <= EXCEL_MAX_ROWS


def fee_bills(folder: Path, params: dict[str, Any], scope: Scope) -> pd.DataFrame:
    """Every bill in the filter, for the full download (:func:`localise` words it).

    Runs on its own connection, so Streamlit can call it lazily (on the click, in another
    thread) and the bills are never held in the page's cache. The user's ``scope`` is applied
    here as ui/data.run applies it to every other query: the communities are cut to it.
    """
    name = "longterm_fee_records"
    con = db.connect(folder)
    try:
        return db.run(con, name, scoped_params(db.query_params(name), params, scope))
    finally:
        con.close()


# ---- words for the page -----------------------------------------------------------------------


def story_text(s: Story, scope_name: str, target: float | None, lang: str) -> str:
    """The one-sentence story of the whole period, and where it stands against the target."""
    text = t(
        "longterm.fee.story" if s.rise >= 0 else "longterm.fee.story_down",
        lang,
        scope=scope_name,
        first_q=periods.to_label(s.first_quarter),
        first=fmt.pct(s.first_value),
        last_q=periods.to_label(s.last_quarter),
        last=fmt.pct(s.last_value),
        rise=f"{abs(s.rise):.1f}",
    )
    if target is None:
        return text
    if s.last_value >= target:
        return text + " " + t("longterm.fee.story_target_met", lang, target=fmt.pct(target))
    gap = f"{target - s.last_value:.1f}"
    return text + " " + t("longterm.fee.story_target_gap", lang, target=fmt.pct(target), gap=gap)


def first_note(s: Story | None, lang: str) -> str | None:
    """ "First quarter of the data, 2008Q3: 18.0%" for the fee KPI's help; None when no data."""
    if s is None:
        return None
    return t(
        "longterm.kpi.fee_first",
        lang,
        quarter=periods.to_label(s.first_quarter),
        value=fmt.pct(s.first_value),
    )


def formula_text(lang: str, params: FundParams = FUND) -> str:
    """The fund formula in words, with a worked example (score 90, 100,000 m²)."""
    months = MONTHS_PER_PERIOD[params.rate_period]
    example = float(reward_formula(pd.Series([90.0]), pd.Series([100_000.0]), params).iloc[0])
    return t(
        "longterm.reward.formula",
        lang,
        rate=f"{params.rate:g}",
        months=months,
        cap=fmt.yuan(params.annual_cap, lang),
        example=fmt.yuan(example, lang),
    )


def weights_text(lang: str, params: ScoringParams = SCORING) -> str:
    return t(
        "longterm.property.weights",
        lang,
        w_self=fmt.pct(params.w_self * 100, 0),
        w_town=fmt.pct(params.w_town * 100, 0),
        w_residents=fmt.pct(params.w_residents * 100, 0),
    )


def fund_note(fund: pd.DataFrame, year: int, lang: str) -> str | None:
    """ "2011: town fund used …, left …" for the KPI tile's help (for a scoped user's
    :func:`own_fund`, what their communities received); None when no row."""
    rows = fund[fund["year"] == year]
    if rows.empty:
        return None
    row = rows.iloc[0]
    if "paid_own_yuan" in rows.columns:
        return t(
            "longterm.kpi.fund_year.own",
            lang,
            year=year,
            used=fmt.yuan(float(row["paid_own_yuan"]), lang),
        )
    return t(
        "longterm.kpi.fund_year",
        lang,
        year=year,
        used=fmt.yuan(float(row["paid_town_yuan"]), lang),
        left=fmt.yuan(float(row["left_yuan"]), lang),
    )


def scope_name(
    communities: Sequence[str], names: Mapping[str, str], lang: str, scoped: bool = False
) -> str:
    """What the bold line stands for: the whole town (for a ``scoped`` user, their
    communities), one community, or the selection."""
    if not communities:
        return t("longterm.fee.scope_own" if scoped else "common.town", lang)
    if len(communities) == 1:
        return names.get(communities[0], communities[0])
    return t("longterm.fee.scope_some", lang)
