"""The Word 通报 (governance/briefing/docx.py): the demo town's deck as a 公文 after GB/T 9704.

Opened with python-docx: the title, the sections 一、二、… in the deck's order, the deck's
numbers in the prose, an East-Asian font on every run (body, tables, footer), A4 with the
standard's margins, 22 lines of 28 characters, the tables that matter within the 版心 with the
header row repeated, 落款 and the date in Chinese numerals, the page number a PAGE field;
names from the data as text. LibreOffice renders it to a PDF whose text holds the title and
一、, of at most 8 pages, nothing beyond the right margin, lines 28.95 pt apart.
"""

from __future__ import annotations

import copy
import io
import itertools
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt

from governance import db
from governance import filters as flt
from governance.briefing import build_deck, docx
from governance.briefing import content as bc
from governance.briefing.model import PLATFORM_KEYS, SINCE, Deck, Slide, Table, Tile
from tests import fixture_data

DAY = date(2011, 12, 26)  # the demo data's date: the 成文日期 of these files
CJK = re.compile(r"[\u3400-\u9fff]")
HEADING = re.compile(r"^[一二三四五六七八九十]+、")
HANGING = "，。、；：）”"  # punctuation a Chinese line may let hang past its end
SINCE_SLIDE = Slide(
    key=SINCE,
    title="上次会议（2011年9月26日 · 社区管理联席会议）以来",
    tables=(
        Table(
            ("指标", "上次", "本次", "变化", "主要贡献", "状态"),
            (
                (
                    "联席会议议题解决率",
                    "80.0%",
                    "84.2%",
                    "+4.2个百分点",
                    "海港社区 +1.6",
                    "接近目标",
                ),
            ),
        ),
    ),
    sentences=("联席会议议题解决率较上次会议上升 4.2 个百分点。",),
)


@pytest.fixture(scope="module")
def decks(demo_dir) -> dict[str, Deck]:
    con = db.connect(demo_dir)
    run = bc.db_runner(con, db.WHOLE_TOWN)
    quarters = [pd.Timestamp(q).date() for q in run("periods_available", {})["quarter"]]
    f = flt.default_filters(quarters, bc.data_as_of(run))
    out = {lang: build_deck(run, f, lang) for lang in ("zh", "en")}
    out["since"] = build_deck(run, f, "zh", since=SINCE_SLIDE)
    con.close()
    return out


@pytest.fixture(scope="module")
def files(decks, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("word")
    return {lang: docx.write(decks[lang], out / lang, DAY) for lang in ("zh", "en")}


@pytest.fixture(scope="module")
def pdfs(files, tmp_path_factory) -> dict[str, Path]:
    """Both files as LibreOffice renders them (one run of soffice for both)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftotext") is None:
        pytest.skip(
            "LibreOffice (soffice) or pdftotext is not installed: "
            "apt-get install -y libreoffice-writer poppler-utils"
        )
    out = tmp_path_factory.mktemp("word_pdf")
    profile = out / "profile"  # its own profile: other LibreOffice runs do not lock it
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *(str(p) for p in files.values()),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    pdfs = {lang: out / (path.stem + ".pdf") for lang, path in files.items()}
    if not all(p.exists() for p in pdfs.values()) and shutil.which("lowriter") is None:
        pytest.skip(
            "LibreOffice Writer is not installed (soffice cannot open .docx): "
            "apt-get install -y libreoffice-writer"
        )
    assert all(p.exists() for p in pdfs.values()), done.stdout + done.stderr
    return pdfs


def paragraphs(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def headings(document) -> list[str]:
    return [text for text in paragraphs(document) if HEADING.match(text)]


def xml_parts(document):
    """The document's body, headers and footers (their XML roots)."""
    for part in document.part.package.iter_parts():
        kind = part.content_type
        if kind.endswith(("document.main+xml", "header+xml", "footer+xml")):
            yield part.partname, part.element


# ---- words -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2011, 12, 26), "二〇一一年十二月二十六日"),
        (date(2010, 10, 1), "二〇一〇年十月一日"),
        (date(2020, 11, 30), "二〇二〇年十一月三十日"),
        (date(2009, 2, 19), "二〇〇九年二月十九日"),
        (date(2031, 1, 31), "二〇三一年一月三十一日"),
    ],
)
def test_the_date_in_chinese_numerals(day, expected):
    assert docx.chinese_date(day) == expected
    assert docx.date_words(day, "zh") == expected


