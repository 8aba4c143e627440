"""The briefing's content: every slide's numbers and sentences, from the queries, without Streamlit.

``build_deck(run, filters, lang)`` computes the slides with the same functions the dashboard
pages use (governance/kpi.py and the platform modules), so a number on a slide is the number on
the page for the same filters. ``run(query_name, params)`` is the query runner: the app passes
``ui.data.run`` (cached), the command line ``db_runner(con, db.WHOLE_TOWN)``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

import pandas as pd

from governance import changes, db, fmt, kpi, palette, periods, sample, tableformat, tiles
from governance import events as ev
from governance.auth.scope import Scope, scoped_params
from governance.briefing import duban as follow
from governance.briefing.model import (
    CHANGES,
    FOLLOW_UP,
    MAP,
    OUTCOMES,
    RANKING,
    TITLE,
    Chart,
    Deck,
    Slide,
    Table,
    Tile,
)
from governance.cases import data_as_of, overdue_items  # the 督办 candidates read them too
from governance.filters import BASIS_KEYS, Filters
from governance.geo import townmap
from governance.i18n import categories, t
from governance.indicators import HEADLINE, OUTCOME_IDS, PLATFORM_RECORDS, PLATFORMS, Indicator
from governance.lights import status_key

if TYPE_CHECKING:
    from governance.events import Event
    from governance.viewmodels.duban import Row as DubanRow

Runner = Callable[[str, Mapping[str, object]], pd.DataFrame]
# For a scoped user: every indicator's ranks among the whole town at a quarter, their own rows
# only, each with n (ui/data.town_ranks(quarter)[1]); None outside the app (no scope there).
TownRanks = Callable[[date], pd.DataFrame]
# For a scoped user: the community x platform ranking (kpi.ranking) among the whole town at a
# quarter, their own rows only, each with n, how many were ranked (ui/data.town_ranks(q)[0]).
TownRanking = Callable[[date], pd.DataFrame]

# An item open the handling time or longer is due for follow-up (督办) unless the caller says
# otherwise: the one constant of the SQL base layer (queries/base/base_rules.sql).
DEFAULT_OVERDUE_DAYS = db.handling_days()
# At most this many communities in the 督办 summary and open items per community in its
# details, so the slide fits one screen at any data size (the sentence counts the rest).
FOLLOW_MAX_COMMUNITIES = 8
# Beside the table of open 督办 items the summary is shorter, so both fit the slide.
FOLLOW_MAX_BESIDE_DUBAN = 5
FOLLOW_DETAIL_PER_COMMUNITY = 3
# An overdue item is named by its id (the data holds no description or responsible unit:
# meeting_issues and grid_cases carry only id, community, category and dates); an id longer
# than this is cut, so a stray value cannot widen the tables.
ID_CHARS = 16
FURTHEST_SHOWN = 3
# The ranking slide lists every community up to this many; a bigger town shows the best and
# the weakest half of it each, and says how many are left out.
RANKING_ROWS = 10
# At most this many bars on a platform chart: a bigger town shows its weakest communities.
CHART_MAX_BARS = 15


# ---- small helpers ---------------------------------------------------------------------------


def _label(ind: Indicator, lang: str) -> str:
    return ind.label_en if lang == "en" else ind.label_zh


def category_name(category: str, lang: str) -> str:
    """A case or issue category in ``lang`` (unknown categories shown as they are)."""
    return categories.category(category, lang)


def status_text(value: float | None, light: str | None, lang: str) -> str:
    """A value's standing as its glyph and word (governance/palette.py): "√ 达标", "— 无数据"
    without a value — how a tile, a cell or a file shows it, never by colour alone."""
    return palette.label(value, light, lang)


def status_in_sentence(value: float | None, light: str | None, lang: str) -> str:
    """The status as a sentence's middle reads it, the word alone: "below target", not
    "Below target" (lights.status_key: 无数据 without a value)."""
    text = t(status_key(value, light), lang)
    return text[:1].lower() + text[1:] if lang == "en" else text


def kpi_status(k: kpi.Kpi, lang: str) -> str:
    """A KPI's standing as a tile writes it: its light's glyph and word, or on a small sample
    (governance/sample.py) its counts and 样本少 ("样本少（3/6）") in place of any light."""
    if k.small:
        return t("sample.status", lang, counts=k.counts_text())
    return status_text(k.value, k.light, lang)


def kpi_status_in_sentence(k: kpi.Kpi, lang: str) -> str:
    """:func:`kpi_status` as a sentence's middle reads it (:func:`status_in_sentence`)."""
    if k.small:
        return t("sample.status", lang, counts=k.counts_text())
    return status_in_sentence(k.value, k.light, lang)


def _change(s: tiles.Shown, lang: str) -> str:
    """A shown tile's change on one line: a change on few cases with its counts beside it
    ("-2.22（发案 7 → 6起，样本少）"), where the page's tile puts them on the line under it."""
    if s.change_text is None:
        return s.no_change_text or "—"
    if s.few_counts:
        return t("change.few", lang, change=s.change_text, counts=s.few_counts)
    return s.change_text


def change_text(k: kpi.Kpi, basis: str, lang: str) -> str:
    """The change exactly as the page's tile writes it (governance/tiles.py)."""
    return _change(tiles.shown(k, lang, basis), lang)


def tile(k: kpi.Kpi, lang: str, value_text: str | None = None, basis: str = "qoq") -> Tile:
    """A KPI as a tile: the value, change and tone exactly as the page's (governance/tiles.py)."""
    s = tiles.shown(k, lang, basis, value_text)
    note = (
        t("brief.note.target", lang, target=s.target_text, status=s.status_text)
        if s.target_text
        else s.small_text or ""  # few cases say so, target or not
    )
    return Tile(
        label=s.label,
        value_text=s.value_text,
        change_text=_change(s, lang),
        good=k.good,
        light=k.light,
        tone=s.tone,
        arrow=s.arrow,
        note=note,
        indicator_id=k.indicator.id,
        value=k.value,
        delta=k.delta,
        target=k.target,
        target_text=s.target_text,
        status_text=s.status_text,
    )


def reading(k: kpi.Kpi, basis: str, lang: str) -> str:
    """One line that says what a KPI did: "治安发案率较去年同期下降 0.52（10.0%），向好"."""
    ind = k.indicator
    label = _label(ind, lang)
    if k.delta is None:
        return t("brief.read.none", lang, label=label)
    vs = t(f"change.vs.{basis}", lang)
    if round(k.delta, 6) == 0:
        return t("brief.read.flat", lang, label=label, vs=vs)
    few_counts = tiles.shown(k, lang, basis).few_counts
    if few_counts:
        bare = fmt.change(ind, abs(k.delta), k.basis_value, lang, relative=False)
        amount = t("change.few", lang, change=bare.replace("+", ""), counts=few_counts)
    else:
        amount = fmt.change(ind, abs(k.delta), k.basis_value, lang).replace("+", "")
    if basis == "target":
        key = "brief.read.below" if k.delta < 0 else "brief.read.above"
        text = t(key, lang, label=label, amount=amount)
    else:
        key = "brief.read.down" if k.delta < 0 else "brief.read.up"
        text = t(key, lang, label=label, vs=vs, amount=amount)
    if k.good is True:
        text += t("brief.read.good", lang)
    elif k.good is False:
        text += t("brief.read.bad", lang)
    return text


