"""一张图 on a page: the town map with its indicator selector, one call per page.

The map is ``governance/geo/mapview.py``'s view model (built once per data, filters,
language, scope and indicator), drawn through ``ui/plots.draw`` without any geo layer, so the
browser asks no server but the app's for anything. A click on a community's label filters
the dashboard to it (the URL's ``c=``), as a click on any chart does, and the page then
offers its profile.
"""

from __future__ import annotations

import streamlit as st

from governance import charts
from governance.filters import Filters
from governance.geo import mapview, townmap
from governance.text import plain
from ui import auth, data, plots, state
from ui.state import tr


def _on_select(key: str) -> None:
    community = charts.selected_community(st.session_state.get(key))
    if community:
        state.select_community(community)


def section(
    f: Filters,
    prefix: str,
    platform: str | None = None,
    weakest: str | None = None,
    heading: bool = True,
) -> None:
    """The map section of a page: a heading, the indicator selector (the platform's
    indicators, or on the overview every scored one, opening on ``weakest``'s headline),
    the map, the 示意图 caveat, who is at which status in words, and the profile link."""
    if heading:  # not under a tab already named 一张图
        st.subheader(tr("map.header"))
    options = list(townmap.choices(platform))
    default = townmap.default_indicator(platform, weakest)
    chosen = st.selectbox(
        tr("map.indicator"),
        options,
        index=options.index(default) if default in options else 0,
        format_func=lambda i: townmap.indicator_label(i, f.lang),
        key=f"{prefix}_map_indicator",
        persist_state="page",  # kept while its section is closed (ui/sections.py)
    )
    v = data.view(mapview.build, f, f.lang, chosen)
    if v is None:
        st.caption(tr("map.none"))
        return
    key = f"{prefix}_map"
    with st.container(key=f"{prefix}_townmap"):
        plots.draw(
            v.figure,
            key=key,
            on_select=lambda: _on_select(key),
            selection_mode=("points",),
            config={"displayModeBar": False, "scrollZoom": False},
        )
    st.caption(v.map.note)
    if v.map.dense:  # signs, not labels: how to read and click them
        st.caption(tr("map.dense"))
    st.markdown("\n".join(f"- {plain(line, limit=None)}" for line in v.map.sentences))
    if not v.map.dense:
        st.caption(tr("map.hint.own" if auth.is_scoped() else "map.hint"))  # never "全镇" to her
    if v.profile_link:
        st.page_link("views/profile.py", label=v.profile_link, icon=":material/person_search:")
