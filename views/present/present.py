"""汇报模式 Presentation mode: the briefing's slides, one per screen, for the projector.

No sidebar, no menu, no filter widgets: the filters in force are written on every slide.
Previous / next with the buttons or the arrow keys (a clicker's PageUp / PageDown too), Esc
to leave; the slide number is in the URL (``slide=3``) and ``auto=N`` turns every N seconds.
"""

import streamlit as st

from ui import present, state
from ui.state import tr
from views.present import slides

slides.inject_css()
for message in state.url_errors():  # bad filter parameters: said, defaults used
    st.toast(slides.md_text(tr("url.bad") + message), duration="long")

deck = present.deck(state.current())
if not deck.slides:
    st.title(tr("nav.present"), anchor=False)
    st.info(tr("present.empty"))
    st.button(tr("present.exit"), key="present_exit_empty", on_click=present.exit_clicked)
    st.stop()

slides.show(deck, slides.auto_seconds())
