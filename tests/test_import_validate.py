"""Validation against the contract: every bad file of the corpus refused for its reason, at
its row and column; keys and references against the data kept; the open-time check."""

from __future__ import annotations

import io
from datetime import date

import numpy as np
import openpyxl
import pandas as pd
import pytest

from governance.contract import TABLES_BY_NAME
from governance.importer import (
    ROW,
    Report,
    check_tables,
    merged,
    read_file,
    report_xlsx,
    schema,
    validate,
)
from tests.import_corpus import (
    GOOD_OUTCOME,
    OUTCOME_NAMES,
    Q3,
    bad_files,
    csv_bytes,
    current,
)

BAD = bad_files()


def test_the_corpus_holds_at_least_30_bad_files():
    assert len(BAD) >= 30


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_bad_file_is_refused_for_its_reason_at_its_row_and_column(name):
    case = BAD[name]
    parsed = read_file(case.filename, case.data, case.table_arg)
    report = validate(parsed, current(), case.mode)
    assert not report.ok
    match = [
        p
        for p in report.errors
        if case.reason in p.reason_zh
        and p.row == case.row
        and p.column_name == case.column
        and p.table == case.table
    ]
    assert match, [p.message() for p in report.errors]
    # one thing is wrong: every error says that thing (not a cascade of others)
    assert all(case.reason in p.reason_zh for p in report.errors), report.messages()
    message = match[0].message()
    assert message.startswith("错误：") and case.filename in message
    if case.row is not None:
        assert f"第 {case.row} 行" in message
    if case.column is not None:
        column = TABLES_BY_NAME[case.table].column(case.column)
        assert f"列“{column.label_zh}”（{case.column}）" in message


def test_messages_have_an_english_version():
    case = BAD["negative"]
    report = validate(read_file(case.filename, case.data), current())
    [error] = report.errors
    assert error.message("en") == (
        "Error: outcomes.csv, row 2, column 'Public-security incidents' (security_incidents), "
        "value '-1': Must not be below 0."
    )


def test_every_problem_of_a_file_is_reported_not_only_the_first():
    rows = [
        ["C01", "2011-07-01", -1, 6, 2, 5, 74, 80, 60, 74],
        ["C02", "2011-07-15", 3, 4.5, 1, 1, 80, 80, 60, 80],
        ["C99", "2011-07-01", 3, 4, 1, 1, 180, 80, 60, 80],
    ]
    report = validate(read_file("outcomes.csv", csv_bytes(OUTCOME_NAMES, rows)), current())
    got = sorted((p.row, p.column_name) for p in report.errors)
    assert got == [
        (2, "security_incidents"),
        (3, "petitions"),
        (3, "quarter"),
        (4, "community_id"),
        (4, "environment_score"),
    ]


def test_upsert_keeps_other_rows_and_replaces_matching_keys():
    cur = current()
    incoming = read_file(
        "outcomes.csv",
        csv_bytes(OUTCOME_NAMES, [["C01", "2011-04-01", 9, 9, 9, 9, 70, 80, 60, 70]]),
    ).tables["outcomes"]
    after = merged("outcomes", cur["outcomes"], incoming, "upsert")
    assert len(after) == len(cur["outcomes"])
    row = after[(after.community_id == "C01") & (after.quarter == date(2011, 4, 1))]
    assert list(row["security_incidents"]) == [9]
    assert row[ROW].tolist() == [2]
    assert after[ROW].isna().sum() == len(cur["outcomes"]) - 1
    replaced = merged("outcomes", cur["outcomes"], incoming, "replace")
    assert len(replaced) == 1


def test_a_key_in_the_file_and_in_the_data_kept_is_an_update_not_a_duplicate():
    data = csv_bytes(OUTCOME_NAMES, [["C01", "2011-04-01", 2, 6, 2, 5, 74, 80, 60, 74]])
    assert validate(read_file("outcomes.csv", data), current(), "upsert").ok


def test_references_count_what_is_kept_plus_what_comes_in():
    fees = ["household_id", "community_id", "quarter", "billed_yuan", "paid_yuan"]
    data = csv_bytes(fees, [["H1", "C01", "2011-07-01", 100, 100]])
    cur = current()
    assert validate(read_file("property_fees.csv", data), cur).ok
    # with the households replaced by a table without H1 the fee row has no household
    no_h1 = dict(cur, households=cur["households"][cur["households"].household_id != "H1"])
    report = validate(read_file("property_fees.csv", data), no_h1)
    assert [p.column_name for p in report.errors] == ["household_id"]


