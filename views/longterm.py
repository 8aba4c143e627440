"""长效管理 Long-term management: fee collection 20% -> 60%, the two assessments, the reward
fund, grid management, sanitation, staff posts — KPIs, trends, breakdown and records.

Everything shown is the page's view model (governance/viewmodels/longterm.py), built once per
data, filters and language (the three parts following a widget, once per its value too); this
file only draws it."""

from functools import partial

import streamlit as st

from governance import drill, longterm
from governance.indicators import PLATFORM_RECORDS
from governance.viewmodels import longterm as model
from ui import auth, data, duban, events, plots, sections, state, townmap, widgets
from ui.state import tr

f = state.current()
lang = f.lang
widgets.page_header(tr("longterm.title"), tr("longterm.subtitle"), key_prefix="longterm")
st.page_link(
    "views/whatif/whatif.py", label=tr("longterm.whatif_link"), icon=":material/calculate:"
)

v = data.view(model.build, f, lang, auth.scope())
if v is None:
    widgets.empty_state()
    st.stop()


# ---- KPI row -----------------------------------------------------------------------------------
st.subheader(tr("common.kpis"))
widgets.kpi_tiles(list(v.tiles.values()), v.notes)
duban.platform_assign("longterm")  # a tile below target -> an owner and a deadline

# ---- the sections below the tiles: tabs, only the open one runs (ui/sections.py) --------------


def fee() -> None:  # the fee-collection story over the whole data
    st.subheader(tr("longterm.fee.header"))
    st.caption(tr("longterm.fee.help"))
    if v.story is None:
        st.info(tr("longterm.fee.none"))
    else:
        st.markdown(v.story)
        mode = st.segmented_control(
            tr("longterm.fee.mode"),
            model.FEE_MODES,
            key="longterm_fee_mode",
            persist_state="page",  # kept while its section is closed
            default="town",
            format_func=lambda m: tr(model.FEE_MODE_KEYS[m]),
            required=True,
        )
        fig = data.view(model.fee_chart, f, lang, mode, auth.scope())
        if mode == "community":
            widgets.drill_chart(fig, "longterm_fee_chart")
        else:
            plots.draw(fig, key="longterm_fee_chart_plain")


def breakdown() -> None:  # breakdown by community (click to drill down)
    measure = st.segmented_control(
        tr("longterm.breakdown.measure"),
        PLATFORM_RECORDS["longterm"].kpi_row,
        key="longterm_breakdown_measure",
        persist_state="page",  # kept while its section is closed
        default="fee_collection_rate",
        format_func=lambda m: longterm.label(m, lang),
        required=True,
    )
    bars = data.view(model.breakdown, f, lang, measure)
    if bars.figure is None:
        widgets.empty_state()
    else:
        widgets.drill_chart(bars.figure, "longterm_breakdown")
        if bars.missing:
            st.caption(bars.missing)


def trends() -> None:  # trends over the selected period
    st.subheader(tr("longterm.trends.header"))
    left, right = st.columns(2)
    with left:
        plots.draw(v.trend_scores, key="longterm_trend_scores")
    with right:
        plots.draw(v.trend_rates, key="longterm_trend_rates")
    events.panel("longterm", "longterm")


def property_assessment() -> None:  # property assessment (物业绩效考核)
    st.caption(v.weights)
    if v.company_trend is None:
        widgets.empty_state()
    else:
        left, right = st.columns(2)
        with left:
            if v.company_chart is None:
                st.info(v.company_none_at)
            else:
                plots.draw(v.company_chart, key="longterm_company_scores")
        with right:
            plots.draw(v.company_trend, key="longterm_company_trend")


