"""Every CSV and Excel export writes text that would start a formula as text (' prefix)."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd

from governance import export


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "name": ["=1+2", "+86 021", "-x", "@SUM(A1)", "普通", None, "a=b"],
            "value": [-1, 2, -3, 4, 5, 6, 7],
        }
    )


def test_csv_cells_starting_a_formula_are_prefixed_and_numbers_untouched():
    lines = export.to_csv_bytes(frame()).decode("utf-8-sig").splitlines()
    assert lines == [
        "name,value",
        "'=1+2,-1",
        "'+86 021,2",
        "'-x,-3",
        "'@SUM(A1),4",
        "普通,5",
        ",6",
        "a=b,7",
    ]


def test_xlsx_cells_starting_a_formula_are_text_not_formulas():
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx_bytes(frame())))
    cells = list(book.active.iter_rows(min_row=2))
    assert [c[0].value for c in cells] == [
        "'=1+2",
        "'+86 021",
        "'-x",
        "'@SUM(A1)",
        "普通",
        None,
        "a=b",
    ]
    assert all(c[0].data_type != "f" for c in cells)
    assert [c[1].value for c in cells] == [-1, 2, -3, 4, 5, 6, 7]


def test_a_header_from_the_data_is_neutralised_too():
    data = export.to_csv_bytes(pd.DataFrame({"=cmd": ["x"]}))
    assert data.decode("utf-8-sig").splitlines()[0] == "'=cmd"


def test_the_frame_passed_in_is_not_changed():
    df = frame()
    export.to_csv_bytes(df)
    assert df.at[0, "name"] == "=1+2"