def period_text(f: Filters, lang: str) -> str:
    start, end = periods.display(f.period_from, lang), periods.display(f.period_to, lang)
    return start if start == end else t("brief.period", lang, start=start, end=end)


def _shown(f: Filters, own: Scope) -> tuple[str, ...]:
    # The communities the deck is about: those chosen, else a scoped user's own (else the town).
    return tuple(f.communities) or tuple(own or ())


def scope_text(f: Filters, names: Mapping[str, str], lang: str, own: Scope = None) -> str:
    """全镇, or the communities named (those chosen, or a scoped user's ``own``)."""
    shown = _shown(f, own)
    if not shown:
        return t("common.town", lang)
    sep = "、" if lang == "zh" else ", "
    return sep.join(names.get(c, c) for c in shown)


def scope_label(f: Filters, names: Mapping[str, str], lang: str, own: Scope = None) -> str:
    """The scope as a file name part, as every table's file says it: 全镇, one community's
    name, or "3个社区"."""
    return tableformat.scope_label([names.get(c, c) for c in _shown(f, own)], lang)


def period_label(f: Filters) -> str:
    """The period as a file name part, as every table's: 2011Q4, or 2010Q1-2011Q4."""
    return tableformat.period_label(periods.to_label(f.period_from), periods.to_label(f.period_to))


def scope_word(f: Filters, own: Scope, lang: str) -> str:
    """Whose the numbers of a sentence are: 全镇, 所辖社区 (a scoped user's), 所选社区中."""
    if f.communities:
        return t("ov.answer.scope.some", lang)
    return t("ov.answer.scope.own" if own is not None else "ov.answer.scope.town", lang)


def file_stem(deck: Deck) -> str:
    """``芦潮港镇四个平台汇报_全镇_2011Q1-2011Q4`` (English when the deck is): title, scope and
    period as every table's file is named, safe on any disk."""
    return tableformat.file_stem(t("brief.file", deck.lang), deck.scope_label, deck.period_label)


# ---- slide 1: title and the town in numbers --------------------------------------------------


def town_facts(communities: pd.DataFrame, lang: str, scoped: bool = False) -> tuple[Tile, ...]:
    """Residents, resettlement housing, communities and villages, and the share of families
    living in resettlement communities (communities with resettlement housing), for the town
    (for a ``scoped`` user, the communities they may see: the note says 所辖社区, and up to
    three are named: 所辖 芦苑社区, not 下辖 1个社区、0个村)."""
    residents = float(communities["population"].fillna(0).sum())
    area = float(communities["resettlement_area_m2"].fillna(0).sum())
    n_communities = int((communities["kind"] == "社区").sum())
    n_villages = int((communities["kind"] == "村").sum())
    households = communities["households"].fillna(0).astype("float64")
    resettled = communities["resettlement_area_m2"].fillna(0) > 0
    in_resettlement = float(households[resettled].sum())
    total = float(households.sum())
    share = in_resettlement / total * 100 if total else None
    en = lang == "en"
    few_own = scoped and 0 < len(communities) <= 3

    def fact(label: str, value_text: str, **rest: Any) -> Tile:
        # a fact of the town: no change, no target
        return Tile(label, value_text, change_text="—", good=None, light=None, **rest)

    return (
        fact(
            label=t("common.population", lang),
            value_text=t("brief.facts.residents.value", lang, n=fmt.count(residents, lang)),
            indicator_id="residents",
            value=residents,
        ),
        fact(
            label=t("brief.facts.area", lang),
            value_text=t("brief.facts.area.value", lang, n=fmt.count(area, lang)),
            indicator_id="resettlement_area_m2",
            value=area,
        ),
        fact(
            label=t("brief.facts.units.own" if few_own else "brief.facts.units", lang),
            value_text=(
                t("sep.list", lang).join(communities["name_en" if en else "name_zh"])
                if few_own  # a secretary's own community by name, not "1个社区、0个村"
                else t(
                    "brief.facts.units.value",
                    lang,
                    c=n_communities,
                    v=n_villages,
                    c_word="community" if n_communities == 1 else "communities",  # English only
                    v_word="village" if n_villages == 1 else "villages",
                )
            ),
            indicator_id="units",
            value=float(n_communities + n_villages),
        ),
        fact(
            label=t("brief.facts.families", lang),
            value_text=fmt.pct(share),
            note=t(
                "brief.facts.families.note.own" if scoped else "brief.facts.families.note",
                lang,
                n=f"{in_resettlement:,.0f}" if en else fmt.count(in_resettlement, lang),
                total=f"{total:,.0f}" if en else fmt.count(total, lang),
            ),
            indicator_id="families_in_resettlement_pct",
            value=share,
        ),
    )


# ---- slide 2: outcomes -----------------------------------------------------------------------


def outcome_kpis(values: pd.DataFrame, targets: pd.DataFrame, f: Filters) -> dict[str, kpi.Kpi]:
    """The seven outcome KPIs and skip-level person-times, as the overview computes them."""
    out = {}
    for indicator_id in OUTCOME_IDS:
        target = kpi.target_for_scope(targets, indicator_id, f.communities)
        out[indicator_id] = kpi.kpi(
            values, indicator_id, f.period_from, f.period_to, f.basis, target
        )
    out["skip_level_persons"] = kpi.kpi(
        values, "skip_level_persons", f.period_from, f.period_to, f.basis, None
    )
    return out


def outcomes_slide(values: pd.DataFrame, targets: pd.DataFrame, f: Filters, lang: str) -> Slide:
    kpis = outcome_kpis(values, targets, f)
    persons = kpis["skip_level_persons"]
    shown_tiles, sentences = [], []
    for indicator_id in OUTCOME_IDS:
        k = kpis[indicator_id]
        shown, people = None, ""
        if indicator_id == "skip_level_batches":  # batches and person-times, as the overview
            shown, people = tiles.counted_twice(k, persons, lang)
        made = tile(k, lang, shown, f.basis)
        if people:  # the person-times under the value, on the note line
            made = replace(made, note=f"{people} · {made.note}" if made.note else people)
        shown_tiles.append(made)
        sentences.append(reading(k, f.basis, lang))
    return Slide(
        key=OUTCOMES,
        title=t("ov.outcomes", lang),
        subtitle=t("brief.outcomes.subtitle", lang, quarter=periods.display(f.period_to, lang)),
        tiles=tuple(shown_tiles),
        sentences=tuple(sentences),
    )


# ---- 本期变化: after the outcomes ----------------------------------------------------------------


def change_kpis(
    frames: Mapping[str, pd.DataFrame], f: Filters, scope: Sequence[str]
) -> list[tuple[str, kpi.Kpi]]:
    """Every KPI the deck shows (the outcomes, then each platform page's), measured against
    the basis of 本期变化 (changes.movement_basis: the previous quarter when the filters
    compare with the target), as (platform, KPI) pairs."""
    g = replace(f, basis=changes.movement_basis(f.basis))
    values = kpi.aggregate(frames["parts"], scope)
    out = [("outcomes", k) for k in outcome_kpis(values, frames["targets"], g).values()]
    for platform in PLATFORMS:
        out.extend((platform, k) for k in platform_kpis(platform, frames, g, scope).values())
    return out


