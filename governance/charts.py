"""Plotly figures for the pages; plain Python so they can be tested without Streamlit.

Charts get aggregated frames (a row per quarter or community), never raw records. Bars carry
the community id in ``customdata`` so a click can drill down to that community.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import plotly.graph_objects as go

from governance import palette, periods
from governance.events import line, quarters_of
from governance.indicators import REGISTRY
from governance.textwidth import CHART, text_em

if TYPE_CHECKING:
    from governance.events import Event

# Good and bad are the status marks (governance/palette.py): one teal green and one crimson
# on every page, told apart by a red-green blind reader too.
GOOD, BAD = palette.GREEN.mark, palette.RED.mark
NEUTRAL, TARGET = "#4c78a8", "#7f7f7f"
LIGHT_COLOURS = {"green": GOOD, "amber": palette.AMBER.mark, "red": BAD, None: palette.NONE.mark}
FONT = "Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif"
# A white halo round a value written beside its bar: the target line, drawn behind, never runs
# through the value (a bar near its target, the amber one, ends just short of the line).
HALO = ", ".join(f"{x}px {y}px 0 #ffffff" for x in (-3, 0, 3) for y in (-3, 0, 3) if x or y)


def plain_numbers(fig: go.Figure) -> go.Figure:
    """Axis ticks as whole numbers with thousands separators (30,000), never Plotly's SI
    prefixes ("30k", "1M"), which a Chinese reader does not use; large values are already
    given in 万 or 万元 by the builders where that reads better."""
    fig.update_xaxes(exponentformat="none", separatethousands=True)
    fig.update_yaxes(exponentformat="none", separatethousands=True)
    return fig


# A legend between the title and the plot (with :func:`legend_on_top`): for bars whose category
# names below may be long (English) and turned on their side, where a legend below covers them.
LEGEND_ON_TOP = {"orientation": "h", "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom"}


def legend_on_top(fig: go.Figure) -> go.Figure:
    """``fig`` with its legend above the plot, under the title (a taller top margin)."""
    return fig.update_layout(legend=LEGEND_ON_TOP, margin={"t": 72})


def _layout(fig: go.Figure, title: str, height: int) -> go.Figure:
    plain_numbers(fig)
    fig.update_layout(
        title={"text": title, "font": {"size": 16}},
        height=height,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        font={"family": FONT},
        legend={"orientation": "h", "y": -0.15},
        hovermode="closest",
    )
    return fig


def trend(
    quarters: Sequence[date],
    series: dict[str, Sequence[float | None]],
    title: str,
    y_title: str = "",
    target: float | None = None,
    target_label: str = "",
    height: int = 320,
    indicators: Sequence[str] = (),
    platform: str | None = None,
    communities: Sequence[str] | None = None,
) -> go.Figure:
    """Lines over quarters, one per named series, with an optional dashed target line.

    ``indicators`` (registry ids), ``platform`` (default: the first indicator's) and
    ``communities`` (None: the filters in force) say which events belong on the chart: kept
    in ``layout.meta`` (:func:`trend_tags`) for the drawing layer, which adds them
    (:func:`event_marks`) where the chart is drawn. Rates (every indicator a percentage) get
    "%" as their axis title unless ``y_title`` says otherwise."""
    labels = [f"{q.year}Q{(q.month - 1) // 3 + 1}" for q in quarters]
    if (
        not y_title
        and indicators
        and all(i in REGISTRY and REGISTRY[i].unit == "pct" for i in indicators)
    ):
        y_title = "%"
    if platform is None and indicators:
        platform = REGISTRY[indicators[0]].platform if indicators[0] in REGISTRY else None
    tags = {"indicators": list(indicators), "platform": platform}
    if communities is not None:
        tags["communities"] = list(communities)
    fig = go.Figure(layout={"meta": {"trend": tags}})
    for name, values in series.items():
        fig.add_trace(go.Scatter(x=labels, y=list(values), name=name, mode="lines+markers"))
    if target is not None:
        fig.add_hline(
            y=target,
            line_dash="dash",
            line_color=TARGET,
            annotation_text=target_label,
            annotation_position="top left",
        )
    fig.update_yaxes(title_text=y_title, rangemode="tozero")
    return _layout(fig, title, height)


def trend_tags(fig: go.Figure | Mapping[str, Any]) -> dict[str, Any] | None:
    """What :func:`trend` recorded about a trend chart (None: not a trend chart)."""
    if isinstance(fig, Mapping):
        layout = fig.get("layout") or {}
        meta = layout.get("meta") if isinstance(layout, Mapping) else None
    else:
        meta = fig.layout.meta
    return meta.get("trend") if isinstance(meta, Mapping) else None


EVENT_LINE, EVENT_BAND = "#6a3d9a", "rgba(106, 61, 154, 0.12)"


def event_marks(
    labels: Sequence[str], events: Sequence[Event], lang: str, names: Mapping[str, str]
) -> tuple[list[dict], list[dict], list[Event]]:
    """The shapes and numbered annotations that mark ``events`` on a chart whose x values are
    the quarter ``labels``: a dotted line on an event's quarter, a shaded band over the
    quarters of a range (cut to the chart), its number above the plot with the text on hover
    (escaped: plotly reads a few HTML tags). Events wholly outside the quarters are left out;
    returns (shapes, annotations, the events shown, in their numbering)."""
    quarters = [periods.from_label(label) for label in labels]
    if not labels or None in quarters:
        return [], [], []
    shapes: list[dict] = []
    notes: list[dict] = []
    shown: list[Event] = []
    for event in sorted(events, key=lambda e: (e.start, e.id)):
        q0, q1 = quarters_of(event)
        inside = [i for i, q in enumerate(quarters) if q0 <= q <= q1]  # type: ignore[operator]
        if not inside:
            continue
        a, b = inside[0], inside[-1]
        shown.append(event)
        n = len(shown)
        tag = f"event-{n}"
        if q0 == q1:
            shapes.append(
                {
                    "type": "line",
                    "name": tag,
                    "xref": "x",
                    "yref": "paper",
                    "x0": a,
                    "x1": a,
                    "y0": 0,
                    "y1": 1,
                    "line": {"color": EVENT_LINE, "width": 1.5, "dash": "dot"},
                }
            )
        else:
            shapes.append(
                {
                    "type": "rect",
                    "name": tag,
                    "xref": "x",
                    "yref": "paper",
                    "x0": a - 0.5,
                    "x1": b + 0.5,
                    "y0": 0,
                    "y1": 1,
                    "fillcolor": EVENT_BAND,
                    "line": {"width": 0},
                    "layer": "below",
                }
            )
        notes.append(
            {
                "name": tag,
                "xref": "x",
                "yref": "paper",
                "x": a,
                "y": 1,
                "yanchor": "bottom",
                "text": f"<b>{n}</b>",
                "showarrow": False,
                "bgcolor": "#ffffff",
                "bordercolor": EVENT_LINE,
                "borderwidth": 1,
                "font": {"color": EVENT_LINE, "size": 11},
                "hovertext": html.escape(line(event, n, lang, names)),
                "captureevents": True,
            }
        )
    return shapes, notes, shown


def with_event_marks(
    spec: Mapping[str, Any], events: Sequence[Event], lang: str, names: Mapping[str, str]
) -> tuple[dict[str, Any], list[Event]]:
    """A trend chart's dict with ``events`` marked (a new dict sharing the data arrays: the
    figure it came from is shared and never changed)."""
    data = spec.get("data") or []
    labels = [str(x) for x in (data[0].get("x") or [])] if data else []
    shapes, notes, shown = event_marks(labels, events, lang, names)
    if not shown:
        return dict(spec), []
    layout = dict(spec.get("layout") or {})
    layout["shapes"] = [*(layout.get("shapes") or []), *shapes]
    layout["annotations"] = [*(layout.get("annotations") or []), *notes]
    layout["xaxis"] = {**(layout.get("xaxis") or {}), "type": "category"}
    return {**spec, "layout": layout}, shown


def community_bars(
    community_ids: Sequence[str],
    names: Sequence[str],
    values: Sequence[float | None],
    title: str,
    lights: Sequence[str | None] | None = None,
    target: float | None = None,
    target_label: str = "",
    value_format: str = ".1f",
    height: int | None = None,
    small: Sequence[str | None] | None = None,
) -> go.Figure:
    """Horizontal bars, one per community, coloured by traffic light when given.

    ``small``: per bar, the words of a value resting on few cases ("样本少（1/2）",
    sample.bar) or None; such a bar is grey (the palette's NONE: neither red nor green, as
    the briefing's slide bars) and says those words in place of a status glyph.

    The height follows the number of bars, so one community is one slim bar, not a slab.
    """
    colours = [palette.mark(light) for light in lights] if lights else NEUTRAL
    # A bar coloured by its light also says it: its value and the status's glyph (√ ! × ○),
    # outside the bar in the page's ink, never only in the colour.
    glyphs = [palette.glyph(light) for light in lights] if lights else None
    notes = list(small or [])
    if any(notes):
        plain = [NEUTRAL] * len(values) if isinstance(colours, str) else list(colours)
        colours = [LIGHT_COLOURS[None] if n else c for c, n in zip(plain, notes, strict=True)]
        marks = glyphs or [""] * len(values)
        glyphs = [html.escape(n) if n else g for g, n in zip(marks, notes, strict=True)]
    fig = go.Figure(
        go.Bar(
            x=list(values),
            y=list(names),
            orientation="h",
            marker_color=colours,
            customdata=list(community_ids),
            text=glyphs,
            texttemplate=f"%{{x:{value_format}}} %{{text}}" if glyphs else f"%{{x:{value_format}}}",
            textposition="outside" if glyphs else "auto",
            outsidetextfont={"shadow": HALO, "color": palette.INK},
            cliponaxis=False,
            hovertemplate="%{y}: %{x:" + value_format + "}<extra></extra>",
        )
    )
    if target is not None:
        fig.add_vline(
            x=target,
            line_dash="dash",
            line_color=TARGET,
            layer="below",  # behind the bars and the values beside them (their halo), as on slides
            annotation_text=target_label,
            annotation_position="top",
        )
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(clickmode="event+select", dragmode=False)
    _layout(fig, title, height or max(160, 36 * len(community_ids) + 90))
    if glyphs:
        # A value written outside the longest bar runs past the plot: the right margin holds
        # the longest such text ("100.0 样本少（3/4）"), which was cut at the edge before.
        widest = max(
            (_bar_text_px(v, g, value_format) for v, g in zip(values, glyphs, strict=True)),
            default=0,
        )
        fig.update_layout(margin={"r": max(10, widest)})
    return fig


def _bar_text_px(value: float | None, glyph: str | None, value_format: str) -> int:
    """The width in px of the text Plotly writes beside a bar (its 12 px font, a little
    generous), from the same format string (d3's ``.1f`` and ``,.0f`` read as Python's)."""
    if value is None or value != value:
        return 0
    text = f"{format(value, value_format)} {html.unescape(glyph or '')}"
    return int(text_em(text, CHART) * 12) + 8


def stacked_bars(
    x: Sequence[str],
    stacks: dict[str, Sequence[float]],
    title: str,
    colours: Sequence[str] | None = None,
    height: int = 320,
) -> go.Figure:
    fig = go.Figure()
    for i, (name, values) in enumerate(stacks.items()):
        marker = {"color": colours[i]} if colours and i < len(colours) else {}
        fig.add_trace(go.Bar(x=list(x), y=list(values), name=name, marker=marker))
    fig.update_layout(barmode="stack")
    return _layout(fig, title, height)


def with_rate_line(
    fig: go.Figure,
    x: Sequence[str],
    rates_pct: Sequence[float | None],
    rate_name: str,
    bars_axis_title: str,
    title: str,
    height: int = 360,
) -> go.Figure:
    """Stacked bars (already on ``fig``) with a rate in % as a green line on a right axis
    (no line when there are no rates)."""
    if len(rates_pct):
        fig.add_trace(
            go.Scatter(
                x=list(x),
                y=list(rates_pct),
                name=rate_name,
                mode="lines+markers",
                yaxis="y2",
                line={"color": GOOD, "width": 3},
                hovertemplate="%{x}: %{y:.1f}%<extra></extra>",
            )
        )
    fig.update_layout(
        barmode="stack",
        yaxis={"title": {"text": bars_axis_title}, "rangemode": "tozero"},
        yaxis2={
            "overlaying": "y",
            "side": "right",
            "range": [0, 105],
            "dtick": 20,
            "ticksuffix": "%",
            "showgrid": False,
        },
    )
    return _layout(fig, title, height)


def selected_community(selection: object) -> str | None:
    """The community id a chart click selected, from Streamlit's selection state."""
    try:
        points = selection["selection"]["points"]  # type: ignore[index]
    except (KeyError, TypeError):
        return None
    for point in points or []:
        custom = point.get("customdata")
        if isinstance(custom, list | tuple):
            custom = custom[0] if custom else None
        if custom:
            return str(custom)
    return None
