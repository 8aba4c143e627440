"""The briefing as an editable PowerPoint (16:9): native charts, tables and map shapes, no
pictures.

Staff change numbers and styles in PowerPoint or WPS: every chart is a native chart with its
own workbook, every table a native table. Chinese renders outside Windows too: every text run
gets an East-Asian font (``a:ea``, 微软雅黑) besides the Latin one and the language zh-CN, so
LibreOffice and WPS pick a CJK font (Noto Sans CJK SC where 微软雅黑 is not installed) instead
of empty boxes — python-pptx's ``font.name`` alone sets only the Latin font.

Every chart's workbook holds its categories and series names (community names from the data)
as text cells: python-pptx writes them with XlsxWriter's ``write()``, which turns a text
starting with ``=`` into a live formula, so :class:`_ChartData` writes text with
``write_string`` instead, and a text that would start a formula (governance/text.py's one
rule) also gets Excel's quote prefix, the mark typing ``'`` before it leaves. The names stay
exactly as they are, in the workbook and in the labels the slide shows.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_MARKER_STYLE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.util import Emu, Inches, Pt

from governance import palette
from governance.briefing import fit
from governance.briefing.content import file_stem
from governance.briefing.duban import first_rows
from governance.briefing.model import (
    CHANGES,
    DUBAN_TABLE,
    FOLLOW_UP,
    OUTCOMES,
    PLATFORM_KEYS,
    SINCE,
    TITLE,
    Chart,
    Deck,
    Slide,
    Table,
    Tile,
)
from governance.geo.townmap import TownMap, bounds, reading
from governance.i18n import t
from governance.indicators import INDICATORS_BY_ID
from governance.text import starts_formula

FONT = "微软雅黑"  # Microsoft YaHei; LibreOffice substitutes Noto Sans CJK SC where absent
NAVY = RGBColor(0x08, 0x30, 0x6B)
TEXT = RGBColor(0x11, 0x11, 0x11)
GREY = RGBColor(0x33, 0x33, 0x33)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
# The status colours are governance/palette.py's: a change's good / bad / near in its text
# colour, a tile's outline and a bar in its mark, a table cell in its tint (text in ink).
GOOD = RGBColor.from_string(palette.GREEN.text[1:])
BAD = RGBColor.from_string(palette.RED.text[1:])
NEAR = RGBColor.from_string(palette.AMBER.text[1:])
NEUTRAL_BAR = RGBColor(0x4C, 0x78, 0xA8)  # bars without a light (charts.NEUTRAL)


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour[1:])


def light_bar(light: str | None) -> RGBColor:
    """A bar's or a tile outline's colour: its light's mark."""
    return _rgb(palette.mark(light))


def light_cell(light: str | None) -> RGBColor:
    """A table cell's background: its light's tint (white without a light)."""
    return _rgb(palette.tint(light)) if light in palette.LIGHTS else WHITE


WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
INNER = WIDTH - 2 * MARGIN
TILE_HEIGHT, ROW_HEIGHT = Inches(1.45), Inches(0.36)
CELL_MARGIN = Inches(0.05)


# ---- fonts -------------------------------------------------------------------------------------


def set_run_fonts(run, typeface: str = FONT, lang: str = "zh-CN") -> None:
    """Latin and East-Asian typeface (and the language) of one run: ``<a:latin>`` then
    ``<a:ea>`` in the run's ``<a:rPr>``, in the schema's order."""
    run.font.name = typeface  # creates or updates <a:latin>
    r_pr = run._r.get_or_add_rPr()
    _set_ea(r_pr, typeface)
    r_pr.set("lang", lang)


def _set_ea(r_pr, typeface: str) -> None:
    for old in r_pr.findall(qn("a:ea")):
        r_pr.remove(old)
    ea = etree.SubElement(r_pr, qn("a:ea"))
    ea.set("typeface", typeface)
    latin = r_pr.find(qn("a:latin"))
    if latin is not None:
        latin.addnext(ea)
    else:  # before cs / sym / hyperlinks, which must follow it
        r_pr.remove(ea)
        successors = [
            r_pr.find(qn(f"a:{n}")) for n in ("cs", "sym", "hlinkClick", "hlinkMouseOver")
        ]
        first = next((s for s in successors if s is not None), None)
        if first is not None:
            first.addprevious(ea)
        else:
            r_pr.append(ea)


def _text_frames(prs) -> Iterator:
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                yield shape.text_frame
            if shape.has_table:
                for row in shape.table.rows:
                    for cell in row.cells:
                        yield cell.text_frame
            if shape.has_chart and shape.chart.has_title:
                yield shape.chart.chart_title.text_frame


