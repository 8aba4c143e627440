"""民主自治 Democratic self-governance: elections, the three meetings, star-rated stairwells
(community -> building -> stairwell), volunteer teams and dispute mediation.

Everything shown is the page's view model (governance/viewmodels/selfgov.py): the page, the
star ratings at the drill's choice and the breakdown of the measure chosen are each built once
per data, filters and language; this file holds the widgets and draws the models."""

import streamlit as st

from governance import selfgov as sg
from governance.indicators import PLATFORM_RECORDS
from governance.viewmodels import selfgov as model
from ui import data, duban, plots, sections, state, townmap, widgets
from ui.state import tr

K_COMMUNITY, K_BUILDING, K_STAIRWELL = (
    "selfgov_drill_community",
    "selfgov_drill_building",
    "selfgov_drill_stairwell",
)
DRILL_URL = {K_COMMUNITY: "sg_c", K_BUILDING: "sg_b", K_STAIRWELL: "sg_s"}
# A row click in the drill's table chooses the next level and resets the ones below it.
NEXT_LEVEL = {
    "town": (K_COMMUNITY, (K_BUILDING,)),
    "community": (K_BUILDING, (K_STAIRWELL,)),
    "building": (K_STAIRWELL, ()),
    "stairwell": (K_STAIRWELL, ()),
}

f = state.current()
lang = f.lang
widgets.page_header(tr("selfgov.title"), tr("selfgov.subtitle"), key_prefix="selfgov")

v = data.view(model.build, f, lang)
if v is None:
    widgets.empty_state()
    st.stop()


def every(label_of: dict[str, str]):
    """A selectbox's labels: "all" for ``sg.ALL``, else the id's readable name. The word is
    looked up now, in the page's language: Streamlit may call the labels outside the run."""
    everything = tr("selfgov.drill.all")
    return lambda c: everything if c == sg.ALL else label_of.get(c, c)


# ---- KPI row ---------------------------------------------------------------------------------
st.subheader(tr("selfgov.kpis"))
st.caption(tr("selfgov.kpis.help"))
widgets.kpi_tiles(list(v.tiles.values()), v.notes)
duban.platform_assign("selfgov")  # a tile below target -> an owner and a deadline

# ---- the sections below the tiles: tabs, only the open one runs (ui/sections.py) --------------


def drill_now() -> sg.Drill:
    """The stairwell drill in force. It lives in the URL (ids): a link shares it and Back
    undoes a step; the records section reads it too, with the star section closed."""
    if v.rounds_words:
        return sg.Drill(None, None, None)
    state.url_to_session(DRILL_URL)
    drill = sg.valid_drill(
        v.tree,
        st.session_state.get(K_COMMUNITY),
        st.session_state.get(K_BUILDING),
        st.session_state.get(K_STAIRWELL),
        v.scope,
    )
    for key, value in zip(
        (K_COMMUNITY, K_BUILDING, K_STAIRWELL), sg.drill_state(drill), strict=True
    ):
        st.session_state[key] = value
    state.session_to_url(DRILL_URL, default=sg.ALL)
    return drill


def star() -> None:  # star-rated stairwells: community -> building -> stairwell
    st.subheader(tr("selfgov.star.header"))
    st.caption(tr("selfgov.star.help"))
    drill = drill_now()
    if v.rounds_words:
        st.info(v.rounds_words)
    else:
        community_opts, building_opts, stairwell_opts = sg.drill_menu(v.tree, drill, v.scope)
        box_c, box_b, box_s = st.columns(3)
        box_c.selectbox(
            tr("col.community"),
            community_opts,
            key=K_COMMUNITY,
            format_func=every(v.names),
        )
        box_b.selectbox(
            tr("selfgov.col.building"),
            building_opts,
            key=K_BUILDING,
            format_func=every(v.places),  # 3号楼（B0003）
            disabled=drill.community is None,
        )
        box_s.selectbox(
            tr("selfgov.drill.stairwell"),
            stairwell_opts,
            key=K_STAIRWELL,
            format_func=every(v.places),  # 2单元（S0002）
            disabled=drill.building is None,
        )

    s = data.view(model.star, f, lang, drill.community, drill.building, drill.stairwell)
    if not v.rounds_words:
        if s.chart is None:
            st.info(s.no_ratings)
        else:
            chart_col, table_col = st.columns([3, 2])
            with chart_col:
                st.markdown(s.words)
                plots.draw(s.chart, key="selfgov_star_chart")
            with table_col:
                st.caption(s.table_caption)
                target, clear = NEXT_LEVEL[s.level]
                table_key = f"selfgov_drill_table_{s.level}"
                widgets.show_table(
                    s.table,
                    table_key,
                    height=420,
                    on_select=widgets.on_drill_select(
                        table_key, s.rows, s.id_column, target, clear, sg.ALL
                    ),
                    selection_mode="single-row",
                )


