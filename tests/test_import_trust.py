"""What an import must not be trusted with: invisible characters in ids and names, two ids
under one name, periods from the future or far past the rest of the data, and a percentage
cell in a column of another unit.

The data in force is the fixture (tests/fixture_data.py): communities C01 甲社区, C02 乙社区,
V01 丙村; every dated table ends in 2011Q2 (stairwell ratings of 2011-06-30).
"""

from __future__ import annotations

import importlib
from datetime import date

import pandas as pd
import pytest

from governance.contract import TABLES, TABLES_BY_NAME, Column
from governance.importer import check_tables, invisible, read_file, validate
from tests.import_corpus import (
    ACTIVITY_NAMES,
    COMMUNITY_NAMES,
    GOOD_ACTIVITY,
    GOOD_OUTCOME,
    NEW_COMMUNITY,
    OUTCOME_NAMES,
    csv_bytes,
    csv_quoted,
    current,
    parquet_bytes,
    xlsx_bytes,
)


def _with(row: list, index: int, value: object) -> list:
    out = list(row)
    out[index] = value
    return out


def report_of(name: str, data: bytes, cur: dict | None = None, mode: str = "upsert"):
    return validate(read_file(name, data), current() if cur is None else cur, mode)


def outcome(quarter: str) -> bytes:
    return csv_bytes(OUTCOME_NAMES, [_with(GOOD_OUTCOME, 1, quarter)])


# ---- 1. invisible characters in ids and names --------------------------------------------


def communities(*rows: list) -> bytes:
    return csv_quoted(COMMUNITY_NAMES, list(rows))


# Every character the issue names, with the name the message gives it.
LISTED = {
    0x200B: "零宽空格",
    0x200C: "零宽不连字",
    0x200D: "零宽连字",
    0x200E: "从左至右标记",
    0x200F: "从右至左标记",
    0x202A: "从左至右嵌入",
    0x202B: "从右至左嵌入",
    0x202C: "结束方向格式",
    0x202D: "从左至右覆盖",
    0x202E: "从右至左覆盖",
    0x2066: "从左至右隔离",
    0x2067: "从右至左隔离",
    0x2068: "首个强字符方向隔离",
    0x2069: "结束方向隔离",
    0xFEFF: "零宽不换行空格（字节顺序标记）",
    0x061C: "阿拉伯字母标记",
    0x2060: "零宽不换行",
}


@pytest.mark.parametrize("cp", sorted(LISTED), ids=lambda cp: f"U+{cp:04X}")
def test_an_id_holding_an_invisible_character_is_refused_naming_it(cp):
    report = report_of("communities.csv", communities(_with(NEW_COMMUNITY, 0, f"C0{chr(cp)}3")))
    [error] = report.errors
    assert (error.row, error.column_name, error.table) == (2, "community_id", "communities")
    assert error.reason_zh.startswith(f"含不可见字符 U+{cp:04X}（{LISTED[cp]}）：")
    assert error.value == f"C0<U+{cp:04X}>3"


def test_a_look_alike_of_c02_is_not_a_second_community():
    # today C02 + U+200B is accepted as a new community that shows exactly as C02
    row = ["C02\u200b", "乙社区", "Yi", "社区", 2008, 3000, 1000, 60000.0, "P02"]
    parsed = read_file("communities.csv", communities(row))
    report = validate(parsed, current())
    assert not report.ok
    assert [p.message() for p in report.errors] == [
        "错误：communities.csv，第 2 行，列“社区编号”（community_id），值“C02<U+200B>”："
        "含不可见字符 U+200B（零宽空格）：编号、名称和取值中不能有不显示的字符，否则它看起来与"
        "另一个编号或名称一样。请删除该字符后重新导入。"
    ]
    # the cell is refused, not cleaned: nothing of it is kept to be written
    assert parsed.tables["communities"]["community_id"].isna().tolist() == [True]


def test_a_name_reversed_by_an_override_is_refused_and_the_message_is_not_reversed():
    report = report_of("communities.csv", communities(_with(NEW_COMMUNITY, 1, "\u202e区社乙")))
    [error] = report.errors
    assert (error.row, error.column_name) == (2, "name_zh")
    assert error.value == "<U+202E>区社乙"
    assert "\u202e" not in error.message() and "\u202e" not in error.message("en")
    assert error.reason_en.startswith(
        "Contains the invisible character U+202E (right-to-left override): "
    )


