"""The long-term management queries and KPIs against a hand-made fixture.

The shared fixture (tests/fixture_data.py) plus long-term rows. Quarters: Q1 = 2011Q1,
Q2 = 2011Q2 (the last quarter), Q4_2010 = 2010Q4. Communities C01 (company P01, 30,000 m²),
C02 (company P02, 60,000 m²) and the village V01 (no managed housing).

Hand-worked figures, used below:
- fee collection (shared fixture): 2011Q2 C01 3/4, C02 0/2 -> town 3/6 = 50%;
  2011Q1 C01 1/4, C02 1/2 -> town 2/6 = 33.3%.
- property score (area-weighted): 2011Q2 (78 x 30,000 + 88 x 60,000) / 90,000 = 84.667;
  2011Q1 (68 x 30,000 + 78 x 60,000) / 90,000 = 74.667.
- reward paid: 2011Q2 7,020 + 15,840 = 22,860; 2011Q1 6,120 + 10,000 = 16,120 (C02 was paid
  less than its formula amount 78% x 0.3 x 60,000 = 14,040); 2010Q4 5,000 (C01).
- grid cases reported 2011Q2: G1 C01 10 days, G2 C01 2 days, G3 C01 open, G4 C02 6 days,
  G5 C02 5 days (closed in Q3, counted in Q2), G8 C02 2 days -> 5 of 6 closed = 83.3%,
  days (10 + 2 + 6 + 5 + 2) / 5 = 5.0 (pooled over cases, not the mean of C01's 6 and
  C02's 4.33, which would be 5.17);
  2011Q1: G6 C01 4 days, G7 V01 open -> 1 of 2 = 50%, days 4.
- sanitation: 2011Q2 C01 80, 90, C02 70 -> 80; 2011Q1 C01 60.
- community assessment: 2011Q2 C01 90, C02 76, V01 60 -> 75.333; 2011Q1 C01 80, C02 70 -> 75.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from governance import db, kpi, longterm
from governance.indicators import PLATFORM_RECORDS
from tests.fixtures.longterm import ALL, Q1, Q2, Q4_2010, START, write_longterm_fixture
from tests.fixtures.runners import TOWN


@pytest.fixture(scope="module")
def lt_dir(tmp_path_factory) -> Path:
    return write_longterm_fixture(tmp_path_factory.mktemp("longterm"))


@pytest.fixture(scope="module")
def con(lt_dir):
    connection = db.connect(lt_dir)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def frames(con) -> dict[str, pd.DataFrame]:
    return {
        "parts": db.run(con, "indicator_parts_by_community_quarter", TOWN),
        "local": db.run(con, "longterm_kpi_parts_by_community_quarter", TOWN),
        "targets": db.run(con, "targets_all", TOWN),
    }


def params(start: date = START, end: date = Q2, communities: list[str] | None = None) -> dict:
    return {
        "period_from": start,
        "period_to": end,
        "communities": communities or ALL,
        "scope": db.WHOLE_TOWN,
    }


def kpis_for(frames, scope, basis="qoq", start=START, end=Q2):
    both = pd.concat([frames["parts"], frames["local"]], ignore_index=True)
    return kpi.kpis(
        PLATFORM_RECORDS["longterm"].kpi_row, both, frames["targets"], scope, start, end, basis
    )


# ---- KPI parts -------------------------------------------------------------------------------


def test_local_parts_hold_sums_and_counts(frames):
    local = frames["local"].set_index(["indicator_id", "community_id", "quarter"])
    # reward: a total, no denominator
    assert local.loc[("reward_paid", "C02", pd.Timestamp(Q1)), "num"] == 10000.0
    assert pd.isna(local.loc[("reward_paid", "C02", pd.Timestamp(Q1)), "den"])
    # days: C01 2011Q2 closed G1 (10 days) and G2 (2 days); G3 is open and not counted
    assert local.loc[("grid_days_to_close", "C01", pd.Timestamp(Q2)), ["num", "den"]].tolist() == [
        12.0,
        2.0,
    ]
    # G5 closed in July but was reported in Q2: it counts in Q2
    assert local.loc[("grid_days_to_close", "C02", pd.Timestamp(Q2)), ["num", "den"]].tolist() == [
        13.0,
        3.0,
    ]
    # V01's only case is open: no days row at all (not 0 days)
    assert ("grid_days_to_close", "V01", pd.Timestamp(Q1)) not in local.index
    assert local.loc[("community_score", "V01", pd.Timestamp(Q2)), ["num", "den"]].tolist() == [
        60.0,
        1.0,
    ]


# ---- every KPI of the row: whole town, one community, nothing ----------------------------------


def test_kpis_for_the_whole_town(frames):
    k = kpis_for(frames, ALL)
    assert k["fee_collection_rate"].value == pytest.approx(50.0)
    assert k["fee_collection_rate"].basis_value == pytest.approx(100 / 3)
    assert k["fee_collection_rate"].good is True
    assert k["property_score"].value == pytest.approx((78 * 30000 + 88 * 60000) / 90000)
    assert k["property_score"].basis_value == pytest.approx((68 * 30000 + 78 * 60000) / 90000)
    assert k["reward_paid"].value == pytest.approx(22860.0)
    assert k["reward_paid"].delta == pytest.approx(22860.0 - 16120.0)
    assert k["reward_paid"].good is True
    assert k["grid_closure_rate"].value == pytest.approx(500 / 6)
    assert k["grid_closure_rate"].basis_value == pytest.approx(50.0)
    assert k["grid_days_to_close"].value == pytest.approx(25 / 5)
    assert k["grid_days_to_close"].basis_value == pytest.approx(4.0)
    assert k["grid_days_to_close"].good is False  # more days is bad news
    assert k["sanitation_score"].value == pytest.approx(80.0)
    assert k["sanitation_score"].basis_value == pytest.approx(60.0)
    assert k["community_score"].value == pytest.approx((90 + 76 + 60) / 3)
    assert k["community_score"].basis_value == pytest.approx(75.0)
    assert k["community_score"].good is True
    # the town's fee target (60) from the targets table
    assert k["fee_collection_rate"].target == 60.0
    # it read light == "red": 3 of 6 households billed, the small-sample rule (governance/sample.py,
    # issue 20): fewer than 10 cases has no light
    assert k["fee_collection_rate"].light is None and k["fee_collection_rate"].small


def test_kpis_for_a_single_community(frames):
    k = kpis_for(frames, ["C01"])
    assert k["fee_collection_rate"].value == pytest.approx(75.0)
    assert k["fee_collection_rate"].basis_value == pytest.approx(25.0)
    assert k["property_score"].value == pytest.approx(78.0)
    assert k["reward_paid"].value == pytest.approx(7020.0)
    assert k["reward_paid"].basis_value == pytest.approx(6120.0)
    assert k["grid_closure_rate"].value == pytest.approx(200 / 3)
    assert k["grid_days_to_close"].value == pytest.approx(6.0)
    assert k["grid_days_to_close"].basis_value == pytest.approx(4.0)
    assert k["sanitation_score"].value == pytest.approx(85.0)
    assert k["community_score"].value == pytest.approx(90.0)
    assert k["community_score"].delta == pytest.approx(10.0)


def test_a_single_community_uses_its_own_target(frames):
    k = kpis_for(frames, ["C02"], basis="target")
    assert k["fee_collection_rate"].target == 40.0  # C02's own, not the town's 60
    assert k["fee_collection_rate"].value == pytest.approx(0.0)
    assert k["fee_collection_rate"].delta == pytest.approx(-40.0)
    # it read good is False: 0 of 2 households, the small-sample rule (governance/sample.py, issue
    # 20): fewer than 10 cases has no light and no verdict
    assert k["fee_collection_rate"].good is None and k["fee_collection_rate"].small
    # no target for the local KPIs: no change to show, no colour
    assert k["reward_paid"].delta is None and k["reward_paid"].good is None


def test_kpis_with_no_data_are_empty_not_zero(frames):
    # The village has no bills, assessments or rewards: no value, not 0.
    k = kpis_for(frames, ["V01"])
    assert k["fee_collection_rate"].value is None
    assert k["reward_paid"].value is None
    assert k["property_score"].value is None
    assert k["community_score"].value == pytest.approx(60.0)
    # a period before any long-term record: nothing at all, so the page shows its empty state
    early = (START, date(2010, 7, 1))
    assert not longterm.has_data(frames["parts"], frames["local"], ALL, *early)
    assert longterm.has_data(frames["parts"], frames["local"], ["V01"], START, Q2)
    empty = kpis_for(frames, ALL, start=early[0], end=early[1])
    assert all(k.value is None and k.series == [] for k in empty.values())


def test_yoy_without_a_year_before_has_no_change(frames):
    k = kpis_for(frames, ALL, basis="yoy")
    assert k["reward_paid"].basis_value is None and k["reward_paid"].delta is None
    assert k["fee_collection_rate"].delta is None


# ---- fee collection by company ----------------------------------------------------------------


def test_fee_rate_by_company_spans_every_quarter(con):
    df = db.run(con, "longterm_fee_rate_by_company_quarter", {"communities": ALL})
    got = {
        (r.company_id, r.quarter.date()): (r.households_billed, r.households_paid_full, r.rate_pct)
        for r in df.itertuples()
    }
    assert got == {
        ("P01", Q1): (4, 1, 25.0),
        ("P01", Q2): (4, 3, 75.0),
        ("P02", Q1): (2, 1, 50.0),
        ("P02", Q2): (2, 0, 0.0),
    }
    assert df["company_zh"].tolist() == ["甲物业", "甲物业", "乙物业", "乙物业"]


def test_fee_rate_by_company_single_community_and_empty(con):
    one = db.run(con, "longterm_fee_rate_by_company_quarter", {"communities": ["C02"]})
    assert one["company_id"].unique().tolist() == ["P02"]
    assert one["rate_pct"].tolist() == [50.0, 0.0]
    assert db.run(con, "longterm_fee_rate_by_company_quarter", {"communities": ["V01"]}).empty


# ---- property assessment and the reward fund -------------------------------------------------


def test_property_scores_by_company(con):
    df = db.run(con, "longterm_property_scores_by_company_quarter", params(Q2, Q2))
    p01 = df.set_index("company_id").loc["P01"]
    assert (p01["score_self"], p01["score_town"], p01["score_residents"], p01["score"]) == (
        90.0,
        80.0,
        70.0,
        78.0,
    )
    assert df["company_id"].tolist() == ["P01", "P02"]


def test_property_scores_weight_a_company_by_managed_area(tmp_path):
    # Both communities managed by P01: scores weighted by 30,000 and 60,000 m².
    rows = [
        ("P01", "C01", Q2, 90.0, 80.0, 70.0, 78.0, 30000.0),
        ("P01", "C02", Q2, 80.0, 90.0, 90.0, 88.0, 60000.0),
    ]
    rewards = [("P01", "C01", Q2, 7020.0), ("P01", "C02", Q2, 15840.0)]
    folder = write_longterm_fixture(tmp_path, property_assessments=rows, reward_payments=rewards)
    c = db.connect(folder)
    try:
        df = db.run(c, "longterm_property_scores_by_company_quarter", params())
        paid = db.run(c, "longterm_reward_paid_by_company_quarter", params())
    finally:
        c.close()
    row = df.iloc[0]
    assert len(df) == 1 and row["communities"] == 2 and row["managed_area_m2"] == 90000.0
    assert row["score_self"] == pytest.approx((90 * 30000 + 80 * 60000) / 90000)
    assert row["score_town"] == pytest.approx((80 * 30000 + 90 * 60000) / 90000)
    assert row["score_residents"] == pytest.approx((70 * 30000 + 90 * 60000) / 90000)
    assert row["score"] == pytest.approx((78 * 30000 + 88 * 60000) / 90000)
    # the company's formula amount from its weighted score equals the sum of its rows
    with_formula = longterm.with_formula(paid)
    assert with_formula["reward_yuan"].iloc[0] == pytest.approx(22860.0)
    assert with_formula["formula_yuan"].iloc[0] == pytest.approx(22860.0)


def test_reward_paid_by_company_quarter(con):
    df = db.run(con, "longterm_reward_paid_by_company_quarter", params())
    got = {(r.company_id, r.quarter.date()): r.reward_yuan for r in df.itertuples()}
    assert got == {
        ("P01", Q4_2010): 5000.0,
        ("P01", Q1): 6120.0,
        ("P02", Q1): 10000.0,
        ("P01", Q2): 7020.0,
        ("P02", Q2): 15840.0,
    }
    f = longterm.with_formula(df).set_index(["company_id", "quarter"])
    assert f.loc[("P02", pd.Timestamp(Q1)), "formula_yuan"] == pytest.approx(14040.0)
    assert f.loc[("P02", pd.Timestamp(Q1)), "gap_yuan"] == pytest.approx(-4040.0)
    assert f.loc[("P01", pd.Timestamp(Q2)), "gap_yuan"] == pytest.approx(0.0)
    assert pd.isna(f.loc[("P01", pd.Timestamp(Q4_2010)), "formula_yuan"])
    assert db.run(con, "longterm_reward_paid_by_company_quarter", params(communities=["V01"])).empty


def test_fund_by_year_is_town_wide_with_the_scope_beside_it(con):
    raw = db.run(con, "longterm_reward_fund_by_year", params(Q4_2010, Q2, ["C02"]))
    fund = longterm.fund_by_year(raw)
    assert fund["year"].tolist() == [2010, 2011]
    assert fund["quarters_paid"].tolist() == [1, 2]
    assert fund["paid_town_yuan"].tolist() == [5000.0, 38980.0]
    assert fund["paid_scope_yuan"].tolist() == [0.0, 25840.0]  # C02: 10,000 + 15,840
    assert fund["left_yuan"].tolist() == [995000.0, 961020.0]
    assert fund["used_pct"].tolist() == pytest.approx([0.5, 3.898])
    # a period within 2011 shows 2011 only
    only_2011 = db.run(con, "longterm_reward_fund_by_year", params(Q1, Q2))
    assert only_2011["year"].tolist() == [2011]
    # the fund is yearly: a period touching 2010 shows all of 2010 (its Q4 payment too)
    only_2010 = db.run(con, "longterm_reward_fund_by_year", params(START, START))
    assert only_2010["paid_town_yuan"].tolist() == [5000.0]
    no_payments = params(date(2009, 1, 1), date(2009, 10, 1))
    assert db.run(con, "longterm_reward_fund_by_year", no_payments).empty


# ---- grid cases -------------------------------------------------------------------------------


def test_grid_cases_by_category(con):
    df = db.run(con, "longterm_grid_cases_by_category", params(Q2, Q2)).set_index("category")
    assert df.index.tolist() == ["乱停车", "违章搭建", "毁绿踩踏"]  # most cases first
    assert df.loc["乱停车", ["cases", "closed", "open"]].tolist() == [3, 2, 1]
    assert df.loc["乱停车", "closure_rate_pct"] == pytest.approx(200 / 3)
    assert df.loc["乱停车", "mean_days_to_close"] == pytest.approx(3.5)  # (2 + 5) / 2
    assert df.loc["违章搭建", ["cases", "closed"]].tolist() == [2, 2]
    assert df.loc["违章搭建", "mean_days_to_close"] == pytest.approx(6.0)  # (10 + 2) / 2


def test_grid_cases_by_category_single_community_and_open_only(con):
    one = db.run(con, "longterm_grid_cases_by_category", params(Q1, Q2, ["V01"]))
    assert one["category"].tolist() == ["公共区域堆物"]
    assert one["closure_rate_pct"].tolist() == [0.0]
    assert pd.isna(one["mean_days_to_close"].iloc[0])  # nothing closed: no mean, not 0
    cats = longterm.grid_categories(one)
    assert len(cats) == 6 and cats["cases"].sum() == 1
    assert db.run(con, "longterm_grid_cases_by_category", params(START, Q4_2010)).empty


# ---- staff posts ------------------------------------------------------------------------------


def test_staff_budget_by_post_year(con):
    df = longterm.staff_table(db.run(con, "longterm_staff_budget_by_post_year", params()))
    assert df.to_dict("records") == [
        {"year": 2010, "post_kind": "社工", "headcount": 2, "budget_wan": 10.0},
        {"year": 2011, "post_kind": "社区书记", "headcount": 1, "budget_wan": 8.0},
        {"year": 2011, "post_kind": "社工", "headcount": 4, "budget_wan": 21.0},
        {"year": 2011, "post_kind": "网格管理员", "headcount": 1, "budget_wan": 4.0},
    ]
    one = db.run(con, "longterm_staff_budget_by_post_year", params(Q1, Q2, ["C02"]))
    assert one[["year", "post_kind", "headcount", "budget_yuan"]].values.tolist() == [
        [2011, "社工", 1, 60000.0]
    ]
    assert db.run(con, "longterm_staff_budget_by_post_year", params(START, START, ["V01"])).empty


# ---- records ----------------------------------------------------------------------------------


def test_fee_records_full_set_and_last_quarter(con):
    full = db.run(con, "longterm_fee_records", params())
    assert len(full) == 12
    assert full["quarter"].iloc[0].date() == Q2 and full["quarter"].iloc[-1].date() == Q1
    # the last quarter alone: the same query from period_to to period_to
    last = db.run(con, "longterm_fee_records", params(Q2, Q2, communities=["C01"]))
    assert len(last) == 4
    # arrears first: H4 paid 50 of 100
    assert last["household_id"].iloc[0] == "H4" and not last["paid_in_full"].iloc[0]
    assert last["paid_in_full"].sum() == 3  # H3 paid 120 of 100: in full
    assert db.run(con, "longterm_fee_records", params(Q2, Q2, communities=["V01"])).empty


def test_fee_summary_by_community_quarter(con):
    df = db.run(con, "longterm_fee_summary_by_community_quarter", params())
    first = df.iloc[0]
    assert (first["quarter"].date(), first["community_id"]) == (Q2, "C01")
    assert (first["households_billed"], first["households_paid_full"]) == (4, 3)
    assert first["rate_pct"] == pytest.approx(75.0)
    assert (first["billed_yuan"], first["paid_yuan"]) == (400.0, 370.0)
    assert df["households_billed"].sum() == len(db.run(con, "longterm_fee_records", params()))


def test_grid_records_newest_first_with_days(con):
    df = db.run(con, "longterm_grid_cases_records", params(Q1, Q2))
    assert df["case_id"].tolist() == ["G5", "G4", "G8", "G3", "G2", "G1", "G7", "G6"]
    days = df.set_index("case_id")["days_to_close"]
    assert days["G5"] == 5 and days["G1"] == 10 and pd.isna(days["G3"])


def test_assessment_reward_sanitation_and_staff_records(con):
    pa = db.run(con, "longterm_property_assessment_records", params(communities=["C02"]))
    assert pa["quarter"].dt.date.tolist() == [Q2, Q1]
    assert pa["company_zh"].tolist() == ["乙物业", "乙物业"]
    ca = db.run(con, "longterm_community_assessment_records", params(Q2, Q2))
    assert ca["community_id"].tolist() == ["C01", "C02", "V01"]
    assert ca["community_zh"].tolist() == ["甲社区", "乙社区", "丙村"]
    rp = db.run(con, "longterm_reward_payment_records", params())
    assert len(rp) == 5 and rp["quarter"].iloc[0].date() == Q2
    assert pd.isna(rp.set_index("quarter").loc[pd.Timestamp(Q4_2010), "score"])
    si = db.run(con, "longterm_sanitation_records", params(Q2, Q2))
    assert si["inspection_id"].tolist() == ["S3", "S2", "S1"]
    sp = db.run(con, "longterm_staff_post_records", params(Q1, Q2))
    assert len(sp) == 4 and set(sp["year"]) == {2011}


@pytest.mark.parametrize(
    "name",
    [
        "longterm_fee_records",
        "longterm_fee_summary_by_community_quarter",
        "longterm_grid_cases_records",
        "longterm_property_assessment_records",
        "longterm_community_assessment_records",
        "longterm_reward_payment_records",
        "longterm_sanitation_records",
        "longterm_property_scores_by_company_quarter",
        "longterm_reward_paid_by_company_quarter",
        "longterm_grid_cases_by_category",
    ],
)
def test_every_query_is_empty_before_the_records_start(con, name):
    assert db.run(con, name, params(START, date(2010, 7, 1))).empty
