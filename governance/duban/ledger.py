"""The 督办台账: the follow-up items as an Excel download, the 督办 page's columns.

One sheet, a title line naming the scope and the day the days overdue are counted to, then
the table (``viewmodels.duban.frame``: the page's columns), written by the one Excel
writer of the downloads (governance/export.to_xlsx_bytes: bold header, fitted columns, an
autofilter, every text cell through governance/text.neutralised). Plain Python, no
Streamlit: the page's download button and anything else call :func:`workbook` and
:func:`file_name`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from governance import export, tableformat
from governance.i18n import t
from governance.viewmodels.duban import COLUMNS, Row, frame, header


def workbook(rows: Sequence[Row], lang: str, scope_label: str, day: date) -> bytes:
    """The .xlsx bytes: one sheet 督办台账 with a title line (scope, date, how many items)
    above the table of ``rows`` (the caller gives the rows of the user's scope)."""
    title = t("duban.ledger.title", lang, scope=scope_label, day=day.isoformat(), n=len(rows))
    formats = {header(c, lang): None for c in COLUMNS}  # every column as text
    formats[header("id", lang)] = "0"
    return export.to_xlsx_bytes(
        frame(rows, lang),
        t("duban.ledger.sheet", lang),
        formats=formats,
        lang=lang,
        title=title,
    )


def file_name(scope_label: str, day: date, lang: str) -> str:
    """``督办台账_全镇_2011-12-26.xlsx`` / ``follow-ups_Town_2011-12-26.xlsx``: safe on any
    disk (no slash, colon, quote or blank from a scope's name)."""
    stem = tableformat.file_stem(t("duban.ledger.file", lang), scope_label, day.isoformat())
    return f"{stem}.xlsx"