def apply_fonts(prs, typeface: str = FONT, lang: str = "zh-CN") -> None:
    """Every run of every text box, table cell and chart title gets both fonts; every
    chart's default text (axes, labels) gets them too."""
    for frame in _text_frames(prs):
        for paragraph in frame.paragraphs:
            for run in paragraph.runs:
                set_run_fonts(run, typeface, lang)
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_chart:
                font = shape.chart.font  # c:txPr default run properties of the chart
                font.name = typeface
                def_r_pr = shape.chart._chartSpace.find(
                    f"{qn('c:txPr')}/{qn('a:p')}/{qn('a:pPr')}/{qn('a:defRPr')}"
                )
                if def_r_pr is not None:
                    _set_ea(def_r_pr, typeface)


# ---- drawing helpers ---------------------------------------------------------------------------


BOX_INSET = Inches(0.1)  # a text box's own left and right margins (python-pptx's default)


def _room(width) -> float:
    """The points a line has in a text box ``width`` EMU wide."""
    return fit.emu_pt(width - 2 * BOX_INSET)


def _text(slide, left, top, width, height, lines, size=18, bold=False, colour=TEXT, align=None):
    """A text box; ``lines`` is a list of str or (str, size, bold, colour) tuples. Each line
    is one line: drawn in its size or, when that is too wide for the box, in the largest size
    that fits (governance/briefing/fit.py)."""
    box = slide.shapes.add_textbox(left, top, width, height)
    box.text_frame.word_wrap = True
    styled = [(line, size, bold, colour) if isinstance(line, str) else line for line in lines]
    _write(
        box.text_frame,
        [(x, fit.fit_size(x, _room(width), s, b), b, c) for x, s, b, c in styled],
        align,
    )
    return box


def _write(frame, lines, align=None) -> None:
    """``lines`` of (text, size, bold, colour) into ``frame``, a paragraph each (``bold``
    None: not set; ``align`` None: the paragraphs' own alignment)."""
    for i, (text, size, bold, colour) in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        if align is not None:
            paragraph.alignment = align
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = colour


def _paragraphs(slide, left, top, width, height, texts, size, floor=10):
    """A text box of paragraphs that wrap, in the largest size (``size``, half a point less,
    ... not below ``floor``) at which they all fit in its height."""
    room, tall = _room(width), fit.emu_pt(height - Inches(0.1))
    s = float(size)
    while s > floor and fit.height_pt(texts, room, s) > tall:
        s -= 0.5
    box = slide.shapes.add_textbox(left, top, width, height)
    box.text_frame.word_wrap = True
    _write(box.text_frame, [(text, s, None, TEXT) for text in texts])
    return box


# the colour of each tone (governance/tiles.py decides a tile's tone, as on the page)
CHANGE_COLOURS = {palette.FLAT: GREY, palette.NEAR: NEAR, palette.GOOD: GOOD, palette.BAD: BAD}


def _tile(slide, tile: Tile, left, top, width, height, basis_text: str) -> None:
    box = slide.shapes.add_shape(1, left, top, width, height)  # 1 = rectangle
    box.fill.solid()
    box.fill.fore_color.rgb = WHITE
    box.line.color.rgb = light_bar(tile.light) if tile.light else RGBColor(0xBB, 0xBB, 0xBB)
    box.line.width = Pt(3 if tile.light else 1.5)
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.TOP
    for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(frame, side, TILE_INSET)
    lines: list[tuple[str, float, bool, RGBColor]] = [
        (tile.label, 14, False, TEXT),
        (tile.value_text, 26, True, TEXT),
    ]
    if tile.change_text != "—" or tile.good is not None:
        lines.append(
            (f"{tile.change_text} {basis_text}".strip(), 13, True, CHANGE_COLOURS[tile.tone])
        )
    if tile.note:
        lines.append((tile.note, 11, False, GREY))
    _write(frame, tile_sizes(lines, width, height), PP_ALIGN.LEFT)


TILE_INSET = Inches(0.08)


def tile_sizes(lines, width, height) -> list:
    """A tile's lines, each in the largest size that keeps it on one line of the tile (never
    above its own), all of them smaller alike when together they are taller than the tile."""
    room = fit.emu_pt(width - 2 * TILE_INSET)
    tall = fit.emu_pt(height - 2 * TILE_INSET) - 4  # the outline's width
    sized = [(x, fit.fit_size(x, room, s, b), b, c) for x, s, b, c in lines]
    scale = 1.0
    while scale > 0.6 and sum(fit.line_pt(x, s * scale) for x, s, _, _ in sized) > tall:
        scale -= 0.05
    return [(x, math.floor(s * scale * 2) / 2, b, c) for x, s, b, c in sized]


