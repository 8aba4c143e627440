"""A page's sections below its tiles, as tabs of which only the open one runs.

A platform page drew a dozen Plotly charts and as many tables on every visit; in Chromium on
this machine that was 1.2-2 s of work per page switch (issue 24), most of it Plotly laying
out charts the reader had not scrolled to. Here the sections are tabs with Streamlit's
``on_change="rerun"``: a closed tab's code does not run, so nothing of it is sent or drawn.

The open section is kept by position in the session (``<key>__open``), so it survives a
change of language (the labels change, the section does not) and a visit to another page.
A widget inside a closed section is not drawn, and Streamlit would forget its value: a
section's selectors say ``persist_state="page"`` so the section opens again as it was left.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st


def show(key: str, sections: Sequence[tuple[str, Callable[[], None]]]) -> None:
    """Tabs labelled by ``sections``' labels; only the open one's drawing function runs."""
    labels = [label for label, _ in sections]
    remembered = f"{key}__open"
    if st.session_state.get(key) not in labels:  # a first visit, or the language changed
        at = st.session_state.get(remembered, 0)
        st.session_state[key] = labels[at if isinstance(at, int) and 0 <= at < len(labels) else 0]
    # No ``default=``: Streamlit counts it in the widget's identity, and a default following
    # the open tab would make every click a new widget (the sections remounted, state lost).
    tabs = st.tabs(labels, key=key, on_change="rerun")
    for index, ((_, draw), tab) in enumerate(zip(sections, tabs, strict=True)):
        if tab.open:
            st.session_state[remembered] = index
            with tab:
                draw()
