"""Targets: traffic lights and ranks under a set of targets, which lights move when a
town-wide target changes, and the page's view of it (tiles, tables, figure). Bad input raises
``ValueError`` with a Chinese message."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from governance import charts, kpi
from governance.i18n import t
from governance.indicators import INDICATORS_BY_ID
from governance.lights import traffic_light
from governance.whatif.checks import require_columns
from governance.whatif.display import (
    Tile,
    community_bars,
    indicator_label,
    layout,
    shown,
    signed_count,
    tile,
    value_text,
    vs_baseline,
)

LIGHT_ORDER: dict[str, int] = {"red": 0, "amber": 1, "green": 2}


def apply_targets(
    values: pd.DataFrame, targets: Mapping[str | tuple[str, str], float | None]
) -> pd.DataFrame:
    """Add better, target, light and rank (1 = best, by the indicator's direction).

    ``targets`` maps indicator_id to the town-wide target; a key (indicator_id, community_id)
    overrides it for one community (as rows of the ``targets`` table do). No target: light
    None. Rows with a missing value get no rank.
    """
    require_columns(values, ("community_id", "indicator_id", "value"), "指标数据")
    unknown = sorted(set(values["indicator_id"].astype(str)) - set(INDICATORS_BY_ID))
    if unknown:
        raise ValueError(
            f"未知指标：{'、'.join(unknown)}（应为 governance/indicators.py 中的编号）。"
        )
    out = values.copy()
    out["value"] = pd.to_numeric(out["value"], errors="coerce").astype(float)
    out["better"] = out["indicator_id"].map(lambda i: INDICATORS_BY_ID[i].better)
    out["target"] = pd.Series(
        [
            targets.get((i, c), targets.get(i))
            for i, c in zip(out["indicator_id"], out["community_id"], strict=True)
        ],
        index=out.index,
        dtype=object,
    ).astype(float)
    out["light"] = pd.Series(
        [
            traffic_light(None if pd.isna(v) else float(v), None if pd.isna(t) else float(t), b)
            for v, t, b in zip(out["value"], out["target"], out["better"], strict=True)
        ],
        index=out.index,
        dtype=object,
    )
    signed = out["value"].where(out["better"] == "down", -out["value"])  # smaller = better
    out["rank"] = signed.groupby(out["indicator_id"]).rank(method="min").astype("Int64")
    return out


def light_changes(baseline: pd.DataFrame, scenario: pd.DataFrame) -> pd.DataFrame:
    """Rows of two ``apply_targets`` results whose light differs, with which way it went."""
    keys = ["community_id", "indicator_id"]
    cols = [*keys, "value", "target", "light", "rank"]
    require_columns(baseline, tuple(cols), "基准指标结果")
    require_columns(scenario, tuple(cols), "方案指标结果")
    m = baseline[cols].merge(scenario[cols], on=keys, how="outer", suffixes=("_b", "_s"))
    moved = m["light_b"].fillna("") != m["light_s"].fillna("")
    m = m[moved]

    def way(b: object, s: object) -> str | None:
        if b not in LIGHT_ORDER or s not in LIGHT_ORDER:
            return None
        return "better" if LIGHT_ORDER[s] > LIGHT_ORDER[b] else "worse"  # type: ignore[index]

    out = pd.DataFrame(
        {
            "community_id": m["community_id"],
            "indicator_id": m["indicator_id"],
            "baseline_value": m["value_b"],
            "scenario_value": m["value_s"],
            "baseline_target": m["target_b"],
            "scenario_target": m["target_s"],
            "baseline_light": m["light_b"],
            "scenario_light": m["light_s"],
            "baseline_rank": m["rank_b"],
            "scenario_rank": m["rank_s"],
            "change": [way(b, s) for b, s in zip(m["light_b"], m["light_s"], strict=True)],
        }
    )
    return out.sort_values(keys).reset_index(drop=True)


# ---- the page's view: the data's targets against the scenario's ---------------------------------


def values_in_view(parts: pd.DataFrame, quarter: date, scope: Sequence[str]) -> pd.DataFrame:
    """Every scored indicator's value per community in ``scope`` at ``quarter``."""
    values = kpi.per_community(parts, quarter)
    keep = values["community_id"].isin(list(scope)) & values["indicator_id"].isin(
        list(INDICATORS_BY_ID)
    )
    return values[keep & values["value"].notna()].reset_index(drop=True)


def target_map(targets: pd.DataFrame) -> dict[object, float]:
    """The targets table as apply_targets wants it: indicator_id -> town target and
    (indicator_id, community_id) -> a community's own target."""
    out: dict[object, float] = {}
    for i, c, v in zip(
        targets["indicator_id"], targets["community_id"], targets["target"], strict=True
    ):
        if pd.isna(v) or i not in INDICATORS_BY_ID:
            continue
        out[i if pd.isna(c) else (i, c)] = float(v)
    return out


def scenario_target_map(base: Mapping[object, float], overrides: Mapping[str, float]) -> dict:
    """``base`` with the town-wide targets of ``overrides`` (communities' own targets stay)."""
    return {**base, **overrides}


def own_targets_kept(
    base: Mapping[object, float], overrides: Mapping[str, float], scope: Sequence[str]
) -> list[tuple[str, str, float]]:
    """(indicator_id, community_id, target) of communities in scope whose own target of an
    overridden indicator stays in force."""
    return [
        (k[0], k[1], v)
        for k, v in base.items()
        if isinstance(k, tuple) and k[0] in overrides and k[1] in scope
    ]


@dataclass(frozen=True, eq=False)
class LightView:
    baseline: pd.DataFrame  # apply_targets results
    scenario: pd.DataFrame
    changes: pd.DataFrame  # light_changes
    communities: pd.DataFrame  # per community: greens and reds under both, ranks


def _community_lights(applied: pd.DataFrame) -> pd.DataFrame:
    light = applied["light"]
    counts = pd.DataFrame({"green": light.eq("green"), "red": light.eq("red")})
    out = counts.groupby(applied["community_id"]).sum().astype(int)
    key = out["green"] * 1000 - out["red"]
    out["rank"] = key.rank(ascending=False, method="min").astype(int)
    return out


def light_view(
    values: pd.DataFrame,
    base: Mapping[object, float],
    overrides: Mapping[str, float],
    names: Mapping[str, str],
) -> LightView:
    """Traffic lights and the on-target ranking under the data's targets and the scenario's.

    ``values``: one row per community and indicator (kpi.per_community) in view. Communities
    are ranked by how many indicators are on target (green), then by fewest red.
    """
    b = apply_targets(values, base)
    s = apply_targets(values, scenario_target_map(base, overrides))
    changes = light_changes(b, s)
    cb, cs = _community_lights(b), _community_lights(s)
    comm = pd.DataFrame({"community_id": cb.index})
    comm["community"] = [names.get(c, c) for c in comm["community_id"]]
    comm["green_baseline"] = cb["green"].to_numpy()
    comm["green_scenario"] = cs.loc[cb.index, "green"].to_numpy()
    comm["green_change"] = comm["green_scenario"] - comm["green_baseline"]
    comm["red_baseline"] = cb["red"].to_numpy()
    comm["red_scenario"] = cs.loc[cb.index, "red"].to_numpy()
    comm["baseline_rank"] = cb["rank"].to_numpy()
    comm["scenario_rank"] = cs.loc[cb.index, "rank"].to_numpy()
    comm["rank_change"] = comm["baseline_rank"] - comm["scenario_rank"]  # + = moved up
    comm = comm.sort_values(["scenario_rank", "community_id"]).reset_index(drop=True)
    return LightView(b, s, changes, comm)


def light_changes_table(view: LightView, names: Mapping[str, str], lang: str) -> pd.DataFrame:
    """The cells whose light moves, values and targets in the indicator's unit (as words)."""
    c = view.changes
    out = pd.DataFrame(
        {
            "community_id": c["community_id"],
            "community": [names.get(i, i) for i in c["community_id"]],
            "indicator_id": c["indicator_id"],
            "indicator": [indicator_label(i, lang) for i in c["indicator_id"]],
            "baseline_value": c["baseline_value"],
            "baseline_target": c["baseline_target"],
            "scenario_target": c["scenario_target"],
            "baseline_light": c["baseline_light"],
            "scenario_light": c["scenario_light"],
            "light_change": c["change"].fillna("same"),
        }
    )
    return out.reset_index(drop=True)


def light_changes_shown(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Like :func:`shown`, with values and targets in each row's own unit."""
    out = table.copy()
    for col in ("baseline_value", "baseline_target", "scenario_target"):
        out[col] = [
            value_text(i, x, lang) for i, x in zip(table["indicator_id"], table[col], strict=True)
        ]
    return shown(out, lang)


def light_tiles(view: LightView, lang: str) -> list[Tile]:
    total = int(view.baseline["light"].notna().sum())
    gb = int((view.baseline["light"] == "green").sum())
    gs = int((view.scenario["light"] == "green").sum())
    rb = int((view.baseline["light"] == "red").sum())
    rs = int((view.scenario["light"] == "red").sum())
    moved_up = int((view.communities["rank_change"] > 0).sum())
    moved_down = int((view.communities["rank_change"] < 0).sum())
    return [
        tile(
            t("whatif.targets.tile.green", lang),
            t("whatif.targets.tile.n", lang, n=gs, total=total),
            gs - gb,
            vs_baseline(signed_count(gs - gb, lang), lang),
            good_when="up",
            help=t("whatif.targets.tile.green.help", lang),
        ),
        tile(
            t("whatif.targets.tile.red", lang),
            t("whatif.targets.tile.n", lang, n=rs, total=total),
            rs - rb,
            vs_baseline(signed_count(rs - rb, lang), lang),
            good_when="down",
        ),
        tile(
            t("whatif.targets.tile.moved", lang),
            t("whatif.targets.tile.moved.value", lang, n=len(view.changes)),
            None,
            "",
            help=t("whatif.targets.tile.moved.help", lang),
        ),
        tile(
            t("whatif.targets.tile.rank", lang),
            t("whatif.targets.tile.rank.value", lang, up=moved_up, down=moved_down),
            None,
            "",
            help=t("whatif.targets.tile.rank.help", lang),
        ),
    ]


def light_figure(communities: pd.DataFrame, lang: str) -> go.Figure:
    """On-target indicators per community, baseline beside scenario (bars carry the ids)."""
    fig = go.Figure()
    for col, name, colour in (
        ("green_baseline", t("whatif.baseline", lang), "#9e9e9e"),
        ("green_scenario", t("whatif.scenario", lang), charts.GOOD),
    ):
        fig.add_trace(
            community_bars(
                communities,
                col,
                name,
                colour,
                "%{x}",
                textposition="outside",
                textangle=0,
                cliponaxis=False,
            )
        )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title_text=t("whatif.targets.chart.axis", lang))
    fig.update_layout(barmode="group", clickmode="event+select", dragmode=False)
    return layout(fig, t("whatif.targets.chart", lang), max(320, 50 * len(communities) + 100))
