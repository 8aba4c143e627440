"""The long-term management page's view model: its tiles, sentences, figures, tables and
record sets, built once per data, filters and language (``views/longterm.py`` draws it).

Three parts of the page follow a widget and are built per its value, each cached on its own
(``data.view(model.<section>, f, lang, value)``): the fee story's chart (town, communities or
companies: the companies cost a query of their own), the breakdown by community (one measure
of seven) and the record set (one kind of seven, each a query). The rest is :func:`build`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from governance import drill, kpi, longterm, periods
from governance.auth.scope import Scope
from governance.filters import Filters
from governance.i18n import t
from governance.indicators import PLATFORM_RECORDS
from governance.kpi import Kpi
from governance.text import plain
from governance.viewmodel import Records, Run, community_ids, community_names, records

FEE_MODES: tuple[str, ...] = ("town", "community", "company")
# Each fee-chart mode's name: the town's is its total, worded as every total is.
FEE_MODE_KEYS = {
    "town": "common.total",
    "community": "longterm.fee.mode.community",
    "company": "longterm.fee.mode.company",
}
RECORD_KINDS: tuple[str, ...] = (
    "fees",
    "grid",
    "property",
    "community",
    "reward",
    "sanitation",
    "staff",
)
# Record kind -> (query, file stem of its downloads); "fees" is a section of its own.
RECORD_QUERIES: dict[str, tuple[str, str]] = {
    "grid": ("longterm_grid_cases_records", "grid_cases"),
    "property": ("longterm_property_assessment_records", "property_assessments"),
    "community": ("longterm_community_assessment_records", "community_assessments"),
    "reward": ("longterm_reward_payment_records", "reward_payments"),
    "sanitation": ("longterm_sanitation_records", "sanitation_inspections"),
    "staff": ("longterm_staff_post_records", "staff_posts"),
}
# build takes the user's scope (None: the whole town; a scoped user's reward fund is their
# communities' part, and the captions say so); each section takes one choice (the fee chart
# also the scope), listed here for the purity tests.
EXAMPLE_CHOICES: tuple[tuple, ...] = ((None,), (("C01",),))
SECTION_CHOICES: dict[str, tuple[tuple, ...]] = {
    "fee_chart": (*((m,) for m in FEE_MODES), ("town", ("C01",))),
    "breakdown": tuple((m,) for m in PLATFORM_RECORDS["longterm"].kpi_row),
    "record_set": tuple((k, scope) for k in RECORD_KINDS for scope in drill.SCOPES),
}


@dataclass(frozen=True, eq=False)
class Inputs:
    """What every part of the page starts from (the queries are cached by the query layer)."""

    ids: list[str]  # the communities the filters cover
    params: dict[str, Any]
    names: dict[str, str]
    labels: dict[str, str]
    parts: pd.DataFrame
    local_parts: pd.DataFrame
    targets: pd.DataFrame


def inputs(run: Run, f: Filters, lang: str) -> Inputs:
    everyone = community_ids(run)
    return Inputs(
        ids=f.community_ids(everyone),
        params=f.params(everyone),
        names=community_names(run, lang),
        labels=longterm.labels(lang),
        parts=run("indicator_parts_by_community_quarter", None),
        local_parts=run("longterm_kpi_parts_by_community_quarter", None),
        targets=run("targets_all", None),
    )


@dataclass(frozen=True)
class LongtermView:
    # Building twice from the same inputs gives the same content (tests/fixtures/same.py).
    tiles: dict[str, Kpi]
    notes: dict[str, str | None]  # indicator id -> the tile's second line
    story: str | None  # the fee story in one sentence; None: no fee data for the scope
    trend_scores: go.Figure
    trend_rates: go.Figure
    weights: str
    # property assessment: None when the period holds no company score
    company_chart: go.Figure | None  # None: no score at the last quarter (company_none_at)
    company_none_at: str
    company_trend: go.Figure | None
    formula: str
    # the reward fund: has_rewards False when neither rewards nor a fund year is known
    has_rewards: bool
    reward_chart: go.Figure | None  # None: no reward paid in the period
    fund_chart: go.Figure | None
    fund_note: str  # whose fund the figures are: the town's, or a scoped user's part of it
    fund: Records
    rewards: Records
    # grid management: grid_chart None when the period holds no case
    grid_chart: go.Figure | None
    trend_days: go.Figure
    grid: Records
    # staff posts: staff_chart None when no post is known
    staff_chart: go.Figure | None
    staff: Records
    # what the records list is behind: the tiles' quarter and communities, their rates written
    # out from their inputs (governance/drill)
    behind: drill.Behind


def build(run: Run, f: Filters, lang: str, own: Scope = None) -> LongtermView | None:
    """The page at filters ``f`` in ``lang`` for a user whose scope is ``own`` (None: the
    whole town; ``run`` applies that scope); None when no KPI of the page has a value for the
    communities chosen in the period (the page shows its empty state)."""
    i = inputs(run, f, lang)
    if not longterm.has_data(i.parts, i.local_parts, i.ids, f.period_from, f.period_to):
        return None
    params, labels = i.params, i.labels
    localised = partial(longterm.localise, lang=lang)

    def derived(rows: pd.DataFrame) -> Records:  # a small table the page computed: kept
        return records(run, None, params, lang, labels, rows=rows)

    fund = longterm.fund_by_year(run("longterm_reward_fund_by_year", params))
    if own is not None:  # the query summed their communities only: theirs, not the town's
        fund = longterm.own_fund(fund)
    story = longterm.story(longterm.fee_series(i.parts, i.ids))
    both = pd.concat([i.parts, i.local_parts], ignore_index=True)
    tiles = kpi.page_tiles("longterm", both, i.targets, i.ids, f)
    notes = {
        "fee_collection_rate": longterm.first_note(story, lang),
        "reward_paid": longterm.fund_note(fund, f.period_to.year, lang),
        "grid_days_to_close": t("longterm.kpi.fewer_better", lang),
    }
    story_text = None
    if story is not None:
        scope_name = longterm.scope_name(f.communities, i.names, lang, own is not None)
        target = tiles[longterm.FEE].target
        story_text = longterm.story_text(story, plain(scope_name), target, lang)

    wide = longterm.trend_frame(i.parts, i.local_parts, i.ids, f.period_from, f.period_to)
    trend_scores = longterm.trend_figure(
        wide,
        ("property_score", "sanitation_score", "community_score"),
        t("longterm.trends.scores", lang),
        lang,
    )
    trend_rates = longterm.trend_figure(
        wide,
        ("fee_collection_rate", "grid_closure_rate"),
        t("longterm.trends.rates", lang),
        lang,
    )
    trend_days = longterm.trend_figure(
        wide, ("grid_days_to_close",), t("longterm.trends.days", lang), lang
    )

    company_scores = run("longterm_property_scores_by_company_quarter", params)
    company_chart = company_trend = None
    if not company_scores.empty:
        at = longterm.company_scores_at(company_scores, f.period_to)
        if not at.empty:
            company_chart = longterm.company_scores_figure(at, f.period_to, lang)
        company_trend = longterm.company_score_trend(company_scores, lang)

    rewards = run("longterm_reward_paid_by_company_quarter", params)
    has_rewards = not (rewards.empty and fund.empty)
    reward_chart = longterm.reward_figure(rewards, lang) if not rewards.empty else None
    fund_chart = longterm.fund_figure(fund, lang, own is not None) if has_rewards else None

    grid = run("longterm_grid_cases_by_category", params)
    categories = longterm.grid_categories(grid)
    grid_chart = None if grid.empty else longterm.grid_figure(categories, lang)

    staff = longterm.staff_table(run("longterm_staff_budget_by_post_year", params))
    staff_chart = None if staff.empty else longterm.staff_figure(staff, lang)

    return LongtermView(
        tiles=tiles,
        notes=notes,
        story=story_text,
        trend_scores=trend_scores,
        trend_rates=trend_rates,
        weights=longterm.weights_text(lang),
        company_chart=company_chart,
        company_none_at=t(
            "longterm.property.none_at", lang, quarter=periods.display(f.period_to, lang)
        ),
        company_trend=company_trend,
        formula=longterm.formula_text(lang),
        has_rewards=has_rewards,
        reward_chart=reward_chart,
        fund_chart=fund_chart,
        fund_note=t("longterm.fund.note.own" if own is not None else "longterm.fund.note", lang),
        fund=derived(localised(fund)),
        rewards=derived(localised(longterm.with_formula(rewards))),
        grid_chart=grid_chart,
        trend_days=trend_days,
        grid=derived(localised(categories)),
        staff_chart=staff_chart,
        staff=derived(staff),
        behind=drill.behind(
            # the shared parts and this page's own (days to close, community score): one frame
            pd.concat([i.parts, i.local_parts], ignore_index=True),
            PLATFORM_RECORDS["longterm"].kpi_row,
            f.period_from,
            f.period_to,
            i.ids,
            i.names,
            bool(f.communities),
            lang,
        ),
    )


# ---- the fee story's chart -------------------------------------------------------------------


def fee_chart(run: Run, f: Filters, lang: str, mode: str, own: Scope = None) -> go.Figure | None:
    """The whole-period collection rate of the scope, with a thin line per community
    (``mode="community"``, its points carry the community for a drill-down) or per property
    company (``"company"``); None when the scope has no fee data. ``own``: the user's scope
    (the bold line is "所辖社区" rather than "全镇" for a scoped user)."""
    i = inputs(run, f, lang)
    town = longterm.fee_series(i.parts, i.ids)
    if town.empty:
        return None
    own = i.ids[0] if len(i.ids) == 1 else None  # the target the fee tile shows
    target = kpi.target_for(i.targets, longterm.FEE, own)
    lines: Mapping[str, pd.DataFrame] = {}
    line_ids = None
    if mode == "community":
        lines = longterm.fee_by_community(i.parts, i.ids, i.names)
        line_ids = {i.names.get(c, c): c for c in i.ids}
    elif mode == "company":
        rates = run("longterm_fee_rate_by_company_quarter", i.params)
        lines = longterm.fee_by_company(rates, lang)
    scope_name = longterm.scope_name(f.communities, i.names, lang, own is not None)
    return longterm.fee_story_figure(
        town, lines, target, f.period_from, f.period_to, lang, scope_name, line_ids
    )


# ---- the breakdown by community --------------------------------------------------------------


@dataclass(frozen=True)
class Breakdown:
    figure: go.Figure | None  # None: no community has a value at the last quarter
    missing: str | None  # the caption naming the communities without a value


def breakdown(run: Run, f: Filters, lang: str, measure: str) -> Breakdown:
    """Bars per community of ``measure`` at the last quarter of the period."""
    i = inputs(run, f, lang)
    bars = longterm.breakdown(
        i.parts, i.local_parts, i.targets, measure, f.period_to, i.ids, i.names
    )
    if bars.empty:
        return Breakdown(None, None)
    missing = longterm.missing_from(bars, i.ids, i.names)
    caption = None
    if missing:
        names = t("sep.list", lang).join(map(plain, missing))
        caption = t("longterm.breakdown.missing", lang, names=names)
    return Breakdown(longterm.breakdown_figure(bars, measure, f.period_to, lang), caption)


# ---- the records behind the numbers ----------------------------------------------------------


@dataclass(frozen=True)
class FeeRecords:
    """The fee bills: the last quarter's and the summary on screen; the whole set of bills is
    built only on a click (``longterm.fee_bills`` on its own connection, with ``params``)."""

    heading: str
    last_quarter: Records
    summary: Records
    households: str  # the sentence counting every bill of the filter
    params: dict[str, Any]
    excel_fits: bool


@dataclass(frozen=True)
class RecordSet:
    file_stem: str  # of the downloads
    fees: FeeRecords | None  # kind "fees" (None when no bill is in the filter)
    rows: Records | None  # every other kind


def _reward_rows(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    # the formula amount and the gap are row by row: computed for the rows on screen now
    # and for the whole set on a download
    return longterm.localise(longterm.with_formula(frame), lang)


def record_set(run: Run, f: Filters, lang: str, kind: str, scope: str = drill.PERIOD) -> RecordSet:
    """The records of one ``kind`` (see :data:`RECORD_KINDS`) in the filter: of the whole
    period (``scope`` drill.PERIOD) or of the tiles' quarter only (drill.QUARTER: the rows
    behind the numbers, what the page opens on)."""
    i = inputs(run, f, lang)
    params = drill.quarter_params(i.params, f.period_to) if scope == drill.QUARTER else i.params
    localised = partial(longterm.localise, lang=lang)
    if kind != "fees":
        query, file_stem = RECORD_QUERIES[kind]
        prepare = partial(_reward_rows, lang=lang) if kind == "reward" else localised
        return RecordSet(file_stem, None, records(run, query, params, lang, i.labels, prepare))
    # The bills on screen are the tiles' quarter's whichever the scope (a period's are too many
    # to show); the summary per quarter and the whole set's download are of the scope chosen.
    summary = run("longterm_fee_summary_by_community_quarter", params)
    if summary.empty:
        return RecordSet("fee_bills", None, None)
    n = int(summary["households_billed"].sum())
    fees = FeeRecords(
        heading=t("longterm.fees.last_quarter", lang, quarter=periods.display(f.period_to, lang)),
        last_quarter=records(
            run,
            "longterm_fee_records",
            {**i.params, "period_from": f.period_to},
            lang,
            i.labels,
            localised,
        ),
        summary=records(
            run, "longterm_fee_summary_by_community_quarter", params, lang, i.labels, localised
        ),
        households=t("longterm.fees.full", lang, n=f"{n:,}"),
        params=dict(params),
        excel_fits=longterm.excel_fits(n),
    )
    return RecordSet("fee_bills", fees, None)
