"""The global filters: sidebar widgets kept in step with the URL query string both ways.

On a session's first run the URL sets the widgets (bad values fall back to defaults with a
message naming the parameter); on every run the widgets write the URL back, so a copied link
reopens the same view and page switches keep the filters.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from datetime import date

import streamlit as st

from governance import filters as flt
from governance import periods
from governance.auth.scope import split_requested
from governance.i18n import LANGS, t
from ui import auth, data
from ui.lang import K_LANG, lang, tr

K_PERIOD, K_COMMUNITIES, K_BASIS = "flt_period", "flt_communities", "flt_basis"
K_INIT, K_ERRORS, K_FILTERS = "flt_initialised", "flt_url_errors", "flt_current"
K_SHADOW = "flt_shadow"
# The period slider's own key is never written by code: a range slider whose value is set
# through session state (rather than ``value=``) comes back from the browser as one value.
# Its value lives in K_PERIOD_VALUE, which the slider is drawn from and writes back to.
K_PERIOD_VALUE = "flt_period_value"
PERSISTED = (K_LANG, K_PERIOD_VALUE, K_COMMUNITIES, K_BASIS)


def current() -> flt.Filters:
    """The filters in force on this run (set by :func:`sidebar` in app.py)."""
    return st.session_state[K_FILTERS]


def community_ids() -> list[str]:
    return data.community_ids()


def community_name(community_id: str) -> str:
    return community_names().get(community_id, community_id)


def community_names() -> dict[str, str]:
    """Community id -> name in the UI language (build a list of names from this, not from
    one :func:`community_name` call per row)."""
    return data.community_names(lang())


def query_params() -> dict[str, object]:
    """The parameters every page query may take: period and the communities in scope."""
    return current().params(community_ids())


def _drop_outside_scope(raw: dict[str, list[str]]) -> tuple[dict[str, list[str]], list[str]]:
    """A scoped user's link naming other communities: those ids dropped, each with a message."""
    own = auth.scope()
    if own is None or "c" not in raw:
        return raw, []
    asked = [c.strip() for value in raw["c"] for c in value.split(",") if c.strip()]
    kept, dropped = split_requested(asked, own)
    return {**raw, "c": kept}, [tr("auth.url_outside_scope", value=c) for c in dropped]


def _init_from_url(quarters: list[date], ids: list[str]) -> None:
    raw = {key: st.query_params.get_all(key) for key in st.query_params}
    raw, outside = _drop_outside_scope(raw)
    parsed, errors = flt.from_query(raw, quarters, ids, data.as_of())
    errors = outside + errors
    st.session_state[K_LANG] = parsed.lang
    st.session_state[K_PERIOD_VALUE] = (
        periods.to_label(parsed.period_from),
        periods.to_label(parsed.period_to),
    )
    st.session_state.pop(K_PERIOD, None)
    st.session_state[K_COMMUNITIES] = list(parsed.communities)
    st.session_state[K_BASIS] = parsed.basis
    st.session_state[K_ERRORS] = errors
    st.session_state[K_INIT] = True


def select_community(community_id: str | None) -> None:
    """Drill down to one community (None: back to the whole town). Use as a callback."""
    st.session_state[K_COMMUNITIES] = [] if community_id is None else [community_id]


def _select_by_attributes() -> None:
    matched = flt.match_attributes(
        data.communities(),
        st.session_state.get("flt_attr_company") or [],
        st.session_state.get("flt_attr_years"),
        st.session_state.get("flt_attr_size") or [],
    )
    st.session_state["flt_attr_empty"] = not matched
    if matched:
        st.session_state[K_COMMUNITIES] = matched


def _is_range(value: object) -> bool:
    return isinstance(value, tuple | list) and len(value) == 2


def _keep_across_pages() -> None:
    """Keep the filters through a page switch: Streamlit can drop a widget's state when the
    page changes, and a plain copy taken at the end of every run restores it."""
    shadow = st.session_state.get(K_SHADOW, {})
    for key in PERSISTED:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
        elif key in shadow:
            st.session_state[key] = shadow[key]


