"""上次会议以来 (governance/meetings/digest.py) on hand-made snapshots, every figure by hand.

Four communities; the town's denominators are 100 households billed and 10,000 residents, so
each community's contribution is its own numerator's change:

- 物业费收缴率 (a ratio, up, target 60%): then 30/50, 15/31, 5/10, 1/9 = 51/100 = 51.0% (未达标);
  now 36/50, 17/32, 3/9, 8/9 = 64/100 = 64.0% (达标). Change +13.0 points = C01 +6 + C02 +2
  + C03 −2 + C04 +7. C04 has 9 households billed on both sides (样本少: the largest share, yet
  never named); C03 has 10 then and 9 now (not 样本少).
- 信访总量 (a sum, down): then 12, 8, 5 = 25; now 7, 10, 3 = 20. Change −5 = −5 + 2 − 2. C03
  (5 → 3) is 样本少; C02 (8 → 10) is not.
- 治安发案率 (per 10,000 residents, down, target 8): then 4 + 2 = 6 incidents, 6.00 (达标); now
  5 + 5 = 10, 10.00 (未达标). Change +4.00 = C01 +1.00 + C02 +3.00, both 样本少 (under 10
  incidents on both sides), so no community is named.
- the other eight rows: 50 then and now (持平).
"""

from __future__ import annotations

from datetime import date

import pytest

from governance.filters import Filters
from governance.indicators import HEADLINE, OUTCOME_IDS, PLATFORMS
from governance.meetings import digest
from governance.meetings.store import Meeting, MeetingError

IDS = ["C01", "C02", "C03", "C04"]
NAMES = {"C01": ["甲社区", "Jia"], "C02": ["乙社区", "Yi"], "C03": ["丙社区", "Bing"]}
NAMES["C04"] = ["丁村", "Ding"]
Q3, Q4 = date(2011, 7, 1), date(2011, 10, 1)
DAY = date(2011, 9, 26)


def flat_entry(platform: str) -> dict:
    return {
        "platform": platform,
        "value": 50.0,
        "target": None,
        "light": None,
        "status": "light.none",
        "cases": None,
        "num": None,
        "den": None,
        "parts": None,
    }


def ratio_entry(parts: dict, value: float, light: str, target: float, platform: str) -> dict:
    nums = sum(n for n, _ in parts.values())
    dens = sum(d for _, d in parts.values())
    return {
        "platform": platform,
        "value": value,
        "target": target,
        "light": light,
        "status": f"light.{light}",
        "cases": None,
        "num": float(nums),
        "den": float(dens),
        "parts": {
            c: {"num": float(n), "den": float(d), "cases": None} for c, (n, d) in parts.items()
        },
    }


def snap(quarter: date, overrides: dict) -> dict:
    indicators = {i: flat_entry("outcomes") for i in OUTCOME_IDS}
    for p in PLATFORMS:
        indicators[HEADLINE[p].id] = flat_entry(p)
    indicators.update(overrides)
    return {
        "version": 1,
        "period_from": "2010-01-01",
        "period_to": quarter.isoformat(),
        "basis": "qoq",
        "communities": IDS,
        "names": NAMES,
        "outcomes": list(OUTCOME_IDS),
        "headlines": {p: HEADLINE[p].id for p in PLATFORMS},
        "platforms": {p: [HEADLINE[p].id] for p in PLATFORMS},
        "indicators": indicators,
    }


def fee(then: bool) -> dict:
    if then:
        parts = {"C01": (30, 50), "C02": (15, 31), "C03": (5, 10), "C04": (1, 9)}
        e = ratio_entry(parts, 51.0, "red", 60.0, "longterm")
    else:
        parts = {"C01": (36, 50), "C02": (17, 32), "C03": (3, 9), "C04": (8, 9)}
        e = ratio_entry(parts, 64.0, "green", 60.0, "longterm")
    for p in e["parts"].values():  # a share counts its denominator (households billed)
        p["cases"] = p["den"]
    e["cases"] = e["den"]
    return e


def petitions(then: bool) -> dict:
    counts = {"C01": 12, "C02": 8, "C03": 5} if then else {"C01": 7, "C02": 10, "C03": 3}
    total = float(sum(counts.values()))
    return {
        "platform": "outcomes",
        "value": total,
        "target": None,
        "light": None,
        "status": "light.none",
        "cases": total,
        "num": total,
        "den": None,
        "parts": {c: {"num": float(n), "den": None, "cases": float(n)} for c, n in counts.items()},
    }


def incidents(then: bool) -> dict:
    parts = {"C01": (4, 4000), "C02": (2, 6000)} if then else {"C01": (5, 4000), "C02": (5, 6000)}
    e = ratio_entry(parts, 6.0 if then else 10.0, "green" if then else "red", 8.0, "outcomes")
    for p in e["parts"].values():  # a rate per head counts its events
        p["cases"] = p["num"]
    e["cases"] = e["num"]
    return e


