"""The 数据管理 page through Streamlit's AppTest: upload (the real st.file_uploader, which
AppTest drives since Streamlit 1.5x), report, preview, commit, history, compare, rollback.

Every test works on its own copy of the demo data (GOVERNANCE_DATA_DIR), never platform_data/.
The files uploaded are built here; the values expected are read from the demo data by hand.
"""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from governance.datastore import Store
from tests.apptest_support import app_on, open_page, shown, tile_values

OUTCOMES_HEADER = (
    "community_id,quarter,security_incidents,petitions,skip_level_batches,skip_level_persons,"
    "environment_score,safety_index,democratic_awareness,satisfaction_pct"
)


@pytest.fixture
def data_copy(demo_dir: Path, tmp_path: Path, monkeypatch) -> Path:
    # the audit log goes to a state store of the test's own, never the repo's .state/
    monkeypatch.setenv("GOVERNANCE_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("GOVERNANCE_STATE_URL", raising=False)
    folder = tmp_path / "data"
    shutil.copytree(demo_dir, folder)
    return folder


def _outcome_row(folder: Path, community: str, quarter: str) -> pd.Series:
    df = pd.read_parquet(folder / "outcomes.parquet")
    return df[(df["community_id"] == community) & (df["quarter"].astype(str) == quarter)].iloc[0]


def _outcomes_csv(folder: Path, petitions_delta: int, score: str | None = None) -> bytes:
    """V01's last quarter with ``petitions_delta`` more petitions (and, when given, a bad
    environment score): one data row, Excel row 2."""
    r = _outcome_row(folder, "V01", "2011-10-01")
    env = score if score is not None else r["environment_score"]
    cells = [
        "V01",
        "2011-10-01",
        r["security_incidents"],
        r["petitions"] + petitions_delta,
        r["skip_level_batches"],
        r["skip_level_persons"],
        env,
        r["safety_index"],
        r["democratic_awareness"],
        r["satisfaction_pct"],
    ]
    return f"{OUTCOMES_HEADER}\n{','.join(str(c) for c in cells)}\n".encode()


def _data_page(folder: Path, monkeypatch, lang: str = "zh"):
    at = app_on(folder, monkeypatch)
    if lang == "en":
        at.query_params["lang"] = "en"
    return open_page(at, "data")


def _upload(at, name: str, content: bytes):
    at.file_uploader(key="data_upload").set_value((name, content, "application/octet-stream"))
    return at.run()


def _texts(at) -> str:
    parts = [
        e.value
        for kind in ("text", "caption", "info", "success", "warning", "error")
        for e in at.get(kind)
    ]
    return "\n".join(str(p) for p in parts)


def _table(at, column: str) -> pd.DataFrame:
    """The first dataframe on the page with ``column`` (AppTest gives plain dataframes no key)."""
    for element in at.dataframe:
        if column in element.value.columns:
            return element.value
    raise AssertionError(f"no table with a column {column!r}")


def _petitions_tile(at) -> str:
    at.switch_page("views/overview.py").run()
    assert not at.exception, at.exception
    value = tile_values(at)["信访总量"]
    at.switch_page("views/data/data.py").run()
    return value


def test_page_opens_with_limit_modes_and_templates(data_copy, monkeypatch):
    at = _data_page(data_copy, monkeypatch)
    assert [t.value for t in at.title] == ["数据管理"]
    uploader = at.file_uploader(key="data_upload")
    assert {"xlsx", "csv", "parquet"} <= {t.lstrip(".") for t in uploader.allowed_type}
    assert uploader.proto.max_upload_size_mb == 50
    assert "单个文件不超过 50 MB、1,000,000 行" in _texts(at)
    assert at.radio(key="data_mode").value == "upsert", "追加/更新 is the default"
    assert "整表替换" in _texts(at) and "追加/更新：" in _texts(at)
    assert {b.key for b in at.get("download_button")} >= {"data_tpl_one", "data_tpl_all"}
    assert "当前数据尚无版本记录" in _texts(at)


def test_page_in_english(data_copy, monkeypatch):
    at = _data_page(data_copy, monkeypatch, lang="en")
    assert [t.value for t in at.title] == ["Data management"]
    assert "One file of at most 50 MB and 1,000,000 rows" in _texts(at)
    at = _upload(at, "outcomes.csv", _outcomes_csv(data_copy, 0, score="150"))
    problems = _table(at, "Reason")
    assert list(problems.columns) == ["Level", "File", "Sheet", "Row", "Column", "Value", "Reason"]
    assert problems.iloc[0]["Column"] == "Environmental management quality (environment_score)"
    assert problems.iloc[0]["Level"] == "Error"


def test_a_file_with_an_error_names_row_and_column_and_cannot_be_committed(data_copy, monkeypatch):
    before = (data_copy / "outcomes.parquet").read_bytes()
    at = _data_page(data_copy, monkeypatch)
    at = _upload(at, "outcomes.csv", _outcomes_csv(data_copy, 0, score="150"))
    assert not at.exception, at.exception
    problems = _table(at, "原因")
    errors = problems[problems["级别"] == "错误"]
    assert len(errors) == 1
    assert problems.iloc[0]["级别"] == "错误", "errors are listed first"
    row = errors.iloc[0]
    assert (row["文件"], row["行号"]) == ("outcomes.csv", "2")
    assert row["列"] == "环境管理质量 (environment_score)"
    assert row["值"] == "150"
    assert row["原因"], "the reason is said in words"
    assert "发现 1 个错误、" in " ".join(e.value for e in at.error)
    assert not at.get("checkbox") or "data_accept_warnings" not in [c.key for c in at.checkbox]
    commit = at.button(key="data_commit")
    assert commit.disabled
    assert "不能提交：文件有 1 个错误" in _texts(at)
    assert "data_report_xlsx" in [b.key for b in at.get("download_button")]
    assert Store(data_copy).current_version() is None
    assert (data_copy / "outcomes.parquet").read_bytes() == before


def test_first_200_problems_shown_with_the_total_and_the_full_report_downloadable(
    data_copy, monkeypatch
):
    from views.data import admin as data_admin

    lines = [OUTCOMES_HEADER] + [
        f"C01,2011-10-01,1,2,0,0,{100 + i},80,80,80" for i in range(1, 251)
    ]
    at = _data_page(data_copy, monkeypatch)
    at = _upload(at, "outcomes.csv", ("\n".join(lines) + "\n").encode())
    assert len(_table(at, "原因")) == 200
    assert "下表列出前 200 条（共" in _texts(at)
    report = at.session_state[data_admin.K_ANALYSIS].report
    assert len(report.errors) >= 250  # one out-of-range score per row (the key repeats, too)
    book = load_workbook(io.BytesIO(data_admin.report_bytes(report, "zh")))
    sheet = book.worksheets[0]
    assert sheet.max_row == 1 + len(report.errors) + len(report.warnings)


def test_commit_changes_the_dashboard_and_rollback_restores_it(data_copy, monkeypatch):
    # Without versions ui.data re-reads the folder's fingerprint at most once a second; made
    # an hour here, the dashboard still shows a commit at once: with versions the fingerprint
    # is the version id, read on every run, and every cache is keyed by it (no cache clear).
    monkeypatch.setattr("ui.data._FINGERPRINT_TTL_S", 3600.0)
    at = _data_page(data_copy, monkeypatch)
    town_before = _petitions_tile(at)
    at = _upload(at, "outcomes.csv", _outcomes_csv(data_copy, 100))
    assert not at.exception, at.exception
    # V01's petitions jump from the previous quarter's: a warning, to accept before commit
    assert "0 个错误" in " ".join(w.value for w in at.warning)
    commit = at.button(key="data_commit")
    assert commit.disabled and "请先勾选接受警告" in _texts(at)
    # the preview: one row changed in outcomes, old -> new petitions
    old = int(_outcome_row(data_copy, "V01", "2011-10-01")["petitions"])
    assert any("新增 0 行，修改 1 行，删除 0 行" in e.label for e in at.expander)
    changed = _table(at, "字段")
    assert changed.to_dict("records") == [
        {
            "编号": "V01 / 2011-10-01",
            "字段": "信访件数 (petitions)",
            "旧值": str(old),
            "新值": str(old + 100),
        }
    ]
    at.checkbox(key="data_accept_warnings").check().run()
    assert not at.button(key="data_commit").disabled
    at.button(key="data_commit").click().run()
    assert not at.exception, at.exception
    assert any("当前数据为第 2 版" in s.value for s in at.success)
    assert Store(data_copy).current_version() == 2  # 1: the demo files as found, 2: this file

    town_after = _petitions_tile(at)
    assert int(town_after.rstrip("件")) == int(town_before.rstrip("件")) + 100

    # history of outcomes: both versions, who and the source file
    at.selectbox(key="data_hist_table").set_value("outcomes").run()
    history = _table(at, "来源文件")
    assert history["版本"].tolist() == [2, 1]
    assert history.iloc[0]["来源文件"] == "outcomes.csv"
    assert history.iloc[0]["新增 / 修改 / 删除"] == "+0 / ~1 / -0"
    # no login (the demo): nobody's name, in words, not the server's operating-system user
    assert Store(data_copy).history()[0].who == "-"
    assert history.iloc[0]["提交人"] == "（未登录：演示或命令行）"
    # compare 1 -> 2: the one changed row
    assert any("第 1 版 → 第 2 版：新增 0 行，修改 1 行，删除 0 行" in t.value for t in at.text)

    # roll back outcomes to version 1: needs the confirmation first
    # each version named as the history names it, not a bare number
    (option,) = at.selectbox(key="data_rb_version").options
    assert option.startswith("第 1 版 · 20") and option.endswith(" · 初始数据"), option
    at.selectbox(key="data_rb_version").set_value(1).run()
    assert at.button(key="data_rb_go").disabled
    at.checkbox(key="data_rb_confirm").check().run()
    at.button(key="data_rb_go").click().run()
    assert not at.exception, at.exception
    assert any("记为第 3 版" in s.value for s in at.success)
    assert at.checkbox(key="data_rb_confirm").value is False  # the next one asks again
    assert _petitions_tile(at) == town_before
    restored = Store(data_copy).current_tables(["outcomes"])["outcomes"]
    original = pd.read_parquet(data_copy / "outcomes.parquet")
    assert restored["petitions"].tolist() == original["petitions"].tolist()


def test_the_committer_is_the_logged_in_user_when_there_is_one(data_copy, monkeypatch):
    from views.data import admin as data_admin

    monkeypatch.setattr(data_admin, "current_user_name", lambda: "wang")
    at = _data_page(data_copy, monkeypatch)
    at = _upload(at, "outcomes.csv", _outcomes_csv(data_copy, 1))  # 3 -> 4: still a jump
    at.checkbox(key="data_accept_warnings").check().run()
    at.button(key="data_commit").click().run()
    assert Store(data_copy).history()[0].who == "wang"
    from governance.auth import audit

    events = audit.read()
    assert events["event"].tolist()[:2] == ["commit", "import"]
    assert set(events["user"][:2]) == {"wang"}
    commit = json.loads(events.iloc[0]["detail"])
    assert commit == {
        "version": 2,
        "file": "outcomes.csv",
        "mode": "upsert",
        "tables": ["outcomes"],
    }


def test_without_permission_the_page_says_so(data_copy, monkeypatch):
    from views.data import admin as data_admin

    monkeypatch.setattr(data_admin, "may_manage_data", lambda: False)
    at = app_on(data_copy, monkeypatch).run()
    at.switch_page("views/data/data.py").run()
    assert any("无权限" in e.value for e in at.error)
    assert not at.file_uploader


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        # the uploader no longer offers .xls (issue 20): an old file renamed .xlsx is what
        # reaches the importer, and is told the same
        ("old.xlsx", b"\xd0\xcf\x11\xe0 not really", "另存为 .xlsx"),
        ("fake.xlsx", b"this is not a zip", "fake.xlsx"),
        ("empty.csv", b"", "empty.csv"),
        ("binary.parquet", bytes(range(256)) * 4, "binary.parquet"),
    ],
)
def test_bad_files_get_a_message_not_a_traceback(data_copy, monkeypatch, name, content, expected):
    at = _data_page(data_copy, monkeypatch)
    at = _upload(at, name, content)
    assert not at.exception, at.exception
    problems = _table(at, "原因")
    assert (problems["级别"] == "错误").all()
    assert expected in " ".join(problems["原因"]) + " ".join(problems["文件"])
    assert at.button(key="data_commit").disabled
    assert Store(data_copy).current_version() is None