def test_replacing_a_parent_table_is_refused_when_kept_rows_would_lose_their_parent():
    cols = [c.name for c in TABLES_BY_NAME["property_companies"].columns]
    data = csv_bytes(cols, [["P01", "甲物业", "Company A"]])
    report = validate(read_file("property_companies.csv", data), current(), "replace")
    assert [p.reason_zh for p in report.errors] == [
        "社区（村）（communities）中有 1 行引用的物业公司编号将不再存在（如“P02”）。",
        "物业绩效考核（property_assessments）中有 1 行引用的物业公司编号将不再存在（如“P02”）。",
    ]
    assert {p.value for p in report.errors} == {"P02"}
    # upsert keeps P02: nothing is lost
    assert validate(read_file("property_companies.csv", data), current(), "upsert").ok


def test_a_jump_of_more_than_half_against_the_previous_quarter_is_a_warning():
    # C01 2011Q2 in the fixture: incidents 2, petitions 6, environment 74.0
    row = ["C01", "2011-07-01", 4, 6, 2, 5, 74.0, 80, 60, 74]
    report = validate(read_file("outcomes.csv", csv_bytes(OUTCOME_NAMES, [row])), current())
    assert report.ok
    [warning] = report.warnings
    assert warning.column_name == "security_incidents" and warning.row == 2
    assert "2011-04-01" in warning.reason_zh and "+100%" in warning.reason_zh
    assert "2 → 4" in warning.reason_zh
    # +50% exactly is no jump
    row[2] = 3
    report = validate(read_file("outcomes.csv", csv_bytes(OUTCOME_NAMES, [row])), current())
    assert report.warnings == []


def test_a_first_quarter_has_no_previous_quarter_to_jump_from():
    row = ["C01", "2012-01-01", 40, 6, 2, 5, 74.0, 80, 60, 74]
    report = validate(read_file("outcomes.csv", csv_bytes(OUTCOME_NAMES, [row])), current())
    assert report.ok and report.warnings == []


def test_mode_must_be_upsert_or_replace():
    with pytest.raises(ValueError):
        validate(read_file("outcomes.csv", csv_bytes(OUTCOME_NAMES, [GOOD_OUTCOME])), {}, "merge")


def test_schemas_are_built_from_the_contract():
    s = schema("outcomes")
    assert set(s.columns) == set(OUTCOME_NAMES)
    checks = {c.error for c in s.columns["satisfaction_pct"].checks}
    assert checks == {"imp.cell.not_finite", "imp.cell.min", "imp.cell.max"}
    assert {c.error for c in s.columns["quarter"].checks} == {
        "imp.cell.date_range",
        "imp.cell.quarter_start",
    }
    assert s.columns["company_id"].nullable if "company_id" in s.columns else True
    assert schema("communities").columns["company_id"].nullable
    assert not schema("communities").columns["name_zh"].nullable


# ---- the data in force, checked as it is opened -------------------------------------------


def test_the_fixture_in_force_passes_the_open_time_check():
    assert check_tables(current()) == []


def test_columns_in_force_are_matched_by_name_not_position():
    cur = current()
    reordered = dict(cur, outcomes=cur["outcomes"][list(reversed(OUTCOME_NAMES))])
    assert check_tables(reordered) == []


def _only(frames: dict, name: str, frame: pd.DataFrame) -> list:
    return [p for p in check_tables(dict(frames, **{name: frame})) if p.is_error]


def test_open_time_check_names_the_table_row_and_reason():
    cur = current()
    outcomes = cur["outcomes"].copy()
    outcomes.loc[3, "environment_score"] = np.inf
    outcomes.loc[5, "petitions"] = -2
    [inf, negative] = sorted(_only(cur, "outcomes", outcomes), key=lambda p: p.row)
    assert (inf.table, inf.row, inf.column_name) == ("outcomes", 5, "environment_score")
    assert "不是有限数值" in inf.reason_zh and inf.in_force
    assert (negative.row, negative.column_name) == (7, "petitions")
    assert "不能小于 0" in negative.reason_zh


def test_open_time_check_finds_missing_columns_duplicates_unknown_references_and_nulls():
    cur = current()
    missing = cur["honours"].drop(columns=["level"])
    [p] = _only(cur, "honours", missing)
    assert (p.column_name, p.row) == ("level", None) and "缺少" in p.reason_zh

    communities = pd.concat([cur["communities"], cur["communities"].iloc[[0]]], ignore_index=True)
    dup = [p for p in _only(cur, "communities", communities) if "重复" in p.reason_zh]
    assert [(p.row, p.value) for p in dup] == [(5, "C01")]

    named = cur["communities"].copy()
    named.loc[1, "name_zh"] = None
    [p] = _only(cur, "communities", named)
    assert (p.row, p.column_name, p.reason_zh) == (3, "name_zh", "不能为空。")

    companies = cur["communities"].copy()
    companies.loc[0, "company_id"] = "P77"
    [p] = _only(cur, "communities", companies)
    assert (p.row, p.column_name, p.value) == (2, "company_id", "P77")


