"""The cultural-services queries and KPIs against a hand-made fixture, every figure by hand.

Communities (fixture_data): C01 1,000 residents, C02 3,000, village V01 500. The data quarters
are 2010Q2 .. 2011Q2; the page's default view here is the period 2011Q1-2011Q2.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from governance import culture, db, kpi
from governance.filters import Filters
from governance.indicators import PLATFORM_RECORDS
from tests.fixtures.culture import (
    ADULT,
    ALL,
    CENTRE,
    NEW_HOME,
    OWN,
    PARTY,
    Q1,
    Q2,
    Q2_2010,
    SCHOOL,
    SQUARE,
    STAGE,
    write_culture_fixture,
)
from tests.fixtures.runners import TOWN


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    connection = db.connect(write_culture_fixture(tmp_path_factory.mktemp("culture")))
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def parts(con) -> pd.DataFrame:
    return db.run(con, "indicator_parts_by_community_quarter", TOWN)


@pytest.fixture(scope="module")
def targets(con) -> pd.DataFrame:
    return db.run(con, "targets_all", TOWN)


def params(communities=ALL, period_from=Q1, period_to=Q2) -> dict:
    return {"period_from": period_from, "period_to": period_to, "communities": list(communities)}


def tiles(con, parts, targets, communities, basis="qoq", period_from=Q1, period_to=Q2):
    own = db.run(con, "culture_parts_by_community_quarter", params(communities))
    both = pd.concat([parts, own], ignore_index=True)
    return kpi.page_tiles(
        "culture", both, targets, communities, Filters(period_from, period_to, basis=basis)
    )


def teams(con, grain: str, at: dict | None = None) -> pd.DataFrame:
    """The social teams at one grain of the query that reads them at both."""
    both = db.run(con, "culture_teams_by_community_and_kind", at or params())
    return culture.teams_at(both, grain)


def by(df: pd.DataFrame, column: str) -> dict:
    return df.set_index(column).to_dict("index")


# ---- the measures behind the KPI tiles -------------------------------------------------------


def test_measures_have_a_row_per_community_and_data_quarter_with_zeros(con):
    # Moved from the wide culture_measures_by_community_quarter (gone: the page reads only the
    # long parts) to its parts, one column per measure again: the same rows and values.
    long = db.run(con, "culture_parts_by_community_quarter", params())
    df = long.pivot_table(index=["community_id", "quarter"], columns="indicator_id", values="num")
    assert len(df) == 3 * 5  # three communities x five quarters, none from 2011Q3 (A8)
    rows = df
    c01 = rows.loc[("C01", pd.Timestamp(Q2))]
    assert (c01["activities"], c01["person_times"]) == (3, 240)
    assert (c01["active_teams"], c01["team_members"], c01["subsidy_yuan"]) == (1, 38, 2400.0)
    assert (c01["trainees"], c01["placed"]) == (30, 12)
    v01 = rows.loc[("V01", pd.Timestamp(Q2))]
    # V01 has a team of 9 that did nothing: members count, activity and subsidy are zero.
    assert (v01["activities"], v01["active_teams"], v01["team_members"]) == (0, 0, 9)
    assert rows.loc[("C01", pd.Timestamp(date(2010, 7, 1)))]["activities"] == 0


def test_every_kpi_for_the_whole_town_against_the_previous_quarter(con, parts, targets):
    k = tiles(con, parts, targets, ALL)
    assert list(k) == list(PLATFORM_RECORDS["culture"].kpi_row)
    assert (k["activities"].value, k["activities"].basis_value) == (4, 3)
    assert k["activities"].good is True
    assert (k["person_times"].value, k["person_times"].basis_value) == (300, 190)
    # participation 2011Q2: C01 240 + C02 60 over all 4,500 residents (the village's 500 count
    # though it held nothing); 2011Q1: 190 / 4,500.
    assert k["participation_per_1000"].value == pytest.approx(300 / 4.5)
    assert k["participation_per_1000"].basis_value == pytest.approx(190 / 4.5)
    assert k["participation_per_1000"].good is True
    # three active teams in both quarters: no change, neither good nor bad
    assert (k["active_teams"].value, k["active_teams"].delta) == (3, 0)
    assert k["active_teams"].good is None
    assert (k["team_members"].value, k["team_members"].basis_value) == (67, 45)
    assert (k["subsidy_yuan"].value, k["subsidy_yuan"].basis_value) == (4000, 3600)
    assert (k["trainees"].value, k["trainees"].basis_value) == (90, 25)
    # placement 2011Q2: 17 / 90; 2011Q1: 5 / 25 = 20% -> a fall, bad news
    assert k["placement_rate"].value == pytest.approx(17 / 90 * 100)
    assert k["placement_rate"].basis_value == pytest.approx(20.0)
    assert k["placement_rate"].good is False


def test_kpis_against_the_same_quarter_a_year_before(con, parts, targets):
    k = tiles(con, parts, targets, ALL, basis="yoy")
    assert k["activities"].basis_value == 1  # A6 in 2010Q2
    assert k["person_times"].basis_value == 80
    assert (k["active_teams"].basis_value, k["team_members"].basis_value) == (1, 12)
    assert k["subsidy_yuan"].basis_value == 1000
    assert k["trainees"].basis_value == 10
    assert k["placement_rate"].basis_value == pytest.approx(0.0)
    assert k["placement_rate"].good is True


def test_kpis_for_a_single_community(con, parts, targets):
    k = tiles(con, parts, targets, ["C01"])
    assert (k["activities"].value, k["activities"].basis_value) == (3, 2)
    assert (k["person_times"].value, k["person_times"].basis_value) == (240, 150)
    assert k["participation_per_1000"].value == pytest.approx(240.0)  # 240 / 1,000 residents
    assert k["participation_per_1000"].basis_value == pytest.approx(150.0)
    # T2 stopped in 2011Q2: two active teams become one -- bad news
    assert (k["active_teams"].value, k["active_teams"].basis_value) == (1, 2)
    assert k["active_teams"].good is False
    assert (k["team_members"].value, k["team_members"].basis_value) == (38, 35)
    assert (k["subsidy_yuan"].value, k["subsidy_yuan"].basis_value) == (2400, 2700)
    assert k["subsidy_yuan"].good is False
    assert (k["trainees"].value, k["trainees"].basis_value) == (30, 25)
    assert k["placement_rate"].value == pytest.approx(40.0)  # 12 / 30
    assert k["placement_rate"].basis_value == pytest.approx(20.0)  # 5 / 25


def test_participation_target_and_its_basis(con, parts, targets):
    # The fixture's town target for participation is 100 per 1,000; C01 has no own target.
    k = tiles(con, parts, targets, ["C01"], basis="target")
    assert k["participation_per_1000"].target == 100.0
    assert k["participation_per_1000"].delta == pytest.approx(140.0)
    assert k["participation_per_1000"].good is True
    # counts have no targets: nothing to compare against
    assert k["activities"].delta is None and k["activities"].good is None


def test_no_communities_give_no_rows_and_no_values(con, parts, targets):
    df = db.run(con, "culture_parts_by_community_quarter", params([]))
    assert df.empty
    assert not culture.has_data(kpi.aggregate(df, []), Q1, Q2)
    k = tiles(con, parts, targets, [])
    assert all(tile.value is None for tile in k.values())


def test_a_period_without_culture_data_is_empty(con):
    df = db.run(con, "culture_parts_by_community_quarter", params())
    town = kpi.aggregate(df, ALL)
    assert not culture.has_data(town, date(2010, 7, 1), date(2010, 10, 1))
    assert culture.has_data(town, Q2_2010, Q2_2010)


# ---- activities ------------------------------------------------------------------------------


def test_activities_by_venue_and_kind_over_the_period(con):
    df = db.run(con, "culture_activities_by_venue_kind", params())
    got = {(r.venue, r.kind): (r.activities, r.person_times) for r in df.itertuples()}
    assert got == {
        (SQUARE, "文艺"): (2, 190),  # A1 150 + A9 40 (A6 is 2010, A8 after the period)
        (SCHOOL, "讲座"): (1, 50),
        (CENTRE, "体育"): (1, 60),
        (CENTRE, "文艺"): (1, 120),
        (ADULT, "讲座"): (1, 40),
        (PARTY, "培训"): (1, 30),
    }
    one = db.run(con, "culture_activities_by_venue_kind", params(["C02"]))
    assert one[["venue", "activities", "person_times"]].values.tolist() == [
        [ADULT, 1, 40],
        [CENTRE, 1, 60],
    ]
    assert db.run(con, "culture_activities_by_venue_kind", params([])).empty


def test_brand_activities_and_their_share_of_person_times(con):
    df = by(db.run(con, "culture_activities_by_brand", params()), "brand")
    assert set(df) == {OWN, STAGE, NEW_HOME}  # '无' is left out
    # all person-times in 2011Q1-Q2: 240 + 60 + 150 + 40 = 490
    assert (df[OWN]["activities"], df[OWN]["person_times"]) == (3, 250)  # A1, A3, A9
    assert df[OWN]["communities"] == 2
    assert df[OWN]["share_pct"] == pytest.approx(250 / 490 * 100)
    assert (df[STAGE]["person_times"], df[NEW_HOME]["person_times"]) == (120, 40)
    assert df[STAGE]["share_pct"] == pytest.approx(120 / 490 * 100)
    one = by(db.run(con, "culture_activities_by_brand", params(["C02"])), "brand")
    # C02: A3 60 (一居一品) and A5 40 (迁新居): 60 / 100 of its person-times
    assert one[OWN]["share_pct"] == pytest.approx(60.0)
    assert db.run(con, "culture_activities_by_brand", params([])).empty


def test_one_brand_per_community_lists_every_community(con):
    df = db.run(con, "culture_community_brand_by_community", params())
    assert df["community_id"].tolist() == ["C01", "C02", "V01"]  # most person-times first
    rows = by(df, "community_id")
    assert (rows["C01"]["activities"], rows["C01"]["person_times"]) == (2, 190)  # A1, A9
    assert (rows["C01"]["main_kind"], rows["C01"]["main_venue"]) == ("文艺", SQUARE)
    assert rows["C01"]["latest_date"] == pd.Timestamp(date(2011, 6, 30))
    assert (rows["C02"]["activities"], rows["C02"]["main_venue"]) == (1, CENTRE)
    assert (rows["V01"]["activities"], rows["V01"]["person_times"]) == (0, 0)
    assert pd.isna(rows["V01"]["main_kind"])
    # a year earlier only C02 had its brand activity (A6)
    early = by(
        db.run(con, "culture_community_brand_by_community", params(ALL, Q2_2010, Q2_2010)),
        "community_id",
    )
    assert (early["C02"]["activities"], early["C01"]["activities"]) == (1, 0)


# ---- social teams ----------------------------------------------------------------------------


def test_teams_by_kind(con):
    rows = by(teams(con, "kind"), "kind")
    # T6 (founded 2011-08) is not yet a team at 2011Q2
    assert set(rows) == {"风筝队", "晨练队", "书画班", "舞蹈队"}
    assert rows["风筝队"] == {
        "teams": 1,
        "active_teams": 1,
        "members_end": 22,
        "team_activities": 11,  # 5 + 6
        "subsidy_yuan": 3100.0,  # 1500 + 1600
    }
    # 晨练队: T2 (C01) and T4 (C02); members at 2011Q2 16 + 8, activities 4 + 0 + 1
    assert rows["晨练队"] == {
        "teams": 2,
        "active_teams": 2,
        "members_end": 24,
        "team_activities": 5,
        "subsidy_yuan": 2600.0,
    }
    assert (rows["舞蹈队"]["teams"], rows["舞蹈队"]["active_teams"]) == (1, 0)
    assert culture.team_totals(teams(con, "kind")) == {
        "teams": 5,
        "active": 4,
    }


def test_teams_by_community_with_zeros(con):
    rows = by(teams(con, "community"), "community_id")
    assert (rows["C01"]["teams"], rows["C01"]["members_end"]) == (2, 38)
    assert (rows["C01"]["team_activities"], rows["C01"]["subsidy_yuan"]) == (15, 5100.0)
    assert (rows["C02"]["teams"], rows["C02"]["members_end"], rows["C02"]["subsidy_yuan"]) == (
        2,
        20,
        2500.0,
    )
    assert (rows["V01"]["teams"], rows["V01"]["active_teams"]) == (1, 0)
    # in 2010Q2 only T1 existed
    early = by(teams(con, "community", params(ALL, Q2_2010, Q2_2010)), "community_id")
    assert (early["C01"]["teams"], early["C02"]["teams"], early["V01"]["teams"]) == (1, 0, 0)
    one = teams(con, "community", params(["V01"]))
    assert one["community_id"].tolist() == ["V01"]


# ---- training --------------------------------------------------------------------------------


def test_trainings_by_kind_and_placement_rate(con):
    rows = by(db.run(con, "culture_trainings_by_kind", params()), "kind")
    assert set(rows) == {"职业技能", "就业指导", "科普"}  # TR5 (文明素质) is 2010
    assert (rows["职业技能"]["courses"], rows["职业技能"]["trainees"]) == (2, 55)
    assert rows["职业技能"]["placed"] == 17
    assert rows["职业技能"]["placement_rate"] == pytest.approx(17 / 55 * 100)
    assert rows["就业指导"]["placement_rate"] == pytest.approx(25.0)
    assert rows["科普"]["placement_rate"] == pytest.approx(0.0)
    assert db.run(con, "culture_trainings_by_kind", params([])).empty


# ---- honours and records ---------------------------------------------------------------------


def test_honours_in_date_order(con):
    df = db.run(con, "culture_honours_timeline")
    assert df["honour_id"].tolist() == ["HN1", "HN2", "HN3"]
    assert df["level"].tolist() == ["全国", "上海市", "上海市"]


def test_activity_records_newest_first_within_the_filter(con):
    df = db.run(con, "culture_activities_records", params())
    assert df["activity_id"].tolist() == ["A9", "A3", "A2", "A1", "A7", "A5", "A4"]
    assert df.iloc[0]["community_zh"] == "甲社区"
    one = db.run(con, "culture_activities_records", params(["C02"]))
    assert one["activity_id"].tolist() == ["A3", "A5"]
    assert db.run(con, "culture_activities_records", params([])).empty


def test_team_and_training_records(con):
    teams = db.run(con, "culture_teams_records", params())
    assert len(teams) == 8  # all team-quarters of 2011Q1-Q2 (T1 2010Q2 left out)
    assert teams["quarter"].iloc[0] == pd.Timestamp(Q2)
    assert teams.iloc[0][["team_id", "team_zh", "team_kind"]].tolist() == [
        "T1",
        "甲社区风筝队",
        "风筝队",
    ]
    courses = db.run(con, "culture_trainings_records", params(["C01"]))
    assert courses["training_id"].tolist() == ["TR1", "TR4"]
    assert courses["placement_rate"].tolist() == pytest.approx([40.0, 20.0])
