"""Presentation mode in Chromium: every slide fits 1920×1080 and 1280×720 with projector type.

For every slide at both sizes and in both languages: no scroll bar, no visible element whose
box leaves the screen, KPI values >= 64 px, labels and changes >= 24 px, chart ticks >= 18 px
(at 1280×720 two thirds of each), no "Traceback" or "None". The arrow keys turn the slides and
Esc leaves. Screenshots go to ``present_shots*`` in pytest's temp dir (``--basetemp=DIR``
chooses it) for a person to look at: never a fixed /tmp path two runs or workers would share.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.browser import wait_for_app

pytestmark = pytest.mark.browser

SIZES = [(1920, 1080), (1280, 720)]
SLIDES = range(1, 11)  # title, outcomes, 本期变化, four platforms, ranking, map, 督办

# Everything measured in one pass in the page: sizes are CSS pixels.
MEASURE = """() => {
  const W = innerWidth, H = innerHeight, doc = document.documentElement;
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return false;
    const s = getComputedStyle(el);
    return s.visibility !== 'hidden' && s.display !== 'none' && s.opacity !== '0';
  };
  const outside = [];
  for (const el of document.querySelectorAll('[data-testid="stMain"] *')) {
    if (!visible(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.left < -1 || r.top < -1 || r.right > W + 1 || r.bottom > H + 1) {
      outside.push(`${el.tagName}.${String(el.className).slice(0, 40)} ` +
        `[${Math.round(r.left)},${Math.round(r.top)},${Math.round(r.right)},` +
        `${Math.round(r.bottom)}] ${(el.innerText || el.textContent || '').slice(0, 30)}`);
    }
  }
  const sizes = (selector) => [...document.querySelectorAll(selector)]
    .filter(visible).map((el) => parseFloat(getComputedStyle(el).fontSize));
  const tiles = '[class*="st-key-present_tile_"] ';
  // Every text of the slide itself (not the controls in the footer, not inside a chart).
  const texts = [];
  const walker = document.createTreeWalker(
    document.querySelector('.st-key-present_deck') || document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || !visible(el) || el.closest('svg')) continue;
    if (el.closest('.st-key-present_foot') || el.closest('.st-key-present_keys')) continue;
    texts.push([parseFloat(getComputedStyle(el).fontSize), n.textContent.trim().slice(0, 20)]);
  }
  return {
    scrollHeight: doc.scrollHeight, scrollWidth: doc.scrollWidth, W, H,
    outside,
    values: sizes(tiles + '[data-testid="stMetricValue"]'),
    labels: sizes(tiles + '[data-testid="stMetricLabel"] p'),
    deltas: sizes(tiles + '[data-testid="stMetricDelta"] div'),
    ticks: sizes('.xtick text, .ytick text'),
    texts,
    sidebar: !!document.querySelector('[data-testid="stSidebar"]') &&
      visible(document.querySelector('[data-testid="stSidebar"]')),
    header: !!document.querySelector('[data-testid="stHeader"]') &&
      visible(document.querySelector('[data-testid="stHeader"]')),
    body: document.body.innerText,
  };
}"""


def _wait_for_query(page, text: str) -> None:
    page.wait_for_function(f"() => location.search.includes({text!r})", timeout=20_000)
    wait_for_app(page)


def _open(page, base: str, query: str) -> None:
    page.goto(f"{base}/?{query}")
    # a fresh server's first run can report "not running" before it has drawn anything
    page.wait_for_selector(".st-key-present_deck", timeout=90_000)
    wait_for_app(page)  # waits for quiet: Plotly draws its ticks after the script has finished


@pytest.fixture
def page(module_tab):
    """The module's one tab (conftest.module_tab: none of these tests logs in or keeps browser
    state), at the viewport a fresh ``page`` has: the slide tests leave it at their own size."""
    module_tab.set_viewport_size({"width": 1600, "height": 1200})
    return module_tab


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("present_shots")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("width", "height"), SIZES, ids=lambda v: str(v))
def test_every_slide_fits_the_screen_in_projector_type(
    served_app, module_tab, shots, width, height, lang
):
    scale = height / 1080
    page = module_tab  # one tab for the four cases: each opens slide 1 at its own size
    page.set_viewport_size({"width": width, "height": height})
    for n in SLIDES:
        if n == SLIDES[0]:
            _open(page, served_app, f"present=1&slide={n}&lang={lang}")
        else:  # turned as the presenter turns them (a rerun, not a new page load)
            page.keyboard.press("ArrowRight")
            _wait_for_query(page, f"slide={n}")
        if 4 <= n <= 7:  # a platform slide's chart: Plotly draws after the script ends
            page.wait_for_selector(".st-key-present_chart .xtick text", timeout=20_000)
        page.screenshot(path=str(shots / f"test_{lang}_{width}x{height}_{n}.png"))
        m = page.evaluate(MEASURE)
        where = f"slide {n} at {width}x{height} ({lang})"
        assert m["scrollHeight"] <= height and m["scrollWidth"] <= width, (where, m)
        assert m["outside"] == [], (where, m["outside"][:5])
        assert not m["sidebar"] and not m["header"], where
        assert "Traceback" not in m["body"], where
        assert " None" not in m["body"] and "None " not in m["body"], where
        assert all(v >= 64 * scale - 0.5 for v in m["values"]), (where, m["values"])
        assert all(v >= 24 * scale - 0.5 for v in m["labels"]), (where, m["labels"])
        assert all(v >= 24 * scale - 0.5 for v in m["deltas"]), (where, m["deltas"])
        assert all(v >= 18 for v in m["ticks"]), (where, m["ticks"])
        if 4 <= n <= 7:
            assert m["values"] and m["ticks"], (where, "a platform slide has tiles and a chart")
        small = [t for t in m["texts"] if t[0] < 24 * scale - 0.5]
        assert small == [], (where, small[:5])


def test_arrow_keys_turn_the_slides_and_esc_leaves(served_app, page):
    _open(page, served_app, "present=1&slide=2&c=C03&basis=yoy")
    title = page.locator("h1").first.inner_text()
    page.keyboard.press("ArrowRight")
    _wait_for_query(page, "slide=3")
    assert page.locator("h1").first.inner_text() != title
    page.keyboard.press("ArrowLeft")
    _wait_for_query(page, "slide=2")
    assert page.locator("h1").first.inner_text() == title
    page.keyboard.press("Escape")
    page.wait_for_function("() => !location.search.includes('present=1')", timeout=20_000)
    wait_for_app(page)
    assert page.locator('[data-testid="stSidebar"]').is_visible()
    assert "c=C03" in page.url and "basis=yoy" in page.url


def test_a_lobby_screen_turns_by_itself(served_app, page):
    last = SLIDES[-1]  # 督办, after 一张图: opened on it, the first turn wraps (was slide 9:
    _open(page, served_app, f"present=1&slide={last}&auto=10")  # 10 s more for a plain turn)
    assert f"第 {last} / {last} 页" in page.inner_text("body"), "opened on the last slide"
    # after the last slide the first again, without a key pressed
    page.wait_for_function("() => location.search.includes('slide=1')", timeout=30_000)
    page.wait_for_function("() => location.search.includes('slide=2')", timeout=30_000)
    assert "auto=10" in page.url


def test_the_sidebar_button_opens_the_slides_and_esc_returns_to_that_page(served_app, page):
    page.goto(f"{served_app}/party?c=C03")
    wait_for_app(page)
    title = page.locator("h1").first.inner_text()
    page.get_by_role("button", name="汇报模式").click()
    _wait_for_query(page, "present=1")
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    assert "c=C03" in page.url
    page.keyboard.press("Escape")
    page.wait_for_function("() => location.pathname.endsWith('/party')", timeout=20_000)
    wait_for_app(page)
    assert page.locator("h1").first.inner_text() == title
    assert "present=1" not in page.url and "c=C03" in page.url
