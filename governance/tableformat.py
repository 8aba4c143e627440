"""How a table's columns are shown and written: one rule for the screen, Excel and file names.

A column's unit comes from, in order: the caller (``units``), the unit already written in its
header ("应缴金额（元）"), the data contract (``Column.unit``), the measure registry (a column
named after a measure) and the column's name (``*_yuan``, ``*_pct``, ``*_m2``, ``year``). The unit
decides the header suffix (元, %, 分, 平方米, 天), the number of decimals on screen (a printf
format for Streamlit's NumberColumn, so a table still sorts by number) and the Excel
``number_format``. Counts are whole numbers with thousands separators; years have none.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import pandas as pd

from governance.contract import TABLES
from governance.indicators import REGISTRY


@dataclass(frozen=True)
class Unit:
    zh: str  # header suffix in Chinese ("" = none)
    en: str  # header suffix in English
    printf: str  # Streamlit NumberColumn format
    excel: str  # Excel number_format


UNITS: dict[str, Unit] = {
    "元": Unit("元", "yuan", "%,.2f", "#,##0.00"),
    "万元": Unit("万元", "10k yuan", "%,.2f", "#,##0.00"),
    "平方米": Unit("平方米", "m²", "%,.0f", "#,##0"),
    "分": Unit("分", "points", "%.1f", "0.0"),
    "%": Unit("%", "%", "%.1f", "0.0"),  # values already in per cent (48.8, not 0.488)
    "天": Unit("天", "days", "%.1f", "0.0"),
    "起/万人": Unit("起/万人", "per 10k", "%.2f", "0.00"),
    "年": Unit("", "", "%d", "0"),  # a year: 2011, never 2,011
}
COUNT = Unit("", "", "%,d", "#,##0")
WHOLE = Unit("", "", "%,.0f", "#,##0")
DECIMAL = Unit("", "", "%,.1f", "#,##0.0")
SMALL_DECIMAL = Unit("", "", "%,.2f", "#,##0.00")
DATE_EXCEL = "yyyy-mm-dd"

# The registry's units in the contract's words.
_MEASURE_UNITS = {"pct": "%", "score": "分", "days": "天", "yuan": "元", "per10k": "起/万人"}
_CONTRACT: dict[str, dict[str, str]] = {
    t.name: {c.name: c.unit for c in t.columns if c.unit} for t in TABLES
}


def _units_by_column() -> Mapping[str, str]:
    """Each column name's unit, as the first contract table holding that column gives it."""
    found: dict[str, str] = {}
    for units in _CONTRACT.values():
        for name, unit in units.items():
            found.setdefault(name, unit)
    return MappingProxyType(found)


_ANY_TABLE = _units_by_column()  # a fixed lookup of the contract, read-only

# A unit already in a header: "收缴率（%）", "Billed (yuan)", "一级预算经费（万元）".
_IN_HEADER = re.compile(r"[（(]([^（）()]+)[）)]\s*$")
_HEADER_WORDS = {u.en: k for k, u in UNITS.items() if u.en} | {k: k for k in UNITS}


@dataclass(frozen=True)
class ColumnFormat:
    header: str  # the header to show, with its unit
    printf: str | None  # NumberColumn format; None for text, dates and yes/no
    excel: str | None  # Excel number_format; None for text
    unit: str = ""  # the unit key found ("" = none)


def _unit_of(name: str, header: str, table: str | None, units: Mapping[str, str]) -> str:
    if name in units:
        return units[name]
    found = _IN_HEADER.search(header)
    if found and found.group(1).strip() in _HEADER_WORDS:
        return _HEADER_WORDS[found.group(1).strip()]
    if table is not None and name in _CONTRACT.get(table, {}):
        return _CONTRACT[table][name]
    if name in _ANY_TABLE:
        return _ANY_TABLE[name]
    base = name.removesuffix("_value")
    measure = REGISTRY.get(base)  # read at use: a measure registered later has its unit
    if measure is not None and measure.unit in _MEASURE_UNITS:
        return _MEASURE_UNITS[measure.unit]
    if name.endswith("_yuan"):
        return "元"
    if name.endswith("_pct") or name.endswith("_rate") or name == "rate":
        return "%"
    if name.endswith("_m2"):
        return "平方米"
    if "days" in name.split("_"):
        return "天"
    if name == "year" or header in ("年度", "年份", "Year"):
        return "年"
    return ""


