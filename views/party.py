"""区域大党建 Regional party-building: 1+2+X, joint meetings, partners, members, patrols.

Everything shown is the page's view model (governance/viewmodels/party.py), built once per
data, filters and language; this file only draws it."""

import streamlit as st

from governance import party as pty
from governance.viewmodels import party as model
from ui import data, duban, events, plots, sections, state, townmap, widgets
from ui.state import tr

f = state.current()
lang = f.lang
widgets.page_header(tr("party.title"), tr("party.subtitle"), key_prefix="party")

v = data.view(model.build, f, lang)
if v is None:
    widgets.empty_state()
    st.stop()

# ---- KPIs ------------------------------------------------------------------------------------
st.subheader(tr("common.kpis"))
widgets.kpi_tiles(v.tiles, v.notes)
duban.platform_assign("party")  # a tile below target -> an owner and a deadline

# ---- the sections below the tiles: tabs, only the open one runs (ui/sections.py) ---------------


def trends() -> None:
    for start in range(0, len(v.trends), 2):
        pair = v.trends[start : start + 2]
        for offset, (column, fig) in enumerate(zip(st.columns(2), pair, strict=False)):
            plots.draw(fig, column, key=f"party_trend_{start + offset}")
    events.panel("party", "party")


def by_community() -> None:
    st.caption(v.by_community_help)
    measure = st.selectbox(
        tr("party.measure"),
        list(pty.MEASURES),
        format_func=lambda m: pty.measure_label(m, lang),
        key="party_measure",
        persist_state="page",  # kept while its section is closed
    )
    widgets.drill_chart(data.view(model.breakdown, f, lang, measure), "party_by_community")


def bodies() -> None:  # 1+2+X
    st.caption(v.bodies_help)
    widgets.show_table(
        v.bodies,
        on_select=widgets.on_table_select("party_bodies", v.bodies_rows),
        selection_mode="single-row",
        key="party_bodies",
        column_config={"community_id": None},
    )
    widgets.download_buttons(v.bodies_download, "party_bodies", "party_bodies_dl")


def categories() -> None:
    st.subheader(tr("party.categories"))
    if v.categories_chart is None:
        st.info(tr("party.none"))
        return
    plots.draw(v.categories_chart, key="party_categories_chart")
    widgets.records_table(
        v.categories,
        "party_issue_categories",
        "party_categories",
        height=pty.table_height(v.categories.total),
    )


def partners() -> None:
    st.subheader(tr("party.partners"))
    st.caption(tr("party.partners.help"))
    if v.partners_chart is None and v.contributions_chart is None:
        st.info(tr("party.none"))
        return
    left, right = st.columns(2)
    if v.partners_chart is not None:
        plots.draw(v.partners_chart, left, key="party_partners_chart")
    if v.contributions_chart is not None:
        plots.draw(v.contributions_chart, right, key="party_contributions_chart")
    for records, stem, key in (
        (v.partner_kinds, "party_partners_by_kind", "party_partner_kinds"),
        (v.contribution_kinds, "party_contributions_by_kind", "party_contribution_kinds"),
    ):
        widgets.records_table(records, stem, key, height=pty.table_height(records.total))


def members() -> None:  # part-time committee members
    st.caption(v.members_help)
    if v.members_chart is None:
        st.info(tr("party.none"))
    else:
        widgets.drill_chart(v.members_chart, "party_members_chart")


def records() -> None:
    st.caption(tr("party.rec.help"))
    # the records behind the tiles (their quarter, their communities) unless the reader asks
    # for the whole period; the tiles' ratios written out from the same rows' totals
    in_quarter = widgets.records_behind(v.behind, "party_rec_scope")
    rows = v.quarter_records if in_quarter else v.records
    for tab, (stem, _) in zip(
        st.tabs([tr(f"party.rec.{stem}") for stem, _ in model.RECORD_TABS]),
        model.RECORD_TABS,
        strict=True,
    ):
        with tab:
            widgets.records_table(
                rows[stem],
                f"party_{stem}",
                f"party_rec_{stem}",
                period=(f.period_to, f.period_to) if in_quarter else None,
            )


sections.show(
    "party_section",
    [
        (tr("map.header"), lambda: townmap.section(f, "party", platform="party", heading=False)),
        (tr("section.trends"), trends),
        (tr("common.by_community"), by_community),
        (tr("party.bodies"), bodies),
        (tr("section.categories"), categories),
        (tr("section.partners"), partners),
        (tr("party.members"), members),
        (tr("records.title"), records),
    ],
)
