"""四个平台 治理驾驶舱 — the entry point: page set-up, navigation and the global filters."""

from __future__ import annotations

import logging

import streamlit as st

from governance.db import MissingDataError
from governance.i18n import t
from ui import state

st.set_page_config(
    page_title="四个平台 治理驾驶舱", page_icon=":material/account_balance:", layout="wide"
)
log = logging.getLogger("governance")
lang = state.lang()

PAGES = {
    "": [
        st.Page(
            "views/overview.py",
            title=t("nav.overview", lang),
            icon=":material/dashboard:",
            default=True,
        ),
    ],
    t("nav.group.platforms", lang): [
        st.Page("views/party.py", title=t("nav.party", lang), icon=":material/flag:"),
        st.Page("views/longterm.py", title=t("nav.longterm", lang), icon=":material/apartment:"),
        st.Page("views/culture.py", title=t("nav.culture", lang), icon=":material/theater_comedy:"),
        st.Page("views/selfgov.py", title=t("nav.selfgov", lang), icon=":material/how_to_vote:"),
    ],
    t("nav.group.analysis", lang): [
        st.Page("views/profile.py", title=t("nav.profile", lang), icon=":material/person_search:"),
        st.Page("views/whatif.py", title=t("nav.whatif", lang), icon=":material/calculate:"),
    ],
    t("nav.group.data", lang): [
        st.Page("views/data.py", title=t("nav.data", lang), icon=":material/database:"),
    ],
}

page = st.navigation(PAGES)
st.logo("assets/logo.svg", size="large")

try:
    state.sidebar()
except MissingDataError as err:
    st.error(str(err))
    st.stop()

try:
    page.run()
except MissingDataError as err:
    st.error(str(err))
except Exception as err:  # the shell's last line of defence: words, not a traceback
    log.exception("page %s failed", page.title)
    st.error(t("error.page", state.lang(), reason=type(err).__name__))
