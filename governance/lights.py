"""Traffic lights against targets, aware of which direction is good for each indicator."""

from __future__ import annotations

import math

GREEN, AMBER, RED = "green", "amber", "red"
# Within this share of the target (on the bad side) a value is amber, not yet red.
AMBER_BAND = 0.10


def traffic_light(value: float | None, target: float | None, better: str) -> str | None:
    """green: target met; amber: missed by at most 10% of the target; red: missed by more.

    None when the value or the target is missing, so the page can say "no target" in words.
    """
    if value is None or target is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(target, float) and math.isnan(target):
        return None
    if better not in ("up", "down"):
        raise ValueError(f"better must be 'up' or 'down', not {better!r}")
    met = value >= target if better == "up" else value <= target
    if met:
        return GREEN
    gap = (target - value) if better == "up" else (value - target)
    return AMBER if gap <= abs(target) * AMBER_BAND else RED
