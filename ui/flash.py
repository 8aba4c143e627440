"""A message a write leaves for the run that follows (a callback runs before the page is
drawn): kept under a key of its own, said once — in a box on a page, as a toast on a slide."""

from __future__ import annotations

import streamlit as st


def put(key: str, kind: str, text: str) -> None:
    """Keep ``text`` (``kind``: success or error) to be said once under ``key``."""
    st.session_state[key] = (kind, text)


def say(key: str) -> None:
    """The message kept under ``key``, once, in a box."""
    kept = st.session_state.pop(key, None)
    if kept:
        (st.success if kept[0] == "success" else st.error)(kept[1])


def toast(key: str) -> None:
    """The message kept under ``key``, once, as a toast (a slide has no room for a box)."""
    kept = st.session_state.pop(key, None)
    if kept:
        st.toast(kept[1], icon=":material/check_circle:" if kept[0] == "success" else None)
