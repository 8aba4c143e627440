"""A whole scenario: every lever of the what-if page in one value, its checks, its URL form
(``wf_*`` items: the parameters' keys, ``wf_t_<indicator_id>`` per target and ``wf_fee``), when
the page rereads it from the URL, the link that reopens it, and what it changes in words.

The baseline is the defaults (and the targets in the data; the collection baseline is the
current rate). Messages come in ``lang`` (Chinese by default).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from governance import fmt
from governance.filters import URL_KEYS
from governance.i18n import t
from governance.indicators import INDICATORS, INDICATORS_BY_ID
from governance.whatif.checks import check_range, num, qfmt, unit_text
from governance.whatif.display import indicator_label, own_key, value_text
from governance.whatif.forward import DEFAULT_HORIZON, HORIZON_KEY, HORIZONS, check_horizon
from governance.whatif.params import (
    FUND_QUERY,
    SCORING_QUERY,
    FundParams,
    ScoringParams,
    fund_params_from_query,
    fund_params_to_query,
    scoring_params_from_query,
    scoring_params_to_query,
    url_invalid,
    weight_pct,
)

URL_PREFIX = "wf_"
TARGET_PREFIX = "wf_t_"
COLLECTION_KEY = "wf_fee"
DEFAULT_COLLECTION_TARGET = 60.0  # FACTS.md: collection rose from about 20% to about 60%
FUND_KEYS: tuple[str, ...] = tuple(f.key for f in FUND_QUERY)
SCORING_KEYS: tuple[str, ...] = tuple(f.key for f in SCORING_QUERY)

# Bounds of a target by the indicator's unit: (lowest, highest, unit key for messages, step).
TARGET_BOUNDS: dict[str, tuple[float, float, str | None, float]] = {
    "pct": (0.0, 100.0, "pct", 1.0),
    "score": (0.0, 100.0, "points", 1.0),
    "per10k": (0.0, 10_000.0, "per10k", 0.5),
    "per1000": (0.0, 100_000.0, "per1000", 10.0),
    "count": (0.0, 1_000_000.0, None, 1.0),
}


def target_bounds(indicator_id: str) -> tuple[float, float, float]:
    """(lowest, highest, widget step) of a target of ``indicator_id``."""
    lo, hi, _, step = TARGET_BOUNDS[INDICATORS_BY_ID[indicator_id].unit]
    return lo, hi, step


def check_target(indicator_id: str, value: object, lang: str = "zh") -> str | None:
    """None when ``value`` is a usable target for the indicator, else a message in ``lang``."""
    ind = INDICATORS_BY_ID[indicator_id]
    lo, hi, unit, _ = TARGET_BOUNDS[ind.unit]
    key = f"{TARGET_PREFIX}{ind.id}"
    label = t("whatif.check.target", lang, indicator=ind.label(lang), param=key)
    return check_range(value, label, lo, hi, unit, lang=lang)


def check_collection(value: object, lang: str = "zh") -> str | None:
    """None when ``value`` is a usable town collection target (%), else a message."""
    label = t("whatif.check.collection", lang, param=COLLECTION_KEY)
    return check_range(value, label, 0, 100, "pct", lang=lang)


def _order(indicator_id: str) -> int:
    return next(i for i, ind in enumerate(INDICATORS) if ind.id == indicator_id)


@dataclass(frozen=True)
class Scenario:
    """Every lever of the what-if page; the defaults are the baseline."""

    fund: FundParams = field(default_factory=FundParams)
    scoring: ScoringParams = field(default_factory=ScoringParams)
    targets: tuple[tuple[str, float], ...] = ()  # (indicator_id, town-wide target)
    collection_target: float = DEFAULT_COLLECTION_TARGET
    horizon: str = DEFAULT_HORIZON  # the fund's: the period replayed, or next year projected

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
    def fund_errors(self, lang: str = "zh") -> list[str]:
        return self.fund.validate(lang)

    def scoring_errors(self, lang: str = "zh") -> list[str]:
        return self.scoring.validate(lang)

    def target_errors(self, lang: str = "zh") -> list[str]:
        return [m for i, v in self.targets if (m := check_target(i, v, lang))]

    def collection_errors(self, lang: str = "zh") -> list[str]:
        return [m for m in (check_collection(self.collection_target, lang),) if m]

    def horizon_errors(self, lang: str = "zh") -> list[str]:
        return [m for m in (check_horizon(self.horizon, lang),) if m]

    def errors(self, lang: str = "zh") -> list[str]:
        return (
            self.fund_errors(lang)
            + self.scoring_errors(lang)
            + self.target_errors(lang)
            + self.collection_errors(lang)
            + self.horizon_errors(lang)
        )

    def is_baseline(self) -> bool:
        """The current rules: the horizon is what the rules are looked at over, not a rule."""
        return replace(self, horizon=DEFAULT_HORIZON) == Scenario()

    # -- URL form ------------------------------------------------------------------------------
    def to_query(self) -> dict[str, str]:
        """``wf_*`` query items; parameters at their default are left out."""
        out = {**fund_params_to_query(self.fund), **scoring_params_to_query(self.scoring)}
        for indicator_id, value in self.targets:
            out[f"{TARGET_PREFIX}{indicator_id}"] = qfmt(value)
        if self.collection_target != DEFAULT_COLLECTION_TARGET:
            out[COLLECTION_KEY] = qfmt(self.collection_target)
        if self.horizon != DEFAULT_HORIZON:
            out[HORIZON_KEY] = self.horizon
        return out

    @classmethod
    def from_query(
        cls, query: Mapping[str, object], lang: str = "zh"
    ) -> tuple[Scenario, list[str]]:
        """A scenario from query items (other keys are ignored); each bad ``wf_*`` value falls
        back to its default with a message in ``lang`` naming the parameter."""
        q = url_items(query)
        fund, messages = fund_params_from_query(q, lang)
        scoring, more = scoring_params_from_query(q, lang)
        messages += more
        targets: list[tuple[str, float]] = []
        collection = DEFAULT_COLLECTION_TARGET
        horizon = DEFAULT_HORIZON
        known = {*FUND_KEYS, *SCORING_KEYS}
        for key in q:
            if key in known:
                continue
            raw = _last(q[key])
            if key == HORIZON_KEY:
                if raw.strip() in HORIZONS:
                    horizon = raw.strip()
                else:
                    hint = "whatif_forward.url.hint.horizon"
                    messages.append(url_invalid(key, raw, hint, DEFAULT_HORIZON, lang))
            elif key == COLLECTION_KEY:
                value = _number(raw)
                if value is None or check_collection(value, lang):
                    fallback = num(DEFAULT_COLLECTION_TARGET)
                    messages.append(url_invalid(key, raw, "whatif.url.hint.fee", fallback, lang))
                else:
                    collection = value
            elif key.startswith(TARGET_PREFIX):
                indicator_id = key[len(TARGET_PREFIX) :]
                if indicator_id not in INDICATORS_BY_ID:
                    messages.append(
                        t("whatif.url.target_unknown", lang, param=key, prefix=TARGET_PREFIX)
                    )
                    continue
                value = _number(raw)
                if value is None or check_target(indicator_id, value, lang):
                    lo, hi, unit, _ = TARGET_BOUNDS[INDICATORS_BY_ID[indicator_id].unit]
                    shown_unit = unit_text(unit, lang).strip()
                    messages.append(
                        t(
                            "whatif.url.target_invalid",
                            lang,
                            param=key,
                            raw=raw,
                            lo=num(lo),
                            hi=num(hi),
                            unit=t("whatif.url.target_unit", lang, unit=shown_unit)
                            if shown_unit
                            else "",
                        )
                    )
                else:
                    targets.append((indicator_id, value))
            else:
                messages.append(t("whatif.url.unknown", lang, param=key))
        return cls(fund, scoring, tuple(targets), collection, horizon), messages


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


def describe(s: Scenario, lang: str, scoped: bool = False) -> list[str]:
    """One line per lever that differs from the baseline, in words (the collection goal is
    a ``scoped`` user's communities', not the town's)."""
    d = Scenario()
    lines: list[str] = []
    f, df_ = s.fund, d.fund
    if (f.rate, f.rate_period) != (df_.rate, df_.rate_period):
        lines.append(
            t(
                "whatif.desc.rate",
                lang,
                rate=num(f.rate),
                period=t(f"whatif.period.{f.rate_period}", lang),
                base=num(df_.rate),
            )
        )
    if f.annual_cap != df_.annual_cap:
        lines.append(t("whatif.desc.cap", lang, cap=fmt.yuan(f.annual_cap, lang)))
    if f.min_score != df_.min_score:
        lines.append(t("whatif.desc.min", lang, min=num(f.min_score)))
    if f.over_cap != df_.over_cap:
        lines.append(t("whatif.desc.policy", lang, policy=t(f"whatif.policy.{f.over_cap}", lang)))
    sc, ds = s.scoring, d.scoring
    if (sc.w_self, sc.w_town, sc.w_residents) != (ds.w_self, ds.w_town, ds.w_residents):
        lines.append(
            t(
                "whatif.desc.weights",
                lang,
                s=num(weight_pct(sc.w_self)),
                t=num(weight_pct(sc.w_town)),
                r=num(weight_pct(sc.w_residents)),
            )
        )
    if (sc.excellent, sc.good) != (ds.excellent, ds.good):
        lines.append(t("whatif.desc.thresholds", lang, ex=num(sc.excellent), gd=num(sc.good)))
    for indicator_id, value in s.targets:
        lines.append(
            t(
                "whatif.desc.target",
                lang,
                indicator=indicator_label(indicator_id, lang),
                value=value_text(indicator_id, value, lang),
            )
        )
    if s.collection_target != d.collection_target:
        lines.append(t(own_key("whatif.desc.fee", scoped), lang, pct=fmt.pct(s.collection_target)))
    return lines
