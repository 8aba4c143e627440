"""Files to import, built in code: bad ones, each refused for one stated reason, and
good-but-messy ones, as offices write them, each read to exactly the expected rows.

The data in force they are checked against is ``current()`` — the hand-made fixture of
tests/fixture_data.py — so every reference a good file makes exists there, and every bad file
breaks exactly one rule. ``bad_files()`` and ``good_files()`` are shared with the datastore's
tests (import a bad file: the data is unchanged; a good one: exactly these rows arrive).
"""

from __future__ import annotations

import csv
import io
import random
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from typing import Any

import pandas as pd

from governance.contract import TABLES, TABLES_BY_NAME
from tests.fixture_data import ROWS

OUTCOME_NAMES = [c.name for c in TABLES_BY_NAME["outcomes"].columns]
# The fixture's last quarter is 2011Q2; a new quarter comes in as 2011Q3, close to it.
Q3 = date(2011, 7, 1)
GOOD_OUTCOME = ["C01", "2011-07-01", 2, 6, 2, 5, 74.0, 80.0, 60.0, 74.0]
GOOD_OUTCOME_2 = ["C02", "2011-07-01", 3, 4, 1, 1, 80.0, 80.0, 60.0, 80.0]


@dataclass(frozen=True)
class BadCase:
    """A file refused with one error: in ``table`` (None: the file as a whole), at Excel
    ``row`` (None: no row), in ``column`` (None: no column), the reason holding ``reason``."""

    filename: str
    data: bytes
    table: str | None
    row: int | None
    column: str | None
    reason: str
    table_arg: str | None = None  # the TABLE to name on import (None: the file says it)
    mode: str = "upsert"


@dataclass(frozen=True)
class GoodCase:
    """A file read to exactly ``rows`` (contract names → values) of ``table``, at ``excel_rows``."""

    filename: str
    data: bytes
    table: str
    rows: list[dict[str, Any]]
    excel_rows: list[int]
    encoding: str | None = None
    table_arg: str | None = None
    mode: str = "upsert"
    warnings: tuple[str, ...] = field(default_factory=tuple)  # reason fragments expected


def current() -> dict[str, pd.DataFrame]:
    """The data in force: the fixture, one frame per contract table (contract names)."""
    return {
        t.name: pd.DataFrame(ROWS.get(t.name, []), columns=[c.name for c in t.columns])
        for t in TABLES
    }