def test_file_names_and_values_are_shown_as_text(data_copy, monkeypatch):
    name = "**粗体** [链接](http://x) <b>.csv"
    at = _data_page(data_copy, monkeypatch)
    at = _upload(at, name, b"a,b\n1,2\n")
    assert not at.exception, at.exception
    assert any(t.value == "文件：" + name for t in at.text), "the name, verbatim, as text"
    for kind in ("markdown", "caption", "error", "warning", "info", "success"):
        for element in at.get(kind):
            assert "**粗体**" not in element.value, "never rendered as Markdown"


def test_plain_escapes_markdown():
    from views.data.admin import plain

    assert plain("**a** [b](c) :red[d]") == r"\*\*a\*\* \[b\]\(c\) \:red\[d\]"
    # the one rule (governance.text.plain) escapes every punctuation mark; on screen a number
    # reads as typed, and a store's long message is never cut
    assert shown(plain("信访件数 1,234")) == "信访件数 1,234"
    assert shown(plain("原因" * 300)) == "原因" * 300


def test_templates_download_as_workbooks(data_copy, monkeypatch):
    from views.data import admin as data_admin

    one = load_workbook(io.BytesIO(data_admin.template_bytes("outcomes", "zh")))
    every = load_workbook(io.BytesIO(data_admin.template_bytes(None, "zh")))
    assert len(one.sheetnames) == 2  # the table and the sheet explaining its columns
    assert len(every.sheetnames) == len(data_admin.table_names()) + 1


