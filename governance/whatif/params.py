"""The levers' parameters: the reward-fund rules and the three-party scoring, their checks and
their URL form (``wf_*`` query items, both ways).

``validate()`` and the ``*_from_query`` readers return messages in ``lang`` (Chinese by
default) for the page to show; a bad URL value falls back to its default with a message.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from governance.i18n import t
from governance.whatif.checks import check_choice, check_range, is_number, num, qfmt

Period = Literal["month", "quarter"]
Policy = Literal["pro_rata", "rank"]

PERIODS: tuple[str, ...] = ("month", "quarter")
POLICIES: tuple[str, ...] = ("pro_rata", "rank")
MONTHS_PER_PERIOD: dict[str, int] = {"month": 3, "quarter": 1}

MAX_RATE = 1.0
MAX_CAP = 10_000_000.0
WEIGHT_TOLERANCE = 0.001

# Grades are values of the data (and of the scenario store), named in the catalog for display.
EXCELLENT, GOOD, FAIR = "优秀", "良好", "一般"
GRADES: tuple[str, ...] = (FAIR, GOOD, EXCELLENT)  # worst to best


def _label(attr: str, lang: str) -> str:
    return t(f"whatif.check.{attr}", lang)


def _choices(kind: str, keys: tuple[str, ...], lang: str) -> dict[str, str]:
    return {k: t(f"whatif.check.{kind}.{k}", lang) for k in keys}


def _check_rate(v: object, lang: str = "zh") -> str | None:
    return check_range(v, _label("rate", lang), 0, MAX_RATE, "per_m2", lo_open=True, lang=lang)


def _check_period(v: object, lang: str = "zh") -> str | None:
    return check_choice(v, _label("rate_period", lang), _choices("period", PERIODS, lang), lang)


def _check_cap(v: object, lang: str = "zh") -> str | None:
    return check_range(v, _label("annual_cap", lang), 0, MAX_CAP, "yuan", lang=lang)


def _check_min(v: object, lang: str = "zh") -> str | None:
    return check_range(v, _label("min_score", lang), 0, 100, "points", lang=lang)


def _check_policy(v: object, lang: str = "zh") -> str | None:
    return check_choice(v, _label("over_cap", lang), _choices("policy", POLICIES, lang), lang)


@dataclass(frozen=True)
class FundParams:
    """Reward-fund rules: claim = score/100 x rate x months x managed area, capped per year."""

    rate: float = 0.1  # yuan per m2 per rate_period
    rate_period: Period = "month"
    annual_cap: float = 1_000_000
    min_score: float = 0  # rows scoring below this are paid nothing
    over_cap: Policy = "pro_rata"

    def validate(self, lang: str = "zh") -> list[str]:
        """Messages in ``lang``, one per bad field; empty when the parameters are usable."""
        checks = (
            _check_rate(self.rate, lang),
            _check_period(self.rate_period, lang),
            _check_cap(self.annual_cap, lang),
            _check_min(self.min_score, lang),
            _check_policy(self.over_cap, lang),
        )
        return [m for m in checks if m]


@dataclass(frozen=True)
class ScoringParams:
    """Three-party weights (fractions summing to 1) and the grade thresholds."""

    w_self: float = 0.2
    w_town: float = 0.5
    w_residents: float = 0.3
    excellent: float = 90.0
    good: float = 75.0

    def validate(self, lang: str = "zh") -> list[str]:
        """Messages in ``lang``, one per problem; empty when the parameters are usable."""
        msgs: list[str] = []
        for attr in ("w_self", "w_town", "w_residents"):
            value = getattr(self, attr)
            # The inputs are in %: a bad weight is reported in %, as it was typed.
            percent = float(value) * 100 if is_number(value) else value
            m = check_range(percent, _label(attr, lang), 0, 100, "pct", lang=lang)
            if m:
                msgs.append(m)
        if not msgs:
            total = float(self.w_self) + float(self.w_town) + float(self.w_residents)
            if abs(total - 1) > WEIGHT_TOLERANCE:
                msgs.append(t("whatif.check.weights_sum", lang, total=f"{total * 100:.1f}"))
        ex = check_range(self.excellent, _label("excellent", lang), 0, 100, "points", lang=lang)
        gd = check_range(self.good, _label("good", lang), 0, 100, "points", lang=lang)
        msgs += [m for m in (ex, gd) if m]
        if not ex and not gd and not float(self.good) < float(self.excellent):
            msgs.append(
                t("whatif.check.order", lang, good=num(self.good), excellent=num(self.excellent))
            )
        return msgs


def weight_pct(weight: float) -> float:
    """A weight (a fraction) in percent, as the page's inputs take it."""
    return round(float(weight) * 100, 4)


# ---- URL round-trip --------------------------------------------------------------------------


