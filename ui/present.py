"""Presentation mode (汇报模式) as the shell and every page see it: its URL state, the way in and
out, and the briefing's deck and files (汇报材料: HTML, PowerPoint, Word), built from the slides
the projector shows. The slides' own drawing is the present page's (views/present/).

The mode is the URL: ``present=1`` turns it on, ``slide=N`` (1-based) is the slide on screen
and ``auto=N`` advances every N seconds (a lobby screen). The global filters keep their own
URL keys (ui/state.py), so a copied link opens the same slide for the same filters.
"""

from __future__ import annotations

import streamlit as st

from governance import filters as flt
from governance.briefing import html as briefing_html
from governance.briefing.content import build_deck, file_stem, period_label, scope_label
from governance.briefing.model import Deck, Slide
from governance.events import Event
from ui import auth, data, deferred, state
from ui import duban as ui_duban
from ui import events as ui_events
from ui import since as ui_since
from ui.state import tr

PARAM_PRESENT, PARAM_SLIDE, PARAM_AUTO = "present", "slide", "auto"
PARAMS = (PARAM_PRESENT, PARAM_SLIDE, PARAM_AUTO)
K_ORIGIN = "present_origin"  # the url path of the page presentation mode was opened on
K_LEAVING = "present_leaving"  # set by the exit button: the page to go back to


# ---- URL state ------------------------------------------------------------------------------
def requested() -> bool:
    """Is presentation mode asked for (``present=1`` in the URL)?"""
    return st.query_params.get(PARAM_PRESENT) == "1"


def enter(keep_slide: bool = False) -> None:
    """Turn presentation mode on at slide 1 (a button callback), or at the URL's slide."""
    st.query_params[PARAM_PRESENT] = "1"
    if not (keep_slide and PARAM_SLIDE in st.query_params):
        st.query_params[PARAM_SLIDE] = "1"


def leave() -> None:
    """Turn presentation mode off: the page under it comes back with the same filters."""
    for key in PARAMS:
        if key in st.query_params:
            del st.query_params[key]


def sidebar_button() -> None:
    """The one button that puts the current view on the projector."""
    st.sidebar.button(
        tr("nav.present"),
        key="present_enter",
        on_click=enter,
        icon=":material/slideshow:",
        type="primary",
        width="stretch",  # no tooltip: it would stay on the first slide until the mouse moves
    )


# ---- the deck and its files -------------------------------------------------------------------
@st.cache_data(show_spinner=False, max_entries=16, ttl=600)
def _deck(
    filters: flt.Filters,
    lang: str,
    fingerprint: str,
    scope: tuple[str, ...] | None,
    events: tuple[Event, ...] = (),
    since: Slide | None = None,
    duban: tuple = (),
) -> Deck:
    # ``scope`` is in the key: a scoped user's deck (their numbers, their captions) is never
    # another user's; data.run applies the same scope to every query.

    def town_ranks(quarter):  # their communities' ranks among the whole town
        return data.town_ranks(quarter)[1]

    def town_ranking(quarter):  # their communities' places in the town's ranking
        return data.town_ranks(quarter)[0]

    return build_deck(
        data.run,
        filters,
        lang,
        own=scope,
        town_ranks=town_ranks if scope is not None else None,
        town_ranking=town_ranking if scope is not None else None,
        events=events,
        since=since,
        duban=duban,
    )


def _inputs(filters: flt.Filters) -> tuple:
    """Everything the deck of ``filters`` depends on, as ``_deck``'s arguments: the events this
    user sees (footnotes: a new event shows on the next run), 上次会议以来 right after the
    title, and the 督办 slide's items (a change shows)."""
    return (
        filters,
        filters.lang,
        data.fingerprint(),
        auth.scope(),
        tuple(ui_events.seen()),
        ui_since.since_slide(filters),
        tuple(ui_duban.rows(filters.lang)),
    )


def deck(filters: flt.Filters, inputs: tuple | None = None) -> Deck:
    """The briefing's slides for ``filters`` (the same deck the HTML and PPTX files hold);
    ``inputs``: its :func:`_inputs`, when the caller has them."""
    return _deck(*(inputs or _inputs(filters)))


