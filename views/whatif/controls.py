"""The what-if page's Streamlit glue: the scenario in force (from the URL on a session's first
run or when the link changed, written back to the URL), the save / open / delete callbacks,
the saved list, the comparison choices, and the drawing of the view model's pieces
(governance/viewmodels/whatif.py computes them).

Callbacks run before the script, so they may set the widgets' values.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

import streamlit as st

from governance.auth import audit
from governance.scenarios import (
    SavedScenario,
    ScenarioError,
    ScenarioExists,
    ScenarioStore,
)
from governance.text import plain_cells
from governance.viewmodels.whatif import Lever, Shown
from governance.whatif import form
from governance.whatif.display import Tile, tile_rows
from governance.whatif.saved import store
from governance.whatif.scenario import (
    Scenario,
    reload_from_url,
    share_link,
    url_items,
    url_updates,
)
from ui import auth, widgets
from ui.state import tr

K_INIT, K_WRITTEN, K_SCENARIO = "whatif_initialised", "whatif_url_written", "whatif_scenario"
K_URL_PROBLEMS, K_FLASH = "whatif_url_problems", "whatif_flash"
K_SHARE = "whatif_share"
K_PENDING_SAVE, K_PENDING_DELETE = "whatif_pending_overwrite", "whatif_pending_delete"
K_SAVE_NAME, K_PICK, K_CMP_A, K_CMP_B = (
    "whatif_save_name",
    "whatif_pick",
    "whatif_cmp_a",
    "whatif_cmp_b",
)
CURRENT, BASELINE = "__current__", "__baseline__"
log = logging.getLogger("governance")


# ---- the scenario in force ----------------------------------------------------------------------


def use_scenario(scenario: Scenario) -> None:
    """Set every widget to ``scenario`` (a callback, or before the widgets are drawn)."""
    st.session_state.update(form.widget_values(scenario))
    st.session_state[K_SCENARIO] = scenario


def scenario_in_force(base_targets: Mapping[object, float], lang: str) -> Scenario:
    """The scenario the widgets hold, read from the link when the page should (see
    :func:`reload_from_url`), and written back to the URL's ``wf_*`` items."""
    url_now = url_items(st.query_params.to_dict())
    if reload_from_url(
        bool(st.session_state.get(K_INIT)), url_now, st.session_state.get(K_WRITTEN)
    ):
        from_link, problems = Scenario.from_query(url_now, lang)
        use_scenario(from_link)
        st.session_state[K_INIT] = True
        st.session_state[K_URL_PROBLEMS] = problems
    else:  # back from another page: widgets Streamlit forgot take the session's scenario
        for key, value in form.widget_values(st.session_state[K_SCENARIO]).items():
            st.session_state.setdefault(key, value)
    for chosen_id in st.session_state.get(form.W_TARGET_IDS) or []:
        st.session_state.setdefault(
            form.target_widget(chosen_id), form.default_target(chosen_id, base_targets)
        )
    # a radio's words sent back by the browser after a language switch: its code
    form.read_back_choices(st.session_state, st.session_state[K_SCENARIO])
    scenario = form.from_widgets(st.session_state)
    st.session_state[K_SCENARIO] = scenario
    wanted = scenario.to_query()
    to_set, to_delete = url_updates(st.query_params.to_dict(), wanted)
    for key in to_delete:
        del st.query_params[key]
    for key, value in to_set.items():
        st.query_params[key] = value
    st.session_state[K_WRITTEN] = wanted
    return scenario


def url_problems() -> list[str]:
    """What was wrong with the link just read (once: the list is emptied)."""
    return st.session_state.pop(K_URL_PROBLEMS, [])


def link() -> str:
    """The link that reopens the page as it is now (filters and scenario)."""
    items = {key: st.query_params.get_all(key) for key in st.query_params}
    return share_link(st.context.url, items)


def weights_total() -> float:
    """The three weights as typed (%), for the line under them."""
    return sum(st.session_state[k] for k in (form.W_SELF, form.W_TOWN, form.W_RESIDENTS))


# ---- saving, opening, deleting ------------------------------------------------------------------


def flash(kind: str, text: str) -> None:
    """A message for the next run (a callback cannot draw)."""
    st.session_state[K_FLASH] = (kind, text)


def show_flash() -> None:
    """The message a callback left (once)."""
    message = st.session_state.pop(K_FLASH, None)
    if message:
        (st.success if message[0] == "success" else st.error)(message[1])


def scenario_store() -> ScenarioStore:
    """The saved scenarios as this session sees them (every save, open, delete and the list
    go through here): with login on, a user's own and the shared ones; only the owner or an
    admin may overwrite or delete. Without login (the demo) everyone shares one list.

    Names are per user: the picker and the compare lists show, and every call here passes, a
    scenario's label — one's own by its name, anyone else's as "名称（用户）"."""
    return store(user=auth.current_user_name(), admin=auth.role() == "admin")


