"""The community profile's view model (governance/viewmodels/profile.py) on the hand-made
fixture (tests/fixture_data.py): the figures below are computed by hand from its rows."""

from __future__ import annotations

import pandas as pd
import plotly.io
import pytest

from governance import db, kpi
from governance.filters import Filters
from governance.indicators import INDICATORS_BY_ID
from governance.viewmodels import profile as model
from tests import fixture_data
from tests.apptest_support import app_on, every_section, open_page, open_section
from tests.fixtures.auth import OWN, log_in, open_path
from tests.fixtures.runners import TOWN, town_run
from tests.viewmodel_support import same

# The fixture as the app opens it: the whole town, 2010Q2-2011Q2 (the last quarter counts).
F = Filters(period_from=fixture_data.Q[0], period_to=fixture_data.Q[-1])


@pytest.fixture
def run(fixture_con):
    return town_run(fixture_con)


def tile(view: model.ProfileView, indicator_id: str) -> tuple[kpi.Kpi, str]:
    """The tile of ``indicator_id`` and the rank in words under it."""
    for section in view.sections:
        for k, rank in zip(section.tiles, section.ranks, strict=True):
            if k.indicator.id == indicator_id:
                return k, rank
    raise KeyError(indicator_id)


def row(view: model.ProfileView, label: str) -> dict[str, str]:
    table = view.table.shown
    return table[table["指标"] == label].iloc[0].to_dict()


def test_the_profile_of_a_community_holds_its_figures(run):
    v = model.build(run, F, "zh", "C01")
    assert v.title == "社区画像：甲社区"
    assert dict(v.facts) == {
        "类型": "社区",
        "常住人口": "1,000人",
        "户数": "400户",
        "动迁安置房面积": "3万㎡",  # 30,000 m²
        "物业公司": "甲物业",
        "入住年份": "2005",
    }
    # Fees 2011Q2: C01 bills 4 households, 3 pay in full (H4 paid 50 of 100): 75%; C02 bills
    # two and none pays: 0%. C01 has no target of its own: the town's 60%. 2011Q1: 1 of 4.
    fee, fee_rank = tile(v, "fee_collection_rate")
    # it read `fee.light == "green"`: but 75% is 3 of 4 households, fewer than 10, so by the
    # one small-sample rule (governance/sample.py, issue 20) the tile carries no light
    assert (fee.value, fee.target, fee.basis_value, fee.light) == (75.0, 60.0, 25.0, None)
    assert fee.small and fee.counts_text() == "3/4"
    # 4 and 2 households billed: fewer than 10 cases, so C01 is not ranked on fees
    assert fee_rank == "无排名"
    # Petitions 2011Q2: C01 10 - 4 = 6, C02 4, V01 0; fewer is better: V01, C02, C01.
    petitions, petitions_rank = tile(v, "petitions")
    # a total is ranked per 1,000 residents (C01 1,000, C02 3,000, V01 500): C01 6.0, C02
    # 4 / 3 = 1.33, V01 0.0, fewer is better: V01, C02, C01. It read
    # "总量不排名（随社区规模而变）" (and before that "第 3 / 3 名", on the raw counts).
    assert petitions.value == 6.0 and petitions_rank == "按每千人计 第 3 / 3 名"
    # 越级上访 2011Q2: C01 2 (2.0 per 1,000), C02 1 (0.33), V01 0 (0.0): C01 last again
    assert tile(v, "skip_level_batches")[1] == "按每千人计 第 3 / 3 名"
    assert row(v, "信访总量") == {
        "平台": "三降四升",
        "指标": "信访总量",
        "数值": "6件",
        "全镇": "10件",  # 6 + 4 + 0
        "目标": "—",
        "状态": "○ 无目标",
        # it read "总量不排名（随社区规模而变）" (before that "第 3 / 3 名"): per 1,000 now
        "在全镇排名": "按每千人计 第 3 / 3 名",
    }
    fees = row(v, "物业费收缴率")
    assert (fees["数值"], fees["全镇"], fees["目标"], fees["状态"]) == (
        "75.0%",
        "50.0%",  # 3 of the town's 6 bills
        "60.0%",
        "样本少（3/4）",  # it read "√ 达标": 3 of 4 households, the small-sample rule
    )
    assert [s.platform for s in v.sections] == [
        "outcomes",
        "party",
        "longterm",
        "culture",
        "selfgov",
    ]
    assert v.sections[0].link is None and v.sections[2].link == "查看长效管理明细"
    assert not v.empty


