"""Import plausibility (issue 20): a value above the column it may not exceed (paid above
billed) is an error at its row and column; a money or count value 10 times its household's
(team's...) or community's usual is a warning the clerk must accept; the uploader offers
only the kinds of file the importer reads.

Hand-made files against the tiny fixture (tests/import_corpus.current), one data page run on
a copy of the demo data.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from governance import contract
from governance.datastore import Store
from governance.importer import ACCEPTED, ERROR, WARNING, read_file, validate
from governance.importer.plausible import others_median, usual_key
from tests.apptest_support import app_on, open_page
from tests.import_corpus import csv_bytes, current, xlsx_bytes

FEES = ["household_id", "community_id", "quarter", "billed_yuan", "paid_yuan"]
FEE_LABELS = ["住户编号", "社区编号", "季度（首日）", "应缴金额（元）", "实缴金额（元）"]
ACTIVITIES = [c.name for c in contract.table("activities").columns]
Q3 = "2011-07-01"


def kept(usual: float = 147.05) -> dict[str, pd.DataFrame]:
    """The fixture with household H1's quarters kept (2010Q4 added: three) billed and paid
    ``usual``."""
    data = current()
    fees = data["property_fees"].copy()
    fees.loc[len(fees)] = ["H1", "C01", date(2010, 10, 1), usual, usual]
    h1 = fees["household_id"] == "H1"
    fees.loc[h1, ["billed_yuan", "paid_yuan"]] = usual
    data["property_fees"] = fees
    return data


def fee_report(rows: list[list], data=None, kind: str = "csv", mode: str = "upsert"):
    if kind == "csv":
        parsed = read_file("物业费收缴.csv", csv_bytes(FEE_LABELS, rows))
    else:
        parsed = read_file("物业费收缴.xlsx", xlsx_bytes({"物业费收缴": [FEE_LABELS, *rows]}))
    return validate(parsed, kept() if data is None else data, mode)


# ---- paid above billed: an error at the row, naming both columns and values -------------------


def test_paid_equal_to_billed_passes():
    report = fee_report([["H1", "C01", Q3, "147.05", "147.05"]])
    assert report.ok and report.warnings == [], report.messages()


def test_paid_above_billed_is_refused_at_its_row_and_column():
    report = fee_report([["H1", "C01", Q3, "147.05", "147.05"], ["H2", "C01", Q3, "100", "100.01"]])
    assert not report.ok
    [error] = report.errors
    assert (error.severity, error.row, error.column_name) == (ERROR, 3, "paid_yuan")
    message = error.message()
    assert message.startswith("错误：物业费收缴.csv，第 3 行，列“实缴金额”（paid_yuan）")
    assert "“实缴金额（元）”100.01 大于同一行的“应缴金额（元）”100.00" in message
    assert "billed_yuan" in message
    english = error.message("en")
    assert "row 3" in english and "'Paid' 100.01 is above 'Billed' 100.00" in english


def test_the_issue_s_decimal_slip_is_refused_and_said_to_be_100_times_the_usual():
    # 实缴 14705 against 应缴 147.05 was "校验通过" and counted as paid in full
    report = fee_report([["H1", "C01", Q3, "147.05", "14705"]])
    assert not report.ok
    [error] = report.errors
    assert error.column_name == "paid_yuan" and error.row == 2
    assert "14,705.00" in error.reason_zh and "147.05" in error.reason_zh
    [warning] = report.warnings
    assert (warning.column_name, warning.row) == ("paid_yuan", 2)
    assert "“实缴金额（元）”14,705.00 是住户编号 H1 其他各期通常值 147.05" in warning.reason_zh
    assert "的 100 倍，请核对小数点" in warning.reason_zh


def test_every_relation_the_contract_declares_is_checked():
    # votes cast above the voters, on a table with no fee in it
    names = [c.name for c in contract.table("elections").columns]
    rows = [["E9", "C01", "2011-05-01", 800, 801]]
    report = validate(read_file("elections.csv", csv_bytes(names, rows)), current())
    [error] = report.errors
    assert (error.row, error.column_name) == (2, "votes_cast")
    assert "“参选人数（人）”801 大于同一行的“选民数（人）”800" in error.reason_zh
    rows[0][4] = 800
    assert validate(read_file("elections.csv", csv_bytes(names, rows)), current()).ok


def test_a_row_kept_is_not_refused_for_a_relation():
    # the fixture keeps H3 paying 120 of 100 (the dashboard's rule reads it as paid in full):
    # only the file's rows are checked
    report = fee_report([["H1", "C01", Q3, "147.05", "147.05"]], data=current())
    assert report.ok, report.messages()


# ---- 10 times the usual: a warning -----------------------------------------------------------


def test_ten_times_the_household_s_usual_warns_and_just_below_does_not():
    report = fee_report([["H1", "C01", Q3, "1470.50", "0"]])
    assert report.ok
    [warning] = report.warnings
    assert (warning.severity, warning.row, warning.column_name) == (WARNING, 2, "billed_yuan")
    assert "“应缴金额（元）”1,470.50 是住户编号 H1 其他各期通常值 147.05（3 期的中位数）" in (
        warning.reason_zh
    )
    assert "的 10 倍" in warning.reason_zh
    assert warning.message().startswith(
        "提醒：物业费收缴.csv，第 2 行，列“应缴金额”（billed_yuan）"
    )
    assert "10 times the usual of Household id H1's other periods" in warning.message("en")
    report = fee_report([["H1", "C01", Q3, "1470.49", "0"]])
    assert report.ok and report.warnings == [], report.messages()


def test_a_tenth_of_a_money_usual_warns_and_just_above_does_not():
    report = fee_report([["H1", "C01", Q3, "14.70", "14.70"]])
    assert report.ok
    assert {(w.column_name, w.row) for w in report.warnings} == {
        ("billed_yuan", 2),
        ("paid_yuan", 2),
    }
    assert all("1/10" in w.reason_zh for w in report.warnings), report.messages()
    report = fee_report([["H1", "C01", Q3, "14.71", "14.71"]])
    assert report.warnings == [], report.messages()


def test_the_household_s_other_periods_in_the_file_count_too():
    # kept: 147.05 three times; the file: three more at 147.05 and one slipped
    rows = [["H1", "C01", q, "147.05", "0"] for q in ("2009-04-01", "2009-07-01", "2009-10-01")]
    rows.append(["H1", "C01", Q3, "14705", "0"])
    report = fee_report(rows)
    [warning] = report.warnings
    assert warning.row == 5 and "（6 期的中位数）的 100 倍" in warning.reason_zh


def test_a_household_with_nothing_kept_is_compared_with_its_community():
    data = kept()
    fees = data["property_fees"]
    data["property_fees"] = fees[fees["household_id"] != "H2"]  # H2: no bill yet
    report = fee_report([["H2", "C01", Q3, "1000", "0"]], data=data)
    [warning] = report.warnings
    # C01's other bills kept: H1 147.05 x3, H3 100 x2, H4 100 x2: the median is 100
    assert warning.column_name == "billed_yuan"
    assert "同一社区（社区编号 C01）其他记录通常值 100.00（7 条的中位数）的 10 倍" in (
        warning.reason_zh
    )
    assert fee_report([["H2", "C01", Q3, "999.99", "0"]], data=data).warnings == []


def test_a_slip_among_few_periods_flags_the_slip_not_the_right_value():
    data = kept()
    fees = data["property_fees"]
    data["property_fees"] = fees[
        (fees["household_id"] != "H2") | (fees["quarter"] == date(2011, 4, 1))
    ]
    # H2: one bill of 100 kept; the file: a slip and a right one. Of two others one slip would
    # be half the median: fewer than three, and the community's usual is taken
    rows = [["H2", "C01", Q3, "10000", "0"], ["H2", "C01", "2011-10-01", "100", "0"]]
    report = fee_report(rows, data=data)
    [warning] = report.warnings
    assert warning.row == 2 and "同一社区（社区编号 C01）" in warning.reason_zh
    assert "的 100 倍" in warning.reason_zh


def test_a_count_is_compared_with_its_community_s_other_rows():
    # C01's activities kept: 150, 50 and (added) 100 person-times, a median of 100
    data = current()
    activities = data["activities"]
    activities.loc[len(activities)] = ["A4", "C01", date(2011, 6, 1), "文化广场", "体育", "无", 100]

    def report(person_times: int):
        row = ["A9", "C01", "2011-06-09", "文化广场", "文艺", "无", person_times]
        return validate(read_file("activities.csv", csv_bytes(ACTIVITIES, [row])), data)

    [warning] = report(1000).warnings
    assert (warning.row, warning.column_name) == (2, "person_times")
    assert "“参与人次（人次）”1,000 是同一社区（社区编号 C01）其他记录通常值 100" in (
        warning.reason_zh
    )
    assert "（3 条的中位数）的 10 倍" in warning.reason_zh
    assert report(999).warnings == []
    # the other direction is for money only: a small activity is no slip
    assert report(5).warnings == []


def test_zeros_and_empty_cells_carry_no_usual():
    data = kept()
    fees = data["property_fees"]
    fees.loc[fees["household_id"] == "H1", "paid_yuan"] = 0.0  # H1 never paid
    # paid 147.05 is compared with C01's other payments kept (H2 100, H3 120, H4 50), not 0
    report = fee_report([["H1", "C01", Q3, "147.05", "147.05"]], data=data)
    assert report.ok and report.warnings == [], report.messages()


def test_csv_and_xlsx_files_are_checked_alike():
    rows = [["H1", "C01", Q3, "147.05", "147.05"], ["H2", "C01", Q3, "147.05", "147.06"]]
    rows.append(["H1", "C01", "2011-10-01", "1470.50", "0"])
    csv = fee_report(rows)
    xlsx = fee_report([[*r[:3], float(r[3]), float(r[4])] for r in rows], kind="xlsx")
    for report in (csv, xlsx):
        assert [(p.severity, p.row, p.column_name) for p in report.errors + report.warnings] == [
            (ERROR, 3, "paid_yuan"),
            (WARNING, 4, "billed_yuan"),
        ], report.messages()
    assert [p.reason_zh for p in csv.problems] == [p.reason_zh for p in xlsx.problems]


def test_a_file_replacing_the_table_is_still_compared_with_the_rows_kept():
    report = fee_report([["H1", "C01", Q3, "14705", "0"]], mode="replace")
    [warning] = report.warnings
    assert "住户编号 H1 其他各期通常值 147.05（3 期的中位数）的 100 倍" in warning.reason_zh


# ---- the contract declares it, once ------------------------------------------------------------


def test_the_contract_s_relations_and_plausible_columns_are_well_formed():
    for t in contract.TABLES:
        for c in t.columns:
            if c.not_above:
                other = t.column(c.not_above)
                assert c.type in ("INTEGER", "DOUBLE") and other.type == c.type, c.name
                # money against money (counts may differ in unit: batches <= persons)
                assert (other.unit == "元") == (c.unit == "元"), f"{t.name}.{c.name}"
            if c.plausible:
                assert c.type in ("INTEGER", "DOUBLE") and c.unit, f"{t.name}.{c.name}"
    fees = contract.table("property_fees")
    assert fees.column("paid_yuan").not_above == "billed_yuan"
    assert fees.column("paid_yuan").plausible and fees.column("billed_yuan").plausible
    assert usual_key(fees) == ("household_id",)
    assert usual_key(contract.table("team_quarters")) == ("team_id",)
    assert usual_key(contract.table("staff_posts")) == ("community_id", "post_kind")
    assert usual_key(contract.table("activities")) == ()  # one row per activity: its community


def test_the_median_of_the_other_rows_is_the_median_without_the_row():
    rng = np.random.default_rng(20)
    codes = rng.integers(-1, 30, 3000)
    values = rng.choice([0.0, np.nan, *rng.uniform(1, 1000, 40).round(2)], 3000)
    usual, count = others_median(codes, values)
    for i in rng.choice(3000, 300, replace=False):
        others = np.delete(np.arange(3000), i)
        same = others[(codes[others] == codes[i]) & (values[others] > 0)] if codes[i] >= 0 else []
        if len(same) == 0:
            assert np.isnan(usual[i]) and count[i] == 0
        else:
            assert usual[i] == pytest.approx(np.median(values[same]))
            assert count[i] == len(same)
    # no group at all (every community empty), no row, no positive value
    for codes, values in (([-1, -1], [1.0, 2.0]), ([], []), ([0, 0], [0.0, np.nan])):
        usual, count = others_median(np.array(codes, dtype=np.int64), np.array(values))
        assert np.isnan(usual).all() and (count == 0).all()


# ---- on the data page: the warning must be accepted before the commit --------------------------


@pytest.fixture
def data_copy(demo_dir: Path, tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("GOVERNANCE_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("GOVERNANCE_STATE_URL", raising=False)
    folder = tmp_path / "data"
    shutil.copytree(demo_dir, folder)
    return folder


def test_on_the_page_a_slip_is_refused_or_must_be_accepted(data_copy, monkeypatch):
    fees = pd.read_parquet(data_copy / "property_fees.parquet")
    last = fees[(fees["quarter"] == date(2011, 10, 1)) & (fees["paid_yuan"] > 0)].iloc[0]
    billed = float(last["billed_yuan"])

    def upload(at, billed_text: str, paid_text: str):
        cells = [last["household_id"], last["community_id"], "2011-10-01", billed_text, paid_text]
        content = csv_bytes(FEES, [cells])
        at.file_uploader(key="data_upload").set_value(("fees.csv", content, "text/csv"))
        at.run()
        assert not at.exception, at.exception
        return at

    at = open_page(app_on(data_copy, monkeypatch), "data")
    # the issue's slip: paid 100 times the bill is an error, nothing to accept
    at = upload(at, f"{billed:.2f}", f"{billed * 100:.2f}")
    analysis = at.session_state["data_analysis"]
    assert [(p.row, p.column_name) for p in analysis.report.errors] == [(2, "paid_yuan")]
    assert at.button(key="data_commit").disabled
    assert "data_accept_warnings" not in [c.key for c in at.checkbox]
    # both amounts slipped alike: no error, two warnings the clerk must accept
    at = upload(at, f"{billed * 100:.2f}", f"{billed * 100:.2f}")
    report = at.session_state["data_analysis"].report
    assert report.ok
    assert sorted(w.column_name for w in report.warnings) == ["billed_yuan", "paid_yuan"]
    assert all("的 100 倍" in w.reason_zh for w in report.warnings)
    assert at.button(key="data_commit").disabled
    said = [e.value for kind in ("caption", "warning", "info", "text") for e in at.get(kind)]
    assert "请先勾选接受警告" in " ".join(str(v) for v in said)
    at.checkbox(key="data_accept_warnings").check().run()
    assert not at.button(key="data_commit").disabled
    at.button(key="data_commit").click().run()
    assert Store(data_copy).current_version() == 2


# ---- the uploader offers what the importer reads, and nothing else ----------------------------


def test_the_uploader_offers_exactly_the_kinds_the_importer_reads(data_copy, monkeypatch):
    from views.data import admin as data_admin

    assert [f".{kind}" for kind in data_admin.UPLOAD_TYPES] == list(ACCEPTED)
    at = open_page(app_on(data_copy, monkeypatch), "data")
    uploader = at.file_uploader(key="data_upload")
    assert sorted(uploader.allowed_type) == sorted(ACCEPTED)
    assert uploader.label == "选择文件（.xlsx / .csv / .parquet / .geojson / .json）"
    assert any("另存为 .xlsx" in c.value for c in at.caption)
    # what the importer refuses for its kind the uploader does not offer, and the other way
    for suffix in (".xls", ".xlsm", ".txt", *ACCEPTED):
        [*reasons] = (p.reason_zh for p in read_file(f"outcomes{suffix}", b"x").errors)
        refused_for_kind = any(("另存为 .xlsx" in r or "不支持的文件类型" in r) for r in reasons)
        assert refused_for_kind == (suffix.lstrip(".") not in data_admin.UPLOAD_TYPES), suffix


def test_a_slip_kept_is_never_flagged_and_does_not_move_the_usual():
    data = kept()
    fees = data["property_fees"]
    fees.loc[len(fees)] = ["H1", "C01", date(2010, 10, 1), 14705.0, 14705.0]  # kept already
    report = fee_report([["H1", "C01", Q3, "147.05", "147.05"]], data=data)
    assert report.ok and report.warnings == [], report.messages()
