"""The what-if page's view model (governance/viewmodels/whatif.py) on the small fixture: each
lever's numbers computed by hand from tests/fixture_data.py, the comparison, a lever whose
parameter is out of range, equal models from equal inputs, and a rerun that computes nothing."""

from __future__ import annotations

import dataclasses

import pytest

from governance import db, fmt
from governance.filters import Filters
from governance.viewmodels import whatif as model
from governance.whatif import fund_view, targets
from governance.whatif.fund import reward_fund
from governance.whatif.params import FundParams
from governance.whatif.scenario import Scenario
from tests import fixture_data
from tests.apptest_support import app_on, every_section, open_page, open_section
from tests.fixtures.runners import town_run
from tests.fixtures.same import same

# The whole town, 2010Q2-2011Q2; the fixture's assessments are all in 2011Q2.
F = Filters(period_from=fixture_data.Q[0], period_to=fixture_data.Q[-1])
# One quarter's claim = total score/100 x 0.1 yuan/m2/month x 3 months x managed area:
P01 = 0.78 * 0.1 * 3 * 30_000  # 7,020 yuan (C01, score 78)
P02 = 0.88 * 0.1 * 3 * 60_000  # 15,840 yuan (C02, score 88)


@pytest.fixture
def run(fixture_con):
    return town_run(fixture_con)


def test_the_baseline_fund(run):
    v = model.build(run, F, "zh", Scenario())
    assert v.changes == ()
    assert v.fund.lever.ready
    paid = v.fund.section.tiles[1]  # after the year's fund against its cap (the headline)
    assert paid.label == "奖励金发放" and paid.value == fmt.yuan(P01 + P02) == "2.29万元"
    assert paid.delta == "与基准相同"
    table = v.fund.section.by_company.download
    assert table["company_id"].tolist() == ["P01", "P02"]
    assert table["baseline_yuan"].tolist() == pytest.approx([P01, P02])
    assert table["change_yuan"].tolist() == [0.0, 0.0]
    assert v.fund.section.by_company.screen.iloc[0].tolist()[:2] == ["甲物业", "1"]
    # the quarter chart: one quarter in view, baseline and scenario bars both 22,860 元, drawn
    # in 万元 like the tiles beside it (2.286万元)
    chart = v.fund.section.quarter_chart
    assert [list(trace.y) for trace in chart.data] == [[2.286], [2.286]]
    assert chart.layout.yaxis.title.text == "万元"


def test_a_higher_rate_in_english(run):
    v = model.build(run, F, "en", Scenario(fund=FundParams(rate=0.2)))
    paid = v.fund.section.tiles[1]
    assert paid.value == "¥45,720"  # twice 22,860
    assert paid.delta == "+¥22,860 vs baseline" and paid.delta_color == "blue"
    assert v.fund.section.by_company.download["scenario_yuan"].tolist() == pytest.approx(
        [2 * P01, 2 * P02]
    )
    assert v.changes == ("Rate 0.2 yuan/m² per month (baseline 0.1)",)
    chart = v.fund.section.quarter_chart  # in English in yuan, as its tiles
    assert [list(trace.y) for trace in chart.data] == [[22_860.0], [45_720.0]]
    assert chart.layout.yaxis.title.text == "yuan"


def test_scoring_collection_and_targets(run):
    v = model.build(run, F, "zh", Scenario())
    # 20% self + 50% town + 30% residents: P01 0.2x90 + 0.5x80 + 0.3x70 = 79, P02 88
    scores = v.scoring.section.by_company.download
    assert scores["scenario_score"].tolist() == [79.0, 88.0]
    assert [t.value for t in v.scoring.section.tiles[:3]] == ["0 / 2 家", "2 / 2 家", "0 / 2 家"]
    # 2011Q2 fees paid in full: C01 3 of 4, C02 0 of 2, the town 3 of 6
    fee = v.collection.section.table.download
    assert fee["community_id"].tolist() == ["C01", "C02"]
    assert fee["current_pct"].tolist() == [75.0, 0.0]
    assert v.collection.section.tiles[0].value == "50.0%"
    assert "2011Q2" in v.collection.section.caption
    # the fixture's three communities are ranked by indicators met
    ranking = v.targets.section.ranking.download
    assert sorted(ranking["community_id"]) == ["C01", "C02", "V01"]
    assert v.targets.section.changes is None  # no target moved: no light changes


