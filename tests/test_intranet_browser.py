"""Nothing leaves the intranet: every page, presentation mode and the HTML briefing in Debian's
Chromium, with every request the browser makes recorded; none may go to another host.

A government intranet has no route out: a request to an outside host is a failed load on every
visit and a report of the visit to someone else (the tab icon fetched from fonts.gstatic.com
was one). The app's own address is the only host allowed; data: and blob: URLs are not
requests to anyone. Outside requests are also aborted here, so the test itself never sends one.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from governance.i18n import t
from tests.fixtures.browser import outside, settle

pytestmark = pytest.mark.browser

# Every page of the navigation (login is off: users is reachable too), with its heading.
PAGES = [
    ("", t("ov.title", "zh")),
    ("party", t("party.title", "zh")),
    ("longterm", t("longterm.title", "zh")),
    ("culture", t("culture.title", "zh")),
    ("selfgov", t("selfgov.title", "zh")),
    ("profile", t("nav.profile", "zh")),
    ("whatif", t("whatif.title", "zh")),
    ("data", t("dm.title", "zh")),
    ("users", t("nav.users", "zh")),
]
# Pages whose sections below the tiles are tabs of which only the open one runs
# (ui/sections.py): each section is opened, so every chart and table of theirs is drawn.
SECTIONED = ("party", "longterm", "culture", "selfgov")
SLIDES = [1, 4, 6, 9, 10]  # the title, a platform's chart, another, 一张图 and 督办


def test_no_page_and_no_briefing_requests_anything_from_another_host(
    served_app, chromium, tmp_path: Path
):
    host = urlsplit(served_app).netloc
    briefing = tmp_path / "briefing.html"
    context = chromium.new_context(
        viewport={"width": 1600, "height": 1200}, locale="zh-CN", accept_downloads=True
    )
    # Any http(s) URL not on the app's own host is aborted (after being recorded below).
    context.route(re.compile(rf"^https?://(?!{re.escape(host)}/)"), lambda route: route.abort())
    in_context: list[str] = []
    in_page: list[str] = []
    sockets: list[str] = []
    context.on("request", lambda r: in_context.append(r.url))
    page = context.new_page()
    page.on("request", lambda r: in_page.append(r.url))
    page.on("websocket", lambda ws: sockets.append(ws.url))
    try:
        for path, heading in PAGES:
            page.goto(f"{served_app}/{path}")
            settle(page, heading)
            body = page.inner_text("body")
            assert "数据截至" in body and "Traceback" not in body, path
            tabs = page.locator(f".st-key-{path}_section [role=tab]")
            for label in tabs.all_inner_texts() if path in SECTIONED else []:
                tabs.filter(has_text=label).first.click()
                settle(page)
                body = page.inner_text("body")
                assert "数据截至" in body and "Traceback" not in body, (path, label)
            if not path:  # the tab's icon is the project's own, inline
                icons = page.eval_on_selector_all("link[rel~=icon]", "ls => ls.map(l => l.href)")
                assert icons and all(i.startswith("data:image/svg+xml") for i in icons), icons
                # the overview's 汇报材料: the briefing as an HTML file
                page.get_by_role("button", name="汇报材料").first.click()
                with page.expect_download(timeout=120_000) as download:
                    page.get_by_role("button", name="网页版（HTML）").click()
                download.value.save_as(briefing)

        for n in SLIDES:
            page.goto(f"{served_app}/?present=1&slide={n}")
            page.wait_for_selector(".st-key-present_deck", timeout=90_000)
            settle(page)
            assert f"第 {n} / " in page.inner_text("body"), n

        # The downloaded briefing, opened from the disk as a person would: no request at all.
        offline = context.new_page()
        from_file: list[str] = []
        offline.on("request", lambda r: from_file.append(r.url))
        offline.goto(briefing.as_uri())
        offline.wait_for_load_state("networkidle")
        offline.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
        offline.wait_for_timeout(1000)  # Plotly's last drawing, any font or image it asks for
        assert offline.locator("section.slide").count() >= max(SLIDES)
        assert [u for u in from_file if u != briefing.as_uri()] == []
    finally:
        context.close()

    seen = [u for u in in_context if u != briefing.as_uri()]
    assert len(seen) >= len(in_page) > 20, "the recording saw the app's own requests"
    assert outside(seen + in_page, host) == []
    assert sockets, "the app's websocket was seen"
    assert outside([s.replace("ws://", "http://", 1) for s in sockets], host) == []