def _platform_name(platform: str, lang: str) -> str:
    return t(f"platform.{platform}", lang)


def changes_table(got: changes.Changes, basis: str, lang: str, rows: int | None = None) -> Table:
    """The declines as a table: indicator, platform, now, then, change, target, status (the
    status cell coloured by its light); at most ``rows`` of them."""
    basis = changes.movement_basis(basis)
    shown = got.worse if rows is None else got.worse[:rows]
    out, lights = [], []
    for c in shown:
        k, ind = c.kpi, c.kpi.indicator
        # a rise listed as worse reads as a slip unless the row says fewer is better
        lower = t("changes.lower_better", lang) if ind.better == "down" else ""
        out.append(
            (
                _label(ind, lang) + lower,
                _platform_name(c.platform, lang),
                fmt.value(ind, k.value, lang),
                fmt.value(ind, k.basis_value, lang),
                change_text(k, basis, lang),
                fmt.value(ind, k.target, lang) if k.target is not None else "—",
                kpi_status(k, lang),
            )
        )
        lights.append((None, None, None, None, None, None, k.light if k.target else None))
    columns = (
        t("col.indicator", lang),
        t("col.platform", lang),
        t("changes.col.now", lang),
        t(f"changes.col.{basis}", lang),
        t("common.change", lang),
        t("col.target", lang),
        t("col.light", lang),
    )
    return Table(
        columns=columns,
        rows=tuple(out),
        lights=tuple(lights),
        title=t("changes.table.title", lang),
    )


def _named(items: Sequence[changes.Change], basis: str, lang: str) -> str:
    sep = "、" if lang == "zh" else "; "
    return sep.join(
        t(
            "changes.item",
            lang,
            label=_label(c.kpi.indicator, lang),
            change=change_text(c.kpi, changes.movement_basis(basis), lang),
        )
        for c in items
    )


def changes_sentences(
    got: changes.Changes, basis: str, lang: str, rows: int | None = None
) -> tuple[str, ...]:
    """What 本期变化 says in words: how many got worse (and those left out of the table),
    the biggest gains, the changes on few cases left out, and the rule of the order."""
    said = []
    if got.worse:
        said.append(t("changes.worse", lang, n=len(got.worse)))
    else:
        said.append(t("changes.worse.none", lang))
    if rows is not None and len(got.worse) > rows:
        said.append(t("changes.more", lang, items=_named(got.worse[rows:], basis, lang)))
    if got.gains:
        said.append(t("changes.gains", lang, items=_named(got.gains, basis, lang)))
    if got.few:
        said.append(t("changes.few", lang, items=_named(got.few, basis, lang)))
    said.append(t("changes.rule", lang))
    return tuple(said)


def changes_slide(
    frames: Mapping[str, pd.DataFrame], f: Filters, scope: Sequence[str], lang: str
) -> Slide:
    """本期变化: the declines (below target and falling first), the biggest gains, and what
    rests on few cases, for the filters in force (governance/changes.py)."""
    got = changes.order(change_kpis(frames, f, scope))
    basis = changes.movement_basis(f.basis)
    return Slide(
        key=CHANGES,
        title=t("changes.title", lang),
        subtitle=t(
            "changes.subtitle",
            lang,
            quarter=periods.display(f.period_to, lang),
            vs=t(f"change.vs.{basis}", lang),
        ),
        tables=(changes_table(got, basis, lang, changes.ROWS),) if got.worse else (),
        sentences=changes_sentences(got, basis, lang, changes.ROWS),
    )


# ---- slides 3-6: one per platform ------------------------------------------------------------


def platform_kpis(
    platform: str,
    frames: Mapping[str, pd.DataFrame],
    f: Filters,
    scope: Sequence[str],
) -> dict[str, kpi.Kpi]:
    """Every KPI of the platform's page (the same call the page makes), keyed by id."""
    own = frames[PLATFORM_RECORDS[platform].parts_query]
    both = pd.concat([frames["parts"], own], ignore_index=True)
    return kpi.page_tiles(platform, both, frames["targets"], scope, f)


def headline_by_community(
    parts: pd.DataFrame, targets: pd.DataFrame, platform: str, quarter: date, scope: Sequence[str]
) -> pd.DataFrame:
    """The platform's headline indicator per community in ``scope`` at ``quarter``, best
    first: community_id, value, target (its own or the town's), own_target (True when it is
    the community's own), light (None on a small sample, governance/sample.py), num, den,
    cases and small."""
    ind = HEADLINE[platform]
    at = kpi.per_community(parts[parts["indicator_id"] == ind.id], quarter, with_cases=True)
    by_id = at.dropna(subset=["value"]).set_index("community_id")
    rows = []
    for c in scope:
        if c not in by_id.index:
            continue
        v = float(by_id.at[c, "value"])
        cases = sample.level_cases(ind, by_id.at[c, "den"], by_id.at[c, "cases"])
        target = kpi.target_for(targets, ind.id, c)
        rows.append(
            {
                "community_id": c,
                "value": v,
                "target": target,
                "own_target": kpi.has_own_target(targets, ind.id, c),
                # the small-sample rule: no colour on a value resting on few cases
                "light": sample.light_for(v, target, ind.better, cases),
                "num": by_id.at[c, "num"],
                "den": by_id.at[c, "den"],
                "cases": cases,
                "small": sample.small(cases),
            }
        )
    columns = ["community_id", "value", "target", "own_target", "light"]
    out = pd.DataFrame(rows, columns=[*columns, "num", "den", "cases", "small"])
    out["small"] = out["small"].astype(bool)
    return out.sort_values(
        ["value", "community_id"], ascending=[ind.better == "down", True], kind="mergesort"
    ).reset_index(drop=True)


