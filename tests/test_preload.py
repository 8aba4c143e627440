"""The heaviest elements' code is loaded while the overview is read (ui/preload.py): the
modules Streamlit imports for its first chart, code block and table, fetched once, from the
app."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import streamlit as st

from tests.fixtures.browser import open_section, settle
from ui import preload

JS = Path(st.__file__).parent / "static" / "static" / "js"


def test_the_chunks_are_the_ones_streamlits_own_code_imports_for_those_elements():
    main = JS / re.search(
        r"static/js/(index\.[^\"]+\.js)", (JS.parent.parent / "index.html").read_text()
    ).group(1)
    imported = re.findall(r"import\(`\./([A-Za-z]+\.[^`]+\.js)`\)", main.read_text())
    names = preload.chunk_names()
    assert [n.split(".")[0] for n in names] == list(preload.ELEMENTS)  # all found, in order
    assert set(names) <= set(imported)


PLOTLY = next(n for n in preload.chunk_names() if n.startswith("PlotlyChart."))


@pytest.mark.browser
def test_the_overview_loads_the_code_once_idle_and_the_first_map_uses_that_copy(
    served_app, chromium
):
    host = urlsplit(served_app).netloc
    context = chromium.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    fetched: list[str] = []
    context.on("request", lambda r: fetched.append(r.url))
    page = context.new_page()
    try:
        page.goto(f"{served_app}/")
        settle(page)
        assert page.locator(".js-plotly-plot").count() == 0  # no chart on the overview's top
        page.wait_for_function("() => window.__governancePreload === true", timeout=30_000)
        page.wait_for_function(
            "(n) => performance.getEntriesByType('resource').some(e => e.name.includes(n))",
            arg=PLOTLY,
            timeout=30_000,
        )
        chunk = [u for u in fetched if PLOTLY in u]
        assert len(chunk) == 1 and urlsplit(chunk[0]).netloc == host, chunk
        # then the others, one after another: each fetched once, from the app
        last = preload.chunk_names()[-1]
        page.wait_for_function("(n) => window.__governanceLoaded === n", arg=last, timeout=60_000)
        for name in preload.chunk_names():
            got = [u for u in fetched if name in u]
            assert len(got) == 1 and urlsplit(got[0]).netloc == host, (name, got)
        page.locator('[data-testid="stSidebarNav"]').get_by_text("区域大党建").click()
        settle(page)
        open_section(page, "party_section", "一张图")  # its first section
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
        # the chart drew from the copy already loaded: nothing fetched twice
        assert [u for u in fetched if PLOTLY in u] == chunk
    finally:
        context.close()
