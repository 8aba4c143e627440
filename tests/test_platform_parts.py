"""Party and culture measures as long parts: the one shape every platform's KPIs read.

The wide readings (party_measures_by_community_quarter; for culture, base_culture_measures
itself, whose wide query the page no longer reads) and the long parts (party_parts_…,
culture_parts_…) count from one base view each (base_party_measures, base_culture_measures),
so for every community and quarter of the hand-made fixtures each long part is the wide
column it replaced, and the KPIs built from the parts are the ones built before from the wide
frame (figures by hand in tests/test_party_queries.py and tests/test_culture_queries.py).
"""

from __future__ import annotations

import pandas as pd
import pytest

from governance import culture, db, kpi
from governance.indicators import PLATFORM_RECORDS, REGISTRY
from tests.fixtures.culture import write_culture_fixture
from tests.fixtures.party import ALL, FIRST, Q1, Q2, write_party_fixture
from tests.fixtures.runners import TOWN

# long part -> (the wide column of its num, of its den): what the wide KPI path read
PARTY_COLUMNS = {
    "joint_meetings_held": ("meetings", None),
    "issue_days_to_resolve": ("days_to_resolve_total", "issues_resolved"),
    "patrols_held": ("patrols", None),
    "patrol_person_times": ("person_times", None),
    "partner_units": ("partner_units", None),
    "committee_members": ("committee_members", None),
}


@pytest.fixture(scope="module")
def party_con(tmp_path_factory):
    connection = db.connect(write_party_fixture(tmp_path_factory.mktemp("party_parts")))
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def culture_con(tmp_path_factory):
    connection = db.connect(write_culture_fixture(tmp_path_factory.mktemp("culture_parts")))
    yield connection
    connection.close()


def _params(communities=ALL) -> dict[str, object]:
    return {"communities": list(communities), "period_from": Q1, "period_to": Q2}


def _long_by_key(parts: pd.DataFrame) -> dict[tuple, tuple]:
    rows = parts[["community_id", "quarter", "indicator_id", "num", "den"]]
    return {(c, pd.Timestamp(q), i): (n, d) for c, q, i, n, d in rows.itertuples(index=False)}


def test_every_party_part_is_the_wide_column_it_replaced(party_con):
    wide = db.run(party_con, "party_measures_by_community_quarter", _params())
    long = _long_by_key(db.run(party_con, "party_parts_by_community_quarter", _params()))
    assert len(long) == len(wide) * len(PARTY_COLUMNS) == 5 * 3 * 6
    for row in wide.itertuples(index=False):
        for indicator_id, (num, den) in PARTY_COLUMNS.items():
            n, d = long[(row.community_id, pd.Timestamp(row.quarter), indicator_id)]
            assert n == getattr(row, num), (indicator_id, row.community_id, row.quarter)
            assert pd.isna(d) if den is None else d == getattr(row, den), indicator_id
    # every party page measure of the registry comes from these parts, and no other
    own = {m.id for m in REGISTRY.values() if m.source == "party_parts_by_community_quarter"}
    assert own == set(PARTY_COLUMNS)


def test_every_culture_part_is_the_wide_column_it_replaced(culture_con):
    # The wide culture_measures_by_community_quarter is gone (the page reads only the parts):
    # its rows were base_culture_measures' for the communities asked for, read here directly.
    wide = culture_con.execute(
        "select * from base_culture_measures where list_contains(?, community_id)",
        [list(ALL)],
    ).df()
    long = _long_by_key(db.run(culture_con, "culture_parts_by_community_quarter", _params()))
    assert len(long) == len(wide) * len(culture.COUNTS)
    for row in wide.itertuples(index=False):
        for column in culture.COUNTS:
            n, d = long[(row.community_id, pd.Timestamp(row.quarter), column)]
            assert n == getattr(row, column) and pd.isna(d), (column, row.community_id)


def test_the_parts_follow_the_communities_asked_for(party_con, culture_con):
    c02 = db.run(party_con, "party_parts_by_community_quarter", _params(["C02"]))
    assert set(c02["community_id"]) == {"C02"}
    none = db.run(culture_con, "culture_parts_by_community_quarter", _params([]))
    assert none.empty


def _party_kpis(con, communities, basis="qoq"):
    parts = pd.concat(
        [
            db.run(con, "indicator_parts_by_community_quarter", TOWN),
            db.run(con, "party_parts_by_community_quarter", _params(communities)),
        ],
        ignore_index=True,
    )
    targets = db.run(con, "targets_all", TOWN)
    return kpi.kpis(
        PLATFORM_RECORDS["party"].kpi_row, parts, targets, communities, FIRST, Q2, basis
    )


def test_party_days_to_resolve_by_hand_from_its_parts(party_con):
    """Q2 town: (15 + 26 + 2 + 10) days over 4 resolved = 13.25; Q1: 30 over 1."""
    k = _party_kpis(party_con, ALL)["issue_days_to_resolve"]
    assert (k.value, k.basis_value, k.delta, k.good) == (13.25, 30.0, -16.75, True)
    assert (k.num, k.den) == (53.0, 4.0)
    # The one small-sample rule of every platform (long-term's days to close had it): a mean
    # over 4 resolved issues is small (样本少, no light) and its change rests on few cases.
    # Before, the wide path counted no cases for the party's days: neither was said.
    assert (k.cases, k.basis_cases, k.small, k.few_cases) == (4.0, 1.0, True, True)
    assert k.light is None and k.counts_text() == "4"


def test_party_counts_and_stocks_by_hand_from_their_parts(party_con):
    k = _party_kpis(party_con, ALL)
    assert (k["joint_meetings_held"].value, k["joint_meetings_held"].basis_value) == (3, 2)
    assert (k["patrols_held"].value, k["patrol_person_times"].value) == (3, 26)
    # stocks: the quarter's value in place, never summed over the period's quarters
    assert (k["partner_units"].value, k["partner_units"].basis_value) == (3, 2)
    assert (k["committee_members"].value, k["committee_members"].delta) == (3, 1)
    yoy = _party_kpis(party_con, ALL, "yoy")
    assert (yoy["partner_units"].basis_value, yoy["partner_units"].delta) == (1, 2)
    # counts carry no sample rule: every event there was (sample.level_cases)
    assert not any(k[i].small for i in ("joint_meetings_held", "partner_units"))
