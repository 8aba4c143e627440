"""The present page's slides in projector type: navigation (previous / next, automatic turns),
the slide's tiles, chart, map and tables, and its controls; ui/present.py holds the mode's URL
state and the deck.

Every size is in viewport units (``--u`` is 1% of the height of a 16:9 screen), so the type is
as large, relative to the screen, at 1280×720 as at 1920×1080 and nothing scrolls. Text from
the data reaches the page escaped (``html.escape`` or Markdown escapes), never as markup.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable
from dataclasses import replace

import plotly.graph_objects as go
import streamlit as st

from governance import palette, textwidth
from governance.briefing import figures
from governance.briefing.duban import clip
from governance.briefing.model import (
    DUBAN_TABLE,
    FOLLOW_UP,
    PLATFORM_KEYS,
    SINCE,
    Chart,
    Deck,
    Slide,
    Table,
    Tile,
)
from governance.geo import townmap
from governance.geo.townmap import TownMap
from ui import duban as ui_duban
from ui import meetings as ui_meetings
from ui import plots, present, state
from ui.present import PARAM_AUTO, PARAM_SLIDE
from ui.state import tr

AUTO_CHOICES = (0, 10, 20, 30, 60)  # seconds; 0 is off (the default)
K_LAST_TURN = "present_last_turn"  # when the slide last changed (monotonic seconds)

# Colours that survive a washed-out projector: dark text; a status is its glyph and word in
# ink on its tint, framed in its mark (governance/palette.py, checked by tests/test_palette.py).
INK = palette.INK
CHART_FONT = "Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif"
# Plotly sizes its text in pixels: at these sizes the ticks are at least 18 px on a 1080-line
# screen and comfortably above the proportional 12 px on a 720-line one.
TICK_PX = 20

# Rows a table may take on one slide before the rest is summarised in a line ("另有 N 项").
TABLE_ROW_BUDGET = 11
STACKED_ROW_BUDGET = 13  # both tables together, one above the other
SINCE_WRAPPED_ROWS = 8  # 上次会议以来 under its sentences, when its cells wrap
# 督办 with follow-up items: the items (fewer when their cells wrap), then today's overdue
# cases by community, under the slide's sentences.
DUBAN_ROWS, DUBAN_WRAPPED_ROWS, DUBAN_SUMMARY_ROWS = 4, 3, 3
# ... its texts cut shorter than in the files (a Chinese character counts two), so a row
# stays on one line in projector type: unit, item, community, latest feedback.
DUBAN_CELL_WIDTHS = {0: 20, 1: 24, 2: 16, 6: 24}
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'])")


def parse_slide(raw: str | None, total: int) -> tuple[int, bool]:
    """The 1-based slide number from the URL's ``slide``, and whether the value was bad.

    No value is slide 1 and not an error; anything but a whole number from 1 to ``total``
    is slide 1 and an error.
    """
    if raw is None or raw == "":
        return 1, False
    text = raw.strip()
    if text.isascii() and text.isdigit() and 1 <= int(text) <= total:
        return int(text), False
    return 1, True


def parse_auto(raw: str | None) -> tuple[int, bool]:
    """Seconds between automatic turns from the URL's ``auto`` (0: off), and whether bad."""
    if raw is None or raw == "":
        return 0, False
    text = raw.strip()
    if text.isascii() and text.isdigit() and int(text) in AUTO_CHOICES:
        return int(text), False
    return 0, True


def go_to(n: int) -> None:
    st.query_params[PARAM_SLIDE] = str(n)
    st.session_state[K_LAST_TURN] = time.monotonic()


def set_auto(seconds: int) -> None:
    if seconds:
        st.query_params[PARAM_AUTO] = str(seconds)
    elif PARAM_AUTO in st.query_params:
        del st.query_params[PARAM_AUTO]
    st.session_state[K_LAST_TURN] = time.monotonic()


