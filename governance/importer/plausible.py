"""Whether imported numbers are plausible, as the contract declares it (no per-table code).

Two checks, on the rows of the file only (the data kept is what they are compared with):

* ``Column.not_above``: a value above the named column of the same row (paid above billed)
  is an error; the row is refused like any other error. Equal passes.
* ``Column.plausible``: a value 10 times the *usual* or more is a warning the clerk must
  accept — a 100x decimal slip (14705 typed for 147.05) counted as paid in full. The usual
  is the median of the other rows of the same key — the table's key without its period:
  one household's other quarters, one team's, one company's in one community — over the
  file and the data kept; a key with fewer than three other rows (a new household, a table
  of one row per activity) falls back to the median of the same community's other rows (three
  or more: of two, one slip would make the median and flag the right value). Zeros and empty
  cells carry no scale and are left out (a quarter not paid is not a payment of 0 times
  the usual). A money column (unit 元) is also checked the other way: a value a tenth of
  the usual or less is the same slip made the other way (1.47 typed for 147.05 counts a
  household that paid in full as not), and costs nothing more to find.

Vectorised: one sort per column and key, so a million-row file takes seconds.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from governance.contract import TABLES_BY_NAME, Column, Table
from governance.importer.parsed import ROW, SHEET
from governance.importer.problems import (
    ERROR,
    MAX_PER_COLUMN,
    WARNING,
    Problem,
    more,
    problem,
)

RATIO = 10.0  # a value this many times the usual (or, for money, this many times below)
# money is typed to the cent: 1470.50 against 147.05 is exactly 10x although 147.05 * 10 is
# not exactly 1470.5 in binary; this tolerance is far below a cent on any amount
TOLERANCE = 1e-9
COMMUNITY = "community_id"
# a usual is the median of this many other rows or more: of two, one slip would be half the
# median and flag the right value (a household's with fewer: its community's is taken)
MIN_OTHERS = 3


def is_money(c: Column) -> bool:
    return c.unit == "元"


def is_period(c: Column) -> bool:
    """A column that says when (a quarter, a date, a year), not who."""
    return c.type == "DATE" or c.unit == "年"


def usual_key(t: Table) -> tuple[str, ...]:
    """The columns whose rows share a usual: the key without its period (a household's
    quarters); () when the key has no period (each row is its own key)."""
    key = tuple(k for k in t.key if not is_period(t.column(k)))
    return () if key == t.key else key


# ---- numbers as the report shows them --------------------------------------------------------


def amount(x: float, money: bool) -> str:
    """14,705.00 for money, 1,234 for a count (a count's median may be a half: 2.5)."""
    if money:
        return f"{x:,.2f}"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.1f}"


def times(ratio: float) -> str:
    """How many times: 100, 10, 12.5 (never 10.0 for exactly ten)."""
    r = round(ratio, 1)
    return f"{r:,.0f}" if float(r).is_integer() else f"{r:,.1f}"


# ---- the usual: the median of the other rows of a group ------------------------------------


def _codes(frame: pd.DataFrame, columns: tuple[str, ...]) -> np.ndarray:
    """One integer per group of ``columns`` (-1: a key part is empty)."""
    if len(columns) == 1:
        codes, _ = pd.factorize(frame[columns[0]].astype("object"), use_na_sentinel=True)
        return np.asarray(codes, dtype=np.int64)
    g = frame.groupby(list(columns), sort=False, dropna=True).ngroup()
    return g.fillna(-1).to_numpy(dtype=np.int64)


