"""The briefing as a Word 通报 (情况通报): a 公文-style document after GB/T 9704-2012.

What a town sends to the district is a document, not slides. This file is the third briefing
file beside the HTML and the PowerPoint, and reads the SAME deck (governance/briefing/model.py):
every number and sentence is the deck's text, never recomputed here.

Layout (GB/T 9704-2012, 党政机关公文格式):

* A4 (210 × 297 mm); margins top 37 mm (天头), left 28 mm (订口), bottom 35 mm, right 26 mm:
  the 版心 is 156 × 225 mm (§5.2.1, §5.2.2).
* Lines and characters: §5.2.4 says "一般每面排 22 行，每行排 28 个字" for the 三号 body: 22
  lines × 28 characters, not 28 × 28 (28 lines of 三号 would leave 6.8 pt between lines:
  the 版心 is 637.8 pt high). So 22 lines: 225 mm / 22 = 28.99 pt a line, rounded down to
  579 twips = 28.95 pt, so that 22 lines always fit (22 × 28.95 = 636.9 pt); every
  paragraph (the title's too) has this exact line spacing. 28 characters: 156 mm / 28 =
  15.79 pt a character, a little less than the 16 pt of 三号, so every 三号 run has its
  characters 0.25 pt closer (``w:spacing w:val="-5"``): 28 × 15.75 = 441 pt ≤ 442.2 pt.
  Word and WPS 公文 templates often use a "lines and characters" document grid instead;
  LibreOffice lays such a grid out with 17 characters and 25 pt lines, so there is none
  here: exact spacing and character spacing hold in all three programs.
* Title: 二号 (22 pt) 方正小标宋简体, centred, one empty line under it; body: 三号 (16 pt)
  仿宋_GB2312, justified, first line indented two characters; first-level headings
  "一、" 三号 黑体, second-level "（一）" 三号 楷体_GB2312 (§7.3.3); tables 小四 (12 pt),
  五号 (10.5 pt) when their longest words do not fit side by side at 小四 (English), with
  borders, the header row repeated on every page, never wider than the 版心 (fixed layout,
  columns summing to 156 mm); 落款 (the office) right-aligned two characters from the right
  edge and the date in Chinese numerals under it, its first character two characters to the
  right of the office's (§7.3.5.2); page number "— 1 —" in 四号 宋体 centred in the footer,
  7 mm under the 版心 (§7.5, centred as the town asked instead of alternating sides).

Fonts: Word keeps one East-Asian font per run (``w:rFonts w:eastAsia``) and python-docx's
``font.name`` sets only the Western ones, so every run gets ``w:eastAsia`` explicitly, and the
document defaults name Times New Roman (Western) and 仿宋_GB2312 (East-Asian), language zh-CN
for East-Asian text (the Western language stays en-US: with zh-CN there LibreOffice breaks
lines inside "9.5%"). One attribute holds one font, so the fallbacks are elsewhere: the font
table gives each Chinese font the GB2312 character set, a family and ``w:altName`` (仿宋_GB2312
→ 仿宋, the name Windows 10+ ships), which Word and WPS use for a missing font. LibreOffice
asks fontconfig: on a machine without the 公文 fonts ``fc-match 仿宋_GB2312`` gives DejaVu Sans
and LibreOffice falls back to the first CJK font, Noto Sans CJK (its Japanese face) for every
name, body and headings alike; scripts/ensure_system.sh installs fonts-noto-cjk and
deploy/fontconfig/65-gbt9704-fonts.conf, which makes 仿宋/楷体/小标宋/宋体 Noto Serif CJK SC
and 黑体 Noto Sans CJK SC, and fonts-liberation for Times New Roman's metrics.

Line breaks: a minus before a number is a ``w:noBreakHyphen`` (Word and WPS keep "-6.7"
together; LibreOffice 7.4 still breaks after it in Chinese text). A stop (，。) may hang in
the right margin (标点悬挂), Word's default for Chinese; nothing else goes past the 版心.

Text from the data (community names) is written as text: docx has no formulas and python-docx
escapes XML; characters XML cannot hold (control characters) are dropped.
"""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips
from lxml import etree

