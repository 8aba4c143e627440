"""会议 and 事件标注 in the real Chromium (Debian's), as a town secretary uses them, on one app
served on a copy of the demo data with its own state store and login off:

1. presentation mode records this meeting in one click without moving the show; compared with
   it (?since=1), the overview says the data has not moved since;
2. a new quarter of outcomes uploaded and committed on the 数据管理 page: the overview's
   上次会议以来 names the change with its numbers, and presentation mode's slide 2 carries it;
3. a typhoon added with the 添加事件标注 form on the 长效管理 page: numbered under a trend chart,
   and a footnote in the HTML and PowerPoint briefing files downloaded from the page.

The tests run in this order and build on each other (one meeting, then the new quarter).
"""

from __future__ import annotations

import io
import re
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from governance import periods
from governance.i18n import t
from governance.meetings.store import date_text
from scripts.browser import wait_for_app
from tests.conftest import environ, serve
from tests.fixtures.browser import choose

pytestmark = pytest.mark.browser


@pytest.fixture
def page(module_tab):
    """Every test in one tab (conftest.module_tab): none logs in or keeps browser state."""
    return module_tab


LAST_QUARTER = date(2011, 10, 1)  # the demo data's last quarter (2011Q4)
NEW_QUARTER = "2012-01-01"
TYPHOON = "台风“梅花”过境"
TYPHOON_DAY = "2011-11-15"  # in 2011Q4
# The one event on the page, as the list under a chart and a slide's footnote number it.
TYPHOON_LINE = f"1. {TYPHOON_DAY}【天气】全镇：{TYPHOON}"


