"""The what-if page's view model: each lever's tiles, figures and tables under a scenario, and
the comparison of two scenarios, built once per data, filters, language and scenario
(``views/whatif/whatif.py`` draws it; the link and the saved scenarios are its controls.py).

:func:`build` is the whole page under one scenario; the page asks for it in pieces, so that
moving one lever rebuilds only that lever: :func:`inputs` (the targets in force, needed before
the scenario is read from the widgets), :func:`changes`, one builder per lever (:func:`fund_lever`,
:func:`scoring_lever`, :func:`targets_lever`, :func:`collection_lever`, each taking only its
own parameters) and :func:`comparison` (two scenarios side by side). Each fund is computed once
per build (``fund_view.solver``): the tiles and the tables ask for the same baseline and
scenario.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from governance import periods
from governance.auth.scope import Scope
from governance.filters import Filters
from governance.i18n import t
from governance.viewmodel import Run, community_ids, community_names
from governance.whatif import collection, compare, forward, fund_view, scoring, targets
from governance.whatif.display import (
    Tile,
    company_names,
    for_download,
    indicator_label,
    labels,
    own_key,
    quarter_label,
    shown,
)
from governance.whatif.params import FundParams, ScoringParams
from governance.whatif.scenario import Scenario, check_collection, check_target, describe

ASSESSMENTS = "whatif_assessments_by_company_community_quarter"
LAST_FOUR = "whatif_assessments_last_four_quarters"
FEE = "whatif_fee_households_by_community"


@dataclass(frozen=True, eq=False)
class Shown:
    """A computed table: ``screen`` in words under headers in the page's language, and
    ``download`` with its numbers as numbers (quarters as 2011Q4), headed by ``labels``."""

    screen: pd.DataFrame
    download: pd.DataFrame
    labels: dict[str, str]


def _shown(df: pd.DataFrame, lang: str) -> Shown:
    return Shown(shown(df, lang), for_download(df), labels(lang))


@dataclass(frozen=True, eq=False)
class Lever:
    """What stops a lever from being shown: its parameters' ``problems`` (said as warnings),
    or nothing in view (``empty``)."""

    problems: tuple[str, ...]
    empty: bool

    @property
    def ready(self) -> bool:
        return not self.problems and not self.empty


@dataclass(frozen=True, eq=False)
class FundSection:
    tiles: tuple[Tile, ...]
    scope_note: str  # how the fund is worked out: town-wide, or a scoped user's claims only
    by_year_title: str
    by_year_help: str
    difference_chart: go.Figure
    quarter_chart: go.Figure
    by_company: Shown
    by_year: Shown
    by_company_quarter: Shown
    gains_caption: str = ""  # whose gain, over which horizon ("下一年度（预测）：各物业企业…")
    assumption: str | None = None  # the projection's, when the horizon is next year
    share_note: str | None = None  # a scoped user's: the numbers are their share


@dataclass(frozen=True, eq=False)
class ScoringSection:
    tiles: tuple[Tile, ...]
    caption: str
    chart: go.Figure
    by_company: Shown
    by_community: Shown


@dataclass(frozen=True, eq=False)
class TargetsSection:
    tiles: tuple[Tile, ...]
    caption: str
    chart: go.Figure
    changes: pd.DataFrame | None  # on screen (None: no light moved)
    changes_download: pd.DataFrame
    ranking: Shown


@dataclass(frozen=True, eq=False)
class CollectionSection:
    tiles: tuple[Tile, ...]
    caption: str
    chart: go.Figure
    table: Shown


@dataclass(frozen=True, eq=False)
class Part:
    """One lever: what stops it (``lever``), its section when it is ready, and for the targets
    the communities' own targets a town-wide one leaves in force (``note``)."""

    lever: Lever
    section: Any | None
    note: str | None = None


@dataclass(frozen=True, eq=False)
class WhatifInputs:
    """What the widgets need before the scenario is read: the targets in force (a target
    widget starts at its indicator's)."""

    base_targets: dict[object, float]


@dataclass(frozen=True, eq=False)
class WhatifView:
    """The four levers under one scenario."""

    changes: tuple[str, ...]  # what the scenario changes, in words (empty: the baseline)
    fund: Part  # section: FundSection
    scoring: Part  # ScoringSection
    targets: Part  # TargetsSection
    collection: Part  # CollectionSection


@dataclass(frozen=True, eq=False)
class Comparison:
    side_by_side: pd.DataFrame  # parameters and key numbers, one column per scenario
    paid: pd.DataFrame  # paid per company under each (empty: no fund in view)
    paid_screen: pd.DataFrame
    paid_labels: dict[str, str]
    chart: go.Figure | None


def inputs(run: Run, f: Filters, lang: str) -> WhatifInputs:
    """The targets in force (town-wide and each community's own), for the target widgets."""
    return WhatifInputs(targets.target_map(run("targets_all", None)))


