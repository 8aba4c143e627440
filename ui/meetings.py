"""Streamlit glue of the joint meetings (会议) shared by pages: recording a meeting (checked at
the moment of the write) and its message, and the 上次会议以来 block the overview and the 会议
page draw (its digest, built once per data, filters, language, scope and meeting as the pages'
view models are, is ui/since.py's; presentation mode and the briefing files take it as a
slide). The 会议 page's own widgets are in views/meetings/."""

from __future__ import annotations

import logging
from datetime import date

import streamlit as st

from governance.auth.guard import WriteRefused
from governance.filters import Filters
from governance.meetings import digest, snapshot, store
from governance.meetings.store import MeetingError
from governance.text import plain
from governance.viewmodels import meetings as view
from ui import auth, data, since, state, widgets
from ui import flash as flash_box
from ui.state import tr

log = logging.getLogger("governance")
K_FLASH = "meet_flash"


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
        meeting_id = since.chosen_id(since.visible())
    d = since.since(f, meeting_id)
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
            st.page_link("views/meetings/meetings.py", label=tr("meet.ui.go_record"))