def sidebar(draw: bool = True) -> flt.Filters:
    """Draw the language switch and the global filters; return the filters in force.

    ``draw=False`` (presentation mode) draws no widget: the filters come from the session and
    the URL as they are, and stay in the URL.
    """
    quarters = data.quarters()
    ids = data.community_ids()
    if not st.session_state.get(K_INIT) or _url_moved():
        _init_from_url(quarters, ids)
    _keep_across_pages()
    # Values that no longer exist (data replaced) fall back to defaults instead of failing.
    labels = [periods.to_label(q) for q in quarters]
    moved = st.session_state.get(K_PERIOD)
    if _is_range(moved) and set(moved) <= set(labels):
        st.session_state[K_PERIOD_VALUE] = tuple(moved)  # the user moved the slider
    elif K_PERIOD in st.session_state:
        del st.session_state[K_PERIOD]  # lost or stale: redraw it from the period in force
    chosen = st.session_state.get(K_PERIOD_VALUE)
    if not (_is_range(chosen) and set(chosen) <= set(labels)):
        default = flt.default_filters(quarters, data.as_of())
        st.session_state[K_PERIOD_VALUE] = (
            periods.to_label(default.period_from),
            periods.to_label(default.period_to),
        )
        st.session_state.pop(K_PERIOD, None)
    st.session_state[K_COMMUNITIES] = [c for c in st.session_state[K_COMMUNITIES] if c in ids]
    if not draw:
        return _publish(ids)

    with st.sidebar:
        st.radio(
            t("app.lang", lang()),
            LANGS,
            key=K_LANG,
            format_func=lambda code: "中文" if code == "zh" else "English",
            horizontal=True,
        )
        st.header(tr("filter.header"))
        st.select_slider(
            tr("filter.period"),
            options=labels,
            value=tuple(st.session_state[K_PERIOD_VALUE]),
            key=K_PERIOD,
        )
        names = data.community_names(lang())
        st.multiselect(
            tr("filter.communities"),
            ids,
            key=K_COMMUNITIES,
            format_func=lambda cid: names.get(cid, cid),
            placeholder=tr("auth.scope.all_mine" if auth.is_scoped() else "filter.communities.all"),
            select_all=False,  # its "Select all" is English only; empty means all
        )
        with st.expander(tr("filter.by_attr")):
            company_names = data.company_names(lang())
            st.multiselect(
                tr("cat.property_company"),
                sorted(company_names),
                key="flt_attr_company",
                format_func=lambda c: company_names.get(c, c),
                placeholder=tr("widget.any"),
                select_all=False,  # its "Select all" is English only; empty means all
            )
            years = data.move_in_years()
            if years and years[0] < years[1]:
                st.slider(tr("filter.move_in"), *years, years, key="flt_attr_years")
            st.multiselect(
                tr("filter.size"),
                list(flt.SIZE_BANDS),
                key="flt_attr_size",
                format_func=lambda band: tr(f"filter.size.{band}"),
                placeholder=tr("widget.any"),
                select_all=False,  # its "Select all" is English only; empty means all
            )
            st.button(
                tr("filter.apply_attr"),
                key="flt_attr_apply",
                on_click=_select_by_attributes,
            )
            if st.session_state.pop("flt_attr_empty", False):  # said once, on that click
                st.warning(tr("filter.attr_none"))
        st.segmented_control(
            tr("filter.basis"),
            flt.BASES,
            key=K_BASIS,
            # Short names, so the three fit one row of the sidebar in English too.
            format_func=lambda b: tr(flt.BASIS_SHORT_KEYS[b]),
            help=tr("basis.short.help"),
            required=True,
        )
        if st.session_state[K_COMMUNITIES]:
            reset = "filter.reset.scoped" if auth.is_scoped() else "filter.reset"
            st.button(tr(reset), key="flt_reset", on_click=select_community, args=(None,))
    return _publish(ids)


