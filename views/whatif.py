"""情景推演 What-if: change a lever — the reward fund, the three-party scoring weights, a
target, the town's collection goal — and see the consequence beside the baseline; save,
reopen and compare scenarios. The scenario lives in the URL (wf_* keys): a link reproduces it."""

import streamlit as st

from governance import whatif_scenario as ws
from governance.indicators import INDICATORS
from governance.scenarios import ScenarioError, ScenarioExists, ScenarioStoreCorrupt
from governance.text import plain
from governance.whatif import PERIODS, POLICIES
from ui import data, state, widgets
from ui.state import tr

K_INIT, K_WRITTEN, K_SCENARIO = "whatif_initialised", "whatif_url_written", "whatif_scenario"
K_URL_PROBLEMS, K_FLASH = "whatif_url_problems", "whatif_flash"
K_PENDING_SAVE, K_PENDING_DELETE = "whatif_pending_overwrite", "whatif_pending_delete"
K_SAVE_NAME, K_PICK, K_CMP_A, K_CMP_B = (
    "whatif_save_name",
    "whatif_pick",
    "whatif_cmp_a",
    "whatif_cmp_b",
)
CURRENT, BASELINE = "__current__", "__baseline__"

f = state.current()
lang = f.lang
widgets.page_header(tr("whatif.title"), tr("whatif.subtitle"), key_prefix="whatif")

ids = state.community_ids()
scope = f.community_ids(ids)
params = state.query_params()
names = {c: state.community_name(c) for c in ids}
base_targets = ws.target_map(data.run("targets_all"))


# ---- actions (callbacks run before the script, so they may set the widgets) ---------------------
def use_scenario(scenario: ws.Scenario) -> None:
    st.session_state.update(ws.widget_values(scenario))
    st.session_state[K_SCENARIO] = scenario


def flash(kind: str, text: str) -> None:
    st.session_state[K_FLASH] = (kind, text)


def save_scenario(overwrite: bool = False) -> None:
    name = st.session_state.get(K_PENDING_SAVE) if overwrite else st.session_state.get(K_SAVE_NAME)
    current = ws.from_widgets(st.session_state)
    try:
        saved = ws.store().save(name or "", current.to_query(), overwrite=overwrite)
    except ScenarioExists:
        st.session_state[K_PENDING_SAVE] = (name or "").strip()
        return
    except (ScenarioError, ValueError) as err:
        st.session_state.pop(K_PENDING_SAVE, None)
        flash("error", str(err))
        return
    st.session_state.pop(K_PENDING_SAVE, None)
    flash("success", tr("whatif.saved.done", name=saved.name))


def open_saved() -> None:
    name = st.session_state.get(K_PICK) or ""
    try:
        item = ws.store().load(name)
    except (ScenarioError, ValueError) as err:
        flash("error", str(err))
        return
    scenario, problems = ws.Scenario.from_query(item.params)
    use_scenario(scenario)
    flash("success", " ".join([tr("whatif.saved.opened", name=item.name), *problems]))


def delete_saved(confirmed: bool) -> None:
    name = st.session_state.pop(K_PENDING_DELETE, None)
    if not confirmed:
        st.session_state[K_PENDING_DELETE] = st.session_state.get(K_PICK)
        return
    try:
        ws.store().delete(name or "")
    except (ScenarioError, ValueError) as err:
        flash("error", str(err))
        return
    for key in (K_CMP_A, K_CMP_B, K_PICK):
        if st.session_state.get(key) == name:
            del st.session_state[key]
    flash("success", tr("whatif.saved.deleted", name=name))


def metric_row(tiles: list[ws.Tile]) -> None:
    for column, tile in zip(st.columns(len(tiles)), tiles, strict=True):
        column.metric(
            tile.label,
            tile.value,
            delta=tile.delta,
            delta_color=tile.delta_color,
            delta_arrow=tile.delta_arrow,
            help=tile.help,
            border=True,
        )


def table(df, file_stem: str, key: str) -> None:
    st.dataframe(ws.shown(df, lang), hide_index=True)
    widgets.download_buttons(ws.for_download(df), file_stem, key, ws.labels(lang))


