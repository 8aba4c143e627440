"""Cell values as offices write them, turned into the contract's types.

Each parser takes one raw cell (a Python value from Excel, a string from a CSV) and returns
the typed value or a ``Bad`` naming the reason. Columns are parsed once per distinct value,
so a million rows with a few thousand distinct values cost a few thousand parses; a column
that already has the contract's type (a Parquet file, the data in force) is converted whole.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

import numpy as np
import pandas as pd

from governance.contract import Column
from governance.text import restored

MAX_TEXT = 1000  # characters in one text cell


@dataclass(frozen=True)
class Bad:
    """A cell that cannot be read as its column's type: the catalog key of the reason."""

    key: str
    params: tuple[tuple[str, Any], ...] = ()


class Percent(float):
    """A number from an Excel cell formatted as a percentage (0.913 shown as 91.3%)."""

    def __repr__(self) -> str:
        return f"Percent({float(self)!r})"

    def __str__(self) -> str:
        shown = np.format_float_positional(round(float(self) * 100, 10), trim="-")
        return f"{shown}%"


DTYPES = {
    "VARCHAR": "str",
    "INTEGER": "Int64",
    "DOUBLE": "float64",
    "DATE": "object",  # datetime.date, as a Parquet DATE column reads back
    "BOOLEAN": "boolean",
}


def is_quarter(col: Column) -> bool:
    return col.name == "quarter"


def is_missing(v: Any) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    if isinstance(v, float) and v != v:
        return True
    return isinstance(v, str) and v.strip() == ""


def _nfkc(text: str) -> str:
    """Full-width digits, letters and punctuation as their ASCII forms, outer space trimmed."""
    return unicodedata.normalize("NFKC", text).strip()


_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")
_INFINITE = {"inf", "+inf", "-inf", "infinity", "+infinity", "-infinity", "nan", "∞", "-∞"}


def _number_text(text: str, col: Column) -> Decimal | float | Bad:
    s = _nfkc(text).replace(" ", "")
    unit = _nfkc(col.unit)
    if unit and unit != "%" and s.endswith(unit) and len(s) > len(unit):
        s = s[: -len(unit)]  # "1,234.50元" in a column of 元: the column's own unit
    percent = s.endswith("%")
    if percent:
        if col.unit != "%":
            return Bad("imp.cell.not_pct")
        s = s[:-1]
    if s.lower() in _INFINITE:
        return math.nan if s.lower() == "nan" else (-math.inf if s.startswith("-") else math.inf)
    if _THOUSANDS.match(s):
        s = s.replace(",", "")
    try:
        number = Decimal(s)
    except InvalidOperation:
        return Bad("imp.cell.not_int" if col.type == "INTEGER" else "imp.cell.not_number")
    if not number.is_finite():
        return math.inf
    return number


INT_MIN, INT_MAX = -(2**31), 2**31 - 1  # DuckDB INTEGER


def parse_integer(v: Any, col: Column) -> int | Bad | None:
    value = _integer(v, col)
    if isinstance(value, int) and not INT_MIN <= value <= INT_MAX:
        return Bad("imp.cell.int_range")
    return value


def _integer(v: Any, col: Column) -> int | Bad | None:
    if is_missing(v):
        return None
    if isinstance(v, (bool, np.bool_, datetime, date)):
        return Bad("imp.cell.not_int")
    if isinstance(v, Percent):  # 100% in a count is not the count 1
        return Bad("imp.cell.not_pct")
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        if not math.isfinite(v):
            return Bad("imp.cell.not_finite")
        return int(v) if float(v).is_integer() else Bad("imp.cell.fraction")
    number = _number_text(str(v), col)
    if isinstance(number, Bad):
        return number
    if isinstance(number, float):
        return Bad("imp.cell.not_finite")
    if number != number.to_integral_value():
        return Bad("imp.cell.fraction")
    return int(number)


def parse_double(v: Any, col: Column) -> float | Bad | None:
    if is_missing(v):
        return None
    if isinstance(v, (bool, np.bool_, datetime, date)):
        return Bad("imp.cell.not_number")
    if isinstance(v, Percent):
        # an Excel percentage cell: 0.913 is 91.3 in a % column; in a column of another unit
        # it is refused as "91.3%" typed in a CSV is (neither 0.913 nor 91.3 can be assumed)
        return round(float(v) * 100, 10) if col.unit == "%" else Bad("imp.cell.not_pct")
    if isinstance(v, (int, float, np.integer, np.floating)):
        return float(v)
    number = _number_text(str(v), col)
    return number if isinstance(number, Bad) else float(number)


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
_QUARTER_NUMBER = re.compile(r"^(\d{4})[-\s]?Q([1-4])$", re.IGNORECASE)
_QUARTER_ZH = re.compile(r"^(\d{4})年第?([1-4一二三四])季度?$")
_MONTH = (re.compile(r"^(\d{4})年(\d{1,2})月$"), re.compile(r"^(\d{4})[-/.](\d{1,2})$"))
_EXCEL_EPOCH = date(1899, 12, 30)
_ZH_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4}


