"""One KPI as it is shown, worded once: the value, the change and its tone, the lines under the
tile and its help. The page's tile (ui/widgets.kpi_tile) draws it, and the briefing's tile
(governance/briefing/content.tile) — read by presentation mode, the HTML and the PowerPoint — is
made from it, so a tile says the same everywhere for the same filters (issue 19)."""

from __future__ import annotations

from dataclasses import dataclass

from governance import fmt, kpi, palette
from governance.i18n import t
from governance.text import svg_data_url


@dataclass(frozen=True)
class Shown:
    label: str
    value_text: str
    change_text: str | None  # the change as the tile writes it; None: no change to show
    no_change_text: str | None  # why there is none, when the basis says (无目标); else None
    tone: str  # palette.tone, flat for no change and for one that shows as 持平
    arrow: bool  # an arrow beside the change: not for 持平, not without a change
    few_counts: str | None  # a change on a handful of cases: its counts ("发案 7 → 6起")
    small_text: str | None  # a value on a small sample (sample.py): "样本少（3/6）"
    status_text: str  # the standing as glyph and word, or small_text
    target_text: str  # the target as written ("60.0%"), "" without one
    help: tuple[str, ...]  # the tile's help, line by line: the target, the standing
    few_help: str | None  # and, on a change on few cases, what that means
    # where the value stands against its target, as the line under a tile writes it
    # ("目标：60.0% · × 未达标"); None without a target or a light
    target_status: str | None = None


def shown(k: kpi.Kpi, lang: str, basis: str, value_text: str | None = None) -> Shown:
    """``k`` as every tile shows it against ``basis`` (qoq | yoy | target); ``value_text``
    replaces the formatted value when a tile shows two."""
    ind = k.indicator
    has_change = k.delta is not None
    flat = fmt.is_flat(ind, k.delta)  # 持平: no arrow, no good/bad colour
    few = k.few_cases and has_change and basis != "target" and not flat
    change = None
    if has_change:
        # A handful of cases: the change without a relative % (2 → 1 is no "−50%" headline),
        # its counts beside it or under the tile.
        change = fmt.change(ind, k.delta, k.basis_value, lang, relative=not few)
    target_text = fmt.target(ind, k.target, lang) if k.target is not None else ""
    small = t("sample.status", lang, counts=k.counts_text()) if k.small else None
    help_lines = []
    if target_text:
        help_lines.append(f"{t('col.target', lang)}: {target_text}")
    if small:
        help_lines.append(small)
    elif k.light or k.value is None:  # a value's light, or 无数据 (never "no target")
        help_lines.append(palette.label(k.value, k.light, lang))
    target_status = None
    if target_text and k.light:
        target_status = t(
            "tile.target_status",
            lang,
            target=target_text,
            status=palette.light_label(k.light, lang),
        )
    label = ind.label(lang)
    value = value_text if value_text is not None else fmt.value(ind, k.value, lang)
    if lang == "en" and value.endswith(fmt.PER10K_EN):  # cut off on a tile: to the label
        value, label = value.removesuffix(fmt.PER10K_EN), label + fmt.PER10K_LABEL_EN
    return Shown(
        label=label,
        value_text=value,
        change_text=change,
        no_change_text=t("change.no_target", lang)
        if basis == "target" and k.target is None
        else None,
        tone=palette.FLAT if not has_change or flat else palette.tone(k.good, k.light, basis),
        arrow=has_change and not flat,
        few_counts=fmt.cases_change(ind, k.basis_cases, k.cases, lang) if few else None,
        small_text=small,
        status_text=small or palette.label(k.value, k.light, lang),
        target_text=target_text,
        help=tuple(help_lines),
        few_help=t("change.few.help", lang, n=kpi.FEW_CASES) if few else None,
        target_status=target_status,
    )


# A tile's sparkline, in the colour of its change. Drawn as a few SVG nodes, not a chart: a
# metric's own chart is a Vega view the browser embedded again at every rerun (half of a
# basis change's 330 ms on the overview, 14 tiles).
SPARK_COLOURS = {
    palette.FLAT: palette.NONE.mark,
    palette.NEAR: palette.AMBER.mark,
    palette.GOOD: palette.GREEN.mark,
    palette.BAD: palette.RED.mark,
}
SPARK_HEIGHT_PX = 48


def counted_twice(k: kpi.Kpi, second: kpi.Kpi, lang: str) -> tuple[str, str]:
    """A tile counted in two units (越级上访: batches, then person-times): its value line and
    the note under it. Both fit one value line in Chinese ("4批 · 16人次"); in English "4
    batches · 16 person-times" is cut off on a page's tile and wraps on a projector's, so the
    second count is the line under the value."""
    first = fmt.value(k.indicator, k.value, lang)
    other = fmt.value(second.indicator, second.value, lang)
    if lang == "en":
        return first, other
    return f"{first} · {other}", ""


def sparkline(values: list[float | None], tone: str) -> str | None:
    """An SVG line through ``values`` (a missing one breaks it) from the tile's left edge to
    its right, the lowest value at the bottom; None with fewer than two values."""
    known = [v for v in values if v is not None and v == v]
    if len(known) < 2:
        return None
    low, high = min(known), max(known)
    span = high - low or 1.0  # a flat series: a line at mid-height
    last = len(values) - 1
    runs: list[list[str]] = [[]]
    for i, v in enumerate(values):
        if v is None or v != v:
            runs.append([])
            continue
        y = 50.0 if high == low else 95 - 90 * (v - low) / span
        runs[-1].append(f"{round(100 * i / last, 2)},{round(y, 2)}")
    lines = "".join(
        f'<polyline points="{" ".join(run)}" vector-effect="non-scaling-stroke"/>'
        for run in runs
        if len(run) > 1
    )
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" '
        f'preserveAspectRatio="none"><g fill="none" stroke="{SPARK_COLOURS[tone]}" '
        f'stroke-width="2" stroke-linejoin="round">{lines}</g></svg>'
    )
    # an image (Streamlit's HTML sanitiser keeps no inline SVG), stretched to the tile's width
    source = svg_data_url(svg)
    return (
        f'<img alt="" src="{source}" style="display:block;width:100%;height:{SPARK_HEIGHT_PX}px">'
    )
