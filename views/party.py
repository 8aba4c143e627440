"""区域大党建 Regional party-building: 1+2+X, joint meetings, partners, members, patrols."""

import streamlit as st

from governance import kpi, periods
from governance import party as pty
from ui import data, state, widgets
from ui.state import tr

f = state.current()
widgets.page_header(tr("party.title"), tr("party.subtitle"), key_prefix="party")

params = state.query_params()
scope = params["communities"]
measures = data.run("party_measures_by_quarter", params)
period_measures = pty.in_period(measures, f.period_from, f.period_to)
bodies = data.run("party_bodies_by_community", params)

if not pty.has_data(period_measures, bodies, f.period_to):
    widgets.empty_state()
    st.stop()

parts = data.run("indicator_parts_by_community_quarter")
targets = data.run("targets_all")
# The bars read the same quarter as the tiles and the overview's ranking (one reading of each
# indicator everywhere): the period's last quarter.
by_community = data.run("party_measures_by_community", {**params, "period_from": f.period_to})
labels = pty.record_labels(f.lang)
quarter_end = periods.display(f.period_to, f.lang)

# ---- KPIs ------------------------------------------------------------------------------------
st.subheader(tr("party.kpis"))
kpis = pty.build_kpis(
    measures,
    kpi.aggregate(parts, scope),
    targets,
    scope,
    f.period_from,
    f.period_to,
    f.basis,
)
notes = pty.kpi_notes(measures, f.period_to, f.lang)
for row in (kpis[:4], kpis[4:]):
    for column, k in zip(st.columns(4), row, strict=True):
        with column:
            widgets.kpi_tile(k, secondary=notes.get(k.indicator.id))

# ---- trends ----------------------------------------------------------------------------------
st.subheader(tr("party.trends"))
figures = pty.trend_figures(period_measures, targets, scope, f.lang)
for start in range(0, len(figures), 2):
    pair = figures[start : start + 2]
    for offset, (column, fig) in enumerate(zip(st.columns(2), pair, strict=False)):
        column.plotly_chart(fig, key=f"party_trend_{start + offset}")

# ---- breakdown by community ------------------------------------------------------------------
st.subheader(tr("party.by_community"))
st.caption(tr("party.by_community.help", quarter=quarter_end))
measure = st.selectbox(
    tr("party.measure"),
    list(pty.MEASURES),
    format_func=lambda m: pty.measure_label(m, f.lang),
    key="party_measure",
)
widgets.drill_chart(
    pty.community_figure(by_community, measure, targets, f.lang), "party_by_community"
)

# ---- 1+2+X -----------------------------------------------------------------------------------
st.subheader(tr("party.bodies"))
st.caption(tr("party.bodies.help", quarter=quarter_end))
matrix = pty.bodies_matrix(bodies, by_community, f.lang)
widgets.show_table(
    pty.bodies_display(matrix, f.lang),
    on_select=widgets.on_table_select("party_bodies", matrix),
    selection_mode="single-row",
    key="party_bodies",
    column_config={"community_id": None},
)
widgets.download_buttons(matrix.drop(columns=["community_id"]), "party_bodies", "party_bodies_dl")

# ---- issues by category ----------------------------------------------------------------------
st.subheader(tr("party.categories"))
categories = data.run("party_issues_by_category", params)
if categories.empty:
    st.info(tr("party.none"))
else:
    st.plotly_chart(pty.category_figure(categories, f.lang), key="party_categories_chart")
    widgets.records_table(
        pty.category_table(categories),
        "party_issue_categories",
        "party_categories",
        labels,
        height=pty.table_height(len(categories)),
    )

# ---- partners --------------------------------------------------------------------------------
st.subheader(tr("party.partners"))
st.caption(tr("party.partners.help"))
partners = data.run("party_partners_by_kind", params)
contributions = data.run("party_contributions_by_partner_kind", params)
if partners.empty and contributions.empty:
    st.info(tr("party.none"))
else:
    left, right = st.columns(2)
    if not partners.empty:
        left.plotly_chart(pty.partners_figure(partners, f.lang), key="party_partners_chart")
    if not contributions.empty:
        right.plotly_chart(
            pty.contributions_figure(contributions, f.lang), key="party_contributions_chart"
        )
    for frame, stem, key in (
        (partners, "party_partners_by_kind", "party_partner_kinds"),
        (contributions, "party_contributions_by_kind", "party_contribution_kinds"),
    ):
        widgets.records_table(frame, stem, key, labels, height=pty.table_height(len(frame)))

# ---- part-time committee members ---------------------------------------------------------------
st.subheader(tr("party.members"))
st.caption(tr("party.members.help", quarter=quarter_end))
members = data.run("party_members_by_community", params)
if members.empty:
    st.info(tr("party.none"))
else:
    widgets.drill_chart(pty.members_figure(members, by_community, f.lang), "party_members_chart")

# ---- records ---------------------------------------------------------------------------------
st.subheader(tr("records.title"))
st.caption(tr("party.rec.help"))
# (tab, query, file and key stem); meetings also show each issue's status in words
RECORD_TABS = (
    ("meetings", "party_meeting_records"),
    ("contributions", "party_contribution_records"),
    ("patrols", "party_patrol_records"),
    ("partners", "party_partner_records"),
    ("members", "party_member_records"),
)
for tab, (stem, query) in zip(
    st.tabs([tr(f"party.rec.{stem}") for stem, _ in RECORD_TABS]), RECORD_TABS, strict=True
):
    with tab:
        shape = pty.meeting_records if stem == "meetings" else pty.records
        widgets.records_table(
            data.run(query, params),
            f"party_{stem}",
            f"party_rec_{stem}",
            labels,
            prepare=lambda frame, shape=shape: shape(frame, f.lang),
        )
