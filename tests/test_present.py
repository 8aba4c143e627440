"""Presentation mode (汇报模式): URL parsing, layout arithmetic and escaping as plain functions;
the mode itself through AppTest (no sidebar or filter widgets, slides, URL round trip)."""

from __future__ import annotations

import re

import pytest

from governance import palette
from governance.briefing.model import Table, Tile
from tests.apptest_support import app_on, url
from ui import present
from views.present import slides

# ---- plain functions --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, (1, False)),
        ("", (1, False)),
        ("1", (1, False)),
        ("8", (8, False)),
        (" 3 ", (3, False)),
        ("0", (1, True)),
        ("9", (1, True)),
        ("-2", (1, True)),
        ("2.0", (1, True)),
        ("abc", (1, True)),
        ("３", (1, True)),  # a full-width digit is not a slide number
        ("99999999999999999999", (1, True)),
    ],
)
def test_parse_slide(raw, expected):
    assert slides.parse_slide(raw, 8) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, (0, False)),
        ("30", (30, False)),
        ("0", (0, False)),
        ("7", (0, True)),
        ("x", (0, True)),
    ],
)
def test_parse_auto(raw, expected):
    assert slides.parse_auto(raw) == expected


def test_text_em_counts_chinese_as_one_em_and_the_rest_narrower():
    assert slides.text_em("万人") == 2.0
    assert slides.text_em("9.06") == pytest.approx(3 * 0.56 + 0.4)
    assert slides.text_em("7个社区、1个村") == pytest.approx(6 + 2 * 0.56)
    assert slides.text_em("1 Village") == pytest.approx(0.56 + 0.25 + 0.66 + 6 * 0.5)


def _tile(value: str) -> Tile:
    return Tile(label="x", value_text=value, change_text="—", good=None, light=None)


def test_the_target_line_name_has_room_beside_the_plot():
    """The margin right of a slide's chart fits its target's name at 20 px an em: 全镇目标 4
    ems = 80 + 16 = 96 px; "Town target" 11 Latin characters x 0.55 = 6.05 ems = 121 + 16 =
    137 px; a short 目标 keeps the 70 px floor; no target line, 20 px."""
    from governance.briefing.model import Chart

    def margin(label: str, target: float | None = 60.0) -> int:
        chart = Chart(
            kind="bar", title="t", categories=("a",), series=(("s", (1.0,)),), unit="%",
            target=target, target_label=label,
        )  # fmt: skip
        return slides.figure(chart).layout.margin.r

    assert margin("全镇目标") == 96
    assert margin("Town target") == 137
    assert margin("目标") == 70
    assert margin("全镇目标", None) == 20


def test_tile_capacity_by_hand():
    # 4 to a row: (177.8 - 7 - 3 * 2.2) / 4 - 3.7 = 37.35 units of width, / 6.2 = 6.02 em
    assert slides.tile_capacity_em(4) == pytest.approx(37.35 / 6.2)
    assert slides.tile_capacity_em(1) == pytest.approx((170.8 - 3.7) / 6.2)


def test_tile_rows_keep_four_short_values_on_one_row():
    tiles = tuple(_tile(v) for v in ("72.7%", "94.0%", "20", "11.0天"))
    assert [len(r) for r in slides.tile_rows(tiles)] == [4]


def test_tile_rows_give_a_long_value_a_wider_tile_in_balanced_rows():
    # "7个社区、1个村" is 7.12 em: more than 0.97 x 6.02 (four to a row), less than
    # 0.97 x 8.35 (three): three to a row, balanced to two rows of two.
    tiles = tuple(_tile(v) for v in ("2.98万人", "80万平方米", "7个社区、1个村", "96.1%"))
    rows = slides.tile_rows(tiles)
    assert [len(r) for r in rows] == [2, 2]
    assert rows[1][0].value_text == "7个社区、1个村"


def test_outcome_rows_are_three_down_then_four_up():
    tiles = tuple(_tile(v) for v in ("9.06起/万人", "19件", "4批 · 16人次", "1", "2", "3", "4"))
    assert [len(r) for r in slides.outcome_rows(tiles)] == [3, 4]


def test_fit_rows_cuts_and_counts_the_rest():
    table = Table(columns=("a",), rows=tuple((str(i),) for i in range(20)))
    shown, more = slides.fit_rows(table, 11)
    assert len(shown.rows) == 10 and more == 10
    same, none = slides.fit_rows(table, 20)
    assert same is table and none == 0


