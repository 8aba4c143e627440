"""Characters that draw nothing or reorder the text around them.

An id or a name holding one looks like another (``C02`` + U+200B beside ``C02`` is a second
community that shows as the first) or shows as something else (U+202E turns ``区社乙`` into
``乙社区``). Which characters these are is the Unicode database's word (``unicodedata``: the
format characters, category Cf; the explicit direction controls among them), not a list kept
here; only their Chinese names are the catalog's.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import cache
from typing import Any

import pandas as pd

from governance.contract import Column
from governance.i18n import CATALOG
from governance.importer.values import Bad

# Embeddings, overrides and isolates (U+202A-E, U+2066-9): they reverse or reorder the runs
# of text that follow them, so a sentence can read backwards.
_REORDERING = {"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}


@cache
def format_characters() -> str:
    """Every format character (Unicode category Cf): zero-width spaces and joiners, the
    byte-order mark, direction marks and controls, invisible operators, tags."""
    return "".join(
        ch for ch in map(chr, range(sys.maxunicode + 1)) if unicodedata.category(ch) == "Cf"
    )


# Blank-looking letters and symbols the categories below do not catch: Hangul fillers and the
# blank braille pattern draw nothing, yet Unicode counts them as letters or symbols.
_FILLERS = "\u115f\u1160\u3164\uffa0\u2800"
# Besides the format characters, what else draws nothing or only changes the look of the
# character before it: controls, separators other than the plain space (a no-break or an
# ideographic space makes "C02" + U+00A0 a second C02), combining and enclosing marks (a
# combining grapheme joiner or a variation selector after "2").
_HIDDEN_CATEGORIES = {"Cf", "Cc", "Zs", "Zl", "Zp", "Mn", "Me"}


@cache
def hidden_characters() -> str:
    """What an id, a name or a listed value refuses: every character that draws nothing or
    only alters its neighbour, so that two values that look the same are the same."""
    return (
        "".join(
            ch
            for ch in map(chr, range(sys.maxunicode + 1))
            if unicodedata.category(ch) in _HIDDEN_CATEGORIES and ch != " "
        )
        + _FILLERS
    )


def reordering_characters() -> str:
    return "".join(ch for ch in format_characters() if unicodedata.bidirectional(ch) in _REORDERING)


def _class(chars: str) -> str:
    """A regular-expression character class of ``chars``, consecutive code points as ranges.
    The characters are written as themselves (none is special in a class): Python's re and
    pyarrow's RE2 (which pandas uses for text columns) share no escape for a code point."""
    ranges: list[list[int]] = []
    for cp in sorted(map(ord, chars)):
        if ranges and cp == ranges[-1][1] + 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return "[" + "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in ranges) + "]"


@cache
def _pattern(kind: str) -> re.Pattern[str]:
    chars = {
        "hidden": hidden_characters,
        "format": format_characters,
        "reordering": reordering_characters,
    }[kind]()
    return re.compile(_class(chars))


def names_something(col: Column) -> bool:
    """Whether a text column names or keys something. In the contract every text column does:
    ids (``*_id``: keys and references), names (``name_zh``, ``name_en``) and values from a
    list (kinds, categories). A free-text column (notes, descriptions: none yet) does not."""
    return col.name.endswith("_id") or col.name.startswith("name") or bool(col.allowed or col.fk)


def refused(col: Column) -> re.Pattern[str]:
    """The characters a text column refuses. Ids, names and listed values refuse every hidden
    character (:func:`hidden_characters`): none has a use there and each can make two values
    look alike. Free
    text refuses only the controls that reorder it; a zero-width joiner (emoji sequences, some
    scripts) or a direction mark (a Latin word inside Arabic text) has a use there and cannot
    reverse a sentence."""
    return _pattern("hidden" if names_something(col) else "reordering")


def in_free_text(text: str) -> list[str]:
    """The characters free text typed into a form refuses (:func:`refused`'s rule for free
    text: the controls that reorder it), in order."""
    return found(text, _pattern("reordering"))


def in_name(text: str) -> list[str]:
    """The characters a name typed into a form refuses (the rule for names: every hidden
    character), in order."""
    return found(text, _pattern("hidden"))


def code_point(ch: str, lang: str = "zh") -> str:
    """``U+202E（从右至左覆盖）`` / ``U+202E (right-to-left override)``."""
    cp = ord(ch)
    names = CATALOG.get(f"trust.char.{cp:04x}")
    name = (names[1] if lang == "en" else names[0]) if names else unicodedata.name(ch, "")
    if lang == "en":
        return f"U+{cp:04X} ({name})" if name else f"U+{cp:04X}"
    return f"U+{cp:04X}（{name}）" if name else f"U+{cp:04X}"


def found(text: str, pattern: re.Pattern[str]) -> list[str]:
    """The distinct characters of ``text`` that ``pattern`` matches, in order."""
    return list(dict.fromkeys(pattern.findall(text)))


def visible(text: str) -> str:
    """``text`` with every format character written as ``<U+202E>``: a report that quotes a
    refused value or a file name must not itself be reversed or hide what it quotes."""
    return _pattern("format").sub(lambda m: f"<U+{ord(m[0]):04X}>", text)


def cells(series: pd.Series, col: Column) -> list[tuple[Any, Any, Bad]]:
    """The cells of a text column that hold a character it refuses: (index label, value,
    reason naming each such character by code point)."""
    if col.type != "VARCHAR" or series.empty:
        return []
    pattern = refused(col)
    text = series.astype("str")
    hits = text.str.contains(pattern.pattern, regex=True, na=False)
    out = []
    key = "imp.cell.invisible" if names_something(col) else "imp.cell.reordering"
    for label in series.index[hits.to_numpy(dtype=bool)]:
        value = series[label]
        chars = found(value, pattern)
        params = (
            ("chars_zh", "、".join(code_point(ch, "zh") for ch in chars)),
            ("chars_en", ", ".join(code_point(ch, "en") for ch in chars)),
        )
        out.append((label, value, Bad(key, params)))
    return out
