"""governance/selfgov.py on its own: aggregation, KPIs, the stairwell drill, tables, figures."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from governance import db, kpi, selfgov
from governance.indicators import PLATFORM_RECORDS, REGISTRY
from governance.selfgov import ALL, Drill
from tests.fixtures.runners import TOWN

Q1, Q2, Q3 = date(2011, 1, 1), date(2011, 4, 1), date(2011, 7, 1)
R1, R2, R3 = date(2010, 9, 30), date(2011, 3, 31), date(2011, 6, 30)


def counts_frame(rows: list[tuple]) -> pd.DataFrame:
    """``selfgov_star_counts_by_round`` rows: round, stars 1..5."""
    df = pd.DataFrame(
        rows, columns=["round_date", "stars_1", "stars_2", "stars_3", "stars_4", "stars_5"]
    )
    df["round_date"] = pd.to_datetime(df["round_date"])
    stars = df[["stars_1", "stars_2", "stars_3", "stars_4", "stars_5"]]
    df["rated"] = stars.sum(axis=1)
    df["star3"] = stars[["stars_3", "stars_4", "stars_5"]].sum(axis=1)
    df["star3_share"] = df["star3"] / df["rated"] * 100
    return df


# ---- aggregation and KPIs ----------------------------------------------------------------------


def test_local_rates_are_sums_over_sums_not_means_of_rates():
    parts = pd.DataFrame(
        {
            "community_id": ["A", "B", "A", "B"],
            "quarter": pd.to_datetime([Q2, Q2, Q2, Q2]),
            "indicator_id": ["election_turnout"] * 2 + ["meetings_held"] * 2,
            "num": [90.0, 500.0, 3.0, 4.0],
            "den": [100.0, 1000.0, None, None],
        }
    )
    out = kpi.aggregate(parts, ["A", "B"]).set_index("indicator_id")["value"]
    # (90 + 500) / (100 + 1,000), not (90% + 50%) / 2.
    assert out["election_turnout"] == pytest.approx(590 / 1100 * 100)
    assert out["meetings_held"] == 7
    only_a = kpi.aggregate(parts, ["A"]).set_index("indicator_id")["value"]
    assert only_a["election_turnout"] == pytest.approx(90.0)


def test_a_rate_without_a_denominator_is_missing_not_zero():
    parts = pd.DataFrame(
        {
            "community_id": ["A"],
            "quarter": pd.to_datetime([Q2]),
            "indicator_id": ["decisions_carried_out_rate"],
            "num": [0.0],
            "den": [0.0],
        }
    )
    assert kpi.aggregate(parts, ["A"])["value"].isna().all()
    assert kpi.aggregate(parts, []).empty


def test_measure_kpi_for_a_local_count_where_fewer_is_better():
    values = pd.DataFrame(
        {
            "indicator_id": ["mediations"] * 3,
            "quarter": pd.to_datetime([Q1, Q2, Q3]),
            "value": [10.0, 7.0, 9.0],
        }
    )
    # selfgov.measure_kpi was kpi.kpi under another name: the one builder, called directly
    k = kpi.kpi(values, "mediations", Q1, Q2, "qoq", None)
    assert (k.value, k.basis_value, k.delta, k.good) == (7.0, 10.0, -3.0, True)
    assert k.series == [(Q1, 10.0), (Q2, 7.0)]  # only the selected period
    worse = kpi.kpi(values, "mediations", Q1, Q3, "qoq", None)
    assert worse.good is False
    none = kpi.kpi(values, "mediations", Q1, Q1, "qoq", None)
    assert none.basis_value is None and none.good is None
    target = kpi.kpi(values, "mediations", Q1, Q2, "target", 8.0)
    assert target.delta == -1.0 and target.good is True and target.light == "green"


def test_every_kpi_has_a_direction_and_a_label_in_both_languages():
    for indicator_id in PLATFORM_RECORDS["selfgov"].kpi_row:
        ind = REGISTRY[indicator_id]
        assert ind.better in ("up", "down")
        assert selfgov.label(indicator_id, "zh") != selfgov.label(indicator_id, "en")
    assert REGISTRY["mediations"].better == "down"
    assert REGISTRY["election_turnout"].unit == "pct"


def test_nothing_to_show():
    empty, some = pd.DataFrame(), pd.DataFrame({"x": [1]})
    assert selfgov.nothing_to_show([empty, empty], 0)
    assert selfgov.nothing_to_show([empty], None)
    assert not selfgov.nothing_to_show([empty, some], 0)
    assert not selfgov.nothing_to_show([empty], 3)


def test_quarter_table_keeps_the_period_and_the_measures_in_order():
    values = pd.DataFrame(
        {
            "indicator_id": ["mediations", "mediation_success_rate", "mediations", "volunteers"],
            "quarter": pd.to_datetime([Q1, Q2, Q2, Q2]),
            "value": [3.0, 75.0, 4.0, 9.0],
        }
    )
    out = selfgov.quarter_table(values, ["mediations", "mediation_success_rate"], Q2, Q2)
    assert out.columns.tolist() == ["quarter", "mediations", "mediation_success_rate"]
    assert out.iloc[0].tolist()[1:] == [4.0, 75.0]


# ---- rating rounds ---------------------------------------------------------------------------


def rounds(*dates: date) -> pd.DataFrame:
    return pd.DataFrame({"round_date": pd.to_datetime(list(dates)), "rated": 1})


def test_a_period_before_the_first_rating_round_says_so():
    text = selfgov.rounds_message(rounds(R1, R2), date(2009, 1, 1), date(2010, 4, 1), "zh")
    assert "2010年第3季度" in text and "2010-09-30" in text and "之前" in text
    english = selfgov.rounds_message(rounds(R1, R2), date(2009, 1, 1), date(2010, 4, 1), "en")
    assert "Q3 2010" in english and "before the first round" in english


def test_periods_with_after_or_between_or_no_rounds():
    assert selfgov.rounds_message(rounds(R1, R2), date(2010, 7, 1), date(2010, 7, 1), "zh") is None
    after = selfgov.rounds_message(rounds(R1), date(2011, 1, 1), date(2011, 4, 1), "zh")
    assert "之后" in after
    between = selfgov.rounds_message(rounds(R1, R3), date(2011, 1, 1), date(2011, 1, 1), "zh")
    assert "没有评定轮次" in between
    assert "村没有楼道" in selfgov.rounds_message(rounds(), Q1, Q2, "zh")


def test_round_change_first_and_last_round():
    counts = counts_frame([(R1, 1, 1, 2, 0, 0), (R2, 0, 1, 1, 1, 1), (R3, 0, 0, 1, 1, 2)])
    rc = selfgov.round_change(counts)
    assert (rc.first_date, rc.last_date) == (R1, R3)
    assert (rc.first_share, rc.last_share, rc.change) == pytest.approx((50.0, 100.0, 50.0))
    text = selfgov.round_change_text(rc, "zh")
    assert "50.0%" in text and "100.0%" in text and "+50.0个百分点" in text
    one = selfgov.round_change_text(selfgov.round_change(counts.iloc[:1]), "zh")
    assert "只有一轮" in one
    assert selfgov.round_change(counts.iloc[:0]) is None


def test_star_chart_stacks_five_stars_first_and_annotates_first_and_last_rounds():
    counts = counts_frame([(R1, 2, 2, 3, 1, 0), (R2, 1, 1, 4, 2, 0), (R3, 0, 1, 4, 3, 2)])
    fig = selfgov.star_rounds_figure(counts, "title", "zh")
    bars = [tr for tr in fig.data if tr.type == "bar"]
    assert [b.name for b in bars] == ["5星", "4星", "3星", "2星", "1星"]
    # R1: 8 rated, 2 at 1 star -> 25% of the bar.
    assert bars[-1].y[0] == pytest.approx(25.0)
    line = next(tr for tr in fig.data if tr.type == "scatter")
    assert list(line.y) == pytest.approx([50.0, 75.0, 90.0])
    notes = [a.text for a in fig.layout.annotations]
    assert notes == ["<b>首轮 50.0%</b>", "<b>最近一轮 90.0%</b>"]
    assert fig.layout.barmode == "stack"


def test_star_chart_of_a_single_round_has_one_annotation():
    fig = selfgov.star_rounds_figure(counts_frame([(R1, 1, 0, 1, 0, 0)]), "t", "en")
    assert [a.text for a in fig.layout.annotations] == ["<b>First round 50.0%</b>"]


def test_star_chart_makes_the_rise_from_46_to_92_6_percent_obvious(demo_dir):
    con = db.connect(demo_dir)
    communities = db.run(con, "communities_list", TOWN)["community_id"].tolist()
    counts = db.run(
        con,
        "selfgov_star_counts_by_round",
        {
            "period_from": date(2008, 7, 1),
            "period_to": date(2011, 10, 1),
            "communities": communities,
            "building_id": None,
            "stairwell_id": None,
        },
    )
    con.close()
    assert len(counts) == 6
    fig = selfgov.star_rounds_figure(counts, "t", "zh")
    assert [a.text for a in fig.layout.annotations] == [
        "<b>首轮 46.0%</b>",
        "<b>最近一轮 92.6%</b>",
    ]
    assert "+46.6个百分点" in selfgov.round_change_text(selfgov.round_change(counts), "zh")


# ---- the stairwell drill -----------------------------------------------------------------------

WELLS = pd.DataFrame(
    {
        "community_id": ["C01", "C01", "C01", "C02"],
        "building_id": ["B1", "B1", "B3", "B2"],
        "stairwell_id": ["S1", "S2", "S4", "S3"],
        "households": [2, 2, 1, 2],
    }
)


def test_drill_keeps_valid_choices_and_drops_stale_ones_level_by_level():
    scope = ["C01", "C02", "V01"]
    assert selfgov.valid_drill(WELLS, "C01", "B1", "S2", scope) == Drill("C01", "B1", "S2")
    assert selfgov.valid_drill(WELLS, "C01", "B1", "S4", scope) == Drill("C01", "B1", None)
    assert selfgov.valid_drill(WELLS, "C01", "B2", "S3", scope) == Drill("C01", None, None)
    assert selfgov.valid_drill(WELLS, "V01", "B1", None, scope) == Drill(None, None, None)
    assert selfgov.valid_drill(WELLS, ALL, ALL, ALL, scope) == Drill(None, None, None)
    assert selfgov.valid_drill(WELLS, None, None, None, scope).level == "town"
    assert selfgov.valid_drill(WELLS, "C01", "B1", "S2", scope).level == "stairwell"


def test_a_single_community_in_the_global_filter_is_the_drill_community():
    drill = selfgov.valid_drill(WELLS[WELLS["community_id"] == "C02"], None, None, None, ["C02"])
    assert drill == Drill("C02", None, None) and drill.level == "community"
    communities, buildings, wells = selfgov.drill_menu(WELLS, drill, ["C02"])
    assert communities == ["C01", "C02"] and buildings == [ALL, "B2"] and wells == [ALL]


def test_drill_menu_offers_all_at_every_level():
    communities, buildings, wells = selfgov.drill_menu(
        WELLS, Drill("C01", "B1", None), ["C01", "C02"]
    )
    assert communities == [ALL, "C01", "C02"]
    assert buildings == [ALL, "B1", "B3"]
    assert wells == [ALL, "S1", "S2"]
    assert selfgov.drill_state(Drill("C01", None, None)) == ("C01", ALL, ALL)


def test_drill_params_narrow_the_query_to_the_choice():
    base = {"period_from": Q1, "period_to": Q2, "communities": ["C01", "C02"]}
    p = selfgov.drill_params(base, Drill("C01", "B1", None))
    assert p["communities"] == ["C01"] and p["building_id"] == "B1" and p["stairwell_id"] is None
    town = selfgov.drill_params(base, Drill(None, None, None))
    assert town["communities"] == ["C01", "C02"] and town["building_id"] is None
    assert base["communities"] == ["C01", "C02"]  # the page's parameters stay untouched


def test_share_table_first_and_last_round():
    shares = pd.DataFrame(
        {
            "building_id": ["B1", "B1", "B3", "B3"],
            "round_date": pd.to_datetime([R3, R1, R1, R3]),
            "rated": [2, 2, 1, 1],
            "star3": [1, 0, 1, 1],
            "star3_share": [50.0, 0.0, 100.0, 100.0],
        }
    )
    table = selfgov.share_table(shares, "building_id")
    assert table.columns.tolist() == [
        "building_id",
        "rated",
        "star3",
        "first_share",
        "last_share",
        "change",
    ]
    assert table["first_share"].tolist() == [0.0, 100.0]
    assert table["last_share"].tolist() == [50.0, 100.0]
    assert table["change"].tolist() == [50.0, 0.0]
    named = selfgov.share_table(
        shares.rename(columns={"building_id": "community_id"}), "community_id", {"B1": "甲"}
    )
    assert named["name"].tolist() == ["甲", "B3"]
    assert selfgov.share_table(shares.iloc[:0], "building_id").empty


def test_stairwell_matrix_and_history():
    records = pd.DataFrame(
        {
            "round_date": pd.to_datetime([R3, R3, R1, R1]),
            "stairwell_id": ["S2", "S1", "S2", "S1"],
            "households": [2, 2, 2, 2],
            "stars": [2, 4, 1, 2],
        }
    )
    matrix = selfgov.stairwell_matrix(records)
    # the latest round first, so it is on screen without scrolling sideways
    assert matrix.columns.tolist() == ["stairwell_id", "households", "2011-06-30", "2010-09-30"]
    assert matrix.iloc[0].tolist() == ["S1", 2, "★★★★", "★★"]
    history = records[records["stairwell_id"] == "S1"]
    text = selfgov.stairwell_text(history, Drill("C01", "B1", "S1"), "zh")
    assert "首轮 2 星" in text and "最近一轮 4 星" in text
    fig = selfgov.stairwell_history_figure(history, "t", "zh")
    assert list(fig.data[0].y) == [2, 4]  # oldest round first
    assert list(fig.data[0].marker.color) == [selfgov.charts.BAD, selfgov.charts.GOOD]


# ---- meetings, volunteers, elections -----------------------------------------------------------


def test_meetings_summary_totals_and_rate():
    by_kind = pd.DataFrame(
        {
            "quarter": pd.to_datetime([Q1, Q1, Q1, Q2, Q2, Q2]),
            "kind": ["议事会", "听证会", "协调会"] * 2,
            "meetings": [1, 0, 0, 2, 1, 1],
            "attendance": [20, 0, 0, 40, 50, 12],
            "decisions_adopted": [2, 0, 0, 4, 2, 3],
            "decisions_implemented": [1, 0, 0, 3, 2, 1],
        }
    )
    summary = selfgov.meetings_summary(by_kind, "zh").set_index("kind")
    assert summary.loc["议事会", "meetings"] == 3
    assert summary.loc["议事会", "carried_out_pct"] == pytest.approx(4 / 6 * 100)
    assert summary.loc["合计", "meetings"] == 5
    assert summary.loc["合计", "attendance_per_meeting"] == pytest.approx(122 / 5)
    assert summary.loc["合计", "carried_out_pct"] == pytest.approx(7 / 11 * 100)
    english = selfgov.meetings_summary(by_kind, "en")
    assert english["kind"].tolist() == ["Deliberation", "Hearing", "Coordination", "Total"]


def test_team_table_per_community():
    rows = pd.DataFrame(
        {
            "community_id": ["C01"] * 4 + ["C02"] * 4,
            "team": ["治安巡逻员", "卫生巡查员", "创评评议员", "矛盾调解员"] * 2,
            "volunteers": [1, 1, 1, 0, 0, 0, 0, 1],
            "households": [5] * 4 + [2] * 4,
            "households_with_volunteer": [2] * 4 + [1] * 4,
        }
    )
    table = selfgov.team_table(rows, {"C01": "甲"}).set_index("community_id")
    assert table.loc["C01", "total"] == 3 and table.loc["C01", "name"] == "甲"
    assert table.loc["C01", "household_share"] == pytest.approx(40.0)
    assert table.loc["C02", "矛盾调解员"] == 1
    labels = selfgov.labels(table.reset_index().columns, "en")
    assert labels["治安巡逻员"] == "Security patrollers"
    assert labels["household_share"] == "Share of households (%)"


def test_turnout_chart_has_a_bar_per_election_that_carries_the_community():
    elections = pd.DataFrame(
        {
            "election_id": ["E4", "E3", "E1"],
            "community_id": ["C02", "C01", "C01"],
            "date": pd.to_datetime([date(2011, 5, 5), date(2011, 4, 15), date(2009, 4, 10)]),
            "eligible_voters": [2100, 820, 800],
            "votes_cast": [1827, 738, 640],
            "turnout_pct": [87.0, 90.0, 80.0],
        }
    )
    fig = selfgov.turnout_figure(elections, {"C01": "甲", "C02": "乙"}, "zh")
    assert [tr.name for tr in fig.data] == ["2009年选举", "2011年选举"]
    assert list(fig.data[1].customdata) == ["C01", "C02"]
    assert list(fig.data[1].y) == [90.0, 87.0]
    assert fig.data[0].y[1] != fig.data[0].y[1]  # C02 did not vote in 2009: a gap, not 0
    assert (
        selfgov.charts.selected_community({"selection": {"points": [{"customdata": "C02"}]}})
        == "C02"
    )


def test_breakdown_figure_bars_carry_community_ids():
    b = selfgov.Breakdown(
        pd.DataFrame(
            {
                "community_id": ["C02", "C01"],
                "name": ["乙", "甲"],
                "value": [100.0, 66.7],
                "target": [90.0, 60.0],
                "light": ["green", "green"],
            }
        ),
        [],
    )
    fig = selfgov.breakdown_figure(b, "star3_share", Q2, "zh")
    assert list(fig.data[0].customdata) == ["C02", "C01"]
    assert list(fig.data[0].marker.color) == [selfgov.charts.GOOD] * 2
    assert "2011年第2季度" in fig.layout.title.text


def test_records_get_names_dates_and_translated_choices():
    df = pd.DataFrame(
        {
            "meeting_id": ["T1"],
            "community_id": ["C01"],
            "date": pd.to_datetime([date(2011, 4, 10)]),
            "kind": ["听证会"],
        }
    )
    named = selfgov.with_names(df, {"C01": "甲社区"})
    assert named.columns.tolist() == ["meeting_id", "community_id", "community", "date", "kind"]
    assert named["date"].iloc[0] == date(2011, 4, 10)  # a date, not a midnight timestamp
    english = selfgov.translate(named, "kind", ("议事会", "听证会", "协调会"), "en")
    assert english["kind"].tolist() == ["Hearing"]
    shown = selfgov.display(named, "zh", drop=["community_id"])
    assert shown.columns.tolist() == ["会议编号", "社区", "日期", "会议类型"]
