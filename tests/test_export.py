"""Downloads a Chinese office opens directly: CSV with BOM, Excel with labels and widths."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pandas as pd

from governance import export


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "community_id": ["C01", "C02"],
            "date": pd.to_datetime(["2011-04-05", "2011-05-10"]),
            "person_times": [150, 60],
            "note": ["一居一品活动", None],
        }
    )


def test_csv_has_a_bom_and_chinese_headers():
    out = export.labelled(frame(), "zh", {"note": "备注"}, table="activities")
    data = export.to_csv_bytes(out)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig").splitlines()
    assert text[0] == "社区编号,日期,参与人次,备注"
    assert text[1] == "C01,2011-04-05,150,一居一品活动"


def test_english_headers_come_from_the_contract():
    out = export.labelled(frame(), "en", table="activities")
    assert list(out.columns)[:3] == ["Community id", "Date", "Person-times"]


def test_a_column_labelled_differently_by_tables_gets_a_neutral_label():
    out = export.labelled(pd.DataFrame({"name_zh": ["x"], "kind": ["y"]}), "zh")
    assert list(out.columns) == ["名称", "类型"]
    own = export.labelled(pd.DataFrame({"name_zh": ["x"]}), "zh", table="social_teams")
    assert list(own.columns) == ["团队名称"]


def test_xlsx_keeps_dates_freezes_the_header_and_fits_columns():
    out = export.labelled(frame(), "zh", {"note": "备注"}, table="activities")
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx_bytes(out)))
    sheet = book.active
    assert [c.value for c in sheet[1]] == ["社区编号", "日期", "参与人次", "备注"]
    assert sheet["B2"].value.date() == date(2011, 4, 5)
    assert sheet.freeze_panes == "A2"
    # "一居一品活动" is six Chinese characters: about twelve Latin widths, plus a margin: 14
    # characters as Excel shows it, stored as Excel stores it, with its 5-pixel padding
    # (182/256; openpyxl stored a bare 14, which Excel showed as 13.29)
    assert sheet.column_dimensions["D"].width == 14 + 182 / 256


def test_xlsx_cells_are_what_they_are_and_a_missing_one_is_empty():
    df = pd.DataFrame(
        {
            "n": pd.array([1, None, 3], dtype="Int64"),
            "x": [1.5, float("nan"), None],
            "t": ["=1+1", "x" * 40_000, "last"],  # over a cell's 32,767 characters
            "ok": [True, False, None],
        }
    )
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx_bytes(df, info=[("范围", "全镇")])))
    rows = [[c.value for c in row] for row in book["数据"].iter_rows(min_row=2)]
    assert [r[0] for r in rows] == [1, None, 3] and [r[1] for r in rows] == [1.5, None, None]
    # a formula's text stays text; the long one is cut to what a cell holds, and the cells
    # after it are written (XlsxWriter stops a column at a cell it refuses)
    assert [r[2] for r in rows] == ["'=1+1", "x" * 32_767, "last"]
    assert [r[3] for r in rows] == [True, False, None]
    # the data sheet is the one opened and the only one selected
    assert book.active.title == "数据" and not book["说明"].sheet_view.tabSelected


def test_display_rows_say_what_is_missing_in_one_type_per_column():
    df = pd.DataFrame(
        {
            "resolved_date": [date(2011, 4, 20), None],
            "note": ["已解决", None],
            "n": [1, 2],
        }
    )
    shown = export.for_display(df)
    assert shown["resolved_date"].tolist() == ["2011-04-20", "—"]
    assert shown["note"].tolist() == ["已解决", "—"]
    assert shown["n"].tolist() == [1, 2]
    import pyarrow as pa

    pa.Table.from_pandas(shown)  # no mixed types: Streamlit shows it without "fixes"
