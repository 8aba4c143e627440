"""How the what-if page writes things: changes against the baseline in words, grades and
lights by name, tables for the screen (numbers in words, headers in ``lang``) and for download,
metric tiles and the common layout of its figures."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from governance import charts, export, fmt, palette, periods, textwidth
from governance.i18n import t
from governance.indicators import INDICATORS_BY_ID
from governance.whatif.params import EXCELLENT, FAIR, GOOD

GRADE_KEYS_I18N = {EXCELLENT: "excellent", GOOD: "good", FAIR: "fair"}
MOVE_LIGHT = {"better": "green", "worse": "red", "same": None}
# A score's move (up, down) and a light's (better, worse) in words; "same" is 不变 for both.
MOVE_KEYS = {
    "better": "whatif.move.better",
    "worse": "whatif.move.worse",
    "same": "whatif.move.same",
}
LIGHT_MOVE_KEYS = {
    "better": "whatif.light_move.better",
    "worse": "whatif.light_move.worse",
    "same": "whatif.move.same",
}


def vs_baseline(signed: str, lang: str) -> str:
    """A change against the baseline in words: "+5 较基准", or "与基准相同"."""
    if signed == t("whatif.same", lang):
        return t("whatif.same_as_baseline", lang)
    return f"{signed} {t('whatif.vs_baseline', lang)}"


def signed_yuan(x: float, lang: str) -> str:
    if round(x, 2) == 0:
        return t("whatif.same", lang)
    return ("+" if x > 0 else "-") + fmt.yuan(abs(x), lang)


def signed_count(x: float, lang: str) -> str:
    return t("whatif.same", lang) if round(x, 6) == 0 else f"{x:+,.0f}"


def quarter_label(q: object) -> str:
    return periods.to_label(pd.Timestamp(q).date())


def grade_name(g: object, lang: str) -> str:
    if g not in GRADE_KEYS_I18N:
        return "—"
    return t(f"whatif.grade.{GRADE_KEYS_I18N[g]}", lang)  # type: ignore[index]


def light_name(light: object, lang: str) -> str:
    """A light as its glyph and word (governance/palette.py): "√ 达标", "○ 无目标"."""
    return palette.light_label(light, lang)


def own_key(key: str, scoped: bool) -> str:
    """The catalog key of a caption for a user scoped to some communities (``key + ".own"``,
    governance/i18n/whatif_scoped.py: 所辖社区 over numbers that are theirs only)."""
    return f"{key}.own" if scoped else key


# Baseline and scenario side by side: the same two colours on every what-if chart.
BASELINE_COLOUR = "#9e9e9e"


def money_axis(lang: str) -> tuple[float, str]:
    """What a chart's money axis is divided by and called: 万元 in Chinese, as the tiles and
    tables beside it say money (an axis of 200,000 元 read as another unit); yuan in English."""
    if lang == "zh":
        return 10_000.0, t("unit.wan_yuan", lang)
    return 1.0, t("unit.yuan", lang)


def money(x: object, lang: str) -> str:
    return fmt.yuan(None if pd.isna(x) else float(x), lang)  # type: ignore[arg-type]


FORMATS = {
    "yuan": lambda x, lang: money(x, lang),
    "signed_yuan": lambda x, lang: "—" if pd.isna(x) else signed_yuan(float(x), lang),
    "pct": lambda x, lang: fmt.pct(None if pd.isna(x) else float(x)),
    "signed_pct": lambda x, lang: "—" if pd.isna(x) else f"{float(x):+.1f}%",
    "pp": lambda x, lang: "—" if pd.isna(x) else f"{float(x):+.1f}".replace("+0.0", "0.0"),
    "score": lambda x, lang: fmt.number(None if pd.isna(x) else float(x)),
    "signed_score": lambda x, lang: "—" if pd.isna(x) else f"{float(x):+.1f}",
    "area": lambda x, lang: fmt.count(None if pd.isna(x) else float(x), lang),
    "count": lambda x, lang: fmt.count(None if pd.isna(x) else float(x), lang),
    "signed_count": lambda x, lang: "—" if pd.isna(x) else signed_count(float(x), lang),
    "quarter": lambda x, lang: "—" if pd.isna(x) else quarter_label(x),
    "grade": lambda x, lang: grade_name(x, lang),
    "light": lambda x, lang: light_name(x, lang),
    "move": lambda x, lang: t(MOVE_KEYS[x], lang) if x in MOVE_KEYS else "—",
    "light_move": lambda x, lang: t(LIGHT_MOVE_KEYS[x], lang) if x in LIGHT_MOVE_KEYS else "—",
    "rank": lambda x, lang: "—" if pd.isna(x) else f"{int(x)}",
}

COLUMN_KINDS: dict[str, str] = {
    "baseline_yuan": "yuan",
    "scenario_yuan": "yuan",
    "change_yuan": "signed_yuan",
    "change_pct": "signed_pct",
    "claim_yuan": "yuan",
    "managed_area_m2": "area",
    "score": "score",
    "mean_score": "score",
    "quarter": "quarter",
    "cap_baseline": "yuan",
    "cap_scenario": "yuan",
    "paid_baseline": "yuan",
    "paid_scenario": "yuan",
    "left_baseline": "yuan",
    "left_scenario": "yuan",
    "claimed_scenario": "yuan",
    "claimed_own_yuan": "yuan",
    "paid_own_baseline_yuan": "yuan",
    "paid_own_scenario_yuan": "yuan",
    "capped_baseline": "count",
    "capped_scenario": "count",
    "baseline_score": "score",
    "scenario_score": "score",
    "score_change": "signed_score",
    "baseline_grade": "grade",
    "scenario_grade": "grade",
    "change": "move",
    "light_change": "light_move",
    "baseline_value": "plain",
    "scenario_value": "plain",
    "baseline_target": "plain",
    "scenario_target": "plain",
    "baseline_light": "light",
    "scenario_light": "light",
    "baseline_rank": "rank",
    "scenario_rank": "rank",
    "rank_change": "signed_count",
    "green_baseline": "count",
    "green_scenario": "count",
    "green_change": "signed_count",
    "red_baseline": "count",
    "red_scenario": "count",
    "current_pct": "pct",
    "floor_required_pct": "pct",
    "floor_gap_pct_points": "pp",
    "floor_extra_households": "count",
    "proportional_required_pct": "pct",
    "proportional_gap_pct_points": "pp",
    "proportional_extra_households": "count",
    "billed": "count",
    "paid": "count",
    "communities": "count",
    "rows_below_min": "count",
}


# The columns worded by the key every table shares rather than whatif.col.<column>, and the
# households billed by the long-term page's key (the fee bills are that platform's).
_SHARED_HEADERS = {
    "billed": "longterm.col.households_billed",
    "community": "col.community",
    "indicator": "col.indicator",
    "quarter": "col.quarter",
    "change": "common.change",
    "light_change": "common.change",
}


def labels(lang: str) -> dict[str, str]:
    """Headers of every computed column the page shows or lets download."""
    names = (
        "company",
        "community",
        "indicator",
        *COLUMN_KINDS,
        "year",
        "item",
    )
    return {c: t(_SHARED_HEADERS.get(c, f"whatif.col.{c}"), lang) for c in dict.fromkeys(names)}


def shown(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``df`` for the screen: numbers in words the Chinese way, headers in ``lang``.

    Id columns are dropped when a name column stands beside them.
    """
    out = df.copy()
    for col in out.columns:
        kind = COLUMN_KINDS.get(col)
        if kind in FORMATS:
            out[col] = [FORMATS[kind](x, lang) for x in out[col]]
    drop = [
        c
        for c, name in (("company_id", "company"), ("community_id", "community"))
        if c in out.columns and name in out.columns
    ]
    if "indicator_id" in out.columns and "indicator" in out.columns:
        drop.append("indicator_id")
    out = out.drop(columns=drop)
    # the screen's money carries its unit (万元), so the header does not
    screen = {k: v.replace("（元）", "").replace(" (yuan)", "") for k, v in labels(lang).items()}
    return export.labelled(out, lang, screen)


