"""Reading the files offices have: .xlsx, .csv (UTF-8, BOM, GBK, GB18030) and .parquet.

A file becomes one frame per contract table: columns renamed to the contract's names (found
by name, Chinese or English label, in any order, below any title rows), values typed per the
contract, and two hidden columns — ``__row__`` (the row number as Excel shows it) and
``__sheet__``. Anything unreadable becomes a ``Problem`` naming file, sheet, row and column;
reading never raises on bad input.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

import pandas as pd

from governance.contract import TABLES, TABLES_BY_NAME, Table
from governance.importer import invisible
from governance.importer.cellmarks import PERCENT, workbook_marks
from governance.importer.parsed import ROW, SHEET, Parsed
from governance.importer.problems import (
    ERROR,
    MAX_PER_COLUMN,
    WARNING,
    Problem,
    cell_problems,
    more,
    problem,
)
from governance.importer.shapes import read_geojson
from governance.importer.values import Percent, convert, is_missing

# the kinds of file read; the page's uploader offers these and no other (.xls and .xlsm are
# refused by name, with what to do, when ``make import`` is handed one)
ACCEPTED = (".xlsx", ".csv", ".parquet", ".geojson", ".json")
# the first bytes of an old Excel file (.xls), and of an .xlsx saved with a password
OLE2 = b"\xd0\xcf\x11\xe0"
MB = 1024 * 1024
HEADER_SCAN_ROWS = 30
MAX_LINE = 1_000_000  # characters in one CSV line
MAX_COLUMNS = 500  # the widest contract table has a dozen
# a control character other than tab and line ends: a binary file, not a table
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Limits:
    """What one upload may hold; anything above is refused with a message, never parsed."""

    max_bytes: int = 50 * MB
    max_rows: int = 1_000_000
    # a zip bomb inflates a thousandfold; a million rows of the widest table (10 columns)
    # inflate to ≈450 MB as XlsxWriter writes them (inline strings), ≈220 MB at 5 columns
    max_xlsx_uncompressed: int = 512 * MB
    max_geojson_bytes: int = 20 * MB  # the communities' outlines (governance/importer/shapes.py)


def _size(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= MB / 10 else f"{n / 1024:.0f} KB"


def _norm(text: Any) -> str:
    """A header or sheet name compared loosely: full-width as ASCII, no spaces, lower case."""
    s = unicodedata.normalize("NFKC", str(text)).lower()
    return re.sub(r"[\s*＊]+", "", s)


def _aliases(t: Table) -> dict[str, str]:
    """Every header text that names a column of ``t``: name, labels, labels with the unit."""
    out: dict[str, str] = {}
    stripped: dict[str, list[str]] = {}
    for c in t.columns:
        for text in (c.name, c.label_zh, c.label_en):
            out[_norm(text)] = c.name
            if c.unit:
                out[_norm(f"{text}({c.unit})")] = c.name
            bare = re.sub(r"\(.*\)$", "", _norm(text))
            if bare and bare != _norm(text):
                stripped.setdefault(bare, []).append(c.name)
    for bare, names in stripped.items():
        if len(set(names)) == 1 and bare not in out:
            out[bare] = names[0]
            for c in t.columns:
                if c.name == names[0] and c.unit:
                    out.setdefault(_norm(f"{bare}({c.unit})"), c.name)
    return out


ALIASES: dict[str, dict[str, str]] = {t.name: _aliases(t) for t in TABLES}


def table_named(text: str) -> str | None:
    """The table a sheet or file name says: its name, Chinese or English label."""
    key = _norm(text)
    for t in TABLES:
        if key in (_norm(t.name), _norm(t.label_zh), _norm(t.label_en)):
            return t.name
    return None


def table_from_filename(filename: str) -> str | None:
    """The table a file name says, also with a suffix: ``outcomes_2011Q4.csv``,
    ``物业费收缴2011年.xlsx`` (the longest table name or Chinese label it starts with)."""
    stem = _norm(PurePath(filename).stem)
    exact = table_named(stem)
    if exact:
        return exact
    best: tuple[int, str] | None = None
    for t in TABLES:
        for text in (t.name, t.label_zh):
            key = _norm(text)
            rest = stem[len(key) :]
            # "outcomes2011" names outcomes; "outcomesx" is another word
            word_goes_on = bool(rest) and rest[0].isascii() and rest[0].isalpha()
            if stem.startswith(key) and not word_goes_on and (best is None or len(key) > best[0]):
                best = (len(key), t.name)
    return best[1] if best else None


def _is_readme(sheet: str) -> bool:
    key = _norm(sheet)
    return key.startswith(("说明", "字段说明", "about", "readme"))


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# A grid is what a sheet or CSV holds: (row number as Excel shows it, cells).
Grid = list[tuple[int, list[Any]]]


def _empty_row(cells: list[Any]) -> bool:
    return all(is_missing(c) for c in cells)


def _header_score(cells: list[Any], table: str) -> tuple[int, int, int]:
    """(all columns found, columns found, unknown header cells) of a candidate header row."""
    aliases = ALIASES[table]
    found = {aliases[_norm(c)] for c in cells if not is_missing(c) and _norm(c) in aliases}
    unknown = sum(1 for c in cells if not is_missing(c) and _norm(c) not in aliases)
    complete = int(len(found) == len(TABLES_BY_NAME[table].columns))
    return complete, len(found), -unknown


def _header_like(cells: list[Any], table: str) -> bool:
    """Every filled cell names a column of ``table`` or is a unit in brackets."""
    aliases = ALIASES[table]
    units = {_norm(f"({c.unit})") for c in TABLES_BY_NAME[table].columns if c.unit}
    filled = [_norm(c) for c in cells if not is_missing(c)]
    return len(filled) >= 2 and all(c in aliases or c in units for c in filled)


def _find_header(grid: Grid, tables: Iterable[str]) -> tuple[str, int] | list[str] | None:
    """(table, index in grid) of the header row; a list of tied tables; None if no header."""
    best: dict[str, tuple[tuple[int, int, int], int]] = {}
    for i, (_, cells) in enumerate(grid[:HEADER_SCAN_ROWS]):
        for name in tables:
            score = _header_score(cells, name)
            if score[1] and (name not in best or score > best[name][0]):
                best[name] = (score, i)
    if not best:
        return None
    # a row that names a single column is a header only for a table that has no other
    plausible = {
        n: v
        for n, v in best.items()
        if v[0][1] >= min(2, len(TABLES_BY_NAME[n].columns)) or len(best) == 1
    }
    if not plausible:
        return None
    top = max(v[0] for v in plausible.values())
    tied = [n for n, v in plausible.items() if v[0] == top]
    if len(tied) > 1:
        return tied
    return tied[0], plausible[tied[0]][1]


def _frame(
    file: str,
    sheet: str | None,
    table: str,
    header: list[Any],
    columns: list[pd.Series],
    rows: pd.Series,
    parsed: Parsed,
    extra_is_error: bool = False,
) -> pd.DataFrame:
    """Contract-named, typed frame from header texts and the raw column values under them."""
    problems = parsed.problems
    t = TABLES_BY_NAME[table]
    aliases = ALIASES[table]
    positions: dict[str, list[int]] = {}
    unit_refused: set[str] = set()
    where = {"file": file, "sheet": sheet, "table": table}
    for j, text in enumerate(header):
        if is_missing(text):
            filled = [i for i, v in enumerate(columns[j].tolist()) if not is_missing(v)]
            if filled and extra_is_error:
                # in a CSV, more cells than headers means the row's columns have shifted
                # (an unquoted comma, as in 1,000,000): every value of the row is suspect
                for i in filled[:MAX_PER_COLUMN]:
                    problems.append(
                        problem(
                            ERROR,
                            "imp.csv.extra_cells",
                            **where,
                            row=int(rows.iloc[i]),
                            value=columns[j].iloc[i],
                        )
                    )
                if len(filled) > MAX_PER_COLUMN:
                    problems.append(more(len(filled) - MAX_PER_COLUMN, **where))
            elif filled:
                problems.append(problem(WARNING, "imp.col.no_header", **where, where=_letter(j)))
            continue
        name = aliases.get(_norm(text))
        if name is None:
            # a known column in another unit ("应缴金额（万元）") is refused, never rescaled
            bare = re.match(r"^(.+)\(([^()]*)\)$", _norm(text))
            other = aliases.get(bare[1]) if bare else None
            if other is not None:
                c = t.column(other)
                problems.append(
                    problem(
                        ERROR,
                        "imp.col.unit",
                        **where,
                        column=c,
                        header=str(text),
                        unit=c.unit or "—",
                        given=bare[2],
                    )
                )
                unit_refused.add(other)
                continue
            problems.append(
                problem(WARNING, "imp.col.unknown", **where, column=str(text), header=str(text))
            )
            continue
        positions.setdefault(name, []).append(j)
    out = pd.DataFrame(index=rows.index)
    for c in t.columns:
        found = positions.get(c.name, [])
        if not found and c.name in unit_refused:
            continue
        if not found:
            problems.append(problem(ERROR, "imp.col.missing", **where, column=c))
            continue
        if len(found) > 1:
            problems.append(
                problem(
                    ERROR,
                    "imp.col.duplicate",
                    **where,
                    column=c,
                    count=len(found),
                    where="、".join(_letter(j) for j in found),
                )
            )
            continue
        typed, bad = convert(columns[found[0]], c)
        hidden = invisible.cells(typed, c)
        if hidden:  # refused like any unreadable cell: empty here, reported once below
            typed = typed.copy()
            typed.loc[[label for label, _, _ in hidden]] = None
            bad = [*bad, *hidden]
        out[c.name] = typed
        parsed.unread.update((table, sheet, int(rows[label]), c.name) for label, _, _ in bad)
        problems.extend(cell_problems(bad, lambda label: int(rows[label]), c, **where))
    out[ROW] = rows.astype("int64")
    out[SHEET] = pd.Series([sheet] * len(rows), index=rows.index, dtype=object)
    return out


def _from_grid(
    file: str,
    sheet: str | None,
    grid: Grid,
    tables: list[str],
    parsed: Parsed,
    extra_is_error: bool = False,
) -> tuple[str, pd.DataFrame] | None:
    problems = parsed.problems
    where = {"file": file, "sheet": sheet}
    grid = [(n, cells) for n, cells in grid if cells]  # rows come trimmed: [] is empty
    if not grid:
        problems.append(problem(ERROR, "imp.file.no_rows", **where))
        return None
    widest = max(grid, key=lambda r: len(r[1]))
    if len(widest[1]) > MAX_COLUMNS:
        problems.append(
            problem(
                ERROR,
                "imp.file.too_many_columns",
                **where,
                row=widest[0],
                count=f"{len(widest[1]):,}",
                limit=MAX_COLUMNS,
            )
        )
        return None
    found = _find_header(grid, tables)
    if isinstance(found, list):
        labels = "、".join(f"{TABLES_BY_NAME[n].label_zh}（{n}）" for n in sorted(found))
        problems.append(problem(ERROR, "imp.table.ambiguous", **where, tables=labels))
        return None
    if found is None:
        if len(tables) == 1:
            t = TABLES_BY_NAME[tables[0]]
            example = ",".join(c.label_zh for c in t.columns)
            problems.append(
                problem(
                    ERROR,
                    "imp.header.none",
                    **where,
                    table=t.name,
                    rows=HEADER_SCAN_ROWS,
                    example=example,
                )
            )
        else:
            problems.append(problem(ERROR, "imp.table.unknown", **where))
        return None
    table, h = found
    header = list(grid[h][1])
    body = grid[h + 1 :]
    # a second header row (English labels under Chinese ones, or units) is not data
    while body and _header_like(body[0][1], table):
        body = body[1:]
    if not body:
        problems.append(problem(ERROR, "imp.header.only", **where, table=table))
        return None
    width = max(len(header), max(len(cells) for _, cells in body))
    header += [None] * (width - len(header))
    rows = pd.Series([n for n, _ in body], dtype="int64")
    for _, cells in body:  # padded in place: no second copy of a large file's rows
        if len(cells) < width:
            cells.extend([None] * (width - len(cells)))
    columns = [
        pd.Series(values, dtype=object) for values in zip(*(c for _, c in body), strict=True)
    ]
    return table, _frame(file, sheet, table, header, columns, rows, parsed, extra_is_error)


# ---- formats ------------------------------------------------------------------------------


def _decode(data: bytes) -> tuple[str, str] | None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            return None
    for encoding, name in (("utf-8-sig", "UTF-8"), ("gb18030", "GB18030")):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if name == "UTF-8" and data.startswith(b"\xef\xbb\xbf"):
            name = "UTF-8-BOM"
        elif name == "GB18030":
            try:
                data.decode("gbk")
                name = "GBK"
            except UnicodeDecodeError:
                pass
        return text, name
    return None


def _long_line(text: str) -> tuple[int, int] | None:
    """(line number, length) of the first line longer than MAX_LINE, found without
    splitting the text into a list of lines."""
    if len(text) <= MAX_LINE:
        return None
    start, row = 0, 1
    while True:
        end = text.find("\n", start)
        stop = len(text) if end < 0 else end
        if stop - start > MAX_LINE:
            return row, stop - start
        if end < 0:
            return None
        start, row = end + 1, row + 1


def _csv_grid(file: str, data: bytes, limits: Limits, parsed: Parsed) -> Grid | None:
    problems = parsed.problems
    decoded = _decode(data)
    if b"\x00" in data and (decoded is None or decoded[1] != "UTF-16" or "\x00" in decoded[0]):
        problems.append(problem(ERROR, "imp.csv.nul", file=file))
        return None
    if decoded is None:
        problems.append(problem(ERROR, "imp.csv.encoding", file=file))
        return None
    text, parsed.encoding = decoded
    # a control character other than tab and line ends is a binary file, not a table
    if _CONTROL.search(text):
        problems.append(problem(ERROR, "imp.csv.encoding", file=file))
        return None
    long_line = _long_line(text)
    if long_line is not None:
        row, length = long_line
        problems.append(
            problem(ERROR, "imp.csv.line_long", file=file, row=row, length=length, limit=MAX_LINE)
        )
        return None
    grid: Grid = []
    records = 0
    seen: dict[str, str] = {}
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for n, cells in enumerate(reader, start=1):
            records = n
            while cells and not cells[-1].strip():
                cells.pop()
            if cells:  # trimmed: a row left with cells ends in a non-empty one
                # repeated texts (ids, quarters) kept once: a large file's memory halves
                grid.append((n, [seen.setdefault(c, c) for c in cells]))
            if len(grid) > limits.max_rows + HEADER_SCAN_ROWS:
                problems.append(
                    problem(
                        ERROR, "imp.file.too_many_rows", file=file, limit=f"{limits.max_rows:,}"
                    )
                )
                return None
    except csv.Error as exc:
        row = records + 1
        if "field larger" in str(exc):
            problems.append(
                problem(
                    ERROR,
                    "imp.csv.field_long",
                    file=file,
                    row=row,
                    limit=f"{csv.field_size_limit():,}",
                )
            )
        elif "end of data" in str(exc):
            problems.append(problem(ERROR, "imp.csv.quote", file=file, row=row))
        else:
            problems.append(problem(ERROR, "imp.csv.broken", file=file, row=row))
        return None
    return grid


def _separator_problem(file: str, grid: Grid) -> Problem | None:
    """A semicolon- or tab-separated file read as one column per line says so."""
    first = next((cells for _, cells in grid if not _empty_row(cells)), None)
    if first is None or len([c for c in first if not is_missing(c)]) != 1:
        return None
    line = str(next(c for c in first if not is_missing(c)))
    for sep, key in ((";", "imp.csv.semicolon"), ("\t", "imp.csv.tab")):
        if line.count(sep) >= 1:
            return problem(ERROR, key, file=file)
    return None


def _xlsx_sheets(
    file: str, data: bytes, limits: Limits, parsed: Parsed
) -> list[tuple[str, Grid]] | None:
    problems = parsed.problems
    if data.startswith(OLE2):  # an old .xls renamed, or a workbook with a password
        problems.append(problem(ERROR, "imp.xlsx.ole2", file=file))
        return None
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        problems.append(problem(ERROR, "imp.xlsx.bad", file=file))
        return None
    inflated = sum(i.file_size for i in infos)
    if inflated > limits.max_xlsx_uncompressed:
        problems.append(
            problem(
                ERROR,
                "imp.xlsx.inflates",
                file=file,
                size=_size(inflated),
                limit=_size(limits.max_xlsx_uncompressed),
            )
        )
        return None
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names:
        problems.append(problem(ERROR, "imp.xlsx.bad", file=file))
        return None
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        problems.append(problem(ERROR, "imp.xlsx.macros", file=file))
        return None
    # python-calamine (Rust) reads the cells ~10x faster than openpyxl, but gives values only:
    # percentage formats and formula errors come from the XML (cellmarks)
    from python_calamine import CalamineWorkbook, SheetTypeEnum

    sheets: list[tuple[str, Grid]] = []
    try:
        marks = workbook_marks(archive)
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        total = 0
        for meta in book.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:  # a chart sheet holds no cells
                continue
            ws = book.get_sheet_by_name(meta.name)
            grid: Grid = []
            if ws.height and ws.width:
                # rows start at the sheet's first used cell (calamine's ``start``); the
                # columns before it are padded so a column keeps its letter in messages
                first_row, first_col = ws.start
                pad = [None] * first_col
                mine = marks.get(meta.name, {})
                for i, cells in enumerate(ws.to_python(skip_empty_area=True)):
                    n = first_row + i + 1
                    if pad:
                        cells = pad + cells
                    if n in mine:
                        _mark(cells, mine[n])
                    while cells and is_missing(cells[-1]):
                        cells.pop()
                    if not cells:
                        continue
                    grid.append((n, cells))
                    total += 1
                    if total > limits.max_rows + HEADER_SCAN_ROWS:
                        problems.append(
                            problem(
                                ERROR,
                                "imp.file.too_many_rows",
                                file=file,
                                limit=f"{limits.max_rows:,}",
                            )
                        )
                        return None
            sheets.append((meta.name, grid))
        book.close()
    except Exception:  # calamine and the XML parser raise many kinds on a damaged workbook
        problems.append(problem(ERROR, "imp.xlsx.bad", file=file))
        return None
    return sheets


def _mark(cells: list[Any], marks: list[tuple[int, str]]) -> None:
    """A row's cells with what calamine does not say: a number shown as a percentage becomes
    a ``Percent``, a formula's error (read as empty) its text (#DIV/0!)."""
    for j, mark in marks:
        if j >= len(cells):
            cells.extend([None] * (j + 1 - len(cells)))
        v = cells[j]
        if mark == PERCENT:
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                cells[j] = Percent(v)
        elif is_missing(v):
            cells[j] = mark