def _params(run: Run, f: Filters) -> tuple[dict[str, Any], list[str]]:
    everyone = community_ids(run)
    return f.params(everyone), f.community_ids(everyone)


def _assessments(run: Run, f: Filters) -> pd.DataFrame:
    return run(ASSESSMENTS, _params(run, f)[0])


def _values(run: Run, f: Filters, scope: list[str]) -> pd.DataFrame:
    parts = run("indicator_parts_by_community_quarter", None)
    return targets.values_in_view(parts, f.period_to, scope)


def _bundle(run: Run, f: Filters) -> compare.Data:
    params, scope = _params(run, f)
    assessments = run(ASSESSMENTS, params)
    return compare.Data(
        assessments,
        _values(run, f, scope),
        targets.target_map(run("targets_all", None)),
        run(FEE, params),
        f.period_from,
        f.period_to,
        fund_view.solver(assessments),
    )


def changes(
    run: Run, f: Filters, lang: str, scenario: Scenario, own: Scope = None
) -> tuple[str, ...]:
    """What ``scenario`` changes against the baseline, in words (empty: the baseline); ``own``
    the user's scope (a scoped user's collection goal is their communities')."""
    return tuple(describe(scenario, lang, own is not None))


def fund_lever(
    run: Run,
    f: Filters,
    lang: str,
    params: FundParams,
    own: Scope = None,
    horizon: str = forward.REPLAY,
) -> Part:
    """The reward-fund lever under ``params`` for a user whose scope is ``own`` (None: the
    whole town; ``run`` applies the scope, so a scoped user's fund is worked out from their
    communities' claims only: their part is said as theirs, and the town's remainder and its
    quarters at the cap, which the other communities' claims decide, are not shown), over
    ``horizon``: the period of ``f`` replayed, or next year projected from the data's last
    four quarters (:mod:`governance.whatif.forward`)."""
    problems = params.validate(lang) + [m for m in (forward.check_horizon(horizon, lang),) if m]
    if problems:
        return Part(Lever(tuple(problems), True), None)
    ahead = horizon == forward.NEXT_YEAR
    projection = None
    if ahead:
        projection = forward.project_next_year(run(LAST_FOUR, _params(run, f)[0]))
        if projection is None:
            return Part(Lever((), True), None)
        assessments = projection.frame
        start, end = projection.period_from, projection.period_to
    else:
        assessments = _assessments(run, f)
        start, end = f.period_from, f.period_to
    solve = fund_view.solver(assessments)
    view = fund_view.fund_view(assessments, params, start, end, solve)
    if view is None:
        return Part(Lever((), True), None)
    companies = company_names(assessments, lang)
    by_company = fund_view.company_table(view, lang, companies)
    scoped = own is not None
    by_year = fund_view.year_table(view)
    if projection is not None:
        gains = t("whatif_forward.gains.next", lang, year=projection.year)
        scope_note = t(
            "whatif.fund.scope_note.own" if scoped else "whatif_forward.scope_note", lang
        )
    else:
        span = f"{periods.to_label(start)}–{periods.to_label(end)}"
        gains = t("whatif_forward.gains.replay", lang, span=span)
        scope_note = t(own_key("whatif.fund.scope_note", scoped), lang)
    section = FundSection(
        tiles=tuple(fund_view.fund_tiles(view, lang, scoped, ahead)),
        scope_note=scope_note,
        by_year_title=t(own_key("whatif.fund.by_year", scoped), lang),
        by_year_help=t(own_key("whatif.fund.by_year.help", scoped), lang),
        difference_chart=fund_view.fund_difference_figure(by_company, lang),
        quarter_chart=fund_view.fund_quarter_figure(view, lang),
        by_company=_shown(by_company, lang),
        by_year=_shown(fund_view.own_year_table(by_year) if scoped else by_year, lang),
        by_company_quarter=_shown(fund_view.company_quarter_table(view, companies), lang),
        gains_caption=gains,
        assumption=None if projection is None else forward.assumption(projection, lang),
        share_note=t("whatif_forward.share.own", lang) if scoped else None,
    )
    return Part(Lever((), False), section)


def scoring_lever(run: Run, f: Filters, lang: str, params: ScoringParams) -> Part:
    """The three-party scoring lever under ``params``, at the period's last quarter."""
    assessments = _assessments(run, f)
    rows = scoring.scoring_rows(assessments, f.period_to)
    lever = Lever(tuple(params.validate(lang)), rows.empty)
    if not lever.ready:
        return Part(lever, None)
    names = community_names(run, lang)
    grades = scoring.grade_view(rows, params, company_names(assessments, lang), names)
    section = ScoringSection(
        tiles=tuple(scoring.grade_tiles(grades, lang)),
        caption=t("whatif.scoring.quarter", lang, quarter=quarter_label(f.period_to)),
        chart=scoring.grade_figure(grades.communities, lang),
        by_company=_shown(grades.companies, lang),
        by_community=_shown(grades.communities, lang),
    )
    return Part(lever, section)


