"""Text is text: values from a URL or a data file, made safe to put into a message.

Streamlit renders ``st.markdown``, ``st.caption``, ``st.info``/``warning``/``error``, labels
and ``st.metric`` as Markdown (GitHub-flavoured, with its own ``:colour[...]``, ``:icon:`` and
``$math$`` syntax). :func:`plain` escapes every ASCII punctuation mark with a backslash (what
CommonMark allows for any of them), so ``[x](https://…)``, ``![x](…)``, ``<img>``, bare
``https://`` and ``www.`` autolinks, ``**bold**`` and ``:red[…]`` all show as typed; ``<`` and
``>`` become HTML entities; line breaks become spaces so a value cannot start a heading;
bare addresses get an invisible word joiner so they are not turned into links.

Spreadsheets are the other place a value from the data is read as code: :func:`neutralised`
is the one rule for every cell written into an office file (CSV and Excel downloads, the data
store's exports, the importer's report), :func:`starts_formula` the test behind it (the
briefing's chart workbooks use it to mark their text cells), and :func:`restored` undoes it
when the importer reads our own files back. It lives here, beside :func:`plain`, because
it is the same kind of rule for another reader, and this module imports nothing the data
store, the importer and the briefing would not already load.
"""

from __future__ import annotations

import re
import string
import unicodedata
import urllib.parse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

_PUNCTUATION = re.compile(
    "([" + re.escape(string.punctuation.replace("<", "").replace(">", "")) + "])"
)
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c]+")
# GitHub's autolink literals (``https://…``, ``www.…``, ``a@b.c``) are found in the text
# *after* escapes are undone, so no escape stops them: an invisible word joiner (U+2060)
# inside each trigger does, and the reader sees the same characters.
_JOINER = "\u2060"
_AUTOLINK = re.compile(r"(?i)(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)")


def plain(value: object, limit: int | None = 200) -> str:
    """``value`` as text that Markdown and HTML show literally (apply to URL and data text
    only, never to the app's own message templates); cut to ``limit`` characters with "…"
    so a long link cannot flood the page."""
    text = "" if value is None else str(value)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    text = _LINE_BREAKS.sub(" ", text).replace("\x00", "")
    text = _AUTOLINK.sub(_JOINER, text)
    text = _PUNCTUATION.sub(r"\\\1", text)
    return text.replace("<", "&lt;").replace(">", "&gt;")


# A spreadsheet (Excel, WPS, LibreOffice) reads a cell typed, pasted or opened from a CSV as a
# formula when its first character is one of these. The full-width forms a Chinese input
# method types (＝ ＋ － ＠, and the small ﹦ ﹢ ﹣ ﹫) are read as the same characters by some
# of them and by anyone retyping the cell, and some importers trim the blanks before them; so
# the first character that is not blank or invisible is compared in its NFKC form. A leading
# tab, carriage return or line feed is itself a known way in.
_FORMULA_CHARS = frozenset("=+-@")
_CONTROL_START = ("\t", "\r", "\n")
_INVISIBLE = frozenset(("Cc", "Cf", "Zs", "Zl", "Zp"))


def starts_formula(value: object) -> bool:
    """Whether a spreadsheet could run ``value`` (a text) as a formula."""
    if not isinstance(value, str) or not value:
        return False
    if value.startswith(_CONTROL_START):
        return True
    for ch in value:
        if ch.isspace() or unicodedata.category(ch) in _INVISIBLE:
            continue
        return unicodedata.normalize("NFKC", ch)[:1] in _FORMULA_CHARS
    return False


def neutralised(value: object) -> object:
    """A text that would start a formula, prefixed with ' so a spreadsheet keeps it as text
    (Excel's own mark for "this is text"); anything else (numbers, dates, None) unchanged."""
    if isinstance(value, str) and starts_formula(value):
        return "'" + value
    return value


def restored(text: str) -> str:
    """A text as it was before :func:`neutralised` (our own files read back)."""
    return text[1:] if text.startswith("'") and starts_formula(text[1:]) else text


def plain_cells(frame: pd.DataFrame, missing: str = "—") -> pd.DataFrame:
    """``frame`` for ``st.table``, which reads every cell and header as Markdown: each one as
    :func:`plain` text, uncut, and a missing value as ``missing``."""

    import pandas as pd  # here: the importer's and store's uses of this module need no pandas

    def cell(value: object) -> str:
        if value is None or value is pd.NA or (isinstance(value, float) and value != value):
            return missing
        return plain(value, None)

    out = frame.map(cell)
    out.columns = [plain(c, None) for c in frame.columns]
    return out


def svg_data_url(svg: str) -> str:
    """``svg`` (drawn by our own code, never from a file) as an inline image URL: only what a
    data: URL must escape is escaped (``#`` would end it; spaces, digits and letters stay)."""
    return "data:image/svg+xml;utf8," + urllib.parse.quote(svg, safe=" =:/;,.-()")
