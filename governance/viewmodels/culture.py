"""The cultural-services page's view model: its tiles, figures, tables and record sets, built
once per data, filters and language (``views/culture.py`` draws it)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import pandas as pd
import plotly.graph_objects as go

from governance import charts, contract, culture, drill, fmt, kpi, periods, sample
from governance.filters import Filters
from governance.i18n import t
from governance.indicators import CULTURE_PARTS
from governance.kpi import Kpi
from governance.text import plain
from governance.viewmodel import Records, Run, community_ids, community_names, records

VENUE_MEASURES = ("person_times", "activities")


@dataclass(frozen=True, eq=False)
class CultureView:
    span: str
    tiles: dict[str, Kpi]
    notes: dict[str, str]
    trends: dict[str, go.Figure]  # chart key -> figure
    breakdown_caption: str
    breakdown: dict[str, go.Figure | None]  # measure -> community bars (None: no values)
    venues: dict[str, go.Figure]  # measure -> stacked bars by venue and kind
    brands_chart: go.Figure
    venue_table: Records
    brands: Records
    own_brand: Records
    teams_caption: str
    teams_chart: go.Figure
    teams_subsidy_chart: go.Figure
    teams_by_kind: Records
    teams_by_community: Records
    training_chart: go.Figure
    training_table: Records
    honours_chart: go.Figure | None  # None: no honours
    activities: Records
    teams: Records
    trainings: Records
    # the records of the quarter the tiles show (the filters' last), and the tiles' ratios
    # written out from their inputs over the same communities (governance/drill.py)
    quarter_records: dict[str, Records]  # "activities" | "teams" | "trainings" -> records
    formulas: tuple[str, ...]
    records_scopes: dict[str, str]  # drill.QUARTER | drill.PERIOD -> its label
    quarter_caption: str


def build(run: Run, f: Filters, lang: str) -> CultureView | None:
    """The page at filters ``f`` in ``lang``; None when the period holds no activity, team or
    training for the communities chosen (the page shows its empty state)."""
    everyone = community_ids(run)
    ids, params = f.community_ids(everyone), f.params(everyone)
    parts = run("indicator_parts_by_community_quarter", None)
    # every measure of the page, the shared indicators' parts and its own counts': one shape
    both = pd.concat([parts, run(CULTURE_PARTS, params)], ignore_index=True)
    values = kpi.aggregate(both, ids)
    if not culture.has_data(values, f.period_from, f.period_to):
        return None
    names = community_names(run, lang)
    targets = run("targets_all", None)
    labels = culture.column_labels(lang)
    localised = partial(culture.localised, lang=lang)
    start, end = periods.short(f.period_from, lang), periods.short(f.period_to, lang)

    def recs(query: str | None, rows=None, at=None) -> Records:
        return records(run, query, at or params, lang, labels, localised, rows=rows)

    in_quarter = drill.quarter_params(params, f.period_to)
    # shown in captions (Markdown): the names, from the data, escaped to read as text
    scope = plain(drill.scope_words(ids, names, bool(f.communities), lang), limit=None)
    quarter = periods.short(f.period_to, lang)

    tiles = kpi.page_tiles("culture", both, targets, ids, f)
    now = culture.at(values, f.period_to)
    notes = {
        "active_teams": t("culture.kpi.active_note", lang),
        "subsidy_yuan": fmt.yuan(now["subsidy_yuan"], lang),
        "placement_rate": t(
            "culture.kpi.placed_note",
            lang,
            placed=fmt.count(now["placed"], lang),
            trainees=fmt.count(now["trainees"], lang),
        ),
    }

    trend = culture.trend_frame(values, f.period_from, f.period_to)
    quarters = trend["quarter"].tolist()

    def line(measure_ids, title_key: str, target_of: str | None = None) -> go.Figure:
        series = {culture.label(m, lang): trend[m].tolist() for m in measure_ids}
        target = tiles[target_of].target if target_of else None
        title = t(title_key, lang)
        return charts.trend(
            quarters,
            series,
            title,
            target=target,
            target_label=t("col.target", lang),
            indicators=tuple(measure_ids),
        )

    trends = {
        "culture_trend_activities": line(["activities"], "culture.trend.activities"),
        "culture_trend_person_times": line(["person_times"], "culture.trend.person_times"),
        "culture_trend_participation": line(
            [culture.PARTICIPATION], "culture.trend.participation", culture.PARTICIPATION
        ),
        "culture_trend_members": line(["team_members"], "culture.trend.members"),
        "culture_trend_active_teams": line(["active_teams"], "culture.trend.active_teams"),
        "culture_trend_subsidy": line(["subsidy_yuan"], "culture.trend.subsidy"),
        "culture_trend_trainees": line(["trainees", "placed"], "culture.trend.trainees"),
        "culture_trend_placement": line(
            [culture.PLACEMENT], "culture.trend.placement", culture.PLACEMENT
        ),
    }

    breakdown: dict[str, go.Figure | None] = {}
    for measure in culture.BREAKDOWN_IDS:
        bars = culture.community_breakdown(both, targets, f.period_to, ids, measure)
        if not bars["value"].notna().any():
            breakdown[measure] = None
            continue
        scored = measure in culture.SCORED
        breakdown[measure] = charts.community_bars(
            bars["community_id"].tolist(),
            bars["community_id"].map(names).tolist(),
            bars["value"].tolist(),
            f"{culture.label(measure, lang)} · {periods.short(f.period_to, lang)}",
            lights=bars["light"].tolist() if scored else None,
            target=kpi.target_for(targets, measure) if scored else None,
            target_label=t("brief.chart.target.town", lang),
            value_format=".1f" if culture.indicator(measure).unit == "pct" else ",.0f",
            small=sample.bar_words(bars["small"], lang),
        )

    by_venue_kind = run("culture_activities_by_venue_kind", params)
    brands = culture.complete(
        run("culture_activities_by_brand", params), "brand", culture.BRANDS_SHOWN
    )
    venues = {}
    for measure in VENUE_MEASURES:
        x, stacks = culture.venue_kind_stacks(by_venue_kind, measure, lang)
        venues[measure] = charts.stacked_bars(
            x, stacks, t("culture.venue.chart", lang), colours=culture.KIND_COLOURS
        )
    brands_chart = charts.stacked_bars(
        [culture.category(b, lang) for b in brands["brand"]],
        {labels["person_times"]: brands["person_times"].tolist()},
        t("culture.brands.chart", lang),
        colours=[charts.NEUTRAL],
        height=400,
    )

    teams = run("culture_teams_by_community_and_kind", params)
    teams_by_kind = culture.teams_at(teams, "kind")
    teams_by_community = culture.teams_at(teams, "community")
    totals = culture.team_totals(teams_by_kind)
    done = culture.complete(teams_by_kind, "kind", contract.TEAM_KINDS)
    teams_chart = charts.stacked_bars(
        [culture.category(k, lang) for k in done["kind"]],
        {labels["members_end"]: done["members_end"].tolist()},
        t("culture.teams.chart", lang),
        colours=[charts.NEUTRAL],
        height=340,
    )
    teams_subsidy_chart = charts.community_bars(
        teams_by_community["community_id"].tolist(),
        teams_by_community["community_id"].map(names).tolist(),
        teams_by_community["subsidy_yuan"].tolist(),
        t("culture.teams.subsidy_chart", lang),
        value_format=",.0f",
    )

    trainings_by_kind = run("culture_trainings_by_kind", params)
    kinds, placed = culture.placed_stacks(trainings_by_kind, lang)
    training_chart = charts.stacked_bars(
        kinds,
        placed,
        t("culture.training.chart", lang),
        colours=[charts.GOOD, charts.NEUTRAL],
    )

    honours = run("culture_honours_timeline", None)
    honours_chart = (
        None
        if honours.empty
        else culture.honours_timeline(honours, f.period_from, f.period_to, lang)
    )

    return CultureView(
        span=t("culture.period_total", lang, start=start, end=end),
        tiles=tiles,
        notes=notes,
        trends=trends,
        breakdown_caption=t(
            "culture.by_community.caption", lang, quarter=periods.display(f.period_to, lang)
        ),
        breakdown=breakdown,
        venues=venues,
        brands_chart=brands_chart,
        venue_table=recs("culture_activities_by_venue_kind", by_venue_kind),
        brands=recs(None, brands),
        own_brand=recs("culture_community_brand_by_community"),
        teams_caption=t(
            "culture.teams.caption",
            lang,
            teams=totals["teams"],
            active=totals["active"],
            start=start,
            end=end,
        ),
        teams_chart=teams_chart,
        teams_subsidy_chart=teams_subsidy_chart,
        teams_by_kind=recs(None, teams_by_kind),
        teams_by_community=recs(None, teams_by_community),
        training_chart=training_chart,
        training_table=recs(
            None, culture.complete(trainings_by_kind, "kind", contract.TRAINING_KINDS)
        ),
        honours_chart=honours_chart,
        activities=recs("culture_activities_records"),
        teams=recs("culture_teams_records"),
        trainings=recs("culture_trainings_records"),
        quarter_records={
            name: recs(f"culture_{name}_records", at=in_quarter)
            for name in ("activities", "teams", "trainings")
        },
        formulas=tuple(
            line
            for line in (
                drill.formula(parts, i, f.period_to, ids, scope, lang) for i in culture.SCORED
            )
            if line
        ),
        records_scopes={
            drill.QUARTER: t("drill.records.quarter", lang, quarter=quarter),
            drill.PERIOD: t("drill.records.period", lang, start=start, end=end),
        },
        quarter_caption=t("drill.records.quarter_caption", lang, quarter=quarter, scope=scope),
    )
