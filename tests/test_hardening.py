"""Issue 11: nothing a file or a link does breaks the dashboard, makes it lie, or exhausts it.

One test (or one parametrised family) per numbered defect of the issue, on hostile data built
in code (tests/hostile_data.py). Each failed on the code before the fix.
"""

from __future__ import annotations

import os
import tempfile
import tomllib
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from governance import db, periods
from governance import filters as flt
from governance.contract import TABLES_BY_NAME
from governance.text import plain, plain_cells
from governance.whatif.params import ScoringParams
from tests import hostile_data as hd
from tests.apptest_support import APP, app_on, visible
from ui.auth import page_files

ROOT = Path(__file__).resolve().parent.parent
QUARTERS = [date(2010, 4, 1), date(2010, 7, 1), date(2010, 10, 1)]


@pytest.fixture(autouse=True)
def _own_state(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    # The open-time check keeps its verdicts under the state folder: one per test session.
    monkeypatch.setenv("GOVERNANCE_STATE_DIR", str(tmp_path_factory.getbasetemp() / "state"))


def texts(at: AppTest) -> list[str]:
    """Every message and Markdown text the run drew."""
    out = []
    for kind in ("error", "warning", "info", "markdown", "caption", "title", "exception"):
        out += [str(getattr(e, "value", getattr(e, "message", ""))) for e in getattr(at, kind)]
    return out


def run_page(at: AppTest, page: str) -> AppTest:
    at.run()
    if page != "overview":
        at.switch_page(page_files()[page]).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


# ---- 1. one bad file takes down every page ------------------------------------------------


@pytest.mark.parametrize("kind", sorted(hd.BROKEN_FILES))
def test_a_broken_file_in_any_table_is_reported_by_name(tmp_path: Path, kind: str) -> None:
    folder = hd.write(tmp_path / "data")
    names = [t.name for t in db.TABLES]
    for name in names:
        hd.BROKEN_FILES[kind](folder, name)
    con, bad = db.open_checked(folder)
    try:
        assert sorted(bad) == sorted(names)
        for name in names:
            assert bad[name].file == f"{name}.parquet"  # relative to the data folder
            assert bad[name].reasons_zh[0].startswith("文件无法读取")
            assert str(tmp_path) not in " ".join(bad[name].reasons_zh)
            # the table is there, empty, with the contract's columns
            assert con.execute(f"select count(*) from {name}").fetchone() == (0,)
    finally:
        con.close()


def test_broken_honours_leaves_the_overview_and_names_the_table_on_its_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = hd.write(tmp_path / "data")
    hd.random_file(folder, "honours")
    at = run_page(app_on(folder, monkeypatch), "overview")
    assert not at.error and not at.warning
    assert len(at.metric) >= 7  # the outcome KPIs are all there
    at.switch_page("views/culture.py").run()
    assert not at.exception
    notes = [visible(w.value) for w in at.warning]
    assert any("荣誉" in n and "honours.parquet" in n and "无法读取" in n for n in notes), notes


def test_a_table_every_page_needs_stops_every_page_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = hd.write(tmp_path / "data")
    hd.truncated_file(folder, "outcomes")
    for page in ("overview", "party"):
        at = app_on(folder, monkeypatch)
        at.run()
        if page != "overview":
            at.switch_page(page_files()[page]).run()
        assert not at.exception
        assert [e.value for e in at.error] and "outcomes.parquet" in visible(at.error[0].value)
        assert "三降四升" in at.error[0].value


def test_failing_opens_leave_the_temp_folder_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A temp folder of this test's own: other processes on the machine use the shared one.
    private = tmp_path / "tmp"
    private.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    folder = hd.write(tmp_path / "data")
    hd.random_file(folder, "honours")
    for _ in range(100):  # what 100 failing reruns do: open, fail, report
        with pytest.raises(db.DataError):
            db.connect(folder)
    con, bad = db.open_checked(folder)
    con.close()
    assert "honours" in bad

    # and a failure nobody foresaw, half-way through reading the tables
    def boom(*args, **kwargs):
        raise OSError("disk gone")

    monkeypatch.setattr(db, "_load_table", boom)
    # Data never opened before (this read `db.open_checked(folder)` until issue 24): the folder
    # above now has a kept catalog, reopened without reading a table, so it would not fail.
    never_opened = hd.write(tmp_path / "never-opened")
    for _ in range(100):
        with pytest.raises(OSError):
            db.open_checked(never_opened)
    assert os.listdir(private) == []


# ---- 2. a CSV with its columns in another order ---------------------------------------------


def test_csv_columns_are_read_by_name_not_position(tmp_path: Path) -> None:
    parquet = hd.write(tmp_path / "parquet")
    reordered = hd.write(tmp_path / "csv")
    names = [c.name for c in TABLES_BY_NAME["outcomes"].columns]
    swapped = names.copy()
    i, j = names.index("security_incidents"), names.index("petitions")
    swapped[i], swapped[j] = swapped[j], swapped[i]
    hd.as_csv(reordered, "outcomes", order=list(reversed(swapped)))
    a, b = db.connect(parquet), db.connect(reordered)
    try:
        left = a.execute("select * from outcomes order by community_id, quarter").df()
        right = b.execute("select * from outcomes order by community_id, quarter").df()
        pd.testing.assert_frame_equal(left, right)
        assert right["security_incidents"].iloc[0] == hd.fixture_data.ROWS["outcomes"][0][2]
    finally:
        a.close()
        b.close()


def test_csv_with_a_column_missing_is_refused_naming_it(tmp_path: Path) -> None:
    folder = hd.write(tmp_path / "data")
    hd.as_csv(folder, "outcomes", drop="petitions")
    con, bad = db.open_checked(folder)
    con.close()
    assert bad["outcomes"].file == "outcomes.csv"
    assert bad["outcomes"].reasons_zh == ("缺少列 petitions（信访件数）",)


# ---- 4. /?from=0000Q1 -----------------------------------------------------------------------


@pytest.mark.parametrize("label", ["0000Q1", "9999Q4", "0000Q4"])
def test_year_zero_and_huge_years_are_no_quarter(label: str) -> None:
    assert periods.from_label(label) is None
    parsed, errors = flt.from_query({"from": label}, QUARTERS, ["C01"])
    assert parsed.period_from == QUARTERS[0]
    assert len(errors) == 1 and "from" in errors[0]


def test_year_zero_link_opens_the_page(fixture_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = app_on(fixture_dir, monkeypatch)
    at.query_params["from"] = "0000Q1"
    run_page(at, "overview")
    assert any("from" in w.value and "0000Q1" in w.value for w in at.warning)


# ---- 5. Markdown injection ------------------------------------------------------------------


def test_plain_escapes_markdown_and_html() -> None:
    assert plain("[a](https://x.y)") == "\\[a\\]\\(https\\:\u2060\\/\\/x\\.y\\)"
    assert plain("www.x.cn a@b.cn") == "www\u2060\\.x\\.cn a\\@\u2060b\\.cn"
    assert plain("![i](u)") == r"\!\[i\]\(u\)"
    assert plain("<img src=x>") == r"&lt;img src\=x&gt;"
    assert plain("a\n# h") == r"a \# h"
    assert plain("甲社区") == "甲社区"
    assert plain("x" * 300, limit=10) == "x" * 9 + "…"


def test_a_static_tables_cells_and_headers_are_plain_text() -> None:
    frame = pd.DataFrame({"公司[x]": ["[a](https://x.y)", None, "x" * 300], "n": [1.5, None, 3]})
    cells = plain_cells(frame)
    assert list(cells.columns) == [r"公司\[x\]", "n"]
    assert cells.iloc[0, 0] == plain("[a](https://x.y)")
    assert cells.iloc[2, 0] == "x" * 300  # uncut: a table's cell is the data's own text
    assert cells["n"].tolist() == [r"1\.5", "—", r"3\.0"]  # a missing value is said as —
    assert visible(cells.iloc[0, 0]) == "[a](https://x.y)"


def test_markdown_in_a_link_is_shown_as_text(
    fixture_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = app_on(fixture_dir, monkeypatch)
    at.query_params["c"] = hd.MARKDOWN_NAME
    at.query_params["basis"] = hd.IMAGE_NAME
    run_page(at, "overview")
    warned = " ".join(w.value for w in at.warning)
    assert plain(hd.MARKDOWN_NAME, 40) in warned and plain(hd.IMAGE_NAME, 40) in warned
    assert hd.MARKDOWN_NAME in visible(warned)  # the reader sees it as typed
    assert "](" not in warned and "https://" not in warned  # no link syntax survives


def test_markdown_community_names_are_shown_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = hd.write(tmp_path / "data", hd.markdown_names())
    at = app_on(folder, monkeypatch)
    at.query_params["c"] = ["C01", "C02"]
    run_page(at, "overview")
    drawn = texts(at)
    assert not [t for t in drawn if "](" in t], drawn
    assert any(r"\[点击这里重新登录\]" in t for t in drawn)


# ---- 7. bad shapes --------------------------------------------------------------------------

SHAPES = {
    "no communities": (lambda: hd.no_rows("communities"), "communities", "没有数据行"),
    "no outcomes": (lambda: hd.no_rows("outcomes"), "outcomes", "没有数据行"),
    "NULL name": (hd.null_community_name, "communities", "name_zh"),
    "unknown company": (hd.unknown_company, "communities", "P99"),
    "duplicate community": (hd.duplicate_community, "communities", "C01"),
    "unknown community": (hd.unknown_community_in_outcomes, "outcomes", "C99"),
    "negative count": (hd.negative_outcome, "outcomes", "security_incidents"),
    "infinite score": (hd.infinite_outcome, "outcomes", "environment_score"),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_bad_shapes_are_named_in_chinese_and_crash_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shape: str
) -> None:
    build, table, detail = SHAPES[shape]
    folder = hd.write(tmp_path / "data", build())
    con, bad = db.open_checked(folder)
    con.close()
    assert table in bad, bad
    assert any(detail in r for r in bad[table].reasons_zh), bad[table].reasons_zh
    at = app_on(folder, monkeypatch)
    at.run()
    assert not at.exception
    drawn = " ".join(texts(at))
    assert "TypeError" not in drawn and "inf分" not in drawn and "-50.0%" not in drawn
    assert at.error and f"{table}.parquet" in visible(at.error[0].value)
    assert any(detail in visible(e.value) for e in at.error)


# ---- 8. a replaced file with the same size and mtime -----------------------------------------


def test_same_size_same_mtime_replacement_changes_the_fingerprint(tmp_path: Path) -> None:
    folder = hd.write(tmp_path / "data")
    path = folder / "honours.parquet"
    before = db.fingerprint(folder)
    st = path.stat()
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF  # same size, other content
    path.write_bytes(bytes(data))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns
    assert db.fingerprint(folder) != before
    # and an untouched folder keeps its fingerprint
    assert db.fingerprint(folder) == db.fingerprint(folder)


# ---- 9. the working directory ----------------------------------------------------------------


def test_the_app_runs_from_another_working_directory(
    fixture_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GOVERNANCE_DATA_DIR", str(fixture_dir))
    at = AppTest.from_file(APP, default_timeout=60)
    run_page(at, "overview")
    assert not at.error


# ---- 10. the read-only connection cannot write -----------------------------------------------


@pytest.mark.parametrize("opener", ["connect", "open_checked"])
def test_the_connection_cannot_write_anywhere(tmp_path: Path, opener: str) -> None:
    import duckdb

    folder = hd.write(tmp_path / "data")
    con = db.connect(folder) if opener == "connect" else db.open_checked(folder)[0]
    try:
        for target in (folder / "x.csv", folder / "communities.parquet", tmp_path / "y.csv"):
            before = target.read_bytes() if target.exists() else None
            with pytest.raises(duckdb.Error):
                con.execute(f"COPY (select 1 as a) TO '{target}' (use_tmp_file false)")
            assert (target.read_bytes() if target.exists() else None) == before
        with pytest.raises(duckdb.Error):
            con.execute("set enable_external_access = true")
    finally:
        con.close()


# ---- 11. smaller ------------------------------------------------------------------------------


def test_messages_never_show_server_paths(tmp_path: Path) -> None:
    folder = hd.write(tmp_path / "data")
    (folder / "honours.parquet").unlink()
    with pytest.raises(db.MissingDataError) as err:
        db.connect(folder)
    assert "honours.parquet" in str(err.value) and str(tmp_path) not in str(err.value)


def test_weights_labelled_in_percent_are_reported_in_percent() -> None:
    (message,) = ScoringParams(w_self=-0.0001, w_town=0.7, w_residents=0.3).validate()
    assert "0–100%" in message and "-0.01%" in message and "0–1 " not in message


def test_five_thousand_unknown_ids_make_one_message() -> None:
    ids = ",".join(f"X{i}" for i in range(5000))
    parsed, errors = flt.from_query({"c": ids}, QUARTERS, ["C01"])
    assert parsed.communities == ()
    assert len(errors) == 1 and "5,000" in errors[0] and "1,000" in errors[0]
    parsed, errors = flt.from_query({"c": ["C01", "X1", "X2", "X3", "X4"]}, QUARTERS, ["C01"])
    assert parsed.communities == ("C01",)
    assert len(errors) == 1 and "4 个" in errors[0]


def test_streamlit_shows_no_error_details_nor_outside_help() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"
    assert config["client"]["showErrorLinks"] is False  # no "Ask Google / Ask ChatGPT"


def test_streamlit_sends_no_usage_statistics() -> None:
    """On an intranet nothing is reported outside: `make run` reads config.toml, `make serve`
    passes the flag to every replica too."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["browser"]["gatherUsageStats"] is False
    assert "--browser.gatherUsageStats=false" in (ROOT / "scripts" / "serve.py").read_text()


@pytest.mark.shell_error_expected
def test_a_page_that_fails_says_so_in_chinese_without_the_error_type(
    fixture_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from governance.i18n import t
    from ui import widgets

    def broken(*args, **kwargs):
        raise TypeError("unsupported operand")

    monkeypatch.setattr(widgets, "page_header", broken)
    at = app_on(fixture_dir, monkeypatch)
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [t("error.app", "zh")]
    assert "TypeError" not in " ".join(texts(at))


# ---- 3. bounded resources: distinct filter combinations per session ------------------------


def test_a_session_may_open_only_so_many_new_combinations_a_minute(
    fixture_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from governance.i18n import t
    from ui import state

    monkeypatch.setattr(state, "MAX_COMBINATIONS_PER_MINUTE", 2)
    at = run_page(app_on(fixture_dir, monkeypatch), "overview")  # combination 1
    at.session_state["flt_basis"] = "yoy"
    at.run()  # combination 2
    assert not at.warning and at.metric
    at.session_state["flt_basis"] = "target"
    at.run()  # a third within the minute: refused, in words, with no queries run
    assert [w.value for w in at.warning] == [t("rate.limited", "zh", cap=2)]
    assert not at.metric
    at.session_state["flt_basis"] = "qoq"
    at.run()  # one already seen this minute is always allowed
    assert not at.warning and at.metric


def test_a_connection_for_one_query_copies_only_its_tables(tmp_path: Path) -> None:
    folder = hd.write(tmp_path / "data")
    hd.random_file(folder, "honours")  # not needed by the query: not read at all
    needed = db.query_tables("longterm_fee_records")
    assert needed == {"communities", "property_fees"}
    con = db.connect(folder, tables=needed)
    try:
        full = db.run(
            con,
            "longterm_fee_records",
            {
                "period_from": date(2000, 1, 1),
                "period_to": date(2100, 1, 1),
                "communities": ["C01", "C02", "V01"],
            },
        )
        assert len(full) == len(hd.fixture_data.ROWS["property_fees"])
        assert con.execute("select count(*) from honours").fetchone() == (0,)
    finally:
        con.close()


def test_a_page_that_stops_early_still_names_the_table_it_needed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # volunteers feeds the overview's indicators: without it the overview has nothing to
    # show and stops, and the reader is told why, above the empty state.
    folder = hd.write(tmp_path / "data")
    hd.truncated_file(folder, "volunteers")
    at = run_page(app_on(folder, monkeypatch), "overview")
    assert not at.metric  # no number computed without the table
    (note,) = [visible(w.value) for w in at.warning]
    assert "志愿者" in note and "volunteers.parquet" in note and "无法读取" in note