# ---- the scenario in force: from the URL on a session's first run or when the link changed ------
url_now = ws.url_items(st.query_params.to_dict())
if ws.reload_from_url(bool(st.session_state.get(K_INIT)), url_now, st.session_state.get(K_WRITTEN)):
    from_link, problems = ws.Scenario.from_query(url_now)
    use_scenario(from_link)
    st.session_state[K_INIT] = True
    st.session_state[K_URL_PROBLEMS] = problems
else:  # back from another page: widgets Streamlit forgot take the session's scenario
    for key, value in ws.widget_values(st.session_state[K_SCENARIO]).items():
        st.session_state.setdefault(key, value)
for chosen_id in st.session_state.get(ws.W_TARGET_IDS) or []:
    st.session_state.setdefault(
        ws.target_widget(chosen_id), ws.default_target(chosen_id, base_targets)
    )
scenario = ws.from_widgets(st.session_state)
st.session_state[K_SCENARIO] = scenario
wanted = scenario.to_query()
to_set, to_delete = ws.url_updates(st.query_params.to_dict(), wanted)
for key in to_delete:
    del st.query_params[key]
for key, value in to_set.items():
    st.query_params[key] = value
st.session_state[K_WRITTEN] = wanted

for message in st.session_state.pop(K_URL_PROBLEMS, []):
    st.warning(tr("whatif.url.bad") + plain(message, 400))  # it quotes the link

# ---- the link and what this scenario changes ----------------------------------------------------
with st.container(border=True):
    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"**{tr('whatif.link')}**")
        link_items = {key: st.query_params.get_all(key) for key in st.query_params}
        st.code(ws.share_link(st.context.url, link_items), language=None, wrap_lines=True)
        st.caption(tr("whatif.link.help"))
    with right:
        changes = ws.describe(scenario, lang)
        st.markdown(f"**{tr('whatif.changes')}**")
        if changes:
            st.markdown("\n".join(f"- {plain(line, 400)}" for line in changes))
        else:
            st.caption(tr("whatif.baseline_only"))
        st.caption(tr("whatif.baseline.help"))
        st.button(
            tr("whatif.reset"),
            key="whatif_reset",
            on_click=use_scenario,
            args=(ws.Scenario(),),
            disabled=scenario.is_baseline(),
            icon=":material/restart_alt:",
        )

assessments = data.run("whatif_assessments_by_company_community_quarter", params)
companies = ws.company_names(assessments, lang)
values = ws.values_in_view(data.run("indicator_parts_by_community_quarter"), f.period_to, scope)
fee = data.run("whatif_fee_households_by_community", params)
bundle = ws.Data(assessments, values, base_targets, fee, f.period_from, f.period_to)

tab_fund, tab_scoring, tab_targets, tab_fee, tab_saved = st.tabs(
    [
        tr("whatif.tab.fund"),
        tr("whatif.tab.scoring"),
        tr("whatif.tab.targets"),
        tr("whatif.tab.fee"),
        tr("whatif.tab.saved"),
    ]
)