def _tiles(slide, tiles, top, deck: Deck, per_row: int = 4, height: int = TILE_HEIGHT) -> Emu:
    return _tile_rows(slide, _rows_of(tiles, per_row), top, deck, per_row, height)


def _rows_of(tiles, per_row: int) -> list:
    return [tiles[i : i + per_row] for i in range(0, len(tiles), per_row)]


def outcome_rows(tiles) -> list:
    """三降四升: the decreases (indicators better down) on the first row, the increases on
    the second."""
    down = [x for x in tiles if _better(x) == "down"]
    up = [x for x in tiles if _better(x) != "down"]
    return [row for row in (down, up) if row]


def _better(tile: Tile) -> str:
    ind = INDICATORS_BY_ID.get(tile.indicator_id)
    return ind.better if ind is not None else "up"


def _tile_rows(slide, rows, top, deck: Deck, per_row: int = 4, height: int = TILE_HEIGHT) -> Emu:
    gap = Inches(0.2)
    width = int((INNER - gap * (per_row - 1)) / per_row)
    y = top
    for row in rows:
        for i, tile in enumerate(row):
            _tile(
                slide,
                tile,
                MARGIN + i * (width + gap),
                y,
                width,
                height,
                deck.basis_text,
            )
        y += height + Inches(0.15)
    return y


class _TextCells:
    """A chart workbook's worksheet whose ``write`` puts a text in as a text cell: never a
    formula (XlsxWriter's ``write`` makes one of a text starting with ``=``) nor a link; a text
    that would start a formula is marked with Excel's quote prefix, so it stays text when
    someone edits the cell, without a ``'`` in its value. Everything else is the worksheet's."""

    def __init__(self, workbook, worksheet) -> None:
        self._sheet = worksheet
        self._quoted = workbook.add_format({"quote_prefix": True})

    def write(self, row, col, value, *args):
        if isinstance(value, str):
            cell_format = self._quoted if starts_formula(value) else (args[0] if args else None)
            return self._sheet.write_string(row, col, value, cell_format)
        return self._sheet.write(row, col, value, *args)

    def __getattr__(self, name):
        return getattr(self._sheet, name)


class _TextCellsWriter(CategoryWorkbookWriter):
    """python-pptx's category-chart workbook, every cell it writes through :class:`_TextCells`
    (the layout and the references to it stay python-pptx's own)."""

    @contextmanager
    def _open_worksheet(self, xlsx_file):
        with super()._open_worksheet(xlsx_file) as (workbook, worksheet):
            yield workbook, _TextCells(workbook, worksheet)


class _ChartData(CategoryChartData):
    """Category chart data whose embedded workbook holds names as text, never formulas."""

    @property
    def _workbook_writer(self):
        return _TextCellsWriter(self)


def _number_format(chart: Chart) -> str:
    if chart.unit in ("人次/千人", "per 1,000"):
        return "#,##0"
    # percentages are kept as 56.3 (not 0.563): the sign is written, not Excel's 0.0%
    return '0.0"%"' if chart.unit == "%" else "0.0"


def axis_top(chart: Chart) -> float | None:
    """The value axis' maximum: for a percentage the data's and the target's highest,
    with room for the values written above the bars, rounded up to a ten and never above
    100; None (the renderer's own) for other units."""
    if chart.unit != "%":
        return None
    values = [v for _, vs in chart.series for v in vs if v is not None]
    if chart.target is not None:
        values.append(chart.target)
    top = max(values, default=100.0) * 1.1
    return float(min(100, max(10, math.ceil(top / 10) * 10)))


