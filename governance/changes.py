"""本期变化: every indicator that got worse for the filters in force, and the biggest gains.

One list, so the declines need not be hunted tile by tile over five pages. Each KPI (the
outcomes and every platform page's indicators and measures, as the deck shows them) is
scored by how far it moved *against its direction* since the basis quarter:

- ``against`` = the change signed so that positive is worse (−Δ for a measure whose better
  is "up", +Δ for one whose better is "down"), expressed in percentage points for a
  percentage (联席会议议题解决率 84.2% → 77.5%: 6.7) and in % of the basis value for
  everything else (三会召开次数 8 → 7: 12.5; a basis below 1 counts as 1, so 0 → 3 is 300).

The worse ones (``against`` > 0, not flat at the digits shown) are sorted by

    (0 if below target now else 1, −against, the registry's order)

— below its target (amber or red) and falling first, then the rest of the declines, each
group the furthest moved first. The gains are those with ``against`` < 0, the furthest
moved first (at most :data:`GAINS`). A change resting on few cases on both sides
(kpi.Kpi.few_cases, the small-sample rule of governance/sample.py) is in neither list: it is
listed apart as 样本少，不计入 with its counts. With the target as the basis there is no
movement: the caller measures against the previous quarter instead (:func:`movement_basis`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from governance import fmt
from governance.kpi import Kpi

GAINS = 3  # the biggest gains listed
ROWS = 10  # the declines a slide's table lists; the rest are counted under it


def movement_basis(basis: str) -> str:
    """The basis 本期变化 measures movement against: the filters' (上季度 or 去年同期), or
    the previous quarter when the filters compare with the target."""
    return "qoq" if basis == "target" else basis


def against(k: Kpi) -> float | None:
    """How far ``k`` moved against its direction: positive is worse, in percentage points
    for a percentage, in % of the basis (at least 1) for the rest; None without a change."""
    if k.delta is None or k.value is None or k.basis_value is None:
        return None
    moved = -k.delta if k.indicator.better == "up" else k.delta
    if k.indicator.unit == "pct":
        return moved
    return moved / max(abs(k.basis_value), 1.0) * 100.0


def below(k: Kpi) -> bool:
    """Whether ``k`` misses its target now (amber or red)."""
    return k.value is not None and k.light in ("amber", "red")


@dataclass(frozen=True)
class Change:
    platform: str  # outcomes | party | longterm | culture | selfgov
    kpi: Kpi
    against: float  # see :func:`against`
    below: bool  # misses its target now


@dataclass(frozen=True)
class Changes:
    worse: tuple[Change, ...]  # every decline, in the order above
    gains: tuple[Change, ...]  # the biggest gains, at most GAINS
    few: tuple[Change, ...]  # changes on few cases: 样本少，不计入


def order(kpis: Sequence[tuple[str, Kpi]]) -> Changes:
    """本期变化 of ``kpis`` ((platform, KPI) pairs in the registry's order; a KPI listed twice
    is taken once)."""
    worse, gains, few = [], [], []
    seen: set[str] = set()
    for n, (platform, k) in enumerate(kpis):
        if k.indicator.id in seen:
            continue
        seen.add(k.indicator.id)
        score = against(k)
        if score is None or fmt.is_flat(k.indicator, k.delta):
            continue
        change = Change(platform, k, score, below(k))
        if k.few_cases:
            few.append((n, change))
        elif score > 0:
            worse.append((n, change))
        else:
            gains.append((n, change))
    worse.sort(key=lambda x: (0 if x[1].below else 1, -x[1].against, x[0]))
    gains.sort(key=lambda x: (x[1].against, x[0]))
    return Changes(
        worse=tuple(c for _, c in worse),
        gains=tuple(c for _, c in gains[:GAINS]),
        few=tuple(c for _, c in few),
    )
