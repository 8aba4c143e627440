"""The briefing as plain data: a deck of slides, each with tiles, a chart, tables and sentences.

Everything a renderer needs is here, already in the deck's language and formatted the Chinese
way (``*_text`` fields, from governance/fmt.py); the raw numbers stay beside them so native
PowerPoint charts and tests can use values, not strings. No Plotly, pandas or Streamlit
objects: the same deck feeds the presentation mode, the HTML file and the PowerPoint.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from governance.db import handling_days
from governance.indicators import PLATFORMS
from governance.palette import FLAT

if TYPE_CHECKING:
    from governance.geo.townmap import TownMap

# Slide keys, in deck order (platform slides are keyed by their platform id).
TITLE, OUTCOMES, RANKING, FOLLOW_UP = "title", "outcomes", "ranking", "follow_up"
# 本期变化, right after the outcomes: every indicator that got worse (governance/changes.py).
CHANGES = "changes"
PLATFORM_KEYS = PLATFORMS  # the registry's platform records, in order
# Right after the title when an earlier joint meeting is on record: 上次会议以来.
SINCE = "since"
# 一张图, right after the ranking when the communities have shapes (governance/geo).
MAP = "map"


def slide_keys() -> tuple[str, ...]:
    """The deck's slide keys in order, its platforms read from the registry at each call."""
    return (TITLE, OUTCOMES, CHANGES, *PLATFORM_KEYS, RANKING, FOLLOW_UP)


# The 督办 slide's table of open follow-up items by responsible unit (Table.key), when any.
DUBAN_TABLE = "duban"


@dataclass(frozen=True)
class Tile:
    """One KPI: its value, change against the basis, and status against the target."""

    label: str
    value_text: str
    change_text: str  # "—" when there is no change to show
    good: bool | None  # is the change good news for this indicator? None: no change
    light: str | None  # 'green' | 'amber' | 'red' against the target; None: no target
    # the change's colour as every renderer draws it (governance/tiles.py): palette.tone, flat
    # without a change or for one that shows as 持平
    tone: str = FLAT
    arrow: bool = False  # an arrow beside the change: not for 持平, not without a change
    note: str = ""  # a short line under the tile: "目标 60.0% · 未达标", the basis, ...
    indicator_id: str = ""
    value: float | None = None  # raw, in the indicator's unit (% as 56.3, not 0.563)
    delta: float | None = None
    target: float | None = None
    target_text: str = ""
    status_text: str = ""  # the status as glyph and word: √ 达标 / ! 接近目标 / × 未达标 / ○ 无目标


@dataclass(frozen=True)
class Chart:
    """A bar chart (one bar per category) or a line chart (one point per quarter)."""

    kind: str  # 'bar' | 'line'
    title: str
    categories: tuple[str, ...]  # community names, or quarter labels (2011Q1)
    series: tuple[tuple[str, tuple[float | None, ...]], ...]  # (name, one value per category)
    unit: str = ""  # axis unit shown to the reader: "%", "分", "人次", ...
    category_ids: tuple[str, ...] = ()  # community ids of bar categories (for a click-through)
    lights: tuple[str | None, ...] = ()  # bar colours by light, one per category (bars only)
    target: float | None = None  # a target line across the chart
    target_label: str = ""
    value_texts: tuple[tuple[str, ...], ...] = ()  # formatted values, one tuple per series
    # bars on a small sample (governance/sample.py): no light, and their value text says
    # 样本少 in place of a status glyph
    small: tuple[bool, ...] = ()


@dataclass(frozen=True)
class Table:
    """A table of display strings; ``lights`` (same shape as rows, or empty) colours cells."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    lights: tuple[tuple[str | None, ...], ...] = ()
    title: str = ""
    group_column: int | None = None  # rows are grouped by this column (consecutive runs)
    key: str = ""  # names a table a renderer places on its own (DUBAN_TABLE), else ""


@dataclass(frozen=True)
class Slide:
    key: str  # one of slide_keys(), or SINCE, or MAP
    title: str
    subtitle: str = ""
    tiles: tuple[Tile, ...] = ()
    chart: Chart | None = None  # None also on a platform slide with nothing to draw
    tables: tuple[Table, ...] = ()
    sentences: tuple[str, ...] = ()  # what a leader should read from the slide, in words
    notes: tuple[str, ...] = ()  # footnotes: the events (事件标注) that belong to the slide
    townmap: TownMap | None = None  # 一张图: the communities coloured by status (MAP)

    @property
    def table(self) -> Table | None:
        """The slide's main table (the first), or None."""
        return self.tables[0] if self.tables else None

    def keyed(self, key: str) -> Table | None:
        """The table with ``key`` (e.g. DUBAN_TABLE), or None."""
        return next((x for x in self.tables if x.key == key), None)

    @property
    def plain_tables(self) -> tuple[Table, ...]:
        """The tables without a key, in order (those every renderer lays out alike)."""
        return tuple(x for x in self.tables if not x.key)


@dataclass(frozen=True)
class Deck:
    title: str
    period_text: str  # "2011年第1季度 – 2011年第4季度"
    scope_text: str  # "全镇" / "彩虹社区" / "海港社区、彩虹社区"
    as_of: date | None  # the date the data runs to
    lang: str
    slides: tuple[Slide, ...]
    as_of_text: str = ""  # "数据截至 2011-12-26"
    basis: str = "qoq"  # qoq | yoy | target
    basis_text: str = ""  # "较上季度" — what every change is measured against
    period_label: str = ""  # "2011Q1-2011Q4", for file names
    scope_label: str = ""  # "全镇" / "彩虹社区" / "3个社区", for file names
    filters_text: str = ""  # the filters in force in one line, shown on every slide
    # the handling time (queries/base/base_rules.sql) unless the deck was built with another
    overdue_days: int = field(default_factory=handling_days)
    facts_title: str = ""  # the facts heading: 全镇概况 / 所辖社区概况 (from the data)

    def slide(self, key: str) -> Slide:
        """The slide with ``key`` (KeyError when the deck has none)."""
        for s in self.slides:
            if s.key == key:
                return s
        raise KeyError(key)
