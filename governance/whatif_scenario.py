"""情景推演 What-if: a whole scenario, where saved ones live, and the page's tables and figures.

Builds on the engine in ``governance/whatif.py`` (reward fund, three-party scoring, targets,
fee collection) and adds:

- :class:`Scenario` — every lever of the page in one value: the fund and scoring parameters,
  town-wide target overrides and the town collection target; its URL form (``wf_*`` keys:
  the engine's keys, ``wf_t_<indicator_id>`` per target and ``wf_fee``) and the values of the
  page's widgets, both ways;
- where saved scenarios are kept: the shared state database (:mod:`governance.state`), stored
  in their URL form;
- baseline-versus-scenario views of each lever, with the metric tiles, tables (numbers for
  download, words for the screen) and Plotly figures the page shows.

The baseline is the engine's defaults (and the targets in the data; the collection baseline is
the current rate). Plain Python, no Streamlit: every number here is unit-tested.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go

from governance import charts, export, fmt, kpi, periods, state
from governance.filters import URL_KEYS
from governance.i18n import t
from governance.indicators import INDICATORS, INDICATORS_BY_ID
from governance.scenarios import ScenarioStore, ScenarioStoreUnavailable
from governance.whatif import (
    EXCELLENT,
    FAIR,
    FUND_QUERY,
    GOOD,
    GRADES,
    SCORING_QUERY,
    FundParams,
    FundResult,
    ScoringParams,
    _check_range,
    _num,
    _qfmt,
    apply_targets,
    compare_funds,
    fund_params_from_query,
    fund_params_to_query,
    grade_changes,
    grades_by,
    light_changes,
    required_collection,
    reward_fund,
    scoring_params_from_query,
    scoring_params_to_query,
)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_STATE_DIR = ROOT / ".state"
STORE_FILE = "scenarios.json"

URL_PREFIX = "wf_"
TARGET_PREFIX = "wf_t_"
COLLECTION_KEY = "wf_fee"
DEFAULT_COLLECTION_TARGET = 60.0  # FACTS.md: collection rose from about 20% to about 60%
FUND_KEYS: tuple[str, ...] = tuple(f.key for f in FUND_QUERY)
SCORING_KEYS: tuple[str, ...] = tuple(f.key for f in SCORING_QUERY)

# Bounds of a target by the indicator's unit: (lowest, highest, unit for messages, widget step).
TARGET_BOUNDS: dict[str, tuple[float, float, str, float]] = {
    "pct": (0.0, 100.0, "%", 1.0),
    "score": (0.0, 100.0, " 分", 1.0),
    "per10k": (0.0, 10_000.0, " 起/万人", 0.5),
    "per1000": (0.0, 100_000.0, " 人次/千人", 10.0),
    "count": (0.0, 1_000_000.0, "", 1.0),
}

GRADE_KEYS_I18N = {EXCELLENT: "excellent", GOOD: "good", FAIR: "fair"}
MOVE_LIGHT = {"better": "green", "worse": "red", "same": None}


# ---- storage ---------------------------------------------------------------------------------


def state_dir() -> Path:
    """``GOVERNANCE_STATE_DIR`` when set (tests), else ``<repo>/.state`` (git-ignored)."""
    return Path(os.environ.get("GOVERNANCE_STATE_DIR") or DEFAULT_STATE_DIR)


def store(user: str | None = None, admin: bool = False) -> ScenarioStore:
    """The saved-scenario store of this installation (the shared state database), as ``user``
    sees it (None: no login); an old ``scenarios.json`` in the state dir is imported once."""
    try:
        eng = state.engine()
    except state.StateConfigError as e:
        raise ScenarioStoreUnavailable(str(e)) from e
    return ScenarioStore(eng, legacy=state_dir() / STORE_FILE, user=user, admin=admin)


# ---- the scenario and its URL form -------------------------------------------------------------


def target_bounds(indicator_id: str) -> tuple[float, float, float]:
    """(lowest, highest, widget step) of a target of ``indicator_id``."""
    lo, hi, _, step = TARGET_BOUNDS[INDICATORS_BY_ID[indicator_id].unit]
    return lo, hi, step


def check_target(indicator_id: str, value: object) -> str | None:
    """None when ``value`` is a usable target for the indicator, else a Chinese message."""
    ind = INDICATORS_BY_ID[indicator_id]
    lo, hi, unit, _ = TARGET_BOUNDS[ind.unit]
    return _check_range(value, f"{ind.label_zh}目标（{TARGET_PREFIX}{ind.id}）", lo, hi, unit)


def check_collection(value: object) -> str | None:
    return _check_range(value, f"全镇收缴率目标（{COLLECTION_KEY}）", 0, 100, "%")


def _order(indicator_id: str) -> int:
    return next(i for i, ind in enumerate(INDICATORS) if ind.id == indicator_id)


@dataclass(frozen=True)
class Scenario:
    """Every lever of the what-if page; the defaults are the baseline."""

    fund: FundParams = field(default_factory=FundParams)
    scoring: ScoringParams = field(default_factory=ScoringParams)
    targets: tuple[tuple[str, float], ...] = ()  # (indicator_id, town-wide target)
    collection_target: float = DEFAULT_COLLECTION_TARGET

    def __post_init__(self) -> None:
        unknown = [i for i, _ in self.targets if i not in INDICATORS_BY_ID]
        if unknown:
            raise ValueError(f"未知指标：{'、'.join(unknown)}")
        seen: dict[str, float] = {}
        for indicator_id, value in self.targets:
            seen[indicator_id] = value
        ordered = tuple(sorted(seen.items(), key=lambda item: _order(item[0])))
        object.__setattr__(self, "targets", ordered)

    @property
    def target_overrides(self) -> dict[str, float]:
        return dict(self.targets)

    # -- checks, one list per section of the page ---------------------------------------------
    def fund_errors(self) -> list[str]:
        return self.fund.validate()

    def scoring_errors(self) -> list[str]:
        return self.scoring.validate()

    def target_errors(self) -> list[str]:
        return [m for i, v in self.targets if (m := check_target(i, v))]

    def collection_errors(self) -> list[str]:
        return [m for m in (check_collection(self.collection_target),) if m]

    def errors(self) -> list[str]:
        return (
            self.fund_errors()
            + self.scoring_errors()
            + self.target_errors()
            + self.collection_errors()
        )

    def is_baseline(self) -> bool:
        return self == Scenario()

    # -- URL form ------------------------------------------------------------------------------
    def to_query(self) -> dict[str, str]:
        """``wf_*`` query items; parameters at their default are left out."""
        out = {**fund_params_to_query(self.fund), **scoring_params_to_query(self.scoring)}
        for indicator_id, value in self.targets:
            out[f"{TARGET_PREFIX}{indicator_id}"] = _qfmt(value)
        if self.collection_target != DEFAULT_COLLECTION_TARGET:
            out[COLLECTION_KEY] = _qfmt(self.collection_target)
        return out

    @classmethod
    def from_query(cls, query: Mapping[str, object]) -> tuple[Scenario, list[str]]:
        """A scenario from query items (other keys are ignored); each bad ``wf_*`` value falls
        back to its default with a Chinese message naming the parameter."""
        q = url_items(query)
        fund, messages = fund_params_from_query(q)
        scoring, more = scoring_params_from_query(q)
        messages += more
        targets: list[tuple[str, float]] = []
        collection = DEFAULT_COLLECTION_TARGET
        known = {*FUND_KEYS, *SCORING_KEYS}
        for key in q:
            if key in known:
                continue
            raw = _last(q[key])
            if key == COLLECTION_KEY:
                value = _number(raw)
                if value is None or check_collection(value):
                    messages.append(
                        f"网址参数 {key} 的值“{raw}”无效（应为 0–100 之间的数字，%），"
                        f"已改用默认值 {_num(DEFAULT_COLLECTION_TARGET)}。"
                    )
                else:
                    collection = value
            elif key.startswith(TARGET_PREFIX):
                indicator_id = key[len(TARGET_PREFIX) :]
                if indicator_id not in INDICATORS_BY_ID:
                    messages.append(
                        f"网址参数 {key} 不是已知指标的目标（应为 {TARGET_PREFIX} 加指标编号，"
                        f"如 {TARGET_PREFIX}fee_collection_rate），已忽略。"
                    )
                    continue
                value = _number(raw)
                if value is None or check_target(indicator_id, value):
                    lo, hi, unit, _ = TARGET_BOUNDS[INDICATORS_BY_ID[indicator_id].unit]
                    messages.append(
                        f"网址参数 {key} 的值“{raw}”无效（应为 {_num(lo)}–{_num(hi)} 之间的数字"
                        f"{('，' + unit.strip()) if unit.strip() else ''}），已改用现行目标。"
                    )
                else:
                    targets.append((indicator_id, value))
            else:
                messages.append(f"网址参数 {key} 无法识别，已忽略。")
        return cls(fund, scoring, tuple(targets), collection), messages


def _last(raw: object) -> str:
    if isinstance(raw, list | tuple):
        return str(raw[-1]) if raw else ""
    return str(raw)


def _number(text: str) -> float | None:
    try:
        value = float(str(text).strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def url_items(query: Mapping[str, object]) -> dict[str, object]:
    """The what-if page's own items of a query string (``wf_*``)."""
    return {str(k): v for k, v in query.items() if str(k).startswith(URL_PREFIX)}


