"""How the what-if engine checks a value and writes a number in a message or a link.

Every message comes from the string catalog (governance/i18n/whatif_checks.py) in ``lang``;
the Chinese texts are the ones the page has always shown.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping

import pandas as pd

from governance.i18n import t


def num(x: object) -> str:
    """A number for a message: thousands separators, no float noise."""
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        return repr(x)
    v = float(x)
    if not math.isfinite(v):
        return str(v)
    if v.is_integer() and abs(v) < 1e15:
        return f"{int(v):,}"
    return f"{v:,.10g}"


def is_number(x: object) -> bool:
    """A finite real number (a bool is not one)."""
    return isinstance(x, numbers.Real) and not isinstance(x, bool) and math.isfinite(float(x))


def qfmt(x: float) -> str:
    """A number for a URL: shortest text that reads back to the same float."""
    x = float(x)
    return str(int(x)) if x.is_integer() and abs(x) < 1e15 else repr(x)


def require_columns(df: pd.DataFrame, cols: tuple[str, ...], what: str) -> None:
    """Raise ValueError (in Chinese, naming ``what``) when ``df`` lacks any of ``cols``."""
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise ValueError(f"{what}缺少列：{'、'.join(missing)}")


def unit_text(unit: str | None, lang: str) -> str:
    """A unit as a message writes it after a number (``pct`` -> "%", ``points`` -> " 分")."""
    return t(f"whatif.check.unit.{unit}", lang) if unit else ""


def check_range(
    value: object,
    label: str,
    lo: float,
    hi: float,
    unit: str | None = None,
    lo_open: bool = False,
    lang: str = "zh",
) -> str | None:
    """None when ``value`` is a finite number in range, else a message in ``lang``.

    ``label`` names the lever (already in ``lang``); ``unit`` is a unit key (``pct``,
    ``points``, ``yuan``, ``per_m2``, ``per10k``, ``per1000``) or None.
    """
    unit_s = unit_text(unit, lang)
    kind = "above" if lo_open else "range"
    rule = t(
        f"whatif.check.{kind}" + ("" if unit else ".plain"),
        lang,
        label=label,
        lo=num(lo),
        hi=num(hi),
        unit=unit_s,
    )
    if not is_number(value):
        return t("whatif.check.not_number", lang, rule=rule, value=repr(value))
    v = float(value)  # type: ignore[arg-type]
    ok = (v > lo if lo_open else v >= lo) and v <= hi
    if ok:
        return None
    return t("whatif.check.out_of_range", lang, rule=rule, value=num(v), unit=unit_s)


def check_choice(
    value: object, label: str, allowed: Mapping[str, str], lang: str = "zh"
) -> str | None:
    """None when ``value`` is a key of ``allowed`` (key -> its meaning in ``lang``)."""
    if isinstance(value, str) and value in allowed:
        return None
    options = t("sep.list", lang).join(
        t("whatif.check.option", lang, param=k, label=v) for k, v in allowed.items()
    )
    return t("whatif.check.choice", lang, label=label, options=options, value=repr(value))