from governance.briefing.content import file_stem
from governance.briefing.model import (
    CHANGES,
    DUBAN_TABLE,
    FOLLOW_UP,
    MAP,
    OUTCOMES,
    PLATFORM_KEYS,
    RANKING,
    SINCE,
    Deck,
    Slide,
    Table,
    Tile,
)
from governance.duban.rules import today
from governance.i18n import t

# ---- the page (GB/T 9704-2012) -----------------------------------------------------------------

PAGE_W, PAGE_H = Mm(210), Mm(297)
TOP, BOTTOM, LEFT, RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
TEXT_W, TEXT_H = Mm(156), Mm(225)  # the 版心
LINES, CHARS = 22, 28  # §5.2.4: 22 lines of 28 characters a page
LINE_PITCH = Twips(579)  # 28.95 pt: 22 lines fit the 225 mm 版心
CHAR_SPACING = -5  # 1/20 pt: 16 pt − 0.25 pt = 15.75 pt a character, 28 in 156 mm (441 pt)
CHAR = Pt(15.75)  # one character of the body, for indents
FOOTER_DISTANCE = Mm(21)  # the page number's line 7 mm under the 版心 (35 − 7 − one line)

TITLE_SIZE, BODY_SIZE, PAGE_NO_SIZE, TABLE_SIZE = (
    Pt(22),
    Pt(16),
    Pt(14),
    Pt(12),
)  # 二号 三号 四号 小四
SMALL_TABLE_SIZE = Pt(10.5)  # 五号: a table whose words do not fit at 小四 (English, many columns)
LATIN = "Times New Roman"
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
H1_FONT = "黑体"
H2_FONT = "楷体_GB2312"
PAGE_NO_FONT = "宋体"
# The font table's fallbacks for the Chinese fonts: the name Windows ships (Word and WPS try
# ``w:altName`` when the font is missing), the GB2312 character set (86) and the family.
FONT_TABLE = {
    TITLE_FONT: ("宋体", "roman"),
    BODY_FONT: ("仿宋", "modern"),
    H1_FONT: ("SimHei", "modern"),
    H2_FONT: ("楷体", "modern"),
    PAGE_NO_FONT: ("SimSun", "auto"),
}
LIGHT_FILL = {"green": "C7E9C0", "amber": "FEE8A6", "red": "F9C0B8"}
HEADER_FILL = "E7E6E6"

_ZH_DIGITS = "〇一二三四五六七八九"
_EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Characters XML 1.0 cannot hold (python-docx would refuse them): dropped from data text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# ---- words -------------------------------------------------------------------------------------


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 26 → 二十六, 31 → 三十一 (1 to 99)."""
    if not 0 < n < 100:
        raise ValueError(f"{n} is not between 1 and 99")
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _ZH_DIGITS[tens] + "十")
    return head + (_ZH_DIGITS[ones] if ones else "")


def chinese_date(day: date) -> str:
    """The 成文日期 in Chinese numerals (GB/T 9704 §7.3.5.1): 2011-12-26 → 二〇一一年十二月二十六日;
    the year digit by digit (〇 for zero), month and day as numbers (一 to 三十一)."""
    year = "".join(_ZH_DIGITS[int(d)] for d in f"{day.year:04d}")
    return f"{year}年{chinese_number(day.month)}月{chinese_number(day.day)}日"


def date_words(day: date, lang: str) -> str:
    """The date under the 落款: Chinese numerals, or "26 December 2011"."""
    if lang == "en":
        return f"{day.day} {_EN_MONTHS[day.month - 1]} {day.year}"
    return chinese_date(day)


def numeral(n: int, lang: str) -> str:
    """A section number: 一, 二, … in Chinese, 1, 2, … in English."""
    return str(n) if lang == "en" else chinese_number(n)


_MINUS = re.compile(r"-(?=\d)")


def _clean(text: object) -> str:
    return _NOT_XML.sub("", str(text))


def _sentence(text: str, lang: str) -> str:
    """``text`` ending with a full stop (。 or .), as a paragraph of prose does."""
    text = text.rstrip()
    if not text or text[-1] in "。.！？!?；;：:":
        return text
    return text + t("word.stop", lang)


def tile_words(tile: Tile, deck: Deck) -> str:
    """One tile as prose: 联席会议议题解决率为84.2%（较上季度-6.7个百分点，目标85.0%，接近目标）."""
    lang = deck.lang
    parts = []
    if tile.change_text and tile.change_text != "—":
        parts.append(t("word.tile.change", lang, basis=deck.basis_text, change=tile.change_text))
    if tile.target_text:
        status = tile.status_text
        if lang == "en":
            status = status[:1].lower() + status[1:]
        parts.append(t("word.tile.target", lang, target=tile.target_text, status=status))
    if not parts:
        return t("word.tile.bare", lang, label=tile.label, value=tile.value_text)
    joined = t("word.sep.parts", lang).join(parts)
    return t("word.tile", lang, label=tile.label, value=tile.value_text, parts=joined)


def tiles_words(tiles: tuple[Tile, ...], deck: Deck) -> str:
    """The tiles in one sentence, separated by semicolons."""
    return _sentence(t("sep.items", deck.lang).join(tile_words(x, deck) for x in tiles), deck.lang)


# ---- runs and paragraphs -----------------------------------------------------------------------


def set_fonts(r_pr, east: str, latin: str = LATIN, hint: bool = True) -> None:
    """Western (ascii, hAnsi, cs) and East-Asian fonts of one run (or of the defaults):
    ``w:rFonts`` with ``w:eastAsia`` — python-docx's ``font.name`` sets only ascii/hAnsi."""
    fonts = r_pr.get_or_add_rFonts()
    for attr in list(fonts.attrib):  # theme fonts would win over the names: none
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    for side in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(side), latin)
    fonts.set(qn("w:eastAsia"), east)
    if hint:  # quotes and dashes ("“四个平台”", "—") in the East-Asian font
        fonts.set(qn("w:hint"), "eastAsia")


