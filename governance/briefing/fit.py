"""How wide and how tall the PowerPoint's text is drawn, from the fonts' own metrics, so every
text box gets a size at which its text fits (no line wraps where one line is meant, no text
runs out of its box).

The PowerPoint names 微软雅黑 for Latin and East-Asian text alike. Where it is not installed
(LibreOffice on Linux, the district's converters) LibreOffice draws East-Asian characters in
Noto Sans CJK SC (every ideograph and full-width mark exactly 1 em wide, a line 1.448 em tall)
and the rest in DejaVu Sans (what fontconfig gives for 微软雅黑) — wider than 微软雅黑's own
Latin glyphs, so a size that fits here fits in PowerPoint on Windows too. The widths below were
measured from DejaVu Sans and DejaVu Sans Bold with Pillow (``ImageFont.getlength`` at 1000
units per em) and are kept here so the file comes out the same on every machine, installed
fonts or not; a character not in the table counts as 1 em (the widest it can be).
"""

from __future__ import annotations

import itertools
import re
import unicodedata

EMU_PER_PT = 12700
# DejaVu Sans advance widths, per 1000 em, of these characters in this order.
LATIN = (
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
    "abcdefghijklmnopqrstuvwxyz{|}~·–—√×…‰°±≤≥•→←↑↓○−≈"
)
# fmt: off
_REGULAR = (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698,
    770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732,
    684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635,
    634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592,
    525, 636, 337, 636, 838, 318, 500, 1000, 637, 838, 1000, 1342, 500, 838, 838, 838, 590,
    838, 838, 838, 838, 873, 838, 838,
)
_BOLD = (
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696,
    696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734,
    830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812,
    774, 1103, 771, 724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716,
    712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652,
    582, 712, 365, 712, 838, 380, 500, 1000, 667, 838, 1000, 1440, 500, 838, 838, 838, 639,
    838, 838, 838, 838, 873, 838, 838,
)
# fmt: on
REGULAR = dict(zip(LATIN, (w / 1000 for w in _REGULAR), strict=True))
BOLD = dict(zip(LATIN, (w / 1000 for w in _BOLD), strict=True))
# Renderers hint and round glyph positions: a line is given this much more room than measured.
SLACK = 1.04
CJK_LINE, LATIN_LINE = 1.45, 1.17  # line height in em: Noto Sans CJK's, DejaVu Sans's


def wide(ch: str) -> bool:
    """Drawn in the East-Asian font, 1 em wide (ideographs, kana, full-width marks)."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


# LibreOffice puts a little space between an East-Asian and a Latin character (its
# "autospacing" of Asian and non-Asian text, "7 个社区、 1 个村"): counted as this much em.
AUTOSPACE = 0.25


def text_em(text: str, bold: bool = False) -> float:
    """The width of ``text`` in em (times the size in points: its width in points)."""
    table = BOLD if bold else REGULAR
    total = sum(1.0 if wide(ch) else table.get(ch, 1.0) for ch in text)
    kinds = [wide(ch) for ch in text if not ch.isspace()]
    return total + AUTOSPACE * sum(a != b for a, b in itertools.pairwise(kinds))


def width_pt(text: str, size: float, bold: bool = False) -> float:
    """How wide ``text`` is drawn at ``size`` points, with the renderers' slack."""
    return text_em(text, bold) * size * SLACK


def line_pt(text: str, size: float) -> float:
    """The height of one line of ``text`` at ``size`` points."""
    return size * (CJK_LINE if any(wide(ch) for ch in text) else LATIN_LINE)


def fit_size(text: str, room_pt: float, size: float, bold: bool = False, floor: float = 8) -> float:
    """The largest size ``size``, ``size - 0.5``, ... (not below ``floor``) at which ``text``
    fits on one line ``room_pt`` points wide."""
    s = float(size)
    while s > floor and width_pt(text, s, bold) > room_pt:
        s -= 0.5
    return s


def _pieces(text: str) -> list[str]:
    """The pieces a line may break between: a Latin word with its following space, or one
    East-Asian character (a line breaks anywhere between them)."""
    pieces: list[str] = []
    word = ""
    for ch in text:
        if wide(ch):
            if word:
                pieces.append(word)
                word = ""
            pieces.append(ch)
        else:
            word += ch
            if ch == " ":
                pieces.append(word)
                word = ""
    if word:
        pieces.append(word)
    return pieces


def words(text: str) -> list[str]:
    """The pieces of ``text`` a line never breaks inside (a Latin word, at a hyphen too,
    or one East-Asian character), without their spaces; at least one."""
    out = [w for piece in _pieces(text) for w in re.split(r"(?<=-)", piece.strip()) if w]
    return out or [""]


def lines(text: str, room_pt: float, size: float, bold: bool = False) -> int:
    """How many lines ``text`` takes when wrapped in ``room_pt`` points at ``size``."""
    count, used = 1, 0.0
    for piece in _pieces(text):
        w = width_pt(piece, size, bold)
        if used and used + width_pt(piece.rstrip(), size, bold) > room_pt:
            count += 1
            used = 0.0
        while w > room_pt and used == 0.0:  # a word longer than the line breaks inside it
            count += 1
            w -= room_pt
        used += w
    return count


def height_pt(paragraphs, room_pt: float, size: float, bold: bool = False) -> float:
    """How tall ``paragraphs`` (texts) are drawn wrapped in ``room_pt`` points at ``size``."""
    return sum(lines(p, room_pt, size, bold) * line_pt(p, size) for p in paragraphs)


def emu_pt(emu: float) -> float:
    return emu / EMU_PER_PT