def test_several_invisible_characters_in_one_cell_are_all_named():
    report = report_of(
        "communities.csv", communities(_with(NEW_COMMUNITY, 2, "\u200bDing\u202e\u200b"))
    )
    [error] = report.errors
    assert error.reason_zh.startswith("含不可见字符 U+200B（零宽空格）、U+202E（从右至左覆盖）：")
    assert error.reason_en.startswith(
        "Contains the invisible character U+200B (zero-width space), "
        "U+202E (right-to-left override): "
    )


def test_a_character_without_a_chinese_name_is_named_by_its_unicode_name():
    # U+2061 FUNCTION APPLICATION: a format character the catalog has no name for
    report = report_of("communities.csv", communities(_with(NEW_COMMUNITY, 0, "C\u206103")))
    [error] = report.errors
    assert error.reason_zh.startswith("含不可见字符 U+2061（FUNCTION APPLICATION）：")


def test_a_listed_value_with_an_invisible_character_is_named_as_such_not_as_not_allowed():
    report = report_of("communities.csv", communities(_with(NEW_COMMUNITY, 3, "社区\u200d")))
    [error] = report.errors
    assert error.column_name == "kind"
    assert error.reason_zh.startswith("含不可见字符 U+200D（零宽连字）：")


@pytest.mark.parametrize("kind", ["csv", "xlsx", "parquet"])
def test_every_format_is_checked(kind):
    row = _with(NEW_COMMUNITY, 1, "丁\u200b社区")
    if kind == "csv":
        data = communities(row)
    elif kind == "xlsx":
        data = xlsx_bytes({"communities": [COMMUNITY_NAMES, row]})
    else:
        data = parquet_bytes(pd.DataFrame([row], columns=COMMUNITY_NAMES))
    report = report_of(f"communities.{kind}", data)
    [error] = report.errors
    assert (error.row, error.column_name) == (2, "name_zh")
    assert error.reason_zh.startswith("含不可见字符 U+200B（零宽空格）：")


def test_characters_next_to_the_ranges_are_not_invisible():
    # U+2010 (hyphen) borders U+200B-U+200F and draws a mark; U+2065 (unassigned) borders
    # U+2066-U+2069. (The blank separators beside them — U+200A hair space, U+2029, U+202F —
    # are refused since the attack test: they make look-alikes as a zero-width space does.)
    names = _with(NEW_COMMUNITY, 2, "Ding\u2010Harbour")
    assert report_of("communities.csv", communities(names)).ok
    blank = _with(NEW_COMMUNITY, 2, "Ding\u202fHarbour")
    assert [p.column_name for p in report_of("communities.csv", communities(blank)).errors] == [
        "name_en"
    ]
    assert (
        invisible.cells(pd.Series(["a\u2065b"], dtype="str"), Column("x_id", "VARCHAR", "", ""))
        == []
    )


def test_every_text_column_of_the_contract_names_or_keys_something():
    """The decision: every text column of the contract (ids, names, listed values) refuses
    every format character. A free-text column, were one added, refuses only reordering."""
    text = [(t.name, c) for t in TABLES for c in t.columns if c.type == "VARCHAR"]
    assert len(text) > 80
    # the one exception: an outline's GeoJSON text, whose every part governance/importer/shapes
    # parses and checks (ids, rings) before it is kept
    assert [(name, c.name) for name, c in text if not invisible.names_something(c)] == [
        ("community_shapes", "geometry")
    ]


