"""The party-building page through AppTest, on the hand-made party fixture.

Figures are those worked out by hand in tests/test_party_queries.py (2011Q2, the last quarter
of the fixture, against 2011Q1).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.proto.Metric_pb2 import Metric as MetricProto
from streamlit.testing.v1 import AppTest

from tests.apptest_support import app_on, every_section, few_case_notes, open_page, open_section
from tests.apptest_support import tiles as metrics
from tests.fixtures.party import write_party_fixture


@pytest.fixture(scope="module")
def party_dir(tmp_path_factory) -> Path:
    return write_party_fixture(tmp_path_factory.mktemp("party_page"))


@pytest.fixture
def app(party_dir, monkeypatch) -> AppTest:
    return app_on(party_dir, monkeypatch)


def open_party(at: AppTest) -> AppTest:
    return open_page(at, "party")


def test_kpi_tiles_for_the_whole_town(app):
    at = open_party(app)
    m = metrics(at)
    assert len(m) == 8
    assert m["联席会议召开次数"] == ("3", "+1")  # few cases: no relative %, counts under it
    assert m["联席会议议题解决率"] == ("80.0%", "+30.0个百分点")
    assert (
        m["议题平均解决天数"][0] == "13.2天"
    )  # 13.25 days, one decimal (float 13.25 rounds to 13.2)
    assert m["议题平均解决天数"][1].startswith("-16.8")  # from 30 days: fewer, good
    assert m["联防巡逻次数"] == ("3", "+2")
    assert m["巡逻参与人次"] == ("26", "+6（+30.0%）")
    assert m["联防隐患处置率"] == ("80.0%", "+40.0个百分点")
    assert few_case_notes(at) == {
        "联席会议召开次数": "样本少：2 → 3次",
        "联席会议议题解决率": "样本少：计入议题 2 → 5件",
        # Added when the party's measures became long parts (issue 19): the mean days rest
        # on the issues resolved (1 → 4), as long-term's days to close always did. Before,
        # the wide path counted no cases for this tile, so it had no such note.
        "议题平均解决天数": "样本少：已解决议题 1 → 4件",
        "联防巡逻次数": "样本少：1 → 3次",
        "联防隐患处置率": "样本少：发现隐患 5 → 5处",
        "共建单位（结对）": "样本少：2 → 3个",
        "兼职党总支委员": "样本少：2 → 3名",
    }
    assert m["共建单位（结对）"][0] == "3"
    assert m["兼职党总支委员"][0] == "3"


def test_changes_are_coloured_by_good_or_bad(app):
    at = open_party(app)
    at.session_state["flt_communities"] = ["C01"]
    at.run()
    colours = {m.label: m.proto.color for m in at.metric}
    values = metrics(at)
    # C01: person-times fell from 20 to 18 (bad); hazards handled rose from 40 % to 80 % (good)
    assert values["巡逻参与人次"] == ("18", "-2（-10.0%）")
    assert colours["巡逻参与人次"] == MetricProto.RED
    assert colours["联防隐患处置率"] == MetricProto.GREEN
    # no basis for mean days in C01's 2011Q1: grey, not a colour
    assert colours["议题平均解决天数"] == MetricProto.GRAY
    # the whole town: mean days fell from 30 to 13.25, which is good, so green
    at.session_state["flt_communities"] = []
    at.run()
    colours = {m.label: m.proto.color for m in at.metric}
    assert colours["议题平均解决天数"] == MetricProto.GREEN


def test_kpis_follow_the_community_filter(app):
    at = open_party(app)
    town = metrics(at)
    at.session_state["flt_communities"] = ["C01"]
    at.run()
    assert not at.exception
    c01 = metrics(at)
    assert c01 != town
    assert c01["联席会议召开次数"][0] == "2"
    assert c01["联席会议议题解决率"][0] == "75.0%"
    assert c01["议题平均解决天数"] == ("17.0天", "无可比数据")
    # drilled down: the header offers the way back
    at.button(key="party_back_to_town").click().run()
    assert at.session_state["flt_communities"] == []
    assert metrics(at) == town


def test_records_and_tables_can_be_downloaded(app):
    at = open_party(app)
    # each section is drawn only while open (ui/sections.py): the buttons of every section
    keys = {b.key for _ in every_section(at, "party_section") for b in at.get("download_button")}
    for stem in (
        "party_rec_meetings",
        "party_rec_contributions",
        "party_rec_patrols",
        "party_rec_partners",
        "party_rec_members",
        "party_bodies_dl",
        "party_categories",
    ):
        assert {f"{stem}_csv", f"{stem}_xlsx"} <= keys, stem


def test_an_empty_selection_says_so_in_words(app):
    at = open_party(app)
    at.session_state["flt_communities"] = ["V01"]  # the village has no party-building records
    at.run()
    assert not at.exception and not at.error
    assert not at.metric, "no KPI tiles of zeros and dashes"
    assert any("当前筛选条件下没有数据" in info.value for info in at.info)


def test_english(app):
    app.query_params["lang"] = "en"
    at = open_party(app)
    m = metrics(at)
    assert m["Joint meetings held"][0] == "3"
    assert m["Mean days to resolve an issue"][0] == "13.2 days"
    # the counts under a rate's change are its denominator, said as such
    assert m["Joint-meeting issue resolution"][1] == "+30.0 pp"
    notes = few_case_notes(at)
    assert notes["Joint-meeting issue resolution"] == "Few cases: issues counted 2 → 5"
    assert notes["Patrol hazards handled"] == "Few cases: hazards found 5 → 5"
    assert any("Regional party-building" in t.value for t in at.title)


def test_a_closed_section_keeps_its_selector(app):
    at = open_section(open_party(app), "party_section", "分社区比较")
    at.selectbox(key="party_measure").set_value("issues_raised").run()
    open_section(at, "party_section", "明细记录")
    assert not [b for b in at.selectbox if b.key == "party_measure"]  # not drawn
    open_section(at, "party_section", "分社区比较")
    assert at.selectbox(key="party_measure").value == "issues_raised"  # not the default
