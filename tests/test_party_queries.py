"""The party-building queries and KPIs against a hand-made fixture, every figure by hand.

The shared fixture (tests/fixture_data.py) has two communities (C01, C02) and a village (V01)
over 2010Q2-2011Q2. Here it gains the party-building rows below; V01 has none at all.

By hand, quarter by quarter (Q1 = 2011Q1, Q2 = 2011Q2):

joint meetings      Q1: M3 (C01), M4 (C02)          Q2: M1, M5 (C01), M2 (C02)   2010Q3: M6 (C02)
issues (raised in)  Q1: I5 open (C01), I7 30 days (C02)
                    Q2: I1 15 d, I2 open, I3 26 d, I6 10 d (C01); I4 2 d (C02)
  -> Q2 town: 5 raised, 4 resolved = 80 %, mean (15 + 26 + 2 + 10) / 4 = 13.25 days
  -> Q1 town: 2 raised, 1 resolved = 50 %, mean 30 days
  -> Q2 C01: 4 raised, 3 resolved = 75 %, mean (15 + 26 + 10) / 3 = 17 days
patrols             Q1: PT3 C01 20 person-times, hazards 5 found / 2 handled
                    Q2: PT1 C01 12 pt 4/3, PT4 C01 6 pt 1/1, PT2 C02 8 pt 0/0
  -> Q2 town: 3 patrols, 26 pt, 5 found, 4 handled = 80 %; Q1: 1, 20, 5, 2 = 40 %
  -> Q2 C01: 2 patrols, 18 pt (Q1 20: fewer, which is bad), 80 %
partner units       PU1 企业 C01 2010-05, PU2 高校 C01 2011-04, PU3 部队 C02 2010-12,
                    PU4 公安 C02 2011-07 (after the data)
  -> in place: 2010Q2 1, 2010Q3 1, 2010Q4 2, Q1 2, Q2 3
contributions       PC5 C01 2010Q2 场地 1 / 800; PC4 C02 Q1 设施 5 / 12,500;
                    Q2 C01: PC1 场地 3 / 3,000, PC2 图书 200 / 6,000, PC3 讲座 2 / 1,500
committee members   CM1 C01 企业 2009-03, CM3 C02 部队 2010-11, CM2 C01 公安 2011-04,
                    CM4 C02 物业公司 2011-09 (after)  -> 2010Q3 1, 2010Q4 2, Q1 2, Q2 3
1+2+X bodies        C01: 党总支 5, 工作站 3, 居委会 7, 物业公司 2 (2009), 公安 1 (2011-05)
                    C02: 党总支 4, 居委会 6 (2009), 城管 1 (2011-08, after)
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from governance import db, kpi
from governance import party as pty
from governance.filters import Filters
from governance.indicators import PLATFORM_RECORDS
from tests.fixtures.party import ALL, FIRST, Q1, Q2, write_empty_party_fixture, write_party_fixture
from tests.fixtures.runners import TOWN


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    connection = db.connect(write_party_fixture(tmp_path_factory.mktemp("party")))
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def empty_con(tmp_path_factory):
    connection = db.connect(write_empty_party_fixture(tmp_path_factory.mktemp("party_empty")))
    yield connection
    connection.close()


def params(communities=None, period_from=Q1, period_to=Q2) -> dict[str, object]:
    return {
        "period_from": period_from,
        "period_to": period_to,
        "communities": list(communities or ALL),
        "scope": db.WHOLE_TOWN,
    }


def rows(con, communities=None) -> pd.DataFrame:
    """The one reading of the measures: per community and quarter."""
    return db.run(con, "party_measures_by_community_quarter", params(communities))


def parts(con, communities=None) -> pd.DataFrame:
    """The long parts every rate is computed from: the shared indicators' and the party's."""
    return pd.concat(
        [
            db.run(con, "indicator_parts_by_community_quarter", TOWN),
            db.run(con, "party_parts_by_community_quarter", params(communities)),
        ],
        ignore_index=True,
    )


def measures(con, communities=None) -> pd.DataFrame:
    chosen = list(communities or ALL)
    return pty.by_quarter(rows(con, chosen), parts(con, chosen), chosen).set_index("quarter")


def by_community(con, communities=None, period_from=Q1, period_to=Q2) -> pd.DataFrame:
    return pty.by_community(rows(con, communities), parts(con, communities), period_from, period_to)


def at(frame: pd.DataFrame, quarter: date) -> pd.Series:
    return frame.loc[pd.Timestamp(quarter)]


def kpis(con, communities, basis="qoq", period_to=Q2) -> dict[str, kpi.Kpi]:
    targets = db.run(con, "targets_all", TOWN)
    return kpi.page_tiles(
        "party",
        parts(con, communities),
        targets,
        communities,
        Filters(FIRST, period_to, basis=basis),
    )


# ---- measures by quarter -----------------------------------------------------------------------


def test_measures_by_quarter_town(con):
    m = measures(con)
    assert len(m) == 5, "one row per quarter of the data, even without any activity"
    q2 = at(m, Q2)
    assert q2["meetings"] == 3
    assert q2["units_present"] == 6 + 4 + 5
    assert (q2["issues_raised"], q2["issues_resolved"]) == (5, 4)
    assert q2["resolution_rate"] == pytest.approx(80.0)
    assert q2["mean_days_to_resolve"] == pytest.approx(13.25)
    assert (q2["patrols"], q2["person_times"]) == (3, 26)
    assert (q2["hazards_found"], q2["hazards_handled"]) == (5, 4)
    assert q2["hazard_handled_rate"] == pytest.approx(80.0)
    assert (q2["contributions"], q2["contribution_value_yuan"]) == (3, 10500.0)
    assert (q2["partner_units"], q2["committee_members"]) == (3, 3)
    q1 = at(m, Q1)
    assert (q1["meetings"], q1["issues_raised"], q1["issues_resolved"]) == (2, 2, 1)
    assert q1["resolution_rate"] == pytest.approx(50.0)
    assert q1["mean_days_to_resolve"] == pytest.approx(30.0)
    assert q1["hazard_handled_rate"] == pytest.approx(40.0)
    assert (q1["contributions"], q1["contribution_value_yuan"]) == (1, 12500.0)


def test_measures_by_quarter_zeros_and_stocks_in_quiet_quarters(con):
    m = measures(con)
    q3 = at(m, date(2010, 7, 1))  # only M6, a meeting with no issues
    assert (q3["meetings"], q3["issues_raised"], q3["patrols"]) == (1, 0, 0)
    assert pd.isna(q3["resolution_rate"]) and pd.isna(q3["mean_days_to_resolve"])
    assert pd.isna(q3["hazard_handled_rate"])
    # stocks: PU1 from 2010Q2, PU3 from 2010Q4; CM1 from 2009, CM3 from 2010Q4
    assert m["partner_units"].tolist() == [1, 1, 2, 2, 3]
    assert m["committee_members"].tolist() == [1, 1, 2, 2, 3]


def test_measures_by_quarter_single_community(con):
    c01 = at(measures(con, ["C01"]), Q2)
    assert (c01["meetings"], c01["issues_raised"], c01["issues_resolved"]) == (2, 4, 3)
    assert c01["resolution_rate"] == pytest.approx(75.0)
    assert c01["mean_days_to_resolve"] == pytest.approx(17.0)
    assert (c01["patrols"], c01["person_times"]) == (2, 18)
    assert c01["hazard_handled_rate"] == pytest.approx(80.0)
    assert (c01["partner_units"], c01["committee_members"]) == (2, 2)
    c02 = at(measures(con, ["C02"]), Q2)
    assert pd.isna(c02["hazard_handled_rate"]), "no hazards found: no rate, not 0 %"
    assert c02["mean_days_to_resolve"] == pytest.approx(2.0)


def test_measures_by_quarter_empty(con, empty_con):
    village = measures(con, ["V01"])
    assert len(village) == 5
    assert village[["meetings", "issues_raised", "patrols", "contributions"]].sum().sum() == 0
    assert village[["partner_units", "committee_members"]].sum().sum() == 0
    assert village["resolution_rate"].isna().all()
    empty = measures(empty_con)
    assert len(empty) == 5 and empty["meetings"].sum() == 0 and empty["partner_units"].sum() == 0


def test_rates_agree_with_the_shared_indicator_parts(con):
    parts = db.run(con, "indicator_parts_by_community_quarter", TOWN)
    for communities in (ALL, ["C01"], ["C02"]):
        values = kpi.aggregate(parts, communities).set_index(["indicator_id", "quarter"])
        m = measures(con, communities)
        for quarter in (Q1, Q2):
            ts = pd.Timestamp(quarter)
            for ind, col in (
                ("issue_resolution_rate", "resolution_rate"),
                ("hazard_handled_rate", "hazard_handled_rate"),
            ):
                shared = values["value"].get((ind, ts))
                mine = m.loc[ts, col]
                if shared is None or pd.isna(shared):
                    assert pd.isna(mine)
                else:
                    assert mine == pytest.approx(shared)


# ---- the eight KPIs -----------------------------------------------------------------------------


def test_kpis_town_against_previous_quarter(con):
    k = kpis(con, ALL)
    assert list(k) == list(PLATFORM_RECORDS["party"].kpi_row)
    assert (k["joint_meetings_held"].value, k["joint_meetings_held"].delta) == (3, 1)
    assert k["joint_meetings_held"].good is True
    assert k["issue_resolution_rate"].value == pytest.approx(80.0)
    assert k["issue_resolution_rate"].delta == pytest.approx(30.0)
    assert k["issue_resolution_rate"].good is True
    days = k["issue_days_to_resolve"]
    assert days.value == pytest.approx(13.25)
    assert days.delta == pytest.approx(-16.75)
    assert days.good is True, "fewer days is good"
    assert (k["patrols_held"].value, k["patrols_held"].delta) == (3, 2)
    assert (k["patrol_person_times"].value, k["patrol_person_times"].delta) == (26, 6)
    assert k["hazard_handled_rate"].value == pytest.approx(80.0)
    assert k["hazard_handled_rate"].delta == pytest.approx(40.0)
    assert (k["partner_units"].value, k["partner_units"].delta) == (3, 1)
    assert (k["committee_members"].value, k["committee_members"].delta) == (3, 1)


def test_kpis_single_community_and_bad_changes(con):
    k = kpis(con, ["C01"])
    assert k["joint_meetings_held"].value == 2 and k["joint_meetings_held"].delta == 1
    assert k["issue_resolution_rate"].value == pytest.approx(75.0)
    assert k["issue_resolution_rate"].delta == pytest.approx(75.0)  # Q1: I5 open, 0 %
    # Q1 C01 had no issue resolved: no mean, so no change to colour
    assert k["issue_days_to_resolve"].value == pytest.approx(17.0)
    assert k["issue_days_to_resolve"].delta is None and k["issue_days_to_resolve"].good is None
    pt = k["patrol_person_times"]
    assert (pt.value, pt.delta, pt.good) == (18, -2, False), "fewer person-times is bad"
    assert k["partner_units"].value == 2 and k["committee_members"].value == 2
    c02 = kpis(con, ["C02"])
    assert c02["issue_days_to_resolve"].value == pytest.approx(2.0)
    assert c02["issue_days_to_resolve"].delta == pytest.approx(-28.0)
    assert c02["joint_meetings_held"].delta == 0 and c02["joint_meetings_held"].good is None
    assert c02["hazard_handled_rate"].value is None


def test_kpis_against_target_and_year(con):
    k = kpis(con, ALL, basis="target")
    # the fixture's town target for issue resolution is 80 %: met exactly
    res = k["issue_resolution_rate"]
    # it read (80.0, 0.0, True, "green"): the issues counted are fewer than 10, so under
    # the small-sample rule (governance/sample.py, issue 20): fewer than 10 cases has no light and
    # no verdict
    assert (res.target, res.delta, res.good, res.light) == (80.0, 0.0, None, None)
    assert res.small
    # no target for the page's own measures: nothing to compare with
    assert k["joint_meetings_held"].delta is None and k["joint_meetings_held"].light is None
    yoy = kpis(con, ALL, basis="yoy")
    # 2010Q2 had no meeting and one pairing (PU1) and one member (CM1)
    assert yoy["joint_meetings_held"].delta == 3
    assert yoy["partner_units"].delta == 2 and yoy["committee_members"].delta == 2


def test_kpis_empty(con, empty_con):
    k = kpis(con, ["V01"])
    assert k["joint_meetings_held"].value == 0 and k["patrols_held"].value == 0
    assert k["issue_resolution_rate"].value is None
    assert k["issue_days_to_resolve"].value is None
    assert k["hazard_handled_rate"].value is None
    assert k["partner_units"].value == 0 and k["committee_members"].value == 0
    e = kpis(empty_con, ALL)
    assert e["joint_meetings_held"].value == 0 and e["issue_resolution_rate"].value is None


def test_kpi_sparkline_covers_the_selected_period_only(con):
    k = kpis(con, ALL)
    series = k["joint_meetings_held"].series
    assert [q for q, _ in series] == [FIRST, date(2010, 7, 1), date(2010, 10, 1), Q1, Q2]
    assert [v for _, v in series] == [0, 1, 0, 2, 3]


# ---- by community --------------------------------------------------------------------------------


def test_measures_by_community(con):
    df = by_community(con).set_index("community_id")
    assert df.index.tolist() == ALL
    c01, c02, v01 = df.loc["C01"], df.loc["C02"], df.loc["V01"]
    # Q1-Q2 together: C01 M1, M3, M5; issues I1, I2, I3, I5, I6 (I1, I3, I6 resolved)
    assert (c01["meetings"], c01["issues_raised"], c01["issues_resolved"]) == (3, 5, 3)
    assert c01["resolution_rate"] == pytest.approx(60.0)
    assert c01["mean_days_to_resolve"] == pytest.approx(17.0)
    assert (c01["patrols"], c01["person_times"]) == (3, 38)
    assert c01["hazard_handled_rate"] == pytest.approx(60.0)  # 6 of 10
    assert (c01["contributions"], c01["contribution_value_yuan"]) == (3, 10500.0)
    assert (c01["bodies"], c01["partner_units"], c01["committee_members"]) == (5, 2, 2)
    assert (c02["meetings"], c02["issues_raised"], c02["issues_resolved"]) == (2, 2, 2)
    assert c02["mean_days_to_resolve"] == pytest.approx(16.0)
    assert pd.isna(c02["hazard_handled_rate"])
    assert (c02["bodies"], c02["partner_units"], c02["committee_members"]) == (2, 1, 1)
    assert v01["meetings"] == 0 and v01["bodies"] == 0 and pd.isna(v01["resolution_rate"])
    assert v01["community_zh"] == "丙村"


def test_measures_by_community_single_and_empty(con, empty_con):
    one = by_community(con, ["C02"])
    assert one["community_id"].tolist() == ["C02"]
    assert one["meetings"].iloc[0] == 2
    early = by_community(con, ["C01"], date(2010, 4, 1), date(2010, 4, 1)).iloc[0]
    # 2010Q2: only PC5 and PU1; CM1 (2009) and C01's core bodies were in place
    assert (early["meetings"], early["contributions"], early["partner_units"]) == (0, 1, 1)
    assert (early["committee_members"], early["bodies"]) == (1, 4)
    empty = by_community(empty_con)
    assert empty[["meetings", "patrols", "bodies", "partner_units"]].sum().sum() == 0


# ---- the one reading behind both grains --------------------------------------------------------


def test_one_row_per_community_and_quarter_with_its_own_counts(con):
    r = rows(con)
    assert len(r) == 3 * 5, "every chosen community in every quarter of the data"
    assert r["community_id"].tolist() == [c for c in ALL for _ in range(5)]
    c01 = r[(r["community_id"] == "C01") & (r["quarter"] == pd.Timestamp(Q2))].iloc[0]
    # M1 (6 units), M5 (5); I1 15 d, I2 open, I3 26 d, I6 10 d; PT1, PT4; PC1-PC3
    assert (c01["meetings"], c01["units_present"]) == (2, 11)
    assert (c01["issues_raised"], c01["issues_resolved"], c01["issues_in_hand"]) == (4, 3, 0)
    assert c01["days_to_resolve_total"] == 15 + 26 + 10
    assert (c01["patrols"], c01["person_times"]) == (2, 18)
    assert (c01["hazards_found"], c01["hazards_handled"]) == (5, 4)
    assert (c01["contributions"], c01["contribution_value_yuan"]) == (3, 10500.0)
    # in place at the end of 2011Q2: four bodies since 2008-09 and 公安 (2011-05); PU1, PU2;
    # CM1, CM2
    assert (c01["bodies"], c01["partner_units"], c01["committee_members"]) == (5, 2, 2)
    v01 = r[r["community_id"] == "V01"]
    assert v01["community_zh"].unique().tolist() == ["丙村"]
    # pty.FLOW_COLUMNS is gone with the rates computed from the wide counts: the counts are
    # every column but the names and the quarter
    counts = v01.drop(columns=[*pty.NAME_COLUMNS, "quarter"])
    assert counts.to_numpy().sum() == 0, "a community with nothing has zeros"


def test_both_grains_add_up_the_same_reading(con):
    """The tiles (by quarter) and the bars (by community at one quarter) agree: the counts and
    stocks of the communities at a quarter add up to the town's, and a rate over a period is
    a ratio of sums, not a mean of the quarters' rates."""
    r, p = rows(con), parts(con)
    town = pty.by_quarter(r, p, ALL).set_index("quarter")
    counts = ["meetings", "issues_raised", "issues_resolved", "patrols", "person_times"]
    counts += ["hazards_found", "contributions", "partner_units", "committee_members"]
    for quarter in (FIRST, date(2010, 7, 1), date(2010, 10, 1), Q1, Q2):
        bars = pty.by_community(r, p, quarter, quarter)
        assert bars[counts].sum().tolist() == town.loc[pd.Timestamp(quarter), counts].tolist()
    c01 = pty.by_community(r, p, Q1, Q2).set_index("community_id").loc["C01"]
    # Q1: I5 open (0 %), Q2: 3 of 4 (75 %) -> 3 of 5 = 60 %, not (0 + 75) / 2
    assert c01["resolution_rate"] == pytest.approx(60.0)
    # Q1: no issue resolved, Q2: 15 + 26 + 10 days over 3 -> 17, not undefined
    assert c01["mean_days_to_resolve"] == pytest.approx(17.0)


