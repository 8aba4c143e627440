"""The SQL base layer (queries/base/): each business rule written once, against a fixture.

The fixture's data date is 2011-06-30 (its latest dated record, a stairwell rating). Added
here: issue I6 raised 2011-06-20 and cases G9 reported 2011-06-15 and G11 2011-06-01 (29 days;
beside G1 closed and G2 open since 2011-04-10), all unresolved and younger than the 30-day
handling time (in hand); issue I7 raised and case G10 reported 2011-05-31, exactly 30 days
before (open: past the handling time on its 30th day).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from governance import db
from governance import party as pty
from tests import fixture_data
from tests.fixtures.runners import TOWN

ROOT = Path(__file__).resolve().parent.parent
BASE_FILES = sorted((ROOT / "queries" / "base").glob("*.sql"))


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    rows = dict(fixture_data.ROWS)
    rows["meeting_issues"] = [
        *rows["meeting_issues"],
        ("I6", "M1", "C01", "乱停车", date(2011, 6, 20), None),
        ("I7", "M1", "C01", "乱停车", date(2011, 5, 31), None),
    ]
    rows["grid_cases"] = [
        ("G1", "C01", "乱停车", date(2011, 4, 1), date(2011, 4, 11)),
        ("G2", "C01", "违章搭建", date(2011, 4, 10), None),
        ("G9", "C01", "乱停车", date(2011, 6, 15), None),
        ("G10", "C01", "乱停车", date(2011, 5, 31), None),  # exactly 30 days: open
        ("G11", "C01", "乱停车", date(2011, 6, 1), None),  # 29 days: still in hand
    ]
    connection = db.connect(fixture_data.write(tmp_path_factory.mktemp("base"), rows))
    yield connection
    connection.close()


def test_the_data_date_is_the_latest_dated_record(con):
    assert con.execute("select as_of from base_data_as_of").fetchone()[0] == date(2011, 6, 30)


def test_issue_status_by_the_handling_time(con):
    rows = dict(con.execute("select issue_id, status from base_meeting_issues").fetchall())
    assert rows["I1"] == "resolved"  # resolved 2011-04-20
    assert rows["I2"] == "open"  # raised 2011-04-05: 86 days, unresolved
    assert rows["I6"] == "in_hand"  # raised 10 days before the data date
    assert rows["I7"] == "open"  # exactly 30 days: past the handling time
    days = dict(con.execute("select issue_id, days_to_resolve from base_meeting_issues").fetchall())
    assert days["I1"] == 15 and days["I2"] is None


def test_grid_case_status(con):
    rows = dict(con.execute("select case_id, status from base_grid_cases").fetchall())
    assert rows == {
        "G1": "closed",
        "G2": "open",
        "G9": "in_hand",
        "G10": "open",  # reported exactly 30 days before the data date: past the handling time
        "G11": "in_hand",  # 29 days
    }
    parts = db.run(con, "indicator_parts_by_community_quarter", TOWN)
    closure = parts[(parts["indicator_id"] == "grid_closure_rate")].iloc[0]
    # 2011Q2: G1 closed, G2 and G10 open, G9 and G11 in hand (not counted): 1 of 3
    assert (closure["num"], closure["den"]) == (1.0, 3.0)


def test_paid_in_full_means_the_whole_bill(con):
    paid = dict(
        con.execute(
            "select household_id, paid_in_full from base_fee_bills where quarter = $q",
            {"q": date(2011, 4, 1)},
        ).fetchall()
    )
    assert paid["H1"] and paid["H3"]  # 100 of 100; 120 of 100
    assert not paid["H4"] and not paid["H5"]  # 50 of 100; 0 of 200


def test_an_issue_in_hand_is_not_counted_as_unresolved(con):
    """C01 2011Q2: I1, I3 resolved, I2 and I7 open, I6 in hand: 2 of 4, not 2 of 5."""
    parts = db.run(con, "indicator_parts_by_community_quarter", TOWN)
    row = parts[
        (parts["community_id"] == "C01")
        & (parts["indicator_id"] == "issue_resolution_rate")
        & (parts["quarter"].dt.date == date(2011, 4, 1))
    ].iloc[0]
    assert (row["num"], row["den"]) == (2.0, 4.0)
    by_quarter = pty.by_quarter(
        db.run(con, "party_measures_by_community_quarter", {"communities": ["C01"]})
    ).set_index("quarter")
    q2 = by_quarter.loc[by_quarter.index.date == date(2011, 4, 1)].iloc[0]
    assert (q2["issues_raised"], q2["issues_resolved"], q2["issues_in_hand"]) == (5, 2, 1)
    assert q2["resolution_rate"] == pytest.approx(50.0)


@pytest.mark.parametrize("path", BASE_FILES, ids=lambda p: p.stem)
def test_every_base_view_has_a_header_is_registered_and_used(path: Path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == f"-- {path.stem}"
    header = "\n".join(line for line in lines if line.startswith("--"))
    for field in ("Purpose:", "Grain:", "Parameters:"):
        assert field in header, f"{path.name} header lacks {field}"
    body = "\n".join(line.split("--", 1)[0] for line in lines)
    assert "$" not in body, "a view takes no parameters"
    assert path.stem in db.BASE_VIEWS, f"{path.stem} is not registered in db.BASE_VIEWS"
    users = [
        p
        for p in [*(ROOT / "queries").glob("*.sql"), *BASE_FILES]
        if p != path and re.search(rf"\b{path.stem}\b", p.read_text(encoding="utf-8"))
    ]
    assert users, f"no query selects from {path.stem}"


def test_the_rules_are_written_once():
    """Page queries select from the base views instead of repeating their rules."""
    for path in (ROOT / "queries").glob("*.sql"):
        text = path.read_text(encoding="utf-8")
        assert "paid_yuan >= " not in text, f"{path.name} repeats the paid-in-full rule"
        assert not re.search(r"count\(\w+\.resolved_date\)", text), (
            f"{path.name} counts resolutions itself (base_meeting_issues' status)"
        )
