"""总览 Overview: the seven outcome indicators, one scorecard per platform, the ranking.

Everything shown is the page's view model (governance/viewmodels/overview.py), built once per
data, filters, language and scope; this file only draws it."""

import streamlit as st

from governance.text import plain
from governance.viewmodels import overview as model
from ui import auth, data, duban, meetings, sections, state, townmap, widgets
from ui.state import tr

f = state.current()
widgets.open_asked_page()  # a scoped user's ranking row: that community's profile
widgets.page_header(tr("ov.title"), tr("ov.subtitle"), key_prefix="ov")

v = data.view(model.build, f, f.lang, auth.scope())
if v is None:
    widgets.empty_state()
    st.stop()

# ---- the answers first, in words: the town in numbers, the weakest platform, who needs help ----
st.caption(v.facts)
st.info(v.answer, icon=":material/campaign:")
st.caption(tr("ov.answer.how"))  # how the weakest platform and the communities are chosen

# ---- 上次会议以来: what changed since the last joint meeting, and who drove it ---------------
meetings.digest_block(f, "ov")

# ---- 三降四升 -------------------------------------------------------------------------------
st.subheader(tr("ov.outcomes"))
st.caption(tr("ov.outcomes.down"))
for column, (k, value, note) in zip(st.columns(3), v.down, strict=True):
    with column:
        widgets.kpi_tile(k, value=value)
        if note:  # the second count (越级上访's person-times) under the value, in English
            st.caption(note)
st.caption(tr("ov.outcomes.up"))
for column, k in zip(st.columns(4), v.up, strict=True):
    with column:
        widgets.kpi_tile(k)

# ---- below the tiles, one section open at a time (ui/sections.py): only the open one runs --


def changes() -> None:
    """本期变化: every indicator that got worse, below target and falling first."""
    got = data.view(model.what_changed, f, f.lang)
    st.caption(got.title)
    if len(got.frame):
        widgets.show_table(
            got.table,
            key="ov_changes",
            column_config=widgets.light_labels(got.pills),
            height="auto",
        )
    st.markdown("\n".join(f"- {plain(line, limit=None)}" for line in got.sentences))


def scorecards() -> None:
    for column, card in zip(st.columns(4), v.scorecards, strict=True):
        with column, st.container(border=True):
            st.markdown(f"#### {card.title}")
            st.caption(card.motto)
            for k in card.tiles:
                widgets.kpi_tile(k, border=False, target_status=True)
            st.page_link(
                f"views/{card.platform}.py", label=card.link, icon=":material/arrow_forward:"
            )


def town_map() -> None:
    """一张图: the communities on the map, coloured by status; a click filters to one."""
    townmap.section(f, "ov", weakest=v.weakest, heading=False)


def ranking() -> None:
    """The community x platform ranking, 督办 marks on its cells."""
    st.caption(v.ranking_help)
    if v.scoped_note:
        st.info(v.scoped_note)
        st.caption(tr("ov.ranking.scoped_click"))  # what their click does instead of filtering
    rows = v.ranking
    # 督办中·逾期12天 on cells with open items, their columns wide enough to show it
    table, pills, widths = duban.mark_ranking(rows, f.lang)
    widgets.show_table(
        table,
        # a click filters to the row's community; a scoped user (their own rows only:
        # filtering changes nothing they see) is taken to that community's profile
        on_select=widgets.on_table_select(
            "ov_ranking", rows.frame, opens="views/profile.py" if auth.is_scoped() else None
        ),
        selection_mode="single-row",
        key="ov_ranking",
        column_config={"community_id": None, **widgets.light_labels(pills, widths)},
        height="auto",
    )
    duban.say()
    duban.assign_button("ov", headline_only=True)  # a red or amber cell -> owner, deadline
    if v.profile_link:
        st.page_link("views/profile.py", label=v.profile_link, icon=":material/person_search:")
    widgets.download_buttons(
        rows.export, "ranking", "ov_ranking_dl", period=(f.period_to, f.period_to)
    )


sections.show(
    "ov_section",
    [
        (tr("ov.scorecards"), scorecards),
        (tr("ov.ranking"), ranking),
        (tr("map.header"), town_map),
        (tr("changes.title"), changes),
    ],
)
