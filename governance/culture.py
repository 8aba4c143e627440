"""文化服务 Cultural services: the page's computation, as plain Python testable alone.

The page's counts (activities, person-times, active teams, team members, subsidy, trainees)
are page measures of the registry (``governance/indicators.py``), so the shared KPI tile,
formatting and good/bad colouring treat them exactly like the scored indicators. The page
reads them as long parts (``queries/culture_parts_by_community_quarter.sql``) with the two
scored indicators of the platform (participation per 1,000 residents, placement rate) from
the shared indicator parts: the tiles through :func:`governance.kpi.kpis`, the trends, notes
and community bars through :func:`governance.kpi.aggregate` and
:func:`governance.kpi.per_community`, as every platform's.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go

from governance import charts, contract, kpi, labels, periods, sample
from governance.i18n import categories, t
from governance.indicators import CULTURE_PARTS, REGISTRY, Indicator

# The page's own counts (culture_parts_by_community_quarter's measures), in the registry's order.
COUNTS: tuple[str, ...] = tuple(i.id for i in REGISTRY.values() if i.source == CULTURE_PARTS)

PARTICIPATION, PLACEMENT = "participation_per_1000", "placement_rate"
SCORED = (PARTICIPATION, PLACEMENT)

# What the community bars can show (the first is the platform's headline indicator).
BREAKDOWN_IDS = (
    PARTICIPATION,
    "person_times",
    "activities",
    "team_members",
    "subsidy_yuan",
    PLACEMENT,
)

BRANDS_SHOWN = tuple(b for b in contract.BRANDS if b != "无")
# Categorical colours for the activity kinds: no green or red, which mean good and bad here.
KIND_COLOURS = ("#4c78a8", "#72b7b2", "#b279a2", "#9d755d")

# Columns whose values are categories of the contract (translated in English).
CATEGORY_COLUMNS = ("venue", "kind", "brand", "team_kind", "main_kind", "main_venue", "level")
# Rates and shares are shown with one decimal.
ROUNDED = ("share_pct", "placement_rate")
# Columns a query gives in both languages as <name>_zh and <name>_en.
BILINGUAL = ("community", "team", "honour")


# ---- labels ---------------------------------------------------------------------------------


def indicator(measure_id: str) -> Indicator:
    """The registry's measure behind a KPI id (one of this page's counts or an indicator)."""
    return REGISTRY[measure_id]


def label(measure_id: str, lang: str = "zh") -> str:
    ind = indicator(measure_id)
    return ind.label(lang)


category = categories.category  # a category value of the data (venue, kind, brand...) in lang


# The computed columns this page words by another key than culture.col.<name>.
_OWN_KEYS = {
    "community": "col.community",
    "kind": "common.kind",
    "person_times": "col.person_times",
}


def column_labels(lang: str = "zh") -> dict[str, str]:
    """Headers for the columns the culture queries compute (the rest: labels.header)."""
    return labels.own(lang, "culture", _OWN_KEYS)


def localised(df: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """``df`` for display in ``lang``: one name column per ``<x>_zh``/``<x>_en`` pair, kept
    in the place of the pair, category values translated in English, dates without a time
    and quarters as ``2011Q4``."""
    return labels.localise(
        df,
        lang,
        pairs=BILINGUAL,
        rounding=dict.fromkeys(ROUNDED, 1),
        category_columns=CATEGORY_COLUMNS,
    )


# ---- values by quarter ----------------------------------------------------------------------


def in_period(df: pd.DataFrame, period_from: date, period_to: date) -> pd.DataFrame:
    """The rows of a frame with a ``quarter`` column that fall in the period."""
    q = pd.to_datetime(df["quarter"])
    return df[(q >= pd.Timestamp(period_from)) & (q <= pd.Timestamp(period_to))].reset_index(
        drop=True
    )


def has_data(values: pd.DataFrame, period_from: date, period_to: date) -> bool:
    """Whether the period holds any activity, team or training for the communities of
    ``values`` (:func:`governance.kpi.aggregate` of the page's parts)."""
    chosen = in_period(values[values["indicator_id"].isin(COUNTS)], period_from, period_to)
    return bool(chosen["value"].fillna(0).sum() > 0)


def at(values: pd.DataFrame, quarter: date) -> dict[str, float | None]:
    """The page's counts at one quarter (None for a count without a value there)."""
    rows = values[pd.to_datetime(values["quarter"]) == pd.Timestamp(quarter)]
    by_id = dict(zip(rows["indicator_id"], rows["value"], strict=True))
    return {c: kpi.number(by_id.get(c)) for c in COUNTS}


def trend_frame(values: pd.DataFrame, period_from: date, period_to: date) -> pd.DataFrame:
    """One row per quarter of the period: the counts and the two scored indicators (NaN
    where a measure has no value), from :func:`governance.kpi.aggregate`'s long values."""
    ids = [*COUNTS, *SCORED]
    chosen = in_period(values[values["indicator_id"].isin(ids)], period_from, period_to)
    wide = chosen.pivot_table(index="quarter", columns="indicator_id", values="value", dropna=False)
    out = wide.reindex(columns=ids).astype("float64").sort_index()
    out = out.rename_axis(columns=None).reset_index()
    out["quarter"] = pd.to_datetime(out["quarter"]).dt.date
    return out


# ---- by community ---------------------------------------------------------------------------


def community_breakdown(
    parts: pd.DataFrame,
    targets: pd.DataFrame,
    quarter: date,
    community_ids: Sequence[str],
    measure_id: str,
) -> pd.DataFrame:
    """One row per community at ``quarter`` from the long ``parts`` (the shared and the
    page's own): value, target (scored indicators only), light and ``small`` (on fewer than
    10 cases, governance/sample.py: its counts "1/2" and no light; None otherwise, and for the
    page's own counts, every event there was)."""
    out = pd.DataFrame({"community_id": list(community_ids)})
    per = kpi.per_community(parts[parts["indicator_id"] == measure_id], quarter, with_cases=True)
    per = per.set_index("community_id")
    out["value"] = out["community_id"].map(per["value"]).astype("float64")
    if measure_id in SCORED:
        ind = REGISTRY[measure_id]
        out["target"] = [kpi.target_for(targets, measure_id, c) for c in out["community_id"]]
        parts_of = [out["community_id"].map(per[c]) for c in ("num", "den", "cases")]
        judged = [
            sample.bar(ind, kpi.number(v), tg, n, d, c)
            for v, tg, n, d, c in zip(out["value"], out["target"], *parts_of, strict=True)
        ]
        out["light"] = [light for light, _ in judged]
        out["small"] = [few for _, few in judged]
    else:
        out["target"] = None
        out["light"] = None
        out["small"] = None
    return out.sort_values("value", ascending=False, na_position="last").reset_index(drop=True)


# ---- categories -----------------------------------------------------------------------------


def complete(df: pd.DataFrame, column: str, categories: Sequence[str]) -> pd.DataFrame:
    """``df`` with one row per category in that order, zeros where a category had no row.

    Counts become 0; rates and shares of an absent category stay empty (no base to divide).
    """
    rest = df[~df[column].isin(categories)]
    frame = pd.DataFrame({column: list(categories)}).merge(df, on=column, how="left")
    for col in frame.columns:
        if col == column:
            continue
        if col in ("placement_rate", "share_pct"):
            continue
        if pd.api.types.is_numeric_dtype(frame[col]):
            frame[col] = frame[col].fillna(0)
    return pd.concat([frame, rest], ignore_index=True) if not rest.empty else frame


def venue_kind_stacks(
    by_venue_kind: pd.DataFrame, measure: str, lang: str = "zh"
) -> tuple[list[str], dict[str, list[float]]]:
    """Venues (x) and one stack per activity kind of ``measure`` for a stacked bar chart."""
    wide = by_venue_kind.pivot_table(
        index="venue", columns="kind", values=measure, aggfunc="sum", fill_value=0
    ).reindex(index=list(contract.VENUES), columns=list(contract.ACTIVITY_KINDS), fill_value=0)
    venues = [category(v, lang) for v in wide.index]
    stacks = {category(k, lang): [float(x) for x in wide[k]] for k in wide.columns}
    return venues, stacks


def placed_stacks(by_kind: pd.DataFrame, lang: str = "zh") -> tuple[list[str], dict]:
    """Training kinds (x), stacked: trainees placed in jobs and trainees not placed."""
    done = complete(by_kind, "kind", contract.TRAINING_KINDS)
    kinds = [category(k, lang) for k in done["kind"]]
    placed = [float(x) for x in done["placed"]]
    rest = [float(n - p) for n, p in zip(done["trainees"], done["placed"], strict=True)]
    return kinds, {
        t("culture.col.placed", lang): placed,
        t("culture.training.not_placed", lang): rest,
    }


TEAM_COLUMNS = ("teams", "active_teams", "members_end", "team_activities", "subsidy_yuan")
_TEAM_KEYS = {"community": ("community_id", "community_zh", "community_en"), "kind": ("kind",)}


def teams_at(by_both: pd.DataFrame, grain: str) -> pd.DataFrame:
    """The rows of ``culture_teams_by_community_and_kind`` at ``grain`` ("community" or
    "kind"), with that grain's key columns and the team counts, in the query's order."""
    rows = by_both[by_both["grain"] == grain]
    return rows[[*_TEAM_KEYS[grain], *TEAM_COLUMNS]].reset_index(drop=True)


def team_totals(by_kind: pd.DataFrame) -> dict[str, int]:
    """All teams founded by the end of the period and those active in it."""
    return {
        "teams": int(by_kind["teams"].sum()) if not by_kind.empty else 0,
        "active": int(by_kind["active_teams"].sum()) if not by_kind.empty else 0,
    }


# ---- honours --------------------------------------------------------------------------------


def honours_timeline(
    honours: pd.DataFrame, period_from: date, period_to: date, lang: str = "zh"
) -> go.Figure:
    """The honours on a time axis over the practice period, with the selected period shaded."""
    shown = localised(honours, lang)
    dates = pd.to_datetime(shown["date"]).dt.date.tolist()
    names = shown["honour"].tolist()
    levels = shown["level"].tolist()
    positions = ["top center" if i % 2 == 0 else "bottom center" for i in range(len(dates))]
    fig = go.Figure(
        go.Scatter(
            x=dates,
            y=[0] * len(dates),
            mode="markers+text",
            text=[
                f"{d.isoformat()}<br><b>{n}</b><br>{lv}"
                for d, n, lv in zip(dates, names, levels, strict=True)
            ],
            textposition=positions,
            marker={"size": 18, "symbol": "star", "color": charts.LIGHT_COLOURS["amber"]},
            hovertemplate="%{text}<extra></extra>",
        )
    )
    start = min([date.fromisoformat(contract.PERIOD_START), *dates])
    end = max([date.fromisoformat(contract.PERIOD_END), *dates])
    fig.add_vrect(
        x0=period_from,
        x1=periods.shift(period_to, 1) - timedelta(days=1),
        fillcolor=charts.NEUTRAL,
        opacity=0.12,
        line_width=0,
        annotation_text=t("common.selected_period", lang),
        annotation_position="top left",
    )
    fig.update_xaxes(
        range=[start - timedelta(days=60), end + timedelta(days=60)], tickformat="%Y-%m"
    )
    fig.update_yaxes(visible=False, range=[-1.6, 1.6])
    fig.update_layout(
        height=260,
        margin={"l": 10, "r": 10, "t": 20, "b": 10},
        font={"family": charts.FONT},
        showlegend=False,
    )
    return fig