@auth.writes("scenario_save")
def save_scenario(overwrite: bool = False) -> None:
    name = st.session_state.get(K_PENDING_SAVE) if overwrite else st.session_state.get(K_SAVE_NAME)
    current = form.from_widgets(st.session_state)
    try:
        saved = scenario_store().save(
            name or "",
            current.to_query(),
            overwrite=overwrite,
            shared=bool(st.session_state.get(K_SHARE)),
        )
    except ScenarioExists:
        st.session_state[K_PENDING_SAVE] = (name or "").strip()
        return
    except (ScenarioError, ValueError) as err:
        st.session_state.pop(K_PENDING_SAVE, None)
        flash("error", str(err))
        return
    st.session_state.pop(K_PENDING_SAVE, None)
    record("scenario_save", {"scenario": saved.name})
    flash("success", tr("whatif.saved.done", name=saved.name))


def record(event: str, detail: dict) -> None:
    """A saved or deleted scenario on the audit log (a log that cannot be written is logged;
    the scenario store already holds the change)."""
    try:
        audit.record(auth.current_user_name(), event, detail)
    except Exception:
        log.exception("audit record of %s failed", event)


def cancel_save() -> None:
    st.session_state.pop(K_PENDING_SAVE, None)


def open_saved(lang: str) -> None:
    name = st.session_state.get(K_PICK) or ""
    try:
        item = scenario_store().load(name)
    except (ScenarioError, ValueError) as err:
        flash("error", str(err))
        return
    scenario, problems = Scenario.from_query(item.params, lang)
    use_scenario(scenario)
    flash("success", " ".join([tr("whatif.saved.opened", name=name.strip()), *problems]))


@auth.writes("scenario_delete")
def delete_saved(confirmed: bool) -> None:
    name = st.session_state.pop(K_PENDING_DELETE, None)
    if not confirmed:
        st.session_state[K_PENDING_DELETE] = st.session_state.get(K_PICK)
        return
    try:
        scenario_store().delete(name or "")
    except (ScenarioError, ValueError) as err:
        flash("error", str(err))
        return
    for key in (K_CMP_A, K_CMP_B, K_PICK):
        if st.session_state.get(key) == name:
            del st.session_state[key]
    record("scenario_delete", {"scenario": name})
    flash("success", tr("whatif.saved.deleted", name=name))


def may_change(name: str | None) -> bool:
    """Whether this user may overwrite or delete the saved scenario labelled ``name``."""
    if not name:
        return False
    try:
        store_ = scenario_store()
        return store_.may_change(store_.load(name))
    except (ScenarioError, ValueError):
        return False


def cancel_delete() -> None:
    st.session_state.pop(K_PENDING_DELETE, None)


def saved_list() -> tuple[dict[str, SavedScenario], str | None]:
    """The saved scenarios by label (oldest save first), and the store's problem in words
    when it cannot be read (then the list is empty and saving is off)."""
    try:
        return scenario_store().labelled(), None
    except ScenarioError as err:  # unreadable, or the state database unreachable
        return {}, str(err)


def save_form(disabled: bool) -> None:
    """The name box and the save button; asks before overwriting a name already taken."""
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    left.text_input(
        tr("whatif.saved.name"),
        key=K_SAVE_NAME,
        max_chars=40,
        placeholder=tr("whatif.saved.name.placeholder"),
    )
    right.button(
        tr("common.save"),
        key="whatif_save",
        on_click=save_scenario,
        disabled=disabled,
        icon=":material/save:",
    )
    if auth.enabled():  # with login a scenario is its owner's unless shared
        st.checkbox(tr("whatif.saved.share"), key=K_SHARE, help=tr("whatif.saved.share.help"))
    taken = st.session_state.get(K_PENDING_SAVE)
    if taken:
        confirm(
            tr("whatif.saved.exists", name=taken),
            tr("whatif.saved.overwrite"),
            ("whatif_overwrite", "whatif_overwrite_cancel"),
            save_scenario,
            cancel_save,
            kwargs={"overwrite": True},
        )