def weakest_sentence(
    platform: str,
    bars: pd.DataFrame,
    parts: pd.DataFrame,
    quarter: date,
    scope: Sequence[str],
    names: Mapping[str, str],
    lang: str,
    chart_target: float | None = None,
    own: Scope = None,
    town_ranks: TownRanks | None = None,
) -> str:
    """Where the platform is weakest: the last community on its headline indicator, or — for
    one community — its rank among all communities of the town.

    The sentence says whose target it compares with: the community's own (本社区目标) or the
    town's (全镇目标); when the community's own differs from ``chart_target`` (the town's
    target, drawn as the chart's line), that one is named too, so two targets on one slide
    never read as a contradiction.

    For a scoped user (``own``) ``parts`` hold their communities only: one community's rank
    is among the town through ``town_ranks`` when given, else said to be among their own."""
    ind = HEADLINE[platform]
    label = _label(ind, lang)
    if bars.empty:
        return t("brief.weakest.none", lang, quarter=periods.display(quarter, lang), label=label)
    if len(scope) == 1:
        among_own = own is not None and town_ranks is None
        if own is not None and town_ranks is not None:
            ranks = town_ranks(quarter)
            ranks = ranks[ranks["indicator_id"] == ind.id]
        else:
            ranks = kpi.indicator_ranks(parts[parts["indicator_id"] == ind.id], quarter)
        mine = ranks[ranks["community_id"] == scope[0]]
        few = bars[bars["small"]] if "small" in bars.columns else bars.iloc[0:0]
        if mine.empty and not few.empty:  # on few cases: its value and counts, no rank
            row = few.iloc[0]
            return t(
                "sample.weakest.one",
                lang,
                name=names.get(scope[0], scope[0]),
                label=label,
                value=fmt.value(ind, float(row["value"]), lang),
                counts=sample.counts_text(row["num"], row["den"], row["cases"]),
                n=sample.FEW_CASES,
            )
        if mine.empty:
            return t(
                "brief.weakest.none", lang, quarter=periods.display(quarter, lang), label=label
            )
        c = scope[0]
        return t(
            "brief.weakest.one.own" if among_own else "brief.weakest.one",
            lang,
            name=names.get(c, c),
            label=label,
            value=fmt.value(ind, float(mine["value"].iloc[0]), lang),
            rank=int(mine["rank"].iloc[0]),
            n=int(mine["n"].iloc[0]),
        )
    counted = bars[~bars["small"]] if "small" in bars.columns else bars
    if counted.empty:  # every value rests on few cases: nobody is named
        return t(
            "sample.weakest.all_small",
            lang,
            quarter=periods.display(quarter, lang),
            label=label,
            n=sample.FEW_CASES,
        )
    worst = counted.iloc[-1]
    name = names.get(worst["community_id"], worst["community_id"])
    if "small" in bars.columns:  # which rule named it
        name += t("sample.weakest.rule", lang, n=sample.FEW_CASES)
    value = fmt.value(ind, float(worst["value"]), lang)
    target = kpi.number(worst["target"])
    if target is None:
        return t("brief.weakest.no_target", lang, name=name, label=label, value=value)
    own = bool(worst["own_target"])
    light = worst["light"] if isinstance(worst["light"], str) else None
    status = status_in_sentence(float(worst["value"]), light, lang)
    whose = t(
        "brief.target.own" if own else "brief.target.town",
        lang,
        target=fmt.value(ind, target, lang),
    )
    if own and chart_target is not None and round(chart_target, 6) != round(target, 6):
        town = t("brief.target.town", lang, target=fmt.value(ind, chart_target, lang))
        return t(
            "brief.weakest.two_targets",
            lang,
            name=name,
            label=label,
            value=value,
            target=whose,
            status=status,
            town=town,
        )
    return t(
        "brief.weakest", lang, name=name, label=label, value=value, target=whose, status=status
    )


def _chart_unit(ind: Indicator, lang: str) -> str:
    if ind.unit == "pct":
        return "%"
    if ind.unit == "score":
        return "分" if lang == "zh" else "points"
    if ind.unit == "per1000":
        return "人次/千人" if lang == "zh" else "per 1,000"
    return ""


def platform_chart(
    platform: str,
    bars: pd.DataFrame,
    k: kpi.Kpi,
    f: Filters,
    scope: Sequence[str],
    names: Mapping[str, str],
    lang: str,
    target_owner: str = "town",
) -> Chart:
    """Bars per community on the headline indicator; for one community, its trend instead.
    The target line is labelled by whose target it is (``target_owner``: own or town)."""
    ind = HEADLINE[platform]
    target_label = t(f"brief.chart.target.{target_owner}", lang)
    label = _label(ind, lang)
    unit = _chart_unit(ind, lang)
    if len(scope) == 1:
        quarters = tuple(periods.short(q, lang) for q, _ in k.series)
        values = tuple(v for _, v in k.series)
        return Chart(
            kind="line",
            title=t(
                "brief.chart.line",
                lang,
                label=label,
                start=periods.short(f.period_from, lang),
                end=periods.short(f.period_to, lang),
            ),
            categories=quarters,
            series=((names.get(scope[0], scope[0]), values),),
            unit=unit,
            target=k.target,
            target_label=target_label,
            value_texts=(tuple(fmt.value(ind, v, lang) for v in values),),
        )
    title = t("brief.chart.bars", lang, label=label, quarter=periods.display(f.period_to, lang))
    if len(bars) > CHART_MAX_BARS:
        title += t("brief.chart.weakest", lang, n=CHART_MAX_BARS, total=len(bars))
        bars = bars.tail(CHART_MAX_BARS)
    values = tuple(float(v) for v in bars["value"])
    small = tuple(bars["small"]) if "small" in bars.columns else (False,) * len(bars)
    texts = tuple(
        t("sample.bar", lang, value=fmt.value(ind, v, lang)) if few else fmt.value(ind, v, lang)
        for v, few in zip(values, small, strict=True)
    )
    return Chart(
        kind="bar",
        title=title,
        categories=tuple(names.get(c, c) for c in bars["community_id"]),
        series=((label, values),),
        unit=unit,
        category_ids=tuple(bars["community_id"]),
        lights=tuple(x if isinstance(x, str) else None for x in bars["light"]),
        target=k.target,
        target_label=target_label,
        value_texts=(texts,),
        small=small,
    )


def platform_slide(
    platform: str,
    frames: Mapping[str, pd.DataFrame],
    f: Filters,
    scope: Sequence[str],
    names: Mapping[str, str],
    lang: str,
    own: Scope = None,
    town_ranks: TownRanks | None = None,
) -> tuple[Slide, dict[str, kpi.Kpi]]:
    kpis = platform_kpis(platform, frames, f, scope)
    bars = headline_by_community(frames["parts"], frames["targets"], platform, f.period_to, scope)
    headline = kpis[HEADLINE[platform].id]
    quarter = periods.display(f.period_to, lang)
    owner = kpi.target_owner(frames["targets"], HEADLINE[platform].id, f.communities)
    chart = platform_chart(platform, bars, headline, f, scope, names, lang, owner)
    slide = Slide(
        key=platform,
        title=t("brief.platform.title", lang, name=t(f"platform.{platform}", lang)),
        subtitle=t(
            "brief.platform.subtitle",
            lang,
            motto=t(f"platform.{platform}.motto", lang),
            quarter=quarter,
        ),
        tiles=tuple(
            tile(kpis[i], lang, basis=f.basis) for i in PLATFORM_RECORDS[platform].slide_tiles
        ),
        chart=chart if chart.categories else None,  # nothing to draw: the sentence says so
        sentences=(
            weakest_sentence(
                platform,
                bars,
                frames["parts"],
                f.period_to,
                scope,
                names,
                lang,
                headline.target,
                own,
                town_ranks,
            ),
        ),
    )
    return slide, kpis


# ---- slide 7: ranking and the weakest platform -----------------------------------------------


def attainment(value: float | None, target: float | None, better: str) -> float | None:
    """How much of its target a value reaches (1.0 = exactly on target; lower is worse)."""
    if value is None or target is None or target == 0:
        return None
    if better == "up":
        return value / target
    return target / value if value > 0 else math.inf


def light_counts(ranked: pd.DataFrame, platform: str, scope: Sequence[str]) -> tuple[int, int]:
    """Communities in ``scope`` at red and at amber on the platform's headline indicator."""
    rows = ranked[ranked["community_id"].isin(list(scope))]
    lights = rows[f"{platform}_light"]
    return int((lights == "red").sum()), int((lights == "amber").sum())


def _below(k: kpi.Kpi) -> bool:
    """The headline misses its target (amber or red)."""
    return k.value is not None and k.light in ("amber", "red")


