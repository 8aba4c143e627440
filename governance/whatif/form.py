"""The what-if page's widgets: their keys, the value of each for a scenario, and the scenario
the widgets hold (weights are typed in percent)."""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping

from governance.i18n import CATALOG
from governance.indicators import INDICATORS_BY_ID
from governance.whatif.forward import HORIZONS
from governance.whatif.params import PERIODS, POLICIES, FundParams, ScoringParams, weight_pct
from governance.whatif.scenario import Scenario

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
W_HORIZON = "whatif_horizon"


# The radios: their options (codes) and the catalog prefix of each option's words. After a
# language switch the browser sends the radio's old words back ("每月" for "month"): read back
# to their code, or the page failed at the next click (KeyError: whatif.period.每月).
CHOICES: dict[str, tuple[tuple[str, ...], str]] = {
    W_PERIOD: (PERIODS, "whatif.period"),
    W_POLICY: (POLICIES, "whatif.policy"),
    W_HORIZON: (HORIZONS, "whatif_forward.horizon"),
}


def choice_code(key: str, value: object) -> str | None:
    """The option of radio ``key`` that ``value`` is, or names in either language; None."""
    options, words = CHOICES[key]
    if value in options:
        return str(value)
    return next((o for o in options if value in CATALOG[f"{words}.{o}"]), None)


def read_back_choices(values: MutableMapping[str, object], in_force: Scenario) -> None:
    """Each radio's value in ``values`` (the session) as its code: words in either language
    read back, anything else the scenario in force's choice."""
    was = widget_values(in_force)
    for key in CHOICES:
        if key in values:
            code = choice_code(key, values[key])
            values[key] = was[key] if code is None else code


def target_widget(indicator_id: str) -> str:
    return f"whatif_t_{indicator_id}"


def widget_values(s: Scenario) -> dict[str, object]:
    """The value of every widget of the page for scenario ``s`` (weights in percent)."""
    values: dict[str, object] = {
        W_RATE: float(s.fund.rate),
        W_PERIOD: s.fund.rate_period,
        W_CAP: float(s.fund.annual_cap),
        W_MIN: float(s.fund.min_score),
        W_POLICY: s.fund.over_cap,
        W_SELF: weight_pct(s.scoring.w_self),
        W_TOWN: weight_pct(s.scoring.w_town),
        W_RESIDENTS: weight_pct(s.scoring.w_residents),
        W_EXCELLENT: float(s.scoring.excellent),
        W_GOOD: float(s.scoring.good),
        W_TARGET_IDS: [i for i, _ in s.targets],
        W_FEE: float(s.collection_target),
        W_HORIZON: s.horizon,
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
        horizon=str(get(W_HORIZON)),
    )


def default_target(indicator_id: str, base_targets: Mapping[object, float]) -> float:
    """The value a target input starts at: the town target in force, else 0."""
    value = base_targets.get(indicator_id)
    return 0.0 if value is None else float(value)
