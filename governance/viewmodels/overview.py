"""The overview's view model: the town in numbers, the weakest platform in words, the outcome
tiles, the four scorecards and the community x platform ranking with its traffic lights, built
once per data, filters, language and scope (``views/overview.py`` draws it).

A scoped user sees their own place among the whole town (第3名/共7个): :func:`town_ranks`
ranks every community but returns only the scope's rows, so no other community's row ever
reaches a model (or a download) a scoped user gets.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from governance import changes, fmt, kpi, palette, periods, sample, tiles
from governance.auth.scope import Scope, own_ranks
from governance.briefing import content as readings
from governance.filters import Filters
from governance.i18n import t
from governance.indicators import HEADLINE, INDICATORS, OUTCOME_IDS, PLATFORMS
from governance.kpi import Kpi
from governance.text import plain
from governance.viewmodel import Run, Table, community_ids, community_names, table

KIND_KEYS = {"社区": "cat.community", "村": "cat.village"}

# One example per kind of user, for the purity test: the whole town, and one scoped to C01.
EXAMPLE_CHOICES: tuple[tuple, ...] = ((None,), (("C01",),))


@dataclass(frozen=True)
class Scorecard:
    platform: str
    title: str
    motto: str
    tiles: tuple[Kpi, ...]  # the headline first, then the platform's other indicators
    link: str  # the label of the link to the platform's page


@dataclass(frozen=True, eq=False)
class Ranking:
    """The ranking on screen: ``frame`` (a hidden ``community_id`` first, for the row click),
    each cell's light in ``lights`` (same shape), ``table`` the frame for the screen with the
    platform cells as coloured labels (``pills``: their colours), and ``export``, the same as
    numbers for the downloads."""

    frame: pd.DataFrame
    table: Table
    lights: pd.DataFrame
    pills: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]  # column -> (labels, colours)
    export: pd.DataFrame


@dataclass(frozen=True, eq=False)
class ChangesView:
    """本期变化 on screen (governance/changes.py): the declines as a table (``frame``, its
    status cells coloured labels: ``table`` and ``pills``), and the sentences under it (how
    many, the biggest gains, those on few cases left out, the rule of the order)."""

    title: str
    frame: pd.DataFrame
    table: Table
    pills: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]
    sentences: tuple[str, ...]


def changes_view(run: Run, f: Filters, ids: Sequence[str], lang: str) -> ChangesView:
    """本期变化 for the filters in force: every KPI the deck shows (outcomes and the platform
    pages'), the same list and order as the deck's slide, all declines listed."""
    scope = f.community_ids(ids)
    frames = readings.load_frames(run, f.params(list(ids)))
    got = changes.order(readings.change_kpis(frames, f, scope))
    deck_table = readings.changes_table(got, f.basis, lang)
    frame = pd.DataFrame(list(deck_table.rows), columns=list(deck_table.columns))
    status = t("col.light", lang)
    lights = pd.DataFrame(index=frame.index, columns=frame.columns, dtype="object")
    lights[status] = [row[-1] for row in deck_table.lights]
    shown, pills = light_pills(frame, lights, [status] if len(frame) else [])
    basis = changes.movement_basis(f.basis)
    return ChangesView(
        title=t(
            "changes.subtitle",
            lang,
            quarter=periods.display(f.period_to, lang),
            vs=t(f"change.vs.{basis}", lang),
        ),
        frame=frame,
        table=table(shown, lang),
        pills=pills,
        sentences=readings.changes_sentences(got, f.basis, lang),
    )


def what_changed(run: Run, f: Filters, lang: str) -> ChangesView:
    """本期变化 on its own: the page builds it only when its section is open (it reads every
    platform's frames, the rest of the overview does not)."""
    return changes_view(run, f, community_ids(run), lang)


@dataclass(frozen=True)
class OverviewView:
    facts: str  # the town (or the scope) in numbers, one line
    answer: str  # the weakest platform and the communities needing attention, as plain text
    # 三降: each tile, its value when it shows two counts, the line under it (tiles.counted_twice)
    down: tuple[tuple[Kpi, str | None, str], ...]
    up: tuple[Kpi, ...]  # 四升
    scorecards: tuple[Scorecard, ...]
    ranking_help: str
    scoped_note: str | None  # for a scoped user: whose rows the ranking holds
    ranking: Ranking
    profile_link: str | None  # one community chosen: the label of the link to its profile
    weakest: str | None = None  # the weakest platform (一张图 opens on its headline)


def population(run: Run) -> dict[str, object]:
    """Community id -> residents (the communities table's population), for ranking counts
    per 1,000 residents (kpi.indicator_ranks)."""
    rows = run("communities_list", None)
    return dict(zip(rows["community_id"], rows["population"], strict=True))


def town_ranks(town: Run, quarter: date, own: Scope) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The community x platform ranking (``kpi.ranking``) and every indicator's ranks
    (``kpi.indicator_ranks``) computed over the whole town at ``quarter`` (``town`` runs the
    queries without a scope), returned for the ``own`` communities only, each with ``n`` (how
    many were ranked): their place, as 第3名/共7个, and never another community's row."""
    town_run = town
    parts = town("indicator_parts_by_community_quarter", None)
    targets = town("targets_all", None)
    everyone = community_ids(town)
    town = kpi.ranking(parts, quarter, targets, everyone)
    for platform in PLATFORMS:  # how many were ranked on each platform: 第4名/共7个
        town[f"{platform}_n"] = int(town[f"{platform}_rank"].notna().sum())
    ranked = own_ranks(town, own, "overall_rank")
    per_indicator = kpi.indicator_ranks(parts, quarter, population(town_run))
    if own is not None:
        per_indicator = per_indicator[per_indicator["community_id"].isin(own)]
    return ranked, per_indicator.reset_index(drop=True)


def own_places(run: Run, quarter: date, own: Scope) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`town_ranks` for the ``own`` communities. In the app ``run.town_ranks`` computes
    them (ui/data.view: the town's rows are read and ranked there, and never reach a builder);
    outside the app no scope is applied to ``run``, so it is the whole town already."""
    ranks = getattr(run, "town_ranks", None)
    return ranks(quarter) if ranks is not None else town_ranks(run, quarter, own)


def _overall_rank(ranked: pd.DataFrame, lang: str) -> pd.Series:
    """The overall rank as a number, or for a scoped user's own rows (``n`` present: ranked
    among the whole town) as 第3名/共7个."""
    if "n" not in ranked.columns:
        return ranked["overall_rank"].astype("Int64")
    return pd.Series(
        [
            t("auth.rank_own", lang, rank=int(r), n=int(n))
            if pd.notna(r)
            else t("common.rank_none", lang)
            for r, n in zip(ranked["overall_rank"], ranked["n"], strict=True)
        ],
        index=ranked.index,
    )


def _column(ranked: pd.DataFrame, column: str) -> pd.Series:
    """A column of the ranking, or missing values (a ranking from before the small-sample
    columns: nothing counted, nothing small)."""
    if column in ranked.columns:
        return ranked[column]
    return pd.Series([None] * len(ranked), index=ranked.index, dtype="object")


def _kind(kind: str, lang: str) -> str:
    return t(KIND_KEYS[kind], lang) if kind in KIND_KEYS else kind


def _names_and_kinds(
    ids: pd.Series, communities: pd.DataFrame, names: Mapping[str, str], lang: str
) -> dict[str, list[str]]:
    """The ranking's community and kind columns, on screen and in the download alike."""
    kinds = dict(zip(communities["community_id"], communities["kind"], strict=True))
    return {
        t("col.community", lang): [names.get(c, c) for c in ids],
        t("common.kind", lang): [_kind(kinds.get(c, ""), lang) for c in ids],
    }


def ranking_table(
    ranked: pd.DataFrame, communities: pd.DataFrame, names: Mapping[str, str], lang: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The community x platform ranking to show, and the traffic light of each cell.

    Returns the table (value and rank per platform, in words) and a frame of the same shape
    holding each cell's light, for colouring.
    """
    ids = ranked["community_id"]

    def place(rank: float, n: object) -> str:
        """#4 among the rows shown; a scoped user's own row (``n`` known: ranked among the
        whole town) as 第4名/共7个, as their profile says it."""
        if n is None or pd.isna(n):
            return f"#{int(rank)}"
        return t("auth.rank_own", lang, rank=int(rank), n=int(n))

    out = pd.DataFrame(
        {
            "community_id": ids,
            t("ov.ranking.overall", lang): _overall_rank(ranked, lang),
            **_names_and_kinds(ids, communities, names, lang),
        }
    )
    lights = pd.DataFrame(index=out.index, columns=out.columns, dtype="object")
    for platform in PLATFORMS:
        ind = HEADLINE[platform]
        cells, cell_lights = [], []
        counted = ranked.get(f"{platform}_n", pd.Series(None, index=ranked.index))
        for value, light, rank, num, den, cases, n in zip(
            ranked[f"{platform}_value"],
            ranked[f"{platform}_light"],
            ranked[f"{platform}_rank"],
            _column(ranked, f"{platform}_num"),
            _column(ranked, f"{platform}_den"),
            _column(ranked, f"{platform}_cases"),
            counted,
            strict=True,
        ):
            if pd.isna(value):
                cells.append(palette.label(None, None, lang))  # — 无数据
                cell_lights.append(None)
                continue
            if sample.small(cases):  # 50.0% · 样本少（1/2）: no colour, no rank
                cells.append(sample.cell_text(ind, value, num, den, cases, lang))
                cell_lights.append(None)
                continue
            light = light if isinstance(light, str) else None
            status = palette.label(value, light, lang)  # √ 达标: a glyph and a word
            cells.append(f"{fmt.value(ind, value, lang)} · {status} · {place(rank, n)}")
            cell_lights.append(light)
        column = t(f"platform.{platform}", lang)
        out[column] = cells
        lights[column] = cell_lights
    return out.reset_index(drop=True), lights.reset_index(drop=True)


def ranking_export(
    ranked: pd.DataFrame, communities: pd.DataFrame, names: Mapping[str, str], lang: str
) -> pd.DataFrame:
    """The ranking as numbers a spreadsheet can sort and sum: per platform the value, the
    target, the status in words and the rank."""
    out = pd.DataFrame(
        {
            t("ov.ranking.overall", lang): ranked["overall_rank"].astype("Int64"),
            **_names_and_kinds(ranked["community_id"], communities, names, lang),
        }
    )
    for platform in PLATFORMS:
        ind = HEADLINE[platform]
        name = f"{t(f'platform.{platform}', lang)}·{ind.label(lang)}"
        lights = [
            sample.status_text(a, b, n, lang) if sample.small(n) else palette.label(v, x, lang)
            for v, x, a, b, n in zip(
                ranked[f"{platform}_value"],
                ranked[f"{platform}_light"],
                _column(ranked, f"{platform}_num"),
                _column(ranked, f"{platform}_den"),
                _column(ranked, f"{platform}_cases"),
                strict=True,
            )
        ]
        out[name] = ranked[f"{platform}_value"].round(1)
        out[f"{name}·{t('col.target', lang)}"] = ranked[f"{platform}_target"]
        out[f"{name}·{t('col.light', lang)}"] = lights
        out[f"{name}·{t('col.rank', lang)}"] = ranked[f"{platform}_rank"].astype("Int64")
    return out


def light_pills(
    frame: pd.DataFrame, lights: pd.DataFrame, columns: Sequence[str]
) -> tuple[pd.DataFrame, dict[str, tuple[tuple[str, ...], tuple[str, ...]]]]:
    """The ranking for the screen with each cell of ``columns`` a coloured label: the frame
    with those cells as one-item lists, and per column its labels and their colours (the
    tints of governance/palette.py: met, near, missed, grey no light) for a read-only
    multiselect column. Drawn as Arrow data, not through a pandas Styler, whose rendering was
    most of a served rerun."""
    out = frame.copy()
    pills: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for column in columns:
        colour_of: dict[str, str] = {}
        for text, light in zip(frame[column], lights[column], strict=True):
            colour_of.setdefault(text, palette.tint(light))
        out[column] = [[text] for text in frame[column]]
        pills[column] = (tuple(colour_of), tuple(colour_of.values()))
    return out, pills


def _answer(
    headlines: Mapping[str, Kpi],
    ranked: pd.DataFrame,
    scope: Sequence[str],
    names: Mapping[str, str],
    f: Filters,
    lang: str,
    own: Scope = None,
) -> str:
    """The weakest platform in words (whose: the town's, a scoped user's communities, or the
    chosen ones), then the communities needing attention."""
    weakest = readings.weakest_platform(headlines, ranked, scope, f.basis)
    answer = [readings.attention_sentence(ranked, scope, names, lang)]
    why = readings.weakest_platform_why(weakest, headlines, f.basis, lang)
    if why:
        answer.insert(0, why)
    if weakest is not None:
        k = headlines[weakest]
        answer.insert(
            0,
            t(
                "ov.answer.weakest",
                lang,
                scope=readings.scope_word(f, own, lang),
                platform=t(f"platform.{weakest}", lang),
                label=k.indicator.label(lang),
                value=fmt.value(k.indicator, k.value, lang),
                status=readings.kpi_status_in_sentence(k, lang),
            ),
        )
    elif any(headlines[p].small for p in headlines):  # say why none is named
        answer.insert(0, readings.weakest_platform_sentence(None, headlines, ranked, scope, lang))
    return " ".join(plain(line, limit=None) for line in answer)


def build(run: Run, f: Filters, lang: str, own: Scope) -> OverviewView | None:
    """The overview at filters ``f`` in ``lang`` for a user whose scope is ``own`` (None: the
    whole town); None when the communities chosen have no values (the page's empty state).
    ``run`` applies that scope; a scoped user's ranking is their own rows of the town's
    (:func:`own_places`)."""
    parts = run("indicator_parts_by_community_quarter", None)
    targets = run("targets_all", None)
    communities = run("communities_list", None)
    ids = community_ids(run)
    scope = f.community_ids(ids)
    values = kpi.aggregate(parts, scope)
    if values.empty:
        return None
    names = community_names(run, lang)

    def town_kpi(indicator_id: str) -> Kpi:
        target = kpi.target_for_scope(targets, indicator_id, f.communities)
        return kpi.kpi(values, indicator_id, f.period_from, f.period_to, f.basis, target)

    if own is not None:  # their own place among the whole town; nobody else's row
        ranked = own_places(run, f.period_to, own)[0]
    else:
        ranked = kpi.ranking(parts, f.period_to, targets, ids)

    facts = readings.town_facts(communities, lang, own is not None)
    headlines = {p: town_kpi(HEADLINE[p].id) for p in PLATFORMS}

    down_ids, up_ids = OUTCOME_IDS[:3], OUTCOME_IDS[3:]
    persons = kpi.kpi(values, "skip_level_persons", f.period_from, f.period_to, f.basis, None)
    down = []
    for indicator_id in down_ids:
        k = town_kpi(indicator_id)
        shown, note = None, ""
        if indicator_id == "skip_level_batches":  # counted in batches and in person-times
            shown, note = tiles.counted_twice(k, persons, lang)
        down.append((k, shown, note))

    scorecards = []
    for platform in PLATFORMS:
        ordered = [HEADLINE[platform]] + [
            i for i in INDICATORS if i.platform == platform and not i.headline
        ]
        name = t(f"platform.{platform}", lang)
        scorecards.append(
            Scorecard(
                platform=platform,
                title=name,
                motto=t(f"platform.{platform}.motto", lang),
                tiles=tuple(town_kpi(ind.id) for ind in ordered),
                link=t("ov.open_platform", lang, name=name),
            )
        )

    frame, lights = ranking_table(ranked, communities, names, lang)
    platforms = [t(f"platform.{p}", lang) for p in PLATFORMS]
    shown, pills = light_pills(frame, lights, platforms)
    sep = t("sep.list", lang)
    return OverviewView(
        facts=t("ov.facts.scope" if own is not None else "ov.facts.town", lang)
        + " · ".join(f"{tile.label} {tile.value_text}" for tile in facts),
        answer=_answer(headlines, ranked, scope, names, f, lang, own),
        down=tuple(down),
        up=tuple(town_kpi(i) for i in up_ids),
        scorecards=tuple(scorecards),
        ranking_help=t(
            "ov.ranking.help",
            lang,
            quarter=periods.display(f.period_to, lang),
            indicators=sep.join(
                t(f"platform.{p}", lang) + t("sep.label", lang) + HEADLINE[p].label(lang)
                for p in PLATFORMS
            ),
        )
        + (" " if lang == "en" else "")
        + t("sample.ranking.note", lang, n=kpi.FEW_CASES),
        scoped_note=(
            None
            if own is None
            else t("auth.scoped_note", lang, scope=sep.join(plain(names.get(c, c)) for c in own))
        ),
        ranking=Ranking(
            frame=frame,
            table=table(shown, lang),
            lights=lights,
            pills=pills,
            export=ranking_export(ranked, communities, names, lang),
        ),
        profile_link=(
            t("ov.open_profile", lang, name=plain(names.get(f.communities[0], f.communities[0])))
            if len(f.communities) == 1
            else None
        ),
        weakest=readings.weakest_platform(headlines, ranked, scope, f.basis),
    )
