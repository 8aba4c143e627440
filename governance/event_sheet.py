"""Events as a sheet (数据管理 → 事件标注): the template to fill in, reading an upload row by
row into drafts with a Chinese message naming the row and column of every problem, and the
export of the events in force (every text cell neutralised: a spreadsheet never runs one).
Plain Python, no Streamlit."""

from __future__ import annotations

import io
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from governance import events, state
from governance.i18n import t
from governance.indicators import REGISTRY
from governance.text import neutralised, restored

# The sheet's columns, in order: (event field, catalog key of its header).
COLUMNS: tuple[tuple[str, str], ...] = (
    ("start", "event.col.start"),
    ("end", "event.col.end"),
    ("communities", "event.col.communities"),
    ("platform", "col.platform"),
    ("indicator", "col.indicator"),
    ("category", "common.category"),
    ("text", "event.col.text"),
)
REQUIRED = ("start", "category", "text")
MAX_ROWS = 1_000
MAX_BYTES = 5 * 1024 * 1024
_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
_SEPARATORS = re.compile(r"[,，、;；\s]+")


@dataclass(frozen=True)
class RowProblem:
    row: int  # as Excel shows it (the header is row 1)
    column: str  # the column's header in the sheet's language
    reason: str

    def text(self, lang: str = "zh") -> str:
        return t("event.sheet.problem", lang, row=self.row, column=self.column, reason=self.reason)


@dataclass(frozen=True)
class Reading:
    drafts: tuple[tuple[int, events.Draft], ...]  # (row, draft), only when there is no problem
    problems: tuple[RowProblem, ...]
    error: str = ""  # the file itself cannot be read (then nothing else)


def header(field: str, lang: str) -> str:
    return t(dict(COLUMNS)[field], lang)


def template_xlsx(lang: str = "zh") -> bytes:
    """An empty sheet with the headers (Chinese, or English) and one example row."""
    example = {
        "start": "2011-07-15",
        "end": "2011-07-17",
        "communities": "C01,C02",
        "platform": "longterm",
        "indicator": "fee_collection_rate",
        "category": t("event.cat.weather", lang),
        "text": "台风影响，部分小区停收物业费" if lang == "zh" else "Typhoon: fees not collected",
    }
    frame = pd.DataFrame([{header(f, lang): example[f] for f, _ in COLUMNS}])
    return _xlsx(frame, lang)


def _xlsx(frame: pd.DataFrame, lang: str) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.map(neutralised).to_excel(writer, index=False, sheet_name=t("event.tab", lang))
        sheet = writer.sheets[t("event.tab", lang)]
        for i, column in enumerate(frame.columns):
            width = max([len(str(column)) * 2, *(len(str(v)) * 2 for v in frame[column])])
            sheet.column_dimensions[chr(ord("A") + i)].width = min(60, max(10, width))
        sheet.freeze_panes = "A2"
    return buffer.getvalue()


def export_xlsx(shown: Sequence[events.Event], lang: str, names: Mapping[str, str]) -> bytes:
    """The events as a sheet that reads back through :func:`read` (plus number, author, time)."""
    rows = []
    for e in shown:
        rows.append(
            {
                t("common.no", lang): e.id,
                header("start", lang): e.start.isoformat(),
                header("end", lang): e.end.isoformat() if e.end else "",
                header("communities", lang): ",".join(e.communities),
                header("platform", lang): e.platform or "",
                header("indicator", lang): e.indicator or "",
                header("category", lang): events.category_text(e.category, lang),
                header("text", lang): e.text,
                t("event.col.author", lang): e.author,
                t("event.col.at", lang): state.stamp(e.created_at),
            }
        )
    columns = [t("common.no", lang), *(header(f, lang) for f, _ in COLUMNS)]
    columns += [t("event.col.author", lang), t("event.col.at", lang)]
    return _xlsx(pd.DataFrame(rows, columns=columns), lang)


# ---- reading an upload -----------------------------------------------------------------------
def _blank(value: object) -> bool:
    return (
        value is None or (isinstance(value, float) and value != value) or str(value).strip() == ""
    )


