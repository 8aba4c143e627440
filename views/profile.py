"""社区画像 Community profile: one community across the four platforms and the outcomes.

Everything shown is the page's view model (governance/viewmodels/profile.py), built once per
data, period, language and community; this file only draws it and holds the widgets."""

import streamlit as st

from governance.viewmodels import profile as model
from ui import auth, data, duban, plots, sections, state, widgets
from ui.state import tr

f = state.current()
lang = f.lang
ids = state.community_ids()
# One community chosen: its profile. Otherwise the page opens on the community that needs
# attention most (the last in the overall ranking), without changing the global filter.
chosen = f.communities[0] if len(f.communities) == 1 else None
shown = chosen or data.view(model.weakest, f, lang)
own = auth.scope()  # a scoped user reads their ranks among the whole town, no town figure
v = data.view(model.build, model.shared(f), lang, shown, own) if shown else None

widgets.page_header(
    v.title if v else tr("nav.profile"),
    key_prefix="profile",
    shown=[shown] if shown else None,  # the profile is of one community, whatever the filter
)
st.session_state["profile_pick"] = shown
names = state.community_names()
st.selectbox(
    tr("profile.pick"),
    ids,
    # the names looked up in this run's language (a later call outside the run reads Chinese)
    format_func=lambda c: names.get(c, c),
    placeholder=tr("profile.pick.help"),
    key="profile_pick",
    on_change=lambda: state.select_community(st.session_state["profile_pick"]),
)
if v is None:
    st.info(tr("profile.pick.help"))
    st.stop()
if not chosen and len(ids) > 1:  # one community to see: nothing else to choose
    st.info(v.opened_on_worst)

# ---- key facts -------------------------------------------------------------------------------
for cell, (label, value) in zip(widgets.grid(6, per_row=3), v.facts, strict=True):
    cell.metric(label, value)
if v.empty:
    widgets.empty_state()
    st.stop()

# ---- below the facts, one section open at a time (ui/sections.py): only the open one runs ---
duban.say()
duban.assign_button("profile", community=v.community)  # a tile below target -> an owner
marks = duban.tile_marks(v.community, lang)  # 督办中·逾期12天 under a tile with open items


def tiles(section: model.Section) -> None:
    """The outcomes or one platform: each indicator with its rank."""
    cells = widgets.grid(len(section.tiles))
    for column, k, rank in zip(cells, section.tiles, section.ranks, strict=True):
        with column:
            widgets.kpi_tile(k)
            st.caption(rank)
            duban.show_mark(marks.get(k.indicator.id))
    if section.link:
        st.page_link(
            f"views/{section.platform}.py", label=section.link, icon=":material/arrow_forward:"
        )


def trend() -> None:
    """Against the whole town over time, one indicator at a time."""
    indicator_id = st.selectbox(
        tr("profile.trend.pick"),
        list(v.trend_labels),
        format_func=v.trend_labels.get,
        key="profile_trend_indicator",
        persist_state="page",  # kept while another section is open
    )
    fig = data.view(model.trend, model.shared(f), lang, v.community, indicator_id, own is not None)
    if fig is not None:
        plots.draw(fig, key="profile_trend_chart")
    else:
        widgets.empty_state()


def table() -> None:
    """Every indicator and its rank, downloadable."""
    widgets.show_table(v.table, "profile_table", height="auto")
    widgets.download_buttons(v.download, "nav.profile", "profile_dl", communities=[v.community])


sections.show(
    "profile_section",
    [
        *((s.heading, lambda s=s: tiles(s)) for s in v.sections),
        (tr("section.trends"), trend),
        (tr("profile.table"), table),
    ],
)