def falling(k: kpi.Kpi, basis: str) -> bool:
    """The KPI moved against its direction since the basis quarter (not against the target:
    that is no movement), on enough cases to say so (governance/sample.py)."""
    if basis == "target" or k.delta is None or k.good is not False:
        return False
    return not (bool(getattr(k, "few_cases", False)) or fmt.is_flat(k.indicator, k.delta))


def weakest_platform(
    headlines: Mapping[str, kpi.Kpi],
    ranked: pd.DataFrame,
    scope: Sequence[str],
    basis: str = "qoq",
) -> str | None:
    """The platform to name as the weakest, weighing direction first:

    1. below target (amber or red) and falling since the basis quarter (:func:`falling`);
    2. below target and not falling (rising, flat, or no change to compare);
    3. on target;

    within a tier the lowest attainment of its headline indicator for the communities in
    view, then more communities at red, more at amber, the platform order. So a platform
    just short of its target and falling (区域大党建 84.2% of 85%, −6.7 pp) comes before one
    further short but rising (长效管理 59.3% of 60%, +4.2 pp). With the target as the basis
    there is no movement and only attainment counts. Platforms without a target: the one
    with most communities at red. A platform with no value (无数据) or whose value rests on
    few cases (governance/sample.py) is never the weakest.
    None when no platform has a target or a red light."""
    scored = []
    for order, platform in enumerate(PLATFORMS):
        k = headlines[platform]
        if k.value is None or k.small:
            continue
        reached = attainment(k.value, k.target, k.indicator.better)
        red, amber = light_counts(ranked, platform, scope)
        tier = (0 if falling(k, basis) else 1) if _below(k) else 2
        scored.append((reached, red, amber, order, platform, tier))
    with_target = [s for s in scored if s[0] is not None]
    if with_target:
        return min(with_target, key=lambda s: (s[5], s[0], -s[1], -s[2], s[3]))[4]
    reds = [s for s in scored if s[1] > 0]
    if reds:
        return max(reds, key=lambda s: (s[1], s[2], -s[3]))[4]
    return None


def weakest_platform_why(
    platform: str | None, headlines: Mapping[str, kpi.Kpi], basis: str, lang: str
) -> str:
    """Why the weakest platform was chosen, when direction weighed in: each platform below
    its target and how it moved, the chosen one first ("选择理由：区域大党建低于目标且较上季度
    下降6.7个百分点；长效管理低于目标但在好转。"). Empty unless the chosen one is below target
    and falling (else attainment alone decided, as the sentence already says)."""
    if platform is None or not (
        _below(headlines[platform]) and falling(headlines[platform], basis)
    ):
        return ""
    order = [platform, *(p for p in PLATFORMS if p != platform)]
    items = []
    for p in order:
        k = headlines[p]
        if not _below(k):
            continue
        name = t(f"platform.{p}", lang)
        if falling(k, basis):
            amount = fmt.change(k.indicator, abs(k.delta or 0.0), None, lang, relative=False)
            moved = t(
                "changes.moved.down" if (k.delta or 0) < 0 else "changes.moved.up",
                lang,
                amount=amount.replace("+", ""),
            )
            vs = t(f"change.vs.{basis}", lang)
            items.append(t("changes.why.falling", lang, platform=name, vs=vs, moved=moved))
        elif k.good is True and not getattr(k, "few_cases", False):
            items.append(t("changes.why.better", lang, platform=name))
        else:
            items.append(t("changes.why.still", lang, platform=name))
    return t("changes.why", lang, items=t("sep.items", lang).join(items))


def weakest_platform_sentence(
    platform: str | None,
    headlines: Mapping[str, kpi.Kpi],
    ranked: pd.DataFrame,
    scope: Sequence[str],
    lang: str,
    whose: str | None = None,
) -> str:
    """The weakest platform in words; ``whose`` says whose numbers they are (全镇, 所辖社区,
    所选社区中: :func:`scope_word`; default the town's)."""
    if platform is None:
        small = [p for p in PLATFORMS if headlines[p].small]
        if not small:
            return t("brief.weakest_platform.none", lang)
        items = [
            t(
                "sample.weakest_platform.item",
                lang,
                platform=t(f"platform.{p}", lang),
                counts=headlines[p].counts_text(),
            )
            for p in small
        ]
        return t(
            "sample.weakest_platform.small",
            lang,
            items=("、" if lang == "zh" else ", ").join(items),
            n=sample.FEW_CASES,
        )
    whose = whose or t("ov.answer.scope.town", lang)
    k = headlines[platform]
    red, amber = light_counts(ranked, platform, scope)
    name = t(f"platform.{platform}", lang)
    if k.target is None or k.value is None:
        return t(
            "brief.weakest_platform.reds", lang, scope=whose, platform=name, red=red, amber=amber
        )
    rows = ranked[ranked["community_id"].isin(list(scope))]
    # every community's value on few cases has no light: "0 below, 0 near" would read as none
    # below target, when none was judged
    unlit = bool(len(rows)) and bool(rows[f"{platform}_small"].all())
    return t(
        "brief.weakest_platform.unlit" if unlit else "brief.weakest_platform",
        lang,
        n=sample.FEW_CASES,
        scope=whose,
        platform=name,
        label=_label(k.indicator, lang),
        value=fmt.value(k.indicator, k.value, lang),
        target=fmt.value(k.indicator, k.target, lang),
        status=kpi_status_in_sentence(k, lang),
        red=red,
        amber=amber,
    )


ATTENTION_MOST = 3  # communities named as needing attention, ties with the last added


def attention_sentence(
    ranked: pd.DataFrame, scope: Sequence[str], names: Mapping[str, str], lang: str
) -> str:
    """The communities with the most platforms below target: three, and every one tied with
    the third (leaving one of three alike out, by its id, named no reason)."""
    rows = ranked[ranked["community_id"].isin(list(scope))]
    reds = (rows[[f"{p}_light" for p in PLATFORMS]] == "red").sum(axis=1)
    counted = sorted(
        ((int(n), c) for n, c in zip(reds, rows["community_id"], strict=True) if n > 0),
        key=lambda x: (-x[0], x[1]),
    )
    if len(counted) > ATTENTION_MOST:
        counted = [x for x in counted if x[0] >= counted[ATTENTION_MOST - 1][0]]
    if not counted:
        return t("brief.attention.none", lang)
    sep = "、" if lang == "zh" else "; "
    items = sep.join(t("brief.attention.item", lang, name=names.get(c, c), n=n) for n, c in counted)
    return t("brief.attention", lang, names=items)


