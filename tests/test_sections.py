"""ui/sections.py: a page's sections as tabs of which only the open one runs (issue 24)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.apptest_support import open_section, section_labels


def _page() -> None:
    import streamlit as st

    from ui import sections

    lang = st.session_state.get("t_lang", "zh")
    names = {"zh": ["一张图", "趋势", "明细"], "en": ["Map", "Trends", "Records"]}[lang]
    ran = st.session_state.setdefault("t_ran", [])

    def draw(i: int):
        def section() -> None:
            ran.append(i)
            st.markdown(f"section {i}")
            st.selectbox("pick", ["a", "b"], key=f"t_pick_{i}")

        return section

    sections.show("t_section", [(name, draw(i)) for i, name in enumerate(names)])


def drawn(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown]


def test_only_the_open_section_runs_and_the_first_opens_first():
    at = AppTest.from_function(_page).run()
    assert section_labels(at, "t_section") == ["一张图", "趋势", "明细"]
    assert drawn(at) == ["section 0"]
    assert at.session_state["t_ran"] == [0]
    open_section(at, "t_section", "明细")
    assert drawn(at) == ["section 2"]
    assert at.session_state["t_ran"] == [0, 2]  # sections 1 never ran
    open_section(at, "t_section", "趋势")
    assert drawn(at) == ["section 1"]


def test_the_open_section_stays_open_when_the_language_changes():
    at = AppTest.from_function(_page).run()
    open_section(at, "t_section", "明细")
    at.session_state["t_lang"] = "en"
    at.run()
    assert section_labels(at, "t_section") == ["Map", "Trends", "Records"]
    assert drawn(at) == ["section 2"]
    assert at.session_state["t_section"] == "Records"
    at.session_state["t_lang"] = "zh"
    at.run()
    assert drawn(at) == ["section 2"]


def test_a_remembered_position_out_of_range_opens_the_first():
    at = AppTest.from_function(_page)
    at.session_state["t_section__open"] = 7  # e.g. a page that had more sections
    at.run()
    assert drawn(at) == ["section 0"]
    at = AppTest.from_function(_page)
    at.session_state["t_section__open"] = "2"  # not a position
    at.run()
    assert drawn(at) == ["section 0"]


def test_the_last_open_position_is_kept_exactly_at_the_end():
    at = AppTest.from_function(_page)
    at.session_state["t_section__open"] = 2  # the last one: in range
    at.run()
    assert drawn(at) == ["section 2"]


def test_the_overviews_map_keeps_its_indicator_while_another_section_is_open(demo_dir, monkeypatch):
    from tests.apptest_support import app_on, open_page

    at = open_page(app_on(demo_dir, monkeypatch), "overview")
    open_section(at, "ov_section", "一张图")
    first = at.selectbox(key="ov_map_indicator")
    before = first.value
    first.select_index(1 if first.index != 1 else 2).run()
    assert not at.exception, at.exception
    chosen = at.selectbox(key="ov_map_indicator").value
    assert chosen != before
    open_section(at, "ov_section", "社区 × 平台 排名")
    assert not [s for s in at.selectbox if s.key == "ov_map_indicator"]  # closed: not drawn
    open_section(at, "ov_section", "一张图")
    assert at.selectbox(key="ov_map_indicator").value == chosen
