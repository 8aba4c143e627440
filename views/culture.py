"""文化服务 Cultural services: activities and brand activities, the social teams, training and
jobs, the honours — KPIs, trends, the breakdown by community and the records behind them."""

import streamlit as st

from governance import charts, contract, culture, fmt, kpi, periods
from ui import data, state, widgets
from ui.state import tr

f = state.current()
lang = f.lang
widgets.page_header(tr("culture.title"), tr("culture.subtitle"), key_prefix="culture")

ids = state.community_ids()
scope = f.community_ids(ids)
params = state.query_params()
measures = data.run("culture_measures_by_community_quarter", params)
town = culture.town_by_quarter(measures)

if not culture.has_data(town, f.period_from, f.period_to):
    widgets.empty_state()
    st.stop()

parts = data.run("indicator_parts_by_community_quarter")
targets = data.run("targets_all")
values = kpi.aggregate(parts, scope)
labels = culture.column_labels(lang)
start, end = periods.short(f.period_from, lang), periods.short(f.period_to, lang)
span = tr("culture.period_total", start=start, end=end)


def table(df, file_stem: str, key: str, height="auto") -> None:
    """A table in the UI language, with its CSV and Excel downloads (or words when empty)."""
    widgets.records_table(
        df,
        file_stem,
        key,
        labels,
        height=height,
        prepare=lambda frame: culture.localised(frame, lang),
    )


# ---- KPI tiles -------------------------------------------------------------------------------
tiles = culture.kpis(town, values, targets, scope, f.period_from, f.period_to, f.basis)
now = culture.at(town, f.period_to)
notes = {
    "active_teams": tr("culture.kpi.active_note"),
    "subsidy_yuan": fmt.yuan(now["subsidy_yuan"], lang),
    "placement_rate": tr(
        "culture.kpi.placed_note",
        placed=fmt.count(now["placed"], lang),
        trainees=fmt.count(now["trainees"], lang),
    ),
}
for row in (culture.KPI_IDS[:4], culture.KPI_IDS[4:]):
    for column, kpi_id in zip(st.columns(4), row, strict=True):
        with column:
            widgets.kpi_tile(tiles[kpi_id], secondary=notes.get(kpi_id))

# ---- trends ----------------------------------------------------------------------------------
st.subheader(tr("culture.trends"))
trend = culture.trend_frame(town, values, f.period_from, f.period_to)
quarters = trend["quarter"].tolist()


def line(measure_ids, title: str, key: str, target_of: str | None = None) -> None:
    series = {culture.label(m, lang): trend[m].tolist() for m in measure_ids}
    target = tiles[target_of].target if target_of else None
    fig = charts.trend(quarters, series, title, target=target, target_label=tr("col.target"))
    st.plotly_chart(fig, key=key, config={"displaylogo": False})


tab_act, tab_part, tab_team, tab_train = st.tabs(
    [
        tr("culture.tab.activities"),
        tr("culture.tab.participation"),
        tr("culture.tab.teams"),
        tr("culture.tab.training"),
    ]
)
with tab_act:
    left, right = st.columns(2)
    with left:
        line(["activities"], tr("culture.trend.activities"), "culture_trend_activities")
    with right:
        line(["person_times"], tr("culture.trend.person_times"), "culture_trend_person_times")
with tab_part:
    line(
        [culture.PARTICIPATION],
        tr("culture.trend.participation"),
        "culture_trend_participation",
        target_of=culture.PARTICIPATION,
    )
with tab_team:
    left, middle, right = st.columns(3)
    with left:
        line(["team_members"], tr("culture.trend.members"), "culture_trend_members")
    with middle:
        line(["active_teams"], tr("culture.trend.active_teams"), "culture_trend_active_teams")
    with right:
        line(["subsidy_yuan"], tr("culture.trend.subsidy"), "culture_trend_subsidy")
with tab_train:
    left, right = st.columns(2)
    with left:
        line(["trainees", "placed"], tr("culture.trend.trainees"), "culture_trend_trainees")
    with right:
        line(
            [culture.PLACEMENT],
            tr("culture.trend.placement"),
            "culture_trend_placement",
            target_of=culture.PLACEMENT,
        )

# ---- by community ----------------------------------------------------------------------------
st.subheader(tr("culture.by_community"))
measure = st.segmented_control(
    tr("culture.by_community.measure"),
    culture.BREAKDOWN_IDS,
    default=culture.PARTICIPATION,
    format_func=lambda m: culture.label(m, lang),
    required=True,
    key="culture_breakdown_measure",
)
st.caption(tr("culture.by_community.caption", quarter=periods.display(f.period_to, lang)))
bars = culture.community_breakdown(measures, parts, targets, f.period_to, scope, measure)
if bars["value"].notna().any():
    scored = measure in culture.SCORED
    fig = charts.community_bars(
        bars["community_id"].tolist(),
        bars["community_id"].map(state.community_names()).tolist(),
        bars["value"].tolist(),
        f"{culture.label(measure, lang)} · {periods.short(f.period_to, lang)}",
        lights=bars["light"].tolist() if scored else None,
        target=kpi.target_for(targets, measure) if scored else None,
        target_label=tr("culture.town_target"),
        value_format=".1f" if culture.indicator(measure).unit == "pct" else ",.0f",
    )
    widgets.drill_chart(fig, "culture_by_community")