# ---- 1. the reward fund -------------------------------------------------------------------------
with tab_fund:
    st.markdown(tr("whatif.fund.intro"))
    # The inputs take any number: an out-of-range one gets the engine's message in Chinese,
    # naming the lever and its range, instead of the browser silently refusing it.
    c = st.columns([1.1, 1, 1.1, 1, 1.4])
    c[0].number_input(
        tr("whatif.fund.rate"),
        step=0.01,
        format="%.3f",
        key=ws.W_RATE,
        help=tr("whatif.fund.rate.help"),
    )
    c[1].radio(
        tr("whatif.fund.period"),
        PERIODS,
        key=ws.W_PERIOD,
        format_func=lambda p: tr(f"whatif.period.{p}"),
        help=tr("whatif.fund.period.help"),
    )
    c[2].number_input(
        tr("whatif.fund.cap"),
        step=50_000.0,
        format="%.0f",
        key=ws.W_CAP,
        help=tr("whatif.fund.cap.help"),
    )
    c[3].number_input(
        tr("whatif.fund.min"),
        step=1.0,
        format="%.1f",
        key=ws.W_MIN,
        help=tr("whatif.fund.min.help"),
    )
    c[4].radio(
        tr("whatif.fund.policy"),
        POLICIES,
        key=ws.W_POLICY,
        format_func=lambda p: tr(f"whatif.policy.{p}"),
        help=tr("whatif.fund.policy.help"),
    )
    problems = scenario.fund_errors()
    for message in problems:
        st.warning(message)
    fund = (
        None if problems else ws.fund_view(assessments, scenario.fund, f.period_from, f.period_to)
    )
    if problems:
        st.info(tr("whatif.not_computed"))
    elif fund is None:
        widgets.empty_state()
    else:
        metric_row(ws.fund_tiles(fund, lang))
        st.caption(tr("whatif.fund.scope_note"))
        by_company = ws.company_table(fund, lang, companies)
        left, right = st.columns(2)
        left.plotly_chart(
            ws.fund_difference_figure(by_company, lang),
            key="whatif_fund_diff",
            config={"displaylogo": False},
        )
        right.plotly_chart(
            ws.fund_quarter_figure(fund, lang),
            key="whatif_fund_quarters",
            config={"displaylogo": False},
        )
        st.subheader(tr("whatif.fund.by_company"))
        table(by_company, "whatif_fund_by_company", "whatif_fund_company_dl")
        st.subheader(tr("whatif.fund.by_year"))
        st.caption(tr("whatif.fund.by_year.help"))
        table(ws.year_table(fund), "whatif_fund_by_year", "whatif_fund_year_dl")
        with st.expander(tr("whatif.fund.by_company_quarter")):
            table(
                ws.company_quarter_table(fund, companies),
                "whatif_fund_by_company_quarter",
                "whatif_fund_cq_dl",
            )

# ---- 2. three-party scoring (Enshi practice) ----------------------------------------------------
with tab_scoring:
    st.markdown(tr("whatif.scoring.intro"))
    c = st.columns(5)
    for column, key, label in (
        (c[0], ws.W_SELF, "whatif.scoring.w_self"),
        (c[1], ws.W_TOWN, "whatif.scoring.w_town"),
        (c[2], ws.W_RESIDENTS, "whatif.scoring.w_residents"),
    ):
        column.number_input(tr(label), step=5.0, format="%.1f", key=key)
    c[3].number_input(
        tr("whatif.scoring.excellent"),
        step=1.0,
        format="%.1f",
        key=ws.W_EXCELLENT,
    )
    c[4].number_input(
        tr("whatif.scoring.good"),
        step=1.0,
        format="%.1f",
        key=ws.W_GOOD,
    )
    st.caption(
        tr(
            "whatif.scoring.total",
            total=f"{sum(st.session_state[k] for k in (ws.W_SELF, ws.W_TOWN, ws.W_RESIDENTS)):.1f}",
        )
    )
    problems = scenario.scoring_errors()
    rows = ws.scoring_rows(assessments, f.period_to)
    for message in problems:
        st.warning(message)
    if problems:
        st.info(tr("whatif.not_computed"))
    elif rows.empty:
        widgets.empty_state()
    else:
        grades = ws.grade_view(rows, scenario.scoring, companies, names)
        metric_row(ws.grade_tiles(grades, lang))
        st.caption(tr("whatif.scoring.quarter", quarter=ws.quarter_label(f.period_to)))
        widgets.drill_chart(ws.grade_figure(grades.communities, lang), "whatif_grades_chart")
        st.subheader(tr("whatif.scoring.by_company"))
        table(grades.companies, "whatif_grades_by_company", "whatif_grades_company_dl")
        st.subheader(tr("whatif.scoring.by_community"))
        table(grades.communities, "whatif_grades_by_community", "whatif_grades_community_dl")

