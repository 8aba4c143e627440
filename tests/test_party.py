"""governance/party.py alone: KPIs from a by-quarter frame, the 1+2+X matrix, figures, records."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from governance import charts, kpi
from governance import party as pty
from governance.indicators import REGISTRY

Q = [date(2010, 4, 1), date(2010, 7, 1), date(2010, 10, 1), date(2011, 1, 1), date(2011, 4, 1)]
NO_TARGETS = pd.DataFrame({"indicator_id": [], "community_id": [], "target": []})


def parts(indicator_id: str, nums: list[float | None], dens=None) -> pd.DataFrame:
    """Long parts of one measure of C01, one row per quarter of Q."""
    return pd.DataFrame(
        {
            "community_id": "C01",
            "quarter": pd.to_datetime(Q),
            "indicator_id": indicator_id,
            "num": pd.array(nums, dtype="float64"),
            "den": pd.array(dens or [None] * len(Q), dtype="float64"),
        }
    )


def one_kpi(rows: pd.DataFrame, period_from, period_to, basis, target=None):
    """The KPI of the measure in ``rows`` for C01 (its own target ``target``), the way every
    platform page builds its tiles (kpi.kpis)."""
    indicator_id = rows["indicator_id"].iloc[0]
    targets = NO_TARGETS
    if target is not None:
        targets = pd.DataFrame(
            {"indicator_id": [indicator_id], "community_id": ["C01"], "target": [target]}
        )
    got = kpi.kpis([indicator_id], rows, targets, ["C01"], period_from, period_to, basis)
    return got[indicator_id]


# Moved from pty.series_kpi (a KPI from a wide by-quarter column) to the long parts every
# platform reads: the same cases and the same assertions.
def test_series_kpi_previous_quarter_and_direction():
    # days to resolve: days / issues resolved; Q[2] resolved none (no value)
    days = parts("issue_days_to_resolve", [80.0, 60.0, 0.0, 40.0, 50.0], [2, 2, 0, 2, 2])
    k = one_kpi(days, Q[1], Q[4], "qoq")
    assert (k.value, k.basis_value, k.delta) == (25.0, 20.0, 5.0)
    assert k.good is False, "more days to resolve is bad"
    # the sparkline keeps the period's quarters with a value
    assert k.series == [(Q[1], 30.0), (Q[3], 20.0), (Q[4], 25.0)]
    up = one_kpi(parts("joint_meetings_held", [1, 2, 3, 4, 6]), Q[0], Q[4], "qoq")
    assert (up.delta, up.good) == (2, True)


def test_series_kpi_year_before_target_and_gaps():
    f = parts("joint_meetings_held", [5, 1, 1, 1, 3])
    yoy = one_kpi(f, Q[0], Q[4], "yoy")
    assert (yoy.basis_value, yoy.delta, yoy.good) == (5, -2, False)
    # a value below its target is bad, and the light says so
    tgt = one_kpi(f, Q[0], Q[4], "target", 4.0)
    assert (tgt.delta, tgt.good, tgt.light) == (-1, False, "red")
    met = one_kpi(f, Q[0], Q[4], "target", 3.0)
    assert (met.good, met.light) == (True, "green")
    # no target: nothing to compare with, no light
    none = one_kpi(f, Q[0], Q[4], "target", None)
    assert (none.delta, none.good, none.light) == (None, None, None)
    # the previous quarter has no value, or the quarter is outside the data
    gap = one_kpi(parts("joint_meetings_held", [1, 2, 3, None, 4]), Q[0], Q[4], "qoq")
    assert (gap.value, gap.delta, gap.good) == (4, None, None)
    first = one_kpi(f, Q[0], Q[0], "qoq")
    assert (first.value, first.basis_value, first.delta) == (5, None, None)


def test_local_indicator_labels_come_from_the_catalog():
    assert REGISTRY.get("patrols_held").label_zh == "联防巡逻次数"
    assert REGISTRY.get("patrols_held").label_en == "Joint patrols"
    assert REGISTRY.get("issue_days_to_resolve").better == "down"
    assert REGISTRY.get("issue_resolution_rate").platform == "party"  # the shared one
    assert pty.measure_label("resolution_rate") == "联席会议议题解决率（%）"
    assert pty.measure_label("contribution_value_yuan", "en") == (
        "Value of partner contributions (yuan)"
    )


def measures_row(**values) -> pd.DataFrame:
    base = dict.fromkeys(
        [
            "meetings",
            "units_present",
            "issues_raised",
            "issues_resolved",
            "patrols",
            "hazards_found",
            "hazards_handled",
            "contributions",
            "contribution_value_yuan",
            "partner_units",
            "committee_members",
        ],
        0,
    )
    base |= values
    return pd.DataFrame([{"quarter": pd.Timestamp(Q[4]), **base}])


def test_has_data():
    no_bodies = pd.DataFrame({"community_id": []})
    assert not pty.has_data(measures_row(), no_bodies, Q[4])
    assert not pty.has_data(measures_row().iloc[0:0], no_bodies, Q[4])
    assert pty.has_data(measures_row(patrols=1), no_bodies, Q[4])
    assert pty.has_data(measures_row(committee_members=2), no_bodies, Q[4])
    assert pty.has_data(measures_row(), pd.DataFrame({"community_id": ["C01"]}), Q[4])


def test_kpi_notes_give_the_counts_behind_the_rates():
    notes = pty.kpi_notes(
        measures_row(
            meetings=2,
            units_present=9,
            issues_raised=5,
            issues_resolved=4,
            hazards_found=5,
            hazards_handled=4,
            contributions=3,
            contribution_value_yuan=10500.0,
        ),
        Q[4],
    )
    assert notes["issue_resolution_rate"] == "本季度提出的 5 项议题中已解决 4 项（按提出季度统计）"
    assert "4.5 个单位" in notes["joint_meetings_held"]
    assert "1.05万元" in notes["partner_units"]
    assert pty.kpi_notes(measures_row(), Q[0]) == {}


COMMUNITIES = pd.DataFrame(
    {
        "community_id": ["C01", "C02", "V01"],
        "community_zh": ["甲社区", "乙社区", "丙村"],
        "community_en": ["Jia", "Yi", "Bing"],
    }
)


def test_bodies_matrix():
    bodies = pd.DataFrame(
        {
            "community_id": ["C01", "C01", "C01", "C01", "C02", "C02"],
            "body_kind": ["党总支", "工作站", "居委会", "公安", "党总支", "居委会"],
            "representatives": [5, 3, 7, 1, 4, 6],
        }
    )
    m = pty.bodies_matrix(bodies, COMMUNITIES).set_index("community_id")
    assert m.loc["C01", "1·党总支"] == 5 and m.loc["C01", "X·公安"] == 1
    assert pd.isna(m.loc["C02", "2·工作站"])
    assert m.loc["C01", "构成（1+2+X）"] == "1+2+1"
    assert m.loc["C02", "构成（1+2+X）"] == "1+1+0"
    assert m.loc["V01", "构成（1+2+X）"] == "0+0+0", "a community without bodies keeps its row"
    assert m.loc["C01", "代表合计"] == 16 and m.loc["V01", "代表合计"] == 0
    assert m.loc["V01", "社区"] == "丙村"
    shown = pty.bodies_display(m.reset_index())
    assert shown.loc[1, "2·工作站"] == "—" and shown.loc[0, "1·党总支"] == "5"
    en = pty.bodies_matrix(bodies, COMMUNITIES, "en")
    assert en["Community"].tolist() == ["Jia", "Yi", "Bing"]
    empty = pty.bodies_matrix(bodies.iloc[0:0], COMMUNITIES.iloc[0:1])
    assert empty["构成（1+2+X）"].tolist() == ["0+0+0"]


def test_localise_keeps_one_language_in_place():
    df = pd.DataFrame(
        {
            "id": [1],
            "community_zh": ["甲社区"],
            "community_en": ["Jia"],
            "partner_zh": ["海洋大学"],
            "partner_en": ["Ocean University"],
            "x": [0],
        }
    )
    assert pty.localise(df).columns.tolist() == ["id", "community_name", "partner_name", "x"]
    assert pty.localise(df, "en")["partner_name"].iloc[0] == "Ocean University"


def test_records_show_dates_without_a_time():
    df = pd.DataFrame(
        {
            "date": pd.to_datetime(["2011-04-05", None]),
            "community_zh": ["甲", "乙"],
            "community_en": ["Jia", "Yi"],
        }
    )
    out = pty.records(df, "en")
    assert out["date"].tolist() == [date(2011, 4, 5), None]
    assert out["community_name"].tolist() == ["Jia", "Yi"]


def test_meeting_records_say_the_status_in_words():
    records = pd.DataFrame(
        {
            "issue_id": ["I1", "I2", "I7", None],
            "resolved_date": [pd.Timestamp("2011-04-20"), pd.NaT, pd.NaT, pd.NaT],
            "days_to_resolve": [15, None, None, None],
            # the query's status (base_meeting_issues): I7 was raised under 30 days ago
            "status": ["resolved", "open", "in_hand", None],
        }
    )
    records["meeting_id"] = ["M1", "M1", "M1", "M6"]
    records["community_zh"] = ["甲社区"] * 4
    records["community_en"] = ["Jia"] * 4
    out = pty.meeting_records(records)
    assert out["status"].tolist() == [
        "已解决",
        "未解决",
        "办理中（提出未满30天）",
        "本次会议无议题",
    ]
    assert out.columns.tolist().index("status") == out.columns.tolist().index("days_to_resolve") + 1
    assert pty.meeting_records(records, "en")["status"].tolist()[1] == "Open"


def by_community() -> pd.DataFrame:
    return COMMUNITIES.assign(
        resolution_rate=[60.0, 100.0, None],
        meetings=[3, 2, 0],
    )


def test_community_figure_carries_ids_and_lights_against_targets():
    targets = pd.DataFrame(
        {
            "indicator_id": ["issue_resolution_rate", "issue_resolution_rate"],
            "community_id": [None, "C01"],
            "target": [80.0, 55.0],
        }
    )
    fig = pty.community_figure(by_community(), "resolution_rate", targets)
    bar = fig.data[0]
    # highest first, the community without a value last (as every page sorts its bars)
    assert list(bar.customdata) == ["C02", "C01", "V01"]
    assert list(bar.y) == ["乙社区", "甲社区", "丙村"]
    assert list(bar.x)[:2] == [100.0, 60.0] and pd.isna(list(bar.x)[2])
    # C02 meets the town's 80 %; C01 meets its own 55 % target; V01 has no value
    assert list(bar.marker.color) == [charts.GOOD, charts.GOOD, charts.LIGHT_COLOURS[None]]
    plain = pty.community_figure(by_community(), "meetings", NO_TARGETS)
    assert plain.data[0].marker.color == charts.NEUTRAL
    assert charts.selected_community({"selection": {"points": [{"customdata": "C02"}]}}) == "C02"


def test_rates_are_the_long_parts_not_the_wide_counts():
    """Issue 19: the trends' and the bars' rates are the registry's, from the long parts
    (kpi), whatever the wide counts beside them say. Q4 by hand: C01 3 of 4 issues counted
    resolved (75 %), 51 days over 3 resolved (17), 4 of 5 hazards handled (80 %); C02 12 of
    15 (80 %). Town: 15 / 19 = 78.9 %. The wide rows hold other issue counts on purpose."""
    rows = pd.concat([measures_row(issues_raised=9, issues_resolved=1)] * 2, ignore_index=True)
    rows = rows.assign(
        community_id=["C01", "C02"], community_zh=["甲社区", "乙社区"], community_en="x"
    ).assign(issues_in_hand=0, days_to_resolve_total=0, person_times=0, bodies=0)
    at_q4 = {"community_id": ["C01", "C01", "C01", "C02"], "quarter": pd.Timestamp(Q[4])}
    parts = pd.DataFrame(
        at_q4
        | {
            "indicator_id": [
                "issue_resolution_rate",
                "issue_days_to_resolve",
                "hazard_handled_rate",
                "issue_resolution_rate",
            ],
            "num": [3.0, 51.0, 4.0, 12.0],
            "den": [4.0, 3.0, 5.0, 15.0],
        }
    )
    town = pty.by_quarter(rows, parts, ["C01", "C02"]).iloc[0]
    assert town["issues_raised"] == 18  # the counts are the wide rows', added up
    assert town["resolution_rate"] == pytest.approx(15 / 19 * 100)
    assert town["mean_days_to_resolve"] == pytest.approx(17.0)
    assert town["hazard_handled_rate"] == pytest.approx(80.0)
    bars = pty.by_community(rows, parts, Q[4], Q[4]).set_index("community_id")
    assert bars.loc["C01", "resolution_rate"] == pytest.approx(75.0)
    assert bars.loc["C01", ["resolution_rate_num", "resolution_rate_den"]].tolist() == [3, 4]
    assert bars.loc["C02", "resolution_rate"] == pytest.approx(80.0)
    assert pd.isna(bars.loc["C02", "hazard_handled_rate"])  # C02 has no hazard parts
    # C01's 3 of 4 is a small sample: grey and its counts; C02 meets the town's 80 %
    targets = pd.DataFrame(
        {"indicator_id": ["issue_resolution_rate"], "community_id": [None], "target": [80.0]}
    )
    bar = pty.community_figure(bars.reset_index(), "resolution_rate", targets).data[0]
    assert list(bar.customdata) == ["C02", "C01"]
    assert list(bar.marker.color) == [charts.GOOD, charts.LIGHT_COLOURS[None]]
    assert "3/4" in list(bar.text)[1]


def test_members_figure_is_drillable_and_stacks_by_unit_kind():
    members = pd.DataFrame(
        {
            "community_id": ["C01", "C01", "C02"],
            "unit_kind": ["企业", "公安", "部队"],
            "members": [1, 2, 1],
        }
    )
    fig = pty.members_figure(members, COMMUNITIES)
    assert [trace.name for trace in fig.data] == ["企业", "部队", "公安"]
    for trace in fig.data:
        assert list(trace.customdata) == ["C01", "C02", "V01"]
    police = next(tr for tr in fig.data if tr.name == "公安")
    assert list(police.y) == [2, 0, 0]


def test_contribution_and_category_figures():
    contributions = pd.DataFrame(
        {
            "partner_kind": ["企业", "企业", "部队"],
            "contribution_kind": ["场地", "图书", "设施"],
            "value_yuan": [3000.0, 6000.0, 12500.0],
        }
    )
    fig = pty.contributions_figure(contributions)
    assert list(fig.data[0].x) == ["企业", "部队"]
    stacks = {trace.name: list(trace.y) for trace in fig.data}
    assert stacks == {"场地": [0.3, 0.0], "设施": [0.0, 1.25], "图书": [0.6, 0.0]}
    categories = pd.DataFrame({"category": ["乱停车"], "issues_resolved": [3], "issues_open": [1]})
    cat = pty.category_figure(categories)
    assert [tr.marker.color for tr in cat.data] == [charts.GOOD, charts.BAD]


def test_trend_figures_cover_the_period_and_colour_by_meaning():
    f = measures_row(meetings=2, issues_resolved=4, hazards_handled=4)
    f = pd.concat([f, f.assign(quarter=pd.Timestamp(Q[3]))]).sort_values("quarter")
    f = f.assign(
        resolution_rate=[50.0, 80.0],
        mean_days_to_resolve=[30.0, 13.25],
        hazard_handled_rate=[40.0, 80.0],
        person_times=[20, 26],
    )
    targets = pd.DataFrame(
        {"indicator_id": ["issue_resolution_rate"], "community_id": [None], "target": [80.0]}
    )
    figs = pty.trend_figures(f, targets, ["C01", "C02"])
    assert len(figs) == 8
    assert list(figs[0].data[0].x) == ["2011Q1", "2011Q2"]
    resolved = next(tr for tr in figs[0].data if tr.name == "已解决议题")
    assert resolved.line.color == charts.GOOD
    assert list(figs[2].data[0].y) == [30.0, 13.25]
    # the resolution chart draws the target line
    assert any(shape.y0 == 80.0 for shape in figs[1].layout.shapes)


def test_table_height():
    assert pty.table_height(4) == 35 * 5 + 3
    assert pty.table_height(500) == 360


def test_record_labels_cover_every_renamed_column():
    labels = pty.record_labels("zh")
    for column in ("community_name", "partner_name", "days_to_resolve", "status", "value_yuan"):
        assert labels[column]
    assert pty.record_labels("en")["status"] == "Issue status"


@pytest.mark.parametrize("key", list(pty.MEASURES))
def test_every_measure_has_a_label(key):
    assert pty.measure_label(key, "zh") and pty.measure_label(key, "en")
