"""The SQL base layer (queries/base/): each business rule written once, against a fixture.

The fixture's data date is 2011-06-30 (its latest dated record, a stairwell rating). Added
here: issue I6 raised 2011-06-20 and cases G9 reported 2011-06-15 and G11 2011-06-01 (29 days;
beside G1 closed and G2 open since 2011-04-10), all unresolved and younger than the 30-day
handling time (in hand); issue I7 raised and case G10 reported 2011-05-31, exactly 30 days
before (open: past the handling time on its 30th day).

The fixture's stairwells S1 and S2 (C01) are rated 3 and 2 stars on 2011-06-30 (S3, C02: 5).
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from governance import db
from governance import party as pty
from governance.briefing import content as bc
from governance.briefing import model as bm
from governance.indicators import FACTOR
from tests import fixture_data
from tests.fixtures.runners import TOWN

ROOT = Path(__file__).resolve().parent.parent
MACROS_FILE = ROOT / "queries" / "base" / "base_macros.sql"
BASE_FILES = sorted(set((ROOT / "queries" / "base").glob("*.sql")) - {MACROS_FILE})
ALL_SQL = sorted((ROOT / "queries").rglob("*.sql"))


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
        db.run(con, "party_measures_by_community_quarter", {"communities": ["C01"]}),
        pd.concat(
            [parts, db.run(con, "party_parts_by_community_quarter", {"communities": ["C01"]})]
        ),
        ["C01"],
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


def _bodies(paths: list[Path]) -> dict[str, str]:
    """Each query's text without its comments (a header may name a rule)."""
    return {
        p.stem: "\n".join(line.split("--", 1)[0] for line in p.read_text("utf-8").splitlines())
        for p in paths
    }


# The page queries and the demo generator's (queries/demo/), which read the base views too.
QUERIES = [*(ROOT / "queries").glob("*.sql"), *(ROOT / "queries" / "demo").glob("*.sql")]


def test_the_star_rule_is_written_once():
    for name, body in _bodies(QUERIES).items():
        assert not re.search(r"stars\s*(>=\s*3|>\s*2)", body), (
            f"{name} repeats the star rule (base_stairwell_ratings.star_rated)"
        )


def test_the_handling_days_are_written_once():
    for name, body in _bodies([*QUERIES, *BASE_FILES]).items():
        if name != "base_rules":
            assert not re.search(r"[<>]=?\s*30\b", body), (
                f"{name} writes the handling days (base_rules.handling_days)"
            )


def test_the_quarters_of_the_data_are_written_once():
    """base_quarters' rule; periods_available's quarters differ on purpose (those with
    outcomes of the user's own communities), so it keeps its own."""
    repeating = {
        name
        for name, body in _bodies(QUERIES).items()
        if re.search(r"distinct\s+\w+\.quarter\s+from\s+outcomes", body)
    }
    assert repeating == {"periods_available"}


def test_a_stairwell_with_three_stars_is_star_rated_two_is_not(con):
    rows = {
        (r[0], r[1]): r[2:]
        for r in con.execute(
            "select stairwell_id, round_date, quarter, stars, star_rated "
            "from base_stairwell_ratings"
        ).fetchall()
    }
    q2 = date(2011, 4, 1)
    assert rows[("S1", date(2011, 6, 30))] == (q2, 3, True)  # exactly three stars: counts
    assert rows[("S2", date(2011, 6, 30))] == (q2, 2, False)  # two: does not
    assert rows[("S3", date(2011, 6, 30))] == (q2, 5, True)
    assert rows[("S1", date(2011, 3, 31))] == (date(2011, 1, 1), 2, False)
    assert len(rows) == 6
    # every consumer counts by it: C01 2011Q2, S1 of S1 and S2 — 1 of 2
    parts = db.run(con, "indicator_parts_by_community_quarter", TOWN)
    star = parts[
        (parts["indicator_id"] == "star3_share")
        & (parts["community_id"] == "C01")
        & (parts["quarter"].dt.date == q2)
    ].iloc[0]
    assert (star["num"], star["den"]) == (1.0, 2.0)
    drill = {**TOWN, "period_from": q2, "period_to": q2, "communities": ["C01", "C02"]}
    by_community = db.run(con, "selfgov_star_share_by_community_round", drill)
    assert by_community[["community_id", "rated", "star3", "star3_share"]].values.tolist() == [
        ["C01", 2, 1, 50.0],
        ["C02", 1, 1, 100.0],
    ]
    by_building = db.run(con, "selfgov_star_share_by_building_round", drill)
    assert by_building[["building_id", "rated", "star3"]].values.tolist() == [
        ["B1", 2, 1],
        ["B2", 1, 1],
    ]
    counts = db.run(
        con, "selfgov_star_counts_by_round", {**drill, "building_id": None, "stairwell_id": None}
    ).iloc[0]
    assert (counts["stars_2"], counts["stars_3"], counts["stars_5"]) == (1, 1, 1)
    assert (counts["star3"], counts["rated"], counts["star3_share"]) == (2, 3, 200 / 3)


