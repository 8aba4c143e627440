"""督办 Follow-ups: what the joint meeting assigned — the unit, the deadline, feedback and
closure, the most overdue first; 交办 here or where the red light is seen. Its widgets in
views/duban/controls.py, the shared ones (交办, the marks) in ui/duban.py, the logic in
governance/duban/ and governance/viewmodels/duban.py."""

import streamlit as st

from governance.duban import rules
from governance.indicators import PLATFORMS
from governance.text import plain
from governance.viewmodels import duban as view
from ui import duban, state, widgets
from ui.state import tr
from views.duban import controls

f = state.current()
widgets.page_header(tr("duban.page.title"), tr("duban.page.subtitle"), key_prefix="duban")
duban.say()
duban.assign_button("duban", cases=True)

listed = duban.items()
v = duban.model(f.lang, listed)
st.caption(v.today_note)  # which day overdue days count to
# the sidebar's communities, when chosen, as on every page (an item of the town has none)
rows = [r for r in v.rows if not f.communities or r.community_id in f.communities]
if not rows:
    st.info(tr("duban.page.none"))
    st.stop()

# ---- the loop in four numbers ----------------------------------------------------------------
for cell, (label, n) in zip(widgets.grid(4), view.counts(rows, f.lang), strict=True):
    cell.metric(label, f"{n:,}")

# ---- filters: status, unit, community, platform, overdue ------------------------------------
with st.container(horizontal=True, wrap=True):
    statuses = st.multiselect(
        tr("col.light"),
        list(rules.STATUSES),
        format_func=lambda s: tr(f"duban.status.{s}"),
        key="duban_f_status",
        placeholder=tr("widget.any"),
    )
    units = st.multiselect(
        tr("duban.page.filter.unit"),
        sorted({r.unit for r in rows}),
        key="duban_f_unit",
        placeholder=tr("widget.any"),
    )
    communities = st.multiselect(
        tr("col.community"),
        sorted({r.community_id for r in rows if r.community_id}),
        format_func=state.community_name,
        key="duban_f_community",
        placeholder=tr("widget.any"),
    )
    platforms = st.multiselect(
        tr("col.platform"),
        list(PLATFORMS),
        format_func=lambda p: tr(f"platform.{p}"),
        key="duban_f_platform",
        placeholder=tr("widget.any"),
    )
    overdue = st.toggle(tr("duban.page.filter.overdue"), key="duban_f_overdue")
choice = view.Choice(tuple(statuses), tuple(units), tuple(communities), tuple(platforms), overdue)
shown = view.chosen(rows, choice)
st.caption(tr("duban.page.shown", n=len(shown), total=len(rows)))
widgets.show_table(view.frame(shown, f.lang), "duban_table", height="auto")
controls.ledger_download(shown, "duban_ledger")

# ---- item by item: what happened, feedback, a change of status -------------------------------
st.subheader(tr("duban.page.items"))
by_id = {i.id: i for i in listed}
for r in shown[: controls.MAX_EXPANDED]:
    title = tr(
        "duban.page.item",
        id=r.id,
        title=plain(view.short(r.title)),
        status=r.status_text,
        when=r.when,
    )
    with st.expander(title, icon=":material/assignment:"):
        controls.item_detail(by_id[r.id], r, f.lang)
if len(shown) > controls.MAX_EXPANDED:
    st.caption(tr("duban.page.more", n=len(shown) - controls.MAX_EXPANDED))