@dataclass(frozen=True)
class _QueryField:
    attr: str
    key: str
    kind: str  # "number" | "choice"
    check: Callable[[object], str | None]  # only whether it complains matters here
    hint: str  # catalog key: the allowed values, in words


def _in(lo: float, hi: float) -> Callable[[object], str | None]:
    return lambda v: check_range(v, "", lo, hi)


FUND_QUERY: tuple[_QueryField, ...] = (
    _QueryField("rate", "wf_rate", "number", _check_rate, "whatif.url.hint.rate"),
    _QueryField("rate_period", "wf_period", "choice", _check_period, "whatif.url.hint.period"),
    _QueryField("annual_cap", "wf_cap", "number", _check_cap, "whatif.url.hint.cap"),
    _QueryField("min_score", "wf_min", "number", _check_min, "whatif.url.hint.points"),
    _QueryField("over_cap", "wf_policy", "choice", _check_policy, "whatif.url.hint.policy"),
)

SCORING_QUERY: tuple[_QueryField, ...] = (
    _QueryField("w_self", "wf_ws", "number", _in(0, 1), "whatif.url.hint.weight"),
    _QueryField("w_town", "wf_wt", "number", _in(0, 1), "whatif.url.hint.weight"),
    _QueryField("w_residents", "wf_wr", "number", _in(0, 1), "whatif.url.hint.weight"),
    _QueryField("excellent", "wf_ex", "number", _in(0, 100), "whatif.url.hint.points"),
    _QueryField("good", "wf_gd", "number", _in(0, 100), "whatif.url.hint.points"),
)


def _to_query(params: object, spec: tuple[_QueryField, ...]) -> dict[str, str]:
    default = type(params)()
    out: dict[str, str] = {}
    for f in spec:
        value = getattr(params, f.attr)
        if value == getattr(default, f.attr):
            continue
        out[f.key] = qfmt(value) if f.kind == "number" else str(value)
    return out


def _from_query(
    q: Mapping[str, object], spec: tuple[_QueryField, ...], default: object, lang: str
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
            fb = num(fallback) if f.kind == "number" else fallback
            msgs.append(url_invalid(f.key, raw, f.hint, fb, lang))
            values[f.attr] = fallback
        else:
            values[f.attr] = value
    return values, msgs


def url_invalid(key: str, raw: object, hint: str, fallback: str, lang: str) -> str:
    """What the page says of a bad ``key=raw`` in its link: the ``hint`` (a catalog key) of
    what it takes, and the ``fallback`` it uses instead."""
    return t("whatif.url.invalid", lang, param=key, raw=raw, hint=t(hint, lang), fallback=fallback)


def fund_params_to_query(p: FundParams) -> dict[str, str]:
    """Query-string items for ``p``; parameters at their default are left out."""
    return _to_query(p, FUND_QUERY)


def fund_params_from_query(
    q: Mapping[str, object], lang: str = "zh"
) -> tuple[FundParams, list[str]]:
    """FundParams from query items; each bad or out-of-range value falls back to its default."""
    values, msgs = _from_query(q, FUND_QUERY, FundParams(), lang)
    return FundParams(**values), msgs  # type: ignore[arg-type]


def scoring_params_to_query(p: ScoringParams) -> dict[str, str]:
    """Query-string items for ``p``; parameters at their default are left out."""
    return _to_query(p, SCORING_QUERY)


def scoring_params_from_query(
    q: Mapping[str, object], lang: str = "zh"
) -> tuple[ScoringParams, list[str]]:
    """ScoringParams from query items; bad values, weights not summing to 100% or
    thresholds out of order fall back to the defaults, with a message each in ``lang``."""
    default = ScoringParams()
    values, msgs = _from_query(q, SCORING_QUERY, default, lang)
    weights = ("w_self", "w_town", "w_residents")
    total = sum(float(values[w]) for w in weights)  # type: ignore[arg-type]
    if abs(total - 1) > WEIGHT_TOLERANCE:
        msgs.append(
            t(
                "whatif.url.weights",
                lang,
                total=f"{total * 100:.1f}",
                w_self=f"{default.w_self:.0%}",
                w_town=f"{default.w_town:.0%}",
                w_residents=f"{default.w_residents:.0%}",
            )
        )
        for w in weights:
            values[w] = getattr(default, w)
    if not float(values["good"]) < float(values["excellent"]):  # type: ignore[arg-type]
        msgs.append(
            t(
                "whatif.url.order",
                lang,
                good=num(values["good"]),
                excellent=num(values["excellent"]),
                default_good=num(default.good),
                default_excellent=num(default.excellent),
            )
        )
        values["good"], values["excellent"] = default.good, default.excellent
    return ScoringParams(**values), msgs  # type: ignore[arg-type]
