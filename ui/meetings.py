"""Streamlit glue of the joint meetings (会议): the digest since the last meeting for the
filters in force (built once per data, filters, language, scope and meeting, as the page's
view models are), recording a meeting (checked at the moment of the write), and the
上次会议以来 block the overview and the 会议 page draw. Presentation mode and the briefing
files take the same digest as a slide (governance/viewmodels/meetings.slide)."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date

import streamlit as st

from governance import periods
from governance.auth.guard import WriteRefused
from governance.filters import Filters
from governance.meetings import digest, snapshot, store
from governance.meetings.store import MeetingError
from governance.text import plain
from governance.viewmodels import duban as duban_view
from governance.viewmodels import meetings as view
from ui import auth, data, state, widgets
from ui import duban as ui_duban
from ui import flash as flash_box
from ui.state import tr

log = logging.getLogger("governance")
K_FLASH = "meet_flash"
PARAM_SINCE = "since"  # ?since=<meeting id>: compare against that meeting, not the last


def visible() -> list[store.Meeting]:
    """The meetings this user may see, latest first (none when the store cannot be read)."""
    try:
        return store.list_for(auth.scope())
    except Exception:
        log.exception("meetings unreadable")
        return []


def chosen_id(meetings: list[store.Meeting], today: date | None = None) -> int | None:
    """The meeting to compare against: the URL's ``since`` when it names one this user sees,
    else the latest held before today. Today's meeting is the one in progress: recorded at
    its end, it must not turn its own 上次会议以来 into "nothing has changed" nor add a slide
    under the presenter (the next meeting opens with it)."""
    wanted = st.query_params.get(PARAM_SINCE)
    ids = {m.id for m in meetings}
    if wanted and wanted.isascii() and wanted.isdigit() and int(wanted) in ids:
        return int(wanted)
    today = today or date.today()
    return next((m.id for m in meetings if m.date < today), None)


def since(f: Filters, meeting_id: int | None) -> digest.Digest | None:
    """The digest since ``meeting_id`` for ``f`` (None: it cannot be made, said in the log)."""
    try:
        found = store.get(meeting_id, auth.scope()) if meeting_id is not None else None
        stamp = found.recorded_at if found else None
        d = data.view(view.build, f, f.lang, auth.scope(), meeting_id, stamp)
        d = view.with_definition_changes(d, auth.scope(), f.lang, date.today())
        return with_follow_ups(d, f.lang)
    except MeetingError as err:
        st.warning(err.text(f.lang))
    except Exception:
        log.exception("digest since meeting %s failed", meeting_id)
    return None


def with_follow_ups(d: digest.Digest, lang: str) -> digest.Digest:
    """The digest with what the meeting assigned and where it stands (上次会议交办 5 项：已办结
    2 项……), when it assigned anything this user sees."""
    if d.meeting is None:
        return d
    sentence = duban_view.meeting_sentence(ui_duban.rows(lang), d.meeting.id, lang)
    return replace(d, sentences=(*d.sentences, sentence)) if sentence else d


def since_slide(f: Filters):
    """The briefing's 上次会议以来 slide for ``f`` (None without an earlier meeting)."""
    meetings = visible()
    if not meetings:
        return None
    d = since(f, chosen_id(meetings))
    return view.slide(d, f.lang) if d is not None else None


def record(f: Filters, day: date, title: str = "", notes: str = "") -> store.Meeting | None:
    """Record a meeting of ``day`` with the snapshot of ``f`` (a callback or a form):
    editors and admins, checked now; said through :func:`say` on the next run."""
    scope = auth.scope()
    try:
        ids = data.community_ids()
        covered = f.community_ids(ids)
        user = auth.authorize_write("meeting_record", "editor", covered)
        snap = snapshot.take(data.run, f, scope)
        meeting = store.record(
            user.name if user else None, scope, day, title or None, f, notes, snap
        )
    except WriteRefused as refusal:
        flash("error", auth.refusal_text(refusal))
        return None
    except MeetingError as err:
        flash("error", err.text(f.lang))
        return None
    except Exception:
        log.exception("recording a meeting failed")
        flash("error", tr("meet.ui.failed"))
        return None
    flash("success", tr("meet.ui.recorded", id=meeting.id, date=store.date_text(day, f.lang)))
    return meeting


@auth.writes("meeting_record", "editor")
def record_now() -> None:
    """Button callback (presentation mode): today's meeting, the filters on the projector
    (checked by the decorator, then with the communities it covers by :func:`record`)."""
    record(state.current(), date.today())


def toast() -> None:
    flash_box.toast(K_FLASH)


def flash(kind: str, text: str) -> None:
    flash_box.put(K_FLASH, kind, text)


def say() -> None:
    """The message a write left, once."""
    flash_box.say(K_FLASH)


def may_record() -> bool:
    """Whether to offer recording: editors and admins, everyone in the demo (the write is
    checked again when it happens)."""
    role = auth.role()
    return not auth.enabled() or role in ("editor", "admin")


def digest_block(f: Filters, key: str, meeting_id: int | None = None) -> None:
    """上次会议以来, in words first: the heading, the sentences, the table in an expander.
    ``meeting_id``: the meeting to compare against (default: :func:`chosen_id`)."""
    if meeting_id is None:
        meeting_id = chosen_id(visible())
    d = since(f, meeting_id)
    if d is None:
        return
    with st.container(border=True, key=f"{key}_since"):
        st.markdown(f"**{plain(view.heading(d, f.lang))}**")  # a title typed by a user
        for sentence in d.sentences:
            st.text(sentence)
        if d.rows:
            with st.expander(tr("meet.ui.details")):
                widgets.show_table(view.table_frame(d, f.lang), f"{key}_since_table")
        if d.state == digest.NONE and may_record():
            st.page_link("views/meetings.py", label=tr("meet.ui.go_record"))


# ---- the 会议 page --------------------------------------------------------------------------
K_PICK, K_DELETE = "meet_pick", "meet_delete_pending"


def record_form(f: Filters) -> None:
    """Record a meeting (today's, or a past one's date) for the filters in force."""
    with st.expander(tr("meet.page.record"), icon=":material/event_available:"):
        st.caption(tr("meet.page.record.help"))
        with st.form("meet_record", clear_on_submit=True):
            day = st.date_input(tr("col.meeting_date"), value=date.today(), key="meet_date")
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
            who=plain(m.recorded_by or "-"),
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
    from ui import present

    present.briefing_downloads("meet_briefing", filters=replace(f, lang=lang))


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