def test_the_handling_days_are_one_constant_sql_and_python_read():
    assert db.handling_days() == 30
    assert db.handling_days() == bc.DEFAULT_OVERDUE_DAYS
    (deck_default,) = [f for f in dataclasses.fields(bm.Deck) if f.name == "overdue_days"]
    assert deck_default.default_factory() == 30  # type: ignore[misc]


def test_the_briefing_follows_up_what_the_base_views_call_open(con):
    """On the data date and at the handling time, the 督办 list is exactly the items the base
    views call open: I7 and G10, exactly 30 days, are on it; G11 (29 days) and I6, G9 are in
    hand and are not; I1, I3 resolved and G1 closed are not."""
    run = bc.db_runner(con, db.WHOLE_TOWN)
    items = bc.overdue_items(run, date(2011, 6, 30), db.handling_days(), ["C01"])
    # I5 raised 2011-01-10: 171 days; I2 2011-04-05: 86; G2 2011-04-10: 81; G10, I7 2011-05-31: 30
    assert items[["source", "item_id", "days_open"]].values.tolist() == [
        ["issue", "I5", 171],
        ["issue", "I2", 86],
        ["case", "G2", 81],
        ["case", "G10", 30],
        ["issue", "I7", 30],
    ]
    open_ids = {
        r[0]
        for r in con.execute(
            "select issue_id from base_meeting_issues where status = 'open' "
            "and community_id = 'C01' union all "
            "select case_id from base_grid_cases where status = 'open' and community_id = 'C01'"
        ).fetchall()
    }
    assert set(items["item_id"]) == open_ids


def test_the_briefing_counts_open_on_its_own_date_not_the_data_date(con):
    """A scoped user's data date may be earlier than the town's: on 2011-04-15, I1 (resolved
    2011-04-20) was still open, 10 days, while the base view calls it resolved."""
    run = bc.db_runner(con, db.WHOLE_TOWN)
    items = bc.overdue_items(run, date(2011, 4, 15), 10, ["C01"])
    # I5 2011-01-10: 95 days; I1, I2, I3 2011-04-05: exactly 10; G1 closed 2011-04-11 by then,
    # G2 2011-04-10: 5 days
    assert items[["item_id", "days_open"]].values.tolist() == [
        ["I5", 95],
        ["I1", 10],
        ["I2", 10],
        ["I3", 10],
    ]


@pytest.fixture(scope="module")
def ragged(tmp_path_factory):
    """The fixture with outcomes missing here and there: V01 has none in 2010Q2, C02 none in
    2011Q2 (every quarter still has some community's)."""
    rows = dict(fixture_data.ROWS)
    rows["outcomes"] = [
        r
        for r in rows["outcomes"]
        if (r[0], r[1]) not in {("V01", date(2010, 4, 1)), ("C02", date(2011, 4, 1))}
    ]
    connection = db.connect(fixture_data.write(tmp_path_factory.mktemp("ragged"), rows))
    yield connection
    connection.close()


def test_the_spine_has_every_community_in_every_quarter_of_the_data(ragged):
    quarters = [
        r[0] for r in ragged.execute("select quarter from base_quarters order by 1").fetchall()
    ]
    assert quarters == fixture_data.Q
    spine = ragged.execute(
        "select community_id, quarter from base_community_quarters order by 1, 2"
    ).fetchall()
    assert spine == [(c, q) for c in ("C01", "C02", "V01") for q in fixture_data.Q]  # 3 x 5
    party = db.run(ragged, "party_measures_by_community_quarter", {"communities": ["V01", "C02"]})
    assert [(r.community_id, r.quarter.date()) for r in party.itertuples()] == [
        (c, q) for c in ("C02", "V01") for q in fixture_data.Q
    ]
    # was culture_measures_by_community_quarter (wide, gone): its activities column, as parts
    culture = db.run(ragged, "culture_parts_by_community_quarter", {"communities": ["V01"]})
    culture = culture[culture["indicator_id"] == "activities"]
    assert [r.quarter.date() for r in culture.itertuples()] == fixture_data.Q
    assert culture["num"].tolist() == [0, 0, 0, 0, 0]


