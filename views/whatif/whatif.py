"""情景推演 What-if: change a lever — the reward fund, the three-party scoring weights, a
target, the town's collection goal — and see the consequence beside the baseline; save,
reopen and compare scenarios. The scenario lives in the URL (wf_* keys): a link reproduces it.

What each lever shows is the page's view model (governance/viewmodels/whatif.py), built once per
data, filters, language and that lever's parameters; this file holds the widgets and draws it."""

import streamlit as st

from governance.indicators import INDICATORS
from governance.text import plain, plain_cells
from governance.viewmodels import whatif as model
from governance.whatif import form
from governance.whatif.display import indicator_label, own_key
from governance.whatif.forward import NEXT_YEAR
from governance.whatif.saved import saved_table
from governance.whatif.scenario import Scenario, target_bounds
from ui import auth, data, plots, sections, state, widgets
from ui.state import tr
from views.whatif import controls as page

f = state.current()
lang = f.lang
own = auth.scope()  # a scoped user's numbers are their communities' (所辖社区)
scoped = own is not None
widgets.page_header(tr("whatif.title"), tr("whatif.subtitle"), key_prefix="whatif")

base_targets = data.view(model.inputs, f, lang).base_targets
scenario = page.scenario_in_force(base_targets, lang)
for message in page.url_problems():
    st.warning(tr("whatif.url.bad") + plain(message, 400))  # it quotes the link

# ---- the link and what this scenario changes ----------------------------------------------------
with st.container(border=True):
    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"**{tr('whatif.link')}**")
        st.code(page.link(), language=None, wrap_lines=True)
        st.caption(tr(own_key("whatif.link.help", scoped)))
        if scenario.horizon == NEXT_YEAR:
            st.caption(tr("whatif_forward.link.next"))
    with right:
        st.markdown(f"**{tr('whatif.changes')}**")
        changes = data.view(model.changes, f, lang, scenario, own)
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

# ---- the levers: tabs, only the open one runs (ui/sections.py); a lever's widgets keep their
# values while its tab is closed (persist_state="page"), and the scenario is in the link. Their
# option labels are looked up during the run, not in a lambda Streamlit may call after it.


def _number(column, label: str, key: str, step: float, fmt: str, hint: str) -> None:
    column.number_input(label, step=step, format=fmt, key=key, persist_state="page", help=tr(hint))


def _choice(where, label: str, key: str, horizontal: bool = False) -> None:
    """The radio ``key`` (its options and their words: form.CHOICES); its help ``label``.help."""
    options, words = form.CHOICES[key]
    where.radio(
        tr(label),
        options,
        key=key,
        persist_state="page",
        format_func={o: tr(f"{words}.{o}") for o in options}.get,
        help=tr(f"{label}.help"),
        horizontal=horizontal,
    )


# ---- 1. the reward fund -------------------------------------------------------------------------
def fund() -> None:
    st.markdown(tr("whatif.fund.intro"))
    # The inputs take any number: an out-of-range one gets the engine's message, naming the
    # lever and its range, instead of the browser silently refusing it.
    c = st.columns([1.1, 1, 1.1, 1, 1.4])
    _number(c[0], tr("whatif.fund.rate"), form.W_RATE, 0.01, "%.3f", "whatif.fund.rate.help")
    _choice(c[1], "whatif.fund.period", form.W_PERIOD)
    # the reward fund's annual cap, as the long-term page says
    cap = tr("longterm.col.cap_yuan")
    _number(c[2], cap, form.W_CAP, 50_000.0, "%.0f", "whatif.fund.cap.help")
    _number(c[3], tr("whatif.fund.min"), form.W_MIN, 1.0, "%.1f", "whatif.fund.min.help")
    _choice(c[4], "whatif.fund.policy", form.W_POLICY)
    _choice(st, "whatif_forward.horizon", form.W_HORIZON, True)
    part = data.view(model.fund_lever, f, lang, scenario.fund, own, scenario.horizon)
    if page.lever_ready(part.lever):
        fund = part.section
        if fund.assumption:
            st.info(fund.assumption, icon=":material/trending_flat:")
        if fund.share_note:
            st.info(fund.share_note, icon=":material/person:")
        page.metric_row(fund.tiles)
        st.caption(fund.scope_note)
        st.markdown(f"**{fund.gains_caption}**")
        left, right = st.columns(2)
        with left:
            plots.draw(fund.difference_chart, key="whatif_fund_diff")
        with right:
            plots.draw(fund.quarter_chart, key="whatif_fund_quarters")
        st.subheader(tr("whatif.fund.by_company"))
        page.table(fund.by_company, "whatif_fund_by_company", "whatif_fund_company_dl")
        st.subheader(fund.by_year_title)
        st.caption(fund.by_year_help)
        page.table(fund.by_year, "whatif_fund_by_year", "whatif_fund_year_dl")
        quarters = st.expander(
            tr("whatif.fund.by_company_quarter"), key="whatif_fund_cq_open", on_change="rerun"
        )
        if quarters.open:  # drawn only once opened (a closed expander's table was still built)
            with quarters:
                page.table(
                    fund.by_company_quarter, "whatif_fund_by_company_quarter", "whatif_fund_cq_dl"
                )