def ranking_table(
    ranked: pd.DataFrame, communities: pd.DataFrame, names: Mapping[str, str], lang: str
) -> Table:
    """The overview's ranking: overall rank, community, kind, and per platform the headline
    value, its status in words and its rank, coloured by the light. A scoped user's own rows
    ranked among the whole town (``n`` present: how many were ranked) read 第3名/共7个."""
    kinds = dict(zip(communities["community_id"], communities["kind"], strict=True))
    kind_key = {"社区": "cat.community", "村": "cat.village"}
    rows, lights = [], []
    for _, r in ranked.iterrows():
        overall = kpi.number(r["overall_rank"])
        kind = kinds.get(r["community_id"], "")
        if overall is None:
            overall_text = "—"
        elif "n" in ranked.columns:
            overall_text = t("auth.rank_own", lang, rank=int(overall), n=int(r["n"]))
        else:
            overall_text = str(int(overall))
        row = [
            overall_text,
            names.get(r["community_id"], r["community_id"]),
            t(kind_key[kind], lang) if kind in kind_key else str(kind),
        ]
        row_lights: list[str | None] = [None, None, None]
        for platform in PLATFORMS:
            value = kpi.number(r[f"{platform}_value"])
            light = r[f"{platform}_light"] if isinstance(r[f"{platform}_light"], str) else None
            if value is None:
                row.append(status_text(None, None, lang))  # — 无数据, as the page's cell
                row_lights.append(None)
                continue
            ind = HEADLINE[platform]
            cases = r.get(f"{platform}_cases")
            if sample.small(cases):  # 50.0% · 样本少（1/2）: no colour, no rank
                num, den = r.get(f"{platform}_num"), r.get(f"{platform}_den")
                row.append(sample.cell_text(ind, value, num, den, cases, lang))
                row_lights.append(None)
                continue
            rank = int(r[f"{platform}_rank"])
            status = status_text(value, light, lang)
            row.append(f"{fmt.value(ind, value, lang)} · {status} · #{rank}")
            row_lights.append(light)
        rows.append(tuple(row))
        lights.append(tuple(row_lights))
    columns = (
        t("ov.ranking.overall", lang),
        t("col.community", lang),
        t("common.kind", lang),
        *(t(f"platform.{p}", lang) for p in PLATFORMS),
    )
    return Table(columns=columns, rows=tuple(rows), lights=tuple(lights))


def ranking_slide(
    frames: Mapping[str, pd.DataFrame],
    headlines: Mapping[str, kpi.Kpi],
    f: Filters,
    ids: Sequence[str],
    scope: Sequence[str],
    names: Mapping[str, str],
    lang: str,
    own: Scope = None,
    town_ranking: TownRanking | None = None,
) -> Slide:
    """The ranking table, the weakest platform and the communities needing attention. For a
    scoped user (``own``; ``frames`` hold their communities only) the table's places are
    among the whole town when ``town_ranking`` gives them (their rows only: no other
    community's row ever reaches the deck), else said to be among their own."""
    ranked = kpi.ranking(frames["parts"], f.period_to, frames["targets"], ids)
    weakest = weakest_platform(headlines, ranked, scope, f.basis)
    why = weakest_platform_why(weakest, headlines, f.basis, lang)
    shown = ranked
    notes: tuple[str, ...] = ()
    if own is not None:
        if town_ranking is not None:
            places = town_ranking(f.period_to)
            shown = places[places["community_id"].isin(own)].reset_index(drop=True)
            n = int(shown["n"].iloc[0]) if not shown.empty else len(ranked)
            notes = (t("brief.ranking.places.town", lang, n=n),)
        else:
            notes = (
                t("brief.ranking.places.own", lang, n=int(ranked["overall_rank"].notna().sum())),
            )
    small = [c for c in shown.columns if c.endswith("_small")]
    if small and shown[small].to_numpy().any():  # the rule that left cells unranked
        notes = (*notes, t("sample.ranking.note", lang, n=sample.FEW_CASES))
    if len(shown) > RANKING_ROWS:
        # the best and the weakest of those with an overall rank (unranked ones sort last)
        half = RANKING_ROWS // 2
        with_rank = shown[shown["overall_rank"].notna()]
        total = len(shown)
        shown = pd.concat([with_rank.head(half), with_rank.tail(half)], ignore_index=True)
        notes = (*notes, t("brief.ranking.cut", lang, n=half, total=total))
    return Slide(
        key=RANKING,
        title=t("brief.ranking.title", lang),
        subtitle=t("brief.ranking.subtitle", lang, quarter=periods.display(f.period_to, lang)),
        tables=(ranking_table(shown, frames["communities"], names, lang),),
        sentences=(
            ("" if lang == "zh" else " ").join(  # two sentences run together
                x
                for x in (
                    weakest_platform_sentence(
                        weakest, headlines, ranked, scope, lang, scope_word(f, own, lang)
                    ),
                    why,
                )
                if x
            ),
            attention_sentence(ranked, scope, names, lang),
            *notes,
        ),
    )


# ---- 一张图: after the ranking, when the communities have shapes ---------------------------------


def map_slide(
    run: Runner,
    frames: Mapping[str, pd.DataFrame],
    headlines: Mapping[str, kpi.Kpi],
    f: Filters,
    ids: Sequence[str],
    scope: Sequence[str],
    lang: str,
) -> Slide | None:
    """The town map coloured by the weakest platform's headline indicator (the one the
    ranking slide names) — or, when every community's value of it rests on few cases (all
    grey under the small-sample rule), the first platform's that colours a community —, who
    is at which status in words, and the 示意图 caveat as its footnote; None when no
    community the reader sees has a shape."""
    shapes = run("community_shapes", {})
    if shapes.empty:
        return None
    ranked = kpi.ranking(frames["parts"], f.period_to, frames["targets"], ids)
    weakest = weakest_platform(headlines, ranked, scope, f.basis)
    seen = ranked[ranked["community_id"].isin(list(scope))]

    def colours(platform: str) -> bool:
        return bool((seen[f"{platform}_value"].notna() & ~seen[f"{platform}_small"]).any())

    order = [p for p in (weakest, *PLATFORMS) if p is not None]
    platform = next((p for p in order if colours(p)), weakest)
    indicator_id = townmap.default_indicator(None, platform)
    m = townmap.build(
        shapes,
        frames["communities"],
        frames["parts"],
        frames["targets"],
        indicator_id,
        f.period_to,
        lang,
        f.communities,
    )
    if m is None:
        return None
    return Slide(
        key=MAP,
        title=t("map.slide.title.schematic" if m.schematic else "map.header", lang),
        subtitle=t(
            "map.slide.subtitle",
            lang,
            label=townmap.indicator_label(indicator_id, lang),
            quarter=periods.display(f.period_to, lang),
        ),
        sentences=townmap.sentences(m.areas, m.missing, lang, townmap.SLIDE_NAMES),
        notes=(m.note,),
        townmap=m,
    )


# ---- slide 8: 督办 ---------------------------------------------------------------------------


def plain_id(value: object, most: int = ID_CHARS) -> str:
    """An item's id as the files show it: text (each renderer escapes it), one line, cut to
    ``most`` characters with an ellipsis (an id typed into a spreadsheet may be anything)."""
    text = " ".join(str(value).split())
    return text if len(text) <= most else text[: most - 1] + "…"


