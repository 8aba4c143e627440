"""Contract checks, by pandera schemas built from ``contract.TABLES``.

One schema per table says, for every column, what the contract says: its type, whether it
may be empty, its range, its allowed values, that numbers are finite, that dates are
plausible and quarters fall on a quarter's first day. Keys (present, unique) and references
(foreign keys, a child row's community equal to its parent's) are derived from the same
contract. ``validate`` checks an upload against the data kept (and, by ``plausible``, its
numbers: a value above the column it may not exceed, a value ten times its usual);
``check_tables`` checks the data in force as it is opened.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from functools import cache
from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow as arrow
import pyarrow.compute as arrow_compute

from governance import i18n
from governance.contract import TABLES, TABLES_BY_NAME, Column, Table
from governance.importer import plausible
from governance.importer.parsed import HIDDEN, ROW, SHEET, Parsed
from governance.importer.problems import (
    ERROR,
    MAX_PER_COLUMN,
    WARNING,
    Problem,
    Report,
    capped,
    cell_problems,
    more,
    problem,
)
from governance.importer.shapes import table_problems
from governance.importer.values import DTYPES, convert, is_quarter
from governance.indicators import REGISTRY
from governance.periods import quarter_start, to_label

FIRST_YEAR = 2000
JUMP = 0.5  # a change above 50% against the previous quarter is worth a look
MODES = ("upsert", "replace")


def today() -> date:
    """The server's date: no data comes from after it (a function, so a test can move it)."""
    return date.today()


def last_year() -> int:
    return today().year + 1


def _parts(s: pd.Series) -> pd.DataFrame:
    """Year, month and day of a date column (dates, or timestamps as DuckDB gives them)."""
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        return pd.DataFrame({"year": s.dt.year, "month": s.dt.month, "day": s.dt.day})
    days = [(np.nan,) * 3 if d is None or d != d else (d.year, d.month, d.day) for d in s]
    return pd.DataFrame(days, index=s.index, columns=["year", "month", "day"], dtype=float)


def _plausible(s: pd.Series) -> pd.Series:
    return s.isna() | _parts(s)["year"].between(FIRST_YEAR, last_year())


def _quarter_start(s: pd.Series) -> pd.Series:
    p = _parts(s)
    return s.isna() | ((p["day"] == 1) & p["month"].isin([1, 4, 7, 10]))


def _number(x: float) -> str:
    """A number as a person writes it: 1000000, 91.3 (never 1e+06)."""
    x = float(x)
    if x.is_integer():
        return str(int(x))
    return np.format_float_positional(x, trim="-")


def _checks(c: Column) -> list[pa.Check]:
    """The contract's rules for one column; each check's ``error`` is a catalog key."""
    checks: list[pa.Check] = []
    if c.type in ("INTEGER", "DOUBLE"):
        if c.type == "DOUBLE":
            checks.append(
                pa.Check(lambda s: np.isfinite(s) | s.isna(), error="imp.cell.not_finite")
            )

        # an infinite number is reported once, as not finite, not again as out of range
        def skip(s: pd.Series, double: bool = c.type == "DOUBLE") -> pd.Series:
            return s.isna() | (~np.isfinite(s) if double else False)

        if c.min is not None:
            checks.append(pa.Check(lambda s, lo=c.min: skip(s) | (s >= lo), error="imp.cell.min"))
        if c.max is not None:
            checks.append(pa.Check(lambda s, hi=c.max: skip(s) | (s <= hi), error="imp.cell.max"))
    if c.allowed:
        checks.append(
            pa.Check(lambda s, ok=c.allowed: s.isna() | s.isin(ok), error="imp.cell.allowed")
        )
    if c.type == "DATE":
        checks.append(pa.Check(_plausible, error="imp.cell.date_range"))
        if is_quarter(c):
            checks.append(pa.Check(_quarter_start, error="imp.cell.quarter_start"))
    return checks


@cache
def schema(table: str) -> pa.DataFrameSchema:
    """The pandera schema of a contract table (frames typed by ``values.convert``)."""
    t = TABLES_BY_NAME[table]
    columns = {
        c.name: pa.Column(
            None if c.type in ("DATE", "VARCHAR") else DTYPES[c.type],
            _checks(c),
            nullable=c.nullable,
            required=False,  # a missing column is reported by the reader, once
        )
        for c in t.columns
    }
    return pa.DataFrameSchema(columns, name=table, strict=False)