def test_the_date_in_english_and_section_numbers():
    assert docx.date_words(date(2011, 12, 26), "en") == "26 December 2011"
    assert docx.date_words(date(2010, 10, 1), "en") == "1 October 2010"
    assert [docx.numeral(n, "zh") for n in (1, 7, 10, 11, 20, 23)] == [
        "一",
        "七",
        "十",
        "十一",
        "二十",
        "二十三",
    ]
    assert docx.numeral(7, "en") == "7"
    with pytest.raises(ValueError):
        docx.chinese_number(0)


def _deck(lang: str) -> Deck:
    basis = "vs previous quarter" if lang == "en" else "较上季度"
    return Deck("t", "", "", None, lang, (), basis_text=basis)


def test_a_tile_in_words():
    zh = _deck("zh")
    fee = Tile("物业费收缴率", "59.3%", "+4.2个百分点", True, "amber")
    fee = replace(fee, target_text="60.0%", status_text="接近目标")
    assert (
        docx.tile_words(fee, zh)
        == "物业费收缴率为59.3%（较上季度+4.2个百分点，目标60.0%，接近目标）"
    )
    held = Tile("联席会议召开次数", "20", "-4（-16.7%）", False, None, status_text="无目标")
    assert docx.tile_words(held, zh) == "联席会议召开次数为20（较上季度-4（-16.7%））"
    people = Tile("常住人口", "2.98万人", "—", None, None)
    assert docx.tile_words(people, zh) == "常住人口为2.98万人"
    assert docx.tiles_words((held, people), zh) == (
        "联席会议召开次数为20（较上季度-4（-16.7%））；常住人口为2.98万人。"
    )
    petitions = Tile(
        "Petitions", "19", "-2 (-9.5%)", True, "green", target_text="22", status_text="On target"
    )
    assert docx.tile_words(petitions, _deck("en")) == (
        "Petitions 19 (-2 (-9.5%) vs previous quarter, target 22, on target)"
    )


def test_columns_share_the_type_area_and_narrow_ones_never_wrap():
    roomy = Table(("社区", "合计"), (("新港社区", "87"),))
    assert sum(docx.column_widths(roomy)) == 8844  # 156 mm in twips
    # Crowded: 社区 keeps its 4 characters (8 half-widths × 120 + 2 × 57 + 60 = 1134 twips);
    # the four long columns share the rest evenly: (8844 − 1134) / 4 = 1927.5, rounded down,
    # the rounding's 2 twips on the last.
    cell = "100.0% · 未达标 · #1"
    crowded = Table(("社区", "甲", "乙", "丙", "丁"), (("新港社区", cell, cell, cell, cell),))
    assert docx.column_widths(crowded) == [1134, 1927, 1927, 1927, 1929]
    # 1927 twips leave (1927 − 174) / 120 = 14.6 half-widths: "75.0% · 未达标" needs 14.8
    assert docx.cell_lines("75.0% · 未达标 · #5", 1927) == ["75.0%", "未达标 · #5"]
    assert docx.cell_lines("87", 1927) == ["87"]


# ---- the Chinese document ----------------------------------------------------------------------


def test_title_and_sections_follow_the_deck(decks, files):
    document = Document(str(files["zh"]))
    texts = paragraphs(document)
    assert texts[0] == "关于芦潮港镇“四个平台”建设情况的通报"
    assert texts[1] == ""  # 标题下空一行
    assert texts[2].startswith("现将全镇“四个平台”建设情况通报如下（时间：")
    assert decks["zh"].filters_text in texts[2]
    assert headings(document) == [
        "一、总体情况",
        "二、区域大党建平台",
        "三、长效管理平台",
        "四、文化服务平台",
        "五、民主自治平台",
        "六、本期变化",  # after the platforms: the first page stays prose
        "七、社区排名与红绿灯",
        "八、一张图（示意图）",  # the map in words: its statuses and the 示意图 note
        "九、督办事项",
    ]
    platform_titles = [s.title for s in decks["zh"].slides if s.key in PLATFORM_KEYS]
    assert [h[2:] for h in headings(document)[1:5]] == platform_titles
    assert "（一）按社区汇总" in texts and "（二）距目标最远的指标" in texts


