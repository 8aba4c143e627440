"""Tables formatted like the tiles on every page, and downloads that open cleanly in Excel.

The screen: every dataframe of every page, in both languages, on the demo data, read back from
AppTest as the browser would draw it — the numbers (kept numeric, so columns sort) through
the printf format in their column config, missing values through the table's placeholder.
"""

from __future__ import annotations

import io
import json
import re
from datetime import date
from numbers import Number
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import streamlit
from streamlit.testing.v1.element_tree import Table

from governance import export, tableformat
from tests.apptest_support import app_on, open_section, section_labels, visible
from ui.auth import page_files

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(page_files())
# the platform pages draw their sections below the tiles as tabs, only the open one runs
# (ui/sections.py, key "<page>_section")
# The pages whose sections are tabs of which only the open one runs (ui/sections.py): the key
# of their tabs.
SECTIONED = {p: f"{p}_section" for p in ("party", "longterm", "culture", "selfgov", "profile")}
SECTIONED["overview"] = "ov_section"

MISSING_WORDS = {"None", "nan", "NaN", "NaT", "<NA>", "null"}
RAW_DECIMALS = re.compile(r"\d\.\d{3,}")  # 775823.143 or 0.33333
RAW_NUMBER = re.compile(r"^-?\d{5,}(\.\d+)?$")  # 775823.14 or 1000000 without separators


# Expanders whose content is drawn only once opened (on_change="rerun"), per page.
LAZY = {"whatif": ("whatif_fund_cq_open",)}


def every_part(at, page: str):
    """The page as drawn, once for each of its sections open in turn if it has sections, and
    once more with its lazy expanders open."""
    if page not in SECTIONED:
        yield at
        for key in LAZY.get(page, ()):
            at.session_state[key] = True
            at.run()
            assert not at.exception, at.exception
            yield at
        return
    key = SECTIONED[page]
    labels = section_labels(at, key)
    if page == "selfgov":
        # The stairwell drill (section 2) last: between runs AppTest calls its selectboxes'
        # format_func outside the app's session, where ``tr`` reads Chinese, so the English
        # page's next run would fail on "全部" not among the options (an AppTest artefact).
        labels = labels[:1] + labels[2:] + labels[1:2]
    for label in labels:
        yield open_section(at, key, label)


def printf(value: float, spec: str) -> str:
    """What sprintf-js (Streamlit's NumberColumn) draws for the formats a table may use."""
    found = re.fullmatch(r"(.*?)%(,?)(?:\.(\d+))?([df])(.*)", spec)
    assert found, f"format {spec!r} is not a fixed-decimals printf format"
    before, comma, digits, kind, after = found.groups()
    decimals = 0 if kind == "d" else int(digits if digits is not None else 6)
    number = f"{value:{comma}.{decimals}f}"
    return f"{before}{number}{after}"


def drawn(table) -> dict[str, list[str]]:
    """Each column of an AppTest dataframe (or static table) as its cells are drawn:
    header -> texts."""
    if isinstance(table, Table):  # st.table: the words as escaped, no column formats
        return {visible(str(h)): [visible(str(c)) for c in table.value[h]] for h in table.value}
    df = table.value
    config = json.loads(table.proto.columns or "{}")
    placeholder = table.proto.placeholder if table.proto.HasField("placeholder") else "None"
    out: dict[str, list[str]] = {}
    for name in df.columns:
        column = config.get(str(name), {})
        header = column.get("label") or str(name)
        spec = column.get("type_config", {}).get("format")
        cells = []
        for value in df[name]:
            if value is None or value is pd.NA or (isinstance(value, float) and value != value):
                cells.append(placeholder)
            elif isinstance(value, bool):
                cells.append(str(value))
            elif isinstance(value, Number) and pd.api.types.is_numeric_dtype(df[name]):
                if spec is None:  # Streamlit's own default: the number as it comes
                    cells.append(str(value))
                else:
                    cells.append(printf(float(value), spec))
            else:
                cells.append(str(value))
        out[header] = cells
    return out


