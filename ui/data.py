"""Cached access to the data: one read-only connection per set of data files, cached results.

Both caches are keyed by the data files' fingerprint, so replacing any file invalidates them.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from governance import db
from governance.auth.scope import scoped_params
from governance.viewmodels.overview import town_ranks as overview_ranks
from ui import auth

# Memory budget (README, "Bounded resources"): 1.5 GB for the server at 100x demo data,
# whatever the links. Results: at most RESULTS_MAX_SIZE pickled in this cache (the largest
# single result at 100x is ~110 MB), and nothing kept past RESULTS_TTL; DuckDB's own memory
# is capped by db.DUCKDB_MEMORY_LIMIT per connection, and at most two connections (data in
# force and the one just replaced) are open. `make bench` prints the RSS after 200 links.
RESULTS_MAX_SIZE = "384MB"
RESULTS_MAX_ENTRIES = 512
RESULTS_TTL = "15m"


def _close(opened: tuple[duckdb.DuckDBPyConnection, dict[str, db.Unusable]]) -> None:
    opened[0].close()


@st.cache_resource(show_spinner=False, max_entries=2, on_release=_close)
def _opened(
    folder: str, fingerprint: str
) -> tuple[duckdb.DuckDBPyConnection, dict[str, db.Unusable]]:
    # Opened and checked against the contract once per set of data files (seconds at 100x).
    return db.open_checked(Path(folder))


def unusable() -> dict[str, db.Unusable]:
    """The tables not in force (cannot be read or fail the contract), with their reasons."""
    fp = fingerprint()  # asked on every run, before any page
    return _for_this_run(K_RUN_UNUSABLE, fp, lambda: _opened(str(db.data_dir().resolve()), fp)[1])


# A query whose result does not depend on the rows of these tables (a left-joined name).
_NOT_NEEDED = {"communities_list": frozenset({"property_companies"})}
K_USED_UNUSABLE = "data_used_unusable"


# This run's data fingerprint, shell lookups and unusable tables, read at its first query: a
# rerun asks for them dozens of times (every query, the sidebar, the header), each a cache
# lookup that hashes its arguments otherwise.
K_RUN_DATA = "data_run_fingerprint"
K_RUN_SHELL = "data_run_shell"
K_RUN_UNUSABLE = "data_run_unusable"


def _for_this_run(key: str, stamp: object, build: Callable[[], Any]) -> Any:
    """``build()``, kept in the session under ``key`` while ``stamp`` (the data fingerprint,
    and the scope where it matters) stays the same; :func:`begin_run` forgets it."""
    pinned = st.session_state.get(key)
    if pinned is not None and pinned[0] == stamp:
        return pinned[1]
    value = build()
    st.session_state[key] = (stamp, value)
    return value


def begin_run() -> None:
    """A new script run (app.py, first thing): the data in force is read afresh, once."""
    for key in (K_RUN_DATA, K_RUN_SHELL, K_RUN_UNUSABLE):
        st.session_state.pop(key, None)


def reset_used() -> None:
    st.session_state[K_USED_UNUSABLE] = []
    st.session_state[K_ANNOUNCE] = None


K_ANNOUNCE = "data_announce"


def announce_to(announce: Callable[[str], None]) -> None:
    """From now on in this run, each unusable table a query needs is announced at once (the
    page may stop before its end: the message must already be on screen)."""
    st.session_state[K_ANNOUNCE] = announce


@st.cache_data(
    show_spinner=False, max_entries=RESULTS_MAX_ENTRIES, max_size=RESULTS_MAX_SIZE, ttl=RESULTS_TTL
)
def _cached_run(
    _con: duckdb.DuckDBPyConnection,
    name: str,
    _params: dict[str, Any],
    params_key: str,
    fingerprint: str,
) -> pd.DataFrame:
    return db.run(_con, name, _params)


def _params_key(params: dict[str, Any]) -> str:
    # Streamlit's own hashing of a long community list costs milliseconds a query; the
    # parameters are plain values (dates, strings, lists of ids), so their repr is the key.
    return hashlib.sha256(repr(sorted(params.items())).encode()).hexdigest()


# A rerun makes dozens of queries; listing the data folder once a second is enough to see a
# replaced file on the user's next interaction, and spares a stat() of every file per query.
_FINGERPRINT_TTL_S = 1.0


@st.cache_resource(show_spinner=False, max_entries=8)
def _folder_fingerprint(folder: str, second: int) -> str:
    return db.fingerprint(Path(folder))


def fingerprint() -> str:
    """The data files in force: read at a run's first query and kept for its others, so a
    page's numbers come from one data version (kept at most a second, so a long first run,
    a callback between runs or a download built later reads it again); app.py starts every
    run afresh (:func:`begin_run`)."""
    pinned = st.session_state.get(K_RUN_DATA)
    now = time.monotonic()
    if pinned is not None and now - pinned[1] < _FINGERPRINT_TTL_S:
        return pinned[0]
    folder = str(db.data_dir())
    # datastore: once versions exist the fingerprint is the version id (a readlink and a
    # stat), read afresh for every run, so a commit through any replica shows on the next.
    if db.version_dir(Path(folder)) is not None:
        fp = db.fingerprint(Path(folder))
    else:
        fp = _folder_fingerprint(folder, int(now / _FINGERPRINT_TTL_S))
    st.session_state[K_RUN_DATA] = (fp, now)
    return fp


def _query(
    name: str, params: dict[str, Any] | None, scope: tuple[str, ...] | None, cached: bool = True
) -> tuple[pd.DataFrame, set[str]]:
    """``queries/<name>.sql`` under ``scope``, and the unusable tables it needs (when any, the
    result is empty: never a number computed without a table it needs); ``cached=False``
    runs it without keeping the result (a whole record set for a download)."""
    fp = fingerprint()
    con, bad = _opened(str(db.data_dir().resolve()), fp)
    uses = db.query_params(name)
    params = scoped_params(uses, params or {}, scope)
    # Keyed by the parameters the query uses: a query that does not read the period is one
    # cached result whatever the period (db.run passes it only these anyway).
    params = {k: v for k, v in params.items() if k in uses or k in _PAGING}
    if cached:
        result = _cached_run(con, name, params, _params_key(params), fp)
    else:
        result = db.run(con, name, params)
    needed = (db.query_tables(name) - _NOT_NEEDED.get(name, frozenset())) & bad.keys()
    return (result.head(0), needed) if needed else (result, needed)


_PAGING = frozenset({db.ROW_LIMIT, db.ROW_COUNT})


def _announce(needed: set[str]) -> None:
    # The page names each unusable table it needed, once, as soon as it is known (the page
    # may stop before its end: the message must already be on screen).
    used = st.session_state.setdefault(K_USED_UNUSABLE, [])
    announce = st.session_state.get(K_ANNOUNCE)
    for table in sorted(needed - set(used)):
        used.append(table)
        if announce is not None:
            announce(table)


def fetch(name: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
    """Like :func:`run`, but never kept in the results cache: a whole record set for a
    download, built on the click and gone with it."""
    return _query(name, params, auth.scope(), cached=False)[0]


def run(name: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
    """Run ``queries/<name>.sql``; cached until any data file changes.

    The logged-in user's community scope is applied here, to every query: ``$scope`` is set
    from the session (never from the caller) and ``$communities`` is cut to the scope.
    """
    result, needed = _query(name, params, auth.scope())
    if needed:
        _announce(needed)
    return result


def _collecting(scope: tuple[str, ...] | None, needed: set[str]) -> Callable[..., pd.DataFrame]:
    """A ``run(name, params=None)`` of queries under ``scope`` that adds the unusable tables
    each one needed to ``needed``."""

    def query(name: str, params: Any = None) -> pd.DataFrame:
        result, missing = _query(name, params, scope)
        needed.update(missing)
        return result

    return query


# View models (governance/viewmodel.py): one per page, data, filters, language, scope and
# choices, shared by every session that asks for the same (they are read, never changed, by
# the drawing); each holds aggregates and the first rows of its record tables only, so a few
# megabytes at any data scale: 64 of them stay well inside the memory budget above.
VIEWS_MAX_ENTRIES = 64
VIEWS_TTL = "15m"


def _filters_key(f: Any) -> str:
    return hashlib.sha256(repr(f).encode()).hexdigest()


@st.cache_resource(show_spinner=False, max_entries=VIEWS_MAX_ENTRIES, ttl=VIEWS_TTL)
def _view(
    builder: str,
    fingerprint: str,
    filters_key: str,
    lang: str,
    scope: tuple[str, ...] | None,
    choices: tuple[Any, ...],
    _build: Callable[..., Any],
    _filters: Any,
) -> tuple[Any, frozenset[str]]:
    needed: set[str] = set()
    query = _collecting(scope, needed)

    def ranks(quarter: date) -> tuple[pd.DataFrame, pd.DataFrame]:
        # A scoped user's own places among the whole town, for the builders that show them:
        # the town's rows are ranked here and never reach a builder (see town_ranks).
        return _town_ranks(quarter, scope, needed)

    query.town_ranks = ranks  # type: ignore[attr-defined]
    return _build(query, _filters, lang, *choices), frozenset(needed)


def view(build: Callable[..., Any], filters: Any, lang: str, *choices: Any) -> Any:
    """The view model ``build(run, filters, lang, *choices)`` (see governance/viewmodel.py),
    built once per data, filters, language, scope and choices and shared between sessions;
    the unusable tables its queries needed are announced on this page, as :func:`run` does."""
    builder = f"{build.__module__}.{build.__qualname__}"
    model, needed = _view(
        builder, fingerprint(), _filters_key(filters), lang, auth.scope(), choices, build, filters
    )
    if needed:
        _announce(set(needed))
    return model


def town_ranks(quarter: date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """For a scoped user: the community x platform ranking (kpi.ranking) and every indicator's
    ranks (kpi.indicator_ranks), computed over the whole town at ``quarter`` but returned for
    the user's own communities only, each with ``n`` (how many were ranked) — their place, as
    第3名/共7个, and never another community's row. The town-wide rows stay inside."""
    needed: set[str] = set()
    ranks = _town_ranks(quarter, auth.scope(), needed)
    if needed:
        _announce(needed)
    return ranks


