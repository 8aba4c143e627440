"""Every CSV and Excel export writes text that would start a formula as text (' prefix): the
one rule, governance/text.neutralised, on its boundaries, then in the files."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from governance import export
from governance.text import neutralised, restored, starts_formula

# Each would be run as a formula: the four ASCII starts, their full-width and small forms, the
# same after blanks (ASCII, ideographic, no-break) or an invisible zero-width space, and a
# leading tab, CR or LF whatever follows.
FORMULAS = [
    "=1+2",
    "+86 021",
    "-x",
    "@SUM(A1)",
    "＝HYPERLINK(1)",
    "＋1",
    "－1",
    "＠x",
    "﹦1",
    "﹢1",
    "﹣1",
    "﹫x",
    " =1",
    "\u3000＝1",
    "\xa0@x",
    "\u200b=1",
    "\t普通",
    "\r普通",
    "\n普通",
]
# Each stays as it is: text whose first visible character starts no formula (the dash that
# marks a missing value, the minus sign U+2212), blanks only, empty, numbers and None.
TEXTS = ["普通", "a=b", "1-2", "—", "\u22121", " ", "\u3000", "", 5, -1.5, None]


@pytest.mark.parametrize("value", FORMULAS)
def test_a_value_that_starts_a_formula_gets_one_apostrophe_and_reads_back(value):
    assert starts_formula(value)
    assert neutralised(value) == "'" + value
    assert restored(neutralised(value)) == value


@pytest.mark.parametrize("value", TEXTS)
def test_any_other_value_is_left_alone(value):
    assert not starts_formula(value)
    assert neutralised(value) == value
    if isinstance(value, str):
        assert restored(value) == value


def test_a_value_already_marked_as_text_is_not_marked_twice():
    assert neutralised("'=1") == "'=1"
    assert neutralised("'普通") == "'普通"
    assert restored("'普通") == "'普通"  # an apostrophe before plain text is the text's own


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


def test_full_width_and_blank_starts_are_neutralised_in_csv_and_xlsx():
    df = pd.DataFrame({"＝h": ["＝HYPERLINK(1)", " =1", "\u3000＋1", "＠x", "普通"]})
    lines = export.to_csv_bytes(df).decode("utf-8-sig").splitlines()
    assert lines == ["'＝h", "'＝HYPERLINK(1)", "' =1", "'\u3000＋1", "'＠x", "普通"]
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx_bytes(df, info=[("＝k", "－v")])))
    data = book["数据"]
    assert [c.value for (c,) in data.iter_rows()] == [
        "'＝h",
        "'＝HYPERLINK(1)",
        "' =1",
        "'\u3000＋1",
        "'＠x",
        "普通",
    ]
    assert [c.value for c in book["说明"][1]] == ["'＝k", "'－v"]