# A file is kept beside its deck, under the same key: the same briefing asked for again (several
# leaders before a meeting, or the same filters on another page) is not drawn again.
@st.cache_data(show_spinner=False, max_entries=12, ttl=600)
def _file(kind: str, *deck_inputs) -> bytes:
    slides = deck(deck_inputs[0], deck_inputs)
    if kind == "html":
        return briefing_html.render(slides).encode("utf-8")
    # python-docx and python-pptx take ~0.3 s to import: on the first such download, not on
    # every process's first page (tests/test_meta.py lists these two imports).
    if kind == "docx":
        from governance.briefing import docx as briefing_docx

        return briefing_docx.render(slides)
    from governance.briefing import pptx as briefing_pptx

    return briefing_pptx.render(slides)


def briefing_file(filters: flt.Filters, kind: str) -> bytes:
    """The briefing file (``html``, ``pptx`` or ``docx``) for ``filters``, built when asked for."""
    return _file(kind, *_inputs(filters))


def briefing_name(filters: flt.Filters, kind: str) -> str:
    """The file's name (scope and period in it), without building the slides: a page draws
    the download button on every run and builds the file only on a click."""
    names = data.community_names(filters.lang)
    label = Deck(
        title="",
        period_text="",
        scope_text="",
        as_of=None,
        lang=filters.lang,
        slides=(),
        period_label=period_label(filters),
        scope_label=scope_label(filters, names, filters.lang, auth.scope()),
    )
    return f"{file_stem(label)}.{kind}"


def switch_to(present_page: st.Page, origin: st.Page) -> None:
    """Open the presentation page with the URL's parameters, remembering the page it was
    asked for on, to go back to it."""
    st.session_state[K_ORIGIN] = origin.url_path
    query = {key: st.query_params.get_all(key) for key in st.query_params}
    st.switch_page(present_page, query_params=query)


def exit_clicked() -> None:
    """Leave presentation mode (a callback: it holds even when the run it starts is switched
    to another page); the next run goes back to the page it was opened from."""
    leave()
    st.session_state[K_LEAVING] = st.session_state.pop(K_ORIGIN, "")


def route(routed: st.Page, present_page: st.Page) -> bool:
    """Whether this run shows the slides, switching pages as the mode asks: ``present=1`` on
    a page opens the slides (remembering that page); /present opened as a link is the same
    mode; leaving goes back to the page it was opened from (the overview for a link), with
    the filters of the URL."""
    leaving = st.session_state.pop(K_LEAVING, None)
    if leaving is not None and routed is present_page:
        target = auth.page_files().get(leaving, "views/overview.py")  # "": opened as a link
        query = {key: st.query_params.get_all(key) for key in st.query_params}
        st.switch_page(target, query_params=query)
    presenting = requested()
    if routed is present_page and not presenting:
        enter(keep_slide=True)
        presenting = True
    if presenting and routed is not present_page:
        switch_to(present_page, routed)
    return presenting


# The briefing's files as a reader downloads them: kind (its catalog label briefing.<kind>),
# media type and icon.
BRIEFING_FILES = (
    ("html", "text/html", ":material/html:"),
    (
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ":material/slideshow:",
    ),
    (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ":material/description:",
    ),
)


def briefing_downloads(key: str, compact: bool = False, filters: flt.Filters | None = None) -> None:
    """汇报材料: the slides of the filters in force (or ``filters``: a past meeting's) as an
    offline HTML file, an editable PowerPoint and a Word 通报; the files are built only when a
    button is clicked (``compact``: icon only)."""
    f = filters or state.current()
    with st.popover(
        "" if compact else tr("briefing.download"),
        icon=":material/download:",
        help=tr("briefing.download.help"),
    ):
        for kind, mime, icon in BRIEFING_FILES:
            deferred.download_button(
                st,
                tr(f"briefing.{kind}"),
                lambda kind=kind: briefing_file(f, kind),
                file_name=briefing_name(f, kind),
                mime=mime,
                key=f"{key}_{kind}",
                icon=icon,
            )
