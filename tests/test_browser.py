"""The main paths in the real Chromium (Debian's), against the app served on the demo data."""

from __future__ import annotations

import re

import pytest

from scripts.browser import wait_for_app
from tests.fixtures.browser import open_section

pytestmark = pytest.mark.browser


@pytest.fixture
def page(module_tab):
    """Every test in one tab (conftest.module_tab): none logs in or keeps browser state."""
    return module_tab


def metric(page, label: str) -> str:
    tile = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return tile.locator('[data-testid="stMetricValue"]').inner_text().strip()


def test_overview_in_chinese_and_a_filter_changes_url_and_numbers(served_app, page, tmp_path):
    page.goto(served_app)
    wait_for_app(page)
    assert page.get_by_role("heading", name=re.compile("总览")).is_visible()
    assert "数据截至 2011-12-26" in page.inner_text("body")
    town_rate = metric(page, "治安发案率")
    town_fee = metric(page, "物业费收缴率")
    assert town_rate.endswith("起/万人") and town_fee.endswith("%")
    assert "basis=qoq" in page.url

    # Compare with the same quarter last year: the URL and the change labels follow.
    page.get_by_role("radio", name="同比").click()
    wait_for_app(page)
    # under the parallel suite the status widget can go a moment before the rerun's text comes
    page.get_by_text("较去年同期").first.wait_for(timeout=60_000)
    assert "basis=yoy" in page.url
    assert "较去年同期" in page.inner_text("body")

    # Choose one community: the URL gains it and the KPIs change.
    page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.click()
    page.get_by_role("option", name="海港社区").click()
    page.keyboard.press("Escape")
    wait_for_app(page)
    assert re.search(r"[?&]c=C01\b", page.url)
    assert metric(page, "物业费收缴率") != town_fee or metric(page, "治安发案率") != town_rate
    assert "已下钻到：海港社区" in page.inner_text("body")
    page.screenshot(path=str(tmp_path / "overview_c01.png"), full_page=True)


def test_a_copied_link_reopens_the_same_view(served_app, page):
    page.goto(f"{served_app}/?from=2009Q1&to=2010Q4&c=C02&basis=yoy&lang=zh")
    wait_for_app(page)
    body = page.inner_text("body")
    assert "2010年第4季度" in body and "芦苑社区" in body and "较去年同期" in body
    assert "c=C02" in page.url and "from=2009Q1" in page.url


def test_a_click_on_a_community_bar_drills_down(served_app, page):
    page.goto(f"{served_app}/party")
    wait_for_app(page)
    before = metric(page, "联席会议召开次数")
    open_section(page, "party_section", "分社区比较")  # the bars are in that section
    bars = page.locator(".st-key-party_by_community .point path")
    bars.first.wait_for(timeout=60_000)  # drawn by Plotly after the script's run
    assert bars.count() >= 8, "one bar per community and the village"
    bars.nth(2).scroll_into_view_if_needed()
    bars.nth(2).click(force=True)
    page.wait_for_url(re.compile(r"[?&]c=[CV]\d+"), timeout=30_000)
    wait_for_app(page)
    assert "已下钻到：" in page.inner_text("body")
    assert metric(page, "联席会议召开次数") != before
    # and a clear way back to the whole town
    page.get_by_role("button", name="恢复全镇视图").first.click()
    wait_for_app(page)
    assert "c=" not in page.url
    assert metric(page, "联席会议召开次数") == before


def test_the_community_profile_opens_from_the_overview(served_app, page):
    page.goto(served_app)
    wait_for_app(page)
    open_section(page, "ov_section", "社区 × 平台 排名")
    ranking = page.locator(".st-key-ov_ranking")
    ranking.scroll_into_view_if_needed()
    # The first column of the grid holds the row checkboxes; tick the top-ranked community.
    box = ranking.locator('[data-testid="stDataFrameResizable"]')
    grid = box.bounding_box()
    page.mouse.click(grid["x"] + 12, grid["y"] + 35 + 17)
    page.wait_for_url(re.compile(r"[?&]c=[CV]\d+"), timeout=30_000)
    wait_for_app(page)
    link = page.get_by_role("link", name=re.compile("画像"))
    link.first.click()
    page.wait_for_url(re.compile(r"/profile\?"), timeout=30_000)
    wait_for_app(page)
    assert page.get_by_role("heading", name=re.compile("社区画像：")).is_visible()
    assert "全部指标与排名" in page.inner_text("body")


def test_filters_survive_moving_between_pages(served_app, page):
    page.goto(f"{served_app}/?from=2010Q3&to=2011Q1&c=C04&basis=yoy")
    wait_for_app(page)
    page.locator('[data-testid="stSidebarNav"]').get_by_text("长效管理").click()
    page.wait_for_url(re.compile(r"/longterm"), timeout=30_000)
    wait_for_app(page)
    for part in ("from=2010Q3", "to=2011Q1", "c=C04", "basis=yoy"):
        assert part in page.url, part
    assert "2011年第1季度" in page.inner_text("body")


def test_a_deep_link_is_the_first_request_of_a_fresh_server(demo_dir, page):
    from tests.conftest import serve

    with serve(demo_dir) as base:
        page.goto(f"{base}/longterm?c=C02&basis=yoy")
        wait_for_app(page)
        body = page.inner_text("body")
        assert "长效管理" in body and "已下钻到：芦苑社区" in body
        assert "Traceback" not in body and "KeyError" not in body


def test_the_period_slider_moves_the_period(served_app, page):
    page.goto(served_app)
    wait_for_app(page)
    assert "to=2011Q4" in page.url
    thumbs = page.locator('.st-key-flt_period input[type="range"]')
    assert thumbs.count() == 2
    thumbs.nth(1).focus()
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("() => location.search.includes('to=2011Q3')", timeout=30_000)
    wait_for_app(page)
    assert "2011年第3季度" in page.inner_text("body")
    thumbs.nth(0).focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('from=2010Q2')", timeout=30_000)
    wait_for_app(page)
    assert "to=2011Q3" in page.url
