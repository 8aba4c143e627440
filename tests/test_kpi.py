"""KPI changes, targets, lights and ranking on the hand-made fixture."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from governance import db, fmt, kpi
from governance.indicators import INDICATORS, indicator
from governance.lights import status_key, traffic_light
from tests.fixtures.runners import TOWN

Q2 = date(2011, 4, 1)
START = date(2010, 4, 1)


@pytest.fixture(scope="module")
def parts(fixture_con) -> pd.DataFrame:
    return db.run(fixture_con, "indicator_parts_by_community_quarter", TOWN)


@pytest.fixture(scope="module")
def targets(fixture_con) -> pd.DataFrame:
    return db.run(fixture_con, "targets_all", TOWN)


def test_qoq_change_is_good_when_a_rate_rises(parts):
    values = kpi.aggregate(parts, ["C01", "C02"])
    k = kpi.kpi(values, "fee_collection_rate", START, Q2, "qoq", 60.0)
    assert k.value == pytest.approx(50.0)
    assert k.basis_value == pytest.approx(100 / 3)
    assert k.delta == pytest.approx(50 - 100 / 3)
    assert k.good is True


def test_fewer_incidents_is_good_news(parts):
    values = kpi.aggregate(parts, ["C01"])
    k = kpi.kpi(values, "incident_rate", START, Q2, "qoq", None)
    assert (k.value, k.basis_value) == (pytest.approx(20.0), pytest.approx(30.0))
    assert k.delta < 0 and k.good is True
    y = kpi.kpi(values, "incident_rate", START, Q2, "yoy", None)
    assert y.basis_value == pytest.approx(60.0) and y.delta == pytest.approx(-40.0)


def test_target_basis_uses_the_target_and_its_light(parts):
    values = kpi.aggregate(parts, ["C01", "C02"])
    k = kpi.kpi(values, "fee_collection_rate", START, Q2, "target", 60.0)
    assert k.basis_value == 60.0 and k.delta == pytest.approx(-10.0)
    # It read `k.good is False and k.light == "red"` (10 points short is more than 10% of
    # 60): but 50.0% is 3 of 6 households billed, fewer than 10, so by the one small-sample
    # rule (governance/sample.py, issue 20) the tile carries no light and no good or bad.
    assert k.good is None and k.light is None
    assert k.small and (k.level_cases, k.num, k.den) == (6.0, 3.0, 6.0)
    assert k.counts_text() == "3/6"
    # The same shares on ten times the households (30 of 60): red, as it was.
    many = kpi.aggregate(parts.assign(num=parts["num"] * 10, den=parts["den"] * 10), ["C01", "C02"])
    big = kpi.kpi(many, "fee_collection_rate", START, Q2, "target", 60.0)
    assert big.value == pytest.approx(50.0) and not big.small
    assert big.good is False and big.light == "red"


def _fee_parts(paid: float, billed: float) -> pd.DataFrame:
    """One community's fee-collection parts at 2011Q1 and 2011Q2: ``paid`` of ``billed``
    households paid in full at 2011Q2, all of them at 2011Q1."""
    return pd.DataFrame(
        {
            "community_id": ["C01", "C01"],
            "quarter": pd.to_datetime([date(2011, 1, 1), Q2]),
            "indicator_id": ["fee_collection_rate"] * 2,
            "num": [billed, paid],
            "den": [billed, billed],
        }
    )


def test_a_tile_on_nine_households_has_no_light_and_on_ten_has_one():
    """The boundary of the rule (governance/sample.py: 9 is small, exactly 10 is not): 3 of 9
    households = 33.3% against a target of 60 is 26.7 points short, red on ten or more; on 9
    there is no light and, against the target, no good or bad. 4 of 10 = 40.0%: red."""
    q1 = date(2011, 1, 1)
    nine = kpi.kpi(
        kpi.aggregate(_fee_parts(3, 9), ["C01"]), "fee_collection_rate", q1, Q2, "target", 60.0
    )
    assert nine.value == pytest.approx(100 / 3)
    assert nine.small and nine.light is None and nine.good is None
    assert nine.counts_text() == "3/9"
    ten = kpi.kpi(
        kpi.aggregate(_fee_parts(4, 10), ["C01"]), "fee_collection_rate", q1, Q2, "target", 60.0
    )
    assert ten.value == pytest.approx(40.0)
    assert not ten.small and ten.light == "red" and ten.good is False
    # 6 of 9 = 66.7% meets 60 but is not green; 6 of 10 = 60.0% is
    assert (
        kpi.kpi(
            kpi.aggregate(_fee_parts(6, 9), ["C01"]), "fee_collection_rate", q1, Q2, "qoq", 60.0
        ).light
        is None
    )
    assert (
        kpi.kpi(
            kpi.aggregate(_fee_parts(6, 10), ["C01"]), "fee_collection_rate", q1, Q2, "qoq", 60.0
        ).light
        == "green"
    )


def test_a_rate_per_head_and_a_count_are_judged_by_their_level():
    """A rate per head rests on its residents (sample.level_cases): 1 incident among 1,000
    residents = 10.00 per 10k is judged (a light), not "1 case"; a count (petitions) is every
    event there was: 2 petitions against a target of 5 is green, never small."""
    incidents = pd.DataFrame(
        {
            "community_id": ["C01"],
            "quarter": pd.to_datetime([Q2]),
            "indicator_id": ["incident_rate"],
            "num": [1.0],
            "den": [1000.0],
        }
    )
    k = kpi.kpi(kpi.aggregate(incidents, ["C01"]), "incident_rate", Q2, Q2, "qoq", 10.0)
    assert k.value == pytest.approx(10.0) and k.level_cases == 1000.0
    assert not k.small and k.light == "green"  # at the target of 10 (fewer is better)
    petitions = incidents.assign(indicator_id="petitions", num=2.0, den=None)
    p = kpi.kpi(kpi.aggregate(petitions, ["C01"]), "petitions", Q2, Q2, "qoq", 5.0)
    assert p.value == 2.0 and p.level_cases is None and not p.small and p.light == "green"


def test_no_previous_quarter_means_no_change(parts):
    values = kpi.aggregate(parts, ["C01"])
    k = kpi.kpi(values, "incident_rate", START, START, "qoq", None)
    assert k.value == pytest.approx(60.0)
    assert k.delta is None and k.good is None


def test_series_covers_only_the_selected_period(parts):
    values = kpi.aggregate(parts, ["C01"])
    k = kpi.kpi(values, "petitions", date(2010, 10, 1), Q2, "qoq", None)
    assert [q for q, _ in k.series] == [date(2010, 10, 1), date(2011, 1, 1), Q2]
    assert [v for _, v in k.series] == [8, 7, 6]


def test_community_target_overrides_the_town_target(targets):
    assert kpi.target_for(targets, "fee_collection_rate", "C02") == 40.0
    assert kpi.target_for(targets, "fee_collection_rate", "C01") == 60.0
    assert kpi.target_for(targets, "fee_collection_rate") == 60.0
    assert kpi.target_for(targets, "sanitation_score", "C01") is None


def test_a_town_total_is_no_target_for_part_of_the_town():
    targets = pd.DataFrame(
        {
            "indicator_id": ["petitions", "fee_collection_rate", "petitions"],
            "community_id": [None, None, "C02"],
            "target": [30.0, 60.0, 4.0],
        }
    )
    assert kpi.target_for_scope(targets, "petitions", ()) == 30.0
    assert kpi.target_for_scope(targets, "petitions", ("C01",)) is None
    assert kpi.target_for_scope(targets, "petitions", ("C02",)) == 4.0
    assert kpi.target_for_scope(targets, "petitions", ("C01", "C02")) is None
    assert kpi.target_for_scope(targets, "fee_collection_rate", ("C01", "C02")) == 60.0
    assert kpi.target_for_scope(targets, "fee_collection_rate", ("C01",)) == 60.0


def test_ranking_respects_direction_and_targets(parts, targets):
    r = kpi.ranking(parts, Q2, targets, ["C01", "C02", "V01"]).set_index("community_id")
    assert r.loc["C01", "longterm_value"] == pytest.approx(75.0)
    # The small-sample rule (governance/sample.py): C01's 3 of 4 households and C02's 0 of 2
    # are fewer than 10 cases: no rank and no light (never first or last, never red).
    assert (r.loc["C01", "longterm_num"], r.loc["C01", "longterm_den"]) == (3.0, 4.0)
    assert bool(r.loc["C01", "longterm_small"]) and bool(r.loc["C02", "longterm_small"])
    assert pd.isna(r.loc["C01", "longterm_rank"]) and pd.isna(r.loc["C02", "longterm_rank"])
    assert r.loc["C01", "longterm_light"] is None and r.loc["C02", "longterm_light"] is None
    assert pd.isna(r.loc["V01", "longterm_value"]) and pd.isna(r.loc["V01", "longterm_light"])
    # Culture, a rate per head (its sample: the residents): C01 200 per 1,000, C02 20 per
    # 1,000, V01 0 of 500 residents -> C01 first, V01 last and red against 100.
    assert r.loc["C01", "culture_rank"] == 1 and r.loc["C02", "culture_rank"] == 2
    assert r.loc["V01", "culture_rank"] == 3 and r.loc["V01", "culture_light"] == "red"
    # Every other headline rests on a handful of cases: ranked on one platform, nobody gets
    # an overall rank.
    assert r["platforms_ranked"].tolist() == [1, 1, 1]
    assert r["overall_rank"].isna().all()


@pytest.mark.parametrize(
    ("value", "target", "better", "light"),
    [
        (60, 60, "up", "green"),
        (55, 60, "up", "amber"),  # 5 short of 60: within 10%
        (53.9, 60, "up", "red"),
        (10, 10, "down", "green"),
        (10.9, 10, "down", "amber"),
        (11.5, 10, "down", "red"),
        (None, 10, "down", None),
        (5, None, "up", None),
    ],
)
def test_traffic_light(value, target, better, light):
    assert traffic_light(value, target, better) == light


@pytest.mark.parametrize(
    ("value", "light", "key"),
    [
        (None, None, "light.no_data"),  # no rows in the quarter
        (float("nan"), None, "light.no_data"),  # nothing to divide by
        (pd.NA, None, "light.no_data"),
        (None, "red", "light.no_data"),  # no value is no data, whatever else is said
        (0.0, "red", "light.red"),  # zero is a value
        (0.0, None, "light.none"),  # a value without a target
        (75.0, "green", "light.green"),
        (55.0, "amber", "light.amber"),
    ],
)
def test_a_missing_value_has_its_own_status_not_no_target(value, light, key):
    assert status_key(value, light) == key


def test_every_indicator_knows_good_news():
    for ind in INDICATORS:
        assert ind.is_good(1.0) is (ind.better == "up")
        assert ind.is_good(0.0) is None
    assert indicator("petitions").is_good(-3) is True


def test_indicator_ranks_respect_direction(parts):
    r = kpi.indicator_ranks(parts, Q2).set_index(["indicator_id", "community_id"])
    # incident rate 2011Q2 per 10k: C01 20, C02 10, V01 20 -> C02 first, the others tie at 2.
    assert r.loc[("incident_rate", "C02"), "rank"] == 1
    assert r.loc[("incident_rate", "C01"), "rank"] == 2
    assert r.loc[("incident_rate", "V01"), "rank"] == 2
    assert r.loc[("incident_rate", "C01"), "n"] == 3
    # fee collection: only the two communities have a value, on 4 and 2 households: fewer
    # than 10 cases, so neither is ranked (no row), and n counts the ranked ones only
    assert ("fee_collection_rate", "C01") not in r.index
    assert ("fee_collection_rate", "C02") not in r.index
    # participation per 1,000 rests on the residents (1,000, 3,000, 500): all three ranked
    assert r.loc[("participation_per_1000", "V01"), "rank"] == 3
    assert r.loc[("participation_per_1000", "V01"), "n"] == 3


def test_indicator_ranks_of_an_empty_quarter(parts):
    assert kpi.indicator_ranks(parts, date(2001, 1, 1)).empty


# ---- changes resting on few cases --------------------------------------------------------------


def test_a_rate_on_few_cases_carries_its_counts():
    """Incidents 2 -> 1 in a community of 1,000: 20 -> 10 per 10k, resting on 3 cases."""
    q1, q2 = date(2011, 7, 1), date(2011, 10, 1)
    parts = pd.DataFrame(
        {
            "community_id": ["C01", "C01"],
            "quarter": pd.to_datetime([q1, q2]),
            "indicator_id": ["incident_rate"] * 2,
            "num": [2.0, 1.0],
            "den": [1000.0, 1000.0],
        }
    )
    values = kpi.aggregate(parts, ["C01"])
    assert values["cases"].tolist() == [2.0, 1.0]  # incidents, not residents
    k = kpi.kpi(values, "incident_rate", q1, q2, "qoq", None)
    assert (k.value, k.delta, k.cases, k.basis_cases) == (10.0, -10.0, 1.0, 2.0)
    assert k.few_cases
    assert fmt.change(k.indicator, k.delta, k.basis_value, "zh") == "-10.00（-50.0%）"
    assert fmt.change(k.indicator, k.delta, k.basis_value, "zh", relative=False) == "-10.00"
    assert fmt.cases_change(k.indicator, k.basis_cases, k.cases, "zh") == "发案 2 → 1起"
    assert (
        fmt.cases_change(k.indicator, k.basis_cases, k.cases, "en") == "incidents 2 → 1"
    )  # it read "2 → 1 incidents"
    many = parts.assign(num=[200.0, 100.0])
    assert not kpi.kpi(kpi.aggregate(many, ["C01"]), "incident_rate", q1, q2, "qoq", None).few_cases


def test_a_resolution_rate_on_few_issues_counts_the_issues_in_the_rate(tmp_path):
    """The fixture's issues plus I6, raised by C01 on 2011-06-20 and open: 10 days old at the
    data date (2011-06-30), so in hand and out of the rate. C01 2011Q2: 4 raised, 1 in hand,
    3 counted, 2 resolved = 66.7%; 2011Q1: I5 open 171 days, 1 counted, 0 resolved = 0%. The
    counts shown are the rate's denominator, 1 -> 3 issues counted (not the 4 raised)."""
    from governance.briefing import content as bc
    from tests import fixture_data

    rows = {k: list(v) for k, v in fixture_data.ROWS.items()}
    rows["meeting_issues"].append(("I6", "M1", "C01", "乱停车", date(2011, 6, 20), None))
    con = db.connect(fixture_data.write(tmp_path, rows))
    try:
        parts = db.run(con, "indicator_parts_by_community_quarter", TOWN)
    finally:
        con.close()
    q1 = date(2011, 1, 1)
    k = kpi.kpi(kpi.aggregate(parts, ["C01"]), "issue_resolution_rate", q1, Q2, "qoq", None)
    assert (k.value, k.basis_value, k.cases, k.basis_cases) == pytest.approx(
        (200 / 3, 0.0, 3.0, 1.0)
    )
    assert k.few_cases
    assert fmt.cases_change(k.indicator, k.basis_cases, k.cases, "zh") == "计入议题 1 → 3件"
    assert (
        fmt.cases_change(k.indicator, k.basis_cases, k.cases, "en") == "issues counted 1 → 3"
    )  # "1 → 3 issues counted"
    assert bc.change_text(k, "qoq", "zh") == "+66.7个百分点（计入议题 1 → 3件，样本少）"
    assert bc.change_text(k, "qoq", "en") == "+66.7 pp (issues counted 1 → 3, few cases)"


