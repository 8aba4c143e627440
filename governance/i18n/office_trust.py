"""Strings of the office-file and data-trust fixes: a KPI with no value has its own status."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # a KPI without a value (no rows in the quarter, or nothing to divide by): not "no target"
    "light.no_data": ("无数据", "No data"),
}
