"""The reward fund: claims and payments under a set of rules, and two funds compared.

Pure pandas + stdlib. Money is computed in whole fen (0.01 yuan) as Python integers: each claim
is rounded to the fen once, exactly as the recorded reward_payments are (``round(yuan, 2)``),
so the baseline reproduces them; the cap is rounded down to the fen, and budgets and pro-rata
shares are split in exact integer arithmetic (shares rounded down, the last fen by largest
remainder), so no sum of payments can exceed the cap by a rounding hair. Bad input raises
``ValueError`` with a Chinese message.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from governance.whatif.checks import require_columns
from governance.whatif.params import MONTHS_PER_PERIOD, FundParams


@dataclass(frozen=True, eq=False)
class FundResult:
    """The fund under one set of parameters; money in yuan, to the fen (0.01).

    ``quarter`` columns are Timestamps of the quarter's first day (as DuckDB returns DATE).
    """

    params: FundParams
    payments: pd.DataFrame  # company_id, community_id, quarter, ..., claim_yuan, paid_yuan
    by_company_quarter: pd.DataFrame
    by_quarter: pd.DataFrame  # year, quarter, budget_yuan, carried_in_yuan, claimed, paid, ...
    by_year: pd.DataFrame  # year, cap, claimed, paid, left, capped_quarters
    total_claimed: float = 0.0  # eligible claims only
    total_paid: float = 0.0
    total_left: float = 0.0


FUND_COLUMNS = ("company_id", "community_id", "quarter", "score", "managed_area_m2")


def _fen(yuan: float) -> int:
    """Yuan to whole fen, rounding down (float noise below 1e-4 fen is ignored)."""
    return math.floor(round(yuan * 100, 4))


def _largest_remainder(full: list[int], budget: int) -> list[int]:
    """Split ``budget`` fen in proportion to ``full`` (which sums to more than it).

    Everyone gets floor(full x budget / total); the fen left over go one each to the largest
    remainders, earlier rows first on ties. Nobody gets more than their own claim.
    """
    total = sum(full)
    shares = [f * budget // total for f in full]
    remainders = [f * budget % total for f in full]
    left = budget - sum(shares)
    order = sorted(range(len(full)), key=lambda i: -remainders[i])  # stable: keeps rank order
    for i in order:
        if left <= 0:
            break
        if remainders[i] > 0 and shares[i] < full[i]:
            shares[i] += 1
            left -= 1
    return shares


def _rank_fill(full: list[int], budget: int) -> list[int]:
    """Pay claims in order in full until the budget runs out; the crossing claim gets the rest."""
    out: list[int] = []
    left = budget
    for f in full:
        pay = min(f, left)
        out.append(pay)
        left -= pay
    return out


def company_quarter_score(df: pd.DataFrame) -> pd.Series:
    """Each row's company score of its quarter: the area-weighted mean of the company's scores
    in that quarter (the plain mean where the company manages no area; NaN scores left out)."""
    score = pd.to_numeric(df["score"], errors="coerce").astype(float)
    area = pd.to_numeric(df["managed_area_m2"], errors="coerce").astype(float).fillna(0.0)
    quarter = pd.to_datetime(df["quarter"]).dt.to_period("Q").dt.start_time
    keys = [df["company_id"].astype(str), quarter]
    has = score.notna()
    weighted = (score * area).where(has, 0.0).groupby(keys).transform("sum")
    weight = area.where(has, 0.0).groupby(keys).transform("sum")
    plain = score.groupby(keys).transform("mean")
    return (weighted / weight.where(weight > 0)).fillna(plain)


def reward_fund(assessments: pd.DataFrame, params: FundParams | None = None) -> FundResult:
    """Claims and payments for every company, community and quarter under ``params``.

    Each quarter's budget is annual_cap/4 plus what earlier calendar quarters of the same
    year left unspent (a quarter with no rows leaves its whole quarter unspent).
    """
    params = params or FundParams()
    errors = params.validate()
    if errors:
        raise ValueError("；".join(errors))
    require_columns(assessments, FUND_COLUMNS, "物业考核数据")

    df = assessments.loc[:, list(FUND_COLUMNS)].copy().reset_index(drop=True)
    quarter = pd.to_datetime(df["quarter"], errors="coerce")
    if quarter.isna().any():
        raise ValueError("物业考核数据的 quarter 列有空值或无法识别的日期。")
    df["quarter"] = quarter.dt.to_period("Q").dt.start_time
    df["year"] = df["quarter"].dt.year.astype(int)
    df["q"] = df["quarter"].dt.quarter.astype(int)
    score = pd.to_numeric(df["score"], errors="coerce").astype(float)
    area = pd.to_numeric(df["managed_area_m2"], errors="coerce").astype(float)
    if ((score < 0) | (score > 100)).any():
        raise ValueError("物业考核数据的 score（考核得分）应在 0–100 之间。")
    if (area < 0).any():
        raise ValueError("物业考核数据的 managed_area_m2（管理面积）不能为负数。")
    df["score"], df["managed_area_m2"] = score, area

    months = MONTHS_PER_PERIOD[params.rate_period]
    # same expression and rounding as the demo generator's reward_payments
    claim = score / 100 * float(params.rate) * months * area
    full = [0 if pd.isna(x) else round(round(float(x), 2) * 100) for x in claim]
    # The minimum applies to the company's assessment of the quarter (the source computes the
    # reward per property company from its assessment percentage): its communities' scores
    # weighted by managed area (their plain mean when it manages no area). All of a company's
    # rows of a quarter are eligible together or not at all.
    df["company_score"] = company_quarter_score(df)
    eligible = (df["company_score"] >= float(params.min_score)).fillna(False).astype(bool)
    df["claim_fen"] = full
    df["eligible"] = eligible
    df["paid_fen"] = 0

    # rank order: score desc, area desc, then ids (also the tie order for pro-rata remainders)
    df["_cid"] = df["company_id"].astype(str)
    df["_mid"] = df["community_id"].astype(str)
    order = df.sort_values(
        ["score", "managed_area_m2", "_cid", "_mid"],
        ascending=[False, False, True, True],
        na_position="last",
        kind="mergesort",
    ).index

    cap_fen = _fen(float(params.annual_cap))
    quarter_rows: list[dict[str, object]] = []
    year_rows: list[dict[str, object]] = []
    years, qns, quarters = df["year"].tolist(), df["q"].tolist(), df["quarter"].tolist()
    elig_list, claim_list = eligible.tolist(), full
    paid = [0] * len(df)
    buckets: dict[tuple[int, int], list[int]] = {}
    for i in order:  # rows of each quarter, in rank order (df has a 0..n-1 index)
        buckets.setdefault((years[i], qns[i]), []).append(i)
    for year in sorted({y for y, _ in buckets}):
        spent = 0
        capped = 0
        claimed_year = 0
        for qn in range(1, 5):
            idx = buckets.get((year, qn))
            if not idx:
                continue
            own = cap_fen * qn // 4 - cap_fen * (qn - 1) // 4
            budget = cap_fen * qn // 4 - spent
            pool = [i for i in idx if elig_list[i]]
            claims = [claim_list[i] for i in pool]
            total = sum(claims)
            if total <= budget:
                pays = claims
            elif params.over_cap == "pro_rata":
                pays = _largest_remainder(claims, budget)
            else:
                pays = _rank_fill(claims, budget)
            for i, p in zip(pool, pays, strict=True):
                paid[i] = p
            spent += sum(pays)
            claimed_year += total
            capped += int(total > budget)
            quarter_rows.append(
                {
                    "year": int(year),
                    "quarter": quarters[idx[0]],
                    "budget_yuan": budget / 100,
                    "carried_in_yuan": (budget - own) / 100,
                    "claimed": total / 100,
                    "paid": sum(pays) / 100,
                    "unspent": (budget - sum(pays)) / 100,
                    "cap_binding": total > budget,
                }
            )
        year_rows.append(
            {
                "year": int(year),
                "cap": cap_fen / 100,
                "claimed": claimed_year / 100,
                "paid": spent / 100,
                "left": (cap_fen - spent) / 100,
                "capped_quarters": capped,
            }
        )
    df["paid_fen"] = pd.Series(paid, index=df.index, dtype="int64")

    payments = df.sort_values(["quarter", "_cid", "_mid"], kind="mergesort").reset_index(drop=True)
    payments["claim_yuan"] = payments["claim_fen"] / 100
    payments["paid_yuan"] = payments["paid_fen"] / 100
    payments = payments[
        [
            "company_id",
            "community_id",
            "quarter",
            "score",
            "company_score",
            "managed_area_m2",
            "eligible",
            "claim_yuan",
            "paid_yuan",
        ]
    ]

    df["elig_fen"] = df["claim_fen"].where(df["eligible"], 0)
    grouped = df.groupby(["company_id", "quarter"])
    by_cq = grouped[["managed_area_m2", "elig_fen", "paid_fen"]].sum()
    by_cq.insert(0, "communities", grouped["community_id"].nunique())
    by_cq = by_cq.reset_index()
    by_cq["claim_yuan"] = by_cq["elig_fen"] / 100
    by_cq["paid_yuan"] = by_cq["paid_fen"] / 100
    by_cq = by_cq[
        ["company_id", "quarter", "communities", "managed_area_m2", "claim_yuan", "paid_yuan"]
    ]

    by_quarter = pd.DataFrame(
        quarter_rows,
        columns=[
            "year",
            "quarter",
            "budget_yuan",
            "carried_in_yuan",
            "claimed",
            "paid",
            "unspent",
            "cap_binding",
        ],
    )
    by_year = pd.DataFrame(
        year_rows, columns=["year", "cap", "claimed", "paid", "left", "capped_quarters"]
    )
    return FundResult(
        params=params,
        payments=payments,
        by_company_quarter=by_cq,
        by_quarter=by_quarter,
        by_year=by_year,
        total_claimed=int(df["elig_fen"].sum()) / 100,
        total_paid=int(df["paid_fen"].sum()) / 100,
        total_left=round(float(by_year["left"].sum()), 2),
    )


def compare_funds(baseline: FundResult, scenario: FundResult) -> pd.DataFrame:
    """One row per company: paid under each, change in yuan and % (NaN when baseline is 0)."""

    def per_company(r: FundResult) -> pd.Series:
        return r.payments.groupby("company_id")["paid_yuan"].sum()

    out = pd.concat(
        [
            per_company(baseline).rename("baseline_yuan"),
            per_company(scenario).rename("scenario_yuan"),
        ],
        axis=1,
    ).fillna(0.0)
    out = out.rename_axis("company_id").reset_index().sort_values("company_id")
    out["baseline_yuan"] = out["baseline_yuan"].round(2)
    out["scenario_yuan"] = out["scenario_yuan"].round(2)
    out["change_yuan"] = (out["scenario_yuan"] - out["baseline_yuan"]).round(2)
    base = out["baseline_yuan"].where(out["baseline_yuan"] != 0)
    out["change_pct"] = (out["change_yuan"] / base * 100).round(2)
    return out.reset_index(drop=True)
