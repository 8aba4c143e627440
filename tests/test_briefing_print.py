"""The HTML briefing printed by the real Chromium (Debian's, through scripts/browser.launch) on
the demo data, whose 督办 appendix runs over two pages: every page fits.

``page.pdf`` prints it at the CSS's own page size (@page 13.333in × 7.5in, one slide a page)
and on A4 landscape (what an office printer is given: Chromium scales the slide to the
width); ``pdftotext -bbox-layout`` gives each printed word's box per page. pdftotext's boxes
run from the font's ascent to its descent (taller than the glyphs, so boxes of neighbouring
rows overlap), so a word is placed by its box's centre:

- every word's centre lies on its page and no word runs past the page's right edge;
- every slide is one page: slide n's counter ("第 n / N 页") is on page n;
- no row is cut across pages: each appendix row (found by its item id, unique in the data)
  is printed once, with its date and its days on the same page and the same line;
- the footer is never over a row: on every page the footer line sits below the last row by
  at least half a row's pitch (the appendix's footer follows its last row, on the last page).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from lxml import etree

from governance import db, filters
from governance.briefing import build_deck, html
from governance.briefing import content as bc
from governance.briefing.model import FOLLOW_UP
from governance.i18n import t
from tests.fixtures.runners import TOWN

pytestmark = pytest.mark.browser
ROW_PITCH = 26.0  # points: a compact appendix row (18px type, 4px padding) printed at 0.75 pt/px
PAGES = {
    "css": {"prefer_css_page_size": True},
    "a4": {"format": "A4", "landscape": True},
}


@pytest.fixture(scope="module")
def deck(demo_dir: Path):
    con = db.connect(demo_dir)
    try:
        quarters = [
            pd.Timestamp(q).date() for q in db.run(con, "periods_available", TOWN)["quarter"]
        ]
        as_of = pd.Timestamp(db.run(con, "data_as_of", TOWN).iloc[0, 0]).date()
        return build_deck(
            bc.db_runner(con, db.WHOLE_TOWN), filters.default_filters(quarters, as_of), "zh"
        )
    finally:
        con.close()


# Every chart of the deck (plotly's ``plotly-graph-div``) has been drawn.
CHARTS_DRAWN = """() => [...document.querySelectorAll('.plotly-graph-div')]
    .every((chart) => chart.querySelector('.main-svg'))"""


def printed(deck, tmp_path: Path, options: dict, chromium) -> list[dict]:
    """The deck's HTML printed by Chromium (the session's browser: a second Playwright in
    the same worker would refuse to start inside the first's event loop): per page its size
    and its lines (text, and each word's text and box)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pdf = tmp_path / "briefing.pdf"
    page = chromium.new_page()
    try:
        page.set_content(html.render(deck), wait_until="load")
        # the charts draw once their script has run: waited for (was a fixed 1 s)
        page.wait_for_function(CHARTS_DRAWN, timeout=30_000)
        page.pdf(path=str(pdf), print_background=True, **options)
    finally:
        page.close()
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True
    ).stdout
    root = etree.fromstring(out, etree.XMLParser(recover=True))
    pages = []
    for node in root.iter("{*}page"):
        lines = []
        for line in node.iter("{*}line"):
            words = [
                (w.text or "", *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")))
                for w in line.iter("{*}word")
            ]
            lines.append({"text": "".join(w[0] for w in words), "words": words})
        pages.append(
            {"width": float(node.get("width")), "height": float(node.get("height")), "lines": lines}
        )
    return pages


def centre(word) -> float:
    return (word[2] + word[4]) / 2


@pytest.mark.parametrize("size", list(PAGES))
def test_every_printed_page_fits(deck, tmp_path: Path, size: str, chromium):
    pages = printed(deck, tmp_path, PAGES[size], chromium)
    slides = list(deck.slides)
    details = next(s for s in deck.slides if s.key == FOLLOW_UP).tables[2]
    assert len(details.rows) > 12, "the demo's appendix runs over more than one page"
    scale = pages[0]["width"] / 960  # A4 landscape: the 1280px slide scaled to the width

    # every word on its page
    for n, page in enumerate(pages, 1):
        for line in page["lines"]:
            for word in line["words"]:
                assert 0 <= centre(word) <= page["height"], (size, n, word)
                assert word[3] <= page["width"] + 1, (size, n, word)

    # one slide a page: slide n's counter on page n, the appendix after them
    total = len(slides)
    for n in range(1, total + 1):
        counter = t("brief.slide_of", deck.lang, n=n, total=total).replace(" ", "")
        assert any(line["text"] == counter for line in pages[n - 1]["lines"]), (size, n)
    appendix = pages[total:]
    assert len(appendix) >= 2

    # no row cut: each row's id once, its date and days on its line
    words = [
        (n, word)
        for n, page in enumerate(appendix)
        for line in page["lines"]
        for word in line["words"]
    ]
    for row in details.rows:
        item_id, opened, days = row[1], row[4], row[5]
        found = [(n, w) for n, w in words if w[0] == item_id]
        assert len(found) == 1, (size, item_id, found)
        n, id_word = found[0]
        same_line = {w[0] for m, w in words if m == n and abs(centre(w) - centre(id_word)) < 3}
        assert {opened, days} <= same_line, (size, row, same_line)

    # the footer below the last row of every page, never over one
    footer = deck.filters_text.replace(" ", "")
    ids = {row[1] for row in details.rows}
    for n, page in enumerate(pages, 1):
        foot = [line for line in page["lines"] if line["text"].startswith(footer[:8])]
        # a slide's footer is on its page; the appendix's follows its last row (the pages
        # before hold rows only)
        assert len(foot) == (1 if n <= total or n == len(pages) else 0), (size, n)
        if not foot:
            continue
        foot_y = centre(foot[0]["words"][0])
        rows_y = [
            centre(w) for line in page["lines"] for w in line["words"] if w[0] in ids
        ]  # the appendix's rows on this page (none on a slide)
        if rows_y:
            assert foot_y - max(rows_y) >= ROW_PITCH * scale / 2, (size, n, foot_y, max(rows_y))