def test_free_text_refuses_only_what_reorders_it():
    note = Column("note", "VARCHAR", "备注", "Note")
    values = [
        "a\u202ab",  # first embedding: refused
        "a\u202eb",  # last override: refused
        "a\u2066b",  # first isolate: refused
        "a\u2069b",  # last isolate: refused
        "a\u202fb",  # one past the overrides (narrow no-break space): kept
        "a\u206ab",  # one past the isolates (a deprecated format character): kept
        "👨\u200d👩",  # a zero-width joiner in an emoji sequence: kept
        "abc \u200f",  # a direction mark: kept (it cannot reverse a sentence)
    ]
    found = invisible.cells(pd.Series(values, dtype="str"), note)
    assert [label for label, _, _ in found] == [0, 1, 2, 3]
    assert [dict(bad.params)["chars_zh"] for _, _, bad in found] == [
        "U+202A（从左至右嵌入）",
        "U+202E（从右至左覆盖）",
        "U+2066（从左至右隔离）",
        "U+2069（结束方向隔离）",
    ]
    assert {bad.key for _, _, bad in found} == {"imp.cell.reordering"}


def test_a_file_name_with_an_override_does_not_reverse_the_message():
    report = report_of("gpj.\u202ecommunities.csv", b"\x00")
    [error] = report.errors
    assert error.file == "gpj.<U+202E>communities.csv"
    assert "\u202e" not in error.message()


# ---- 2. two ids under one name ------------------------------------------------------------


def test_two_new_ids_under_one_name_are_warnings_naming_both_ids_and_rows():
    c03 = _with(NEW_COMMUNITY, 1, "海港社区")
    c09 = _with(_with(NEW_COMMUNITY, 0, "C09"), 1, "海港社区")
    report = report_of("communities.csv", communities(c03, c09))
    assert report.ok
    assert [(p.row, p.column_name, p.value, p.reason_zh) for p in report.warnings] == [
        (
            2,
            "name_zh",
            "海港社区",
            "编号“C03”与编号“C09”（第 3 行）同名：不同编号的社区名称相同，页面上将无法区分。"
            "请核实是否录入有误；确认无误可接受此提醒后导入。",
        ),
        (
            3,
            "name_zh",
            "海港社区",
            "编号“C09”与编号“C03”（第 2 行）同名：不同编号的社区名称相同，页面上将无法区分。"
            "请核实是否录入有误；确认无误可接受此提醒后导入。",
        ),
    ]
    assert report.warnings[0].reason_en.startswith(
        "The id 'C03' has the same Chinese name as the id 'C09' (row 3): "
    )


def test_a_new_id_under_a_kept_name_names_the_kept_id():
    report = report_of("communities.csv", communities(_with(NEW_COMMUNITY, 1, "乙 社区")))
    [warning] = report.warnings
    assert warning.row == 2
    assert warning.reason_zh.startswith("编号“C03”与编号“C02”（现有数据）同名：")


def test_a_company_under_a_kept_companys_name_is_a_warning():
    cols = [c.name for c in TABLES_BY_NAME["property_companies"].columns]
    report = report_of("property_companies.csv", csv_bytes(cols, [["P03", "甲物业", "X"]]))
    [warning] = report.warnings
    assert warning.reason_zh.startswith("编号“P03”与编号“P01”（现有数据）同名：不同编号的公司名称")


def test_a_kept_id_keeping_its_own_name_or_taking_a_freed_one_is_no_warning():
    same = ["C02", "乙社区", "Yi", "社区", 2008, 3000, 1000, 60000.0, "P02"]
    assert report_of("communities.csv", communities(same)).warnings == []
    # C01 gives up 甲社区 in the same file that gives it to C03
    c01 = ["C01", "甲社区（旧）", "Jia", "社区", 2005, 1000, 400, 30000.0, "P01"]
    c03 = _with(NEW_COMMUNITY, 1, "甲社区")
    assert report_of("communities.csv", communities(c01, c03)).warnings == []


def test_names_repeated_by_design_are_no_warning():
    # one partner unit paired with two communities is two rows under one name
    cols = [c.name for c in TABLES_BY_NAME["partner_units"].columns]
    rows = [
        ["U1", "海港中学", "School", "高校", "C01", "2010-05-01"],
        ["U2", "海港中学", "School", "高校", "C02", "2010-05-01"],
    ]
    assert report_of("partner_units.csv", csv_bytes(cols, rows)).warnings == []


# ---- 3. periods ---------------------------------------------------------------------------

# the module (the package's ``validate`` is its function)
validate_module = importlib.import_module("governance.importer.validate")


