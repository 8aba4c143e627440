"""民主自治 Democratic self-governance: elections, the three meetings, star-rated stairwells
(community -> building -> stairwell), volunteer teams and dispute mediation."""

import streamlit as st

from governance import fmt, periods
from governance import selfgov as sg
from governance.contract import MEETING_KINDS, VOLUNTEER_TEAMS
from governance.text import plain
from ui import data, state, widgets
from ui.state import tr

K_COMMUNITY, K_BUILDING, K_STAIRWELL = (
    "selfgov_drill_community",
    "selfgov_drill_building",
    "selfgov_drill_stairwell",
)
DRILL_URL = {K_COMMUNITY: "sg_c", K_BUILDING: "sg_b", K_STAIRWELL: "sg_s"}

f = state.current()
lang = f.lang
widgets.page_header(tr("selfgov.title"), tr("selfgov.subtitle"), key_prefix="selfgov")

params = state.query_params()
ids = state.community_ids()
scope = f.community_ids(ids)
names = {c: state.community_name(c) for c in ids}
quarter_name = periods.display(f.period_to, lang)

shared_parts = data.run("indicator_parts_by_community_quarter")
own_parts = data.run("selfgov_parts_by_community_quarter", params)
targets = data.run("targets_all")
elections = data.run("selfgov_election_records", params)
meetings = data.run("selfgov_meeting_records", params)
mediations = data.run("selfgov_mediation_records", params)
rounds = data.run("selfgov_rating_rounds", params)
town_counts = data.run(
    "selfgov_star_counts_by_round", {**params, "building_id": None, "stairwell_id": None}
)
values = sg.values(shared_parts, own_parts, scope)
kpis = sg.kpis(values, targets, scope, f.period_from, f.period_to, f.basis, len(elections))

if sg.nothing_to_show([elections, meetings, mediations, town_counts], kpis[sg.VOLUNTEERS].value):
    widgets.empty_state()
    st.stop()

# ---- KPI row ---------------------------------------------------------------------------------
st.subheader(tr("selfgov.kpis"))
st.caption(tr("selfgov.kpis.help"))
notes = sg.kpi_notes(own_parts, scope, f.period_to, rounds, elections, lang)
for row in (sg.KPI_ROW[:4], sg.KPI_ROW[4:]):
    for column, indicator_id in zip(st.columns(4), row, strict=True):
        with column:
            widgets.kpi_tile(kpis[indicator_id], secondary=notes.get(indicator_id))

# ---- star-rated stairwells: community -> building -> stairwell --------------------------------
st.subheader(tr("selfgov.star.header"))
st.caption(tr("selfgov.star.help"))


rounds_words = sg.rounds_message(rounds, f.period_from, f.period_to, lang)
drill = sg.Drill(None, None, None)
if rounds_words:
    st.info(rounds_words)
