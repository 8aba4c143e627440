"""督办 in the files: the 督办台账 (governance/duban/ledger.py) and the briefing's 督办 slide
(governance/briefing/duban.py, content.build_deck(..., duban=rows), the HTML and the
PowerPoint), on items made by hand in a fresh state store and the hand-made data fixture
(甲社区 C01, 乙社区 C02, 丙村 V01, 甲物业 P01; the data runs to 2011-06-30, "today").

The items (made on 2011-03-01, counted on 2011-06-30):

    A  C01 甲社区居委会  楼道堆物清理       deadline 06-01  29 days overdue, one feedback
    B  C01 甲物业        物业费收缴率 (fee_collection_rate)  06-20  10 days overdue
    C  C02 甲物业        <b>x</b>           07-10  10 days left
    D  town 镇文明办     =cmd|' /C calc'!A0 06-29  1 day overdue
    E  C02 乙社区居委会  已办结的事项       06-15  closed: on no slide
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from pptx import Presentation

from governance import db
from governance.briefing import build_deck, html, pptx
from governance.briefing import content as bc
from governance.briefing import duban as follow
from governance.briefing.model import DUBAN_TABLE
from governance.duban import ledger, report, store
from governance.duban.rules import Reading
from governance.filters import Filters
from governance.viewmodels import duban as view

TODAY = date(2011, 6, 30)
MADE = date(2011, 3, 1)
PERIOD = Filters(date(2010, 4, 1), date(2011, 4, 1))
EVIL = "=cmd|' /C calc'!A0"


@pytest.fixture(scope="module")
def run(fixture_dir):
    con = db.connect(fixture_dir)
    yield bc.db_runner(con, db.WHOLE_TOWN)
    con.close()


@pytest.fixture
def items(tmp_path: Path, monkeypatch) -> dict[str, store.Item]:
    monkeypatch.setenv("GOVERNANCE_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("GOVERNANCE_STATE_URL", raising=False)

    def make(title, deadline, kind, unit, community, **kw):
        return store.create(
            "wang",
            None,
            title=title,
            deadline=deadline,
            unit_kind=kind,
            unit=unit,
            day=MADE,
            community=community,
            **kw,
        )

    a = make("楼道堆物清理", date(2011, 6, 1), "committee", "C01", "C01")
    store.add_feedback("li", None, a.id, "已清理一半", date(2011, 6, 10))
    b = make(
        "物业费收缴率",
        date(2011, 6, 20),
        "company",
        "P01",
        "C01",
        subject="indicator",
        indicator="fee_collection_rate",
    )
    c = make("<b>x</b>", date(2011, 7, 10), "company", "P01", "C02")
    d = make(EVIL, date(2011, 6, 29), "text", "镇文明办", None)
    e = make("已办结的事项", date(2011, 6, 15), "committee", "C02", "C02")
    store.change_status("li", None, e.id, "closed", TODAY, evaluation="satisfied")
    return {"A": store.get(a.id, None), "B": b, "C": c, "D": d, "E": store.get(e.id, None)}


def rows_of(run, scope, lang="zh", found=None):
    names = report.names(run("communities_list", {}), lang)
    return view.rows(store.list_for(scope), names, TODAY, lang, found or {})


# ---- the 督办台账 ------------------------------------------------------------------------------


def sheet_values(data: bytes) -> tuple[str, list[list[object]], list[str]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    ws = book.active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    kinds = [c.data_type for row in ws.iter_rows() for c in row]
    return ws.title, values, kinds


def test_the_ledger_holds_every_item_with_the_page_columns(run, items):
    rows = rows_of(run, None)
    title, values, kinds = sheet_values(ledger.workbook(rows, "zh", "全镇", TODAY))
    assert title == "督办台账"
    assert values[0][0] == "督办台账 · 全镇 · 截至 2011-06-30（5 项）"
    assert values[1] == [
        "编号",
        "事项",
        "时限",
        "状态",
        "责任单位",
        "责任人",
        "截止日期",
        "社区",
        "督办对象",
        "最新反馈",
        "数据提示",
        "交办会议",
        "办结评价",
    ]
    by_id = {r[0]: r for r in values[2:]}
    assert len(by_id) == 5
    a = by_id[items["A"].id]
    assert a[1:10] == [
        "楼道堆物清理",
        "逾期29天",
        "已交办",
        "甲社区居委会",
        None,  # no person: an empty cell
        "2011-06-01",
        "甲社区",
        "其他事项 · 甲社区",
        "6月10日 li：已清理一半",
    ]
    assert by_id[items["B"].id][8] == "物业费收缴率 · 甲社区"
    assert by_id[items["C"].id][1] == "<b>x</b>"  # a spreadsheet shows text as typed
    assert by_id[items["E"].id][2:4] == ["2011-06-30办结", "已办结"]  # when, then the status
    assert by_id[items["E"].id][12] == "满意"
    # the formula is text, marked with Excel's quote: no cell is a formula
    assert by_id[items["D"].id][1] == "'" + EVIL
    assert (by_id[items["D"].id][7], by_id[items["D"].id][4]) == ("全镇", "镇文明办")
    assert "f" not in kinds


def test_a_scoped_ledger_holds_only_its_communities_items(run, items):
    rows = rows_of(run, ("C01",))
    _, values, _ = sheet_values(ledger.workbook(rows, "zh", "甲社区", TODAY))
    assert values[0][0] == "督办台账 · 甲社区 · 截至 2011-06-30（2 项）"
    assert sorted(r[0] for r in values[2:]) == sorted([items["A"].id, items["B"].id])
    assert not any(EVIL in str(v) or "<b>" in str(v) for row in values for v in row)


def test_the_ledger_in_english(run, items):
    rows = rows_of(run, ("C02",), "en")
    title, values, _ = sheet_values(ledger.workbook(rows, "en", "Yi", TODAY))
    assert (title, values[0][0]) == (
        "Follow-ups",
        "Follow-up ledger · Yi · as of 2011-06-30 (2 items)",
    )
    assert values[1][:3] == ["No.", "Item", "Time"]
    assert [r[2] for r in values[2:]] == ["10 days left", "closed 2011-06-30"]


def test_the_ledger_file_name_is_safe():
    day = date(2011, 12, 26)
    assert ledger.file_name("全镇", day, "zh") == "督办台账_全镇_2011-12-26.xlsx"
    assert ledger.file_name("Town", day, "en") == "follow-ups_Town_2011-12-26.xlsx"
    assert (
        ledger.file_name("3 communities", day, "en") == "follow-ups_3-communities_2011-12-26.xlsx"
    )
    assert ledger.file_name('../a/b:"c"', day, "zh") == "督办台账_a-b-c_2011-12-26.xlsx"


# ---- the briefing's 督办 slide -------------------------------------------------------------


def duban_table(deck):
    return deck.slide("follow_up").keyed(DUBAN_TABLE)


def test_the_slide_lists_the_open_items_by_unit_most_overdue_first(run, items):
    deck = build_deck(run, PERIOD, "zh", duban=rows_of(run, None))
    slide = deck.slide("follow_up")
    table = duban_table(deck)
    assert table.title == "督办事项（按责任单位）"
    assert table.columns == ("责任单位", "事项", "社区", "截止日期", "状态", "时限", "最新反馈")
    assert table.group_column == 0
    assert table.rows == (
        ("甲社区居委会", "楼道堆物清理", "甲社区", "2011-06-01", "已交办", "逾期29天",
         "6月10日 li：已清理一半"),
        ("甲物业", "物业费收缴率", "甲社区", "2011-06-20", "已交办", "逾期10天", "暂无反馈"),
        ("甲物业", "<b>x</b>", "乙社区", "2011-07-10", "已交办", "剩10天", "暂无反馈"),
        ("镇文明办", EVIL, "全镇", "2011-06-29", "已交办", "逾期1天", "暂无反馈"),
    )  # fmt: skip
    assert [x[5] for x in table.lights] == ["red", "red", None, "red"]
    assert slide.sentences[0] == (
        "督办事项 4 项未办结，其中逾期 3 项（最久：楼道堆物清理，甲社区居委会，逾期29天）。"
    )
    # the subtitle names the items too: they may be assigned today, not open for 30 days
    assert slide.subtitle == (
        "已交办的督办事项，以及截至 2011-06-30 仍未办结且已超过 30 天的联席会议议题和网格案件"
    )
    # the overdue cases' tables stay, in their places, the items' table after them
    assert [x.title for x in slide.tables] == [
        "按社区汇总",
        "距目标最远的指标",
        "未办结事项明细（按社区，挂账最久在前）",
        "督办事项（按责任单位）",
    ]


def test_the_slide_without_items_is_as_before(run, items):
    before = build_deck(run, PERIOD, "zh").slide("follow_up")
    assert before.keyed(DUBAN_TABLE) is None and len(before.tables) == 3
    closed_only = [r for r in rows_of(run, None) if not r.open]
    slide = build_deck(run, PERIOD, "zh", duban=closed_only).slide("follow_up")
    assert slide.keyed(DUBAN_TABLE) is None
    assert slide.sentences == ("暂无未办结的督办事项。", *before.sentences)
    assert (
        slide.subtitle
        == before.subtitle
        == ("截至 2011-06-30 仍未办结且已超过 30 天的联席会议议题和网格案件")
    )


def test_the_recovery_suggestion_is_in_the_sentence(run, items):
    q1, q2 = date(2011, 1, 1), date(2011, 4, 1)
    green = {("fee_collection_rate", "C01"): Reading(((q1, "green"), (q2, "green")), q2)}
    deck = build_deck(run, PERIOD, "zh", duban=rows_of(run, None, found=green))
    assert (
        deck.slide("follow_up")
        .sentences[0]
        .endswith("逾期29天）。1 项指标已连续两个季度达标，建议办结。")
    )
    one = {("fee_collection_rate", "C01"): Reading(((q1, "red"), (q2, "green")), q2)}
    deck = build_deck(run, PERIOD, "zh", duban=rows_of(run, None, found=one))
    assert "建议办结" not in deck.slide("follow_up").sentences[0]


@pytest.mark.parametrize("own", [None, ("C01",)])
def test_a_scoped_deck_holds_no_other_communitys_item(run, items, own):
    # given every item (a caller's slip), a deck of C01 keeps C01's: chosen or the user's own
    f = Filters(PERIOD.period_from, PERIOD.period_to, ("C01",) if own is None else ())
    deck = build_deck(run, f, "zh", own=own, duban=rows_of(run, None))
    assert [r[1] for r in duban_table(deck).rows] == ["楼道堆物清理", "物业费收缴率"]
    assert deck.slide("follow_up").sentences[0].startswith("督办事项 2 项未办结，其中逾期 2 项")
    page = html.render(deck)
    shown = Presentation(io.BytesIO(pptx.render(deck)))
    texts = " ".join(
        cell.text
        for s in shown.slides
        for shape in s.shapes
        if shape.has_table
        for row in shape.table.rows
        for cell in row.cells
    )
    for other in ("&lt;b&gt;x&lt;/b&gt;", "镇文明办", "cmd|"):
        assert other not in page
    for other in ("<b>x</b>", "镇文明办", "cmd|"):
        assert other not in texts
    assert "楼道堆物清理" in page and "楼道堆物清理" in texts


def test_the_files_show_the_items_titles_as_text(run, items):
    deck = build_deck(run, PERIOD, "zh", duban=rows_of(run, None))
    page = html.render(deck)
    assert "&lt;b&gt;x&lt;/b&gt;" in page and "<b>x</b>" not in page
    assert page.count("督办事项（按责任单位）") == 1
    shown = Presentation(io.BytesIO(pptx.render(deck)))
    slide = shown.slides[len(deck.slides) - 1]
    tables = [shape.table for shape in slide.shapes if shape.has_table]
    assert [c.text for c in tables[0].rows[0].cells][:2] == ["责任单位", "事项"]
    assert [c.text for c in tables[0].rows[3].cells][:2] == ["甲物业", "<b>x</b>"]
    assert len(tables) == 2  # the items and the overdue cases (furthest: in the sentence)
    words = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    assert "督办事项 4 项未办结" in words


def test_the_files_list_five_items_and_say_how_many_more(run, items):
    for n in range(3):
        store.create(
            "wang", None, title=f"加项{n}", deadline=date(2011, 8, 1), unit_kind="text",
            unit="镇城建办", day=MADE,
        )  # fmt: skip
    deck = build_deck(run, PERIOD, "zh", duban=rows_of(run, None))
    assert len(duban_table(deck).rows) == 7  # the model holds every open item
    shown, more = follow.first_rows(duban_table(deck), "zh")
    assert (len(shown.rows), more) == (5, "另有 2 项未列出，见督办台账。")
    assert "另有 2 项未列出，见督办台账。" in html.render(deck)
    prs = Presentation(io.BytesIO(pptx.render(deck)))
    words = " ".join(
        s.text_frame.text for s in prs.slides[len(deck.slides) - 1].shapes if s.has_text_frame
    )
    assert "另有 2 项未列出，见督办台账。" in words


def test_long_texts_are_cut_with_an_ellipsis():
    assert follow.clip("短", 10) == "短"
    assert follow.clip("一二三四五六", 12) == "一二三四五六"  # 12 wide: fits exactly
    assert follow.clip("一二三四五六七", 12) == "一二三四五…"  # 10 + the ellipsis
    assert follow.clip("abcdefghijkl", 10) == "abcdefghi…"
    assert follow.clip("第一行\n第二行   三", 40) == "第一行 第二行 三"
