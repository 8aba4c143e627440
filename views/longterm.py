"""长效管理 Long-term management: fee collection 20% -> 60%, the two assessments, the reward
fund, grid management, sanitation, staff posts — KPIs, trends, breakdown and records."""

import streamlit as st

from governance import longterm, periods
from governance.text import plain
from ui import data, state, widgets
from ui.state import tr

f = state.current()
lang = f.lang
widgets.page_header(tr("longterm.title"), tr("longterm.subtitle"), key_prefix="longterm")
st.page_link("views/whatif.py", label=tr("longterm.whatif_link"), icon=":material/calculate:")

ids = state.community_ids()
scope = f.community_ids(ids)
params = state.query_params()
names = {c: state.community_name(c) for c in ids}
labels = longterm.labels(lang)
parts = data.run("indicator_parts_by_community_quarter")
local_parts = data.run("longterm_kpi_parts_by_community_quarter")
targets = data.run("targets_all")

if not longterm.has_data(parts, local_parts, scope, f.period_from, f.period_to):
    widgets.empty_state()
    st.stop()

fund = longterm.fund_by_year(data.run("longterm_reward_fund_by_year", params))
town_fee = longterm.fee_series(parts, scope)
story = longterm.story(town_fee)

# ---- KPI row -----------------------------------------------------------------------------------
st.subheader(tr("longterm.kpis"))
kpis = longterm.kpis(parts, local_parts, targets, scope, f.period_from, f.period_to, f.basis)
secondary = {
    "fee_collection_rate": longterm.first_note(story, lang),
    "reward_paid": longterm.fund_note(fund, f.period_to.year, lang),
    "grid_days_to_close": tr("longterm.kpi.fewer_better"),
}
for row in longterm.KPI_ROWS:
    for column, indicator_id in zip(st.columns(len(row)), row, strict=True):
        with column:
            widgets.kpi_tile(kpis[indicator_id], secondary=secondary.get(indicator_id))

# ---- the fee-collection story over the whole data ----------------------------------------------
st.subheader(tr("longterm.fee.header"))
st.caption(tr("longterm.fee.help"))
if story is None:
    st.info(tr("longterm.fee.none"))
else:
    scope_name = longterm.scope_name(f.communities, names, lang)
    target = kpis["fee_collection_rate"].target
    st.markdown(longterm.story_text(story, plain(scope_name), target, lang))
    mode = st.segmented_control(
        tr("longterm.fee.mode"),
        ("town", "community", "company"),
        key="longterm_fee_mode",
        default="town",
        format_func=lambda m: tr(f"longterm.fee.mode.{m}"),
        required=True,
    )
    lines, line_ids = {}, None
    if mode == "community":
        lines = longterm.fee_by_community(parts, scope, names)
        line_ids = {names.get(c, c): c for c in scope}
    elif mode == "company":
        rates = data.run("longterm_fee_rate_by_company_quarter", params)
        lines = longterm.fee_by_company(rates, lang)
    fig = longterm.fee_story_figure(
        town_fee, lines, target, f.period_from, f.period_to, lang, scope_name, line_ids
    )
    if mode == "community":
        widgets.drill_chart(fig, "longterm_fee_chart")
    else:
        st.plotly_chart(fig, key="longterm_fee_chart_plain", config={"displaylogo": False})

# ---- breakdown by community (click to drill down) ----------------------------------------------
st.subheader(tr("longterm.breakdown.header"))
measure = st.segmented_control(
    tr("longterm.breakdown.measure"),
    longterm.BREAKDOWN_MEASURES,
    key="longterm_breakdown_measure",
    default="fee_collection_rate",
    format_func=lambda m: longterm.label(m, lang),
    required=True,
)
bars = longterm.breakdown(parts, local_parts, targets, measure, f.period_to, scope, names)
if bars.empty:
    widgets.empty_state()
else:
    widgets.drill_chart(
        longterm.breakdown_figure(bars, measure, f.period_to, lang), "longterm_breakdown"
    )
    missing = longterm.missing_from(bars, scope, names)
    if missing:
        missing_names = tr("sep.list").join(map(plain, missing))
        st.caption(tr("longterm.breakdown.missing", names=missing_names))

# ---- trends over the selected period -----------------------------------------------------------
st.subheader(tr("longterm.trends.header"))
wide = longterm.trend_frame(parts, local_parts, scope, f.period_from, f.period_to)
left, right = st.columns(2)
with left:
    scores = ("property_score", "sanitation_score", "community_score")
    st.plotly_chart(
        longterm.trend_figure(wide, scores, tr("longterm.trends.scores"), lang),
        key="longterm_trend_scores",
    )
with right:
    rates = ("fee_collection_rate", "grid_closure_rate")
    st.plotly_chart(
        longterm.trend_figure(wide, rates, tr("longterm.trends.rates"), lang, "%"),
        key="longterm_trend_rates",
    )

# ---- property assessment (物业绩效考核) --------------------------------------------------------
st.subheader(tr("longterm.property.header"))
st.caption(longterm.weights_text(lang))
company_scores = data.run("longterm_property_scores_by_company_quarter", params)
if company_scores.empty:
    widgets.empty_state()
else:
    left, right = st.columns(2)
    at = longterm.company_scores_at(company_scores, f.period_to)
    with left:
        if at.empty:
            st.info(tr("longterm.property.none_at", quarter=periods.display(f.period_to, lang)))
        else:
            st.plotly_chart(
                longterm.company_scores_figure(at, f.period_to, lang),
                key="longterm_company_scores",
            )
    with right:
        st.plotly_chart(
            longterm.company_score_trend(company_scores, lang), key="longterm_company_trend"
        )