def add_chart(slide, chart: Chart, left, top, width, height, lang: str = "zh"):
    """A native column or line chart of ``chart`` (its workbook holds the same numbers); the
    target, when the chart has one, a dashed line series across it (a line chart combined
    with the columns), its name written at its right end."""
    data = _ChartData(number_format=_number_format(chart))
    data.categories = list(chart.categories)
    for name, values in chart.series:
        data.add_series(name, list(values))
    has_target = chart.target is not None and bool(chart.categories)
    if has_target:
        data.add_series(chart.target_label, [chart.target] * len(chart.categories))
    kind = XL_CHART_TYPE.COLUMN_CLUSTERED if chart.kind == "bar" else XL_CHART_TYPE.LINE_MARKERS
    frame = slide.shapes.add_chart(kind, left, top, width, height, data)
    native = frame.chart
    native.has_legend = False
    native.has_title = True
    title = chart.title
    if chart.target is not None and chart.value_texts:
        target = f"{chart.target_label} {_target_text(chart)}"
        title = f"{title} ({target})" if lang == "en" else f"{title}（{target}）"
    native.chart_title.text_frame.text = title
    title_size = fit.fit_size(title, fit.emu_pt(width) - 20, 16, True, floor=11)
    for paragraph in native.chart_title.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(title_size)
            run.font.bold = True
    native.font.size = Pt(13)
    plot = native.plots[0]
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = _number_format(chart)
    labels.number_format_is_linked = False
    labels.font.size = Pt(12)
    if chart.kind == "bar":
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
        series = plot.series[0]
        texts = chart.value_texts[0] if chart.value_texts else ()
        for i, light in enumerate(chart.lights):
            point = series.points[i]
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = light_bar(light) if light else NEUTRAL_BAR
            if i < len(texts) and chart.series[0][1][i] is not None:
                # the status on the bar too, as its glyph beside the value: never colour alone
                frame_ = point.data_label.text_frame
                few = i < len(chart.small) and chart.small[i]  # 样本少 is in the text
                # a few cases' label on two lines of its own choosing ("100.0%" / "样本少"):
                # a renderer's own wrap broke it mid-word at the bar's width
                frame_.text = (
                    texts[i].replace(" ", "\n", 1) if few else f"{texts[i]} {palette.glyph(light)}"
                )
                for run in (r for paragraph in frame_.paragraphs for r in paragraph.runs):
                    run.font.size = Pt(12)
                    set_run_fonts(run, FONT, "zh-CN" if lang == "zh" else "en-US")
                point.data_label.position = XL_LABEL_POSITION.OUTSIDE_END
    else:
        labels.position = XL_LABEL_POSITION.ABOVE
    if has_target:
        _target_line(native, chart, lang)
    if chart.kind == "bar":
        _room_above_bars(native)
    value_axis = native.value_axis
    value_axis.minimum_scale = 0  # from zero, as on the page: no exaggerated differences
    top_value = axis_top(chart)
    if top_value is not None:
        value_axis.maximum_scale = top_value
        value_axis.tick_labels.number_format = '0"%"'
        value_axis.tick_labels.number_format_is_linked = False
    value_axis.has_major_gridlines = True
    value_axis.tick_labels.font.size = Pt(12)
    native.category_axis.tick_labels.font.size = Pt(12)
    return frame


def _room_above_bars(native) -> None:
    """The bars' plot area set below the chart's title with room for two lines of value
    above a full bar: a rate's axis stops at 100%, and the value of a 100% bar (two lines in
    English: "100.0% few cases") was written over the title."""
    plot_area = native._chartSpace.find(f"{qn('c:chart')}/{qn('c:plotArea')}")
    for old in plot_area.findall(qn("c:layout")):
        plot_area.remove(old)
    plot_area.insert(
        0,
        parse_xml(
            f'<c:layout {nsdecls("c")}><c:manualLayout><c:layoutTarget val="inner"/>'
            '<c:xMode val="edge"/><c:yMode val="edge"/><c:x val="0.07"/><c:y val="0.33"/>'
            '<c:w val="0.91"/><c:h val="0.5"/></c:manualLayout></c:layout>'
        ),
    )


def _target_line(native, chart: Chart, lang: str) -> None:
    """The last series (the target, one value per category) as a dashed line without
    markers or values, its name and value written once at its right end. On a column chart
    the series moves into a line chart of its own on the same axes (a combo chart, which
    python-pptx does not draw by itself)."""
    plot_area = native._chartSpace.find(f"{qn('c:chart')}/{qn('c:plotArea')}")
    first = plot_area.find(qn("c:barChart"))
    if first is None:
        first = plot_area.find(qn("c:lineChart"))
    ser = first.findall(qn("c:ser"))[-1]
    if first.tag == qn("c:barChart"):
        first.remove(ser)
        for bar_only in ser.findall(qn("c:invertIfNegative")):
            ser.remove(bar_only)
        axes = "".join(f'<c:axId val="{ax.get("val")}"/>' for ax in first.findall(qn("c:axId")))
        line = parse_xml(
            f'<c:lineChart {nsdecls("c")}><c:grouping val="standard"/>'
            f'<c:varyColors val="0"/><c:marker val="1"/>{axes}</c:lineChart>'
        )
        line.find(qn("c:marker")).addprevious(ser)
        first.addnext(line)
    series = next(s for p in native.plots for s in p.series if s._element is ser)
    series.format.line.color.rgb = GREY
    series.format.line.width = Pt(2.25)
    series.format.line.dash_style = 4  # MSO_LINE_DASH_STYLE.DASH
    series.marker.style = XL_MARKER_STYLE.NONE
    series.smooth = False
    labels = series.data_labels  # none but the last point's
    labels.show_value = False
    last = series.points[len(chart.categories) - 1].data_label
    last.text_frame.text = f"{chart.target_label} {_target_text(chart)}"
    for run in last.text_frame.paragraphs[0].runs:
        run.font.size = Pt(11)
        run.font.bold = True
        run.font.color.rgb = GREY
        set_run_fonts(run, FONT, "zh-CN" if lang == "zh" else "en-US")
    last.position = XL_LABEL_POSITION.ABOVE


