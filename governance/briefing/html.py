"""The briefing as one self-contained HTML file: opens offline, prints one slide per page.

plotly.js is inlined once in the head; every chart is a ``full_html=False`` fragment that
uses it. Nothing is fetched from any server (no http(s) URL in any ``src`` or ``href``), and
every text of the deck is HTML-escaped: names from a data file are shown as text.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import plotly.offline

from governance import palette
from governance.briefing.content import file_stem
from governance.briefing.duban import first_rows
from governance.briefing.figures import figure
from governance.briefing.model import (
    DUBAN_TABLE,
    FOLLOW_UP,
    OUTCOMES,
    TITLE,
    Chart,
    Deck,
    Slide,
    Table,
    Tile,
)
from governance.geo import townmap
from governance.i18n import t

# A slide is 1280 x 720 CSS pixels: exactly a 13.333 x 7.5 inch (16:9) page at 96 px/inch,
# so printing to PDF from a browser gives one slide per page at the size seen on screen.
CSS = """
* { box-sizing: border-box; }
body { margin: 0; background: #d9d9d9; color: #111;
  font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "Source Han Sans SC",
  sans-serif; }
.toolbar { text-align: center; padding: 12px; }
.toolbar button { font: inherit; font-size: 18px; padding: 6px 18px; }
.slide { width: 1280px; height: 720px; margin: 16px auto; background: #fff; overflow: hidden;
  position: relative; padding: 28px 44px 56px; display: flex; flex-direction: column;
  box-shadow: 0 2px 8px rgba(0,0,0,.25); }