# ---- 3. targets ---------------------------------------------------------------------------------
with tab_targets:
    st.markdown(tr("whatif.targets.intro"))
    st.multiselect(
        tr("whatif.targets.pick"),
        [ind.id for ind in INDICATORS],
        key=ws.W_TARGET_IDS,
        format_func=lambda i: ws.indicator_label(i, lang),
        placeholder=tr("whatif.targets.pick.placeholder"),
    )
    c = st.columns(3)
    for n, indicator_id in enumerate(st.session_state.get(ws.W_TARGET_IDS) or []):
        lo, hi, step = ws.target_bounds(indicator_id)
        current = base_targets.get(indicator_id)
        c[n % 3].number_input(
            tr("whatif.targets.input", indicator=ws.indicator_label(indicator_id, lang)),
            min_value=lo,
            max_value=hi,
            step=step,
            key=ws.target_widget(indicator_id),
            help=tr("whatif.targets.current", value="—" if current is None else f"{current:g}"),
        )
    kept = ws.own_targets_kept(base_targets, scenario.target_overrides, scope)
    if kept:
        st.caption(
            tr(
                "whatif.targets.kept",
                items="；".join(
                    f"{names.get(cid, cid)} · {ws.indicator_label(i, lang)} {v:g}"
                    for i, cid, v in kept
                ),
            )
        )
    problems = scenario.target_errors()
    for message in problems:
        st.warning(message)
    if problems:
        st.info(tr("whatif.not_computed"))
    elif values.empty:
        widgets.empty_state()
    else:
        lights = ws.light_view(values, base_targets, scenario.target_overrides, names)
        metric_row(ws.light_tiles(lights, lang))
        st.caption(tr("whatif.targets.quarter", quarter=ws.quarter_label(f.period_to)))
        widgets.drill_chart(ws.light_figure(lights.communities, lang), "whatif_lights_chart")
        st.subheader(tr("whatif.targets.changes"))
        moved = ws.light_changes_table(lights, names, lang)
        if moved.empty:
            st.info(tr("whatif.targets.none_moved"))
        else:
            st.dataframe(ws.light_changes_shown(moved, lang), hide_index=True)
            widgets.download_buttons(
                moved, "whatif_light_changes", "whatif_lights_dl", ws.labels(lang)
            )
        st.subheader(tr("whatif.targets.ranking"))
        table(lights.communities, "whatif_target_ranking", "whatif_ranking_dl")

# ---- 4. fee collection --------------------------------------------------------------------------
with tab_fee:
    st.markdown(tr("whatif.fee.intro"))
    st.columns([1, 2])[0].number_input(
        tr("whatif.fee.target"),
        step=1.0,
        format="%.1f",
        key=ws.W_FEE,
        help=tr("whatif.fee.target.help"),
    )
    problems = scenario.collection_errors()
    for message in problems:
        st.warning(message)
    if problems:
        st.info(tr("whatif.not_computed"))
    elif fee.empty:
        widgets.empty_state()
    else:
        collection = ws.collection_table(ws.collection_view(fee, scenario.collection_target), names)
        metric_row(ws.collection_tiles(collection, lang))
        st.caption(tr("whatif.fee.quarter", quarter=ws.quarter_label(f.period_to)))
        widgets.drill_chart(
            ws.collection_figure(collection, scenario.collection_target, lang), "whatif_fee_chart"
        )
        st.markdown(tr("whatif.fee.methods"))
        table(collection, "whatif_collection", "whatif_fee_dl")