def test_replace_mode_removes_the_rows_not_in_the_file(data_copy, monkeypatch):
    honours = pd.read_parquet(data_copy / "honours.parquet")
    assert len(honours) == 3
    kept = honours.head(2).copy()
    kept["date"] = kept["date"].astype(str)
    content = kept.to_csv(index=False).encode()
    at = _data_page(data_copy, monkeypatch)
    at = _upload(at, "honours.csv", content)
    assert "与当前数据相比没有任何变化" in _texts(at), "upsert of rows already there: no change"
    assert at.button(key="data_commit").disabled
    at.radio(key="data_mode").set_value("replace").run()
    assert any("新增 0 行，修改 0 行，删除 1 行" in e.label for e in at.expander)
    removed = _table(at, "荣誉编号")
    assert removed["荣誉编号"].tolist() == [honours.iloc[2]["honour_id"]]
    at.button(key="data_commit").click().run()
    assert Store(data_copy).current_tables(["honours"])["honours"]["honour_id"].tolist() == (
        honours.head(2)["honour_id"].tolist()
    )
    # after the commit the same file changes nothing, and the only rollback target is 1
    assert "没有需要提交的变化" in _texts(at)
    at.selectbox(key="data_hist_table").set_value("honours").run()
    (only,) = at.selectbox(key="data_rb_version").options
    assert only.startswith("第 1 版 · ")


