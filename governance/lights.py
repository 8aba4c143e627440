"""Traffic lights against targets, aware of which direction is good for each indicator."""

from __future__ import annotations

import math

GREEN, AMBER, RED = "green", "amber", "red"
# Within this share of the target (on the bad side) a value is amber, not yet red.
AMBER_BAND = 0.10


def missing(x: object) -> bool:
    """None, NaN, pandas' NA or not a number at all: no value."""
    if x is None:
        return True
    try:
        return math.isnan(x)  # type: ignore[arg-type]
    except TypeError:
        return True


def status_key(value: float | None, light: str | None) -> str:
    """The catalog key of a KPI's standing in words. No value (no rows in the quarter, or
    nothing to divide by) is its own state, 无数据, whatever the target: shown as "—", no
    colour, never the weakest, never ranked. Else the light's (达标 / 接近目标 / 未达标), or
    无目标 when there is no target to compare with."""
    if missing(value):
        return "light.no_data"
    return f"light.{light}" if light in (GREEN, AMBER, RED) else "light.none"


def traffic_light(value: float | None, target: float | None, better: str) -> str | None:
    """green: target met; amber: missed by at most 10% of the target; red: missed by more.

    None (no colour) when the value or the target is missing; :func:`status_key` says which
    in words.
    """
    if missing(value) or missing(target):
        return None
    if better not in ("up", "down"):
        raise ValueError(f"better must be 'up' or 'down', not {better!r}")
    met = value >= target if better == "up" else value <= target
    if met:
        return GREEN
    gap = (target - value) if better == "up" else (value - target)
    return AMBER if gap <= abs(target) * AMBER_BAND else RED