def test_open_time_check_of_typed_frames_finds_a_fraction_in_a_count():
    cur = current()
    outcomes = cur["outcomes"].astype({"petitions": "float64"})
    outcomes.loc[0, "petitions"] = 1.5
    [p] = _only(cur, "outcomes", outcomes)
    assert (p.row, p.column_name) == (2, "petitions") and "小数" in p.reason_zh


def test_open_time_check_of_a_zero_row_table_is_quiet():
    cur = current()
    empty = cur["honours"].iloc[0:0]
    assert _only(cur, "honours", empty) == []


# ---- the report workbook -------------------------------------------------------------------


def test_the_report_workbook_lists_every_problem():
    case = BAD["wrong_type"]
    report = validate(read_file(case.filename, case.data), current())
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(report)))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[0] == (
        "级别",
        "文件",
        "工作表",
        "数据表",
        "行号",
        "列（中文）",
        "列名",
        "值",
        "原因",
    )
    assert rows[1] == (
        "错误",
        "outcomes.csv",
        None,
        "outcomes",
        3,
        "信访件数",
        "petitions",
        "很多",
        "应为整数。",
    )
    summary = list(book.worksheets[1].iter_rows(values_only=True))
    assert summary == [("错误数", 1), ("提醒数", 0)]


def test_report_values_that_look_like_formulas_stay_text():
    data = csv_bytes(OUTCOME_NAMES, [['=HYPERLINK("x")', "2011-07-01", 1, 1, 1, 1, 70, 80, 60, 70]])
    report = validate(read_file("outcomes.csv", data), current())
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(report)))
    values = [r[7] for r in book.worksheets[0].iter_rows(min_row=2, values_only=True)]
    assert values == ['\'=HYPERLINK("x")']


def test_an_empty_report_says_so():
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(Report([]))))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[1][0] == "没有发现问题。"


def test_report_lists_errors_before_warnings_and_counts_them():
    data = csv_bytes([*OUTCOME_NAMES, "备注"], [[*GOOD_OUTCOME[:2], -1, *GOOD_OUTCOME[3:], "x"]])
    report = validate(read_file("outcomes.csv", data), current())
    assert len(report.errors) == 1 and len(report.warnings) == 1
    assert report.messages()[0].startswith("错误") and report.messages()[1].startswith("提醒")
    assert report.messages(limit=1) == report.messages()[:1]


def test_quarter_columns_read_as_dates_on_the_first_day():
    parsed = read_file("outcomes.csv", csv_bytes(OUTCOME_NAMES, [GOOD_OUTCOME]))
    assert parsed.tables["outcomes"].at[0, "quarter"] == Q3


def test_data_kept_as_timestamps_or_other_int_types_matches_keys_of_the_file():
    # the data in force read through DuckDB arrives with dates as timestamps, counts as int32
    cur = current()
    outcomes = cur["outcomes"].copy()
    outcomes["quarter"] = pd.to_datetime(outcomes["quarter"])
    outcomes = outcomes.astype({"petitions": "int32"})
    cur["outcomes"] = outcomes
    data = csv_bytes(OUTCOME_NAMES, [["C01", "2011-04-01", 2, 6, 2, 5, 74, 80, 60, 74]])
    report = validate(read_file("outcomes.csv", data), cur, "upsert")
    assert report.ok and report.warnings == []
    assert check_tables(cur) == []


def test_open_time_check_of_one_table_looks_references_up_in_partial_parents():
    cur = current()
    fees = cur["property_fees"].copy()
    fees.loc[2, "community_id"] = "C02"  # H3 lives in C01
    parents = {
        "households": cur["households"][["household_id", "community_id"]],
        "communities": cur["communities"][["community_id"]],
    }
    problems = check_tables({"property_fees": fees, **parents}, only=["property_fees"])
    assert [(p.table, p.row, p.column_name, p.reason_zh) for p in problems] == [
        ("property_fees", 4, "community_id", "与住户“H3”所属社区“C01”不一致。")
    ]


def test_an_excel_date_in_a_number_cell_is_read_as_the_date_within_plausible_years():
    from tests.import_corpus import ACTIVITY_NAMES, xlsx_bytes

    rows = [
        ACTIVITY_NAMES,
        ["A9", "C01", 40733, "文化广场", "文艺", "无", 10],
        ["A10", "C01", 12, "文化广场", "文艺", "无", 10],
    ]
    parsed = read_file("activities.xlsx", xlsx_bytes({"activities": rows}))
    assert parsed.tables["activities"].at[0, "date"] == date(2011, 7, 9)
    [error] = parsed.errors
    assert (error.row, error.column_name, error.value) == (3, "date", "12")