def _whole(series: pd.Series) -> bool:
    present = series.dropna()
    return bool(len(present)) and bool((present == present.round()).all())


def _number_unit(series: pd.Series, unit: str) -> Unit:
    if unit == "天" and pd.api.types.is_integer_dtype(series):  # a case's days: 6, not 6.0
        return Unit(UNITS[unit].zh, UNITS[unit].en, COUNT.printf, COUNT.excel)
    if unit in UNITS:
        return UNITS[unit]
    if pd.api.types.is_integer_dtype(series):
        return COUNT
    if _whole(series):
        return WHOLE
    present = series.dropna()
    small = len(present) and float(present.abs().max()) < 10
    return SMALL_DECIMAL if small else DECIMAL


def with_unit(header: str, unit: str, lang: str) -> str:
    """``header`` with its unit in brackets, unless it already has one or names it (平均结案天数,
    Mean days to close, 首轮%)."""
    spec = UNITS.get(unit)
    suffix = (spec.en if lang == "en" else spec.zh) if spec else ""
    if not suffix or _IN_HEADER.search(header) or suffix.lower() in header.lower():
        return header
    return f"{header} ({suffix})" if lang == "en" else f"{header}（{suffix}）"


def column_formats(
    df: pd.DataFrame,
    lang: str = "zh",
    headers: Mapping[str, str] | None = None,
    table: str | None = None,
    units: Mapping[str, str] | None = None,
) -> dict[str, ColumnFormat]:
    """Per column of ``df`` (by its name): the header with its unit, the screen format and the
    Excel format. ``headers`` gives the label of a column (default: its name)."""
    headers = dict(headers or {})
    units = dict(units or {})
    out: dict[str, ColumnFormat] = {}
    for name in df.columns:
        series = df[name]
        header = str(headers.get(name, name))
        unit = _unit_of(str(name), header, table, units)
        if pd.api.types.is_bool_dtype(series):
            out[name] = ColumnFormat(header, None, None)
        elif pd.api.types.is_datetime64_any_dtype(series):
            out[name] = ColumnFormat(header, None, DATE_EXCEL)
        elif pd.api.types.is_numeric_dtype(series):
            spec = _number_unit(series, unit)
            out[name] = ColumnFormat(with_unit(header, unit, lang), spec.printf, spec.excel, unit)
        else:
            out[name] = ColumnFormat(header, None, None, unit)
    return out


def whole_numbers(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with each float column holding only whole numbers as a nullable integer, so a
    CSV says 12, not 12.0."""
    out = df.copy()
    for name in out.columns:
        series = out[name]
        if pd.api.types.is_float_dtype(series) and (_whole(series) or series.isna().all()):
            out[name] = series.round().astype("Int64")
    return out


# ---- file names ----------------------------------------------------------------------------------

_UNSAFE = re.compile(r'[\\/:*?"<>|\s\x00-\x1f]+')


def period_label(period_from: str, period_to: str) -> str:
    """2011Q4 for one quarter, 2010Q1-2011Q4 for a range (quarter labels as in the URL)."""
    return period_to if period_from == period_to else f"{period_from}-{period_to}"


def scope_label(names: list[str], lang: str = "zh") -> str:
    """全镇 for no community chosen, the name of one, N个社区 for several."""
    if not names:
        return "Town" if lang == "en" else "全镇"
    if len(names) == 1:
        return names[0]
    return f"{len(names)} communities" if lang == "en" else f"{len(names)}个社区"


def file_stem(title: str, scope: str, period: str) -> str:
    """``物业费收缴明细_彩虹社区_2011Q4``: title, scope and period, safe as a file name."""
    parts = [_UNSAFE.sub("-", p.strip()).strip("-.") for p in (title, scope, period)]
    return "_".join(p for p in parts if p)