def _run(paragraph, text: str, east: str, size, bold: bool = False, zh: bool = True):
    """A run of ``text`` with both fonts; a minus sign before a number ("-6.7") is a
    non-breaking hyphen, so a line never ends in "（-" with the number on the next."""
    run = paragraph.add_run()
    for i, piece in enumerate(_MINUS.split(_clean(text))):
        if i:
            run._r.append(OxmlElement("w:noBreakHyphen"))
        if piece:
            run._r.add_t(piece)
    run.font.size = size
    run.font.bold = bold
    r_pr = run._r.get_or_add_rPr()
    set_fonts(r_pr, east, hint=zh)
    if zh and size == BODY_SIZE:  # 15.75 pt a character: 28 to the 156 mm line
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(CHAR_SPACING))
        r_pr.append(spacing)
        _order_r_pr(r_pr)
    return run


# w:rPr's children in the schema's order (the ones this module writes).
_RPR_ORDER = ["w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:spacing", "w:sz", "w:szCs"]


def _order_r_pr(r_pr) -> None:
    rank = {qn(n): i for i, n in enumerate(_RPR_ORDER)}
    for child in sorted(r_pr, key=lambda el: rank.get(el.tag, len(rank))):
        r_pr.append(child)


def _spacing(paragraph, exact=LINE_PITCH, grid: bool = True) -> None:
    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    if exact is None:
        fmt.line_spacing = 1.0
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = exact
    if not grid:
        p_pr = paragraph._p.get_or_add_pPr()
        snap = OxmlElement("w:snapToGrid")
        snap.set(qn("w:val"), "0")
        p_pr.append(snap)
        _order(p_pr)


# w:pPr's children in the schema's order (the ones this module writes).
_PPR_ORDER = [
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:widowControl",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:jc",
    "w:outlineLvl",
    "w:rPr",
]


def _order(p_pr) -> None:
    rank = {qn(n): i for i, n in enumerate(_PPR_ORDER)}
    children = sorted(p_pr, key=lambda el: rank.get(el.tag, len(rank)))
    for child in children:
        p_pr.append(child)


def _outline(paragraph, level: int) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    lvl = OxmlElement("w:outlineLvl")
    lvl.set(qn("w:val"), str(level))
    p_pr.append(lvl)
    _order(p_pr)


