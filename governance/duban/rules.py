"""督办's rules in plain Python: the statuses and the moves between them, which day counts as
today, days overdue, and how an item's indicator reads against its target quarter by quarter
(the recovery suggestion, the flag at the deadline). No state store, no Streamlit: the store
(governance/duban/store.py) and the view model read these."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from governance import kpi
from governance.indicators import Selected
from governance.lights import GREEN, RED, traffic_light

ASSIGNED, IN_PROGRESS, REPORTED, CLOSED, RETURNED = (
    "assigned",  # 已交办
    "in_progress",  # 办理中
    "reported",  # 已反馈
    "closed",  # 已办结
    "returned",  # 退回 (with a reason): back to the unit
)
STATUSES = (ASSIGNED, IN_PROGRESS, REPORTED, RETURNED, CLOSED)
OPEN = frozenset({ASSIGNED, IN_PROGRESS, REPORTED, RETURNED})
# Where each status may go. An editor may close an open item at any step (the indicator
# recovered, the unit reported by phone); a closed item stays closed (a new item is opened
# for a new problem, so the record of what was closed never changes).
MOVES: dict[str, frozenset[str]] = {
    ASSIGNED: frozenset({IN_PROGRESS, REPORTED, RETURNED, CLOSED}),
    IN_PROGRESS: frozenset({REPORTED, RETURNED, CLOSED}),
    REPORTED: frozenset({IN_PROGRESS, RETURNED, CLOSED}),
    RETURNED: frozenset({IN_PROGRESS, REPORTED, CLOSED}),
    CLOSED: frozenset(),
}
EVALUATIONS = ("satisfied", "basically", "unsatisfied")  # 满意 / 基本满意 / 不满意

# The "1+2+X" bodies an item may be given to besides a community's committee, a property
# company or a unit named in words.
BODIES = ("owners_committee", "property_company", "police", "urban_management", "sanitation")
UNIT_KINDS = ("committee", "company", "body", "text")
SUBJECT_KINDS = ("indicator", "case", "text")
CASE_SOURCES = ("issue", "case")  # a joint-meeting issue, a grid case (the 督办 slide's)

# Data that ended this long before the server's date is a historical record (the demo town
# runs to 2011-12-26): overdue days are counted to the data's date, and the page says so.
HISTORICAL_AFTER = timedelta(days=366)
# Quarters on target in a row after which an item's indicator is said to have recovered.
RECOVERED_QUARTERS = 2

# The indicators an item can follow, read from the registry at use.
SCORED = Selected(lambda i: i.scored and i.platform != "outcomes_detail")


@dataclass(frozen=True)
class Today:
    """The day overdue days are counted to, and whether it is the data's date (historical
    data) rather than the server's."""

    day: date
    from_data: bool


def today(server: date, data_as_of: date | None) -> Today:
    """The server's date, or the data's date when the data ended over a year before it (a
    historical data set such as the demo town's: its items would all be years overdue)."""
    if data_as_of is not None and server - data_as_of > HISTORICAL_AFTER:
        return Today(data_as_of, True)
    return Today(server, False)


def may_move(old: str, new: str) -> bool:
    return new in MOVES.get(old, frozenset())


def is_open(status: str) -> bool:
    return status in OPEN


def days_overdue(deadline: date, status: str, day: date) -> int:
    """Days past the deadline on ``day`` for an open item (0 at the deadline itself and for a
    closed item)."""
    if not is_open(status):
        return 0
    return max((day - deadline).days, 0)


def is_overdue(deadline: date, status: str, day: date) -> bool:
    """逾期: open and past its deadline (the deadline day itself is still in time)."""
    return days_overdue(deadline, status, day) > 0


@dataclass(frozen=True)
class Reading:
    """An item's indicator for its community, quarter by quarter from the data in force."""

    lights: tuple[tuple[date, str | None], ...]  # (quarter, light) oldest first
    last_quarter: date | None  # the data's last quarter (the town's, not the community's)

    def light_at(self, quarter: date) -> str | None:
        return dict(self.lights).get(quarter)

    @property
    def latest(self) -> str | None:
        """The light of the data's last quarter (None: no value or no target there)."""
        return self.light_at(self.last_quarter) if self.last_quarter else None

    @property
    def recovered(self) -> bool:
        """On target (green) in each of the data's last two quarters — not merely the
        community's last two with a value: a quarter without a value breaks the run."""
        if self.last_quarter is None:
            return False
        quarters = [q for q, _ in self.lights if q <= self.last_quarter]
        last = sorted(set(quarters))[-RECOVERED_QUARTERS:]
        wanted = _quarters_back(self.last_quarter, RECOVERED_QUARTERS)
        return last == wanted and all(self.light_at(q) == GREEN for q in wanted)

    def red_at(self, deadline: date) -> bool:
        """Whether the indicator read red in the last quarter that began on or before the
        deadline (what was known to be wrong when time ran out)."""
        known = [(q, x) for q, x in self.lights if q <= deadline]
        return bool(known) and known[-1][1] == RED


def _quarters_back(last: date, n: int) -> list[date]:
    out = [last]
    while len(out) < n:
        q = out[0]
        out.insert(0, date(q.year - 1, 10, 1) if q.month == 1 else date(q.year, q.month - 3, 1))
    return out


def reading(
    parts: pd.DataFrame, targets: pd.DataFrame, indicator_id: str, community_id: str
) -> Reading:
    """The indicator's light for the community in every quarter of ``parts`` (the
    ``indicator_parts_by_community_quarter`` rows of the data in force) against its target
    (the community's own, else the town's)."""
    ind = SCORED[indicator_id]
    quarters = sorted(pd.to_datetime(parts["quarter"]).dt.date.unique()) if len(parts) else []
    mine = parts[(parts["indicator_id"] == indicator_id) & (parts["community_id"] == community_id)]
    target = kpi.target_for(targets, indicator_id, community_id)
    lights: list[tuple[date, str | None]] = []
    for q in quarters:
        at = kpi.per_community(mine, q)
        value = kpi.number(at["value"].iloc[0]) if len(at) else None
        lights.append((q, traffic_light(value, target, ind.better)))
    return Reading(tuple(lights), quarters[-1] if quarters else None)


def readings(
    parts: pd.DataFrame, targets: pd.DataFrame, pairs: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], Reading]:
    """:func:`reading` for each (indicator, community) pair, once each."""
    return {p: reading(parts, targets, *p) for p in dict.fromkeys(pairs)}