def test_the_spine_is_empty_without_outcomes(tmp_path):
    rows = {**fixture_data.ROWS, "outcomes": []}
    with db.connect(fixture_data.write(tmp_path, rows)) as con:
        assert con.execute("select count(*) from base_community_quarters").fetchone() == (0,)


def test_a_materialised_base_view_is_a_table_of_exactly_its_rows(fixture_con):
    """db.MATERIALISED: the catalog holds base_indicator_parts as a table, computed once when
    the catalog is built; its rows are what its text selects (a storage choice, not a rule)."""
    assert sorted(db.MATERIALISED) == ["base_indicator_parts"]
    tables = {
        r[0] for r in fixture_con.execute("select table_name from duckdb_tables()").fetchall()
    }
    views = {r[0] for r in fixture_con.execute("select view_name from duckdb_views()").fetchall()}
    assert "base_indicator_parts" in tables and "base_indicator_parts" not in views
    held = fixture_con.execute("select * from base_indicator_parts order by all").fetchall()
    text = db.base_view_text("base_indicator_parts")
    assert held == fixture_con.execute(f"select * from ({text}) order by all").fetchall()
    # the fixture's C01 fee collection in 2011Q2: 3 of 4 households paid in full
    fee = fixture_con.execute(
        "select num, den from base_indicator_parts where indicator_id = 'fee_collection_rate'"
        " and community_id = 'C01' and quarter = date '2011-04-01'"
    ).fetchall()
    assert fee == [(3.0, 4.0)]


# ---- pct(): a share in per cent, written once (queries/base/base_macros.sql) -----------------


def test_pct_is_the_registrys_factor_and_null_for_a_share_of_nothing(con):
    # 1 of 4 -> 25.0 = FACTOR["pct"] / 4; 2 of 3 -> 66.67; 0 of 0 and 1 of NULL: no share (DuckDB
    # itself says inf for 100.0 * 1 / 0 and NaN for 0 / 0)
    got = con.execute("select pct(1, 4), pct(2, 3), pct(0, 0), pct(1, null), pct(3, 3)").fetchall()
    assert got == [(FACTOR["pct"] / 4, pytest.approx(200 / 3), None, None, FACTOR["pct"])]
    assert con.execute("select 100.0 * 1 / 0").fetchall() == [(float("inf"),)]


def test_handling_status_is_done_then_in_hand_below_the_handling_days_then_open(con):
    # started 2011-06-01, the data date 30 / 29 / 31 days later, 30 handling days: exactly 30
    # days is open (not in hand), 29 in hand; anything done is the done word, whenever it began
    got = con.execute(
        "select handling_status(date '2011-06-01', null, date '2011-07-01', 30, 'closed'),"
        " handling_status(date '2011-06-01', null, date '2011-06-30', 30, 'closed'),"
        " handling_status(date '2011-06-01', null, date '2011-07-02', 30, 'closed'),"
        " handling_status(date '2011-06-01', date '2011-08-01', date '2011-07-02', 30, 'resolved'),"
        " handling_status(date '2011-06-01', null, date '2011-06-01', 30, 'closed')"
    ).fetchall()
    assert got == [("open", "in_hand", "open", "resolved", "in_hand")]


def test_the_macros_file_has_a_header_and_creates_each_registered_macro():
    lines = MACROS_FILE.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "-- base_macros"
    body = "\n".join(line.split("--", 1)[0] for line in lines)
    created = re.findall(r"create (?:or replace )?macro (\w+)", body, flags=re.IGNORECASE)
    assert created == list(db.BASE_MACROS)
    for name in created:  # each is called somewhere
        assert any(re.search(rf"\b{name}\(", p.read_text(encoding="utf-8")) for p in ALL_SQL
                   if p != MACROS_FILE), name  # fmt: skip


@pytest.mark.parametrize("path", [p for p in ALL_SQL if p != MACROS_FILE], ids=lambda p: p.stem)
def test_no_query_scales_a_share_by_hand(path: Path):
    body = "\n".join(
        line.split("--", 1)[0] for line in path.read_text(encoding="utf-8").splitlines()
    )
    assert not re.search(r"\b100(?:\.0*)?\s*\*|\*\s*100(?:\.0*)?\b", body), (
        f"{path.name} scales by 100 itself: pct(num, den) (queries/base/base_macros.sql)"
    )
