"""Workbooks of the importer: the report of every problem, and templates from the contract."""

from __future__ import annotations

import io
from datetime import date

from governance.contract import TABLES, TABLES_BY_NAME, Column, Table
from governance.i18n import t
from governance.importer.problems import Report
from governance.importer.values import is_quarter
from governance.text import neutralised


def _fit(ws, widths: list[int]) -> None:
    from openpyxl.utils import get_column_letter

    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(max(w + 2, 8), 60)


def _width(text: object) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(text))


def report_xlsx(report: Report, lang: str = "zh") -> bytes:
    """Every problem, errors first: file, sheet, row, column label and name, value, reason."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = t("imp.report.sheet", lang)
    # a problem's column by its label and name, headed as the template's About sheet heads them
    keys = ("severity", "file", "sheet_col", "table", "row")
    header = [*(t(f"imp.report.{k}", lang) for k in keys), t("imp.tpl.column", lang)]
    header += [t("imp.tpl.name", lang), t("imp.report.value", lang), t("imp.report.reason", lang)]
    ws.append(header)
    widths = [_width(h) for h in header]
    for p in report.errors + report.warnings:
        label = p.column_label_en if lang == "en" else p.column_label_zh
        reason = p.reason_en if lang == "en" and p.reason_en else p.reason_zh
        row = [
            t("imp.msg.error" if p.is_error else "imp.msg.warning", lang),
            p.file,
            p.sheet or "",
            p.table or "",
            t("imp.msg.kept", lang) if p.in_force and p.row is None else p.row,
            label or "",
            p.column_name or "",
            p.value,
            reason,
        ]
        row = [neutralised(v) for v in row]  # a formula's start made harmless
        ws.append(row)
        widths = [
            max(w, _width(v if v is not None else "")) for w, v in zip(widths, row, strict=True)
        ]
    if not report.problems:
        ws.append([t("imp.report.none", lang)])
    ws.freeze_panes = "A2"
    _fit(ws, widths)
    summary = book.create_sheet(t("imp.report.summary", lang))
    summary.append([t("imp.report.errors", lang), len(report.errors)])
    summary.append([t("imp.report.warnings", lang), len(report.warnings)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def header_text(c: Column) -> str:
    """A template header: the Chinese label with its unit, as the reader accepts it."""
    return f"{c.label_zh}（{c.unit}）" if c.unit else c.label_zh


def example_value(table: Table, c: Column) -> object:
    """One plausible value of ``c``, from the contract alone (no data needed)."""
    if c.allowed:
        return c.allowed[0]
    if c.type == "DATE":
        return date(2011, 10, 1) if is_quarter(c) else date(2011, 10, 12)
    if c.type == "BOOLEAN":
        return "是"
    if c.type in ("INTEGER", "DOUBLE"):
        lo = c.min if c.min is not None else 0
        hi = c.max if c.max is not None else max(lo, 0) + 100
        mid = (lo + hi) / 2 if c.max is not None else lo + 100
        return int(mid) if c.type == "INTEGER" else round(float(mid), 1)
    if c.fk:
        parent = c.fk.split(".")[0]
        return {
            "communities": "C01",
            "households": "H000001",
            "stairwells": "S0001",
            "property_companies": "P01",
            "buildings": "B001",
        }.get(parent, "X001")
    if c.name.endswith("_id"):
        return f"{table.name[:2].upper()}0001"
    return "示例" if not c.name.endswith("_en") else "Example"


def _range(c: Column) -> str:
    if c.min is None and c.max is None:
        return ""
    lo = "" if c.min is None else f"{c.min:g}"
    hi = "" if c.max is None else f"{c.max:g}"
    return f"{lo} – {hi}"


def _about_rows(table: Table, lang: str) -> list[list[object]]:
    rows = []
    for c in table.columns:
        kind = "QUARTER" if is_quarter(c) else c.type
        key = []
        if c.name in table.key:
            key.append(t("imp.tpl.pk", lang))
        if c.fk:
            parent = TABLES_BY_NAME[c.fk.split(".")[0]]
            label = parent.label_en if lang == "en" else parent.label_zh
            key.append(t("imp.tpl.fk", lang, target=f"{label}（{c.fk}）"))
        rows.append(
            [
                header_text(c),
                c.name,
                c.label_en,
                t(f"imp.tpl.type.{kind}", lang),
                c.unit,
                _range(c),
                "、".join(c.allowed or ()),
                "；".join(key),
                t("imp.tpl.yes" if c.nullable else "imp.tpl.no", lang),
            ]
        )
    return rows


def _write_data_sheet(ws, table: Table) -> None:
    header = [header_text(c) for c in table.columns]
    example = [example_value(table, c) for c in table.columns]
    ws.append(header)
    ws.append(example)
    formats = {"DATE": "yyyy-mm-dd", "VARCHAR": "@"}  # "@": ids keep their leading zeros
    for cell, c in zip(ws[2], table.columns, strict=True):
        if c.type in formats:
            cell.number_format = formats[c.type]
    ws.freeze_panes = "A2"
    _fit(ws, [max(_width(h), _width(e)) for h, e in zip(header, example, strict=True)])
    # rows typed in later take the column's format too
    for cell, c in zip(ws[2], table.columns, strict=True):
        if c.type in formats:
            ws.column_dimensions[cell.column_letter].number_format = formats[c.type]


def _sheet_title(table: Table) -> str:
    bad = set("[]:*?/\\")
    title = "".join(ch for ch in table.label_zh if ch not in bad)[:31]
    return title or table.name[:31]


def template_xlsx(table: str | None = None, lang: str = "zh") -> bytes:
    """A workbook to fill in: per table a sheet with the Chinese headers (units included) and
    one example row, and a sheet explaining every column. ``None``: every table."""
    from openpyxl import Workbook

    if table is not None and table not in TABLES_BY_NAME:
        raise KeyError(table)
    chosen = [TABLES_BY_NAME[table]] if table else list(TABLES)
    book = Workbook()
    book.remove(book.active)
    for tb in chosen:
        _write_data_sheet(book.create_sheet(_sheet_title(tb)), tb)
    about = book.create_sheet(t("imp.tpl.readme" if table else "imp.tpl.readme_all", lang))
    about.append([t("imp.tpl.intro", lang)])
    keys = ("column", "name", "label_en", "type", "unit", "range", "allowed", "key", "required")
    header = [t(f"imp.tpl.{k}", lang) for k in keys]
    if table is None:
        header = [t("imp.report.table", lang), *header]
    about.append(header)
    widths = [_width(h) for h in header]
    for tb in chosen:
        for row in _about_rows(tb, lang):
            if table is None:
                row = [f"{tb.label_zh}（{tb.name}）", *row]
            about.append(row)
            widths = [max(w, _width(v)) for w, v in zip(widths, row, strict=True)]
    _fit(about, widths)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