def targets_lever(run: Run, f: Filters, lang: str, chosen: tuple[tuple[str, float], ...]) -> Part:
    """The targets lever under the town-wide targets ``chosen`` (a Scenario's ``targets``)."""
    overrides = dict(chosen)
    _, scope = _params(run, f)
    base = targets.target_map(run("targets_all", None))
    names = community_names(run, lang)
    kept = targets.own_targets_kept(base, overrides, scope)
    note = None
    if kept:
        items = "；".join(
            f"{names.get(cid, cid)} · {indicator_label(i, lang)} {v:g}" for i, cid, v in kept
        )
        note = t("whatif.targets.kept", lang, items=items)
    values = _values(run, f, scope)
    problems = [m for i, v in chosen if (m := check_target(i, v, lang))]
    lever = Lever(tuple(problems), values.empty)
    if not lever.ready:
        return Part(lever, None, note)
    lights = targets.light_view(values, base, overrides, names)
    moved = targets.light_changes_table(lights, names, lang)
    section = TargetsSection(
        tiles=tuple(targets.light_tiles(lights, lang)),
        caption=t("whatif.targets.quarter", lang, quarter=quarter_label(f.period_to)),
        chart=targets.light_figure(lights.communities, lang),
        changes=None if moved.empty else targets.light_changes_shown(moved, lang),
        changes_download=moved,
        ranking=_shown(lights.communities, lang),
    )
    return Part(lever, section, note)


def collection_lever(run: Run, f: Filters, lang: str, target_pct: float, own: Scope = None) -> Part:
    """The collection lever: what each community needs for the town (for a user scoped to
    ``own``, their communities) to reach ``target_pct``."""
    fee = run(FEE, _params(run, f)[0])
    problem = check_collection(target_pct, lang)
    lever = Lever((problem,) if problem else (), fee.empty)
    if not lever.ready:
        return Part(lever, None)
    names = community_names(run, lang)
    needed = collection.collection_table(collection.collection_view(fee, target_pct), names)
    section = CollectionSection(
        tiles=tuple(collection.collection_tiles(needed, lang, own is not None)),
        caption=t("whatif.fee.quarter", lang, quarter=quarter_label(f.period_to)),
        chart=collection.collection_figure(needed, target_pct, lang, own is not None),
        table=_shown(needed, lang),
    )
    return Part(lever, section)


def build(run: Run, f: Filters, lang: str, scenario: Scenario, own: Scope = None) -> WhatifView:
    """The page's four levers at filters ``f`` in ``lang`` under ``scenario`` for a user whose
    scope is ``own`` (the page asks for the same pieces one by one)."""
    return WhatifView(
        changes=changes(run, f, lang, scenario, own),
        fund=fund_lever(run, f, lang, scenario.fund, own, scenario.horizon),
        scoring=scoring_lever(run, f, lang, scenario.scoring),
        targets=targets_lever(run, f, lang, scenario.targets),
        collection=collection_lever(run, f, lang, scenario.collection_target, own),
    )


def comparison(
    run: Run,
    f: Filters,
    lang: str,
    compared: tuple[tuple[str, Scenario], ...],
    own: Scope = None,
) -> Comparison:
    """The scenarios ``compared`` (column name, scenario) side by side at filters ``f``, for a
    user whose scope is ``own`` (without the town's fund left and quarters at the cap)."""
    data = _bundle(run, f)
    companies = company_names(data.assessments, lang)
    outcomes = [(name, s, compare.outcome(s, data)) for name, s in compared]
    paid = compare.compare_companies(list(compared), data, companies)
    return Comparison(
        side_by_side=compare.compare_frame(outcomes, lang, own is not None),
        paid=paid,
        paid_screen=pd.DataFrame() if paid.empty else compare.compare_companies_shown(paid, lang),
        paid_labels=labels(lang),
        chart=None if paid.empty else compare.compare_figure(paid, lang),
    )


# One tuple of choices per example, for the generic purity test: the baseline, and a scenario
# moving every lever (one of them out of range, so its problem is said instead).
EXAMPLE_CHOICES: tuple[tuple, ...] = (
    (Scenario(),),
    (
        Scenario(
            fund=FundParams(rate=0.15, min_score=80, over_cap="rank"),
            targets=(("fee_collection_rate", 80.0),),
            collection_target=70.0,
        ),
    ),
    (Scenario(collection_target=120.0),),
    (Scenario(collection_target=70.0), ("C01",)),
    (Scenario(fund=FundParams(rate=0.15), horizon="next"),),
    (Scenario(horizon="next"), ("C01",)),
)