def _params(key: str, c: Column) -> dict[str, Any]:
    if key == "imp.cell.min":
        return {"min": _number(c.min)}
    if key == "imp.cell.max":
        return {"max": _number(c.max)}
    if key == "imp.cell.allowed":
        return {"allowed": "、".join(c.allowed or ())}
    if key == "imp.cell.date_range":
        return {"last": last_year()}
    return {}


def _where(frame: pd.DataFrame, label: Any, file: str, table: str) -> dict[str, Any]:
    """file, sheet, row of one frame row (a row of the data in force has no Excel row)."""
    if ROW in frame.columns:
        row = frame.at[label, ROW]
        kept = pd.isna(row)
        return {
            "file": file if not kept else table,
            "sheet": None if kept else frame.at[label, SHEET],
            "row": None if kept else int(row),
            "table": table,
            "in_force": bool(kept),
        }
    return {"file": table, "sheet": None, "row": int(label) + 2, "table": table, "in_force": True}


def _schema_problems(
    table: str, frame: pd.DataFrame, file: str, unread: set[tuple[Any, ...]]
) -> list[Problem]:
    """The schema's failures, but not again for a cell the reader could not read."""
    t = TABLES_BY_NAME[table]
    try:
        schema(table).validate(frame, lazy=True)
        return []
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    out = []
    per_column: dict[str, int] = {}
    for case in cases.itertuples(index=False):
        name = case.column
        if name not in frame.columns or case.index is None or pd.isna(case.index):
            continue
        where = _where(frame, case.index, file, table)
        if (table, where["sheet"], where["row"], name) in unread:
            continue
        per_column[name] = per_column.get(name, 0) + 1
        if per_column[name] > MAX_PER_COLUMN:
            continue
        c = t.column(name)
        key = case.check if str(case.check).startswith("imp.") else None
        if case.check == "not_nullable":
            key = "imp.key.empty" if name in t.key else "imp.cell.empty"
        if key is None:  # a dtype check: the reader types every column, so a frame from
            key = "imp.cell.not_number"  # elsewhere holds a value of another type
        out.append(
            problem(
                ERROR,
                key,
                column=c,
                value=frame.at[case.index, name],
                **where,
                **_params(key, c),
            )
        )
    for name, count in per_column.items():
        if count > MAX_PER_COLUMN:
            out.append(more(count - MAX_PER_COLUMN, file=file, table=table, column=t.column(name)))
    return out


def _key_text(frame: pd.DataFrame, key: tuple[str, ...]) -> pd.Series:
    """Each row's key as one string (an empty key part counts as a value of its own)."""
    out: pd.Series | None = None
    for k in key:
        part = frame[k].astype("str").fillna("\x00")
        out = part if out is None else out + "\x1f" + part
    assert out is not None
    return out


def _key_problems(table: str, frame: pd.DataFrame, file: str) -> list[Problem]:
    t = TABLES_BY_NAME[table]
    if any(k not in frame.columns for k in t.key):
        return []
    keys = _key_text(frame, t.key)
    dup = keys.duplicated(keep=False)
    if not dup.any():
        return []
    label_of = " + ".join(t.column(k).label_zh for k in t.key)
    first_row: dict[str, Any] = {}
    out = []
    repeats = int(dup.sum() - keys[dup].nunique())
    for label in frame.index[dup]:
        k = keys[label]
        if k not in first_row:
            first_row[k] = label
            continue
        if len(out) == MAX_PER_COLUMN:
            out.append(
                more(repeats - MAX_PER_COLUMN, file=file, table=table, column=t.column(t.key[0]))
            )
            break
        where = _where(frame, label, file, table)
        other = _where(frame, first_row[k], file, table)["row"]
        value = " / ".join(str(frame.at[label, c]) for c in t.key)
        c = t.column(t.key[0])
        if other is None:
            out.append(
                problem(
                    ERROR,
                    "imp.key.duplicate_kept",
                    column=c,
                    value=value,
                    **where,
                    keycols=label_of,
                )
            )
        else:
            out.append(
                problem(
                    ERROR,
                    "imp.key.duplicate",
                    column=c,
                    value=value,
                    **where,
                    keycols=label_of,
                    other=other,
                )
            )
    return out


