"""Cached access to the data: one read-only connection per set of data files, cached results.

Both caches are keyed by the data files' fingerprint, so replacing any file invalidates them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from governance import db


@st.cache_resource(show_spinner=False, max_entries=4)
def _connection(folder: str, fingerprint: str) -> duckdb.DuckDBPyConnection:
    from pathlib import Path

    return db.connect(Path(folder))


@st.cache_data(show_spinner=False, max_entries=1024)
def _cached_run(
    _con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any], fingerprint: str
) -> pd.DataFrame:
    return db.run(_con, name, params)


def fingerprint() -> str:
    return db.fingerprint(db.data_dir())


def run(name: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
    """Run ``queries/<name>.sql``; cached until any data file changes."""
    folder = db.data_dir()
    fp = db.fingerprint(folder)
    con = _connection(str(folder.resolve()), fp)
    return _cached_run(con, name, params or {}, fp)


def quarters() -> list[date]:
    return [pd.Timestamp(q).date() for q in run("periods_available")["quarter"]]


def communities() -> pd.DataFrame:
    return run("communities_list")


def as_of() -> date | None:
    value = run("data_as_of")["as_of"].iloc[0]
    return None if pd.isna(value) else pd.Timestamp(value).date()
