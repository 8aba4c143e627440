"""Tables as the store keeps them: contract columns and types, compared and merged by key.

Every frame that enters the store is first made an Arrow table with exactly the contract's
columns and types (``conform``), so that a file written from an import, a file recorded from
the folder and a file restored by a rollback compare equal when their values are equal.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from governance.contract import TABLES_BY_NAME, Table
from governance.datastore.errors import DataStoreError

ARROW_TYPES: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int32(),
    "DOUBLE": pa.float64(),
    "DATE": pa.date32(),
    "BOOLEAN": pa.bool_(),
}
# How many rows of each kind a diff keeps to show (the counts are always complete).
SAMPLE_ROWS = 20
_KEY_SEP = "\x1f"
_NULL_KEY = "\x00"


def schema(table: Table) -> pa.Schema:
    return pa.schema([(c.name, ARROW_TYPES[c.type]) for c in table.columns])


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _to_date(value: Any) -> date | None:
    if _is_missing(value):
        return None
    if isinstance(value, datetime | pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, np.datetime64):
        return pd.Timestamp(value).date()
    return pd.Timestamp(str(value)).date()


def _to_int(value: Any) -> int | None:
    if _is_missing(value):
        return None
    number = float(value)
    if not math.isfinite(number) or number != int(number):
        raise ValueError(value)
    return int(number)


def _to_float(value: Any) -> float | None:
    if _is_missing(value):
        return None
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(value)
    return number


def _to_bool(value: Any) -> bool | None:
    if _is_missing(value):
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | float | np.integer | np.floating) and value in (0, 1):
        return bool(value)
    text = str(value).strip().lower()
    if text in ("true", "1", "是"):
        return True
    if text in ("false", "0", "否"):
        return False
    raise ValueError(value)


def _to_str(value: Any) -> str | None:
    return None if _is_missing(value) else str(value)


_CONVERT = {
    "VARCHAR": _to_str,
    "INTEGER": _to_int,
    "DOUBLE": _to_float,
    "DATE": _to_date,
    "BOOLEAN": _to_bool,
}


def conform(name: str, frame: pd.DataFrame) -> pa.Table:
    """``frame`` as an Arrow table of table ``name``'s contract columns and types.

    Columns outside the contract (the importer's ``__row__``/``__sheet__``) are left out; a
    missing column or a value that is not of its column's type is a DataStoreError — the
    importer's validation reports such files first, this is the store's own guard.
    """
    table = TABLES_BY_NAME[name]
    missing = [c.name for c in table.columns if c.name not in frame.columns]
    if missing:
        raise DataStoreError(
            "datastore_err_missing_columns", table=name, columns="、".join(missing)
        )
    arrays = []
    for col in table.columns:
        try:
            arrays.append(_fast_array(frame[col.name], col.type))
            continue
        except (TypeError, ValueError, OverflowError, pa.ArrowException):
            pass  # the value-by-value path below names the first bad row
        convert = _CONVERT[col.type]
        values = []
        for i, value in enumerate(frame[col.name].tolist()):
            try:
                values.append(convert(value))
            except (TypeError, ValueError, OverflowError):
                raise DataStoreError(
                    "datastore_err_bad_value", table=name, column=col.name, row=i + 1, value=value
                ) from None
        arrays.append(pa.array(values, type=ARROW_TYPES[col.type]))
    return pa.Table.from_arrays(arrays, schema=schema(table))


def _fast_array(series: pd.Series, kind: str) -> pa.Array:
    """A whole column at once when its values already have the right kind (the usual case)."""
    if kind == "VARCHAR":
        if series.dtype == object and not all(isinstance(v, str) for v in series.dropna()):
            raise TypeError("not all text")
        if series.dtype != object and not pd.api.types.is_string_dtype(series):
            raise TypeError("not text")
        return pa.array(series.astype(object).where(series.notna(), None), type=pa.string())
    if kind in ("INTEGER", "DOUBLE"):
        if series.dtype == object or pd.api.types.is_string_dtype(series):
            raise TypeError("text in a number column")
        numbers = pd.to_numeric(series).astype("float64").to_numpy(na_value=np.nan)
        present = numbers[~np.isnan(numbers)]
        if not np.isfinite(present).all():
            raise ValueError("not finite")
        if kind == "DOUBLE":
            return pa.array(numbers, type=pa.float64(), from_pandas=True)
        if (present != np.round(present)).any() or (np.abs(present) > 2**31 - 1).any():
            raise ValueError("not an integer")
        mask = np.isnan(numbers)
        return pa.array(np.where(mask, 0, numbers).astype(np.int32), mask=mask, type=pa.int32())
    if kind == "DATE":
        present = series.dropna()
        if not present.map(lambda v: type(v) is date).all():
            raise TypeError("not all dates")
        return pa.array(series.astype(object).where(series.notna(), None), type=pa.date32())
    present = series.dropna()
    if not present.map(lambda v: isinstance(v, bool | np.bool_)).all():
        raise TypeError("not all booleans")
    return pa.array([None if _is_missing(v) else bool(v) for v in series], type=pa.bool_())


def conform_arrow(name: str, data: pa.Table) -> pa.Table:
    """A table read from a file, its contract columns picked by name and cast to their types."""
    table = TABLES_BY_NAME[name]
    missing = [c.name for c in table.columns if c.name not in data.column_names]
    if missing:
        raise DataStoreError(
            "datastore_err_missing_columns", table=name, columns="、".join(missing)
        )
    columns = [data.column(c.name).cast(ARROW_TYPES[c.type]) for c in table.columns]
    return pa.Table.from_arrays(columns, schema=schema(table))


_PANDAS_TYPES = {pa.int32(): pd.Int32Dtype(), pa.bool_(): pd.BooleanDtype()}


def to_pandas(data: pa.Table) -> pd.DataFrame:
    """The store's pandas form: nullable Int32 and boolean, dates as ``datetime.date``."""
    return data.to_pandas(types_mapper=_PANDAS_TYPES.get)


def _python(value: Any) -> Any:
    if _is_missing(value):
        return None
    return value.item() if isinstance(value, np.generic) else value


def _keys(data: pa.Table, key: tuple[str, ...]) -> pd.Index:
    """One string per row naming its key (a missing key part is a value of its own)."""
    if not data.num_rows:
        return pd.Index([], dtype=object)
    parts = [pc.fill_null(pc.cast(data.column(k), pa.string()), _NULL_KEY) for k in key]
    joined = parts[0] if len(parts) == 1 else pc.binary_join_element_wise(*parts, _KEY_SEP)
    return pd.Index(joined.to_numpy(zero_copy_only=False), dtype=object)


@dataclass(frozen=True)
class RowChange:
    """One row whose key is in both versions with other values: ``values`` maps each changed
    column to (old, new)."""

    key: dict[str, Any]
    values: dict[str, tuple[Any, Any]]


@dataclass(frozen=True)
class Diff:
    """What changes in one table between two versions (old -> new), by the table's key."""

    table: str
    added: int
    changed: int
    removed: int
    unchanged: int
    added_rows: pd.DataFrame = field(repr=False)
    removed_rows: pd.DataFrame = field(repr=False)
    changed_rows: tuple[RowChange, ...] = field(repr=False)

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def diff(name: str, old: pa.Table | None, new: pa.Table, sample: int = SAMPLE_ROWS) -> Diff:
    """Rows added, changed (with old -> new values for the first ``sample``) and removed."""
    table = TABLES_BY_NAME[name]
    old = old if old is not None else schema(table).empty_table()
    old_keys, new_keys = _keys(old, table.key), _keys(new, table.key)
    # a key repeated in the data kept counts once (its first row), as upsert keeps it
    old_first = ~old_keys.duplicated()
    in_new = old_keys.isin(new_keys)
    in_old = new_keys.isin(old_keys[old_first])
    removed_idx = np.flatnonzero(~in_new & old_first)
    added_idx = np.flatnonzero(~in_old)
    both_new = np.flatnonzero(in_old)
    old_pos = pd.Series(np.arange(len(old_keys)), index=old_keys)[old_first]
    both_old = old_pos.reindex(new_keys[both_new]).to_numpy(dtype=np.int64)
    others = [c.name for c in table.columns if c.name not in table.key]
    old_both = old.take(pa.array(both_old, type=pa.int64()))
    new_both = new.take(pa.array(both_new, type=pa.int64()))
    differs = np.zeros((len(both_new), len(others)), dtype=bool)
    for j, col in enumerate(others):
        a, b = old_both.column(col), new_both.column(col)
        same = pc.or_(pc.fill_null(pc.equal(a, b), False), pc.and_(pc.is_null(a), pc.is_null(b)))
        differs[:, j] = ~same.to_numpy(zero_copy_only=False)
    changed_at = np.flatnonzero(differs.any(axis=1))
    shown = changed_at[:sample]
    old_rows = to_pandas(old_both.take(pa.array(shown, type=pa.int64())))
    new_rows = to_pandas(new_both.take(pa.array(shown, type=pa.int64())))
    samples = []
    for i, at in enumerate(shown):
        samples.append(
            RowChange(
                key={k: _python(new_rows[k].iloc[i]) for k in table.key},
                values={
                    col: (_python(old_rows[col].iloc[i]), _python(new_rows[col].iloc[i]))
                    for j, col in enumerate(others)
                    if differs[at, j]
                },
            )
        )
    return Diff(
        table=name,
        added=len(added_idx),
        changed=len(changed_at),
        removed=len(removed_idx),
        unchanged=len(both_new) - len(changed_at),
        added_rows=to_pandas(new.take(pa.array(added_idx[:sample], type=pa.int64()))),
        removed_rows=to_pandas(old.take(pa.array(removed_idx[:sample], type=pa.int64()))),
        changed_rows=tuple(samples),
    )


def upsert(name: str, old: pa.Table | None, incoming: pa.Table) -> pa.Table:
    """Rows of ``incoming`` replace the kept rows with their key, in place; new keys are added
    at the end in the file's order; nothing else changes."""
    table = TABLES_BY_NAME[name]
    if old is None or not old.num_rows:
        return incoming
    old_keys, new_keys = _keys(old, table.key), _keys(incoming, table.key)
    new_pos = pd.Series(np.arange(len(new_keys)), index=new_keys)
    first = ~old_keys.duplicated()
    matched = old_keys.isin(new_keys)
    take: list[np.ndarray] = []
    keep = np.flatnonzero(first | ~matched)
    replaced = matched[keep]
    idx = keep.copy()
    idx[replaced] = old.num_rows + new_pos.reindex(old_keys[keep[replaced]]).to_numpy(np.int64)
    take.append(idx)
    take.append(old.num_rows + np.flatnonzero(~new_keys.isin(old_keys)))
    both = pa.concat_tables([old, incoming])
    return both.take(pa.array(np.concatenate(take), type=pa.int64()))


def touched_communities(name: str, old: pa.Table | None, incoming: pa.Table) -> set[str] | None:
    """The communities an upsert of ``incoming`` changes: its own rows' and those of the kept
    rows it replaces (a row may move to another community). None when the table has no
    community column: its rows are the whole town's."""
    if "community_id" not in incoming.column_names:
        return None
    ids = set(incoming.column("community_id").to_pylist())
    if old is not None and old.num_rows:
        key = TABLES_BY_NAME[name].key
        replaced = np.asarray(_keys(old, key).isin(_keys(incoming, key)))
        ids |= set(old.column("community_id").filter(pa.array(replaced)).to_pylist())
    return ids


def duplicate_keys(name: str, data: pa.Table, limit: int = 5) -> list[str]:
    """The first keys that occur more than once (readable, parts joined by '/')."""
    keys = _keys(data, TABLES_BY_NAME[name].key)
    dups = keys[keys.duplicated()].unique()[:limit]
    return [k.replace(_KEY_SEP, "/").replace(_NULL_KEY, "（空）") for k in dups]


def period_column(name: str) -> str | None:
    """The column that says which periods a table covers: its quarter, its year, else its
    first date column; None for tables of things rather than events (communities...)."""
    table = TABLES_BY_NAME[name]
    names = [c.name for c in table.columns]
    for preferred in ("quarter", "year"):
        if preferred in names:
            return preferred
    dates = [c.name for c in table.columns if c.type == "DATE"]
    return dates[0] if dates else None


def periods(name: str, data: pa.Table) -> tuple[str, str] | None:
    """(first, last) of the table's period column as text (``2010-04-01``, ``2008``)."""
    col = period_column(name)
    if col is None or not data.num_rows:
        return None
    bounds = pc.min_max(data.column(col))
    lo, hi = bounds["min"].as_py(), bounds["max"].as_py()
    if lo is None:
        return None
    return (str(lo), str(hi))
