"""governance/culture.py on small frames made here, every figure by hand."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from governance import contract, culture, kpi
from governance.i18n import CATALOG, categories
from governance.indicators import PLATFORM_RECORDS

Q4_10, Q1, Q2 = date(2010, 10, 1), date(2011, 1, 1), date(2011, 4, 1)


def measures_frame(rows: list[tuple]) -> pd.DataFrame:
    """community, quarter, then the counts in culture.COUNTS order (the registry's)."""
    df = pd.DataFrame(rows, columns=["community_id", "quarter", *culture.COUNTS])
    df["quarter"] = pd.to_datetime(df["quarter"])
    return df


MEASURES = measures_frame(
    [
        # community, quarter, activities, person-times, active teams, members, subsidy,
        # trainees, placed
        ("C01", Q4_10, 1, 10, 1, 10, 100.0, 0, 0),
        ("C01", Q1, 2, 20, 1, 12, 200.0, 10, 2),
        ("C01", Q2, 4, 50, 2, 20, 300.0, 20, 5),
        ("C02", Q4_10, 0, 0, 0, 0, 0.0, 0, 0),
        ("C02", Q1, 3, 30, 1, 8, 150.0, 0, 0),
        ("C02", Q2, 1, 5, 0, 8, 100.0, 10, 0),
    ]
)


def long_parts(measures: pd.DataFrame) -> pd.DataFrame:
    """The counts as long parts (culture_parts_by_community_quarter's shape): what the page
    reads."""
    return measures.melt(
        id_vars=["community_id", "quarter"], var_name="indicator_id", value_name="num"
    ).assign(den=float("nan"))


PARTS = long_parts(MEASURES)


def town(measures: pd.DataFrame = MEASURES) -> pd.DataFrame:
    """The communities of ``measures`` together, by quarter: kpi.aggregate of their parts
    (moved from culture.town_by_quarter, which added up the wide frame: the same values)."""
    return kpi.aggregate(long_parts(measures), measures["community_id"].unique().tolist())


def column(values: pd.DataFrame, measure_id: str) -> list[float]:
    return values[values["indicator_id"] == measure_id]["value"].tolist()


def test_town_adds_communities_up_per_quarter():
    values = town()
    assert column(values, "activities") == [1, 5, 5]
    assert column(values, "person_times") == [10, 50, 55]
    assert column(values, "team_members") == [10, 20, 28]
    assert column(values, "subsidy_yuan") == [100.0, 350.0, 400.0]
    assert culture.at(values, Q2)["trainees"] == 30
    assert culture.at(values, date(2012, 1, 1)) == dict.fromkeys(culture.COUNTS)


NO_TARGETS = pd.DataFrame({"indicator_id": [], "community_id": [], "target": []})


def count_kpi(measure_id: str, period_from, period_to, basis, scope=("C01", "C02")):
    """A count's tile the way the page builds it (kpi.kpis, the one builder of every
    platform; moved from culture.measure_kpi over the town's wide frame)."""
    got = kpi.kpis([measure_id], PARTS, NO_TARGETS, list(scope), period_from, period_to, basis)
    return got[measure_id]


def test_count_kpi_change_and_colour():
    k = count_kpi("person_times", Q1, Q2, "qoq")
    assert (k.value, k.basis_value, k.delta, k.good) == (55, 50, 5, True)
    assert k.series == [(Q1, 50), (Q2, 55)]  # the selected period only
    flat = count_kpi("activities", Q1, Q2, "qoq")
    assert (flat.delta, flat.good) == (0, None)  # 5 and 5: no change, no colour
    # active teams 2 -> 2 town-wide, but C02 alone falls from 1 to 0: bad news
    fall = count_kpi("active_teams", Q1, Q2, "qoq", scope=("C02",))
    assert (fall.value, fall.delta, fall.good) == (0, -1, False)


def test_count_kpi_without_a_comparable_quarter_or_target():
    yoy = count_kpi("activities", Q1, Q2, "yoy")  # 2010Q2 is not in the data
    assert (yoy.value, yoy.basis_value, yoy.delta, yoy.good) == (5, None, None, None)
    target = count_kpi("activities", Q1, Q2, "target")
    assert (target.delta, target.target, target.light) == (None, None, None)


def test_has_data_looks_only_at_the_period():
    assert culture.has_data(town(), Q1, Q2)
    zero = town(MEASURES[MEASURES["community_id"] == "C02"])
    assert not culture.has_data(zero, Q4_10, Q4_10)
    assert not culture.has_data(town(MEASURES.iloc[0:0]), Q1, Q2)


def test_trend_frame_joins_the_scored_indicators():
    scored = pd.DataFrame(
        {
            "indicator_id": ["participation_per_1000", "placement_rate"],
            "quarter": pd.to_datetime([Q2, Q1]),
            "value": [13.75, 20.0],
        }
    )
    trend = culture.trend_frame(pd.concat([town(), scored], ignore_index=True), Q1, Q2)
    assert trend["quarter"].tolist() == [Q1, Q2]
    assert trend["activities"].tolist() == [5, 5]
    assert trend["participation_per_1000"].isna().tolist() == [True, False]
    assert trend["participation_per_1000"].iloc[1] == pytest.approx(13.75)
    assert trend["placement_rate"].iloc[0] == pytest.approx(20.0)


def test_breakdown_of_a_count_by_community():
    bars = culture.community_breakdown(
        PARTS, pd.DataFrame(), Q2, ["C01", "C02", "V01"], "person_times"
    )
    assert bars["community_id"].tolist() == ["C01", "C02", "V01"]  # largest first, none last
    assert bars["value"].tolist()[:2] == [50, 5]
    assert pd.isna(bars["value"].iloc[2])
    assert bars["light"].isna().all()


def test_breakdown_of_a_scored_indicator_is_lit_against_each_target():
    parts = pd.DataFrame(
        {
            "community_id": ["C01", "C02"],
            "quarter": pd.to_datetime([Q2, Q2]),
            "indicator_id": ["participation_per_1000"] * 2,
            "num": [240.0, 60.0],
            "den": [1000.0, 3000.0],
        }
    )
    targets = pd.DataFrame(
        {
            "indicator_id": ["participation_per_1000"] * 2,
            "community_id": [None, "C02"],
            "target": [100.0, 21.0],
        }
    )
    bars = culture.community_breakdown(parts, targets, Q2, ["C01", "C02"], "participation_per_1000")
    rows = bars.set_index("community_id")
    assert rows.loc["C01", "value"] == pytest.approx(240.0)  # 240 per 1,000: met 100
    assert rows.loc["C01", "light"] == "green"
    # C02: 60 / 3,000 = 20 per 1,000 against its own 21: missed by under 10% -> amber
    assert rows.loc["C02", "value"] == pytest.approx(20.0)
    assert (rows.loc["C02", "target"], rows.loc["C02", "light"]) == (21.0, "amber")


def test_complete_fills_absent_categories_in_order():
    df = pd.DataFrame(
        {"kind": ["科普", "职业技能"], "trainees": [40, 55], "placement_rate": [0.0, 30.9]}
    )
    done = culture.complete(df, "kind", contract.TRAINING_KINDS)
    assert done["kind"].tolist() == list(contract.TRAINING_KINDS)
    assert done["trainees"].tolist() == [55, 0, 0, 40]
    assert pd.isna(done.loc[1, "placement_rate"])  # no trainees: no rate, not 0%


def test_venue_kind_stacks_cover_every_venue_and_kind():
    df = pd.DataFrame(
        {
            "venue": ["文化广场", "文化广场", "居民学校"],
            "kind": ["文艺", "体育", "讲座"],
            "activities": [2, 1, 4],
            "person_times": [190, 60, 50],
        }
    )
    venues, stacks = culture.venue_kind_stacks(df, "person_times")
    assert venues == list(contract.VENUES)
    assert list(stacks) == list(contract.ACTIVITY_KINDS)
    assert stacks["文艺"][venues.index("文化广场")] == 190
    assert stacks["讲座"] == [50, 0, 0, 0, 0]
    en_venues, en_stacks = culture.venue_kind_stacks(df, "activities", "en")
    assert en_venues[0] == "Residents' school" and "Arts" in en_stacks


def test_placed_stacks_split_trainees():
    df = pd.DataFrame({"kind": ["职业技能"], "trainees": [55], "placed": [17]})
    kinds, stacks = culture.placed_stacks(df)
    assert kinds == list(contract.TRAINING_KINDS)
    placed, rest = stacks.values()
    assert (placed[0], rest[0]) == (17, 38)
    assert sum(placed[1:]) + sum(rest[1:]) == 0


def test_localised_picks_the_language_and_formats():
    df = pd.DataFrame(
        {
            "quarter": pd.to_datetime([Q2]),
            "community_zh": ["甲社区"],
            "community_en": ["Jia"],
            "team_kind": ["风筝队"],
            "date": pd.to_datetime([date(2011, 5, 9)]),
            "placement_rate": [18.8888],
        }
    )
    zh = culture.localised(df, "zh")
    assert zh.columns.tolist() == ["quarter", "community", "team_kind", "date", "placement_rate"]
    assert zh.iloc[0].tolist() == ["2011Q2", "甲社区", "风筝队", date(2011, 5, 9), 18.9]
    en = culture.localised(df, "en")
    assert en.iloc[0][["community", "team_kind"]].tolist() == ["Jia", "Kite team"]


def test_every_category_of_the_contract_has_an_english_label():
    values = (
        *contract.VENUES,
        *contract.ACTIVITY_KINDS,
        *contract.BRANDS,
        *contract.TEAM_KINDS,
        *contract.TRAINING_KINDS,
        *contract.HONOUR_LEVELS,
    )
    for value in values:
        assert value in categories.VALUE_KEYS, value
        assert categories.VALUE_KEYS[value] in CATALOG
        assert culture.category(value, "zh") == value
        assert culture.category(value, "en") != value
    assert culture.category("未知", "en") == "未知"  # unknown values pass through


def test_labels_exist_in_both_languages():
    for kpi_id in (*PLATFORM_RECORDS["culture"].kpi_row, *culture.BREAKDOWN_IDS, "placed"):
        assert culture.label(kpi_id, "zh") and culture.label(kpi_id, "en")
    assert culture.column_labels("en")["members_end"] == "Members at period end"


def test_honours_timeline_marks_the_selected_period():
    honours = pd.DataFrame(
        {
            "honour_id": ["HN1", "HN2"],
            "date": pd.to_datetime([date(2009, 5, 16), date(2011, 7, 31)]),
            "level": ["全国", "上海市"],
            "honour_zh": ["全国农村成人教育先进集体", "上海市社区教育示范镇"],
            "honour_en": ["National", "Shanghai model town"],
        }
    )
    fig = culture.honours_timeline(honours, Q1, Q2, "en")
    assert list(fig.data[0].x) == [date(2009, 5, 16), date(2011, 7, 31)]
    assert "National" in fig.data[0].text[0] and "Shanghai" in fig.data[0].text[1]
    band = fig.layout.shapes[0]
    assert (band.x0, band.x1) == (Q1, date(2011, 6, 30))  # through the end of 2011Q2
