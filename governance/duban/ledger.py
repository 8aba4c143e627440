"""The 督办台账: the follow-up items as an Excel download, the 督办 page's columns.

One sheet, a title line naming the scope and the day the days overdue are counted to, then
the table (:func:`sheet`: the columns of ``viewmodels.duban.frame``), written by the one Excel
writer of the downloads (governance/export.to_xlsx_bytes: bold header, fitted columns, an
autofilter, every text cell through governance/text.neutralised). Plain Python, no
Streamlit: the page's download button and anything else call :func:`workbook` and
:func:`file_name`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd

from governance import export, tableformat
from governance.i18n import t
from governance.viewmodels.duban import COLUMNS, Row


def sheet(rows: Sequence[Row], lang: str) -> pd.DataFrame:
    """The rows as the 台账's table: ``viewmodels.duban.frame``'s columns and headers, each
    text as typed (a spreadsheet does not read Markdown, so no Markdown escapes here: the
    writer neutralises formulas)."""
    sep = "；" if lang != "en" else "; "
    data = {
        "id": [r.id for r in rows],
        "title": [r.title for r in rows],
        "subject": [r.subject for r in rows],
        "community": [r.community for r in rows],
        "unit": [r.unit for r in rows],
        "person": [r.person for r in rows],
        "deadline": [r.deadline.isoformat() for r in rows],
        "status": [r.status_text for r in rows],
        "when": [r.when for r in rows],
        "feedback": [r.feedback for r in rows],
        "notes": [sep.join(r.notes) for r in rows],
        "meeting": [
            t("duban.meeting_no", lang, id=r.meeting_id) if r.meeting_id else "" for r in rows
        ],
        "evaluation": [r.evaluation for r in rows],
    }
    out = pd.DataFrame(data, columns=list(COLUMNS))
    return out.rename(columns={c: t(f"duban.col.{c}", lang) for c in COLUMNS})


def workbook(rows: Sequence[Row], lang: str, scope_label: str, day: date) -> bytes:
    """The .xlsx bytes: one sheet 督办台账 with a title line (scope, date, how many items)
    above the table of ``rows`` (the caller gives the rows of the user's scope)."""
    title = t("duban.ledger.title", lang, scope=scope_label, day=day.isoformat(), n=len(rows))
    formats = {t(f"duban.col.{c}", lang): None for c in COLUMNS}  # every column as text
    formats[t("duban.col.id", lang)] = "0"
    return export.to_xlsx_bytes(
        sheet(rows, lang),
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