def _read_parquet(
    file: str, data: bytes, table: str | None, limits: Limits, parsed: Parsed
) -> None:
    import pyarrow.parquet as pq

    problems = parsed.problems
    try:
        pf = pq.ParquetFile(io.BytesIO(data))
        if pf.metadata.num_rows > limits.max_rows:
            problems.append(
                problem(ERROR, "imp.file.too_many_rows", file=file, limit=f"{limits.max_rows:,}")
            )
            return
        arrow = pf.read()
        header = list(arrow.column_names)
        columns = [arrow.column(i).to_pandas() for i in range(arrow.num_columns)]
    except Exception:  # pyarrow raises ArrowInvalid, OSError... on a damaged file
        problems.append(problem(ERROR, "imp.parquet.bad", file=file))
        return
    candidates = [table] if table else _candidates(file)
    found = _find_header([(1, header)], candidates)
    if isinstance(found, list):
        labels = "、".join(f"{TABLES_BY_NAME[n].label_zh}（{n}）" for n in sorted(found))
        problems.append(problem(ERROR, "imp.table.ambiguous", file=file, tables=labels))
        return
    if found is None:
        key = "imp.table.unknown" if not table else "imp.header.none"
        t = TABLES_BY_NAME.get(table or "")
        example = ",".join(c.name for c in t.columns) if t else ""
        problems.append(problem(ERROR, key, file=file, table=table, rows=1, example=example))
        return
    name = found[0]
    if arrow.num_rows == 0:
        problems.append(problem(ERROR, "imp.header.only", file=file, table=name))
        return
    rows = pd.Series(range(2, arrow.num_rows + 2), dtype="int64")
    columns = [s.reset_index(drop=True) for s in columns]
    parsed.tables[name] = _frame(file, None, name, header, columns, rows, parsed)