def test_the_decks_numbers_and_sentences_are_in_the_prose(decks, files):
    body = "\n".join(paragraphs(Document(str(files["zh"]))))
    deck = decks["zh"]
    party = deck.slide("party")
    assert party.tiles[0].label == "联席会议议题解决率"
    headline = party.tiles[0]
    assert f"{headline.label}为{headline.value_text}（较上季度{headline.change_text}" in body
    for slide in deck.slides:
        if slide.key in PLATFORM_KEYS or slide.key == "outcomes":
            for tile in slide.tiles:
                assert f"{tile.label}为{tile.value_text}" in body, tile.label
        if slide.key != "outcomes":
            for sentence in slide.sentences:
                assert sentence in body, sentence


def test_every_run_has_an_east_asian_font(files):
    document = Document(str(files["zh"]))
    fonts: dict[str, set[str]] = {}
    for name, root in xml_parts(document):
        for run in root.iter(qn("w:r")):
            rfonts = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
            assert rfonts is not None, (name, "".join(run.itertext()))
            east = rfonts.get(qn("w:eastAsia"))
            assert east, (name, "".join(run.itertext()))
            assert rfonts.get(qn("w:ascii")) == "Times New Roman"
            fonts.setdefault(east, set()).add(str(name))
    assert set(fonts) == {"方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"}
    assert "/word/footer1.xml" in fonts["宋体"]  # the page number
    # the document defaults: Times New Roman and 仿宋_GB2312 at 三号, East-Asian text zh-CN
    defaults = document.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}"
    )
    rfonts = defaults.find(qn("w:rFonts"))
    assert rfonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert rfonts.get(qn("w:ascii")) == rfonts.get(qn("w:hAnsi")) == "Times New Roman"
    assert defaults.find(qn("w:sz")).get(qn("w:val")) == "32"
    assert defaults.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    # the title 二号 方正小标宋简体; a heading 三号 黑体; the body 三号 仿宋_GB2312
    title = document.paragraphs[0].runs[0]
    assert title.font.size == Pt(22)
    first_heading = next(p for p in document.paragraphs if p.text == "一、总体情况").runs[0]
    assert first_heading._r.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    assert first_heading.font.size == Pt(16)


def test_fallbacks_for_the_chinese_fonts_are_in_the_font_table(files):
    document = Document(str(files["zh"]))
    part = next(
        p for p in document.part.package.iter_parts() if p.partname == "/word/fontTable.xml"
    )
    text = part.blob.decode("utf-8")
    assert re.search(r'w:name="仿宋_GB2312">\s*<w:altName w:val="仿宋"/>', text)
    assert re.search(r'w:name="楷体_GB2312">\s*<w:altName w:val="楷体"/>', text)


def test_a4_with_the_standards_margins_and_22_lines_of_28_characters(files):
    document = Document(str(files["zh"]))
    section = document.sections[0]
    expected = {"page_width": 210, "page_height": 297}
    expected |= {"top_margin": 37, "bottom_margin": 35, "left_margin": 28, "right_margin": 26}
    for name, mm in expected.items():
        assert abs(getattr(section, name).mm - mm) < 0.05, name
    body = next(p for p in document.paragraphs if p.text.startswith("现将"))
    fmt = body.paragraph_format
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert fmt.line_spacing == Pt(28.95)
    # 22 lines fit the 225 mm (637.8 pt) 版心, 23 do not
    assert 22 * 28.95 <= 225 / 25.4 * 72 < 23 * 28.95
    # 28 characters of 16 − 0.25 pt fit the 156 mm (442.2 pt) line, 29 do not
    spacing = body.runs[0]._r.rPr.find(qn("w:spacing"))
    assert spacing.get(qn("w:val")) == "-5"  # twentieths of a point
    assert 28 * (16 - 0.25) <= 156 / 25.4 * 72 < 29 * (16 - 0.25)
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY


