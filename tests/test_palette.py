"""Status that reads without colour (governance/palette.py): every status a glyph and a word,
its colours told apart by red-green blind readers and legible on a washed-out projector.

The numbers (tests/fixtures/colourvision.py; ``python -m tests.test_palette`` prints them all):

- CIEDE2000 between the three status marks — teal green #007872, ochre #a85400, crimson
  #720c18 — is at least 20 under normal vision, simulated deuteranopia and protanopia
  (Machado et al. 2009 at full severity), each also washed out. Why 20: ΔE00 of 1 is a just
  noticeable difference between two patches side by side; about 10 is "clearly another
  colour" side by side; a reader comparing a bar with the legend or with a bar three rows
  down, at a glance, needs about twice that (mark size and separation raise the difference
  needed, Stone, Szafir & Setlur 2014). 20 is also about the most the constraints allow:
  every mark must stay at 3:1 on white after the wash-out, which caps the lightest (the
  ochre) near L* 45, and to a red-green blind reader the ochre and the crimson differ almost
  only in lightness — so the crimson is dark (L* 23): a deep red, which a Chinese reader
  still reads as red and bad. The palette's narrowest pair is that one, 20.5 under
  deuteranopia. Before it, the charts' green and red (#1a9850 / #d73027) were 9.6 apart in
  deuteranopia (7.8 washed) and their amber #f2a900 was 2.0:1 on white; the presentation's
  amber and red (#a15c00 / #c0161d) were 2.9 apart.
- The tints behind a status's words are at least 8 apart in every condition: they never carry
  the status alone (the glyph and the word are in every tinted cell), and a cell is a large
  patch, where a smaller difference is seen.
- Text: ink on every tint and every status's text colour on white at least 4.5:1; every mark
  at least 3:1 on the white page and slides; all also after the wash-out.

The wash-out model (colourvision.washed): a projector in a lit room mixes every colour with
white — each channel 70% its own value and 30% white, in the sRGB values the projector is sent;
the white page stays white. It lifts black to #4d4d4d (a projector at about 14:1) and lifts the
mid-tones more than a veil of light of that size would, so it is the harsher model for marks
and tints; a 30% veil in linear light would leave black on white at 3:1, failing every text.
"""

from __future__ import annotations

import io
import itertools
import re
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from pptx import Presentation

from governance import charts, db, export, palette
from governance import filters as flt
from governance.briefing import build_deck, html, pptx
from governance.briefing import content as bc
from governance.briefing.model import RANKING
from governance.filters import Filters
from governance.viewmodels import overview
from tests import fixture_data
from tests.fixtures import colourvision as cv
from tests.fixtures.runners import town_run

ROOT = Path(__file__).resolve().parent.parent
MARK_GAP, TINT_GAP = 20.0, 8.0  # CIEDE2000, see the module's docstring
TEXT, MARK = 4.5, 3.0  # WCAG 1.4.3 and 1.4.11
STATUS = (palette.GREEN, palette.AMBER, palette.RED)
GREY = (palette.NONE, palette.NO_DATA)
CONDITIONS = [(v, w) for v in cv.VISIONS for w in (False, True)]
WHITE = cv.rgb(palette.PAGE)


def seen(hex_colour: str, vision: str, washed: bool) -> cv.RGB:
    """A colour as a reader with ``vision`` sees it, on a washed-out projector if ``washed``
    (the projector washes the colour, then the eye sees it)."""
    c = cv.rgb(hex_colour)
    return cv.simulate(cv.washed(c) if washed else c, vision)


def gap(a: str, b: str, vision: str, washed: bool) -> float:
    return cv.delta_e(seen(a, vision, washed), seen(b, vision, washed))


def ratio(fg: str, bg: str, washed: bool) -> float:
    f, b = cv.rgb(fg), cv.rgb(bg)
    return cv.contrast(cv.washed(f), cv.washed(b)) if washed else cv.contrast(f, b)


