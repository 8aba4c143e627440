"""The what-if page's queries against the hand-made fixture (figures computed by hand)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from governance import db
from tests import fixture_data
from tests.fixture_data import Q

ASSESS = "whatif_assessments_by_company_community_quarter"
FEES = "whatif_fee_households_by_community"


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    rows = dict(fixture_data.ROWS)
    rows["property_assessments"] = [
        *fixture_data.ROWS["property_assessments"],  # 2011Q2: P01/C01 78.0, P02/C02 88.0
        ("P01", "C01", Q[3], 80.0, 70.0, 60.0, 69.0, 30000.0),  # 2011Q1
        ("P02", "C02", Q[3], 70.0, 80.0, 90.0, 81.0, 60000.0),  # 2011Q1
        ("P01", "C01", Q[2], 60.0, 60.0, 60.0, 60.0, 30000.0),  # 2010Q4
    ]
    connection = db.connect(fixture_data.write(tmp_path_factory.mktemp("whatif_q"), rows))
    yield connection
    connection.close()


def run(con, name: str, start: date, end: date, communities: list[str]) -> pd.DataFrame:
    params = {"period_from": start, "period_to": end, "communities": communities}
    return db.run(con, name, {**params, "scope": db.WHOLE_TOWN})


def test_assessments_from_the_year_start_for_the_whole_town(con):
    # period 2011Q2 for C01 only: the fund needs 2011Q1 too (carry-over) and every community
    # (the cap is the town's), so 2011Q1 and 2011Q2 of C01 and C02 come back: 4 rows.
    df = run(con, ASSESS, Q[4], Q[4], ["C01"])
    assert len(df) == 4
    assert sorted(df["quarter"].dt.date.unique()) == [Q[3], Q[4]]
    shown = df[df["in_scope"]]
    assert shown[["company_id", "community_id"]].values.tolist() == [["P01", "C01"]]
    assert shown["quarter"].dt.date.tolist() == [Q[4]]
    assert shown["score"].tolist() == [78.0]
    row = df[(df["community_id"] == "C02") & (df["quarter"].dt.date == Q[3])].iloc[0]
    assert (row["company_zh"], row["community_zh"]) == ("乙物业", "乙社区")
    assert (row["score_self"], row["score_town"], row["score_residents"]) == (70.0, 80.0, 90.0)
    assert row["managed_area_m2"] == 60000.0
    assert not row["in_scope"]


def test_assessments_whole_year_in_scope_and_2010_left_out(con):
    # 2010Q4-2011Q2 for both: year start 2010-01-01, so 2010Q4 comes back, and all 5 rows shown.
    df = run(con, ASSESS, Q[2], Q[4], ["C01", "C02"])
    assert len(df) == 5 and df["in_scope"].all()
    # 2011Q1-2011Q2: the 2010Q4 row belongs to another year and is not needed.
    df = run(con, ASSESS, Q[3], Q[4], ["C01", "C02"])
    assert len(df) == 4 and Q[2] not in set(df["quarter"].dt.date)


def test_assessments_empty_period(con):
    assert run(con, ASSESS, Q[0], Q[1], ["C01", "C02"]).empty  # nothing in 2010 before Q4


def test_fee_households_at_the_last_quarter(con):
    # 2011Q2: C01 billed 4, paid in full 3 (H4 paid 50 of 100); C02 billed 2, paid 0.
    df = run(con, FEES, Q[0], Q[4], ["C01", "C02", "V01"])
    assert df[["community_id", "billed", "paid"]].values.tolist() == [["C01", 4, 3], ["C02", 2, 0]]
    assert df["community_zh"].tolist() == ["甲社区", "乙社区"]
    # 2011Q1: C01 1 of 4, C02 1 of 2.
    df = run(con, FEES, Q[0], Q[3], ["C01", "C02"])
    assert df[["billed", "paid"]].values.tolist() == [[4, 1], [2, 1]]


def test_fee_households_one_community_and_empty(con):
    df = run(con, FEES, Q[4], Q[4], ["C02"])
    assert df[["community_id", "billed", "paid"]].values.tolist() == [["C02", 2, 0]]
    assert run(con, FEES, Q[0], Q[0], ["C01", "C02"]).empty  # no bills in 2010Q2
    assert run(con, FEES, Q[4], Q[4], ["V01"]).empty  # the village is not billed