# ---- 1+2+X, categories, partners, members -----------------------------------------------


def test_bodies_by_community_in_place_at_period_end(con):
    df = db.run(con, "party_bodies_by_community", params())
    assert len(df) == 7, "C02's 城管 joined after 2011Q2"
    tiers = dict(zip(df["body_kind"], df["tier"], strict=False))
    assert tiers == {"党总支": "1", "工作站": "2", "居委会": "2", "物业公司": "X", "公安": "X"}
    q1 = db.run(con, "party_bodies_by_community", params(["C01"], Q1, Q1))
    assert "公安" not in q1["body_kind"].tolist() and len(q1) == 4
    assert db.run(con, "party_bodies_by_community", params(["V01"])).empty


def test_issues_by_category(con, empty_con):
    df = db.run(con, "party_issues_by_category", params()).set_index("category")
    assert df.index.tolist() == ["乱停车", "堆放易燃物", "毁绿踩踏", "违章搭建"]
    parking = df.loc["乱停车"]  # I1, I3, I5, I7; I5 open
    assert (parking["issues_raised"], parking["issues_resolved"], parking["issues_open"]) == (
        4,
        3,
        1,
    )
    assert parking["resolution_rate"] == pytest.approx(75.0)
    assert parking["mean_days_to_resolve"] == pytest.approx((15 + 26 + 30) / 3)
    assert df.loc["违章搭建", "resolution_rate"] == 0
    assert pd.isna(df.loc["违章搭建", "mean_days_to_resolve"])
    assert db.run(con, "party_issues_by_category", params(["V01"])).empty
    assert db.run(empty_con, "party_issues_by_category", params()).empty