# ---- the reward fund -----------------------------------------------------------------------------
st.subheader(tr("longterm.reward.header"))
st.markdown(longterm.formula_text(lang))
st.page_link("views/whatif.py", label=tr("longterm.whatif_link"), icon=":material/calculate:")
rewards = data.run("longterm_reward_paid_by_company_quarter", params)
if rewards.empty and fund.empty:
    st.info(tr("longterm.reward.none"))
else:
    left, right = st.columns(2)
    with left:
        if rewards.empty:
            st.info(tr("longterm.reward.none"))
        else:
            st.plotly_chart(longterm.reward_figure(rewards, lang), key="longterm_reward_chart")
    with right:
        st.plotly_chart(longterm.fund_figure(fund, lang), key="longterm_fund_chart")
    st.caption(tr("longterm.fund.note"))
    widgets.records_table(
        longterm.localise(fund, lang), "reward_fund_by_year", "longterm_fund", labels, 180
    )
    st.markdown(f"**{tr('longterm.reward.table')}**")
    widgets.records_table(
        longterm.localise(longterm.with_formula(rewards), lang),
        "reward_by_company_quarter",
        "longterm_reward_company",
        labels,
        height=260,
    )

# ---- grid management (城管网格化) ----------------------------------------------------------------
st.subheader(tr("longterm.grid.header"))
st.caption(tr("longterm.grid.help"))
grid = data.run("longterm_grid_cases_by_category", params)
if grid.empty:
    st.info(tr("longterm.grid.none"))
else:
    categories = longterm.grid_categories(grid)
    left, right = st.columns(2)
    with left:
        st.plotly_chart(longterm.grid_figure(categories, lang), key="longterm_grid_chart")
    with right:
        days = ("grid_days_to_close",)
        st.plotly_chart(
            longterm.trend_figure(wide, days, tr("longterm.trends.days"), lang),
            key="longterm_trend_days",
        )
    widgets.records_table(
        longterm.localise(categories, lang), "grid_by_category", "longterm_grid_cat", labels, 280
    )

# ---- staff posts and budget (双规范) -------------------------------------------------------------
st.subheader(tr("longterm.staff.header"))
st.caption(tr("longterm.staff.help"))
staff = data.run("longterm_staff_budget_by_post_year", params)
if staff.empty:
    widgets.empty_state()
else:
    table = longterm.staff_table(staff)
    st.plotly_chart(longterm.staff_figure(table, lang), key="longterm_staff_chart")
    widgets.records_table(table, "staff_budget_by_post", "longterm_staff_sum", labels, 280)

# ---- records behind the numbers ------------------------------------------------------------------
st.subheader(tr("longterm.records.header"))
kind = st.segmented_control(
    tr("longterm.records.kind"),
    ("fees", "grid", "property", "community", "reward", "sanitation", "staff"),
    key="longterm_records_kind",
    default="fees",
    format_func=lambda k: tr(f"longterm.records.{k}"),
    required=True,
)
if kind == "fees":
    summary = data.run("longterm_fee_summary_by_community_quarter", params)
    if summary.empty:
        widgets.empty_state()
    else:
        quarter = periods.display(f.period_to, lang)
        st.markdown(f"**{tr('longterm.fees.last_quarter', quarter=quarter)}**")
        last = data.run("longterm_fee_records", {**params, "period_from": f.period_to})
        widgets.records_table(
            last,
            "fee_bills",
            "longterm_rec_fee_last",
            labels,
            prepare=lambda frame: longterm.localise(frame, lang),
            period=(f.period_to, f.period_to),
        )
        st.markdown(f"**{tr('longterm.fees.summary')}**")
        widgets.records_table(
            summary,
            "fee_summary",
            "longterm_rec_fee_sum",
            labels,
            prepare=lambda frame: longterm.localise(frame, lang),
        )
        n = int(summary["households_billed"].sum())
        st.markdown(tr("longterm.fees.full", n=f"{n:,}"))
        folder = data.folder()
        row = st.container(horizontal=True)
        row.download_button(
            tr("longterm.fees.full_csv"),
            lambda: longterm.fee_download(folder, params, lang, "csv"),
            file_name=f"{widgets.file_name('fee_bills')}.csv",
            mime="text/csv",
            key="longterm_fee_full_csv",
            on_click="ignore",
            icon=":material/download:",
        )
        row.download_button(
            tr("longterm.fees.full_xlsx"),
            lambda: longterm.fee_download(folder, params, lang, "xlsx"),
            file_name=f"{widgets.file_name('fee_bills')}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="longterm_fee_full_xlsx",
            on_click="ignore",
            icon=":material/table_view:",
            disabled=not longterm.excel_fits(n),
            help=None if longterm.excel_fits(n) else tr("longterm.fees.too_big"),
        )
else:
    query, file_stem = {
        "grid": ("longterm_grid_cases_records", "grid_cases"),
        "property": ("longterm_property_assessment_records", "property_assessments"),
        "community": ("longterm_community_assessment_records", "community_assessments"),
        "reward": ("longterm_reward_payment_records", "reward_payments"),
        "sanitation": ("longterm_sanitation_records", "sanitation_inspections"),
        "staff": ("longterm_staff_post_records", "staff_posts"),
    }[kind]
    records = data.run(query, params)
    if kind == "reward" and not records.empty:
        records = longterm.with_formula(records)
    widgets.records_table(
        records,
        file_stem,
        f"longterm_rec_{kind}",
        labels,
        prepare=lambda frame: longterm.localise(frame, lang),
    )
