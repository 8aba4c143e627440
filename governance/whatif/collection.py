"""Fee collection: the collection rate each community needs for the town to reach a target,
by a common floor or by closing the same share of every gap, and the page's view of it. Bad
input raises ``ValueError`` with a Chinese message."""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from governance import charts, fmt
from governance.i18n import t
from governance.whatif.checks import check_choice, check_range, require_columns
from governance.whatif.display import Tile, community_bars, layout, own_key, tile

COLLECTION_METHODS: tuple[str, ...] = ("floor", "proportional")


def _floor_rate(rates: list[float], billed: list[float], paid: list[float], need: float) -> float:
    """The single x (a fraction) such that sum(max(paid_i, x*billed_i)) == need."""
    order = sorted(range(len(rates)), key=lambda i: rates[i])
    below_billed = 0.0
    above_paid = sum(paid)
    for k, i in enumerate(order):
        below_billed += billed[i]
        above_paid -= paid[i]
        x = (need - above_paid) / below_billed
        nxt = rates[order[k + 1]] if k + 1 < len(order) else 1.0
        if x <= nxt + 1e-12:
            return min(max(x, rates[i]), 1.0)
    return 1.0


def required_collection(
    df: pd.DataFrame, town_target_pct: float, method: str = "floor"
) -> pd.DataFrame:
    """Per community: the collection rate needed for the town to reach ``town_target_pct``.

    Columns: community_id, billed, paid, current_pct, required_pct, gap_pct_points,
    extra_households (rounded up). Communities with nobody billed are left as they are.
    ``attrs`` carries town_current_pct, town_target_pct and the floor or the gap share.
    """
    label = t("whatif.check.collection", "zh", param="town_target_pct")
    msg = check_range(town_target_pct, label, 0, 100, "pct")
    if msg:
        raise ValueError(msg)
    if method not in COLLECTION_METHODS:
        methods = {m: t(f"whatif.check.method.{m}", "zh") for m in COLLECTION_METHODS}
        raise ValueError(check_choice(method, t("whatif.check.method", "zh"), methods))
    require_columns(df, ("community_id", "billed", "paid"), "物业费收缴数据")
    out = df[["community_id", "billed", "paid"]].copy().reset_index(drop=True)
    billed_s = pd.to_numeric(out["billed"], errors="coerce").fillna(0).astype(float)
    paid_s = pd.to_numeric(out["paid"], errors="coerce").fillna(0).astype(float)
    if (billed_s < 0).any() or (paid_s < 0).any() or (paid_s > billed_s).any():
        raise ValueError("物业费收缴数据中 paid（足额缴费户数）应在 0 与 billed（应缴户数）之间。")

    has = billed_s > 0
    billed, paid = billed_s[has].tolist(), paid_s[has].tolist()
    rates = [p / b for p, b in zip(paid, billed, strict=True)]
    total_b, total_p = sum(billed), sum(paid)
    current_town = total_p / total_b if total_b else float("nan")
    target = float(town_target_pct) / 100
    need = target * total_b

    required = list(rates)
    info: dict[str, float] = {}
    if total_b and target > current_town:
        if method == "floor":
            x = _floor_rate(rates, billed, paid, need)
            required = [max(r, x) for r in rates]
            info["floor_pct"] = round(x * 100, 2)
        else:
            share = (need - total_p) / (total_b - total_p)
            required = [r + share * (1 - r) for r in rates]
            info["gap_share_pct"] = round(share * 100, 2)

    req_all = pd.Series(float("nan"), index=out.index)
    req_all[has] = required
    cur_all = (paid_s / billed_s.where(has)).astype(float)
    extra = [
        0 if not h else max(0, math.ceil(round(r * b - p, 6)))
        for h, r, b, p in zip(has, req_all, billed_s, paid_s, strict=True)
    ]
    out["current_pct"] = (cur_all * 100).round(2)
    out["required_pct"] = (req_all * 100).round(2)
    out["gap_pct_points"] = ((req_all - cur_all) * 100).round(2)
    out["extra_households"] = pd.Series(extra, index=out.index, dtype="int64")
    out.attrs.update(
        {
            "town_current_pct": round(current_town * 100, 2) if total_b else float("nan"),
            "town_target_pct": float(town_target_pct),
            "method": method,
            **info,
        }
    )
    return out