def follow_up_tables(
    items: pd.DataFrame,
    names: Mapping[str, str],
    lang: str,
    most: int = FOLLOW_MAX_COMMUNITIES,
    assigned: Mapping[tuple[str, str], str] | None = None,
) -> tuple[Table, Table, list[str]]:
    """The summary by community (most items first, at most ``most``), the oldest open items
    of those communities grouped by community, and the ids of the communities left out.
    ``assigned``: (source, id) → the 督办 item's unit and status, for the items assigned."""
    assigned = assigned or {}
    days_text = lambda n: t("brief.follow.days", lang, n=f"{int(n):,}")  # noqa: E731
    summary_rows, detail_rows, order = [], [], []
    if not items.empty:
        counts = (
            items.groupby("community_id")["source"]
            .agg(
                issues=lambda s: int((s == "issue").sum()), cases=lambda s: int((s == "case").sum())
            )
            .reset_index()
        )
        counts["total"] = counts["issues"] + counts["cases"]
        counts = counts.sort_values(["total", "community_id"], ascending=[False, True])
        order = counts["community_id"].tolist()
        for _, r in counts.head(most).iterrows():
            c = r["community_id"]
            mine = items[items["community_id"] == c].sort_values(
                ["days_open", "item_id"], ascending=[False, True]
            )
            oldest = mine.iloc[0]
            summary_rows.append(
                (
                    names.get(c, c),
                    f"{int(r['issues']):,}",
                    f"{int(r['cases']):,}",
                    f"{int(r['total']):,}",
                    t(
                        "brief.follow.oldest",
                        lang,
                        category=category_name(oldest["category"], lang),
                        days=days_text(oldest["days_open"]),
                        id=plain_id(oldest["item_id"]),
                    ),
                )
            )
            for _, item in mine.head(FOLLOW_DETAIL_PER_COMMUNITY).iterrows():
                detail_rows.append(
                    (
                        names.get(c, c),
                        plain_id(item["item_id"]),
                        t(f"brief.source.{item['source']}", lang),
                        category_name(item["category"], lang),
                        pd.Timestamp(item["opened_date"]).date().isoformat(),
                        days_text(item["days_open"]),
                        assigned.get(
                            (str(item["source"]), str(item["item_id"])),
                            t("brief.follow.unassigned", lang),
                        ),
                    )
                )
    col = lambda k: t(f"brief.follow.col.{k}", lang)  # noqa: E731
    summary = Table(
        columns=(
            t("col.community", lang),
            col("issues"),
            t("longterm.records.grid", lang),  # the grid cases, as the long-term page's records
            t("common.total", lang),
            col("oldest"),
        ),
        rows=tuple(summary_rows),
        title=t("brief.follow.by_community", lang),
    )
    details = Table(
        columns=(
            t("col.community", lang),
            col("id"),
            col("source"),
            t("common.category", lang),
            col("opened"),
            col("days"),
            col("duban"),
        ),
        rows=tuple(detail_rows),
        title=t("brief.follow.details", lang),
        group_column=0,
    )
    return summary, details, order[most:]


def furthest_from_target(
    shown: Sequence[tuple[str, kpi.Kpi]], n: int = FURTHEST_SHOWN
) -> list[tuple[str, kpi.Kpi]]:
    """Of the KPIs the deck shows — (platform, KPI), outcomes first, then every KPI of each
    platform page — those short of their target, furthest (by share of the target missed)
    first; each indicator once."""
    missed, seen = [], set()
    for platform, k in shown:
        if k.indicator.id in seen:
            continue
        seen.add(k.indicator.id)
        reached = attainment(k.value, k.target, k.indicator.better)
        if reached is not None and k.light in ("amber", "red"):
            missed.append((reached, k.indicator.id, platform, k))
    ordered = sorted(missed, key=lambda x: (x[0], x[1]))[:n]
    return [(platform, k) for _, _, platform, k in ordered]


def furthest_table(missed: Sequence[tuple[str, kpi.Kpi]], lang: str) -> Table:
    rows, lights = [], []
    for platform, k in missed:
        ind = k.indicator
        gap = None if k.value is None or k.target is None else k.value - k.target
        rows.append(
            (
                _label(ind, lang),
                t(f"platform.{platform}", lang),
                fmt.value(ind, k.value, lang),
                fmt.value(ind, k.target, lang),
                f"{fmt.change(ind, gap, k.target, lang)} · {status_text(k.value, k.light, lang)}",
            )
        )
        lights.append((k.light, None, k.light, None, k.light))
    col = lambda k: t(f"brief.furthest.col.{k}", lang)  # noqa: E731
    return Table(
        columns=(
            t("col.indicator", lang),
            t("col.platform", lang),
            col("value"),
            t("col.target", lang),
            col("gap"),
        ),
        rows=tuple(rows),
        lights=tuple(lights),
        title=t("brief.furthest.title", lang),
    )


def follow_up_slide(
    run: Runner,
    shown: Sequence[tuple[str, kpi.Kpi]],
    as_of: date | None,
    days: int,
    scope: Sequence[str],
    names: Mapping[str, str],
    lang: str,
    duban: Sequence[DubanRow] = (),
    quarter: date | None = None,
) -> Slide:
    """Today's overdue cases by community, the indicators furthest from their target and,
    when ``duban`` (the follow-up items of the deck's scope) has open ones, those items by
    responsible unit (a table keyed DUBAN_TABLE, after the other three) and their sentence
    first. The backlog says what it counts (every year's items still open, since the oldest
    was raised) beside the rates of ``quarter`` (the deck's) it sits next to."""
    items = overdue_items(run, as_of, days, scope)
    open_items = follow.table(duban, lang)
    most = FOLLOW_MAX_BESIDE_DUBAN if open_items is not None else FOLLOW_MAX_COMMUNITIES
    assigned = {
        r.case: plain_id(t("brief.follow.assigned", lang, unit=r.unit, status=r.status_text), 24)
        for r in sorted(duban, key=lambda r: (r.open, r.id))  # the open, latest item wins
        if r.case is not None
    }
    summary, details, left_out = follow_up_tables(items, names, lang, most, assigned)
    as_of_text = as_of.isoformat() if as_of else "—"
    sentences = list(follow.sentences(duban, lang))
    if items.empty:
        sentences.append(t("brief.follow.none", lang, as_of=as_of_text, days=days))
    else:
        per_community = items.groupby("community_id").size()
        top = per_community.sort_values(ascending=False, kind="mergesort")
        top = top[top == top.iloc[0]].sort_index()
        sentences.append(
            t(
                "brief.follow.total",
                lang,
                n=f"{len(items):,}",
                days=days,
                issues=f"{int((items['source'] == 'issue').sum()):,}",
                cases=f"{int((items['source'] == 'case').sum()):,}",
                name=names.get(top.index[0], top.index[0]),
                top=f"{int(top.iloc[0]):,}",
            )
        )
        if left_out:
            rest = int(items["community_id"].isin(left_out).sum())
            sentences.append(t("brief.follow.more", lang, n=len(left_out), items=f"{rest:,}"))
        since = pd.Timestamp(items["opened_date"].min()).date().isoformat()
        sentences.append(
            t(
                "brief.follow.counts",
                lang,
                since=since,
                as_of=as_of_text,
                oldest=f"{int(items['days_open'].max()):,}",
                quarter=periods.short(quarter, lang) if quarter else "—",
            )
        )
    missed = furthest_from_target(shown)
    if missed:
        sep = "；" if lang == "zh" else "; "
        sentences.append(
            t(
                "brief.furthest",
                lang,
                items=sep.join(
                    t(
                        "brief.furthest.item",
                        lang,
                        label=_label(k.indicator, lang),
                        value=fmt.value(k.indicator, k.value, lang),
                        target=fmt.value(k.indicator, k.target, lang),
                    )
                    for _, k in missed
                ),
            )
        )
    else:
        sentences.append(t("brief.furthest.none", lang))
    return Slide(
        key=FOLLOW_UP,
        title=t("brief.follow.title", lang),
        # the 督办 items, when open, are on the slide too: the subtitle names them, as their
        # table may hold items assigned today, not open for the days it counts
        subtitle=t(
            "brief.follow.subtitle" if open_items is None else "brief.follow.subtitle.duban",
            lang,
            as_of=as_of_text,
            days=days,
        ),
        tables=(summary, furthest_table(missed, lang), details)
        + ((open_items,) if open_items is not None else ()),
        sentences=tuple(sentences),
    )