class _Writer:
    """Appends the document's paragraphs and tables in the deck's language."""

    def __init__(self, doc, deck: Deck) -> None:
        self.doc = doc
        self.deck = deck
        self.lang = deck.lang
        self.zh = deck.lang != "en"
        self.sections = 0

    def paragraph(self, text: str, east: str = BODY_FONT, indent: bool = True, bold=False):
        p = self.doc.add_paragraph()
        _spacing(p)
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if indent:
            p.paragraph_format.first_line_indent = CHAR * 2
        _run(p, text, east, BODY_SIZE, bold=bold, zh=self.zh)
        return p

    def blank(self):
        p = self.doc.add_paragraph()
        _spacing(p)
        _run(p, "", BODY_FONT, BODY_SIZE, zh=self.zh)
        return p

    def title(self, text: str) -> None:
        p = self.doc.add_paragraph()
        _spacing(p)  # one line of the page (22 a page), as the body
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(p, text, TITLE_FONT, TITLE_SIZE, bold=not self.zh, zh=self.zh)
        self.blank()

    def heading(self, title: str) -> None:
        """一、…: 黑体 (bold in English), kept with what follows."""
        self.sections += 1
        text = t("word.h1", self.lang, n=numeral(self.sections, self.lang), title=title)
        p = self.paragraph(text, east=H1_FONT, bold=not self.zh)
        p.paragraph_format.keep_with_next = True
        _outline(p, 0)
        self.subsections = 0

    def subheading(self, title: str) -> None:
        """（一）…: 楷体_GB2312 (bold in English), kept with what follows."""
        self.subsections += 1
        text = t("word.h2", self.lang, n=numeral(self.subsections, self.lang), title=title)
        p = self.paragraph(text, east=H2_FONT, bold=not self.zh)
        p.paragraph_format.keep_with_next = True
        _outline(p, 1)

    def table(self, table: Table) -> None:
        """A bordered table in 小四, as wide as the 版心 at most, the header row repeated."""
        rows, cols = len(table.rows) + 1, len(table.columns)
        native = self.doc.add_table(rows=rows, cols=cols)
        native.style = self.doc.styles["Table Grid"]
        native.alignment = WD_TABLE_ALIGNMENT.CENTER
        native.autofit = False
        size = TABLE_SIZE if fits(table, TABLE_SIZE) else SMALL_TABLE_SIZE
        widths = column_widths(table, size=size)
        tbl_pr = native._tbl.tblPr  # autofit off: python-docx made the layout fixed
        width = tbl_pr.find(qn("w:tblW"))
        if width is None:
            width = OxmlElement("w:tblW")
            tbl_pr.append(width)
        width.set(qn("w:w"), str(sum(widths)))
        width.set(qn("w:type"), "dxa")
        margins = OxmlElement("w:tblCellMar")
        for side in ("w:left", "w:right"):
            el = OxmlElement(side)
            el.set(qn("w:w"), str(CELL_MARGIN))
            el.set(qn("w:type"), "dxa")
            margins.append(el)
        tbl_pr.append(margins)
        _order_tbl_pr(tbl_pr)
        for j, w in enumerate(widths):
            native.columns[j].width = Twips(w)
        for i in range(rows):
            row = native.rows[i]
            tr_pr = row._tr.get_or_add_trPr()
            tr_pr.append(OxmlElement("w:cantSplit"))
            if i == 0:
                tr_pr.append(OxmlElement("w:tblHeader"))
            values = table.columns if i == 0 else table.rows[i - 1]
            lights = () if i == 0 else (table.lights[i - 1] if i - 1 < len(table.lights) else ())
            for j in range(cols):
                cell = row.cells[j]
                cell.width = Twips(widths[j])
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                p = cell.paragraphs[0]
                _spacing(p, exact=None, grid=False)
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                east = H1_FONT if i == 0 else BODY_FONT
                text = values[j] if j < len(values) else ""
                for k, line in enumerate(cell_lines(text, widths[j], size)):
                    run = _run(p, line, east, size, bold=i == 0 and not self.zh, zh=self.zh)
                    if k:
                        run._r.insert(run._r.index(run._r.find(qn("w:t"))), OxmlElement("w:br"))
                fill = (
                    HEADER_FILL
                    if i == 0
                    else LIGHT_FILL.get(lights[j] if j < len(lights) else None)
                )
                if fill:
                    _shade(cell, fill)
        # the paragraph after a table: a line's space before the text goes on
        self.doc.add_paragraph()
        after = self.doc.paragraphs[-1]
        _spacing(after, exact=Pt(12), grid=False)
        _run(after, "", BODY_FONT, TABLE_SIZE, zh=self.zh)

    def signature(self, day: date) -> None:
        """落款: the office two characters from the right, the date under it, its first character
        two characters right of the office's first (GB/T 9704 §7.3.5.2)."""
        office = t("word.signature", self.lang)
        when = date_words(day, self.lang)
        self.blank()
        if self.zh:
            office_right = max(2, 2 + len(when) + 2 - len(office))
            date_right = max(2, office_right + len(office) - 2 - len(when))
        else:
            office_right = date_right = 2
        for text, right in ((office, office_right), (when, date_right)):
            p = self.paragraph(text, indent=False)
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            p.paragraph_format.right_indent = CHAR * right
            p.paragraph_format.keep_with_next = text == office


