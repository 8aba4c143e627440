"""Drill-downs in the URL, in the real Chromium: Back undoes the last drill-down."""

from __future__ import annotations

import contextlib
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from scripts.browser import wait_for_app
from tests.fixtures.browser import open_section

pytestmark = pytest.mark.browser


@pytest.fixture
def page(module_tab):
    """Every test in one tab (conftest.module_tab): none logs in or keeps browser state."""
    return module_tab


def scope_line(page) -> str:
    return next((line for line in page.inner_text("body").splitlines() if "范围：" in line), "")


# scope_line(page) == want, in the page (its body's first line that says 范围：)
SCOPE_LINE_IS = """(want) => (document.body.innerText.split('\\n')
    .find((line) => line.includes('范围：')) || '') === want"""


def test_back_undoes_a_drill_down(served_app, page):
    page.goto(f"{served_app}/selfgov?c=C02")
    wait_for_app(page)
    assert re.search(r"[?&]c=C02\b", page.url)
    drilled = scope_line(page)
    assert "范围：全镇" not in drilled
    page.get_by_role("button", name="恢复全镇视图").first.click()
    page.wait_for_url(lambda url: not re.search(r"[?&]c=", url), timeout=30_000)
    wait_for_app(page)
    assert "范围：全镇" in scope_line(page)
    page.go_back()
    page.wait_for_url(re.compile(r"[?&]c=C02\b"), timeout=30_000)
    wait_for_app(page)
    # the rerun Back started redraws the scope line: waited for (was a fixed 1 s)
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(SCOPE_LINE_IS, arg=drilled, timeout=30_000)
    assert scope_line(page) == drilled, "the page follows the URL Back restored"


def test_a_link_opens_the_stairwell_drill(served_app, page):
    page.goto(f"{served_app}/selfgov?sg_c=C01&sg_b=B0002")
    wait_for_app(page)
    open_section(page, "selfgov_section", "星级楼道")  # the drill is in that section
    shown = page.locator(".st-key-selfgov_drill_building input").first.input_value()
    assert shown == "2号楼（B0002）", "the building reads as a number beside its code"
    assert re.search(r"[?&]sg_b=B0002\b", page.url)
