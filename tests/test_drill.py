"""The records behind a number: a drill from a tile or a community's bar lands on exactly the
rows of its quarter and community, with the number written out from its inputs
(governance/drill.py, the culture page's view model), on the hand-made culture fixture."""

from __future__ import annotations

from datetime import date

import pytest

from governance import db, drill, periods
from governance.filters import Filters
from governance.viewmodels import culture as model
from tests import fixture_data
from tests.apptest_support import app_on, open_page, open_section
from tests.fixtures.culture import ACTIVITIES, TRAININGS, write_culture_fixture
from tests.fixtures.runners import town_run

LAST = fixture_data.Q[-1]  # 2011Q2, the filters' last quarter
C01 = Filters(period_from=fixture_data.Q[0], period_to=LAST, communities=("C01",))


def in_quarter(rows, community: str) -> list:
    return [r for r in rows if r[1] == community and periods.quarter_start(r[2]) == LAST]


@pytest.fixture(scope="module")
def culture_dir(tmp_path_factory):
    return write_culture_fixture(tmp_path_factory.mktemp("drill"))


@pytest.fixture(scope="module")
def run(culture_dir):
    con = db.connect(culture_dir)
    yield town_run(con)
    con.close()


def test_the_records_of_a_community_are_its_rows_of_the_tiles_quarter(run):
    v = model.build(run, C01, "zh")
    expected = in_quarter(ACTIVITIES, "C01")  # A1, A2, A9: not 2011Q1's nor 2011Q3's
    assert len(expected) == 3
    assert v.quarter_records["activities"].total == len(expected)
    assert v.activities.total > len(expected), "the whole period holds more"
    assert v.quarter_records["trainings"].total == len(in_quarter(TRAININGS, "C01"))
    shown = v.quarter_records["activities"].head.shown
    assert sorted(shown.iloc[:, 0]) == sorted(r[0] for r in expected)


def test_the_formula_writes_the_number_out_from_its_inputs(run):
    v = model.build(run, C01, "zh")
    person_times = sum(r[6] for r in in_quarter(ACTIVITIES, "C01"))  # 240
    assert v.formulas[0] == (
        f"千人活动参与人次（2011Q2 · 甲社区）：240 = {person_times:,} 人次 ÷ 1,000 人 × 1,000"
    )
    assert (
        v.formulas[1]
        == "培训推荐就业率（2011Q2 · 甲社区）：40.0% = 12 人推荐就业 ÷ 30 人培训 × 100%"
    )
    assert v.quarter_caption == "下列记录为 2011Q2、甲社区的记录，即上方指标所依据的记录。"
    en = model.build(run, C01, "en")
    assert en.formulas[0] == (
        "Participation per 1,000 residents (2011Q2 · Jia): 240 = 240 person-times "
        "÷ 1,000 residents × 1,000"
    )


def test_the_whole_town_says_so_and_no_formula_without_parts(run):
    town = Filters(period_from=fixture_data.Q[0], period_to=LAST)
    v = model.build(run, town, "zh")
    names = {"C01": "甲社区", "C02": "乙社区", "V01": "丙村"}
    scope = drill.scope_words(["C01", "C02", "V01"], names, False, "zh")
    assert v.formulas and all(f"（2011Q2 · {scope}）" in line for line in v.formulas)
    assert drill.scope_words(list("ABCDEFG"), {}, False, "zh") == "全镇"
    assert drill.scope_words(list("ABCD"), {}, True, "zh") == "4个社区（村）"
    assert (
        drill.formula(
            run("indicator_parts_by_community_quarter"), "petitions", LAST, ["C01"], "甲社区", "zh"
        )
        is None
    )  # a count is its own number
    assert (
        drill.formula(
            run("indicator_parts_by_community_quarter"),
            "participation_per_1000",
            date(2001, 1, 1),
            ["C01"],
            "甲社区",
            "zh",
        )
        is None
    )  # no parts


def test_the_page_lands_on_the_quarters_rows_and_can_show_the_period(culture_dir, monkeypatch):
    at = open_page(app_on(culture_dir, monkeypatch), "culture")
    at.session_state["flt_communities"] = ["C01"]
    at.run()
    open_section(at, "culture_section", "明细记录")  # only the open section runs
    captions = [c.value for c in at.caption]
    assert any(
        c.startswith("千人活动参与人次（2011Q2 · 甲社区）：240 = 240 人次") for c in captions
    )
    assert "共 3 条记录" in captions
    assert activity_ids(at) == ["A9", "A2", "A1"]  # the tiles' quarter, 2011Q2, only
    at.segmented_control(key="culture_rec_scope").set_value(drill.PERIOD).run()
    assert not at.exception and not at.error
    captions = [c.value for c in at.caption]
    assert not any(c.startswith("千人活动参与人次（") for c in captions)
    assert activity_ids(at) == ["A9", "A2", "A1", "A7", "A4"]  # the period's, newest first


def activity_ids(at) -> list[str]:
    """The ids in the activities records table on screen."""
    for frame in at.dataframe:
        value = frame.value
        first = value.iloc[:, 0].astype(str).tolist() if len(value.columns) else []
        if first and all(x.startswith("A") for x in first):
            return first
    return []


def test_the_party_records_are_the_tiles_quarter_with_their_ratios_written_out(tmp_path):
    from governance.viewmodels import party
    from tests.fixtures.party import write_party_fixture

    con = db.connect(write_party_fixture(tmp_path))
    try:
        run = town_run(con)
        v = party.build(run, C01, "zh")
    finally:
        con.close()
    # patrols of C01 in 2011Q2: PT1 and PT4 (PT3 is 2011Q1's), 4 + 1 hazards found, 3 + 1 handled
    assert v.quarter_records["patrols"].total == 2
    assert v.records["patrols"].total == 3
    assert "联防隐患处置率（2011Q2 · 甲社区）：80.0% = 4 处已处置 ÷ 5 处发现隐患 × 100%" in (
        v.behind.formulas
    )
    assert v.behind.caption == "下列记录为 2011Q2、甲社区的记录，即上方指标所依据的记录。"
    assert v.behind.scopes[drill.QUARTER] == "2011Q2（与上方指标对应）"