def test_a_gbk_file_with_chinese_headers_and_the_table_chosen(data_copy, monkeypatch):
    r = _outcome_row(data_copy, "C01", "2011-10-01")
    header = (
        "社区编号,季度（首日）,治安案件数,信访件数,越级上访批次,越级上访人次,"
        "环境管理质量,城镇安全指数,居民民主意识,对政府满意度"
    )
    cells = [
        "C01",
        "2011年第4季度",
        r["security_incidents"],
        r["petitions"],
        r["skip_level_batches"],
        r["skip_level_persons"],
        r["environment_score"],
        r["safety_index"] - 1,
        r["democratic_awareness"],
        r["satisfaction_pct"],
    ]
    content = f"{header}\n{','.join(str(c) for c in cells)}\n".encode("gbk")
    at = _data_page(data_copy, monkeypatch)
    at.selectbox(key="data_table").set_value("outcomes").run()
    at = _upload(at, "季度报表.csv", content)
    assert not at.exception, at.exception
    assert any("新增 0 行，修改 1 行，删除 0 行" in e.label for e in at.expander)
    changed = _table(at, "字段")
    assert changed.iloc[0]["字段"] == "城镇安全指数 (safety_index)"
    assert float(changed.iloc[0]["新值"]) == pytest.approx(r["safety_index"] - 1)


