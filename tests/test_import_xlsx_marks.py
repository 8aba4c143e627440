"""An .xlsx read with python-calamine keeps what calamine does not give: a number shown as a
percentage, a formula's error (calamine reads it as empty), the column letters of a sheet
that starts right of column A under a merged title — and a zip bomb is still refused unread."""

from __future__ import annotations

import io
import zipfile

import pytest
import xlsxwriter

from governance.importer import cellmarks, read_file
from governance.importer.cellmarks import PERCENT, sheet_marks
from tests.import_corpus import GOOD_OUTCOME, OUTCOME_NAMES, zip_bomb


def _book(write) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    write(book)
    book.close()
    return buffer.getvalue()


def test_a_formula_error_in_an_optional_cell_is_refused_never_read_as_empty():
    def write(book):
        ws = book.add_worksheet("households")
        ws.write_row(0, 0, ["household_id", "community_id", "stairwell_id", "members"])
        ws.write_row(1, 0, ["H1", "C01"])
        # stairwell_id may be empty (a village household): an error must not pass as that
        ws.write_formula(1, 2, "=VLOOKUP(A2,Z:Z,1,0)", None, "#N/A")
        ws.write_number(1, 3, 3)

    parsed = read_file("households.xlsx", _book(write))
    [error] = parsed.errors
    assert (error.sheet, error.row, error.column_name, error.value) == (
        "households",
        2,
        "stairwell_id",
        "#N/A",
    )
    assert error.reason_zh.startswith("单元格是 Excel 的错误值（公式出错）")


def test_a_formula_error_as_the_last_cell_of_a_row_is_still_named():
    def write(book):
        ws = book.add_worksheet("outcomes")
        ws.write_row(0, 0, OUTCOME_NAMES)
        ws.write_row(1, 0, GOOD_OUTCOME[:-1])
        ws.write_formula(1, 9, "=1/0", None, "#DIV/0!")

    [error] = read_file("outcomes.xlsx", _book(write)).errors
    assert (error.row, error.column_name, error.value) == (2, "satisfaction_pct", "#DIV/0!")


def test_percentage_formats_built_in_and_custom_are_seen_in_a_score_and_a_percent_column():
    def write(book):
        ws = book.add_worksheet("outcomes")
        ws.write_row(0, 0, OUTCOME_NAMES)
        ws.write_row(1, 0, GOOD_OUTCOME)
        ws.write_number(1, 6, 0.913, book.add_format({"num_format": 10}))  # 0.00%: built in
        ws.write_number(1, 7, 0.8, book.add_format({"num_format": "0.0%;[Red]-0.0%"}))
        ws.write_number(1, 9, 0.745, book.add_format({"num_format": 9}))  # 0%: a % column

    parsed = read_file("outcomes.xlsx", _book(write))
    assert [(p.sheet, p.row, p.column_name, p.value) for p in parsed.errors] == [
        ("outcomes", 2, "environment_score", "91.3%"),
        ("outcomes", 2, "safety_index", "80%"),
    ]
    assert {p.reason_zh for p in parsed.errors} == {"此列不是百分比列，不能带 %。"}
    # in the column of unit %, 74.5% shown is the 74.5 the contract holds
    assert parsed.tables["outcomes"]["satisfaction_pct"].tolist() == [74.5]


def test_a_sheet_right_of_column_a_under_a_merged_title_keeps_its_letters():
    def write(book):
        ws = book.add_worksheet("outcomes")
        ws.merge_range("B1:K1", "芦潮港镇 三降四升成效（2011 年第三季度）")
        ws.write_row(2, 1, OUTCOME_NAMES)
        ws.write_row(3, 1, [*GOOD_OUTCOME, "备注"])  # column L: data without a header

    parsed = read_file("outcomes.xlsx", _book(write))
    assert parsed.ok
    frame = parsed.tables["outcomes"]
    assert frame["__row__"].tolist() == [4]
    assert frame["environment_score"].tolist() == [74.0]
    assert frame["petitions"].tolist() == [6]
    [warning] = parsed.problems
    assert warning.reason_zh == "第 L 列有数据但没有列名，已忽略。"


def test_a_row_style_and_a_text_that_looks_like_an_attribute_are_not_cells():
    xml = (
        b'<sheetData><row r="2" s="3" customFormat="1"><c r="A2" t="inlineStr"><is>'
        b'<t> s="3" t="e"</t></is></c><c r="B2" s="3"><v>0.5</v></c>'
        b'<c r="C2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row></sheetData>'
    )
    assert sheet_marks(xml, {3}) == {2: [(1, PERCENT), (2, "#DIV/0!")]}