# ---- the arithmetic ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lab1", "lab2", "expected"),
    [  # Sharma, Wu & Dalal (2005), the CIEDE2000 test data: pairs 1, 7, 11, 17, 25
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
        ((50.0, 2.49, -0.001), (50.0, -2.49, 0.0009), 7.1792),
        ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
        ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ],
)
def test_ciede2000_matches_the_published_test_data(lab1, lab2, expected):
    assert cv.ciede2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)


def test_the_colour_arithmetic_agrees_with_known_values():
    assert cv.contrast(cv.rgb("#767676"), WHITE) == pytest.approx(4.54, abs=0.01)  # WCAG's grey
    assert cv.contrast((0, 0, 0), WHITE) == pytest.approx(21.0)
    assert cv.lab(cv.rgb("#ff0000")) == pytest.approx((53.24, 80.09, 67.20), abs=0.01)
    assert cv.washed((0.0, 0.0, 0.0)) == pytest.approx((0.3, 0.3, 0.3))
    for vision in ("deuteranopia", "protanopia"):  # greys stay grey (rows sum to 1)
        assert cv.simulate((0.5, 0.5, 0.5), vision) == pytest.approx((0.5, 0.5, 0.5), abs=2e-3)
    # what the simulation is for: pure red and green nearly merge for a red-green blind reader
    red, green = cv.rgb("#ff0000"), cv.rgb("#00ff00")
    assert cv.delta_e(red, green) > 80
    assert cv.delta_e(cv.simulate(red, "deuteranopia"), cv.simulate(green, "deuteranopia")) < 30


def test_the_old_lights_collapse_for_a_red_green_blind_reader():
    """Why the palette changed: the test below fails on the colours it replaced."""
    assert gap("#1a9850", "#d73027", "deuteranopia", False) < 10  # the charts' green and red
    assert gap("#a15c00", "#c0161d", "deuteranopia", False) < 3  # the presentation's amber, red
    assert ratio("#f2a900", palette.PAGE, False) < MARK  # the charts' amber on white


# ---- the colours ------------------------------------------------------------------------------


@pytest.mark.parametrize(("vision", "washed"), CONDITIONS)
def test_the_three_status_marks_stay_apart(vision, washed):
    for a, b in itertools.combinations(STATUS, 2):
        d = gap(a.mark, b.mark, vision, washed)
        assert d >= MARK_GAP, (a.key, b.key, vision, washed, round(d, 1))


@pytest.mark.parametrize(("vision", "washed"), CONDITIONS)
def test_the_three_status_tints_stay_apart(vision, washed):
    for a, b in itertools.combinations(STATUS, 2):
        d = gap(a.tint, b.tint, vision, washed)
        assert d >= TINT_GAP, (a.key, b.key, vision, washed, round(d, 1))


@pytest.mark.parametrize("washed", [False, True])
def test_every_mark_stands_out_from_the_page_and_the_slides(washed):
    """Bars, a tile's border or outline, a chip's frame: on the white page, the presentation's
    white slide, the HTML file's white slide and the PowerPoint's (a blank white layout)."""
    for status in STATUS + GREY:
        assert ratio(status.mark, palette.PAGE, washed) >= MARK, (status.key, washed)


@pytest.mark.parametrize("washed", [False, True])
def test_every_status_text_reads_on_its_background(washed):
    for status in STATUS + GREY:
        # the glyph and word in ink on the tint (presentation and HTML cells, PowerPoint cells,
        # chips); the Streamlit grid draws black on a tint whose luminance is above 0.5
        assert ratio(palette.INK, status.tint, washed) >= TEXT, (status.key, washed)
        assert cv.luminance(cv.rgb(status.tint)) > 0.5, status.key
        assert ratio("#000000", status.tint, washed) >= TEXT, (status.key, washed)
        # a status's colour as words on white (a tile's change coloured good, bad or near)
        assert ratio(status.text, palette.PAGE, washed) >= TEXT, (status.key, washed)
    # the value written beside a bar, in ink on the white plot
    assert ratio(palette.INK, palette.PAGE, washed) >= TEXT