def test_partners_by_kind(con):
    df = db.run(con, "party_partners_by_kind", params()).set_index("partner_kind")
    assert sorted(df.index) == sorted(["企业", "高校", "部队"]), "PU4 pairs after the period"
    assert (df.loc["企业", "partner_units"], df.loc["企业", "contributions"]) == (1, 2)
    assert df.loc["企业", "value_yuan"] == 9000.0, "PC5 (2010Q2) is outside the period"
    assert df.loc["部队", "value_yuan"] == 12500.0
    assert df["communities"].tolist() == [1, 1, 1]
    c02 = db.run(con, "party_partners_by_kind", params(["C02"]))
    assert c02["partner_kind"].tolist() == ["部队"]


def test_contributions_by_partner_kind(con):
    df = db.run(con, "party_contributions_by_partner_kind", params())
    got = {
        (r.partner_kind, r.contribution_kind): (r.contributions, r.quantity, r.value_yuan)
        for r in df.itertuples()
    }
    assert got == {
        ("企业", "场地"): (1, 3, 3000.0),
        ("企业", "图书"): (1, 200, 6000.0),
        ("高校", "讲座"): (1, 2, 1500.0),
        ("部队", "设施"): (1, 5, 12500.0),
    }
    whole = db.run(con, "party_contributions_by_partner_kind", params(period_from=FIRST))
    site = whole[(whole["partner_kind"] == "企业") & (whole["contribution_kind"] == "场地")]
    assert (site["quantity"].iloc[0], site["value_yuan"].iloc[0]) == (4, 3800.0)