def merged(
    table: str, current: pd.DataFrame | None, incoming: pd.DataFrame, mode: str
) -> pd.DataFrame:
    """The table as it would be after the import: ``replace`` is the file; ``upsert`` keeps
    the rows of ``current`` whose key the file does not hold and adds the file's rows.
    Rows from ``current`` have an empty ``__row__``."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}")
    if mode == "replace" or current is None or current.empty:
        return incoming.reset_index(drop=True)
    t = TABLES_BY_NAME[table]
    kept = current[[c.name for c in t.columns if c.name in current.columns]].copy()
    # pyarrow's is_in on the key texts: pandas' isin on an Arrow string column builds a
    # Python scalar per value (≈6 s of CPU for a million-row file against a million kept)
    incoming_keys = arrow.array(_key_text(incoming, t.key), type=arrow.large_string())
    kept_keys = arrow.array(_key_text(kept, t.key), type=arrow.large_string())
    found = arrow_compute.is_in(kept_keys, value_set=incoming_keys)
    kept = kept[~found.to_numpy(zero_copy_only=False)]
    kept[ROW] = pd.NA
    kept[SHEET] = None
    out = pd.concat([kept, incoming], ignore_index=True)
    return out


# ---- references ---------------------------------------------------------------------------


def _indicator_ids() -> set[str]:
    return set(REGISTRY)


def references(t: Table) -> list[tuple[Column, str, str]]:
    """(column, parent table, parent column) of every foreign key of ``t``."""
    out = []
    for c in t.columns:
        if c.fk:
            parent, pcol = c.fk.split(".")
            out.append((c, parent, pcol))
    return out


def community_links(t: Table) -> list[tuple[Column, str, str]]:
    """The foreign keys of ``t`` whose parent also has a community: the child's community
    must be the parent's (a fee row's household, a rating's stairwell)."""
    names = {c.name for c in t.columns}
    if "community_id" not in names:
        return []
    return [
        (c, parent, pcol)
        for c, parent, pcol in references(t)
        if c.name != "community_id"
        and any(pc.name == "community_id" for pc in TABLES_BY_NAME[parent].columns)
    ]


def _rows_to_check(frame: pd.DataFrame, only_incoming: bool) -> pd.DataFrame:
    if only_incoming and ROW in frame.columns:
        return frame[frame[ROW].notna()]
    return frame


def _reference_problems(
    table: str,
    frame: pd.DataFrame,
    tables: Mapping[str, pd.DataFrame],
    file: str,
    only_incoming: bool,
) -> list[Problem]:
    t = TABLES_BY_NAME[table]
    rows = _rows_to_check(frame, only_incoming)
    out: list[Problem] = []
    for c, parent, pcol in references(t):
        if c.name not in rows.columns:
            continue
        values = rows[c.name]
        present = values.notna()
        if not present.any():
            continue
        target = f"{TABLES_BY_NAME[parent].label_zh}（{parent}）"
        parent_frame = tables.get(parent)
        if parent_frame is None or pcol not in parent_frame.columns:
            out.append(
                problem(
                    WARNING, "imp.fk.no_parent", file=file, table=table, column=c, target=target
                )
            )
            continue
        known = parent_frame[pcol].dropna().astype("str").unique()
        missing = present & ~values.astype("str").isin(known)
        labels = rows.index[missing]
        if len(labels) > MAX_PER_COLUMN:
            out.append(more(len(labels) - MAX_PER_COLUMN, file=file, table=table, column=c))
        for label in labels[:MAX_PER_COLUMN]:
            out.append(
                problem(
                    ERROR,
                    "imp.fk.unknown",
                    column=c,
                    value=rows.at[label, c.name],
                    **_where(frame, label, file, table),
                    target=target,
                )
            )
    if table == "targets" and "indicator_id" in rows.columns:
        ids = _indicator_ids()
        c = t.column("indicator_id")
        bad = rows["indicator_id"].notna() & ~rows["indicator_id"].isin(ids)
        for label in rows.index[bad]:
            out.append(
                problem(
                    ERROR,
                    "imp.fk.indicator",
                    column=c,
                    value=rows.at[label, "indicator_id"],
                    **_where(frame, label, file, table),
                )
            )
    for c, parent, pcol in community_links(t):
        parent_frame = tables.get(parent)
        if (
            parent_frame is None
            or c.name not in rows.columns
            or "community_id" not in rows.columns
            or "community_id" not in parent_frame.columns
        ):
            continue
        owner = parent_frame.drop_duplicates(pcol).set_index(pcol)["community_id"]
        expected = rows[c.name].map(owner)
        wrong = (
            rows[c.name].notna()
            & expected.notna()
            & (rows["community_id"].astype(str) != expected.astype(str))
        )
        target = TABLES_BY_NAME[parent].label_zh
        ccol = t.column("community_id")
        labels = rows.index[wrong]
        if len(labels) > MAX_PER_COLUMN:
            out.append(more(len(labels) - MAX_PER_COLUMN, file=file, table=table, column=ccol))
        for label in labels[:MAX_PER_COLUMN]:
            out.append(
                problem(
                    ERROR,
                    "imp.community.mismatch",
                    column=ccol,
                    value=rows.at[label, "community_id"],
                    **_where(frame, label, file, table),
                    target=target,
                    parent=rows.at[label, c.name],
                    expected=expected[label],
                )
            )
    return out