def _candidates(filename: str) -> list[str]:
    named = table_from_filename(filename)
    return [named] if named else [t.name for t in TABLES]


def _add(parsed: Parsed, result: tuple[str, pd.DataFrame] | None) -> None:
    if result is None:
        return
    name, frame = result
    if name in parsed.tables:
        parsed.tables[name] = pd.concat([parsed.tables[name], frame], ignore_index=True)
    else:
        parsed.tables[name] = frame.reset_index(drop=True)


def read_file(
    filename: str, data: bytes, table: str | None = None, limits: Limits = Limits()
) -> Parsed:
    """Read an uploaded file into contract-typed frames, with every problem found.

    ``table`` names the table when the file, sheet names or header do not say it; the
    result's frames carry ``__row__`` and ``__sheet__``. Never raises on bad input.
    """
    file = PurePath(str(filename)).name
    data = bytes(data)  # an upload may hand a memoryview or a bytearray
    parsed = Parsed(source=file)
    problems = parsed.problems
    suffix = PurePath(file).suffix.lower()
    if table is not None and table not in TABLES_BY_NAME:
        tables = "、".join(t.name for t in TABLES)
        problems.append(problem(ERROR, "imp.table.bad_name", file=file, name=table, tables=tables))
        return parsed
    if suffix in (".geojson", ".json"):  # 一张图: the communities' outlines (ACCEPTED)
        return read_geojson(file, data, limits.max_geojson_bytes)
    if suffix == ".xls":
        problems.append(problem(ERROR, "imp.file.xls", file=file))
        return parsed
    if suffix == ".xlsm":
        problems.append(problem(ERROR, "imp.file.xlsm", file=file))
        return parsed
    if suffix not in ACCEPTED:
        problems.append(problem(ERROR, "imp.file.kind", file=file, suffix=suffix or file))
        return parsed
    if len(data) > limits.max_bytes:
        problems.append(
            problem(
                ERROR,
                "imp.file.too_big",
                file=file,
                size=_size(len(data)),
                limit=_size(limits.max_bytes),
            )
        )
        return parsed
    if not data:
        problems.append(problem(ERROR, "imp.file.empty", file=file))
        return parsed
    if suffix == ".parquet":
        _read_parquet(file, data, table, limits, parsed)
    elif suffix == ".csv":
        grid = _csv_grid(file, data, limits, parsed)
        if grid is None:
            return parsed
        candidates = [table] if table else _candidates(file)
        before = len(problems)
        result = _from_grid(file, None, grid, candidates, parsed, extra_is_error=True)
        if result is None or any(p.column_name is None for p in problems[before:]):
            sep = _separator_problem(file, grid)
            if sep is not None:
                del problems[before:]
                problems.append(sep)
                return parsed
        _add(parsed, result)
    else:
        sheets = _xlsx_sheets(file, data, limits, parsed)
        if sheets is None:
            return parsed
        _read_sheets(file, sheets, table, parsed)
    rows = sum(len(f) for f in parsed.tables.values())
    if rows > limits.max_rows:
        problems.append(
            problem(ERROR, "imp.file.too_many_rows", file=file, limit=f"{limits.max_rows:,}")
        )
        parsed.tables.clear()
    return parsed