else:
    stairwells = data.run("selfgov_stairwell_list", params)
    # The drill lives in the URL (ids): a link shares it and Back undoes a step.
    state.url_to_session(DRILL_URL)
    drill = sg.valid_drill(
        stairwells,
        st.session_state.get(K_COMMUNITY),
        st.session_state.get(K_BUILDING),
        st.session_state.get(K_STAIRWELL),
        scope,
    )
    for key, value in zip(
        (K_COMMUNITY, K_BUILDING, K_STAIRWELL), sg.drill_state(drill), strict=True
    ):
        st.session_state[key] = value
    state.session_to_url(DRILL_URL, default=sg.ALL)
    community_opts, building_opts, stairwell_opts = sg.drill_menu(stairwells, drill, scope)
    box_c, box_b, box_s = st.columns(3)
    readable = sg.place_labels(stairwells, lang)  # 3号楼 (B0003), 2单元 (S0002)
    box_c.selectbox(
        tr("selfgov.drill.community"),
        community_opts,
        key=K_COMMUNITY,
        format_func=lambda c: tr("selfgov.drill.all") if c == sg.ALL else names.get(c, c),
    )
    box_b.selectbox(
        tr("selfgov.drill.building"),
        building_opts,
        key=K_BUILDING,
        format_func=lambda b: tr("selfgov.drill.all") if b == sg.ALL else readable.get(b, b),
        disabled=drill.community is None,
    )
    box_s.selectbox(
        tr("selfgov.drill.stairwell"),
        stairwell_opts,
        key=K_STAIRWELL,
        format_func=lambda w: tr("selfgov.drill.all") if w == sg.ALL else readable.get(w, w),
        disabled=drill.building is None,
    )
    drill_p = sg.drill_params(params, drill)
    scope_name = sg.scope_label(drill, names, lang)
    counts = data.run("selfgov_star_counts_by_round", drill_p)
    if counts.empty:
        st.info(tr("selfgov.star.no_ratings", scope=plain(scope_name)))
    else:
        chart_col, table_col = st.columns([3, 2])
        with chart_col:
            if drill.level == "stairwell":
                history = data.run("selfgov_rating_records", drill_p)
                st.markdown(sg.stairwell_text(history, drill, lang))
                figure = sg.stairwell_history_figure(
                    history, tr("selfgov.drill.history", scope=scope_name), lang
                )
            else:
                st.markdown(sg.round_change_text(sg.round_change(counts), lang))
                figure = sg.star_rounds_figure(
                    counts, tr("selfgov.star.chart", scope=scope_name), lang
                )
            st.plotly_chart(figure, key="selfgov_star_chart", config={"displaylogo": False})
        with table_col:
            if drill.level == "town":
                shares = data.run("selfgov_star_share_by_community_round", params)
                table = sg.share_table(shares, "community_id", names)
                st.caption(tr("selfgov.drill.by_community"))
                shown, id_col, target, clear = table, "community_id", K_COMMUNITY, (K_BUILDING,)
            elif drill.level == "community":
                shares = data.run("selfgov_star_share_by_building_round", drill_p)
                table = sg.share_table(shares, "building_id")
                st.caption(tr("selfgov.drill.by_building"))
                shown, id_col, target, clear = table, "building_id", K_BUILDING, (K_STAIRWELL,)
            else:
                building_p = {**drill_p, "stairwell_id": None}
                matrix = sg.stairwell_matrix(data.run("selfgov_rating_records", building_p))
                st.caption(tr("selfgov.drill.by_stairwell"))
                shown, id_col, target, clear = matrix, "stairwell_id", K_STAIRWELL, ()
            table_key = f"selfgov_drill_table_{drill.level}"
            widgets.show_table(
                sg.display(shown, lang, drop=["community_id"]),
                table_key,
                height=420,
                on_select=widgets.on_drill_select(table_key, shown, id_col, target, clear, sg.ALL),
                selection_mode="single-row",
            )

# ---- breakdown by community (a click drills down) ---------------------------------------------
st.subheader(tr("selfgov.breakdown.header"))
measure = st.segmented_control(
    tr("selfgov.breakdown.measure"),
    sg.BREAKDOWN_MEASURES,
    default=sg.STAR3,
    required=True,
    format_func=lambda i: sg.label(i, lang),
    key="selfgov_breakdown_measure",
)
breakdown = sg.breakdown(
    shared_parts, own_parts, targets, f.period_to, scope, names, measure or sg.STAR3
)
if breakdown.frame.empty:
    st.info(
        rounds_words
        if measure == sg.STAR3 and rounds_words
        else tr("selfgov.breakdown.none", quarter=quarter_name)
    )
else:
    widgets.drill_chart(
        sg.breakdown_figure(breakdown, measure or sg.STAR3, f.period_to, lang),
        key="selfgov_breakdown_chart",
    )
    if breakdown.missing:
        missing_names = tr("sep.list").join(map(plain, breakdown.missing))
        st.caption(tr("selfgov.breakdown.missing", names=missing_names))

# ---- elections -------------------------------------------------------------------------------
st.subheader(tr("selfgov.election.header"))
if elections.empty:
    start = periods.display(f.period_from, lang)
    st.info(tr("selfgov.election.none", start=start, end=quarter_name))
else:
    widgets.drill_chart(sg.turnout_figure(elections, names, lang), key="selfgov_turnout_chart")

# ---- three meetings --------------------------------------------------------------------------
st.subheader(tr("selfgov.meetings.header"))
if meetings.empty:
    st.info(tr("selfgov.meetings.none"))