def reload_from_url(
    initialised: bool, items: Mapping[str, object], last_written: Mapping[str, str] | None
) -> bool:
    """Whether the page should (re)read its scenario from the URL on this run.

    On a session's first run, and whenever the URL's ``wf_*`` items differ from what the page
    last wrote (a link opened, the browser's back button). A URL without any ``wf_*`` item in
    a session that already has a scenario is a return from another page (Streamlit clears the
    query string on a page switch): the session's scenario stays.
    """
    if not initialised:
        return True
    if not items:
        return False
    return {k: _last(v) for k, v in items.items()} != dict(last_written or {})


def url_updates(
    current: Mapping[str, object], wanted: Mapping[str, str]
) -> tuple[dict[str, str], list[str]]:
    """The ``wf_*`` items to set and the ``wf_*`` keys to delete so the URL holds ``wanted``."""
    mine = url_items(current)
    to_set = {k: v for k, v in wanted.items() if k not in mine or _last(mine[k]) != v}
    to_delete = sorted(k for k in mine if k not in wanted)
    return to_set, to_delete


def share_link(base_url: str | None, items: Mapping[str, Sequence[str] | str]) -> str:
    """The link that reopens this page with ``items`` (global filters first, then ``wf_*``)."""

    base = (base_url or "").split("?")[0].rstrip("/")
    if base.endswith("/whatif"):
        base = base[: -len("/whatif")]
    pairs: list[tuple[str, str]] = []
    rank = {key: n for n, key in enumerate(URL_KEYS)}
    ordered = sorted(items, key=lambda k: (k.startswith(URL_PREFIX), rank.get(k, len(rank)), k))
    for key in ordered:
        values = items[key]
        for value in [values] if isinstance(values, str) else list(values):
            pairs.append((key, str(value)))
    query = urlencode(pairs, safe=",")
    return f"{base}/whatif" + (f"?{query}" if query else "")


# ---- the page's widgets ------------------------------------------------------------------------

W_RATE, W_PERIOD, W_CAP, W_MIN, W_POLICY = (
    "whatif_rate",
    "whatif_period",
    "whatif_cap",
    "whatif_min",
    "whatif_policy",
)
W_SELF, W_TOWN, W_RESIDENTS = "whatif_w_self", "whatif_w_town", "whatif_w_residents"
W_EXCELLENT, W_GOOD = "whatif_excellent", "whatif_good"
W_TARGET_IDS = "whatif_target_ids"
W_FEE = "whatif_fee_target"


def target_widget(indicator_id: str) -> str:
    return f"whatif_t_{indicator_id}"


def _pct(weight: float) -> float:
    return round(float(weight) * 100, 4)


def widget_values(s: Scenario) -> dict[str, object]:
    """The value of every widget of the page for scenario ``s`` (weights in percent)."""
    values: dict[str, object] = {
        W_RATE: float(s.fund.rate),
        W_PERIOD: s.fund.rate_period,
        W_CAP: float(s.fund.annual_cap),
        W_MIN: float(s.fund.min_score),
        W_POLICY: s.fund.over_cap,
        W_SELF: _pct(s.scoring.w_self),
        W_TOWN: _pct(s.scoring.w_town),
        W_RESIDENTS: _pct(s.scoring.w_residents),
        W_EXCELLENT: float(s.scoring.excellent),
        W_GOOD: float(s.scoring.good),
        W_TARGET_IDS: [i for i, _ in s.targets],
        W_FEE: float(s.collection_target),
    }
    for indicator_id, value in s.targets:
        values[target_widget(indicator_id)] = float(value)
    return values


def from_widgets(values: Mapping[str, object]) -> Scenario:
    """The scenario the widgets hold (a missing widget keeps the default)."""
    d = widget_values(Scenario())

    def get(key: str) -> object:
        v = values.get(key) if key in values else None
        return d[key] if v is None else v

    def weight(key: str) -> float:
        return round(float(get(key)) / 100, 6)  # type: ignore[arg-type]

    chosen = [i for i in (values.get(W_TARGET_IDS) or []) if i in INDICATORS_BY_ID]
    targets = tuple(
        (i, float(values[target_widget(i)]))  # type: ignore[arg-type]
        for i in chosen
        if values.get(target_widget(i)) is not None
    )
    return Scenario(
        fund=FundParams(
            rate=float(get(W_RATE)),  # type: ignore[arg-type]
            rate_period=str(get(W_PERIOD)),  # type: ignore[arg-type]
            annual_cap=float(get(W_CAP)),  # type: ignore[arg-type]
            min_score=float(get(W_MIN)),  # type: ignore[arg-type]
            over_cap=str(get(W_POLICY)),  # type: ignore[arg-type]
        ),
        scoring=ScoringParams(
            w_self=weight(W_SELF),
            w_town=weight(W_TOWN),
            w_residents=weight(W_RESIDENTS),
            excellent=float(get(W_EXCELLENT)),  # type: ignore[arg-type]
            good=float(get(W_GOOD)),  # type: ignore[arg-type]
        ),
        targets=targets,
        collection_target=float(get(W_FEE)),  # type: ignore[arg-type]
    )


def default_target(indicator_id: str, base_targets: Mapping[object, float]) -> float:
    """The value a target input starts at: the town target in force, else 0."""
    value = base_targets.get(indicator_id)
    return 0.0 if value is None else float(value)


