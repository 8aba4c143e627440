"""The fund's horizon: the replay of the chosen period (the data as recorded), or
"下一年度（预测）" — the calendar year after the data's last quarter, projected from the data's
last four quarters.

The projection rule: each quarter of next year takes the latest observed quarter of the same
number (2012Q1 takes 2011Q1, ..., a year ending 2011Q2 gives 2012Q3 from 2010Q3), every
company × community row as it was — its managed area and its assessment scores carried forward.
A quarter, not the mean of the four, because the fund is budgeted per quarter (a quarter of the
cap plus what earlier quarters of the year left): carrying each quarter keeps the year's order
of claims, so "the cap bit in Q4" stays true of next year, and every projected number is one
the reader can find in the data. The scenario's rules are then applied to next year as to any
year, the yearly cap included.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from governance import periods
from governance.i18n import t
from governance.whatif.checks import check_choice

HORIZON_KEY = "wf_horizon"
REPLAY, NEXT_YEAR = "replay", "next"
HORIZONS: tuple[str, ...] = (REPLAY, NEXT_YEAR)
DEFAULT_HORIZON = REPLAY


def check_horizon(value: object, lang: str = "zh") -> str | None:
    """None when ``value`` is a horizon, else a message in ``lang`` naming the parameter."""
    allowed = {h: t(f"whatif_forward.horizon.{h}", lang) for h in HORIZONS}
    label = t("whatif_forward.check.horizon", lang, param=HORIZON_KEY)
    return check_choice(value, label, allowed, lang)


@dataclass(frozen=True, eq=False)
class Projection:
    """Next year's assessments (``frame``: the last four quarters' rows, their ``quarter`` moved
    into ``year``, ``source_quarter`` the quarter each was carried from)."""

    frame: pd.DataFrame
    year: int
    source_from: date  # the first of the last four quarters
    source_to: date  # the data's last quarter

    @property
    def period_from(self) -> date:
        return date(self.year, 1, 1)

    @property
    def period_to(self) -> date:
        return date(self.year, 10, 1)

    def source_span(self) -> str:
        """The quarters carried forward, e.g. 2011Q1–2011Q4."""
        return f"{periods.to_label(self.source_from)}–{periods.to_label(self.source_to)}"


def project_next_year(last_four: pd.DataFrame) -> Projection | None:
    """Next calendar year from the rows of the data's last four quarters (rows older than four
    quarters before the latest are left out); None when there are none."""
    if last_four.empty:
        return None
    quarter = pd.to_datetime(last_four["quarter"]).dt.to_period("Q").dt.start_time
    last = quarter.max()
    first = (last.to_period("Q") - 3).start_time
    keep = quarter >= first
    out = last_four.loc[keep].copy()
    source = quarter[keep]
    year = int(last.year) + 1
    out["source_quarter"] = source.values
    out["quarter"] = [pd.Timestamp(year, q.month, 1) for q in source]
    out = out.sort_values(["quarter", "company_id", "community_id"], kind="mergesort")
    return Projection(
        frame=out.reset_index(drop=True),
        year=year,
        source_from=first.date(),
        source_to=last.date(),
    )


def assumption(projection: Projection, lang: str) -> str:
    """The projection's assumption in words, for the page and the link."""
    return t(
        "whatif_forward.assumption",
        lang,
        span=projection.source_span(),
        year=projection.year,
    )