def _target_text(chart: Chart) -> str:
    target = chart.target
    if chart.unit == "%":
        return f"{target:.1f}%"
    if chart.unit in ("人次/千人", "per 1,000"):
        return f"{target:,.0f}"
    return f"{target:.1f}{chart.unit if chart.unit == '分' else ''}"


def table_layout(
    table: Table, width: int, size: float, floor: float = 8
) -> tuple[float, list[int]]:
    """The type size and the column widths (EMU) of ``table`` drawn ``width`` wide: the
    largest size from ``size`` down (by half points, not below ``floor``) at which every
    column is as wide as its widest text (headers bold) measured in the fonts' metrics, the
    room left over shared out in proportion. Only when even ``floor`` is too wide do the
    columns shrink alike, and their texts wrap."""
    margin = 2 * fit.emu_pt(CELL_MARGIN) + 2

    def natural(s: float) -> list[float]:
        return [
            max(
                [
                    fit.width_pt(name, s, True),
                    *(fit.width_pt(r[j], s) for r in table.rows if j < len(r)),
                ]
            )
            + margin
            for j, name in enumerate(table.columns)
        ]

    room = fit.emu_pt(width)
    s = float(size)
    while s > floor and sum(natural(s)) > room:
        s -= 0.5
    need = natural(s)
    if sum(need) > room:
        # Too wide even at ``floor``: every column keeps its longest word whole, the room
        # left is shared in proportion to what each column's texts need beyond that.
        least = [
            max(
                fit.width_pt(word, s, k == 0)
                for k, text in enumerate((name, *(r[j] for r in table.rows if j < len(r))))
                for word in fit.words(text)
            )
            + margin
            for j, name in enumerate(table.columns)
        ]
        spare = max(room - sum(least), 0)
        extra = [n - m for n, m in zip(need, least, strict=True)]
        need = [m + spare * e / max(sum(extra), 1e-9) for m, e in zip(least, extra, strict=True)]
    share = room / sum(need)
    widths = [int(fit.EMU_PER_PT * w * share) for w in need]
    widths[-1] = int(width) - sum(widths[:-1])
    return s, widths


def add_table(slide, table: Table, left, top, width, row_height: int = ROW_HEIGHT, size: int = 12):
    rows, cols = len(table.rows) + 1, len(table.columns)
    shape = slide.shapes.add_table(rows, cols, left, top, width, row_height * rows)
    native = shape.table
    size, widths = table_layout(table, width, size)
    for j, w in enumerate(widths):
        native.columns[j].width = w
    # a row as tall as its text is drawn (a cell that must wrap makes its row taller)
    for i, tall in enumerate(row_heights(table, widths, row_height, size)):
        native.rows[i].height = tall
    for j, name in enumerate(table.columns):
        cell = native.cell(0, j)
        cell.margin_left = cell.margin_right = CELL_MARGIN
        cell.text = name
        cell.fill.solid()
        cell.fill.fore_color.rgb = NAVY
        for run in cell.text_frame.paragraphs[0].runs:
            run.font.size = Pt(size)
            run.font.bold = True
            run.font.color.rgb = WHITE
    for i, row in enumerate(table.rows, start=1):
        lights = table.lights[i - 1] if i - 1 < len(table.lights) else ()
        for j, value in enumerate(row):
            cell = native.cell(i, j)
            cell.margin_left = cell.margin_right = CELL_MARGIN
            cell.text = value
            light = lights[j] if j < len(lights) else None
            cell.fill.solid()
            cell.fill.fore_color.rgb = light_cell(light)
            for run in cell.text_frame.paragraphs[0].runs:
                run.font.size = Pt(size)
                run.font.color.rgb = TEXT
    return shape


# 一张图: a label is written dark on the amber and grey fills, white on the green and red (as
# the values inside the briefing's bars).
_DARK_ON = {"amber", None}


