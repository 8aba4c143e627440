"""事件标注 on the pages: the events on every trend chart (drawn by ui/plots.py through
:func:`chart_events` and :func:`draw_list`), the add / change / delete panel beside a page's
trends (:func:`panel`), and the sheet on the 数据管理 page (:func:`sheet_tab`).

Every write checks who asks at the moment of the write (``auth.authorize_write`` with the
communities it touches; None for a town-wide event) and the store checks the scope again.
Event text is always shown as plain text (governance/text.py ``plain``)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date
from typing import Any

import streamlit as st

from governance import event_sheet, events, periods
from governance.auth import guard, roles
from governance.i18n import t
from governance.indicators import REGISTRY
from governance.text import plain
from ui import auth, data, deferred, state
from ui.state import tr

log = logging.getLogger("governance")
K_FLASH = "event_flash"
K_SHEET = "event_sheet_reading"
EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)


# ---- reading ---------------------------------------------------------------------------------
def seen() -> list[events.Event]:
    """The events this session sees (town-wide ones and its communities'); none, said in the
    log, when the state store cannot be read now."""
    try:
        return events.visible(auth.scope())
    except auth.STORE_ERRORS:
        log.exception("events unavailable")
        return []


def may_write() -> bool:
    """Editors and admins once login is on; everyone in the demo (as the data page)."""
    if not auth.enabled():
        return True
    role = auth.role()
    return role is not None and roles.at_least(role, "editor")


def _chart_communities(tags: dict[str, Any]) -> list[str] | None:
    """The communities a chart is about: its own (the profile's one), else the filters in
    force, else the user's scope (None: the whole town)."""
    if tags.get("communities"):
        return list(tags["communities"])
    chosen = state.current().communities
    if chosen:
        return list(chosen)
    own = auth.scope()
    return list(own) if own is not None else None


def chart_events(tags: dict[str, Any]) -> list[events.Event]:
    """The events that belong on a trend chart with these tags (charts.trend_tags)."""
    communities = _chart_communities(tags)
    return [
        e
        for e in seen()
        if events.matches(e, tags.get("indicators") or (), tags.get("platform"), communities)
    ]


def draw_list(shown: Sequence[events.Event], where: Any) -> None:
    """The numbered list under a chart, as text."""
    if not shown:
        return
    lang = state.lang()
    names = state.community_names()
    lines = [plain(events.line(e, n, lang, names), None) for n, e in enumerate(shown, 1)]
    where.caption("  \n".join(lines))


# ---- writes (callbacks: they run before the page is drawn again) --------------------------------
def _flash(prefix: str, kind: str, message: str) -> None:
    st.session_state[K_FLASH] = (prefix, kind, message)


def _say(prefix: str) -> None:
    kept = st.session_state.get(K_FLASH)
    if kept and kept[0] == prefix:
        del st.session_state[K_FLASH]
        (st.success if kept[1] == "success" else st.error)(kept[2])


def _refused(prefix: str, refusal: guard.WriteRefused) -> None:
    if refusal.logged_out:
        auth.refuse_later(refusal)
    else:
        _flash(prefix, "error", auth.refusal_text(refusal))


def _draft(key: str) -> events.Draft:
    get = st.session_state.get
    return events.Draft(
        start=get(f"{key}_start"),
        end=get(f"{key}_end"),
        communities=tuple(get(f"{key}_communities") or ()),
        platform=get(f"{key}_platform"),
        indicator=get(f"{key}_indicator"),
        category=get(f"{key}_category") or "other",
        text=events.clean_text(get(f"{key}_text")),
    )


def _touching(*drafts: events.Draft | events.Event) -> list[str] | None:
    """The communities a write touches, for the guard (None: the whole town)."""
    ids: set[str] = set()
    for d in drafts:
        if not d.communities:
            return None
        ids |= set(d.communities)
    return sorted(ids)


def _problems(draft: events.Draft) -> str | None:
    problems = events.check(events.normalised(draft), data.community_ids())
    if not problems:
        return None
    return "；".join(plain(p.text(state.lang()), None) for p in problems)


def add_submitted(prefix: str) -> None:
    """The add form's button: check the event, who asks (now), then store it."""
    key = f"{prefix}_event_add"
    draft = _draft(key)
    said = _problems(draft)
    if said:
        _flash(prefix, "error", said)
        return
    try:
        auth.authorize_write("event_add", "editor", _touching(draft))
    except guard.WriteRefused as refusal:
        _refused(prefix, refusal)
        return
    try:
        new = events.add_event(draft, auth.current_user_name(), data.community_ids(), auth.scope())
    except events.EventError as err:
        _flash(prefix, "error", plain(err.text(state.lang()), None))
        return
    except auth.STORE_ERRORS:
        log.exception("event add failed")
        _flash(prefix, "error", tr("event.error.store"))
        return
    st.session_state.pop(f"{key}_text", None)
    _flash(prefix, "success", tr("event.add.done", n=new.id))


def change_submitted(prefix: str, event_id: int) -> None:
    """An edit form's button: the event's old and new communities must both be the user's."""
    draft = _draft(f"{prefix}_event_edit_{event_id}")
    said = _problems(draft)
    if said:
        _flash(prefix, "error", said)
        return
    old = events.get(event_id)
    if old is None:
        _flash(prefix, "error", tr("event.error.missing"))
        return
    try:
        auth.authorize_write("event_change", "editor", _touching(old, draft))
    except guard.WriteRefused as refusal:
        _refused(prefix, refusal)
        return
    try:
        events.change_event(
            event_id, draft, auth.current_user_name(), data.community_ids(), auth.scope()
        )
    except events.EventError as err:
        _flash(prefix, "error", plain(err.text(state.lang()), None))
        return
    except auth.STORE_ERRORS:
        log.exception("event change failed")
        _flash(prefix, "error", tr("event.error.store"))
        return
    _flash(prefix, "success", tr("event.edit.done", n=event_id))


def delete_clicked(prefix: str, event_id: int) -> None:
    """The delete button (enabled once the confirmation is ticked)."""
    old = events.get(event_id)
    if old is None:
        _flash(prefix, "error", tr("event.error.missing"))
        return
    try:
        auth.authorize_write("event_delete", "editor", _touching(old))
    except guard.WriteRefused as refusal:
        _refused(prefix, refusal)
        return
    try:
        events.delete_event(event_id, auth.current_user_name(), auth.scope())
    except events.EventError as err:
        _flash(prefix, "error", plain(err.text(state.lang()), None))
        return
    except auth.STORE_ERRORS:
        log.exception("event delete failed")
        _flash(prefix, "error", tr("event.error.store"))
        return
    st.session_state.pop(f"{prefix}_event_choice", None)
    _flash(prefix, "success", tr("event.delete.done", n=event_id))


# ---- the panel beside a page's trends ------------------------------------------------------------
def _fields(key: str, initial: events.Draft, platform_choices: Sequence[str | None]) -> None:
    """The widgets of an add or edit form (inside the form), starting from ``initial``."""
    lang = state.lang()
    names = state.community_names()
    ids = data.community_ids()
    left, right = st.columns(2)
    for column, field in ((left, "start"), (right, "end")):
        column.date_input(
            tr(f"event.field.{field}"),
            value=getattr(initial, field),
            min_value=EARLIEST,
            max_value=LATEST,
            key=f"{key}_{field}",
        )
    left.selectbox(
        tr("common.category"),
        events.CATEGORIES,
        index=events.CATEGORIES.index(initial.category),
        format_func=lambda c: events.category_text(c, lang),
        key=f"{key}_category",
    )
    right.multiselect(
        tr("event.field.communities.own" if auth.is_scoped() else "event.field.communities"),
        ids,
        default=[c for c in initial.communities if c in ids],
        format_func=lambda c: names.get(c, c),
        placeholder=tr("auth.scope.town"),
        select_all=False,  # its "Select all" is English only; empty means the whole town
        key=f"{key}_communities",
    )
    platforms = list(platform_choices)
    left.selectbox(
        tr("col.platform"),
        platforms,
        index=platforms.index(initial.platform) if initial.platform in platforms else 0,
        format_func=lambda p: _platform_name(p, lang),
        key=f"{key}_platform",
    )
    indicators: list[str | None] = [None, *REGISTRY]
    right.selectbox(
        tr("col.indicator"),
        indicators,
        index=indicators.index(initial.indicator) if initial.indicator in indicators else 0,
        format_func=lambda i: tr("event.indicator.none") if i is None else REGISTRY[i].label(lang),
        key=f"{key}_indicator",
    )
    st.text_input(
        tr("event.field.text"), value=initial.text, max_chars=events.MAX_TEXT, key=f"{key}_text"
    )


def _platform_name(platform: str | None, lang: str) -> str:
    if platform is None:
        return t("event.platform.none", lang)
    return t(f"platform.{platform}", lang)  # outcomes too: platform.outcomes


def _on_page(e: events.Event, platform: str | None) -> bool:
    f = state.current()
    own = e.on_platform
    return (
        (platform is None or own in (None, platform))
        and e.start <= periods.shift(f.period_to, 1)
        and e.last >= f.period_from
        and (not f.communities or e.town_wide or bool(set(e.communities) & set(f.communities)))
    )


def panel(prefix: str, platform: str | None, indicator: str | None = None) -> None:
    """The events of this page (the filters' period and communities) with change and delete,
    and the form to add one: for editors and admins (everyone when login is off)."""
    lang = state.lang()
    names = state.community_names()
    shown = [e for e in seen() if _on_page(e, platform)]
    writer = may_write()
    _say(prefix)
    with st.expander(tr("event.list.title", n=len(shown))):
        if not shown:
            st.caption(tr("event.list.none"))
        for n, e in enumerate(shown, 1):
            st.caption(plain(events.line(e, n, lang, names), None))
        writable = [e for e in shown if events.may_write(e.communities, auth.scope())]
        if writer and writable:
            by_id = {e.id: e for e in writable}
            chosen = st.selectbox(
                tr("event.edit.choose"),
                [None, *by_id],
                format_func=lambda i: "—" if i is None else plain(f"{i}: {by_id[i].text}", 60),
                key=f"{prefix}_event_choice",
            )
            if chosen is not None:
                e = by_id[chosen]
                key = f"{prefix}_event_edit_{chosen}"
                with st.form(key):
                    _fields(key, e.draft(), [None, *events.event_platforms()])
                    st.form_submit_button(
                        tr("event.edit.submit"),
                        on_click=change_submitted,
                        args=(prefix, chosen),
                    )
                ok = st.checkbox(
                    tr("event.delete.confirm", n=chosen), key=f"{prefix}_event_del_ok_{chosen}"
                )
                st.button(
                    tr("common.delete"),
                    key=f"{prefix}_event_del_{chosen}",
                    disabled=not ok,
                    on_click=delete_clicked,
                    args=(prefix, chosen),
                    icon=":material/delete:",
                )
    if not writer:
        return
    f = state.current()
    own = auth.scope()
    start = data.as_of() or date.today()
    start = min(max(start, f.period_from), periods.shift(f.period_to, 1))
    initial = events.Draft(
        start=start,
        communities=tuple(f.communities) or (tuple(own) if own is not None else ()),
        platform=platform,
        indicator=indicator,
    )
    with st.expander(tr("event.add.title")):
        st.caption(tr("event.add.help"))
        key = f"{prefix}_event_add"
        with st.form(key):
            _fields(key, initial, [None, *events.event_platforms()])
            st.form_submit_button(
                tr("event.add.submit"), on_click=add_submitted, args=(prefix,), type="primary"
            )


# ---- the sheet on the data page ----------------------------------------------------------------
def import_clicked() -> None:
    """Add every row of the read sheet: who asks is checked once for all their communities."""
    reading = st.session_state.get(K_SHEET)
    if reading is None or not reading.drafts:
        return
    drafts = [d for _, d in reading.drafts]
    try:
        auth.authorize_write("event_add", "editor", _touching(*drafts))
    except guard.WriteRefused as refusal:
        _refused("data", refusal)
        return
    who, known, scope = auth.current_user_name(), data.community_ids(), auth.scope()
    added = 0
    try:
        for draft in drafts:
            events.add_event(draft, who, known, scope)
            added += 1
    except events.EventError as err:
        _flash("data", "error", plain(err.text(state.lang()), None))
        return
    except auth.STORE_ERRORS:
        log.exception("event import failed")
        _flash("data", "error", tr("event.error.store"))
        return
    finally:
        st.session_state.pop(K_SHEET, None)
    _flash("data", "success", tr("event.sheet.done", n=added))


def sheet_tab(lang: str) -> None:
    """Template, upload (checked row by row), import and export of the events in force."""
    st.subheader(tr("event.sheet.header"))
    st.caption(tr("event.sheet.help"))
    shown = seen()
    names = state.community_names()
    row = st.container(horizontal=True)
    deferred.download_button(
        row,
        tr("event.sheet.template"),
        lambda: event_sheet.template_xlsx(lang),
        file_name="events_template.xlsx",
        mime=deferred.XLSX_MIME,
        key="data_event_tpl",
        icon=":material/download:",
    )
    deferred.download_button(
        row,
        tr("event.sheet.export", n=len(shown)),
        lambda: event_sheet.export_xlsx(shown, lang, names),
        file_name="events.xlsx",
        mime=deferred.XLSX_MIME,
        key="data_event_export",
        icon=":material/download:",
    )
    uploaded = st.file_uploader(
        tr("event.sheet.upload"), type=["xlsx", "csv"], key="data_event_upload"
    )
    _say("data")
    if uploaded is None:
        st.session_state.pop(K_SHEET, None)
        return
    reading = event_sheet.read(uploaded.getvalue(), uploaded.name, data.community_ids(), lang)
    st.session_state[K_SHEET] = reading
    if reading.error:
        st.error(plain(reading.error, None))
        return
    if reading.problems:
        st.error(tr("event.sheet.problems", n=len(reading.problems)))
        st.text("\n".join(p.text(lang) for p in reading.problems[:200]))
        return
    st.success(tr("event.sheet.ready", n=len(reading.drafts)))
    st.button(
        tr("event.sheet.import", n=len(reading.drafts)),
        key="data_event_import",
        on_click=import_clicked,
        type="primary",
        icon=":material/upload:",
    )