def _make_date(y: int, m: int, d: int) -> date | Bad:
    try:
        return date(y, m, d)
    except ValueError:
        return Bad("imp.cell.invalid_date")


def parse_date(v: Any, col: Column) -> date | Bad | None:
    quarter = is_quarter(col)
    if is_missing(v):
        return None
    if isinstance(v, (datetime, pd.Timestamp)):
        return v.date()
    if isinstance(v, date):
        return v
    if isinstance(v, np.datetime64):
        return pd.Timestamp(v).date()
    bad = Bad("imp.cell.not_quarter" if quarter else "imp.cell.not_date")
    if isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool):
        # an Excel date in a cell formatted as a number: days since 1899-12-30, taken only
        # as a whole number within the plausible years (2000 to next year)
        first = (date(2000, 1, 1) - _EXCEL_EPOCH).days
        last = (date(date.today().year + 1, 12, 31) - _EXCEL_EPOCH).days
        if math.isfinite(v) and float(v).is_integer() and first <= v <= last:
            return _EXCEL_EPOCH + timedelta(days=int(v))
        return bad
    if not isinstance(v, str):
        return bad
    s = _nfkc(v).replace(" 00:00:00", "")
    for pattern in _DATE_PATTERNS:
        m = pattern.match(s)
        if m:
            return _make_date(int(m[1]), int(m[2]), int(m[3]))
    if not quarter:
        return bad
    m = _QUARTER_NUMBER.match(s) or _QUARTER_ZH.match(s.replace(" ", ""))
    if m:
        q = _ZH_DIGITS.get(m[2]) or int(m[2])
        return date(int(m[1]), 3 * q - 2, 1)
    for pattern in _MONTH:
        m = pattern.match(s)
        if m:
            month = int(m[2])
            if not 1 <= month <= 12:
                return Bad("imp.cell.invalid_date")
            if month not in (1, 4, 7, 10):
                return Bad("imp.cell.quarter_month")
            return date(int(m[1]), month, 1)
    return bad


_TRUE = {"是", "true", "t", "yes", "y", "1", "成功", "√", "对"}
_FALSE = {"否", "false", "f", "no", "n", "0", "失败", "×", "错"}


def parse_boolean(v: Any, col: Column) -> bool | Bad | None:
    if is_missing(v):
        return None
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, float, np.integer, np.floating)) and v in (0, 1):
        return bool(v)
    s = _nfkc(str(v)).lower()
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    return Bad("imp.cell.not_bool")


def _canonical(col: Column) -> dict[str, str]:
    return {_nfkc(a): a for a in col.allowed or ()}


def parse_text(v: Any, col: Column) -> str | Bad | None:
    if is_missing(v):
        return None
    if isinstance(v, (bool, np.bool_)):
        return Bad("imp.cell.text_type")
    if isinstance(v, (datetime, pd.Timestamp)):
        v = v.date().isoformat() if v.time() == datetime.min.time() else v.isoformat()
    elif isinstance(v, date):
        v = v.isoformat()
    elif isinstance(v, (float, np.floating)):
        if not math.isfinite(v):
            return Bad("imp.cell.text_type")
        # an id typed as a number in Excel: 101.0 was written 101
        v = str(int(v)) if float(v).is_integer() else repr(float(v))
    s = str(v).strip()
    s = restored(s)  # our own exports write ' before a formula's start: read back as it was
    if len(s) > MAX_TEXT:
        return Bad("imp.cell.too_long", (("length", len(s)), ("limit", MAX_TEXT)))
    if col.name.endswith("_id"):
        return _nfkc(s)
    if col.allowed and s not in col.allowed:
        return _canonical(col).get(_nfkc(s), s)
    return s


