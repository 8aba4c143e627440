"""The SQL queries against the hand-made fixture, each figure computed by hand."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from governance import db, kpi
from tests.fixtures.runners import TOWN

Q2 = date(2011, 4, 1)
Q1 = date(2011, 1, 1)


@pytest.fixture(scope="module")
def parts(fixture_con) -> pd.DataFrame:
    return db.run(fixture_con, "indicator_parts_by_community_quarter", TOWN)


def value(parts: pd.DataFrame, indicator_id: str, communities: list[str], quarter: date):
    agg = kpi.aggregate(parts, communities)
    row = agg[(agg["indicator_id"] == indicator_id) & (agg["quarter"] == pd.Timestamp(quarter))]
    return None if row.empty else float(row["value"].iloc[0])


def test_communities_list_joins_company_names(fixture_con):
    df = db.run(fixture_con, "communities_list", TOWN)
    assert df["community_id"].tolist() == ["C01", "C02", "V01"]
    assert df.set_index("community_id").loc["C02", "company_zh"] == "乙物业"
    assert pd.isna(df.set_index("community_id").loc["V01", "company_zh"])


def test_periods_and_as_of(fixture_con):
    quarters = db.run(fixture_con, "periods_available", TOWN)["quarter"].dt.date.tolist()
    assert quarters == [date(2010, 4, 1), date(2010, 7, 1), date(2010, 10, 1), Q1, Q2]
    assert db.run(fixture_con, "data_as_of", TOWN)["as_of"].iloc[0].date() == date(2011, 6, 30)


def test_incident_rate_is_per_10k_residents_of_the_chosen_communities(parts):
    # 2011Q2: incidents C01 2, C02 3, V01 1 over 1,000 + 3,000 + 500 residents.
    assert value(parts, "incident_rate", ["C01", "C02", "V01"], Q2) == pytest.approx(
        6 / 4500 * 10_000
    )
    assert value(parts, "incident_rate", ["C01"], Q2) == pytest.approx(2 / 1000 * 10_000)


def test_counts_add_up_and_scores_are_population_weighted(parts):
    assert value(parts, "petitions", ["C01", "C02", "V01"], Q2) == 6 + 4 + 0
    assert value(parts, "skip_level_batches", ["C01", "C02"], Q2) == 3
    # environment 2011Q2: C01 74 x 1,000, C02 80 x 3,000 -> 314,000 / 4,000 = 78.5
    assert value(parts, "environment_score", ["C01", "C02"], Q2) == pytest.approx(78.5)


def test_fee_collection_counts_households_paid_in_full(parts):
    # C01: H1, H2, H3 paid >= billed, H4 part -> 3/4; C02: 0/2; together 3/6.
    assert value(parts, "fee_collection_rate", ["C01"], Q2) == pytest.approx(75.0)
    assert value(parts, "fee_collection_rate", ["C02"], Q2) == pytest.approx(0.0)
    assert value(parts, "fee_collection_rate", ["C01", "C02", "V01"], Q2) == pytest.approx(50.0)
    assert value(parts, "fee_collection_rate", ["C01", "C02"], Q1) == pytest.approx(2 / 6 * 100)
    # The village has no managed housing, so no fee rate at all (not 0%).
    assert value(parts, "fee_collection_rate", ["V01"], Q2) is None


def test_issue_resolution_and_hazards(parts):
    assert value(parts, "issue_resolution_rate", ["C01"], Q2) == pytest.approx(2 / 3 * 100)
    assert value(parts, "issue_resolution_rate", ["C01", "C02"], Q2) == pytest.approx(75.0)
    assert value(parts, "issue_resolution_rate", ["C01"], Q1) == pytest.approx(0.0)
    assert value(parts, "hazard_handled_rate", ["C01", "C02"], Q2) == pytest.approx(75.0)


def test_property_score_weighted_by_managed_area(parts):
    # (78 x 30,000 + 88 x 60,000) / 90,000
    assert value(parts, "property_score", ["C01", "C02"], Q2) == pytest.approx(84.666666, 1e-6)


def test_participation_per_1000_residents(parts):
    # C01 2011Q2: 150 + 50 person-times over 1,000 residents = 200; with C02: 260 / 4,000.
    assert value(parts, "participation_per_1000", ["C01"], Q2) == pytest.approx(200.0)
    assert value(parts, "participation_per_1000", ["C01", "C02"], Q2) == pytest.approx(65.0)
    # A community without activities still counts its residents: 260 / 4,500; alone it is 0.
    assert value(parts, "participation_per_1000", ["C01", "C02", "V01"], Q2) == pytest.approx(
        260 / 4500 * 1000
    )
    assert value(parts, "participation_per_1000", ["V01"], Q2) == pytest.approx(0.0)


def test_star_share_per_round_quarter(parts):
    assert value(parts, "star3_share", ["C01", "C02"], Q2) == pytest.approx(2 / 3 * 100)
    assert value(parts, "star3_share", ["C01", "C02"], Q1) == pytest.approx(1 / 3 * 100)
    assert value(parts, "star3_share", ["C01"], Q1) == pytest.approx(0.0)


def test_volunteer_share_is_cumulative_distinct_households(parts):
    # By 2011Q2 H1 (twice) and H5 have volunteers: 2 households of 400 + 1,000 + 200.
    assert value(parts, "volunteer_household_share", ["C01", "C02", "V01"], Q2) == pytest.approx(
        2 / 1600 * 100
    )
    # By 2011Q1 only H1 (joined 2010-05).
    assert value(parts, "volunteer_household_share", ["C01"], Q1) == pytest.approx(1 / 400 * 100)
    assert value(parts, "volunteer_household_share", ["C02"], Q1) == pytest.approx(0.0)


def test_mediation_success(parts):
    assert value(parts, "mediation_success_rate", ["C01"], Q2) == pytest.approx(50.0)
    assert value(parts, "mediation_success_rate", ["C01", "V01"], Q2) == pytest.approx(2 / 3 * 100)


def test_empty_selection_gives_no_values(parts):
    assert kpi.aggregate(parts, []).empty


def test_parameters_are_passed_not_formatted(fixture_con):
    # A query ignores filter values it does not name instead of failing ($scope it needs).
    hostile = {"communities": ["x'); drop table y; --"], "scope": db.WHOLE_TOWN}
    df = db.run(fixture_con, "communities_list", hostile)
    assert len(df) == 3


def test_connection_is_read_only(fixture_con):
    with pytest.raises(Exception, match=r"(?i)read-only|read only"):
        fixture_con.execute("create table evil as select 1")
    with pytest.raises(Exception, match=r"(?i)disabled|permission"):
        fixture_con.execute("select * from read_csv('/etc/passwd')")
