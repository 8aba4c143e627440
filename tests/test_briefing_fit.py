"""The PowerPoint fit to send: 三降四升 laid out 3 + 4, percentage axes to at most 100 with
their % signs, a target line on every chart that has a target, and — rendered by LibreOffice
— no text past its box.

The text check reads the rendered PDF with ``pdftotext -bbox`` (each word's box in points)
and the PowerPoint's shapes with python-pptx (each text box's, tile's, map shape's and table
cell's box in EMU, the slide's width in EMU mapping to the page's width in points). Every word
outside the charts must lie in a box whose text holds it, within 2 pt of its edges: a line
that wraps in a tile or a table cell pushes words below their box (or, in a table, into a row
whose text is not theirs), a line too wide runs past its box's side.
"""

from __future__ import annotations

import html as htmlmod
import re
import shutil
import subprocess
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu

from governance import db
from governance import filters as flt
from governance.briefing import build_deck, fit, pptx
from governance.briefing import content as bc
from governance.briefing.model import OUTCOMES
from governance.indicators import INDICATORS_BY_ID

PERIOD = flt.Filters(date(2010, 4, 1), date(2011, 4, 1))
TOLERANCE = 2.0  # points


@pytest.fixture(scope="module", params=["zh", "en"])
def deck(request, fixture_dir):
    con = db.connect(fixture_dir)
    d = build_deck(bc.db_runner(con, db.WHOLE_TOWN), PERIOD, request.param)
    con.close()
    return d


@pytest.fixture(scope="module")
def prs(deck):
    import io

    return Presentation(io.BytesIO(pptx.render(deck)))


def _tiles(page):
    return [s for s in page.shapes if s.shape_type == 1 and s.has_text_frame and s.text_frame.text]


def test_outcomes_are_three_decreases_then_four_increases(deck, prs):
    n = [s.key for s in deck.slides].index(OUTCOMES)
    tiles = _tiles(prs.slides[n])
    rows: dict[int, list] = {}
    for s in tiles:
        rows.setdefault(s.top, []).append(s)
    first, second = (sorted(rows[y], key=lambda s: s.left) for y in sorted(rows))
    labels = {x.label: x.indicator_id for x in deck.slide(OUTCOMES).tiles}

    def better(shape):
        return INDICATORS_BY_ID[labels[shape.text_frame.paragraphs[0].text]].better

    assert [better(s) for s in first] == ["down"] * 3
    assert [better(s) for s in second] == ["up"] * 4


def _charts(deck, prs):
    for n, slide in enumerate(deck.slides):
        for shape in prs.slides[n].shapes:
            if shape.has_chart:
                yield slide.chart, shape.chart


def test_percentage_axes_end_at_100_at_most_with_percent_signs(deck, prs):
    pct = [(c, native) for c, native in _charts(deck, prs) if c.unit == "%"]
    assert pct, "the fixture's deck has percentage charts"
    for chart, native in pct:
        axis = native.value_axis
        assert axis.maximum_scale is not None and axis.maximum_scale <= 100
        assert axis.minimum_scale == 0
        assert "%" in axis.tick_labels.number_format
        assert "%" in native.plots[0].data_labels.number_format
        top = max(v for _, vs in chart.series for v in vs if v is not None)
        assert axis.maximum_scale >= min(100, top)


def test_every_chart_whose_title_names_a_target_draws_its_line(deck, prs):
    drawn = 0
    for chart, native in _charts(deck, prs):
        named = (
            chart.target is not None and chart.target_label in native.chart_title.text_frame.text
        )
        lines = [p for p in native.plots if p._element.tag.endswith("lineChart")]
        target_series = [s for p in lines for s in p.series if s.name == chart.target_label]
        if not named:
            assert not target_series
            continue
        assert len(target_series) == 1, chart.title
        values = list(target_series[0].values)
        assert values == [pytest.approx(chart.target)] * len(chart.categories)
        assert target_series[0].format.line.dash_style is not None
        if chart.kind == "bar":  # the columns stay columns: a combo of bars and the line
            assert [p._element.tag.split("}")[1] for p in native.plots] == [
                "barChart",
                "lineChart",
            ]
        drawn += 1
    assert drawn >= 1


def test_measured_widths_are_the_fonts_own_where_installed():
    from PIL import ImageFont

    for path, table in (
        ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", fit.REGULAR),
        ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", fit.BOLD),
    ):
        if not Path(path).exists():
            pytest.skip(f"{path} is not installed (fonts-dejavu-core)")
        font = ImageFont.truetype(path, 1000)
        for ch in "0123456789%.,-+ ABCxyz·√×":
            assert table[ch] == pytest.approx(font.getlength(ch) / 1000, abs=0.001), ch