def _orphan_problems(
    changed: set[str], tables: Mapping[str, pd.DataFrame], file: str
) -> list[Problem]:
    """Rows kept (in other tables, or kept by an upsert of a table the file also holds) that
    would refer to parents the import removes or moves to another community."""
    out = []
    for t in TABLES:
        if t.name not in tables:
            continue
        frame = tables[t.name]
        if t.name in changed:  # the file's own rows are checked row by row elsewhere
            frame = frame[frame[ROW].isna()] if ROW in frame.columns else frame.iloc[0:0]
        for c, parent, pcol in references(t):
            if parent not in changed or c.name not in frame.columns:
                continue
            known = tables[parent][pcol].dropna().astype("str").unique()
            values = frame[c.name].dropna().astype("str")
            lost = values[~values.isin(known)]
            if len(lost):
                out.append(
                    problem(
                        ERROR,
                        "imp.fk.orphans",
                        file=file,
                        table=parent,
                        column=TABLES_BY_NAME[parent].column(pcol),
                        value=lost.iloc[0],
                        child=f"{t.label_zh}（{t.name}）",
                        count=len(lost),
                        target=TABLES_BY_NAME[parent].label_zh,
                        example=lost.iloc[0],
                    )
                )
        for c, parent, pcol in community_links(t):
            # a parent moved to another community leaves its kept children in the old one
            if parent not in changed or {c.name, "community_id"} - set(frame.columns):
                continue
            owner = tables[parent].drop_duplicates(pcol).set_index(pcol)["community_id"]
            ids = frame[c.name].astype("str")
            expected = ids.map(owner.set_axis(owner.index.astype("str")))
            wrong = expected.notna() & (frame["community_id"].astype("str") != expected)
            if wrong.any():
                first = wrong.idxmax()
                out.append(
                    problem(
                        ERROR,
                        "imp.community.kept_mismatch",
                        file=file,
                        table=parent,
                        column=TABLES_BY_NAME[parent].column("community_id"),
                        value=expected[first],
                        child=f"{t.label_zh}（{t.name}）",
                        count=int(wrong.sum()),
                        target=TABLES_BY_NAME[parent].label_zh,
                        example=ids[first],
                        kept=frame.at[first, "community_id"],
                    )
                )
    return out


# ---- warnings: a jump against the previous quarter ----------------------------------------


def _previous_quarter(d: date) -> date:
    return date(d.year - 1, 10, 1) if d.month == 1 else date(d.year, d.month - 3, 1)


def _jump_problems(table: str, frame: pd.DataFrame, file: str) -> list[Problem]:
    t = TABLES_BY_NAME[table]
    # per-community tables only: a file of some households or teams is not a community total
    per_community = (
        {"community_id", "quarter"}
        <= set(t.key)
        <= {
            "community_id",
            "quarter",
            "company_id",
        }
    )
    if not per_community or ROW not in frame.columns:
        return []
    numeric = [c for c in t.columns if c.type in ("INTEGER", "DOUBLE")]
    if not numeric:
        return []
    data = frame.dropna(subset=["community_id", "quarter"])
    out = []
    for c in numeric:
        # scores and percentages are averaged, counts and amounts summed, per community
        groups = data.groupby(["community_id", "quarter"])[c.name]
        values = groups.mean() if c.unit in ("分", "%") else groups.sum(min_count=1)
        incoming = data[data[ROW].notna()].drop_duplicates(["community_id", "quarter"])
        for label, row in incoming.iterrows():
            key = (row["community_id"], row["quarter"])
            prev_key = (row["community_id"], _previous_quarter(row["quarter"]))
            if prev_key not in values.index or key not in values.index:
                continue
            prev, now = values[prev_key], values[key]
            if pd.isna(prev) or pd.isna(now):
                continue
            prev, now = float(prev), float(now)
            if not (np.isfinite(prev) and np.isfinite(now)) or prev == 0:
                continue
            change = (now - prev) / abs(prev)
            if abs(change) > JUMP:
                out.append(
                    problem(
                        WARNING,
                        "imp.jump",
                        column=c,
                        value=_number(round(now, 4)),
                        **_where(frame, label, file, table),
                        prev_quarter=prev_key[1].isoformat(),
                        change=f"{change:+.0%}",
                        prev=_number(round(prev, 4)),
                    )
                )
    return out


