"""The records behind a number, and the number written out from its inputs.

A KPI tile or a community's bar shows one quarter (the filters' last) of some communities; the
records under it are of that quarter and those communities (:func:`quarter_params`), and a line
writes the value out from the parts the registry aggregates (:func:`formula`):
"千人活动参与人次（2011Q4 · 彩虹社区）：509 = 1,949 人次 ÷ 3,828 人 × 1,000".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from governance import fmt, periods
from governance.i18n import CATALOG, t
from governance.indicators import REGISTRY
from governance.text import plain

# How the records list may be scoped: the quarter the tiles show, or the whole period chosen.
QUARTER, PERIOD = "quarter", "period"
SCOPES = (QUARTER, PERIOD)


def quarter_params(params: Mapping[str, Any], quarter: date) -> dict[str, Any]:
    """A page's query parameters narrowed to one quarter (the communities kept)."""
    return {**params, "period_from": quarter, "period_to": quarter}


def _factor_text(factor: float, unit: str) -> str:
    if unit == "pct":
        return " × 100%"
    if factor == 1:
        return ""
    return f" × {factor:,.0f}"


def inputs(
    parts: pd.DataFrame, indicator_id: str, quarter: date, communities: Sequence[str]
) -> tuple[float, float] | None:
    """sum(num) and sum(den) of one indicator at ``quarter`` over ``communities`` (None: no
    parts, or no denominator)."""
    if parts.empty:
        return None
    rows = parts[
        (parts["indicator_id"] == indicator_id)
        & (pd.to_datetime(parts["quarter"]).dt.date == quarter)
        & parts["community_id"].isin(list(communities))
    ]
    if rows.empty or rows["den"].isna().all():
        return None
    num, den = float(rows["num"].sum()), float(rows["den"].sum())
    return (num, den) if den else None


def formula(
    parts: pd.DataFrame,
    indicator_id: str,
    quarter: date,
    communities: Sequence[str],
    scope: str,
    lang: str,
) -> str | None:
    """The indicator's value at ``quarter`` over ``communities`` written out from its inputs,
    with the quarter and ``scope`` (the communities in words); None for a measure that is its
    own count, one without words for its parts, or no value."""
    ind = REGISTRY[indicator_id]
    if ind.how != "ratio" or f"drill.num.{indicator_id}" not in CATALOG:
        return None
    found = inputs(parts, indicator_id, quarter, communities)
    if found is None:
        return None
    num, den = found
    value = num / den * ind.factor
    digits = 0 if float(num).is_integer() else 1
    return t(
        "drill.formula",
        lang,
        label=ind.label(lang),
        quarter=periods.short(quarter, lang),
        scope=scope,
        value=fmt.value(ind, value, lang),
        num=f"{num:,.{digits}f}",
        num_unit=t(f"drill.num.{indicator_id}", lang),
        den=f"{den:,.0f}",
        den_unit=t(f"drill.den.{indicator_id}", lang),
        factor=_factor_text(ind.factor, ind.unit),
    )


def scope_words(chosen: Sequence[str], names: Mapping[str, str], narrowed: bool, lang: str) -> str:
    """The communities a number is of, in words: their names (up to three; a scoped user's
    one community by name), the whole town when nothing narrows a whole town's view
    (``narrowed`` False and more than three), else how many."""
    if len(chosen) <= 3:
        return t("sep.list", lang).join(names.get(c, c) for c in chosen)
    if not narrowed:
        return t("drill.scope.town", lang)
    return t("drill.scope.n", lang, n=len(chosen))


@dataclass(frozen=True)
class Behind:
    """What a records list says about the numbers it is behind: its scope's choices (the
    tiles' quarter, the whole period), the line naming that quarter and those communities,
    and the page's ratios written out from their inputs."""

    scopes: dict[str, str]  # QUARTER | PERIOD -> its label
    caption: str
    formulas: tuple[str, ...]


def behind(
    parts: pd.DataFrame,
    indicator_ids: Sequence[str],
    period_from: date,
    period_to: date,
    ids: Sequence[str],
    names: Mapping[str, str],
    narrowed: bool,
    lang: str,
) -> Behind:
    """:class:`Behind` for a page whose tiles show ``indicator_ids`` at ``period_to`` over the
    communities ``ids`` (``narrowed``: the filter chose them). The page shows its lines as
    captions (Markdown): the names, from the data, are escaped to read as text."""
    scope = plain(scope_words(ids, names, narrowed, lang), limit=None)
    quarter = periods.short(period_to, lang)
    lines = (formula(parts, i, period_to, ids, scope, lang) for i in indicator_ids)
    return Behind(
        scopes={
            QUARTER: t("drill.records.quarter", lang, quarter=quarter),
            PERIOD: t(
                "drill.records.period",
                lang,
                start=periods.short(period_from, lang),
                end=quarter,
            ),
        },
        caption=t("drill.records.quarter_caption", lang, quarter=quarter, scope=scope),
        formulas=tuple(line for line in lines if line),
    )
