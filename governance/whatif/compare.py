"""Comparing scenarios: each one's key numbers from the data the page read, their parameters
in words side by side, and the money each company would be paid under each."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from governance import charts, fmt
from governance.i18n import t
from governance.whatif.checks import num
from governance.whatif.collection import collection_view
from governance.whatif.display import (
    BASELINE_COLOUR,
    FORMATS,
    GRADE_KEYS_I18N,
    indicator_label,
    layout,
    money,
    money_axis,
    own_key,
    value_text,
)
from governance.whatif.fund_view import FundSolver, fund_summary, fund_view
from governance.whatif.params import GRADES, weight_pct
from governance.whatif.scenario import Scenario
from governance.whatif.scoring import grades_by, scoring_rows
from governance.whatif.targets import apply_targets, scenario_target_map


@dataclass(frozen=True, eq=False)
class Data:
    """What the page read, for computing any scenario's outcome."""

    assessments: pd.DataFrame
    values: pd.DataFrame  # per community and indicator at the last quarter, in view
    targets: Mapping[object, float]  # target_map of the targets table
    fee: pd.DataFrame
    period_from: date
    period_to: date
    solve: FundSolver | None = None  # the fund of ``assessments`` (fund_view's ``solve``)


def outcome(s: Scenario, data: Data) -> dict[str, float | None]:
    """A scenario's key numbers (None where its parameters are invalid or data is missing)."""
    out: dict[str, float | None] = dict.fromkeys(OUTCOME_KEYS)
    if not s.fund_errors():
        view = fund_view(data.assessments, s.fund, data.period_from, data.period_to, data.solve)
        if view is not None:
            summary = fund_summary(view)
            out["paid"] = summary["paid_scenario"]
            out["left"] = summary["left_scenario"]
            out["companies_paid"] = summary["companies_paid_scenario"]
            out["capped"] = summary["capped_scenario"]
    rows = scoring_rows(data.assessments, data.period_to)
    if not s.scoring_errors() and not rows.empty:
        grades = grades_by(rows, "company_id", s.scoring)
        for g in GRADES:
            out[f"companies_{GRADE_KEYS_I18N[g]}"] = int((grades["grade"] == g).sum())
    if not s.target_errors() and not data.values.empty:
        applied = apply_targets(data.values, scenario_target_map(data.targets, s.target_overrides))
        out["green"] = int((applied["light"] == "green").sum())
        out["red"] = int((applied["light"] == "red").sum())
    if not s.collection_errors() and not data.fee.empty:
        view = collection_view(data.fee, s.collection_target)
        out["fee_extra"] = int(view["floor_extra_households"].sum())
    return out


OUTCOME_KEYS: tuple[str, ...] = (
    "paid",
    "left",
    "companies_paid",
    "capped",
    "companies_excellent",
    "companies_good",
    "companies_fair",
    "green",
    "red",
    "fee_extra",
)
# the collection goal is a parameter (parameter_rows), so it is not repeated as an outcome
_OUTCOME_KIND = {"paid": "yuan", "left": "yuan"}


def parameter_rows(s: Scenario, lang: str, scoped: bool = False) -> dict[str, str]:
    """Every parameter of a scenario, in words, keyed by its row label (the collection goal
    of a ``scoped`` user is their communities')."""
    f, sc = s.fund, s.scoring
    targets = "；".join(
        f"{indicator_label(i, lang)} {value_text(i, v, lang)}" for i, v in s.targets
    )
    return {
        t("whatif.fund.rate", lang): t(
            "whatif.rate.value",
            lang,
            rate=num(f.rate),
            period=t(f"whatif.period.{f.rate_period}", lang),
        ),
        t("longterm.col.cap_yuan", lang): fmt.yuan(f.annual_cap, lang),  # the fund's cap
        t("whatif.fund.min", lang): (
            t("whatif.min.value", lang, min=num(f.min_score))
            if f.min_score
            else t("whatif.min.none", lang)
        ),
        t("whatif.fund.policy", lang): t(f"whatif.policy.{f.over_cap}", lang),
        t("whatif.cmp.weights", lang): " / ".join(
            f"{num(weight_pct(w))}%" for w in (sc.w_self, sc.w_town, sc.w_residents)
        ),
        t("whatif.cmp.thresholds", lang): f"{num(sc.excellent)} / {num(sc.good)}",
        t("whatif.cmp.targets", lang): targets or t("whatif.cmp.targets.none", lang),
        t(own_key("whatif.fee.target", scoped), lang): fmt.pct(s.collection_target),
    }