# ---- warnings: two ids under one name ----------------------------------------------------

# The tables whose Chinese name stands for their id on every page (filters, tiles, tables):
# two ids under one name cannot be told apart. Partner units (one row per unit and paired
# community), social teams (a 舞蹈队 in each community) and honours (one title in two years)
# repeat names by design.
ONE_NAME_ONE_ID = ("communities", "property_companies")
MAX_OTHERS = 5  # other ids named in one warning


def _name_key(s: pd.Series) -> pd.Series:
    """A name as a reader compares it: full-width as half-width, spaces not counted."""
    return s.map(
        lambda v: re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(v))), na_action="ignore"
    )


def _others(group: pd.DataFrame, id_col: str, lang: str) -> str:
    """The other ids of a name, with their rows: 编号“C03”（第 2 行）、编号“C07”（现有数据）."""
    firsts = group.drop_duplicates(id_col)
    parts = [
        i18n.t("imp.name.other_kept", lang, id=row[id_col])
        if pd.isna(row[ROW])
        else i18n.t("imp.name.other_row", lang, id=row[id_col], row=int(row[ROW]))
        for _, row in firsts.head(MAX_OTHERS).iterrows()
    ]
    if len(firsts) > MAX_OTHERS:
        parts.append(i18n.t("imp.name.more", lang, count=len(firsts) - MAX_OTHERS))
    return ("、" if lang == "zh" else ", ").join(parts)


def _duplicate_name_problems(table: str, frame: pd.DataFrame, file: str) -> list[Problem]:
    """A warning at every row of the file whose Chinese name another id has (in the file or
    in the data kept), naming the other ids and their rows."""
    t = TABLES_BY_NAME[table]
    id_col = t.key[0]
    if table not in ONE_NAME_ONE_ID or {ROW, id_col, "name_zh"} - set(frame.columns):
        return []
    data = frame[frame[id_col].notna() & frame["name_zh"].notna()]
    names = _name_key(data["name_zh"])
    ids = data.groupby(names)[id_col].nunique()
    shared = names.isin(set(ids.index[ids > 1]))
    if not shared.any():
        return []
    c = t.column("name_zh")
    out: list[Problem] = []
    for _, labels in data[shared].groupby(names[shared]).groups.items():
        group = data.loc[labels]
        for label in group.index[group[ROW].notna()]:
            if len(out) == MAX_PER_COLUMN:
                return out
            own = group.at[label, id_col]
            others = group[group[id_col] != own]
            out.append(
                problem(
                    WARNING,
                    "imp.name.duplicate",
                    column=c,
                    value=group.at[label, "name_zh"],
                    **_where(frame, label, file, table),
                    id=own,
                    others=_others(others, id_col, "zh"),
                    others_en=_others(others, id_col, "en"),
                    label=c.label_zh,
                )
            )
    return out


# ---- periods: none from the future, none far past the rest of the data ----------------------

LATE_QUARTERS = 4  # a quarter more than a year past every other table's is worth a look


def _quarter_index(d: date) -> int:
    return d.year * 4 + (d.month - 1) // 3


def _latest(s: pd.Series) -> date | None:
    """The latest date of a column (dates, or timestamps as DuckDB gives them)."""
    s = s.dropna()
    if s.empty:
        return None
    try:
        value = s.max()
    except TypeError:  # mixed kinds: not a date column as the store keeps one
        return None
    if isinstance(value, datetime | pd.Timestamp):
        return value.date()
    return value if isinstance(value, date) else None


