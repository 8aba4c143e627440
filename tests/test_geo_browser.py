"""一张图 in Debian's Chromium: the overview's map draws one shape per community with no request
leaving the app (every request recorded), a click on a community sets ``c=`` and the tiles
change; the map slide fits the projector at 1920×1080 and 1280×720 with labels at projector
size."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from scripts.browser import wait_for_app
from tests.fixtures.browser import open_section, outside, settle

pytestmark = pytest.mark.browser

MAP = ".st-key-ov_townmap .js-plotly-plot"
# Where a community's click target is on screen (the marker carrying its id).
TARGET_XY = """([sel, cid]) => {
    const gd = document.querySelector(sel);
    const fl = gd._fullLayout;
    const tr = gd._fullData.find((t) => t.customdata);
    const i = [...tr.customdata].indexOf(cid);
    const r = gd.getBoundingClientRect();
    return [r.left + fl._size.l + fl.xaxis.l2p(tr.x[i]),
            r.top + fl._size.t + fl.yaxis.l2p(tr.y[i])];
}"""


def test_the_overview_map_asks_nothing_of_another_host_and_a_click_filters(served_app, chromium):
    host = urlsplit(served_app).netloc
    context = chromium.new_context(viewport={"width": 1400, "height": 1100}, locale="zh-CN")
    context.route(re.compile(rf"^https?://(?!{re.escape(host)}/)"), lambda route: route.abort())
    seen: list[str] = []
    context.on("request", lambda r: seen.append(r.url))
    page = context.new_page()
    try:
        page.goto(f"{served_app}/")
        settle(page)
        open_section(page, "ov_section", "一张图")
        settle(page)
        page.locator(MAP).first.scroll_into_view_if_needed()
        page.wait_for_selector(f"{MAP} .main-svg")
        fills = page.locator(f"{MAP} .scatterlayer path.js-fill")
        assert fills.count() == 8  # seven communities and the village
        body = page.inner_text("body")
        assert "一张图（示意图）" in page.inner_text(".st-key-ov_townmap")
        assert "示意图：社区的位置与形状只是示意" in body
        tiles_before = page.locator('[data-testid="stMetricValue"]').all_inner_texts()

        x, y = page.evaluate(TARGET_XY, [MAP, "C06"])
        page.mouse.click(x, y)
        page.wait_for_function("() => location.search.includes('c=C06')", timeout=30_000)
        settle(page)
        assert page.locator('[data-testid="stMetricValue"]').all_inner_texts() != tiles_before
        assert "彩虹社区" in page.inner_text('[data-testid="stSidebar"]')
        link = page.get_by_role("link", name="查看 彩虹社区 的社区画像")
        assert link.count() >= 1
        # the chosen community is outlined on the map drawn again
        page.wait_for_selector(f"{MAP} .main-svg")
        assert page.locator(f"{MAP} .scatterlayer path.js-fill").count() == 8
    finally:
        context.close()
    assert len(seen) > 10, "the recording saw the app's own requests"
    assert outside(seen, host) == []


@pytest.mark.parametrize(
    "lang, width, height",
    [("zh", 1920, 1080), ("zh", 1280, 720), ("en", 1280, 720)],
    ids=["zh-1080p", "zh-720p", "en-720p"],
)
def test_the_map_slide_fits_the_projector(served_app, module_tab, lang, width, height):
    page = module_tab  # one tab for the three cases: each opens the slide at its own size
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{served_app}/?present=1&slide=9&lang={lang}")
    page.wait_for_selector(".st-key-present_deck", timeout=90_000)
    wait_for_app(page)
    page.wait_for_selector(".st-key-present_chart_tall .main-svg", timeout=60_000)
    page.wait_for_timeout(500)
    title = {"zh": "一张图（示意图）", "en": "Town map (schematic)"}[lang]
    assert page.locator("h1").first.inner_text() == title
    assert page.locator(".st-key-present_chart_tall path.js-fill").count() == 8
    # nothing scrolls, and the footer is on the screen below the map
    scroll = page.evaluate("() => document.scrollingElement.scrollHeight")
    assert scroll <= height + 1
    foot = page.locator(".st-key-present_foot").bounding_box()
    chart = page.locator(".st-key-present_chart_tall").bounding_box()
    assert chart["y"] + chart["height"] <= foot["y"] and foot["y"] + foot["height"] <= height
    # every label is on screen, at projector size, and no two labels overlap
    boxes = page.evaluate(
        """() => [...document.querySelectorAll('.st-key-present_chart_tall .annotation')]
            .map((a) => { const r = a.getBoundingClientRect();
              const t = a.querySelector('text');
              return [r.x, r.y, r.width, r.height, parseFloat(getComputedStyle(t).fontSize),
                      t.textContent]; })"""
    )
    assert len(boxes) == 8
    for x, y, w, h, px, text in boxes:
        assert x >= 0 and x + w <= width and y >= 0 and y + h <= height, text
        assert px >= 18, (text, px)  # the slides' 18 px floor for chart text
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = (
                a[0] + a[2] <= b[0] + 1
                or b[0] + b[2] <= a[0] + 1
                or a[1] + a[3] <= b[1] + 1
                or b[1] + b[3] <= a[1] + 1
            )
            assert apart, (a[5], b[5])
    assert {"zh": "未达标", "en": "Below target"}[lang] in page.inner_text(".st-key-present_body")
