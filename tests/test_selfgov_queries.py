"""民主自治 queries and KPIs against a hand-made fixture; every figure is computed by hand.

The fixture (ROWS below) is the shared tiny town with self-governance records added:

- communities C01 (5 households), C02 (2), village V01 (1); quarters 2010Q2 .. 2011Q2;
- stairwells S1, S2 (building B1, C01), S4 (B3, C01), S3 (B2, C02); the village has none;
- rating rounds 2010-09-30, 2011-03-31, 2011-06-30 (stars S1 / S2 / S3 / S4):
  2 1 2 3 | 3 2 3 2 | 4 2 3 5  -> 3+ stars 1/4, 2/4, 3/4;
- elections: C01 2009-04-10 640/800, 2011-04-15 738/820; C02 2009-05-20 1,700/2,000,
  2011-05-05 1,827/2,100; none in the village;
- three meetings (attendance, adopted, carried out): T4 C01 2011-01-20 议事会 20 2 1;
  T1 C01 2011-04-10 议事会 30 4 3; T2 C01 2011-05-10 听证会 50 2 2; T5 V01 2011-05-15 议事会
  10 0 0; T3 C02 2011-06-10 协调会 12 3 1;
- volunteers: V1 H1 C01 治安 2010-05-01; V4 H3 C01 创评 2010-11-15; V5 H7 V01 治安 2011-02-01;
  V2 H1 C01 卫生 2011-05-01; V3 H5 C02 调解 2011-05-01;
- mediations: D5 C01 2011-02-10 ok; D1 C01 2011-04-01 ok; D2 C01 2011-04-02 failed;
  D4 C02 2011-05-20 ok; D3 V01 2011-06-02 ok.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from governance import db, kpi, selfgov
from governance.filters import Filters
from tests.fixtures.runners import TOWN
from tests.fixtures.selfgov import ALL, EMPTY_ROWS, Q1, Q2, Q2_10, Q3_10, R1, R2, R3, write


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    connection = db.connect(write(tmp_path_factory.mktemp("selfgov")))
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def empty_con(tmp_path_factory):
    connection = db.connect(write(tmp_path_factory.mktemp("selfgov_empty"), EMPTY_ROWS))
    yield connection
    connection.close()


def params(communities=ALL, period_from=Q2_10, period_to=Q2, **extra) -> dict[str, object]:
    return {
        "period_from": period_from,
        "period_to": period_to,
        "communities": list(communities),
        "building_id": None,
        "stairwell_id": None,
        **extra,
    }


def page_kpis(connection, communities=ALL, period_from=Q2_10, period_to=Q2, basis="qoq"):
    """The KPI row exactly as the page builds it."""
    p = params(communities, period_from, period_to)
    shared = db.run(connection, "indicator_parts_by_community_quarter", TOWN)
    own = db.run(connection, "selfgov_parts_by_community_quarter", p)
    targets = db.run(connection, "targets_all", TOWN)
    # the turnout's "only with an election in the period" is the registry's shown_when now
    # (elections_held parts), no longer the count of election records handed in
    both = pd.concat([shared, own], ignore_index=True)
    return kpi.page_tiles(
        "selfgov", both, targets, communities, Filters(period_from, period_to, basis=basis)
    )


def at(df: pd.DataFrame, **where) -> pd.DataFrame:
    mask = pd.Series(True, index=df.index)
    for col, value in where.items():
        if isinstance(value, date):
            mask &= pd.to_datetime(df[col]) == pd.Timestamp(value)
        else:
            mask &= df[col] == value
    return df[mask]


# ---- the KPI row -------------------------------------------------------------------------------


def test_kpi_values_for_the_whole_town(con):
    k = page_kpis(con)
    # 2011Q2 round: S1 4, S2 2, S3 3, S4 5 -> 3 of 4 at 3+ stars.
    assert k["star3_share"].value == pytest.approx(75.0)
    # Latest elections by 2011Q2: C01 738/820, C02 1,827/2,100 -> 2,565 / 2,920.
    assert k["election_turnout"].value == pytest.approx(2565 / 2920 * 100)
    # 2011Q2 meetings: T1, T2 (C01), T3 (C02), T5 (V01).
    assert k["meetings_held"].value == 4
    # Carried out / adopted: (3 + 2 + 1 + 0) / (4 + 2 + 3 + 0) = 6 / 9.
    assert k["decisions_carried_out_rate"].value == pytest.approx(6 / 9 * 100)
    # On the rolls by the end of 2011Q2: all five volunteers.
    assert k["volunteers"].value == 5
    # Households with a volunteer: C01 H1, H3 (of 5), C02 H5 (of 2), V01 H7 (of 1) -> 4 / 8.
    assert k["volunteer_household_share"].value == pytest.approx(50.0)
    # 2011Q2 mediations: D1, D2, D4, D3; resolved 3.
    assert k["mediations"].value == 4
    assert k["mediation_success_rate"].value == pytest.approx(75.0)


def test_kpi_changes_against_the_previous_quarter_are_coloured_by_direction(con):
    k = page_kpis(con)
    # 2011Q1: round 2011-03-31 2/4 = 50%; turnout of the 2009 elections 2,340 / 2,800.
    assert k["star3_share"].basis_value == pytest.approx(50.0)
    assert k["star3_share"].delta == pytest.approx(25.0) and k["star3_share"].good is True
    assert k["election_turnout"].basis_value == pytest.approx(2340 / 2800 * 100)
    assert k["election_turnout"].good is True
    assert (k["meetings_held"].basis_value, k["meetings_held"].good) == (1, True)
    assert k["decisions_carried_out_rate"].basis_value == pytest.approx(50.0)  # T4: 1 of 2
    assert (k["volunteers"].basis_value, k["volunteers"].delta) == (3, 2)  # V1, V4, V5
    assert k["volunteer_household_share"].basis_value == pytest.approx(3 / 8 * 100)
    # More disputes (1 -> 4) is bad news even though the number rose.
    assert k["mediations"].delta == 3 and k["mediations"].good is False
    # Success 1/1 -> 3/4: down 25 points, bad.
    assert k["mediation_success_rate"].delta == pytest.approx(-25.0)
    assert k["mediation_success_rate"].good is False


def test_kpi_year_on_year_and_target(con):
    yoy = page_kpis(con, basis="yoy")
    # 2010Q2 had no rating round: no comparison rather than a made-up one.
    assert yoy["star3_share"].basis_value is None and yoy["star3_share"].delta is None
    # 2010Q2: the 2009 elections were in force.
    assert yoy["election_turnout"].basis_value == pytest.approx(2340 / 2800 * 100)
    assert yoy["volunteers"].basis_value == 1  # V1 only
    target = page_kpis(con, basis="target")
    # it read good is False: 3 of 4 stairwells rated, the small-sample rule (governance/sample.py,
    # issue 20): fewer than 10 cases has no light
    assert target["star3_share"].target == 90.0 and target["star3_share"].good is None
    # it read light "red" (75 misses 90 by more than 10% of it): 3 of 4 stairwells rated
    assert target["star3_share"].light is None and target["star3_share"].small
    assert target["election_turnout"].target == 85.0
    assert target["election_turnout"].delta == pytest.approx(2565 / 2920 * 100 - 85.0)
    assert target["election_turnout"].good is True
    assert target["meetings_held"].target is None and target["meetings_held"].delta is None


def test_kpi_values_for_a_single_community(con):
    k = page_kpis(con, ["C01"])
    assert k["star3_share"].value == pytest.approx(2 / 3 * 100)  # S1 4, S2 2, S4 5
    assert k["star3_share"].target == 60.0  # C01's own target wins over the town's 90
    assert k["election_turnout"].value == pytest.approx(90.0)  # 738 / 820
    assert k["meetings_held"].value == 2
    assert k["decisions_carried_out_rate"].value == pytest.approx(5 / 6 * 100)
    assert k["volunteers"].value == 3
    assert k["volunteer_household_share"].value == pytest.approx(2 / 5 * 100)
    assert k["mediations"].value == 2
    assert k["mediation_success_rate"].value == pytest.approx(50.0)


def test_the_village_has_no_stairwells_no_elections_and_no_adopted_decisions(con):
    k = page_kpis(con, ["V01"])
    assert k["star3_share"].value is None
    assert k["election_turnout"].value is None
    assert k["meetings_held"].value == 1
    assert k["decisions_carried_out_rate"].value is None  # T5 adopted nothing: not 0%
    assert k["volunteers"].value == 1
    assert k["volunteer_household_share"].value == pytest.approx(100.0)
    assert k["mediation_success_rate"].value == pytest.approx(100.0)


def test_turnout_needs_an_election_in_the_period(con):
    # 2010Q2 .. 2011Q1 holds no election: the 2009 turnout is not shown as if current.
    k = page_kpis(con, period_to=Q1)
    assert k["election_turnout"].value is None and k["election_turnout"].delta is None
    assert k["star3_share"].value == pytest.approx(50.0)


def test_kpis_when_there_are_no_self_governance_records(empty_con):
    k = page_kpis(empty_con)
    for indicator_id in ("star3_share", "election_turnout", "decisions_carried_out_rate"):
        assert k[indicator_id].value is None, indicator_id
    assert k["mediation_success_rate"].value is None
    assert k["meetings_held"].value == 0 and k["mediations"].value == 0
    assert k["volunteers"].value == 0
    assert k["volunteer_household_share"].value == pytest.approx(0.0)
    p = params()
    frames = [
        db.run(empty_con, name, {**p, "scope": db.WHOLE_TOWN})
        for name in (
            "selfgov_election_records",
            "selfgov_meeting_records",
            "selfgov_mediation_records",
            "selfgov_star_counts_by_round",
        )
    ]
    assert selfgov.nothing_to_show(frames, k["volunteers"].value)
    assert db.run(empty_con, "selfgov_rating_rounds", p).empty
    assert db.run(empty_con, "selfgov_volunteer_records", p).empty


# ---- the parts query -------------------------------------------------------------------------


def test_parts_fill_quarters_without_events_with_zero(con):
    parts = db.run(con, "selfgov_parts_by_community_quarter", params())
    meetings = at(parts, indicator_id="meetings_held", quarter=Q3_10)
    assert sorted(meetings["community_id"]) == ALL and meetings["num"].sum() == 0
    # Turnout rows only where a community has voted: never the village.
    turnout = at(parts, indicator_id="election_turnout")
    assert set(turnout["community_id"]) == {"C01", "C02"}
    assert len(turnout) == 2 * 5  # two communities, five quarters
    c01 = at(turnout, community_id="C01", quarter=Q1).iloc[0]
    assert (c01["num"], c01["den"]) == (640, 800)  # E1 still in force before E3


def test_parts_cover_only_the_chosen_communities(con):
    parts = db.run(con, "selfgov_parts_by_community_quarter", params(["C02"]))
    assert set(parts["community_id"]) == {"C02"}


# ---- records -----------------------------------------------------------------------------------


def test_election_records_in_the_period_newest_first_with_turnout(con):
    df = db.run(con, "selfgov_election_records", params())
    assert df["election_id"].tolist() == ["E4", "E3"]
    assert df["turnout_pct"].tolist() == [87.0, 90.0]  # 1,827 / 2,100 and 738 / 820
    wide = db.run(con, "selfgov_election_records", params(period_from=date(2009, 1, 1)))
    assert len(wide) == 4


def test_meeting_records_newest_first_with_the_share_carried_out(con):
    df = db.run(con, "selfgov_meeting_records", params())
    assert df["meeting_id"].tolist() == ["T3", "T5", "T2", "T1", "T4"]
    rates = df.set_index("meeting_id")["carried_out_pct"]
    assert rates["T3"] == pytest.approx(33.3) and rates["T1"] == pytest.approx(75.0)
    assert pd.isna(rates["T5"])  # nothing adopted: no rate, not 0%
    c02 = db.run(con, "selfgov_meeting_records", params(["C02"]))
    assert c02["meeting_id"].tolist() == ["T3"]


def test_mediation_and_volunteer_records(con):
    cases = db.run(con, "selfgov_mediation_records", params(period_from=Q2))
    assert cases["case_id"].tolist() == ["D3", "D4", "D2", "D1"]
    volunteers = db.run(con, "selfgov_volunteer_records", params())
    assert volunteers["volunteer_id"].tolist() == ["V3", "V2", "V5", "V4", "V1"]
    by_q1 = db.run(con, "selfgov_volunteer_records", params(period_to=Q1))
    assert by_q1["volunteer_id"].tolist() == ["V5", "V4", "V1"]


# ---- stairwell ratings -------------------------------------------------------------------------


def test_star_distribution_per_round(con):
    df = db.run(con, "selfgov_star_counts_by_round", params())
    assert [d.date() for d in df["round_date"]] == [R1, R2, R3]
    stars = df[["stars_1", "stars_2", "stars_3", "stars_4", "stars_5"]].to_numpy().tolist()
    assert stars == [[1, 2, 1, 0, 0], [0, 2, 2, 0, 0], [0, 1, 1, 1, 1]]
    assert df["rated"].tolist() == [4, 4, 4]
    assert df["star3_share"].tolist() == pytest.approx([25.0, 50.0, 75.0])


def test_star_distribution_drills_to_a_building_and_a_stairwell(con):
    building = db.run(con, "selfgov_star_counts_by_round", params(["C01"], building_id="B1"))
    # B1 is S1 and S2: 2 1 | 3 2 | 4 2.
    assert building["star3_share"].tolist() == pytest.approx([0.0, 50.0, 50.0])
    well = db.run(con, "selfgov_star_counts_by_round", params(["C01"], stairwell_id="S1"))
    assert well["rated"].tolist() == [1, 1, 1]
    assert well["star3_share"].tolist() == pytest.approx([0.0, 100.0, 100.0])
    history = db.run(con, "selfgov_rating_records", params(["C01"], stairwell_id="S1"))
    assert history["stars"].tolist() == [4, 3, 2]  # newest round first


def test_star_distribution_follows_the_period(con):
    df = db.run(con, "selfgov_star_counts_by_round", params(period_from=Q1))
    assert [d.date() for d in df["round_date"]] == [R2, R3]
    before = db.run(con, "selfgov_star_counts_by_round", params(period_to=Q2_10))
    assert before.empty


def test_star_share_per_community_and_building(con):
    df = db.run(con, "selfgov_star_share_by_community_round", params())
    c01 = at(df, community_id="C01")["star3_share"].tolist()
    assert c01 == pytest.approx([100 / 3, 100 / 3, 200 / 3])
    assert at(df, community_id="C02")["star3_share"].tolist() == pytest.approx([0, 100, 100])
    assert "V01" not in set(df["community_id"])
    buildings = db.run(con, "selfgov_star_share_by_building_round", params(["C01"]))
    b3 = at(buildings, building_id="B3")["star3_share"].tolist()
    assert b3 == pytest.approx([100.0, 0.0, 100.0])  # S4: 3, 2, 5 stars
    assert set(buildings["building_id"]) == {"B1", "B3"}


def test_rating_rounds_and_stairwells_of_the_scope(con):
    rounds = db.run(con, "selfgov_rating_rounds", params())
    assert [d.date() for d in rounds["round_date"]] == [R1, R2, R3]
    assert db.run(con, "selfgov_rating_rounds", params(["V01"])).empty
    wells = db.run(con, "selfgov_stairwell_list", params(["C01"]))
    assert wells["stairwell_id"].tolist() == ["S1", "S2", "S4"]
    assert wells["building_id"].tolist() == ["B1", "B1", "B3"]


def test_rating_records_of_a_building(con):
    df = db.run(con, "selfgov_rating_records", params(["C01"], building_id="B1"))
    assert len(df) == 6  # two stairwells x three rounds
    assert df["round_date"].iloc[0].date() == R3  # newest round first


# ---- meetings and volunteers by kind / team ----------------------------------------------------


def test_meetings_by_kind_and_quarter(con):
    df = db.run(con, "selfgov_meetings_by_kind_quarter", params(period_from=Q1))
    assert len(df) == 2 * 3  # two quarters x three kinds, zeros included
    q2 = at(df, quarter=Q2).set_index("kind")
    assert q2.loc["议事会", "meetings"] == 2  # T1 and T5
    assert q2.loc["议事会", "attendance"] == 40
    assert (q2.loc["议事会", "decisions_adopted"], q2.loc["议事会", "decisions_implemented"]) == (
        4,
        3,
    )
    assert q2.loc["协调会", "decisions_implemented"] == 1
    q1 = at(df, quarter=Q1).set_index("kind")
    assert q1["meetings"].tolist() == [1, 0, 0]


def test_volunteers_by_team_per_quarter(con):
    df = db.run(con, "selfgov_volunteers_by_team_quarter", params(period_from=Q1))
    q1 = at(df, quarter=Q1).set_index("team")
    assert q1["on_rolls"].tolist() == [2, 0, 1, 0]  # V1 + V5, V4
    assert q1["joined"].tolist() == [1, 0, 0, 0]  # V5
    q2 = at(df, quarter=Q2).set_index("team")
    assert q2["on_rolls"].tolist() == [2, 1, 1, 1]
    assert q2["joined"].tolist() == [0, 1, 0, 1]


def test_volunteers_by_community_and_team(con):
    df = db.run(con, "selfgov_volunteers_by_community_team", params())
    c01 = at(df, community_id="C01").set_index("team")
    assert c01["volunteers"].tolist() == [1, 1, 1, 0]
    assert (c01["households"].iloc[0], c01["households_with_volunteer"].iloc[0]) == (5, 2)
    v01 = at(df, community_id="V01")
    assert v01["volunteers"].sum() == 1 and v01["households_with_volunteer"].iloc[0] == 1
    early = db.run(con, "selfgov_volunteers_by_community_team", params(period_to=Q3_10))
    assert early["volunteers"].sum() == 1  # only V1 had joined by 2010Q3


def test_breakdown_by_community_matches_the_kpis(con):
    p = params()
    shared = db.run(con, "indicator_parts_by_community_quarter", TOWN)
    own = db.run(con, "selfgov_parts_by_community_quarter", p)
    targets = db.run(con, "targets_all", TOWN)
    names = {"C01": "甲", "C02": "乙", "V01": "丙"}
    b = selfgov.breakdown(shared, own, targets, Q2, ALL, names, "star3_share")
    # C02 100% (S3 3 stars) first, then C01 2/3; the village has no stairwells.
    assert b.frame["community_id"].tolist() == ["C02", "C01"]
    assert b.frame["value"].tolist() == pytest.approx([100.0, 200 / 3])
    # it read ["green", "green"] (C02 vs 90, C01 vs its own 60): 1 and 3 stairwells rated,
    # the small-sample rule (governance/sample.py, issue 20): fewer than 10 cases has no light (the
    # bar is grey and says 样本少)
    assert b.frame["light"].tolist() == [None, None]
    assert b.missing == ["丙"]
    m = selfgov.breakdown(shared, own, targets, Q2, ALL, names, "mediations")
    # Fewer disputes first: C02 1, V01 1, C01 2.
    assert m.frame["community_id"].tolist() == ["C02", "V01", "C01"]
    t = selfgov.breakdown(shared, own, targets, Q2, ALL, names, "election_turnout")
    assert dict(zip(t.frame["community_id"], t.frame["value"], strict=True)) == pytest.approx(
        {"C01": 90.0, "C02": 87.0}
    )
