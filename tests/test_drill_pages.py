"""The records behind the long-term and self-governance tiles: their records lists open on the
tiles' quarter and communities (governance/drill.py through each page's view model), with the
rates written out from their inputs, and the whole period one choice away.

Hand-worked on the long-term fixture (tests/test_longterm_queries.py) for 甲社区 (C01), period
2010Q2–2011Q2, tiles at 2011Q2:
- grid cases reported in 2011Q2: G1 (closed in 10 days), G2 (2 days), G3 (open) -> 3 rows,
  closed 2 of 3 = 66.7%, days 12 / 2 = 6.0; the whole period adds G6 (2011Q1) -> 4 rows;
- fee bills 2011Q2: H1–H4, H1 H2 H3 paid in full -> 3 of 4 = 75.0% (the bills on screen are the
  quarter's either way; the summary per quarter, 2011Q1 and 2011Q2, is the period's);
- sanitation inspections 2011Q2: S1, S2 (S4 is 2011Q1's) -> 2 of 3.
On the self-governance fixture (tests/fixtures/selfgov.py), C01 at 2011Q2:
- three meetings T1 (adopted 4, carried out 3), T2 (2, 2) -> 2 rows (T4 is 2011Q1's: 3 for the
  period), carried out 5 of 6 = 83.3%;
- mediations D1 (settled), D2 (not) -> 2 rows, 1 of 2 = 50.0% (D5 is 2011Q1's: 3 for the period);
- election E3 738 of 820 = 90.0%; rating round 2011-06-30: S1 4★, S2 2★, S4 5★ -> 3 rows (9 over
  the three rounds), 2 of 3 at three stars or more = 66.7%;
- volunteers' households H1, H3 of C01's 5 -> 40.0%.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from governance import db, drill, longterm
from governance.filters import Filters
from governance.viewmodels import longterm as lt_model
from governance.viewmodels import selfgov as sg_model
from tests.apptest_support import app_on, open_page, open_section
from tests.fixtures import selfgov as selfgov_fixture
from tests.fixtures.longterm import write_longterm_fixture
from tests.fixtures.runners import town_run

Q2 = date(2011, 4, 1)
C01 = Filters(period_from=date(2010, 4, 1), period_to=Q2, communities=("C01",))


@pytest.fixture(scope="module")
def lt_dir(tmp_path_factory):
    return write_longterm_fixture(tmp_path_factory.mktemp("drill_longterm"))


@pytest.fixture(scope="module")
def sg_dir(tmp_path_factory):
    return selfgov_fixture.write(tmp_path_factory.mktemp("drill_selfgov"))


def runner(folder):
    con = db.connect(folder)
    return con, town_run(con)


def test_grid_cases_say_their_status_in_words_on_screen_and_in_the_files(lt_dir):
    # G3 (2011-05-01, not closed) is past the 30 days at the data date: 未结案; G1, G2, G6 closed.
    con, run = runner(lt_dir)
    try:
        zh = lt_model.record_set(run, C01, "zh", "grid", drill.PERIOD).rows
        en = lt_model.record_set(run, C01, "en", "grid", drill.PERIOD).rows
        in_files = zh.prepare(zh.whole(run))  # what both downloads hold, before the headers
    finally:
        con.close()
    assert list(zh.head.shown["案件状态"]) == ["未结案", "已结案", "已结案", "已结案"]
    assert list(en.head.shown["Case status"]) == ["Open", "Closed", "Closed", "Closed"]
    assert list(in_files["status"]) == ["未结案", "已结案", "已结案", "已结案"]
    assert zh.labels["status"] == "案件状态"
    # a case's days are whole (2, not 2.0), the open one's none
    assert in_files["days_to_close"].tolist() == [pd.NA, 2, 10, 4]
    assert zh.head.formats["结案天数"] == "%,d"
    # the third status, a case under the handling time, as its column is worded
    codes = pd.DataFrame({"status": ["in_hand", "closed", "open"]})
    zh_words = ["办理中（未满30天）", "已结案", "未结案"]
    assert list(longterm.localise(codes, "zh")["status"]) == zh_words
    assert longterm.localise(codes, "en")["status"].iloc[0] == "In hand (under 30 days)"


def test_longterm_records_are_the_tiles_quarter_with_the_rates_written_out(lt_dir):
    con, run = runner(lt_dir)
    try:
        v = lt_model.build(run, C01, "zh")
        grid = lt_model.record_set(run, C01, "zh", "grid", drill.QUARTER)
        grid_period = lt_model.record_set(run, C01, "zh", "grid", drill.PERIOD)
        fees = lt_model.record_set(run, C01, "zh", "fees", drill.QUARTER).fees
        fees_period = lt_model.record_set(run, C01, "zh", "fees", drill.PERIOD).fees
        sanitation = lt_model.record_set(run, C01, "zh", "sanitation", drill.QUARTER)
        en = lt_model.build(run, C01, "en")
    finally:
        con.close()
    assert grid.rows.total == 3 and grid_period.rows.total == 4
    assert sorted(grid.rows.head.shown.iloc[:, 0]) == ["G1", "G2", "G3"]
    assert fees.last_quarter.total == fees_period.last_quarter.total == 4
    # the summary and the full download are of the scope chosen: 2011Q2 alone (C01's one
    # quarter row), or the period (2011Q1 and 2011Q2). Before, both were the period's whatever
    # the choice (a fresh-eyes pass: the page said 2011Q2 and summed two quarters).
    assert (fees.summary.total, fees_period.summary.total) == (1, 2)
    assert fees.params["period_from"] == Q2 and fees_period.params["period_from"] == C01.period_from
    assert sanitation.rows.total == 2
    assert v.behind.caption == "下列记录为 2011Q2、甲社区的记录，即上方指标所依据的记录。"
    assert v.behind.scopes == {
        drill.QUARTER: "2011Q2（与上方指标对应）",
        drill.PERIOD: "2010Q2–2011Q2 全时段",
    }
    assert v.behind.formulas == (
        "物业费收缴率（2011Q2 · 甲社区）：75.0% = 3 户缴清 ÷ 4 户应缴 × 100%",
        "网格案件结案率（2011Q2 · 甲社区）：66.7% = 2 件已结案 ÷ 3 件计入案件 × 100%",
        "平均结案天数（2011Q2 · 甲社区）：6.0天 = 12 天 ÷ 2 件已结案",
    )
    assert (
        en.behind.formulas[2]
        == "Mean days to close (2011Q2 · Jia): 6.0 days = 12 days ÷ 2 cases closed"
    )


def test_selfgov_records_are_the_tiles_quarter_with_the_rates_written_out(sg_dir):
    con, run = runner(sg_dir)
    try:
        v = sg_model.build(run, C01, "zh")
        s = sg_model.star(run, C01, "zh", None, None, None)
    finally:
        con.close()
    assert {k: r.total for k, r in v.quarter_records.items()} == {
        "meetings": 2,
        "elections": 1,
        "mediations": 2,
    }
    assert (v.meetings.total, v.elections.total, v.mediations.total) == (3, 1, 3)
    assert sorted(v.quarter_records["meetings"].head.shown.iloc[:, 0]) == ["T1", "T2"]
    assert (s.quarter_ratings.total, s.ratings.total) == (3, 9)
    assert v.behind.formulas == (
        "三星及以上楼道占比（2011Q2 · 甲社区）：66.7% = 2 个三星及以上楼道 ÷ 3 个参评楼道 × 100%",
        "最近一次选举参选率（2011Q2 · 甲社区）：90.0% = 738 人参选 ÷ 820 名选民 × 100%",
        "三会决议落实率（2011Q2 · 甲社区）：83.3% = 5 项已落实 ÷ 6 项决议 × 100%",
        "有志愿者的住户占比（2011Q2 · 甲社区）：40.0% = 2 户有志愿者 ÷ 5 户 × 100%",
        "矛盾调解成功率（2011Q2 · 甲社区）：50.0% = 1 件调解成功 ÷ 2 件调解 × 100%",
    )


def first_column(at, prefix: str) -> list[str]:
    """The first column of the table on screen whose ids all start with ``prefix``."""
    for frame in at.dataframe:
        value = frame.value
        first = value.iloc[:, 0].astype(str).tolist() if len(value.columns) else []
        if first and all(x.startswith(prefix) for x in first):
            return first
    return []


def test_the_longterm_page_lands_on_the_quarters_rows_and_can_show_the_period(lt_dir, monkeypatch):
    at = open_page(app_on(lt_dir, monkeypatch), "longterm")
    at.session_state["flt_communities"] = ["C01"]
    at.run()
    open_section(at, "longterm_section", "明细记录")  # only the open section runs
    at.segmented_control(key="longterm_records_kind").set_value("grid").run()
    assert not at.exception and not at.error
    captions = [c.value for c in at.caption]
    assert "网格案件结案率（2011Q2 · 甲社区）：66.7% = 2 件已结案 ÷ 3 件计入案件 × 100%" in captions
    assert "下列记录为 2011Q2、甲社区的记录，即上方指标所依据的记录。" in captions
    assert sorted(first_column(at, "G")) == ["G1", "G2", "G3"]
    at.segmented_control(key="longterm_rec_scope").set_value(drill.PERIOD).run()
    assert not at.exception and not at.error
    assert not any(c.value.startswith("网格案件结案率（") for c in at.caption)
    assert sorted(first_column(at, "G")) == ["G1", "G2", "G3", "G6"]


def test_the_selfgov_page_lands_on_the_quarters_rows_and_can_show_the_period(sg_dir, monkeypatch):
    at = open_page(app_on(sg_dir, monkeypatch), "selfgov")
    at.session_state["flt_communities"] = ["C01"]
    at.run()
    open_section(at, "selfgov_section", "明细记录")  # only the open section runs
    assert not at.exception and not at.error
    captions = [c.value for c in at.caption]
    assert "三会决议落实率（2011Q2 · 甲社区）：83.3% = 5 项已落实 ÷ 6 项决议 × 100%" in captions
    assert sorted(first_column(at, "T")) == ["T1", "T2"]
    assert sorted(first_column(at, "D")) == ["D1", "D2"]
    at.segmented_control(key="selfgov_rec_scope").set_value(drill.PERIOD).run()
    assert not at.exception and not at.error
    assert not any(c.value.startswith("三会决议落实率（") for c in at.caption)
    assert sorted(first_column(at, "T")) == ["T1", "T2", "T4"]
    assert sorted(first_column(at, "D")) == ["D1", "D2", "D5"]