def test_table_html_escapes_cells_and_names_a_group_once():
    table = Table(
        columns=("社区", "<b>类别</b>"),
        rows=(("甲<script>", "x"), ("甲<script>", "y"), ("乙", "z")),
        lights=((None, "red"), (None, None), (None, "green")),
        group_column=0,
    )
    out = slides.table_html(table)
    assert "<script>" not in out and "<b>" not in out
    assert out.count("甲&lt;script&gt;") == 1  # the group's name at its first row only
    assert out.count('class="pr-group-start"') == 1  # 乙 starts a new group
    assert f"background:{palette.RED.tint}" in out and f"background:{palette.GREEN.tint}" in out


def test_md_text_makes_markdown_inert():
    text = "**粗体** [链接](http://x) :red[红] $x$ <i>"
    escaped = slides.md_text(text)
    assert re.sub(r"\\(.)", r"\1", escaped) == text
    for special in ("*", "[", "]", "(", ":", "$", "<"):
        assert f"\\{special}" in escaped


# ---- the mode in the app ---------------------------------------------------------------------


def _unescaped(value: str) -> str:
    return re.sub(r"\\(.)", r"\1", value)


def _filter_widgets(at) -> list[str]:
    kinds = (at.radio, at.multiselect, at.select_slider, at.slider, at.button, at.selectbox)
    keys = [w.key for kind in kinds for w in kind if w.key]
    keys += [w.key for w in at.get("segmented_control") if getattr(w, "key", None)]
    return [k for k in keys if k.startswith("flt_")]


@pytest.fixture
def presenting(fixture_dir, monkeypatch):
    at = app_on(fixture_dir, monkeypatch)
    at.query_params.update(
        {"present": "1", "from": "2010Q3", "to": "2011Q2", "c": "C01", "basis": "qoq"}
    )
    at.run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    return at


def test_presentation_mode_draws_no_sidebar_and_no_filter_widget(presenting):
    at = presenting
    assert _filter_widgets(at) == []
    assert len(at.sidebar.children) == 0
    assert _unescaped(at.title[0].value) == "芦潮港镇“四个平台”建设情况"
    assert url(at, "slide") == ["1"]


def test_filters_are_said_on_the_slide_and_stay_in_the_url(presenting):
    at = presenting
    line = _unescaped(" ".join(c.value for c in at.caption))
    assert "甲社区" in line and "2010年第3季度" in line and "2011年第2季度" in line
    assert "数据截至" in line
    at.button(key="present_next").click().run()
    at.button(key="present_next").click().run()
    assert url(at, "slide") == ["3"]
    for key, value in {"from": "2010Q3", "to": "2011Q2", "c": "C01", "basis": "qoq"}.items():
        assert url(at, key) == [value], key
    assert _filter_widgets(at) == []


def test_outcome_values_are_computed_for_the_filters(presenting):
    at = presenting
    at.button(key="present_next").click().run()
    assert url(at, "slide") == ["2"]
    tiles = {_unescaped(m.label): m.value for m in at.metric}
    # C01 in 2011Q2: 6 - 4 = 2 incidents for 1,000 residents -> 20.00 per 10,000;
    # environment score 70 + 4 = 74.0.
    assert tiles["治安发案率"] == "20.00起/万人"
    assert tiles["环境管理质量"] == "74.0分"


def test_next_and_previous_move_one_slide_and_stop_at_the_ends(presenting):
    at = presenting
    first = at.title[0].value
    assert at.button(key="present_prev").disabled
    at.button(key="present_next").click().run()
    assert url(at, "slide") == ["2"] and at.title[0].value != first
    at.button(key="present_prev").click().run()
    assert url(at, "slide") == ["1"] and at.title[0].value == first
    for _ in range(8):  # nine slides: 本期变化 after the outcomes
        at.button(key="present_next").click().run()
    assert url(at, "slide") == ["9"]
    assert at.button(key="present_next").disabled
    assert any("9 / 9" in h.value for h in at.get("html") if hasattr(h, "value"))


def test_the_slide_number_in_the_link_opens_that_slide(fixture_dir, monkeypatch):
    titles = []
    for n in (4, 8):
        at = app_on(fixture_dir, monkeypatch)
        at.query_params.update({"present": "1", "slide": str(n)})
        at.run()
        assert not at.exception and not at.error
        assert url(at, "slide") == [str(n)]
        titles.append(at.title[0].value)
    assert titles[0] != titles[1]
    assert "区域大党建" in _unescaped(titles[0])  # slide 4: the first platform (本期变化 is 3)


