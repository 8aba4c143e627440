"""Tables as files a Chinese office opens directly: CSV in UTF-8 with BOM, Excel with labels."""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import date

import pandas as pd

from governance.contract import TABLES

# A column name the contract labels differently in different tables gets a neutral label
# unless the caller names its table.
_NEUTRAL: dict[str, tuple[str, str]] = {
    "company_id": ("物业公司编号", "Company id"),
    "name_zh": ("名称", "Name (Chinese)"),
    "community_id": ("社区编号", "Community id"),
    "kind": ("类型", "Kind"),
    "members": ("人数", "Members"),
    "category": ("类别", "Category"),
    "score": ("得分", "Score"),
    "case_id": ("编号", "Case id"),
}
_CONTRACT_LABELS: dict[str, tuple[str, str]] = {}
for _table in TABLES:
    for _col in _table.columns:
        _CONTRACT_LABELS.setdefault(_col.name, (_col.label_zh, _col.label_en))
_CONTRACT_LABELS.update(_NEUTRAL)


def labelled(
    df: pd.DataFrame,
    lang: str = "zh",
    labels: Mapping[str, str] | None = None,
    table: str | None = None,
) -> pd.DataFrame:
    """``df`` with headers in ``lang``: explicit ``labels`` first, then the contract's labels
    (of ``table`` when given, else the label the column has throughout the contract)."""
    labels = dict(labels or {})
    own = {}
    if table is not None:
        own = {
            c.name: (c.label_zh, c.label_en) for t in TABLES if t.name == table for c in t.columns
        }
    names = {}
    for col in df.columns:
        if col in labels:
            names[col] = labels[col]
        elif col in own or col in _CONTRACT_LABELS:
            zh, en = own.get(col) or _CONTRACT_LABELS[col]
            names[col] = en if lang == "en" else zh
        else:
            names[col] = col
    return df.rename(columns=names)


def plain_dates(df: pd.DataFrame) -> pd.DataFrame:
    """Date columns as plain dates (DuckDB DATE arrives as a timestamp at midnight)."""
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.date
    return out


def for_display(df: pd.DataFrame) -> pd.DataFrame:
    """Rows to show on screen: dates as ``YYYY-MM-DD`` and a missing date or text as "—"
    (not Python's "None"); each column stays of one type, as Arrow needs."""
    out = plain_dates(df)
    for col in out.columns:
        if out[col].dtype != object and not pd.api.types.is_string_dtype(out[col]):
            continue
        present = out[col].dropna()
        if present.map(lambda v: isinstance(v, date)).all():
            out[col] = [v.isoformat() if isinstance(v, date) else "—" for v in out[col]]
        elif present.map(lambda v: isinstance(v, str)).all():
            out[col] = out[col].astype(object).where(out[col].notna(), "—")
    return out


# A text cell starting with one of these is run as a formula by Excel (CSV/formula injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value: object) -> object:
    """A text value that would start a formula, prefixed with ' so it stays text."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _neutral(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with every text cell and header neutralised (numbers and dates untouched)."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralised, na_action="ignore")
    out.columns = [neutralised(c) for c in out.columns]
    return out


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so Excel on a Chinese Windows reads it correctly."""
    return _neutral(plain_dates(df)).to_csv(index=False).encode("utf-8-sig")


def to_xlsx_bytes(df: pd.DataFrame, sheet: str = "数据") -> bytes:
    """An Excel workbook whose header row stays in view and whose columns fit their headers."""
    from openpyxl.utils import get_column_letter

    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        _neutral(plain_dates(df)).to_excel(writer, index=False, sheet_name=sheet[:31])
        ws = writer.sheets[sheet[:31]]
        ws.freeze_panes = "A2"
        for i, col in enumerate(df.columns, start=1):
            sample = [str(col)] + [str(v) for v in df[col].head(200)]
            # a Chinese character is about two Latin ones wide
            width = max(sum(2 if ord(ch) > 0x2E80 else 1 for ch in text) for text in sample)
            ws.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), 60)
    return buffer.getvalue()