# What the count behind each share or mean is: its denominator, by the parts queries (queries/
# indicator_parts_by_community_quarter.sql and the platform parts), in both languages.
DENOMINATORS = {
    "issue_resolution_rate": ("计入议题", "件", "issues counted"),  # raised minus in hand
    "hazard_handled_rate": ("发现隐患", "处", "hazards found"),
    "fee_collection_rate": ("应缴", "户", "households billed"),
    "grid_closure_rate": ("计入案件", "件", "cases counted"),  # filed minus in hand
    "placement_rate": ("培训", "人", "trainees"),
    "star3_share": ("参评楼道", "个", "stairwells rated"),
    "volunteer_household_share": ("", "户", "households"),
    "mediation_success_rate": ("调解", "件", "disputes mediated"),
    "issue_days_to_resolve": ("已解决议题", "件", "issues resolved"),
    "grid_days_to_close": ("已结案件", "件", "cases closed"),
    "election_turnout": ("选民", "人", "eligible voters"),
    "decisions_carried_out_rate": ("通过决议", "项", "decisions adopted"),
}


def test_every_counted_measure_says_what_its_count_is():
    """Every share or mean counted by its denominator names that denominator, in Chinese and
    in English (never the bare "cases"); every other counted measure has its words too."""
    from governance.indicators import REGISTRY

    den = {i.id for i in REGISTRY.values() if i.cases_part == "den"}
    assert den == set(DENOMINATORS)
    for measure_id, words in DENOMINATORS.items():
        ind = REGISTRY[measure_id]
        assert (ind.cases_noun_zh, ind.cases_zh, ind.cases_en) == words, measure_id
    counted = [i for i in REGISTRY.values() if i.cases_part and i.id != "subsidy_yuan"]
    assert all(i.cases_zh and i.cases_en for i in counted), [
        i.id for i in counted if not (i.cases_zh and i.cases_en)
    ]