def test_marks_are_found_across_the_pieces_a_large_sheet_is_searched_in(monkeypatch):
    def write(book):
        ws = book.add_worksheet("outcomes")
        ws.write_row(0, 0, OUTCOME_NAMES)
        pct = book.add_format({"num_format": "0%"})
        for r in range(1, 40):
            ws.write_row(r, 0, GOOD_OUTCOME)
            ws.write_number(r, 6, 0.5, pct)

    data = _book(write)
    archive = zipfile.ZipFile(io.BytesIO(data))
    whole = cellmarks.workbook_marks(archive)
    monkeypatch.setattr(cellmarks, "CHUNK", 100)  # a cut inside nearly every row
    assert cellmarks.workbook_marks(archive) == whole
    assert sorted(whole["outcomes"]) == list(range(2, 41))
    assert whole["outcomes"][40] == [(6, PERCENT)]


def test_an_inflating_workbook_is_refused_before_calamine_or_the_xml_is_read(monkeypatch):
    import python_calamine

    def boom(*args, **kwargs):
        raise AssertionError("parsed")

    monkeypatch.setattr(python_calamine, "CalamineWorkbook", boom)
    monkeypatch.setattr(cellmarks, "workbook_marks", boom)
    from governance.importer import Limits

    bomb = zip_bomb(30 * 1024 * 1024)
    parsed = read_file("outcomes.xlsx", bomb, limits=Limits(max_xlsx_uncompressed=20 * 1024**2))
    [error] = parsed.errors
    assert "解压后达 30.0 MB" in error.reason_zh and "20.0 MB" in error.reason_zh


@pytest.mark.parametrize(
    "styles",
    [b"<styleSheet", b"<not xml", None],
    ids=["cut short", "not xml", "missing"],
)
def test_a_damaged_styles_part_is_a_clear_message_or_no_styles(styles):
    def write(book):
        ws = book.add_worksheet("outcomes")
        ws.write_row(0, 0, OUTCOME_NAMES)
        ws.write_row(1, 0, GOOD_OUTCOME)

    source = zipfile.ZipFile(io.BytesIO(_book(write)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for info in source.infolist():
            if info.filename == "xl/styles.xml":
                if styles is not None:
                    out.writestr(info.filename, styles)
            else:
                out.writestr(info.filename, source.read(info.filename))
    parsed = read_file("outcomes.xlsx", buffer.getvalue())
    if styles is None:
        # no styles part: every cell is General, the workbook reads as it is
        assert parsed.ok and parsed.tables["outcomes"]["environment_score"].tolist() == [74.0]
    else:
        [error] = parsed.errors
        assert "不是有效的 .xlsx" in error.reason_zh


@pytest.mark.parametrize(
    ("table", "column", "texts", "refused"),
    [
        # an Excel error and a text over 1,000 characters refused
        ("property_fees", "household_id", ["H000001", " H２ ", "", "#N/A", "x" * 1001], 2),
        # a date off the quarter's first day is read here, refused by validation
        ("property_fees", "quarter", ["2011Q3", "2011年第4季度", "2011-08-01", "", "#REF!"], 1),
        ("property_fees", "billed_yuan", ["1,234.50元", "91.3%", "abc", "", "5"], 2),
    ],
)
def test_a_large_text_column_reads_as_the_cell_by_cell_parse_does(
    monkeypatch, table, column, texts, refused
):
    # 10,000 cells of text: parsed per distinct text through factorize; the same values and
    # the same refused cells (label, raw, reason), in the same order, as the per-cell loop
    import pandas as pd

    from governance.contract import TABLES_BY_NAME
    from governance.importer import values

    col = TABLES_BY_NAME[table].column(column)
    cells = [texts[i % len(texts)] for i in range(10_000)]
    series = pd.Series(cells, index=range(5, 10_005), dtype=object)  # as the reader makes it
    fast, fast_bad = values.convert(series, col)
    monkeypatch.setattr(values, "_FACTORIZE_FROM", 10**9)
    slow, slow_bad = values.convert(series, col)
    pd.testing.assert_series_equal(fast, slow)
    assert fast_bad == slow_bad and len(fast_bad) == 10_000 // len(texts) * refused
    assert fast_bad[0][0] == 5 + texts.index(fast_bad[0][1])