def others_median(codes: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For every row, the median of the positive values of the *other* rows of its group,
    and how many there are (NaN and 0 where there are none).

    One sort: within its group's sorted values, the k-th of a row's others is the k-th value
    when k is below the row's own rank, else the (k+1)-th."""
    n = len(values)
    pooled = (codes >= 0) & np.isfinite(values) & (values > 0)
    idx = np.flatnonzero(pooled)
    order = idx[np.lexsort((values[idx], codes[idx]))]
    sorted_codes, sorted_values = codes[order], values[order]
    starts = np.flatnonzero(np.r_[True, sorted_codes[1:] != sorted_codes[:-1]])
    sizes = np.diff(np.r_[starts, len(order)])
    groups = max(int(codes.max()) + 1, 1) if n else 1  # one at least: every code may be -1
    group_start = np.zeros(groups, dtype=np.int64)
    group_size = np.zeros(groups, dtype=np.int64)
    if len(order):
        group_start[sorted_codes[starts]] = starts
        group_size[sorted_codes[starts]] = sizes
    rank = np.zeros(n, dtype=np.int64)
    rank[order] = np.arange(len(order)) - np.repeat(starts, sizes)
    safe = np.where(codes >= 0, codes, 0)
    count = np.where(codes >= 0, group_size[safe] - pooled, 0)
    has = count > 0
    start = group_start[safe]

    def nth(k: np.ndarray) -> np.ndarray:
        pos = start + k + (pooled & (k >= rank))
        return sorted_values[np.where(has, pos, 0)] if len(order) else np.zeros(n)

    lo, hi = nth((count - 1) // 2), nth(count // 2)
    usual = np.where(has, (lo + hi) / 2, np.nan)
    return usual, count


# ---- the checks -------------------------------------------------------------------------------


def _where(frame: pd.DataFrame, label: Any, file: str, table: str) -> dict[str, Any]:
    row = frame.at[label, ROW]
    return {"file": file, "sheet": frame.at[label, SHEET], "row": int(row), "table": table}


def _numbers(frame: pd.DataFrame, name: str) -> np.ndarray:
    return pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def relation_problems(table: str, frame: pd.DataFrame, file: str) -> list[Problem]:
    """An error at every row of the file whose value is above the column the contract says
    it may not exceed (paid above billed), naming both columns and both values."""
    t = TABLES_BY_NAME[table]
    if ROW not in frame.columns:
        return []
    incoming = frame[ROW].notna().to_numpy()
    out: list[Problem] = []
    for c in t.columns:
        if not c.not_above or {c.name, c.not_above} - set(frame.columns):
            continue
        ceiling = t.column(c.not_above)
        value, limit = _numbers(frame, c.name), _numbers(frame, ceiling.name)
        with np.errstate(invalid="ignore"):
            above = (
                incoming
                & np.isfinite(value)
                & np.isfinite(limit)
                & (value > limit + TOLERANCE * np.maximum(1.0, np.abs(limit)))
            )
        labels = frame.index[above]
        money = is_money(c)
        for label in labels[:MAX_PER_COLUMN]:
            v, cap = float(frame.at[label, c.name]), float(frame.at[label, ceiling.name])
            out.append(
                problem(
                    ERROR,
                    "plaus.above",
                    column=c,
                    value=frame.at[label, c.name],
                    **_where(frame, label, file, table),
                    label=c.label_zh,
                    label_en=c.label_en,
                    unit=c.unit,
                    amount=amount(v, money),
                    other=ceiling.label_zh,
                    other_en=ceiling.label_en,
                    other_name=ceiling.name,
                    other_amount=amount(cap, money),
                )
            )
        if len(labels) > MAX_PER_COLUMN:
            out.append(more(len(labels) - MAX_PER_COLUMN, file=file, table=table, column=c))
    return out


def _whose(frame: pd.DataFrame, label: Any, t: Table, key: tuple[str, ...], lang: str) -> str:
    """Whose usual, in words: 住户编号 H0001 / Household id H0001."""
    sep = "、" if lang == "zh" else ", "
    parts = []
    for k in key:
        c = t.column(k)
        parts.append(f"{c.label_zh if lang == 'zh' else c.label_en} {frame.at[label, k]}")
    return sep.join(parts)


def scale_problems(table: str, frame: pd.DataFrame, file: str) -> list[Problem]:
    """A warning at every row of the file whose value of a ``plausible`` column is 10 times
    its usual or more (a money value also a tenth of it or less). ``frame``: the file's rows
    (``__row__`` set) and the rows kept they are compared with (``__row__`` empty)."""
    t = TABLES_BY_NAME[table]
    columns = [c for c in t.columns if c.plausible and c.name in frame.columns]
    if ROW not in frame.columns or not columns or not frame[ROW].notna().any():
        return []
    frame = frame.reset_index(drop=True)
    incoming = frame[ROW].notna().to_numpy()
    own = tuple(k for k in usual_key(t) if k in frame.columns)
    own = own if len(own) == len(usual_key(t)) else ()
    community = COMMUNITY in frame.columns and own != (COMMUNITY,)
    own_codes = _codes(frame, own) if own else None
    community_codes = _codes(frame, (COMMUNITY,)) if community else None
    out: list[Problem] = []
    for c in columns:
        value = _numbers(frame, c.name)
        usual = np.full(len(frame), np.nan)
        count = np.zeros(len(frame), dtype=np.int64)
        by_own = np.zeros(len(frame), dtype=bool)
        if own_codes is not None:
            usual, count = others_median(own_codes, value)
            by_own = count >= MIN_OTHERS
        if community_codes is not None:
            c_usual, c_count = others_median(community_codes, value)
            c_usual = np.where(c_count >= MIN_OTHERS, c_usual, np.nan)
            usual = np.where(by_own, usual, c_usual)
            count = np.where(by_own, count, c_count)
        else:
            usual = np.where(by_own, usual, np.nan)
        with np.errstate(invalid="ignore", divide="ignore"):
            checked = incoming & np.isfinite(value) & (value > 0) & (usual > 0)
            high = checked & (value >= RATIO * usual * (1 - TOLERANCE))
            low = checked & (value * RATIO <= usual * (1 + TOLERANCE)) if is_money(c) else False
        flagged = np.flatnonzero(high | low)
        money = is_money(c)
        for i in flagged[:MAX_PER_COLUMN]:
            v, u = float(value[i]), float(usual[i])
            key = own if by_own[i] else (COMMUNITY,)
            level = "own" if by_own[i] else "community"
            direction = "high" if high[i] else "low"
            out.append(
                problem(
                    WARNING,
                    f"plaus.{direction}.{level}",
                    column=c,
                    value=frame.at[i, c.name],
                    **_where(frame, i, file, table),
                    label=c.label_zh,
                    label_en=c.label_en,
                    unit=c.unit,
                    amount=amount(v, money),
                    usual=amount(u, money),
                    times=times(v / u if high[i] else u / v),
                    rows=f"{int(count[i]):,}",
                    whose=_whose(frame, i, t, key, "zh"),
                    whose_en=_whose(frame, i, t, key, "en"),
                )
            )
        if len(flagged) > MAX_PER_COLUMN:  # a warning still: more of the same, not an error
            extra = f"{len(flagged) - MAX_PER_COLUMN:,}"
            out.append(problem(WARNING, "imp.more", file=file, table=table, column=c, count=extra))
    return out