def reward() -> None:  # the reward fund
    st.markdown(v.formula)
    st.page_link(
        "views/whatif/whatif.py", label=tr("longterm.whatif_link"), icon=":material/calculate:"
    )
    if not v.has_rewards:
        st.info(tr("longterm.reward.none"))
    else:
        left, right = st.columns(2)
        with left:
            if v.reward_chart is None:
                st.info(tr("longterm.reward.none"))
            else:
                plots.draw(v.reward_chart, key="longterm_reward_chart")
        with right:
            plots.draw(v.fund_chart, key="longterm_fund_chart")
        st.caption(v.fund_note)
        widgets.records_table(v.fund, "reward_fund_by_year", "longterm_fund", height=180)
        st.markdown(f"**{tr('longterm.reward.table')}**")
        widgets.records_table(
            v.rewards, "reward_by_company_quarter", "longterm_reward_company", height=260
        )


def grid() -> None:  # grid management (城管网格化)
    st.caption(tr("longterm.grid.help"))
    if v.grid_chart is None:
        st.info(tr("longterm.grid.none"))
    else:
        left, right = st.columns(2)
        with left:
            plots.draw(v.grid_chart, key="longterm_grid_chart")
        with right:
            plots.draw(v.trend_days, key="longterm_trend_days")
        widgets.records_table(v.grid, "grid_by_category", "longterm_grid_cat", height=280)


def staff() -> None:  # staff posts and budget (双规范)
    st.subheader(tr("longterm.staff.header"))
    st.caption(tr("longterm.staff.help"))
    if v.staff_chart is None:
        widgets.empty_state()
    else:
        plots.draw(v.staff_chart, key="longterm_staff_chart")
        widgets.records_table(v.staff, "staff_budget_by_post", "longterm_staff_sum", height=280)


def records() -> None:  # records behind the numbers
    # the records behind the tiles (their quarter, their communities) unless the reader asks for
    # the whole period; the tiles' ratios written out from the same rows' totals
    in_quarter = widgets.records_behind(v.behind, "longterm_rec_scope")
    kind = st.segmented_control(
        tr("longterm.records.kind"),
        model.RECORD_KINDS,
        key="longterm_records_kind",
        persist_state="page",  # kept while its section is closed
        default="fees",
        format_func=lambda k: tr(f"longterm.records.{k}"),
        required=True,
    )
    scope = drill.QUARTER if in_quarter else drill.PERIOD
    at = (f.period_to, f.period_to) if in_quarter else None
    found = data.view(model.record_set, f, lang, kind, scope)
    if found.rows is not None:
        widgets.records_table(found.rows, found.file_stem, f"longterm_rec_{kind}", period=at)
    elif found.fees is None:
        widgets.empty_state()
    else:
        fees = found.fees
        st.markdown(f"**{fees.heading}**")
        widgets.records_table(
            fees.last_quarter,
            "fee_bills",
            "longterm_rec_fee_last",
            period=(f.period_to, f.period_to),
        )
        st.markdown(f"**{tr('longterm.fees.summary')}**")
        widgets.records_table(fees.summary, "fee_summary", "longterm_rec_fee_sum", period=at)
        st.markdown(fees.households)
        # The whole set of bills is read only on a click, on a connection of its own.
        folder = data.folder()
        own = auth.scope()  # read in the run: the click's thread has no session
        widgets.download_buttons(
            lambda: longterm.fee_bills(folder, fees.params, own),
            "fee_bills",
            "longterm_fee_full",
            longterm.labels(lang),
            partial(longterm.localise, lang=lang),
            at,
            buttons=(tr("longterm.fees.full_csv"), tr("longterm.fees.full_xlsx")),
            disabled=not fees.excel_fits,
            help=None if fees.excel_fits else tr("longterm.fees.too_big"),
        )


sections.show(
    "longterm_section",
    [
        (
            tr("map.header"),
            lambda: townmap.section(f, "longterm", platform="longterm", heading=False),
        ),
        (tr("section.fee"), fee),
        (tr("common.by_community"), breakdown),
        (tr("section.trends"), trends),
        (tr("longterm.property.header"), property_assessment),
        (tr("longterm.reward.header"), reward),
        (tr("longterm.grid.header"), grid),
        (tr("longterm.records.staff"), staff),
        (tr("records.title"), records),
    ],
)
