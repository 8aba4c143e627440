"""What the AppTest-based tests share: the app, opening a page, reading tiles and the URL."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui.auth import page_files

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def app_on(folder: Path, monkeypatch: pytest.MonkeyPatch, timeout: float = 60) -> AppTest:
    """The app reading its data from ``folder`` (not yet run)."""
    monkeypatch.setenv("GOVERNANCE_DATA_DIR", str(folder))
    return AppTest.from_file(APP, default_timeout=timeout)


def open_page(at: AppTest, page: str) -> AppTest:
    """Run the app and switch to the page ``page`` (its file: ui.auth.page_files); fail on any
    exception or error box."""
    at.run()
    if page != "overview":
        at.switch_page(page_files()[page]).run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    return at


def url(at: AppTest, key: str) -> list[str]:
    """A URL parameter as a list (AppTest gives one value as a str, several as a list)."""
    value = at.query_params.get(key)
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def tiles(at: AppTest) -> dict[str, tuple[str, str]]:
    """Every KPI tile on the page: label -> (value, change)."""
    return {m.label: (m.value, m.delta) for m in at.metric}


def few_case_notes(at: AppTest) -> dict[str, str]:
    """The note under each tile whose change rests on few cases: label -> "样本少：2 → 3次"
    (the caption that follows the tile in its column)."""
    notes: dict[str, str] = {}

    def walk(node) -> None:
        children = getattr(node, "children", None)
        if not isinstance(children, dict):
            return
        label = None
        for child in children.values():
            kind = getattr(child, "type", "")
            inner = _tile_metric(child)
            if kind == "metric":
                label = child.label
            elif inner is not None:  # a tile: its metric and sparkline in one bordered box
                label = inner
            elif kind == "caption" and label is not None:
                if child.value.startswith(("样本少：", "Few cases: ")):
                    notes[label] = child.value
            else:
                label = None
            walk(child)

    walk(at._tree)
    return notes


def _tile_metric(node) -> str | None:
    """The label of the metric a tile's box (ui/widgets.kpi_tile) starts with, else None."""
    children = getattr(node, "children", None)
    if getattr(node, "type", "") == "metric" or not isinstance(children, dict) or not children:
        return None
    first = next(iter(children.values()))
    return first.label if getattr(first, "type", "") == "metric" else None


def tile_values(at: AppTest) -> dict[str, str]:
    """Every KPI tile on the page: label -> value."""
    return {m.label: m.value for m in at.metric}


def shown(markdown: str) -> str:
    """What a Markdown element's text reads on screen: text from a URL or a file reaches the
    page escaped (governance.text.plain puts a backslash before each punctuation mark and a
    zero-width space into addresses), which the reader never sees."""
    import re

    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\u200b", "")


def _section_tabs(at: AppTest, key: str):
    """The tab container ``ui/sections.show`` drew under ``key`` (its proto id ends in it)."""
    for node in at._tree:
        if getattr(node, "type", "") == "tab_container" and node.proto.id.endswith(f"-{key}"):
            return node
    raise AssertionError(f"no sections {key!r} on the page")


def section_labels(at: AppTest, key: str) -> list[str]:
    """The labels of the page's sections (the tabs below its tiles), in order."""
    return [tab.label for tab in _section_tabs(at, key).children.values()]


def open_section(at: AppTest, key: str, label: str) -> AppTest:
    """Open the section labelled ``label`` (a click on its tab: only the open one runs)."""
    assert label in section_labels(at, key), (label, section_labels(at, key))
    at.session_state[key] = label
    at.run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    return at


def every_section(at: AppTest, key: str):
    """Open each section of the page in turn, yielding the app with it open."""
    for label in section_labels(at, key):
        yield open_section(at, key, label)


def visible(markdown: str) -> str:
    """What a reader sees of escaped Markdown (backslash escapes and entities undone)."""
    text = re.sub(r"\\(.)", r"\1", markdown).replace("&lt;", "<").replace("&gt;", ">")
    return text.replace("\u2060", "")  # the word joiner that keeps addresses from linking