def test_a_score_weighted_by_residents_counts_no_cases():
    q = date(2011, 10, 1)
    parts = pd.DataFrame(
        {
            "community_id": ["C01"],
            "quarter": pd.to_datetime([q]),
            "indicator_id": ["environment_score"],
            "num": [70.0 * 3],
            "den": [3.0],
        }
    )
    k = kpi.kpi(kpi.aggregate(parts, ["C01"]), "environment_score", q, q, "qoq", None)
    assert k.cases is None and not k.few_cases


def test_the_tile_shows_the_counts_of_a_change_on_few_cases(fixture_dir, monkeypatch):
    """Fixture C01: incidents fall by one a quarter (…, 4, 3 in the last two quarters)."""
    from tests.apptest_support import app_on, few_case_notes

    at = app_on(fixture_dir, monkeypatch)
    at.query_params.update({"c": "C01"})
    at.run()
    tiles = {m.label: m for m in at.metric}
    incidents = tiles["治安发案率"]
    assert "%" not in incidents.delta  # no relative % on a handful of incidents
    note = few_case_notes(at)["治安发案率"]
    assert note.startswith("样本少：") and "→" in note
    assert incidents.proto.color == incidents.proto.GREEN  # fewer incidents: still good news


def test_english_values_carry_their_units():
    """Points, and the people of skip-level petitions, read in English as in Chinese."""
    assert fmt.value(indicator("environment_score"), 88.14, "en") == "88.1 pts"
    assert fmt.value(indicator("environment_score"), 88.14, "zh") == "88.1分"
    # the batches keep their unit, and a petitioner counted twice is two person-times (these
    # read "4" and "16 people")
    assert fmt.value(indicator("skip_level_batches"), 4, "en") == "4 batches"
    assert fmt.value(indicator("skip_level_persons"), 16, "en") == "16 person-times"
    assert fmt.value(indicator("skip_level_batches"), 4, "zh") == "4批"


