"""The community profile's view model: one community's key facts, every indicator with its
rank in the town, its trend against the town and the whole table, built once per data,
filters, language and community (``views/profile.py`` draws it).

The community shown is a choice (the one in the URL, else the weakest: :func:`weakest`), and so
is the user's scope (a scoped user's ranks are among the whole town). The model does not read
the filter's communities: :func:`shared` drops them from the cache key, so the profile opened
on the weakest community is the same model as the one a link to that community opens.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from governance import charts, fmt, kpi, palette
from governance.auth.scope import Scope
from governance.filters import Filters
from governance.i18n import t
from governance.indicators import INDICATORS, INDICATORS_BY_ID, PLATFORMS, Indicator, Selected
from governance.kpi import Kpi
from governance.text import plain
from governance.viewmodel import Run, Table, community_ids, community_names, table
from governance.viewmodels.overview import own_places, population


def sections() -> tuple[str, ...]:
    """The profile's sections: the outcomes, then each platform of the registry, read at each
    call (a platform registered after import has its section)."""
    return ("outcomes", *PLATFORMS)


# The trend and the table cover every scored indicator but the outcomes' details (read from
# the registry at use: a platform registered later is among them).
TABLE_IDS: Mapping[str, Indicator] = Selected(
    lambda i: i.scored and i.platform != "outcomes_detail"
)

# The whole town's user on a community and on the village, and a user scoped to C01.
EXAMPLE_CHOICES: tuple[tuple, ...] = (("C01", None), ("V01", None), ("C01", ("C01",)))


@dataclass(frozen=True)
class Section:
    """One platform (or the outcomes): its tiles, each with its rank in words."""

    platform: str
    heading: str
    tiles: tuple[Kpi, ...]
    ranks: tuple[str, ...]
    link: str | None  # the platform page's link label (None: the outcomes have no page)


@dataclass(frozen=True, eq=False)
class ProfileView:
    community: str
    name: str  # as in the data, for a chart's legend
    title: str  # shown as text: the name is the data's
    opened_on_worst: str
    facts: tuple[tuple[str, str], ...]  # (label, value) of the six key-facts tiles
    empty: bool  # no indicator value for this community: the page shows its empty state
    sections: tuple[Section, ...]
    trend_labels: dict[str, str]  # indicator id -> label, the trend's choices in order
    table: Table
    download: pd.DataFrame  # the table as a download takes it (headers in the language)


def shared(f: Filters) -> Filters:
    """``f`` as :func:`build` reads it (the community is a choice, not the filter's)."""
    return dataclasses.replace(f, communities=())


def weakest(run: Run, f: Filters, lang: str) -> str | None:
    """The community the page opens on without a single one chosen: the last in the overall
    ranking among those in view (the one needing attention most), else the first; None when
    the user may see no community."""
    ids = community_ids(run)
    parts = run("indicator_parts_by_community_quarter", None)
    targets = run("targets_all", None)
    worst = kpi.weakest_community(parts, f.period_to, targets, f.community_ids(ids))
    return worst or (ids[0] if ids else None)


def _rank_lookup(
    run: Run, parts: pd.DataFrame, quarter: date, community: str, own: Scope
) -> dict[str, tuple[int, int]]:
    """Indicator id -> (rank, n) of ``community`` at ``quarter``; for a scoped user (``own``)
    among the whole town, which only the query layer reads (overview.own_places)."""
    if own is not None:
        ranks = own_places(run, quarter, own)[1]
    else:  # counts per 1,000 residents (overview.population)
        ranks = kpi.indicator_ranks(parts, quarter, population(run))
    mine = ranks[ranks["community_id"] == community]
    return {
        i: (int(r), int(n))
        for i, r, n in zip(mine["indicator_id"], mine["rank"], mine["n"], strict=True)
    }


def _facts(row: pd.Series, lang: str) -> tuple[tuple[str, str], ...]:
    company = row["company_en" if lang == "en" else "company_zh"]
    kind = {"社区": t("cat.community", lang), "村": t("cat.village", lang)}.get(
        row["kind"], row["kind"]
    )
    zh = lang == "zh"
    return (
        (t("common.kind", lang), kind),
        (t("common.population", lang), fmt.count(row["population"], lang, "人" if zh else "")),
        (t("profile.households", lang), fmt.count(row["households"], lang, "户" if zh else "")),
        (
            t("profile.area", lang),
            fmt.count(row["resettlement_area_m2"], lang, "㎡" if zh else " m²"),
        ),
        (
            t("cat.property_company", lang),
            company if isinstance(company, str) else t("profile.none", lang),
        ),
        (t("profile.move_in", lang), str(row["move_in_year"])),
    )


def build(
    run: Run, f: Filters, lang: str, community: str | None, own: Scope = None
) -> ProfileView | None:
    """``community``'s profile at the period of ``f`` in ``lang`` for a user whose scope is
    ``own`` (None: the whole town; a scoped user reads their ranks among the whole town and no
    town figure beside their own). None when the user may not see the community (or there is
    none)."""
    communities = run("communities_list", None).set_index("community_id")
    if community is None or community not in communities.index:
        return None
    ids = communities.index.tolist()
    parts = run("indicator_parts_by_community_quarter", None)
    targets = run("targets_all", None)
    scoped = own is not None
    name = community_names(run, lang)[community]
    values = kpi.aggregate(parts, [community])
    town = kpi.aggregate(parts, ids)
    ranks = _rank_lookup(run, parts, f.period_to, community, own)

    def rank_text(indicator_id: str) -> str:
        count = INDICATORS_BY_ID[indicator_id].unit == "count"
        if indicator_id not in ranks:
            # a total (信访总量 6件) grows with the community's size: it is ranked per 1,000
            # residents, so a community without a population is not ranked, and says why
            return t("profile.rank.count" if count else "common.rank_none", lang)
        rank, n = ranks[indicator_id]
        text = t("auth.rank_own" if scoped else "profile.rank", lang, rank=rank, n=n)
        return t("profile.rank.per1000", lang, rank=text) if count else text

    def own_kpi(indicator_id: str) -> Kpi:
        target = kpi.target_for(targets, indicator_id, community)
        return kpi.kpi(values, indicator_id, f.period_from, f.period_to, f.basis, target)

    built = []
    for platform in sections():
        inds = [i.id for i in INDICATORS if i.platform == platform]
        heading = t(f"platform.{platform}", lang)
        built.append(
            Section(
                platform=platform,
                heading=heading,
                tiles=tuple(own_kpi(i) for i in inds),
                ranks=tuple(rank_text(i) for i in inds),
                link=None
                if platform == "outcomes"
                else t("profile.open_platform", lang, name=heading),
            )
        )

    rows = []
    for indicator_id in TABLE_IDS:
        ind = INDICATORS_BY_ID[indicator_id]
        k = own_kpi(indicator_id)
        whole = kpi.kpi(town, indicator_id, f.period_from, f.period_to, f.basis, None)
        rows.append(
            {
                t("col.platform", lang): t(f"platform.{ind.platform}", lang),
                t("col.indicator", lang): ind.label(lang),
                t("col.value", lang): fmt.value(ind, k.value, lang),
                t("common.town", lang): fmt.value(ind, whole.value, lang),
                t("col.target", lang): fmt.value(ind, k.target, lang),
                # √ 达标; on a small sample no light, its counts: 样本少（3/6）
                t("col.light", lang): t("sample.status", lang, counts=k.counts_text())
                if k.small
                else palette.label(k.value, k.light, lang),
                t("profile.col.rank", lang): rank_text(indicator_id),
            }
        )
    download = pd.DataFrame(rows)
    if scoped:  # a scoped user sees their rank among the town, but no town figure
        download = download.drop(columns=[t("common.town", lang)])

    return ProfileView(
        community=community,
        name=name,
        title=t("profile.title", lang, name=plain(name)),
        opened_on_worst=t("profile.opened_on_worst", lang, name=plain(name)),
        facts=_facts(communities.loc[community], lang),
        empty=values.empty,
        sections=tuple(built),
        trend_labels={i: INDICATORS_BY_ID[i].label(lang) for i in TABLE_IDS},
        table=table(download, lang),
        download=download,
    )


def _series(frame: pd.DataFrame, indicator_id: str) -> Mapping[date, float]:
    rows = frame[frame["indicator_id"] == indicator_id]
    return {pd.Timestamp(q).date(): v for q, v in zip(rows["quarter"], rows["value"], strict=True)}


def trend(
    run: Run, f: Filters, lang: str, community: str, indicator_id: str, scoped: bool
) -> go.Figure | None:
    """``community`` against the whole town (``scoped``: alone) on one indicator over the
    period of ``f``; None when neither has a value in the period."""
    if indicator_id not in INDICATORS_BY_ID:
        return None
    ids = community_ids(run)
    if community not in ids:
        return None
    parts = run("indicator_parts_by_community_quarter", None)
    targets = run("targets_all", None)
    mine = _series(kpi.aggregate(parts, [community]), indicator_id)
    everyone = _series(kpi.aggregate(parts, ids), indicator_id)
    quarters = [q for q in sorted(set(mine) | set(everyone)) if f.period_from <= q <= f.period_to]
    if not quarters:
        return None
    name = community_names(run, lang)[community]
    series = {name: [mine.get(q) for q in quarters]}
    if not scoped:
        series[t("common.town", lang)] = [everyone.get(q) for q in quarters]
    return charts.trend(
        quarters,
        series,
        t("profile.trend", lang, indicator=INDICATORS_BY_ID[indicator_id].label(lang)),
        target=kpi.target_for(targets, indicator_id, community),
        target_label=t("col.target", lang),
        indicators=(indicator_id,),
        communities=(community,),
    )