def add_town_map(slide, m: TownMap, left, top, width, height) -> list:
    """一张图 as native shapes: one freeform per community (python-pptx's freeform builder),
    its outline projected from longitude/latitude (x scaled by cos(latitude)) into the box,
    filled in its status colour and labelled inside with its name, value and status, named
    after the community in the selection pane — staff recolour or move them in PowerPoint
    or WPS. Returns the shapes, in the map's order."""
    x0, y0, x1, y1 = bounds(m)
    squeeze = math.cos(math.radians(m.latitude))
    span_x, span_y = max((x1 - x0) * squeeze, 1e-9), max(y1 - y0, 1e-9)
    scale = min(width / span_x, height / span_y)  # EMU per (corrected) degree
    off_x = left + (width - span_x * scale) / 2
    off_y = top + (height - span_y * scale) / 2

    def point(x: float, y: float) -> tuple[int, int]:
        return round(off_x + (x - x0) * squeeze * scale), round(off_y + (y1 - y) * scale)

    drawn = []
    for area in m.areas:
        rings = [[point(x, y) for x, y in ring] for ring in area.rings]
        builder = slide.shapes.build_freeform(*rings[0][0], scale=1.0)
        builder.add_line_segments(rings[0][1:], close=True)
        for ring in rings[1:]:  # the other parts of a multipolygon
            builder.move_to(*ring[0])
            builder.add_line_segments(ring[1:], close=True)
        shape = builder.convert_to_shape()
        shape.name = f"{area.community_id} {area.name}"
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(area.fill.lstrip("#").upper())
        shape.line.color.rgb = TEXT if area.selected else WHITE
        shape.line.width = Pt(3 if area.selected else 1.5)
        ink = TEXT if area.light in _DARK_ON else WHITE
        frame = shape.text_frame
        # each line in the largest size that fits inside the shape, unwrapped: a wrapped
        # English label ran past a small shape, its white letters lost on the white slide
        frame.word_wrap = False
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
            setattr(frame, side, Inches(0.03))
        room = 0.8 * fit.emu_pt(shape.width)  # a shape is narrower than its box at its edges
        said = reading(area)
        lines = [
            (area.name, fit.fit_size(area.name, room, 13, True, floor=7), True, ink),
            (said, fit.fit_size(said, room, 11, False, floor=6), False, ink),
        ]
        _write(frame, lines, PP_ALIGN.CENTER)
        drawn.append(shape)
    return drawn


def row_heights(table: Table, widths, row_height: int, size: float) -> list[int]:
    """Each row's height (the header's first): ``row_height``, or its most wrapped cell's
    lines and the cell's margins when they are taller."""
    heights = []
    for k, row in enumerate((table.columns, *table.rows)):
        tall = max(
            fit.lines(text, fit.emu_pt(widths[j] - 2 * CELL_MARGIN) - 2, size, k == 0)
            * fit.line_pt(text, size)
            for j, text in enumerate(row)
        )
        heights.append(max(int(row_height), int(Pt(tall) + Inches(0.1))))
    return heights


def table_height(table: Table, width: int, row_height: int, size: int) -> int:
    """How tall :func:`add_table` draws ``table``: its rows' heights (:func:`row_heights`)
    from the same size and column widths (:func:`table_layout`)."""
    size, widths = table_layout(table, width, size)
    return Emu(sum(row_heights(table, widths, row_height, size)))


def _bullets(slide, sentences, left, top, width, height, size=16):
    return _paragraphs(slide, left, top, width, height, [f"• {s}" for s in sentences], size)


# ---- slides ------------------------------------------------------------------------------------


def _frame(prs, deck: Deck, slide: Slide, n: int, total: int):
    # "Title Only": the title is the slide's title placeholder, so the outline view, the slide
    # sorter and a screen reader name the slide (a text box is untitled to them)
    page = prs.slides.add_slide(prs.slide_layouts[5])
    # (top, height, size) of the title and of the subtitle: lower and larger on the title slide
    (y, h, pt), (sub_y, sub_h, sub_pt) = (
        ((1.0, 1.1, 40), (2.05, 0.6, 20))
        if slide.key == TITLE
        else ((0.25, 0.75, 30), (0.95, 0.5, 16))
    )
    heading = page.shapes.title
    heading.left, heading.top, heading.width, heading.height = MARGIN, Inches(y), INNER, Inches(h)
    frame = heading.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.TOP
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for side, inset in (("margin_left", BOX_INSET), ("margin_right", BOX_INSET)):
        setattr(frame, side, inset)
    size = fit.fit_size(slide.title, _room(INNER), pt, True)
    _write(frame, [(slide.title, size, True, NAVY)], PP_ALIGN.LEFT)
    if slide.subtitle:  # none on 上次会议以来: no empty box to click into
        _text(
            page,
            MARGIN,
            Inches(sub_y),
            INNER,
            Inches(sub_h),
            [slide.subtitle],
            size=sub_pt,
            colour=GREY,
        )
    _text(
        page,
        MARGIN,
        Inches(6.95),
        Inches(10.3),
        Inches(0.4),
        [deck.filters_text],
        size=11,
        colour=GREY,
    )
    counter = t("brief.slide_of", deck.lang, n=n, total=total)
    _text(
        page,
        Inches(10.9),
        Inches(6.95),
        Inches(1.93),
        Inches(0.4),
        [counter],
        size=11,
        colour=GREY,
        align=PP_ALIGN.RIGHT,
    )
    return page