def for_download(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` for CSV / Excel: numbers stay numbers, quarters become labels like 2011Q4."""
    out = df.copy()
    if "quarter" in out.columns:
        out["quarter"] = [quarter_label(q) for q in out["quarter"]]
    return out


@dataclass(frozen=True)
class Tile:
    """One st.metric: label, value and a change against the baseline with its colour."""

    label: str
    value: str
    delta: str | None = None
    delta_color: str = "gray"
    delta_arrow: str = "auto"
    help: str | None = None


def tile(
    label: str,
    value: str,
    change: float | None,
    change_text: str,
    good_when: str = "neutral",
    help: str | None = None,
) -> Tile:
    """A tile whose delta is coloured: ``neutral`` (blue: neither good nor bad), ``up`` (more
    is good: green up, red down) or ``down`` (fewer is good)."""
    if change is None or (isinstance(change, float) and math.isnan(change)):
        return Tile(label, value, None, "gray", "off", help)
    if round(change, 6) == 0:
        return Tile(label, value, change_text, "gray", "off", help)
    if good_when == "neutral":
        colour = "blue"
    else:
        good = (change > 0) == (good_when == "up")
        colour = palette.DELTA_COLOURS[palette.GOOD if good else palette.BAD]  # the pages' rule
    return Tile(label, value, change_text, colour, "auto", help)


def quarter_starts(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values).dt.to_period("Q").dt.start_time


def company_names(assessments: pd.DataFrame, lang: str) -> dict[str, str]:
    col = "company_en" if lang == "en" else "company_zh"
    if assessments.empty or col not in assessments.columns:
        return {}
    pairs = assessments.drop_duplicates("company_id")
    return dict(zip(pairs["company_id"], pairs[col], strict=True))


def in_scope(assessments: pd.DataFrame) -> pd.DataFrame:
    """The rows of the selected period and communities."""
    if assessments.empty:
        return assessments
    return assessments[assessments["in_scope"].astype(bool)]


def layout(fig: go.Figure, title: str, height: int) -> go.Figure:
    charts.plain_numbers(fig)
    fig.update_layout(
        title={"text": title, "font": {"size": 16}},
        height=height,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        font={"family": charts.FONT},
        legend={"orientation": "h", "y": -0.15},
        hovermode="closest",
    )
    return fig


def same_as_baseline(title: str, text: str) -> go.Figure:
    """A change chart when nothing changes: it says so, instead of an empty axis."""
    fig = go.Figure()
    fig.add_annotation(
        text=text,
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        showarrow=False,
        font={"size": 18, "color": "#616161"},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return layout(fig, title, 300)


def community_bars(
    frame: pd.DataFrame, column: str, name: str, colour: str, value: str, **text: object
) -> go.Bar:
    """One series of horizontal bars, a bar per community carrying its id (a click drills
    down); ``value`` the template of the bar's text and of its hover."""
    return go.Bar(
        x=frame[column].tolist(),
        y=frame["community"].tolist(),
        orientation="h",
        name=name,
        marker_color=colour,
        customdata=frame["community_id"].tolist(),
        texttemplate=value,
        hovertemplate=f"%{{y}}: {value}<extra>{name}</extra>",
        **text,
    )


def value_text(indicator_id: str, x: object, lang: str) -> str:
    return fmt.value(INDICATORS_BY_ID[indicator_id], None if pd.isna(x) else float(x), lang)


def indicator_label(indicator_id: str, lang: str) -> str:
    ind = INDICATORS_BY_ID[indicator_id]
    return ind.label(lang)


# How many tiles a row holds so that no value or label is cut ("200.00…", "¥1,678,…"): measured
# in Chromium at 1280 px wide, the narrowest screen the page is made for (wider screens only
# widen the tiles), the main column is 829 px, columns are 16 px apart and a bordered tile
# takes 34 px of padding; the value is 36 px type, the label 14 px with 22 px for its help icon.
ROW_PX = 829
GAP_PX = 16
PADDING_PX = 34
VALUE_PX = 36
LABEL_PX = 14
HELP_ICON_PX = 22


def text_em(text: str) -> float:
    """The width of ``text`` in em on the page's tiles (governance/textwidth.py)."""
    return textwidth.text_em(text, textwidth.PAGE)


def tile_px(n: int) -> float:
    """The inner width of a tile when ``n`` share a row at 1280 px."""
    return (ROW_PX - GAP_PX * (n - 1)) / n - PADDING_PX


def tiles_per_row(tiles: Sequence[Tile], most: int = 5) -> int:
    """The most tiles (at most ``most``) a row can hold with every value and label whole."""
    for n in range(min(len(tiles), most), 1, -1):
        room = tile_px(n)
        if all(
            text_em(x.value) * VALUE_PX <= room
            and text_em(x.label) * LABEL_PX + HELP_ICON_PX <= room
            for x in tiles
        ):
            return n
    return 1


def tile_rows(tiles: Sequence[Tile]) -> list[list[Tile]]:
    """``tiles`` in rows of :func:`tiles_per_row` (the last row may hold fewer)."""
    n = tiles_per_row(tiles)
    return [list(tiles[i : i + n]) for i in range(0, len(tiles), n)]
