"""The reward-fund lever on the page: the fund under the baseline and the scenario, narrowed to
the period and communities in view, with its headline numbers, tiles, tables and figures."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from governance import charts, fmt, periods
from governance.i18n import t
from governance.whatif.display import (
    BASELINE_COLOUR,
    Tile,
    in_scope,
    layout,
    money_axis,
    quarter_label,
    quarter_starts,
    same_as_baseline,
    signed_count,
    signed_yuan,
    tile,
    vs_baseline,
)
from governance.whatif.fund import FundResult, compare_funds, reward_fund
from governance.whatif.params import FundParams

# Computes the town's fund of one set of assessments under some rules: reward_fund bound to a
# frame (see :func:`solver`).
FundSolver = Callable[[FundParams], FundResult]


@dataclass(frozen=True, eq=False)
class FundView:
    """The fund under the baseline and the scenario, town-wide, and the rows in view."""

    baseline: FundResult
    scenario: FundResult
    rows: pd.DataFrame  # in scope: keys, score, area, and *_baseline / *_scenario money
    period_from: date
    period_to: date

    def scoped(self, which: str) -> FundResult:
        """The baseline's or scenario's result with only the payments in view."""
        result = self.baseline if which == "baseline" else self.scenario
        keys = self.rows[["company_id", "community_id", "quarter"]]
        payments = result.payments.merge(keys, on=["company_id", "community_id", "quarter"])
        return replace(result, payments=payments)


KEYS = ["company_id", "community_id", "quarter"]


def fund_frame(assessments: pd.DataFrame) -> pd.DataFrame:
    """The columns of the assessments the fund is computed from (all rows: town-wide)."""
    return assessments[[*KEYS, "score", "managed_area_m2"]].copy()


def solver(assessments: pd.DataFrame) -> FundSolver:
    """The fund of these assessments under any rules, each set of rules computed once for as
    long as the solver lives (one view model's build: its tiles, tables and comparison ask
    for the same baseline and scenario several times). No state outlives it."""
    frame = fund_frame(assessments)
    solved: dict[FundParams, FundResult] = {}

    def solve(params: FundParams) -> FundResult:
        if params not in solved:
            solved[params] = reward_fund(frame, params)
        return solved[params]

    return solve


def fund_view(
    assessments: pd.DataFrame,
    params: FundParams,
    period_from: date,
    period_to: date,
    solve: FundSolver | None = None,
) -> FundView | None:
    """Baseline and scenario funds. Computed town-wide from the first quarter of the period's
    first year (the cap is one yearly budget for the whole town, and unspent money carries
    forward), then narrowed to the selected period and communities. None when nothing is in
    view. ``solve`` computes the fund of these assessments' :func:`fund_frame` (default:
    :func:`reward_fund` on it, each call anew)."""
    view = in_scope(assessments)
    if view.empty:
        return None
    if solve is None:
        frame = fund_frame(assessments)

        def solve(p: FundParams) -> FundResult:
            return reward_fund(frame, p)

    base = solve(FundParams())
    scen = solve(params)
    wanted = view[KEYS].assign(quarter=quarter_starts(view["quarter"]))
    cols = ["eligible", "claim_yuan", "paid_yuan"]
    rows = (
        base.payments[[*KEYS, "score", "managed_area_m2", *cols]]
        .merge(scen.payments[[*KEYS, *cols]], on=KEYS, suffixes=("_baseline", "_scenario"))
        .merge(wanted, on=KEYS)
        .sort_values(KEYS)
        .reset_index(drop=True)
    )
    return FundView(base, scen, rows, period_from, period_to)


def _years(view: FundView) -> list[int]:
    return sorted({pd.Timestamp(q).year for q in view.rows["quarter"]})


def _capped_in_period(result: FundResult, view: FundView) -> int:
    q = result.by_quarter
    sel = (q["quarter"] >= pd.Timestamp(view.period_from)) & (
        q["quarter"] <= pd.Timestamp(view.period_to)
    )
    return int(q.loc[sel, "cap_binding"].sum())


def _quarters_below(rows: pd.DataFrame, which: str) -> int:
    """Company-quarters below the minimum (the rule is per company and quarter)."""
    below = ~rows[f"eligible_{which}"].astype(bool)
    return int(rows.loc[below, ["company_id", "quarter"]].drop_duplicates().shape[0])


def fund_summary(view: FundView) -> dict[str, float]:
    """The page's headline numbers: money in view, companies paid, the last year's balance."""
    rows = view.rows
    year = _years(view)[-1]
    out: dict[str, float] = {"year": year}
    for which, result in (("baseline", view.baseline), ("scenario", view.scenario)):
        paid = rows[f"paid_yuan_{which}"]
        by_company = rows.assign(p=paid).groupby("company_id")["p"].sum()
        by_year = result.by_year.set_index("year")
        out[f"paid_{which}"] = round(float(paid.sum()), 2)
        out[f"claimed_{which}"] = round(
            float(rows[f"claim_yuan_{which}"].where(rows[f"eligible_{which}"], 0).sum()), 2
        )
        out[f"companies_paid_{which}"] = int((by_company > 0).sum())
        out[f"rows_below_min_{which}"] = _quarters_below(rows, which)
        out[f"left_{which}"] = float(by_year.loc[year, "left"]) if year in by_year.index else 0.0
        out[f"capped_{which}"] = _capped_in_period(result, view)
    out["companies"] = int(rows["company_id"].nunique())
    return out


def fund_tiles(
    view: FundView, lang: str, scoped: bool = False, forward: bool = False
) -> list[Tile]:
    """The headline first: the fund of each year of the period against that year's cap (a
    yearly cap is never set beside a total over several years); then the total paid in view,
    companies paid and quarters at the cap. For a ``scoped`` user (the assessments are their
    communities' only) the year tiles are their part and the quarters at the cap, which depend
    on the other communities' claims, go. ``forward``: the view is next year projected (one
    year, so no total beside it)."""
    s = fund_summary(view)
    span = f"{periods.to_label(view.period_from)}–{periods.to_label(view.period_to)}"
    d_paid = s["paid_scenario"] - s["paid_baseline"]
    d_companies = s["companies_paid_scenario"] - s["companies_paid_baseline"]
    d_capped = s["capped_scenario"] - s["capped_baseline"]
    tiles = year_tiles(view, lang, scoped, forward)
    if not forward:
        tiles.append(
            tile(
                t("whatif.fund.tile.paid", lang),
                fmt.yuan(s["paid_scenario"], lang),
                d_paid,
                vs_baseline(signed_yuan(d_paid, lang), lang),
                help=t(
                    "whatif.fund.tile.paid.help",
                    lang,
                    span=span,
                    base=fmt.yuan(s["paid_baseline"], lang),
                ),
            )
        )
    tiles.append(
        tile(
            t("whatif.fund.tile.companies", lang),
            t(
                "whatif.fund.tile.companies.value",
                lang,
                n=s["companies_paid_scenario"],
                total=s["companies"],
            ),
            d_companies,
            vs_baseline(signed_count(d_companies, lang), lang),
            help=t(
                "whatif.fund.tile.companies.help",
                lang,
                rows=s["rows_below_min_scenario"],
            ),
        )
    )
    if not scoped:
        tiles.append(
            tile(
                t("whatif.fund.tile.capped", lang),
                t("whatif.n_quarters", lang, n=int(s["capped_scenario"])),
                d_capped,
                vs_baseline(signed_count(d_capped, lang), lang),
                help=t("whatif.fund.tile.capped.help", lang),
            )
        )
    return tiles


def wan_yuan(x: float, lang: str) -> str:
    """Money for a year tile: 万元 to two decimals like every money tile and table beside it
    (82.97万元, not 83万元 over a table's 82.97万元), without trailing zeros (100万元);
    in English ¥ in full."""
    if lang == "en":
        return f"¥{x:,.0f}"
    return fmt.wan(x, "元")


def year_tiles(
    view: FundView, lang: str, scoped: bool = False, forward: bool = False
) -> list[Tile]:
    """One tile per year of the period: the town's fund used that year beside that year's cap
    (a yearly cap is never set against a total over several years); for a ``scoped`` user
    what their communities got that year, the town's cap in the help (the town's use and
    remainder are not derivable from their part); ``forward``: the year is projected."""
    table = year_table(view)
    keys = "whatif_forward.tile" if forward else "whatif.fund.tile"
    out = []
    for row in table.itertuples(index=False):
        used, base, cap = row.paid_scenario, row.paid_baseline, row.cap_scenario
        change = round(used - base, 2)
        if scoped:
            label = t(f"{keys}.year.own", lang, year=int(row.year))
            help_text = t(
                f"{keys}.year.help.own",
                lang,
                year=int(row.year),
                cap=wan_yuan(cap, lang),
                base=wan_yuan(base, lang),
            )
        else:
            # the cap in the label keeps the value short enough for a tile
            label = t(f"{keys}.year", lang, year=int(row.year), cap=wan_yuan(cap, lang))
            help_text = t(
                f"{keys}.year.help",
                lang,
                year=int(row.year),
                left=wan_yuan(row.left_scenario, lang),
                base=wan_yuan(base, lang),
                base_cap=wan_yuan(row.cap_baseline, lang),
            )
        out.append(
            tile(
                label,
                wan_yuan(used, lang),
                change,
                vs_baseline(signed_yuan(change, lang), lang),
                help=help_text,
            )
        )
    return out


def company_table(view: FundView, lang: str, names: Mapping[str, str]) -> pd.DataFrame:
    """Per company over the period in view: paid under the baseline and the scenario."""
    cmp = compare_funds(view.scoped("baseline"), view.scoped("scenario"))
    rows = view.rows.assign(weighted=view.rows["score"] * view.rows["managed_area_m2"])
    extra = rows.groupby("company_id").agg(
        communities=("community_id", "nunique"),
        weighted=("weighted", "sum"),
        area=("managed_area_m2", "sum"),
        plain=("score", "mean"),
    )
    # area-weighted like the company's quarterly score the minimum is applied to
    extra["mean_score"] = (extra["weighted"] / extra["area"].where(extra["area"] > 0)).fillna(
        extra["plain"]
    )
    # company-quarters below the minimum, per company (one pass: a loop per company was most
    # of a fund rebuild at 400 companies)
    below = rows.loc[~rows["eligible_scenario"].astype(bool), ["company_id", "quarter"]]
    per_company = below.drop_duplicates().groupby("company_id").size()
    extra["rows_below_min"] = per_company.reindex(extra.index, fill_value=0).astype(int)
    out = cmp.merge(extra.reset_index(), on="company_id", how="left")
    out.insert(1, "company", [names.get(c, c) for c in out["company_id"]])
    out["mean_score"] = out["mean_score"].round(1)
    return out[
        [
            "company_id",
            "company",
            "communities",
            "mean_score",
            "rows_below_min",
            "baseline_yuan",
            "scenario_yuan",
            "change_yuan",
            "change_pct",
        ]
    ]


def company_quarter_table(view: FundView, names: Mapping[str, str]) -> pd.DataFrame:
    """Per company and quarter in view: area, area-weighted score, claim and pay-outs."""
    rows = view.rows.assign(weighted=view.rows["score"] * view.rows["managed_area_m2"])
    rows["claim_yuan"] = rows["claim_yuan_scenario"].where(rows["eligible_scenario"], 0.0)
    g = rows.groupby(["company_id", "quarter"], as_index=False).agg(
        communities=("community_id", "nunique"),
        managed_area_m2=("managed_area_m2", "sum"),
        weighted=("weighted", "sum"),
        claim_yuan=("claim_yuan", "sum"),
        baseline_yuan=("paid_yuan_baseline", "sum"),
        scenario_yuan=("paid_yuan_scenario", "sum"),
    )
    area = g["managed_area_m2"].where(g["managed_area_m2"] > 0)
    g["score"] = (g["weighted"] / area).round(1)
    for col in ("claim_yuan", "baseline_yuan", "scenario_yuan"):
        g[col] = g[col].round(2)
    g["change_yuan"] = (g["scenario_yuan"] - g["baseline_yuan"]).round(2)
    g.insert(1, "company", [names.get(c, c) for c in g["company_id"]])
    g = g.sort_values(["quarter", "company_id"], ascending=[False, True])
    cols = [
        "quarter",
        "company_id",
        "company",
        "communities",
        "managed_area_m2",
        "score",
        "claim_yuan",
        "baseline_yuan",
        "scenario_yuan",
        "change_yuan",
    ]
    return g[cols].reset_index(drop=True)


def year_table(view: FundView) -> pd.DataFrame:
    """The town's fund per year of the period: cap, paid and left under both (town-wide)."""
    years = _years(view)
    b = view.baseline.by_year.set_index("year")
    s = view.scenario.by_year.set_index("year")
    out = pd.DataFrame({"year": years})
    for which, frame in (("baseline", b), ("scenario", s)):
        out[f"cap_{which}"] = [float(frame.loc[y, "cap"]) for y in years]
        out[f"paid_{which}"] = [float(frame.loc[y, "paid"]) for y in years]
        out[f"left_{which}"] = [float(frame.loc[y, "left"]) for y in years]
        out[f"capped_{which}"] = [int(frame.loc[y, "capped_quarters"]) for y in years]
    out["claimed_scenario"] = [float(s.loc[y, "claimed"]) for y in years]
    order = ["year", "cap_baseline", "cap_scenario", "claimed_scenario"]
    order += ["paid_baseline", "paid_scenario", "left_baseline", "left_scenario"]
    order += ["capped_baseline", "capped_scenario"]
    return out[order]


