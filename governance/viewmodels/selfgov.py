"""The democratic self-governance page's view model (``views/selfgov.py`` draws it).

Three pure builders, each cached on its own (``ui/data.view``):

- :func:`build` (data, filters, language): the KPI tiles, the drill's choices, elections,
  the three meetings, volunteers, mediations and their record tables;
- :func:`star` (… and the drill's community, building and stairwell): the star-rating chart,
  its words and table for the level chosen, and the rating records that follow the drill;
- :func:`breakdown` (… and the measure): the bars by community of one measure.

A drill step or another measure rebuilds only its small section, not the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import pandas as pd
import plotly.graph_objects as go

from governance import drill, fmt, kpi, periods
from governance import selfgov as sg
from governance.contract import MEETING_KINDS, VOLUNTEER_TEAMS
from governance.filters import Filters
from governance.i18n import t
from governance.indicators import PLATFORM_RECORDS
from governance.kpi import Kpi
from governance.text import plain
from governance.viewmodel import (
    Records,
    Run,
    Table,
    community_ids,
    community_names,
    records,
    table,
)

# The purity test's examples of (community, building, stairwell) and of a measure.
EXAMPLE_STAR_CHOICES: tuple[tuple, ...] = (
    (None, None, None),
    ("C01", None, None),
    ("C01", "B1", None),
    ("C01", "B1", "S1"),
)
EXAMPLE_MEASURES: tuple[tuple, ...] = tuple((m,) for m in PLATFORM_RECORDS["selfgov"].kpi_row)


@dataclass(frozen=True, eq=False)
class Volunteers:
    claim: str
    chart: go.Figure
    table_caption: str
    teams: Table
    rows: pd.DataFrame  # the table's rows with their community ids (a click drills down)


@dataclass(frozen=True, eq=False)
class SelfgovView:
    scope: tuple[str, ...]  # the communities the filters cover
    names: dict[str, str]  # community id -> name
    tiles: dict[str, Kpi]
    notes: dict[str, str]
    rounds_words: str | None  # a period without rating rounds, in words (no drill then)
    tree: sg.DrillTree
    places: dict[str, str]  # building / stairwell id -> 3号楼（B0003）
    election_none: str
    turnout_chart: go.Figure | None  # None: no election in the period
    meetings_chart: go.Figure | None  # None: no meeting
    meetings_summary: Table | None
    volunteers: Volunteers | None  # None: nobody on the rolls
    mediations_chart: go.Figure | None  # None: no mediation
    volunteers_help: str
    meetings: Records
    elections: Records
    mediations: Records
    volunteer_records: Records
    # meetings, elections and mediations of the tiles' quarter only (volunteers are those on
    # the rolls at its end either way), and what they are behind (governance/drill)
    quarter_records: dict[str, Records]
    behind: drill.Behind


@dataclass(frozen=True, eq=False)
class StarView:
    """The star ratings at one drill level; ``chart`` None: nothing rated in that scope."""

    level: str
    no_ratings: str
    words: str
    chart: go.Figure | None
    table_caption: str
    table: Table | None
    rows: pd.DataFrame | None  # the table's rows with their ids (a click chooses one)
    id_column: str
    ratings_help: str
    ratings: Records
    quarter_ratings: Records  # the ratings of the tiles' quarter (the star tile's round)


@dataclass(frozen=True, eq=False)
class BreakdownView:
    """One measure by community; ``chart`` None: no community has a value (``none`` says so)."""

    chart: go.Figure | None
    none: str
    missing: str | None  # the communities without a value, in words


def _scope(run: Run, f: Filters) -> tuple[list[str], dict[str, object]]:
    everyone = community_ids(run)
    return f.community_ids(everyone), f.params(everyone)


def _records(run: Run, query: str, params, lang: str, prepare) -> Records:
    # every column of the page's record tables: a table's labels need none of its rows
    return records(run, query, params, lang, sg.labels(None, lang), prepare)


def _named_choices(
    rows: pd.DataFrame, names: dict[str, str], column: str, choices, lang: str
) -> pd.DataFrame:
    return sg.translate(sg.with_names(rows, names), column, choices, lang)


def _event_records(run: Run, params, names: dict[str, str], lang: str) -> dict[str, Records]:
    """The meetings, elections and mediations at ``params`` (the period's or one quarter's)."""
    meetings = partial(
        _named_choices,
        names=names,
        column="kind",
        choices=MEETING_KINDS,
        lang=lang,
    )
    named = partial(sg.with_names, names=names)
    return {
        "meetings": _records(run, "selfgov_meeting_records", params, lang, meetings),
        "elections": _records(run, "selfgov_election_records", params, lang, named),
        "mediations": _records(run, "selfgov_mediation_records", params, lang, named),
    }


def build(run: Run, f: Filters, lang: str) -> SelfgovView | None:
    """The page at filters ``f`` in ``lang``; None when the filters leave no self-governance
    record at all (the page shows its empty state)."""
    scope, params = _scope(run, f)
    names = community_names(run, lang)
    quarter_name = periods.display(f.period_to, lang)

    shared_parts = run("indicator_parts_by_community_quarter", None)
    own_parts = run("selfgov_parts_by_community_quarter", params)
    targets = run("targets_all", None)
    elections = run("selfgov_election_records", params)
    meetings = run("selfgov_meeting_records", params)
    mediations = run("selfgov_mediation_records", params)
    rounds = run("selfgov_rating_rounds", params)
    town_counts = run(
        "selfgov_star_counts_by_round", {**params, "building_id": None, "stairwell_id": None}
    )
    values = sg.values(shared_parts, own_parts, scope)
    both = pd.concat([shared_parts, own_parts], ignore_index=True)
    tiles = kpi.page_tiles("selfgov", both, targets, scope, f)
    if sg.nothing_to_show(
        [elections, meetings, mediations, town_counts], tiles[sg.VOLUNTEERS].value
    ):
        return None

    rounds_words = sg.rounds_message(rounds, f.period_from, f.period_to, lang)
    stairwells = (
        run("selfgov_stairwell_list", params)
        if not rounds_words
        else pd.DataFrame({"community_id": [], "building_id": [], "stairwell_id": []})
    )

    meetings_chart = summary = None
    if not meetings.empty:
        by_kind = run("selfgov_meetings_by_kind_quarter", params)
        meetings_chart = sg.meetings_figure(by_kind, lang)
        summary = table(sg.display(sg.meetings_summary(by_kind, lang), lang), lang)

    volunteers = None
    if tiles[sg.VOLUNTEERS].value:
        by_team = run("selfgov_volunteers_by_team_quarter", params)
        teams = sg.team_table(run("selfgov_volunteers_by_community_team", params), names)
        volunteers = Volunteers(
            claim=t(
                "selfgov.volunteers.claim",
                lang,
                quarter=quarter_name,
                share=fmt.pct(tiles[sg.HOUSEHOLD_SHARE].value),
                n=fmt.count(tiles[sg.VOLUNTEERS].value, lang),
            ),
            chart=sg.volunteers_figure(by_team, tiles[sg.HOUSEHOLD_SHARE].series, lang),
            table_caption=t("selfgov.volunteers.table", lang, quarter=quarter_name),
            teams=table(sg.display(teams, lang, drop=["community_id"]), lang),
            rows=teams,
        )

    mediations_chart = None
    if not mediations.empty:
        quarters = sg.quarter_table(
            values, [sg.MEDIATIONS, sg.MEDIATION_SUCCESS], f.period_from, f.period_to
        )
        mediations_chart = sg.mediations_figure(quarters, lang)

    history = _event_records(run, params, names, lang)
    return SelfgovView(
        scope=tuple(scope),
        names=names,
        tiles=tiles,
        notes=sg.kpi_notes(own_parts, scope, f.period_to, rounds, elections, lang),
        rounds_words=rounds_words,
        tree=sg.drill_tree(stairwells),
        places=sg.place_labels(stairwells, lang),
        election_none=t(
            "selfgov.election.none",
            lang,
            start=periods.display(f.period_from, lang),
            end=quarter_name,
        ),
        turnout_chart=None if elections.empty else sg.turnout_figure(elections, names, lang),
        meetings_chart=meetings_chart,
        meetings_summary=summary,
        volunteers=volunteers,
        mediations_chart=mediations_chart,
        volunteers_help=t("selfgov.records.volunteers_help", lang, quarter=quarter_name),
        meetings=history["meetings"],
        elections=history["elections"],
        mediations=history["mediations"],
        volunteer_records=_records(
            run,
            "selfgov_volunteer_records",
            params,
            lang,
            partial(
                _named_choices,
                names=names,
                column="team",
                choices=VOLUNTEER_TEAMS,
                lang=lang,
            ),
        ),
        quarter_records=_event_records(run, drill.quarter_params(params, f.period_to), names, lang),
        behind=drill.behind(
            both,
            PLATFORM_RECORDS["selfgov"].kpi_row,
            f.period_from,
            f.period_to,
            scope,
            names,
            bool(f.communities),
            lang,
        ),
    )


def star(
    run: Run,
    f: Filters,
    lang: str,
    community: str | None,
    building: str | None,
    stairwell: str | None,
) -> StarView:
    """The star ratings at the drill's choice (``community``, ``building``, ``stairwell``:
    ids valid for the level above, as ``selfgov.valid_drill`` leaves them; None: all)."""
    _, params = _scope(run, f)
    names = community_names(run, lang)
    chosen = sg.Drill(community, building, stairwell)
    drill_p = sg.drill_params(params, chosen)
    scope_name = sg.scope_label(chosen, names, lang)
    counts = run("selfgov_star_counts_by_round", drill_p)

    def ratings(at: dict[str, object]) -> Records:
        return _records(
            run, "selfgov_rating_records", at, lang, partial(sg.with_names, names=names)
        )

    words, chart = "", None
    caption, shown, rows, id_column = "", None, None, ""
    if not counts.empty:
        if chosen.level == "stairwell":
            history = run("selfgov_rating_records", drill_p)
            words = sg.stairwell_text(history, chosen, lang)
            title = t("selfgov.drill.history", lang, scope=scope_name)
            chart = sg.stairwell_history_figure(history, title, lang)
        else:
            words = sg.round_change_text(sg.round_change(counts), lang)
            title = t("selfgov.star.chart", lang, scope=scope_name)
            chart = sg.star_rounds_figure(counts, title, lang)
        if chosen.level == "town":
            shares = run("selfgov_star_share_by_community_round", params)
            rows, id_column = sg.share_table(shares, "community_id", names), "community_id"
            caption = t("selfgov.drill.by_community", lang)
        elif chosen.level == "community":
            shares = run("selfgov_star_share_by_building_round", drill_p)
            rows, id_column = sg.share_table(shares, "building_id"), "building_id"
            caption = t("selfgov.drill.by_building", lang)
        else:
            building_p = {**drill_p, "stairwell_id": None}
            rows = sg.stairwell_matrix(run("selfgov_rating_records", building_p))
            id_column = "stairwell_id"
            caption = t("selfgov.drill.by_stairwell", lang)
        shown = table(sg.display(rows, lang, drop=["community_id"]), lang)

    return StarView(
        level=chosen.level,
        no_ratings=t("selfgov.star.no_ratings", lang, scope=plain(scope_name)),
        words=words,
        chart=chart,
        table_caption=caption,
        table=shown,
        rows=rows,
        id_column=id_column,
        ratings_help=t("selfgov.records.ratings_help", lang, scope=plain(scope_name)),
        ratings=ratings(drill_p),
        quarter_ratings=ratings(drill.quarter_params(drill_p, f.period_to)),
    )


def breakdown(run: Run, f: Filters, lang: str, measure: str) -> BreakdownView:
    """``measure`` (one of the platform record's ``kpi_row``) by community at the last quarter."""
    scope, params = _scope(run, f)
    names = community_names(run, lang)
    shared_parts = run("indicator_parts_by_community_quarter", None)
    own_parts = run("selfgov_parts_by_community_quarter", params)
    targets = run("targets_all", None)
    b = sg.breakdown(shared_parts, own_parts, targets, f.period_to, scope, names, measure)
    if b.frame.empty:
        rounds_words = None
        if measure == sg.STAR3:
            rounds = run("selfgov_rating_rounds", params)
            rounds_words = sg.rounds_message(rounds, f.period_from, f.period_to, lang)
        quarter = periods.display(f.period_to, lang)
        none = rounds_words or t("selfgov.breakdown.none", lang, quarter=quarter)
        return BreakdownView(chart=None, none=none, missing=None)
    missing = None
    if b.missing:
        listed = t("sep.list", lang).join(map(plain, b.missing))
        missing = t("selfgov.breakdown.missing", lang, names=listed)
    return BreakdownView(
        chart=sg.breakdown_figure(b, measure, f.period_to, lang), none="", missing=missing
    )