THEN = snap(Q3, {"fee_collection_rate": fee(True), "petitions": petitions(True)})
THEN["indicators"]["incident_rate"] = incidents(True)
NOW = snap(Q4, {"fee_collection_rate": fee(False), "petitions": petitions(False)})
NOW["indicators"]["incident_rate"] = incidents(False)


def meeting(snapshot: dict, day: date = DAY) -> Meeting:
    return Meeting(
        id=7,
        date=day,
        title=None,
        filters=Filters(date(2010, 1, 1), date.fromisoformat(snapshot["period_to"])),
        scope=None,
        recorded_by="cli:test",
        recorded_at="2011-09-26 10:00:00",
        notes="",
        snapshot=snapshot,
    )


def test_a_ratio_splits_exactly_into_the_communities_contributions():
    got = digest.contributions(
        "fee_collection_rate",
        THEN["indicators"]["fee_collection_rate"],
        NOW["indicators"]["fee_collection_rate"],
    )
    assert got == {"C01": 6.0, "C02": 2.0, "C03": -2.0, "C04": 7.0}
    assert sum(got.values()) == 64.0 - 51.0


def test_a_ratio_over_a_changing_denominator_still_adds_up():
    # then 1/4 + 1/4 = 2/8 (25%), now 3/5 + 0/1 = 3/6 (50%): C01 100·(3/6 − 1/8) = +37.5,
    # C02 100·(0/6 − 1/8) = −12.5; +37.5 − 12.5 = 50 − 25 = +25.
    then = ratio_entry({"C01": (1, 4), "C02": (1, 4)}, 25.0, "red", 60.0, "longterm")
    now = ratio_entry({"C01": (3, 5), "C02": (0, 1)}, 50.0, "red", 60.0, "longterm")
    got = digest.contributions("fee_collection_rate", then, now)
    assert got["C01"] == pytest.approx(100 * 3 / 6 - 100 * 1 / 8)
    assert got["C02"] == pytest.approx(-100 * 1 / 8)
    assert sum(got.values()) == pytest.approx(25.0, abs=1e-12)


def test_a_sum_splits_into_each_communitys_own_change():
    got = digest.contributions(
        "petitions", THEN["indicators"]["petitions"], NOW["indicators"]["petitions"]
    )
    assert got == {"C01": -5.0, "C02": 2.0, "C03": -2.0}
    assert sum(got.values()) == 20.0 - 25.0


def test_a_community_absent_on_one_side_counts_as_nothing_there():
    then = petitions(True)
    now = petitions(False)
    del now["parts"]["C03"]
    now["value"] = now["num"] = 17.0
    got = digest.contributions("petitions", then, now)
    assert got["C03"] == -5.0
    assert sum(got.values()) == 17.0 - 25.0


def test_the_small_sample_guard_ten_cases_is_enough_nine_is_not():
    d = digest.build(meeting(THEN), NOW, "zh")
    fee_drivers = {x.community_id: x for x in d.drivers["fee_collection_rate"]}
    assert fee_drivers["C03"].cases_then == 10 and fee_drivers["C03"].cases_now == 9
    assert fee_drivers["C03"].few is False
    assert fee_drivers["C04"].cases_then == 9 and fee_drivers["C04"].cases_now == 9
    assert fee_drivers["C04"].few is True
    # C04 moved the town most, yet is never named; the largest first
    assert [x.community_id for x in d.drivers["fee_collection_rate"]] == [
        "C04",
        "C01",
        "C02",
        "C03",
    ]
    assert [x.community_id for x in d.drivers["fee_collection_rate"] if x.main] == ["C01", "C02"]
    pet = {x.community_id: x for x in d.drivers["petitions"]}
    assert (pet["C02"].few, pet["C03"].few) == (False, True)  # 8 → 10 is enough, 5 → 3 not
    assert [x.community_id for x in d.drivers["petitions"] if x.main] == ["C01"]
    assert not any(x.main for x in d.drivers["incident_rate"])  # both under 10 incidents


def test_rows_values_changes_goodness_and_a_status_flip():
    d = digest.build(meeting(THEN), NOW, "zh")
    assert d.state == digest.COMPARED
    assert [r.indicator_id for r in d.rows] == [*OUTCOME_IDS, *(HEADLINE[p].id for p in PLATFORMS)]
    rows = {r.indicator_id: r for r in d.rows}
    fee_row = rows["fee_collection_rate"]
    assert (fee_row.then_value, fee_row.now_value, fee_row.change) == (51.0, 64.0, 13.0)
    assert fee_row.good is True and fee_row.flip == "reached"
    assert fee_row.status_text == "× 未达标 → √ 达标"
    assert fee_row.change_text == "+13.0个百分点"
    inc = rows["incident_rate"]
    assert inc.change == 4.0 and inc.good is False and inc.flip == "lost"
    assert inc.status_text == "√ 达标 → × 未达标"
    assert inc.few is False  # 6 → 10 incidents in the town: 10 is enough
    pet = rows["petitions"]
    assert pet.change == -5.0 and pet.good is True and pet.flip is None
    assert rows["star3_share"].change == 0 and rows["star3_share"].good is None
    assert d.flips == {"reached": 1, "lost": 1}