def _order_tbl_pr(tbl_pr) -> None:
    names = ["w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize"]
    names += ["w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd"]
    names += ["w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"]
    rank = {qn(n): i for i, n in enumerate(names)}
    for child in sorted(tbl_pr, key=lambda el: rank.get(el.tag, len(rank))):
        tbl_pr.append(child)


def _shade(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    v_align = tc_pr.find(qn("w:vAlign"))
    if v_align is not None:
        v_align.addprevious(shd)
    else:
        tc_pr.append(shd)


def _width(text: str) -> float:
    """Width in half-characters: a CJK character counts two, anything else 1.1 (Latin text
    is wider than half a character on average, more so in bold or a wide fallback font)."""
    return sum(2 if ord(ch) > 0x2E80 else LATIN_WIDTH for ch in str(text))


LATIN_WIDTH = 1.1


CELL_MARGIN = 57  # twips (1 mm) each side of a cell's text
CELL_PADDING = 2 * CELL_MARGIN + 60  # twips: both margins, and a little air
SEPARATOR = " · "  # between the parts of a cell ("75.0% · 未达标 · #5"): where it may wrap
# A word that is never broken: split at spaces and after hyphens ("Party-" "building"); a
# Chinese word wraps anywhere, but a name of four characters is kept on one line.
_WORDS = re.compile(r"\s+|(?<=-)")
CJK_KEPT = 8  # half-widths
_CJK = re.compile("[\u2e80-\uffff]")


def _half(size) -> int:
    """Twips of half a character (a digit, a Latin letter on average) at ``size``."""
    return int(size.pt * 10)


def cell_lines(text: str, width: int, size=TABLE_SIZE) -> list[str]:
    """A cell's text on lines that fit ``width`` twips: broken after a " · " (the parts of
    "75.0% · 未达标 · #5" stay whole), one line when it fits or has no such separator."""
    room = (width - CELL_PADDING) / _half(size)
    if _width(text) <= room or SEPARATOR not in text:
        return [text]
    lines: list[str] = []
    for part in text.split(SEPARATOR):
        if lines and _width(lines[-1] + SEPARATOR + part) <= room:
            lines[-1] += SEPARATOR + part
        else:
            lines.append(part)
    return lines


def _texts(table: Table, j: int) -> list[str]:
    return [table.columns[j], *(r[j] for r in table.rows if j < len(r))]


def _floor(text: str) -> float:
    """Half-widths of the longest part of ``text`` that must not be broken."""
    words = [w for w in _WORDS.split(str(text)) if w]
    widths = [min(_width(w), CJK_KEPT) if _CJK.search(w) else _width(w) for w in words]
    return max(widths, default=0)


def fits(table: Table, size, total: int | None = None) -> bool:
    """Whether every column's longest unbreakable word fits at ``size``."""
    total = int(TEXT_W.twips) if total is None else total
    half = _half(size)
    floors = [max(_floor(x) for x in _texts(table, j)) for j in range(len(table.columns))]
    return sum(CELL_PADDING + half * f for f in floors) <= total


def column_widths(table: Table, total: int | None = None, size=TABLE_SIZE) -> list[int]:
    """Column widths in twips summing to the 版心's width (``total``). Each column wants its
    longest text on one line; when they cannot all have that, every column keeps at least
    its longest unbreakable word and the columns wanting more share the rest up to one level
    (water-filling): a name never wraps because a long status column needs room."""
    total = int(TEXT_W.twips) if total is None else total
    half = _half(size)
    cols = range(len(table.columns))
    need = [CELL_PADDING + int(half * max(_width(x) for x in _texts(table, j))) for j in cols]
    floor = [
        min(need[j], CELL_PADDING + int(half * max(_floor(x) for x in _texts(table, j))))
        for j in cols
    ]
    if sum(need) <= total:
        extra = total - sum(need)
        widths = [n + extra * n // sum(need) for n in need]
    elif sum(floor) >= total:
        widths = [f * total // sum(floor) for f in floor]
    else:  # the level L with sum(max(floor, min(need, L))) == total
        low, high = 0, max(need)
        while low < high:
            level = (low + high + 1) // 2
            if sum(max(f, min(n, level)) for f, n in zip(floor, need, strict=True)) <= total:
                low = level
            else:
                high = level - 1
        widths = [max(f, min(n, low)) for f, n in zip(floor, need, strict=True)]
    widths[-1] += total - sum(widths)  # rounding: exactly the 版心
    return widths


# ---- the document ------------------------------------------------------------------------------


def _defaults(doc, zh: bool) -> None:
    """The document defaults: Times New Roman and 仿宋_GB2312 at 三号, zh-CN East-Asian text."""
    styles = doc.styles.element
    r_pr = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    set_fonts(r_pr, BODY_FONT, hint=False)
    for tag, value in ((qn("w:sz"), "32"), (qn("w:szCs"), "32")):
        el = r_pr.find(tag)
        if el is not None:
            el.set(qn("w:val"), value)
    lang = r_pr.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:val"), "en-US")  # zh-CN here lets LibreOffice break inside 9.5%
        lang.set(qn("w:eastAsia"), "zh-CN")
    p_pr = styles.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}")
    spacing = p_pr.find(qn("w:spacing")) if p_pr is not None else None
    if spacing is not None:
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), str(int(LINE_PITCH)))
        spacing.set(qn("w:lineRule"), "exact")
    settings = doc.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")


