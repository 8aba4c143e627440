"""The long-term page's view model (governance/viewmodels/longterm.py), built without Streamlit.

On the small fixture (tests/fixture_data.py), by hand: fee bills 2011Q2 C01 3 of 4 paid in full
(H4 paid 50 of 100), C02 0 of 2 -> town 3/6 = 50%; 2011Q1 C01 1 of 4, C02 1 of 2 -> 2/6 =
33.3%; property scores 2011Q2 C01 78 (30,000 m²), C02 88 (60,000 m²) -> (78 x 30,000 + 88 x
60,000) / 90,000 = 84.67; no grid case and no staff post. On the long-term fixture
(tests/test_longterm_queries.py, figures worked there): reward paid 2011Q2 7,020 + 15,840 =
22,860 yuan; C02 2011Q1 paid 10,000 against a formula amount of 14,040 (gap -4,040).
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from governance import db
from governance.filters import Filters
from governance.viewmodels import longterm as model
from tests.apptest_support import app_on, open_page, open_section
from tests.fixtures.longterm import write_longterm_fixture
from tests.fixtures.runners import town_run
from tests.fixtures.same import same
from tests.viewmodel_support import counted_queries

Q1, Q2 = date(2011, 1, 1), date(2011, 4, 1)
WHOLE = Filters(period_from=date(2010, 4, 1), period_to=Q2)


@pytest.fixture
def run(fixture_con):
    calls: list[str] = []

    def query(name: str, params=None) -> pd.DataFrame:
        calls.append(name)
        return db.run(fixture_con, name, {"scope": db.WHOLE_TOWN, **(params or {})})

    query.calls = calls
    return query


@pytest.fixture(scope="module")
def lt_run(tmp_path_factory):
    con = db.connect(write_longterm_fixture(tmp_path_factory.mktemp("vm_longterm")))
    yield town_run(con)
    con.close()


def ys(fig, trace: int = -1, axis: str = "y") -> list[float]:
    return [round(float(v), 2) for v in getattr(fig.data[trace], axis)]


def test_tiles_and_the_fee_story_on_the_small_fixture(run):
    v = model.build(run, WHOLE, "zh")
    assert v.tiles["fee_collection_rate"].value == pytest.approx(50.0)
    assert v.tiles["fee_collection_rate"].basis_value == pytest.approx(100 * 2 / 6)
    assert v.tiles["property_score"].value == pytest.approx((78 * 3 + 88 * 6) / 9)
    assert v.tiles["fee_collection_rate"].target == 60.0  # the town's target
    assert v.notes["fee_collection_rate"] == "数据首季度 2011Q1：33.3%"
    assert "全镇物业费收缴率从 2011Q1 的 33.3%" in v.story
    # no grid case, no staff post in the small fixture: those sections say so
    assert v.grid_chart is None and v.staff_chart is None
    assert v.grid.total == 6  # the six contract categories, all zero
    assert v.grid.head.headers["cases"] == "案件数"
    assert v.grid.head.shown["案件数"].tolist() == [0] * 6


def test_fee_chart_lines_by_mode(run):
    town = model.fee_chart(run, WHOLE, "zh", "town")
    assert ys(town) == [33.33, 50.0] and list(town.data[-1].x) == ["2011Q1", "2011Q2"]
    by_community = model.fee_chart(run, WHOLE, "zh", "community")
    lines = {tr.name: ys(by_community, i) for i, tr in enumerate(by_community.data)}
    assert lines["甲社区"] == [25.0, 75.0] and lines["乙社区"] == [50.0, 0.0]
    assert set(by_community.data[0].customdata) == {"C01"}  # a click drills down to C01
    by_company = model.fee_chart(run, WHOLE, "en", "company")
    names = [tr.name for tr in by_company.data]
    assert names[:2] == ["Company A", "Company B"] and names[2] == "Whole town"


def test_breakdown_is_best_first_and_names_the_missing(run):
    bars = model.breakdown(run, WHOLE, "zh", "fee_collection_rate")
    # horizontal bars: the values on x, the names on y, the ids carried for a drill-down
    assert ys(bars.figure, 0, "x") == [75.0, 0.0]  # C01 3/4, C02 0/2 at 2011Q2
    assert list(bars.figure.data[0].customdata) == ["C01", "C02"]
    assert bars.missing == "本季度没有该指标数据的社区未列出：丙村"  # the village has no bills
    one = Filters(period_from=Q1, period_to=Q2, communities=("C02",))
    own = model.build(run, one, "zh")
    assert own.tiles["fee_collection_rate"].target == 40.0  # C02's own target
    assert model.breakdown(run, one, "zh", "fee_collection_rate").missing is None


def test_fee_records_show_the_last_quarter_and_count_every_bill(run):
    found = model.record_set(run, WHOLE, "zh", "fees")
    fees = found.fees
    assert found.rows is None and fees.last_quarter.total == 6  # the 2011Q2 bills
    assert fees.last_quarter.params["period_from"] == Q2
    assert fees.heading == "2011年第2季度 各户收缴明细（未足额缴纳的排在前面）"
    assert fees.households == "下载所选时间范围内全部 12 条收缴明细（每户每季度一条）："
    assert fees.excel_fits
    assert fees.params == WHOLE.params(["C01", "C02", "V01"])
    shown = fees.last_quarter.head.shown
    paid = shown[fees.last_quarter.head.headers["paid_in_full"]]
    assert sorted(paid) == ["否"] * 3 + ["是"] * 3  # H4, H5, H6 did not pay in full


def test_reward_records_carry_the_formula_and_the_gap(lt_run):
    v = model.build(lt_run, WHOLE, "zh")
    assert v.tiles["reward_paid"].value == 22_860.0
    rewards = model.record_set(lt_run, WHOLE, "zh", "reward")
    assert rewards.file_stem == "reward_payments" and rewards.rows.query
    raw = rewards.rows.whole(lt_run)  # the download fetches the rows again ...
    whole = rewards.rows.prepare(raw)  # ... and adds the formula amount and the gap
    row = whole[(whole["company_id"] == "P02") & (whole["quarter"] == "2011Q1")].iloc[0]
    assert row["formula_yuan"] == 14_040.0 and row["gap_yuan"] == -4_040.0
    assert rewards.rows.total == 5
    assert v.staff_chart is not None and v.grid_chart is not None
    closed = dict(zip(v.grid_chart.data[0].x, v.grid_chart.data[0].y, strict=True))
    assert closed["乱停车"] == 2  # G2 and G5 closed, G3 open


@pytest.fixture(scope="module")
def lt_con(tmp_path_factory):
    con = db.connect(write_longterm_fixture(tmp_path_factory.mktemp("vm_longterm_scoped")))
    yield con
    con.close()


def scoped(con, own):
    """The query layer as the app gives it to a user scoped to ``own``: every query cut."""
    from governance.auth.scope import scoped_params

    return lambda name, params=None: db.run(
        con, name, scoped_params(db.query_params(name), params or {}, own)
    )


def test_the_reward_fund_says_whose_it_is(lt_con):
    """2011 rewards: C01 6,120 + 7,020 = 13,140, C02 10,000 + 15,840 = 25,840, town 38,980
    of the 100万 cap (61.02万 left). A user scoped to C02 sees only C02's 25,840: the captions
    say 所辖社区, and the town's "left" (which C02's part alone cannot give) is not shown."""
    town = model.build(scoped(lt_con, None), WHOLE, "zh", None)
    assert town.notes["reward_paid"] == "2011年全镇已用奖励基金 3.90万元，剩余 96.10万元"
    assert town.fund_note.startswith("奖励基金是全镇的统一额度，年度使用和剩余按全镇统计")
    assert "全镇已发放（元）" in town.fund.head.shown.columns

    own = model.build(scoped(lt_con, ("C02",)), WHOLE, "zh", ("C02",))
    assert own.notes["reward_paid"] == (
        "2011年所辖社区已获奖励基金 2.58万元（全镇额度的剩余不在您的权限范围内）"
    )
    assert own.fund_note.startswith("奖励基金是全镇的统一额度；这里只统计所辖社区获得的部分")
    shown = own.fund.head.shown
    assert "全镇已发放（元）" not in shown.columns and "剩余（元）" not in shown.columns
    row = shown[shown["年度"] == 2011].iloc[0]
    assert row["所辖社区已发放（元）"] == 25_840.0
    assert [tr.name for tr in own.fund_chart.data] == ["所辖社区已获"]
    assert own.story.startswith("**所辖社区物业费收缴率从 2011Q1 的 50.0%")
    fee = model.fee_chart(scoped(lt_con, ("C02",)), WHOLE, "zh", "town", ("C02",))
    assert fee.data[-1].name == "所辖社区"

    en = model.build(scoped(lt_con, ("C02",)), WHOLE, "en", ("C02",))
    assert en.notes["reward_paid"] == (
        "2011: your communities received ¥25,840 from the fund (the town's remainder is "
        "outside your scope)"
    )
    assert "Paid, your communities (yuan)" in en.fund.head.shown.columns


def test_a_period_without_data_is_no_model(run):
    before = Filters(period_from=date(2010, 4, 1), period_to=date(2010, 7, 1))
    assert model.build(run, before, "zh") is None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_building_twice_gives_equal_models(run, lang):
    assert same(model.build(run, WHOLE, lang), model.build(run, WHOLE, lang))
    for section, examples in model.SECTION_CHOICES.items():
        build = getattr(model, section)
        for choices in examples:
            assert same(build(run, WHOLE, lang, *choices), build(run, WHOLE, lang, *choices))
    assert not same(model.build(run, WHOLE, "zh"), model.build(run, WHOLE, "en"))


def test_the_company_query_runs_only_for_its_chart_mode(run):
    model.build(run, WHOLE, "zh")
    assert "longterm_reward_fund_by_year" in run.calls  # every query goes through run
    assert "longterm_fee_rate_by_company_quarter" not in run.calls
    model.fee_chart(run, WHOLE, "zh", "company")
    assert run.calls[-1] == "longterm_fee_rate_by_company_quarter"


def test_a_rerun_with_unchanged_inputs_runs_no_query(tmp_path, monkeypatch):
    calls = counted_queries(monkeypatch)
    at = open_page(app_on(write_longterm_fixture(tmp_path), monkeypatch), "longterm")
    assert calls["longterm_reward_fund_by_year"] >= 1  # the first run built the model
    # the records kind is a widget of the 明细记录 section: only the open section runs
    open_section(at, "longterm_section", "明细记录")
    calls.clear()
    at.run()
    assert not at.exception and not calls, calls
    # another kind of records builds that record set only: the rest of the model is kept
    at.session_state["longterm_records_kind"] = "grid"
    at.run()
    assert not at.exception
    page = {n for n in calls if n.startswith("longterm_")} - {
        "longterm_kpi_parts_by_community_quarter"
    }
    assert page == {"longterm_grid_cases_records"}, calls