def test_the_marks_sit_on_white_where_they_are_drawn():
    from governance.briefing import html as briefing_html
    from views.present import slides

    assert '[data-testid="stApp"] { background: #ffffff;' in slides.CSS
    assert re.search(r"\.slide \{[^}]*background: #fff;", briefing_html.CSS)
    bars = {"good": charts.GOOD, "bad": charts.BAD}
    assert bars == {"good": palette.GREEN.mark, "bad": palette.RED.mark}


def test_each_status_has_its_own_glyph_and_word():
    statuses = STATUS + GREY
    assert len({s.glyph for s in statuses}) == len(statuses)
    assert [palette.label(1.0, light, "zh") for light in ("green", "amber", "red", None)] == [
        "√ 达标",
        "! 接近目标",
        "× 未达标",
        "○ 无目标",
    ]
    assert palette.label(None, "red", "zh") == "— 无数据"  # no value: never a light
    assert palette.label(float("nan"), "green", "en") == "— No data"
    assert palette.light_label("amber", "en") == "! Near target"


def test_the_glyphs_are_in_gbk_so_every_chinese_font_draws_them():
    for status in STATUS + GREY:
        status.glyph.encode("gbk")  # raises when a Chinese font may lack it


def test_no_status_colour_is_defined_outside_the_palette():
    """The palette is the one place: none of its hex values, nor any of the colours it
    replaced, is written anywhere else in the app's code."""
    old = {
        "#1a9850", "#f2a900", "#d73027", "#d9f0d3", "#fff2cc", "#f8d7da", "#c7e9c0",
        "#fee8a6", "#f9c0b8", "#1a7a3f", "#c0211a", "#a86a00", "#0b7a32", "#c0161d",
        "#a15c00", "#d4edda", "#ffe8b3", "#f8d0d3",
    }  # fmt: skip
    ours = {c.lower() for s in STATUS for c in (s.mark, s.tint, s.text)}
    rgb_calls = {
        "rgbcolor(0x{}, 0x{}, 0x{})".format(*re.findall("..", c[1:])).lower() for c in old | ours
    }
    found = []
    for folder in ("governance", "ui", "views", "scripts"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.name == "palette.py":
                continue
            text = path.read_text(encoding="utf-8").lower()
            found += [(path.name, c) for c in old | ours | rgb_calls if c in text]
    assert not found


# ---- every status in words, wherever it is shown ------------------------------------------------

LABELS = {palette.label(1.0, light, "zh") for light in ("green", "amber", "red", None)}
LABELS_EN = {palette.label(1.0, light, "en") for light in ("green", "amber", "red", None)}
F = Filters(period_from=fixture_data.Q[0], period_to=fixture_data.Q[-1])
PERIOD = flt.Filters(date(2010, 4, 1), date(2011, 4, 1))


@pytest.fixture(scope="module")
def decks(fixture_dir):
    con = db.connect(fixture_dir)
    try:
        yield {
            lang: build_deck(bc.db_runner(con, db.WHOLE_TOWN), PERIOD, lang)
            for lang in ("zh", "en")
        }
    finally:
        con.close()


def test_the_ranking_cells_and_their_download_say_each_status(fixture_con):
    run = town_run(fixture_con)
    v = overview.build(run, F, "zh", None)
    rows = v.ranking.frame.set_index("community_id")
    # 4 and 2 households billed: the small-sample rule shows the counts, no status
    assert rows.loc["C01", "长效管理"] == "75.0% · 样本少（3/4）"
    assert rows.loc["C02", "长效管理"] == "0.0% · 样本少（0/2）"
    assert rows.loc["V01", "长效管理"] == "— 无数据"  # a village without bills
    assert rows.loc["C01", "文化服务"] == "200 · √ 达标 · #1"
    assert rows.loc["C02", "文化服务"] == "20 · × 未达标 · #2"
    # each pill's colour is its status's tint (few cases: grey, never red or green)
    labels, colours = v.ranking.pills["长效管理"]
    colour = dict(zip(labels, colours, strict=True))
    assert colour["75.0% · 样本少（3/4）"] == palette.NONE.tint
    assert colour["0.0% · 样本少（0/2）"] == palette.NONE.tint
    assert colour["— 无数据"] == palette.NO_DATA.tint
    culture = dict(zip(*v.ranking.pills["文化服务"], strict=True))
    assert culture["200 · √ 达标 · #1"] == palette.GREEN.tint
    assert culture["20 · × 未达标 · #2"] == palette.RED.tint
    # the Excel download's status column, as the file holds it
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx_bytes(v.ranking.export)))
    sheet = book.active
    heads = [c.value for c in sheet[1]]
    column = heads.index("长效管理·物业费收缴率·状态") + 1
    statuses = [sheet.cell(row=r, column=column).value for r in range(2, sheet.max_row + 1)]
    assert statuses == ["样本少（3/4）", "样本少（0/2）", "— 无数据"]
    en = overview.build(run, F, "en", None).ranking.frame.set_index("community_id")
    assert en.loc["C01", "Long-term management"] == "75.0% · few cases (3/4)"
    assert en.loc["C01", "Cultural services"] == "200 · √ On target · #1"


