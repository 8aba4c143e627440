"""The party-building page's view model (governance/viewmodels/party.py) on the hand-made party
fixture of tests/test_party_queries.py, whose docstring works out every figure by hand.

The period is 2010Q2-2011Q2 (the whole fixture), read at 2011Q2 against 2011Q1.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from governance import charts, db
from governance.filters import Filters
from governance.viewmodels import party as model
from tests.apptest_support import app_on, open_page, open_section
from tests.fixtures.party import write_party_fixture
from tests.fixtures.runners import town_run
from tests.fixtures.same import same
from tests.viewmodel_support import counted_queries

FIRST, Q2 = date(2010, 4, 1), date(2011, 4, 1)
TOWN = Filters(period_from=FIRST, period_to=Q2)


@pytest.fixture(scope="module")
def party_dir(tmp_path_factory) -> Path:
    return write_party_fixture(tmp_path_factory.mktemp("viewmodel_party"))


@pytest.fixture(scope="module")
def run(party_dir):
    con = db.connect(party_dir)
    yield town_run(con)
    con.close()


@pytest.fixture(scope="module")
def town(run) -> model.PartyView:
    v = model.build(run, TOWN, "zh")
    assert v is not None
    return v


def test_tiles_and_notes_read_the_last_quarter(town):
    tiles = {k.indicator.id: k for k in town.tiles}
    # 2011Q2: M1, M5, M2 (3 meetings, 2011Q1: 2); I1, I3, I4, I6 of five resolved in
    # (15 + 26 + 2 + 10) / 4 = 13.25 days; PT1, PT2, PT4 with 12 + 8 + 6 = 26 person-times
    assert (tiles["joint_meetings_held"].value, tiles["joint_meetings_held"].delta) == (3, 1)
    assert tiles["issue_resolution_rate"].value == pytest.approx(80.0)
    assert tiles["issue_days_to_resolve"].value == pytest.approx(13.25)
    assert tiles["patrol_person_times"].value == 26
    assert town.notes["issue_resolution_rate"] == (
        "本季度提出的 5 项议题中已解决 4 项（按提出季度统计）"
    )
    # PC1-PC3: 3,000 + 6,000 + 1,500 yuan
    assert "1.05万元" in town.notes["partner_units"]


def test_trends_cover_the_period(town):
    assert len(town.trends) == 8
    meetings = {trace.name: list(trace.y) for trace in town.trends[0].data}
    # 2010Q2 none, 2010Q3 M6, 2010Q4 none, 2011Q1 M3 and M4, 2011Q2 three
    assert meetings["召开会议"] == [0, 1, 0, 2, 3]
    assert meetings["已解决议题"] == [0, 0, 0, 1, 4]  # I7 in 2011Q1


def test_the_1_2_x_matrix_on_screen(town):
    shown = town.bodies.shown.set_index("社区编号")
    # C01 at the end of 2011Q2: 党总支 5; 工作站 3, 居委会 7; 物业公司 2, 公安 1 (2011-05)
    assert shown.loc["C01", "1·党总支"] == "5"
    assert shown.loc["C01", "构成（1+2+X）"] == "1+2+2"
    assert shown.loc["C01", "代表合计"] == 5 + 3 + 7 + 2 + 1
    # C02's 城管 joins in 2011-08, after the period: not yet, so a dash
    assert shown.loc["C02", "X·城管"] == "—" and shown.loc["C02", "构成（1+2+X）"] == "1+1+0"
    assert shown.loc["V01", "代表合计"] == 0
    assert town.bodies_rows["community_id"].tolist() == ["C01", "C02", "V01"]
    assert "community_id" not in town.bodies_download.columns


def test_categories_partners_members_and_records(town):
    cells = town.categories.head.shown.set_index("议题类别")
    assert town.categories.total == 4
    assert cells.loc["乱停车", "提出议题"] == 4  # I1, I3, I5, I7; I5 open
    assert cells.loc["乱停车", "平均解决天数"] == pytest.approx(23.7)  # (15 + 26 + 30) / 3
    kinds = town.partner_kinds.head.shown.set_index("单位类型")
    assert kinds.loc["企业", "折合金额（元）"] == 3000 + 6000 + 800  # PC5 is in 2010Q2
    stacks = {trace.name: list(trace.y) for trace in town.contributions_chart.data}
    assert stacks["场地"][0] == pytest.approx(0.38)  # 万元: PC1 3,000 + PC5 800
    police = next(trace for trace in town.members_chart.data if trace.name == "公安")
    assert list(police.customdata) == ["C01", "C02", "V01"] and list(police.y) == [1, 0, 0]
    totals = {stem: records.total for stem, records in town.records.items()}
    # seven issues and M6 without one; PC1-PC5; PT1-PT4; PU1-PU3 (PU4 pairs after); CM1-CM3
    assert totals == {"meetings": 8, "contributions": 5, "patrols": 4, "partners": 3, "members": 3}
    meetings = town.records["meetings"].head.shown
    assert meetings["议题状态"].iloc[0] == "已解决"  # M5's I6, newest first


def test_bars_read_highest_first_with_their_ids_and_lights(run):
    rate = model.breakdown(run, TOWN, "zh", "resolution_rate").data[0]
    # 2011Q2: C02 1 of 1 (100 %), C01 3 of 4 (75 %: 5 points under the 80 % target),
    # the village without issues last
    assert list(rate.customdata) == ["C02", "C01", "V01"]
    assert list(rate.y) == ["乙社区", "甲社区", "丙村"]
    assert list(rate.x)[:2] == [100.0, 75.0] and pd.isna(list(rate.x)[2])
    # It read [GOOD, amber, NONE]: but 1 and 4 issues counted are fewer than 10, so by the
    # one small-sample rule (governance/sample.py, issue 20) both bars are grey and say
    # their counts in place of a glyph.
    assert list(rate.marker.color) == [charts.LIGHT_COLOURS[None]] * 3
    assert list(rate.text)[:2] == ["样本少（1/1）", "样本少（3/4）"]
    days = model.breakdown(run, TOWN, "en", "mean_days_to_resolve").data[0]
    assert list(days.customdata) == ["C01", "C02", "V01"]  # 17 and 2 days, then none
    assert list(days.y) == ["Jia", "Yi", "Bing"]
    meetings = model.breakdown(run, TOWN, "zh", "meetings").data[0]
    assert list(meetings.x) == [2, 1, 0]


def test_an_empty_selection_has_no_model(run):
    village = Filters(period_from=FIRST, period_to=Q2, communities=("V01",))
    assert model.build(run, village, "zh") is None


def test_one_community_and_english(run):
    v = model.build(run, Filters(period_from=FIRST, period_to=Q2, communities=("C01",)), "en")
    tiles = {k.indicator.id: k for k in v.tiles}
    assert tiles["joint_meetings_held"].value == 2
    assert tiles["issue_days_to_resolve"].value == pytest.approx(17.0)
    assert v.bodies.shown["Community"].tolist() == ["Jia"]
    assert v.records["meetings"].total == 5  # C01's M1 (I1, I2, I3), M3 (I5) and M5 (I6)
    assert "Q2 2011" in v.by_community_help and "Q2 2011" in v.bodies_help


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_building_twice_gives_equal_models(run, lang):
    assert same(model.build(run, TOWN, lang), model.build(run, TOWN, lang))
    for measure in ("resolution_rate", "meetings"):
        first = model.breakdown(run, TOWN, lang, measure)
        assert same(first, model.breakdown(run, TOWN, lang, measure))
    other = model.build(run, Filters(period_from=FIRST, period_to=Q2, communities=("C01",)), lang)
    assert not same(other, model.build(run, TOWN, lang))


def test_a_rerun_with_unchanged_inputs_runs_no_page_query(party_dir, monkeypatch):
    calls = counted_queries(monkeypatch)
    at = open_page(app_on(party_dir, monkeypatch), "party")
    # the first run built the model (the overview, opened before, may run some of these too)
    assert calls["party_measures_by_community_quarter"] >= 1 and calls["party_member_records"] >= 1
    # the measure is a widget of the 分社区比较 section: only the open section runs
    open_section(at, "party_section", "分社区比较")
    calls.clear()
    at.run()
    assert not at.exception
    assert not [name for name in calls if name.startswith("party_")], calls
    # another measure builds its bars only: the rest of the model is kept
    at.selectbox(key="party_measure").set_value("meetings").run()
    assert not at.exception
    party = {name: n for name, n in calls.items() if name.startswith("party_")}
    # Was {"party_measures_by_community_quarter": 1}: the bars' rates are now the long parts'
    # (issue 19, one platform shape), so the bars read the party's own parts beside its counts.
    assert party == {
        "party_measures_by_community_quarter": 1,
        "party_parts_by_community_quarter": 1,
    }, calls