# ---- rendered by LibreOffice ------------------------------------------------------------------


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _boxes(page, scale: float) -> tuple[list, list]:
    """Each text box, tile, map shape and table cell: (x0, y0, x1, y1) in points and its
    text; and the chart frames' boxes (their words are the chart's, laid out by it)."""
    boxes, charts = [], []
    for shape in page.shapes:
        x0, y0 = shape.left * scale, shape.top * scale
        if shape.has_chart:
            charts.append((x0, y0, x0 + shape.width * scale, y0 + shape.height * scale))
        elif shape.has_table:
            table = shape.table
            y = shape.top
            for row in table.rows:
                x = shape.left
                for col, cell in zip(table.columns, row.cells, strict=True):
                    box = (x * scale, y * scale, (x + col.width) * scale, (y + row.height) * scale)
                    boxes.append((box, _norm(cell.text_frame.text)))
                    x += col.width
                y += row.height
        elif shape.has_text_frame and shape.text_frame.text.strip():
            box = (x0, y0, x0 + shape.width * scale, y0 + shape.height * scale)
            boxes.append((box, _norm(shape.text_frame.text)))
    return boxes, charts


WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


def _pages(bbox_html: str) -> list[list[tuple[float, float, float, float, str]]]:
    pages = []
    for chunk in bbox_html.split("<page ")[1:]:
        pages.append(
            [
                (float(a), float(b), float(c), float(d), htmlmod.unescape(w))
                for a, b, c, d, w in WORD.findall(chunk)
            ]
        )
    return pages


def _inside(x: float, y: float, box) -> bool:
    return (
        box[0] - TOLERANCE <= x <= box[2] + TOLERANCE
        and box[1] - TOLERANCE <= y <= box[3] + TOLERANCE
    )


def test_no_rendered_text_runs_past_its_box(deck, prs, tmp_path: Path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftotext") is None:
        pytest.skip(
            "LibreOffice (soffice) or pdftotext is not installed: "
            "apt-get install -y libreoffice-impress poppler-utils"
        )
    source = tmp_path / "deck.pptx"
    prs.save(str(source))
    profile = tmp_path / "profile"  # its own profile: other LibreOffice runs do not lock it
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    out = subprocess.run(
        ["pdftotext", "-bbox", str(tmp_path / "deck.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    width_pt = float(re.search(r'<page width="([\d.]+)"', out).group(1))
    scale = width_pt / prs.slide_width  # points per EMU
    pages = _pages(out)
    assert len(pages) == len(prs.slides)
    bad = []
    for n, (page, words) in enumerate(zip(prs.slides, pages, strict=True), start=1):
        boxes, charts = _boxes(page, scale)
        for x0, y0, x1, y1, word in words:
            cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
            if any(_inside(cx, cy, c) for c in charts):
                continue
            text = _norm(word)
            if not text:
                continue
            mine = [b for b, t in boxes if text in t and _inside(cx, cy, b)]
            if not mine:
                bad.append((n, word, "in no box whose text holds it", (x0, y0, x1, y1)))
                continue
            if not any(_inside(x0, y0, b) and _inside(x1, y1, b) for b in mine):
                bad.append(
                    (
                        n,
                        word,
                        "past its box",
                        (x0, y0, x1, y1),
                        mine[0],
                        [t for b, t in boxes if b == mine[0]],
                    )
                )
    assert not bad, bad[:20]


def test_emu_scale_is_the_page_width():
    assert Emu(12700).pt == 1.0


# ---- the HTML, printed --------------------------------------------------------------------------


def test_html_appendix_prints_over_pages_with_headers_repeated_and_the_footer_after(deck):
    from governance.briefing import html

    raw = html.render(deck)
    assert "thead { display: table-header-group; }" in raw
    assert "tr, td, th { break-inside: avoid; page-break-inside: avoid; }" in raw
    assert ".slide.slide-follow-details footer { position: static;" in raw
    assert ".slide.slide-follow-details { height: auto;" in raw


def test_html_target_name_is_at_the_lines_right_end(deck):
    from governance.briefing.figures import figure

    for slide in deck.slides:
        if slide.chart is not None and slide.chart.target is not None:
            fig = figure(slide.chart)
            (note,) = fig.layout.annotations
            assert note.xanchor == "left" and note.x == 1  # past the plot's right edge
            assert fig.layout.margin.r > 10