def problems(page: str, lang: str, tables) -> list[str]:
    found = []
    for i, table in enumerate(tables):
        for header, cells in drawn(table).items():
            for cell in cells:
                where = f"{page}/{lang} table {i} column {header!r}: {cell!r}"
                if cell in MISSING_WORDS:
                    found.append(f"{where} (missing value not said as —)")
                elif RAW_DECIMALS.search(cell):
                    found.append(f"{where} (raw decimals)")
                elif RAW_NUMBER.match(cell):
                    found.append(f"{where} (no thousands separators)")
    return found


@pytest.fixture
def heights(monkeypatch):
    """Every st.dataframe call's rows and height, as the page asked for them."""
    calls: list[tuple[int, object]] = []
    real = streamlit.dataframe

    def recording(data=None, *args, **kwargs):
        frame = getattr(data, "data", data)  # a Styler holds its frame in .data
        calls.append((len(frame) if frame is not None else 0, kwargs.get("height", "auto")))
        return real(data, *args, **kwargs)

    monkeypatch.setattr(streamlit, "dataframe", recording)
    return calls


@pytest.mark.warm_caches  # reads what each page draws (conftest)
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_table_on_every_page_is_formatted_like_the_tiles(
    demo_dir, monkeypatch, heights, page, lang
):
    at = app_on(demo_dir, monkeypatch, timeout=120)
    at.query_params["lang"] = lang
    at.run()
    if page != "overview":
        at.switch_page(page_files()[page]).run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    for _ in every_part(at, page):
        assert problems(page, lang, [*at.dataframe, *at.table]) == []
    for rows, height in heights:
        # a fixed height no taller than the rows need: no empty padding rows below them
        if isinstance(height, int):
            assert height <= 38 + 35 * max(rows, 1) + 3, (page, rows, height)


def test_the_check_reads_what_a_raw_table_would_draw():
    """The reader above, on tables drawn the old way: it names each fault."""
    from streamlit.testing.v1 import AppTest

    def script():
        import pandas as pd
        import streamlit as st

        st.dataframe(pd.DataFrame({"a": [775823.14, 1000000.0], "b": ["x", None]}))

    at = AppTest.from_function(script).run()
    found = problems("p", "zh", at.dataframe)
    assert any("775823.14" in p for p in found)
    assert any("1000000.0" in p for p in found)
    assert any("'None'" in p for p in found)


# ---- the rule, on frames built by hand ----------------------------------------------------------


def fee_rows() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "quarter": ["2011Q4", "2011Q4"],
            "community_id": ["C01", "=C02"],
            "billed_yuan": [775823.14, 1000000.0],
            "households_billed": [1820, 12],
            "collection_rate": [48.84, None],
            "score": [79.06, 80.0],
            "year": [2010, 2011],
            "due_date": pd.to_datetime(["2011-12-26", None]),
            "note": ["一居一品", None],
        }
    )


def test_column_formats_take_units_from_the_contract_the_header_and_the_name():
    formats = tableformat.column_formats(
        fee_rows(), "zh", {"billed_yuan": "应缴金额", "collection_rate": "收缴率（%）"}
    )
    assert formats["billed_yuan"].header == "应缴金额（元）"
    assert (formats["billed_yuan"].printf, formats["billed_yuan"].excel) == ("%,.2f", "#,##0.00")
    assert formats["collection_rate"].header == "收缴率（%）"  # not 收缴率（%）（%）
    assert (formats["collection_rate"].printf, formats["collection_rate"].excel) == ("%.1f", "0.0")
    assert (formats["households_billed"].printf, formats["households_billed"].excel) == (
        "%,d",
        "#,##0",
    )
    assert formats["score"].header == "score（分）"  # the contract's unit of a score column
    assert tableformat.with_unit("平均结案天数", "天", "zh") == "平均结案天数"  # no 天数（天）
    assert tableformat.with_unit("Mean days to close", "天", "en") == "Mean days to close"
    assert tableformat.with_unit("Managed area", "平方米", "en") == "Managed area (m²)"
    assert formats["households_billed"].header == "households_billed"  # a count: no unit
    assert (formats["year"].printf, formats["year"].excel) == ("%d", "0")  # 2011, not 2,011
    assert formats["due_date"].excel == "yyyy-mm-dd" and formats["due_date"].printf is None
    assert formats["note"].printf is None
    english = tableformat.column_formats(fee_rows(), "en", {"billed_yuan": "Billed"})
    assert english["billed_yuan"].header == "Billed (yuan)"