@pytest.fixture(scope="module")
def town(demo_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    """The real app on a copy of the demo data, its own state folder, login off."""
    root = tmp_path_factory.mktemp("meetings_browser")
    folder = root / "data"
    shutil.copytree(demo_dir, folder)
    state = str(root / "state")
    unset = {"GOVERNANCE_STATE_URL": None, "GOVERNANCE_AUTH": None}
    with environ(GOVERNANCE_STATE_DIR=state, **unset), serve(folder) as base:
        yield base, folder, root


def wait_text(where, text: str, timeout: int = 60_000) -> None:
    where.get_by_text(text).first.wait_for(timeout=timeout)


def no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "Traceback" not in page.inner_text("body")


def open_page(page, url: str) -> None:
    page.goto(url)
    wait_for_app(page, 90_000)
    no_exception(page)


def since_sentences(page) -> list[str]:
    """The sentences of the overview's 上次会议以来 block, in order."""
    block = page.locator(".st-key-ov_since")
    block.wait_for(timeout=60_000)
    return [s.inner_text().strip() for s in block.locator('[data-testid="stText"]').all()]


def open_presentation(page, url: str) -> None:
    page.goto(url)
    # a first run can report "not running" before the deck is drawn
    page.locator(".st-key-present_deck").wait_for(timeout=90_000)
    wait_for_app(page, 90_000)
    no_exception(page)


def download(page, menu: str, item: str) -> bytes:
    """Open the popover ``menu`` (汇报材料) and download its ``item``."""
    page.get_by_role("button", name=menu).first.click()
    button = page.get_by_role("button", name=item)
    button.wait_for(timeout=30_000)
    with page.expect_download(timeout=180_000) as got:
        button.click()
    data = Path(got.value.path()).read_bytes()
    page.keyboard.press("Escape")  # close the popover
    return data


def petitions_then_now(folder: Path) -> tuple[pd.DataFrame, int, int]:
    """The new quarter's rows (the last quarter's, petitions halved) and the town's petitions
    in the last quarter and in the new one."""
    outcomes = pd.read_parquet(folder / "outcomes.parquet")
    last = outcomes[outcomes["quarter"].astype(str) == LAST_QUARTER.isoformat()].copy()
    assert len(last) == 8  # seven communities and the village
    then = int(last["petitions"].sum())
    new = last.copy()
    new["quarter"] = NEW_QUARTER
    new["petitions"] = new["petitions"] // 2
    now = int(new["petitions"].sum())
    assert then >= 10 and now < then  # enough cases for the town's change to be named
    return new, then, now


# ---- 1 -------------------------------------------------------------------------------------------
def test_presentation_mode_records_the_meeting_in_one_click_without_moving_the_show(page, town):
    base, _folder, _root = town
    open_presentation(page, f"{base}/?present=1&slide=3")
    wait_text(page, "第 3 / 10 页")  # ten slides: 本期变化 third, the map after the ranking
    page.get_by_role("button", name="记录本次会议").click()
    toast = page.locator('[data-testid="stToast"]').filter(has_text="已记录第 1 号会议")
    toast.first.wait_for(timeout=60_000)
    # Today's meeting is the one in progress: the show keeps its slides and their numbers (a
    # link to slide 3 still opens slide 3), and 上次会议以来 stays with the meeting before it.
    open_presentation(page, f"{base}/?present=1&slide=3")
    wait_text(page, "第 3 / 10 页")  # ten slides: 本期变化 third, the map after the ranking
    open_page(page, base)
    none = t("meet.digest.none", "zh")
    wait_text(page.locator(".st-key-ov_since"), none)
    assert since_sentences(page) == [none]

    # compared with it on purpose (?since=1): it saw the data's last quarter, nothing moved
    open_page(page, f"{base}/?since=1")
    unmoved = t(
        "meet.digest.unmoved",
        "zh",
        date=date_text(date.today(), "zh"),  # recorded today, by the server on this machine
        then=periods.display(LAST_QUARTER, "zh"),
        quarter=periods.display(LAST_QUARTER, "zh"),
    )
    wait_text(page.locator(".st-key-ov_since"), unmoved)
    assert since_sentences(page) == [unmoved]


# ---- 2 -------------------------------------------------------------------------------------------
def test_a_new_quarter_committed_on_the_data_page_is_named_since_the_meeting(page, town, tmp_path):
    base, folder, _root = town
    rows, then, now = petitions_then_now(folder)
    csv = tmp_path / "outcomes.csv"
    rows.to_csv(csv, index=False)

    open_page(page, f"{base}/data")
    uploader = page.locator('.st-key-data_upload [data-testid="stFileUploaderDropzoneInput"]')
    uploader.set_input_files(str(csv))
    wait_text(page, "新增 8 行", 90_000)
    wait_for_app(page)
    accept = page.locator(".st-key-data_accept_warnings label")
    if accept.count():  # halving small counts is a jump the report warns about
        accept.click()
        wait_for_app(page)
    commit = page.locator(".st-key-data_commit button:not([disabled])")
    commit.wait_for(timeout=60_000)
    commit.click()
    wait_text(page, "已提交：当前数据为第 2 版")

    # The default period ends at the quarter of the data date (数据截至), the latest dated
    # record of the event tables (governance/filters.py default_filters): a quarterly table
    # such as outcomes running ahead does not move it, so the new quarter is chosen in the URL.
    open_page(page, f"{base}/?to=2012Q1&since=1")  # since the meeting recorded above
    moved = f"信访总量由 {then}件 降至 {now}件（-{then - now}）"
    wait_text(page.locator(".st-key-ov_since"), moved)
    no_exception(page)
    sentences = since_sentences(page)
    assert sentences[0].startswith(
        f"上次会议（{date_text(date.today(), 'zh')}）以来，数据由2011年第4季度更新至2012年第1季度："
    )
    assert any(s.startswith(moved) and s.endswith("。") for s in sentences[1:])

    # presentation mode: the slide after the title is the same digest, with its table
    open_presentation(page, f"{base}/?to=2012Q1&since=1&present=1&slide=2")
    title = page.locator('.st-key-present_top [data-testid="stHeading"]')
    title.first.wait_for(timeout=60_000)
    assert title.first.inner_text().strip().startswith("上次会议（")
    row = page.locator(".st-key-present_deck table.pr-table tr").filter(has_text="信访总量")
    row.first.wait_for(timeout=60_000)
    cells = [c.strip() for c in row.first.locator("td").all_inner_texts()]
    assert cells[:4] == ["信访总量", f"{then}件", f"{now}件", f"-{then - now}"]
    assert moved in page.inner_text(".st-key-present_deck")


# ---- 3 -------------------------------------------------------------------------------------------
def set_date(page, key: str, day: str) -> None:
    """Type ``day`` (2011-11-15) into the date field with widget key ``key``, segment by
    segment (year, month, day spin buttons)."""
    segments = page.locator(f".st-key-{key}").get_by_role("spinbutton")
    segments.first.wait_for(timeout=30_000)
    for segment, value in zip(segments.all(), day.split("-"), strict=True):
        segment.click()
        page.keyboard.type(value)
    for segment, value in zip(segments.all(), day.split("-"), strict=True):
        assert segment.get_attribute("aria-valuenow") == str(int(value))


def pptx_paragraphs(data: bytes) -> list[list[str]]:
    """Every slide's paragraphs, slide by slide (python-pptx)."""
    from pptx import Presentation

    slides = []
    for slide in Presentation(io.BytesIO(data)).slides:
        texts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts += [p.text.strip() for p in shape.text_frame.paragraphs]
        slides.append(texts)
    return slides


def test_an_event_added_on_the_longterm_page_is_under_its_chart_and_in_both_files(page, town):
    base, _folder, _root = town
    open_page(page, f"{base}/longterm")
    # the event panel is under the trend charts, in the 季度趋势 section (only the open runs)
    page.locator(".st-key-longterm_section [role=tab]", has_text="季度趋势").first.click()
    wait_for_app(page)
    page.get_by_text("添加事件标注", exact=True).first.click()
    key = "longterm_event_add"
    set_date(page, f"{key}_start", TYPHOON_DAY)
    choose(page, f"{key}_category", "天气")
    page.locator(f".st-key-{key}_text input").fill(TYPHOON)
    assert page.locator(f".st-key-{key}_communities").inner_text().count("全镇")  # none chosen
    form = page.locator('[data-testid="stForm"]').filter(has=page.locator(f".st-key-{key}_text"))
    form.get_by_role("button", name="添加", exact=True).click()
    wait_text(page, "已添加事件标注 1。")
    wait_for_app(page)
    no_exception(page)

    # numbered under the trend charts of the page, as text
    under_chart = (
        page.locator('[data-testid="stColumn"]')
        .filter(has=page.locator('[data-testid="stPlotlyChart"]'))
        .locator('[data-testid="stCaptionContainer"]')
        .filter(has_text=TYPHOON_LINE)
    )
    under_chart.first.wait_for(timeout=60_000)
    assert under_chart.count() >= 1

    # the briefing files from the page's 汇报材料 button carry it as a footnote
    html = download(page, "汇报材料", "网页版（HTML）").decode("utf-8")
    assert re.search(r'<div class="notes">(<p>[^<]*</p>)*<p>' + re.escape(TYPHOON_LINE), html)
    wait_for_app(page)
    deck = download(page, "汇报材料", "PowerPoint（PPTX）")
    with_note = [texts for texts in pptx_paragraphs(deck) if TYPHOON_LINE in texts]
    assert with_note, "the typhoon is a footnote on a slide"
    assert any("长效管理" in " ".join(texts) for texts in with_note)