def test_members_by_community(con):
    df = db.run(con, "party_members_by_community", params())
    got = {(r.community_id, r.unit_kind): r.members for r in df.itertuples()}
    assert got == {("C01", "企业"): 1, ("C01", "公安"): 1, ("C02", "部队"): 1}
    assert db.run(con, "party_members_by_community", params(["V01"])).empty


# ---- records ---------------------------------------------------------------------------------


def test_meeting_records_hold_meetings_with_their_issues(con):
    df = db.run(con, "party_meeting_records", params(period_from=FIRST))
    # 7 issues + M6 without issues
    assert len(df) == 8
    assert df["meeting_id"].iloc[0] == "M5", "newest first"
    m6 = df[df["meeting_id"] == "M6"]
    assert len(m6) == 1 and pd.isna(m6["issue_id"].iloc[0])
    i1 = df[df["issue_id"] == "I1"].iloc[0]
    assert i1["days_to_resolve"] == 15 and i1["community_zh"] == "甲社区"
    assert pd.isna(df[df["issue_id"] == "I2"]["days_to_resolve"].iloc[0])
    only_c02 = db.run(con, "party_meeting_records", params(["C02"]))
    assert sorted(only_c02["issue_id"]) == ["I4", "I7"]


def test_other_records(con):
    c = db.run(con, "party_contribution_records", params())
    assert c["contribution_id"].tolist() == ["PC3", "PC2", "PC1", "PC4"]
    assert c["value_yuan"].sum() == 23000.0
    assert c.set_index("contribution_id").loc["PC4", "partner_kind"] == "部队"
    p = db.run(con, "party_patrol_records", params())
    assert p["patrol_id"].tolist() == ["PT4", "PT2", "PT1", "PT3"]
    assert p["person_times"].sum() == 46
    u = db.run(con, "party_partner_records", params())
    assert u["partner_id"].tolist() == ["PU2", "PU3", "PU1"]
    assert u.set_index("partner_id").loc["PU1", "value_yuan"] == 9000.0
    m = db.run(con, "party_member_records", params())
    assert m["member_id"].tolist() == ["CM2", "CM3", "CM1"]


def test_records_empty(con, empty_con):
    for name in (
        "party_meeting_records",
        "party_contribution_records",
        "party_patrol_records",
        "party_partner_records",
        "party_member_records",
    ):
        assert db.run(con, name, params(["V01"])).empty, name
        assert db.run(empty_con, name, params()).empty, name
