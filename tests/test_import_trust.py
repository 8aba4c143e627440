"""What an import must not be trusted with: invisible characters in ids and names, two ids
under one name, periods from the future or far past the rest of the data, and a percentage
cell in a column of another unit.

The data in force is the fixture (tests/fixture_data.py): communities C01 甲社区, C02 乙社区,
V01 丙村; every dated table ends in 2011Q2 (stairwell ratings of 2011-06-30).
"""

from __future__ import annotations

from governance.importer import read_file, validate
from tests.import_corpus import (
    GOOD_OUTCOME,
    OUTCOME_NAMES,
    csv_bytes,
    current,
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
