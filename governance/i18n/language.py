"""Strings that keep each language whole: punctuation that differs between the languages
(Chinese text takes full-width marks, English text never does) and the placeholders that
replace Streamlit's own English widget texts ("Choose options") in Chinese."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "sep.list": ("、", ", "),
    "sep.label": ("：", ": "),
    # a multiselect left empty means no restriction
    "widget.any": ("不限（全部）", "Any"),
    "widget.choose": ("请选择", "Choose"),
}