@pytest.fixture
def on(monkeypatch):
    """Move the server's date to the given day."""

    def move(day: date) -> None:
        monkeypatch.setattr(validate_module, "today", lambda: day)

    return move


def activity(day: str) -> bytes:
    return csv_bytes(ACTIVITY_NAMES, [_with(GOOD_ACTIVITY, 2, day)])


def test_a_quarter_not_yet_begun_is_an_error(on):
    on(date(2011, 9, 30))
    assert report_of("outcomes.csv", outcome("2011-07-01")).ok  # the quarter of today
    [error] = report_of("outcomes.csv", outcome("2011-10-01")).errors
    assert (error.row, error.column_name) == (2, "quarter")
    assert error.reason_zh == "季度 2011Q4 尚未开始（今天是 2011-09-30）：不能录入尚未发生的数据。"


def test_a_date_after_today_is_an_error(on):
    on(date(2011, 9, 30))
    assert report_of("activities.csv", activity("2011-09-30")).ok  # today
    [error] = report_of("activities.csv", activity("2011-10-01")).errors
    assert (error.row, error.column_name, error.value) == (2, "date", "2011-10-01")
    assert error.reason_zh == "日期 2011-10-01 晚于今天（2011-09-30）：不能录入尚未发生的数据。"


def test_an_implausible_year_is_said_once_not_also_as_the_future(on):
    on(date(2011, 9, 30))
    [error] = report_of("activities.csv", activity("2013-01-01")).errors
    assert error.reason_zh == "日期不合理：年份应在 2000 至 2012 之间。"


def test_a_quarter_more_than_a_year_past_the_other_tables_is_a_warning(on):
    on(date(2030, 1, 1))
    cur = current()
    # the other tables end in 2011Q4 (a mediation of 2011-12-26)
    cur["mediations"] = pd.concat(
        [
            cur["mediations"],
            pd.DataFrame(
                [["D9", "C01", date(2011, 12, 26), True]], columns=cur["mediations"].columns
            ),
        ],
        ignore_index=True,
    )
    report = report_of("outcomes.csv", outcome("2021-10-01"), cur)
    assert report.ok
    [warning] = report.warnings
    assert (warning.row, warning.column_name, warning.value) == (2, "quarter", "2021-10-01")
    assert warning.reason_zh == (
        "所在季度 2021Q4 比其他数据表的最后季度（2011Q4）晚 40 个季度，是否录入有误？"
        "请核实；确认无误可接受此提醒后导入。"
    )
    assert warning.reason_en.startswith(
        "The quarter 2021Q4 is 40 quarters after the last quarter of the other tables (2011Q4)"
    )


def test_four_quarters_past_the_other_tables_is_no_warning_five_is(on):
    on(date(2030, 1, 1))
    # the other tables end in 2011Q2
    assert report_of("outcomes.csv", outcome("2012-04-01")).warnings == []
    [warning] = report_of("outcomes.csv", outcome("2012-07-01")).warnings
    assert "所在季度 2012Q3 比其他数据表的最后季度（2011Q2）晚 5 个季度" in warning.reason_zh


def test_a_date_is_compared_by_its_quarter(on):
    on(date(2030, 1, 1))
    assert report_of("activities.csv", activity("2012-06-30")).warnings == []
    [warning] = report_of("activities.csv", activity("2012-07-01")).warnings
    assert (warning.row, warning.column_name) == (2, "date")
    assert "晚 5 个季度" in warning.reason_zh


def test_a_file_of_late_rows_lists_a_thousand_and_counts_the_rest_as_a_warning(on):
    on(date(2030, 1, 1))
    rows = [_with(_with(GOOD_ACTIVITY, 0, f"A{1000 + i}"), 2, "2021-10-05") for i in range(1002)]
    report = report_of("activities.csv", csv_bytes(ACTIVITY_NAMES, rows))
    assert report.ok  # warnings only: the clerk may accept them
    assert len(report.warnings) == 1001
    assert report.warnings[-1].reason_zh.startswith("另有 2 个同类问题未逐一列出")