def test_a_change_that_shows_as_zero_reads_flat_not_a_decline():
    score, rate, count = (
        indicator("environment_score"),
        indicator("fee_collection_rate"),
        indicator("petitions"),
    )
    # 87.63 -> 87.60: shown to one decimal it is -0.0, which a leader reads as a fall in red
    assert fmt.is_flat(score, -0.03) and fmt.change(score, -0.03, 87.63, "zh") == "持平"
    assert fmt.change(score, -0.03, 87.63, "en") == "no change"
    assert not fmt.is_flat(score, -0.05)  # shows as -0.1: a change
    assert fmt.change(rate, 0.04, 60.0, "zh") == "持平"  # +0.04 points reads +0.0
    assert fmt.change(rate, 0.06, 60.0, "zh") == "+0.1个百分点"
    assert not fmt.is_flat(count, 1.0) and not fmt.is_flat(count, None)


# ---- ties in the ranking ------------------------------------------------------------------------


def _tied_parts() -> pd.DataFrame:
    """Three communities at one quarter, every value on exactly 10 cases (not few: the
    threshold) or 1,000 residents:

    - issues resolved: A 8/10, B 8/10, C 9/10  -> C 1, A 2, B 2 (a tie shares the better rank)
    - fees paid in full: A 18/20, B 10/20, C 10/20 -> A 1, B 2, C 2
    - person-times per 1,000: A 100, B 200, C 100  -> B 1, A 2, C 2
    - stairwells at 3 stars: A 5/10, B 5/10, C 4/10 -> A 1, B 1, C 3
    Mean ranks A 1.5, B 1.5, C 2.0: A and B share the first place (listed by id), C is third
    and the weakest."""
    q = pd.Timestamp(date(2011, 10, 1))
    rows = [
        ("issue_resolution_rate", {"A": (8, 10), "B": (8, 10), "C": (9, 10)}),
        ("fee_collection_rate", {"A": (18, 20), "B": (10, 20), "C": (10, 20)}),
        ("participation_per_1000", {"A": (100, 1000), "B": (200, 1000), "C": (100, 1000)}),
        ("star3_share", {"A": (5, 10), "B": (5, 10), "C": (4, 10)}),
    ]
    return pd.DataFrame(
        [
            {"community_id": c, "quarter": q, "indicator_id": i, "num": float(n), "den": float(d)}
            for i, by in rows
            for c, (n, d) in by.items()
        ]
    )