NOTE_LINE = Inches(0.22)  # one footnote line at 10 pt
NOTES_MOST = 4  # footnotes shown on a slide; more are summed up in the last line


def _notes(page, slide: Slide, lang: str) -> Emu:
    """The slide's footnotes (its events) above the footer; returns the top of their band
    (the bottom of the rest), ``Inches(6.85)`` when there are none."""
    if not slide.notes:
        return Inches(6.85)
    lines = list(slide.notes[:NOTES_MOST])
    if len(slide.notes) > NOTES_MOST:
        lines[-1] = t("brief.notes.more", lang, n=len(slide.notes) - NOTES_MOST + 1)
    top = Inches(6.9) - NOTE_LINE * len(lines)
    _text(page, MARGIN, top, INNER, NOTE_LINE * len(lines), lines, size=10, colour=GREY)
    return top - Inches(0.05)


def _slide(prs, deck: Deck, slide: Slide, n: int, total: int) -> None:
    page = _frame(prs, deck, slide, n, total)
    bottom = _notes(page, slide, deck.lang)
    if slide.key == TITLE:
        _text(page, MARGIN, Inches(2.8), INNER, Inches(1.4), list(slide.sentences), size=20)
        _text(
            page,
            MARGIN,
            Inches(4.35),
            INNER,
            Inches(0.4),
            [deck.facts_title or t("brief.facts", deck.lang)],
            size=14,
            bold=True,
        )
        _tiles(page, slide.tiles, Inches(4.8), deck, height=Inches(1.3))
        return
    if slide.key == OUTCOMES:
        rows = outcome_rows(slide.tiles)
        y = _tile_rows(page, rows, Inches(1.5), deck, max(map(len, rows)), Inches(1.4))
        _bullets(page, slide.sentences, MARGIN, y, INNER, min(Inches(6.9), bottom) - y, size=13)
        return
    if slide.townmap is not None:  # 一张图: the shapes on the left, who is where beside them
        add_town_map(page, slide.townmap, MARGIN, Inches(1.5), Inches(7.6), bottom - Inches(1.6))
        _bullets(page, slide.sentences, Inches(8.6), Inches(1.7), Inches(4.23), Inches(4), size=16)
        return
    if slide.chart is not None:
        # the chart across the slide, the sentence (the weakest community) under it
        y = _tiles(page, slide.tiles, Inches(1.5), deck)
        said = min(bullets_height(slide.sentences, INNER, 16), Inches(1.1))
        chart_bottom = bottom - said
        add_chart(page, slide.chart, MARGIN, y, INNER, chart_bottom - y, deck.lang)
        _bullets(page, slide.sentences, MARGIN, chart_bottom, INNER, bottom - chart_bottom, 16)
        return
    if slide.key in PLATFORM_KEYS:  # no chart: nothing to draw, the sentence says so
        y = _tiles(page, slide.tiles, Inches(1.5), deck)
        _bullets(page, slide.sentences, MARGIN, y + Inches(0.2), INNER, Inches(2), size=18)
        return
    if slide.key == FOLLOW_UP and slide.keyed(DUBAN_TABLE) is not None:
        _follow_up_with_duban(page, slide, bottom, deck.lang)
        return
    if slide.key == FOLLOW_UP:
        summary, furthest = slide.tables[0], slide.tables[1]
        _text(
            page,
            MARGIN,
            Inches(1.45),
            Inches(7.3),
            Inches(0.4),
            [summary.title],
            size=14,
            bold=True,
        )
        add_table(page, summary, MARGIN, Inches(1.85), Inches(7.3), Inches(0.42), size=12)
        _text(
            page,
            Inches(8.0),
            Inches(1.45),
            Inches(4.83),
            Inches(0.4),
            [furthest.title],
            size=14,
            bold=True,
        )
        add_table(page, furthest, Inches(8.0), Inches(1.85), Inches(4.83), Inches(0.42), size=11)
        _bullets(page, slide.sentences, Inches(8.0), Inches(3.85), Inches(4.83), Inches(3), size=13)
        return
    if slide.key == SINCE:  # 上次会议以来: eleven rows, then the sentences read aloud
        if slide.tables:
            add_table(page, slide.tables[0], MARGIN, Inches(1.35), INNER, Inches(0.3), size=10)
        _bullets(page, slide.sentences, MARGIN, Inches(5.15), INNER, Inches(1.7), size=14)
        return
    # The ranking: at most RANKING_ROWS rows (content.py keeps the best and the weakest), the
    # sentences in the band below, whatever height the table takes when a cell wraps.
    # 本期变化 the same way: its declines (at most changes.ROWS), then its sentences.
    # The sentences in the band from 5.75 in; 本期变化's (long in English) start under its
    # table, or under the title when nothing got worse and there is no table.
    top = Inches(5.75)
    if slide.tables and slide.tables[0].rows:
        add_table(page, slide.tables[0], MARGIN, Inches(1.45), INNER, Inches(0.36), size=11)
        if slide.key == CHANGES:
            drawn = table_height(slide.tables[0], INNER, Inches(0.36), 11)
            top = min(top, Emu(Inches(1.45) + drawn + Inches(0.15)))
    elif slide.key == CHANGES:
        top = Inches(1.5)
    _bullets(page, slide.sentences, MARGIN, top, INNER, min(Inches(6.9), bottom) - top, size=15)