def parse_date(value: object) -> date | None:
    if isinstance(value, datetime | pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value
    m = _DATE.match(str(value))
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _category(value: str) -> str | None:
    for c in events.CATEGORIES:
        labels = {c, t(f"event.cat.{c}", "zh"), t(f"event.cat.{c}", "en")}
        if value.strip().casefold() in {x.casefold() for x in labels}:
            return c
    return None


def _platform(value: str) -> str | None:
    for p in events.event_platforms():
        key = f"platform.{p}"  # outcomes too: platform.outcomes
        labels = {p, t(key, "zh"), t(key, "en")}
        if value.strip().casefold() in {x.casefold() for x in labels}:
            return p
    return None


def _indicator(value: str) -> str | None:
    wanted = value.strip().casefold()
    for i, m in REGISTRY.items():
        if wanted in (i.casefold(), m.label_zh.casefold(), m.label_en.casefold()):
            return i
    return None


def _frame(data: bytes, file_name: str) -> pd.DataFrame:
    if file_name.lower().endswith(".csv"):
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                return pd.read_csv(io.BytesIO(data), dtype=str, encoding=encoding)
            except UnicodeDecodeError:
                continue
        raise ValueError("encoding")
    return pd.read_excel(io.BytesIO(data), dtype=object, engine="openpyxl")


def read(data: bytes, file_name: str, known: Collection[str], lang: str = "zh") -> Reading:
    """The rows of an uploaded sheet as drafts, or every problem (row and column named)."""
    if len(data) > MAX_BYTES:
        return Reading((), (), t("event.sheet.bad_file", lang, reason=f"> {MAX_BYTES // 2**20} MB"))
    try:
        frame = _frame(data, file_name)
    except Exception as err:  # a broken or foreign file: said, never a traceback
        return Reading((), (), t("event.sheet.bad_file", lang, reason=type(err).__name__))
    by_header: dict[str, str] = {}
    for f, key in COLUMNS:
        for label in (t(key, "zh"), t(key, "en"), f):
            for column in frame.columns:
                if str(column).strip().casefold() == label.casefold():
                    by_header.setdefault(f, column)
    missing = [header(f, lang) for f in REQUIRED if f not in by_header]
    if missing:
        return Reading((), (), t("event.sheet.missing_columns", lang, columns="、".join(missing)))
    if frame.empty:
        return Reading((), (), t("event.sheet.empty", lang))
    if len(frame) > MAX_ROWS:
        return Reading((), (), t("event.sheet.too_many", lang, most=MAX_ROWS))
    drafts: list[tuple[int, events.Draft]] = []
    problems: list[RowProblem] = []
    for i, (_, raw) in enumerate(frame.iterrows()):
        row = i + 2
        cell = {f: raw[c] for f, c in by_header.items()}
        if all(_blank(v) for v in cell.values()):
            continue
        found: list[RowProblem] = []

        def bad(field: str, reason: str, found: list[RowProblem] = found, row: int = row) -> None:
            found.append(RowProblem(row, header(field, lang), reason))

        start = None if _blank(cell.get("start")) else parse_date(cell["start"])
        if start is None:
            bad("start", t("event.bad.start", lang))
        end = None
        if not _blank(cell.get("end")):
            end = parse_date(cell["end"])
            if end is None:
                bad("end", t("event.bad.start", lang))
        communities = ()
        if not _blank(cell.get("communities")):
            communities = tuple(c for c in _SEPARATORS.split(str(cell["communities"])) if c)
        platform = indicator = None
        if not _blank(cell.get("platform")):
            platform = _platform(str(cell["platform"]))
            if platform is None:
                bad("platform", t("event.bad.platform", lang, value=str(cell["platform"])))
        if not _blank(cell.get("indicator")):
            indicator = _indicator(str(cell["indicator"]))
            if indicator is None:
                bad("indicator", t("event.bad.indicator", lang, value=str(cell["indicator"])))
        category_raw = "" if _blank(cell.get("category")) else str(cell["category"])
        category = _category(category_raw) or category_raw or "?"
        text = "" if _blank(cell.get("text")) else restored(str(cell["text"]).strip())
        draft = events.Draft(start, end, communities, platform, indicator, category, text)
        for p in events.check(draft, known):
            if p.column in ("start", "platform", "indicator") and any(
                x.column == header(p.column, lang) for x in found
            ):
                continue  # already said, in the sheet's own words
            bad(p.column, p.text(lang))
        if found:
            problems.extend(found)
        else:
            drafts.append((row, draft))
    if not drafts and not problems:
        return Reading((), (), t("event.sheet.empty", lang))
    return Reading(tuple(drafts) if not problems else (), tuple(problems))
