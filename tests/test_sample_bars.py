"""The small-sample rule (governance/sample.py) on the platform pages' bars by community: a
bar resting on fewer than 10 cases is grey (the palette's NONE) and says its counts and 样本少
in place of a status glyph; on 10 it has its light. Values computed by hand on the fixture."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from governance import charts, culture, db, longterm, palette, sample
from governance import selfgov as sg
from governance.indicators import REGISTRY
from tests.fixtures.runners import TOWN

Q1, Q2 = date(2011, 1, 1), date(2011, 4, 1)
NAMES = {"C01": "甲社区", "C02": "乙社区", "V01": "丙村"}
ALL = ["C01", "C02", "V01"]
GREY = palette.NONE.mark


@pytest.fixture(scope="module")
def parts(fixture_con) -> pd.DataFrame:
    return db.run(fixture_con, "indicator_parts_by_community_quarter", TOWN)


@pytest.fixture(scope="module")
def targets(fixture_con) -> pd.DataFrame:
    return db.run(fixture_con, "targets_all", TOWN)


def test_the_rule_for_a_bar_at_nine_and_ten_cases():
    fee = REGISTRY["fee_collection_rate"]
    # 3 of 9 households = 33.3%, 26.7 points short of 60: red on ten, nothing on nine
    assert sample.bar(fee, 100 / 3, 60.0, 3, 9, 9) == (None, "3/9")
    assert sample.bar(fee, 40.0, 60.0, 4, 10, 10) == ("red", None)
    # a mean over cases says its cases alone (never "45/3"), a count is never small
    days = REGISTRY["issue_days_to_resolve"]
    assert sample.bar(days, 15.0, None, 45, 3, 3) == (None, "3")
    assert sample.bar(REGISTRY["petitions"], 2.0, 5.0, 2, None, 2) == ("green", None)
    # a rate per head rests on its residents: 1 incident in 1,000 residents is judged
    assert sample.bar(REGISTRY["incident_rate"], 10.0, 10.0, 1, 1000, 1) == ("green", None)
    assert sample.bar_words(["3/9", None], "zh") == ["样本少（3/9）", None]
    assert sample.bar_words(["3/9"], "en") == ["few cases (3/9)"]


def test_community_bars_grey_a_small_bar_and_write_its_counts():
    fig = charts.community_bars(
        ["C01", "C02"],
        ["甲社区", "乙社区"],
        [75.0, 40.0],
        "物业费收缴率",
        lights=[None, "red"],
        small=["样本少（3/4）", None],
    )
    bar = fig.data[0]
    assert list(bar.marker.color) == [GREY, palette.RED.mark]
    assert list(bar.text) == ["样本少（3/4）", palette.glyph("red")]
    # without lights (no target) a small bar is grey among the neutral ones, and says so
    plain = charts.community_bars(
        ["C01", "C02"], ["甲", "乙"], [1.0, 2.0], "t", small=[None, "样本少（7）"]
    ).data[0]
    assert list(plain.marker.color) == [charts.NEUTRAL, GREY]
    assert list(plain.text) == ["", "样本少（7）"]


def test_the_text_beside_the_longest_bar_has_room_in_the_right_margin():
    # "100.0 样本少（3/4）" at CHART's 0.55 em a Latin character, 1 em a CJK or full-width one:
    # 5 x 0.55 (100.0) + 0.55 (space) + 3 (样本少) + 2 (（）) + 3 x 0.55 (3/4) = 9.95 em,
    # x 12 px = 119 px, + 8 px: 127 px. It was the fixed 10 px, and the text was cut there.
    fig = charts.community_bars(
        ["C01", "C02"],
        ["甲", "乙"],
        [100.0, 50.0],
        "t",
        lights=["green", "red"],
        small=["样本少（3/4）", None],
    )
    assert fig.layout.margin.r == 127
    # "50.0 ×": 4 x 0.55 + 0.55 + 0.55 = 3.3 em -> 39 + 8 = 47 px: the widest text decides
    only_red = charts.community_bars(["C02"], ["乙"], [50.0], "t", lights=["red"])
    assert only_red.layout.margin.r == 47
    # bars with no text outside (no lights, no small sample) keep the 10 px margin
    assert charts.community_bars(["C01"], ["甲"], [100.0], "t").layout.margin.r == 10


def test_the_fee_bars_on_four_and_two_households_are_grey(parts, targets):
    """2011Q2: C01 bills 4 households, 3 pay in full (75.0%); C02 bills 2, none pays (0.0%);
    both below 10: grey, with their counts; V01 bills none (no bar)."""
    empty = parts.iloc[0:0]
    bars = longterm.breakdown(parts, empty, targets, "fee_collection_rate", Q2, ALL, NAMES)
    assert bars["community_id"].tolist() == ["C01", "C02"]
    assert bars["light"].tolist() == [None, None]
    assert bars["small"].tolist() == ["3/4", "0/2"]
    fig = longterm.breakdown_figure(bars, "fee_collection_rate", Q2, "zh").data[0]
    assert list(fig.marker.color) == [GREY, GREY]
    assert list(fig.text) == ["样本少（3/4）", "样本少（0/2）"]


def test_the_fee_bars_on_ten_households_have_their_lights(parts, targets):
    """The same fees on ten times the households (30 of 40, 0 of 20): C01 75.0% against the
    town's 60 is green, C02 0.0% against its own 40 red; drawn with their glyphs."""
    many = parts.assign(num=parts["num"] * 10, den=parts["den"] * 10)
    bars = longterm.breakdown(many, many.iloc[0:0], targets, "fee_collection_rate", Q2, ALL, NAMES)
    assert bars["light"].tolist() == ["green", "red"]
    assert bars["small"].tolist() == [None, None]
    fig = longterm.breakdown_figure(bars, "fee_collection_rate", Q2, "zh").data[0]
    assert list(fig.marker.color) == [palette.GREEN.mark, palette.RED.mark]
    assert list(fig.text) == [palette.glyph("green"), palette.glyph("red")]


