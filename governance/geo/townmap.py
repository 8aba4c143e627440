"""一张图: the town's communities on a map, coloured by the target status of one indicator.

:func:`build` makes the map's model — per community its outline, label point, value, status
(the project's own words, ``governance.lights``) and fill (the lights' colours of
``governance.charts``) — from the shapes table and the indicator parts the pages already
read. Every place that shows the map draws this one model: the pages and the presentation
(through :func:`figure`, a Plotly figure), the HTML briefing (the same figure) and the
PowerPoint (native freeform shapes, ``governance/briefing/pptx.py``).

The figure is drawn **without a geo layer**: each community is a filled ``Scatter`` in
longitude/latitude with the y axis scaled by 1/cos(latitude), so it needs no basemap and asks
no server for anything (Plotly's geo charts fetch ``world_110m.json`` from a CDN even with the
basemap hidden). A marker at each label point carries the community id in ``customdata``: a
click on it selects the community, as on every chart of the dashboard.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from governance import charts, fmt, kpi, palette, periods, sample
from governance.i18n import t
from governance.importer.shapes import parse
from governance.indicators import HEADLINE, INDICATORS, PLATFORMS, REGISTRY
from governance.lights import status_key
from governance.text import svg_data_url

INK = "#111111"
EDGE = "#ffffff"  # between neighbouring communities
SELECTED_EDGE = "#111111"
# The statuses in the order a leader reads them: what is wrong first.
STATUS_ORDER = ("red", "amber", "green", None)

# More communities than this (a district's hundreds) and a label card on each would cover the
# map and each other: the map then writes each community's status glyph (√ ! × ○ —) at its
# label point instead, the legend says what each glyph and colour mean, the hover and the
# sentences below the map give names and values, and only the communities chosen in the
# filters keep their cards. The lines below the map name as many per status.
CARDS_MOST = 30
# A slide beside the map has room for fewer names per status: a district's four lines of 30
# ran off a 1080-high screen (five fit at 1280x720 in English). The page's table lists all.
SLIDE_NAMES = 5


@dataclass(frozen=True)
class Area:
    """One community on the map: its outline (the outer ring of each part, in longitude and
    latitude), where its label goes, its value and status in words, and its fill."""

    community_id: str
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]
    label_at: tuple[float, float]
    value: float | None
    value_text: str
    light: str | None
    status_key: str
    status_text: str
    fill: str
    selected: bool = False
    counts: str = ""  # on a small sample (governance/sample.py) its counts, "1/2"; else ""


@dataclass(frozen=True)
class TownMap:
    """The map of one indicator at one quarter: title, the 示意图 caveat (``note``), the
    areas, the communities in view without a shape, the statuses in words (``sentences``) and
    the legend (status word, colour) of the statuses present."""

    indicator_id: str
    title: str
    note: str
    schematic: bool
    areas: tuple[Area, ...]
    missing: tuple[str, ...]
    sentences: tuple[str, ...]
    legend: tuple[tuple[str, str], ...]
    latitude: float  # the mean latitude: the y axis is scaled by 1/cos of it

    @property
    def dense(self) -> bool:
        """Too many communities for a label card each (:data:`CARDS_MOST`)."""
        return len(self.areas) > CARDS_MOST

    def area(self, community_id: str) -> Area:
        for a in self.areas:
            if a.community_id == community_id:
                return a
        raise KeyError(community_id)


def choices(platform: str | None = None) -> tuple[str, ...]:
    """The indicators a map may be coloured by: the scored indicators (they have targets) of
    ``platform``, or of the outcomes and every platform (the overview)."""
    wanted = (platform,) if platform else ("outcomes", *PLATFORMS)
    return tuple(i.id for i in INDICATORS if i.platform in wanted)


def default_indicator(platform: str | None = None, weakest: str | None = None) -> str:
    """The platform's headline indicator; on the overview, the weakest platform's headline
    (the first platform's when none is weakest)."""
    return HEADLINE[platform or weakest or PLATFORMS[0]].id


def indicator_label(indicator_id: str, lang: str) -> str:
    ind = REGISTRY[indicator_id]
    if ind.platform in PLATFORMS:
        return f"{t(f'platform.{ind.platform}', lang)} · {ind.label(lang)}"
    return ind.label(lang)


def _outer_rings(geometry: dict | None) -> list[list[tuple[float, float]]]:
    if not geometry:
        return []
    coords = geometry.get("coordinates") or []
    polygons = [coords] if geometry.get("type") == "Polygon" else coords
    out = []
    for polygon in polygons:
        try:
            out.append([(float(p[0]), float(p[1])) for p in polygon[0]])
        except (IndexError, TypeError, ValueError):
            continue
    return [ring for ring in out if len(ring) >= 4]


def _label_point(geometry: dict) -> tuple[float, float]:
    """A point inside the outline (of its largest part) where the label goes."""
    from shapely.geometry import shape

    try:
        shaped = shape(geometry)
        if shaped.geom_type == "MultiPolygon":
            shaped = max(shaped.geoms, key=lambda g: g.area)
        point = shaped.representative_point()
        return (point.x, point.y)
    except Exception:  # a shape shapely cannot read: the middle of its first ring
        ring = _outer_rings(geometry)[0]
        return (sum(x for x, _ in ring) / len(ring), sum(y for _, y in ring) / len(ring))


def build(
    shapes: pd.DataFrame,
    communities: pd.DataFrame,
    parts: pd.DataFrame,
    targets: pd.DataFrame,
    indicator_id: str,
    quarter: date,
    lang: str,
    selected: Sequence[str] = (),
) -> TownMap | None:
    """The map of ``indicator_id`` at ``quarter`` for the communities in ``communities``
    (those the user may see) that have a shape in ``shapes``; ``selected`` are outlined.
    None when none of them has a shape."""
    ind = REGISTRY[indicator_id]
    names = dict(
        zip(
            communities["community_id"],
            communities["name_en" if lang == "en" else "name_zh"],
            strict=True,
        )
    )
    at = kpi.per_community(parts, quarter, with_cases=True)
    at = at[at["indicator_id"] == indicator_id].set_index("community_id")
    values = at["value"]
    geometry_of = {
        str(c): parse(g) for c, g in zip(shapes["community_id"], shapes["geometry"], strict=True)
    }
    schematic = bool(shapes["schematic"].fillna(False).astype(bool).any()) if len(shapes) else False
    areas, missing = [], []
    for cid in communities["community_id"]:
        geometry = geometry_of.get(cid)
        rings = _outer_rings(geometry)
        if not rings:
            missing.append(names.get(cid, cid))
            continue
        value = kpi.number(values.get(cid))
        target = kpi.target_for(targets, indicator_id, cid)
        num = at["num"].get(cid)
        den = at["den"].get(cid)
        cases = sample.level_cases(ind, den, at["cases"].get(cid)) if value is not None else None
        # the small-sample rule: a value on few cases is not coloured, and says its counts
        light = sample.light_for(value, target, ind.better, cases)
        key = status_key(value, light)
        status = (
            sample.status_text(num, den, cases, lang)
            if sample.small(cases)
            else palette.word(key, lang)  # glyph and word: never colour alone
        )
        areas.append(
            Area(
                community_id=cid,
                name=names.get(cid, cid),
                rings=tuple(tuple(r) for r in rings),
                label_at=_label_point(geometry),  # type: ignore[arg-type]
                value=value,
                value_text=fmt.value(ind, value, lang),
                light=light,
                status_key=key,
                status_text=status,
                counts=sample.counts_text(num, den, cases) if sample.small(cases) else "",
                fill=charts.LIGHT_COLOURS.get(light, charts.LIGHT_COLOURS[None]),
                selected=cid in selected,
            )
        )
    if not areas:
        return None
    lats = [y for a in areas for ring in a.rings for _, y in ring]
    present = [s for s in STATUS_ORDER if any(a.light == s for a in areas)]
    legend = []
    for light in present:
        words = sorted({_word(a, lang) for a in areas if a.light == light})
        colour = charts.LIGHT_COLOURS.get(light, charts.LIGHT_COLOURS[None])
        legend.append(("/".join(words), colour))
    label = indicator_label(indicator_id, lang)
    when = periods.display(quarter, lang)
    title_key = "map.title.schematic" if schematic else "map.title"
    return TownMap(
        indicator_id=indicator_id,
        title=t(title_key, lang, label=label, quarter=when),
        note=t("map.note.schematic" if schematic else "map.note.shapes", lang),
        schematic=schematic,
        areas=tuple(areas),
        missing=tuple(missing),
        sentences=sentences(areas, missing, lang),
        legend=tuple(legend),
        latitude=(min(lats) + max(lats)) / 2,
    )


def _word(area: Area, lang: str) -> str:
    """An area's status in the legend and the sentences: 样本少 for every value on few
    cases (their counts go with their names), else its glyph and word."""
    return t("sample.word", lang) if area.counts else area.status_text


def sentences(
    areas: Sequence[Area], missing: Sequence[str], lang: str, most: int = CARDS_MOST
) -> tuple[str, ...]:
    """Who is where, in words (the colours never say it alone): red first, ``most`` names
    per status and the rest counted."""
    sep = t("sep.list", lang)
    out = []
    for light in STATUS_ORDER:
        mine = [a for a in areas if a.light == light]
        if not mine:
            continue
        by_word: dict[str, list[str]] = {}
        for a in mine:  # on few cases: one group, each name with its counts
            name = t("map.few_name", lang, name=a.name, counts=a.counts) if a.counts else a.name
            by_word.setdefault(_word(a, lang), []).append(name)
        for word, names in by_word.items():
            listed = sep.join(names[:most])
            if len(names) > most:  # a district's hundreds: the table lists them all
                listed = t("map.names_more", lang, names=listed, rest=len(names) - most)
            out.append(t("map.status_line", lang, status=word, n=len(names), names=listed))
    if missing:
        out.append(t("map.missing", lang, names=sep.join(missing)))
    return tuple(out)


# ---- the figure --------------------------------------------------------------------------------
def _text(s: str) -> str:
    # Plotly.js reads a few HTML tags in labels: names from a data file are shown as text.
    return html.escape(str(s), quote=False)


def label_html(area: Area) -> str:
    """A community's label, one line each (narrow, to fit small shapes): its name, its value
    and its status in words (no value: only the status, 无数据)."""
    lines = [f"<b>{_text(part)}</b>" for part in wrapped(area.name)]
    glyph, _, word = area.status_text.partition(" ")
    if area.value is not None and word:
        # the glyph beside the value, the word below: the label no wider than before the
        # glyph came (neighbouring labels on a 1280x720 slide stay apart)
        lines += [_text(f"{area.value_text} {glyph}"), _text(word)]
    elif area.value is not None:
        lines += [_text(area.value_text), _text(area.status_text)]
    else:
        lines.append(_text(area.status_text))
    return "<br>".join(lines)


def wrapped(name: str, most: int = 10) -> list[str]:
    """A long name written with spaces ("Haigang Community") on two lines, split where the
    halves are most even; a Chinese name (no spaces) stays on one."""
    if " " not in name or len(name) <= most:
        return [name]
    words = name.split(" ")
    cut = min(
        range(1, len(words)),
        key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))),
    )
    return [" ".join(words[:cut]), " ".join(words[cut:])]


