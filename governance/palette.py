"""A KPI's status against its target, the one way every page, slide and file shows it: a glyph
and a word with every colour, so a reader who cannot tell the colours apart (or a washed-out
projector that cannot show them) still reads every status.

=========  =====  ==========  ===========  ======================================
status     glyph  word        mark         meaning
=========  =====  ==========  ===========  ======================================
green      √      达标        teal green   the target met
amber      !      接近目标    ochre        short of it by at most 10% (lights.py)
red        ×      未达标      crimson      short of it by more
none       ○      无目标      grey         a value, but no target to compare with
no_data    —      无数据      grey         no value at all (no rows, nothing to divide by)
=========  =====  ==========  ===========  ======================================

The glyphs are in GBK (√ × ○ in GB 2312 itself, — and the ASCII !), the character set every
Chinese font covers — 微软雅黑 in PowerPoint and WPS, Noto Sans CJK SC where LibreOffice
renders the file, the browser's CJK font — so no font falls back to another for them. ✓ and ✕
are outside GBK (Noto Sans CJK SC has no ✕). √ and × are how a Chinese reader marks right and
wrong; ! asks for attention; ○ is empty (nothing to measure against); — is what every table
of the app already shows for a missing value.

Each status has three colours, checked by tests/test_palette.py (numbers in its docstring):

- ``mark``: bars, borders, outlines. Against the white page and slide at least 3:1 (WCAG
  1.4.11), also after a projector's 30% wash-out (tests/fixtures/colourvision.py). The three
  status marks are at least 20 CIEDE2000 apart under normal vision, simulated deuteranopia and
  protanopia, each also washed out: a teal green (a blue-ish "good" a red-green blind reader
  still tells from the warm ones), an ochre and a dark crimson, far apart in lightness too.
- ``tint``: the background of a cell, a pill or a chip; the text on it is :data:`INK` (the
  Streamlit grid picks black itself on a tint this light), at least 4.5:1 also washed out.
- ``text``: the status's colour as words on white (a tile's change, coloured good or bad),
  at least 4.5:1 also washed out.
"""

from __future__ import annotations

from dataclasses import dataclass

from governance.i18n import t
from governance.lights import missing

INK = "#111111"  # text on a tint, and the slides' text
PAGE = "#ffffff"  # the page, the slides (presentation mode, HTML, PowerPoint) behind a mark


@dataclass(frozen=True)
class Status:
    key: str  # the catalog key of its word (light.green ...)
    glyph: str
    mark: str  # bars, borders, outlines: >= 3:1 on PAGE, also washed out
    tint: str  # cell / pill / chip background, INK on it >= 4.5:1, also washed out
    text: str  # the status's colour for words on PAGE, >= 4.5:1, also washed out


GREEN = Status("light.green", "√", mark="#007872", tint="#b8f2ee", text="#00302b")
AMBER = Status("light.amber", "!", mark="#a85400", tint="#ffdc80", text="#4a2600")
RED = Status("light.red", "×", mark="#720c18", tint="#ffb6b0", text="#5c0a14")
NONE = Status("light.none", "○", mark="#5f5f5f", tint="#e6e6e6", text="#333333")
NO_DATA = Status("light.no_data", "—", mark="#5f5f5f", tint="#e6e6e6", text="#333333")

LIGHTS = {"green": GREEN, "amber": AMBER, "red": RED}  # a traffic light's status
BY_KEY = {s.key: s for s in (GREEN, AMBER, RED, NONE, NO_DATA)}  # a catalog key's status


def of_light(light: object) -> Status:
    """A traffic light's status (green / amber / red); anything else is 无目标's grey."""
    return LIGHTS.get(light, NONE) if isinstance(light, str) else NONE


def of(value: object, light: object) -> Status:
    """A value's status: 无数据 without a value, else its light's (无目标 without one) — the
    same rule as lights.status_key."""
    return NO_DATA if missing(value) else of_light(light)


def mark(light: object) -> str:
    """The colour of a bar or border for ``light`` (grey for none)."""
    return of_light(light).mark


def tint(light: object) -> str:
    """The background of a cell or pill for ``light`` (grey for none)."""
    return of_light(light).tint


def text(light: object) -> str:
    """The colour of words on white that say ``light`` (dark grey for none)."""
    return of_light(light).text


def word(key: str, lang: str) -> str:
    """The status of catalog ``key`` (light.green ...) as its glyph and word: "√ 达标" (a key
    that names no status, from an older record, as its word alone)."""
    status = BY_KEY.get(key)
    return f"{status.glyph} {t(key, lang)}" if status else t(key, lang)


def label(value: object, light: object, lang: str) -> str:
    """A value's status as its glyph and word: "√ 达标", "× 未达标", "— 无数据"."""
    return word(of(value, light).key, lang)


def light_label(light: object, lang: str) -> str:
    """A light's status as its glyph and word (a value is taken to exist)."""
    return word(of_light(light).key, lang)


def glyph(light: object) -> str:
    """The glyph alone, for a mark too small for the word (a bar's value label)."""
    return of_light(light).glyph


# A change's tone, the one rule behind every tile's change colour (the page's metric, the
# presentation slide, the HTML briefing and the PowerPoint): ``flat`` when there is no change
# to judge, ``near`` when it is short of the target but within 10% of it (amber, only against
# the target), else ``good`` or ``bad`` for this indicator (kpi.Kpi.good).
FLAT, NEAR, GOOD, BAD = "flat", "near", "good", "bad"


def tone(good: bool | None, light: object, basis: str) -> str:
    if good is None:
        return FLAT
    if not good and basis == "target" and light == "amber":
        return NEAR
    return GOOD if good else BAD


# st.metric's delta colour of each tone (the page's tiles and presentation mode's)
DELTA_COLOURS = {FLAT: "gray", NEAR: "orange", GOOD: "green", BAD: "red"}
