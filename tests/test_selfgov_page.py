"""The 民主自治 page through Streamlit's AppTest, on the hand-made fixture of
tests/test_selfgov_queries.py (figures computed there by hand)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from governance import drill, periods
from tests.apptest_support import open_section
from tests.fixtures import selfgov as fx

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
Q2_10, Q3_10, Q4_10, Q1, Q2 = fx.Q2_10, fx.Q3_10, fx.Q4_10, fx.Q1, fx.Q2
SECTION = "selfgov_section"  # the tabs below the tiles: only the open one runs (ui/sections.py)
STAR, ELECTION, RECORDS = "星级楼道", "公推直选", "明细记录"


@pytest.fixture(scope="module")
def selfgov_dir(tmp_path_factory) -> Path:
    return fx.write(tmp_path_factory.mktemp("selfgov_page"))


@pytest.fixture(scope="module")
def empty_dir(tmp_path_factory) -> Path:
    return fx.write(tmp_path_factory.mktemp("selfgov_page_empty"), fx.EMPTY_ROWS)


def open_page(folder: Path, monkeypatch, period=None, communities=None, lang=None) -> AppTest:
    """The page with the filters given through the URL, as a copied link would open it."""
    monkeypatch.setenv("GOVERNANCE_DATA_DIR", str(folder))
    at = AppTest.from_file(APP, default_timeout=60)
    if period:
        at.query_params["from"] = periods.to_label(period[0])
        at.query_params["to"] = periods.to_label(period[1])
    if communities:
        at.query_params["c"] = list(communities)
    if lang:
        at.query_params["lang"] = lang
    at.run()
    at.switch_page("views/selfgov.py").run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    if period:
        end = periods.display(period[1], lang or "zh")
        assert any(end in c.value for c in at.caption), "the period filter took effect"
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def texts(elements) -> str:
    return " ".join(e.value for e in elements)


def test_kpi_tiles_show_the_hand_computed_values(selfgov_dir, monkeypatch):
    at = open_page(selfgov_dir, monkeypatch, period=(Q2_10, Q2))
    m = metrics(at)
    assert m["三星及以上楼道占比"] == "75.0%"
    assert m["最近一次选举参选率"] == "87.8%"  # 2,565 / 2,920
    assert m["三会召开次数"] == "4"
    assert m["三会决议落实率"] == "66.7%"
    assert m["在册志愿者"] == "5"
    assert m["有志愿者的住户占比"] == "50.0%"
    assert m["调解纠纷数"] == "4"
    assert m["矛盾调解成功率"] == "75.0%"
    deltas = {x.label: x.delta for x in at.metric}
    assert deltas["三星及以上楼道占比"].startswith("+25.0个百分点")
    assert deltas["调解纠纷数"].startswith("+3")


def test_a_kpi_changes_when_the_community_filter_changes(selfgov_dir, monkeypatch):
    at = open_page(selfgov_dir, monkeypatch, period=(Q2_10, Q2))
    at.session_state["flt_communities"] = ["C01"]
    at.run()
    assert not at.exception
    m = metrics(at)
    assert m["三星及以上楼道占比"] == "66.7%"
    assert m["最近一次选举参选率"] == "90.0%"
    assert m["调解纠纷数"] == "2"


def test_the_rise_of_the_three_star_share_is_stated_in_words(selfgov_dir, monkeypatch):
    at = open_section(open_page(selfgov_dir, monkeypatch, period=(Q2_10, Q2)), SECTION, STAR)
    words = texts(at.markdown)
    assert "2010-09-30 首轮 25.0%" in words and "2011-06-30 最近一轮 75.0%" in words


def test_records_and_downloads_are_present(selfgov_dir, monkeypatch):
    at = open_section(open_page(selfgov_dir, monkeypatch, period=(Q2_10, Q2)), SECTION, RECORDS)
    # the tables' downloads (the header's 汇报材料 briefing buttons are on every page)
    buttons = [b for b in at.get("download_button") if "_briefing_" not in str(b.key)]
    assert len(buttons) == 2 * 5, (
        "CSV and Excel for ratings, meetings, elections, mediations, volunteers"
    )
    # The records now open on the tiles' quarter (2011Q2: 4 ratings, 4 meetings, 4
    # mediations); the whole period's counts below, unchanged, are one choice away.
    counts = texts(at.caption)
    assert "共 4 条记录" in counts
    at.segmented_control(key="selfgov_rec_scope").set_value(drill.PERIOD).run()
    counts = texts(at.caption)
    for n in ("共 12 条记录", "共 5 条记录", "共 2 条记录"):
        assert n in counts


def test_an_empty_filter_result_says_so_in_words(selfgov_dir, monkeypatch):
    # The village has nothing before 2011: no meeting, mediation, rating, election or volunteer.
    at = open_page(selfgov_dir, monkeypatch, period=(Q2_10, Q3_10), communities=["V01"])
    assert "当前筛选条件下没有数据" in texts(at.info)
    assert not at.metric


def test_no_self_governance_data_at_all_says_so(empty_dir, monkeypatch):
    at = open_page(empty_dir, monkeypatch)
    assert "当前筛选条件下没有数据" in texts(at.info)
    assert not at.get("plotly_chart")


def test_a_period_before_the_first_rating_round_says_so_instead_of_an_empty_chart(
    selfgov_dir, monkeypatch
):
    at = open_section(open_page(selfgov_dir, monkeypatch, period=(Q2_10, Q2_10)), SECTION, STAR)
    words = texts(at.info)
    assert "星级楼道评定自2010年第3季度起开展" in words
    assert "首轮评定 2010-09-30" in words
    assert metrics(at)["三星及以上楼道占比"] == "—"
    # (the map's indicator picker is not a drill)
    assert not [b for b in at.selectbox if str(b.key).startswith("selfgov_drill")], "no drill"


def test_turnout_is_blank_with_words_when_the_period_holds_no_election(selfgov_dir, monkeypatch):
    at = open_section(open_page(selfgov_dir, monkeypatch, period=(Q2_10, Q1)), SECTION, ELECTION)
    assert metrics(at)["最近一次选举参选率"] == "—"
    assert "没有举行居委会选举" in texts(at.info)


def test_drill_from_community_to_building_to_stairwell(selfgov_dir, monkeypatch):
    at = open_section(open_page(selfgov_dir, monkeypatch, period=(Q2_10, Q2)), SECTION, STAR)
    boxes = {b.key: b for b in at.selectbox}
    assert boxes["selfgov_drill_community"].value == "*"
    assert boxes["selfgov_drill_building"].disabled
    boxes["selfgov_drill_community"].set_value("C01").run()
    # C01: S1, S2, S4 -> 1/3, 1/3, 2/3.
    assert "首轮 33.3%" in texts(at.markdown) and "最近一轮 66.7%" in texts(at.markdown)
    at.selectbox(key="selfgov_drill_building").set_value("B1").run()
    assert "首轮 0.0%" in texts(at.markdown) and "最近一轮 50.0%" in texts(at.markdown)
    at.selectbox(key="selfgov_drill_stairwell").set_value("S1").run()
    assert not at.exception
    words = texts(at.markdown)
    assert "S1 楼道" in words and "首轮 2 星" in words and "最近一轮 4 星" in words
    # The records follow the drill: one stairwell, its one round of the tiles' quarter, and
    # over the whole period (the records' scope chosen) its three rounds, as before.
    open_section(at, SECTION, RECORDS)  # the records section reads the drill from the URL
    assert "共 1 条记录" in texts(at.caption)
    at.segmented_control(key="selfgov_rec_scope").set_value(drill.PERIOD).run()
    assert "共 3 条记录" in texts(at.caption)
    # Choosing another community drops the building and the stairwell.
    open_section(at, SECTION, STAR)
    at.selectbox(key="selfgov_drill_community").set_value("C02").run()
    assert at.selectbox(key="selfgov_drill_building").value == "*"
    assert at.selectbox(key="selfgov_drill_stairwell").value == "*"


def test_a_single_community_filter_fixes_the_drill_community(selfgov_dir, monkeypatch):
    at = open_page(selfgov_dir, monkeypatch, period=(Q2_10, Q2), communities=["C02"])
    open_section(at, SECTION, STAR)
    box = at.selectbox(key="selfgov_drill_community")
    assert box.value == "C02" and "*" not in box.options
    assert not box.disabled


def test_the_page_in_english(selfgov_dir, monkeypatch):
    at = open_page(selfgov_dir, monkeypatch, period=(Q2_10, Q2), lang="en")
    assert metrics(at)["Stairwells at 3+ stars"] == "75.0%"
    assert "Turnout at the latest election" in metrics(at)
    assert any("Democratic self-governance" in t.value for t in at.title)
    open_section(at, SECTION, "Star-rated stairwells")  # the tab's label in the page's language
    assert at.selectbox(key="selfgov_drill_community").value == "*"


def test_the_stairwell_drill_is_in_the_url_and_a_link_opens_it(selfgov_dir, monkeypatch):
    at = open_section(open_page(selfgov_dir, monkeypatch, period=(Q2_10, Q2)), SECTION, STAR)
    at.selectbox(key="selfgov_drill_community").set_value("C01").run()
    at.selectbox(key="selfgov_drill_building").set_value("B1").run()
    assert at.query_params.get("sg_c") in ("C01", ["C01"])
    assert at.query_params.get("sg_b") in ("B1", ["B1"])
    # the building reads as a number within its community beside its code
    assert "1号楼（B1）" in [at.selectbox(key="selfgov_drill_building").format_func("B1")]
    # a link with the drill in it opens the same drill
    monkeypatch.setenv("GOVERNANCE_DATA_DIR", str(selfgov_dir))
    link = AppTest.from_file(APP, default_timeout=60)
    link.query_params.update({"from": "2010Q2", "to": "2011Q2", "sg_c": "C01", "sg_b": "B1"})
    link.run()
    link.switch_page("views/selfgov.py").run()
    open_section(link, SECTION, STAR)
    assert link.selectbox(key="selfgov_drill_building").value == "B1"
    assert "首轮 0.0%" in texts(link.markdown) and "最近一轮 50.0%" in texts(link.markdown)


def test_back_undoes_the_last_drill_step(selfgov_dir, monkeypatch):
    """The browser's Back restores the previous URL; the page follows it."""
    at = open_section(open_page(selfgov_dir, monkeypatch, period=(Q2_10, Q2)), SECTION, STAR)
    at.selectbox(key="selfgov_drill_community").set_value("C01").run()
    at.selectbox(key="selfgov_drill_building").set_value("B1").run()
    del at.query_params["sg_b"]  # Back: the URL of the community step
    at.run()
    assert at.selectbox(key="selfgov_drill_community").value == "C01"
    assert at.selectbox(key="selfgov_drill_building").value == "*"
    assert "首轮 33.3%" in texts(at.markdown)


def test_back_undoes_a_community_drill_down(selfgov_dir, monkeypatch):
    at = open_page(selfgov_dir, monkeypatch, period=(Q2_10, Q2))
    at.session_state["flt_communities"] = ["C01"]
    at.run()
    assert at.query_params.get("c") in ("C01", ["C01"])
    del at.query_params["c"]  # Back to the whole town
    at.run()
    assert at.session_state["flt_communities"] == []
    assert "c" not in at.query_params