def test_a_town_target_keeps_a_communitys_own(run):
    # fee_collection_rate has a town target (60) and C02's own (40): a town-wide 80 leaves C02's
    v = model.build(run, F, "zh", Scenario(targets=(("fee_collection_rate", 80.0),)))
    assert v.targets.note is not None and "乙社区" in v.targets.note and "40" in v.targets.note


def test_an_out_of_range_lever_is_said_not_computed(run):
    v = model.build(run, F, "en", Scenario(collection_target=120.0))
    assert v.collection.section is None and not v.collection.lever.ready
    assert v.collection.lever.problems == (
        "The town's collection target (wf_fee) should be between 0 and 100%; it is 120%.",
    )
    assert (
        v.fund.section is not None and v.scoring.section is not None
    )  # the other levers still are


def test_the_comparison(run):
    compared = (("基准", Scenario()), ("提标", Scenario(fund=FundParams(rate=0.2))))
    c = model.comparison(run, F, "zh", compared)
    rows = c.side_by_side.set_index(c.side_by_side.columns[0])
    assert rows.loc["奖励金发放（所选时段、社区）", "基准"] == fmt.yuan(P01 + P02)
    assert rows.loc["奖励金发放（所选时段、社区）", "提标"] == fmt.yuan(2 * (P01 + P02))
    assert c.paid["提标"].tolist() == pytest.approx([2 * P01, 2 * P02])
    # the chart in 万元, as the tiles say money in Chinese (the table keeps yuan)
    assert [list(trace.y) for trace in c.chart.data] == [
        pytest.approx([P01 / 10_000, P02 / 10_000], abs=1e-4),
        pytest.approx([2 * P01 / 10_000, 2 * P02 / 10_000], abs=1e-4),
    ]


def test_the_inputs_hold_the_targets_in_force(run):
    base = model.inputs(run, F, "zh").base_targets
    assert base["fee_collection_rate"] == 60.0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_equal_inputs_give_equal_models(run, lang):
    f = dataclasses.replace(F, lang=lang)
    for choices in model.EXAMPLE_CHOICES:
        assert same(model.build(run, f, lang, *choices), model.build(run, f, lang, *choices))
    assert not same(
        model.build(run, f, lang, Scenario()),
        model.build(run, f, lang, Scenario(fund=FundParams(rate=0.2))),
    )
    compared = (("a", Scenario()), ("b", Scenario(collection_target=70.0)))
    assert same(model.comparison(run, f, lang, compared), model.comparison(run, f, lang, compared))


SECTIONS = "whatif_section"  # the what-if page's lever tabs (ui/sections.py)


def test_each_fund_once_per_build_and_none_on_a_rerun(fixture_dir, monkeypatch):
    calls: list[FundParams] = []
    lit: list[object] = []

    def counting(frame, params):
        calls.append(params)
        return reward_fund(frame, params)

    light_view = targets.light_view

    def counting_lights(*args, **kwargs):
        lit.append(args)
        return light_view(*args, **kwargs)

    monkeypatch.setattr(fund_view, "reward_fund", counting)
    monkeypatch.setattr(targets, "light_view", counting_lights)
    at = app_on(fixture_dir, monkeypatch)
    open_page(at, "whatif")  # the fund's tab opens first
    # Only the open tab runs (issue 24): the targets' and the comparison's tabs are opened to
    # build what they show, as on the one screen before.
    open_section(at, SECTIONS, "指标目标")
    open_section(at, SECTIONS, "保存与比较")
    # the fund lever and the comparison (baseline against the screen): one fund each
    assert calls == [FundParams(), FundParams()]
    assert len(lit) == 1
    calls.clear()
    lit.clear()
    at.run()
    assert not at.exception, at.exception
    for _ in every_section(at, SECTIONS):  # and no tab opened again computes one either
        pass
    assert calls == [], "a rerun that changes nothing computes no fund"
    open_section(at, SECTIONS, "奖励基金")
    at.number_input(key="whatif_rate").set_value(0.15).run()
    assert not at.exception, at.exception
    open_section(at, SECTIONS, "保存与比较")  # the comparison of the new rate
    open_section(at, SECTIONS, "指标目标")  # the targets' lever, whose inputs did not move
    assert sorted(calls, key=lambda p: p.rate) == [FundParams()] * 2 + [FundParams(rate=0.15)] * 2
    assert lit == [], "moving the fund's rate rebuilds no other lever"


