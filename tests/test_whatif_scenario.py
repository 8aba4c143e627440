"""The whole what-if scenario (URL, widgets, storage) and the page's views, with hand-computed
numbers in the comments."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from governance import palette
from governance.whatif import (
    collection,
    compare,
    display,
    form,
    fund_view,
    saved,
    scenario,
    scoring,
    targets,
)
from governance.whatif.params import FundParams, ScoringParams
from tests.fixtures.json_scenarios import json_store

Q1, Q2 = date(2011, 1, 1), date(2011, 4, 1)


# ---- the scenario's URL form ------------------------------------------------------------------


def full_scenario() -> scenario.Scenario:
    return scenario.Scenario(
        fund=FundParams(
            rate=0.15, rate_period="quarter", annual_cap=1_200_000, min_score=60.5, over_cap="rank"
        ),
        scoring=ScoringParams(w_self=0.35, w_town=0.45, w_residents=0.2, excellent=85, good=70),
        targets=(("star3_share", 95.0), ("fee_collection_rate", 65.0)),
        collection_target=70.0,
    )


def test_baseline_has_no_url_items():
    assert scenario.Scenario().to_query() == {}
    assert scenario.Scenario.from_query({}) == (scenario.Scenario(), [])
    assert scenario.Scenario().is_baseline() and not full_scenario().is_baseline()


def test_full_round_trip_and_target_order():
    s = full_scenario()
    # targets are kept in the catalog's order, whatever order they came in
    assert [i for i, _ in s.targets] == ["fee_collection_rate", "star3_share"]
    query = s.to_query()
    assert query == {
        "wf_rate": "0.15",
        "wf_period": "quarter",
        "wf_cap": "1200000",
        "wf_min": "60.5",
        "wf_policy": "rank",
        "wf_ws": "0.35",
        "wf_wt": "0.45",
        "wf_wr": "0.2",
        "wf_ex": "85",
        "wf_gd": "70",
        "wf_t_fee_collection_rate": "65",
        "wf_t_star3_share": "95",
        "wf_fee": "70",
    }
    assert scenario.Scenario.from_query(query) == (s, [])
    # other pages' keys are ignored; multi-valued items take the last value
    back, msgs = scenario.Scenario.from_query(
        {**query, "from": "2010Q1", "wf_rate": ["0.1", "0.15"]}
    )
    assert (back, msgs) == (s, [])


def test_bad_url_items_fall_back_with_messages_naming_them():
    s, msgs = scenario.Scenario.from_query(
        {
            "wf_rate": "0.15",
            "wf_t_fee_collection_rate": "120",
            "wf_t_petitions": "abc",
            "wf_t_no_such": "5",
            "wf_fee": "-1",
            "wf_rat": "0.2",
        }
    )
    assert s == scenario.Scenario(fund=FundParams(rate=0.15))
    assert len(msgs) == 5
    text = "\n".join(msgs)
    for key in ("wf_t_fee_collection_rate", "wf_t_petitions", "wf_t_no_such", "wf_fee", "wf_rat"):
        assert key in text, key
    fee = next(m for m in msgs if "wf_t_fee_collection_rate" in m)
    assert "120" in fee and "0–100" in fee and "现行目标" in fee
    assert "默认值 60" in next(m for m in msgs if "wf_fee" in m)


def test_validation_per_section():
    s = scenario.Scenario(
        fund=FundParams(rate=0),
        scoring=ScoringParams(w_self=0.1),
        targets=(("incident_rate", 20_000.0),),
        collection_target=101,
    )
    assert "奖励标准（rate）" in s.fund_errors()[0]
    assert "90.0%" in s.scoring_errors()[0]
    assert "wf_t_incident_rate" in s.target_errors()[0] and "10,000" in s.target_errors()[0]
    assert "wf_fee" in s.collection_errors()[0]
    assert len(s.errors()) == 4
    with pytest.raises(ValueError, match="未知指标"):
        scenario.Scenario(targets=(("nope", 1.0),))


def test_reload_from_url():
    assert scenario.reload_from_url(False, {}, None)  # a session's first run
    assert not scenario.reload_from_url(True, {}, {"wf_rate": "0.15"})  # back from another page
    assert not scenario.reload_from_url(True, {"wf_rate": "0.15"}, {"wf_rate": "0.15"})
    assert scenario.reload_from_url(True, {"wf_rate": "0.2"}, {"wf_rate": "0.15"})  # link changed
    assert scenario.reload_from_url(True, {"wf_rate": ["0.2"]}, {})


def test_url_updates_touch_only_wf_items():
    to_set, to_delete = scenario.url_updates(
        {"from": "2010Q1", "wf_rate": "0.1", "wf_min": "80", "wf_cap": "5"},
        {"wf_rate": "0.15", "wf_cap": "5"},
    )
    assert to_set == {"wf_rate": "0.15"} and to_delete == ["wf_min"]


def test_share_link():
    items = {"wf_rate": ["0.15"], "lang": ["zh"], "c": ["C01", "C02"], "from": ["2010Q1"]}
    link = scenario.share_link("http://town:8501/", items)
    assert link == "http://town:8501/whatif?from=2010Q1&c=C01&c=C02&lang=zh&wf_rate=0.15"
    assert scenario.share_link("http://town:8501/whatif", {}) == "http://town:8501/whatif"
    assert scenario.share_link(None, {"wf_min": "80"}) == "/whatif?wf_min=80"


# ---- widgets --------------------------------------------------------------------------------


def test_widgets_round_trip():
    s = full_scenario()
    values = form.widget_values(s)
    assert values[form.W_SELF] == 35.0 and values[form.W_RESIDENTS] == 20.0  # weights in percent
    assert values[form.W_TARGET_IDS] == ["fee_collection_rate", "star3_share"]
    assert values[form.target_widget("star3_share")] == 95.0
    assert form.from_widgets(values) == s
    assert form.from_widgets({}) == scenario.Scenario()
    # an indicator just chosen whose input has no value yet is left out
    values[form.W_TARGET_IDS] = ["fee_collection_rate", "petitions"]
    assert form.from_widgets(values).targets == (("fee_collection_rate", 65.0),)


def test_default_target_is_the_town_target():
    base = {"fee_collection_rate": 60.0, ("fee_collection_rate", "C02"): 50.0}
    assert form.default_target("fee_collection_rate", base) == 60.0
    assert form.default_target("petitions", base) == 0.0


def test_store_lives_in_the_state_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("GOVERNANCE_STATE_URL", raising=False)
    monkeypatch.setenv("GOVERNANCE_STATE_DIR", str(tmp_path))
    saved.store().save("甲", {"wf_rate": "0.15"})
    assert saved.store().location == f"sqlite:///{tmp_path / 'state.db'}"
    assert saved.store().load("甲").params == {"wf_rate": "0.15"}
    assert (tmp_path / "state.db").exists() and not (tmp_path / "scenarios.json").exists()
    monkeypatch.setenv("GOVERNANCE_STATE_DIR", str(tmp_path / "other"))
    assert saved.store().names() == []


def test_saved_scenarios_reopen_exactly(tmp_path):
    store = json_store(tmp_path / "s.json")
    store.save("全部", full_scenario().to_query())
    assert scenario.Scenario.from_query(store.load("全部").params) == (full_scenario(), [])
    table = saved.saved_table(store.list(), "zh")
    assert table.columns.tolist() == ["方案名称", "保存时间", "相对基准的改动"]
    assert "奖励标准 0.15 元/平方米·每季度（基准 0.1）" in table.iloc[0, 2]


# ---- tiles and formatting -------------------------------------------------------------------


def test_tile_colours():
    assert display.tile("x", "1", 5.0, "+5").delta_color == "blue"  # neutral: money paid
    assert display.tile("x", "1", -5.0, "-5").delta_color == "blue"
    assert display.tile("x", "1", 2.0, "+2", good_when="up").delta_color == "green"
    assert display.tile("x", "1", -2.0, "-2", good_when="up").delta_color == "red"
    assert display.tile("x", "1", -2.0, "-2", good_when="down").delta_color == "green"
    zero = display.tile("x", "1", 0.0, "same", good_when="up")
    assert (zero.delta_color, zero.delta_arrow) == ("gray", "off")
    assert display.tile("x", "1", None, "").delta is None


def test_signed_texts():
    assert display.signed_yuan(80_500, "zh") == "+8.05万元"
    assert display.signed_yuan(-3230.77, "zh") == "-3,231元"
    assert display.signed_yuan(0.001, "zh") == "持平"
    assert display.signed_count(-2, "zh") == "-2"
    assert scenario.describe(scenario.Scenario(fund=FundParams(rate=0.15, min_score=80)), "zh") == [
        "奖励标准 0.15 元/平方米·每月（基准 0.1）",
        "最低考核分：公司当季得分不低于80分",
    ]
    assert scenario.describe(scenario.Scenario(), "zh") == []


# ---- the reward fund ----------------------------------------------------------------------------


def assessments(in_scope: list[tuple[str, date]]) -> pd.DataFrame:
    """Two companies, 2011Q1-Q2. Claims at 0.1 yuan/m2/month x 3 months:
    P1/C1 100,000 m2, score 100: 30,000 a quarter; P2/C2 50,000 m2: 80 -> 12,000 in Q1,
    60 -> 9,000 in Q2. Town claims 42,000 in Q1 and 39,000 in Q2."""
    rows = [
        ("P1", "C1", Q1, 100.0, 100_000.0),
        ("P2", "C2", Q1, 80.0, 50_000.0),
        ("P1", "C1", Q2, 100.0, 100_000.0),
        ("P2", "C2", Q2, 60.0, 50_000.0),
    ]
    df = pd.DataFrame(
        rows, columns=["company_id", "community_id", "quarter", "score", "managed_area_m2"]
    )
    df["quarter"] = pd.to_datetime(df["quarter"])
    df["company_zh"] = df["company_id"].map({"P1": "甲物业", "P2": "乙物业"})
    df["in_scope"] = [
        (c, q) in in_scope for c, q in zip(df["community_id"], Q1_Q2(df), strict=True)
    ]
    return df


def Q1_Q2(df: pd.DataFrame) -> list[date]:
    return [pd.Timestamp(q).date() for q in df["quarter"]]


def test_fund_is_town_wide_then_narrowed_to_the_view():
    # Cap 100,000 a year: 25,000 a quarter, both quarters over it, pro rata.
    # Q2: budget 25,000 of 39,000 claimed: P2 gets 9,000 x 25/39 = 5,769.23 (to the fen).
    # Computed for C2 alone the cap would never bind and P2 would get 9,000.
    df = assessments([("C2", Q2)])
    view = fund_view.fund_view(df, FundParams(annual_cap=100_000), Q2, Q2)
    assert view.rows[["company_id", "quarter"]].values.tolist() == [["P2", pd.Timestamp(Q2)]]
    s = fund_view.fund_summary(view)
    assert s["paid_baseline"] == 9_000 and s["paid_scenario"] == 5_769.23
    # 2011 left: baseline 1,000,000 - 81,000; scenario 100,000 - 25,000 x 2
    assert s["left_baseline"] == 919_000 and s["left_scenario"] == 50_000
    # only Q2 is in the period: one capped quarter under the scenario, none under the baseline
    assert (s["capped_baseline"], s["capped_scenario"]) == (0, 1)
    assert (s["companies_paid_baseline"], s["companies_paid_scenario"], s["companies"]) == (1, 1, 1)

    table = fund_view.company_table(view, "zh", {"P2": "乙物业"})
    row = table.iloc[0]
    assert (row["company"], row["baseline_yuan"], row["scenario_yuan"]) == ("乙物业", 9000, 5769.23)
    assert row["change_yuan"] == -3230.77 and row["change_pct"] == -35.9  # -3,230.77 / 9,000

    years = fund_view.year_table(view).iloc[0]
    assert years["year"] == 2011 and years["cap_scenario"] == 100_000
    assert (years["paid_baseline"], years["paid_scenario"]) == (81_000, 50_000)
    assert (years["capped_baseline"], years["capped_scenario"]) == (0, 2)
    assert years["claimed_scenario"] == 81_000

    tiles = fund_view.fund_tiles(view, "zh")
    # the headline first, one tile per year: the year's town-wide fund beside that year's cap
    assert tiles[0].label == "2011年已用 / 上限 10万元"
    assert tiles[0].value == "5万元"  # 25,000 x 2 of 100,000
    assert "基准已用 8.1万元（上限 100万元）" in tiles[0].help
    assert tiles[1].value == "5,769元" and tiles[1].delta == "-3,231元 较基准"
    assert tiles[1].delta_color == "blue"
    assert fund_view.wan_yuan(963_456, "zh") == "96.35万元"  # two decimals, as tables show it


def test_an_unchanged_difference_chart_says_same_as_baseline():
    view = fund_view.fund_view(assessments([("C1", Q1), ("C2", Q2)]), FundParams(), Q1, Q2)
    table = fund_view.company_table(view, "zh", {})
    assert (table["change_yuan"] == 0).all()
    fig = fund_view.fund_difference_figure(table, "zh")
    assert not fig.data, "no empty bars on a blank axis"
    assert [a.text for a in fig.layout.annotations] == ["与基准相同：各公司奖励金没有变化"]
    en = fund_view.fund_difference_figure(table, "en")
    assert en.layout.annotations[0].text.startswith("Same as the baseline")
    # a real change still draws the bars
    moved = fund_view.company_table(
        fund_view.fund_view(assessments([("C2", Q2)]), FundParams(min_score=70), Q1, Q2),
        "zh",
        {},
    )
    changed = fund_view.fund_difference_figure(moved, "zh")
    assert list(changed.data[0].x) == [-0.9] and not changed.layout.annotations
    # in 万元 in Chinese, as the tiles and the labels (-9,000元 → "-9,000元"), yuan in English
    assert changed.layout.xaxis.title.text == "万元"
    assert list(fund_view.fund_difference_figure(moved, "en").data[0].x) == [-9000]


def test_the_comparison_chart_says_money_as_the_tiles_and_greys_what_it_compares_with():
    paid = pd.DataFrame(
        {"company_id": ["P1"], "company": ["甲物业"], "基准": [12_000.0], "方案": [9_000.0]}
    )
    zh = compare.compare_figure(paid, "zh")
    assert [list(bar.y) for bar in zh.data] == [[1.2], [0.9]]  # 万元, as 1.20万元 on a tile
    assert zh.layout.yaxis.title.text == "万元"
    assert [bar.marker.color for bar in zh.data] == ["#9e9e9e", "#4c78a8"]  # as base / scenario
    en = compare.compare_figure(paid, "en")
    assert [list(bar.y) for bar in en.data] == [[12_000.0], [9_000.0]]


def test_comparison_lists_each_parameter_once():
    a = scenario.Scenario()
    b = scenario.Scenario(collection_target=70.0, fund=FundParams(min_score=80))
    frame = compare.compare_frame([("A", a, {}), ("B", b, {})], "zh")
    labels = frame.iloc[:, 0].tolist()
    assert len(labels) == len(set(labels))
    assert [x for x in labels if "收缴率目标" in x] == ["全镇收缴率目标（%）"]
    row = frame.set_index(frame.columns[0])
    assert row.loc["全镇收缴率目标（%）", "B"] == "70.0%"
    assert row.loc["最低考核分", "A"] == "不设门槛"
    assert row.loc["最低考核分", "B"] == "不低于80分（按公司、季度）"


def test_company_table_reads_the_minimum_per_company_quarter():
    # P1 manages C1 (100,000 m2) and C3 (300,000 m2): Q1 90 and 70 -> (90 + 3 x 70) / 4 = 75
    # < 80, nothing; Q2 90 and 78 on 100,000 m2 each -> 84, both paid (C3 at 78 too).
    df = pd.DataFrame(
        [
            ("P1", "C1", Q1, 90.0, 100_000.0),
            ("P1", "C3", Q1, 70.0, 300_000.0),
            ("P1", "C1", Q2, 90.0, 100_000.0),
            ("P1", "C3", Q2, 78.0, 100_000.0),
        ],
        columns=["company_id", "community_id", "quarter", "score", "managed_area_m2"],
    )
    df["quarter"] = pd.to_datetime(df["quarter"])
    df["in_scope"] = True
    view = fund_view.fund_view(df, FundParams(min_score=80), Q1, Q2)
    row = fund_view.company_table(view, "zh", {}).iloc[0]
    # area-weighted over the period: (9 + 21 + 9 + 7.8) million / 600,000 = 78.0
    assert row["mean_score"] == 78.0 and row["rows_below_min"] == 1
    assert row["scenario_yuan"] == 27_000 + 23_400  # Q2 only: 0.9 and 0.78 x 0.3 x 100,000
    assert fund_view.fund_summary(view)["rows_below_min_scenario"] == 1  # a company-quarter


def test_minimum_score_and_company_quarter_table():
    # min 70: P2's Q2 (60) is paid nothing; Q1 (80) is paid in full (no cap binding).
    df = assessments([("C1", Q1), ("C2", Q1), ("C1", Q2), ("C2", Q2)])
    view = fund_view.fund_view(df, FundParams(min_score=70), Q1, Q2)
    s = fund_view.fund_summary(view)
    assert s["paid_baseline"] == 81_000 and s["paid_scenario"] == 72_000
    assert s["rows_below_min_scenario"] == 1 and s["rows_below_min_baseline"] == 0
    cq = fund_view.company_quarter_table(view, {"P1": "甲物业", "P2": "乙物业"})
    p2q2 = cq[(cq["company_id"] == "P2") & (cq["quarter"] == pd.Timestamp(Q2))].iloc[0]
    assert (p2q2["claim_yuan"], p2q2["baseline_yuan"], p2q2["scenario_yuan"]) == (0, 9000, 0)
    assert p2q2["score"] == 60 and p2q2["change_yuan"] == -9000
    assert cq["quarter"].iloc[0] == pd.Timestamp(Q2), "newest first"
    assert (
        fund_view.company_table(view, "zh", {}).set_index("company_id").loc["P2", "rows_below_min"]
        == 1
    )


def test_nothing_in_view():
    assert fund_view.fund_view(assessments([]), FundParams(), Q1, Q2) is None


def test_screen_and_download_frames():
    df = assessments([("C2", Q2)])
    view = fund_view.fund_view(df, FundParams(annual_cap=100_000), Q2, Q2)
    table = fund_view.company_table(view, "zh", {"P2": "乙物业"})
    screen = display.shown(table, "zh")
    assert "公司编号" not in screen.columns  # the name column stands for the id
    assert screen["基准奖励金"].tolist() == ["9,000元"]  # the unit is in the value
    assert screen["变化（%）"].tolist() == ["-35.9%"]
    cq = display.for_download(fund_view.company_quarter_table(view, {}))
    assert cq["quarter"].tolist() == ["2011Q2"]


# ---- three-party scoring ------------------------------------------------------------------------


def scored_rows() -> pd.DataFrame:
    return pd.DataFrame(
        [
            # default 20/50/30: 18+40+21 = 79 良好; scenario 50/30/20: 45+24+14 = 83 优秀
            ("P1", "C1", 90.0, 80.0, 70.0),
            # default 8+45+24 = 77 良好; scenario 20+27+16 = 63 一般
            ("P1", "C4", 40.0, 90.0, 80.0),
            # default 20+45+28.5 = 93.5 优秀; scenario 50+27+19 = 96 优秀
            ("P2", "C2", 100.0, 90.0, 95.0),
            # default 12+35+24 = 71 一般; scenario 30+21+16 = 67 一般
            ("P2", "C3", 60.0, 70.0, 80.0),
        ],
        columns=["company_id", "community_id", "score_self", "score_town", "score_residents"],
    )


SCENARIO_SCORING = ScoringParams(w_self=0.5, w_town=0.3, w_residents=0.2, excellent=80, good=70)


def test_grades_per_company_and_community():
    view = scoring.grade_view(scored_rows(), SCENARIO_SCORING, {"P1": "甲物业"}, {"C1": "一社区"})
    comm = view.communities.set_index("community_id")
    assert comm.loc["C1", ["baseline_score", "scenario_score"]].tolist() == [79.0, 83.0]
    assert comm["change"].to_dict() == {"C1": "better", "C2": "same", "C3": "same", "C4": "worse"}
    assert comm.loc["C1", "community"] == "一社区" and comm.loc["C2", "community"] == "C2"
    comp = view.companies.set_index("company_id")
    # P1: (79+77)/2 = 78 良好 -> (83+63)/2 = 73 良好; P2: 82.25 -> 82.2 良好 -> 81.5 优秀
    assert comp.loc["P1", ["baseline_grade", "scenario_grade"]].tolist() == ["良好", "良好"]
    assert comp.loc["P2", ["baseline_grade", "scenario_grade"]].tolist() == ["良好", "优秀"]
    tiles = scoring.grade_tiles(view, "zh")
    assert (tiles[0].label, tiles[0].value, tiles[0].delta_color) == (
        "优秀公司",
        "1 / 2 家",
        "green",
    )
    assert tiles[2].label == "一般公司" and tiles[2].delta_color == "gray"  # 0 -> 0
    assert tiles[3].value == "升 1 · 降 1"
    fig = scoring.grade_figure(view.communities, "zh")
    assert list(fig.data[0].customdata) == ["C1", "C2", "C3", "C4"]  # a click drills down
    assert fig.data[0].marker.color[0] == palette.GREEN.mark
    assert fig.data[0].marker.color[3] == palette.RED.mark


def test_an_unchanged_scoring_chart_says_same_as_baseline():
    same = scoring.grade_view(scored_rows(), ScoringParams(), {}, {}).communities
    assert (same["score_change"] == 0).all()
    fig = scoring.grade_figure(same, "zh")
    assert not fig.data, "no zero-length bars on a blank axis"
    assert [a.text for a in fig.layout.annotations] == ["与基准相同：各社区三方评分和等级没有变化"]
    # a moved score alone (same grade) still draws the bars: C2 93.5 -> 96, 优秀 both times
    moved = scoring.grade_view(scored_rows(), SCENARIO_SCORING, {}, {}).communities
    assert len(scoring.grade_figure(moved[moved["community_id"] == "C2"], "zh").data) == 1


# ---- targets ----------------------------------------------------------------------------------


def values() -> pd.DataFrame:
    return pd.DataFrame(
        [
            ("C1", "fee_collection_rate", 58.0),
            ("C1", "incident_rate", 9.0),
            ("C2", "fee_collection_rate", 45.0),
            ("C2", "incident_rate", 12.0),
        ],
        columns=["community_id", "indicator_id", "value"],
    )


def targets_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_id": ["fee_collection_rate", "fee_collection_rate", "incident_rate"],
            "community_id": [None, "C2", None],
            "target": [60.0, 40.0, 10.0],
        }
    )


def test_target_map_and_kept_own_targets():
    base = targets.target_map(targets_table())
    assert base == {
        "fee_collection_rate": 60.0,
        ("fee_collection_rate", "C2"): 40.0,
        "incident_rate": 10.0,
    }
    kept = targets.own_targets_kept(base, {"fee_collection_rate": 55.0}, ["C1", "C2"])
    assert kept == [("fee_collection_rate", "C2", 40.0)]
    assert targets.own_targets_kept(base, {"fee_collection_rate": 55.0}, ["C1"]) == []


def test_lights_and_ranking_move_with_targets():
    # Baseline: C1 fee 58 vs 60 amber (2 <= 6), incidents 9 <= 10 green; C2 fee 45 vs its own
    # 40 green, incidents 12 vs 10 red (2 > 1). Ranks by greens, then fewest red: C1 1, C2 2.
    # Scenario fee 55, incidents 12: C1 green twice; C2 keeps 40 (green) and 12 <= 12 green.
    base = targets.target_map(targets_table())
    overrides = {"fee_collection_rate": 55.0, "incident_rate": 12.0}
    view = targets.light_view(values(), base, overrides, {"C1": "一社区", "C2": "二社区"})
    comm = view.communities.set_index("community_id")
    assert comm.loc["C1", ["green_baseline", "green_scenario"]].tolist() == [1, 2]
    assert comm.loc["C2", ["green_baseline", "green_scenario", "red_baseline"]].tolist() == [
        1,
        2,
        1,
    ]
    assert comm["baseline_rank"].to_dict() == {"C1": 1, "C2": 2}
    assert comm["scenario_rank"].to_dict() == {"C1": 1, "C2": 1}
    assert comm.loc["C2", "rank_change"] == 1
    moved = targets.light_changes_table(view, {"C1": "一社区"}, "zh")
    assert moved[["community_id", "indicator_id", "light_change"]].values.tolist() == [
        ["C1", "fee_collection_rate", "better"],
        ["C2", "incident_rate", "better"],
    ]
    screen = targets.light_changes_shown(moved, "zh")
    assert screen["现行目标"].tolist() == ["60.0%", "10.00起/万人"]
    assert screen["方案状态"].tolist() == ["√ 达标", "√ 达标"]
    tiles = targets.light_tiles(view, "zh")
    assert (tiles[0].value, tiles[0].delta_color) == ("4 / 4 项", "green")
    assert (tiles[1].value, tiles[1].delta_color) == ("0 / 4 项", "green")  # fewer red is good
    assert tiles[2].value == "2 项" and tiles[3].value == "升 1 · 降 0"


def test_a_stricter_target_is_red():
    view = targets.light_view(
        values(), targets.target_map(targets_table()), {"incident_rate": 5.0}, {}
    )
    tiles = targets.light_tiles(view, "zh")
    assert tiles[0].delta_color == "red"  # C1's incidents 9 > 5: green lost


# ---- fee collection -------------------------------------------------------------------------


def fee() -> pd.DataFrame:
    return pd.DataFrame({"community_id": ["C1", "C2"], "billed": [100, 100], "paid": [50, 70]})


def test_collection_both_methods():
    # Town 120 / 200 = 60%. Goal 70% needs 140 paid.
    # Floor: C1 rises to x with 100x + 70 = 140 -> 70%; C2 already at 70%. 20 more households.
    # Same share: (140 - 120) / (200 - 120) = 25% of each gap: C1 50 + 12.5 = 62.5% (13 more),
    # C2 70 + 7.5 = 77.5% (8 more).
    view = collection.collection_view(fee(), 70)
    t = view.set_index("community_id")
    assert t["floor_required_pct"].tolist() == [70.0, 70.0]
    assert t["floor_gap_pct_points"].tolist() == [20.0, 0.0]
    assert t["floor_extra_households"].tolist() == [20, 0]
    assert t["proportional_required_pct"].tolist() == [62.5, 77.5]
    assert t["proportional_extra_households"].tolist() == [13, 8]
    assert view.attrs["floor_pct"] == 70.0 and view.attrs["gap_share_pct"] == 25.0
    tiles = collection.collection_tiles(view, "zh")
    assert [x.value for x in tiles] == ["60.0%", "70.0%", "70.0%", "20户"]
    assert tiles[1].delta == "需提高 10.0 个百分点" and tiles[1].delta_color == "blue"
    assert "21 户" in tiles[3].help and "25.0%" in tiles[3].help


def test_collection_goal_already_reached():
    view = collection.collection_view(fee(), 55)
    assert view["floor_extra_households"].sum() == 0
    tiles = collection.collection_tiles(view, "zh")
    assert tiles[1].delta == "已达到" and tiles[2].value == "已达到"


# ---- comparing scenarios --------------------------------------------------------------------


def bundle() -> compare.Data:
    df = assessments([("C1", Q1), ("C2", Q1), ("C1", Q2), ("C2", Q2)])
    # the three parts equal the score, so any weights summing to 100% give the score back
    parts = df.assign(score_self=df["score"], score_town=df["score"], score_residents=df["score"])
    return compare.Data(parts, values(), targets.target_map(targets_table()), fee(), Q1, Q2)


def test_outcome_and_side_by_side():
    data = bundle()
    base = compare.outcome(scenario.Scenario(), data)
    # 81,000 claimed and paid; at the last quarter P1 scores 100 (优秀) and P2 60 (一般)
    assert base["paid"] == 81_000 and base["companies_paid"] == 2
    assert (base["companies_excellent"], base["companies_fair"]) == (1, 1)
    assert (base["green"], base["red"], base["fee_extra"]) == (2, 1, 0)  # 60% goal: reached
    capped = scenario.Scenario(fund=FundParams(annual_cap=100_000), collection_target=70)
    other = compare.outcome(capped, data)
    assert other["paid"] == 50_000 and other["capped"] == 2 and other["fee_extra"] == 20
    broken = compare.outcome(scenario.Scenario(fund=FundParams(rate=0)), data)
    assert broken["paid"] is None and broken["green"] == 2

    frame = compare.compare_frame(
        [("基准", scenario.Scenario(), base), ("封顶", capped, other)], "zh"
    )
    assert frame.columns.tolist() == ["项目", "基准", "封顶"]
    row = frame.set_index("项目")
    assert row.loc["年度上限（元）"].tolist() == ["100.00万元", "10.00万元"]
    assert row.loc["奖励金发放（所选时段、社区）"].tolist() == ["8.10万元", "5.00万元"]
    assert row.loc["全镇收缴率目标（%）"].tolist() == ["60.0%", "70.0%"]

    paid = compare.compare_companies(
        [("基准", scenario.Scenario()), ("封顶", capped)], data, {"P1": "甲"}
    )
    assert paid.columns.tolist() == ["company_id", "company", "基准", "封顶"]
    # capped: Q1 P1 17,857.14 + Q2 19,230.77 (pro rata, largest remainder to the fen)
    assert paid.set_index("company_id").loc["P1", "封顶"] == 37_087.91
    assert compare.compare_companies_shown(paid, "zh").iloc[0].tolist() == [
        "甲",
        "6.00万元",
        "3.71万元",
    ]


def test_a_radio_sent_back_in_the_other_language_is_read_back_to_its_code():
    # After a language switch the browser sends a radio's old words back ("每季度" for
    # "quarter"); the next run failed on KeyError: whatif.period.每季度.
    from governance.whatif import form
    from governance.whatif.scenario import Scenario

    in_force = Scenario(fund=FundParams(rate_period="month", over_cap="pro_rata"))
    values = {
        form.W_PERIOD: "每季度",  # Chinese words
        form.W_POLICY: "Rank order",  # English words
        form.W_HORIZON: "no such words",  # neither: the scenario in force's choice
        form.W_RATE: 0.2,  # not a radio: left alone
    }
    form.read_back_choices(values, in_force)
    assert values == {
        form.W_PERIOD: "quarter",
        form.W_POLICY: "rank",
        form.W_HORIZON: "replay",
        form.W_RATE: 0.2,
    }
    assert form.choice_code(form.W_PERIOD, "month") == "month"  # a code stays itself
    assert form.choice_code(form.W_HORIZON, "下一年度（预测）") == "next"