def _publish(ids: list[str]) -> flt.Filters:
    """The filters in force from the session; kept for page switches and written to the URL."""
    start, end = (periods.from_label(label) for label in st.session_state[K_PERIOD_VALUE])
    current_filters = flt.Filters(
        period_from=min(start, end),
        period_to=max(start, end),
        communities=tuple(c for c in ids if c in st.session_state[K_COMMUNITIES]),
        basis=st.session_state.get(K_BASIS) or flt.DEFAULT_BASIS,
        lang=lang(),
    )
    st.session_state[K_FILTERS] = current_filters
    st.session_state[K_SHADOW] = {
        k: st.session_state[k] for k in PERSISTED if k in st.session_state
    }
    # Only the global keys are written: a page's own parameters (e.g. a scenario) stay.
    wanted = flt.to_query(current_filters)
    for key in flt.URL_KEYS:
        value = wanted.get(key)
        have = st.query_params.get_all(key)
        if value is None:
            if have:
                del st.query_params[key]
        elif have != (value if isinstance(value, list) else [value]):
            st.query_params[key] = value
    st.session_state[K_URL_WRITTEN] = _global_url()
    return current_filters


K_URL_WRITTEN = "flt_url_written"


def _global_url() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in flt.URL_KEYS}


def _url_moved() -> bool:
    """Whether the browser changed the filters' URL since this session last wrote it — the
    Back or Forward button (Streamlit pushes each new query string onto the history), or an
    edited address. Then the URL's filters win, so Back undoes the last drill-down. A URL
    without any filter key is a page switch, which keeps the session's filters."""
    written = st.session_state.get(K_URL_WRITTEN)
    now = _global_url()
    if written is None or not any(now.values()):
        return False
    return now != written


# A session may open at most this many distinct filter combinations a minute: each one costs
# a round of queries and cache entries, and no reader changes the view this often.
MAX_COMBINATIONS_PER_MINUTE = 60
K_COMBINATIONS = "flt_combinations"


def over_rate_limit(now: float | None = None) -> bool:
    """True when the filters in force are a new combination beyond this session's allowance
    for the last minute (combinations already seen in that minute are always allowed)."""
    f = current()
    key = (f.period_from, f.period_to, f.communities, f.basis)
    now = time.monotonic() if now is None else now
    recent = [(at, k) for at, k in st.session_state.get(K_COMBINATIONS, []) if now - at < 60]
    if any(k == key for _, k in recent):
        st.session_state[K_COMBINATIONS] = recent
        return False
    if len(recent) >= MAX_COMBINATIONS_PER_MINUTE:
        st.session_state[K_COMBINATIONS] = recent
        return True
    st.session_state[K_COMBINATIONS] = [*recent, (now, key)]
    return False


def url_errors() -> list[str]:
    """Messages about bad URL parameters from this session's first run (shown once)."""
    return st.session_state.pop(K_ERRORS, [])


K_PAGE_URL = "flt_page_url_written"


def url_to_session(pairs: Mapping[str, str]) -> None:
    """A page's own drill state from the URL (``pairs``: widget key -> URL key, values are
    ids): taken on a link's first run and whenever the browser changed those parameters
    since the page last wrote them (Back or Forward), so a link opens the same drill and Back
    undoes a step. Call before the page normalises and draws the widgets."""
    written = st.session_state.get(K_PAGE_URL, {})
    now = {url: st.query_params.get(url) for url in pairs.values()}
    mine = {url: written.get(url) for url in pairs.values()}
    if now == mine:
        return
    for widget, url in pairs.items():
        value = now[url]
        if value is None:
            st.session_state.pop(widget, None)
        else:
            st.session_state[widget] = value


def session_to_url(pairs: Mapping[str, str], default: str) -> None:
    """Write a page's drill state to the URL (a value equal to ``default`` is left out)."""
    written = dict(st.session_state.get(K_PAGE_URL, {}))
    for widget, url in pairs.items():
        value = st.session_state.get(widget)
        value = None if value in (None, default) else str(value)
        if value is None:
            if url in st.query_params:
                del st.query_params[url]
        elif st.query_params.get(url) != value:
            st.query_params[url] = value
        written[url] = value
    st.session_state[K_PAGE_URL] = written