# ---- formatting ------------------------------------------------------------------------------


def _vs(signed: str, lang: str) -> str:
    """A change against the baseline in words: "+5 较基准", or "与基准相同"."""
    if signed == t("whatif.same", lang):
        return t("whatif.same_as_baseline", lang)
    return f"{signed} {t('whatif.vs_baseline', lang)}"


def signed_yuan(x: float, lang: str) -> str:
    if round(x, 2) == 0:
        return t("whatif.same", lang)
    return ("+" if x > 0 else "-") + fmt.yuan(abs(x), lang)


def signed_count(x: float, lang: str) -> str:
    return t("whatif.same", lang) if round(x, 6) == 0 else f"{x:+,.0f}"


def signed_points(x: float, lang: str) -> str:
    """A change of a rate in percentage points."""
    return t("whatif.same", lang) if round(x, 6) == 0 else t("whatif.pp", lang, x=f"{x:+.1f}")


def quarter_label(q: object) -> str:
    return periods.to_label(pd.Timestamp(q).date())


def grade_name(g: object, lang: str) -> str:
    if g not in GRADE_KEYS_I18N:
        return "—"
    return t(f"whatif.grade.{GRADE_KEYS_I18N[g]}", lang)  # type: ignore[index]


def light_name(light: object, lang: str) -> str:
    return (
        t(f"light.{light}", lang) if light in ("green", "amber", "red") else t("light.none", lang)
    )


def _money(x: object, lang: str) -> str:
    return fmt.yuan(None if pd.isna(x) else float(x), lang)  # type: ignore[arg-type]


FORMATS = {
    "yuan": lambda x, lang: _money(x, lang),
    "signed_yuan": lambda x, lang: "—" if pd.isna(x) else signed_yuan(float(x), lang),
    "pct": lambda x, lang: fmt.pct(None if pd.isna(x) else float(x)),
    "signed_pct": lambda x, lang: "—" if pd.isna(x) else f"{float(x):+.1f}%",
    "pp": lambda x, lang: "—" if pd.isna(x) else f"{float(x):+.1f}".replace("+0.0", "0.0"),
    "score": lambda x, lang: fmt.number(None if pd.isna(x) else float(x)),
    "signed_score": lambda x, lang: "—" if pd.isna(x) else f"{float(x):+.1f}",
    "area": lambda x, lang: fmt.count(None if pd.isna(x) else float(x), lang),
    "count": lambda x, lang: fmt.count(None if pd.isna(x) else float(x), lang),
    "signed_count": lambda x, lang: "—" if pd.isna(x) else signed_count(float(x), lang),
    "quarter": lambda x, lang: "—" if pd.isna(x) else quarter_label(x),
    "grade": lambda x, lang: grade_name(x, lang),
    "light": lambda x, lang: light_name(x, lang),
    "move": lambda x, lang: t(f"whatif.move.{x}", lang) if x in MOVE_LIGHT else "—",
    "light_move": lambda x, lang: t(f"whatif.light_move.{x}", lang) if x in MOVE_LIGHT else "—",
    "rank": lambda x, lang: "—" if pd.isna(x) else f"{int(x)}",
}

COLUMN_KINDS: dict[str, str] = {
    "baseline_yuan": "yuan",
    "scenario_yuan": "yuan",
    "change_yuan": "signed_yuan",
    "change_pct": "signed_pct",
    "claim_yuan": "yuan",
    "managed_area_m2": "area",
    "score": "score",
    "mean_score": "score",
    "quarter": "quarter",
    "cap_baseline": "yuan",
    "cap_scenario": "yuan",
    "paid_baseline": "yuan",
    "paid_scenario": "yuan",
    "left_baseline": "yuan",
    "left_scenario": "yuan",
    "claimed_scenario": "yuan",
    "capped_baseline": "count",
    "capped_scenario": "count",
    "baseline_score": "score",
    "scenario_score": "score",
    "score_change": "signed_score",
    "baseline_grade": "grade",
    "scenario_grade": "grade",
    "change": "move",
    "light_change": "light_move",
    "baseline_value": "plain",
    "scenario_value": "plain",
    "baseline_target": "plain",
    "scenario_target": "plain",
    "baseline_light": "light",
    "scenario_light": "light",
    "baseline_rank": "rank",
    "scenario_rank": "rank",
    "rank_change": "signed_count",
    "green_baseline": "count",
    "green_scenario": "count",
    "green_change": "signed_count",
    "red_baseline": "count",
    "red_scenario": "count",
    "current_pct": "pct",
    "floor_required_pct": "pct",
    "floor_gap_pct_points": "pp",
    "floor_extra_households": "count",
    "proportional_required_pct": "pct",
    "proportional_gap_pct_points": "pp",
    "proportional_extra_households": "count",
    "billed": "count",
    "paid": "count",
    "communities": "count",
    "rows_below_min": "count",
}


def labels(lang: str) -> dict[str, str]:
    """Headers of every computed column the page shows or lets download."""
    names = (
        "company",
        "community",
        "indicator",
        *COLUMN_KINDS,
        "year",
        "item",
    )
    return {c: t(f"whatif.col.{c}", lang) for c in dict.fromkeys(names)}