def reading(area: Area) -> str:
    """The value and its status in words (only the status when there is no value: 无数据)."""
    if area.value is None:
        return area.status_text
    return f"{area.value_text} · {area.status_text}"


def bounds(m: TownMap) -> tuple[float, float, float, float]:
    xs = [x for a in m.areas for ring in a.rings for x, _ in ring]
    ys = [y for a in m.areas for ring in a.rings for _, y in ring]
    return min(xs), min(ys), max(xs), max(ys)


def _outlines(xs_ys: Sequence[tuple[tuple[float, float], ...]]) -> tuple[list, list]:
    """The rings as one line, a gap (None) between them: Plotly fills each part on its own.
    Degrees to 5 decimals (about a metre): the rest only lengthened the message."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for ring in xs_ys:
        if xs:
            xs.append(None)
            ys.append(None)
        xs.extend(round(x, 5) for x, _ in ring)
        ys.extend(round(y, 5) for _, y in ring)
    return xs, ys


def _fills(m: TownMap, dense: bool) -> list[go.Scatter]:
    """One filled trace per community (its hover on the fill); on a dense map only the chosen
    ones, on top with their dark edge: the others are one picture (:func:`fill_image`)."""

    def filled(rings, fill: str, selected: bool, width: int, **rest) -> go.Scatter:
        xs, ys = _outlines(rings)
        edge = SELECTED_EDGE if selected else EDGE
        return go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            fill="toself",
            fillcolor=fill,
            line={"color": edge, "width": width},
            showlegend=False,
            **rest,
        )

    if not dense:
        return [
            filled(
                a.rings,
                a.fill,
                a.selected,
                5 if a.selected else 2,
                hoveron="fills",
                hoverinfo="text",
                text=f"{_text(a.name)}: {_text(reading(a))}",
                name=_text(a.name),
                meta=a.community_id,
            )
            for a in m.areas
        ]
    return [
        filled(a.rings, a.fill, True, 3, hoverinfo="skip", name="") for a in m.areas if a.selected
    ]


def fill_image(m: TownMap) -> dict:
    """A dense map's outlines, filled and edged, and each judged community's status glyph, as
    one SVG picture under the plot in the axes' coordinates (Plotly's layout image, stretched
    to the map's bounds). As traces, 800 outlines and glyphs were some 2,400 elements for the
    browser to lay out at every page switch (~270 ms of a 700 ms switch at 100x); a picture is
    one. An inline data: URL, so nothing is fetched; the markers above keep hover and click.

    The picture is 1,000 units across, with latitude scaled as the y axis scales it, so it is
    stretched by the same factor both ways and a glyph keeps its shape; a glyph is sized to the
    communities (0.8 of the median label spacing), as the map is."""
    x0, y0, x1, y1 = bounds(m)
    # 1,000 units across (a tenth of a unit is below a pixel): in degrees, a glyph's font size
    # was so small Chromium drew no text
    scale = 1000 / (x1 - x0)
    ratio = scale / math.cos(math.radians(m.latitude))

    def at(x: float, y: float) -> str:
        return f"{round((x - x0) * scale, 1)} {round((y1 - y) * ratio, 1)}"

    shapes = []
    for a in m.areas:
        d = "".join("M" + "L".join(at(x, y) for x, y in ring) + "Z" for ring in a.rings)
        shapes.append(f'<path d="{d}" fill="{a.fill}"/>')
    size = _glyph_size(m, scale, ratio)
    for a in m.areas:
        if not a.counts:  # few cases: no glyph, grey and "not judged" (the hover says 样本少)
            x, y = at(*a.label_at).split()
            glyph = html.escape(palette.BY_KEY[a.status_key].glyph)
            shapes.append(f'<text x="{x}" y="{y}">{glyph}</text>')
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1000 '
        f'{round((y1 - y0) * ratio, 2)}" preserveAspectRatio="none"><style>'
        f"path{{stroke:{EDGE};stroke-width:1px;vector-effect:non-scaling-stroke}}"
        f"text{{font-size:{size}px;fill:{INK};font-family:{charts.FONT};"
        f"text-anchor:middle;dominant-baseline:central}}</style>{''.join(shapes)}</svg>"
    )
    return {
        "source": svg_data_url(svg),
        "xref": "x",
        "yref": "y",
        "x": x0,
        "y": y1,
        "sizex": x1 - x0,
        "sizey": y1 - y0,
        "sizing": "stretch",
        "xanchor": "left",
        "yanchor": "top",
        "layer": "below",
    }


def _glyph_size(m: TownMap, scale: float, ratio: float) -> float:
    """0.8 of the median distance from a label point to its nearest neighbour, in the picture's
    units (one community alone: a tenth of the map's width)."""
    points = np.array([(x * scale, y * ratio) for x, y in (a.label_at for a in m.areas)])
    if len(points) < 2:
        return 100.0
    apart = np.hypot(*(points[:, None, :] - points[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(apart, np.inf)
    return round(float(np.median(apart.min(axis=1))) * 0.8, 2)


def _annotation(a: Area, font_size: int) -> dict:
    return {
        "x": a.label_at[0],
        "y": a.label_at[1],
        "text": label_html(a),
        "showarrow": False,
        "font": {"size": font_size, "color": INK, "family": charts.FONT},
        "bgcolor": "rgba(255,255,255,0.88)",
        "bordercolor": SELECTED_EDGE if a.selected else a.fill,
        "borderwidth": 2,
        "borderpad": 3,
        "align": "center",
    }


def figure(
    m: TownMap,
    font_size: int = 13,
    height: int | None = 520,
    title_size: int | None = None,
    legend: bool = True,
) -> go.Figure:
    """The map as a Plotly figure with no geo layer (nothing fetched from any server): the
    outlines filled in their status colour, a label card at each label point (name, value,
    status; past :data:`CARDS_MOST` communities the status glyph), and a marker there carrying
    the community id for a click.

    Built in one go: Plotly's ``add_annotation`` copies every annotation before it, so 800
    communities took two minutes that way, and about a fifth of a second like this."""
    dense = m.dense
    hover = [f"{_text(a.name)}: {_text(reading(a))}" for a in m.areas]
    targets = go.Scatter(
        x=[round(a.label_at[0], 5) for a in m.areas],
        y=[round(a.label_at[1], 5) for a in m.areas],
        mode="markers",
        marker={"size": font_size if dense else font_size * 3, "color": "#ffffff", "opacity": 0.01},
        customdata=[a.community_id for a in m.areas],
        hovertext=hover,
        hoverinfo="text",
        showlegend=False,
        name="",
    )
    keys = (
        [
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker={"size": font_size, "color": colour, "symbol": "square"},
                name=_text(word),
                showlegend=True,
                hoverinfo="skip",
            )
            for word, colour in m.legend
        ]
        if legend
        else []
    )
    cards = [_annotation(a, font_size) for a in m.areas if a.selected or not dense]
    x0, y0, x1, y1 = bounds(m)
    pad_x, pad_y = (x1 - x0) * 0.04, (y1 - y0) * 0.04
    return go.Figure(
        data=[*_fills(m, dense), targets, *keys],
        layout={
            "images": [fill_image(m)] if dense else [],
            "annotations": cards,
            "xaxis": {"visible": False, "range": [x0 - pad_x, x1 + pad_x], "fixedrange": True},
            "yaxis": {
                "visible": False,
                "range": [y0 - pad_y, y1 + pad_y],
                "scaleanchor": "x",
                "scaleratio": 1 / math.cos(math.radians(m.latitude)),
                "fixedrange": True,
            },
            "title": {"text": _text(m.title), "font": {"size": title_size or font_size + 3}},
            "height": height,
            "margin": {"l": 4, "r": 4, "t": 52, "b": 4},
            "font": {"family": charts.FONT, "size": font_size, "color": INK},
            "plot_bgcolor": "#ffffff",
            "paper_bgcolor": "#ffffff",
            # the statuses' words in the top right corner, clear of the title
            "legend": {
                "orientation": "v",
                "x": 1,
                "xanchor": "right",
                "y": 1,
                "yanchor": "top",
                "bgcolor": "rgba(255,255,255,0.85)",
            },
            "hovermode": "closest",
            "clickmode": "event+select",
            "dragmode": False,
        },
    )


def counts(m: TownMap) -> Mapping[str | None, int]:
    """How many communities are at each light (None: no light)."""
    out: dict[str | None, int] = {}
    for a in m.areas:
        out[a.light] = out.get(a.light, 0) + 1
    return out