def _font_table(doc) -> None:
    """Declare the Chinese fonts with their fallbacks (``w:altName``, GB2312 charset)."""
    part = next(
        (p for p in doc.part.package.iter_parts() if p.partname == "/word/fontTable.xml"), None
    )
    if part is None:
        return
    root = etree.fromstring(part.blob)
    for name, (alt, family) in FONT_TABLE.items():
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        for tag, value in (
            ("w:altName", alt),
            ("w:charset", "86"),
            ("w:family", family),
            ("w:pitch", "variable"),
        ):
            el = etree.SubElement(font, qn(tag))
            el.set(qn("w:val"), value)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page(doc, zh: bool) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_W, PAGE_H
    section.top_margin, section.bottom_margin = TOP, BOTTOM
    section.left_margin, section.right_margin = LEFT, RIGHT
    section.header_distance = Mm(15)
    section.footer_distance = FOOTER_DISTANCE
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    # No grid type: the exact line spacing alone gives 22 lines (LibreOffice's line grid
    # would override it); the pitch is the 公文 one for whoever switches the grid on in Word.
    grid.attrib.pop(qn("w:type"), None)
    grid.set(qn("w:linePitch"), str(int(LINE_PITCH)))
    _page_number(section.footer, zh)


def _page_number(footer, zh: bool) -> None:
    """— 1 —: 四号 宋体, centred, the number a PAGE field."""
    p = footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _spacing(p, exact=None, grid=False)
    _run(p, "— ", PAGE_NO_FONT, PAGE_NO_SIZE, zh=zh)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1")):
        run = _run(p, "", PAGE_NO_FONT, PAGE_NO_SIZE, zh=zh)
        if kind is not None:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text
    end = _run(p, "", PAGE_NO_FONT, PAGE_NO_SIZE, zh=zh)
    fld = OxmlElement("w:fldChar")
    fld.set(qn("w:fldCharType"), "end")
    end._r.append(fld)
    _run(p, " —", PAGE_NO_FONT, PAGE_NO_SIZE, zh=zh)