def test_a_first_import_into_an_empty_store_has_nothing_to_be_late_against(on):
    on(date(2030, 1, 1))
    empty = {name: frame.iloc[0:0] for name, frame in current().items()}
    for cur in ({}, empty):
        report = report_of("outcomes.csv", outcome("2021-10-01"), cur)
        assert [p for p in report.problems if "季度" in p.reason_zh and "晚" in p.reason_zh] == []


def test_the_data_kept_in_the_files_own_table_is_not_what_it_is_late_against(on):
    on(date(2030, 1, 1))
    cur = current()
    later = cur["outcomes"].assign(quarter=date(2021, 7, 1))
    cur["outcomes"] = later.drop_duplicates(["community_id"])
    late = [
        p
        for p in report_of("outcomes.csv", outcome("2021-10-01"), cur).warnings
        if "晚" in p.reason_zh
    ]
    [warning] = late
    assert "所在季度 2021Q4 比其他数据表的最后季度（2011Q2）晚 42 个季度" in warning.reason_zh


def test_the_data_in_force_is_not_refused_at_open_for_a_date_after_today(on):
    # the future is an import's check: the open-time contract check is unchanged
    on(date(2011, 9, 30))
    cur = current()
    cur["mediations"] = cur["mediations"].assign(date=date(2012, 1, 2))
    assert check_tables(cur) == []


# ---- 6. a percentage cell in a column of another unit ---------------------------------------


def test_an_excel_percentage_in_a_score_column_is_refused_as_in_a_csv():
    row = _with(GOOD_OUTCOME, 6, 0.913)  # environment_score, unit 分, shown as 91.3%
    data = xlsx_bytes({"outcomes": [OUTCOME_NAMES, row]}, formats={("outcomes", 2, 7): "0.0%"})
    [error] = report_of("outcomes.xlsx", data).errors
    assert (error.row, error.column_name, error.value) == (2, "environment_score", "91.3%")
    csv_error = report_of("outcomes.csv", outcome("2011-07-01").replace(b",74.0,", b",91.3%,", 1))
    assert error.reason_zh == csv_error.errors[0].reason_zh == "此列不是百分比列，不能带 %。"


def test_an_excel_percentage_in_a_count_column_is_refused():
    row = _with(GOOD_OUTCOME, 3, 1)  # petitions, shown as 100%
    data = xlsx_bytes({"outcomes": [OUTCOME_NAMES, row]}, formats={("outcomes", 2, 4): "0%"})
    [error] = report_of("outcomes.xlsx", data).errors
    assert (error.row, error.column_name, error.value) == (2, "petitions", "100%")
    assert error.reason_zh == "此列不是百分比列，不能带 %。"


@pytest.mark.parametrize(
    ("char", "code"),
    [
        # (a trailing no-break or ideographic space is folded to a space and trimmed by the
        # value cleanup before this check: C02 itself, not a look-alike)
        ("\u2800", "U+2800"),  # blank braille pattern: a symbol that draws nothing
        ("\u034f", "U+034F"),  # combining grapheme joiner: a mark
        ("\u3164", "U+1160"),  # Hangul filler (NFKC folds it to U+1160): draws nothing
        ("\ufe0f", "U+FE0F"),  # variation selector: a mark
    ],
)
def test_blank_looking_characters_beyond_the_format_ones_are_refused_in_ids(char, code):
    row = [f"C0{char}2", "新名称社区", "New", "社区", 2008, 3000, 1000, 60000.0, "P02"]
    report = validate(read_file("communities.csv", communities(row)), current())
    assert not report.ok
    assert [(p.row, p.column_name) for p in report.errors] == [(2, "community_id")]
    assert code in report.errors[0].message()


def test_a_name_made_to_look_like_a_kept_one_with_a_filler_is_refused():
    # C09 named 乙社区 + U+3164 looked exactly like C02's name and drew no warning
    row = _with(NEW_COMMUNITY, 1, "乙社区\u3164")
    report = report_of("communities.csv", communities(row))
    assert [(p.row, p.column_name) for p in report.errors] == [(2, "name_zh")]


def test_a_plain_space_in_an_english_name_is_still_a_name():
    report = report_of("communities.csv", communities(_with(NEW_COMMUNITY, 2, "New Harbour")))
    assert report.ok, [p.message() for p in report.errors]
