"""Numbers the Chinese way: 万 for large counts, % with one decimal, 元 for money."""

from __future__ import annotations

import math

from governance.indicators import Indicator


def _missing(x: float | None) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def wan(x: float, unit: str = "") -> str:
    """``x`` in 万 to two decimals without trailing zeros: 1.27万, 82.97万元, 100万元."""
    return f"{x / 10_000:,.2f}".rstrip("0").rstrip(".") + "万" + unit


def count(x: float | None, lang: str = "zh", unit: str = "") -> str:
    if _missing(x):
        return "—"
    if lang == "zh" and abs(x) >= 10_000:
        return wan(x, unit)
    return f"{x:,.0f}" + unit


def pct(x: float | None, digits: int = 1) -> str:
    return "—" if _missing(x) else f"{x:.{digits}f}%"


def yuan(x: float | None, lang: str = "zh") -> str:
    if _missing(x):
        return "—"
    if lang == "zh":
        if abs(x) >= 10_000:
            return f"{x / 10_000:,.2f}万元"
        return f"{x:,.0f}元"
    return f"¥{x:,.0f}"


def number(x: float | None, digits: int = 1) -> str:
    return "—" if _missing(x) else f"{x:,.{digits}f}"


# The English unit of a count whose unit a reader cannot guess from the label: the batches
# tile reads "4 batches · 16 person-times" (it read "4 · 16 people": the batches lost their
# unit, and a person who petitions twice counts twice).
COUNT_UNITS_EN = {"skip_level_batches": " batches", "skip_level_persons": " person-times"}


# A rate per head in English: in a sentence "9.06 per 10k residents"; on a tile that is cut off
# at 1280 px, so the tile reads "9.06" under "Security incident rate (per 10k)" (tiles.shown).
PER10K_EN = " per 10k residents"
PER10K_LABEL_EN = " (per 10k)"


def value(ind: Indicator, x: float | None, lang: str = "zh") -> str:
    """An indicator's value in its own unit."""
    if _missing(x):
        return "—"
    if ind.unit == "pct":
        return pct(x)
    if ind.unit == "score":
        return f"{x:.1f}分" if lang == "zh" else f"{x:.1f} pts"
    if ind.unit == "per10k":
        return f"{x:.2f}起/万人" if lang == "zh" else f"{x:.2f}{PER10K_EN}"
    if ind.unit == "per1000":  # the label says "per 1,000 residents"; the tile stays short
        return f"{x:,.0f}"
    if ind.unit == "days":
        return f"{x:,.1f}天" if lang == "zh" else f"{x:,.1f} days"
    if ind.unit == "yuan":
        return yuan(x, lang)
    return count(x, lang, ind.count_unit_zh if lang == "zh" else COUNT_UNITS_EN.get(ind.id, ""))


def target(ind: Indicator, x: float | None, lang: str = "zh") -> str:
    """A target in its unit: as :func:`value`, and in English a count says what it counts
    ("Target 5 petitions", where it read "Target 5")."""
    text = value(ind, x, lang)
    if lang == "en" and ind.unit == "count" and ind.id not in COUNT_UNITS_EN and ind.cases_en:
        return f"{text} {ind.cases_en}" if text != "—" else text
    return text


_CHANGE_DIGITS = {"pct": 1, "count": 0, "per10k": 2, "per1000": 0, "days": 1, "yuan": 0}


def is_flat(ind: Indicator, delta: float | None) -> bool:
    """Whether a change shows as nothing at the digits it is shown with (-0.04 points reads
    "-0.0": that is 持平, not a decline in red)."""
    if _missing(delta):
        return False
    return round(delta, _CHANGE_DIGITS.get(ind.unit, 1)) == 0


def change(
    ind: Indicator,
    delta: float | None,
    base: float | None,
    lang: str = "zh",
    relative: bool = True,
) -> str:
    """A change against a basis: percentage points for rates, relative % for the rest
    (``relative=False`` leaves the relative % out, for a change resting on few cases)."""
    if _missing(delta):
        return "—"
    if is_flat(ind, delta):
        return "持平" if lang == "zh" else "no change"
    if ind.unit == "pct":
        return f"{delta:+.1f}个百分点" if lang == "zh" else f"{delta:+.1f} pp"
    if ind.unit == "yuan":
        text = ("+" if delta > 0 else "-") + yuan(abs(delta), lang)
        share = "" if _missing(base) or base == 0 else f"{delta / abs(base) * 100:+.1f}%"
        if not share or not relative:
            return text
        return f"{text}（{share}）" if lang == "zh" else f"{text} ({share})"
    digits = {"count": 0, "per10k": 2, "per1000": 0, "days": 1}.get(ind.unit, 1)
    text = f"{delta:+,.{digits}f}"
    if _missing(base) or base == 0 or not relative:
        return text
    relative = f"{delta / abs(base) * 100:+.1f}%"
    return f"{text}（{relative}）" if lang == "zh" else f"{text} ({relative})"


def cases_change(
    ind: Indicator, before: float | None, after: float | None, lang: str = "zh"
) -> str:
    """The counts behind a change resting on few cases, saying what they count (the
    registry's case words): "发案 2 → 1起", "计入议题 7 → 6件" / "issues counted 7 → 6"."""
    a = "—" if _missing(before) else f"{before:,.0f}"
    b = "—" if _missing(after) else f"{after:,.0f}"
    if lang == "en":  # the noun first: "batches 2 → 1" (it read "2 → 1 batches")
        return f"{ind.cases_en or 'cases'} {a} → {b}"
    noun = f"{ind.cases_noun_zh} " if ind.cases_noun_zh else ""
    return f"{noun}{a} → {b}{ind.cases_zh}"
