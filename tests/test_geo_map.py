"""一张图: the map model on the demo's schematic layout, its figure (no geo layer, one filled
outline per community, a click target carrying the id), the map slide of the briefing, the
HTML file's map and the PowerPoint's native freeform shapes."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import shutil
import subprocess
import urllib.parse
from datetime import date
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from governance import charts, db, palette
from governance.briefing import fit, html, pptx
from governance.briefing.content import build_deck, db_runner
from governance.filters import Filters
from governance.geo import mapview, townmap
from governance.i18n import t

F = Filters(period_from=date(2010, 1, 1), period_to=date(2011, 10, 1))
NAMES = (
    "海港社区",
    "芦苑社区",
    "新港社区",
    "滨海社区",
    "潮和社区",
    "彩虹社区",
    "东滩社区",
    "渔港村",
)


@pytest.fixture(scope="module")
def run(demo_dir):
    con = db.connect(demo_dir)
    runner = db_runner(con, db.WHOLE_TOWN)
    yield lambda name, params=None: runner(name, params or {})
    con.close()


@pytest.fixture(scope="module")
def deck(run):
    return build_deck(run, F, "zh")


def test_the_demo_map_is_a_schematic_of_seven_communities_and_the_village(run):
    v = mapview.build(run, F, "zh", "fee_collection_rate")
    m = v.map
    assert tuple(a.name for a in m.areas) == NAMES
    assert m.schematic and m.title.startswith("一张图（示意图）") and "示意图" in m.note
    village = m.area("V01")
    assert village.value is None and village.status_text == "— 无数据"  # no managed housing
    assert village.fill == charts.LIGHT_COLOURS[None]
    # the village by the harbour, south-east of the communities
    inland = [a for a in m.areas if a.community_id != "V01"]
    assert village.label_at[1] < min(a.label_at[1] for a in inland) + 0.01
    assert village.label_at[0] > sum(a.label_at[0] for a in inland) / len(inland)
    for a in m.areas:  # colour, value and status word agree
        assert a.fill == charts.LIGHT_COLOURS.get(a.light, charts.LIGHT_COLOURS[None])
        assert a.status_text == f"{palette.BY_KEY[a.status_key].glyph} {t(a.status_key, 'zh')}"
    assert any("未达标" in s for s in m.sentences)  # who is red, in words


def test_the_figure_has_no_geo_layer_and_one_outline_per_community(run):
    fig = mapview.build(run, F, "en", "star3_share").figure
    spec = fig.to_dict()
    assert not any(tr["type"].endswith("geo") or "mapbox" in tr["type"] for tr in spec["data"])
    assert "geo" not in spec["layout"] and "mapbox" not in spec["layout"]
    fills = [tr for tr in spec["data"] if tr.get("fill") == "toself"]
    assert len(fills) == 8
    (targets,) = [tr for tr in spec["data"] if tr.get("customdata") is not None]
    assert list(targets["customdata"]) == ["C01", "C02", "C03", "C04", "C05", "C06", "C07", "V01"]
    assert spec["layout"]["yaxis"]["scaleanchor"] == "x"  # the aspect of the ground
    labels = [a["text"] for a in spec["layout"]["annotations"]]
    assert labels[0].startswith("<b>Haigang</b><br><b>Community</b><br>")
    # each status with its glyph (beside the value) and its word: read without colour
    assert all(label.endswith(("√<br>On target", "×<br>Below target", "!<br>Near target",
                               "— No data", "○<br>No target")) for label in labels)  # fmt: skip


def test_a_chosen_community_is_outlined_and_offered_its_profile(run):
    v = mapview.build(run, Filters(F.period_from, F.period_to, ("C03",)), "zh", "star3_share")
    assert [a.community_id for a in v.map.areas if a.selected] == ["C03"]
    assert v.profile_link == "查看 新港社区 的社区画像"
    assert mapview.build(run, F, "zh", "star3_share").profile_link is None


def test_names_from_the_data_are_text_in_the_figure():
    area = townmap.Area("C01", "<b>x</b>", ((0, 0), (1, 0), (1, 1), (0, 0)), (0.5, 0.5),
                        1.0, "1", "green", "light.green", "达标", "#1a9850")  # fmt: skip
    assert townmap.label_html(area).startswith("<b>&lt;b&gt;x&lt;/b&gt;</b>")


def test_the_choices_are_the_scored_indicators_and_open_on_the_headline():
    assert townmap.default_indicator("longterm") == "fee_collection_rate"
    assert townmap.default_indicator(None, "selfgov") == "star3_share"
    assert "fee_collection_rate" in townmap.choices("longterm")
    assert "star3_share" not in townmap.choices("longterm")
    assert {"incident_rate", "star3_share"} <= set(townmap.choices(None))


# ---- the briefing ------------------------------------------------------------------------------


def test_the_deck_has_the_map_after_the_ranking(deck):
    keys = [s.key for s in deck.slides]
    assert keys[keys.index("ranking") + 1] == "map" and keys[-1] == "follow_up"
    slide = deck.slide("map")
    assert slide.title == "一张图（示意图）" and slide.townmap is not None
    assert slide.notes == (slide.townmap.note,) and "示意图" in slide.notes[0]
    assert slide.sentences == slide.townmap.sentences  # up to 5 a status: every name


def test_the_map_slide_names_fewer_per_status_than_the_page(run, monkeypatch):
    """A slide has room for SLIDE_NAMES names a status (a district's 30 ran off the screen);
    the page keeps 30. Here with one name a status, on the demo town."""
    monkeypatch.setattr(townmap, "SLIDE_NAMES", 1)
    slide = build_deck(run, F, "zh").slide("map")
    assert slide.sentences != slide.townmap.sentences
    assert not any("未列出" in s for s in slide.townmap.sentences)
    for line in slide.sentences:
        if "个）：" in line:  # a status line: one name listed, the others counted
            n = int(line.split("（")[1].split("个")[0])
            rest = f"等，另有 {n - 1} 个未列出" if n > 1 else ""
            assert line.count("、") == 0 and (rest in line)


def test_no_shapes_no_map_slide(fixture_dir):
    con = db.connect(fixture_dir)
    try:
        f = Filters(period_from=date(2010, 4, 1), period_to=date(2011, 4, 1))
        assert "map" not in [
            s.key for s in build_deck(db_runner(con, db.WHOLE_TOWN), f, "zh").slides
        ]
    finally:
        con.close()


def test_the_html_file_carries_the_interactive_map_offline(deck):
    page = html.render(deck)
    section = page.split('<section class="slide slide-map">', 1)[1].split("</section>", 1)[0]
    assert "Plotly.newPlot" in section and '"fill":"toself"' in section
    assert "一张图（示意图）" in section and "示意图：" in section
    assert "world_110m" not in page and "topojson" not in section
    assert "cdn.plot.ly" not in section and "https://" not in section


def test_the_pptx_map_is_one_native_freeform_per_community_filled_by_status(deck, tmp_path):
    prs = Presentation(io.BytesIO(pptx.render(deck)))
    keys = [s.key for s in deck.slides]
    page = prs.slides[keys.index("map")]
    shapes = [s for s in page.shapes if s.shape_type == MSO_SHAPE_TYPE.FREEFORM]
    m = deck.slide("map").townmap
    assert len(shapes) == len(m.areas) == 8
    for shape, area in zip(shapes, m.areas, strict=True):
        assert shape.name == f"{area.community_id} {area.name}"
        assert str(shape.fill.fore_color.rgb) == area.fill.lstrip("#").upper()
        assert shape.text_frame.text.splitlines()[0] == area.name
        assert area.status_text in shape.text_frame.text
        # each line fits inside its shape on one line (white letters past a shape were lost
        # on the white slide): unwrapped, in a size whose width is within the shape's
        frame = shape.text_frame
        assert frame.word_wrap is False
        for paragraph in frame.paragraphs:
            (run,) = paragraph.runs
            room = 0.8 * fit.emu_pt(shape.width)
            assert fit.width_pt(run.text, run.font.size.pt, bool(run.font.bold)) <= room or (
                run.font.size.pt in (6.0, 7.0)  # the floor: the smallest size it is given
            )
    # the shapes sit inside the slide, left of the sentences
    assert all(s.left > 0 and s.left + s.width < pptx.Inches(8.2) for s in shapes)
    assert all(s.top > pptx.Inches(1.4) and s.top + s.height < pptx.Inches(6.9) for s in shapes)


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed")
def test_libreoffice_shows_the_map_names(deck, tmp_path: Path):
    path = pptx.write(deck, tmp_path)
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    n = [s.key for s in deck.slides].index("map") + 1
    text = subprocess.run(
        ["pdftotext", "-f", str(n), "-l", str(n), str(path.with_suffix(".pdf")), "-"],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    assert "一张图（示意图）" in text
    for name in NAMES:
        assert name in text


def test_a_map_from_real_shapes_says_no_schematic(run):
    shapes = run("community_shapes")
    real = shapes.assign(schematic=False)
    m = townmap.build(
        real,
        run("communities_list"),
        run("indicator_parts_by_community_quarter"),
        run("targets_all"),
        "star3_share",
        F.period_to,
        "zh",
    )
    assert not m.schematic and "示意图" not in m.title and m.note == t("map.note.shapes", "zh")
    geometry = json.loads(real["geometry"].iloc[0])
    assert geometry["type"] == "Polygon"


def _district(n: int, chosen: str = "") -> townmap.TownMap:
    """``n`` unit squares in a row, alternately red and green; every fifth on few cases."""
    areas = []
    for i in range(n):
        light = "red" if i % 2 else "green"
        few = i % 5 == 4
        areas.append(
            townmap.Area(
                f"C{i:03d}", f"社区{i}", (((i, 0), (i + 1, 0), (i + 1, 1), (i, 1), (i, 0)),),
                (i + 0.5, 0.5), 50.0, "50.0%", None if few else light,
                "light.none" if few else f"light.{light}",
                "样本少（1/2）" if few else palette.word(f"light.{light}", "zh"),
                charts.LIGHT_COLOURS[None if few else light], f"C{i:03d}" == chosen,
                "1/2" if few else "",
            )
        )  # fmt: skip
    legend = (("× 未达标", charts.LIGHT_COLOURS["red"]), ("√ 达标", charts.LIGHT_COLOURS["green"]))
    return townmap.TownMap("x", "一张图", "", True, tuple(areas), (), (), legend, 31.0)


def test_up_to_thirty_communities_each_has_its_card_and_its_own_fill():
    spec = townmap.figure(_district(townmap.CARDS_MOST)).to_dict()
    assert townmap.CARDS_MOST == 30
    assert len(spec["layout"]["annotations"]) == 30
    fills = [tr for tr in spec["data"] if tr.get("fill") == "toself"]
    assert [tr["meta"] for tr in fills] == [f"C{i:03d}" for i in range(30)]
    (targets,) = [tr for tr in spec["data"] if tr.get("customdata") is not None]
    assert targets["mode"] == "markers" and "text" not in targets


def test_past_thirty_the_map_writes_each_status_glyph_and_keeps_the_chosen_ones_card():
    m = _district(townmap.CARDS_MOST + 1, chosen="C003")
    spec = townmap.figure(m).to_dict()
    # the chosen one's card only: 31 cards would cover the map
    assert [a["text"].split("<br>")[0] for a in spec["layout"]["annotations"]] == ["<b>社区3</b>"]
    # every outline in one picture under the plot (hundreds of traces weigh on the browser),
    # placed on the map's bounds: 31 unit squares, x 0..31, y 0..1
    (picture,) = spec["layout"]["images"]
    assert (picture["x"], picture["y"], picture["sizex"], picture["sizey"]) == (0, 1, 31, 1)
    assert (picture["xref"], picture["yref"], picture["sizing"]) == ("x", "y", "stretch")
    assert picture["layer"] == "below"
    prefix = "data:image/svg+xml;utf8,"
    assert picture["source"].startswith(prefix)
    assert not set('#<>"') & set(picture["source"])  # escaped: a # would end the URL
    svg = urllib.parse.unquote(picture["source"][len(prefix) :])
    paths = re.findall(r'<path d="([^"]*)" fill="([^"]*)"/>', svg)
    # 1,000 units across the 31 squares (32.26 each, to a tenth); y scaled by 1/cos(31°) as the
    # y axis is (a square 37.63 high) and counted down from the top: (0, 0) is at the bottom
    assert 'viewBox="0 0 1000 37.63"' in svg
    assert paths[0] == (
        "M0.0 37.6L32.3 37.6L32.3 0.0L0.0 0.0L0.0 37.6Z",
        charts.LIGHT_COLOURS["green"],
    )
    green, red, grey = (charts.LIGHT_COLOURS[k] for k in ("green", "red", None))
    assert [fill for _, fill in paths[:6]] == [green, red, green, red, grey, red]
    # 31 areas: 0..30, red odd (15, 3 of them few: 9, 19, 29), green even (16, 3 few: 4, 14, 24)
    assert [fill for _, fill in paths].count(green) == 13
    assert [fill for _, fill in paths].count(red) == 12
    assert [fill for _, fill in paths].count(grey) == 6
    # the chosen one is also a trace of its own, on top, with the dark edge
    fills = [tr for tr in spec["data"] if tr.get("fill") == "toself"]
    assert [(tr["fillcolor"], tr["line"]["color"]) for tr in fills] == [
        (red, townmap.SELECTED_EDGE)
    ]
    assert list(fills[0]["x"]) == [3, 4, 4, 3, 3]
    assert all(tr["hoverinfo"] == "skip" for tr in fills)  # the markers carry the hover
    (targets,) = [tr for tr in spec["data"] if tr.get("customdata") is not None]
    assert list(targets["customdata"]) == [f"C{i:03d}" for i in range(31)]
    assert targets["mode"] == "markers"
    assert targets["hovertext"][1] == "社区1: 50.0% · × 未达标"
    # the glyphs, in the picture too: only the judged ones (few cases: unmarked), at each
    # label point, 0.8 of the label spacing high (32.26 x 0.8)
    glyphs = re.findall(r'<text x="([^"]*)" y="([^"]*)">([^<]*)</text>', svg)
    assert [g for _, _, g in glyphs[:5]] == ["√", "×", "√", "×", "×"]  # 0, 1, 2, 3, then 5
    assert glyphs[0][:2] == ("16.1", "18.8") and glyphs[4][:2] == ("177.4", "18.8")
    assert len(glyphs) == 25 and "font-size:25.81px" in svg
    assert not [tr for tr in spec["data"] if "text" in str(tr.get("mode"))]
    legend = [tr["name"] for tr in spec["data"] if tr.get("showlegend")]
    assert legend == ["× 未达标", "√ 达标"]  # what each glyph and colour mean


@pytest.mark.parametrize(
    ("most", "n", "listed", "more"),
    [
        (30, 30, 30, ""),
        (30, 31, 30, "等，另有 1 个未列出"),
        (8, 8, 8, ""),
        (8, 9, 8, "等，另有 1 个未列出"),
    ],
)
def test_the_lines_below_a_district_map_name_thirty_per_status_then_count_the_rest(
    most, n, listed, more
):
    green = palette.word("light.green", "zh")
    areas = [
        dataclasses.replace(
            a, light="green", status_key="light.green", status_text=green, counts=""
        )
        for a in _district(n).areas
    ]
    (line,) = townmap.sentences(areas, [], "zh", most)
    names = "、".join(f"社区{i}" for i in range(listed))
    assert line.startswith(f"√ 达标（{n}个）：{names}")
    assert line.endswith(f"{names}{more}（见分社区的表格）" if more else names)
    assert dataclasses.replace(_district(n), areas=tuple(areas)).dense is (n > 30)
