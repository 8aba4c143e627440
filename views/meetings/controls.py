"""The 会议 page's own widgets: the form that records a meeting, the meeting picked, what it
saw, its notes and its deletion (views/meetings/meetings.py draws them; the shared parts are
ui/meetings.py and ui/since.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import streamlit as st

from governance import periods
from governance.auth import audit
from governance.auth.guard import WriteRefused
from governance.filters import Filters
from governance.meetings import store
from governance.meetings.store import MeetingError
from governance.text import plain
from governance.viewmodels import meetings as view
from ui import auth, present, state, widgets
from ui.events import EARLIEST, LATEST
from ui.meetings import flash, record
from ui.since import PARAM_SINCE, chosen_id
from ui.state import tr

K_PICK, K_DELETE = "meet_pick", "meet_delete_pending"


def record_form(f: Filters) -> None:
    """Record a meeting (today's, or a past one's date) for the filters in force."""
    with st.expander(tr("meet.page.record"), icon=":material/event_available:"):
        st.caption(tr("meet.page.record.help"))
        with st.form("meet_record", clear_on_submit=True):
            # the events' bounds, not Streamlit's default of ten years back: a 2011 meeting
            # typed there was put back to today and recorded so
            day = st.date_input(
                tr("col.meeting_date"),
                value=date.today(),
                min_value=EARLIEST,
                max_value=LATEST,
                key="meet_date",
            )
            title = st.text_input(tr("meet.page.title_field"), max_chars=60, key="meet_title")
            notes = st.text_area(tr("meet.page.notes"), max_chars=2000, key="meet_notes")
            if st.form_submit_button(tr("meet.page.submit"), type="primary"):
                if record(f, day, title.strip(), notes) is not None:
                    st.query_params.pop(PARAM_SINCE, None)  # the new one is the latest
                st.rerun()


def option_text(m: store.Meeting, lang: str) -> str:
    return tr(
        "meet.page.option", id=m.id, date=store.date_text(m.date, lang), title=m.title_text(lang)
    )


def _picked() -> None:
    st.query_params[PARAM_SINCE] = str(st.session_state[K_PICK])


def pick(meetings: list[store.Meeting], lang: str) -> store.Meeting:
    """The meeting compared against (``?since=`` in the URL, the latest by default)."""
    by_id = {m.id: m for m in meetings}
    current = chosen_id(meetings) or meetings[0].id  # on this page any meeting, today's too
    if st.session_state.get(K_PICK) not in by_id:
        st.session_state[K_PICK] = current
    st.selectbox(
        tr("meet.page.pick"),
        list(by_id),
        key=K_PICK,
        format_func=lambda i: option_text(by_id[i], lang),
        on_change=_picked,
    )
    return by_id[st.session_state[K_PICK]]


def show_meeting(m: store.Meeting, names: dict[str, str], lang: str) -> None:
    """Who recorded it and for what, its notes (as text), and what it saw."""
    f = m.filters
    period = f"{periods.to_label(f.period_from)}–{periods.to_label(f.period_to)}"
    covered = m.snapshot.get("chosen") or []
    sep = ", " if lang == "en" else "、"
    scope = sep.join(names.get(c, c) for c in covered) or tr("auth.scope.town")
    st.caption(
        tr(
            "meet.page.by",
            who=plain(audit.user_text(m.recorded_by, lang)),
            when=str(m.recorded_at)[:16],
            period=period,
            scope=plain(scope),
        )
    )
    if m.notes:
        st.text(m.notes)
    st.markdown(f"**{tr('meet.page.saw')}**")
    saw = view.snapshot_frame(m, lang)
    widgets.show_table(saw, "meet_snapshot_table")
    widgets.download_buttons(
        saw, "meeting_snapshot", "meet_snapshot_dl", period=(f.period_to,) * 2, communities=covered
    )
    # Its briefing again: the same filters, from the data in force (said: it may differ from
    # what was projected when the data was corrected since).
    st.caption(tr("meet.page.briefing", quarter=periods.to_label(f.period_to)))
    # (its own key: the page header's 汇报材料 for the filters in force is meet_briefing)
    present.briefing_downloads("meet_past_briefing", filters=replace(f, lang=lang))


def notes_form(m: store.Meeting) -> None:
    with st.form("meet_notes_form"):
        notes = st.text_area(
            tr("meet.page.notes"), value=m.notes or "", max_chars=2000, key=f"meet_notes_{m.id}"
        )
        if st.form_submit_button(tr("meet.page.notes_save")):
            try:
                user = auth.authorize_write("meeting_update", "editor", _covered(m))
                store.update_notes(user.name if user else None, auth.scope(), m.id, notes)
            except WriteRefused as refusal:
                flash("error", auth.refusal_text(refusal))
            except MeetingError as err:
                flash("error", err.text(state.lang()))
            else:
                flash("success", tr("meet.page.notes_saved"))
            st.rerun()


def _covered(m: store.Meeting) -> list[str] | None:
    """The communities a meeting is about, for the write check (None: the whole town's)."""
    return (
        None
        if m.scope is None and not m.snapshot.get("chosen")
        else list(m.snapshot.get("communities") or [])
    )


def ask_delete(meeting_id: int) -> None:
    st.session_state[K_DELETE] = meeting_id


def cancel_delete() -> None:
    st.session_state.pop(K_DELETE, None)


def delete(meeting_id: int) -> None:
    """Button callback: delete a meeting once confirmed; checked now."""
    st.session_state.pop(K_DELETE, None)
    m = store.get(meeting_id, auth.scope())
    if m is None:
        return
    try:
        user = auth.authorize_write("meeting_delete", "editor", _covered(m))
        store.delete(user.name if user else None, auth.scope(), meeting_id)
    except WriteRefused as refusal:
        flash("error", auth.refusal_text(refusal))
        return
    except MeetingError as err:
        flash("error", err.text(state.lang()))
        return
    st.query_params.pop(PARAM_SINCE, None)
    st.session_state.pop(K_PICK, None)
    flash("success", tr("meet.page.deleted", id=meeting_id))


def delete_control(m: store.Meeting) -> None:
    if st.session_state.get(K_DELETE) != m.id:
        st.button(tr("meet.page.delete"), key="meet_delete", on_click=ask_delete, args=(m.id,))
        return
    st.warning(tr("meet.page.delete.confirm", id=m.id))
    left, right = st.columns(2)
    left.button(
        tr("common.delete_yes"),
        key="meet_delete_yes",
        on_click=delete,
        args=(m.id,),
        type="primary",
    )
    right.button(tr("whatif.cancel"), key="meet_delete_no", on_click=cancel_delete)
