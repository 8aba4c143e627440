"""会议 Meetings: record a joint meeting with what it saw, open any earlier one, and see what
changed since (上次会议以来, the same block the overview opens with); notes and deletion for
editors and admins. Its widgets in views/meetings/controls.py, the shared ones in
ui/meetings.py and ui/since.py, the logic in governance/meetings/."""

import streamlit as st

from ui import events, meetings, since, state, widgets
from ui.state import tr
from views.meetings import controls

f = state.current()
widgets.page_header(tr("nav.meetings"), tr("meet.page.subtitle"), key_prefix="meet")
meetings.say()
if meetings.may_record():
    controls.record_form(f)
events.panel("meet", None)  # the events between meetings: a typhoon, a change of definition

listed = since.visible()
if not listed:
    st.info(tr("meet.page.none"))
    st.stop()

chosen = controls.pick(listed, f.lang)
meetings.digest_block(f, "meet", chosen.id)
controls.show_meeting(chosen, state.community_names(), f.lang)
if meetings.may_record():
    controls.notes_form(chosen)
    controls.delete_control(chosen)
