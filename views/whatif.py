"""情景推演 What-if: change a lever — the reward fund, the three-party scoring weights, a
target, the town's collection goal — and see the consequence beside the baseline; save,
reopen and compare scenarios. The scenario lives in the URL (wf_* keys): a link reproduces it."""

import streamlit as st

from governance.indicators import INDICATORS
from governance.text import plain
from governance.whatif import collection, compare, form, fund_view, scoring, targets
from governance.whatif.display import company_names, indicator_label, labels, quarter_label
from governance.whatif.params import PERIODS, POLICIES
from governance.whatif.saved import saved_table
from governance.whatif.scenario import Scenario, describe, target_bounds
from ui import data, state, widgets
from ui import whatif as page
from ui.state import tr

f = state.current()
lang = f.lang
widgets.page_header(tr("whatif.title"), tr("whatif.subtitle"), key_prefix="whatif")

ids = state.community_ids()
scope = f.community_ids(ids)
params = state.query_params()
names = {c: state.community_name(c) for c in ids}
base_targets = targets.target_map(data.run("targets_all"))

scenario = page.scenario_in_force(base_targets, lang)
for message in page.url_problems():
    st.warning(tr("whatif.url.bad") + plain(message, 400))  # it quotes the link

# ---- the link and what this scenario changes ----------------------------------------------------
with st.container(border=True):
    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"**{tr('whatif.link')}**")
        st.code(page.link(), language=None, wrap_lines=True)
        st.caption(tr("whatif.link.help"))
    with right:
        changes = describe(scenario, lang)
        st.markdown(f"**{tr('whatif.changes')}**")
        if changes:
            st.markdown("\n".join(f"- {plain(line, 400)}" for line in changes))
        else:
            st.caption(tr("whatif.baseline_only"))
        st.caption(tr("whatif.baseline.help"))
        st.button(
            tr("whatif.reset"),
            key="whatif_reset",
            on_click=page.use_scenario,
            args=(Scenario(),),
            disabled=scenario.is_baseline(),
            icon=":material/restart_alt:",
        )

assessments = data.run("whatif_assessments_by_company_community_quarter", params)
companies = company_names(assessments, lang)
parts = data.run("indicator_parts_by_community_quarter")
values = targets.values_in_view(parts, f.period_to, scope)
fee = data.run("whatif_fee_households_by_community", params)
solve = page.fund_solver(assessments)
bundle = compare.Data(assessments, values, base_targets, fee, f.period_from, f.period_to, solve)


tabs = ("fund", "scoring", "targets", "fee", "saved")
tab_fund, tab_scoring, tab_targets, tab_fee, tab_saved = st.tabs(
    [tr(f"whatif.tab.{name}") for name in tabs]
)