def test_an_indicator_with_no_rows_in_the_quarter_says_no_data_not_no_target(tmp_path):
    # no activity anywhere in 2011Q2 (fixture_data.activities_a_quarter_earlier): C01's
    # participation has no value, against the town's target of 100
    con = db.connect(fixture_data.write(tmp_path, fixture_data.activities_a_quarter_earlier()))
    v = model.build(
        town_run(con),
        F,
        "zh",
        "C01",
    )
    con.close()
    assert row(v, "千人活动参与人次") == {
        "平台": "文化服务",
        "指标": "千人活动参与人次",
        "数值": "—",
        "全镇": "—",
        "目标": "100",
        "状态": "— 无数据",
        "在全镇排名": "无排名",
    }


def test_a_village_in_english_has_no_company(run):
    v = model.build(run, F, "en", "V01")
    assert v.title == "Community profile: Bing"
    assert dict(v.facts) == {
        "Kind": "Village",
        # read "Residents" until the catalog said 常住人口 one way (issue 19): the contract's
        # and the briefing's "Resident population"
        "Resident population": "500",
        "Households": "200",
        "Resettlement housing": "0 m²",
        "Property company": "none",
        "Moved in": "2003",
    }
    assert list(v.table.shown.columns)[:2] == ["Platform", "Indicator"]


def test_a_scoped_user_sees_their_rank_among_the_town_and_no_town_figure(run):
    # Scoped to C01: the ranks are still among the whole town (outside the app no scope is
    # applied to run, so it reads the town), and the model holds no town figure.
    v = model.build(run, F, "zh", "C01", ("C01",))
    # a total is ranked per 1,000 residents (it read "总量不排名（随社区规模而变）", and
    # before that "第3名/共3个" on the raw counts): V01 0.0, C02 1.33, C01 6.0
    assert tile(v, "petitions")[1] == "按每千人计 第3名/共3个"
    assert tile(v, "fee_collection_rate")[1] == "无排名"  # 4 households: few cases
    assert tile(v, "grid_closure_rate")[1] == "无排名"  # the fixture has no grid cases
    assert "全镇" not in v.table.shown.columns and "全镇" not in v.download.columns
    fig = model.trend(run, F, "zh", "C01", "petitions", scoped=True)
    assert [trace.name for trace in fig.data] == ["甲社区"]


def test_the_trend_is_the_community_against_the_town(run):
    fig = model.trend(run, F, "zh", "C01", "petitions", scoped=False)
    assert fig.layout.title.text == "与全镇对比：信访总量"
    lines = {trace.name: (tuple(trace.x), tuple(trace.y)) for trace in fig.data}
    quarters = ("2010Q2", "2010Q3", "2010Q4", "2011Q1", "2011Q2")
    assert lines == {
        "甲社区": (quarters, (10.0, 9.0, 8.0, 7.0, 6.0)),  # 10 - i
        "全镇": (quarters, (14.0, 13.0, 12.0, 11.0, 10.0)),  # + C02's 4, V01's 0
    }
    # Fees are billed in 2011Q1 (C01 1 of 4, town 2 of 6) and 2011Q2 only; target 60%.
    fig = model.trend(run, F, "zh", "C01", "fee_collection_rate", scoped=False)
    lines = {trace.name: (tuple(trace.x), tuple(trace.y)) for trace in fig.data}
    assert lines["甲社区"] == (("2011Q1", "2011Q2"), (25.0, 75.0))
    assert lines["全镇"][1] == pytest.approx((100 * 2 / 6, 50.0))
    assert [shape.y0 for shape in fig.layout.shapes] == [60.0]
    assert model.trend(run, F, "zh", "C01", "no_such_indicator", scoped=False) is None