def test_a_bad_slide_number_is_said_in_chinese_and_opens_slide_one(fixture_dir, monkeypatch):
    at = app_on(fixture_dir, monkeypatch)
    at.query_params.update({"present": "1", "slide": "abc"})
    at.run()
    assert not at.exception and not at.error
    messages = [_unescaped(t.value) for t in at.toast]
    assert any("参数 slide" in m and "“abc”" in m and "第 1 页" in m for m in messages), messages
    assert url(at, "slide") == ["1"]
    assert _unescaped(at.title[0].value) == "芦潮港镇“四个平台”建设情况"


def test_the_sidebar_button_enters_and_exit_returns_with_the_filters(fixture_dir, monkeypatch):
    at = app_on(fixture_dir, monkeypatch)
    at.query_params.update({"c": "C02", "basis": "yoy"})
    at.run()
    assert "flt_communities" in _filter_widgets(at) or at.multiselect(key="flt_communities")
    at.button(key="present_enter").click().run()
    assert url(at, "present") == ["1"] and url(at, "slide") == ["1"]
    assert _filter_widgets(at) == []
    at.button(key="present_exit").click().run()
    assert not at.exception and not at.error
    assert url(at, "present") == [] and url(at, "slide") == []
    assert at.multiselect(key="flt_communities").value == ["C02"]
    assert url(at, "c") == ["C02"] and url(at, "basis") == ["yoy"]


def test_english_switch_translates_the_slides(presenting):
    at = presenting
    at.button(key="present_lang").click().run()
    assert not at.exception and not at.error
    assert url(at, "lang") == ["en"]
    assert not re.search(r"[\u4e00-\u9fff]", _unescaped(at.title[0].value))
    at.button(key="present_next").click().run()
    labels = [_unescaped(m.label) for m in at.metric]
    assert labels and not any(re.search(r"[\u4e00-\u9fff]", label) for label in labels)


# ---- the briefing files behind the 汇报材料 button ---------------------------------------------


def test_briefing_files_and_names_follow_the_filters(fixture_dir, monkeypatch):
    import io
    from datetime import date

    from pptx import Presentation

    from governance.briefing.content import file_stem
    from governance.filters import Filters

    monkeypatch.setenv("GOVERNANCE_DATA_DIR", str(fixture_dir))
    f = Filters(date(2010, 7, 1), date(2011, 4, 1), ("C01",), "qoq", "zh")
    deck = present.deck(f)
    # the name is worked out without the slides, and is the file's own name
    assert present.briefing_name(f, "pptx") == f"{file_stem(deck)}.pptx"
    assert present.briefing_name(f, "html") == "芦潮港镇四个平台汇报_甲社区_2010Q3-2011Q2.html"
    page = present.briefing_file(f, "html").decode("utf-8")
    for slide in deck.slides:
        assert slide.title in page
    prs = Presentation(io.BytesIO(present.briefing_file(f, "pptx")))
    assert len(prs.slides) == len(deck.slides) == 9


def test_every_page_offers_the_briefing_download(fixture_dir, monkeypatch):
    at = app_on(fixture_dir, monkeypatch)
    at.query_params.update({"c": "C02", "from": "2010Q3", "to": "2011Q2"})
    at.run()
    assert not at.exception and not at.error
    buttons = {b.key for b in at.get("download_button")}
    assert {"ov_briefing_html", "ov_briefing_pptx"} <= buttons


def test_a_bad_auto_value_is_said_and_turns_nothing(fixture_dir, monkeypatch):
    at = app_on(fixture_dir, monkeypatch)
    at.query_params.update({"present": "1", "slide": "2", "auto": "5"})
    at.run()
    assert not at.exception and not at.error
    messages = [_unescaped(t.value) for t in at.toast]
    assert any("参数 auto" in m and "“5”" in m for m in messages), messages
    assert url(at, "auto") == [] and url(at, "slide") == ["2"]


def test_exit_returns_to_the_page_it_was_opened_on(fixture_dir, monkeypatch):
    at = app_on(fixture_dir, monkeypatch)
    at.run()
    at.switch_page("views/party.py").run()
    party_title = at.title[0].value
    at.button(key="present_enter").click().run()
    assert url(at, "present") == ["1"] and _filter_widgets(at) == []
    at.button(key="present_next").click().run()
    at.button(key="present_exit").click().run()
    assert not at.exception and not at.error
    assert at.title[0].value == party_title
    assert url(at, "present") == [] and "flt_communities" in _filter_widgets(at)