def test_screen_rows_keep_numbers_and_say_missing_as_a_dash():
    shown, formats = export.for_screen(fee_rows(), "zh", {"billed_yuan": "应缴金额"})
    assert shown["应缴金额（元）"].tolist() == [775823.14, 1000000.0]  # still sortable numbers
    assert formats["应缴金额（元）"] == "%,.2f"
    assert printf(775823.14, formats["应缴金额（元）"]) == "775,823.14"
    assert printf(1000000.0, formats["应缴金额（元）"]) == "1,000,000.00"
    assert shown["due_date"].tolist() == ["2011-12-26", "—"]  # NaT is no "NaT"
    assert shown["note"].tolist() == ["一居一品", "—"]
    # a computed column the contract does not know gets its unit from the caller
    paid, paid_formats = export.for_screen(pd.DataFrame({"paid": [1234.5]}), units={"paid": "元"})
    assert list(paid.columns) == ["paid（元）"] and paid_formats == {"paid（元）": "%,.2f"}


# ---- files ---------------------------------------------------------------------------------------


def test_csv_keeps_the_bom_and_writes_whole_numbers_without_dot_zero():
    df = pd.DataFrame(
        {"n": pd.array([12.0, None, 3.0], dtype="float64"), "x": [1.5, 2.0, None], "k": [1, 2, 3]}
    )
    data = export.to_csv_bytes(df)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines() == ["n,x,k", "12,1.5,1", ",2.0,2", "3,,3"]


def workbook() -> openpyxl.Workbook:
    out, formats = export.for_file(fee_rows(), "zh", {"billed_yuan": "应缴金额"})
    info = [("范围", "彩虹社区"), ("期间", "2011Q4"), ("数据截至", "2011-12-26")]
    data = export.to_xlsx_bytes(out, "数据", formats=formats, info=info, info_sheet="说明")
    return openpyxl.load_workbook(io.BytesIO(data))


def test_xlsx_has_bold_units_headers_number_formats_filter_and_frozen_header():
    book = workbook()
    assert book.sheetnames == ["说明", "数据"]
    sheet = book["数据"]
    assert book.active.title == "数据"  # opens on the data, the about sheet first in line
    header = [c.value for c in sheet[1]]
    assert header[2] == "应缴金额（元）"
    assert all(c.font.bold for c in sheet[1])
    by_header = {h: i + 1 for i, h in enumerate(header)}
    cell = sheet.cell(row=2, column=by_header["应缴金额（元）"])
    assert (cell.value, cell.number_format) == (775823.14, "#,##0.00")
    assert sheet.cell(row=2, column=by_header["households_billed"]).number_format == "#,##0"
    assert sheet.cell(row=2, column=by_header["collection_rate（%）"]).number_format == "0.0"
    assert sheet.cell(row=3, column=by_header["年度"]).number_format == "0"
    when = sheet.cell(row=2, column=by_header["due_date"])
    assert when.value.date() == date(2011, 12, 26) and when.number_format == "yyyy-mm-dd"
    assert sheet.cell(row=3, column=by_header["社区编号"]).value == "'=C02"  # still text
    assert sheet.auto_filter.ref == "A1:I3"
    assert sheet.freeze_panes == "A2"
    # "775,823.14" is ten characters; the header 应缴金额（元） is fourteen widths: 16 as Excel
    # shows it, stored with Excel's padding (see test_export)
    assert sheet.column_dimensions["C"].width == 16 + 182 / 256
    about = book["说明"]
    assert [[c.value for c in row] for row in about.iter_rows()] == [
        ["范围", "彩虹社区"],
        ["期间", "2011Q4"],
        ["数据截至", "2011-12-26"],
    ]
    assert about["A1"].font.bold


