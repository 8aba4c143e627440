"""The self-governance page's view model (governance/viewmodels/selfgov.py) on the hand-made
fixture of tests/test_selfgov_queries.py, whose docstring lists every record:

- rating rounds 2010-09-30, 2011-03-31, 2011-06-30 (stars S1 / S2 / S3 / S4):
  2 1 2 3 | 3 2 3 2 | 4 2 3 5; S1, S2 in building B1 and S4 in B3 (C01), S3 in B2 (C02);
- elections 2011: C01 738 / 820, C02 1,827 / 2,100; three meetings T1-T5; volunteers V1-V5;
  mediations D1-D5.

The period is 2010Q2-2011Q2 (the whole fixture), read at 2011Q2.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from governance import db
from governance import selfgov as sg
from governance.filters import Filters
from governance.viewmodels import selfgov as model
from tests.apptest_support import app_on, open_page, open_section
from tests.fixtures import selfgov as fx
from tests.fixtures.runners import town_run
from tests.viewmodel_support import same

TOWN = Filters(period_from=fx.Q2_10, period_to=fx.Q2)


@pytest.fixture(scope="module")
def selfgov_dir(tmp_path_factory) -> Path:
    return fx.write(tmp_path_factory.mktemp("viewmodel_selfgov"))


@pytest.fixture(scope="module")
def run(selfgov_dir):
    con = db.connect(selfgov_dir)
    yield town_run(con)
    con.close()


@pytest.fixture(scope="module")
def town(run) -> model.SelfgovView:
    v = model.build(run, TOWN, "zh")
    assert v is not None
    return v


def test_tiles_and_notes(town):
    value = {k: tile.value for k, tile in town.tiles.items()}
    assert value[sg.STAR3] == pytest.approx(75.0)  # 2011-06-30: S1, S3, S4 of four
    assert value[sg.TURNOUT] == pytest.approx(2565 / 2920 * 100)  # 738 + 1,827 of 820 + 2,100
    assert value[sg.MEETINGS] == 4  # T1, T2, T3, T5
    assert value[sg.CARRIED_OUT] == pytest.approx(6 / 9 * 100)
    assert value[sg.VOLUNTEERS] == 5
    assert value[sg.HOUSEHOLD_SHARE] == pytest.approx(50.0)  # H1, H3, H5, H7 of 8
    assert value[sg.MEDIATIONS] == 4 and value[sg.MEDIATION_SUCCESS] == pytest.approx(75.0)
    assert town.notes[sg.CARRIED_OUT] == "本季度形成决议 9 项，落实 6 项"
    assert town.notes[sg.STAR3] == "本季度评定轮次：2011-06-30"
    assert town.rounds_words is None


def test_the_drill_choices_are_built_once(town):
    assert town.tree.communities == ("C01", "C02")  # the village has no stairwell
    assert town.tree.buildings == {"C01": ("B1", "B3"), "C02": ("B2",)}
    assert town.tree.wells == {"B1": ("S1", "S2"), "B2": ("S3",), "B3": ("S4",)}
    assert town.places["B3"] == "2号楼（B3）" and town.places["S2"] == "2单元（S2）"
    # the page's validation and menus read the tree as they read the stairwell list
    assert sg.valid_drill(town.tree, "C01", "B3", "S1", town.scope) == sg.Drill("C01", "B3", None)
    menu = sg.drill_menu(town.tree, sg.Drill("C01", "B1", None), town.scope)
    assert menu == (["*", "C01", "C02"], ["*", "B1", "B3"], ["*", "S1", "S2"])


def test_charts_and_tables_of_the_sections(town):
    # turnout of the 2011 elections per community: 738 / 820 and 1,827 / 2,100
    (year_2011,) = [trace for trace in town.turnout_chart.data if trace.name == "2011年选举"]
    assert list(year_2011.y) == pytest.approx([90.0, 87.0])
    assert list(year_2011.customdata) == ["C01", "C02"]
    # mediations per quarter: D5 in 2011Q1; D1, D2, D3, D4 in 2011Q2
    bars = town.mediations_chart.data[0]
    assert list(bars.x) == ["2010Q2", "2010Q3", "2010Q4", "2011Q1", "2011Q2"]
    assert list(bars.y) == [0, 0, 0, 1, 4]
    # 议事会 T1, T4, T5: 3 held, 30 + 20 + 10 attended, 6 adopted, 4 carried out;
    # all five: 122 attended, 11 adopted, 7 carried out -> 63.6%
    summary = town.meetings_summary.shown.set_index("会议类型")
    assert summary.loc["议事会", "召开次数"] == 3 and summary.loc["议事会", "参会人次"] == 60
    assert summary.loc["合计", "落实率（%）"] == pytest.approx(63.6)
    # C01: V1 治安, V2 卫生, V4 创评 in households H1, H3 of 5
    teams = town.volunteers.teams.shown.set_index("名称")
    assert teams.loc["甲社区", "志愿者合计"] == 3 and teams.loc["甲社区", "住户占比（%）"] == 40.0
    assert town.volunteers.rows["community_id"].tolist() == ["C01", "C02", "V01"]
    assert "在册志愿者 5 人" in town.volunteers.claim


def test_record_tables_are_prepared_with_names(town):
    assert (town.meetings.total, town.elections.total) == (5, 2)
    assert (town.mediations.total, town.volunteer_records.total) == (5, 5)
    head = town.meetings.head.shown
    assert head["社区"].tolist() == ["乙社区", "丙村", "甲社区", "甲社区", "甲社区"]
    assert head["会议类型"].tolist()[0] == "协调会"
    assert town.meetings.query == "selfgov_meeting_records"


def test_the_star_ratings_follow_the_drill(run):
    town = model.star(run, TOWN, "zh", None, None, None)
    assert town.level == "town" and town.ratings.total == 12
    # 3+ stars at the three rounds: 1 / 4, 2 / 4, 3 / 4
    assert list(town.chart.data[-1].y) == pytest.approx([25.0, 50.0, 75.0])
    assert "2010-09-30 首轮 25.0%" in town.words and "最近一轮 75.0%" in town.words
    assert town.rows["community_id"].tolist() == ["C01", "C02"]
    shares = town.table.shown.set_index("名称")
    assert shares.loc["甲社区", "首轮%"] == 33.3 and shares.loc["乙社区", "最近一轮%"] == 100.0

    community = model.star(run, TOWN, "zh", "C01", None, None)
    # C01 (S1, S2, S4): 1 / 3, 1 / 3, 2 / 3
    assert list(community.chart.data[-1].y) == pytest.approx([100 / 3, 100 / 3, 200 / 3])
    assert community.rows["building_id"].tolist() == ["B1", "B3"]
    assert community.ratings.total == 9 and "甲社区" in community.ratings_help

    building = model.star(run, TOWN, "zh", "C01", "B1", None)
    matrix = building.table.shown.set_index("楼道编号")
    assert matrix.loc["S1", "2011-06-30"] == "★★★★" and matrix.loc["S2", "2010-09-30"] == "★"
    assert building.id_column == "stairwell_id"

    well = model.star(run, TOWN, "en", "C01", "B1", "S1")
    assert well.level == "stairwell" and well.ratings.total == 3
    assert list(well.chart.data[0].y) == [2, 3, 4]
    assert "S1" in well.words and "2010-09-30" in well.words


def test_a_drill_scope_without_ratings_says_so(run):
    empty = model.star(run, TOWN, "zh", "V01", None, None)
    assert empty.chart is None and empty.table is None and empty.ratings.head is None
    assert "丙村" in empty.no_ratings


def test_the_breakdown_of_a_measure(run):
    # decisions carried out at 2011Q2: C01 (3 + 2) / (4 + 2), C02 1 / 3; V01 adopted none
    b = model.breakdown(run, TOWN, "zh", sg.CARRIED_OUT)
    bars = b.chart.data[0]
    assert list(bars.customdata) == ["C01", "C02"]
    assert list(bars.x) == pytest.approx([5 / 6 * 100, 100 / 3])
    assert b.missing == "无数据：丙村"
    held = model.breakdown(run, TOWN, "zh", sg.MEETINGS).chart.data[0]
    assert list(held.x) == [2, 1, 1] and held.customdata[0] == "C01"


def test_a_period_before_the_first_round(run):
    early = Filters(period_from=fx.Q2_10, period_to=fx.Q2_10)
    v = model.build(run, early, "zh")
    assert v is not None and "星级楼道评定自2010年第3季度起开展" in v.rounds_words
    assert v.tree.communities == () and v.tiles[sg.STAR3].value is None
    b = model.breakdown(run, early, "zh", sg.STAR3)
    assert b.chart is None and b.none == v.rounds_words


def test_no_self_governance_record_is_no_model(tmp_path):
    con = db.connect(fx.write(tmp_path / "empty", fx.EMPTY_ROWS))
    try:
        assert model.build(town_run(con), TOWN, "zh") is None
    finally:
        con.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_builder_is_a_pure_function_of_its_inputs(run, lang):
    calls: list[str] = []

    def counted(name, params=None):
        calls.append(name)
        return run(name, params)

    builders = [(model.build, ())]
    builders += [(model.star, choices) for choices in model.EXAMPLE_STAR_CHOICES]
    builders += [(model.breakdown, choices) for choices in model.EXAMPLE_MEASURES]
    for build, choices in builders:
        first = build(counted, TOWN, lang, *choices)
        asked = list(calls)
        same(first, build(counted, TOWN, lang, *choices), f"{build.__name__}{choices}")
        assert calls[len(asked) :] == asked
        calls.clear()


def test_a_drill_step_rebuilds_only_the_star_section(selfgov_dir, monkeypatch):
    from ui import data

    asked: list[str] = []
    query = data._query

    def counted(name, *args, **kwargs):
        asked.append(name)
        return query(name, *args, **kwargs)

    monkeypatch.setattr(data, "_query", counted)
    at = app_on(selfgov_dir, monkeypatch)
    at.query_params.update({"from": "2010Q2", "to": "2011Q2"})
    open_page(at, "selfgov")
    open_section(at, "selfgov_section", "星级楼道")  # only the open section runs
    asked.clear()
    at.selectbox(key="selfgov_drill_community").set_value("C01").run()
    assert not at.exception, at.exception
    assert "selfgov_star_counts_by_round" in asked
    assert "selfgov_parts_by_community_quarter" not in asked  # the page's model is kept
    # the measure is in the 社区对比 section; opening it draws its default measure first
    open_section(at, "selfgov_section", "社区对比")
    asked.clear()
    at.segmented_control(key="selfgov_breakdown_measure").set_value(sg.MEETINGS).run()
    assert not at.exception, at.exception
    assert "selfgov_parts_by_community_quarter" in asked  # the breakdown of the new measure
    assert "selfgov_star_counts_by_round" not in asked