def test_open_time_check_of_timestamps_finds_implausible_dates_and_quarters_off_their_day():
    cur = current()
    outcomes = cur["outcomes"].copy()
    outcomes["quarter"] = pd.to_datetime(outcomes["quarter"])
    outcomes.loc[0, "quarter"] = pd.Timestamp("2099-01-01")
    outcomes.loc[1, "quarter"] = pd.Timestamp("2011-05-01")
    problems = sorted(_only(cur, "outcomes", outcomes), key=lambda p: p.row)
    assert [(p.row, p.column_name, p.reason_zh[:6]) for p in problems] == [
        (2, "quarter", "日期不合理："),
        (3, "quarter", "季度列应为季"),
    ]


def test_a_file_with_thousands_of_bad_cells_is_described_not_listed_cell_by_cell():
    from governance.importer.problems import MAX_PER_COLUMN

    rows = [[f"A{i}", "C01", "2011-07-09", "文化广场", "文艺", "无", "x"] for i in range(1500)]
    rows += [rows[0]] * 1200  # and 1,200 repeats of the first key
    header = [c.name for c in TABLES_BY_NAME["activities"].columns]
    report = validate(read_file("activities.csv", csv_bytes(header, rows)), current())
    cells = [p for p in report.errors if p.column_name == "person_times"]
    assert len(cells) == MAX_PER_COLUMN + 1
    assert cells[-1].reason_zh == "另有 1,700 个同类问题未逐一列出，请先改正上面列出的问题。"
    keys = [p for p in report.errors if "主键" in p.reason_zh or "另有 200 个" in p.reason_zh]
    assert len(keys) == MAX_PER_COLUMN + 1
    assert keys[-1].reason_zh.startswith("另有 200 个")


def test_a_limit_is_written_as_a_person_writes_it():
    cols = ["company_id", "community_id", "quarter", "reward_yuan"]
    data = csv_bytes(cols, [["P01", "C01", "2011-07-01", '"1,000,000.5"']])
    [error] = validate(read_file("reward_payments.csv", data), current()).errors
    assert error.reason_zh == "不能大于 1000000。"
    assert error.value == "1000000.5"


def test_a_csv_row_with_more_cells_than_the_header_is_refused_not_shifted():
    cols = ["company_id", "community_id", "quarter", "reward_yuan"]
    data = csv_bytes(cols, [["P01", "C01", "2011-07-01", "1,000,000.5"]])
    errors = validate(read_file("reward_payments.csv", data), current()).errors
    assert [(p.row, p.value) for p in errors] == [(2, "000"), (2, "000.5")]
    assert all("各列可能错位" in p.reason_zh for p in errors)


def test_moving_a_parent_to_another_community_is_refused_while_its_kept_children_stay():
    cols = [c.name for c in TABLES_BY_NAME["households"].columns]
    # H1 of C01 (stairwell S1, fees and a volunteer in C01) said to be in C02
    data = csv_bytes(cols, [["H1", "C02", "S3", 3]])
    report = validate(read_file("households.csv", data), current(), "upsert")
    reasons = sorted(p.reason_zh for p in report.errors)
    assert reasons == [
        "志愿者（volunteers）中有 2 行的社区将与其住户的社区不一致（如住户“H1”改为“C02”，"
        "而现有行仍在“C01”）：请一并导入这些行。",
        "物业费收缴（property_fees）中有 2 行的社区将与其住户的社区不一致（如住户“H1”改为“C02”，"
        "而现有行仍在“C01”）：请一并导入这些行。",
    ]


def test_a_workbook_replacing_a_parent_and_updating_a_child_checks_the_childs_kept_rows():
    from tests.import_corpus import xlsx_bytes

    communities = [c.name for c in TABLES_BY_NAME["communities"].columns]
    book = xlsx_bytes(
        {
            "communities": [
                communities,
                *[list(r) for r in current()["communities"].head(2).itertuples(index=False)],
            ],
            "outcomes": [OUTCOME_NAMES, GOOD_OUTCOME],
        }
    )
    report = validate(read_file("book.xlsx", book), current(), "replace")
    # replace: outcomes becomes the file's one row, so only the other children lose V01
    assert report.errors and all("V01" in p.reason_zh for p in report.errors)
    upsert = validate(read_file("book.xlsx", book), current(), "upsert")
    assert upsert.ok
    cur = current()
    fewer = dict(cur, communities=cur["communities"].head(2))
    kept = validate(read_file("outcomes.csv", csv_bytes(OUTCOME_NAMES, [GOOD_OUTCOME])), fewer)
    # the data in force already lacks V01: its kept outcome rows are not this file's doing
    assert kept.ok