# What a scoped user is not shown: the town's fund left and its quarters at the cap depend on
# the other communities' claims, which their assessments do not hold.
TOWN_ONLY_OUTCOMES = frozenset({"left", "capped"})


def compare_frame(
    named: Sequence[tuple[str, Scenario, Mapping[str, float | None]]],
    lang: str,
    scoped: bool = False,
):
    """Parameters and key numbers of several scenarios side by side (one column each); for a
    ``scoped`` user without the town's fund left and quarters at the cap."""
    rows: dict[str, list[str]] = {}
    for _, s, _ in named:
        for label, text in parameter_rows(s, lang, scoped).items():
            rows.setdefault(label, []).append(text)
    for key in OUTCOME_KEYS:
        if scoped and key in TOWN_ONLY_OUTCOMES:
            continue
        label = t(f"whatif.cmp.{key}", lang)
        for _, _, result in named:
            v = result.get(key)
            kind = _OUTCOME_KIND.get(key, "count")
            rows.setdefault(label, []).append(FORMATS[kind](float("nan") if v is None else v, lang))
    out = pd.DataFrame(rows).T
    out.columns = [name for name, _, _ in named]
    out.index.name = t("whatif.col.item", lang)
    return out.reset_index()


def compare_companies(
    named: Sequence[tuple[str, Scenario]], data: Data, names: Mapping[str, str]
) -> pd.DataFrame:
    """Paid per company in view under each scenario (one column per scenario)."""
    out: pd.DataFrame | None = None
    for name, s in named:
        if s.fund_errors():
            col = pd.DataFrame(columns=["company_id", name])
        else:
            view = fund_view(data.assessments, s.fund, data.period_from, data.period_to, data.solve)
            if view is None:
                return pd.DataFrame()
            col = (
                view.rows.groupby("company_id")["paid_yuan_scenario"]
                .sum()
                .round(2)
                .rename(name)
                .reset_index()
            )
        out = col if out is None else out.merge(col, on="company_id", how="outer")
    if out is None or out.empty:
        return pd.DataFrame()
    out.insert(1, "company", [names.get(c, c) for c in out["company_id"]])
    return out.sort_values("company_id").reset_index(drop=True)


def compare_companies_shown(companies: pd.DataFrame, lang: str) -> pd.DataFrame:
    """:func:`compare_companies` for the screen: money in words."""
    out = companies.drop(columns=["company_id"]).copy()
    for col in out.columns[1:]:
        out[col] = [money(x, lang) for x in out[col]]
    return out.rename(columns={"company": t("whatif.col.company", lang)})


def compare_figure(companies: pd.DataFrame, lang: str) -> go.Figure:
    """Paid per company under each compared scenario, grouped: the first (what the second is
    compared with, the baseline by default) in the grey every what-if chart gives the
    baseline, the second in its scenario colour; money as the tiles say it (money_axis)."""
    fig = go.Figure()
    palette = [BASELINE_COLOUR, charts.NEUTRAL, "#f58518", "#72b7b2"]
    per, unit = money_axis(lang)
    suffix = unit if per != 1 else ""
    for i, col in enumerate(c for c in companies.columns if c not in ("company_id", "company")):
        fig.add_trace(
            go.Bar(
                x=companies["company"].tolist(),
                y=(companies[col] / per).round(4 if per != 1 else 2).tolist(),
                name=col,
                marker_color=palette[i % len(palette)],
                hovertemplate="%{x}: %{y:,.2f}" + suffix + "<extra>" + col + "</extra>",
            )
        )
    fig.update_layout(barmode="group")
    fig.update_yaxes(title_text=unit, rangemode="tozero")
    return layout(fig, t("whatif.cmp.chart", lang), 340)