def _notes(w: _Writer, slide: Slide) -> None:
    for note in slide.notes:
        w.paragraph(t("word.note", w.lang, text=note), east=H2_FONT)


def _sentences(w: _Writer, slide: Slide) -> None:
    if slide.sentences:
        sep = "" if w.zh else " "
        w.paragraph(sep.join(_sentence(s, w.lang) for s in slide.sentences))


def _subtitle(w: _Writer, slide: Slide) -> None:
    """The slide's subtitle in 楷体 under the heading, kept with what follows."""
    if slide.subtitle:
        p = w.paragraph(slide.subtitle, east=H2_FONT)
        p.paragraph_format.keep_with_next = True


def _section(w: _Writer, slide: Slide) -> None:
    if slide.key == OUTCOMES:
        w.heading(t("word.outcomes", w.lang))
        _subtitle(w, slide)
        if slide.tiles:
            w.paragraph(tiles_words(slide.tiles, w.deck))
        _notes(w, slide)
        return
    w.heading(slide.title)
    if slide.key in PLATFORM_KEYS:
        _subtitle(w, slide)
        if slide.tiles:
            w.paragraph(tiles_words(slide.tiles, w.deck))
        _sentences(w, slide)
        _notes(w, slide)
        return
    if slide.key == FOLLOW_UP:
        _subtitle(w, slide)
        _sentences(w, slide)
        # the follow-up items by unit (when any), the summary by community, the furthest from
        # target
        items = slide.keyed(DUBAN_TABLE)
        for table in (*([items] if items is not None else []), *slide.plain_tables[:2]):
            if table.rows:
                w.subheading(table.title)
                w.table(table)
        return
    # the ranking and 上次会议以来: the table, then what to read from it
    _subtitle(w, slide)
    if slide.table is not None and slide.table.rows:
        w.table(slide.table)
    _sentences(w, slide)
    _notes(w, slide)


def _order_slides(deck: Deck) -> list[Slide]:
    """总体情况 first, then 上次会议以来 when there is one, the platforms, 本期变化 (its table
    after the prose of the first page), the ranking, 一张图 in words (its statuses and the
    示意图 note), 督办."""
    keys = [OUTCOMES, SINCE, *PLATFORM_KEYS, CHANGES, RANKING, MAP, FOLLOW_UP]
    by_key = {s.key: s for s in deck.slides}
    return [by_key[k] for k in keys if k in by_key]


def build(deck: Deck, day: date | None = None):
    """The deck as a python-docx Document. ``day``: the 成文日期 under the 落款 (default: today,
    or the data's date for a historical data set, as the 督办 loop counts days)."""
    zh = deck.lang != "en"
    doc = Document()
    _defaults(doc, zh)
    _font_table(doc)
    _page(doc, zh)
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):  # the template's empty paragraph, if any
        body.remove(p)
    w = _Writer(doc, deck)
    w.subsections = 0
    w.title(t("word.title", deck.lang, title=deck.title))
    w.paragraph(t("word.lead", deck.lang, scope=deck.scope_text, filters=deck.filters_text))
    for slide in _order_slides(deck):
        _section(w, slide)
    w.signature(day or today(date.today(), deck.as_of).day)
    props = doc.core_properties
    props.title = t("word.title", deck.lang, title=deck.title)
    props.subject = f"{deck.period_text} · {deck.scope_text}"
    props.language = "zh-CN" if zh else "en-US"
    props.author = t("word.signature", deck.lang)
    return doc


def render(deck: Deck, day: date | None = None) -> bytes:
    """The .docx file's bytes (for a download button)."""
    buffer = io.BytesIO()
    build(deck, day).save(buffer)
    return buffer.getvalue()


def write(deck: Deck, folder: Path, day: date | None = None) -> Path:
    """Write ``<file_stem>.docx`` into ``folder``; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{file_stem(deck)}.docx"
    build(deck, day).save(str(path))
    return path
