"""The what-if engine against hand-computed numbers, plus property tests of the fund."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import fields

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from governance.whatif.collection import required_collection
from governance.whatif.fund import compare_funds, reward_fund
from governance.whatif.params import (
    FundParams,
    ScoringParams,
    fund_params_from_query,
    fund_params_to_query,
    scoring_params_from_query,
    scoring_params_to_query,
)
from governance.whatif.scoring import grade, grade_changes, grades_by, score_and_grade
from governance.whatif.targets import apply_targets, light_changes


def town_collection_pct(df: pd.DataFrame) -> float:
    """Town-wide collection rate in %: households paid in full / households billed."""
    billed = float(pd.to_numeric(df["billed"]).sum())
    return float("nan") if billed == 0 else float(pd.to_numeric(df["paid"]).sum()) / billed * 100


def params_as_dict(p: FundParams | ScoringParams) -> dict[str, object]:
    return {f.name: getattr(p, f.name) for f in fields(p)}


def q(year: int, n: int) -> dt.date:
    return dt.date(year, 3 * n - 2, 1)


def rows(*items: tuple[str, str, dt.date, float, float]) -> pd.DataFrame:
    return pd.DataFrame(
        items, columns=["company_id", "community_id", "quarter", "score", "managed_area_m2"]
    )


def town_year(score: float = 100, year: int = 2010) -> pd.DataFrame:
    """The whole 800,000 m2 of resettlement housing under one company for a year."""
    return rows(*[("P1", "C1", q(year, n), score, 800_000) for n in range(1, 5)])


def paid_of(result, company: str, quarter: dt.date) -> float:
    p = result.payments
    sel = (p["company_id"] == company) & (p["quarter"] == pd.Timestamp(quarter))
    return float(p.loc[sel, "paid_yuan"].sum())


# ---- reward fund: the FACTS.md numbers ---------------------------------------------------


def test_cap_not_binding_at_the_source_rate():
    r = reward_fund(town_year(), FundParams())
    assert r.payments["claim_yuan"].tolist() == [240_000.0] * 4
    assert r.payments["paid_yuan"].tolist() == [240_000.0] * 4
    year = r.by_year.iloc[0]
    assert (year["year"], year["cap"], year["claimed"]) == (2010, 1_000_000, 960_000)
    assert (year["paid"], year["left"], year["capped_quarters"]) == (960_000, 40_000, 0)
    assert (r.total_claimed, r.total_paid, r.total_left) == (960_000, 960_000, 40_000)
    # unspent money carries into the next quarter of the same year
    assert r.by_quarter["budget_yuan"].tolist() == [250_000, 260_000, 270_000, 280_000]
    assert r.by_quarter["carried_in_yuan"].tolist() == [0, 10_000, 20_000, 30_000]


def test_cap_binding_at_a_higher_rate():
    r = reward_fund(town_year(), FundParams(rate=0.15))
    assert r.payments["claim_yuan"].tolist() == [360_000.0] * 4
    assert r.payments["paid_yuan"].tolist() == [250_000.0] * 4
    year = r.by_year.iloc[0]
    assert (year["claimed"], year["paid"], year["left"]) == (1_440_000, 1_000_000, 0)
    assert year["capped_quarters"] == 4
    assert r.by_quarter["cap_binding"].tolist() == [True] * 4


def test_rate_per_quarter():
    r = reward_fund(town_year(), FundParams(rate_period="quarter"))
    assert r.payments["paid_yuan"].tolist() == [80_000.0] * 4
    assert r.by_year.iloc[0]["paid"] == 320_000
    assert r.by_year.iloc[0]["left"] == 680_000


def test_score_scales_the_claim():
    r = reward_fund(town_year(score=85.5), FundParams())
    assert r.payments["claim_yuan"].tolist() == [205_200.0] * 4  # 0.855 x 0.3 x 800,000


def test_claims_round_to_the_nearest_fen_like_reward_payments():
    df = rows(("P1", "C1", q(2010, 1), 33.3, 1), ("P2", "C2", q(2010, 1), 33.3, 1_000_001))
    claims = reward_fund(df).payments["claim_yuan"].tolist()
    assert claims == [0.10, 99_900.10]  # 0.0999 -> 0.10; 99,900.0999 -> 99,900.10


def test_min_score_threshold():
    df = rows(("P1", "C1", q(2010, 1), 79.9, 100_000), ("P2", "C2", q(2010, 1), 80, 100_000))
    r = reward_fund(df, FundParams(min_score=80))
    p = r.payments.set_index("company_id")
    assert not p.loc["P1", "eligible"] and p.loc["P1", "paid_yuan"] == 0
    assert p.loc["P1", "claim_yuan"] == pytest.approx(23_970)  # shown, but not in the pool
    assert p.loc["P2", "eligible"] and p.loc["P2", "paid_yuan"] == 24_000
    assert r.by_year.iloc[0]["claimed"] == 24_000  # only eligible claims count
    assert reward_fund(df, FundParams(min_score=79.9)).total_paid == 23_970 + 24_000


def test_min_score_applies_to_the_company_quarter_area_weighted():
    # P1 in Q1: 90 on 100,000 m2 and 70 on 300,000 m2 -> (9,000,000 + 21,000,000) / 400,000
    # = 75 < 80: nothing for either community, though C1 alone scored 90. In Q2: 90 and 78 on
    # equal areas -> 84 >= 80: both paid, C2 too though it scored 78 on its own.
    df = rows(
        ("P1", "C1", q(2010, 1), 90, 100_000),
        ("P1", "C2", q(2010, 1), 70, 300_000),
        ("P1", "C1", q(2010, 2), 90, 100_000),
        ("P1", "C2", q(2010, 2), 78, 100_000),
    )
    p = reward_fund(df, FundParams(min_score=80)).payments
    assert p["company_score"].tolist() == [75, 75, 84, 84]
    assert p["eligible"].tolist() == [False, False, True, True]
    # Q2 claims: 0.9 x 0.3 x 100,000 = 27,000; 0.78 x 0.3 x 100,000 = 23,400
    assert p["paid_yuan"].tolist() == [0, 0, 27_000, 23_400]


# ---- reward fund: both over-cap policies on three companies, by hand ------------------------
# Cap 396,000 -> 99,000 a quarter. Rate 0.1/month = 0.3 yuan/m2 a quarter at 100 points.
# Areas: A 200,000 m2 (600 yuan a point), B 150,000 (450), C 100,000 (300).
# Q1: A 60, B 80, C 60 -> 36,000 + 36,000 + 18,000 = 90,000 <= 99,000: all paid, 9,000 left.
# Q2: all 100 -> 60,000 + 45,000 + 30,000 = 135,000 > 99,000 + 9,000 = 108,000.
#     pro rata x 0.8 -> 48,000 / 36,000 / 24,000.
#     rank (tie at 100, larger area first) -> A 60,000, B 45,000, C the last 3,000.
# Q3: A 70, B 100, C 90 -> 42,000 + 45,000 + 27,000 = 114,000 > 99,000 (nothing carried).
#     rank -> B 45,000, C 27,000, A the last 27,000.
#     pro rata x 99/114 -> 36,473.684 / 39,078.947 / 23,447.368: floors 36,473.68,
#     39,078.94, 23,447.36 leave 0.02, which go to the largest remainders, C then B.

POLICY_CAP = 396_000
AREAS = {"A": 200_000, "B": 150_000, "C": 100_000}
SCORES = {1: (60, 80, 60), 2: (100, 100, 100), 3: (70, 100, 90)}


def policy_example() -> pd.DataFrame:
    return rows(
        *[
            (co, f"M{co}", q(2010, n), s, AREAS[co])
            for n, scores in SCORES.items()
            for co, s in zip("ABC", scores, strict=True)
        ]
    )


def test_pro_rata_with_carry_over():
    r = reward_fund(policy_example(), FundParams(annual_cap=POLICY_CAP, over_cap="pro_rata"))
    expected = {
        1: (36_000, 36_000, 18_000),
        2: (48_000, 36_000, 24_000),
        3: (36_473.68, 39_078.95, 23_447.37),
    }
    for n, paid in expected.items():
        assert tuple(paid_of(r, co, q(2010, n)) for co in "ABC") == paid
    assert r.by_quarter["budget_yuan"].tolist() == [99_000, 108_000, 99_000]
    assert r.by_quarter["carried_in_yuan"].tolist() == [0, 9_000, 0]
    assert r.by_quarter["paid"].tolist() == [90_000, 108_000, 99_000]
    y = r.by_year.iloc[0]
    assert (y["claimed"], y["paid"], y["left"], y["capped_quarters"]) == (
        339_000,
        297_000,
        99_000,
        2,
    )


def test_rank_with_carry_over():
    r = reward_fund(policy_example(), FundParams(annual_cap=POLICY_CAP, over_cap="rank"))
    expected = {
        1: (36_000, 36_000, 18_000),
        2: (60_000, 45_000, 3_000),
        3: (27_000, 45_000, 27_000),
    }
    for n, paid in expected.items():
        assert tuple(paid_of(r, co, q(2010, n)) for co in "ABC") == paid
    assert r.by_year.iloc[0]["paid"] == 297_000


def test_rank_ties_fall_back_to_ids():
    df = rows(("Y", "M1", q(2010, 1), 90, 100_000), ("X", "M2", q(2010, 1), 90, 100_000))
    r = reward_fund(df, FundParams(annual_cap=160_000, over_cap="rank"))  # 40,000 a quarter
    assert paid_of(r, "X", q(2010, 1)) == 27_000
    assert paid_of(r, "Y", q(2010, 1)) == 13_000


def test_empty_quarters_carry_and_years_reset():
    # data starts in Q3 2010: Q1 and Q2 were never spent, so Q3 may use three quarters' money
    df = rows(("A", "M1", q(2010, 3), 100, 1_000_000), ("A", "M1", q(2011, 1), 100, 1_000_000))
    r = reward_fund(df, FundParams(annual_cap=400_000))
    assert paid_of(r, "A", q(2010, 3)) == 300_000  # claim 300,000, budget 300,000
    assert paid_of(r, "A", q(2011, 1)) == 100_000  # 2010's leftover does not cross the year
    assert r.by_year["left"].tolist() == [100_000, 300_000]


def test_by_company_quarter_and_compare():
    df = policy_example()
    base = reward_fund(df, FundParams(annual_cap=POLICY_CAP))
    scen = reward_fund(df, FundParams(annual_cap=POLICY_CAP, over_cap="rank"))
    bcq = base.by_company_quarter.set_index(["company_id", "quarter"])
    assert bcq.loc[("B", pd.Timestamp(q(2010, 2))), "claim_yuan"] == 45_000
    assert bcq.loc[("B", pd.Timestamp(q(2010, 2))), "paid_yuan"] == 36_000
    cmp = compare_funds(base, scen).set_index("company_id")
    assert cmp.loc["A", "baseline_yuan"] == 36_000 + 48_000 + 36_473.68
    assert cmp.loc["A", "scenario_yuan"] == 36_000 + 60_000 + 27_000
    assert cmp.loc["A", "change_yuan"] == pytest.approx(123_000 - 120_473.68)
    assert cmp["change_yuan"].sum() == pytest.approx(0, abs=0.001)  # same money, shared out


def test_compare_change_pct_nan_when_baseline_zero():
    df = rows(("A", "M1", q(2010, 1), 70, 100_000), ("B", "M2", q(2010, 1), 100, 100_000))
    base = reward_fund(df, FundParams(min_score=80))
    scen = reward_fund(df, FundParams(min_score=60))
    cmp = compare_funds(base, scen).set_index("company_id")
    assert cmp.loc["A", "baseline_yuan"] == 0 and cmp.loc["A", "scenario_yuan"] == 21_000
    assert math.isnan(cmp.loc["A", "change_pct"])
    assert cmp.loc["B", "change_pct"] == 0


def test_fund_params_validation_messages():
    assert FundParams().validate() == []
    bad = FundParams(
        rate=0,
        rate_period="year",  # type: ignore[arg-type]
        annual_cap=20_000_000,
        min_score=-1,
        over_cap="lottery",  # type: ignore[arg-type]
    ).validate()
    assert len(bad) == 5
    assert "rate" in bad[0] and "大于 0" in bad[0] and "不超过 1" in bad[0]
    assert "rate_period" in bad[1] and "month" in bad[1] and "quarter" in bad[1]
    assert "annual_cap" in bad[2] and "10,000,000" in bad[2] and "20,000,000" in bad[2]
    assert "min_score" in bad[3] and "0" in bad[3] and "100" in bad[3]
    assert "over_cap" in bad[4] and "pro_rata" in bad[4] and "rank" in bad[4]
    assert FundParams(rate=1.0, annual_cap=0, min_score=100).validate() == []
    assert FundParams(rate=float("nan")).validate()
    with pytest.raises(ValueError, match="rate"):
        reward_fund(town_year(), FundParams(rate=2))


def test_reward_fund_input_errors_and_empty():
    with pytest.raises(ValueError, match="managed_area_m2"):
        reward_fund(town_year().drop(columns="managed_area_m2"))
    with pytest.raises(ValueError, match="score"):
        reward_fund(rows(("A", "M", q(2010, 1), 101, 1)))
    empty = reward_fund(town_year().iloc[0:0])
    assert empty.payments.empty and empty.by_year.empty and empty.total_paid == 0


# ---- reward fund: properties ---------------------------------------------------------------

QUARTERS = [q(y, n) for y in (2010, 2011) for n in (1, 2, 3, 4)]
row_st = st.tuples(
    st.sampled_from(["A", "B", "C"]),
    st.sampled_from(["M1", "M2", "M3"]),
    st.sampled_from(QUARTERS),
    st.one_of(st.integers(0, 100).map(float), st.floats(0, 100, allow_nan=False)),
    st.sampled_from([0.0, 12_345.6, 50_000.0, 150_000.0, 400_000.0]),
)
params_st = st.builds(
    FundParams,
    rate=st.floats(0.001, 1.0),
    rate_period=st.sampled_from(["month", "quarter"]),
    annual_cap=st.one_of(st.floats(0, 10_000_000), st.sampled_from([0.0, 1_000_000.0, 123.45])),
    min_score=st.floats(0, 100),
    over_cap=st.sampled_from(["pro_rata", "rank"]),
)
fast = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def fen(x: float) -> int:
    return round(x * 100)


@fast
@given(st.lists(row_st, max_size=18), params_st)
def test_fund_invariants(items, params):
    r = reward_fund(rows(*items), params)
    p = r.payments
    assert (p["paid_yuan"] >= 0).all()
    assert all(fen(pd_) <= fen(c) for pd_, c in zip(p["paid_yuan"], p["claim_yuan"], strict=True))
    assert (p.loc[~p["eligible"], "paid_yuan"] == 0).all()
    cap = math.floor(round(params.annual_cap * 100, 4))
    per_year = p.groupby(p["quarter"].dt.year)["paid_yuan"].apply(lambda s: sum(map(fen, s)))
    assert (per_year <= cap).all()
    for _, row in r.by_year.iterrows():
        assert fen(row["paid"]) <= cap and fen(row["paid"]) + fen(row["left"]) == cap
    for _, qrow in r.by_quarter.iterrows():
        sel = p["quarter"] == qrow["quarter"]
        paid_q = sum(map(fen, p.loc[sel, "paid_yuan"]))
        assert paid_q == fen(qrow["paid"])
        if qrow["cap_binding"]:  # a binding quarter spends exactly its budget
            assert paid_q == fen(qrow["budget_yuan"])
        else:  # otherwise every eligible claim is paid in full
            el = sel & p["eligible"]
            assert (p.loc[el, "paid_yuan"] == p.loc[el, "claim_yuan"]).all()


@fast
@given(st.lists(row_st, max_size=18), params_st)
def test_higher_score_never_gets_less(items, params):
    """Same quarter, same area, both eligible: the higher score is paid at least as much."""
    p = reward_fund(rows(*items), params).payments
    # eligibility is the company's (its quarter's area-weighted score), the same on all its rows
    assert (p.groupby(["company_id", "quarter"])["eligible"].nunique() == 1).all()
    for _, grp in p[p["eligible"]].groupby(["quarter", "managed_area_m2"]):
        ordered = grp.sort_values("score", kind="mergesort")
        for (s1, p1), (s2, p2) in zip(
            zip(ordered["score"], ordered["paid_yuan"], strict=True),
            zip(ordered["score"].iloc[1:], ordered["paid_yuan"].iloc[1:], strict=True),
            strict=False,
        ):
            if s2 > s1:
                assert p2 >= p1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(row_st, min_size=1, max_size=12), params_st, st.data())
def test_raising_a_score_never_lowers_that_rows_pay(items, params, data):
    i = data.draw(st.integers(0, len(items) - 1))
    score = items[i][3]
    higher = data.draw(st.floats(score, 100))
    df = rows(*items)
    bumped = df.copy()
    bumped.loc[i, "score"] = higher

    def pay(frame: pd.DataFrame) -> float:
        # one company per row, so the row's pay can be found by its company id
        ids = [f"R{k:02d}" for k in range(len(frame))]
        p = reward_fund(frame.assign(company_id=ids), params).payments
        return float(p.loc[p["company_id"] == f"R{i:02d}", "paid_yuan"].iloc[0])

    # pro-rata shares are split to the fen by largest remainder, so allow one fen of jitter
    assert pay(bumped) >= pay(df) - 0.01


# ---- three-party scoring -------------------------------------------------------------------


def parts(*items: tuple[str, str, float, float, float]) -> pd.DataFrame:
    return pd.DataFrame(
        items,
        columns=["company_id", "community_id", "score_self", "score_town", "score_residents"],
    )


def test_score_and_grade_default_weights():
    df = parts(
        ("P1", "C1", 100, 80, 90),  # 20 + 40 + 27 = 87.0
        ("P1", "C2", 90, 90, 90),  # 90.0 exactly: 优秀
        ("P2", "C3", 75, 75, 75),  # 75.0: 良好
        ("P2", "C4", 80, 70, 75),  # 16 + 35 + 22.5 = 73.5: 一般
        ("P3", "C5", 95, 92, 83),  # 19 + 46 + 24.9 = 89.9: 良好
    )
    out = score_and_grade(df)
    assert out["score"].tolist() == [87.0, 90.0, 75.0, 73.5, 89.9]
    assert out["grade"].tolist() == ["良好", "优秀", "良好", "一般", "良好"]
    assert "score" not in df.columns  # input untouched


def test_grade_thresholds_are_inclusive():
    p = ScoringParams(excellent=85, good=60)
    assert [grade(s, p) for s in (85, 84.9, 60, 59.9)] == ["优秀", "良好", "良好", "一般"]
    assert grade(float("nan")) is None


def test_scoring_weights_must_sum_to_100():
    msgs = ScoringParams(w_self=0.2, w_town=0.45, w_residents=0.3).validate()
    assert msgs == ["三方权重之和为 95.0%，应为 100%。"]
    assert ScoringParams(w_self=0.2, w_town=0.5005, w_residents=0.3).validate() == []
    assert any(
        "w_town" in m and "0" in m and "1" in m for m in ScoringParams(w_town=1.5).validate()
    )
    with pytest.raises(ValueError, match=r"95\.0%"):
        score_and_grade(parts(("P", "C", 1, 1, 1)), ScoringParams(w_town=0.45))


def test_scoring_thresholds_must_be_ordered():
    msgs = ScoringParams(excellent=70, good=75).validate()
    assert len(msgs) == 1 and "good" in msgs[0] and "excellent" in msgs[0]
    assert ScoringParams(excellent=75, good=75).validate()
    assert any("excellent" in m and "100" in m for m in ScoringParams(excellent=101).validate())
    assert ScoringParams(excellent=100, good=0).validate() == []


def test_grades_by_and_grade_changes():
    df = parts(
        ("P1", "C1", 80, 80, 80),
        ("P1", "C2", 90, 90, 90),  # P1 mean 85.0
        ("P2", "C3", 70, 70, 70),  # P2 70.0
        ("P3", "C4", 100, 60, 100),  # 20 + 30 + 30 = 80.0
    )
    base = grades_by(score_and_grade(df), "company_id")
    assert base.set_index("company_id")["score"].to_dict() == {"P1": 85.0, "P2": 70.0, "P3": 80.0}
    assert base["grade"].tolist() == ["良好", "一般", "良好"]
    assert base["n"].tolist() == [2, 1, 1]

    # the town's view alone (town 100%) and a lower excellent line
    scen_params = ScoringParams(w_self=0, w_town=1, w_residents=0, excellent=85, good=65)
    scen = grades_by(df, "company_id", scen_params)  # scored inside from the parts
    assert scen.set_index("company_id")["score"].to_dict() == {"P1": 85.0, "P2": 70.0, "P3": 60.0}
    moved = grade_changes(base, scen, "company_id")
    assert moved["company_id"].tolist() == ["P1", "P2", "P3"]
    assert moved["baseline_grade"].tolist() == ["良好", "一般", "良好"]
    assert moved["scenario_grade"].tolist() == ["优秀", "良好", "一般"]
    assert moved["score_change"].tolist() == [0.0, 0.0, -20.0]
    assert moved["change"].tolist() == ["better", "better", "worse"]

    everyone = grade_changes(base, base, "company_id", only_moved=False)
    assert len(everyone) == 3 and set(everyone["change"]) == {"same"}
    assert grade_changes(base, base, "company_id").empty
    # a stale stored score is ignored when the parts are there
    stale = score_and_grade(df).assign(score=0.0)
    assert grades_by(stale, "company_id").equals(base)
    only_score = score_and_grade(df).drop(columns=list(df.columns[2:]))
    assert grades_by(only_score, "company_id").equals(base)
    by_comm = grades_by(score_and_grade(df), "community_id")
    assert len(by_comm) == 4
    with pytest.raises(ValueError, match="key"):
        grades_by(df, "town")


# ---- targets --------------------------------------------------------------------------------


def indicator_values() -> pd.DataFrame:
    return pd.DataFrame(
        [
            ("C1", "fee_collection_rate", 65.0),
            ("C2", "fee_collection_rate", 55.0),
            ("C3", "fee_collection_rate", 50.0),
            ("C1", "petitions", 8.0),
            ("C2", "petitions", 11.0),
            ("C3", "petitions", 12.0),
            ("C4", "petitions", 8.0),
        ],
        columns=["community_id", "indicator_id", "value"],
    )


def test_apply_targets_lights_and_ranks():
    out = apply_targets(indicator_values(), {"fee_collection_rate": 60, "petitions": 10})
    # fee (up): 65 met; 55 missed by 5 <= 10% of 60; 50 missed by 10 > 6
    # petitions (down): 8 met; 11 over by 1 <= 1; 12 over by 2
    assert out["light"].tolist() == ["green", "amber", "red", "green", "amber", "red", "green"]
    assert out["rank"].tolist() == [1, 2, 3, 1, 3, 4, 1]  # ties share the best rank
    assert out["better"].tolist() == ["up"] * 3 + ["down"] * 4
    per_comm = apply_targets(indicator_values(), {"petitions": 10, ("petitions", "C3"): 12})
    assert per_comm["target"].tolist()[3:] == [10, 10, 12, 10]
    assert per_comm["light"].tolist()[3:] == ["green", "amber", "green", "green"]
    none = apply_targets(indicator_values(), {})
    assert none["light"].isna().all() and none["target"].isna().all()
    with pytest.raises(ValueError, match="nonsense"):
        apply_targets(pd.DataFrame([("C1", "nonsense", 1.0)], columns=out.columns[:3]), {})


def test_light_changes():
    base = apply_targets(indicator_values(), {"fee_collection_rate": 60, "petitions": 10})
    scen = apply_targets(indicator_values(), {"fee_collection_rate": 55, "petitions": 10})
    ch = light_changes(base, scen)
    assert ch["community_id"].tolist() == ["C2", "C3"]
    assert ch["baseline_light"].tolist() == ["amber", "red"]
    assert ch["scenario_light"].tolist() == ["green", "amber"]  # 50 misses 55 by 5 <= 5.5
    assert ch["change"].tolist() == ["better", "better"]
    assert light_changes(base, base).empty
    tougher = apply_targets(indicator_values(), {"fee_collection_rate": 70, "petitions": 10})
    assert light_changes(base, tougher)["change"].tolist() == ["worse", "worse"]


# ---- fee collection -------------------------------------------------------------------------
# A 20/100 (20%), B 100/200 (50%), C 80/100 (80%); town 200/400 = 50%. Target 65% = 260 paid.
# floor: raising A and B to x: 300x + 80 = 260 -> x = 60% (between B's 50% and C's 80%).
#   A +40 households, B +20, C stays: 60 more, exactly the 60 needed.
# proportional: share s of each gap to 100%: 200 + 200s = 260 -> s = 30%.
#   A 20 + 0.3*80 = 44% (+24), B 50 + 0.3*50 = 65% (+30), C 80 + 0.3*20 = 86% (+6).


def collection() -> pd.DataFrame:
    return pd.DataFrame(
        {"community_id": ["A", "B", "C"], "billed": [100, 200, 100], "paid": [20, 100, 80]}
    )


def test_required_collection_floor():
    out = required_collection(collection(), 65).set_index("community_id")
    assert out["current_pct"].tolist() == [20, 50, 80]
    assert out["required_pct"].tolist() == [60, 60, 80]
    assert out["gap_pct_points"].tolist() == [40, 10, 0]
    assert out["extra_households"].tolist() == [40, 20, 0]
    assert out.attrs["floor_pct"] == 60 and out.attrs["town_current_pct"] == 50
    assert town_collection_pct(collection()) == 50


def test_required_collection_proportional():
    out = required_collection(collection(), 65, method="proportional").set_index("community_id")
    assert out["required_pct"].tolist() == [44, 65, 86]
    assert out["gap_pct_points"].tolist() == [24, 15, 6]
    assert out["extra_households"].tolist() == [24, 30, 6]
    assert out.attrs["gap_share_pct"] == 30


def test_required_collection_rounds_households_up():
    # target 60%: floor 300x + 80 = 240 -> x = 53.33%; A needs 33.3 more -> 34, B 6.7 -> 7
    out = required_collection(collection(), 60).set_index("community_id")
    assert out["required_pct"].tolist() == [53.33, 53.33, 80]
    assert out["extra_households"].tolist() == [34, 7, 0]


def test_required_collection_edges():
    below = required_collection(collection(), 40)
    assert below["gap_pct_points"].tolist() == [0, 0, 0]
    assert below["extra_households"].tolist() == [0, 0, 0]
    assert (below["required_pct"] == below["current_pct"]).all()
    full = required_collection(collection(), 100)
    assert full["required_pct"].tolist() == [100, 100, 100]
    assert full["extra_households"].tolist() == [80, 100, 20]
    for bad in (120, -1, float("nan")):
        with pytest.raises(ValueError, match=r"town_target_pct.*0.*100"):
            required_collection(collection(), bad)
    with pytest.raises(ValueError, match="method"):
        required_collection(collection(), 60, method="magic")
    nobody = pd.concat(
        [collection(), pd.DataFrame({"community_id": ["V"], "billed": [0], "paid": [0]})]
    )
    out = required_collection(nobody, 65).set_index("community_id")
    assert out.loc["A", "required_pct"] == 60 and out.loc["V", "extra_households"] == 0


# ---- URL round-trip --------------------------------------------------------------------------


def test_fund_query_round_trip():
    assert fund_params_to_query(FundParams()) == {}
    p = FundParams(
        rate=0.15, rate_period="quarter", annual_cap=1_200_000, min_score=60.5, over_cap="rank"
    )
    query = fund_params_to_query(p)
    assert query == {
        "wf_rate": "0.15",
        "wf_period": "quarter",
        "wf_cap": "1200000",
        "wf_min": "60.5",
        "wf_policy": "rank",
    }
    assert fund_params_from_query(query) == (p, [])
    assert fund_params_from_query({}) == (FundParams(), [])
    assert params_as_dict(p)["over_cap"] == "rank" and len(params_as_dict(p)) == 5
    assert fund_params_from_query({"other_page_key": "x"}) == (FundParams(), [])


def test_fund_query_bad_values_fall_back_with_messages():
    p, msgs = fund_params_from_query(
        {
            "wf_rate": "abc",
            "wf_period": "week",
            "wf_cap": "-5",
            "wf_min": "101",
            "wf_policy": "lottery",
        }
    )
    assert p == FundParams()
    assert len(msgs) == 5
    assert "wf_rate" in msgs[0] and "abc" in msgs[0] and "默认值 0.1" in msgs[0]
    assert "wf_period" in msgs[1] and "week" in msgs[1] and "month" in msgs[1]
    assert "wf_cap" in msgs[2] and "-5" in msgs[2] and "10,000,000" in msgs[2]
    assert "wf_min" in msgs[3] and "101" in msgs[3] and "0–100" in msgs[3]
    assert "wf_policy" in msgs[4] and "lottery" in msgs[4]
    for text in ("nan", "inf", "0", "1.5", ""):
        p, msgs = fund_params_from_query({"wf_rate": text, "wf_min": "70"})
        assert p == FundParams(min_score=70) and len(msgs) == 1 and "wf_rate" in msgs[0]


def test_scoring_query_round_trip_and_bad_values():
    assert scoring_params_to_query(ScoringParams()) == {}
    p = ScoringParams(w_self=0.1, w_town=0.6, w_residents=0.3, excellent=85, good=70)
    query = scoring_params_to_query(p)
    assert query == {"wf_ws": "0.1", "wf_wt": "0.6", "wf_ex": "85", "wf_gd": "70"}
    assert scoring_params_from_query(query) == (p, [])

    p, msgs = scoring_params_from_query({"wf_ws": "0.1"})  # sums to 90%
    assert p == ScoringParams() and len(msgs) == 1
    assert "90.0%" in msgs[0] and "wf_ws" in msgs[0]
    p, msgs = scoring_params_from_query({"wf_ex": "70"})  # below the default good line
    assert p == ScoringParams() and len(msgs) == 1 and "wf_gd" in msgs[0] and "wf_ex" in msgs[0]
    p, msgs = scoring_params_from_query({"wf_wr": "x", "wf_gd": "200"})
    assert p == ScoringParams() and len(msgs) == 2
    assert "wf_wr" in msgs[0] and "wf_gd" in msgs[1] and "200" in msgs[1]


@settings(max_examples=60, deadline=None)
@given(params_st)
def test_fund_query_round_trip_property(p):
    assert fund_params_from_query(fund_params_to_query(p)) == (p, [])
