"""Reading files as offices write them: encodings, headers, values, workbooks and limits."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pandas as pd
import pytest

from governance.contract import TABLES, TABLES_BY_NAME
from governance.importer import ROW, SHEET, Limits, read_file, template_xlsx, validate
from tests.import_corpus import (
    GOOD_OUTCOME,
    GOOD_OUTCOME_2,
    OUTCOME_NAMES,
    Q3,
    csv_bytes,
    current,
    good_files,
    parquet_bytes,
    xlsx_bytes,
)

GOOD = good_files()


@pytest.mark.parametrize("name", sorted(GOOD))
def test_a_messy_good_file_is_read_to_exactly_its_rows(name):
    case = GOOD[name]
    parsed = read_file(case.filename, case.data, case.table_arg)
    report = validate(parsed, current(), case.mode)
    assert report.ok, [p.message() for p in report.errors]
    assert list(parsed.tables) == [case.table]
    frame = parsed.tables[case.table]
    assert frame.drop(columns=[ROW, SHEET]).to_dict("records") == case.rows
    assert list(frame[ROW]) == case.excel_rows
    if case.encoding:
        assert parsed.encoding == case.encoding
    for fragment in case.warnings:
        assert any(fragment in w.reason_zh for w in report.warnings)
    if not case.warnings:
        assert report.warnings == []


def test_frames_carry_the_contract_types():
    parsed = read_file("outcomes.csv", csv_bytes(OUTCOME_NAMES, [GOOD_OUTCOME]))
    dtypes = parsed.tables["outcomes"].dtypes.astype(str).to_dict()
    assert dtypes["community_id"] == "str"
    assert dtypes["quarter"] == "object"
    assert dtypes["petitions"] == "Int64"
    assert dtypes["satisfaction_pct"] == "float64"
    assert dtypes[ROW] == "int64"
    assert parsed.tables["outcomes"].at[0, "quarter"] == Q3
    mediations = read_file(
        "mediations.csv",
        csv_bytes(
            ["case_id", "community_id", "date", "resolved"],
            [["D8", "C01", "2011-07-02", "是"], ["D9", "C01", "2011-07-03", "否"]],
        ),
    )
    resolved = mediations.tables["mediations"]["resolved"]
    assert str(resolved.dtype) == "boolean" and list(resolved) == [True, False]


def test_gbk_bytes_are_not_mistaken_for_utf8():
    data = csv_bytes(
        [c.label_zh for c in TABLES_BY_NAME["outcomes"].columns], [GOOD_OUTCOME], "gbk"
    )
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    parsed = read_file("outcomes.csv", data)
    assert parsed.encoding == "GBK" and parsed.ok


def test_the_table_is_found_by_file_name_sheet_name_or_header():
    data = csv_bytes(OUTCOME_NAMES, [GOOD_OUTCOME])
    assert list(read_file("三降四升成效指标_2011Q3.csv", data).tables) == ["outcomes"]
    assert list(read_file("outcomes-2011Q3.csv", data).tables) == ["outcomes"]
    # a neutral name: the header says it
    assert list(read_file("export.csv", data).tables) == ["outcomes"]
    book = xlsx_bytes({"Outcome indicators": [OUTCOME_NAMES, GOOD_OUTCOME]})
    assert list(read_file("book.xlsx", book).tables) == ["outcomes"]


def test_a_header_that_fits_several_tables_asks_for_the_table():
    data = csv_bytes(["community_id", "quarter"], [["C01", "2011-07-01"]])
    parsed = read_file("data.csv", data)
    assert not parsed.ok
    assert "请指定要导入的表" in parsed.errors[0].reason_zh
    named = read_file("data.csv", data, table="community_assessments")
    assert [p.column_name for p in named.errors] == ["score"]


def test_one_workbook_with_a_sheet_per_table():
    sheets = {
        "社区（村）": [
            [c.name for c in TABLES_BY_NAME["communities"].columns],
            ["C03", "丁社区", "Ding", "社区", 2009, 800, 300, 20000.0, "P01"],
        ],
        "outcomes": [OUTCOME_NAMES, ["C03", "2011Q3", 1, 1, 0, 0, 70, 80, 60, 75]],
        "说明": [["这一页是说明，不是数据"]],
        "备注": [["随手记的内容"]],
    }
    parsed = read_file("季度数据.xlsx", xlsx_bytes(sheets))
    assert sorted(parsed.tables) == ["communities", "outcomes"]
    assert parsed.tables["outcomes"].at[0, SHEET] == "outcomes"
    # the sheet 备注 matches no table: said once, as a warning; 说明 is the template's own
    assert [(p.severity, p.sheet) for p in parsed.problems] == [("warning", "备注")]
    # the new community comes in with its first quarter: the reference holds
    report = validate(parsed, current(), "upsert")
    assert report.ok, [p.message() for p in report.errors]


def test_the_all_tables_template_reads_back_as_every_table():
    parsed = read_file("模板.xlsx", template_xlsx(None))
    assert sorted(parsed.tables) == sorted(t.name for t in TABLES)
    assert all(len(f) == 1 for f in parsed.tables.values())
    assert parsed.problems == []


def test_an_unknown_column_is_a_warning_and_ignored():
    data = csv_bytes([*OUTCOME_NAMES, "备注"], [[*GOOD_OUTCOME, "核对过"]])
    parsed = read_file("outcomes.csv", data)
    assert parsed.ok
    [warning] = parsed.problems
    assert warning.severity == "warning" and warning.column_name == "备注"
    assert "未知的列" in warning.reason_zh
    assert "备注" not in parsed.tables["outcomes"].columns


def test_parquet_columns_are_matched_by_name_in_any_order():
    frame = pd.DataFrame([GOOD_OUTCOME_2, GOOD_OUTCOME], columns=OUTCOME_NAMES)
    frame["quarter"] = [Q3, Q3]
    shuffled = frame[list(reversed(OUTCOME_NAMES))]
    parsed = read_file("outcomes.parquet", parquet_bytes(shuffled))
    assert parsed.ok
    out = parsed.tables["outcomes"]
    assert list(out["community_id"]) == ["C02", "C01"]
    assert list(out["petitions"]) == [4, 6]
    assert list(out[ROW]) == [2, 3]


def test_excel_blank_rows_between_data_keep_excel_row_numbers():
    rows = [OUTCOME_NAMES, GOOD_OUTCOME, [None] * 10, GOOD_OUTCOME_2]
    parsed = read_file("outcomes.xlsx", xlsx_bytes({"Sheet1": rows}))
    assert list(parsed.tables["outcomes"][ROW]) == [2, 4]


def test_text_our_own_exports_neutralised_reads_back_as_it_was():
    header = [c.name for c in TABLES_BY_NAME["honours"].columns]
    data = csv_bytes(header, [["HN9", "2011-11-01", "'=荣誉", "'-x", "上海市"]])
    frame = read_file("honours.csv", data).tables["honours"]
    assert (frame.at[0, "name_zh"], frame.at[0, "name_en"]) == ("=荣誉", "-x")


def test_full_width_text_our_own_exports_neutralised_reads_back_as_it_was():
    header = [c.name for c in TABLES_BY_NAME["honours"].columns]
    data = csv_bytes(header, [["HN9", "2011-11-01", "'＝荣誉", "'＠x", "上海市"]])
    frame = read_file("honours.csv", data).tables["honours"]
    assert (frame.at[0, "name_zh"], frame.at[0, "name_en"]) == ("＝荣誉", "＠x")


def test_size_limit_is_checked_before_reading():
    data = csv_bytes(OUTCOME_NAMES, [GOOD_OUTCOME] * 50)
    parsed = read_file("outcomes.csv", data, limits=Limits(max_bytes=len(data) - 1))
    [error] = parsed.errors
    assert "文件过大" in error.reason_zh and parsed.tables == {}


def test_the_default_size_limit_is_50_mb():
    assert Limits().max_bytes == 50 * 1024 * 1024
    assert Limits().max_rows == 1_000_000


@pytest.mark.parametrize("kind", ["csv", "xlsx", "parquet"])
def test_row_limit(kind):
    rows = [[f"A{i}", "C01", "2011-07-09", "文化广场", "文艺", "无", 10] for i in range(30)]
    header = [c.name for c in TABLES_BY_NAME["activities"].columns]
    if kind == "csv":
        data = csv_bytes(header, rows)
    elif kind == "xlsx":
        data = xlsx_bytes({"activities": [header, *rows]})
    else:
        frame = pd.DataFrame(rows, columns=header).assign(date=date(2011, 7, 9))
        data = parquet_bytes(frame)
    assert read_file(f"activities.{kind}", data, limits=Limits(max_rows=30)).ok
    parsed = read_file(f"activities.{kind}", data, limits=Limits(max_rows=29))
    assert [p.reason_zh for p in parsed.errors] == ["行数超过上限：超过 29 行。请拆分后分批导入。"]
    assert parsed.tables == {}


def test_a_template_explains_every_column():
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx("communities")))
    data, about = book.worksheets
    headers = [c.value for c in data[1]]
    assert headers[5] == "常住人口（人）" and headers[0] == "社区编号"
    # ids typed into the template keep their leading zeros: the column is text
    assert data.column_dimensions["A"].number_format == "@"
    assert data.column_dimensions["F"].number_format == "General"
    rows = {r[1]: r for r in about.iter_rows(min_row=3, values_only=True)}
    assert set(rows) == {c.name for c in TABLES_BY_NAME["communities"].columns}
    assert rows["move_in_year"][3] == "整数" and rows["move_in_year"][5] == "2003 – 2011"
    assert rows["kind"][6] == "社区、村"
    assert rows["community_id"][7] == "主键"
    assert "property_companies.company_id" in rows["company_id"][7]
    assert rows["company_id"][8] == "可为空"
    assert rows["resettlement_area_m2"][4] == "平方米"


def test_a_template_in_english():
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx("outcomes", lang="en")))
    about = book.worksheets[1]
    assert about.title == "About"
    assert [c.value for c in about[2]][:4] == [
        "Column (label)",
        "Column name",
        "English label",
        "Type",
    ]


def test_a_template_for_an_unknown_table_is_refused():
    with pytest.raises(KeyError):
        template_xlsx("no_such_table")


def test_a_second_header_row_of_english_labels_or_units_is_not_data():
    t = TABLES_BY_NAME["outcomes"]
    zh = [c.label_zh for c in t.columns]
    en = [c.label_en for c in t.columns]
    units = [f"（{c.unit}）" if c.unit else None for c in t.columns]
    data = xlsx_bytes({"outcomes": [zh, en, units, GOOD_OUTCOME]})
    parsed = read_file("outcomes.xlsx", data)
    assert parsed.ok, [p.message() for p in parsed.problems]
    assert list(parsed.tables["outcomes"][ROW]) == [4]


def test_a_utf16_tab_separated_export_is_named_as_such_not_as_binary():
    text = "\t".join(OUTCOME_NAMES) + "\r\n" + "\t".join(str(v) for v in GOOD_OUTCOME) + "\r\n"
    parsed = read_file("outcomes.csv", text.encode("utf-16"))
    [error] = parsed.errors
    assert "制表符" in error.reason_zh


def test_a_file_name_says_its_table_by_name_or_label_with_any_suffix():
    from governance.importer.read import table_from_filename

    assert table_from_filename("outcomes_2011Q4.csv") == "outcomes"
    assert table_from_filename("三降四升成效指标2011.xlsx") == "outcomes"
    assert table_from_filename("物业公司名单.csv") == "property_companies"
    assert table_from_filename("物业费收缴.csv") == "property_fees"
    assert table_from_filename("community_assessments-1.csv") == "community_assessments"
    assert table_from_filename("outcomesx.csv") is None
    assert table_from_filename("export.csv") is None


def test_a_known_column_in_another_unit_is_refused_not_rescaled():
    header = ["住户编号", "社区编号", "季度（首日）", "应缴金额（万元）", "实缴金额（元）"]
    parsed = read_file("property_fees.csv", csv_bytes(header, [["H1", "C01", "2011Q3", 1, 1]]))
    [error] = parsed.errors
    assert error.column_name == "billed_yuan"
    assert error.reason_zh == (
        "列“应缴金额（万元）”的单位是“万元”，数据约定的单位是“元”：请换算为“元”后再导入。"
    )


def test_an_amount_with_its_own_unit_is_read_and_an_excel_error_value_is_named():
    header = ["household_id", "community_id", "quarter", "billed_yuan", "paid_yuan"]
    rows = [["H1", "C01", "2011Q3", '"1,234.50元"', "#DIV/0!"], ["H2", "C01", "2011Q3", "5万元", 1]]
    parsed = read_file("property_fees.csv", csv_bytes(header, rows))
    assert parsed.tables["property_fees"].at[0, "billed_yuan"] == 1234.5
    errors = sorted((p.row, p.column_name, p.reason_zh[:4]) for p in parsed.errors)
    assert errors == [(2, "paid_yuan", "单元格是"), (3, "billed_yuan", "应为数字")]


def test_an_upload_as_a_memoryview_reads_the_same():
    data = csv_bytes(OUTCOME_NAMES, [GOOD_OUTCOME])
    parsed = read_file("outcomes.csv", memoryview(data))
    assert parsed.ok and len(parsed.tables["outcomes"]) == 1


def test_every_reason_the_importer_names_is_in_the_catalog_in_both_languages():
    import re
    from pathlib import Path

    from governance.i18n import CATALOG
    from governance.importer import workbooks

    source = "".join(p.read_text("utf-8") for p in Path(workbooks.__file__).parent.glob("*.py"))
    keys = set(re.findall(r'"(imp\.[a-z_.]+[a-z_])"', source))
    keys |= {
        f"imp.tpl.type.{k}" for k in ("VARCHAR", "INTEGER", "DOUBLE", "DATE", "QUARTER", "BOOLEAN")
    }
    assert len(keys) > 60
    for key in keys:
        zh, en = CATALOG[key]
        assert zh and en, key