# ---- the page's view: both methods side by side -----------------------------------------------


def collection_view(fee: pd.DataFrame, target_pct: float) -> pd.DataFrame:
    """Per community: current rate, and the rate needed for the town to reach ``target_pct``
    by each method (a common floor; the same share of each gap closed). ``attrs`` holds the
    town's current rate, the target, the floor and the gap share."""
    floor = required_collection(fee, target_pct, "floor")
    prop = required_collection(fee, target_pct, "proportional")
    out = floor[["community_id", "billed", "paid", "current_pct"]].copy()
    for name, r in (("floor", floor), ("proportional", prop)):
        out[f"{name}_required_pct"] = r["required_pct"]
        out[f"{name}_gap_pct_points"] = r["gap_pct_points"]
        out[f"{name}_extra_households"] = r["extra_households"]
    out.attrs = {**prop.attrs, **floor.attrs}
    out.attrs["method"] = "both"
    return out


def collection_table(view: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    out = view.copy()
    out.insert(1, "community", [names.get(c, c) for c in out["community_id"]])
    return out


def collection_tiles(view: pd.DataFrame, lang: str, scoped: bool = False) -> list[Tile]:
    """The rate now and the goal (for a ``scoped`` user their communities', 所辖社区), the
    common floor and the households it needs."""
    a = view.attrs
    current, target = a.get("town_current_pct"), a.get("town_target_pct")
    gap = None if current is None or math.isnan(current) else target - current
    reached = gap is not None and gap <= 0
    floor = a.get("floor_pct")
    share = a.get("gap_share_pct")
    return [
        tile(
            t(own_key("whatif.fee.tile.current", scoped), lang),
            fmt.pct(current),
            None,
            "",
        ),
        tile(
            t(own_key("whatif.fee.tile.target", scoped), lang),
            fmt.pct(target),
            gap,
            (
                t("whatif.fee.tile.gap", lang, pp=f"{gap:.1f}")
                if gap is not None and gap > 0
                else t("whatif.fee.reached", lang)
            ),
            good_when="neutral",
        ),
        tile(
            t("whatif.fee.tile.floor", lang),
            t("whatif.fee.reached", lang) if reached or floor is None else fmt.pct(floor),
            None,
            "",
            help=t("whatif.fee.tile.floor.help", lang),
        ),
        tile(
            t("whatif.fee.tile.extra", lang),
            fmt.count(float(view["floor_extra_households"].sum()), lang, t("whatif.unit.hh", lang)),
            None,
            "",
            help=t(
                "whatif.fee.tile.extra.help",
                lang,
                share="—" if share is None else fmt.pct(share),
                n=fmt.count(float(view["proportional_extra_households"].sum()), lang),
            ),
        ),
    ]


def collection_figure(
    table: pd.DataFrame, target_pct: float, lang: str, scoped: bool = False
) -> go.Figure:
    """Current and required rates per community (bars carry the ids), target as a line (the
    goal of a ``scoped`` user's communities)."""
    fig = go.Figure()
    for col, key, colour in (
        ("current_pct", "whatif.col.current_pct", "#9e9e9e"),
        ("floor_required_pct", "whatif.col.floor_required_pct", charts.NEUTRAL),
        ("proportional_required_pct", "whatif.col.proportional_required_pct", "#72b7b2"),
    ):
        fig.add_trace(
            community_bars(table, col, t(key, lang), colour, "%{x:.1f}%", textposition="auto")
        )
    fig.add_vline(
        x=target_pct,
        line_dash="dash",
        line_color=charts.TARGET,
        annotation_text=t(
            own_key("whatif.fee.chart.target", scoped), lang, pct=fmt.pct(target_pct)
        ),
        annotation_position="top",
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title_text="%", range=[0, 105])
    fig.update_layout(barmode="group", clickmode="event+select", dragmode=False)
    return layout(fig, t("whatif.fee.chart", lang), max(340, 70 * len(table) + 100))