def test_the_tables_that_matter_within_the_type_area(decks, files):
    document = Document(str(files["zh"]))
    deck = decks["zh"]
    # not the 督办 details: 4 tables, 本期变化's first
    changed, ranking, summary, furthest = document.tables
    expected = (
        deck.slide("changes").table,
        deck.slide("ranking").table,
        deck.slide("follow_up").tables[0],
        deck.slide("follow_up").tables[1],
    )
    for native, table in zip((changed, ranking, summary, furthest), expected, strict=True):
        assert len(native.rows) == len(table.rows) + 1
        assert [c.text for c in native.rows[0].cells] == list(table.columns)
        first = [c.text.replace("\n", " · ") for c in native.rows[1].cells]
        assert first == list(table.rows[0]), first
        tbl = native._tbl
        assert tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        grid = [int(c.get(qn("w:w"))) for c in tbl.tblGrid.iter(qn("w:gridCol"))]
        assert sum(grid) == 8844  # 156 mm: never wider than the 版心
        header = native.rows[0]._tr.trPr
        assert header.find(qn("w:tblHeader")) is not None  # repeated on every page
        sizes = {
            r.font.size for row in native.rows for c in row.cells for r in c.paragraphs[0].runs
        }
        assert sizes == {Pt(12)}  # 小四
    borders = document.styles["Table Grid"].element.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}")
    assert borders is not None and borders.find(qn("w:insideH")).get(qn("w:val")) == "single"


def test_signature_date_and_page_number(files):
    document = Document(str(files["zh"]))
    office, when = document.paragraphs[-2], document.paragraphs[-1]
    assert office.text == "芦潮港镇社区管理联席会议办公室"
    assert when.text == "二〇一一年十二月二十六日"
    assert office.alignment == when.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    # office 15 characters, date 12: the office 2 characters from the right edge, the date's
    # first character 2 to the right of the office's: 2 + 15 − 2 − 12 = 3 from the right
    assert office.paragraph_format.right_indent == Pt(15.75 * 2)
    assert when.paragraph_format.right_indent == Pt(15.75 * 3)
    footer = document.sections[0].footer.paragraphs[0]
    assert footer.alignment == WD_ALIGN_PARAGRAPH.CENTER
    xml = footer._p.xml
    assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
    assert "<w:instrText" in xml and " PAGE " in xml
    assert footer.text.startswith("— ") and footer.text.endswith(" —")


def test_the_since_slide_comes_after_the_overview(decks, tmp_path):
    document = Document(str(docx.write(decks["since"], tmp_path, DAY)))
    assert headings(document)[:3] == [
        "一、总体情况",
        "二、上次会议（2011年9月26日 · 社区管理联席会议）以来",
        "三、区域大党建平台",
    ]
    assert len(document.tables) == 5  # 上次会议以来, 本期变化, the ranking, two of 督办
    since = document.tables[0]
    assert [c.text for c in since.rows[0].cells] == [
        "指标",
        "上次",
        "本次",
        "变化",
        "主要贡献",
        "状态",
    ]
    assert since.rows[1].cells[2].text == "84.2%"
    assert "联席会议议题解决率较上次会议上升 4.2 个百分点。" in paragraphs(document)


def test_english_deck_english_document(decks, files):
    document = Document(str(files["en"]))
    texts = paragraphs(document)
    assert texts[0] == "Report on Luchaogang Town: the Four Platforms"
    assert headings_en(document)[:3] == [
        "1. Overall",
        "2. Party-building platform",
        "3. Long-term management platform",
    ]
    assert texts[-2:] == ["Luchaogang Town Joint Meeting Office", "26 December 2011"]
    everything = "\n".join(texts) + "".join(
        c.text for t in document.tables for r in t.rows for c in r.cells
    )
    assert not CJK.search(everything)
    assert decks["en"].slide("party").tiles[0].value_text in everything
    for _, root in xml_parts(document):
        for run in root.iter(qn("w:r")):
            rfonts = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
            assert rfonts.get(qn("w:ascii")) == "Times New Roman"
            assert rfonts.get(qn("w:eastAsia"))


def headings_en(document) -> list[str]:
    return [p.text for p in document.paragraphs if re.match(r"^\d+\. ", p.text)]


def test_names_from_the_data_show_as_text(tmp_path):
    rows = copy.deepcopy(fixture_data.ROWS)
    hostile = "=cmd|' /C calc'!A0"
    rows["communities"][0] = ("C01", "<b>x</b>", "Jia", "社区", 2005, 1000, 400, 30000.0, "P01")
    rows["communities"][1] = (
        "C02",
        hostile + "\x07",
        "Yi",
        "社区",
        2008,
        3000,
        1000,
        60000.0,
        "P02",
    )
    con = db.connect(fixture_data.write(tmp_path / "data", rows))
    deck = build_deck(
        bc.db_runner(con, db.WHOLE_TOWN), flt.Filters(date(2010, 4, 1), date(2011, 4, 1)), "zh"
    )
    con.close()
    document = Document(str(docx.write(deck, tmp_path, DAY)))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "<b>x</b>" in cells
    assert hostile in cells  # the bell character XML cannot hold is dropped, nothing else
    xml = document.element.xml
    assert "&lt;b&gt;x&lt;/b&gt;" in xml and "<b>" not in xml
    # the only field in the file is the footer's page number
    assert "instrText" not in xml and "fldSimple" not in xml and "fldChar" not in xml


