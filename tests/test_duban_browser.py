"""督办 end to end in the real Chromium (Debian's), as the town's office uses it, on one app
served on a copy of the demo data with its own state store and login off (everyone writes):

1. from 海港社区's red 区域大党建 cell in the overview's ranking (联席会议议题解决率 50.0%,
   target 85.0%, in 2011Q4: the demo's 1 of 2 issues, plus eight raised at its meeting of
   2011-11-16 of which four were resolved — 5 of 10, enough cases to be coloured under the
   small-sample rule, where 1 of 2 is 样本少 and never red) the 交办 form assigns an item
   to 海港社区居委会 with a deadline;
   the cell carries the mark, and presentation mode's 督办 slide (found by its title) lists
   the item under its unit;
2. feedback recorded on the 督办 page shows in the item's steps;
3. two new quarters (2012Q1, 2012Q2) uploaded and committed on the 数据管理 page through its
   uploader (upsert, warnings accepted if any) — one workbook, three sheets: the town's
   outcomes of both quarters (2011Q4's, copied: the indicators' quarters are the outcomes'),
   three joint meetings of 海港社区 and the twenty issues they raised, all resolved: 100% of
   10 in both quarters (not a small sample), on target twice in a row;
4. the item then says "指标已连续两个季度达标，建议办结"; it is closed with 满意, the mark
   leaves the ranking, and the 督办台账 downloaded from the page opens in openpyxl with the
   item, 已办结 and 满意.

Every request the browser makes is recorded; none may go to another host.

Days, worked out by hand. The demo data runs to 2011-12-26, over a year before the server's
date, so days overdue count to the data's date (governance/duban/rules.today). The deadline
is 2012-03-31: on 2011-12-26 that is 5 + 31 + 29 + 31 = 96 days away (剩96天). The upload's
last joint meeting is on 2012-05-15, which becomes the data's date: the item is then
30 + 15 = 45 days past its deadline (逾期45天); the indicator read green in 2012Q1, the last
quarter begun by the deadline, so "到期时指标仍未达标" is not said.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook

from scripts.browser import wait_for_app
from tests.conftest import environ, serve
from tests.fixtures.browser import choose, open_section, outside

pytestmark = pytest.mark.browser

TITLE = "海港社区联席会议议题解决率未达标（50.0%，目标 85.0%）"  # prefilled from the light
# the title in the slide's cell, 24 wide (a Chinese character counts two: views/present/slides.py)
SLIDE_TITLE = "海港社区联席会议议题解…"
PICK = "海港社区 · 联席会议议题解决率 50.0% · × 未达标（目标 85.0%）"
UNIT = "海港社区居委会"
PERSON = "王海燕"
DEADLINE = "2012-03-31"
FEEDBACK = "已约谈海港社区居委会，未解决议题逐项销号"
BEFORE = "剩96天"  # 2011-12-26 -> 2012-03-31
AFTER = "逾期45天"  # 2012-03-31 -> 2012-05-15
RECOVERED = "指标已连续两个季度达标，建议办结"
CELL_BEFORE = "50.0% · × 未达标"  # 海港社区's 区域大党建 cell in 2011Q4 (5 resolved of 10)


def ten_issues_in_2011q4(folder: Path) -> None:
    """Eight more issues at 海港社区's joint meeting JM0241 (2011-11-16), four resolved on
    2011-12-01: with the demo's JI0538 (open) and JI0539 (resolved) that is 5 of 10."""
    issues = pq.read_table(folder / "meeting_issues.parquet")
    assert not set(issues.column("issue_id").to_pylist()) & {f"JI{n:04d}" for n in range(590, 598)}
    extra = pa.Table.from_pylist(
        [
            {
                "issue_id": f"JI{590 + n:04d}",
                "meeting_id": "JM0241",
                "community_id": "C01",
                "category": ("乱停车", "公共区域堆物", "毁绿踩踏", "违章搭建")[n % 4],
                "raised_date": date(2011, 11, 16),
                "resolved_date": date(2011, 12, 1) if n < 4 else None,
            }
            for n in range(8)
        ],
        schema=issues.schema,
    )
    pq.write_table(pa.concat_tables([issues, extra]), folder / "meeting_issues.parquet")


