"""The what-if fund's 下一年度（预测） horizon (governance/whatif/forward.py): next year projected
from the data's last four quarters, each quarter carried forward (Q1 of next year takes the latest
Q1, ...), the scenario's rules applied with the cap per year; the headline is the fund per year
against its yearly cap; who gains says for which horizon; the horizon's URL parameter both ways;
the page on the demo data; a scoped user is told the numbers are their share.

Hand-made fixture: two companies, two communities, four quarters (2011Q1-2011Q4) and an older
quarter (2010Q4) the projection leaves out. A claim is score/100 x 0.1 yuan/m2/month x 3 months x
managed area:

    P1 / M1, 100,000 m2, scores 80, 90, 100, 70 -> 24,000, 27,000, 30,000, 21,000 (102,000)
    P2 / M2, 200,000 m2, score 50 each quarter  -> 30,000 a quarter               (120,000)

next year: 54,000, 57,000, 60,000, 51,000 = 222,000 yuan.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from governance import db
from governance.auth.scope import scoped_params
from governance.filters import Filters
from governance.viewmodels import whatif as model
from governance.whatif import forward, fund_view
from governance.whatif.fund import reward_fund
from governance.whatif.params import FundParams
from governance.whatif.scenario import Scenario
from tests import fixture_data
from tests.apptest_support import app_on, open_page, shown, url
from tests.fixtures.auth import log_in, open_path
from tests.fixtures.runners import TOWN

AREAS = {"M1": 100_000.0, "M2": 200_000.0}
COMPANY = {"M1": "P1", "M2": "P2"}
SCORES = {
    "M1": {date(2010, 10, 1): 60.0, date(2011, 1, 1): 80.0, date(2011, 4, 1): 90.0},
    "M2": {date(2010, 10, 1): 60.0, date(2011, 1, 1): 50.0, date(2011, 4, 1): 50.0},
}
SCORES["M1"] |= {date(2011, 7, 1): 100.0, date(2011, 10, 1): 70.0}
SCORES["M2"] |= {date(2011, 7, 1): 50.0, date(2011, 10, 1): 50.0}
NEXT = [date(2012, 1, 1), date(2012, 4, 1), date(2012, 7, 1), date(2012, 10, 1)]
CLAIMS_P1 = [24_000.0, 27_000.0, 30_000.0, 21_000.0]
CLAIMS_P2 = [30_000.0] * 4


def rows(scores=SCORES, areas=AREAS) -> pd.DataFrame:
    out = []
    for community, by_quarter in scores.items():
        for quarter, score in by_quarter.items():
            out.append(
                {
                    "quarter": pd.Timestamp(quarter),
                    "company_id": COMPANY[community],
                    "company_zh": f"{COMPANY[community]}物业",
                    "company_en": f"Company {COMPANY[community]}",
                    "community_id": community,
                    "score": score,
                    "managed_area_m2": areas[community],
                    "in_scope": True,
                }
            )
    return pd.DataFrame(out).sort_values(["quarter", "company_id"]).reset_index(drop=True)


# ---- the projection ----------------------------------------------------------------------------


def test_next_year_carries_each_quarter_forward():
    p = forward.project_next_year(rows())
    assert p is not None
    assert p.year == 2012
    assert (p.source_from, p.source_to) == (date(2011, 1, 1), date(2011, 10, 1))
    assert p.source_span() == "2011Q1–2011Q4"
    assert (p.period_from, p.period_to) == (date(2012, 1, 1), date(2012, 10, 1))
    f = p.frame
    assert len(f) == 8, "2010Q4 is older than the last four quarters"
    assert sorted({q.date() for q in f["quarter"]}) == NEXT
    m1 = f[f["community_id"] == "M1"]
    assert [q.date() for q in m1["quarter"]] == NEXT
    assert [q.date() for q in m1["source_quarter"]] == [
        date(2011, 1, 1),
        date(2011, 4, 1),
        date(2011, 7, 1),
        date(2011, 10, 1),
    ]
    assert m1["score"].tolist() == [80.0, 90.0, 100.0, 70.0]
    assert m1["managed_area_m2"].tolist() == [100_000.0] * 4
    assert f[f["community_id"] == "M2"]["score"].tolist() == [50.0] * 4


def test_a_year_ending_mid_year_takes_each_quarter_from_its_latest_same_number():
    """Data ending 2011Q2: the last four quarters are 2010Q3-2011Q2; 2012Q1 takes 2011Q1 and
    2012Q3 takes 2010Q3 (its latest Q3)."""
    scores = {
        "M1": {date(2010, 7, 1): 61.0, date(2010, 10, 1): 62.0, date(2011, 1, 1): 63.0},
        "M2": {date(2011, 4, 1): 64.0},
    }
    scores["M1"][date(2011, 4, 1)] = 65.0
    p = forward.project_next_year(rows(scores))
    assert p.year == 2012 and p.source_span() == "2010Q3–2011Q2"
    got = {
        (r.community_id, r.quarter.date()): (r.source_quarter.date(), r.score)
        for r in p.frame.itertuples()
    }
    assert got == {
        ("M1", date(2012, 1, 1)): (date(2011, 1, 1), 63.0),
        ("M1", date(2012, 4, 1)): (date(2011, 4, 1), 65.0),
        ("M1", date(2012, 7, 1)): (date(2010, 7, 1), 61.0),
        ("M1", date(2012, 10, 1)): (date(2010, 10, 1), 62.0),
        ("M2", date(2012, 4, 1)): (date(2011, 4, 1), 64.0),
    }


def test_no_assessments_no_projection():
    assert forward.project_next_year(rows().iloc[0:0]) is None


# ---- the amounts, the cap per year -------------------------------------------------------------


def test_next_years_claims_under_the_cap_are_paid_in_full():
    p = forward.project_next_year(rows())
    result = reward_fund(p.frame, FundParams())
    pay = result.payments
    assert pay.loc[pay["company_id"] == "P1", "paid_yuan"].tolist() == CLAIMS_P1
    assert pay.loc[pay["company_id"] == "P2", "paid_yuan"].tolist() == CLAIMS_P2
    year = result.by_year.iloc[0]
    assert (year["year"], year["cap"], year["claimed"], year["paid"]) == (
        2012,
        1_000_000,
        222_000,
        222_000,
    )
    assert year["left"] == 778_000 and year["capped_quarters"] == 0


def test_a_year_over_the_cap_is_scaled_down_to_exactly_the_cap():
    """A 200,000 cap: 50,000 a quarter; every quarter claims more (54,000, 57,000, 60,000,
    51,000), so each pays 50,000 pro rata and the year pays exactly 200,000. Q1: P1 gets
    24,000 x 50,000 / 54,000 = 22,222.22, P2 30,000 x 50,000 / 54,000 = 27,777.78."""
    p = forward.project_next_year(rows())
    result = reward_fund(p.frame, FundParams(annual_cap=200_000))
    year = result.by_year.iloc[0]
    assert year["paid"] == 200_000 and year["left"] == 0 and year["capped_quarters"] == 4
    assert result.by_quarter["paid"].tolist() == [50_000] * 4
    q1 = result.payments[result.payments["quarter"] == pd.Timestamp(2012, 1, 1)]
    assert q1["paid_yuan"].tolist() == pytest.approx([22_222.22, 27_777.78], abs=0.01)
    assert q1["paid_yuan"].sum() == pytest.approx(50_000, abs=1e-6)


def test_the_replay_of_two_years_shows_each_year_against_its_cap():
    """2010 (one quarter, 2010Q4: 60% x 0.3 x 300,000 = 54,000) under a 200,000 cap, 2011
    (222,000) over it: the headline tiles are each year against its cap, the over year cut to
    exactly the cap, the under year untouched; then the period's total."""
    frame = rows()
    view = fund_view.fund_view(
        frame, FundParams(annual_cap=200_000), date(2010, 10, 1), date(2011, 10, 1)
    )
    tiles = fund_view.fund_tiles(view, "zh")
    assert [(t.label, t.value) for t in tiles[:3]] == [
        ("2010年已用 / 上限 20万元", "5.4万元"),
        ("2011年已用 / 上限 20万元", "20万元"),
        ("奖励金发放", "25.40万元"),
    ]