def test_the_tiles_say_their_status_beside_the_target(decks):
    tiles = [t for s in decks["zh"].slides for t in s.tiles if t.target is not None]
    assert tiles
    for tile in tiles:
        # or, on fewer than 10 cases, its counts (样本少（3/4）) in place of any light:
        # the small-sample rule (issue 20) added that state after this test was written
        small = tile.status_text.startswith("样本少（") and tile.status_text.endswith("）")
        assert tile.status_text in LABELS | {"— 无数据"} or small, tile.label
        assert tile.note.endswith(tile.status_text)
    assert any(t.status_text == "× 未达标" for t in tiles)


def test_the_presentation_slides_say_each_status(decks):
    from views.present import slides

    ranking = decks["zh"].slide(RANKING).table
    out = slides.table_html(ranking)
    for row, lights in zip(ranking.rows, ranking.lights, strict=True):
        for cell, light in zip(row, lights, strict=True):
            if light:
                assert palette.light_label(light, "zh") in cell
                assert f"background:{palette.LIGHTS[light].tint}" in out
    tile = next(t for s in decks["zh"].slides for t in s.tiles if t.light == "red")
    chip = slides._note_html(tile)
    assert "× 未达标" in chip and palette.RED.mark in chip and palette.RED.tint in chip


def test_the_html_briefing_says_each_status(decks, tmp_path):
    for lang, labels in (("zh", LABELS), ("en", LABELS_EN)):
        text = html.write(decks[lang], tmp_path / lang).read_text(encoding="utf-8")
        shown = {label for label in labels if label in text}
        assert {palette.light_label("green", lang), palette.light_label("red", lang)} <= shown
        # and each status-coloured cell holds its status's glyph
        for cls, status in (("cell-green", palette.GREEN), ("cell-red", palette.RED)):
            cells = re.findall(rf'<td class="{cls}[^"]*">([^<]*)</td>', text)
            assert cells and any(status.glyph in c for c in cells), (lang, cls)


def test_the_powerpoint_says_each_status_in_its_tables_tiles_and_bars(decks):
    prs = Presentation(io.BytesIO(pptx.render(decks["zh"])))
    texts, labels = [], []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts += [c.text for row in shape.table.rows for c in row.cells]
            if shape.has_chart and shape.chart.chart_type is not None:
                for point in shape.chart.plots[0].series[0].points:
                    if point.data_label.has_text_frame:
                        labels.append(point.data_label.text_frame.text)
    joined = "\n".join(texts)
    assert "√ 达标" in joined and "× 未达标" in joined
    # every bar says its status: its glyph, or on a small sample 样本少 (no light to say)
    # (a few cases' 样本少 on a line of its own under the value since 7ed2baf)
    assert labels and all(re.search(r"[ \n]([√!×○]|样本少)$", x) for x in labels), labels
    assert any(x.endswith("\n样本少") for x in labels) and any(x.endswith(" ×") for x in labels)