else:
    widgets.empty_state()

# ---- activities: venues, kinds, brand activities -----------------------------------------------
st.subheader(tr("culture.activities"))
st.caption(span)
by_venue_kind = data.run("culture_activities_by_venue_kind", params)
brands = culture.complete(
    data.run("culture_activities_by_brand", params), "brand", culture.BRANDS_SHOWN
)
left, right = st.columns([3, 2])
with left:
    venue_measure = st.segmented_control(
        tr("culture.venue.measure"),
        ["person_times", "activities"],
        default="person_times",
        format_func=lambda m: culture.label(m, lang),
        required=True,
        key="culture_venue_measure",
    )
    venues, stacks = culture.venue_kind_stacks(by_venue_kind, venue_measure, lang)
    st.plotly_chart(
        charts.stacked_bars(
            venues, stacks, tr("culture.venue.chart"), colours=culture.KIND_COLOURS
        ),
        key="culture_venue_kind",
        config={"displaylogo": False},
    )
with right:
    st.plotly_chart(
        charts.stacked_bars(
            [culture.category(b, lang) for b in brands["brand"]],
            {labels["person_times"]: brands["person_times"].tolist()},
            tr("culture.brands.chart"),
            colours=[charts.NEUTRAL],
            height=400,
        ),
        key="culture_brands_chart",
        config={"displaylogo": False},
    )
with st.expander(tr("culture.show_table")):
    table(by_venue_kind, "culture_activities_by_venue_kind", "culture_venue_table")
st.markdown(f"**{tr('culture.brands')}**")
table(brands, "culture_brand_activities", "culture_brands")
st.caption(tr("culture.brands.caption"))
st.markdown(f"**{tr('culture.own_brand')}**")
st.caption(tr("culture.own_brand.caption"))
table(
    data.run("culture_community_brand_by_community", params),
    "culture_one_brand_per_community",
    "culture_own_brand",
)

# ---- social teams ----------------------------------------------------------------------------
st.subheader(tr("culture.teams"))
teams_by_kind = data.run("culture_teams_by_kind", params)
teams_by_community = data.run("culture_teams_by_community", params)
totals = culture.team_totals(teams_by_kind)
st.caption(
    tr(
        "culture.teams.caption",
        teams=totals["teams"],
        active=totals["active"],
        start=start,
        end=end,
    )
)
left, right = st.columns(2)
with left:
    done = culture.complete(teams_by_kind, "kind", contract.TEAM_KINDS)
    st.plotly_chart(
        charts.stacked_bars(
            [culture.category(k, lang) for k in done["kind"]],
            {labels["members_end"]: done["members_end"].tolist()},
            tr("culture.teams.chart"),
            colours=[charts.NEUTRAL],
            height=340,
        ),
        key="culture_teams_chart",
        config={"displaylogo": False},
    )
with right:
    widgets.drill_chart(
        charts.community_bars(
            teams_by_community["community_id"].tolist(),
            teams_by_community["community_id"].map(state.community_names()).tolist(),
            teams_by_community["subsidy_yuan"].tolist(),
            tr("culture.teams.subsidy_chart"),
            value_format=",.0f",
        ),
        "culture_teams_by_community_chart",
    )
tab_kind, tab_community = st.tabs([tr("culture.teams.by_kind"), tr("culture.teams.by_community")])
with tab_kind:
    table(teams_by_kind, "culture_teams_by_kind", "culture_teams_kind")
with tab_community:
    table(teams_by_community, "culture_teams_by_community", "culture_teams_community")

# ---- training and jobs -----------------------------------------------------------------------
st.subheader(tr("culture.training"))
st.caption(tr("culture.training.caption") + span)
trainings_by_kind = data.run("culture_trainings_by_kind", params)
kinds, placed = culture.placed_stacks(trainings_by_kind, lang)
st.plotly_chart(
    charts.stacked_bars(
        kinds, placed, tr("culture.training.chart"), colours=[charts.GOOD, charts.NEUTRAL]
    ),
    key="culture_training_chart",
    config={"displaylogo": False},
)
table(
    culture.complete(trainings_by_kind, "kind", contract.TRAINING_KINDS),
    "culture_trainings_by_kind",
    "culture_training_kind",
)

# ---- honours ---------------------------------------------------------------------------------
st.subheader(tr("culture.honours"))
honours = data.run("culture_honours_timeline")
if honours.empty:
    st.info(tr("culture.honours.none"))
else:
    st.plotly_chart(
        culture.honours_timeline(honours, f.period_from, f.period_to, lang),
        key="culture_honours_chart",
        config={"displaylogo": False},
    )
    st.caption(tr("culture.honours.caption"))

# ---- records ---------------------------------------------------------------------------------
st.subheader(tr("records.title"))
st.caption(span)
rec_act, rec_team, rec_train = st.tabs(
    [tr("culture.rec.activities"), tr("culture.rec.teams"), tr("culture.rec.trainings")]
)
with rec_act:
    table(
        data.run("culture_activities_records", params),
        "culture_activities",
        "culture_rec_activities",
        height=360,
    )
with rec_team:
    table(data.run("culture_teams_records", params), "culture_teams", "culture_rec_teams", 360)
with rec_train:
    table(
        data.run("culture_trainings_records", params),
        "culture_trainings",
        "culture_rec_trainings",
        height=360,
    )