def test_accepting_warnings_holds_for_that_file_only(data_copy, monkeypatch):
    at = _data_page(data_copy, monkeypatch)
    at = _upload(at, "outcomes.csv", _outcomes_csv(data_copy, 100))
    at.checkbox(key="data_accept_warnings").check().run()
    assert not at.button(key="data_commit").disabled
    at = _upload(at, "outcomes.csv", _outcomes_csv(data_copy, 200))  # other values, new warnings
    assert not at.checkbox(key="data_accept_warnings").value
    assert at.button(key="data_commit").disabled


def test_an_unexpected_failure_while_reading_is_a_message(data_copy, monkeypatch):
    from views.data import admin as data_admin

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(data_admin, "prepare", broken)
    at = _data_page(data_copy, monkeypatch)
    at = _upload(at, "outcomes.csv", _outcomes_csv(data_copy, 1))
    assert not at.exception, at.exception
    assert any("读取文件时出现意外错误（RuntimeError）" in e.value for e in at.error)
    assert at.button(key="data_commit").disabled


def test_a_refused_commit_is_said_beside_the_button_and_changes_nothing(data_copy, monkeypatch):
    from governance.datastore import DataStoreError

    def busy(self, plan, who=None, source=""):
        raise DataStoreError("datastore_err_busy", seconds=120)

    monkeypatch.setattr(Store, "commit", busy)
    at = _data_page(data_copy, monkeypatch)
    at = _upload(at, "outcomes.csv", _outcomes_csv(data_copy, 100))
    at.checkbox(key="data_accept_warnings").check().run()
    at.button(key="data_commit").click().run()
    assert not at.exception, at.exception
    message = " ".join(e.value for e in at.error)
    assert "提交失败" in message and "数据未作任何改动" in message
    assert Store(data_copy).current_version() is None


def test_a_preview_the_store_refuses_is_an_error_and_blocks_the_commit(data_copy, monkeypatch):
    from governance.datastore import DataStoreError

    def refused(self, frames, mode="upsert", sample=20):
        raise DataStoreError("datastore_err_duplicate_keys", table="outcomes", keys="V01/x")

    monkeypatch.setattr(Store, "plan", refused)
    at = _data_page(data_copy, monkeypatch)
    at = _upload(at, "outcomes.csv", _outcomes_csv(data_copy, 100))
    assert not at.exception, at.exception
    # what the error reads on screen (the keys come from the file: escaped as text)
    assert any(
        shown(e.value).startswith("无法生成预览：") and "V01/x" in shown(e.value) for e in at.error
    )
    assert at.button(key="data_commit").disabled