def latest_quarter(current: Mapping[str, pd.DataFrame], skip: Iterable[str]) -> date | None:
    """The last quarter of the data in force over the tables not in ``skip``: the latest
    value of each table's period column (its quarter, else its first date, as the data page's
    freshness shows). None when those tables hold no dated row (a first import)."""
    skip = set(skip)
    best: date | None = None
    for tb in TABLES:
        frame = current.get(tb.name)
        if tb.name in skip or frame is None:
            continue
        dates = [c.name for c in tb.columns if c.type == "DATE"]
        col = "quarter" if "quarter" in dates else next(iter(dates), None)
        if col is None or col not in frame.columns:
            continue
        d = _latest(frame[col])
        if d is not None and (best is None or d > best):
            best = d
    return None if best is None else quarter_start(best)


def _period_verdict(
    d: Any, quarter: bool, latest: date | None, now: date
) -> tuple[date, date, int] | None:
    """(date, its quarter, quarters after ``latest``; -1 in the future) of a date to report,
    None for one that is fine."""
    if isinstance(d, datetime | pd.Timestamp):
        d = d.date()
    # empty, or refused already (an implausible year, a quarter off its first day)
    if not isinstance(d, date) or not FIRST_YEAR <= d.year <= now.year + 1:
        return None
    q = quarter_start(d)
    if quarter and d != q:
        return None
    late = 0 if latest is None else _quarter_index(q) - _quarter_index(latest)
    if (q if quarter else d) > now:
        return d, q, -1
    return (d, q, late) if late > LATE_QUARTERS else None


def _period_problems(
    table: str, frame: pd.DataFrame, file: str, latest: date | None
) -> list[Problem]:
    """An error for a date after today (a quarter not yet begun); a warning for one whose
    quarter is more than LATE_QUARTERS after ``latest`` (2021 typed for 2011)."""
    t = TABLES_BY_NAME[table]
    now = today()
    out: list[Problem] = []
    for c in t.columns:
        if c.type != "DATE" or c.name not in frame.columns:
            continue
        quarter = is_quarter(c)
        futures: list[tuple[Any, date, date]] = []
        lates: list[tuple[Any, date, date, int]] = []  # with how many quarters late

        # judged once per distinct date: a million fee rows hold a few dozen quarters
        seen: dict[Any, tuple[date, date, int] | None] = {}
        for label, raw in frame[c.name].items():
            try:
                found = seen[raw]
            except KeyError:
                found = seen[raw] = _period_verdict(raw, quarter, latest, now)
            except TypeError:  # an unhashable cell: judged alone
                found = _period_verdict(raw, quarter, latest, now)
            if found is None:
                continue
            d, q, late = found
            if late < 0:
                futures.append((label, d, q))
            else:
                lates.append((label, d, q, late))
        future_key = "imp.period.future_quarter" if quarter else "imp.period.future"
        for label, d, q in futures[:MAX_PER_COLUMN]:
            out.append(
                problem(
                    ERROR,
                    future_key,
                    column=c,
                    value=d,
                    **_where(frame, label, file, table),
                    quarter=to_label(q),
                    today=now.isoformat(),
                )
            )
        if len(futures) > MAX_PER_COLUMN:
            out.append(more(len(futures) - MAX_PER_COLUMN, file=file, table=table, column=c))
        for label, d, q, late in lates[:MAX_PER_COLUMN]:
            out.append(
                problem(
                    WARNING,
                    "imp.period.late",
                    column=c,
                    value=d,
                    **_where(frame, label, file, table),
                    quarter=to_label(q),
                    latest=to_label(latest) if latest else "",
                    count=late,
                )
            )
        if len(lates) > MAX_PER_COLUMN:  # a warning still: more of the same, not an error
            count = f"{len(lates) - MAX_PER_COLUMN:,}"
            out.append(problem(WARNING, "imp.more", file=file, table=table, column=c, count=count))
    return out


# ---- entry points -------------------------------------------------------------------------