def breakdown() -> None:  # breakdown by community (a click drills down)
    measure = st.segmented_control(
        tr("selfgov.breakdown.measure"),
        PLATFORM_RECORDS["selfgov"].kpi_row,
        default=sg.STAR3,
        required=True,
        format_func=lambda i: sg.label(i, lang),
        key="selfgov_breakdown_measure",
        persist_state="page",  # kept while its section is closed
    )
    b = data.view(model.breakdown, f, lang, measure or sg.STAR3)
    if b.chart is None:
        st.info(b.none)
    else:
        widgets.drill_chart(b.chart, key="selfgov_breakdown_chart")
        if b.missing:
            st.caption(b.missing)


def election() -> None:
    if v.turnout_chart is None:
        st.info(v.election_none)
    else:
        widgets.drill_chart(v.turnout_chart, key="selfgov_turnout_chart")


def meetings() -> None:  # three meetings
    st.subheader(tr("selfgov.meetings.header"))
    if v.meetings_chart is None:
        st.info(tr("selfgov.meetings.none"))
    else:
        plots.draw(v.meetings_chart, key="selfgov_meetings_chart")
        # under the chart, not beside it: its seven columns (落实率 last) need the full width
        st.caption(tr("selfgov.meetings.summary"))
        widgets.show_table(v.meetings_summary, "selfgov_meetings_summary")


def volunteers() -> None:
    if v.volunteers is None:
        st.info(tr("selfgov.volunteers.none"))
    else:
        st.caption(v.volunteers.claim)
        chart_col, table_col = st.columns([3, 2])
        with chart_col:
            plots.draw(v.volunteers.chart, key="selfgov_volunteers_chart")
        with table_col:
            st.caption(v.volunteers.table_caption)
            widgets.show_table(
                v.volunteers.teams,
                "selfgov_volunteers_table",
                on_select=widgets.on_table_select("selfgov_volunteers_table", v.volunteers.rows),
                selection_mode="single-row",
            )


def mediations() -> None:
    if v.mediations_chart is None:
        st.info(tr("selfgov.mediations.none"))
    else:
        plots.draw(v.mediations_chart, key="selfgov_mediations_chart")


def records() -> None:  # records behind the numbers
    # the records behind the tiles (their quarter, their communities) unless the reader asks for
    # the whole period; the tiles' ratios written out from the same rows' totals
    in_quarter = widgets.records_behind(v.behind, "selfgov_rec_scope")
    rows = (
        v.quarter_records
        if in_quarter
        else {"meetings": v.meetings, "elections": v.elections, "mediations": v.mediations}
    )
    at = (f.period_to, f.period_to) if in_quarter else None
    drill = drill_now()
    s = data.view(model.star, f, lang, drill.community, drill.building, drill.stairwell)
    RECORDS = ("ratings", "meetings", "elections", "mediations", "volunteers")
    tab_r, tab_m, tab_e, tab_d, tab_v = st.tabs([tr(f"selfgov.records.{r}") for r in RECORDS])
    with tab_r:
        st.caption(s.ratings_help)
        widgets.records_table(
            s.quarter_ratings if in_quarter else s.ratings,
            "stairwell_ratings",
            "selfgov_rec_ratings",
            period=at,
        )
    with tab_m:
        widgets.records_table(rows["meetings"], "three_meetings", "selfgov_rec_meetings", period=at)
    with tab_e:
        widgets.records_table(rows["elections"], "elections", "selfgov_rec_elections", period=at)
    with tab_d:
        widgets.records_table(rows["mediations"], "mediations", "selfgov_rec_mediations", period=at)
    with tab_v:
        st.caption(v.volunteers_help)
        widgets.records_table(v.volunteer_records, "volunteers", "selfgov_rec_volunteers")


sections.show(
    "selfgov_section",
    [
        (
            tr("map.header"),
            lambda: townmap.section(f, "selfgov", platform="selfgov", heading=False),
        ),
        (tr("section.star"), star),
        (tr("selfgov.breakdown.header"), breakdown),
        (tr("selfgov.election.header"), election),
        (tr("selfgov.records.meetings"), meetings),
        (tr("selfgov.volunteers.header"), volunteers),
        (tr("selfgov.mediations.header"), mediations),
        (tr("records.title"), records),
    ],
)