# ---- 2. three-party scoring (Enshi practice) ----------------------------------------------------
def scoring() -> None:
    st.markdown(tr("whatif.scoring.intro"))
    c = st.columns(5)
    for column, key, label, step in (
        (c[0], form.W_SELF, "whatif.scoring.w_self", 5.0),
        (c[1], form.W_TOWN, "whatif.scoring.w_town", 5.0),
        (c[2], form.W_RESIDENTS, "whatif.scoring.w_residents", 5.0),
        (c[3], form.W_EXCELLENT, "whatif.scoring.excellent", 1.0),
        (c[4], form.W_GOOD, "whatif.scoring.good", 1.0),
    ):
        column.number_input(tr(label), step=step, format="%.1f", key=key, persist_state="page")
    st.caption(tr("whatif.scoring.total", total=f"{page.weights_total():.1f}"))
    part = data.view(model.scoring_lever, f, lang, scenario.scoring)
    if page.lever_ready(part.lever):
        graded = part.section
        page.metric_row(graded.tiles)
        st.caption(graded.caption)
        widgets.drill_chart(graded.chart, "whatif_grades_chart")
        st.subheader(tr("whatif.scoring.by_company"))
        page.table(graded.by_company, "whatif_grades_by_company", "whatif_grades_company_dl")
        st.subheader(tr("whatif.scoring.by_community"))
        page.table(graded.by_community, "whatif_grades_by_community", "whatif_grades_community_dl")


# ---- 3. targets ---------------------------------------------------------------------------------
def targets() -> None:
    st.markdown(tr("whatif.targets.intro"))
    st.multiselect(
        tr("whatif.targets.pick"),
        [ind.id for ind in INDICATORS],
        key=form.W_TARGET_IDS,
        persist_state="page",
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
            persist_state="page",
            help=tr("whatif.targets.current", value="—" if current is None else f"{current:g}"),
        )
    part = data.view(model.targets_lever, f, lang, scenario.targets)
    if part.note:
        st.caption(part.note)
    if page.lever_ready(part.lever):
        lit = part.section
        page.metric_row(lit.tiles)
        st.caption(lit.caption)
        widgets.drill_chart(lit.chart, "whatif_lights_chart")
        st.subheader(tr("whatif.targets.changes"))
        if lit.changes is None:
            st.info(tr("whatif.targets.none_moved"))
        else:
            st.dataframe(lit.changes, hide_index=True, key="whatif_light_changes")
            widgets.download_buttons(
                lit.changes_download, "whatif_light_changes", "whatif_lights_dl", lit.ranking.labels
            )
        st.subheader(tr("whatif.targets.ranking"))
        page.table(lit.ranking, "whatif_target_ranking", "whatif_ranking_dl")


# ---- 4. fee collection --------------------------------------------------------------------------
def fee() -> None:
    st.markdown(tr(own_key("whatif.fee.intro", scoped)))
    target = tr(own_key("whatif.fee.target", scoped))
    _number(st.columns([1, 2])[0], target, form.W_FEE, 1.0, "%.1f", "whatif.fee.target.help")
    part = data.view(model.collection_lever, f, lang, scenario.collection_target, own)
    if page.lever_ready(part.lever):
        needed = part.section
        page.metric_row(needed.tiles)
        st.caption(needed.caption)
        widgets.drill_chart(needed.chart, "whatif_fee_chart")
        st.markdown(tr("whatif.fee.methods"))
        page.table(needed.table, "whatif_collection", "whatif_fee_dl")


# ---- 5. saved scenarios: save, reopen, compare, delete ------------------------------------------
def saved() -> None:
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
        # a table that wraps: each scenario's changes are a sentence, cut off in a grid cell
        st.table(plain_cells(saved_table(saved, lang)), hide_index=True, border="horizontal")
        page.saved_picker(list(saved), lang)  # by label: "方案A", "方案A（wang）"

    st.subheader(tr("whatif.cmp.header"))
    st.caption(tr("whatif.cmp.help"))
    first, second, compared = page.compare_choices(saved, scenario, lang)
    if first == second:
        st.info(tr("whatif.cmp.same"))
    else:
        cmp = data.view(model.comparison, f, lang, compared, own)
        side_by_side = cmp.side_by_side
        st.dataframe(
            side_by_side,
            hide_index=True,
            height=35 * (len(side_by_side) + 1) + 3,
            key="whatif_cmp_table",
        )
        widgets.download_buttons(side_by_side, "whatif_compare", "whatif_cmp_dl")
        if cmp.chart is None:
            widgets.empty_state()
        else:
            plots.draw(cmp.chart, key="whatif_cmp_chart")
            st.dataframe(cmp.paid_screen, hide_index=True, key="whatif_cmp_paid")
            widgets.download_buttons(
                cmp.paid, "whatif_compare_companies", "whatif_cmp_paid_dl", cmp.paid_labels
            )


sections.show(
    "whatif_section",
    [
        (tr(f"whatif.tab.{name}"), draw)
        for name, draw in (
            ("fund", fund),
            ("scoring", scoring),
            ("targets", targets),
            ("fee", fee),
            ("saved", saved),
        )
    ],
)
