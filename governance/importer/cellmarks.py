"""What python-calamine does not tell about an .xlsx cell, found in the workbook's XML.

calamine gives a cell's value only: a number formatted as a percentage (91.3% holds 0.913)
comes back as 0.913, and a formula's error (#DIV/0!) as an empty cell. Both matter — a
percentage in a score column must be refused as "91.3%" typed in a CSV is, and an error
must never pass as an empty optional cell — so they are found here, cheaply:

- ``xl/styles.xml`` (small) says which cell styles (``s="…"``) show a percentage; a sheet
  whose workbook has none is never scanned for them;
- a sheet's XML is searched with ``bytes.find`` for those ``s="…"`` attributes and for
  ``t="e"`` (an error cell) only — no XML parse of the cells, no Python object per cell.
  A million-row sheet with no such cell costs one pass of ``find`` per style.

A sheet's marks: row as Excel shows it → [(0-based column, mark)], so a reader looks a row
up once instead of every cell.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from xml.etree import ElementTree

PERCENT = "%"  # the mark of a percentage cell; an error cell's mark is its text (#N/A)

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
# Excel's built-in percentage formats: 9 is 0%, 10 is 0.00%
_BUILTIN_PERCENT = {9, 10}
_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')

Marks = dict[int, list[tuple[int, str]]]


def _column(letters: bytes) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ch - 64
    return index - 1


def percent_styles(archive: zipfile.ZipFile) -> set[int]:
    """Indexes of the cell styles (``cellXfs``) whose number format shows a percentage."""
    try:
        root = ElementTree.fromstring(archive.read("xl/styles.xml"))
    except KeyError:  # no styles part: every cell is General
        return set()
    percent_formats = set(_BUILTIN_PERCENT)
    for fmt in root.iter(f"{_MAIN}numFmt"):
        # any "%" in the code, as openpyxl's reader took it: a cell showing 91.3% is refused
        # in a column of another unit whether Excel scales it or shows a literal "%"
        if "%" in fmt.get("formatCode", ""):
            percent_formats.add(int(fmt.get("numFmtId", "-1")))
    xfs = root.find(f"{_MAIN}cellXfs")
    if xfs is None:
        return set()
    return {
        i
        for i, xf in enumerate(xfs.iter(f"{_MAIN}xf"))
        if int(xf.get("numFmtId", "0")) in percent_formats
    }


def sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its part in the archive (``xl/worksheets/sheet1.xml``)."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    try:
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except KeyError:
        return {}
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(_PKG_REL)}
    out: dict[str, str] = {}
    for sheet in book.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(_REL))
        if target:
            # a target is relative to xl/, or absolute from the archive's root
            path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            out[sheet.get("name", "")] = posixpath.normpath(path)
    return out


def _cell_tag(xml: bytes, at: int) -> tuple[int, int] | None:
    """(start, end) of the ``<c …>`` tag holding the attribute found at ``at``; None when
    the attribute belongs to another element (a row's style, text in a cell)."""
    start = xml.rfind(b"<", 0, at)
    end = xml.find(b">", at)
    if start < 0 or end < 0:
        return None
    name = xml[start + 1 : start + 8].split(b" ", 1)[0]
    if name != b"c" and not name.endswith(b":c"):  # <c> or a prefixed <x:c>
        return None
    return start, end


def _find(xml: bytes, needle: bytes):
    at = xml.find(needle)
    while at >= 0:
        yield at
        at = xml.find(needle, at + len(needle))


def sheet_marks(xml: bytes, percent: set[int]) -> Marks:
    """The percentage cells and error cells of one sheet's XML."""
    found: dict[tuple[int, int], str] = {}
    needles = [(f' s="{i}"'.encode(), PERCENT) for i in sorted(percent)]
    needles.append((b' t="e"', None))
    for needle, mark in needles:
        for at in _find(xml, needle):
            tag = _cell_tag(xml, at)
            if tag is None:
                continue
            start, end = tag
            ref = _REF.search(xml, start, end)
            if ref is None:  # a cell without its reference: its place is not known here
                continue
            key = (int(ref[2]), _column(ref[1]))
            if mark is None:  # the error's text is the cell's <v>…</v>
                close = xml.find(b"</c>", end)
                v = xml.find(b"<v>", end, close)
                if close < 0 or v < 0:
                    continue
                text = xml[v + 3 : xml.find(b"</v>", v, close)].decode("utf-8", "replace")
                found[key] = text.strip() or "#N/A"
            else:
                found.setdefault(key, mark)
    marks: Marks = {}
    for (row, col), mark in sorted(found.items()):
        marks.setdefault(row, []).append((col, mark))
    return marks


CHUNK = 16 * 1024 * 1024  # bytes of a sheet's XML searched at a time


def _rows_in_chunks(stream) -> Iterator[bytes]:
    """A sheet's XML in pieces that each end after a ``</row>``: a cell is never cut, and a
    large sheet is never held whole (calamine reads its own copy)."""
    rest = b""
    while chunk := stream.read(CHUNK):
        rest += chunk
        cut = rest.rfind(b"</row>")
        if cut < 0:
            continue
        cut += len(b"</row>")
        yield rest[:cut]
        rest = rest[cut:]
    if rest:
        yield rest


def workbook_marks(archive: zipfile.ZipFile) -> dict[str, Marks]:
    """Sheet name → its marks, for every sheet that has any."""
    percent = percent_styles(archive)
    out: dict[str, Marks] = {}
    for name, path in sheet_paths(archive).items():
        try:
            stream = archive.open(path)
        except KeyError:
            continue
        marks: Marks = {}
        with stream:
            for piece in _rows_in_chunks(stream):
                for row, cells in sheet_marks(piece, percent).items():
                    marks.setdefault(row, []).extend(cells)
        if marks:
            out[name] = marks
    return out