else:
    by_kind = data.run("selfgov_meetings_by_kind_quarter", params)
    chart_col, table_col = st.columns([3, 2])
    with chart_col:
        st.plotly_chart(
            sg.meetings_figure(by_kind, lang),
            key="selfgov_meetings_chart",
            config={"displaylogo": False},
        )
    with table_col:
        summary = sg.meetings_summary(by_kind, lang)
        st.caption(tr("selfgov.meetings.summary"))
        widgets.show_table(sg.display(summary, lang), "selfgov_meetings_summary")

# ---- volunteers ------------------------------------------------------------------------------
st.subheader(tr("selfgov.volunteers.header"))
if not kpis[sg.VOLUNTEERS].value:
    st.info(tr("selfgov.volunteers.none"))
else:
    st.caption(
        tr(
            "selfgov.volunteers.claim",
            quarter=quarter_name,
            share=fmt.pct(kpis[sg.HOUSEHOLD_SHARE].value),
            n=fmt.count(kpis[sg.VOLUNTEERS].value, lang),
        )
    )
    by_team = data.run("selfgov_volunteers_by_team_quarter", params)
    chart_col, table_col = st.columns([3, 2])
    with chart_col:
        st.plotly_chart(
            sg.volunteers_figure(by_team, kpis[sg.HOUSEHOLD_SHARE].series, lang),
            key="selfgov_volunteers_chart",
            config={"displaylogo": False},
        )
    with table_col:
        teams = sg.team_table(data.run("selfgov_volunteers_by_community_team", params), names)
        st.caption(tr("selfgov.volunteers.table", quarter=quarter_name))
        widgets.show_table(
            sg.display(teams, lang, drop=["community_id"]),
            "selfgov_volunteers_table",
            on_select=widgets.on_table_select("selfgov_volunteers_table", teams),
            selection_mode="single-row",
        )

# ---- mediations ------------------------------------------------------------------------------
st.subheader(tr("selfgov.mediations.header"))
if mediations.empty:
    st.info(tr("selfgov.mediations.none"))
else:
    st.plotly_chart(
        sg.mediations_figure(
            sg.quarter_table(
                values, [sg.MEDIATIONS, sg.MEDIATION_SUCCESS], f.period_from, f.period_to
            ),
            lang,
        ),
        key="selfgov_mediations_chart",
        config={"displaylogo": False},
    )

# ---- records behind the numbers --------------------------------------------------------------
st.subheader(tr("records.title"))
RECORDS = ("ratings", "meetings", "elections", "mediations", "volunteers")
tab_r, tab_m, tab_e, tab_d, tab_v = st.tabs([tr(f"selfgov.records.{r}") for r in RECORDS])
with tab_r:
    st.caption(tr("selfgov.records.ratings_help", scope=plain(sg.scope_label(drill, names, lang))))
    ratings = data.run("selfgov_rating_records", sg.drill_params(params, drill))
    widgets.records_table(
        ratings,
        "stairwell_ratings",
        "selfgov_rec_ratings",
        sg.labels([*ratings.columns, "community"], lang),
        prepare=lambda frame: sg.with_names(frame, names),
    )
for tab, frame, stem, (column, choices, prefix) in (
    (tab_m, meetings, "three_meetings", ("kind", MEETING_KINDS, "selfgov.kind")),
    (tab_e, elections, "elections", ("", (), "")),  # nothing to translate
    (tab_d, mediations, "mediations", ("", (), "")),
):
    with tab:
        widgets.records_table(
            frame,
            stem,
            f"selfgov_rec_{stem.removeprefix('three_')}",
            sg.labels([*frame.columns, "community"], lang),
            prepare=lambda rows, column=column, choices=choices, prefix=prefix: (
                sg.translate(sg.with_names(rows, names), column, choices, prefix, lang)
                if column
                else sg.with_names(rows, names)
            ),
        )
with tab_v:
    st.caption(tr("selfgov.records.volunteers_help", quarter=quarter_name))
    volunteers = data.run("selfgov_volunteer_records", params)
    widgets.records_table(
        volunteers,
        "volunteers",
        "selfgov_rec_volunteers",
        sg.labels([*volunteers.columns, "community"], lang),
        prepare=lambda frame: sg.translate(
            sg.with_names(frame, names), "team", VOLUNTEER_TEAMS, "selfgov.team", lang
        ),
    )