# ---- the deck --------------------------------------------------------------------------------


def load_frames(run: Runner, params: Mapping[str, object]) -> dict[str, pd.DataFrame]:
    """Every query result the slides need, run once each (the pages' own queries)."""
    return {
        "communities": run("communities_list", {}),
        "parts": run("indicator_parts_by_community_quarter", {}),
        "targets": run("targets_all", {}),
        # each platform's own long parts, under the name of its query
        **{p.parts_query: run(p.parts_query, dict(params)) for p in PLATFORM_RECORDS.values()},
    }


def build_deck(
    run: Runner,
    filters: Filters,
    lang: str | None = None,
    overdue_days: int = DEFAULT_OVERDUE_DAYS,
    own: Scope = None,
    town_ranks: TownRanks | None = None,
    town_ranking: TownRanking | None = None,
    events: Sequence[Event] = (),
    since: Slide | None = None,
    duban: Sequence[DubanRow] = (),
) -> Deck:
    """The eight slides for ``filters`` in ``lang`` (default: the filters' language).
    ``since``: the 上次会议以来 slide (governance/viewmodels/meetings.slide), put right after the
    title when there is one.

    Slide keys in order: title, outcomes, party, longterm, culture, selfgov, ranking,
    follow_up; the town map (``map``, 一张图) after the ranking when the communities have
    shapes. ``overdue_days``: an item open that many days or more is on the 督办 slide.
    ``own``: the user's scope (None: the whole town), which ``run`` applies; the captions then
    name their communities, not the town. ``town_ranks``, ``town_ranking``: see
    :data:`TownRanks`, :data:`TownRanking` (their places among the whole town).
    ``events``: the events the reader sees (governance/events.py); each goes as a footnote on
    the outcomes and platform slides it belongs to (:func:`with_notes`).
    ``duban``: the follow-up items (governance/viewmodels/duban.rows) of the reader's scope;
    the 督办 slide lists the open ones by responsible unit. A deck of some communities (a
    scoped reader's, or one filtered to communities) keeps only those communities' items
    whatever it is given; empty: the slide as before.
    """
    lang = lang or filters.lang
    communities = run("communities_list", {})
    ids = communities["community_id"].tolist()
    column = "name_en" if lang == "en" else "name_zh"
    names = dict(zip(communities["community_id"], communities[column], strict=True))
    scope = filters.community_ids(ids)
    params = filters.params(ids)
    frames = load_frames(run, params)
    as_of = data_as_of(run)
    values = kpi.aggregate(frames["parts"], scope)
    period = period_text(filters, lang)
    scope_words = scope_text(filters, names, lang, own)
    as_of_text = t("data.as_of", lang, date=as_of.isoformat() if as_of else "—")
    basis_text = t(f"change.vs.{filters.basis}", lang)
    filters_text = t(
        "brief.filters",
        lang,
        period=period,
        scope=scope_words,
        basis=t(BASIS_KEYS[filters.basis], lang),
        as_of=as_of_text,
    )
    title = Slide(
        key=TITLE,
        title=t("brief.title", lang),
        subtitle=t("brief.subtitle", lang),
        tiles=town_facts(communities, lang, own is not None),
        sentences=(period, scope_words, as_of_text),
    )
    slides = [title, *([since] if since is not None else [])]
    slides.append(outcomes_slide(values, frames["targets"], filters, lang))
    slides.append(changes_slide(frames, filters, scope, lang))
    headlines: dict[str, kpi.Kpi] = {}
    outcomes = outcome_kpis(values, frames["targets"], filters)
    shown = [("outcomes", k) for k in outcomes.values()]
    for platform in PLATFORMS:
        slide, kpis = platform_slide(platform, frames, filters, scope, names, lang, own, town_ranks)
        slides.append(slide)
        headlines[platform] = kpis[HEADLINE[platform].id]
        shown.extend((platform, k) for k in kpis.values())
    slides.append(
        ranking_slide(frames, headlines, filters, ids, scope, names, lang, own, town_ranking)
    )
    town_map = map_slide(run, frames, headlines, filters, ids, scope, lang)
    if town_map is not None:  # 一张图, when the communities have shapes
        slides.append(town_map)
    whole_town = own is None and not filters.communities
    allowed = scope if own is None else [c for c in scope if c in own]
    mine = follow.in_scope(duban, allowed, whole_town)
    slides.append(
        follow_up_slide(
            run, shown, as_of, overdue_days, scope, names, lang, mine, filters.period_to
        )
    )
    slides = [with_notes(s, events, filters, scope, names, lang) for s in slides]
    return Deck(
        title=t("brief.title", lang),
        period_text=period,
        scope_text=scope_words,
        as_of=as_of,
        lang=lang,
        slides=tuple(slides),
        as_of_text=as_of_text,
        basis=filters.basis,
        basis_text=basis_text,
        period_label=period_label(filters),
        scope_label=scope_label(filters, names, lang, own),
        facts_title=t("brief.facts.own" if own is not None else "brief.facts", lang),
        filters_text=filters_text,
        overdue_days=overdue_days,
    )


def with_notes(
    slide: Slide,
    events: Sequence[Event],
    filters: Filters,
    scope: Sequence[str],
    names: Mapping[str, str],
    lang: str,
) -> Slide:
    """``slide`` with the events that belong to it as numbered footnotes (the outcomes and
    platform slides only): of the quarters its numbers are about — a platform's bars of the
    last quarter, that quarter and the one its tiles compare with; a trend, the period."""
    if slide.key not in (OUTCOMES, *PLATFORMS) or not events:
        return slide
    period = (filters.period_from, filters.period_to)
    if slide.key in PLATFORMS and slide.chart is not None and slide.chart.kind == "bar":
        shift = kpi.BASIS_SHIFT.get(filters.basis, 0)  # the target basis compares no quarter
        period = (periods.shift(filters.period_to, shift), filters.period_to)
    mine = ev.slide_events(events, slide.key, period, scope)
    notes = tuple(ev.line(e, n, lang, names) for n, e in enumerate(mine, start=1))
    return replace(slide, notes=notes) if notes else slide


def db_runner(con: object, scope: Scope) -> Runner:
    """A runner over a DuckDB connection for the command line and tests, under ``scope`` as
    the app's runner (ui/data.run) applies a login's: ``$scope`` is ``scope`` and
    ``$communities`` is cut to it. No default: the whole town is ``db.WHOLE_TOWN``, by name."""

    def run(name: str, params: Mapping[str, object] | None = None) -> pd.DataFrame:
        full = scoped_params(db.query_params(name), params or {}, scope)
        return db.run(con, name, full)  # type: ignore[arg-type]

    return run