def test_a_bar_coloured_by_its_light_says_it_too():
    ids, names, lights = ["C01", "C02", "C03"], ["甲", "乙", "丙"], ["green", "amber", "red"]
    fig = charts.community_bars(ids, names, [75.0, 55.0, 10.0], "t", lights)
    bar = fig.data[0]
    assert list(bar.marker.color) == [palette.GREEN.mark, palette.AMBER.mark, palette.RED.mark]
    assert list(bar.text) == ["√", "!", "×"] and bar.texttemplate.endswith("%{text}")
    assert bar.textposition == "outside"  # in ink on the page, not on the bar's colour
    assert bar.outsidetextfont.color == palette.INK and bar.outsidetextfont.shadow == charts.HALO


def _table() -> str:  # pragma: no cover - a report for a reader, not a test
    lines = ["marks: pairwise CIEDE2000"]
    for vision, washed in CONDITIONS:
        pairs = [
            f"{a.key[6:]}-{b.key[6:]} {gap(a.mark, b.mark, vision, washed):.1f}"
            for a, b in itertools.combinations(STATUS, 2)
        ]
        lines.append(f"  {vision}{' washed' if washed else ''}: " + ", ".join(pairs))
    lines.append("tints: pairwise CIEDE2000")
    for vision, washed in CONDITIONS:
        pairs = [
            f"{a.key[6:]}-{b.key[6:]} {gap(a.tint, b.tint, vision, washed):.1f}"
            for a, b in itertools.combinations(STATUS, 2)
        ]
        lines.append(f"  {vision}{' washed' if washed else ''}: " + ", ".join(pairs))
    lines.append("contrast (plain / washed)")
    for s in STATUS + GREY:
        lines.append(
            f"  {s.key:14} mark {s.mark} on white {ratio(s.mark, palette.PAGE, False):.2f}"
            f"/{ratio(s.mark, palette.PAGE, True):.2f}; ink on tint {s.tint} "
            f"{ratio(palette.INK, s.tint, False):.2f}/{ratio(palette.INK, s.tint, True):.2f}; "
            f"text {s.text} on white {ratio(s.text, palette.PAGE, False):.2f}"
            f"/{ratio(s.text, palette.PAGE, True):.2f}"
        )
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    print(_table())


@pytest.mark.parametrize(
    "good, light, basis, expected",
    [
        (None, "amber", "target", palette.FLAT),  # no change to judge
        (False, "amber", "target", palette.NEAR),  # short of the target by at most 10%
        (False, "red", "target", palette.BAD),
        (False, "amber", "qoq", palette.BAD),  # amber only against the target
        (True, "amber", "target", palette.GOOD),
        (True, None, "yoy", palette.GOOD),
    ],
)
def test_a_changes_tone(good, light, basis, expected):
    assert palette.tone(good, light, basis) == expected


def test_the_tone_rule_is_written_once():
    """The page's tile, presentation mode, the HTML and the PowerPoint all ask palette.tone:
    no copy of "amber only against the target" is left anywhere else."""
    root = Path(__file__).resolve().parent.parent
    rule = re.compile(r'"target"\s+and\s+[\w.]+\s*==\s*"amber"')
    code = [
        p for folder in ("governance", "ui", "views") for p in sorted((root / folder).rglob("*.py"))
    ]
    found = [p.relative_to(root).as_posix() for p in code if rule.search(p.read_text("utf-8"))]
    assert found == ["governance/palette.py"]