# ---- escaping ---------------------------------------------------------------------------------
def md_text(text: str) -> str:
    """``text`` made inert for Streamlit's Markdown (every special character escaped)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


# ---- style ------------------------------------------------------------------------------------
CSS = f"""
<style>
:root {{ --u: min(1vh, 0.5625vw); }}
html, body, [data-testid="stApp"], [data-testid="stMain"] {{ overflow: hidden !important; }}
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], [data-testid="stBottom"], footer {{ display: none !important; }}
[data-testid="stMainBlockContainer"] {{
  max-width: 100vw !important; height: 100vh; box-sizing: border-box;
  padding: calc(var(--u) * 2.2) calc(var(--u) * 3.5) calc(var(--u) * 1.2) !important;
}}
[data-testid="stApp"] {{ background: #ffffff; color: {INK}; }}
.st-key-present_deck {{
  flex: none !important; height: calc(100vh - var(--u) * 3.4) !important;
  gap: calc(var(--u) * 1.2);
}}
.st-key-present_body {{ min-height: 0; gap: calc(var(--u) * 1.4); }}
/* the footer sits at the bottom of the screen whatever the slide holds */
.st-key-present_deck > div:has(.st-key-present_foot) {{ margin-top: auto !important; }}
.st-key-present_body_title {{ gap: calc(var(--u) * 3); }}
/* slide title and subtitle */
[class*="st-key-present_top"] h1 {{
  margin: 0 !important;
  font-size: calc(var(--u) * 5) !important; line-height: 1.15 !important;
  padding: 0 !important; color: {INK} !important; font-weight: 700 !important;
}}
[class*="st-key-present_top"] [data-testid="stHeaderActionElements"] {{ display: none; }}
[class*="st-key-present_top"] [data-testid="stHeadingWithActionElements"],
[class*="st-key-present_top"] div:has(> [data-testid="stHeadingWithActionElements"]) {{
  margin: 0 !important;
}}
[class*="st-key-present_top"] {{ gap: calc(var(--u) * 0.9) !important; }}
.pr-sub {{ font-size: calc(var(--u) * 2.6); color: {INK}; line-height: 1.3; }}
.pr-sentences {{ margin: 0; padding-left: 1.1em; }}
.pr-notes {{ border-top: 1px solid #bbb; margin-top: calc(var(--u) * 0.5); color: #444; }}
.pr-note {{ margin: 0; font-size: calc(var(--u) * 1.5); line-height: 1.3; }}
.pr-sentences.pr-two {{ columns: 2; column-gap: calc(var(--u) * 5); }}
.pr-sentences.pr-two li {{ break-inside: avoid; }}
.pr-sentences li, .pr-sentence {{
  font-size: calc(var(--u) * 2.7); line-height: 1.35; color: {INK}; margin: 0 0 .25em 0;
}}
.pr-lead {{ font-weight: 700; }}
/* KPI tiles: st.metric in projector type */
[class*="st-key-present_tile_"] {{
  border: calc(var(--u) * 0.25) solid #444 !important; border-radius: calc(var(--u) * 1);
  padding: calc(var(--u) * 1.2) calc(var(--u) * 1.6) !important; gap: calc(var(--u) * 0.4);
  background: #fff;
}}
[class*="st-key-present_tile_"] [data-testid="stMetricLabel"] p,
[class*="st-key-present_tile_"] [data-testid="stMetricLabel"] {{
  font-size: calc(var(--u) * 2.4) !important; color: {INK} !important;
  white-space: normal !important; line-height: 1.25 !important; font-weight: 600;
}}
[class*="st-key-present_tile_"] [data-testid="stMetricValue"],
[class*="st-key-present_tile_"] [data-testid="stMetricValue"] > div {{
  font-size: calc(var(--u) * 6.2) !important; line-height: 1.1 !important; color: {INK};
  white-space: nowrap !important; overflow: visible !important; text-overflow: clip !important;
  font-weight: 700;
}}
[class*="st-key-present_tile_"] [data-testid="stMetricDelta"],
[class*="st-key-present_tile_"] [data-testid="stMetricDelta"] div,
[class*="st-key-present_tile_"] [data-testid="stMetricDelta"] svg {{
  font-size: calc(var(--u) * 2.4) !important; font-weight: 700;
}}
[class*="st-key-present_tile_"] [data-testid="stMetricDelta"] svg {{
  width: calc(var(--u) * 2.4) !important; height: calc(var(--u) * 2.4) !important;
}}
.pr-note {{ font-size: calc(var(--u) * 2.4); color: {INK}; line-height: 1.25; }}
.pr-chip {{
  display: inline-block; font-weight: 700; padding: 0 .35em; border-radius: .25em;
  border: 2px solid; margin-right: .3em; color: {INK};
}}
/* tables */
.pr-table {{ border-collapse: collapse; width: 100%; table-layout: auto; }}
.pr-table th, .pr-table td {{
  font-size: calc(var(--u) * 2.4); color: {INK}; text-align: left; line-height: 1.25;
  padding: calc(var(--u) * 0.3) calc(var(--u) * 0.8); border-bottom: 1px solid #777;
  white-space: nowrap;
}}
.pr-table.pr-wrap th, .pr-table.pr-wrap td {{ white-space: normal; overflow-wrap: anywhere; }}
.pr-table th {{ background: #e6e6e6; font-weight: 700; border-bottom: 2px solid #222; }}
.pr-table tr.pr-group-start td {{ border-top: 2px solid #222; }}
.pr-table td.pr-light {{ font-weight: 700; }}
.pr-table-title {{ font-size: calc(var(--u) * 2.6); font-weight: 700; margin-bottom: .2em; }}
.pr-more {{ font-size: calc(var(--u) * 2.4); color: {INK}; margin-top: .2em; }}
/* the chart: a fixed share of the screen, whatever the screen */
.st-key-present_chart, .st-key-present_chart_tall {{ flex: none !important; min-height: 0; }}
.st-key-present_chart {{ height: calc(var(--u) * 44) !important; }}
.st-key-present_chart_tall {{ height: calc(var(--u) * 62) !important; }}
/* footer: filters as read-only text, counter and controls */
.st-key-present_foot {{ border-top: 2px solid #222; padding-top: calc(var(--u) * 0.8); }}
.pr-foot {{ font-size: calc(var(--u) * 2.2); color: {INK}; line-height: 1.3; }}
.pr-counter {{ font-size: calc(var(--u) * 2.6); font-weight: 700; color: {INK}; }}
.st-key-present_foot button p, .st-key-present_foot button {{
  font-size: calc(var(--u) * 2.2) !important; min-height: 0 !important;
}}
.st-key-present_foot [data-testid="stCaptionContainer"],
.st-key-present_foot [data-testid="stCaptionContainer"] p {{
  font-size: calc(var(--u) * 2.0) !important; color: {INK} !important; opacity: 1 !important;
  line-height: 1.3 !important;  /* beside the 交办 icon the English line may take three */
}}
.st-key-present_keys {{ display: none !important; }}
/* the title slide: the title large, the town in numbers under it, centred in the height */
[class*="st-key-present_top"].st-key-present_top_title h1 {{
  font-size: calc(var(--u) * 7.5) !important;
}}
.st-key-present_deck > div:has(.st-key-present_top_title) {{ margin-top: auto !important; }}
</style>
"""


def inject_css() -> None:
    st.html(CSS)


# ---- drawing a slide --------------------------------------------------------------------------
def _note_html(t: Tile) -> str:
    bits = []
    if t.light:
        status = t.status_text or palette.light_label(t.light, state.current().lang)
        s = palette.of_light(t.light)
        style = f"background:{s.tint};border-color:{s.mark}"
        bits.append(f'<span class="pr-chip" style="{style}">{esc(status)}</span>')
    note = t.note
    if t.light and note.endswith(f" · {t.status_text}"):  # the chip says it already
        note = note[: -len(t.status_text) - 3]
    if note:
        bits.append(esc(note))
    return f'<div class="pr-note">{" ".join(bits)}</div>' if bits else ""


def text_em(text: str) -> float:
    """The width of ``text`` in em in the slides' bold font (governance/textwidth.py)."""
    return textwidth.text_em(text, textwidth.SLIDE_BOLD)


def tile_capacity_em(per_row: int) -> float:
    """How many em of KPI value fit in a tile when ``per_row`` tiles share a 16:9 screen
    (all in ``--u``: the screen is 177.8 wide, the value 6.2 high; padding, borders, gaps)."""
    inner = (177.8 - 7.0 - (per_row - 1) * 2.2) / per_row - 3.7
    return inner / 6.2


def tile_rows(tiles: tuple[Tile, ...], most: int = 4) -> list[tuple[Tile, ...]]:
    """The tiles in balanced rows of at most ``most``, as many to a row as let the longest
    value be drawn whole at projector size (never cut to "9.06…")."""
    if not tiles:
        return []
    widest = max(text_em(t.value_text) for t in tiles)
    per_row = 1
    for k in range(min(most, len(tiles)), 0, -1):
        if widest <= tile_capacity_em(k) * 0.97:
            per_row = k
            break
    n_rows = -(-len(tiles) // per_row)
    per_row = -(-len(tiles) // n_rows)
    return [tiles[i : i + per_row] for i in range(0, len(tiles), per_row)]


def draw_tiles(
    rows: list[tuple[Tile, ...]], key: str, changes: bool = True, uniform: bool = True
) -> None:
    """KPI tiles row by row, as wide as the longest row's (``uniform``) or each row filling
    the width; ``changes=False`` for facts that have no change."""
    widest = max(len(row) for row in rows)
    with st.container(key=key, gap="small"):
        for r, row in enumerate(rows):
            columns = st.columns(widest if uniform else len(row), gap="medium")
            for c, (column, t) in enumerate(zip(columns, row, strict=False)):
                with column, st.container(key=f"present_tile_{r}_{c}", gap=None):
                    no_change = t.change_text in ("", "—")
                    delta = tr("change.none") if no_change else t.change_text
                    st.metric(
                        md_text(t.label),
                        t.value_text,
                        delta=delta if changes else None,
                        delta_color=palette.DELTA_COLOURS[t.tone],
                        delta_arrow="auto" if t.arrow else "off",
                    )
                    note = _note_html(t)
                    if note:
                        st.html(note)


def _sentences_html(sentences: tuple[str, ...], lead: bool = False, two: bool = False) -> str:
    if not sentences:
        return ""
    if len(sentences) == 1:
        cls = "pr-sentence pr-lead" if lead else "pr-sentence"
        return f'<p class="{cls}">{esc(sentences[0])}</p>'
    items = "".join(f"<li>{esc(s)}</li>" for s in sentences)
    return f'<ul class="{"pr-sentences pr-two" if two else "pr-sentences"}">{items}</ul>'


def fit_rows(table: Table, budget: int) -> tuple[Table, int]:
    """At most ``budget`` rows of ``table`` (rows past it summarised), and how many were cut."""
    if len(table.rows) <= budget:
        return table, 0
    keep = max(1, budget - 1)  # one row's height goes to the "另有 N 项" line
    cut = Table(
        columns=table.columns,
        rows=table.rows[:keep],
        lights=table.lights[:keep] if table.lights else (),
        title=table.title,
        group_column=table.group_column,
    )
    return cut, len(table.rows) - keep


def natural_em(table: Table) -> float:
    """The width ``table`` takes unwrapped: its widest cell per column, in em, plus padding."""
    rows = (table.columns, *table.rows)
    widths = [max(text_em(row[j]) for row in rows if j < len(row)) for j in range(len(rows[0]))]
    return sum(widths) + 0.7 * len(widths)


def table_html(table: Table, more: int = 0, wrap: bool = False, more_text: str = "") -> str:
    """A table of display strings, every cell escaped; a light colours its cell and is also
    said in the cell's own words (the colour is never the only carrier)."""
    head = "".join(f"<th>{esc(c)}</th>" for c in table.columns)
    body = []
    previous = None
    for i, row in enumerate(table.rows):
        group = row[table.group_column] if table.group_column is not None else None
        starts = table.group_column is not None and i > 0 and group != previous
        cells = []
        for j, cell in enumerate(row):
            light = table.lights[i][j] if table.lights and j < len(table.lights[i]) else None
            shown = cell
            if table.group_column == j and i > 0 and group == previous:
                shown = ""  # a group's name once, at its first row
            if light in palette.LIGHTS:  # its tint, framed in its mark; the words in ink
                s = palette.LIGHTS[light]
                style = f"background:{s.tint};box-shadow:inset calc(var(--u) * 0.6) 0 {s.mark}"
                cells.append(f'<td class="pr-light" style="{style}">{esc(shown)}</td>')
            else:
                cells.append(f"<td>{esc(shown)}</td>")
        cls = ' class="pr-group-start"' if starts else ""
        body.append(f"<tr{cls}>{''.join(cells)}</tr>")
        previous = group
    title = f'<div class="pr-table-title">{esc(table.title)}</div>' if table.title else ""
    rest = f'<div class="pr-more">{esc(more_text or tr("present.more", n=more))}</div>'
    rest = rest if more else ""
    return (
        f'{title}<table class="{"pr-table pr-wrap" if wrap else "pr-table"}">'
        f"<thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>{rest}"
    )


def figure(chart: Chart) -> go.Figure:
    """The slide's chart: the briefing file's figure (same marks, same numbers), filling the
    slide's chart area, with dark ticks at projector size."""
    fig = figures.figure(chart, font_size=TICK_PX)
    dark = {"color": INK, "size": TICK_PX}
    fig.update_layout(
        height=None,
        autosize=True,
        margin={"l": 10, "r": _target_margin(chart), "t": 56, "b": 10},
        font={"family": CHART_FONT, "color": INK},
        title={"font": {"size": TICK_PX + 4, "color": INK}, "x": 0, "xanchor": "left"},
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        dragmode=False,
    )
    fig.update_xaxes(tickfont=dark, linecolor=INK, automargin=True)
    fig.update_yaxes(
        tickfont=dark, linecolor=INK, gridcolor="#bdbdbd", automargin=True, title_font=dark
    )
    fig.update_traces(textfont=dark)
    # The target's name beside the plot at the line's height, clear of the bars' values.
    fig.update_annotations(
        x=1, xref="paper", xanchor="left", yanchor="middle", font=dark, showarrow=False
    )
    if chart.kind == "bar":  # names kept level, on two lines rather than slanted
        fig.update_xaxes(tickangle=0)
        for trace in fig.data:
            trace.x = [wrap_label(str(x)) for x in trace.x]
    return fig


def _target_margin(chart: Chart) -> int:
    """Room right of the plot for the target line's name ("全镇目标", "Town target"): about
    one em a Chinese character, half an em a Latin one."""
    if chart.target is None:
        return 20
    ems = textwidth.text_em(chart.target_label, textwidth.CHART)
    return max(70, round(ems * TICK_PX) + 16)


def wrap_label(label: str, most_em: float = 7.0) -> str:
    """A long, spaced category name ("Xingang Community") on two lines for a level tick.
    The label is already escaped for Plotly (governance/briefing/figures.py); only the line
    break is markup."""
    if " " not in label or text_em(label) <= most_em:
        return label
    words = label.split(" ")
    best = min(
        range(1, len(words)),
        key=lambda i: abs(text_em(" ".join(words[:i])) - text_em(" ".join(words[i:]))),
    )
    return " ".join(words[:best]) + "<br>" + " ".join(words[best:])


def draw_chart(chart: Chart, key: str, tall: bool = False) -> None:
    with st.container(key="present_chart_tall" if tall else "present_chart"):
        plots.draw(
            figure(chart),
            key=key,
            height="stretch",
            config={"displayModeBar": False, "staticPlot": False, "responsive": True},
        )


def map_figure(m: TownMap) -> go.Figure:
    """The town map (governance/geo/townmap.py, the same figure as the pages and the HTML
    file) filling the slide's chart area, its labels at projector size; the slide's own
    title names it."""
    # No legend: every label says its status in words, and the sentences beside say who is
    # at which.
    fig = townmap.figure(m, font_size=TICK_PX, height=None, legend=False)
    fig.update_layout(title={"text": ""}, autosize=True, margin={"l": 4, "r": 4, "t": 8, "b": 4})
    return fig


def draw_map(slide: Slide, key: str) -> None:
    left, right = st.columns([3, 2], gap="large")
    with left, st.container(key="present_chart_tall"):
        plots.draw(
            map_figure(slide.townmap),  # type: ignore[arg-type]
            key=key,
            height="stretch",
            config={"displayModeBar": False, "responsive": True},
        )
    right.html(_sentences_html(slide.sentences))


# Table text is 2.4 units high on a screen 170.8 units wide (less the gap between two tables).
TABLE_LINE_EM = (177.8 - 7.0 - 4.0) / 2.4


def draw_tables(
    tables: tuple[Table, ...], wrapped_budget: int | None = None, fewer: int = 0
) -> None:
    """One or two tables on one line each row: side by side when both fit the width unwrapped
    (each as wide as its text), else one above the other, with fewer rows each.
    ``wrapped_budget``: the rows a lone table may show when its cells wrap (a wrapped row takes
    two lines: 上次会议以来's eleven rows in English). ``fewer``: rows fewer than the budgets,
    where the slide's sentences take more lines (督办's say what its backlog counts)."""
    tables = tables[:2]
    if not tables:
        return
    weights = [natural_em(table) for table in tables]
    if len(tables) == 1 or sum(weights) <= TABLE_LINE_EM:
        budget = TABLE_ROW_BUDGET + (3 if len(tables) == 1 else 0) - fewer
        if wrapped_budget is not None and len(tables) == 1 and weights[0] > TABLE_LINE_EM:
            budget = wrapped_budget
        columns = st.columns(weights, gap="large")
        for column, table in zip(columns, tables, strict=True):
            shown, more = fit_rows(table, budget)
            column.html(table_html(shown, more, wrap=weights[0] > TABLE_LINE_EM))
        return
    for i, table in enumerate(tables):
        other = len(tables[1 - i].rows)
        shown, more = fit_rows(table, max(3, STACKED_ROW_BUDGET - min(other, 4) - fewer))
        st.html(table_html(shown, more, wrap=natural_em(table) > TABLE_LINE_EM))


def draw_follow_up_items(slide: Slide) -> None:
    """督办 with open follow-up items: those by responsible unit (wrapped when they need the
    width, fewer rows then), today's overdue cases by community under them; the rest of
    each said in a line. The indicators furthest from target are in the sentences (as in
    the briefing files)."""
    items, summary = slide.keyed(DUBAN_TABLE), slide.tables[0]
    items = replace(
        items,
        rows=tuple(
            tuple(
                clip(c, DUBAN_CELL_WIDTHS[j]) if j in DUBAN_CELL_WIDTHS else c
                for j, c in enumerate(r)
            )
            for r in items.rows
        ),
    )
    wrap = natural_em(items) > TABLE_LINE_EM
    shown, more = fit_rows(items, DUBAN_WRAPPED_ROWS if wrap else DUBAN_ROWS)
    left = tr("brief.duban.more", n=more)
    st.html(table_html(shown, more, wrap=wrap, more_text=left))
    shown, more = fit_rows(summary, DUBAN_SUMMARY_ROWS)
    st.html(table_html(shown, more, wrap=natural_em(summary) > TABLE_LINE_EM))


def outcome_rows(tiles: tuple[Tile, ...]) -> list[tuple[Tile, ...]]:
    """三降 on the first row, 四升 on the second (as on the overview), when they fit so."""
    rows = [tiles[:3], tiles[3:]]
    if all(len(tile_rows(row, most=len(row))) == 1 for row in rows if row):
        return [row for row in rows if row]
    return tile_rows(tiles)


def notes_html(slide: Slide) -> str:
    """The slide's footnotes (its events), as text."""
    if not slide.notes:
        return ""
    lines = "".join(f'<p class="pr-note">{esc(note)}</p>' for note in slide.notes)
    return f'<div class="pr-notes">{lines}</div>'


def draw_slide(slide: Slide) -> None:
    """The body of one slide: tiles, chart, tables, the sentences a leader reads and the
    slide's events as footnotes."""
    if slide.key == "title":
        with st.container(key="present_body_title"):
            if slide.tiles:
                draw_tiles(tile_rows(slide.tiles), "present_tiles", changes=False)
            st.html(_sentences_html(slide.sentences))
        return
    with st.container(key="present_body"):
        if slide.key == "outcomes":
            rows = outcome_rows(slide.tiles)
            draw_tiles(rows, "present_tiles", uniform=False)  # 三降 wider, 四升 narrower
            st.html(_sentences_html(slide.sentences, two=True))
            if slide.notes:
                st.html(notes_html(slide))
            return
        if slide.townmap is not None:  # 一张图: the map, and who is where in words beside it
            draw_map(slide, f"present_fig_{slide.key}")
            if slide.notes:
                st.html(notes_html(slide))
            return
        if slide.sentences:
            st.html(_sentences_html(slide.sentences, lead=slide.key != "follow_up"))
        if slide.tiles:
            draw_tiles(tile_rows(slide.tiles), "present_tiles")
        if slide.chart is not None:
            draw_chart(slide.chart, f"present_fig_{slide.key}", tall=not slide.tiles)
        if slide.key == FOLLOW_UP and slide.keyed(DUBAN_TABLE) is not None:
            draw_follow_up_items(slide)
        else:
            wrapped = SINCE_WRAPPED_ROWS if slide.key == SINCE else None
            fewer = 4 if slide.key == FOLLOW_UP else 0  # its sentences run to four lines
            draw_tables(slide.plain_tables, wrapped_budget=wrapped, fewer=fewer)
        if slide.notes:
            st.html(notes_html(slide))


def draw_top(deck: Deck, slide: Slide) -> None:
    key = "present_top_title" if slide.key == "title" else "present_top"
    with st.container(key=key, gap=None):
        st.title(md_text(slide.title), anchor=False)
        if slide.subtitle:
            st.html(f'<div class="pr-sub">{esc(slide.subtitle)}</div>')


def footer_text(deck: Deck) -> str:
    """Who is being shown what: the filters in force and the data date, in one line."""
    text = deck.filters_text or f"{deck.period_text} · {deck.scope_text} · {deck.basis_text}"
    as_of = deck.as_of_text or tr("data.as_of", date=deck.as_of or "—")
    line = text if as_of in text else f"{text} · {as_of}"
    return _ISO_DATE.sub("\\1\u2011\\2\u2011\\3", line)  # a date never broken at its hyphens


def draw_footer(
    deck: Deck,
    n: int,
    total: int,
    on_turn: Callable[[int], None],
    extras: Callable[[], None] | None = None,
) -> None:
    """Filters as text (never widgets), the counter, previous/next with the arrow keys."""
    with st.container(key="present_foot", horizontal=True, vertical_alignment="center"):
        with st.container(width="stretch", gap=None):
            st.caption(md_text(tr("present.filters", text=footer_text(deck))))
        st.html(
            f'<div class="pr-counter">{esc(tr("brief.slide_of", n=n, total=total))}</div>',
            width="content",
        )
        st.button(
            tr("present.prev"),
            key="present_prev",
            icon=":material/chevron_left:",
            disabled=n <= 1,
            on_click=on_turn,
            args=(n - 1,),
            shortcut="Left",
        )
        st.button(
            tr("present.next"),
            key="present_next",
            icon=":material/chevron_right:",
            disabled=n >= total,
            on_click=on_turn,
            args=(n + 1,),
            shortcut="Right",
            type="primary",
        )
        if extras:
            extras()
    # A presenter's clicker sends PageUp / PageDown: the same turns, on hidden buttons.
    with st.container(key="present_keys"):
        st.button(
            "PageUp", key="present_pgup", on_click=on_turn, args=(max(1, n - 1),), shortcut="PageUp"
        )
        st.button(
            "PageDown",
            key="present_pgdn",
            on_click=on_turn,
            args=(min(total, n + 1),),
            shortcut="PageDown",
        )


def auto_seconds() -> int:
    """Seconds between automatic turns from the URL (0: off); a bad value is said and dropped."""
    raw = st.query_params.get(PARAM_AUTO)
    seconds, bad = parse_auto(raw)
    if bad:
        choices = "、".join(str(c) for c in AUTO_CHOICES if c)
        st.toast(md_text(tr("present.bad_auto", value=raw, choices=choices)), duration="long")
        del st.query_params[PARAM_AUTO]
    return seconds


def _due(seconds: int) -> bool:
    """Has the slide been on screen for ``seconds`` (the lobby screen's turn)?"""
    now = time.monotonic()
    last = st.session_state.setdefault(K_LAST_TURN, now)
    return now - last >= seconds - 0.25


def _controls(deck_: Deck, auto: int, slide_key: str = "") -> None:
    """Language, automatic turns, recording the meeting, 交办 (a red light or, on the 督办
    slide, an overdue case: the form opens over the slide), the briefing files and the way
    out (Esc)."""
    other = "en" if state.lang() == "zh" else "zh"
    # Each language named in itself, as the sidebar's switch does.
    name = "EN" if other == "en" else "中文"
    if st.button(name, key="present_lang", help=tr("present.lang")):
        st.session_state[state.K_LANG] = other
        st.rerun(scope="app")
    label = tr("present.auto.every", n=auto) if auto else ""
    names = {
        c: tr("present.auto.every", n=c) if c else tr("present.auto.off") for c in AUTO_CHOICES
    }
    with st.popover(label, icon=":material/timer:", help=tr("present.auto")):
        chosen = st.radio(
            tr("present.auto"),
            AUTO_CHOICES,
            index=AUTO_CHOICES.index(auto),
            key=f"present_auto_{state.lang()}",  # its labels are in the language
            format_func=names.__getitem__,
            label_visibility="collapsed",
        )
        if chosen != auto:
            set_auto(chosen)
            st.rerun(scope="app")
    if ui_meetings.may_record():
        st.button(
            tr("meet.ui.record_now"),
            key="present_record",
            icon=":material/event_available:",
            help=tr("meet.ui.record_now.help"),
            on_click=ui_meetings.record_now,
        )
    ui_meetings.toast()
    ui_duban.assign_button(  # what the slide shows comes first: its platform, its cases
        "present",
        platform=slide_key if slide_key in PLATFORM_KEYS else None,
        cases=True,
        subject="case" if slide_key == FOLLOW_UP else "indicator",
        compact=True,  # the footer's filters line keeps its width at 1280x720
    )
    ui_duban.toast()
    present.briefing_downloads("present_briefing", compact=True)
    st.button(
        "",
        key="present_exit",
        icon=":material/close:",
        shortcut="Esc",
        help=tr("present.exit"),
        on_click=present.exit_clicked,
    )


def show(deck_: Deck, auto: int) -> None:
    """The slide in the URL, full screen, with its controls; every ``auto`` seconds the next
    one (after the last, the first again: a lobby screen loops)."""
    total = len(deck_.slides)

    def area() -> None:
        if present.K_LEAVING in st.session_state:  # the exit button of this fragment: the whole app
            st.rerun(scope="app")
        raw = st.query_params.get(PARAM_SLIDE)
        n, bad = parse_slide(raw, total)
        if bad:
            st.toast(md_text(tr("present.bad_slide", value=raw, total=total)), duration="long")
            st.query_params[PARAM_SLIDE] = "1"
        elif raw is None:
            st.query_params[PARAM_SLIDE] = "1"
        if auto and _due(auto):
            n = n % total + 1
            go_to(n)
        slide = deck_.slides[n - 1]
        with st.container(key="present_deck", gap=None):
            draw_top(deck_, slide)
            draw_slide(slide)
            draw_footer(deck_, n, total, go_to, lambda: _controls(deck_, auto, slide.key))

    st.fragment(area, run_every=auto or None)()
