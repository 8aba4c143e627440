"""Strings that keep each language whole: punctuation that differs between the languages
(Chinese text takes full-width marks, English text never does) and the placeholders that
replace Streamlit's own English widget texts ("Choose options") in Chinese."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "sep.list": ("、", ", "),
    "sep.items": ("；", "; "),
    "sep.label": ("：", ": "),
    # a multiselect left empty means no restriction
    "widget.any": ("不限（全部）", "Any"),
    # the sidebar's comparison basis, short enough for one row of buttons in either language
    "basis.short.qoq": ("环比", "QoQ"),
    "basis.short.yoy": ("同比", "YoY"),
    "basis.short.help": (
        "环比：与上一季度比较；同比：与上年同一季度比较；目标：与指标的目标值比较。",
        "QoQ: against the previous quarter; YoY: against the same quarter a year before; "
        "Target: against the indicator's target.",
    ),
}