def csv_bytes(
    header: list[Any], rows: list[list[Any]], encoding: str = "utf-8", sep: str = ","
) -> bytes:
    lines = [sep.join("" if v is None else str(v) for v in r) for r in [header, *rows]]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def csv_quoted(header: list[Any], rows: list[list[Any]]) -> bytes:
    """A CSV as Excel writes one: a cell holding a comma or a quote is quoted."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows([header, *rows])
    return buffer.getvalue().encode("utf-8")


def next_quarter() -> date:
    """The first day of the quarter after today's: a quarter that has not begun."""
    today = date.today()
    index = today.year * 4 + (today.month - 1) // 3 + 1
    return date(index // 4, 3 * (index % 4) + 1, 1)


def xlsx_bytes(
    sheets: dict[str, list[list[Any]]],
    formats: dict[tuple[str, int, int], str] | None = None,
    merge: dict[str, list[str]] | None = None,
) -> bytes:
    """A workbook: one sheet per entry (rows of cells); ``formats`` sets a number format at
    (sheet, row, column) (1-based); ``merge`` merges ranges such as "A1:J1"."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for r in rows:
            ws.append(r)
        for rng in (merge or {}).get(name, []):
            ws.merge_cells(rng)
    for (name, r, c), fmt in (formats or {}).items():
        book[name].cell(r, c).number_format = fmt
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


def zip_bomb(inflated: int = 600 * 1024 * 1024) -> bytes:
    """A small .xlsx-shaped zip whose sheet inflates to ``inflated`` bytes of spaces.
    (300 MB before: above the 200 MB limit then; the limit is now 512 MB, the bomb above it.)"""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        chunk = b" " * (1024 * 1024)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            for _ in range(inflated // len(chunk)):
                f.write(chunk)
    return buffer.getvalue()


def _outcomes(rows: list[list[Any]], header: list[str] | None = None) -> bytes:
    return csv_bytes(header or OUTCOME_NAMES, rows)


def _with(row: list[Any], index: int, value: Any) -> list[Any]:
    out = list(row)
    out[index] = value
    return out


COMMUNITY_NAMES = [c.name for c in TABLES_BY_NAME["communities"].columns]
# A community the fixture lacks (it has C01 甲社区, C02 乙社区, V01 丙村).
NEW_COMMUNITY = ["C03", "丁社区", "Ding", "社区", 2009, 800, 300, 20000.0, "P01"]


def _communities(rows: list[list[Any]]) -> bytes:
    return csv_quoted(COMMUNITY_NAMES, rows)


def community_row(row: list[Any]) -> dict[str, Any]:
    """A communities row as the reader types it."""
    return dict(zip(COMMUNITY_NAMES, row, strict=True))


ACTIVITY_NAMES = [c.name for c in TABLES_BY_NAME["activities"].columns]
GOOD_ACTIVITY = ["A9", "C01", "2011-07-09", "文化广场", "文艺", "一居一品", 120]


def _activities(rows: list[list[Any]]) -> bytes:
    return csv_bytes(ACTIVITY_NAMES, rows)


@cache
def bad_files() -> dict[str, BadCase]:
    """At least 30 files, each with one thing wrong; name → case."""
    rng = random.Random(20111226)
    good_xlsx = xlsx_bytes({"outcomes": [OUTCOME_NAMES, GOOD_OUTCOME]})
    good_parquet = parquet_bytes(
        pd.DataFrame([GOOD_OUTCOME], columns=OUTCOME_NAMES).assign(quarter=[Q3])
    )
    many = [
        [f"A{1000 + i}", "C01", "2011-07-09", "文化广场", "文艺", "无", 10 + i % 50]
        for i in range(1000)
    ]
    many[775][6] = "十二"  # Excel row 777 (row 1 is the header)
    fees = ["household_id", "community_id", "quarter", "billed_yuan", "paid_yuan"]
    assessments = [c.name for c in TABLES_BY_NAME["property_assessments"].columns]
    ratings = ["stairwell_id", "community_id", "round_date", "stars"]
    no_zip = io.BytesIO()
    with zipfile.ZipFile(no_zip, "w") as z:
        z.writestr("readme.txt", "not a workbook")
    cases = {
        "binary": BadCase(
            "outcomes.csv", rng.randbytes(4096) + b"\x00", None, None, None, "空字符"
        ),
        "binary_no_text": BadCase(
            "outcomes.csv", b"\x81\x20\xff\xfe\x80" * 200, None, None, None, "无法识别文件编码"
        ),
        "empty": BadCase("outcomes.csv", b"", None, None, None, "空的"),
        "blank_lines": BadCase(
            "outcomes.csv", b"\r\n\r\n , \r\n", None, None, None, "没有任何内容"
        ),
        "header_only": BadCase("outcomes.csv", _outcomes([]), "outcomes", None, None, "只有表头"),
        "nul_bytes": BadCase(
            "outcomes.csv",
            _outcomes([GOOD_OUTCOME]).replace(b"C01", b"C\x0001"),
            None,
            None,
            None,
            "空字符",
        ),
        "unterminated_quote": BadCase(
            "outcomes.csv",
            _outcomes([GOOD_OUTCOME]) + b'"C02,2011-07-01,3,4,1,1,80,80,60,80\r\n',
            None,
            3,
            None,
            "未闭合的引号",
        ),
        "five_mb_line": BadCase(
            "outcomes.csv", _outcomes([GOOD_OUTCOME]) + b"1," * 2_600_000, None, 3, None, "过长"
        ),
        "very_wide_row": BadCase(
            "outcomes.csv",
            _outcomes([GOOD_OUTCOME]) + b"1," * 300_000 + b"\r\n",
            None,
            3,
            None,
            "超过上限 500 列",
        ),
        "fake_xlsx": BadCase(
            "outcomes.xlsx", _outcomes([GOOD_OUTCOME]), None, None, None, "不是有效的 .xlsx"
        ),
        "truncated_xlsx": BadCase(
            "outcomes.xlsx", good_xlsx[: len(good_xlsx) // 2], None, None, None, "不是有效的 .xlsx"
        ),
        "zip_not_workbook": BadCase(
            "outcomes.xlsx", no_zip.getvalue(), None, None, None, "不是有效的 .xlsx"
        ),
        "inflating_xlsx": BadCase("outcomes.xlsx", zip_bomb(), None, None, None, "解压后"),
        "truncated_parquet": BadCase(
            "outcomes.parquet",
            good_parquet[: len(good_parquet) - 40],
            None,
            None,
            None,
            "Parquet 文件已损坏",
        ),
        "old_xls": BadCase(
            "outcomes.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, None, None, None, "另存为 .xlsx"
        ),
        "macro_xlsm": BadCase("outcomes.xlsm", good_xlsx, None, None, None, ".xlsm"),
        "other_kind": BadCase(
            "outcomes.txt", _outcomes([GOOD_OUTCOME]), None, None, None, "不支持的文件类型"
        ),
        "bad_table_name": BadCase(
            "data.csv",
            _outcomes([GOOD_OUTCOME]),
            None,
            None,
            None,
            "不是数据表名",
            table_arg="outcomes; drop",
        ),
        "no_header": BadCase(
            "outcomes.csv",
            csv_bytes(["甲", "乙"], [["1", "2"]]),
            "outcomes",
            None,
            None,
            "找不到表头",
        ),
        "missing_column": BadCase(
            "outcomes.csv",
            _outcomes([GOOD_OUTCOME[:3] + GOOD_OUTCOME[4:]], OUTCOME_NAMES[:3] + OUTCOME_NAMES[4:]),
            "outcomes",
            None,
            "petitions",
            "缺少必需的列",
        ),
        "duplicate_header": BadCase(
            "outcomes.csv",
            _outcomes([[*GOOD_OUTCOME, 6]], [*OUTCOME_NAMES, "信访件数"]),
            "outcomes",
            None,
            "petitions",
            "出现了 2 次",
        ),
        "wrong_type": BadCase(
            "outcomes.csv",
            _outcomes([GOOD_OUTCOME, _with(GOOD_OUTCOME_2, 3, "很多")]),
            "outcomes",
            3,
            "petitions",
            "应为整数",
        ),
        "fraction_in_count": BadCase(
            "outcomes.csv",
            _outcomes([_with(GOOD_OUTCOME, 3, "2.5")]),
            "outcomes",
            2,
            "petitions",
            "不能有小数",
        ),
        "negative": BadCase(
            "outcomes.csv",
            _outcomes([_with(GOOD_OUTCOME, 2, -1)]),
            "outcomes",
            2,
            "security_incidents",
            "不能小于 0",
        ),
        "out_of_range": BadCase(
            "outcomes.csv",
            _outcomes([_with(GOOD_OUTCOME, 6, 120)]),
            "outcomes",
            2,
            "environment_score",
            "不能大于 100",
        ),
        "stars_out_of_range": BadCase(
            "stairwell_ratings.csv",
            csv_bytes(ratings, [["S1", "C01", "2011-09-30", 6]]),
            "stairwell_ratings",
            2,
            "stars",
            "不能大于 5",
        ),
        "bad_allowed_value": BadCase(
            "activities.csv",
            _activities([_with(GOOD_ACTIVITY, 4, "唱歌")]),
            "activities",
            2,
            "kind",
            "不是允许的取值",
        ),
        "duplicate_key": BadCase(
            "outcomes.csv",
            _outcomes([GOOD_OUTCOME, GOOD_OUTCOME_2, _with(GOOD_OUTCOME, 1, "2011Q3")]),
            "outcomes",
            4,
            "community_id",
            "与第 2 行相同",
        ),
        "empty_key": BadCase(
            "outcomes.csv",
            _outcomes([GOOD_OUTCOME, _with(GOOD_OUTCOME_2, 0, "")]),
            "outcomes",
            3,
            "community_id",
            "主键列不能为空",
        ),
        "unknown_community": BadCase(
            "outcomes.csv",
            _outcomes([_with(GOOD_OUTCOME, 0, "C99")]),
            "outcomes",
            2,
            "community_id",
            "没有编号“C99”",
        ),
        "unknown_household": BadCase(
            "property_fees.csv",
            csv_bytes(fees, [["H99", "C01", "2011-07-01", 100, 100]]),
            "property_fees",
            2,
            "household_id",
            "没有编号“H99”",
        ),
        "unknown_stairwell": BadCase(
            "stairwell_ratings.csv",
            csv_bytes(ratings, [["S9", "C01", "2011-09-30", 4]]),
            "stairwell_ratings",
            2,
            "stairwell_id",
            "没有编号“S9”",
        ),
        "unknown_company": BadCase(
            "property_assessments.csv",
            csv_bytes(assessments, [["P99", "C01", "2011-07-01", 90, 80, 70, 78, 30000]]),
            "property_assessments",
            2,
            "company_id",
            "没有编号“P99”",
        ),
        "unknown_indicator": BadCase(
            "targets.csv",
            csv_bytes(["indicator_id", "community_id", "target"], [["no_such_indicator", "", 50]]),
            "targets",
            2,
            "indicator_id",
            "没有编号为“no_such_indicator”的指标",
        ),
        "child_community_mismatch": BadCase(
            "property_fees.csv",
            csv_bytes(fees, [["H5", "C01", "2011-07-01", 200, 200]]),
            "property_fees",
            2,
            "community_id",
            "所属社区“C02”不一致",
        ),
        "rating_community_mismatch": BadCase(
            "stairwell_ratings.csv",
            csv_bytes(ratings, [["S3", "C01", "2011-09-30", 4]]),
            "stairwell_ratings",
            2,
            "community_id",
            "所属社区“C02”不一致",
        ),
        "invalid_date": BadCase(
            "activities.csv",
            _activities([_with(GOOD_ACTIVITY, 2, "2011-02-30")]),
            "activities",
            2,
            "date",
            "不是有效日期",
        ),
        "not_a_date": BadCase(
            "activities.csv",
            _activities([_with(GOOD_ACTIVITY, 2, "昨天")]),
            "activities",
            2,
            "date",
            "无法识别的日期",
        ),
        "year_2099": BadCase(
            "activities.csv",
            _activities([_with(GOOD_ACTIVITY, 2, "2099-07-09")]),
            "activities",
            2,
            "date",
            "年份应在 2000",
        ),
        "quarter_not_first_day": BadCase(
            "outcomes.csv",
            _outcomes([_with(GOOD_OUTCOME, 1, "2011-08-15")]),
            "outcomes",
            2,
            "quarter",
            "季度首日",
        ),
        "quarter_month_not_first": BadCase(
            "outcomes.csv",
            _outcomes([_with(GOOD_OUTCOME, 1, "2011年8月")]),
            "outcomes",
            2,
            "quarter",
            "季度首月",
        ),
        "semicolon_separated": BadCase(
            "outcomes.csv",
            csv_bytes(OUTCOME_NAMES, [GOOD_OUTCOME], sep=";"),
            None,
            None,
            None,
            "分号",
        ),
        "one_bad_row_among_many": BadCase(
            "activities.csv", _activities(many), "activities", 777, "person_times", "应为整数"
        ),
        "inf": BadCase(
            "outcomes.csv",
            _outcomes([_with(GOOD_OUTCOME, 6, "inf")]),
            "outcomes",
            2,
            "environment_score",
            "不是有限数值",
        ),
        "nan": BadCase(
            "outcomes.csv",
            _outcomes([_with(GOOD_OUTCOME, 9, "NaN")]),
            "outcomes",
            2,
            "satisfaction_pct",
            "不能为空",
        ),
        "percent_in_score": BadCase(
            "outcomes.csv",
            _outcomes([_with(GOOD_OUTCOME, 6, "74%")]),
            "outcomes",
            2,
            "environment_score",
            "不是百分比列",
        ),
        "excel_percent_in_score": BadCase(
            "outcomes.xlsx",
            xlsx_bytes(
                {"outcomes": [OUTCOME_NAMES, _with(GOOD_OUTCOME, 6, 0.913)]},
                formats={("outcomes", 2, 7): "0.0%"},
            ),
            "outcomes",
            2,
            "environment_score",
            "不是百分比列",
        ),
        # a name that shows as another community's: U+202E turns 区社乙 into 乙社区
        "bidi_name": BadCase(
            "communities.csv",
            _communities([_with(NEW_COMMUNITY, 1, "\u202e区社乙")]),
            "communities",
            2,
            "name_zh",
            "含不可见字符 U+202E（从右至左覆盖）",
        ),
        # a second community that looks exactly like C02
        "zero_width_id": BadCase(
            "communities.csv",
            _communities([["C02\u200b", "乙社区", "Yi", "社区", 2008, 3000, 1000, 60000.0, "P02"]]),
            "communities",
            2,
            "community_id",
            "含不可见字符 U+200B（零宽空格）",
        ),
        "future_quarter": BadCase(
            "outcomes.csv",
            _outcomes([_with(GOOD_OUTCOME, 1, next_quarter().isoformat())]),
            "outcomes",
            2,
            "quarter",
            "尚未开始",
        ),
        "bad_boolean": BadCase(
            "mediations.csv",
            csv_bytes(
                ["case_id", "community_id", "date", "resolved"],
                [["D9", "C01", "2011-07-02", "也许"]],
            ),
            "mediations",
            2,
            "resolved",
            "应为“是”或“否”",
        ),
        # a number other than 0 or 1 is not a yes/no (a typed cell: Excel's number 2)
        "xlsx_boolean_given_2": BadCase(
            "mediations.xlsx",
            xlsx_bytes(
                {
                    "mediations": [
                        ["case_id", "community_id", "date", "resolved"],
                        ["D9", "C01", date(2011, 7, 2), 2],
                    ]
                }
            ),
            "mediations",
            2,
            "resolved",
            "应为“是”或“否”",
        ),
        "csv_boolean_given_2": BadCase(
            "mediations.csv",
            csv_bytes(
                ["case_id", "community_id", "date", "resolved"],
                [["D9", "C01", "2011-07-02", "2"]],
            ),
            "mediations",
            2,
            "resolved",
            "应为“是”或“否”",
        ),
        "xlsx_bad_cell": BadCase(
            "outcomes.xlsx",
            xlsx_bytes(
                {
                    "三降四升成效指标": [
                        ["2011年第三季度 成效指标"],
                        [],
                        OUTCOME_NAMES,
                        GOOD_OUTCOME,
                        _with(GOOD_OUTCOME_2, 2, 1.5),
                    ]
                }
            ),
            "outcomes",
            5,
            "security_incidents",
            "不能有小数",
        ),
        "unquoted_thousands": BadCase(
            "reward_payments.csv",
            csv_bytes(
                ["company_id", "community_id", "quarter", "reward_yuan"],
                [["P01", "C01", "2011-07-01", "1,000,000.5"]],
            ),
            "reward_payments",
            2,
            None,
            "各列可能错位",
        ),
        "wrong_unit": BadCase(
            "property_fees.csv",
            csv_bytes(
                ["住户编号", "社区编号", "季度（首日）", "应缴金额（万元）", "实缴金额（元）"],
                [["H1", "C01", "2011Q3", 1, 1]],
            ),
            "property_fees",
            None,
            "billed_yuan",
            "数据约定的单位是“元”",
        ),
        "replace_orphans": BadCase(
            "communities.csv",
            csv_bytes(
                [c.name for c in TABLES_BY_NAME["communities"].columns],
                [list(r) for r in ROWS["communities"][:1]],
            ),
            "communities",
            None,
            "community_id",
            "将不再存在",
            mode="replace",
        ),
    }
    return cases


@cache
def good_files() -> dict[str, GoodCase]:
    """Files as offices write them, each read to exactly the stated rows."""
    t = TABLES_BY_NAME
    zh = [c.label_zh for c in t["outcomes"].columns]
    en = {c.name: c.label_en for c in t["outcomes"].columns}
    expected_c01 = dict(zip(OUTCOME_NAMES, [*GOOD_OUTCOME[:1], Q3, *GOOD_OUTCOME[2:]], strict=True))
    expected_c02 = dict(
        zip(OUTCOME_NAMES, [*GOOD_OUTCOME_2[:1], Q3, *GOOD_OUTCOME_2[2:]], strict=True)
    )
    order = [
        "satisfaction_pct",
        "quarter",
        "community_id",
        "petitions",
        "security_incidents",
        "skip_level_persons",
        "skip_level_batches",
        "safety_index",
        "environment_score",
        "democratic_awareness",
    ]
    by_name_c01 = dict(zip(OUTCOME_NAMES, GOOD_OUTCOME, strict=True))
    by_name_c02 = dict(zip(OUTCOME_NAMES, GOOD_OUTCOME_2, strict=True))
    honours = [c.label_zh for c in t["honours"].columns]
    title = "芦潮港镇 2011年第三季度 三降四升成效指标"
    messy_rows = [
        [title, None, None, None, None, None, None, None, None, None],
        [None] * 10,
        [*zh, None, None],
        [*GOOD_OUTCOME, None, ""],
        [*GOOD_OUTCOME_2, "", None],
        [None] * 12,
        ["", None, " "],
    ]
    full_width = [
        "Ｃ０１",
        "２０１１－０７－０１",
        "２",
        "６",
        "２",
        "５",
        "７４．０",
        "８０",
        "６０",
        "７４％",
    ]
    fees = ["住户编号", "社区编号", "季度（首日）", "应缴金额（元）", "实缴金额（元）"]
    # a household with no bill kept (the fixture's village household): amounts in thousands
    # that are its own, not ten times a bill of 100 kept (a warning since issue 20)
    fee_rows = [["H7", "V01", "2011Q3", "1,234.50", "1,000"], ["H7", "V01", "2011Q4", "2,000", "0"]]
    quarters = [
        ["C01", "2011-07-01"],
        ["C02", "2011Q3"],
        ["V01", "2011年第3季度"],
        ["C01", "2011年10月"],
    ]
    q_rows = [[c, q, 1, 1, 0, 0, 70.0, 80.0, 60.0, "91.3%"] for c, q in quarters]
    act_header = [c.label_zh for c in t["activities"].columns]
    act_rows = [
        ["A9", "C01", datetime(2011, 7, 9), "文化广场", "文艺", "一居一品", 120],
        ["A10", "C02", "2011/8/5", "居民学校", "讲座", "无", 40],
        ["A11", "C01", "2011年9月15日", "文化中心", "体育", "无", 35],
    ]
    pct_rows = [zh, [*GOOD_OUTCOME[:9], 0.913]]
    harbour_c09 = ["C09", "海港社区", "Haigang", "社区", 2010, 900, 350, 21000.0, "P02"]
    formula = '=HYPERLINK("http://x"&A1,"点我")'
    cases = {
        "gbk_chinese_headers": GoodCase(
            "三降四升成效指标.csv",
            csv_bytes(zh, [GOOD_OUTCOME, GOOD_OUTCOME_2], "gbk"),
            "outcomes",
            [expected_c01, expected_c02],
            [2, 3],
            encoding="GBK",
        ),
        "gb18030_chinese_headers": GoodCase(
            "honours.csv",
            csv_bytes(
                honours,
                [["HN9", "2011-11-01", "𠮷祥社区教育示范镇", "Model town", "上海市"]],
                "gb18030",
            ),
            "honours",
            [
                {
                    "honour_id": "HN9",
                    "date": date(2011, 11, 1),
                    "name_zh": "𠮷祥社区教育示范镇",
                    "name_en": "Model town",
                    "level": "上海市",
                }
            ],
            [2],
            encoding="GB18030",
        ),
        "bom_english_labels_any_order": GoodCase(
            "outcomes.csv",
            b"\xef\xbb\xbf"
            + csv_bytes(
                [en[n] for n in order],
                [[by_name_c01[n] for n in order], [by_name_c02[n] for n in order]],
            ),
            "outcomes",
            [expected_c01, expected_c02],
            [2, 3],
            encoding="UTF-8-BOM",
        ),
        "merged_title_trailing_empty": GoodCase(
            "outcomes.xlsx",
            xlsx_bytes({"三降四升成效指标": messy_rows}, merge={"三降四升成效指标": ["A1:J1"]}),
            "outcomes",
            [expected_c01, expected_c02],
            [4, 5],
        ),
        "full_width_digits": GoodCase(
            "outcomes.csv", csv_bytes(OUTCOME_NAMES, [full_width]), "outcomes", [expected_c01], [2]
        ),
        "thousands_separators": GoodCase(
            "物业费收缴.csv",
            "\r\n".join(
                [",".join(fees)] + [",".join(f'"{v}"' for v in r) for r in fee_rows]
            ).encode("utf-8"),
            "property_fees",
            [
                {
                    "household_id": "H7",
                    "community_id": "V01",
                    "quarter": Q3,
                    "billed_yuan": 1234.5,
                    "paid_yuan": 1000.0,
                },
                {
                    "household_id": "H7",
                    "community_id": "V01",
                    "quarter": date(2011, 10, 1),
                    "billed_yuan": 2000.0,
                    "paid_yuan": 0.0,
                },
            ],
            [2, 3],
        ),
        "percent_and_four_quarter_styles": GoodCase(
            "outcomes.csv",
            csv_bytes(OUTCOME_NAMES, q_rows),
            "outcomes",
            [
                dict(zip(OUTCOME_NAMES, [c, q, 1, 1, 0, 0, 70.0, 80.0, 60.0, 91.3], strict=True))
                for c, q in [("C01", Q3), ("C02", Q3), ("V01", Q3), ("C01", date(2011, 10, 1))]
            ],
            [2, 3, 4, 5],
            warnings=("超过 50%",),
        ),
        "excel_percent_cell": GoodCase(
            "outcomes.xlsx",
            xlsx_bytes({"outcomes": pct_rows}, formats={("outcomes", 2, 10): "0.0%"}),
            "outcomes",
            [{**expected_c01, "satisfaction_pct": 91.3}],
            [2],
        ),
        "excel_date_cells_and_date_styles": GoodCase(
            "culture.xlsx",
            xlsx_bytes(
                {"文化活动": [act_header, *act_rows]}, formats={("文化活动", 2, 3): "yyyy/m/d"}
            ),
            "activities",
            [
                dict(zip(ACTIVITY_NAMES, r, strict=True))
                for r in [
                    ["A9", "C01", date(2011, 7, 9), "文化广场", "文艺", "一居一品", 120],
                    ["A10", "C02", date(2011, 8, 5), "居民学校", "讲座", "无", 40],
                    ["A11", "C01", date(2011, 9, 15), "文化中心", "体育", "无", 35],
                ]
            ],
            [2, 3, 4],
        ),
        # two ids under one name: accepted once the clerk accepts the warnings
        "duplicate_names": GoodCase(
            "communities.csv",
            _communities([_with(NEW_COMMUNITY, 1, "海港社区"), harbour_c09]),
            "communities",
            [community_row(_with(NEW_COMMUNITY, 1, "海港社区")), community_row(harbour_c09)],
            [2, 3],
            warnings=("同名",),
        ),
        # text, whatever it looks like: kept as written (exports neutralise it)
        "formula_name": GoodCase(
            "communities.csv",
            _communities([_with(NEW_COMMUNITY, 1, formula)]),
            "communities",
            [community_row(_with(NEW_COMMUNITY, 1, formula))],
            [2],
        ),
        # 2021 typed for 2011: accepted once the clerk accepts the warning
        "typo_quarter": GoodCase(
            "outcomes.csv",
            _outcomes([_with(GOOD_OUTCOME, 1, "2021-10-01")]),
            "outcomes",
            [{**expected_c01, "quarter": date(2021, 10, 1)}],
            [2],
            warnings=("是否录入有误",),
        ),
        "template_filled": GoodCase(
            "template.xlsx",
            _filled_template(),
            "outcomes",
            [expected_c01],
            [2],
            table_arg="outcomes",
        ),
    }
    return cases


def _filled_template() -> bytes:
    """The outcomes template as downloaded, its example row replaced by a real one."""
    import openpyxl

    from governance.importer import template_xlsx

    book = openpyxl.load_workbook(io.BytesIO(template_xlsx("outcomes")))
    ws = book.worksheets[0]
    for j, v in enumerate(GOOD_OUTCOME, start=1):
        ws.cell(2, j).value = datetime(2011, 7, 1) if j == 2 else v
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