def own_year_table(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`year_table` for a scoped user: the claims and payments are their communities'
    (the assessments are theirs only), so they are named so; the town's left and the quarters
    at the cap depend on the other communities' claims and go (a cap less their part would
    read as the town's remainder)."""
    out = table[["year", "cap_baseline", "cap_scenario", "claimed_scenario"]].copy()
    out["paid_own_baseline_yuan"] = table["paid_baseline"]
    out["paid_own_scenario_yuan"] = table["paid_scenario"]
    return out.rename(columns={"claimed_scenario": "claimed_own_yuan"}).reset_index(drop=True)


def fund_difference_figure(companies: pd.DataFrame, lang: str) -> go.Figure:
    """Scenario minus baseline per company, in a neutral colour (more money is not 'good').
    When no company's pay changes, the chart says so instead of drawing an empty axis."""
    if companies.empty or (companies["change_yuan"].fillna(0).round(2) == 0).all():
        return same_as_baseline(
            t("whatif.fund.chart.diff", lang), t("whatif.fund.chart.same", lang)
        )
    per, unit = money_axis(lang)
    fig = go.Figure(
        go.Bar(
            x=(companies["change_yuan"] / per).round(4 if per != 1 else 2).tolist(),
            y=companies["company"].tolist(),
            orientation="h",
            marker_color=charts.NEUTRAL,
            text=[signed_yuan(x, lang) for x in companies["change_yuan"]],
            textposition="auto",
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    fig.add_vline(x=0, line_color=charts.TARGET)
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title_text=unit)
    return layout(fig, t("whatif.fund.chart.diff", lang), max(300, 60 * len(companies) + 100))


def fund_quarter_figure(view: FundView, lang: str) -> go.Figure:
    """Paid per quarter in view, baseline beside scenario; in 万元 in Chinese, as the tiles
    and tables beside it say money (an axis of 200,000 元 read as another unit)."""
    g = view.rows.groupby("quarter")[["paid_yuan_baseline", "paid_yuan_scenario"]].sum()
    x = [quarter_label(q) for q in g.index]
    per, unit = money_axis(lang)
    wan = per != 1
    g = g / per
    fig = go.Figure()
    for col, name, colour in (
        ("paid_yuan_baseline", t("whatif.baseline", lang), BASELINE_COLOUR),
        ("paid_yuan_scenario", t("whatif.scenario", lang), charts.NEUTRAL),
    ):
        fig.add_trace(
            go.Bar(
                x=x,
                y=g[col].round(4 if wan else 2).tolist(),
                name=name,
                marker_color=colour,
                hovertemplate=f"%{{x}}: %{{y:,.2f}}{unit if wan else ''}<extra>{name}</extra>",
            )
        )
    fig.update_layout(barmode="group")
    fig.update_yaxes(title_text=unit, rangemode="tozero")
    return layout(fig, t("whatif.fund.chart.quarters", lang), 340)
