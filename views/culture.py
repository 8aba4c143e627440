"""文化服务 Cultural services: activities and brand activities, the social teams, training and
jobs, the honours — KPIs, trends, the breakdown by community and the records behind them.

Everything shown is the page's view model (governance/viewmodels/culture.py), built once per
data, filters and language; this file only draws it."""

import streamlit as st

from governance import culture
from governance.viewmodels import culture as model
from ui import data, duban, events, plots, sections, state, townmap, widgets
from ui.state import tr

f = state.current()
lang = f.lang
widgets.page_header(tr("culture.title"), tr("culture.subtitle"), key_prefix="culture")

v = data.view(model.build, f, lang)
if v is None:
    widgets.empty_state()
    st.stop()


def table(records, file_stem: str, key: str, height="auto") -> None:
    """A table in the UI language, with its CSV and Excel downloads (or words when empty)."""
    widgets.records_table(records, file_stem, key, height=height)


# ---- KPI tiles -------------------------------------------------------------------------------
widgets.kpi_tiles(list(v.tiles.values()), v.notes)
duban.platform_assign("culture")  # a tile below target -> an owner and a deadline

# ---- the sections below the tiles: tabs, only the open one runs (ui/sections.py) --------------


def trends() -> None:
    # each tab's trends side by side (culture_trend_<name>: the view model's and the key)
    tabs = {
        "culture.tab.activities": ("activities", "person_times"),
        "culture.tab.participation": ("participation",),
        "culture.tab.teams": ("members", "active_teams", "subsidy"),
        "culture.tab.training": ("trainees", "placement"),
    }
    for tab, names in zip(st.tabs([tr(label) for label in tabs]), tabs.values(), strict=True):
        with tab:
            # two a row at most: a third of the page turned eight quarters' labels on their side
            for row in range(0, len(names), 2):
                pair = names[row : row + 2]
                places = st.columns(2) if len(names) > 1 else [None]
                for place, name in zip(places, pair, strict=False):
                    key = f"culture_trend_{name}"
                    plots.draw(v.trends[key], place, key=key)
    events.panel("culture", "culture")


def by_community() -> None:
    measure = st.segmented_control(
        tr("culture.by_community.measure"),
        culture.BREAKDOWN_IDS,
        default=culture.PARTICIPATION,
        format_func=lambda m: culture.label(m, lang),
        required=True,
        key="culture_breakdown_measure",
        persist_state="page",  # kept while its section is closed
    )
    st.caption(v.breakdown_caption)
    if v.breakdown[measure] is not None:
        widgets.drill_chart(v.breakdown[measure], "culture_by_community")
    else:
        widgets.empty_state()


def activities() -> None:  # activities: venues, kinds, brand activities
    st.subheader(tr("culture.activities"))
    st.caption(v.span)
    left, right = st.columns([3, 2])
    with left:
        venue_measure = st.segmented_control(
            tr("culture.venue.measure"),
            model.VENUE_MEASURES,
            default="person_times",
            format_func=lambda m: culture.label(m, lang),
            required=True,
            key="culture_venue_measure",
        )
        plots.draw(v.venues[venue_measure], key="culture_venue_kind")
    with right:
        plots.draw(v.brands_chart, key="culture_brands_chart")
    with st.expander(tr("culture.show_table")):
        table(v.venue_table, "culture_activities_by_venue_kind", "culture_venue_table")
    st.markdown(f"**{tr('culture.brands')}**")
    table(v.brands, "culture.brands", "culture_brands")  # titled as its heading above
    st.caption(tr("culture.brands.caption"))
    st.markdown(f"**{tr('culture.own_brand')}**")
    st.caption(tr("culture.own_brand.caption"))
    table(v.own_brand, "cat.brand_one_per_community", "culture_own_brand")  # the brand's name


def teams() -> None:  # social teams
    st.caption(v.teams_caption)
    left, right = st.columns(2)
    with left:
        plots.draw(v.teams_chart, key="culture_teams_chart")
    with right:
        widgets.drill_chart(v.teams_subsidy_chart, "culture_teams_by_community_chart")
    tab_kind, tab_community = st.tabs(
        [tr("culture.teams.by_kind"), tr("longterm.fee.mode.community")]
    )
    with tab_kind:
        table(v.teams_by_kind, "culture_teams_by_kind", "culture_teams_kind")
    with tab_community:
        table(v.teams_by_community, "culture_teams_by_community", "culture_teams_community")


def training() -> None:  # training and jobs
    st.caption(tr("culture.training.caption") + v.span)
    plots.draw(v.training_chart, key="culture_training_chart")
    table(v.training_table, "culture_trainings_by_kind", "culture_training_kind")


def honours() -> None:
    if v.honours_chart is None:
        st.info(tr("culture.honours.none"))
    else:
        plots.draw(v.honours_chart, key="culture_honours_chart")
        st.caption(tr("culture.honours.caption"))


def records() -> None:
    # the records behind the tiles (their quarter, their communities) unless the reader asks for
    # the whole period; the tiles' ratios written out from the same rows' totals
    in_quarter = widgets.records_scope(v.records_scopes, "culture_rec_scope")
    if in_quarter:
        st.caption(v.quarter_caption)
        for line in v.formulas:
            st.caption(line)
    else:
        st.caption(v.span)
    rows = (
        v.quarter_records
        if in_quarter
        else {
            "activities": v.activities,
            "teams": v.teams,
            "trainings": v.trainings,
        }
    )
    at = (f.period_to, f.period_to) if in_quarter else None
    rec_act, rec_team, rec_train = st.tabs(
        [tr("culture.rec.activities"), tr("culture.rec.teams"), tr("culture.rec.trainings")]
    )
    with rec_act:
        widgets.records_table(
            rows["activities"], "culture_activities", "culture_rec_activities", period=at
        )
    with rec_team:
        widgets.records_table(rows["teams"], "culture_teams", "culture_rec_teams", period=at)
    with rec_train:
        widgets.records_table(
            rows["trainings"], "culture_trainings", "culture_rec_trainings", period=at
        )


sections.show(
    "culture_section",
    [
        (
            tr("map.header"),
            lambda: townmap.section(f, "culture", platform="culture", heading=False),
        ),
        (tr("section.trends"), trends),
        (tr("culture.by_community"), by_community),
        (tr("section.activities"), activities),
        (tr("culture.teams"), teams),
        (tr("culture.training"), training),
        (tr("culture.honours"), honours),
        (tr("records.title"), records),
    ],
)
