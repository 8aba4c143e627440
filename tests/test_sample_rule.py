"""The one small-sample rule (governance/sample.py) on hand-made values: the threshold (9
cases small, 10 not), the ranking (no colour, no rank, never first or last, a tie), the
ranking cell's text, the sentences that name a community, and the weakest-platform rule
(below target and falling before below target and rising)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from governance import kpi, sample
from governance.briefing import content as bc
from governance.indicators import HEADLINE, PLATFORMS
from governance.lights import traffic_light
from governance.viewmodels import overview

Q = date(2011, 4, 1)
PARTY = "issue_resolution_rate"


def test_nine_cases_are_small_ten_are_not():
    assert sample.small(9) and sample.small(0)
    assert not sample.small(10) and not sample.small(11)
    assert not sample.small(None) and not sample.small(float("nan"))  # not counted


def test_a_small_value_has_no_light():
    # 5 of 9 = 55.6% against 80: red on 10 cases, no colour on 9
    assert sample.light_for(55.6, 80.0, "up", 9) is None
    assert sample.light_for(55.6, 80.0, "up", 10) == "red"
    assert sample.light_for(90.0, 80.0, "up", 10) == "green"


def test_a_change_is_on_few_cases_when_both_sides_are_below_ten():
    ind = HEADLINE["party"]
    nine = kpi.Kpi(ind, 50.0, 60.0, -10.0, False, None, None, [], 9, 9)
    ten = kpi.Kpi(ind, 50.0, 60.0, -10.0, False, None, None, [], 10, 9)
    assert nine.few_cases and not ten.few_cases


def _parts() -> pd.DataFrame:
    """Four communities' issues at Q: A 9 of 10 resolved (90.0%), B 9 of 10 (90.0%: a tie),
    C 5 of 9 (55.6%, nine issues: small), D 6 of 12 (50.0%)."""
    rows = [("A", 9, 10), ("B", 9, 10), ("C", 5, 9), ("D", 6, 12)]
    return pd.DataFrame(
        {
            "community_id": [c for c, _, _ in rows],
            "quarter": [pd.Timestamp(Q)] * 4,
            "indicator_id": [PARTY] * 4,
            "num": [float(n) for _, n, _ in rows],
            "den": [float(d) for _, _, d in rows],
        }
    )


TARGETS = pd.DataFrame({"indicator_id": [PARTY], "community_id": [None], "target": [80.0]})
NAMES = {"A": "甲社区", "B": "乙社区", "C": "丙社区", "D": "丁社区"}


def test_the_ranking_leaves_a_small_sample_unranked_and_uncoloured_and_keeps_the_tie():
    r = kpi.ranking(_parts(), Q, TARGETS, ["A", "B", "C", "D"]).set_index("community_id")
    # A and B tie at 90.0% (rank 1 each, "min"); D 50.0% is third and last; C's 55.6% on 9
    # issues is neither ranked nor red, though on the value alone it would be third
    ranks, lights = r["party_rank"], r["party_light"]
    assert (ranks["A"], ranks["B"], ranks["D"]) == (1.0, 1.0, 3.0) and pd.isna(ranks["C"])
    assert (lights["A"], lights["B"], lights["D"]) == ("green", "green", "red")
    assert pd.isna(lights["C"])  # no colour: neither red nor green
    assert r["party_small"].to_dict() == {"A": False, "B": False, "C": True, "D": False}


def test_the_ranking_cell_of_a_small_sample_shows_its_counts():
    ranked = kpi.ranking(_parts(), Q, TARGETS, ["A", "B", "C", "D"])
    communities = pd.DataFrame({"community_id": list(NAMES), "kind": ["社区"] * 4})
    frame, lights = overview.ranking_table(ranked, communities, NAMES, "zh")
    cells = dict(zip(frame["community_id"], frame["区域大党建"], strict=True))
    assert cells["C"] == "55.6% · 样本少（5/9）"
    assert cells["D"] == "50.0% · × 未达标 · #3"
    assert cells["A"] == cells["B"] == "90.0% · √ 达标 · #1"
    # one platform: no overall rank, rows by id (A, B, C, D)
    assert lights["区域大党建"].isna().tolist() == [False, False, True, False]
    en, _ = overview.ranking_table(ranked, communities, NAMES, "en")
    assert en.loc[en["community_id"] == "C", "Party-building"].tolist() == [
        "55.6% · few cases (5/9)"
    ]
    export = overview.ranking_export(ranked, communities, NAMES, "zh").set_index("社区")
    assert export.loc["丙社区", "区域大党建·联席会议议题解决率·状态"] == "样本少（5/9）"
    assert pd.isna(export.loc["丙社区", "区域大党建·联席会议议题解决率·排名"])


def test_the_weakest_community_is_the_last_on_enough_cases_and_the_sentence_says_so():
    bars = bc.headline_by_community(_parts(), TARGETS, "party", Q, ["A", "B", "C", "D"])
    # best first: A, B (90.0), C (55.6, small), D (50.0); D is named, on 12 issues
    assert bars["community_id"].tolist() == ["A", "B", "C", "D"]
    assert bars["small"].tolist() == [False, False, True, False]
    sentence = bc.weakest_sentence("party", bars, _parts(), Q, list(NAMES), NAMES, "zh", 80.0)
    assert sentence == (
        "最薄弱：丁社区（按核心指标排名，样本不少于10件），联席会议议题解决率 50.0%"
        "（全镇目标 80.0%，未达标）。"
    )
    # were D small too (7 of 9), the last on enough cases is B (a tie with A at 90.0%:
    # the later in the best-first order, by id)
    small_d = _parts().assign(num=[9.0, 9.0, 5.0, 7.0], den=[10.0, 10.0, 9.0, 9.0])
    bars = bc.headline_by_community(small_d, TARGETS, "party", Q, ["A", "B", "C", "D"])
    sentence = bc.weakest_sentence("party", bars, small_d, Q, list(NAMES), NAMES, "zh", 80.0)
    assert sentence.startswith("最薄弱：乙社区（按核心指标排名，样本不少于10件），")


def test_every_value_small_names_nobody_and_the_bars_say_few_cases():
    parts = _parts().assign(den=[9.0, 9.0, 9.0, 9.0], num=[8.0, 8.0, 5.0, 6.0])
    bars = bc.headline_by_community(parts, TARGETS, "party", Q, list(NAMES))
    sentence = bc.weakest_sentence("party", bars, parts, Q, list(NAMES), NAMES, "en", 80.0)
    assert sentence == (
        "In Q2 2011 every community's Joint-meeting issue resolution rests on fewer than 10 "
        "cases: no community is named the weakest."
    )
    assert bars["light"].tolist() == [None] * 4


def test_attention_counts_no_red_on_a_small_sample():
    ranked = kpi.ranking(_parts(), Q, TARGETS, ["A", "B", "C", "D"])
    # C (55.6% on 9 issues) would be red; only D's 50.0% on 12 counts
    assert bc.attention_sentence(ranked, list(NAMES), NAMES, "zh") == (
        "需要重点关注的社区（按未达标平台数，样本少的不计）：丁社区（1项未达标）。"
    )


def _reds(**n: int) -> pd.DataFrame:
    """A ranking where each community has ``n`` platforms at red."""
    ranked = pd.DataFrame({"community_id": list(n)})
    for i, p in enumerate(PLATFORMS):
        ranked[f"{p}_light"] = ["red" if i < n[c] else None for c in n]
    return ranked


def test_attention_names_every_community_tied_with_the_third():
    # A two platforms red, B, C and D one each: three named would leave one of B, C, D out
    said = bc.attention_sentence(_reds(A=2, B=1, C=1, D=1), list(NAMES), NAMES, "zh")
    assert said == (
        "需要重点关注的社区（按未达标平台数，样本少的不计）：甲社区（2项未达标）、"
        "乙社区（1项未达标）、丙社区（1项未达标）、丁社区（1项未达标）。"
    )
    # no tie with the third: three
    said = bc.attention_sentence(_reds(A=3, B=2, C=2, D=1), list(NAMES), NAMES, "zh")
    assert said.endswith("：甲社区（3项未达标）、乙社区（2项未达标）、丙社区（2项未达标）。")


def _k(platform: str, value: float, target: float, delta: float | None) -> kpi.Kpi:
    ind = HEADLINE[platform]
    good = None if delta is None else ind.is_good(delta)
    basis = None if delta is None else value - delta
    light = traffic_light(value, target, ind.better)
    return kpi.Kpi(ind, value, basis, delta, good, target, light, [])


RANKED = pd.DataFrame({"community_id": ["A"], **{f"{p}_light": [None] for p in HEADLINE}})


def test_below_target_and_falling_comes_before_below_target_and_rising():
    """The issue's numbers: 长效管理 59.3% of 60 (0.988 of its target) but up 4.2 points;
    区域大党建 84.2% of 85 (0.991) and down 6.7 points. By attainment alone 长效管理 was the
    weakest; falling first, 区域大党建 is."""
    headlines = {
        "party": _k("party", 84.2, 85.0, -6.7),
        "longterm": _k("longterm", 59.3, 60.0, 4.2),
        "culture": _k("culture", 120.0, 100.0, 5.0),
        "selfgov": _k("selfgov", 95.0, 90.0, -1.0),  # falling, but on target
    }
    assert bc.weakest_platform(headlines, RANKED, ["A"], "qoq") == "party"
    assert bc.weakest_platform_why("party", headlines, "qoq", "zh") == (
        "选择理由：区域大党建低于目标且较上季度下降6.7个百分点；长效管理低于目标但在好转。"
    )
    # against the target there is no movement: attainment alone, and no reason to give
    assert bc.weakest_platform(headlines, RANKED, ["A"], "target") == "longterm"
    assert bc.weakest_platform_why("longterm", headlines, "target", "zh") == ""


def test_two_below_and_falling_tie_on_attainment_then_reds_then_platform_order():
    headlines = {
        "party": _k("party", 72.0, 80.0, -3.0),  # 0.9 of its target
        "longterm": _k("longterm", 54.0, 60.0, -2.0),  # 0.9 too
        "culture": _k("culture", 120.0, 100.0, 5.0),
        "selfgov": _k("selfgov", 95.0, 90.0, 1.0),
    }
    assert bc.weakest_platform(headlines, RANKED, ["A"], "qoq") == "party"  # platform order
    one_red = RANKED.assign(longterm_light=["red"])
    assert bc.weakest_platform(headlines, one_red, ["A"], "qoq") == "longterm"  # more reds


def test_the_map_colours_no_small_sample_and_names_it_with_its_counts():
    """一张图 of the same four communities: C (5 of 9) is grey, said as 样本少 with its counts,
    never among the × 未达标."""
    import json

    from governance.geo import townmap

    def square(x: float) -> str:
        ring = [[x, 0.0], [x + 1, 0.0], [x + 1, 1.0], [x, 1.0], [x, 0.0]]
        return json.dumps({"type": "Polygon", "coordinates": [ring]})

    shapes = pd.DataFrame(
        {
            "community_id": list(NAMES),
            "geometry": [square(float(i)) for i in range(4)],
            "schematic": [True] * 4,
        }
    )
    communities = pd.DataFrame(
        {"community_id": list(NAMES), "name_zh": list(NAMES.values()), "name_en": list(NAMES)}
    )
    m = townmap.build(shapes, communities, _parts(), TARGETS, PARTY, Q, "zh")
    lights = {a.community_id: a.light for a in m.areas}
    assert lights == {"A": "green", "B": "green", "C": None, "D": "red"}
    assert {a.community_id: a.status_text for a in m.areas}["C"] == "样本少（5/9）"
    assert m.sentences == (
        "× 未达标（1个）：丁社区",
        "√ 达标（2个）：甲社区、乙社区",
        "样本少（1个）：丙社区（5/9）",
    )


def test_a_bar_on_a_small_sample_is_grey_and_says_so_on_the_slide():
    from governance.briefing import figures
    from governance.filters import Filters

    bars = bc.headline_by_community(_parts(), TARGETS, "party", Q, list(NAMES))
    k = _k("party", 70.0, 80.0, None)
    chart = bc.platform_chart("party", bars, k, Filters(Q, Q), list(NAMES), NAMES, "zh")
    assert chart.lights == ("green", "green", None, "red")
    assert chart.small == (False, False, True, False)
    assert chart.value_texts == (("90.0%", "90.0%", "55.6% 样本少", "50.0%"),)
    fig = figures.figure(chart)
    assert list(fig.data[0].text) == ["90.0% √", "90.0% √", "55.6% 样本少", "50.0% ×"]