def test_the_sentences_in_chinese():
    d = digest.build(meeting(THEN), NOW, "zh")
    assert d.sentences == (
        "上次会议（2011年9月26日）以来，数据由2011年第3季度更新至2011年第4季度：11项指标中"
        "2项向好、1项需关注、8项持平。",
        "物业费收缴率由 51.0% 升至 64.0%（+13.0个百分点），主要来自甲社区（+6.0个百分点）"
        "和乙社区（+2.0个百分点）。",
        "治安发案率由 6.00起/万人 升至 10.00起/万人（+4.00）。",
        "1项指标转为达标，1项不再达标。",
    )


def test_the_sentences_in_english():
    d = digest.build(meeting(THEN), NOW, "en")
    assert d.sentences == (
        "Since the last meeting (2011-09-26) the data has moved from Q3 2011 to Q4 2011: of 11 "
        "indicators, 2 improved, 1 to watch and 8 held steady.",
        "Property-fee collection rose from 51.0% to 64.0% (+13.0 pp), mainly from Jia "
        "(+6.0 pp) and Yi (+2.0 pp).",
        # the rate says per 10k what (it read "6.00 per 10k to 10.00 per 10k")
        "Security incident rate rose from 6.00 per 10k residents to 10.00 per 10k residents "
        "(+4.00).",
        "Indicators now on target: 1; no longer on target: 1.",
    )


def test_no_earlier_meeting_is_said():
    d = digest.build(None, NOW, "zh")
    assert d.state == digest.NONE and d.rows == () and d.meeting is None
    assert d.sentences == ("还没有更早的会议记录，无从比较；本次会议记录后，下次会议可与之比较。",)
    assert digest.build(None, NOW, "en").sentences[0].startswith("There is no earlier meeting")


@pytest.mark.parametrize("quarter", [Q4, date(2012, 1, 1)], ids=["same", "later"])
def test_a_meeting_in_the_datas_last_quarter_or_later_says_nothing_moved(quarter):
    then = snap(quarter, {})
    d = digest.build(meeting(then, date(2011, 12, 20)), NOW, "zh")
    assert d.state == digest.UNMOVED and d.rows == ()
    # what is known, not "the data has not moved": the period chosen may end before the data
    saw = "2011年第4季度" if quarter == Q4 else "2012年第1季度"
    assert d.sentences == (
        f"上次会议（2011年12月20日）看的是{saw}的数据；当前所选时段止于2011年第4季度，"
        "没有更新的季度可比。",
    )
    en = digest.build(meeting(then, date(2011, 12, 20)), NOW, "en").sentences
    saw = "Q4 2011" if quarter == Q4 else "Q1 2012"
    assert en == (
        f"The last meeting (2011-12-20) saw {saw}; the period now chosen ends at Q4 2011: "
        "no later quarter to compare.",
    )


def test_snapshots_of_other_communities_are_not_compared():
    other = dict(NOW, communities=["C01"])
    with pytest.raises(MeetingError) as err:
        digest.build(meeting(THEN), other, "zh")
    assert "不能直接比较" in str(err.value)


def test_filters_for_takes_the_meetings_communities_and_the_current_period():
    m = meeting(THEN)
    m = Meeting(**{**m.__dict__, "filters": Filters(Q3, Q3, ("C01",), "yoy")})
    now = Filters(date(2010, 1, 1), Q4, (), "qoq", "en")
    assert digest.filters_for(m, now) == Filters(date(2010, 1, 1), Q4, ("C01",), "yoy", "en")


def test_the_rows_that_got_worse_come_first_on_the_table_and_the_slide():
    # a slide with room for some rows keeps the one that got worse (it was hidden at
    # 1280x720 in English); a worse change on few cases is not singled out
    from governance.viewmodels import meetings as view

    def row(i: str, good: bool | None, few: bool = False) -> digest.Row:
        return digest.Row(i, "outcomes", i, 1.0, 2.0, 1.0, good, few, "", "", None, "", "", "", "")

    rows = (row("a", True), row("b", None), row("c", False, few=True), row("d", False))
    d = digest.Digest(None, digest.COMPARED, None, date(2011, 10, 1), rows, {}, ())
    assert [r.indicator_id for r in view.ordered(d)] == ["d", "a", "b", "c"]
    assert [x[0] for x in view.table_rows(d)] == ["d", "a", "b", "c"]
    assert [x[3] for x in view.lights(d)] == ["red", "green", None, None]