@pytest.fixture(scope="module")
def town(demo_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    """The real app on a copy of the demo data, its own state folder, login off."""
    root = tmp_path_factory.mktemp("duban_browser")
    folder = root / "data"
    shutil.copytree(demo_dir, folder)
    ten_issues_in_2011q4(folder)
    state = str(root / "state")
    unset = {"GOVERNANCE_STATE_URL": None, "GOVERNANCE_AUTH": None}
    with environ(GOVERNANCE_STATE_DIR=state, **unset), serve(folder) as base:
        yield base, folder


def two_quarters(folder: Path, out: Path) -> Path:
    """The clerk's workbook: 2011Q4's outcomes again for 2012Q1 and 2012Q2 (every community),
    海港社区 (C01)'s joint meetings of 2012-02-15, 2012-04-12 and 2012-05-15, and ten issues
    raised at each of the first two (ten: not a small sample), all resolved in the quarter
    they were raised in."""
    outcomes = pd.read_parquet(folder / "outcomes.parquet")
    last = outcomes[outcomes["quarter"].astype(str) == "2011-10-01"]
    assert len(last) == 8  # seven communities and the village
    quarters = pd.concat([last.assign(quarter=q) for q in ("2012-01-01", "2012-04-01")])
    meetings = pd.read_parquet(folder / "joint_meetings.parquet")
    issues = pd.read_parquet(folder / "meeting_issues.parquet")
    assert not meetings["meeting_id"].isin(["JM0253", "JM0254", "JM0255"]).any()
    assert not issues["issue_id"].isin([f"JI{n:04d}" for n in range(564, 584)]).any()
    new_meetings = pd.DataFrame(
        {
            "meeting_id": ["JM0253", "JM0254", "JM0255"],
            "community_id": ["C01"] * 3,
            "date": ["2012-02-15", "2012-04-12", "2012-05-15"],
            "units_present": [5, 6, 5],
        }
    )
    raised = [("JM0253", "2012-02-15", "2012-03-10"), ("JM0254", "2012-04-12", "2012-05-08")]
    categories = ("乱停车", "公共区域堆物", "毁绿踩踏", "违章搭建")
    new_issues = pd.DataFrame(
        [
            {
                "issue_id": f"JI{564 + 10 * i + j:04d}",
                "meeting_id": meeting,
                "community_id": "C01",
                "category": categories[j % 4],
                "raised_date": day,
                "resolved_date": resolved,
            }
            for i, (meeting, day, resolved) in enumerate(raised)
            for j in range(10)
        ]
    )
    with pd.ExcelWriter(out) as book:
        quarters.to_excel(book, sheet_name="outcomes", index=False)
        new_meetings.to_excel(book, sheet_name="joint_meetings", index=False)
        new_issues.to_excel(book, sheet_name="meeting_issues", index=False)
    return out


# ---- the page, step by step ------------------------------------------------------------------
def no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "Traceback" not in page.inner_text("body")


def open_page(page, url: str) -> None:
    page.goto(url)
    wait_for_app(page, 90_000)
    no_exception(page)


def wait_text(where, text: str, timeout: int = 60_000) -> None:
    where.get_by_text(text).first.wait_for(timeout=timeout)


def set_date(page, key: str, day: str) -> None:
    """Type ``day`` (2012-03-31) into the date field with widget key ``key``, segment by
    segment (year, month, day spin buttons)."""
    segments = page.locator(f".st-key-{key}").get_by_role("spinbutton")
    segments.first.wait_for(timeout=30_000)
    for segment, value in zip(segments.all(), day.split("-"), strict=True):
        segment.click()
        page.keyboard.type(value)
    # Leave the field: the value goes to the app when the focus leaves the three segments
    # (a Tab from the day only reaches the field's own calendar button).
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    wait_for_app(page)
    for segment, value in zip(segments.all(), day.split("-"), strict=True):
        assert segment.get_attribute("aria-valuenow") == str(int(value))


def ranking_cells(page, community: str) -> list[str]:
    """The cells of ``community``'s row in the overview's ranking, as the grid says them."""
    open_section(page, "ov_section", "社区 × 平台 排名")
    ranking = page.locator(".st-key-ov_ranking")
    ranking.scroll_into_view_if_needed()
    row = ranking.locator('[role="row"]').filter(has_text=community).first
    row.locator('[role="gridcell"]').first.wait_for(state="attached", timeout=60_000)
    return [c.strip() for c in row.locator('[role="gridcell"]').all_inner_texts()]


def the_item(page):
    """The 督办 page's expander of item 1 (opened)."""
    expander = page.locator('[data-testid="stExpander"]').filter(has_text="第1项 · ").first
    expander.wait_for(timeout=60_000)
    if not expander.locator("details").first.evaluate("d => d.open"):
        expander.locator("summary").click()
    expander.locator(".st-key-duban_fb_1").wait_for(timeout=30_000)
    return expander


def deck_title(page) -> str:
    heading = page.locator('.st-key-present_top [data-testid="stHeading"]').first
    heading.wait_for(timeout=60_000)
    return heading.inner_text().strip()


def open_slide(page, base: str, n: int) -> None:
    page.goto(f"{base}/?present=1&slide={n}")
    # a first run can report "not running" before the deck is drawn
    page.locator(".st-key-present_deck").wait_for(timeout=90_000)
    wait_for_app(page, 90_000)
    no_exception(page)


def duban_slide(page, base: str) -> int:
    """The number of the 督办 slide (督办事项), looked for from the last slide back."""
    open_slide(page, base, 1)
    counter = re.search(r"第 1 / (\d+) 页", page.inner_text("body"))
    assert counter, "the deck says how many slides it has"
    for n in range(int(counter.group(1)), 0, -1):
        open_slide(page, base, n)
        if deck_title(page) == "督办事项":
            return n
    raise AssertionError("no 督办事项 slide in the deck")


# ---- the test --------------------------------------------------------------------------------
def test_a_red_cell_assigned_followed_up_recovered_and_closed(town, chromium, tmp_path):
    base, folder = town
    host = urlsplit(base).netloc
    context = chromium.new_context(
        viewport={"width": 1600, "height": 1200}, locale="zh-CN", accept_downloads=True
    )
    # Any http(s) URL not on the app's own host is aborted (after being recorded below).
    context.route(re.compile(rf"^https?://(?!{re.escape(host)}/)"), lambda route: route.abort())
    seen: list[str] = []
    sockets: list[str] = []
    context.on("request", lambda r: seen.append(r.url))
    page = context.new_page()
    page.on("websocket", lambda ws: sockets.append(ws.url))

    def shot(name: str) -> None:  # for a person to look at (pytest's tmp_path)
        page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)

    try:
        # ---- 1. 交办 from the red cell -----------------------------------------------------
        open_page(page, base)
        cells = ranking_cells(page, "海港社区")
        assert any(c.startswith(CELL_BEFORE) for c in cells), cells
        assert not any("督办" in c for c in cells), cells
        page.locator(".st-key-ov_duban_assign").get_by_role("button", name="交办").click()
        dialog = page.get_by_role("dialog")
        dialog.locator(".st-key-duban_form_pick").wait_for(timeout=60_000)
        wait_for_app(page)
        choose(page, "duban_form_pick", PICK)
        assert dialog.locator(".st-key-duban_form_title input").input_value() == TITLE
        unit = dialog.locator('.st-key-duban_form_unit input[role="combobox"]')
        assert unit.input_value() == UNIT
        dialog.locator(".st-key-duban_form_person input").fill(PERSON)
        # A day before the data date stays as typed and is refused there and then, in words
        # (the picker's own minimum put it back to the default without one).
        set_date(page, "duban_form_deadline", "2011-12-01")
        assert "截止日期不能早于今天（2011-12-26）。" in dialog.inner_text()
        set_date(page, "duban_form_deadline", DEADLINE)
        assert "截止日期不能早于" not in dialog.inner_text()
        assert "本数据截至2011-12-26（历史数据），逾期天数计至该日。" in dialog.inner_text()
        shot("1_form")
        dialog.locator(".st-key-duban_form_submit").get_by_role("button", name="交办").click()
        wait_text(page, f"已交办第 1 项：{TITLE}", 90_000)
        wait_for_app(page)
        no_exception(page)
        assert page.get_by_role("dialog").count() == 0
        cells = ranking_cells(page, "海港社区")
        party = [c for c in cells if c.startswith(CELL_BEFORE)]
        assert len(party) == 1 and f"督办中·{BEFORE}" in party[0], cells
        assert sum("督办" in c for c in cells) == 1, cells  # the one cell, no other
        page.locator(".st-key-ov_ranking").screenshot(path=str(tmp_path / "2_ranking.png"))

        # ---- the 督办 slide lists it under its unit ----------------------------------------
        n = duban_slide(page, base)
        row = page.locator(".st-key-present_deck table.pr-table tr").filter(has_text=UNIT)
        row.first.wait_for(timeout=60_000)
        cells = [c.strip() for c in row.first.locator("td").all_inner_texts()]
        assert cells == [
            UNIT,
            SLIDE_TITLE,
            "海港社区",
            DEADLINE,
            "已交办",
            BEFORE,
            "暂无反馈",
        ], cells
        assert "督办事项 1 项未办结" in page.inner_text(".st-key-present_deck")
        shot(f"3_slide_{n}")

        # ---- 2. feedback on the 督办 page --------------------------------------------------
        open_page(page, f"{base}/duban")
        item = the_item(page)
        assert "已交办" in item.locator("summary").inner_text()
        item.locator(".st-key-duban_fb_1 textarea").fill(FEEDBACK)
        item.locator(".st-key-duban_fb_btn_1").get_by_role("button").click()
        wait_text(page, "第 1 项的反馈已记录。")
        wait_for_app(page)
        item = the_item(page)
        steps = [s.strip() for s in item.locator("li").all_inner_texts()]
        assert any(s.startswith("2011-12-26") and s.endswith(f"反馈：{FEEDBACK}") for s in steps), (
            steps
        )
        shot("4_feedback")

        # ---- 3. two quarters uploaded on the 数据管理 page ---------------------------------
        book = two_quarters(folder, tmp_path / "海港社区2012年上半年.xlsx")
        open_page(page, f"{base}/data")
        upsert = page.locator(".st-key-data_mode").get_by_role("radio", name="追加/更新")
        assert upsert.is_checked()  # the page's default: new rows added, rows by key updated
        uploader = page.locator('.st-key-data_upload [data-testid="stFileUploaderDropzoneInput"]')
        uploader.set_input_files(str(book))
        wait_text(page, "新增 20 行", 90_000)  # meeting_issues' preview (ten a meeting)
        wait_for_app(page)
        body = page.inner_text("body")
        assert "新增 16 行" in body and "新增 3 行" in body, body
        accept = page.locator(".st-key-data_accept_warnings label")
        if accept.count():
            accept.click()
            wait_for_app(page)
        commit = page.locator(".st-key-data_commit button:not([disabled])")
        commit.wait_for(timeout=60_000)
        shot("5_upload")
        commit.click()
        wait_text(page, "已提交：当前数据为第 2 版", 90_000)

        # the data now runs to 2012-05-15: the overview's default period ends in 2012Q2
        open_page(page, base)
        cells = ranking_cells(page, "海港社区")
        assert any(c.startswith("100.0% · √ 达标") and f"督办中·{AFTER}" in c for c in cells), cells

        # ---- 4. the suggestion, then closed with 满意 -------------------------------------
        open_page(page, f"{base}/duban")
        wait_text(page, "本数据截至2012-05-15（历史数据），逾期天数计至该日。")
        item = the_item(page)
        assert item.locator("summary").inner_text().strip().endswith(f"已交办 · {AFTER}")
        wait_text(item, RECOVERED)
        assert "到期时指标仍未达标" not in item.inner_text()
        recovered = page.locator('[data-testid="stMetric"]').filter(has_text="建议办结")
        assert recovered.locator('[data-testid="stMetricValue"]').inner_text().strip() == "1"
        shot("6_suggestion")
        choose(page, "duban_st_1", "已办结")
        item = the_item(page)
        choose(page, "duban_eval_1", "满意")
        item = the_item(page)
        item.locator(".st-key-duban_st_btn_1").get_by_role("button").click()
        wait_text(page, "第 1 项已改为“已办结”。")
        wait_for_app(page)
        no_exception(page)
        summary = page.locator('[data-testid="stExpander"] summary').filter(has_text="第1项 · ")
        assert summary.first.inner_text().strip().endswith("已办结 · 2012-05-15办结")
        shot("7_closed")

        # the 台账, downloaded from the page, opened as the office would
        button = page.get_by_role("button", name="督办台账（Excel）")
        with page.expect_download(timeout=120_000) as got:
            button.click()
        assert got.value.suggested_filename == "督办台账_全镇_2012-05-15.xlsx"
        ledger = tmp_path / got.value.suggested_filename
        got.value.save_as(ledger)
        sheet = load_workbook(ledger).worksheets[0]
        lines = [[c for c in r if c is not None] for r in sheet.iter_rows(values_only=True)]
        mine = [r for r in lines if TITLE in r]
        assert len(mine) == 1, lines
        assert "已办结" in mine[0] and "满意" in mine[0] and UNIT in mine[0], mine[0]
        assert any(FEEDBACK in str(c) for c in mine[0]), mine[0]

        # the mark has left the ranking
        open_page(page, base)
        cells = ranking_cells(page, "海港社区")
        assert cells and not any("督办" in c for c in cells), cells
        shot("8_overview")
    finally:
        context.close()

    assert len(seen) > 20, "the recording saw the app's own requests"
    assert outside(seen, host) == []
    assert sockets, "the app's websocket was seen"
    assert outside([s.replace("ws://", "http://", 1) for s in sockets], host) == []
