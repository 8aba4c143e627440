"""How wide a text is drawn, in em: the one estimate the slides and the what-if tiles use to
lay tiles out so that no value is cut ("9.06…", "200.00…") and to leave room beside a chart
for the target line's name. One estimate; a width table for each font."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class EmWidths:
    """The width in em of each kind of character (a CJK or full-width one is always 1)."""

    digit: float
    upper: float
    lower: float
    space: float
    other: float
    narrow: frozenset[str] = frozenset()  # punctuation drawn narrower than ``other``
    narrow_em: float = 0.0


# The slides' bold sans-serif (Noto Sans CJK in Chromium, measured and rounded up).
SLIDE_BOLD = EmWidths(digit=0.56, upper=0.66, lower=0.5, space=0.25, other=0.4)
# The page's tile values and labels, a little generous: narrow punctuation and spaces 0.3,
# everything else 0.55.
PAGE = EmWidths(
    digit=0.55,
    upper=0.55,
    lower=0.55,
    space=0.3,
    other=0.55,
    narrow=frozenset(",.:;'!|()/ ·"),
    narrow_em=0.3,
)
# A chart's tick and annotation font: about half an em a Latin character.
CHART = EmWidths(digit=0.55, upper=0.55, lower=0.55, space=0.55, other=0.55)


def text_em(text: str, widths: EmWidths) -> float:
    """The width of ``text`` in em, drawn in the font ``widths`` describes."""
    total = 0.0
    for ch in text:
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            total += 1.0
        elif ch in widths.narrow:
            total += widths.narrow_em
        elif ch.isdigit():
            total += widths.digit
        elif ch.isupper():
            total += widths.upper
        elif ch.isalpha():
            total += widths.lower
        elif ch.isspace():
            total += widths.space
        else:
            total += widths.other
    return total