def _read_sheets(
    file: str, sheets: list[tuple[str, Grid]], table: str | None, parsed: Parsed
) -> None:
    problems = parsed.problems
    data_sheets = [(s, g) for s, g in sheets if not _is_readme(s) and g]
    named = [(s, g, table_named(s)) for s, g in data_sheets]
    if table is not None:
        mine = [(s, g) for s, g, n in named if n == table]
        if not mine and data_sheets:
            mine = [data_sheets[0]]
        for s, g in mine:
            _add(parsed, _from_grid(file, s, g, [table], parsed))
        if not data_sheets:
            problems.append(problem(ERROR, "imp.file.no_rows", file=file))
        return
    matched = [(s, g, n) for s, g, n in named if n]
    if matched:
        for s, g, n in matched:
            _add(parsed, _from_grid(file, s, g, [n], parsed))
        for s, _, n in named:
            if n is None:
                problems.append(problem(WARNING, "imp.xlsx.sheet_ignored", file=file, sheet=s))
        return
    if not data_sheets:
        problems.append(problem(ERROR, "imp.file.no_rows", file=file))
        return
    s, g = data_sheets[0]
    _add(parsed, _from_grid(file, s, g, _candidates(file), parsed))
    for s, _ in data_sheets[1:]:
        problems.append(problem(WARNING, "imp.xlsx.sheet_ignored", file=file, sheet=s))