def test_a_scoped_user_reads_their_communities_part_of_the_fund(fixture_con):
    """Scoped to C01 (every query cut, as the app does): the fund is worked out from C01's
    claim alone, P01 = 0.78 x 0.1 x 3 x 30,000 = 7,020 yuan, said as their communities' (the
    year tile 0.7万元); the town's remainder and quarters at the cap, which the other
    communities' claims decide, are neither tiles nor columns nor comparison rows. The fee
    goal and rate are theirs: C01 pays 3 of 4 households in full, 75.0%."""
    from governance.auth.scope import scoped_params

    own = ("C01",)

    def run(name, params=None):
        return db.run(fixture_con, name, scoped_params(db.query_params(name), params or {}, own))

    v = model.build(run, F, "zh", Scenario(), own)
    fund = v.fund.section
    assert [t.label for t in fund.tiles] == ["2011年所辖社区已获", "奖励金发放", "获得奖励的公司"]
    assert [t.value for t in fund.tiles] == ["0.7万元", "7,020元", "1 / 1 家"]
    assert "全镇年度上限 100万元" in fund.tiles[0].help and "结余" not in fund.tiles[0].help
    assert fund.scope_note.startswith("奖励基金是全镇的统一额度")
    assert fund.by_year_title == "年度奖励金（所辖社区）"
    year = fund.by_year.download
    assert year.columns.tolist() == [
        "year",
        "cap_baseline",
        "cap_scenario",
        "claimed_own_yuan",
        "paid_own_baseline_yuan",
        "paid_own_scenario_yuan",
    ]
    assert year["paid_own_scenario_yuan"].tolist() == pytest.approx([P01])
    assert "所辖社区已获·方案" in fund.by_year.screen.columns
    fee = v.collection.section
    assert [(t.label, t.value) for t in fee.tiles[:2]] == [
        ("所辖社区现行收缴率", "75.0%"),
        ("所辖社区目标收缴率", "60.0%"),
    ]
    assert fee.chart.layout.annotations[0].text == "所辖社区目标 60.0%"
    assert model.changes(run, F, "zh", Scenario(collection_target=70.0), own) == (
        "所辖社区收缴率目标 70.0%",
    )
    compared = (("a", Scenario()), ("b", Scenario(collection_target=70.0)))
    rows = model.comparison(run, F, "zh", compared, own).side_by_side.iloc[:, 0].tolist()
    assert "末年全镇基金结余" not in rows and "触及上限的季度数" not in rows
    assert "所辖社区收缴率目标（%）" in rows
    en = model.build(run, F, "en", Scenario(), own)
    assert en.fund.section.tiles[0].label == "2011: your communities"
    assert en.collection.section.tiles[0].label == "Your communities now"


def test_the_whole_town_keeps_the_towns_fund(run):
    """The same page for the whole town: the year tile against the cap, the town's remainder
    (1,000,000 - 22,860 = 977,140 yuan, 97.7万元) in its help, the quarters at the cap."""
    v = model.build(run, F, "zh", Scenario())
    fund = v.fund.section
    assert [t.label for t in fund.tiles] == [
        "2011年已用 / 上限 100万元",
        "奖励金发放",
        "获得奖励的公司",
        "触及上限的季度",
    ]
    assert "结余 97.71万元" in fund.tiles[0].help  # 100万元 less the 2.29万元 used
    assert "left_scenario" in fund.by_year.download.columns
    assert v.collection.section.tiles[0].label == "全镇现行收缴率"