def test_the_forward_headline_is_next_years_fund_against_its_cap():
    p = forward.project_next_year(rows())
    view = fund_view.fund_view(p.frame, FundParams(rate=0.15), p.period_from, p.period_to)
    tiles = fund_view.fund_tiles(view, "zh", forward=True)
    # 1.5 x 222,000 = 333,000 under the 100万 cap; the baseline's 222,000 is 22.2万元
    assert tiles[0].label == "2012年（预测）奖励资金 / 上限 100万元"
    assert tiles[0].value == "33.3万元" and tiles[0].delta == "+11.10万元 较基准"
    assert "现行办法 22.2万元（上限 100万元）" in tiles[0].help
    assert "奖励金发放" not in [t.label for t in tiles], "one year: no total beside it"
    en = fund_view.fund_tiles(view, "en", forward=True)
    assert en[0].label == "2012 (projected) fund / cap ¥1,000,000"


# ---- the URL parameter ---------------------------------------------------------------------------


def test_the_horizon_round_trips_through_the_link():
    s = Scenario(fund=FundParams(rate=0.15), horizon="next")
    assert s.to_query() == {"wf_rate": "0.15", "wf_horizon": "next"}
    back, problems = Scenario.from_query(s.to_query())
    assert back == s and problems == []
    assert Scenario().to_query() == {}, "the replay is the default, left out of the link"
    assert Scenario(horizon="next").is_baseline(), "the horizon is not a rule"


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        (
            "zh",
            "网址参数 wf_horizon 的值“2013”无效（应为 replay（所选时段回放）或 next（下一年度"
            "预测）），已改用默认值 replay。",
        ),
        (
            "en",
            "The link's parameter wf_horizon = “2013” is invalid (it should be replay (the "
            "chosen period) or next (next year, projected)); the default replay is used instead.",
        ),
    ],
)
def test_a_bad_horizon_in_the_link_is_named(lang, message):
    s, problems = Scenario.from_query({"wf_horizon": "2013", "wf_rate": "0.15"}, lang)
    assert s.horizon == "replay" and s.fund.rate == 0.15
    assert problems == [message]


