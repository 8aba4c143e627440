"""One shown tile (governance/tiles.py, issue 19): a KPI's value, change, tone and the lines under
it are worded once, and the page's tile, presentation mode, the HTML and the PowerPoint read
that one wording. Values are hand-made KPIs; the texts are the catalog's."""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

import pytest

from governance import kpi, palette, tiles
from governance.briefing import content
from governance.briefing.html import tile_html
from governance.indicators import indicator

FEE, PETITIONS = indicator("fee_collection_rate"), indicator("petitions")


def _petitions(before: float, after: float) -> kpi.Kpi:
    """Petitions (a count, fewer is good), ``before`` -> ``after``: their own cases."""
    delta = after - before
    return kpi.Kpi(PETITIONS, after, before, delta, PETITIONS.is_good(delta), None, None, [],
                   after, before)  # fmt: skip


def test_a_change_that_shows_as_flat_has_no_colour_and_no_arrow_anywhere():
    # 60.00% -> 60.04%: up, which is good for a collection rate, but it reads 持平 at one decimal
    k = kpi.Kpi(FEE, 60.04, 60.0, 0.04, True, 60.0, "green", [], None, None, 100, 6004, 10000)
    s = tiles.shown(k, "zh", "qoq")
    assert (s.change_text, s.tone, s.arrow) == ("持平", palette.FLAT, False)
    tile = content.tile(k, "zh", basis="qoq")
    # the briefing coloured it by ``good`` (green) while the page's tile showed it grey
    assert (tile.change_text, tile.tone, tile.arrow) == ("持平", palette.FLAT, False)
    assert 'class="change flat"' in tile_html(tile, "较上季度")


def test_a_change_on_few_cases_drops_its_relative_share_and_says_its_counts():
    k = _petitions(2.0, 1.0)  # 2 -> 1: "-50%" would be a headline; 2 cases are few (< 10)
    s = tiles.shown(k, "zh", "qoq")
    assert (s.change_text, s.few_counts, s.tone, s.arrow) == ("-1", "2 → 1件", palette.GOOD, True)
    assert s.few_help == "基数不足 10 件，变化幅度不宜作为结论"
    # the slide says the counts beside the change; the page's tile on the line under it
    assert content.change_text(k, "qoq", "zh") == "-1（2 → 1件，样本少）"
    assert content.tile(k, "zh", basis="qoq").change_text == "-1（2 → 1件，样本少）"
    # against a target there are no few cases to speak of: the change with its share
    on_target = tiles.shown(k, "zh", "target")
    assert on_target.few_counts is None and on_target.few_help is None


def test_exactly_ten_cases_are_not_few():
    s = tiles.shown(_petitions(10.0, 12.0), "zh", "qoq")
    assert (s.change_text, s.few_counts, s.tone) == ("+2（+20.0%）", None, palette.BAD)


def test_no_change_against_a_target_that_does_not_exist_says_so():
    k = kpi.Kpi(PETITIONS, 6.0, None, None, None, None, None, [], 6.0)
    s = tiles.shown(k, "zh", "target")
    assert (s.change_text, s.no_change_text, s.tone, s.arrow) == (None, "无目标", "flat", False)
    assert content.change_text(k, "target", "zh") == "无目标"
    assert content.change_text(k, "qoq", "zh") == "—"  # no basis value: nothing to say why
    assert tiles.shown(k, "zh", "qoq").no_change_text is None


def test_a_value_on_a_small_sample_has_no_light_but_its_counts():
    # 3 of 4 households paid in full: 75% over a 60% target, on too few households to judge
    k = kpi.Kpi(FEE, 75.0, 25.0, 50.0, True, 60.0, None, [], None, None, 4, 3, 4)
    s = tiles.shown(k, "zh", "qoq")
    assert (s.small_text, s.status_text) == ("样本少（3/4）", "样本少（3/4）")
    assert s.help == ("目标: 60.0%", "样本少（3/4）") and s.target_status is None
    tile = content.tile(k, "zh", basis="qoq")
    assert tile.note == "目标 60.0% · 样本少（3/4）" and tile.light is None


def test_a_value_against_its_target_says_where_it_stands_in_words():
    k = kpi.Kpi(FEE, 50.0, 55.0, -5.0, False, 60.0, "red", [], None, None, 100, 50, 100)
    s = tiles.shown(k, "zh", "target")
    assert s.target_status == "目标 60.0%：× 未达标"
    assert s.help == ("目标: 60.0%", "× 未达标")
    assert (s.tone, s.value_text) == (palette.BAD, "50.0%")
    en = tiles.shown(k, "en", "target")
    assert en.label == "Property-fee collection" and en.value_text == "50.0%"
    assert tiles.shown(k, "zh", "target", value_text="一半").value_text == "一半"