def saved_picker(names: list[str], lang: str) -> None:
    """Pick a saved scenario (by label) to open or delete (deleting asks first)."""
    left, open_col, delete_col = st.columns([3, 1, 1], vertical_alignment="bottom")
    left.selectbox(
        tr("whatif.saved.pick"),
        names,
        key=K_PICK,
        help=tr("whatif.saved.pick.help") if auth.enabled() else None,
    )
    open_col.button(
        tr("whatif.saved.open"),
        key="whatif_open",
        on_click=open_saved,
        args=(lang,),
        icon=":material/folder_open:",
    )
    delete_col.button(
        tr("common.delete"),
        key="whatif_delete",
        on_click=delete_saved,
        args=(False,),
        icon=":material/delete:",
        disabled=not may_change(st.session_state.get(K_PICK)),
        help=None if may_change(st.session_state.get(K_PICK)) else tr("whatif.saved.not_yours"),
    )
    doomed = st.session_state.get(K_PENDING_DELETE)
    if doomed:
        confirm(
            tr("whatif.saved.delete_ask", name=doomed),
            tr("common.delete_yes"),
            ("whatif_delete_yes", "whatif_delete_cancel"),
            delete_saved,
            cancel_delete,
            args=(True,),
        )


# ---- comparing ----------------------------------------------------------------------------------


def option_label(option: str) -> str:
    if option == CURRENT:
        return tr("whatif.cmp.current")
    return tr("whatif.cmp.baseline") if option == BASELINE else option


def _chosen(
    option: str, current: Scenario, by_label: Mapping[str, SavedScenario], lang: str
) -> tuple[Scenario, list[str]]:
    if option == CURRENT:
        return current, []
    if option == BASELINE:
        return Scenario(), []
    return Scenario.from_query(by_label[option].params, lang)


def compare_choices(
    saved: Mapping[str, SavedScenario], current: Scenario, lang: str
) -> tuple[str, str, tuple[tuple[str, Scenario], ...]]:
    """The two scenarios to compare (by default the baseline against what is on screen now:
    the question a leader asks first), with what is wrong with a saved one said; the pairs
    (column name, scenario) are the comparison view model's choice. ``saved``: by label
    (:func:`saved_list`), so two scenarios of one name are two columns."""
    by_label = dict(saved)
    options = [CURRENT, BASELINE, *by_label]
    left, right = st.columns(2)
    first = left.selectbox(
        tr("whatif.cmp.a"), options, index=1, key=K_CMP_A, format_func=option_label
    )
    second = right.selectbox(
        tr("whatif.cmp.b"), options, index=0, key=K_CMP_B, format_func=option_label
    )
    compared = []
    for option in (first, second):
        scenario, notes = _chosen(option, current, by_label, lang)
        for note in notes:
            st.warning(f"{option_label(option)}：{note}")
        compared.append((option_label(option), scenario))
    return first, second, tuple(compared)


# ---- drawing helpers ----------------------------------------------------------------------------


def lever_ready(lever: Lever) -> bool:
    """Say what is wrong with a lever's parameters (or that nothing is in view); True when the
    lever was computed and can be shown."""
    for message in lever.problems:
        st.warning(message)
    if lever.problems:
        st.info(tr("whatif.not_computed"))
    elif lever.empty:
        widgets.empty_state()
    return lever.ready


def metric_row(tiles: Sequence[Tile]) -> None:
    """The tiles in rows narrow enough that no value or label is cut at 1280 px
    (display.tile_rows); every row has the first row's columns, so the tiles line up."""
    rows = tile_rows(tiles)
    for row in rows:
        columns = st.columns(len(rows[0]))
        for column, tile in zip(columns, row, strict=False):
            column.metric(
                tile.label,
                tile.value,
                delta=tile.delta,
                delta_color=tile.delta_color,
                delta_arrow=tile.delta_arrow,
                help=tile.help,
                border=True,
            )


# Up to this many rows a computed table is drawn static (st.table): a grid costs the browser
# about 175 ms to mount on each visit, which made the page switch to what-if slow; a longer
# table (400 companies at 100x) scrolls in a grid.
STATIC_ROWS = 12


def table(computed: Shown, file_stem: str, key: str) -> None:
    """A computed table on screen in words, with its numbers for download."""
    if len(computed.screen) <= STATIC_ROWS:
        # st.table reads its cells as Markdown, and company names come from the data
        st.table(plain_cells(computed.screen), hide_index=True, border="horizontal")
    else:
        # keyed, as every chart and table: a rerun updates it in place rather than drawing anew
        st.dataframe(computed.screen, hide_index=True, key=f"{key}_table")
    widgets.download_buttons(computed.download, file_stem, key, computed.labels)


def confirm(question: str, yes: str, keys: tuple[str, str], on_yes, on_no, **yes_args) -> None:
    """A question with a primary yes button (``on_yes`` with ``yes_args``) and a cancel."""
    st.warning(question)
    left, right, _ = st.columns([1, 1, 3])
    left.button(yes, key=keys[0], on_click=on_yes, type="primary", **yes_args)
    right.button(tr("whatif.cancel"), key=keys[1], on_click=on_no)