def test_the_selfgov_star_bars_on_one_and_two_stairwells_are_grey(parts, targets):
    """三星楼组 2011Q2: C02's one stairwell rated 5 stars (1 of 1, 100%), C01's two rated 3
    and 2 (1 of 2, 50%): both on fewer than 10 stairwells, grey against the 90% target."""
    b = sg.breakdown(parts, parts.iloc[0:0], targets, Q2, ALL, NAMES, "star3_share")
    assert b.frame["community_id"].tolist() == ["C02", "C01"]
    assert b.frame["light"].tolist() == [None, None]
    assert b.frame["small"].tolist() == ["1/1", "1/2"]
    fig = sg.breakdown_figure(b, "star3_share", Q2, "en").data[0]
    assert list(fig.marker.color) == [GREY, GREY]
    assert list(fig.text) == ["few cases (1/1)", "few cases (1/2)"]


def test_participation_per_1000_is_judged_on_residents_not_activities(parts, targets):
    """千人活动参与人次 2011Q2: C01 (150 + 50) / 1,000 × 1,000 = 200, C02 60 / 3,000 × 1,000
    = 20: a rate per head rests on its residents (sample.level_cases), so both are coloured
    against the target of 100 (green and red), never "few cases"."""
    bars = culture.community_breakdown(parts, targets, Q2, ALL, "participation_per_1000").set_index(
        "community_id"
    )
    assert bars.loc["C01", "value"] == pytest.approx(200.0)
    assert bars.loc["C02", "value"] == pytest.approx(20.0)
    assert bars.loc["C01", "light"] == "green" and bars.loc["C02", "light"] == "red"
    assert bars.loc["C01", "small"] is None and bars.loc["C02", "small"] is None


def test_the_target_line_is_behind_the_bars_and_the_values_beside_them():
    fig = charts.community_bars(
        ["C01", "C02"], ["甲", "乙"], [80.0, 100.0], "t", lights=["amber", "green"], target=85.0
    )
    (line,) = fig.layout.shapes
    assert (line.x0, line.x1, line.layer) == (85.0, 85.0, "below")
