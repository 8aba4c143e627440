"""ui/deferred.py: a download built on the click runs as the session that drew its button."""

from __future__ import annotations

import io
import threading
from datetime import UTC, datetime

import openpyxl
from streamlit.testing.v1 import AppTest

from tests.apptest_support import APP

BUILDS: list = []


def _script() -> None:
    import streamlit as st

    from tests.test_deferred import BUILDS
    from ui import deferred

    st.session_state["who"] = "wang"

    def build() -> str:
        return f"{st.session_state.get('who')}:{st.session_state.get('lang', 'zh')}"

    BUILDS[:] = [build, deferred.bound(build)]
    st.session_state["lang"] = "en"


def _on_another_thread(fn):
    out: list = []
    worker = threading.Thread(target=lambda: out.append(fn()))
    worker.start()
    worker.join()
    return out[0]


def test_a_bound_build_sees_its_session_on_a_thread_without_one():
    AppTest.from_function(_script).run()
    plain, bound = BUILDS
    assert _on_another_thread(plain) == "None:zh"  # why: Streamlit's worker has no session
    assert _on_another_thread(bound) == "wang:en"


def test_the_worker_thread_is_left_without_the_session_afterwards():
    AppTest.from_function(_script).run()
    _, bound = BUILDS
    seen: list = []

    def twice() -> None:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        seen.append(bound())
        seen.append(get_script_run_ctx(suppress_warning=True))

    worker = threading.Thread(target=twice)
    worker.start()
    worker.join()
    assert seen == ["wang:en", None]  # the next session's build on this thread is not wang's


def test_outside_a_session_the_build_is_returned_as_it_is():
    from ui import deferred

    def build() -> int:
        return 1

    assert deferred.bound(build) is build


def _logged_in_script() -> None:
    import streamlit as st

    from governance.auth import users
    from tests.test_deferred import BUILDS
    from ui import deferred

    st.session_state["auth_user"] = users.find("ed")
    st.session_state["auth_token"] = BUILDS[0]  # the token the test started
    BUILDS[:] = [deferred.bound(lambda: b"rows,of,data")]


def _drawn_by_ed(tmp_path, monkeypatch):
    """A download button drawn by the logged-in editor ed (login on): its bound build."""
    from governance.auth import sessions, users

    monkeypatch.setenv("GOVERNANCE_AUTH", "local")
    monkeypatch.setenv("GOVERNANCE_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("GOVERNANCE_STATE_URL", raising=False)
    monkeypatch.setenv("GOVERNANCE_USERS", str(tmp_path / "state" / "users.toml"))
    users.upsert("ed", "editor", (), password="editor-pass-1")
    BUILDS[:] = [sessions.start("ed")]
    AppTest.from_function(_logged_in_script).run()
    (bound,) = BUILDS
    return bound


def test_a_button_drawn_before_a_disable_builds_no_file(tmp_path, monkeypatch):
    from governance.auth import audit, manage

    bound = _drawn_by_ed(tmp_path, monkeypatch)
    assert _on_another_thread(bound) == b"rows,of,data"  # live: the file
    manage.disable(None, "ed")  # the button stays on the open page
    refused = _on_another_thread(bound)
    assert refused.decode("utf-8") == (
        "您的登录已失效或账号已停用，未生成文件。请重新登录后再下载。"
    )
    log = audit.read(event="refused")
    assert list(log["user"]) == ["ed"]
    assert audit.detail_words(log["detail"].iloc[0]) == "操作：下载文件；原因：登录已失效"


def test_a_button_drawn_before_a_change_of_scope_builds_no_file(tmp_path, monkeypatch):
    # The page's queries ran with the scope it was drawn with: a file built now would hold it.
    from governance.auth import users

    bound = _drawn_by_ed(tmp_path, monkeypatch)
    users.upsert("ed", "editor", ("C02",))
    assert _on_another_thread(bound) != b"rows,of,data"


def _stopping_script() -> None:
    import streamlit as st

    from tests.test_deferred import BUILDS
    from ui import deferred

    st.session_state["lang"] = "en"
    BUILDS[:] = [deferred.bound(lambda: st.session_state.get("lang"))]
    st.stop()  # the run ends here, as the demo's users page does after its audit log


def test_a_run_that_stops_after_drawing_the_button_still_builds_the_file():
    # st.stop() drains the run's fragment coordinator; a build that then read the session on
    # the download thread raised StopException, and the Excel file was never built.
    AppTest.from_function(_stopping_script).run()
    (bound,) = BUILDS
    assert _on_another_thread(bound) == "en"


def test_the_demo_audit_log_downloads_as_csv_and_excel_after_the_page_stopped(
    demo_dir, monkeypatch, tmp_path
):
    from streamlit.delta_generator import DeltaGenerator

    from governance.auth import audit
    from tests.apptest_support import open_page

    monkeypatch.setenv("GOVERNANCE_STATE_DIR", str(tmp_path / "state"))  # its one event
    monkeypatch.delenv("GOVERNANCE_STATE_URL", raising=False)
    audit.record("wang", "login", {"role": "admin"})
    audit.record(None, "commit", "")  # the command line's: no login
    day = datetime.now(UTC).strftime("%Y-%m-%d")  # (a test run across midnight UTC may fail)
    drawn: dict[str, tuple] = {}
    original = DeltaGenerator.download_button

    def keeping(self, label, data, *args, **kwargs):
        drawn[kwargs["key"]] = (kwargs["file_name"], data)
        return original(self, label, data, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", keeping)
    monkeypatch.setenv("GOVERNANCE_DATA_DIR", str(demo_dir))
    open_page(AppTest.from_file(APP, default_timeout=60), "users")  # ends in st.stop()
    (csv_name, csv), (xlsx_name, xlsx) = drawn["users_audit_dl_csv"], drawn["users_audit_dl_xlsx"]
    # named by the day the log covers, not the data's quarters (2010Q1-2011Q4)
    assert (csv_name, xlsx_name) == (f"操作日志_全镇_{day}.csv", f"操作日志_全镇_{day}.xlsx")
    text = _on_another_thread(csv).decode("utf-8-sig")
    lines = text.splitlines()  # newest first
    assert lines[1].split(",")[1] == "（未登录：演示或命令行）", text  # not '- (the guard's)
    assert lines[2].split(",")[1:3] == ["wang", "登录"], text
    book = openpyxl.load_workbook(io.BytesIO(_on_another_thread(xlsx)))
    about, rows = book.worksheets
    assert [[c.value for c in r] for r in about.iter_rows()] == [
        ["表格", "操作日志"],
        ["范围", "全镇"],
        ["期间", day],  # and no 数据日期: the log is not of the data
        ["行数", "2"],
    ]
    assert [c.value for c in rows[1]] == ["时间（UTC）", "用户", "事件", "详情"]
    assert [rows.cell(2, 2).value, rows.cell(3, 2).value] == ["（未登录：演示或命令行）", "wang"]