def test_a_bad_horizon_handed_to_the_model_is_said_not_raised(fixture_con):
    def run(name, params=None):
        return db.run(fixture_con, name, {"scope": db.WHOLE_TOWN, **(params or {})})

    f = Filters(period_from=fixture_data.Q[0], period_to=fixture_data.Q[-1])
    part = model.fund_lever(run, f, "zh", FundParams(), None, "2013")
    assert part.section is None
    assert any("wf_horizon" in m for m in part.lever.problems)


# ---- the view model on the fixture: the query, whose gain, a scoped user's share ---------------


def scoped(fixture_con, own):
    def run(name, params=None):
        return db.run(fixture_con, name, scoped_params(db.query_params(name), params or {}, own))

    return run


F = Filters(period_from=fixture_data.Q[0], period_to=fixture_data.Q[-1])
P01 = 0.78 * 0.1 * 3 * 30_000  # 7,020 yuan (C01, score 78, 2011Q2)
P02 = 0.88 * 0.1 * 3 * 60_000  # 15,840 yuan (C02, score 88, 2011Q2)


def test_the_fixtures_last_four_quarters_make_2012(fixture_con):
    """The fixture's assessments are all in 2011Q2 (its last quarter): 2012Q2 takes them."""
    town = {"communities": ["C01", "C02", "V01"], "scope": db.WHOLE_TOWN}
    last = db.run(fixture_con, forward_query(), town)
    assert last["quarter"].tolist() == [pd.Timestamp(2011, 4, 1)] * 2
    v = model.build(scoped(fixture_con, None), F, "zh", Scenario(horizon="next"))
    fund = v.fund.section
    assert fund.tiles[0].label == "2012年（预测）奖励资金 / 上限 100万元"
    assert fund.tiles[0].value == "2.29万元"  # 7,020 + 15,840 = 22,860
    assert fund.assumption.startswith(
        "按最近四个季度（2010Q3–2011Q2）的面积和考核得分推算下一年度（2012年）"
    )
    assert fund.gains_caption == "下一年度（预测，2012年）：各物业企业较现行办法的增减"
    assert fund.by_company.download["baseline_yuan"].tolist() == pytest.approx([P01, P02])
    assert fund.share_note is None
    replay = model.build(scoped(fixture_con, None), F, "zh", Scenario()).fund.section
    assert replay.gains_caption == "所选时段（2010Q2–2011Q2）：各物业企业较现行办法的增减"
    assert replay.assumption is None
    en = model.build(scoped(fixture_con, None), F, "en", Scenario(horizon="next")).fund.section
    assert en.gains_caption == (
        "Next year (projected, 2012): each property company's change from the current rules"
    )


