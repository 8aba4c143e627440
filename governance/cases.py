"""The open issues and cases the data holds on a day, and the data's date: read by the
briefing's 督办 slide (governance/briefing/content.py) and by the 督办 candidates of the
assignment form (governance/viewmodels/duban.py). Its own module so neither of those imports
the other for it (they once did, inside a function, closing an import cycle)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

import pandas as pd

# run(query_name, params): the app's cached runner, or db_runner on the command line
Runner = Callable[[str, Mapping[str, object]], pd.DataFrame]


def overdue_items(run: Runner, as_of: date | None, days: int, scope: Sequence[str]) -> pd.DataFrame:
    """Issues and cases open on ``as_of`` for ``days`` days or more (exactly ``days``
    included; resolved or closed by ``as_of`` excluded), by community, oldest first."""
    if as_of is None:
        return pd.DataFrame(
            columns=["source", "item_id", "community_id", "category", "opened_date", "days_open"]
        )
    return run(
        "briefing_overdue_items",
        {"as_of": as_of, "min_days": int(days), "communities": list(scope)},
    )


def data_as_of(run: Runner) -> date | None:
    """The data date (数据截至), None when no event table has a dated record."""
    frame = run("data_as_of", {})
    if frame.empty or pd.isna(frame["as_of"].iloc[0]):
        return None
    return pd.Timestamp(frame["as_of"].iloc[0]).date()
