"""四个平台 治理驾驶舱 — the entry point: page set-up, navigation and the global filters."""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from governance.db import MissingDataError
from governance.i18n import t
from ui import auth, data, preload, present, state, widgets

# Assets from the project root, never the working directory (`streamlit run /abs/app.py`).
ROOT = Path(__file__).resolve().parent

data.begin_run()  # this run reads the data in force now, once
lang = state.lang()  # the browser tab's title is in the UI language too
# The tab's icon is a file of the project (sent inline as a data: URL): a ":material/..." page
# icon is fetched by every browser from fonts.gstatic.com on every page load, a request to an
# outside host from the intranet (the in-page ":material/..." icons use the bundled font).
st.set_page_config(
    page_title=t("app.title", lang), page_icon=str(ROOT / "assets" / "favicon.svg"), layout="wide"
)
log = logging.getLogger("governance")
# Before anything else: without a login (when login is on) only the login form is drawn.
user = auth.gate()

# Presentation mode (汇报模式) is the URL's present=1 on any page; its page is never in the menu.
PRESENT = st.Page(
    "views/present/present.py",
    title=t("nav.present", lang),
    icon=":material/slideshow:",
    url_path="present",
    visibility="hidden",
)
PAGES = {
    "": [
        st.Page(
            "views/overview.py",
            title=t("nav.overview", lang),
            icon=":material/dashboard:",
            default=True,
        ),
        PRESENT,
    ],
    t("nav.group.platforms", lang): [
        st.Page("views/party.py", title=t("platform.party", lang), icon=":material/flag:"),
        st.Page(
            "views/longterm.py", title=t("platform.longterm", lang), icon=":material/apartment:"
        ),
        st.Page(
            "views/culture.py", title=t("platform.culture", lang), icon=":material/theater_comedy:"
        ),
        st.Page(
            "views/selfgov.py", title=t("platform.selfgov", lang), icon=":material/how_to_vote:"
        ),
    ],
    t("nav.group.analysis", lang): [
        st.Page("views/profile.py", title=t("nav.profile", lang), icon=":material/person_search:"),
        st.Page("views/whatif/whatif.py", title=t("nav.whatif", lang), icon=":material/calculate:"),
        st.Page(
            "views/meetings/meetings.py", title=t("nav.meetings", lang), icon=":material/groups:"
        ),
        st.Page("views/duban/duban.py", title=t("nav.duban", lang), icon=":material/assignment:"),
    ],
    t("nav.data", lang): [
        st.Page("views/data/data.py", title=t("nav.data", lang), icon=":material/database:"),
    ],
    t("nav.group.admin", lang): [
        st.Page("views/users.py", title=t("nav.users", lang), icon=":material/group:"),
    ],
}

presenting = present.requested()
page = st.navigation(auth.gated_pages(PAGES, user), position="hidden" if presenting else "sidebar")
presenting = present.route(page, PRESENT)  # may switch to the slides or back from them
if not presenting:
    st.logo(str(ROOT / "assets" / ("logo_en.svg" if lang == "en" else "logo.svg")), size="large")
    present.sidebar_button()

data.reset_used()
try:
    # A table every page needs that is unusable (or has no rows) stops here, in words.
    blocker = widgets.data_blocker()
    if blocker:
        st.error(blocker)
        st.stop()
    if auth.no_community_left(user, state.community_ids()):  # e.g. c02 for C02, or removed
        auth.header(user, {})
        st.error(t("auth.scope.empty", lang))
        st.stop()
    state.sidebar(draw=not presenting)
except MissingDataError as err:
    st.error(str(err))
    st.stop()
except Exception:  # bad data the checks did not foresee: words, not a traceback
    log.exception("sidebar failed")
    st.error(t("error.app", state.lang()))
    st.stop()
if state.over_rate_limit():  # a flood of distinct links from one session: no new queries
    st.warning(t("rate.limited", state.lang(), cap=state.MAX_COMBINATIONS_PER_MINUTE))
    st.stop()
if not presenting:
    auth.header(user, state.community_names())

notices = st.container()  # above the page: the tables it needs that are not in force
data.announce_to(lambda table: widgets.data_notice(notices, table))
try:
    page.run()
    if not presenting:  # (a slide is measured to fit the screen; it draws its charts itself)
        preload.chunks()  # last, so it waits behind what the page draws
except MissingDataError as err:
    st.error(str(err))
except Exception:  # the shell's last line of defence: words, not a traceback or its type
    log.exception("page %s failed", page.title)
    st.error(t("error.app", state.lang()))
