"""本期变化 (governance/changes.py) on hand-made values: how far each moved against its
direction, the order of the declines, the biggest gains, those on few cases left out; the
deck's slide (after the outcomes) and a scoped deck's."""

from __future__ import annotations

import pytest

from governance import changes, db
from governance.auth.scope import scoped_params
from governance.briefing import content as bc
from governance.briefing.model import CHANGES, OUTCOMES, slide_keys
from governance.filters import Filters
from governance.indicators import REGISTRY
from governance.kpi import Kpi
from governance.lights import traffic_light
from tests import fixture_data

F = Filters(period_from=fixture_data.Q[0], period_to=fixture_data.Q[-1])


def k(indicator_id: str, before: float, now: float, target: float | None = None, cases=None):
    ind = REGISTRY[indicator_id]
    delta = now - before
    light = traffic_light(now, target, ind.better)
    few = (cases, cases) if cases is not None else (None, None)
    return Kpi(ind, now, before, delta, ind.is_good(delta), target, light, [], *few)


def test_against_is_points_for_a_percentage_and_percent_of_the_basis_for_the_rest():
    assert changes.against(k("issue_resolution_rate", 84.2, 77.5)) == pytest.approx(6.7)
    assert changes.against(k("petitions", 10, 12)) == pytest.approx(20.0)  # down is better
    assert changes.against(k("placement_rate", 50, 60)) == pytest.approx(-10.0)  # a gain
    assert changes.against(k("skip_level_batches", 0, 3)) == pytest.approx(300.0)  # basis 0: 1


def test_the_declines_below_target_first_then_by_how_far_they_moved():
    got = changes.order(
        [
            # 77.5 against 85: 7.5 short, within 10% of 85 (8.5): amber, below; 6.7 points
            ("party", k("issue_resolution_rate", 84.2, 77.5, 85.0)),
            # 60 against 50: met; 10 points down
            ("longterm", k("fee_collection_rate", 70, 60, 50.0)),
            # no target; 10 -> 12 is 20% worse
            ("outcomes", k("petitions", 10, 12)),
            # 78 against 90: red, below; 2 points
            ("selfgov", k("star3_share", 80, 78, 90.0)),
            # gains: -10, -15, -1, -2 (the smallest left out)
            ("culture", k("placement_rate", 50, 60, 70.0)),
            ("party", k("hazard_handled_rate", 60, 75)),
            ("longterm", k("grid_closure_rate", 70, 71)),
            ("selfgov", k("mediation_success_rate", 70, 72)),
            # 5 -> 3 incidents: few cases on both sides, in neither list
            ("outcomes", k("incident_rate", 12.0, 20.0, cases=5)),
            # flat at the digits shown: nowhere
            ("outcomes", k("satisfaction_pct", 80.0, 80.01)),
        ]
    )
    ids = [c.kpi.indicator.id for c in got.worse]
    assert ids == ["issue_resolution_rate", "star3_share", "petitions", "fee_collection_rate"]
    assert [c.below for c in got.worse] == [True, True, False, False]
    assert [c.kpi.indicator.id for c in got.gains] == [
        "hazard_handled_rate",
        "placement_rate",
        "mediation_success_rate",
    ]
    assert [c.kpi.indicator.id for c in got.few] == ["incident_rate"]


def test_a_tie_keeps_the_order_given():
    got = changes.order(
        [
            ("longterm", k("grid_closure_rate", 80, 75)),  # 5 points, no target
            ("party", k("hazard_handled_rate", 80, 75)),  # 5 points, no target
        ]
    )
    assert [c.kpi.indicator.id for c in got.worse] == ["grid_closure_rate", "hazard_handled_rate"]


def test_the_table_and_sentences_in_words():
    got = changes.order(
        [
            ("party", k("issue_resolution_rate", 84.2, 77.5, 85.0)),
            ("culture", k("placement_rate", 50, 60, 70.0)),
            ("outcomes", k("incident_rate", 12.0, 20.0, cases=5)),
        ]
    )
    table = bc.changes_table(got, "qoq", "zh")
    assert table.columns == ("指标", "平台", "本期", "上季度", "变化", "目标", "状态")
    assert table.rows == (
        (
            "联席会议议题解决率",
            "区域大党建",
            "77.5%",
            "84.2%",
            "-6.7个百分点",
            "85.0%",
            "! 接近目标",
        ),
    )
    assert table.lights == ((None, None, None, None, None, None, "amber"),)
    said = bc.changes_sentences(got, "target", "zh")  # against the target: the last quarter
    assert said[:3] == (
        "共1项指标变差。",
        "进步最大：培训推荐就业率 +10.0个百分点。",
        "样本少，不计入：治安发案率 +8.00（发案 5 → 5起，样本少）。",
    )


def test_a_rise_listed_as_worse_says_lower_is_better():
    # 信访 10 -> 12: worse, as its row says (a rise read as a slip otherwise)
    got = changes.order([("outcomes", k("petitions", 10, 12))])
    assert bc.changes_table(got, "qoq", "zh").rows[0][0] == "信访总量（越少越好）"
    assert bc.changes_table(got, "qoq", "en").rows[0][0].endswith(" (lower is better)")


@pytest.fixture
def run(fixture_con):
    return bc.db_runner(fixture_con, db.WHOLE_TOWN)


def test_the_deck_has_the_changes_slide_right_after_the_outcomes(run):
    deck = bc.build_deck(run, F, "zh")
    keys = [s.key for s in deck.slides]
    assert keys == list(slide_keys())
    assert keys.index(CHANGES) == keys.index(OUTCOMES) + 1
    slide = deck.slide(CHANGES)
    assert (slide.title, slide.subtitle) == (
        "本期变化",
        "2011年第2季度较上季度变差的指标与进步最大的指标",
    )
    # the fixture's town, 2011Q2 against 2011Q1 (tests/fixture_data.py): nothing got worse
    # on enough cases; the gains are activity person-times 0 -> 150 + 50 + 60 = 260, patrol
    # person-times 0 -> 12 + 8 = 20 and petitions 7 + 4 + 0 = 11 -> 6 + 4 + 0 = 10 (-9.1%);
    # incidents C01 3 -> 2, C02 3, V01 1: 7 -> 6, on few cases
    assert slide.tables == ()
    assert slide.sentences[0] == "本期没有变差的指标。"
    assert (
        slide.sentences[1]
        == "进步最大：活动参与人次 +260、巡逻参与人次 +20、信访总量 -1（-9.1%）。"
    )
    assert slide.sentences[2].startswith("样本少，不计入：治安发案率 -2.22（发案 7 → 6起，样本少）")


def test_a_scoped_deck_measures_only_its_communities(fixture_con):
    own = ("C02",)

    def scoped(name, params=None):
        return db.run(fixture_con, name, scoped_params(db.query_params(name), params or {}, own))

    deck = bc.build_deck(scoped, F, "zh", own=own)
    town = bc.build_deck(bc.db_runner(fixture_con, db.WHOLE_TOWN), F, "zh")
    mine, everyone = deck.slide(CHANGES), town.slide(CHANGES)
    assert mine.sentences != everyone.sentences  # C02's own numbers, not the town's
    # C02: activities 0 -> 60 person-times (A3); its petitions stay at 4
    assert mine.sentences[1].startswith("进步最大：活动参与人次 +60、")
    text = " ".join([*mine.sentences, *(c for t in mine.tables for r in t.rows for c in r)])
    for other in ("甲社区", "丙村"):
        assert other not in text