.slide h1 { font-size: 40px; margin: 0 0 4px; color: #08306b; }
.slide .subtitle { font-size: 22px; margin: 0 0 14px; color: #333; }
.slide.title-slide h1 { font-size: 56px; margin-top: 40px; }
.slide.title-slide .facts-line { font-size: 26px; margin: 6px 0; color: #222; }
.slide footer { position: absolute; left: 44px; right: 44px; bottom: 14px; display: flex;
  justify-content: space-between; font-size: 16px; color: #333;
  border-top: 2px solid #08306b; padding-top: 6px; }
.tiles { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin-bottom: 12px; }
.tile { border: 2px solid #bbb; border-radius: 8px; padding: 8px 12px; min-width: 0; }
.tile .label { font-size: 20px; color: #222; }
.tile .value { font-size: 36px; font-weight: 700; white-space: nowrap; overflow: hidden;
  text-overflow: clip; }
.tile .change { font-size: 20px; font-weight: 700; }
.tile .note { font-size: 16px; color: #333; }
.flat { color: #333; }
.row { display: flex; gap: 20px; min-height: 0; flex: 1; }
.row > .chart { flex: 3; min-width: 0; min-height: 0; }
.row > .chart.plot { position: relative; }
.row > .chart.plot > div { position: absolute; inset: 0; }
.row > .words { flex: 2; min-width: 0; order: 2; }
.sentences { font-size: 22px; line-height: 1.45; margin: 0; padding-left: 24px; }
.sentences.compact { font-size: 18px; line-height: 1.35; }
.sentences.columns { columns: 2; column-gap: 28px; }
.sentences li { break-inside: avoid; }
.basis { font-size: 16px; font-weight: 400; color: #333; white-space: nowrap; }
table { border-collapse: collapse; width: 100%; font-size: 17px; }
th, td { border: 1px solid #999; padding: 4px 8px; text-align: left; }
th { background: #08306b; color: #fff; }
td.group-start { border-top: 3px solid #08306b; }
.notes { font-size: 13px; line-height: 1.3; color: #444; margin: 6px 0 0;
  border-top: 1px solid #bbb; padding-top: 4px; flex: none; order: 1; }
.notes p { margin: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.table-title { font-size: 20px; font-weight: 700; margin: 6px 0 4px; }
/* the 督办 slide with follow-up items: three tables and the sentences, all smaller */
.follow-duban .table-title { font-size: 17px; margin: 2px 0 2px; }
.follow-duban th, .follow-duban td { padding: 2px 6px; line-height: 1.25; }
.follow-duban .sentences { margin-top: 6px; font-size: 15px; line-height: 1.3; }
.duban-items td:nth-child(n+4):nth-child(-n+6) { white-space: nowrap; }
.duban-items .more { font-size: 15px; margin: 2px 0 0; }
/* the appendix (the overdue items' details) grows with its rows, its footer after them */
.slide.slide-follow-details { height: auto; min-height: 720px; overflow: visible;
  -webkit-box-decoration-break: clone; box-decoration-break: clone; }
.slide.slide-follow-details footer { position: static; margin-top: 12px; }
@page { size: 13.333in 7.5in; margin: 0; }
@media print {
  thead { display: table-header-group; }
  tr, td, th { break-inside: avoid; page-break-inside: avoid; }
  .slide.slide-follow-details { page-break-inside: auto; break-inside: auto; }
  body { background: #fff; }
  .toolbar { display: none; }
  .slide { margin: 0; box-shadow: none; page-break-after: always; break-after: page;
    page-break-inside: avoid; break-inside: avoid; }
  .slide:last-of-type { page-break-after: auto; break-after: auto; }
}
"""


def _status_css() -> str:
    """The status colours, from governance/palette.py: a tile's border and a cell's tint per
    light (the cell's text in ink: its glyph and word say the status), and the colours of a
    change that is good, bad or near the target."""
    rules = [
        f".good {{ color: {palette.GREEN.text}; }} .bad {{ color: {palette.RED.text}; }} "
        f".near {{ color: {palette.AMBER.text}; }}"
    ]
    for light, status in palette.LIGHTS.items():
        rules.append(f".light-{light} {{ border-left: 10px solid {status.mark}; }}")
        rules.append(f"td.cell-{light} {{ background: {status.tint}; color: {palette.INK}; }}")
    return "\n".join(rules) + "\n"


CSS += _status_css()


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def tile_html(tile: Tile, basis_text: str) -> str:
    light = f" light-{tile.light}" if tile.light else ""
    change = ""
    if tile.change_text != "—" or tile.good is not None:
        change = (
            f'<div class="change {tile.tone}">{_e(tile.change_text)}'
            f' <span class="basis">{_e(basis_text)}</span></div>'
        )
    note = f'<div class="note">{_e(tile.note)}</div>' if tile.note else ""
    return (
        f'<div class="tile{light}" data-indicator="{_e(tile.indicator_id)}">'
        f'<div class="label">{_e(tile.label)}</div>'
        f'<div class="value">{_e(tile.value_text)}</div>{change}{note}</div>'
    )


def table_html(table: Table, compact: bool = False, px: int | None = None) -> str:
    px = px or (18 if compact else None)
    size = f' style="font-size:{px}px"' if px else ""
    head = "".join(f"<th>{_e(c)}</th>" for c in table.columns)
    body = []
    previous = None
    for i, row in enumerate(table.rows):
        lights = table.lights[i] if i < len(table.lights) else ()
        group = row[table.group_column] if table.group_column is not None else None
        starts = group is not None and previous is not None and group != previous
        previous = group
        cells = []
        for j, cell in enumerate(row):
            classes = []
            if j < len(lights) and lights[j]:
                classes.append(f"cell-{lights[j]}")
            if starts:
                classes.append("group-start")
            attr = f' class="{" ".join(classes)}"' if classes else ""
            cells.append(f"<td{attr}>{_e(cell)}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    title = f'<div class="table-title">{_e(table.title)}</div>' if table.title else ""
    return (
        f"{title}<table{size}><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def chart_html(chart: Chart) -> str:
    # The figure fills whatever height the slide leaves below the tiles (responsive), so a
    # long English label that makes the tiles taller never pushes the chart off the slide.
    fig = figure(chart, font_size=16)
    fig.update_layout(height=None, autosize=True)
    return fig.to_html(
        full_html=False,
        include_plotlyjs=False,
        config={"displaylogo": False, "responsive": True},
        default_width="100%",
        default_height="100%",
    )


def map_html(slide: Slide) -> str:
    """一张图: the same interactive figure as the pages (no geo layer, so nothing is fetched:
    plotly.js is in the file), filling the slide's chart area."""
    fig = townmap.figure(slide.townmap, font_size=15, height=None)  # type: ignore[arg-type]
    fig.update_layout(title={"text": ""}, autosize=True, margin={"l": 4, "r": 4, "t": 8, "b": 4})
    return fig.to_html(
        full_html=False,
        include_plotlyjs=False,
        config={"displaylogo": False, "responsive": True, "displayModeBar": False},
        default_width="100%",
        default_height="100%",
    )


def _sentences(items: tuple[str, ...], compact: bool = False, columns: bool = False) -> str:
    cls = "sentences compact" if compact else "sentences"
    cls += " columns" if columns else ""
    return f'<ul class="{cls}">' + "".join(f"<li>{_e(s)}</li>" for s in items) + "</ul>"


def slide_body(slide: Slide, deck: Deck) -> str:
    if slide.key == TITLE:
        lines = "".join(f'<p class="facts-line">{_e(s)}</p>' for s in slide.sentences)
        tiles = "".join(tile_html(x, "") for x in slide.tiles)
        heading = deck.facts_title or t("brief.facts", deck.lang)
        return (
            f'{lines}<div class="table-title" style="margin-top:30px">'
            f'{_e(heading)}</div><div class="tiles">{tiles}</div>'
        )
    parts = []
    if slide.tiles:
        tiles = "".join(tile_html(x, deck.basis_text) for x in slide.tiles)
        parts.append(f'<div class="tiles">{tiles}</div>')
    if slide.key == OUTCOMES:
        parts.append(_sentences(slide.sentences, compact=True, columns=True))
        return "".join(parts)
    # The words come first in the file (drawn right of the chart by their CSS order): a
    # chart's inline script sizes it as it runs, so the words must already take their place.
    if slide.townmap is not None or slide.chart is not None:
        figure = map_html(slide) if slide.townmap is not None else chart_html(slide.chart)
        parts.append(
            f'<div class="row"><div class="words">{_sentences(slide.sentences)}</div>'
            f'<div class="chart plot">{figure}</div></div>'
        )
        return "".join(parts)
    if slide.key == FOLLOW_UP and slide.keyed(DUBAN_TABLE) is not None:
        # The open follow-up items across the top, today's overdue cases under them, the
        # sentences last.
        # (The indicators furthest from target are in the sentences, as on the PowerPoint.)
        shown, more = first_rows(slide.keyed(DUBAN_TABLE), deck.lang)
        more = f'<p class="more">{_e(more)}</p>' if more else ""
        parts.append(
            f'<div class="follow-duban"><div class="duban-items">'
            f"{table_html(shown, px=14)}{more}</div>"
            f"{table_html(slide.tables[0], px=14)}"
            f"{_sentences(slide.sentences, compact=True)}</div>"
        )
        return "".join(parts)
    if slide.key == FOLLOW_UP:
        summary, furthest = slide.tables[0], slide.tables[1]
        parts.append(
            f'<div class="row"><div class="chart">{table_html(summary, compact=True)}</div>'
            f'<div class="words">{table_html(furthest, compact=True)}'
            f"{_sentences(slide.sentences, compact=True)}</div></div>"
        )
        return "".join(parts)
    parts.extend(table_html(x) for x in slide.plain_tables)
    parts.append(_sentences(slide.sentences))
    return "".join(parts)


def notes_html(slide: Slide) -> str:
    """The slide's footnotes (its events), each line as text."""
    if not slide.notes:
        return ""
    lines = "".join(f"<p>{_e(note)}</p>" for note in slide.notes)
    return f'<div class="notes">{lines}</div>'


def _section(
    slide_class: str, title: str, subtitle: str, body: str, deck: Deck, counter: str
) -> str:
    return (
        f'<section class="slide {slide_class}">'
        f'<h1>{_e(title)}</h1><p class="subtitle">{_e(subtitle)}</p>{body}'
        f"<footer><span>{_e(deck.filters_text)}</span><span>{_e(counter)}</span></footer>"
        "</section>"
    )


def render(deck: Deck) -> str:
    """The whole briefing as one HTML document (a string)."""
    total = len(deck.slides)
    sections = []
    for n, slide in enumerate(deck.slides, start=1):
        cls = f"slide-{slide.key}" + (" title-slide" if slide.key == TITLE else "")
        counter = t("brief.slide_of", deck.lang, n=n, total=total)
        sections.append(
            _section(
                cls,
                slide.title,
                slide.subtitle,
                # the footnotes first in the file, drawn last (CSS order): a chart above them
                # is sized by its script as it runs, with their room already taken
                notes_html(slide) + slide_body(slide, deck),
                deck,
                counter,
            )
        )
    follow = next((s for s in deck.slides if s.key == FOLLOW_UP), None)
    if follow is not None and len(follow.tables) > 2 and follow.tables[2].rows:
        details = follow.tables[2]
        sections.append(
            _section(
                "slide-follow-details",
                details.title,
                follow.subtitle,
                table_html(details, compact=True),
                deck,
                "",
            )
        )
    lang = "zh-CN" if deck.lang == "zh" else "en"
    title = f"{deck.title} · {deck.period_text} · {deck.scope_text}"
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{CSS}</style>"
        f'<script type="text/javascript">{plotly.offline.get_plotlyjs()}</script>'
        "</head><body>"
        f'<div class="toolbar"><button type="button" onclick="window.print()">'
        f"{_e(t('brief.html.print', deck.lang))}</button></div>"
        f"{''.join(sections)}</body></html>"
    )


def write(deck: Deck, folder: Path) -> Path:
    """Write ``<file_stem>.html`` into ``folder``; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{file_stem(deck)}.html"
    path.write_text(render(deck), encoding="utf-8")
    return path