def shown(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``df`` for the screen: numbers in words the Chinese way, headers in ``lang``.

    Id columns are dropped when a name column stands beside them.
    """
    out = df.copy()
    for col in out.columns:
        kind = COLUMN_KINDS.get(col)
        if kind in FORMATS:
            out[col] = [FORMATS[kind](x, lang) for x in out[col]]
    drop = [
        c
        for c, name in (("company_id", "company"), ("community_id", "community"))
        if c in out.columns and name in out.columns
    ]
    if "indicator_id" in out.columns and "indicator" in out.columns:
        drop.append("indicator_id")
    out = out.drop(columns=drop)
    # the screen's money carries its unit (万元), so the header does not
    screen = {k: v.replace("（元）", "").replace(" (yuan)", "") for k, v in labels(lang).items()}
    return export.labelled(out, lang, screen)


def for_download(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` for CSV / Excel: numbers stay numbers, quarters become labels like 2011Q4."""
    out = df.copy()
    if "quarter" in out.columns:
        out["quarter"] = [quarter_label(q) for q in out["quarter"]]
    return out


@dataclass(frozen=True)
class Tile:
    """One st.metric: label, value and a change against the baseline with its colour."""

    label: str
    value: str
    delta: str | None = None
    delta_color: str = "gray"
    delta_arrow: str = "auto"
    help: str | None = None


def tile(
    label: str,
    value: str,
    change: float | None,
    change_text: str,
    good_when: str = "neutral",
    help: str | None = None,
) -> Tile:
    """A tile whose delta is coloured: ``neutral`` (blue: neither good nor bad), ``up`` (more
    is good: green up, red down) or ``down`` (fewer is good)."""
    if change is None or (isinstance(change, float) and math.isnan(change)):
        return Tile(label, value, None, "gray", "off", help)
    if round(change, 6) == 0:
        return Tile(label, value, change_text, "gray", "off", help)
    if good_when == "neutral":
        colour = "blue"
    else:
        colour = "green" if (change > 0) == (good_when == "up") else "red"
    return Tile(label, value, change_text, colour, "auto", help)


# ---- 1. the reward fund ----------------------------------------------------------------------


def _quarters(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values).dt.to_period("Q").dt.start_time


def company_names(assessments: pd.DataFrame, lang: str) -> dict[str, str]:
    col = "company_en" if lang == "en" else "company_zh"
    if assessments.empty or col not in assessments.columns:
        return {}
    pairs = assessments.drop_duplicates("company_id")
    return dict(zip(pairs["company_id"], pairs[col], strict=True))


def in_scope(assessments: pd.DataFrame) -> pd.DataFrame:
    """The rows of the selected period and communities."""
    if assessments.empty:
        return assessments
    return assessments[assessments["in_scope"].astype(bool)]


@dataclass(frozen=True, eq=False)
class FundView:
    """The fund under the baseline and the scenario, town-wide, and the rows in view."""

    baseline: FundResult
    scenario: FundResult
    rows: pd.DataFrame  # in scope: keys, score, area, and *_baseline / *_scenario money
    period_from: date
    period_to: date

    def scoped(self, which: str) -> FundResult:
        """The baseline's or scenario's result with only the payments in view."""
        result = self.baseline if which == "baseline" else self.scenario
        keys = self.rows[["company_id", "community_id", "quarter"]]
        payments = result.payments.merge(keys, on=["company_id", "community_id", "quarter"])
        return replace(result, payments=payments)


KEYS = ["company_id", "community_id", "quarter"]


# One page run asks for the same fund several times (tiles, tables, saved scenarios, compare):
# remember the last few by the content of the assessments and the parameters.
_FUND_MEMO: dict[tuple[int, FundParams], FundResult] = {}
_FUND_MEMO_SIZE = 32


def _reward_fund_memo(frame: pd.DataFrame, params: FundParams) -> FundResult:
    key = (int(pd.util.hash_pandas_object(frame, index=False).sum()), params)
    if key not in _FUND_MEMO:
        if len(_FUND_MEMO) >= _FUND_MEMO_SIZE:
            _FUND_MEMO.pop(next(iter(_FUND_MEMO)))
        _FUND_MEMO[key] = reward_fund(frame, params)
    return _FUND_MEMO[key]


def fund_view(
    assessments: pd.DataFrame, params: FundParams, period_from: date, period_to: date
) -> FundView | None:
    """Baseline and scenario funds. Computed town-wide from the first quarter of the period's
    first year (the cap is one yearly budget for the whole town, and unspent money carries
    forward), then narrowed to the selected period and communities. None when nothing is in
    view."""
    view = in_scope(assessments)
    if view.empty:
        return None
    frame = assessments[[*KEYS, "score", "managed_area_m2"]].copy()
    base = _reward_fund_memo(frame, FundParams())
    scen = _reward_fund_memo(frame, params)
    wanted = view[KEYS].assign(quarter=_quarters(view["quarter"]))
    cols = ["eligible", "claim_yuan", "paid_yuan"]
    rows = (
        base.payments[[*KEYS, "score", "managed_area_m2", *cols]]
        .merge(scen.payments[[*KEYS, *cols]], on=KEYS, suffixes=("_baseline", "_scenario"))
        .merge(wanted, on=KEYS)
        .sort_values(KEYS)
        .reset_index(drop=True)
    )
    return FundView(base, scen, rows, period_from, period_to)


def _years(view: FundView) -> list[int]:
    return sorted({pd.Timestamp(q).year for q in view.rows["quarter"]})


def _capped_in_period(result: FundResult, view: FundView) -> int:
    q = result.by_quarter
    sel = (q["quarter"] >= pd.Timestamp(view.period_from)) & (
        q["quarter"] <= pd.Timestamp(view.period_to)
    )
    return int(q.loc[sel, "cap_binding"].sum())


def fund_summary(view: FundView) -> dict[str, float]:
    """The page's headline numbers: money in view, companies paid, the last year's balance."""
    rows = view.rows
    year = _years(view)[-1]
    out: dict[str, float] = {"year": year}
    for which, result in (("baseline", view.baseline), ("scenario", view.scenario)):
        paid = rows[f"paid_yuan_{which}"]
        by_company = rows.assign(p=paid).groupby("company_id")["p"].sum()
        by_year = result.by_year.set_index("year")
        out[f"paid_{which}"] = round(float(paid.sum()), 2)
        out[f"claimed_{which}"] = round(
            float(rows[f"claim_yuan_{which}"].where(rows[f"eligible_{which}"], 0).sum()), 2
        )
        out[f"companies_paid_{which}"] = int((by_company > 0).sum())
        out[f"rows_below_min_{which}"] = int((~rows[f"eligible_{which}"].astype(bool)).sum())
        out[f"left_{which}"] = float(by_year.loc[year, "left"]) if year in by_year.index else 0.0
        out[f"capped_{which}"] = _capped_in_period(result, view)
    out["companies"] = int(rows["company_id"].nunique())
    return out


def fund_tiles(view: FundView, lang: str) -> list[Tile]:
    s = fund_summary(view)
    span = f"{periods.to_label(view.period_from)}–{periods.to_label(view.period_to)}"
    d_paid = s["paid_scenario"] - s["paid_baseline"]
    d_left = s["left_scenario"] - s["left_baseline"]
    d_companies = s["companies_paid_scenario"] - s["companies_paid_baseline"]
    d_capped = s["capped_scenario"] - s["capped_baseline"]
    return [
        tile(
            t("whatif.fund.tile.paid", lang),
            fmt.yuan(s["paid_scenario"], lang),
            d_paid,
            _vs(signed_yuan(d_paid, lang), lang),
            help=t(
                "whatif.fund.tile.paid.help",
                lang,
                span=span,
                base=fmt.yuan(s["paid_baseline"], lang),
            ),
        ),
        tile(
            t("whatif.fund.tile.left", lang, year=int(s["year"])),
            fmt.yuan(s["left_scenario"], lang),
            d_left,
            _vs(signed_yuan(d_left, lang), lang),
            help=t("whatif.fund.tile.left.help", lang, base=fmt.yuan(s["left_baseline"], lang)),
        ),
        tile(
            t("whatif.fund.tile.companies", lang),
            t(
                "whatif.fund.tile.companies.value",
                lang,
                n=s["companies_paid_scenario"],
                total=s["companies"],
            ),
            d_companies,
            _vs(signed_count(d_companies, lang), lang),
            help=t(
                "whatif.fund.tile.companies.help",
                lang,
                rows=s["rows_below_min_scenario"],
            ),
        ),
        tile(
            t("whatif.fund.tile.capped", lang),
            t("whatif.n_quarters", lang, n=int(s["capped_scenario"])),
            d_capped,
            _vs(signed_count(d_capped, lang), lang),
            help=t("whatif.fund.tile.capped.help", lang),
        ),
    ]


def company_table(view: FundView, lang: str, names: Mapping[str, str]) -> pd.DataFrame:
    """Per company over the period in view: paid under the baseline and the scenario."""
    cmp = compare_funds(view.scoped("baseline"), view.scoped("scenario"))
    rows = view.rows
    extra = rows.groupby("company_id").agg(
        communities=("community_id", "nunique"),
        mean_score=("score", "mean"),
        rows_below_min=("eligible_scenario", lambda s: int((~s.astype(bool)).sum())),
    )
    out = cmp.merge(extra.reset_index(), on="company_id", how="left")
    out.insert(1, "company", [names.get(c, c) for c in out["company_id"]])
    out["mean_score"] = out["mean_score"].round(1)
    return out[
        [
            "company_id",
            "company",
            "communities",
            "mean_score",
            "rows_below_min",
            "baseline_yuan",
            "scenario_yuan",
            "change_yuan",
            "change_pct",
        ]
    ]


def company_quarter_table(view: FundView, names: Mapping[str, str]) -> pd.DataFrame:
    """Per company and quarter in view: area, area-weighted score, claim and pay-outs."""
    rows = view.rows.assign(weighted=view.rows["score"] * view.rows["managed_area_m2"])
    rows["claim_yuan"] = rows["claim_yuan_scenario"].where(rows["eligible_scenario"], 0.0)
    g = rows.groupby(["company_id", "quarter"], as_index=False).agg(
        communities=("community_id", "nunique"),
        managed_area_m2=("managed_area_m2", "sum"),
        weighted=("weighted", "sum"),
        claim_yuan=("claim_yuan", "sum"),
        baseline_yuan=("paid_yuan_baseline", "sum"),
        scenario_yuan=("paid_yuan_scenario", "sum"),
    )
    area = g["managed_area_m2"].where(g["managed_area_m2"] > 0)
    g["score"] = (g["weighted"] / area).round(1)
    for col in ("claim_yuan", "baseline_yuan", "scenario_yuan"):
        g[col] = g[col].round(2)
    g["change_yuan"] = (g["scenario_yuan"] - g["baseline_yuan"]).round(2)
    g.insert(1, "company", [names.get(c, c) for c in g["company_id"]])
    g = g.sort_values(["quarter", "company_id"], ascending=[False, True])
    cols = [
        "quarter",
        "company_id",
        "company",
        "communities",
        "managed_area_m2",
        "score",
        "claim_yuan",
        "baseline_yuan",
        "scenario_yuan",
        "change_yuan",
    ]
    return g[cols].reset_index(drop=True)


def year_table(view: FundView) -> pd.DataFrame:
    """The town's fund per year of the period: cap, paid and left under both (town-wide)."""
    years = _years(view)
    b = view.baseline.by_year.set_index("year")
    s = view.scenario.by_year.set_index("year")
    out = pd.DataFrame({"year": years})
    for which, frame in (("baseline", b), ("scenario", s)):
        out[f"cap_{which}"] = [float(frame.loc[y, "cap"]) for y in years]
        out[f"paid_{which}"] = [float(frame.loc[y, "paid"]) for y in years]
        out[f"left_{which}"] = [float(frame.loc[y, "left"]) for y in years]
        out[f"capped_{which}"] = [int(frame.loc[y, "capped_quarters"]) for y in years]
    out["claimed_scenario"] = [float(s.loc[y, "claimed"]) for y in years]
    order = ["year", "cap_baseline", "cap_scenario", "claimed_scenario"]
    order += ["paid_baseline", "paid_scenario", "left_baseline", "left_scenario"]
    order += ["capped_baseline", "capped_scenario"]
    return out[order]


def _layout(fig: go.Figure, title: str, height: int) -> go.Figure:
    charts.plain_numbers(fig)
    fig.update_layout(
        title={"text": title, "font": {"size": 16}},
        height=height,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        font={"family": charts.FONT},
        legend={"orientation": "h", "y": -0.15},
        hovermode="closest",
    )
    return fig


def fund_difference_figure(companies: pd.DataFrame, lang: str) -> go.Figure:
    """Scenario minus baseline per company, in a neutral colour (more money is not 'good')."""
    fig = go.Figure(
        go.Bar(
            x=companies["change_yuan"].tolist(),
            y=companies["company"].tolist(),
            orientation="h",
            marker_color=charts.NEUTRAL,
            text=[signed_yuan(x, lang) for x in companies["change_yuan"]],
            textposition="auto",
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    fig.add_vline(x=0, line_color=charts.TARGET)
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title_text=t("whatif.unit.yuan", lang))
    return _layout(fig, t("whatif.fund.chart.diff", lang), max(300, 60 * len(companies) + 100))


def fund_quarter_figure(view: FundView, lang: str) -> go.Figure:
    """Paid per quarter in view, baseline beside scenario."""
    g = view.rows.groupby("quarter")[["paid_yuan_baseline", "paid_yuan_scenario"]].sum()
    x = [quarter_label(q) for q in g.index]
    fig = go.Figure()
    for col, name, colour in (
        ("paid_yuan_baseline", t("whatif.baseline", lang), "#9e9e9e"),
        ("paid_yuan_scenario", t("whatif.scenario", lang), charts.NEUTRAL),
    ):
        fig.add_trace(
            go.Bar(
                x=x,
                y=g[col].round(2).tolist(),
                name=name,
                marker_color=colour,
                hovertemplate="%{x}: %{y:,.2f}<extra>" + name + "</extra>",
            )
        )
    fig.update_layout(barmode="group")
    fig.update_yaxes(title_text=t("whatif.unit.yuan", lang), rangemode="tozero")
    return _layout(fig, t("whatif.fund.chart.quarters", lang), 340)


# ---- 2. three-party scoring --------------------------------------------------------------------


def scoring_rows(assessments: pd.DataFrame, quarter: date) -> pd.DataFrame:
    """The assessments in view at one quarter (the last of the period)."""
    view = in_scope(assessments)
    if view.empty:
        return view
    return view[_quarters(view["quarter"]) == pd.Timestamp(quarter)].reset_index(drop=True)


@dataclass(frozen=True, eq=False)
class GradeView:
    companies: pd.DataFrame  # grade_changes(..., only_moved=False) with names
    communities: pd.DataFrame


def grade_view(
    rows: pd.DataFrame,
    params: ScoringParams,
    company: Mapping[str, str],
    community: Mapping[str, str],
) -> GradeView:
    """Grades per company and per community under the baseline and under ``params``."""
    out = {}
    for key, names, name_col in (
        ("company_id", company, "company"),
        ("community_id", community, "community"),
    ):
        base = grades_by(rows, key, ScoringParams())
        scen = grades_by(rows, key, params)
        changes = grade_changes(base, scen, key, only_moved=False)
        changes.insert(1, name_col, [names.get(i, i) for i in changes[key]])
        out[key] = changes
    return GradeView(out["company_id"], out["community_id"])


def grade_tiles(view: GradeView, lang: str) -> list[Tile]:
    tiles = []
    for g in (EXCELLENT, GOOD, FAIR):
        b = int((view.companies["baseline_grade"] == g).sum())
        s = int((view.companies["scenario_grade"] == g).sum())
        good_when = {EXCELLENT: "up", GOOD: "neutral", FAIR: "down"}[g]
        tiles.append(
            tile(
                t("whatif.grades.tile.companies", lang, grade=grade_name(g, lang)),
                t("whatif.grades.tile.n", lang, n=s, total=len(view.companies)),
                s - b,
                _vs(signed_count(s - b, lang), lang),
                good_when=good_when,
            )
        )
    moves = view.communities["change"]
    better, worse = int((moves == "better").sum()), int((moves == "worse").sum())
    tiles.append(
        tile(
            t("whatif.grades.tile.moved", lang),
            t("whatif.grades.tile.moved.value", lang, better=better, worse=worse),
            better - worse,
            _vs(signed_count(better - worse, lang), lang),
            good_when="up",
            help=t("whatif.grades.tile.moved.help", lang),
        )
    )
    return tiles


def grade_figure(communities: pd.DataFrame, lang: str) -> go.Figure:
    """Each community's score under the scenario minus the baseline; green where the grade
    rises, red where it falls, grey where it stays. Bars carry community ids (drill-down)."""
    texts = [
        f"{grade_name(b, lang)} → {grade_name(s, lang)}" if b != s else grade_name(s, lang)
        for b, s in zip(communities["baseline_grade"], communities["scenario_grade"], strict=True)
    ]
    colours = [charts.LIGHT_COLOURS[MOVE_LIGHT.get(m)] for m in communities["change"]]
    fig = go.Figure(
        go.Bar(
            x=communities["score_change"].fillna(0).tolist(),
            y=communities["community"].tolist(),
            orientation="h",
            marker_color=colours,
            customdata=communities["community_id"].tolist(),
            text=texts,
            textposition="auto",
            hovertemplate="%{y}: %{x:+.1f} · %{text}<extra></extra>",
        )
    )
    fig.add_vline(x=0, line_color=charts.TARGET)
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title_text=t("whatif.unit.points", lang))
    fig.update_layout(clickmode="event+select", dragmode=False)
    return _layout(fig, t("whatif.grades.chart", lang), max(300, 40 * len(communities) + 100))


# ---- 3. targets ------------------------------------------------------------------------------


def values_in_view(parts: pd.DataFrame, quarter: date, scope: Sequence[str]) -> pd.DataFrame:
    """Every scored indicator's value per community in ``scope`` at ``quarter``."""
    values = kpi.per_community(parts, quarter)
    keep = values["community_id"].isin(list(scope)) & values["indicator_id"].isin(
        list(INDICATORS_BY_ID)
    )
    return values[keep & values["value"].notna()].reset_index(drop=True)


def target_map(targets: pd.DataFrame) -> dict[object, float]:
    """The targets table as apply_targets wants it: indicator_id -> town target and
    (indicator_id, community_id) -> a community's own target."""
    out: dict[object, float] = {}
    for i, c, v in zip(
        targets["indicator_id"], targets["community_id"], targets["target"], strict=True
    ):
        if pd.isna(v) or i not in INDICATORS_BY_ID:
            continue
        out[i if pd.isna(c) else (i, c)] = float(v)
    return out


def scenario_target_map(base: Mapping[object, float], overrides: Mapping[str, float]) -> dict:
    """``base`` with the town-wide targets of ``overrides`` (communities' own targets stay)."""
    return {**base, **overrides}


def own_targets_kept(
    base: Mapping[object, float], overrides: Mapping[str, float], scope: Sequence[str]
) -> list[tuple[str, str, float]]:
    """(indicator_id, community_id, target) of communities in scope whose own target of an
    overridden indicator stays in force."""
    return [
        (k[0], k[1], v)
        for k, v in base.items()
        if isinstance(k, tuple) and k[0] in overrides and k[1] in scope
    ]


@dataclass(frozen=True, eq=False)
class LightView:
    baseline: pd.DataFrame  # apply_targets results
    scenario: pd.DataFrame
    changes: pd.DataFrame  # light_changes
    communities: pd.DataFrame  # per community: greens and reds under both, ranks


def _community_lights(applied: pd.DataFrame) -> pd.DataFrame:
    g = applied.groupby("community_id")["light"]
    out = pd.DataFrame(
        {
            "green": g.apply(lambda s: int((s == "green").sum())),
            "red": g.apply(lambda s: int((s == "red").sum())),
        }
    )
    key = out["green"] * 1000 - out["red"]
    out["rank"] = key.rank(ascending=False, method="min").astype(int)
    return out


def light_view(
    values: pd.DataFrame,
    base: Mapping[object, float],
    overrides: Mapping[str, float],
    names: Mapping[str, str],
) -> LightView:
    """Traffic lights and the on-target ranking under the data's targets and the scenario's.

    ``values``: one row per community and indicator (kpi.per_community) in view. Communities
    are ranked by how many indicators are on target (green), then by fewest red.
    """
    b = apply_targets(values, base)
    s = apply_targets(values, scenario_target_map(base, overrides))
    changes = light_changes(b, s)
    cb, cs = _community_lights(b), _community_lights(s)
    comm = pd.DataFrame({"community_id": cb.index})
    comm["community"] = [names.get(c, c) for c in comm["community_id"]]
    comm["green_baseline"] = cb["green"].to_numpy()
    comm["green_scenario"] = cs.loc[cb.index, "green"].to_numpy()
    comm["green_change"] = comm["green_scenario"] - comm["green_baseline"]
    comm["red_baseline"] = cb["red"].to_numpy()
    comm["red_scenario"] = cs.loc[cb.index, "red"].to_numpy()
    comm["baseline_rank"] = cb["rank"].to_numpy()
    comm["scenario_rank"] = cs.loc[cb.index, "rank"].to_numpy()
    comm["rank_change"] = comm["baseline_rank"] - comm["scenario_rank"]  # + = moved up
    comm = comm.sort_values(["scenario_rank", "community_id"]).reset_index(drop=True)
    return LightView(b, s, changes, comm)


def _value_text(indicator_id: str, x: object, lang: str) -> str:
    return fmt.value(INDICATORS_BY_ID[indicator_id], None if pd.isna(x) else float(x), lang)


def indicator_label(indicator_id: str, lang: str) -> str:
    ind = INDICATORS_BY_ID[indicator_id]
    return ind.label(lang)


def light_changes_table(view: LightView, names: Mapping[str, str], lang: str) -> pd.DataFrame:
    """The cells whose light moves, values and targets in the indicator's unit (as words)."""
    c = view.changes
    out = pd.DataFrame(
        {
            "community_id": c["community_id"],
            "community": [names.get(i, i) for i in c["community_id"]],
            "indicator_id": c["indicator_id"],
            "indicator": [indicator_label(i, lang) for i in c["indicator_id"]],
            "baseline_value": c["baseline_value"],
            "baseline_target": c["baseline_target"],
            "scenario_target": c["scenario_target"],
            "baseline_light": c["baseline_light"],
            "scenario_light": c["scenario_light"],
            "light_change": c["change"].fillna("same"),
        }
    )
    return out.reset_index(drop=True)


def light_changes_shown(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Like :func:`shown`, with values and targets in each row's own unit."""
    out = table.copy()
    for col in ("baseline_value", "baseline_target", "scenario_target"):
        out[col] = [
            _value_text(i, x, lang) for i, x in zip(table["indicator_id"], table[col], strict=True)
        ]
    return shown(out, lang)


def light_tiles(view: LightView, lang: str) -> list[Tile]:
    total = int(view.baseline["light"].notna().sum())
    gb = int((view.baseline["light"] == "green").sum())
    gs = int((view.scenario["light"] == "green").sum())
    rb = int((view.baseline["light"] == "red").sum())
    rs = int((view.scenario["light"] == "red").sum())
    moved_up = int((view.communities["rank_change"] > 0).sum())
    moved_down = int((view.communities["rank_change"] < 0).sum())
    return [
        tile(
            t("whatif.targets.tile.green", lang),
            t("whatif.targets.tile.n", lang, n=gs, total=total),
            gs - gb,
            _vs(signed_count(gs - gb, lang), lang),
            good_when="up",
            help=t("whatif.targets.tile.green.help", lang),
        ),
        tile(
            t("whatif.targets.tile.red", lang),
            t("whatif.targets.tile.n", lang, n=rs, total=total),
            rs - rb,
            _vs(signed_count(rs - rb, lang), lang),
            good_when="down",
        ),
        tile(
            t("whatif.targets.tile.moved", lang),
            t("whatif.targets.tile.moved.value", lang, n=len(view.changes)),
            None,
            "",
            help=t("whatif.targets.tile.moved.help", lang),
        ),
        tile(
            t("whatif.targets.tile.rank", lang),
            t("whatif.targets.tile.rank.value", lang, up=moved_up, down=moved_down),
            None,
            "",
            help=t("whatif.targets.tile.rank.help", lang),
        ),
    ]


def light_figure(communities: pd.DataFrame, lang: str) -> go.Figure:
    """On-target indicators per community, baseline beside scenario (bars carry the ids)."""
    fig = go.Figure()
    for col, name, colour in (
        ("green_baseline", t("whatif.baseline", lang), "#9e9e9e"),
        ("green_scenario", t("whatif.scenario", lang), charts.GOOD),
    ):
        fig.add_trace(
            go.Bar(
                x=communities[col].tolist(),
                y=communities["community"].tolist(),
                orientation="h",
                name=name,
                marker_color=colour,
                customdata=communities["community_id"].tolist(),
                texttemplate="%{x}",
                textposition="outside",
                textangle=0,
                cliponaxis=False,
                hovertemplate="%{y}: %{x}<extra>" + name + "</extra>",
            )
        )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title_text=t("whatif.targets.chart.axis", lang))
    fig.update_layout(barmode="group", clickmode="event+select", dragmode=False)
    return _layout(fig, t("whatif.targets.chart", lang), max(320, 50 * len(communities) + 100))


# ---- 4. fee collection -----------------------------------------------------------------------


def collection_view(fee: pd.DataFrame, target_pct: float) -> pd.DataFrame:
    """Per community: current rate, and the rate needed for the town to reach ``target_pct``
    by each method (a common floor; the same share of each gap closed). ``attrs`` holds the
    town's current rate, the target, the floor and the gap share."""
    floor = required_collection(fee, target_pct, "floor")
    prop = required_collection(fee, target_pct, "proportional")
    out = floor[["community_id", "billed", "paid", "current_pct"]].copy()
    for name, r in (("floor", floor), ("proportional", prop)):
        out[f"{name}_required_pct"] = r["required_pct"]
        out[f"{name}_gap_pct_points"] = r["gap_pct_points"]
        out[f"{name}_extra_households"] = r["extra_households"]
    out.attrs = {**prop.attrs, **floor.attrs}
    out.attrs["method"] = "both"
    return out


def collection_table(view: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    out = view.copy()
    out.insert(1, "community", [names.get(c, c) for c in out["community_id"]])
    return out


def collection_tiles(view: pd.DataFrame, lang: str) -> list[Tile]:
    a = view.attrs
    current, target = a.get("town_current_pct"), a.get("town_target_pct")
    gap = None if current is None or math.isnan(current) else target - current
    reached = gap is not None and gap <= 0
    floor = a.get("floor_pct")
    share = a.get("gap_share_pct")
    return [
        tile(
            t("whatif.fee.tile.current", lang),
            fmt.pct(current),
            None,
            "",
        ),
        tile(
            t("whatif.fee.tile.target", lang),
            fmt.pct(target),
            gap,
            (
                t("whatif.fee.tile.gap", lang, pp=f"{gap:.1f}")
                if gap is not None and gap > 0
                else t("whatif.fee.reached", lang)
            ),
            good_when="neutral",
        ),
        tile(
            t("whatif.fee.tile.floor", lang),
            t("whatif.fee.reached", lang) if reached or floor is None else fmt.pct(floor),
            None,
            "",
            help=t("whatif.fee.tile.floor.help", lang),
        ),
        tile(
            t("whatif.fee.tile.extra", lang),
            fmt.count(float(view["floor_extra_households"].sum()), lang, t("whatif.unit.hh", lang)),
            None,
            "",
            help=t(
                "whatif.fee.tile.extra.help",
                lang,
                share="—" if share is None else fmt.pct(share),
                n=fmt.count(float(view["proportional_extra_households"].sum()), lang),
            ),
        ),
    ]


def collection_figure(table: pd.DataFrame, target_pct: float, lang: str) -> go.Figure:
    """Current and required rates per community (bars carry the ids), target as a line."""
    fig = go.Figure()
    for col, key, colour in (
        ("current_pct", "whatif.col.current_pct", "#9e9e9e"),
        ("floor_required_pct", "whatif.col.floor_required_pct", charts.NEUTRAL),
        ("proportional_required_pct", "whatif.col.proportional_required_pct", "#72b7b2"),
    ):
        name = t(key, lang)
        fig.add_trace(
            go.Bar(
                x=table[col].tolist(),
                y=table["community"].tolist(),
                orientation="h",
                name=name,
                marker_color=colour,
                customdata=table["community_id"].tolist(),
                texttemplate="%{x:.1f}%",
                textposition="auto",
                hovertemplate="%{y}: %{x:.1f}%<extra>" + name + "</extra>",
            )
        )
    fig.add_vline(
        x=target_pct,
        line_dash="dash",
        line_color=charts.TARGET,
        annotation_text=t("whatif.fee.chart.target", lang, pct=fmt.pct(target_pct)),
        annotation_position="top",
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title_text="%", range=[0, 105])
    fig.update_layout(barmode="group", clickmode="event+select", dragmode=False)
    return _layout(fig, t("whatif.fee.chart", lang), max(340, 70 * len(table) + 100))


# ---- describing and comparing scenarios --------------------------------------------------------


def describe(s: Scenario, lang: str) -> list[str]:
    """One line per lever that differs from the baseline, in words."""
    d = Scenario()
    lines: list[str] = []
    f, df_ = s.fund, d.fund
    if (f.rate, f.rate_period) != (df_.rate, df_.rate_period):
        lines.append(
            t(
                "whatif.desc.rate",
                lang,
                rate=_num(f.rate),
                period=t(f"whatif.period.{f.rate_period}", lang),
                base=_num(df_.rate),
            )
        )
    if f.annual_cap != df_.annual_cap:
        lines.append(t("whatif.desc.cap", lang, cap=fmt.yuan(f.annual_cap, lang)))
    if f.min_score != df_.min_score:
        lines.append(t("whatif.desc.min", lang, min=_num(f.min_score)))
    if f.over_cap != df_.over_cap:
        lines.append(t("whatif.desc.policy", lang, policy=t(f"whatif.policy.{f.over_cap}", lang)))
    sc, ds = s.scoring, d.scoring
    if (sc.w_self, sc.w_town, sc.w_residents) != (ds.w_self, ds.w_town, ds.w_residents):
        lines.append(
            t(
                "whatif.desc.weights",
                lang,
                s=_num(_pct(sc.w_self)),
                t=_num(_pct(sc.w_town)),
                r=_num(_pct(sc.w_residents)),
            )
        )
    if (sc.excellent, sc.good) != (ds.excellent, ds.good):
        lines.append(t("whatif.desc.thresholds", lang, ex=_num(sc.excellent), gd=_num(sc.good)))
    for indicator_id, value in s.targets:
        lines.append(
            t(
                "whatif.desc.target",
                lang,
                indicator=indicator_label(indicator_id, lang),
                value=_value_text(indicator_id, value, lang),
            )
        )
    if s.collection_target != d.collection_target:
        lines.append(t("whatif.desc.fee", lang, pct=fmt.pct(s.collection_target)))
    return lines


@dataclass(frozen=True, eq=False)
class Data:
    """What the page read, for computing any scenario's outcome."""

    assessments: pd.DataFrame
    values: pd.DataFrame  # per community and indicator at the last quarter, in view
    targets: Mapping[object, float]  # target_map of the targets table
    fee: pd.DataFrame
    period_from: date
    period_to: date


def outcome(s: Scenario, data: Data) -> dict[str, float | None]:
    """A scenario's key numbers (None where its parameters are invalid or data is missing)."""
    out: dict[str, float | None] = dict.fromkeys(OUTCOME_KEYS)
    if not s.fund_errors():
        view = fund_view(data.assessments, s.fund, data.period_from, data.period_to)
        if view is not None:
            summary = fund_summary(view)
            out["paid"] = summary["paid_scenario"]
            out["left"] = summary["left_scenario"]
            out["companies_paid"] = summary["companies_paid_scenario"]
            out["capped"] = summary["capped_scenario"]
    rows = scoring_rows(data.assessments, data.period_to)
    if not s.scoring_errors() and not rows.empty:
        grades = grades_by(rows, "company_id", s.scoring)
        for g in GRADES:
            out[f"companies_{GRADE_KEYS_I18N[g]}"] = int((grades["grade"] == g).sum())
    if not s.target_errors() and not data.values.empty:
        applied = apply_targets(data.values, scenario_target_map(data.targets, s.target_overrides))
        out["green"] = int((applied["light"] == "green").sum())
        out["red"] = int((applied["light"] == "red").sum())
    if not s.collection_errors() and not data.fee.empty:
        view = collection_view(data.fee, s.collection_target)
        out["fee_target"] = s.collection_target
        out["fee_extra"] = int(view["floor_extra_households"].sum())
    return out


OUTCOME_KEYS: tuple[str, ...] = (
    "paid",
    "left",
    "companies_paid",
    "capped",
    "companies_excellent",
    "companies_good",
    "companies_fair",
    "green",
    "red",
    "fee_target",
    "fee_extra",
)
_OUTCOME_KIND = {"paid": "yuan", "left": "yuan", "fee_target": "pct"}


def parameter_rows(s: Scenario, lang: str) -> dict[str, str]:
    """Every parameter of a scenario, in words, keyed by its row label."""
    f, sc = s.fund, s.scoring
    targets = "；".join(
        f"{indicator_label(i, lang)} {_value_text(i, v, lang)}" for i, v in s.targets
    )
    return {
        t("whatif.fund.rate", lang): t(
            "whatif.rate.value",
            lang,
            rate=_num(f.rate),
            period=t(f"whatif.period.{f.rate_period}", lang),
        ),
        t("whatif.fund.cap", lang): fmt.yuan(f.annual_cap, lang),
        t("whatif.fund.min", lang): _num(f.min_score),
        t("whatif.fund.policy", lang): t(f"whatif.policy.{f.over_cap}", lang),
        t("whatif.cmp.weights", lang): " / ".join(
            f"{_num(_pct(w))}%" for w in (sc.w_self, sc.w_town, sc.w_residents)
        ),
        t("whatif.cmp.thresholds", lang): f"{_num(sc.excellent)} / {_num(sc.good)}",
        t("whatif.cmp.targets", lang): targets or t("whatif.cmp.targets.none", lang),
        t("whatif.fee.target", lang): fmt.pct(s.collection_target),
    }


def compare_frame(named: Sequence[tuple[str, Scenario, Mapping[str, float | None]]], lang: str):
    """Parameters and key numbers of several scenarios side by side (one column each)."""
    rows: dict[str, list[str]] = {}
    for _, s, _ in named:
        for label, text in parameter_rows(s, lang).items():
            rows.setdefault(label, []).append(text)
    for key in OUTCOME_KEYS:
        label = t(f"whatif.cmp.{key}", lang)
        for _, _, result in named:
            v = result.get(key)
            kind = _OUTCOME_KIND.get(key, "count")
            rows.setdefault(label, []).append(FORMATS[kind](float("nan") if v is None else v, lang))
    out = pd.DataFrame(rows).T
    out.columns = [name for name, _, _ in named]
    out.index.name = t("whatif.col.item", lang)
    return out.reset_index()


def compare_companies(
    named: Sequence[tuple[str, Scenario]], data: Data, names: Mapping[str, str]
) -> pd.DataFrame:
    """Paid per company in view under each scenario (one column per scenario)."""
    out: pd.DataFrame | None = None
    for name, s in named:
        if s.fund_errors():
            col = pd.DataFrame(columns=["company_id", name])
        else:
            view = fund_view(data.assessments, s.fund, data.period_from, data.period_to)
            if view is None:
                return pd.DataFrame()
            col = (
                view.rows.groupby("company_id")["paid_yuan_scenario"]
                .sum()
                .round(2)
                .rename(name)
                .reset_index()
            )
        out = col if out is None else out.merge(col, on="company_id", how="outer")
    if out is None or out.empty:
        return pd.DataFrame()
    out.insert(1, "company", [names.get(c, c) for c in out["company_id"]])
    return out.sort_values("company_id").reset_index(drop=True)


def compare_companies_shown(companies: pd.DataFrame, lang: str) -> pd.DataFrame:
    """:func:`compare_companies` for the screen: money in words."""
    out = companies.drop(columns=["company_id"]).copy()
    for col in out.columns[1:]:
        out[col] = [_money(x, lang) for x in out[col]]
    return out.rename(columns={"company": t("whatif.col.company", lang)})


def compare_figure(companies: pd.DataFrame, lang: str) -> go.Figure:
    """Paid per company under each compared scenario, grouped."""
    fig = go.Figure()
    palette = [charts.NEUTRAL, "#f58518", "#72b7b2", "#9e9e9e"]
    for i, col in enumerate(c for c in companies.columns if c not in ("company_id", "company")):
        fig.add_trace(
            go.Bar(
                x=companies["company"].tolist(),
                y=companies[col].tolist(),
                name=col,
                marker_color=palette[i % len(palette)],
                hovertemplate="%{x}: %{y:,.2f}<extra>" + col + "</extra>",
            )
        )
    fig.update_layout(barmode="group")
    fig.update_yaxes(title_text=t("whatif.unit.yuan", lang), rangemode="tozero")
    return _layout(fig, t("whatif.cmp.chart", lang), 340)


def saved_table(saved: Iterable[object], lang: str) -> pd.DataFrame:
    """The saved scenarios: name, when saved, and what they change."""
    rows = []
    for item in saved:
        s, _ = Scenario.from_query(item.params)  # type: ignore[attr-defined]
        changes = describe(s, lang)
        rows.append(
            {
                t("whatif.saved.name", lang): item.name,  # type: ignore[attr-defined]
                t("whatif.saved.at", lang): item.saved_at.replace("T", " ")[:19],  # type: ignore[attr-defined]
                t("whatif.saved.changes", lang): "；".join(changes)
                or t("whatif.baseline_only", lang),
            }
        )
    return pd.DataFrame(rows)