# What Excel writes in a cell whose formula failed; never a value.
EXCEL_ERRORS = frozenset(
    {"#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
)

PARSERS = {
    "VARCHAR": parse_text,
    "INTEGER": parse_integer,
    "DOUBLE": parse_double,
    "DATE": parse_date,
    "BOOLEAN": parse_boolean,
}


def _typed(series: pd.Series, col: Column, timestamps: bool = False) -> pd.Series | None:
    """The column converted whole when it already holds the contract's type, else None."""
    dtype = series.dtype
    if (
        col.type == "DOUBLE"
        and pd.api.types.is_numeric_dtype(dtype)
        and not pd.api.types.is_bool_dtype(dtype)
    ):
        return series.astype("float64")
    if (
        col.type == "INTEGER"
        and pd.api.types.is_integer_dtype(dtype)
        and not ((series < INT_MIN) | (series > INT_MAX)).any()
    ):
        return series.astype("Int64")
    if col.type == "BOOLEAN" and pd.api.types.is_bool_dtype(dtype):
        return series.astype("boolean")
    if col.type == "DATE" and pd.api.types.is_datetime64_any_dtype(dtype):
        if timestamps:
            return series
        return pd.Series(
            [None if pd.isna(v) else v.date() for v in series], index=series.index, dtype=object
        )
    if (
        col.type == "VARCHAR"
        and pd.api.types.is_string_dtype(dtype)
        and not pd.api.types.is_object_dtype(dtype)
    ):
        return series.str.strip().replace("", pd.NA).astype("str")
    return None


def convert(
    series: pd.Series, col: Column, timestamps: bool = False
) -> tuple[pd.Series, list[tuple[Any, Any, Bad]]]:
    """``series`` as the contract type of ``col``, and the cells that could not be read:
    (index label, raw value, reason). ``timestamps``: a timestamp column is kept as it is
    (a check of the data in force needs no date objects) instead of becoming dates."""
    whole = _typed(series, col, timestamps)
    if whole is not None:
        return whole, []
    parse = PARSERS[col.type]
    values = series.to_numpy(dtype=object)
    if len(values) >= _FACTORIZE_FROM and pd.api.types.infer_dtype(values, skipna=False) == (
        "string"
    ):
        typed, bad = _convert_texts(series.index, values, col, parse)
    else:
        typed, bad = _convert_cells(series, col, parse)
    if col.type == "DATE":
        return typed, bad
    if col.type == "DOUBLE":
        return pd.to_numeric(typed.astype(object).where(typed.notna(), np.nan)).astype(
            "float64"
        ), bad
    return typed.astype(DTYPES[col.type]), bad


# a column of this many cells, all of them text (ids, names, quarters as written), is parsed
# through pandas' factorize: the distinct texts found in C, not in a Python loop per cell
_FACTORIZE_FROM = 10_000


def _convert_texts(
    index: pd.Index, values: np.ndarray, col: Column, parse
) -> tuple[pd.Series, list[tuple[Any, Any, Bad]]]:
    codes, uniques = pd.factorize(values)
    parsed = [Bad("imp.cell.excel_error") if u in EXCEL_ERRORS else parse(u, col) for u in uniques]
    failed = np.array([isinstance(v, Bad) for v in parsed], dtype=bool)
    kept = np.array([None if isinstance(v, Bad) else v for v in parsed] + [None], dtype=object)
    typed = pd.Series(kept[codes], index=index, dtype=object)
    bad: list[tuple[Any, Any, Bad]] = []
    if failed.any():
        at = np.flatnonzero(failed[codes])
        labels = index[at].tolist()
        bad = [(labels[i], values[j], parsed[codes[j]]) for i, j in enumerate(at.tolist())]
    return typed, bad


def _convert_cells(
    series: pd.Series, col: Column, parse
) -> tuple[pd.Series, list[tuple[Any, Any, Bad]]]:
    # parsed once per distinct value; a text is its own key (no other type equals it),
    # other values are keyed with their type (0.5 and an Excel percentage 0.5 differ)
    memo: dict[Any, Any] = {}
    out: list[Any] = []
    bad: list[tuple[Any, Any, Bad]] = []
    for label, raw in zip(series.index.tolist(), series.tolist(), strict=True):
        key = raw if raw.__class__ is str else (raw.__class__, raw)
        try:
            value = memo[key]
        except KeyError:
            value = memo[key] = (
                Bad("imp.cell.excel_error") if key in EXCEL_ERRORS else parse(raw, col)
            )
        except TypeError:  # an unhashable cell: parse it alone
            value = parse(raw, col)
        if isinstance(value, Bad):
            bad.append((label, raw, value))
            value = None
        out.append(value)
    return pd.Series(out, index=series.index, dtype=object), bad