# ---- 1. the reward fund -------------------------------------------------------------------------
with tab_fund:
    st.markdown(tr("whatif.fund.intro"))
    # The inputs take any number: an out-of-range one gets the engine's message, naming the
    # lever and its range, instead of the browser silently refusing it.
    c = st.columns([1.1, 1, 1.1, 1, 1.4])
    c[0].number_input(
        tr("whatif.fund.rate"),
        step=0.01,
        format="%.3f",
        key=form.W_RATE,
        help=tr("whatif.fund.rate.help"),
    )
    c[1].radio(
        tr("whatif.fund.period"),
        PERIODS,
        key=form.W_PERIOD,
        format_func=lambda p: tr(f"whatif.period.{p}"),
        help=tr("whatif.fund.period.help"),
    )
    c[2].number_input(
        tr("whatif.fund.cap"),
        step=50_000.0,
        format="%.0f",
        key=form.W_CAP,
        help=tr("whatif.fund.cap.help"),
    )
    c[3].number_input(
        tr("whatif.fund.min"),
        step=1.0,
        format="%.1f",
        key=form.W_MIN,
        help=tr("whatif.fund.min.help"),
    )
    c[4].radio(
        tr("whatif.fund.policy"),
        POLICIES,
        key=form.W_POLICY,
        format_func=lambda p: tr(f"whatif.policy.{p}"),
        help=tr("whatif.fund.policy.help"),
    )
    problems = scenario.fund_errors(lang)
    fund = None
    if not problems:
        fund = fund_view.fund_view(assessments, scenario.fund, f.period_from, f.period_to, solve)
    if page.lever_ready(problems, fund is None):
        page.metric_row(fund_view.fund_tiles(fund, lang))
        st.caption(tr("whatif.fund.scope_note"))
        by_company = fund_view.company_table(fund, lang, companies)
        left, right = st.columns(2)
        with left:
            page.chart(fund_view.fund_difference_figure(by_company, lang), "whatif_fund_diff")
        with right:
            page.chart(fund_view.fund_quarter_figure(fund, lang), "whatif_fund_quarters")
        st.subheader(tr("whatif.fund.by_company"))
        page.table(by_company, "whatif_fund_by_company", "whatif_fund_company_dl", lang)
        st.subheader(tr("whatif.fund.by_year"))
        st.caption(tr("whatif.fund.by_year.help"))
        page.table(fund_view.year_table(fund), "whatif_fund_by_year", "whatif_fund_year_dl", lang)
        with st.expander(tr("whatif.fund.by_company_quarter")):
            by_quarter = fund_view.company_quarter_table(fund, companies)
            page.table(by_quarter, "whatif_fund_by_company_quarter", "whatif_fund_cq_dl", lang)

# ---- 2. three-party scoring (Enshi practice) ----------------------------------------------------
with tab_scoring:
    st.markdown(tr("whatif.scoring.intro"))
    c = st.columns(5)
    for column, key, label, step in (
        (c[0], form.W_SELF, "whatif.scoring.w_self", 5.0),
        (c[1], form.W_TOWN, "whatif.scoring.w_town", 5.0),
        (c[2], form.W_RESIDENTS, "whatif.scoring.w_residents", 5.0),
        (c[3], form.W_EXCELLENT, "whatif.scoring.excellent", 1.0),
        (c[4], form.W_GOOD, "whatif.scoring.good", 1.0),
    ):
        column.number_input(tr(label), step=step, format="%.1f", key=key)
    st.caption(tr("whatif.scoring.total", total=f"{page.weights_total():.1f}"))
    rows = scoring.scoring_rows(assessments, f.period_to)
    if page.lever_ready(scenario.scoring_errors(lang), rows.empty):
        grades = scoring.grade_view(rows, scenario.scoring, companies, names)
        page.metric_row(scoring.grade_tiles(grades, lang))
        st.caption(tr("whatif.scoring.quarter", quarter=quarter_label(f.period_to)))
        widgets.drill_chart(scoring.grade_figure(grades.communities, lang), "whatif_grades_chart")
        st.subheader(tr("whatif.scoring.by_company"))
        page.table(grades.companies, "whatif_grades_by_company", "whatif_grades_company_dl", lang)
        st.subheader(tr("whatif.scoring.by_community"))
        page.table(
            grades.communities, "whatif_grades_by_community", "whatif_grades_community_dl", lang
        )