def forward_query() -> str:
    return model.LAST_FOUR


def test_a_scoped_user_is_told_the_numbers_are_their_share(fixture_con):
    own = ("C01",)
    for scenario in (Scenario(), Scenario(horizon="next")):
        fund = model.build(scoped(fixture_con, own), F, "zh", scenario, own).fund.section
        assert fund.share_note == (
            "以下为您所辖社区的部分；全镇上限在全镇层面适用，所辖部分的增减比例可能与全镇不同。"
        )
    ahead = model.build(scoped(fixture_con, own), F, "zh", Scenario(horizon="next"), own)
    tile = ahead.fund.section.tiles[0]
    assert (tile.label, tile.value) == ("2012年（预测）所辖社区所得", "0.7万元")  # 7,020
    assert "全镇年度上限 100万元" in tile.help


# ---- the page (AppTest, demo data) ---------------------------------------------------------------


@pytest.fixture
def state_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVERNANCE_STATE_DIR", str(tmp_path / "state"))


def demo_next_year(demo_dir) -> float:
    """Next year's fund under the current rules on the demo data, by the engine alone."""
    con = db.connect(demo_dir)
    try:
        ids = db.run(con, "communities_list", TOWN)["community_id"].tolist()
        last = db.run(con, model.LAST_FOUR, {"communities": ids, "scope": db.WHOLE_TOWN})
    finally:
        con.close()
    p = forward.project_next_year(last)
    assert p.year == 2012
    return float(reward_fund(p.frame, FundParams()).by_year.iloc[0]["paid"])


def test_the_page_leads_with_next_years_fund_against_its_cap(demo_dir, state_dir, monkeypatch):
    at = app_on(demo_dir, monkeypatch, timeout=90)
    at.query_params["wf_horizon"] = "next"
    open_page(at, "whatif")
    assert not at.warning, [w.value for w in at.warning]
    assert at.radio(key="whatif_horizon").value == "next"
    assert url(at, "wf_horizon") == ["next"]
    label = "2012年（预测）奖励资金 / 上限 100万元"
    assert at.metric[0].label == label
    assert at.metric[0].value == fund_view.wan_yuan(demo_next_year(demo_dir), "zh")
    assert any(
        i.value.startswith("按最近四个季度（2011Q1–2011Q4）的面积和考核得分推算下一年度（2012年）")
        for i in at.info
    )
    assert any(
        m.value == "**下一年度（预测，2012年）：各物业企业较现行办法的增减**" for m in at.markdown
    )
    assert any("wf_horizon=next" in c.value for c in at.code)
    assert any("wf_horizon=next（下一年度预测）" in c.value for c in at.caption)

    at.radio(key="whatif_horizon").set_value("replay").run()
    assert not at.exception, at.exception
    assert url(at, "wf_horizon") == []
    assert at.metric[0].label == "2010年已用 / 上限 100万元"
    assert any(
        m.value == "**所选时段（2010Q1–2011Q4）：各物业企业较现行办法的增减**" for m in at.markdown
    )


def test_the_page_names_a_bad_horizon(demo_dir, state_dir, monkeypatch):
    at = app_on(demo_dir, monkeypatch, timeout=90)
    at.query_params["wf_horizon"] = "2013"
    open_page(at, "whatif")
    assert [shown(w.value) for w in at.warning] == [
        "链接中的方案参数有误：网址参数 wf_horizon 的值“2013”无效（应为 replay（所选时段回放）或"
        " next（下一年度预测）），已改用默认值 replay。"
    ]
    assert at.radio(key="whatif_horizon").value == "replay"


def test_a_scoped_users_page_says_the_numbers_are_their_share(app):
    """lu, scoped to 新港社区 C02 (tests/test_auth_pages.py), opens a shared forward link: the
    page says the numbers are their communities' share, beside the link and above the tiles."""
    app.query_params["wf_horizon"] = "next"
    log_in(app, "lu")
    open_path(app, "whatif")
    assert not app.exception, app.exception
    share = "以下为您所辖社区的部分；全镇上限在全镇层面适用，所辖部分的增减比例可能与全镇不同。"
    assert share in [i.value for i in app.info]
    assert any("您看到的是所辖社区的部分" in c.value for c in app.caption)
    assert app.metric[0].label == "2012年（预测）所辖社区所得"