# ---- LibreOffice ---------------------------------------------------------------------------------


def _words(pdf: Path) -> list[tuple[int, float, float, float, str]]:
    """Every word of the PDF: page, xMin, xMax, yMin, text (pdftotext -bbox)."""
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    words = []
    for n, page in enumerate(html.split("<page ")[1:], start=1):
        for m in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
            page,
        ):
            words.append((n, float(m.group(1)), float(m.group(3)), float(m.group(2)), m.group(4)))
    return words


def test_libreoffice_renders_the_report(pdfs):
    pdf = pdfs["zh"]
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    flat = re.sub(r"\s+", "", text)
    assert "关于芦潮港镇“四个平台”建设情况的通报" in flat
    assert "一、总体情况" in flat and "九、督办事项" in flat
    assert "二〇一一年十二月二十六日" in flat
    assert "—1—" in flat  # the PAGE field, computed


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_pages_are_few_and_nothing_crosses_the_margins(pdfs, lang):
    pdf = pdfs[lang]
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 1 <= pages <= 8
    width = float(re.search(r"Page size:\s+([\d.]+) x", info).group(1))
    assert abs(width - 595.3) < 0.5  # A4
    mm = 72 / 25.4
    words = _words(pdf)
    assert words
    tolerance = 2.0
    for page, x_min, x_max, _, word in words:
        if word[-1:] in HANGING:  # 标点悬挂: a stop may hang in the margin, as in Word
            x_max -= 16
        assert x_max <= width - 26 * mm + tolerance, (page, word, x_max)
        assert x_min >= 28 * mm - tolerance, (page, word, x_min)


def test_body_lines_are_28_95_points_apart(pdfs):
    # page 1 is prose only: after the title and the empty line under it, its lines are
    # 28.95 pt apart (22 lines a page), all above the bottom margin (297 − 35 mm = 742.7 pt)
    tops = sorted({round(y, 1) for page, _, _, y, _ in _words(pdfs["zh"]) if page == 1})
    body = [y for y in tops[1:] if y < (297 - 35) / 25.4 * 72]  # the title, the footer: out
    gaps = [b - a for a, b in itertools.pairwise(body)]
    assert len(body) >= 18
    assert all(abs(g - 28.95) < 0.3 for g in gaps), gaps


# ---- the app ------------------------------------------------------------------------------------


def test_the_app_offers_the_word_report(fixture_dir, monkeypatch):
    import io

    from governance.briefing.content import file_stem
    from tests.apptest_support import app_on
    from ui import present

    monkeypatch.setenv("GOVERNANCE_DATA_DIR", str(fixture_dir))
    f = flt.Filters(date(2010, 7, 1), date(2011, 4, 1), ("C01",), "qoq", "zh")
    deck = present.deck(f)
    assert present.briefing_name(f, "docx") == "芦潮港镇四个平台汇报_甲社区_2010Q3-2011Q2.docx"
    assert present.briefing_name(f, "docx") == f"{file_stem(deck)}.docx"
    document = Document(io.BytesIO(present.briefing_file(f, "docx")))
    assert document.paragraphs[0].text == "关于芦潮港镇“四个平台”建设情况的通报"
    at = app_on(fixture_dir, monkeypatch)
    at.query_params.update({"c": "C02", "from": "2010Q3", "to": "2011Q2"})
    at.run()
    assert not at.exception and not at.error
    buttons = {b.key: b for b in at.get("download_button")}
    assert "ov_briefing_docx" in buttons


def test_a_slide_without_a_subtitle_has_no_empty_text_box_in_the_pptx(decks):
    # 上次会议以来 has no subtitle: an empty box under its title was there to click into
    from pptx import Presentation

    from governance.briefing import pptx

    deck = decks["since"]
    since = next(i for i, s in enumerate(deck.slides) if s.key == SINCE)
    page = Presentation(io.BytesIO(pptx.render(deck))).slides[since]
    boxes = [sh for sh in page.shapes if sh.has_text_frame and not sh.is_placeholder]
    assert boxes and all(sh.text_frame.text.strip() for sh in boxes)
