"""Quarters: the period grain of the dashboard. A quarter is the date of its first day."""

from __future__ import annotations

import re
from datetime import date

_LABEL = re.compile(r"^(\d{4})Q([1-4])$")
MIN_YEAR, MAX_YEAR = 1, 9998


def quarter_start(d: date) -> date:
    return date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)


def shift(q: date, quarters: int) -> date:
    index = q.year * 4 + (q.month - 1) // 3 + quarters
    return date(index // 4, 3 * (index % 4) + 1, 1)


def to_label(q: date) -> str:
    """``2011Q4`` — the form used in URLs and files."""
    return f"{q.year}Q{(q.month - 1) // 3 + 1}"


def from_label(text: str) -> date | None:
    """Parse ``2011Q4``; None when the text is not a quarter."""
    m = _LABEL.match(text.strip())
    if not m:
        return None
    year = int(m.group(1))
    # Year 0 is no date, and 9999 could not be shifted a year on (同比); both are not quarters.
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    return date(year, 3 * (int(m.group(2)) - 1) + 1, 1)


def display(q: date, lang: str = "zh") -> str:
    n = (q.month - 1) // 3 + 1
    return f"{q.year}年第{n}季度" if lang == "zh" else f"Q{n} {q.year}"


def short(q: date, lang: str = "zh") -> str:
    n = (q.month - 1) // 3 + 1
    return f"{q.year}Q{n}"