# ---- 5. saved scenarios: save, reopen, compare, delete ------------------------------------------
with tab_saved:
    try:
        saved = ws.store().list()
        corrupt = None
    except ScenarioStoreCorrupt as err:
        saved, corrupt = [], str(err)
    if corrupt:
        st.error(corrupt)
    message = st.session_state.pop(K_FLASH, None)
    if message:
        (st.success if message[0] == "success" else st.error)(message[1])

    st.subheader(tr("whatif.saved.save"))
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    left.text_input(
        tr("whatif.saved.name"),
        key=K_SAVE_NAME,
        max_chars=40,
        placeholder=tr("whatif.saved.name.placeholder"),
    )
    right.button(
        tr("whatif.saved.save_button"),
        key="whatif_save",
        on_click=save_scenario,
        disabled=corrupt is not None,
        icon=":material/save:",
    )
    pending = st.session_state.get(K_PENDING_SAVE)
    if pending:
        st.warning(tr("whatif.saved.exists", name=pending))
        yes, no, _ = st.columns([1, 1, 3])
        yes.button(
            tr("whatif.saved.overwrite"),
            key="whatif_overwrite",
            on_click=save_scenario,
            kwargs={"overwrite": True},
            type="primary",
        )
        no.button(
            tr("whatif.cancel"),
            key="whatif_overwrite_cancel",
            on_click=lambda: st.session_state.pop(K_PENDING_SAVE, None),
        )

    st.subheader(tr("whatif.saved.list"))
    if not saved:
        st.info(tr("whatif.saved.none"))
    else:
        st.dataframe(ws.saved_table(saved, lang), hide_index=True)
        saved_names = [item.name for item in saved]
        left, open_col, delete_col = st.columns([3, 1, 1], vertical_alignment="bottom")
        left.selectbox(tr("whatif.saved.pick"), saved_names, key=K_PICK)
        open_col.button(
            tr("whatif.saved.open"),
            key="whatif_open",
            on_click=open_saved,
            icon=":material/folder_open:",
        )
        delete_col.button(
            tr("whatif.saved.delete"),
            key="whatif_delete",
            on_click=delete_saved,
            args=(False,),
            icon=":material/delete:",
        )
        to_delete_name = st.session_state.get(K_PENDING_DELETE)
        if to_delete_name:
            st.warning(tr("whatif.saved.delete_ask", name=to_delete_name))
            yes, no, _ = st.columns([1, 1, 3])
            yes.button(
                tr("whatif.saved.delete_yes"),
                key="whatif_delete_yes",
                on_click=delete_saved,
                args=(True,),
                type="primary",
            )
            no.button(
                tr("whatif.cancel"),
                key="whatif_delete_cancel",
                on_click=lambda: st.session_state.pop(K_PENDING_DELETE, None),
            )

    st.subheader(tr("whatif.cmp.header"))
    st.caption(tr("whatif.cmp.help"))
    by_name = {item.name: item for item in saved}
    options = [CURRENT, BASELINE, *by_name]

    def option_label(option: str) -> str:
        if option == CURRENT:
            return tr("whatif.cmp.current")
        return tr("whatif.cmp.baseline") if option == BASELINE else option

    left, right = st.columns(2)
    # By default the baseline against what is on screen now: the question a leader asks first.
    first = left.selectbox(
        tr("whatif.cmp.a"), options, index=1, key=K_CMP_A, format_func=option_label
    )
    second = right.selectbox(
        tr("whatif.cmp.b"), options, index=0, key=K_CMP_B, format_func=option_label
    )
    compared = []
    for option in (first, second):
        if option == CURRENT:
            chosen, notes = scenario, []
        elif option == BASELINE:
            chosen, notes = ws.Scenario(), []
        else:
            chosen, notes = ws.Scenario.from_query(by_name[option].params)
        for note in notes:
            st.warning(f"{option_label(option)}：{note}")
        compared.append((option_label(option), chosen))
    if first == second:
        st.info(tr("whatif.cmp.same"))
    else:
        outcomes = [(name, s, ws.outcome(s, bundle)) for name, s in compared]
        side_by_side = ws.compare_frame(outcomes, lang)
        st.dataframe(side_by_side, hide_index=True, height=35 * (len(side_by_side) + 1) + 3)
        widgets.download_buttons(side_by_side, "whatif_compare", "whatif_cmp_dl")
        paid = ws.compare_companies(compared, bundle, companies)
        if paid.empty:
            widgets.empty_state()
        else:
            st.plotly_chart(
                ws.compare_figure(paid, lang), key="whatif_cmp_chart", config={"displaylogo": False}
            )
            st.dataframe(ws.compare_companies_shown(paid, lang), hide_index=True)
            widgets.download_buttons(
                paid, "whatif_compare_companies", "whatif_cmp_paid_dl", ws.labels(lang)
            )