def test_the_page_opens_on_the_weakest_community(run):
    # Headlines at 2011Q2: resolution (3 and 1 issues), fees (4 and 2 households) and
    # stairwells (2 and 1 rated) rest on fewer than 10 cases, so every community is ranked on
    # participation alone, fewer than three platforms: nobody has an overall rank, and the
    # page opens on the first community in view (it was C02, tied last on 2, 1, 1, 2 / 1, 2,
    # 2, 1 before the small-sample rule)
    assert model.weakest(run, F, "zh") == "C01"
    assert model.weakest(run, Filters(F.period_from, F.period_to, ("C01", "V01")), "zh") == "C01"


def test_a_user_who_may_see_no_community_gets_no_profile(fixture_con):
    def nobody(name, params=None):
        return db.run(fixture_con, name, {**(params or {}), "scope": []})

    assert model.weakest(nobody, F, "zh") is None
    assert model.build(nobody, F, "zh", None) is None
    assert model.build(nobody, F, "zh", "C01") is None  # outside the scope


def test_the_model_ignores_the_filters_communities(run):
    chosen = Filters(F.period_from, F.period_to, ("C01",))
    assert model.shared(chosen) == F
    same(model.build(run, model.shared(chosen), "zh", "C01"), model.build(run, F, "zh", "C01"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_building_twice_gives_equal_models(run, lang):
    for choices in model.EXAMPLE_CHOICES:
        same(model.build(run, F, lang, *choices), model.build(run, F, lang, *choices))
    first = model.trend(run, F, lang, "C01", "fee_collection_rate", False)
    second = model.trend(run, F, lang, "C01", "fee_collection_rate", False)
    assert plotly.io.to_json(first) == plotly.io.to_json(second)


def test_the_page_draws_the_model_and_its_trend_choice(fixture_dir, monkeypatch):
    at = app_on(fixture_dir, monkeypatch)
    at.query_params["c"] = "C01"
    open_page(at, "profile")
    assert at.title[0].value == "社区画像：甲社区"
    assert not at.info or all("综合排名最后" not in i.value for i in at.info)
    # the outcomes open first; each platform is a section of its own (ui/sections.py)
    assert {m.label: m.value for m in at.metric}["信访总量"] == "6件"
    # petitions: a total is ranked per 1,000 residents (the model's words, drawn under its
    # tile; it read "总量不排名（随社区规模而变）")
    assert "按每千人计 第 3 / 3 名" in [c.value for c in at.caption]
    open_section(at, "profile_section", "长效管理")
    assert {m.label: m.value for m in at.metric}["物业费收缴率"] == "75.0%"
    # the fee tile rests on 4 households: no light, its counts under it (ui/widgets.kpi_tile)
    assert "样本少（3/4）" in [c.value for c in at.caption]
    fee = next(m for m in at.metric if m.label == "物业费收缴率")
    assert "样本少（3/4）" in (fee.help or "") and "达标" not in (fee.help or "")
    open_section(at, "profile_section", "季度趋势")
    at.session_state["profile_trend_indicator"] = "fee_collection_rate"
    at.run()
    assert not at.exception, at.exception
    spec = at.get("plotly_chart")[0].proto.spec
    assert '"y":[25.0,75.0]' in spec.replace(" ", "")


def test_a_scoped_viewer_reads_their_ranks_among_the_whole_town(app, demo_dir):
    log_in(app, "lu")  # scoped to 芦苑社区 (C02)
    open_path(app, "profile")
    assert not app.exception, app.exception
    assert app.title[0].value == "社区画像：芦苑社区"
    con = db.connect(demo_dir)
    try:
        parts = db.run(con, "indicator_parts_by_community_quarter", TOWN)  # the whole town
        people = db.run(con, "communities_list", TOWN)
    finally:
        con.close()
    quarter = pd.Timestamp(app.session_state["flt_current"].period_to).date()
    population = dict(zip(people["community_id"], people["population"], strict=True))
    ranks = kpi.indicator_ranks(parts, quarter, population)
    mine = ranks[ranks["community_id"] == OWN]
    expected = {
        # a total is ranked per 1,000 residents (it read "总量不排名（随社区规模而变）", and
        # before that 第2名/共8个 on the raw counts)
        i: f"按每千人计 第{int(r)}名/共{int(n)}个"
        if INDICATORS_BY_ID[i].unit == "count"
        else f"第{int(r)}名/共{int(n)}个"
        for i, r, n in zip(mine["indicator_id"], mine["rank"], mine["n"], strict=True)
    }
    assert len(set(expected.values())) > 1, "the demo town ranks 芦苑社区 differently by measure"
    captions: set[str] = set()  # under the tiles of every section
    for opened in every_section(app, "profile_section"):
        captions |= {c.value for c in opened.caption}
    table = app.dataframe[0].value  # the one table (the last section): all indicators, ranks
    assert "全镇" not in table.columns
    shown = dict(zip(table["指标"], table["在全镇排名"], strict=True))
    for indicator_id, words in expected.items():
        label = INDICATORS_BY_ID[indicator_id].label("zh")
        if label in shown:
            assert shown[label] == words, indicator_id
    assert captions >= set(expected.values())


def test_counts_are_ranked_per_1000_residents_and_without_a_population_not_at_all(run):
    """Petitions 2011Q2: C01 6 of 1,000 residents = 6.0 per 1,000, C02 4 of 3,000 = 1.33,
    V01 0 of 500 = 0.0; fewer is better. Without V01's population it is not ranked on counts
    (n = 2), and its profile says why; its rates are ranked as before."""
    parts = run("indicator_parts_by_community_quarter")
    q = F.period_to
    ranks = kpi.indicator_ranks(parts, q, {"C01": 1000, "C02": 3000, "V01": 500})
    p = ranks[ranks["indicator_id"] == "petitions"].set_index("community_id")
    assert p["per1000"].to_dict() == pytest.approx({"C01": 6.0, "C02": 4 / 3, "V01": 0.0})
    assert p["rank"].to_dict() == {"V01": 1, "C02": 2, "C01": 3}
    assert set(p["n"]) == {3}
    # raw counts would rank the same here; C02 with 7 petitions (2.33 per 1,000) stays 2nd
    # per head where its raw count (7 > 6) would put it last
    more = parts.copy()
    at = (more["community_id"] == "C02") & (more["indicator_id"] == "petitions")
    more.loc[at & (more["quarter"] == pd.Timestamp(q)), "num"] = 7.0
    per = kpi.indicator_ranks(more, q, {"C01": 1000, "C02": 3000, "V01": 500})
    per = per[per["indicator_id"] == "petitions"].set_index("community_id")["rank"]
    assert per.to_dict() == {"V01": 1, "C02": 2, "C01": 3}
    raw = kpi.indicator_ranks(more, q)  # without populations: as before, the raw count
    raw = raw[raw["indicator_id"] == "petitions"].set_index("community_id")["rank"]
    assert raw.to_dict() == {"V01": 1, "C01": 2, "C02": 3}
    # V01 without a population: not ranked on counts, still ranked on rates
    nopop = kpi.indicator_ranks(parts, q, {"C01": 1000, "C02": 3000, "V01": None})
    pet = nopop[nopop["indicator_id"] == "petitions"].set_index("community_id")
    assert pet["rank"].to_dict() == {"C02": 1, "C01": 2} and set(pet["n"]) == {2}
    assert "V01" in set(nopop.loc[nopop["indicator_id"] == "incident_rate", "community_id"])
    assert "V01" not in set(nopop.loc[nopop["indicator_id"] == "petitions", "community_id"])
    en = model.build(run, F, "en", "C01")
    assert tile(en, "petitions")[1] == "per 1,000 residents: rank 3 of 3"
