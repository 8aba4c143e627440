"""The demo generator's own queries (queries/demo/), against the hand-made fixture."""

from __future__ import annotations

import pytest

from governance import demo_data


def test_town_count_of_the_last_four_quarters(fixture_con):
    # petitions: C01 10 - i, C02 4, V01 0 over five quarters; the last four quarters give
    # 9+4, 8+4, 7+4, 6+4 = 13, 12, 11, 10, averaging 11.5
    ((value,),) = demo_data._demo_query(
        fixture_con, "demo_town_count_last_four_quarters", {"indicator": "petitions"}
    )
    assert value == pytest.approx(11.5)
    ((value,),) = demo_data._demo_query(
        fixture_con, "demo_town_count_last_four_quarters", {"indicator": "skip_level_batches"}
    )
    assert value == pytest.approx(3.0)  # 2 + 1 + 0 every quarter


def test_incident_rate_by_community(fixture_con):
    rows = dict(
        demo_data._demo_query(fixture_con, "demo_incident_rate_by_community", {"year": 2011})
    )
    # C01: 3 + 2 incidents in 2011's two quarters, over four quarters, per 10,000 of 1,000
    assert rows["C01"] == pytest.approx(1e4 * 5 / 4 / 1000)
    assert rows["V01"] == pytest.approx(1e4 * 2 / 4 / 500)


def test_fee_collection_rate_reads_the_paid_in_full_rule(fixture_con):
    rows = dict(demo_data._demo_query(fixture_con, "demo_fee_collection_rate_by_community"))
    # 2011Q2: C01 bills H1-H4, H4 paid part (50 of 100): 3 of 4; C02's one bill unpaid
    assert rows == {"C01": pytest.approx(75.0), "C02": pytest.approx(0.0)}
