"""督办's rules (governance/duban/rules.py) on hand-made values: days overdue at and past the
deadline, which day is today, the recovery suggestion after two quarters on target, the flag
at the deadline, and the moves between statuses."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from governance.duban import rules
from governance.duban.rules import Reading

Q1, Q2, Q3, Q4 = date(2011, 1, 1), date(2011, 4, 1), date(2011, 7, 1), date(2011, 10, 1)
DEADLINE = date(2011, 9, 30)


def test_days_overdue_is_0_at_the_deadline_and_1_the_day_after():
    assert rules.days_overdue(DEADLINE, "assigned", date(2011, 9, 29)) == 0
    assert rules.days_overdue(DEADLINE, "assigned", DEADLINE) == 0
    assert not rules.is_overdue(DEADLINE, "assigned", DEADLINE)
    assert rules.days_overdue(DEADLINE, "assigned", date(2011, 10, 1)) == 1
    assert rules.is_overdue(DEADLINE, "in_progress", date(2011, 10, 1))
    assert rules.days_overdue(DEADLINE, "returned", date(2011, 12, 26)) == 87  # 1 + 31 + 30 + 25
    # closed: never overdue, however late
    assert rules.days_overdue(DEADLINE, "closed", date(2011, 12, 26)) == 0
    assert not rules.is_overdue(DEADLINE, "closed", date(2011, 12, 26))


def test_today_is_the_data_date_only_for_data_over_a_year_old():
    server = date(2025, 3, 1)
    assert rules.today(server, date(2011, 12, 26)) == rules.Today(date(2011, 12, 26), True)
    assert rules.today(server, None) == rules.Today(server, False)
    # 366 days before (2024 is a leap year) is still "now", the edge of HISTORICAL_AFTER;
    # 367 days before is history
    assert (server - date(2024, 2, 29)).days == 366
    assert rules.today(server, date(2024, 2, 29)) == rules.Today(server, False)
    assert rules.today(server, date(2024, 2, 28)) == rules.Today(date(2024, 2, 28), True)


def test_recovered_after_exactly_two_green_quarters_not_after_one():
    two = Reading(((Q1, "red"), (Q2, "green"), (Q3, "green")), Q3)
    assert two.recovered is True
    assert two.latest == "green"
    one = Reading(((Q1, "green"), (Q2, "red"), (Q3, "green")), Q3)
    assert one.recovered is False
    amber = Reading(((Q2, "amber"), (Q3, "green")), Q3)
    assert amber.recovered is False
    only_one_quarter = Reading(((Q3, "green"),), Q3)
    assert only_one_quarter.recovered is False
    assert Reading((), None).recovered is False


def test_a_quarter_without_a_value_breaks_the_run():
    gap = Reading(((Q1, "green"), (Q2, None), (Q3, "green")), Q3)
    assert gap.recovered is False
    # the community's last two quarters with a value are not the data's last two
    missing_quarter = Reading(((Q1, "green"), (Q3, "green")), Q3)
    assert missing_quarter.recovered is False
    # the data's last quarter is Q4, where the community has no value
    behind = Reading(((Q2, "green"), (Q3, "green"), (Q4, None)), Q4)
    assert behind.recovered is False


def test_red_at_the_deadline_reads_the_last_quarter_begun_by_then():
    r = Reading(((Q1, "green"), (Q2, "red"), (Q3, "green")), Q3)
    assert r.red_at(date(2011, 3, 31)) is False  # Q1: green
    assert r.red_at(Q2) is True  # Q2 began that day: red
    assert r.red_at(date(2011, 6, 30)) is True
    assert r.red_at(Q3) is False
    assert r.red_at(date(2010, 12, 31)) is False  # nothing known yet


def test_reading_from_parts_and_targets():
    # fee_collection_rate is a rate: numerator / denominator, higher is better, target 60
    parts = pd.DataFrame(
        {
            "indicator_id": ["fee_collection_rate"] * 3,
            "community_id": ["C01"] * 3,
            "quarter": pd.to_datetime([Q1, Q2, Q3]),
            "num": [50.0, 65.0, 70.0],  # 50% (red: short of 60 by more than 10%), 65%, 70%
            "den": [100.0, 100.0, 100.0],
        }
    )
    targets = pd.DataFrame(
        {"indicator_id": ["fee_collection_rate"], "community_id": [None], "target": [60.0]}
    )
    got = rules.reading(parts, targets, "fee_collection_rate", "C01")
    assert got.last_quarter == Q3
    assert [light for _, light in got.lights] == ["red", "green", "green"]
    assert got.recovered is True


@pytest.mark.parametrize("new", rules.STATUSES)
def test_a_closed_item_stays_closed(new):
    assert not rules.may_move("closed", new)


def test_the_moves():
    assert rules.may_move("assigned", "closed")
    assert rules.may_move("returned", "in_progress")
    assert rules.may_move("reported", "returned")
    assert not rules.may_move("assigned", "assigned")
    assert not rules.may_move("in_progress", "assigned")
    assert {"assigned", "in_progress", "reported", "returned"} == rules.OPEN
