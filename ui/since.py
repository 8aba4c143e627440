"""上次会议以来 as data: the meetings this user sees, the one compared against (the URL's
``since`` or the last before today), the digest since it and the briefing's slide of it. Below
ui/meetings.py (which draws it) and ui/present.py (whose deck opens with it)."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date

import streamlit as st

from governance.filters import Filters
from governance.meetings import digest, store
from governance.meetings.store import MeetingError
from governance.viewmodels import duban as duban_view
from governance.viewmodels import meetings as view
from ui import auth, data
from ui import duban as ui_duban

log = logging.getLogger("governance")
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
