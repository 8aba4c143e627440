"""Plotly figures of a deck's charts, sized for a projector (the HTML file and the presentation
mode draw the same figure from the same :class:`~governance.briefing.model.Chart`)."""

from __future__ import annotations

import html

import plotly.graph_objects as go

from governance import charts, palette
from governance.briefing.model import Chart
from governance.textwidth import CHART, text_em

LINE_COLOUR = "#08306b"


def _text(s: str) -> str:
    # Plotly.js reads a few HTML tags in labels (<b>, <a href>): names from a data file are
    # escaped so they are shown as text, never as markup.
    return html.escape(str(s), quote=False)


def _label_px(chart: Chart, font_size: int) -> int:
    """The pixels the target line's name takes at the right of the plot."""
    return int(text_em(chart.target_label, CHART) * font_size) + 8


def figure(chart: Chart, height: int = 460, font_size: int = 18) -> go.Figure:
    """Bars coloured by their traffic light (or one line over quarters), values written on
    the marks, the target as a dashed line; ``font_size`` for ticks and labels."""
    fig = go.Figure()
    categories = [_text(c) for c in chart.categories]
    for i, (name, values) in enumerate(chart.series):
        texts = list(chart.value_texts[i]) if i < len(chart.value_texts) else None
        if chart.kind == "bar":
            colours = [palette.mark(x) for x in chart.lights] if chart.lights else charts.NEUTRAL
            if texts and chart.lights:  # the status said on the bar too, never only in colour
                few = chart.small or (False,) * len(chart.lights)
                glyphs = [
                    "" if s else palette.glyph(x) for x, s in zip(chart.lights, few, strict=False)
                ]
                texts = [f"{v} {g}".rstrip() for v, g in zip(texts, glyphs, strict=False)]
            fig.add_trace(
                go.Bar(
                    x=categories,
                    y=list(values),
                    name=_text(name),
                    marker_color=colours,
                    text=texts,
                    # above the bar in the slide's ink (the target line is drawn behind the
                    # bars and their values): dark on white whatever the bar's colour, also
                    # on a washed-out projector (governance/palette.py)
                    textposition="outside",
                    outsidetextfont={"shadow": charts.HALO},
                    customdata=list(chart.category_ids) or None,
                    cliponaxis=False,
                )
            )
        else:
            fig.add_trace(
                go.Scatter(
                    x=categories,
                    y=list(values),
                    name=_text(name),
                    mode="lines+markers+text",
                    text=texts,
                    textposition="top center",
                    line={"color": LINE_COLOUR, "width": 4},
                    marker={"size": 12},
                    cliponaxis=False,
                )
            )
    if chart.target is not None:
        fig.add_hline(
            y=chart.target,
            line_dash="dash",
            line_color=charts.TARGET,
            line_width=3,
            layer="below",  # behind the bars and the values written on them
            annotation_text=_text(chart.target_label),
            # at the right end, beyond the last bar: over no bar nor the value on it
            annotation_position="right",
            annotation_font_size=font_size,
        )
    fig.update_layout(
        title={"text": _text(chart.title), "font": {"size": font_size + 4}},
        height=height,
        # room on the right for the target line's name written at its end
        margin={
            "l": 10,
            "r": 10 + (_label_px(chart, font_size) if chart.target is not None else 0),
            "t": 60,
            "b": 10,
        },
        font={"family": charts.FONT, "size": font_size, "color": "#111111"},
        showlegend=False,
        template="plotly_white",
        hovermode="closest",
    )
    fig.update_xaxes(tickfont={"size": font_size})
    fig.update_yaxes(tickfont={"size": font_size}, rangemode="tozero", title_text=_text(chart.unit))
    return fig
