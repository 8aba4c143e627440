"""会议 Meetings: record a joint meeting with what it saw, open any earlier one, and see what
changed since (上次会议以来, the same block the overview opens with); notes and deletion for
editors and admins. Logic in ui/meetings.py and governance/meetings/."""

import streamlit as st

from ui import events, meetings, state, widgets
from ui.state import tr

f = state.current()
widgets.page_header(tr("nav.meetings"), tr("meet.page.subtitle"), key_prefix="meet")
meetings.say()
if meetings.may_record():
    meetings.record_form(f)
events.panel("meet", None)  # the events between meetings: a typhoon, a change of definition

listed = meetings.visible()
if not listed:
    st.info(tr("meet.page.none"))
    st.stop()

chosen = meetings.pick(listed, f.lang)
meetings.digest_block(f, "meet", chosen.id)
meetings.show_meeting(chosen, state.community_names(), f.lang)
if meetings.may_record():
    meetings.notes_form(chosen)
    meetings.delete_control(chosen)
