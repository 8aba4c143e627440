"""View models: what a page shows, computed once from the data and the filters, then drawn.

A page's view model (its KPI tiles, figures, tables and sentences) is built by a pure function
``build(run, filters, lang, *choices)`` in ``governance/views/``: ``run(name, params)`` is the
query layer, so the same data, filters, language and choices give an equal model (compared
by content in the tests: tests/fixtures/same.py), and the app
caches one model per such key for every session (``ui/data.view``). A rerun that changes
nothing then does no query, no pandas and no Plotly work: it only draws.

The pieces here are what the drawing needs already prepared: a :class:`Table` is a frame with
its headers, units and number formats in the page's language (``export.for_screen`` done once);
:class:`Records` are the first rows of a record query on screen, with what a download needs to
fetch the whole set when (and only when) it is clicked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import pyarrow as pa

from governance import export
from governance.db import ROW_COUNT, ROW_LIMIT

# The query layer a view model is built from: (query name, parameters) -> rows.
Run = Callable[[str, Mapping[str, Any] | None], pd.DataFrame]

# A table on screen is for reading; past this many rows the downloads carry the rest.
MAX_SHOWN_ROWS = 2_000


@dataclass(frozen=True, eq=False)
class Table:
    """A frame ready for ``st.dataframe``: ``shown`` under headers with their units, the
    printf ``formats`` of its numeric columns by header, ``headers`` raw column -> header,
    and ``rows`` (the frame's length, for the table's height)."""

    shown: pd.DataFrame
    formats: dict[str, str]
    headers: dict[str, str]
    rows: int
    # ``shown`` as the Arrow table st.dataframe sends (pyarrow's from_pandas, as Streamlit
    # does): converted here once rather than on every rerun; None when it does not convert.
    arrow: pa.Table | None = None


def table(
    df: pd.DataFrame,
    lang: str,
    labels: Mapping[str, str] | None = None,
    source: str | None = None,
    units: Mapping[str, str] | None = None,
) -> Table:
    """``df`` formatted for the screen in ``lang`` (see ``export.for_screen``; ``source`` is
    the contract table whose labels win, ``units`` the unit of a column no one else knows)."""
    shown, formats = export.for_screen(df, lang, labels, source, units)
    headers = dict(zip(df.columns, shown.columns, strict=True))
    try:
        arrow = pa.Table.from_pandas(shown)
    except (pa.ArrowException, ValueError, TypeError, OverflowError):
        arrow = None  # st.dataframe fixes the column types itself, on every draw
    return Table(shown=shown, formats=formats, headers=headers, rows=len(df), arrow=arrow)


@dataclass(frozen=True, eq=False)
class Records:
    """The rows behind a number: the first :data:`MAX_SHOWN_ROWS` on screen (``head``) out of
    ``total``; a download takes ``rows`` (a small derived table, kept) or else runs ``query``
    with ``params`` again, and applies ``prepare``."""

    query: str | None
    params: dict[str, Any]
    head: Table | None  # None: no rows
    total: int
    labels: dict[str, str] = field(default_factory=dict)
    units: dict[str, str] | None = None
    prepare: Callable[[pd.DataFrame], pd.DataFrame] | None = None
    rows: pd.DataFrame | None = None

    def whole(self, run: Run) -> pd.DataFrame:
        """Every row, for a download (before ``prepare``)."""
        return self.rows if self.rows is not None else run(self.query, self.params)


def records(
    run: Run | None,
    query: str | None,
    params: Mapping[str, Any] | None,
    lang: str,
    labels: Mapping[str, str] | None = None,
    prepare: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
    units: Mapping[str, str] | None = None,
    rows: pd.DataFrame | None = None,
) -> Records:
    """The records of ``query`` for the screen: only the rows shown are fetched (and how many
    there are); ``prepare`` (names in ``lang``, rounding) runs on them now, and on the whole
    set only when a download asks for it.

    ``rows``: a table the page derived itself (completed categories, say): small, so it is
    kept for its download; a query's own rows are fetched again on a download instead, so a
    view model holds at most :data:`MAX_SHOWN_ROWS` rows of any record set."""
    params = dict(params or {})
    if rows is None:  # a page of the query: never the whole record set in memory
        head = run(query, {**params, ROW_LIMIT: MAX_SHOWN_ROWS})
        counted = run(query, {**params, ROW_COUNT: True})["row_count"]
        total = int(counted.iloc[0]) if len(counted) and len(head) else 0
    else:
        head, total = rows.head(MAX_SHOWN_ROWS), len(rows)
    if prepare is not None:
        head = prepare(head)
    return Records(
        query=query,
        params=params,
        head=table(head, lang, labels, units=units) if total else None,
        total=total,
        labels=dict(labels or {}),
        units=dict(units) if units else None,
        prepare=prepare,
        rows=rows,
    )


def community_ids(run: Run) -> list[str]:
    """Every community id the user may see, in the data's order."""
    return run("communities_list", None)["community_id"].tolist()


def community_names(run: Run, lang: str) -> dict[str, str]:
    """Community id -> name in ``lang``."""
    df = run("communities_list", None)
    column = "name_en" if lang == "en" else "name_zh"
    return dict(zip(df["community_id"], df[column], strict=True))