def bullets_height(sentences, width: int, size: int) -> int:
    """How tall :func:`_bullets` draws ``sentences`` in a box ``width`` wide."""
    texts = [f"• {s}" for s in sentences]
    return Emu(int(Pt(fit.height_pt(texts, _room(width), size)) + Inches(0.1)))


def _follow_up_with_duban(page, slide: Slide, bottom: Emu, lang: str) -> None:
    """The 督办 slide with open follow-up items: those items by unit across the top (at most
    five rows, content.py cuts long texts), today's overdue cases by community under them,
    the sentences in the band at the bottom — in the largest type (of two for the tables,
    three for the sentences) that lets it all fit above the footer. The indicators furthest
    from target are said in the sentences (the values their table shows without items)."""
    duban, more = first_rows(slide.keyed(DUBAN_TABLE), lang)
    summary = slide.tables[0]
    head, title_h, gap = Inches(1.35), Inches(0.3), Inches(0.1)
    more_h = Inches(0.25) if more else 0
    fits = [(10, 12), (10, 11), (9, 11), (9, 10)]
    for size, words in fits:
        row = Inches(0.27) if size == 10 else Inches(0.25)
        first = table_height(duban, INNER, row, size) + more_h
        second = table_height(summary, INNER, row, size)
        said = bullets_height(slide.sentences, INNER, words)
        if head + 2 * title_h + first + gap + second + gap + said <= bottom:
            break
    _text(page, MARGIN, head, INNER, title_h, [duban.title], size=13, bold=True)
    add_table(page, duban, MARGIN, head + title_h, INNER, row, size=size)
    if more:
        below = head + title_h + first - more_h
        _text(page, MARGIN, below, INNER, more_h, [more], size=size, colour=GREY)
    top = head + title_h + first + gap
    _text(page, MARGIN, top, INNER, title_h, [summary.title], size=13, bold=True)
    add_table(page, summary, MARGIN, top + title_h, INNER, row, size=size)
    y = top + title_h + second + Inches(0.08)
    _bullets(page, slide.sentences, MARGIN, y, INNER, max(bottom - y, Inches(0.6)), size=words)


def build(deck: Deck):
    """The deck as a python-pptx Presentation: one 16:9 slide per deck slide."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    total = len(deck.slides)
    for n, slide in enumerate(deck.slides, start=1):
        _slide(prs, deck, slide, n, total)
    prs.core_properties.title = deck.title
    prs.core_properties.subject = f"{deck.period_text} · {deck.scope_text}"
    apply_fonts(prs, FONT, "zh-CN" if deck.lang == "zh" else "en-US")
    return prs


def render(deck: Deck) -> bytes:
    """The .pptx file's bytes (for a download button)."""
    buffer = io.BytesIO()
    build(deck).save(buffer)
    return buffer.getvalue()


def write(deck: Deck, folder: Path) -> Path:
    """Write ``<file_stem>.pptx`` into ``folder``; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{file_stem(deck)}.pptx"
    build(deck).save(str(path))
    return path
