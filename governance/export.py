"""Tables as files a Chinese office opens directly: CSV in UTF-8 with BOM, Excel with labels."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import date

import pandas as pd

from governance import tableformat
from governance.i18n import categories
from governance.labels import header
from governance.text import neutralised


def labelled(
    df: pd.DataFrame,
    lang: str = "zh",
    labels: Mapping[str, str] | None = None,
    table: str | None = None,
) -> pd.DataFrame:
    """``df`` with headers in ``lang``: explicit ``labels`` first, then :func:`labels.header`
    (the contract's label — of ``table`` when given —, the registry's, the catalog's ``col.*``);
    a column none of them knows keeps its name."""
    given = dict(labels or {})
    names = {
        col: given[col] if col in given else (header(col, lang, table=table) or col)
        for col in df.columns
    }
    return df.rename(columns=names)


def plain_dates(df: pd.DataFrame) -> pd.DataFrame:
    """Date columns as plain dates (DuckDB DATE arrives as a timestamp at midnight)."""
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.date
    return out


def _is_date(value: object) -> bool:
    """A real date (NaT is a datetime too, and would print as "NaT")."""
    return isinstance(value, date) and not pd.isna(value)


def for_display(df: pd.DataFrame) -> pd.DataFrame:
    """Rows to show on screen: dates as ``YYYY-MM-DD`` and a missing date or text as "—"
    (not Python's "None"); each column stays of one type, as Arrow needs."""
    out = plain_dates(df)
    for col in out.columns:
        if out[col].dtype != object and not pd.api.types.is_string_dtype(out[col]):
            continue
        present = out[col].dropna()
        if present.map(_is_date).all():
            out[col] = [v.isoformat() if _is_date(v) else "—" for v in out[col]]
        elif present.map(lambda v: isinstance(v, str)).all():
            out[col] = out[col].astype(object).where(out[col].notna(), "—")
    return out


def _neutral(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with every text cell and header neutralised (numbers and dates untouched; the
    rule is governance/text.py's, shared by every office file the app writes)."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralised, na_action="ignore")
    out.columns = [neutralised(c) for c in out.columns]
    return out


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so Excel on a Chinese Windows reads it correctly; whole
    numbers without a trailing ".0"."""
    out = tableformat.whole_numbers(_neutral(plain_dates(df)))
    return out.to_csv(index=False).encode("utf-8-sig")


# XlsxWriter writes each value as what it is (a text is never read as a formula or a link:
# the cells are neutralised besides); NaN and missing values are left empty.
_BOOK_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "default_date_format": "yyyy-mm-dd",
    "remove_timezone": True,  # a time with its zone is written as the local time it shows
    "in_memory": True,
}


EXCEL_CELL_CHARS = 32_767  # the most a cell holds (XlsxWriter stops a column at a longer one)


def _cells(column: pd.Series) -> list[object]:
    """A column's values as XlsxWriter writes them: plain Python values, None for a missing
    one (NaN, NaT, pd.NA: an empty cell, as pandas wrote them), a text cut to what a cell
    holds."""
    missing = column.isna().tolist()
    return [
        None if gone else v[:EXCEL_CELL_CHARS] if isinstance(v, str) else v
        for v, gone in zip(column.astype(object), missing, strict=True)
    ]


def to_xlsx_bytes(
    df: pd.DataFrame,
    sheet: str = "数据",
    formats: Mapping[str, str | None] | None = None,
    info: Sequence[tuple[str, str]] | None = None,
    info_sheet: str = "说明",
    lang: str = "zh",
    title: str = "",
) -> bytes:
    """An Excel workbook: bold header row, a number format per column (``formats``: header ->
    Excel number_format; by default found from the headers' units and the column types),
    columns fitted, an autofilter, the header row frozen. ``info`` (label, value) rows — scope,
    period, data date — go on a first sheet ``info_sheet``; the data sheet is the one opened.
    ``title``: a line above the header row on the data sheet (what the table is, its scope and
    date), neutralised like every cell.

    Written by XlsxWriter a column at a time (3-4x faster than pandas through openpyxl, which
    made a 60,000-row table wait 7.5 s)."""
    import xlsxwriter

    if formats is None:
        formats = {h: f.excel for h, f in tableformat.column_formats(df, lang).items()}
    sheet, info_sheet = sheet[:31], info_sheet[:31]
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, _BOOK_OPTIONS)
    bold = book.add_format({"bold": True})
    if info:
        about = _neutral(pd.DataFrame([(str(k), str(v)) for k, v in info]))
        ws_info = book.add_worksheet(info_sheet)
        for column in (0, 1):
            texts = [str(v) for v in about[column]]
            ws_info.write_column(0, column, texts, bold if column == 0 else None)
            ws_info.set_column(column, column, min(max(map(_width, texts)) + 2, 80))
    ws = book.add_worksheet(sheet)
    top = 1 if title else 0  # the header row's index (0-based) below the title line
    if title:
        ws.write_string(0, 0, str(neutralised(title)), book.add_format({"bold": True, "size": 14}))
    data = _neutral(plain_dates(df))
    for i, (col, shown) in enumerate(zip(df.columns, data.columns, strict=True)):
        number_format = formats.get(col)
        cell_format = book.add_format({"num_format": number_format}) if number_format else None
        ws.write_string(top, i, str(shown), bold)
        ws.write_column(top + 1, i, _cells(data.iloc[:, i]), cell_format)
        sample = [str(col)] + [_sample(v, number_format) for v in df[col].head(200)]
        # bold headers and the filter button need a little more than the text
        width = max(_width(text) for text in sample)
        ws.set_column(i, i, min(max(width + 2, 8), 60))
    ws.freeze_panes(top + 1, 0)
    if len(df.columns):
        ws.autofilter(top, 0, top + len(df), len(df.columns) - 1)
    ws.activate()  # the data sheet is the one opened (and the only one selected)
    book.close()
    return buffer.getvalue()


def _width(text: str) -> int:
    """Display width: a Chinese character is about two Latin ones wide."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _sample(value: object, number_format: str | None) -> str:
    """A cell's text as Excel shows it, near enough to fit the column width."""
    if number_format and isinstance(value, int | float) and not pd.isna(value):
        decimals = len(number_format.split(".")[1]) if "." in number_format else 0
        sep = "," if "," in number_format else ""
        return format(float(value), f"{sep}.{decimals}f")
    if isinstance(value, pd.Timestamp | date):
        return "2011-12-26"
    return str(value)


def _formatted(
    df: pd.DataFrame,
    lang: str,
    labels: Mapping[str, str] | None,
    table: str | None,
    units: Mapping[str, str] | None,
) -> tuple[pd.DataFrame, dict[str, tableformat.ColumnFormat]]:
    headers = dict(zip(df.columns, labelled(df.head(0), lang, labels, table).columns, strict=True))
    formats = tableformat.column_formats(df, lang, headers, table, units)
    # Category values (乱停车, 企业...) in the table's language, on screen and in files alike.
    out = categories.frame(df, lang).rename(columns={name: f.header for name, f in formats.items()})
    return out, {formats[name].header: formats[name] for name in df.columns}


def for_screen(
    df: pd.DataFrame,
    lang: str = "zh",
    labels: Mapping[str, str] | None = None,
    table: str | None = None,
    units: Mapping[str, str] | None = None,
) -> tuple[pd.DataFrame, dict[str, str]]:
    """Rows to show (see :func:`for_display`) under headers with their units, and the printf
    format of each numeric column by header (numbers stay numbers, so the table sorts)."""
    out, formats = _formatted(for_display(df), lang, labels, table, units)
    return out, {h: f.printf for h, f in formats.items() if f.printf}


def for_file(
    df: pd.DataFrame,
    lang: str = "zh",
    labels: Mapping[str, str] | None = None,
    table: str | None = None,
    units: Mapping[str, str] | None = None,
) -> tuple[pd.DataFrame, dict[str, str | None]]:
    """Rows to write under headers with their units, and each column's Excel number format."""
    out, formats = _formatted(df, lang, labels, table, units)
    return out, {h: f.excel for h, f in formats.items()}
