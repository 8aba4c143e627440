"""民主自治 Democratic self-governance (platform 4): computations and figures behind the page.

Plain Python (no Streamlit) so every number is unit-tested. The page reads:
- three shared indicators (stairwells at 3+ stars, households with a volunteer, mediation
  success) from ``indicator_parts_by_community_quarter`` through ``governance.kpi``;
- five measures of its own (turnout, three meetings held, decisions carried out, volunteers,
  disputes mediated) from ``selfgov_parts_by_community_quarter``, aggregated here the same way:
  rates are sum(num) / sum(den) x 100 over the chosen communities, counts are sum(num);
- the stairwell ratings per rating round (dates, not quarters: six rounds 2010-09 .. 2011-12)
  for the community -> building -> stairwell drill.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from governance import charts, export, fmt, kpi, periods, sample
from governance.contract import MEETING_KINDS, VOLUNTEER_TEAMS
from governance.i18n import categories, t
from governance.indicators import REGISTRY
from governance.labels import localise as localise_frame
from governance.labels import own as own_labels

STAR3 = "star3_share"
HOUSEHOLD_SHARE = "volunteer_household_share"
MEDIATION_SUCCESS = "mediation_success_rate"
TURNOUT = "election_turnout"
MEETINGS = "meetings_held"
CARRIED_OUT = "decisions_carried_out_rate"
VOLUNTEERS = "volunteers"
MEDIATIONS = "mediations"

SHARED_KPIS: tuple[str, ...] = (STAR3, HOUSEHOLD_SHARE, MEDIATION_SUCCESS)


# The page's own measures (turnout, three meetings, decisions carried out, volunteers,
# mediations) are in the registry (governance/indicators.py), with the shared ones.
LOCAL_IDS: tuple[str, ...] = (TURNOUT, MEETINGS, CARRIED_OUT, VOLUNTEERS, MEDIATIONS)

# Stars 1-2 on the red side, 3-5 on the green side of the three-star line.
STAR_COLOURS = {1: charts.BAD, 2: "#f4a582", 3: "#a6d96a", 4: "#66bd63", 5: charts.GOOD}
KIND_COLOURS = ("#4c78a8", "#f58518", "#72b7b2")
TEAM_COLOURS = ("#4c78a8", "#72b7b2", "#b279a2", "#f58518")
LINE = "#222222"


def label(indicator_id: str, lang: str) -> str:
    return REGISTRY[indicator_id].label(lang)


# ---- KPIs ------------------------------------------------------------------------------------


def values(
    shared_parts: pd.DataFrame, own_parts: pd.DataFrame, communities: Sequence[str]
) -> pd.DataFrame:
    """Every measure of the page by quarter for the communities together: one long frame."""
    shared = shared_parts[shared_parts["indicator_id"].isin(SHARED_KPIS)]
    frames = [kpi.aggregate(shared, communities), kpi.aggregate(own_parts, communities)]
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame({"indicator_id": [], "quarter": [], "value": []})
    out = pd.concat(frames, ignore_index=True)
    out["quarter"] = pd.to_datetime(out["quarter"])
    return out


def _at(parts: pd.DataFrame, indicator_id: str, quarter: date) -> tuple[float, float]:
    at_quarter = parts["quarter"] == pd.Timestamp(quarter)
    rows = parts[(parts["indicator_id"] == indicator_id) & at_quarter]
    return float(rows["num"].sum()), float(rows["den"].sum())


def kpi_notes(
    own_parts: pd.DataFrame,
    communities: Sequence[str],
    period_to: date,
    rounds: pd.DataFrame,
    elections: pd.DataFrame,
    lang: str,
) -> dict[str, str]:
    """A line of context under some tiles (shown in the tile's help)."""
    chosen = own_parts[own_parts["community_id"].isin(list(communities))]
    notes: dict[str, str] = {}
    in_quarter = [d for d in _dates(rounds, "round_date") if periods.quarter_start(d) == period_to]
    if in_quarter:
        notes[STAR3] = t("selfgov.note.round", lang, date=in_quarter[-1].isoformat())
    elif not rounds.empty:
        first = _dates(rounds, "round_date")[0]
        notes[STAR3] = t(
            "selfgov.note.no_round",
            lang,
            quarter=periods.display(period_to, lang),
            first=first.isoformat(),
        )
    if elections.empty:
        notes[TURNOUT] = t("selfgov.note.no_election", lang)
    else:
        dates = _dates(elections, "date")
        notes[TURNOUT] = t(
            "selfgov.note.elections",
            lang,
            n=len(elections),
            first=dates[0].isoformat(),
            last=dates[-1].isoformat(),
        )
    implemented, adopted = _at(chosen, CARRIED_OUT, period_to)
    notes[CARRIED_OUT] = t(
        "selfgov.note.decisions", lang, adopted=f"{adopted:,.0f}", done=f"{implemented:,.0f}"
    )
    return notes


def _dates(frame: pd.DataFrame, column: str) -> list[date]:
    return sorted(pd.Timestamp(d).date() for d in frame[column])


def nothing_to_show(frames: Iterable[pd.DataFrame], volunteers_on_rolls: float | None) -> bool:
    """True when the filters leave no self-governance record at all (the page says so)."""
    return all(f.empty for f in frames) and not (volunteers_on_rolls or 0)


def quarter_table(
    values_frame: pd.DataFrame, indicator_ids: Sequence[str], period_from: date, period_to: date
) -> pd.DataFrame:
    """Quarters of the period as rows, one column per measure (for trends)."""
    chosen = values_frame[values_frame["indicator_id"].isin(list(indicator_ids))].copy()
    chosen["quarter"] = pd.to_datetime(chosen["quarter"])
    chosen = chosen[chosen["quarter"].between(pd.Timestamp(period_from), pd.Timestamp(period_to))]
    wide = chosen.pivot_table(
        index="quarter", columns="indicator_id", values="value", aggfunc="first", dropna=False
    )
    wide = wide.reindex(columns=list(indicator_ids)).reset_index()
    return wide.sort_values("quarter").reset_index(drop=True)


# ---- breakdown by community -------------------------------------------------------------------


def per_community(
    shared_parts: pd.DataFrame,
    own_parts: pd.DataFrame,
    quarter: date,
    community_ids: Sequence[str],
    indicator_id: str,
) -> pd.DataFrame:
    """One row per community in scope with the measure's value at ``quarter`` (NaN: no data)."""
    parts = own_parts if indicator_id in LOCAL_IDS else shared_parts
    at = kpi.per_community(parts[parts["indicator_id"] == indicator_id], quarter, True)
    by_id = at.set_index("community_id")
    out = pd.DataFrame({"community_id": list(community_ids)})
    out["value"] = out["community_id"].map(by_id["value"]).astype("float64")
    for column in ("num", "den", "cases"):  # for the small-sample rule (breakdown)
        out[column] = out["community_id"].map(by_id[column]).astype("float64")
    return out


@dataclass(frozen=True)
class Breakdown:
    frame: pd.DataFrame  # community_id, name, value, target, light (communities with data)
    missing: list[str]  # names of communities in scope without a value


def breakdown(
    shared_parts: pd.DataFrame,
    own_parts: pd.DataFrame,
    targets: pd.DataFrame,
    quarter: date,
    community_ids: Sequence[str],
    names: Mapping[str, str],
    indicator_id: str,
) -> Breakdown:
    """The measure per community at ``quarter``, best first, with lights against targets."""
    ind = REGISTRY[indicator_id]
    df = per_community(shared_parts, own_parts, quarter, community_ids, indicator_id)
    df["name"] = df["community_id"].map(lambda c: names.get(c, c))
    df["target"] = [kpi.target_for(targets, indicator_id, c) for c in df["community_id"]]
    # the light, or on fewer than 10 cases none and the counts (governance/sample.py)
    judged = [
        sample.bar(ind, v, tg, n, d, c)
        for v, tg, n, d, c in zip(
            df["value"], df["target"], df["num"], df["den"], df["cases"], strict=True
        )
    ]
    df["light"] = [light for light, _ in judged]
    df["small"] = [few for _, few in judged]
    missing = df.loc[df["value"].isna(), "name"].tolist()
    shown = df[df["value"].notna()].sort_values(
        ["value", "community_id"], ascending=[ind.better == "down", True]
    )
    return Breakdown(shown.reset_index(drop=True), missing)


def breakdown_figure(b: Breakdown, indicator_id: str, quarter: date, lang: str) -> go.Figure:
    ind = REGISTRY[indicator_id]
    targets = {tg for tg in b.frame["target"] if tg is not None}
    target = targets.pop() if len(targets) == 1 else None
    title = t(
        "common.breakdown_chart",
        lang,
        measure=label(indicator_id, lang),
        quarter=periods.display(quarter, lang),
    )
    lights = b.frame["light"].tolist() if b.frame["light"].notna().any() else None
    small = sample.bar_words(b.frame["small"], lang) if "small" in b.frame.columns else None
    return charts.community_bars(
        b.frame["community_id"].tolist(),
        b.frame["name"].tolist(),
        b.frame["value"].tolist(),
        title,
        lights=lights,
        target=target,
        target_label=t("col.target", lang),
        value_format=".1f" if ind.unit == "pct" else ",.0f",
        small=small,
    )


# ---- stairwell ratings ------------------------------------------------------------------------


def rounds_message(
    rounds: pd.DataFrame, period_from: date, period_to: date, lang: str
) -> str | None:
    """Words for a period without rating rounds (None when the period has one).

    The rounds are dates (the first in 2010Q3); a period before, after or between them has
    no ratings, and the page says why instead of drawing an empty chart.
    """
    dates = _dates(rounds, "round_date")
    if not dates:
        return t("selfgov.rounds.none", lang)
    in_period = [d for d in dates if period_from <= periods.quarter_start(d) <= period_to]
    if in_period:
        return None
    span = {
        "start": periods.display(period_from, lang),
        "end": periods.display(period_to, lang),
        "first": dates[0].isoformat(),
        "first_quarter": periods.display(periods.quarter_start(dates[0]), lang),
        "last": dates[-1].isoformat(),
        "n": len(dates),
    }
    if period_to < periods.quarter_start(dates[0]):
        return t("selfgov.rounds.before", lang, **span)
    if period_from > periods.quarter_start(dates[-1]):
        return t("selfgov.rounds.after", lang, **span)
    return t("selfgov.rounds.between", lang, **span)


def round_label(d: object) -> str:
    return pd.Timestamp(d).date().isoformat()


@dataclass(frozen=True)
class RoundChange:
    first_date: date
    first_share: float
    last_date: date
    last_share: float

    @property
    def change(self) -> float:
        return self.last_share - self.first_share


def round_change(counts: pd.DataFrame) -> RoundChange | None:
    """The 3+ star share at the first and the last round of ``counts`` (None when empty)."""
    if counts.empty:
        return None
    ordered = counts.sort_values("round_date")
    first, last = ordered.iloc[0], ordered.iloc[-1]
    return RoundChange(
        pd.Timestamp(first["round_date"]).date(),
        float(first["star3_share"]),
        pd.Timestamp(last["round_date"]).date(),
        float(last["star3_share"]),
    )


def round_change_text(rc: RoundChange, lang: str) -> str:
    if rc.first_date == rc.last_date:
        return t(
            "selfgov.star.one_round",
            lang,
            date=rc.last_date.isoformat(),
            share=fmt.pct(rc.last_share),
        )
    return t(
        "selfgov.star.rise",
        lang,
        first_date=rc.first_date.isoformat(),
        first=fmt.pct(rc.first_share),
        last_date=rc.last_date.isoformat(),
        last=fmt.pct(rc.last_share),
        change=fmt.change(REGISTRY[STAR3], rc.change, rc.first_share, lang),
    )


def star_rounds_figure(counts: pd.DataFrame, title: str, lang: str) -> go.Figure:
    """Stacked shares of 5 down to 1 star per rounds, with the 3+ star share as a line.

    Five stars sit at the bottom, so the top of the three-star band is the 3+ share itself:
    the black line runs along the red/green border. First and last rounds are annotated.
    """
    x = [round_label(d) for d in counts["round_date"]]
    rated = counts["rated"].where(counts["rated"] > 0)
    fig = go.Figure()
    for stars in (5, 4, 3, 2, 1):
        n = counts[f"stars_{stars}"]
        fig.add_trace(
            go.Bar(
                x=x,
                y=(n / rated * 100).tolist(),
                name=t("selfgov.star.n", lang, n=stars),
                marker_color=STAR_COLOURS[stars],
                customdata=n.tolist(),
                hovertemplate="%{x} · "
                + t("selfgov.star.n", lang, n=stars)
                + ": %{customdata} (%{y:.1f}%)<extra></extra>",
            )
        )
    share = counts["star3_share"].tolist()
    fig.add_trace(
        go.Scatter(
            x=x,
            y=share,
            name=label(STAR3, lang),
            mode="lines+markers",
            line={"color": LINE, "width": 3},
            marker={"size": 9, "color": LINE},
            hovertemplate="%{x} · " + label(STAR3, lang) + ": %{y:.1f}%<extra></extra>",
        )
    )
    rc = round_change(counts)
    if rc is not None:
        marks = [(0, "selfgov.star.first")]
        if len(x) > 1:
            marks.append((len(x) - 1, "selfgov.star.last"))
        for i, key in marks:
            fig.add_annotation(
                x=x[i],
                y=share[i],
                text=f"<b>{t(key, lang)} {fmt.pct(share[i])}</b>",
                showarrow=True,
                arrowhead=2,
                ax=0,
                ay=-34 if share[i] < 85 else 30,
                bgcolor="rgba(255,255,255,0.9)",
                bordercolor=LINE,
                font={"size": 14, "color": LINE},
            )
    fig.update_layout(barmode="stack", bargap=0.25)
    fig.update_yaxes(range=[0, 100], ticksuffix="%", title_text=t("selfgov.star.share_axis", lang))
    fig.update_xaxes(type="category", title_text=t("selfgov.star.round_axis", lang))
    return charts._layout(fig, title, 420)


def share_table(
    shares: pd.DataFrame, key: str, names: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """One row per ``key`` (community or building): 3+ share at the first and last round.

    ``shares`` is ``selfgov_star_share_by_<key>_round``; ``change`` is in percentage points.
    """
    cols = [key, "name", "rated", "star3", "first_share", "last_share", "change"]
    if names is None:
        cols.remove("name")
    if shares.empty:
        return pd.DataFrame({c: [] for c in cols})
    ordered = shares.sort_values([key, "round_date"])
    grouped = ordered.groupby(key, sort=True)
    first, last = grouped.first(), grouped.last()
    out = pd.DataFrame(
        {
            key: last.index,
            "rated": last["rated"].to_numpy(),
            "star3": last["star3"].to_numpy(),
            "first_share": first["star3_share"].to_numpy(),
            "last_share": last["star3_share"].to_numpy(),
        }
    )
    out["change"] = out["last_share"] - out["first_share"]
    if names is not None:
        out["name"] = out[key].map(lambda k: names.get(k, k))
    return out[cols].reset_index(drop=True)


def stars_text(n: object) -> str:
    if n is None or (isinstance(n, float) and math.isnan(n)):
        return "—"
    return "★" * int(n)  # type: ignore[call-overload]


def place_labels(stairwells: pd.DataFrame, lang: str) -> dict[str, str]:
    """Readable names beside the codes: each building numbered within its community and each
    stairwell within its building, in id order — 3号楼（B0003）, 2单元（S0002）."""
    out: dict[str, str] = {}
    if stairwells.empty:
        return out
    buildings = stairwells[["community_id", "building_id"]].drop_duplicates()
    for _, rows in buildings.sort_values("building_id").groupby("community_id"):
        for n, building in enumerate(rows["building_id"], start=1):
            out[building] = t("selfgov.drill.building_label", lang, n=n, id=building)
    wells = stairwells[["building_id", "stairwell_id"]].drop_duplicates()
    for _, rows in wells.sort_values("stairwell_id").groupby("building_id"):
        for n, well in enumerate(rows["stairwell_id"], start=1):
            out[well] = t("selfgov.drill.stairwell_label", lang, n=n, id=well)
    return out


def stairwell_matrix(records: pd.DataFrame) -> pd.DataFrame:
    """Stairwells of a building as rows, rounds as columns (the latest first, so the newest
    ratings are on screen without scrolling sideways), stars drawn as ★."""
    if records.empty:
        return pd.DataFrame({"stairwell_id": [], "households": []})
    wide = records.pivot_table(
        index=["stairwell_id", "households"], columns="round_date", values="stars", aggfunc="first"
    )
    wide = wide.reindex(sorted(wide.columns, reverse=True), axis=1)
    wide.columns = [round_label(c) for c in wide.columns]
    out = wide.map(stars_text).reset_index()
    return out.sort_values("stairwell_id").reset_index(drop=True)


def stairwell_text(history: pd.DataFrame, drill: Drill, lang: str) -> str:
    """One stairwell's first and latest stars in words."""
    ordered = history.sort_values("round_date")
    first, last = ordered.iloc[0], ordered.iloc[-1]
    return t(
        "selfgov.star.stairwell",
        lang,
        id=drill.stairwell,
        first_date=round_label(first["round_date"]),
        first=int(first["stars"]),
        last_date=round_label(last["round_date"]),
        last=int(last["stars"]),
    )


def stairwell_history_figure(records: pd.DataFrame, title: str, lang: str) -> go.Figure:
    """One stairwell's stars across rounds, with the three-star line."""
    ordered = records.sort_values("round_date")
    x = [round_label(d) for d in ordered["round_date"]]
    y = ordered["stars"].astype(int).tolist()
    fig = go.Figure(
        go.Scatter(
            x=x,
            y=y,
            mode="lines+markers+text",
            text=[stars_text(s) for s in y],
            textposition="top center",
            line={"color": LINE, "width": 2},
            marker={"size": 14, "color": [charts.GOOD if s >= 3 else charts.BAD for s in y]},
            hovertemplate="%{x}: %{y}★<extra></extra>",
            name=t("selfgov.col.stars", lang),
        )
    )
    fig.add_hline(
        y=3,
        line_dash="dash",
        line_color=charts.TARGET,
        annotation_text=t("selfgov.star.line3", lang),
        annotation_position="bottom right",
    )
    fig.update_yaxes(range=[0.5, 5.9], dtick=1, title_text=t("selfgov.col.stars", lang))
    fig.update_xaxes(type="category", title_text=t("selfgov.star.round_axis", lang))
    return charts._layout(fig, title, 340)


ALL = "*"  # the drill's "all" choice (an id never starts with it)


@dataclass(frozen=True)
class Drill:
    """The stairwell drill's choice, each level valid for the one above (None: all)."""

    community: str | None
    building: str | None
    stairwell: str | None

    @property
    def level(self) -> str:
        if self.stairwell:
            return "stairwell"
        if self.building:
            return "building"
        if self.community:
            return "community"
        return "town"


@dataclass(frozen=True)
class DrillTree:
    """The drill's choices from ``selfgov_stairwell_list``, in id order: the communities with
    stairwells, each community's buildings and each building's stairwells (built once per
    view model, so choosing a level costs no pandas work)."""

    communities: tuple[str, ...]
    buildings: dict[str, tuple[str, ...]]  # community -> its buildings
    wells: dict[str, tuple[str, ...]]  # building -> its stairwells


def drill_tree(stairwells: pd.DataFrame) -> DrillTree:
    """The drill's choices of ``stairwells`` (community_id, building_id, stairwell_id)."""

    def children(parent: str, child: str) -> dict[str, tuple[str, ...]]:
        pairs = stairwells[[parent, child]].drop_duplicates().astype(str)
        return {
            str(key): tuple(sorted(rows[child])) for key, rows in pairs.groupby(parent, sort=True)
        }

    return DrillTree(
        tuple(sorted(stairwells["community_id"].astype(str).unique().tolist())),
        children("community_id", "building_id"),
        children("building_id", "stairwell_id"),
    )


def _tree(stairwells: pd.DataFrame | DrillTree) -> DrillTree:
    return stairwells if isinstance(stairwells, DrillTree) else drill_tree(stairwells)


def drill_options(
    stairwells: pd.DataFrame | DrillTree, community: str | None = None, building: str | None = None
) -> tuple[list[str], list[str], list[str]]:
    """The communities (with stairwells), the buildings of ``community`` and the stairwells of
    ``building`` to choose from, in id order (``stairwells``: the list or its tree)."""
    tree = _tree(stairwells)
    buildings = list(tree.buildings.get(community, ())) if community else []
    wells = list(tree.wells.get(building, ())) if building else []
    return list(tree.communities), buildings, wells


def valid_drill(
    stairwells: pd.DataFrame | DrillTree,
    community: str | None,
    building: str | None,
    stairwell: str | None,
    scope: Sequence[str],
) -> Drill:
    """The drill with choices that no longer exist (filters changed) dropped level by level.

    When the global filter holds a single community with stairwells, that is the community.
    """
    tree = _tree(stairwells)
    community, building, stairwell = (
        None if v == ALL else v for v in (community, building, stairwell)
    )
    communities, _, _ = drill_options(tree)
    if len(scope) == 1 and scope[0] in communities:
        community = scope[0]
    if community not in communities:
        return Drill(None, None, None)
    _, buildings, _ = drill_options(tree, community)
    if building not in buildings:
        return Drill(community, None, None)
    _, _, wells = drill_options(tree, community, building)
    if stairwell not in wells:
        return Drill(community, building, None)
    return Drill(community, building, stairwell)


def drill_menu(
    stairwells: pd.DataFrame | DrillTree, drill: Drill, scope: Sequence[str]
) -> tuple[list[str], list[str], list[str]]:
    """The three selectboxes' options; ``ALL`` stands for "all" at that level.

    A community fixed by the global filter (a single community) offers no "all".
    """
    communities, buildings, wells = drill_options(
        _tree(stairwells), drill.community, drill.building
    )
    fixed = len(scope) == 1 and scope[0] in communities
    return (
        list(communities) if fixed else [ALL, *communities],
        [ALL, *buildings],
        [ALL, *wells],
    )


def drill_state(drill: Drill) -> tuple[str, str, str]:
    """The drill as the selectboxes hold it (``ALL`` for a level not chosen)."""
    return (drill.community or ALL, drill.building or ALL, drill.stairwell or ALL)


# The columns this page words by another key than selfgov.col.<name>: the community, the name
# and each volunteer team (a column of the team table) by its contract value's key (cat.*).
_OWN_KEYS = {
    "community": "col.community",
    "name": "common.name",
    **{team: categories.VALUE_KEYS[team] for team in VOLUNTEER_TEAMS},
}


def labels(columns: Iterable[str] | None, lang: str) -> dict[str, str]:
    """Headers for this page's computed columns (``selfgov.col.<name>`` in the catalog);
    ``columns`` None: all of them, for a record table not yet fetched."""
    return own_labels(lang, "selfgov", _OWN_KEYS, columns)


def display(df: pd.DataFrame, lang: str, drop: Sequence[str] = ()) -> pd.DataFrame:
    """A table to show: ids in ``drop`` left out, shares to one decimal, headers translated."""
    out = df.drop(columns=[c for c in drop if c in df.columns])
    floats = {col: 1 for col in out.columns if pd.api.types.is_float_dtype(out[col])}
    out = localise_frame(out, lang, pairs=(), rounding=floats, dates=False)
    return export.labelled(out, lang, labels(out.columns, lang))


def drill_params(params: Mapping[str, object], drill: Drill) -> dict[str, object]:
    """Query parameters for the drill's scope: its community, building and stairwell."""
    out = dict(params)
    if drill.community:
        out["communities"] = [drill.community]
    out["building_id"] = drill.building
    out["stairwell_id"] = drill.stairwell
    return out


def scope_label(drill: Drill, names: Mapping[str, str], lang: str) -> str:
    if drill.stairwell:
        return t("selfgov.drill.scope_stairwell", lang, id=drill.stairwell, building=drill.building)
    if drill.building:
        return t(
            "selfgov.drill.scope_building",
            lang,
            id=drill.building,
            community=names.get(drill.community or "", drill.community),
        )
    if drill.community:
        return names.get(drill.community, drill.community)
    return t("selfgov.drill.scope_all", lang)


# ---- elections, meetings, volunteers, mediations ------------------------------------------------


def turnout_figure(elections: pd.DataFrame, names: Mapping[str, str], lang: str) -> go.Figure:
    """Turnout per community, one bar per election year; bars carry the community id."""
    df = elections.copy()
    df["year"] = pd.to_datetime(df["date"]).dt.year
    order = sorted(df["community_id"].unique())
    years = sorted(df["year"].unique())
    fig = go.Figure()
    for year in years:
        rows = df[df["year"] == year].drop_duplicates("community_id", keep="first")
        rows = rows.set_index("community_id").reindex(order)
        fig.add_trace(
            go.Bar(
                x=[names.get(c, c) for c in order],
                y=rows["turnout_pct"].tolist(),
                name=t("selfgov.election.year", lang, year=year),
                marker_color=charts.NEUTRAL if year == years[-1] else "#b8c7d9",
                customdata=order,
                text=[fmt.pct(v) if v == v else "" for v in rows["turnout_pct"]],
                textposition="outside",
                hovertemplate="%{x} · "
                + t("selfgov.election.year", lang, year=year)
                + ": %{y:.1f}%<extra></extra>",
            )
        )
    fig.update_yaxes(range=[0, 108], dtick=20, ticksuffix="%")
    fig.update_layout(
        barmode="group",
        bargap=0.15 if len(order) >= 4 else 0.6,
        clickmode="event+select",
        dragmode=False,
        showlegend=True,
    )
    return charts._layout(fig, t("selfgov.election.chart", lang), 360)


def meetings_figure(by_kind: pd.DataFrame, lang: str) -> go.Figure:
    """Three meetings held per quarter by kind, and the share of decisions carried out."""
    df = by_kind.copy()
    df["label"] = [periods.short(pd.Timestamp(q).date()) for q in df["quarter"]]
    fig = go.Figure()
    for colour, kind in zip(KIND_COLOURS, MEETING_KINDS, strict=True):
        rows = df[df["kind"] == kind]
        fig.add_trace(
            go.Bar(
                x=rows["label"],
                y=rows["meetings"],
                name=categories.category(kind, lang),
                marker_color=colour,
                customdata=rows["attendance"],
                hovertemplate="%{x}: %{y} · "
                + t("selfgov.meetings.attendance", lang)
                + " %{customdata}<extra></extra>",
            )
        )
    per_q = df.groupby("label", sort=False)[["decisions_adopted", "decisions_implemented"]].sum()
    rate = per_q["decisions_implemented"] / per_q["decisions_adopted"].where(
        per_q["decisions_adopted"] > 0
    )
    return charts.with_rate_line(
        fig,
        per_q.index.tolist(),
        (rate * 100).tolist(),
        label(CARRIED_OUT, lang),
        t("selfgov.meetings.axis", lang),
        t("selfgov.meetings.chart", lang),
    )


def meetings_summary(by_kind: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per meeting kind over the period (and a total): held, attendance, decisions."""
    cols = ["meetings", "attendance", "decisions_adopted", "decisions_implemented"]
    per_kind = by_kind.groupby("kind", sort=False)[cols].sum().reindex(list(MEETING_KINDS))
    per_kind = per_kind.fillna(0).astype("int64")
    per_kind.index = [categories.category(kind, lang) for kind in MEETING_KINDS]
    per_kind.loc[t("common.total", lang)] = per_kind.sum()
    out = per_kind.rename_axis("kind").reset_index()
    out["attendance_per_meeting"] = out["attendance"] / out["meetings"].where(out["meetings"] > 0)
    out["carried_out_pct"] = (
        out["decisions_implemented"]
        / out["decisions_adopted"].where(out["decisions_adopted"] > 0)
        * 100
    )
    return out


def volunteers_figure(
    by_team: pd.DataFrame, household_share: Sequence[tuple[date, float]], lang: str
) -> go.Figure:
    """Volunteers on the rolls by team per quarter, and the share of households with one."""
    df = by_team.copy()
    df["label"] = [periods.short(pd.Timestamp(q).date()) for q in df["quarter"]]
    fig = go.Figure()
    for colour, team in zip(TEAM_COLOURS, VOLUNTEER_TEAMS, strict=True):
        rows = df[df["team"] == team]
        fig.add_trace(
            go.Bar(
                x=rows["label"],
                y=rows["on_rolls"],
                name=categories.category(team, lang),
                marker_color=colour,
                hovertemplate="%{x}: %{y:,}<extra></extra>",
            )
        )
    return charts.with_rate_line(
        fig,
        [periods.short(q) for q, _ in household_share],
        [v for _, v in household_share],
        label(HOUSEHOLD_SHARE, lang),
        t("selfgov.volunteers.axis", lang),
        t("selfgov.volunteers.chart", lang),
    )


def team_table(by_community_team: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """One row per community: volunteers per team, in total, and households with a volunteer."""
    cols = ["community_id", "name", *VOLUNTEER_TEAMS, "total", "households_with_volunteer"]
    cols += ["households", "household_share"]
    if by_community_team.empty:
        return pd.DataFrame({c: [] for c in cols})
    wide = by_community_team.pivot_table(
        index="community_id", columns="team", values="volunteers", aggfunc="sum", fill_value=0
    ).reindex(columns=list(VOLUNTEER_TEAMS), fill_value=0)
    wide["total"] = wide.sum(axis=1)
    per = by_community_team.groupby("community_id")[["households", "households_with_volunteer"]]
    wide = wide.join(per.first())
    wide["household_share"] = (
        wide["households_with_volunteer"] / wide["households"].where(wide["households"] > 0) * 100
    )
    out = wide.reset_index()
    out["name"] = out["community_id"].map(lambda c: names.get(c, c))
    return out[cols]


def mediations_figure(quarters: pd.DataFrame, lang: str) -> go.Figure:
    """Disputes mediated per quarter (bars) and the share mediated successfully (line)."""
    x = [periods.short(pd.Timestamp(q).date()) for q in quarters["quarter"]]
    fig = go.Figure(
        go.Bar(
            x=x,
            y=quarters[MEDIATIONS].tolist(),
            name=label(MEDIATIONS, lang),
            marker_color=charts.NEUTRAL,
            hovertemplate="%{x}: %{y:,.0f}<extra></extra>",
        )
    )
    return charts.with_rate_line(
        fig,
        x,
        quarters[MEDIATION_SUCCESS].tolist(),
        label(MEDIATION_SUCCESS, lang),
        t("selfgov.mediations.axis", lang),
        t("selfgov.mediations.chart", lang),
        340,
    )


def with_names(
    df: pd.DataFrame, names: Mapping[str, str], after: str = "community_id"
) -> pd.DataFrame:
    """``df`` with a ``community`` column of names right after ``after`` and dates as dates
    (not midnight timestamps) for the records tables."""
    out = df.copy()
    position = list(out.columns).index(after) + 1 if after in out.columns else 0
    named = out["community_id"].map(dict(names)).fillna(out["community_id"])
    out.insert(position, "community", named)
    return export.plain_dates(out)


def translate(df: pd.DataFrame, column: str, choices: Sequence[str], lang: str):
    """Contract choices (Chinese codes) shown in the UI language (their cat.* names)."""
    out = df.copy()
    if lang == "en" and column in out.columns:
        mapping = {c: categories.category(c, "en") for c in choices}
        out[column] = out[column].map(mapping).fillna(out[column])
    return out