@pytest.mark.parametrize(
    ("good", "light", "expected"),
    [(False, "amber", palette.NEAR), (False, "red", palette.BAD), (True, "amber", palette.GOOD)],
)
def test_the_tone_against_the_target_is_the_palettes(good, light, expected):
    k = kpi.Kpi(FEE, 57.0, 60.0, -3.0 if not good else 1.0, good, 60.0, light, [], None, None,
                100, 57, 100)  # fmt: skip
    assert tiles.shown(k, "zh", "target").tone == expected


def test_every_renderer_reads_the_tone_the_shown_tile_decided():
    """No page, slide or file asks palette.tone itself: governance/tiles.py does, once."""
    root = Path(__file__).resolve().parent.parent
    code = [
        p
        for d in ("governance", "ui", "views")
        for p in sorted((root / d).rglob("*.py"))
        if "i18n" not in p.parts  # the catalog holds the words; code asks for them
    ]
    asks = re.compile(r"\bpalette\.tone\(|\bfrom governance\.palette import [^\n]*\btone\b")
    found = [p.relative_to(root).as_posix() for p in code if asks.search(p.read_text("utf-8"))]
    assert found == ["governance/tiles.py"]
    # and the words of a tile without a change or on few cases are in it alone
    for key in ("change.no_target", "change.few.help"):
        users = [p.relative_to(root).as_posix() for p in code if f'"{key}"' in p.read_text("utf-8")]
        assert users == ["governance/tiles.py"], key


# ---- the sparkline: an image of a few SVG nodes, not a Vega chart ------------------------------


def _svg(img: str) -> str:
    src = re.search(r'src="([^"]*)"', img).group(1)
    assert src.startswith("data:image/svg+xml;utf8,")
    return urllib.parse.unquote(src.split(",", 1)[1])


def test_a_sparkline_runs_edge_to_edge_lowest_at_the_bottom_and_breaks_at_a_gap():
    # values 1, 2, -, 4, 3 over 5 quarters: x 0, 25, 50, 75, 100; y 95 - 90 (v - 1) / 3
    img = tiles.sparkline([1.0, 2.0, None, 4.0, 3.0], palette.GOOD)
    assert img is not None and "height:48px" in img and 'alt=""' in img
    svg = _svg(img)
    assert re.findall(r'points="([^"]*)"', svg) == ["0.0,95.0 25.0,65.0", "75.0,5.0 100.0,35.0"]
    assert f'stroke="{palette.GREEN.mark}"' in svg
    assert tiles.SPARK_COLOURS[palette.BAD] == palette.RED.mark
    assert tiles.SPARK_COLOURS[palette.FLAT] == palette.NONE.mark


def test_a_flat_series_is_a_line_at_mid_height_and_one_value_is_no_line():
    svg = _svg(tiles.sparkline([7.0, 7.0, float("nan"), 7.0], palette.FLAT))
    # NaN breaks the line too; a lone point is no line: only 0 and 33.33 are joined
    assert re.findall(r'points="([^"]*)"', svg) == ["0.0,50.0 33.33,50.0"]
    assert tiles.sparkline([5.0], palette.GOOD) is None
    assert tiles.sparkline([None, 5.0, None], palette.GOOD) is None
    assert tiles.sparkline([], palette.GOOD) is None


def test_a_unit_per_head_goes_to_the_label_in_english_and_stays_on_the_value_in_chinese():
    # 6 incidents per 4,500 residents: 13.33 per 10k; "13.33 per 10k residents" was cut off on
    # a page's tile at 1280 px (the slide already moved it): both now read the one rule
    rate = indicator("incident_rate")
    k = kpi.Kpi(rate, 6 / 4500 * 10_000, None, None, None, None, None, [], None, None)
    en, zh = tiles.shown(k, "en", "qoq"), tiles.shown(k, "zh", "qoq")
    assert (en.label, en.value_text) == ("Security incident rate (per 10k)", "13.33")
    assert (zh.label, zh.value_text) == ("治安发案率", "13.33起/万人")
    assert content.tile(k, "en").label == en.label and content.tile(k, "en").value_text == "13.33"


def test_a_tile_counted_twice_puts_its_second_count_under_the_value_in_english():
    batches, persons = indicator("skip_level_batches"), indicator("skip_level_persons")
    b = kpi.Kpi(batches, 3.0, None, None, None, None, None, [], None, None)
    p = kpi.Kpi(persons, 6.0, None, None, None, None, None, [], None, None)
    assert tiles.counted_twice(b, p, "zh") == ("3批 · 6人次", "")
    assert tiles.counted_twice(b, p, "en") == ("3 batches", "6 person-times")
