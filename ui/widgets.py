"""Widgets every page uses: header with data date, KPI tiles, drill-down charts, downloads."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from governance import charts, drill, export, palette, periods, tableformat, tiles
from governance.contract import TABLES_BY_NAME
from governance.db import CORE_TABLES, MISSING_ZH, MissingDataError, Unusable
from governance.db import data_dir as db_data_dir
from governance.i18n import CATALOG
from governance.i18n import t as catalog
from governance.kpi import Kpi
from governance.text import plain
from governance.viewmodel import MAX_SHOWN_ROWS, Records, Table
from ui import auth, data, deferred, plots, present, state
from ui.state import tr


def page_header(
    title: str,
    subtitle: str | None = None,
    key_prefix: str = "page",
    shown: Sequence[str] | None = None,
) -> None:
    """Title, the date the data runs to, the period and the scope in force (``shown``: the
    communities the page is about when not the filter's, e.g. the profile's one community).

    When the view is drilled down to some communities, a banner says so, with a button back
    to the whole town.
    """
    f = state.current()
    st.title(title)
    if subtitle:
        st.caption(subtitle)
    as_of = data.as_of()
    # Names come from a data file: shown as text, never as Markdown (here and below).
    names = tr("sep.list").join(plain(state.community_name(c)) for c in f.communities)
    own = auth.scope()  # a user scoped to some communities never reads "whole town"
    everyone = tr("sep.list").join(plain(state.community_name(c)) for c in own) if own else None
    town = tr("data.scope.some", names=everyone) if own else tr("data.scope.town")
    scope = tr("data.scope.some", names=names) if f.communities else town
    if shown:
        about = tr("sep.list").join(plain(state.community_name(c)) for c in shown)
        scope = tr("data.scope.some", names=about)
    bits = [
        tr("data.as_of", date=as_of.isoformat() if as_of else "—"),
        tr(
            "data.current",
            quarter=periods.display(f.period_to, f.lang),
            start=periods.short(f.period_from, f.lang),
            end=periods.short(f.period_to, f.lang),
        ),
        scope,
    ]
    st.caption(" · ".join(bits))
    present.briefing_downloads(f"{key_prefix}_briefing")  # 汇报材料 for the filters in force
    if f.communities:
        # one row: the button as wide as its words (in a sixth of the page it was cut off)
        row = st.container(horizontal=True, vertical_alignment="center", wrap=False)
        row.info(tr("drill.active", names=names))
        row.button(
            tr("filter.reset.scoped" if own else "filter.reset"),  # back to all they may see
            key=f"{key_prefix}_back_to_town",
            on_click=state.select_community,
            args=(None,),
            icon=":material/arrow_back:",
        )
    for message in state.url_errors():
        st.warning(tr("url.bad") + message)


def kpi_tile(
    k: Kpi,
    secondary: str | None = None,
    border: bool = True,
    value: str | None = None,
    target_status: bool = False,
) -> None:
    """One KPI as governance/tiles.py words it: value, change against the basis coloured by
    good or bad, sparkline, and the lines under it.

    The basis ("较上季度") goes in the delta's description, so the change itself stays short
    enough for a projector; ``value`` replaces the formatted value when a tile shows two.
    """
    f = state.current()
    s = tiles.shown(k, f.lang, f.basis, value)
    help_lines = [
        *s.help,
        *([secondary] if secondary else []),
        *([s.few_help] if s.few_help else []),
    ]
    # Why there is no change, in words: against a target that does not exist, or no value to
    # compare (the reason for a missing value is said under the tile, not only in its help).
    with st.container(border=border, gap=None):
        st.metric(
            s.label,
            s.value_text,
            delta=s.change_text
            if s.change_text is not None
            else (s.no_change_text or catalog("change.none", f.lang)),
            delta_color=palette.DELTA_COLOURS[s.tone],
            delta_arrow="auto" if s.arrow else "off",
            delta_description=catalog(f"change.vs.{f.basis}", f.lang)
            if s.change_text is not None
            else None,
            help=" · ".join(line for line in help_lines if line) or None,
        )
        line = tiles.sparkline([v for _, v in k.series], s.tone)
        if line:
            st.html(line)
    if s.few_counts:  # a handful of cases: the counts under the tile (cut off in the change)
        st.caption(catalog("change.few.note", f.lang, counts=s.few_counts))
    if s.small_text:  # said under the tile, where a light's status would be
        st.caption(s.small_text)
    if k.value is None and secondary:
        st.caption(secondary)
    if (target_status or f.basis == "target") and s.target_status:
        # the scorecards say where each indicator stands against its target on any basis, and
        # every tile does on the 目标 basis, where the change's colour is that standing: in a
        # glyph and a word (governance/palette.py), never in the colour alone
        st.caption(s.target_status)


def grid(count: int, per_row: int = 4) -> list:
    """``count`` columns laid out at most ``per_row`` to a row, so tiles stay readable on a
    projector instead of squeezing seven into one line."""
    cells: list = []
    for start in range(0, count, per_row):
        cells.extend(st.columns(per_row)[: min(per_row, count - start)])
    return cells


def kpi_tiles(tiles: Sequence[Kpi], notes: Mapping[str, str | None]) -> None:
    """A platform page's KPI tiles in one grid, four to a row, each with its note under it:
    any number of tiles wraps (a ninth starts a row of its own)."""
    for cell, k in zip(grid(len(tiles)), tiles, strict=True):
        with cell:
            kpi_tile(k, secondary=notes.get(k.indicator.id))


def empty_state() -> None:
    st.info(tr("empty.filters"))


# A download's period: two quarters (from, to), None for the filters' period, or the words of
# a span that is not the data's quarters (the audit log's days).
Period = tuple[object, object] | str | None


def _file_parts(
    title: str,
    period: Period,
    communities: Sequence[str] | None,
) -> tuple[str, str, str]:
    """A download's title in words (a catalog key, or ``file.<title>``, else as given), its
    scope (全镇, a community, N个社区) and its period (2011Q4, 2010Q1-2011Q4) in force: a file
    is named 物业费收缴明细_彩虹社区_2011Q4. ``period`` and ``communities`` override the filters."""
    f = state.current()
    # a title named by a key the page shows it by (nav.profile, culture.brands), else file.<title>
    key = title if title in CATALOG else f"file.{title}"
    words = tr(key) if key in CATALOG else title
    ids = list(f.communities) if communities is None else list(communities)
    if not ids and auth.scope():  # a scoped user's "all" is their own communities
        ids = list(auth.scope())
    names = state.community_names()
    scope = tableformat.scope_label([names.get(c, c) for c in ids], f.lang)
    if isinstance(period, str):
        return words, scope, period
    start, end = period or (f.period_from, f.period_to)
    span = tableformat.period_label(periods.to_label(start), periods.to_label(end))
    return words, scope, span


def _file_info(parts: tuple[str, str, str], rows: int, of_data: bool) -> list[tuple[str, str]]:
    """The first sheet of a workbook: what the table is, its scope, period and, for a table of
    the data (``of_data``; not the audit log), the data date."""
    title, scope, span = parts
    as_of = data.as_of() if of_data else None
    return [
        (tr("table.info.title"), title),
        (tr("table.info.scope"), scope),
        (tr("table.info.period"), span),
        *([(tr("table.info.as_of"), as_of.isoformat() if as_of else "—")] if of_data else []),
        (tr("dm.col.rows"), f"{rows:,}"),
    ]


def download_buttons(
    df: pd.DataFrame | Callable[[], pd.DataFrame],
    file_stem: str,
    key: str,
    labels: Mapping[str, str] | None = None,
    prepare: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
    period: Period = None,
    communities: Sequence[str] | None = None,
    units: Mapping[str, str] | None = None,
    buttons: tuple[str, str] | None = None,
    **xlsx_options: object,
) -> None:
    """CSV (UTF-8 with BOM) and Excel downloads of ``df`` with headers (and their units) in the
    UI language, named by :func:`_file_parts` (``file_stem`` is the title's catalog key);
    ``units`` names the unit of a computed column the contract does not know (e.g. "元");
    ``period`` in words for a table that is not of the data's quarters (no data date then);
    ``buttons`` and ``xlsx_options`` as :func:`csv_and_xlsx`'s.

    The files are built only when a button is clicked; ``prepare`` (e.g. localising the
    values) runs then too, so a large record set costs nothing on an ordinary rerun; ``df``
    may be a function fetching the rows then.
    """
    lang = state.lang()
    parts = _file_parts(file_stem, period, communities)
    stem = tableformat.file_stem(*parts)

    def rows() -> pd.DataFrame:
        whole = df() if callable(df) else df
        return prepare(whole) if prepare else whole

    def csv() -> bytes:
        out, _ = export.for_file(rows(), lang, labels, units=units)
        return export.to_csv_bytes(out)

    def xlsx() -> bytes:
        out, formats = export.for_file(rows(), lang, labels, units=units)
        return export.to_xlsx_bytes(
            out,
            tr("table.sheet.data"),
            formats=formats,
            info=_file_info(parts, len(out), of_data=not isinstance(period, str)),
            info_sheet=tr("imp.tpl.readme"),
            lang=lang,
        )

    csv_and_xlsx(csv, xlsx, stem, key, buttons, **xlsx_options)


def csv_and_xlsx(
    csv: Callable[[], bytes],
    xlsx: Callable[[], bytes],
    stem: str,
    key: str,
    labels: tuple[str, str] | None = None,
    **xlsx_options: object,
) -> None:
    """A CSV and an Excel button side by side (keys ``key``_csv, ``key``_xlsx), each file
    built on its click; ``labels`` (default 下载 CSV, 下载 Excel) and ``xlsx_options`` (e.g.
    ``disabled``) as the caller's."""
    csv_label, xlsx_label = labels or (tr("download.csv"), tr("download.xlsx"))
    row = st.container(horizontal=True)
    deferred.download_button(
        row,
        csv_label,
        csv,
        file_name=f"{stem}.csv",
        mime="text/csv",
        key=f"{key}_csv",
        icon=":material/download:",
    )
    deferred.download_button(
        row,
        xlsx_label,
        xlsx,
        file_name=f"{stem}.xlsx",
        mime=deferred.XLSX_MIME,
        key=f"{key}_xlsx",
        icon=":material/table_view:",
        **xlsx_options,
    )


# A table shows at most this many rows before it scrolls; fewer rows, no empty padding.
ROW_PX, HEADER_PX, MAX_TABLE_PX = 35, 38, 460


def fitted_height(rows: int, cap: int | str | None = None) -> int:
    """The pixel height that shows ``rows`` rows without empty padding, at most ``cap``."""
    limit = cap if isinstance(cap, int) else MAX_TABLE_PX  # "auto" and None: the default
    return min(HEADER_PX + ROW_PX * max(rows, 1) + 2, limit)


def show_table(
    df,
    key: str | None = None,
    labels: Mapping[str, str] | None = None,
    table: str | None = None,
    units: Mapping[str, str] | None = None,
    height: int | str | None = None,
    **kwargs,
):
    """``st.dataframe`` formatted like the tiles: headers in the UI language with their units
    (应缴金额（元）), numbers kept numeric (so columns sort) under a format with thousands
    separators and the unit's decimals, dates as YYYY-MM-DD, "—" for a missing value, and a
    height fitted to the rows. ``df`` may be a pandas Styler (its colours are kept); ``units``
    names the unit of a column the contract and the registry do not know (column -> "元");
    ``df`` may be a view model's Table (formatted once)."""
    from pandas.io.formats.style import Styler  # needs jinja2: loaded only for a table

    if isinstance(df, Table):  # formatted already, once per view model
        styler, shown, formats, header_of, rows = None, df.shown, df.formats, df.headers, df.rows
    else:
        styler = df if isinstance(df, Styler) else None
        frame = styler.data if styler is not None else df
        shown, formats = export.for_screen(frame, state.lang(), labels, table, units)
        header_of = dict(zip(frame.columns, shown.columns, strict=True))
        rows = len(frame)
    if styler is not None:  # keep the styling: headers and formats go by column config
        config = {
            name: (
                st.column_config.NumberColumn(h, format=formats[h])
                if h in formats
                else st.column_config.Column(h)
            )
            for name, h in header_of.items()
        }
        data_arg = styler
    else:
        config = {h: st.column_config.NumberColumn(h, format=p) for h, p in formats.items()}
        data_arg = df.arrow if isinstance(df, Table) and df.arrow is not None else shown
    # the caller's column config (e.g. {"community_id": None} to hide it) names raw columns
    kwargs.pop("hide_index", None)  # always hidden: a row number means nothing here
    for name, value in (kwargs.pop("column_config", None) or {}).items():
        config[name if styler is not None else header_of.get(name, name)] = value
    return st.dataframe(
        data_arg,
        hide_index=True,
        height=fitted_height(rows, height),
        column_config=config,
        placeholder="—",
        key=key,
        **kwargs,
    )


def light_labels(
    pills: Mapping[str, tuple[Sequence[str], Sequence[str]]],
    widths: Mapping[str, int] | None = None,
) -> dict[str, object]:
    """Column configs drawing each cell of these columns as a label in its light's colour
    (a view model's column -> (labels, colours)); read-only, as the ranking is. ``widths``:
    the px of a column whose cells hold more than one label (the grid's own otherwise)."""
    widths = widths or {}
    return {
        column: st.column_config.MultiselectColumn(
            column,
            options=list(labels),
            color=list(colours),
            disabled=True,
            width=widths.get(column),
        )
        for column, (labels, colours) in pills.items()
    }


def _on_chart_select(key: str) -> None:
    community = charts.selected_community(st.session_state.get(key))
    if community:
        state.select_community(community)


def drill_chart(fig: go.Figure, key: str) -> None:
    """A chart whose bars or points carry community ids: a click filters to that community."""
    plots.draw(
        fig,
        key=key,
        on_select=lambda: _on_chart_select(key),
        selection_mode=("points",),
    )
    st.caption(tr("drill.hint"))


def on_drill_select(
    key: str, table: pd.DataFrame, column: str, target: str, clear: tuple[str, ...], every: str
):
    """A table-row click that chooses a page's next drill level: the row's ``column`` becomes
    the widget ``target``'s value, and the levels below (``clear``) go back to ``every``."""

    def callback() -> None:
        selection = st.session_state.get(key)
        rows = selection.selection.rows if selection is not None else []
        if rows and rows[0] < len(table):
            st.session_state[target] = str(table.iloc[rows[0]][column])
            for below in clear:
                st.session_state[below] = every

    return callback


K_OPEN_PAGE = "drill_open_page"


def on_table_select(key: str, table: pd.DataFrame, opens: str | None = None):
    """A dataframe selection callback that drills down to the selected row's community; with
    ``opens`` (a page's path) it asks for that page too (see :func:`open_asked_page`): a
    user scoped to one community gains nothing from filtering to it, so their click opens its
    profile."""

    def callback() -> None:
        selection = st.session_state.get(key)
        rows = selection.selection.rows if selection is not None else []
        if rows and rows[0] < len(table):
            state.select_community(str(table.iloc[rows[0]]["community_id"]))
            if opens:
                st.session_state[K_OPEN_PAGE] = opens

    return callback


def open_asked_page() -> None:
    """Switch to the page a click asked for (a callback cannot switch pages itself)."""
    wanted = st.session_state.pop(K_OPEN_PAGE, None)
    if wanted:
        st.switch_page(wanted)


def _records_view(
    records: Records,
    file_stem: str,
    key: str,
    height: int | str,
    period: tuple[object, object] | None,
    communities: Sequence[str] | None,
) -> None:
    if records.head is None:
        empty_state()
        return
    show_table(records.head, f"{key}_table", height=height)
    if records.total > MAX_SHOWN_ROWS:
        shown, n = f"{MAX_SHOWN_ROWS:,}", f"{records.total:,}"
        st.caption(tr("records.count.capped", shown=shown, n=n))
    else:
        st.caption(tr("records.count", n=f"{records.total:,}"))
    download_buttons(
        lambda: records.whole(data.fetch),
        file_stem,
        key,
        records.labels,
        records.prepare,
        period,
        communities,
        records.units,
    )


def records_table(
    df: pd.DataFrame | Records,
    file_stem: str,
    key: str,
    labels: Mapping[str, str] | None = None,
    height: int | str = 360,
    prepare: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
    period: tuple[object, object] | None = None,
    communities: Sequence[str] | None = None,
    units: Mapping[str, str] | None = None,
) -> None:
    """The records behind a number, filtered, with headers in the UI language and downloads
    (``period`` and ``communities``, when the table is not of the filters in force, name the
    files: see :func:`_file_parts`; ``units`` as in :func:`show_table`).

    ``prepare`` turns raw rows into rows to show (names in the UI language, rounding); it is
    applied to the rows on screen now and to the whole set only when a download is asked for.
    ``df`` may be a view model's :class:`~governance.viewmodel.Records` (prepared already).
    """
    if isinstance(df, Records):
        _records_view(df, file_stem, key, height, period, communities)
        return
    if df.empty:
        empty_state()
        return
    head = df.head(MAX_SHOWN_ROWS)
    if prepare:
        head = prepare(head)
    show_table(head, f"{key}_table", labels, units=units, height=height)
    if len(df) > MAX_SHOWN_ROWS:
        st.caption(tr("records.count.capped", shown=f"{MAX_SHOWN_ROWS:,}", n=f"{len(df):,}"))
    else:
        st.caption(tr("records.count", n=f"{len(df):,}"))
    download_buttons(df, file_stem, key, labels, prepare, period, communities, units)


def records_scope(labels: Mapping[str, str], key: str) -> bool:
    """The records list's scope, chosen above it: the quarter the tiles show (the default, so
    a drill from a tile or a community's bar lands on the rows behind the number) or the
    whole period (``labels``: drill.QUARTER / drill.PERIOD -> its words). True: the quarter."""
    chosen = st.segmented_control(
        tr("drill.records.scope"),
        list(labels),
        default=drill.QUARTER,
        format_func=lambda s: labels[s],
        required=True,
        key=key,
    )
    return chosen != drill.PERIOD


def records_behind(behind: drill.Behind, key: str) -> bool:
    """:func:`records_scope`, then for the tiles' quarter the line naming it and the ratios
    written out (``behind``: a view model's :class:`governance.drill.Behind`); True: the
    quarter's records are to be shown."""
    in_quarter = records_scope(behind.scopes, key)
    if in_quarter:
        st.caption(behind.caption)
        for line in behind.formulas:
            st.caption(line)
    return in_quarter


def _unusable_text(key: str, u: Unusable) -> str:
    lang = state.lang()
    table = TABLES_BY_NAME[u.table]
    label = table.label_en if lang == "en" else table.label_zh
    reasons = u.reasons(lang)
    more = tr("data.unusable.more", n=f"{u.count:,}") if u.count > len(reasons) else ""
    sep = "; " if lang == "en" else "；"
    # File names and reasons quote the data (values, column names): shown as text.
    return tr(
        key,
        label=plain(label),
        file=plain(u.file),
        reasons=plain(sep.join(reasons), 600),
        more=more,
    )


def data_blocker() -> str | None:
    """The message when a table every page needs is not in force (None when all is well)."""
    bad = data.unusable()
    missing = [name for name, u in bad.items() if u.reasons_zh == (MISSING_ZH,)]
    if any(name in CORE_TABLES for name in missing):  # no data yet: say how to make some
        return str(MissingDataError(db_data_dir(), missing))
    for name in CORE_TABLES:
        if name in bad:
            return _unusable_text("data.core_unusable", bad[name])
    return None


def data_notice(where, name: str) -> None:
    """In ``where`` (above the page): a table this page needs that is not in force, by name,
    file and reason."""
    bad = data.unusable()
    if name in bad:
        where.warning(_unusable_text("data.unusable", bad[name]), icon=":material/report:")
