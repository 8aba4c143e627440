"""The cultural-services page through AppTest, on the hand-made culture fixture.

Figures are those worked out by hand in tests/test_culture_queries.py (2011Q2, the last quarter
of the fixture, against 2011Q1).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests import fixture_data
from tests.apptest_support import (
    APP,
    app_on,
    every_section,
    few_case_notes,
    open_page,
    open_section,
)
from tests.apptest_support import tiles as metrics
from tests.fixtures.culture import (
    ACTIVITIES,
    HONOURS,
    SOCIAL_TEAMS,
    TEAM_QUARTERS,
    TRAININGS,
    write_culture_fixture,
)

EMPTY = "当前筛选条件下没有数据"


@pytest.fixture(scope="module")
def culture_dir(tmp_path_factory) -> Path:
    return write_culture_fixture(tmp_path_factory.mktemp("culture_page"))


@pytest.fixture
def app(culture_dir, monkeypatch) -> AppTest:
    return app_on(culture_dir, monkeypatch)


def open_culture(at: AppTest) -> AppTest:
    return open_page(at, "culture")


def test_kpi_tiles_for_the_whole_town(app):
    m = metrics(open_culture(app))
    assert len(m) == 8
    assert m["文化活动场次"] == ("4", "+1")  # few cases: no relative %, the counts under it
    assert few_case_notes(app)["文化活动场次"] == "样本少：3 → 4场"
    assert m["活动参与人次"] == ("300", "+110（+57.9%）")
    # 300 / 4,500 residents x 1,000 = 66.7, from 190 / 4,500 = 42.2 (the village counts too)
    assert m["千人活动参与人次"] == ("67", "+24（+57.9%）")
    assert m["活跃社会团队"] == ("3", "持平")
    assert m["团队成员"] == ("67", "+22（+48.9%）")
    assert m["团队镇补贴（元）"] == ("4,000", "+400（+11.1%）")
    assert m["培训人数"] == ("90", "+65（+260.0%）")
    assert m["培训推荐就业率"] == ("18.9%", "-1.1个百分点")


def test_changes_are_coloured_by_good_or_bad(app):
    at = open_culture(app)
    colours = {m.label: m.proto.color for m in at.metric}
    # more activities is good, a lower placement rate is bad, no change is neither
    assert colours["文化活动场次"] != colours["培训推荐就业率"]
    assert colours["活跃社会团队"] not in (colours["文化活动场次"], colours["培训推荐就业率"])


def test_kpis_follow_the_community_filter(app):
    at = open_culture(app)
    town = metrics(at)
    at.session_state["flt_communities"] = ["C01"]
    at.run()
    assert not at.exception and not at.error
    c01 = metrics(at)
    assert c01 != town
    assert c01["文化活动场次"][0] == "3"
    assert c01["千人活动参与人次"][0] == "240"
    assert c01["活跃社会团队"] == ("1", "-1")
    assert few_case_notes(at)["活跃社会团队"] == "样本少：2 → 1支"
    assert c01["团队镇补贴（元）"][0] == "2,400"
    assert c01["培训推荐就业率"][0] == "40.0%"
    at.button(key="culture_back_to_town").click().run()
    assert at.session_state["flt_communities"] == []
    assert metrics(at) == town


def test_community_bars_carry_ids_for_the_drill_down(app):
    at = open_section(open_culture(app), "culture_section", "分社区对比")
    charts = {c.proto.id: json.loads(c.proto.spec) for c in at.get("plotly_chart")}
    bars = [
        spec
        for spec in charts.values()
        if spec["data"] and spec["data"][0].get("orientation") == "h"
    ]
    assert bars, "the breakdown by community is a bar chart"
    # participation at 2011Q2, largest first: C01 240, C02 20; the village has no value
    first = bars[0]["data"][0]
    assert first["customdata"][:2] == ["C01", "C02"]
    assert first["x"][:2] == pytest.approx([240.0, 20.0])


def test_breakdown_measure_can_be_switched(app):
    at = open_section(open_culture(app), "culture_section", "分社区对比")
    at.segmented_control(key="culture_breakdown_measure").set_value("team_members").run()
    assert not at.exception and not at.error
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    bars = [s for s in specs if s["data"] and s["data"][0].get("orientation") == "h"]
    # team members at 2011Q2: C01 22 + 16 = 38, C02 12 + 8 = 20, V01 9
    assert bars[0]["data"][0]["customdata"] == ["C01", "C02", "V01"]
    assert bars[0]["data"][0]["x"] == [38, 20, 9]


def test_records_and_tables_can_be_downloaded(app):
    at = open_culture(app)
    # each section is drawn only while open (ui/sections.py): the buttons of every section
    keys = {b.key for _ in every_section(at, "culture_section") for b in at.get("download_button")}
    for stem in (
        "culture_rec_activities",
        "culture_rec_teams",
        "culture_rec_trainings",
        "culture_brands",
        "culture_own_brand",
        "culture_teams_kind",
        "culture_teams_community",
        "culture_training_kind",
        "culture_venue_table",
    ):
        assert {f"{stem}_csv", f"{stem}_xlsx"} <= keys, stem


def test_a_village_with_a_team_but_no_activity(app):
    at = open_culture(app)
    at.session_state["flt_communities"] = ["V01"]
    at.run()
    assert not at.exception and not at.error
    m = metrics(at)
    assert m["文化活动场次"][0] == "0"
    assert m["团队成员"][0] == "9"  # its dance team, founded 2011-05, never active
    assert m["活跃社会团队"][0] == "0"
    # no activity records in the village: the records tab says so in words
    open_section(at, "culture_section", "明细记录")
    assert any(EMPTY in info.value for info in at.info)


def test_a_community_without_any_culture_record_says_so_in_words(tmp_path, monkeypatch):
    # the same fixture without the village's team and course: nothing at all in V01
    rows = {
        **fixture_data.ROWS,
        "activities": ACTIVITIES,
        "social_teams": [r for r in SOCIAL_TEAMS if r[1] != "V01"],
        "team_quarters": [r for r in TEAM_QUARTERS if r[1] != "V01"],
        "trainings": [r for r in TRAININGS if r[1] != "V01"],
        "honours": HONOURS,
    }
    st.cache_data.clear()
    st.cache_resource.clear()
    monkeypatch.setenv("GOVERNANCE_DATA_DIR", str(fixture_data.write(tmp_path, rows)))
    at = open_culture(AppTest.from_file(APP, default_timeout=60))
    assert len(at.metric) == 8
    at.session_state["flt_communities"] = ["V01"]
    at.run()
    assert not at.exception and not at.error
    assert not at.metric, "no KPI tiles of zeros and dashes"
    assert any(EMPTY in info.value for info in at.info)
    assert not at.get("plotly_chart"), "no blank charts"


def test_english(app):
    app.query_params["lang"] = "en"
    at = open_culture(app)
    m = metrics(at)
    assert m["Activities"][0] == "4"
    assert m["Participation per 1,000 residents"][0] == "67"
    assert m["Town subsidy to teams (yuan)"][0] == "4,000"
    assert any("Cultural services" in t.value for t in at.title)