def _contract_frame(
    table: str, frame: pd.DataFrame, timestamps: bool = False
) -> tuple[pd.DataFrame, list[Problem], set[tuple[Any, ...]]]:
    """A frame of the data in force typed per the contract, columns found by name, its
    problems and the cells that could not be read (table, sheet, row, column).
    ``timestamps``: a timestamp column stays one (checked as is, not turned into dates)."""
    t = TABLES_BY_NAME[table]
    problems: list[Problem] = []
    unread: set[tuple[Any, ...]] = set()
    out = pd.DataFrame(index=frame.index)
    expected = {c.name for c in t.columns}
    where = {"file": table, "table": table, "in_force": True}
    for name in frame.columns:
        if name not in expected and name not in HIDDEN:
            problems.append(
                problem(WARNING, "imp.col.unknown", **where, column=str(name), header=str(name))
            )
    for c in t.columns:
        if c.name not in frame.columns:
            problems.append(problem(ERROR, "imp.col.missing", **where, column=c))
            continue
        typed, bad = convert(frame[c.name], c, timestamps=timestamps)
        out[c.name] = typed
        unread.update((table, None, int(label) + 2, c.name) for label, _, _ in bad)
        problems.extend(cell_problems(bad, lambda label: int(label) + 2, c, **where))
    return out, problems, unread


def _shape_problems(
    table: str, frame: pd.DataFrame, file: str, in_force: bool = False
) -> list[Problem]:
    """The outline of each row of ``community_shapes`` is a valid polygon (shapes.py)."""
    if table != "community_shapes":
        return []
    return table_problems(frame, file, in_force)


def check_tables(
    frames: Mapping[str, pd.DataFrame], only: Iterable[str] | None = None
) -> list[Problem]:
    """The contract's checks on whole tables in force (column names, types, ranges, allowed
    values, keys, foreign keys, non-finite numbers). Row numbers count as in an export: the
    header is row 1, the first row of the frame row 2.

    ``only`` names the tables to check; the other frames are only what references are
    looked up in (they may hold just the referenced columns). None: check every frame."""
    checked = set(frames) if only is None else set(only)
    problems: list[Problem] = []
    typed: dict[str, pd.DataFrame] = {}
    for name, frame in frames.items():
        if name not in TABLES_BY_NAME:
            continue
        frame = frame.reset_index(drop=True)
        if name not in checked:
            typed[name] = frame
            continue
        out, found, unread = _contract_frame(name, frame, timestamps=True)
        problems += found
        problems += _schema_problems(name, out, name, unread)
        problems += _key_problems(name, out, name)
        problems += _shape_problems(name, out, name, in_force=True)
        typed[name] = out
    for name in checked & set(typed):
        problems += _reference_problems(name, typed[name], typed, name, only_incoming=False)
    return capped(problems)


def validate(parsed: Parsed, current: Mapping[str, pd.DataFrame], mode: str = "upsert") -> Report:
    """Every problem of ``parsed`` (read problems included) against the data in force
    ``current`` (contract column names) as it would be after an import in ``mode``."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}")
    file = parsed.source
    problems = list(parsed.problems)
    latest = latest_quarter(current, skip=parsed.tables)
    for name, frame in parsed.tables.items():
        problems += _schema_problems(name, frame, file, parsed.unread)
        problems += _key_problems(name, frame, file)
        problems += _period_problems(name, frame, file, latest)
        problems += _shape_problems(name, frame, file)
        problems += plausible.relation_problems(name, frame, file)
    # other tables are only looked up by id; the tables the file changes are typed as the
    # file is, so keys compare equal whatever the source (timestamps, int32 from DuckDB)
    after = {name: frame for name, frame in current.items() if name in TABLES_BY_NAME}
    # what a value's usual is taken from: the file and the rows kept of other keys, also when
    # the file replaces them (a whole file typed 100x too large is still compared with them)
    usual_from: dict[str, pd.DataFrame] = {}
    for name, frame in parsed.tables.items():
        kept = current.get(name)
        kept = None if kept is None else _contract_frame(name, kept.reset_index(drop=True))[0]
        after[name] = merged(name, kept, frame, mode)
        usual_from[name] = after[name] if mode == "upsert" else merged(name, kept, frame, "upsert")
    for name in parsed.tables:
        problems += _reference_problems(name, after[name], after, file, only_incoming=True)
    problems += _orphan_problems(set(parsed.tables), after, file)
    for name in parsed.tables:
        problems += _duplicate_name_problems(name, after[name], file)
        problems += plausible.scale_problems(name, usual_from[name], file)
    for name in parsed.tables:
        # a jump is worth a look only among values that are otherwise right
        if not any(p.is_error and p.table == name for p in problems):
            problems += _jump_problems(name, after[name], file)
    return Report(capped(problems))
