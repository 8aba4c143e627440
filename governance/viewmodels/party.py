"""The regional party-building page's view model: its tiles, trends, 1+2+X matrix, figures and
record sets, built once per data, filters and language (``views/party.py`` draws it).

The by-community bars are a section of their own (:func:`breakdown`), built per measure the
reader picks: eleven figures up front would cost more than the rest of the page together.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import pandas as pd
import plotly.graph_objects as go

from governance import drill, kpi, periods
from governance import party as pty
from governance.filters import Filters
from governance.i18n import t
from governance.indicators import INDICATORS, PARTY_PARTS
from governance.kpi import Kpi
from governance.viewmodel import (
    Records,
    Run,
    Table,
    community_ids,
    community_names,
    records,
    table,
)

# (file and key stem, query) of each record tab, in order; meetings also say each issue's status
RECORD_TABS: tuple[tuple[str, str], ...] = (
    ("meetings", "party_meeting_records"),
    ("contributions", "party_contribution_records"),
    ("patrols", "party_patrol_records"),
    ("partners", "party_partner_records"),
    ("members", "party_member_records"),
)


@dataclass(frozen=True, eq=False)
class PartyView:
    tiles: list[Kpi]  # in the order of the platform record's kpi_row
    notes: dict[str, str]  # indicator id -> the counts behind it
    trends: list[go.Figure]
    by_community_help: str
    bodies_help: str
    bodies: Table  # the 1+2+X matrix on screen (a dash where a body has not joined)
    bodies_rows: pd.DataFrame  # the matrix with community ids, row by row (a click drills)
    bodies_download: pd.DataFrame
    categories_chart: go.Figure | None  # None: no issue in the period
    categories: Records
    partners_chart: go.Figure | None  # None: no partner unit
    contributions_chart: go.Figure | None  # None: no contribution
    partner_kinds: Records
    contribution_kinds: Records
    members_help: str
    members_chart: go.Figure | None  # None: no part-time member
    records: dict[str, Records]  # stem of RECORD_TABS -> its records
    # the same records of the tiles' quarter only, and what they are behind (governance/drill)
    quarter_records: dict[str, Records]
    behind: drill.Behind


# the wide counts, read once: the notes under the tiles, the trends and the bars (their rates
# are the long parts', as the tiles')
MEASURES_QUERY = "party_measures_by_community_quarter"


def _params(run: Run, f: Filters) -> dict[str, object]:
    return f.params(community_ids(run))


def _parts(run: Run, params: dict[str, object]) -> pd.DataFrame:
    """The long parts of every party measure: the shared indicators' and the party's own."""
    shared = run("indicator_parts_by_community_quarter", None)
    return pd.concat([shared, run(PARTY_PARTS, params)], ignore_index=True)


def _by_community(rows: pd.DataFrame, parts: pd.DataFrame, f: Filters) -> pd.DataFrame:
    # The bars read the same quarter as the tiles and the overview's ranking (one reading of
    # each indicator everywhere): the period's last quarter.
    return pty.by_community(rows, parts, f.period_to, f.period_to)


def build(run: Run, f: Filters, lang: str) -> PartyView | None:
    """The page at filters ``f`` in ``lang``; None when the selection holds no activity in the
    period and no body, partner unit or member in place at its end (the page says so)."""
    params = _params(run, f)
    scope = params["communities"]
    rows = run(MEASURES_QUERY, params)
    both = _parts(run, params)
    measures = pty.by_quarter(rows, both, scope)
    period_measures = pty.in_period(measures, f.period_from, f.period_to)
    bodies = run("party_bodies_by_community", params)
    if not pty.has_data(period_measures, bodies, f.period_to):
        return None

    parts = run("indicator_parts_by_community_quarter", None)
    targets = run("targets_all", None)
    by_community = _by_community(rows, both, f)
    labels = pty.record_labels(lang)
    quarter_end = periods.display(f.period_to, lang)

    def recs(
        query: str | None, rows: pd.DataFrame | None = None, prepare=None, at=params
    ) -> Records:
        return records(run, query, at, lang, labels, prepare, rows=rows)

    def tabs(at: dict[str, object]) -> dict[str, Records]:
        return {
            stem: recs(query, prepare=partial(shapes.get(stem, pty.records), lang=lang), at=at)
            for stem, query in RECORD_TABS
        }

    tiles = list(kpi.page_tiles("party", both, targets, scope, f).values())
    matrix = pty.bodies_matrix(bodies, by_community, lang)
    categories = run("party_issues_by_category", params)
    partners = run("party_partners_by_kind", params)
    contributions = run("party_contributions_by_partner_kind", params)
    members = run("party_members_by_community", params)
    shapes = {"meetings": pty.meeting_records}

    return PartyView(
        tiles=tiles,
        notes=pty.kpi_notes(measures, f.period_to, lang),
        trends=pty.trend_figures(period_measures, targets, scope, lang),
        by_community_help=t("party.by_community.help", lang, quarter=quarter_end),
        bodies_help=t("party.bodies.help", lang, quarter=quarter_end),
        bodies=table(pty.bodies_display(matrix, lang), lang),
        bodies_rows=matrix[["community_id"]],
        bodies_download=matrix.drop(columns=["community_id"]),
        categories_chart=None if categories.empty else pty.category_figure(categories, lang),
        categories=recs("party_issues_by_category", pty.category_table(categories)),
        partners_chart=None if partners.empty else pty.partners_figure(partners, lang),
        contributions_chart=(
            None if contributions.empty else pty.contributions_figure(contributions, lang)
        ),
        partner_kinds=recs("party_partners_by_kind", partners),
        contribution_kinds=recs("party_contributions_by_partner_kind", contributions),
        members_help=t("party.members.help", lang, quarter=quarter_end),
        members_chart=(None if members.empty else pty.members_figure(members, by_community, lang)),
        records=tabs(params),
        quarter_records=tabs(drill.quarter_params(params, f.period_to)),
        behind=drill.behind(
            parts,
            [i.id for i in INDICATORS if i.platform == "party"],
            f.period_from,
            f.period_to,
            scope,
            community_names(run, lang),
            bool(f.communities),
            lang,
        ),
    )


def breakdown(run: Run, f: Filters, lang: str, measure: str) -> go.Figure:
    """The bars of ``measure`` (a key of ``pty.MEASURES``) per community at the period's last
    quarter, highest first; a click on a bar drills down to its community. A section of its
    own (``data.view(breakdown, f, lang, measure)``): ``build`` takes no choice."""
    params = _params(run, f)
    by_community = _by_community(run(MEASURES_QUERY, params), _parts(run, params), f)
    targets = run("targets_all", None)
    return pty.community_figure(by_community, measure, targets, lang)
