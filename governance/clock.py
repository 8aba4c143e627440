"""Times as the town reads them: Beijing time (Asia/Shanghai, UTC+8), whatever the server's
zone. The store keeps UTC; a list of versions shows local time and says which zone it is."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd

TOWN_ZONE = ZoneInfo("Asia/Shanghai")


def beijing(value: Any, seconds: bool = True) -> str:
    """``value`` (a datetime or timestamp; a naive one is taken as UTC, as the store writes
    it) as Beijing time, YYYY-MM-DD HH:MM[:SS]; "—" when missing."""
    if value is None or (not isinstance(value, datetime) and pd.isna(value)):
        return "—"
    stamp = pd.Timestamp(value)
    if stamp.tzinfo is None:
        stamp = stamp.tz_localize("UTC")
    shown = stamp.tz_convert(TOWN_ZONE)
    return shown.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
