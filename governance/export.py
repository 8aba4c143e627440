"""Tables as files a Chinese office opens directly: CSV in UTF-8 with BOM, Excel with labels."""

from __future__ import annotations

import io
from collections.abc import Mapping

import pandas as pd

from governance.contract import TABLES

# Contract labels for every column name the contract knows (first definition wins).
_CONTRACT_LABELS: dict[str, tuple[str, str]] = {}
for _table in TABLES:
    for _col in _table.columns:
        _CONTRACT_LABELS.setdefault(_col.name, (_col.label_zh, _col.label_en))


def labelled(
    df: pd.DataFrame, lang: str = "zh", labels: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """``df`` with headers in ``lang``: explicit ``labels`` first, then the contract's labels."""
    labels = dict(labels or {})
    names = {}
    for col in df.columns:
        if col in labels:
            names[col] = labels[col]
        elif col in _CONTRACT_LABELS:
            zh, en = _CONTRACT_LABELS[col]
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


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so Excel on a Chinese Windows reads it correctly."""
    return plain_dates(df).to_csv(index=False).encode("utf-8-sig")


def to_xlsx_bytes(df: pd.DataFrame, sheet: str = "数据") -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        plain_dates(df).to_excel(writer, index=False, sheet_name=sheet[:31])
    return buffer.getvalue()