# ---- 3. targets ---------------------------------------------------------------------------------
with tab_targets:
    st.markdown(tr("whatif.targets.intro"))
    st.multiselect(
        tr("whatif.targets.pick"),
        [ind.id for ind in INDICATORS],
        key=form.W_TARGET_IDS,
        format_func=lambda i: indicator_label(i, lang),
        placeholder=tr("whatif.targets.pick.placeholder"),
        select_all=False,  # Streamlit's "Select all" has no Chinese text
    )
    c = st.columns(3)
    for n, indicator_id in enumerate(st.session_state.get(form.W_TARGET_IDS) or []):
        lo, hi, step = target_bounds(indicator_id)
        current = base_targets.get(indicator_id)
        c[n % 3].number_input(
            tr("whatif.targets.input", indicator=indicator_label(indicator_id, lang)),
            min_value=lo,
            max_value=hi,
            step=step,
            key=form.target_widget(indicator_id),
            help=tr("whatif.targets.current", value="—" if current is None else f"{current:g}"),
        )
    kept = targets.own_targets_kept(base_targets, scenario.target_overrides, scope)
    if kept:
        items = "；".join(
            f"{names.get(cid, cid)} · {indicator_label(i, lang)} {v:g}" for i, cid, v in kept
        )
        st.caption(tr("whatif.targets.kept", items=items))
    if page.lever_ready(scenario.target_errors(lang), values.empty):
        lights = targets.light_view(values, base_targets, scenario.target_overrides, names)
        page.metric_row(targets.light_tiles(lights, lang))
        st.caption(tr("whatif.targets.quarter", quarter=quarter_label(f.period_to)))
        widgets.drill_chart(targets.light_figure(lights.communities, lang), "whatif_lights_chart")
        st.subheader(tr("whatif.targets.changes"))
        moved = targets.light_changes_table(lights, names, lang)
        if moved.empty:
            st.info(tr("whatif.targets.none_moved"))
        else:
            st.dataframe(targets.light_changes_shown(moved, lang), hide_index=True)
            widgets.download_buttons(
                moved, "whatif_light_changes", "whatif_lights_dl", labels(lang)
            )
        st.subheader(tr("whatif.targets.ranking"))
        page.table(lights.communities, "whatif_target_ranking", "whatif_ranking_dl", lang)

# ---- 4. fee collection --------------------------------------------------------------------------
with tab_fee:
    st.markdown(tr("whatif.fee.intro"))
    st.columns([1, 2])[0].number_input(
        tr("whatif.fee.target"),
        step=1.0,
        format="%.1f",
        key=form.W_FEE,
        help=tr("whatif.fee.target.help"),
    )
    if page.lever_ready(scenario.collection_errors(lang), fee.empty):
        target_pct = scenario.collection_target
        needed = collection.collection_table(collection.collection_view(fee, target_pct), names)
        page.metric_row(collection.collection_tiles(needed, lang))
        st.caption(tr("whatif.fee.quarter", quarter=quarter_label(f.period_to)))
        figure = collection.collection_figure(needed, target_pct, lang)
        widgets.drill_chart(figure, "whatif_fee_chart")
        st.markdown(tr("whatif.fee.methods"))
        page.table(needed, "whatif_collection", "whatif_fee_dl", lang)

# ---- 5. saved scenarios: save, reopen, compare, delete ------------------------------------------
with tab_saved:
    saved, store_problem = page.saved_list()
    if store_problem:
        st.error(store_problem)
    page.show_flash()

    st.subheader(tr("whatif.saved.save"))
    page.save_form(disabled=store_problem is not None)

    st.subheader(tr("whatif.saved.list"))
    if not saved:
        st.info(tr("whatif.saved.none"))
    else:
        st.dataframe(saved_table(saved, lang), hide_index=True)
        page.saved_picker([item.name for item in saved], lang)

    st.subheader(tr("whatif.cmp.header"))
    st.caption(tr("whatif.cmp.help"))
    first, second, compared = page.compare_choices(saved, scenario, lang)
    if first == second:
        st.info(tr("whatif.cmp.same"))
    else:
        outcomes = [(name, s, compare.outcome(s, bundle)) for name, s in compared]
        side_by_side = compare.compare_frame(outcomes, lang)
        st.dataframe(side_by_side, hide_index=True, height=35 * (len(side_by_side) + 1) + 3)
        widgets.download_buttons(side_by_side, "whatif_compare", "whatif_cmp_dl")
        paid = compare.compare_companies(compared, bundle, companies)
        if paid.empty:
            widgets.empty_state()
        else:
            page.chart(compare.compare_figure(paid, lang), "whatif_cmp_chart")
            st.dataframe(compare.compare_companies_shown(paid, lang), hide_index=True)
            widgets.download_buttons(
                paid, "whatif_compare_companies", "whatif_cmp_paid_dl", labels(lang)
            )