def test_file_names_carry_title_scope_and_period():
    stem = tableformat.file_stem
    town = tableformat.scope_label([], "zh")
    assert stem("物业费收缴明细", town, tableformat.period_label("2011Q4", "2011Q4")) == (
        "物业费收缴明细_全镇_2011Q4"
    )
    one = tableformat.scope_label(["彩虹社区"], "zh")
    assert stem("物业费收缴明细", one, "2011Q4") == "物业费收缴明细_彩虹社区_2011Q4"
    many = tableformat.scope_label(["海港社区", "芦苑社区", "新港社区"], "zh")
    assert stem("网格案件明细", many, tableformat.period_label("2010Q1", "2011Q4")) == (
        "网格案件明细_3个社区_2010Q1-2011Q4"
    )
    assert stem("Grid cases", tableformat.scope_label([], "en"), "2011Q4") == (
        "Grid-cases_Town_2011Q4"
    )
    assert stem("a/b", "x:y", "2011Q4") == "a-b_x-y_2011Q4"  # safe on every file system


# ---- downloads as a page builds them ---------------------------------------------------------


@pytest.fixture
def downloads(monkeypatch) -> dict[str, tuple[str, bytes | None]]:
    """Every download button a page draws: key -> (file name, the file for table downloads,
    built as a click would build it)."""
    from streamlit.delta_generator import DeltaGenerator

    built: dict[str, tuple[str, bytes | None]] = {}
    original = DeltaGenerator.download_button

    def building(self, label, data, *args, **kwargs):
        key = str(kwargs.get("key"))
        table = key.endswith(("_csv", "_xlsx")) and callable(data)
        built[key] = (kwargs.get("file_name"), data() if table else None)
        return original(self, label, data, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", building)
    monkeypatch.setattr(
        streamlit, "download_button", lambda *a, **k: building(streamlit._main, *a, **k)
    )
    return built


def run_page(demo_dir, monkeypatch, page: str, **params: str):
    at = app_on(demo_dir, monkeypatch, timeout=120)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    if page != "overview":
        at.switch_page(page_files()[page]).run()
    assert not at.exception and not at.error, (at.exception, [e.value for e in at.error])
    return at


def records(at, label: str = "明细记录"):
    """The long-term page with its records section open (the fee tables and their files)."""
    return open_section(at, "longterm_section", label)


FILE_NAME = re.compile(r"^(?P<title>[^_]+)_(?P<scope>[^_]+)_(?P<period>\d{4}Q\d(-\d{4}Q\d)?)\.")


@pytest.mark.parametrize(
    "page", ["overview", "party", "longterm", "culture", "selfgov", "profile", "whatif"]
)
def test_every_table_download_is_named_by_title_scope_and_period(
    demo_dir, monkeypatch, downloads, page
):
    for _ in every_part(run_page(demo_dir, monkeypatch, page, c="C06"), page):
        pass  # every section's buttons are recorded as it is drawn
    names = [name for key, (name, _) in downloads.items() if key.endswith(("_csv", "_xlsx"))]
    assert names, page
    if page == "whatif":  # the table in the expander drawn once opened is among them
        assert {"whatif_fund_cq_dl_csv", "whatif_fund_cq_dl_xlsx"} <= set(downloads), downloads
    for name in names:
        found = FILE_NAME.match(name)
        assert found, name
        assert re.search(r"[\u4e00-\u9fff]", found["title"]), name  # 物业费收缴明细, not fee_bills
        assert found["scope"] == "彩虹社区", name


def test_longterm_files_say_the_town_or_the_community_and_the_quarter(
    demo_dir, monkeypatch, downloads
):
    at = records(run_page(demo_dir, monkeypatch, "longterm"))
    # the records open on the tiles' quarter: the summary and the full set are of it too
    assert downloads["longterm_rec_fee_last_xlsx"][0] == "物业费收缴明细_全镇_2011Q4.xlsx"
    assert downloads["longterm_rec_fee_sum_csv"][0] == "物业费收缴汇总_全镇_2011Q4.csv"
    name, full = downloads["longterm_fee_full_xlsx"]
    assert name == "物业费收缴明细_全镇_2011Q4.xlsx"
    about, bills = openpyxl.load_workbook(io.BytesIO(full)).worksheets
    info = {row[0].value: row[1].value for row in about.iter_rows()}
    assert (about.title, info["表格"], info["期间"]) == ("说明", "物业费收缴明细", "2011Q4")
    assert info["行数"] == f"{bills.max_row - 1:,}" and info["数据截至"] == "2011-12-26"
    assert {row[0].value for row in bills.iter_rows(min_row=2)} == {"2011Q4"}
    downloads.clear()
    at.segmented_control(key="longterm_rec_scope").set_value("period").run()
    assert downloads["longterm_rec_fee_last_xlsx"][0] == "物业费收缴明细_全镇_2011Q4.xlsx"
    assert downloads["longterm_rec_fee_sum_csv"][0] == "物业费收缴汇总_全镇_2010Q1-2011Q4.csv"
    assert downloads["longterm_fee_full_csv"][0] == "物业费收缴明细_全镇_2010Q1-2011Q4.csv"
    downloads.clear()
    records(run_page(demo_dir, monkeypatch, "longterm", c=["C06", "C07"], lang="en"), "Records")
    assert downloads["longterm_rec_fee_last_xlsx"][0] == (
        "Property-fee-bills_2-communities_2011Q4.xlsx"
    )
    downloads.clear()
    records(
        run_page(demo_dir, monkeypatch, "longterm", c="C06", **{"from": "2011Q1", "to": "2011Q2"})
    )
    assert downloads["longterm_rec_fee_last_xlsx"][0] == "物业费收缴明细_彩虹社区_2011Q2.xlsx"


def test_a_downloaded_workbook_from_the_page_opens_cleanly(demo_dir, monkeypatch, downloads):
    at = records(run_page(demo_dir, monkeypatch, "longterm", c="C06"))
    # the summary of the whole period (the records open on the tiles' quarter)
    at.segmented_control(key="longterm_rec_scope").set_value("period").run()
    data = downloads["longterm_rec_fee_sum_xlsx"][1]
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["说明", "数据"] and book.active.title == "数据"
    about = {row[0].value: row[1].value for row in book["说明"].iter_rows()}
    assert about["范围"] == "彩虹社区"
    assert about["期间"] == "2010Q1-2011Q4"
    assert about["数据截至"] == "2011-12-26"
    assert about["表格"] == "物业费收缴汇总"
    sheet = book["数据"]
    header = [c.value for c in sheet[1]]
    assert "应缴金额（元）" in header and "收缴率（%）" in header
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    column = {h: i + 1 for i, h in enumerate(header)}
    assert sheet.cell(row=2, column=column["应缴金额（元）"]).number_format == "#,##0.00"
    assert sheet.cell(row=2, column=column["收缴率（%）"]).number_format == "0.0"
    assert sheet.cell(row=2, column=column["应缴户数"]).number_format == "#,##0"
    assert int(about["行数"]) == sheet.max_row - 1 == 8  # one row a quarter, 2010Q1-2011Q4
    csv = downloads["longterm_rec_fee_sum_csv"][1]
    assert csv.startswith(b"\xef\xbb\xbf")
    lines = csv.decode("utf-8-sig").splitlines()
    households = lines[0].split(",").index("应缴户数")
    assert all(re.fullmatch(r"\d+", line.split(",")[households]) for line in lines[1:])