def test_a_tie_shares_the_better_rank_and_lists_by_id():
    targets = pd.DataFrame(columns=["indicator_id", "community_id", "target"])
    r = kpi.ranking(_tied_parts(), date(2011, 10, 1), targets, ["C", "B", "A"])
    assert r["community_id"].tolist() == ["A", "B", "C"]
    ranks = r.set_index("community_id")
    assert ranks["party_rank"].to_dict() == {"A": 2, "B": 2, "C": 1}
    assert ranks["longterm_rank"].to_dict() == {"A": 1, "B": 2, "C": 2}
    assert ranks["culture_rank"].to_dict() == {"A": 2, "B": 1, "C": 2}
    assert ranks["selfgov_rank"].to_dict() == {"A": 1, "B": 1, "C": 3}
    assert ranks["mean_rank"].to_dict() == {"A": 1.5, "B": 1.5, "C": 2.0}
    assert ranks["overall_rank"].to_dict() == {"A": 1, "B": 1, "C": 3}
    assert not ranks["party_small"].any()  # exactly 10 cases: not a small sample
    assert kpi.weakest_community(_tied_parts(), date(2011, 10, 1), targets, ["A", "B", "C"]) == "C"


def test_a_year_on_year_change_reads_the_cases_of_a_year_before():
    """Incidents per 10k in a community of 1,000 over five quarters, 5, 2, 3, 4, 1 incidents:
    同比 at 2011Q4 compares with 2010Q4 (5 incidents), 环比 with 2011Q3 (4)."""
    quarters = [date(2010, 10, 1), date(2011, 1, 1), date(2011, 4, 1), date(2011, 7, 1)]
    quarters.append(date(2011, 10, 1))
    parts = pd.DataFrame(
        {
            "community_id": ["C01"] * 5,
            "quarter": pd.to_datetime(quarters),
            "indicator_id": ["incident_rate"] * 5,
            "num": [5.0, 2.0, 3.0, 4.0, 1.0],
            "den": [1000.0] * 5,
        }
    )
    values = kpi.aggregate(parts, ["C01"])
    yoy = kpi.kpi(values, "incident_rate", quarters[0], quarters[-1], "yoy", None)
    assert (yoy.value, yoy.basis_value, yoy.cases, yoy.basis_cases) == (10.0, 50.0, 1.0, 5.0)
    qoq = kpi.kpi(values, "incident_rate", quarters[0], quarters[-1], "qoq", None)
    assert (qoq.basis_value, qoq.basis_cases) == (40.0, 4.0)
    assert fmt.cases_change(yoy.indicator, yoy.basis_cases, yoy.cases, "zh") == "发案 5 → 1起"
    target = kpi.kpi(values, "incident_rate", quarters[0], quarters[-1], "target", 20.0)
    assert target.basis_cases is None  # a target has no cases
