"""What-if engine: the reward fund, three-party scoring, targets and fee collection.

Pure pandas + stdlib, no Streamlit, so every number here is unit-tested. Functions that
compute raise ``ValueError`` with a Chinese message on bad input; ``validate()`` and the
``*_from_query`` readers return Chinese messages instead, for the page to show.

Money is computed in whole fen (0.01 yuan) as Python integers: each claim is rounded to the
fen once, exactly as the recorded reward_payments are (``round(yuan, 2)``), so the baseline
reproduces them; the cap is rounded down to the fen, and budgets and pro-rata shares are split
in exact integer arithmetic (shares rounded down, the last fen by largest remainder), so no
sum of payments can exceed the cap by a rounding hair.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from typing import Literal

import pandas as pd

from governance.indicators import INDICATORS_BY_ID
from governance.lights import traffic_light

Period = Literal["month", "quarter"]
Policy = Literal["pro_rata", "rank"]

PERIODS: tuple[str, ...] = ("month", "quarter")
POLICIES: tuple[str, ...] = ("pro_rata", "rank")
PERIOD_LABELS: dict[str, str] = {"month": "每月", "quarter": "每季度"}
POLICY_LABELS: dict[str, str] = {"pro_rata": "按比例缩减", "rank": "按得分排序发放"}
POLICY_HELP: dict[str, str] = {
    "pro_rata": "本季度申领总额超出可用额度时，各公司按同一比例缩减。",
    "rank": "按考核得分从高到低依次足额发放，额度用完为止（同分时管理面积大者优先）。",
}
MONTHS_PER_PERIOD: dict[str, int] = {"month": 3, "quarter": 1}

MAX_RATE = 1.0
MAX_CAP = 10_000_000.0
WEIGHT_TOLERANCE = 0.001

EXCELLENT, GOOD, FAIR = "优秀", "良好", "一般"
GRADES: tuple[str, ...] = (FAIR, GOOD, EXCELLENT)  # worst to best
GRADE_KEYS: tuple[str, ...] = ("company_id", "community_id")
LIGHT_ORDER: dict[str, int] = {"red": 0, "amber": 1, "green": 2}


# ---- small helpers -------------------------------------------------------------------------


def _num(x: object) -> str:
    """A number for a message: thousands separators, no float noise."""
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        return repr(x)
    v = float(x)
    if not math.isfinite(v):
        return str(v)
    if v.is_integer() and abs(v) < 1e15:
        return f"{int(v):,}"
    return f"{v:,.10g}"


def _is_number(x: object) -> bool:
    return isinstance(x, numbers.Real) and not isinstance(x, bool) and math.isfinite(float(x))


def _qfmt(x: float) -> str:
    """A number for a URL: shortest text that reads back to the same float."""
    x = float(x)
    return str(int(x)) if x.is_integer() and abs(x) < 1e15 else repr(x)


def _require_columns(df: pd.DataFrame, cols: tuple[str, ...], what: str) -> None:
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise ValueError(f"{what}缺少列：{'、'.join(missing)}")


def _check_range(
    value: object, label: str, lo: float, hi: float, unit: str = "", lo_open: bool = False
) -> str | None:
    """None when ``value`` is a finite number in range, else a Chinese message."""
    if lo_open:
        rule = f"{label}应大于 {_num(lo)} 且不超过 {_num(hi)}{unit}"
    else:
        rule = f"{label}应在 {_num(lo)}–{_num(hi)}{unit or ' '}之间"
    if not _is_number(value):
        return f"{rule}，当前值 {value!r} 不是有效数字。"
    v = float(value)  # type: ignore[arg-type]
    ok = (v > lo if lo_open else v >= lo) and v <= hi
    return None if ok else f"{rule}，当前为 {_num(v)}{unit}。"


def _check_choice(value: object, label: str, allowed: Mapping[str, str]) -> str | None:
    if isinstance(value, str) and value in allowed:
        return None
    options = "、".join(f"{k}（{v}）" for k, v in allowed.items())
    return f"{label}只能是 {options}，当前为 {value!r}。"


# ---- 1. the reward fund ----------------------------------------------------------------------


def _check_rate(v: object) -> str | None:
    return _check_range(v, "奖励标准（rate）", 0, MAX_RATE, " 元/平方米", lo_open=True)


def _check_period(v: object) -> str | None:
    return _check_choice(v, "奖励标准计算周期（rate_period）", PERIOD_LABELS)


def _check_cap(v: object) -> str | None:
    return _check_range(v, "年度奖励金上限（annual_cap）", 0, MAX_CAP, " 元")


def _check_min(v: object) -> str | None:
    return _check_range(v, "最低考核分（min_score）", 0, 100, " 分")


def _check_policy(v: object) -> str | None:
    return _check_choice(v, "超出上限分配方式（over_cap）", POLICY_LABELS)


@dataclass(frozen=True)
class FundParams:
    """Reward-fund rules: claim = score/100 x rate x months x managed area, capped per year."""

    rate: float = 0.1  # yuan per m2 per rate_period
    rate_period: Period = "month"
    annual_cap: float = 1_000_000
    min_score: float = 0  # rows scoring below this are paid nothing
    over_cap: Policy = "pro_rata"

    def validate(self) -> list[str]:
        """Chinese messages, one per bad field; empty when the parameters are usable."""
        checks = (
            _check_rate(self.rate),
            _check_period(self.rate_period),
            _check_cap(self.annual_cap),
            _check_min(self.min_score),
            _check_policy(self.over_cap),
        )
        return [m for m in checks if m]


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


def reward_fund(assessments: pd.DataFrame, params: FundParams | None = None) -> FundResult:
    """Claims and payments for every company, community and quarter under ``params``.

    Each quarter's budget is annual_cap/4 plus what earlier calendar quarters of the same
    year left unspent (a quarter with no rows leaves its whole quarter unspent).
    """
    params = params or FundParams()
    errors = params.validate()
    if errors:
        raise ValueError("；".join(errors))
    _require_columns(assessments, FUND_COLUMNS, "物业考核数据")

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
    eligible = (score >= float(params.min_score)).fillna(False).astype(bool)
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


# ---- 2. three-party scoring (Enshi practice) --------------------------------------------------

SCORE_PARTS = ("score_self", "score_town", "score_residents")


@dataclass(frozen=True)
class ScoringParams:
    """Three-party weights (fractions summing to 1) and the grade thresholds."""

    w_self: float = 0.2
    w_town: float = 0.5
    w_residents: float = 0.3
    excellent: float = 90.0
    good: float = 75.0

    def validate(self) -> list[str]:
        """Chinese messages, one per problem; empty when the parameters are usable."""
        msgs: list[str] = []
        weights = (
            (self.w_self, "自评权重（w_self）"),
            (self.w_town, "镇考核权重（w_town）"),
            (self.w_residents, "居民评议权重（w_residents）"),
        )
        for value, label in weights:
            # The inputs are in %: a bad weight is reported in %, as it was typed.
            percent = float(value) * 100 if _is_number(value) else value  # type: ignore[arg-type]
            m = _check_range(percent, label, 0, 100, "%")
            if m:
                msgs.append(m)
        if not msgs:
            total = float(self.w_self) + float(self.w_town) + float(self.w_residents)
            if abs(total - 1) > WEIGHT_TOLERANCE:
                msgs.append(f"三方权重之和为 {total * 100:.1f}%，应为 100%。")
        ex = _check_range(self.excellent, "优秀分数线（excellent）", 0, 100, " 分")
        gd = _check_range(self.good, "良好分数线（good）", 0, 100, " 分")
        msgs += [m for m in (ex, gd) if m]
        if not ex and not gd and not float(self.good) < float(self.excellent):
            msgs.append(
                f"良好分数线（good，当前 {_num(self.good)} 分）应低于优秀分数线"
                f"（excellent，当前 {_num(self.excellent)} 分）。"
            )
        return msgs


def grade(score: float | None, params: ScoringParams | None = None) -> str | None:
    """优秀 at or above ``excellent``, 良好 at or above ``good``, else 一般; None when missing."""
    params = params or ScoringParams()
    if score is None or (isinstance(score, float) and math.isnan(score)):
        return None
    if score >= params.excellent:
        return EXCELLENT
    return GOOD if score >= params.good else FAIR


def _valid_scoring(params: ScoringParams | None) -> ScoringParams:
    params = params or ScoringParams()
    errors = params.validate()
    if errors:
        raise ValueError("；".join(errors))
    return params


def score_and_grade(df: pd.DataFrame, params: ScoringParams | None = None) -> pd.DataFrame:
    """A copy of ``df`` with ``score`` (weighted, 1 decimal) and ``grade`` from it."""
    params = _valid_scoring(params)
    _require_columns(df, SCORE_PARTS, "三方评分数据")
    out = df.copy()
    raw = (
        params.w_self * pd.to_numeric(out["score_self"], errors="coerce")
        + params.w_town * pd.to_numeric(out["score_town"], errors="coerce")
        + params.w_residents * pd.to_numeric(out["score_residents"], errors="coerce")
    )
    out["score"] = raw.astype(float).round(9).round(1)  # .round(9) drops float noise first
    out["grade"] = pd.Series(
        [grade(s, params) for s in out["score"]], index=out.index, dtype=object
    )
    return out


def grades_by(df: pd.DataFrame, key: str, params: ScoringParams | None = None) -> pd.DataFrame:
    """Mean score (1 decimal), its grade and the row count per company_id or community_id.

    When ``df`` has the three part scores they are (re)scored with ``params`` (a stored
    ``score`` column is ignored); otherwise its ``score`` column is used as it is.
    """
    params = _valid_scoring(params)
    if key not in GRADE_KEYS:
        raise ValueError(f"分组键 key 只能是 {' 或 '.join(GRADE_KEYS)}，当前为 {key!r}。")
    _require_columns(df, (key,), "评分数据")
    if all(c in df.columns for c in SCORE_PARTS):
        scored = score_and_grade(df, params)
    else:
        _require_columns(df, ("score",), "评分数据")
        scored = df
    out = (
        scored.assign(score=pd.to_numeric(scored["score"], errors="coerce"))
        .groupby(key)
        .agg(score=("score", "mean"), n=("score", "size"))
        .reset_index()
    )
    out["score"] = out["score"].round(9).round(1)
    out["grade"] = pd.Series([grade(s, params) for s in out["score"]], dtype=object)
    return out[[key, "score", "grade", "n"]]


def _grade_move(before: object, after: object) -> str:
    if before not in GRADES or after not in GRADES or before == after:
        return "same"
    return "better" if GRADES.index(after) > GRADES.index(before) else "worse"  # type: ignore[arg-type]


def grade_changes(
    baseline_df: pd.DataFrame, scenario_df: pd.DataFrame, key: str, only_moved: bool = True
) -> pd.DataFrame:
    """Compare two ``grades_by`` results: grades and scores side by side, and which way it went.

    With ``only_moved`` (the default) only rows whose grade changed are kept.
    """
    if key not in GRADE_KEYS:
        raise ValueError(f"分组键 key 只能是 {' 或 '.join(GRADE_KEYS)}，当前为 {key!r}。")
    cols = [key, "score", "grade"]
    _require_columns(baseline_df, tuple(cols), "基准评分结果")
    _require_columns(scenario_df, tuple(cols), "方案评分结果")
    m = baseline_df[cols].merge(
        scenario_df[cols], on=key, how="outer", suffixes=("_baseline", "_scenario")
    )
    out = pd.DataFrame(
        {
            key: m[key],
            "baseline_score": m["score_baseline"],
            "scenario_score": m["score_scenario"],
            "score_change": (m["score_scenario"] - m["score_baseline"]).round(1),
            "baseline_grade": m["grade_baseline"],
            "scenario_grade": m["grade_scenario"],
        }
    )
    out["change"] = [
        _grade_move(b, s) for b, s in zip(out["baseline_grade"], out["scenario_grade"], strict=True)
    ]
    if only_moved:
        out = out[out["baseline_grade"].fillna("") != out["scenario_grade"].fillna("")]
    return out.sort_values(key).reset_index(drop=True)


# ---- 3. targets ------------------------------------------------------------------------------


def apply_targets(
    values: pd.DataFrame, targets: Mapping[str | tuple[str, str], float | None]
) -> pd.DataFrame:
    """Add better, target, light and rank (1 = best, by the indicator's direction).

    ``targets`` maps indicator_id to the town-wide target; a key (indicator_id, community_id)
    overrides it for one community (as rows of the ``targets`` table do). No target: light
    None. Rows with a missing value get no rank.
    """
    _require_columns(values, ("community_id", "indicator_id", "value"), "指标数据")
    unknown = sorted(set(values["indicator_id"].astype(str)) - set(INDICATORS_BY_ID))
    if unknown:
        raise ValueError(
            f"未知指标：{'、'.join(unknown)}（应为 governance/indicators.py 中的编号）。"
        )
    out = values.copy()
    out["value"] = pd.to_numeric(out["value"], errors="coerce").astype(float)
    out["better"] = out["indicator_id"].map(lambda i: INDICATORS_BY_ID[i].better)
    out["target"] = pd.Series(
        [
            targets.get((i, c), targets.get(i))
            for i, c in zip(out["indicator_id"], out["community_id"], strict=True)
        ],
        index=out.index,
        dtype=object,
    ).astype(float)
    out["light"] = pd.Series(
        [
            traffic_light(None if pd.isna(v) else float(v), None if pd.isna(t) else float(t), b)
            for v, t, b in zip(out["value"], out["target"], out["better"], strict=True)
        ],
        index=out.index,
        dtype=object,
    )
    signed = out["value"].where(out["better"] == "down", -out["value"])  # smaller = better
    out["rank"] = signed.groupby(out["indicator_id"]).rank(method="min").astype("Int64")
    return out


def light_changes(baseline: pd.DataFrame, scenario: pd.DataFrame) -> pd.DataFrame:
    """Rows of two ``apply_targets`` results whose light differs, with which way it went."""
    keys = ["community_id", "indicator_id"]
    cols = [*keys, "value", "target", "light", "rank"]
    _require_columns(baseline, tuple(cols), "基准指标结果")
    _require_columns(scenario, tuple(cols), "方案指标结果")
    m = baseline[cols].merge(scenario[cols], on=keys, how="outer", suffixes=("_b", "_s"))
    moved = m["light_b"].fillna("") != m["light_s"].fillna("")
    m = m[moved]

    def way(b: object, s: object) -> str | None:
        if b not in LIGHT_ORDER or s not in LIGHT_ORDER:
            return None
        return "better" if LIGHT_ORDER[s] > LIGHT_ORDER[b] else "worse"  # type: ignore[index]

    out = pd.DataFrame(
        {
            "community_id": m["community_id"],
            "indicator_id": m["indicator_id"],
            "baseline_value": m["value_b"],
            "scenario_value": m["value_s"],
            "baseline_target": m["target_b"],
            "scenario_target": m["target_s"],
            "baseline_light": m["light_b"],
            "scenario_light": m["light_s"],
            "baseline_rank": m["rank_b"],
            "scenario_rank": m["rank_s"],
            "change": [way(b, s) for b, s in zip(m["light_b"], m["light_s"], strict=True)],
        }
    )
    return out.sort_values(keys).reset_index(drop=True)


# ---- 4. fee collection -----------------------------------------------------------------------

COLLECTION_METHODS: dict[str, str] = {
    "floor": "统一托底：低于某一收缴率的社区都提高到该收缴率",
    "proportional": "同比例缩小差距：各社区按相同比例缩小与 100% 的差距",
}


def town_collection_pct(df: pd.DataFrame) -> float:
    """Town-wide collection rate in %: households paid in full / households billed."""
    _require_columns(df, ("billed", "paid"), "物业费收缴数据")
    billed = float(pd.to_numeric(df["billed"]).sum())
    return float("nan") if billed == 0 else float(pd.to_numeric(df["paid"]).sum()) / billed * 100


def _floor_rate(rates: list[float], billed: list[float], paid: list[float], need: float) -> float:
    """The single x (a fraction) such that sum(max(paid_i, x*billed_i)) == need."""
    order = sorted(range(len(rates)), key=lambda i: rates[i])
    below_billed = 0.0
    above_paid = sum(paid)
    for k, i in enumerate(order):
        below_billed += billed[i]
        above_paid -= paid[i]
        x = (need - above_paid) / below_billed
        nxt = rates[order[k + 1]] if k + 1 < len(order) else 1.0
        if x <= nxt + 1e-12:
            return min(max(x, rates[i]), 1.0)
    return 1.0


def required_collection(
    df: pd.DataFrame, town_target_pct: float, method: str = "floor"
) -> pd.DataFrame:
    """Per community: the collection rate needed for the town to reach ``town_target_pct``.

    Columns: community_id, billed, paid, current_pct, required_pct, gap_pct_points,
    extra_households (rounded up). Communities with nobody billed are left as they are.
    ``attrs`` carries town_current_pct, town_target_pct and the floor or the gap share.
    """
    msg = _check_range(town_target_pct, "全镇收缴率目标（town_target_pct）", 0, 100, "%")
    if msg:
        raise ValueError(msg)
    if method not in COLLECTION_METHODS:
        raise ValueError(_check_choice(method, "测算方法（method）", COLLECTION_METHODS))
    _require_columns(df, ("community_id", "billed", "paid"), "物业费收缴数据")
    out = df[["community_id", "billed", "paid"]].copy().reset_index(drop=True)
    billed_s = pd.to_numeric(out["billed"], errors="coerce").fillna(0).astype(float)
    paid_s = pd.to_numeric(out["paid"], errors="coerce").fillna(0).astype(float)
    if (billed_s < 0).any() or (paid_s < 0).any() or (paid_s > billed_s).any():
        raise ValueError("物业费收缴数据中 paid（足额缴费户数）应在 0 与 billed（应缴户数）之间。")

    has = billed_s > 0
    billed, paid = billed_s[has].tolist(), paid_s[has].tolist()
    rates = [p / b for p, b in zip(paid, billed, strict=True)]
    total_b, total_p = sum(billed), sum(paid)
    current_town = total_p / total_b if total_b else float("nan")
    target = float(town_target_pct) / 100
    need = target * total_b

    required = list(rates)
    info: dict[str, float] = {}
    if total_b and target > current_town:
        if method == "floor":
            x = _floor_rate(rates, billed, paid, need)
            required = [max(r, x) for r in rates]
            info["floor_pct"] = round(x * 100, 2)
        else:
            share = (need - total_p) / (total_b - total_p)
            required = [r + share * (1 - r) for r in rates]
            info["gap_share_pct"] = round(share * 100, 2)

    req_all = pd.Series(float("nan"), index=out.index)
    req_all[has] = required
    cur_all = (paid_s / billed_s.where(has)).astype(float)
    extra = [
        0 if not h else max(0, math.ceil(round(r * b - p, 6)))
        for h, r, b, p in zip(has, req_all, billed_s, paid_s, strict=True)
    ]
    out["current_pct"] = (cur_all * 100).round(2)
    out["required_pct"] = (req_all * 100).round(2)
    out["gap_pct_points"] = ((req_all - cur_all) * 100).round(2)
    out["extra_households"] = pd.Series(extra, index=out.index, dtype="int64")
    out.attrs.update(
        {
            "town_current_pct": round(current_town * 100, 2) if total_b else float("nan"),
            "town_target_pct": float(town_target_pct),
            "method": method,
            **info,
        }
    )
    return out


# ---- 5. URL round-trip -----------------------------------------------------------------------


@dataclass(frozen=True)
class _QueryField:
    attr: str
    key: str
    kind: str  # "number" | "choice"
    check: Callable[[object], str | None]
    hint: str  # the allowed values, in words


FUND_QUERY: tuple[_QueryField, ...] = (
    _QueryField("rate", "wf_rate", "number", _check_rate, "大于 0 且不超过 1 的数字（元/平方米）"),
    _QueryField("rate_period", "wf_period", "choice", _check_period, "month 或 quarter"),
    _QueryField("annual_cap", "wf_cap", "number", _check_cap, "0–10,000,000 之间的数字（元）"),
    _QueryField("min_score", "wf_min", "number", _check_min, "0–100 之间的数字（分）"),
    _QueryField("over_cap", "wf_policy", "choice", _check_policy, "pro_rata 或 rank"),
)


def _w_check(label: str) -> Callable[[object], str | None]:
    return lambda v: _check_range(v, label, 0, 1)


def _t_check(label: str) -> Callable[[object], str | None]:
    return lambda v: _check_range(v, label, 0, 100, " 分")


SCORING_QUERY: tuple[_QueryField, ...] = (
    _QueryField("w_self", "wf_ws", "number", _w_check("自评权重"), "0–1 之间的小数"),
    _QueryField("w_town", "wf_wt", "number", _w_check("镇考核权重"), "0–1 之间的小数"),
    _QueryField("w_residents", "wf_wr", "number", _w_check("居民评议权重"), "0–1 之间的小数"),
    _QueryField("excellent", "wf_ex", "number", _t_check("优秀分数线"), "0–100 之间的数字（分）"),
    _QueryField("good", "wf_gd", "number", _t_check("良好分数线"), "0–100 之间的数字（分）"),
)


def _to_query(params: object, spec: tuple[_QueryField, ...]) -> dict[str, str]:
    default = type(params)()
    out: dict[str, str] = {}
    for f in spec:
        value = getattr(params, f.attr)
        if value == getattr(default, f.attr):
            continue
        out[f.key] = _qfmt(value) if f.kind == "number" else str(value)
    return out


def _from_query(
    q: Mapping[str, object], spec: tuple[_QueryField, ...], default: object
) -> tuple[dict[str, object], list[str]]:
    values: dict[str, object] = {}
    msgs: list[str] = []
    for f in spec:
        fallback = getattr(default, f.attr)
        if f.key not in q:
            values[f.attr] = fallback
            continue
        raw = q[f.key]
        if isinstance(raw, list | tuple):  # tolerate multi-valued query strings
            raw = raw[-1] if raw else ""
        text = str(raw).strip()
        value: object = text
        if f.kind == "number":
            try:
                value = float(text)
            except ValueError:
                value = None
        problem = f.check(value) if value is not None else "not a number"
        if problem:
            fb = _num(fallback) if f.kind == "number" else fallback
            msgs.append(f"网址参数 {f.key} 的值“{raw}”无效（应为 {f.hint}），已改用默认值 {fb}。")
            values[f.attr] = fallback
        else:
            values[f.attr] = value
    return values, msgs


def fund_params_to_query(p: FundParams) -> dict[str, str]:
    """Query-string items for ``p``; parameters at their default are left out."""
    return _to_query(p, FUND_QUERY)


def fund_params_from_query(q: Mapping[str, str]) -> tuple[FundParams, list[str]]:
    """FundParams from query items; each bad or out-of-range value falls back to its default."""
    values, msgs = _from_query(q, FUND_QUERY, FundParams())
    return FundParams(**values), msgs  # type: ignore[arg-type]


def scoring_params_to_query(p: ScoringParams) -> dict[str, str]:
    """Query-string items for ``p``; parameters at their default are left out."""
    return _to_query(p, SCORING_QUERY)


def scoring_params_from_query(q: Mapping[str, str]) -> tuple[ScoringParams, list[str]]:
    """ScoringParams from query items; bad values, weights not summing to 100% or
    thresholds out of order fall back to the defaults, with a Chinese message each."""
    default = ScoringParams()
    values, msgs = _from_query(q, SCORING_QUERY, default)
    weights = ("w_self", "w_town", "w_residents")
    total = sum(float(values[w]) for w in weights)  # type: ignore[arg-type]
    if abs(total - 1) > WEIGHT_TOLERANCE:
        msgs.append(
            f"网址参数 wf_ws、wf_wt、wf_wr 的三方权重之和为 {total * 100:.1f}%，应为 100%，"
            f"已改用默认权重 {default.w_self:.0%} / {default.w_town:.0%} / "
            f"{default.w_residents:.0%}。"
        )
        for w in weights:
            values[w] = getattr(default, w)
    if not float(values["good"]) < float(values["excellent"]):  # type: ignore[arg-type]
        msgs.append(
            f"网址参数 wf_gd（良好分数线 {_num(values['good'])}）应低于 wf_ex"
            f"（优秀分数线 {_num(values['excellent'])}），已改用默认值 "
            f"{_num(default.good)} / {_num(default.excellent)}。"
        )
        values["good"], values["excellent"] = default.good, default.excellent
    return ScoringParams(**values), msgs  # type: ignore[arg-type]


def params_as_dict(p: FundParams | ScoringParams) -> dict[str, object]:
    """Plain dict of a parameter object (for the scenario store)."""
    return {f.name: getattr(p, f.name) for f in fields(p)}
