"""The session's language, read by every ui module (it imports no other ui module, so the
login, the filters and the data layer can all use it without importing one another)."""

from __future__ import annotations

import streamlit as st

from governance.i18n import LANGS, t

K_LANG = "flt_lang"  # the sidebar's language switch (and the login form's)


def lang() -> str:
    """The UI language: the switch's value, or on a session's first run the URL's ``lang``."""
    chosen = st.session_state.get(K_LANG)  # one read: a rerun asks a hundred times
    if chosen is not None:
        return chosen
    wanted = st.query_params.get("lang")
    return wanted if wanted in LANGS else "zh"


def tr(key: str, **values: object) -> str:
    """The catalog string ``key`` in the current language."""
    return t(key, lang(), **values)