def _town_ranks(
    quarter: date, scope: tuple[str, ...] | None, needed: set[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    # the whole town, deliberately: read here to rank, and only the scope's rows leave
    return overview_ranks(_collecting(db.WHOLE_TOWN, needed), quarter, scope)


@dataclass(frozen=True)
class _Lookups:
    quarters: tuple[date, ...]
    communities: pd.DataFrame
    ids: tuple[str, ...]
    names: dict[str, dict[str, str]]  # lang -> id -> name
    companies: dict[str, dict[str, str]]  # lang -> company id -> name, of these communities
    move_in: tuple[int, int] | None  # the earliest and latest move-in year
    as_of: date | None
    town_as_of: date | None  # the whole town's data date (the day that counts for everyone)
    needed: frozenset[str]  # unusable tables these lookups needed


@st.cache_resource(show_spinner=False, max_entries=VIEWS_MAX_ENTRIES, ttl=VIEWS_TTL)
def _lookups(fingerprint: str, scope: tuple[str, ...] | None) -> _Lookups:
    # What the shell (sidebar, header, file names) reads on every rerun, once per data set and
    # scope: a rerun that changes nothing calls no query at all.
    needed: set[str] = set()
    query = _collecting(scope, needed)
    df = query("communities_list")

    def day(frame: pd.DataFrame) -> date | None:
        value = frame["as_of"]
        return None if value.empty or pd.isna(value.iloc[0]) else pd.Timestamp(value.iloc[0]).date()

    as_of = day(query("data_as_of"))
    # The town's date is a date, no community's data: read without the scope, kept here.
    town_as_of = as_of if scope is None else day(_query("data_as_of", None, None)[0])
    companies = df.dropna(subset=["company_id"]).drop_duplicates("company_id")
    years = df["move_in_year"].dropna()
    return _Lookups(
        quarters=tuple(pd.Timestamp(q).date() for q in query("periods_available")["quarter"]),
        communities=df,
        ids=tuple(df["community_id"]),
        names={
            lang: dict(zip(df["community_id"], df[column], strict=True))
            for lang, column in (("zh", "name_zh"), ("en", "name_en"))
        },
        companies={
            lang: dict(zip(companies["company_id"], companies[column], strict=True))
            for lang, column in (("zh", "company_zh"), ("en", "company_en"))
        },
        move_in=(int(years.min()), int(years.max())) if len(years) else None,
        as_of=as_of,
        town_as_of=town_as_of,
        needed=frozenset(needed),
    )


def _shell() -> _Lookups:
    fp, scope = fingerprint(), auth.scope()  # a scoped user's names are not another's
    found = _for_this_run(K_RUN_SHELL, (fp, scope), lambda: _lookups(fp, scope))
    if found.needed:
        _announce(set(found.needed))
    return found


def quarters() -> list[date]:
    return list(_shell().quarters)


def communities() -> pd.DataFrame:
    """Every community the user may see (a copy: the cached frame is shared)."""
    return _shell().communities.copy()


def community_ids() -> list[str]:
    """The ids of every community the user may see, in the list's order."""
    return list(_shell().ids)


def company_names(lang: str) -> dict[str, str]:
    """Property company id -> name in ``lang``, of the communities the user may see."""
    return dict(_shell().companies["en" if lang == "en" else "zh"])


def move_in_years() -> tuple[int, int] | None:
    """The earliest and latest move-in year of the communities the user may see."""
    return _shell().move_in


def community_names(lang: str) -> dict[str, str]:
    """Community id -> name in ``lang``; built once per set of data files and scope."""
    return dict(_shell().names["en" if lang == "en" else "zh"])


def as_of() -> date | None:
    return _shell().as_of


def town_as_of() -> date | None:
    """The whole town's data date, whatever the user's scope: the day 督办's overdue days
    count to for historical data, the same for every user."""
    return _shell().town_as_of


def folder() -> Path:
    """The data folder in force, for work done on a click away from the page's run (the full
    fee download opens its own connection there)."""
    return db.data_dir()
