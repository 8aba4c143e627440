"""Every write checks who asks at the moment of the write (governance/auth/guard.py), and a live
tab's login is checked on every run against the shared store.

Each test here is one way in which a revoked, demoted, logged-out or out-of-scope account
could still write (or keep reading) on the code before the check: a button drawn while the
account could, clicked after it no longer can.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import threading
import time
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import update
from streamlit.testing.v1 import AppTest

from governance import state
from governance.auth import audit, guard, lockout, login, manage, sessions, users
from governance.datastore import Store
from tests.apptest_support import open_section
from tests.fixtures.auth import APP, PASSWORDS, log_in

OUTCOMES_HEADER = (
    "community_id,quarter,security_incidents,petitions,skip_level_batches,skip_level_persons,"
    "environment_score,safety_index,democratic_awareness,satisfaction_pct"
)


@pytest.fixture
def store_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GOVERNANCE_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("GOVERNANCE_STATE_URL", raising=False)
    monkeypatch.setenv("GOVERNANCE_USERS", str(tmp_path / "state" / "users.toml"))
    users.upsert("boss", "admin", (), password=PASSWORDS["boss"])
    users.upsert("ed", "editor", (), password=PASSWORDS["ed"])
    users.upsert("vic", "viewer", (), password=PASSWORDS["vic"])
    users.upsert("lu", "viewer", ("C02",), password=PASSWORDS["lu"])
    users.upsert("zed", "editor", ("C02",), password="zed-pass-12")
    PASSWORDS.setdefault("zed", "zed-pass-12")
    return tmp_path


@pytest.fixture
def data_copy(demo_dir: Path, store_env: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = store_env / "data"
    shutil.copytree(demo_dir, folder)
    monkeypatch.setenv("GOVERNANCE_DATA_DIR", str(folder))
    monkeypatch.setenv("GOVERNANCE_AUTH", "local")
    return folder


def tab() -> AppTest:
    return AppTest.from_file(APP, default_timeout=90)


def refusals() -> list[dict]:
    log = audit.read(event="refused")
    return [{"user": u, **json.loads(d)} for u, d in zip(log["user"], log["detail"], strict=True)]


# ---- the check itself, on its own ------------------------------------------------------------
def test_authorize_passes_a_live_account_with_the_role_and_scope(store_env):
    token = sessions.start("zed")
    user = guard.authorize("commit", "zed", token, need="editor", communities=["C02"])
    assert user.name == "zed"
    assert guard.authorize("commit", "zed", token, need="viewer", communities=[]).role == "editor"
    assert refusals() == []


@pytest.mark.parametrize(
    ("name", "need", "communities", "reason"),
    [
        (None, "viewer", (), "no_login"),
        ("vic", "editor", (), "role"),  # a viewer one step below an editor
        ("ed", "admin", (), "role"),
        ("zed", "editor", ["C02", "C03"], "scope"),  # one community outside
        ("zed", "editor", None, "scope"),  # the whole town
        ("ghost", "viewer", (), "disabled"),  # not in the users file (any more)
    ],
)
def test_authorize_refuses_and_records_why(store_env, name, need, communities, reason):
    token = sessions.start(name) if name else None
    with pytest.raises(guard.WriteRefused) as caught:
        guard.authorize("commit", name, token, need=need, communities=communities)
    assert caught.value.reason == reason
    assert refusals() == [
        {"user": name or "-", "action": "commit", "reason": reason},
    ]


def test_a_disabled_account_and_an_ended_session_are_refused(store_env):
    token = sessions.start("ed")
    manage.disable("boss", "ed")  # ends its sessions too
    with pytest.raises(guard.WriteRefused, match="停用") as caught:
        guard.authorize("rollback", "ed", token, need="editor")
    assert caught.value.reason == "disabled" and caught.value.logged_out
    token = sessions.start("vic")
    sessions.end(token)  # logout in another tab
    with pytest.raises(guard.WriteRefused) as caught:
        guard.authorize("scenario_save", "vic", token)
    assert caught.value.reason == "session"
    assert "登录已失效" in caught.value.text("zh") and "login has ended" in caught.value.text("en")


def test_a_demoted_account_is_refused_with_the_role_it_needs(store_env):
    token = sessions.start("ed")
    users.upsert("ed", "viewer", ())
    with pytest.raises(guard.WriteRefused) as caught:
        guard.authorize("commit", "ed", token, need="editor")
    assert caught.value.text("zh") == "您的角色已无此权限（需要编辑者或以上），本次操作未执行。"


def test_a_refusal_reads_in_words_on_the_audit_page(store_env):
    with pytest.raises(guard.WriteRefused):
        guard.authorize("commit", "vic", sessions.start("vic"), need="editor")
    detail = audit.read(event="refused")["detail"].iloc[0]
    assert audit.detail_words(detail) == "操作：提交数据；原因：角色无权限"
    assert audit.detail_words(detail, "en") == "action: commit; reason: role not allowed"


# ---- sessions checked on every run -----------------------------------------------------------
def test_session_alive_honours_idle_and_absolute_limits_exactly(store_env):
    clock = Clock()
    token = sessions.start("vic", clock)
    clock.advance(sessions.IDLE_S)  # exactly at the idle limit: still live
    assert sessions.alive(token, clock) == "vic"
    clock.advance(sessions.IDLE_S + 1)  # idle one second past the limit
    assert sessions.alive(token, clock) is None
    clock = Clock()
    token = sessions.start("vic", clock)
    for _ in range(3):  # used every 7 hours: never idle
        clock.advance(7 * 3600)
        assert sessions.alive(token, clock) == "vic"
    clock.advance(sessions.MAX_AGE_S - 21 * 3600)  # exactly 24 hours old: still live
    assert sessions.alive(token, clock) == "vic"
    clock.advance(1)
    assert sessions.alive(token, clock) is None


def test_session_alive_writes_last_seen_at_most_once_a_minute(store_env):
    clock = Clock()
    token = sessions.start("vic", clock)
    writes: list[str] = []
    from sqlalchemy import event

    def count(_conn, _cur, statement, *_args) -> None:
        if statement.lstrip().upper().startswith("UPDATE"):
            writes.append(statement)

    event.listen(state.engine(), "before_cursor_execute", count)
    try:
        for _ in range(5):
            clock.advance(10)
            assert sessions.alive(token, clock) == "vic"
        assert writes == []  # 50 s: only reads
        clock.advance(sessions.TOUCH_S)
        sessions.alive(token, clock)
        assert len(writes) == 1
    finally:
        event.remove(state.engine(), "before_cursor_execute", count)


class Clock:
    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def test_logout_in_one_tab_ends_the_other_tab_of_the_same_browser(data_copy):
    first = log_in(tab(), "vic")
    second = tab()  # the same browser: the same cookie, so the same session token
    second.session_state["auth_user"] = first.session_state["auth_user"]
    second.session_state["auth_token"] = first.session_state["auth_token"]
    second.run()
    assert second.metric, "the second tab is logged in"
    next(b for b in first.button if b.label == "退出登录").click().run()
    second.run()
    assert [t.value for t in second.title] == ["四个平台 治理驾驶舱 · 登录"]
    assert not second.metric


def test_a_password_change_ends_every_open_tab_at_its_next_click(data_copy):
    tabs = [log_in(tab(), "vic"), log_in(tab(), "vic")]
    manage.add_or_change("boss", "vic", "viewer", (), password="a-new-pass-1")
    for open_tab in tabs:
        open_tab.run()
        assert [t.value for t in open_tab.title] == ["四个平台 治理驾驶舱 · 登录"]


def test_an_idle_tab_is_logged_out_on_its_next_click(data_copy):
    at = log_in(tab(), "vic")
    with state.engine().begin() as conn:
        conn.execute(update(sessions.sessions).values(last_seen=time.time() - sessions.IDLE_S - 1))
    at.run()
    assert [t.value for t in at.title] == ["四个平台 治理驾驶舱 · 登录"] and not at.metric


# ---- the data page: commit and rollback ------------------------------------------------------
def _outcomes_csv(folder: Path, community: str, petitions_delta: int) -> bytes:
    df = pd.read_parquet(folder / "outcomes.parquet")
    r = df[(df["community_id"] == community) & (df["quarter"].astype(str) == "2011-10-01")]
    r = r.iloc[0]
    cells = [
        community,
        "2011-10-01",
        r["security_incidents"],
        r["petitions"] + petitions_delta,
        r["skip_level_batches"],
        r["skip_level_persons"],
        r["environment_score"],
        r["safety_index"],
        r["democratic_awareness"],
        r["satisfaction_pct"],
    ]
    return f"{OUTCOMES_HEADER}\n{','.join(str(c) for c in cells)}\n".encode()


def _ready_to_commit(at: AppTest, content: bytes) -> AppTest:
    at.switch_page("views/data/data.py").run()
    at.file_uploader(key="data_upload").set_value(
        ("outcomes.csv", content, "application/octet-stream")
    )
    at.run()
    assert not at.exception, at.exception
    if any(c.key == "data_accept_warnings" for c in at.checkbox):
        at.checkbox(key="data_accept_warnings").check().run()
    assert not at.button(key="data_commit").disabled
    return at


def test_a_disabled_editors_open_page_cannot_commit(data_copy):
    at = _ready_to_commit(log_in(tab(), "ed"), _outcomes_csv(data_copy, "V01", 1))
    manage.disable("boss", "ed")  # as `make user-disable` does, while the page is open
    at.button(key="data_commit").click().run()
    assert not at.exception, at.exception
    assert Store(data_copy).current_version() is None, "nothing was committed"
    assert "您的账号已被停用或删除，本次操作未执行。" in [e.value for e in at.error]
    assert [t.value for t in at.title] == ["四个平台 治理驾驶舱 · 登录"]
    events = audit.read()
    assert list(events["event"][:2]) == ["refused", "user_disable"]
    assert "commit" not in set(events["event"])


def test_a_demoted_editors_open_page_cannot_roll_back(data_copy):
    at = _ready_to_commit(log_in(tab(), "ed"), _outcomes_csv(data_copy, "V01", 1))
    at.button(key="data_commit").click().run()
    assert Store(data_copy).current_version() == 2
    at.selectbox(key="data_rb_version").set_value(1).run()
    at.checkbox(key="data_rb_confirm").check().run()
    users.upsert("ed", "viewer", ())  # demoted while the page is open
    at.button(key="data_rb_go").click().run()
    assert not at.exception, at.exception
    assert Store(data_copy).current_version() == 2, "no rollback"
    assert refusals() == [{"user": "ed", "action": "rollback", "reason": "role"}]


def test_a_scoped_editor_commits_their_own_community_only(data_copy):
    at = _ready_to_commit(log_in(tab(), "zed"), _outcomes_csv(data_copy, "V01", 1))
    at.button(key="data_commit").click().run()
    assert Store(data_copy).current_version() is None
    assert any("您可查看范围以外的社区" in e.value for e in at.error)
    at = _ready_to_commit(at, _outcomes_csv(data_copy, "C02", 1))
    at.button(key="data_commit").click().run()
    assert not at.exception, at.exception
    assert Store(data_copy).current_version() == 2
    assert any("当前数据为第 2 版" in s.value for s in at.success)


def test_a_scoped_editor_may_not_roll_back_the_town(data_copy):
    at = _ready_to_commit(log_in(tab(), "zed"), _outcomes_csv(data_copy, "C02", 1))
    at.button(key="data_commit").click().run()
    at.selectbox(key="data_rb_version").set_value(1).run()
    at.checkbox(key="data_rb_confirm").check().run()
    at.button(key="data_rb_go").click().run()
    assert Store(data_copy).current_version() == 2
    assert refusals() == [{"user": "zed", "action": "rollback", "reason": "scope"}]


def test_communities_touched_counts_the_rows_an_upsert_replaces(data_copy):
    store = Store(data_copy)
    frame = pd.read_parquet(data_copy / "outcomes.parquet")
    row = frame[(frame["community_id"] == "C02") & (frame["quarter"].astype(str) == "2011-10-01")]
    assert store.communities_touched(store.plan({"outcomes": row})) == {"C02"}
    assert store.communities_touched(store.plan({"outcomes": row}, mode="replace")) is None
    companies = pd.read_parquet(data_copy / "property_companies.parquet").head(1)
    assert store.communities_touched(store.plan({"property_companies": companies})) is None


# ---- what-if scenarios -----------------------------------------------------------------------
def saved_tab(at: AppTest) -> AppTest:
    """The what-if page run and its saved scenarios' tab opened: the levers are tabs of which
    only the open one runs (issue 24)."""
    at.run()
    return open_section(at, "whatif_section", "保存与比较")


def test_a_logged_out_viewers_open_page_cannot_save_a_scenario(data_copy):
    at = log_in(tab(), "vic")
    saved_tab(at.switch_page("views/whatif/whatif.py"))
    at.text_input(key="whatif_save_name").input("会后方案")
    sessions.end_all("vic")  # logged out elsewhere
    at.button(key="whatif_save").click().run()
    assert not at.exception, at.exception
    from governance.whatif.saved import store

    assert "会后方案" not in store(user=None).names()
    assert refusals() == [{"user": "vic", "action": "scenario_save", "reason": "session"}]


def test_a_saved_scenario_is_on_the_audit_log(data_copy):
    at = log_in(tab(), "vic")
    saved_tab(at.switch_page("views/whatif/whatif.py"))
    at.text_input(key="whatif_save_name").input("会后方案")
    at.button(key="whatif_save").click().run()
    log = audit.read(event="scenario_save")
    assert list(log["user"]) == ["vic"]
    assert audit.detail_words(log["detail"].iloc[0]) == "方案：会后方案"


# ---- users -----------------------------------------------------------------------------------
def test_a_disabled_admins_open_page_cannot_add_users(data_copy):
    at = log_in(tab(), "boss")
    at.switch_page("views/users.py").run()
    at.text_input(key="users_add_name").input("mallory")
    at.selectbox(key="users_add_role").set_value("admin")
    at.text_input(key="users_add_password").input("mallory-pass-1")
    users.set_disabled("boss")  # by another admin, from the command line
    next(b for b in at.button if b.label == "保存").click().run()
    assert not at.exception, at.exception
    assert users.find("mallory") is None


def test_a_scoped_user_whose_communities_are_gone_gets_words_not_an_error(data_copy):
    users.upsert("low", "viewer", ("c02",), password="low-pass-123")  # lower case: no such id
    at = tab()
    at.run()
    at.text_input(key="auth_name").input("low")
    at.text_input(key="auth_password").input("low-pass-123")
    next(b for b in at.button if b.label == "登录").click().run()
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == ["您的账号没有可查看的社区，请联系管理员。"]
    at.switch_page("views/party.py").run()
    assert [e.value for e in at.error] == ["您的账号没有可查看的社区，请联系管理员。"]
    assert any(b.label == "退出登录" for b in at.button)


def test_make_user_checks_community_ids_and_says_when_it_re_enables(data_copy, capsys, monkeypatch):
    import io

    from scripts import users as cli

    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # no password given: keep the old one

    assert cli.main(["add", "wang", "viewer", "--communities", "c02"]) == 1
    err = capsys.readouterr().err
    assert "社区编号“c02”不在数据中（是否指 C02？编号区分大小写）" in err
    assert users.find("wang") is None
    manage.disable(None, "vic")
    assert cli.main(["add", "vic", "viewer", "--communities", "C02"]) == 0
    out = capsys.readouterr().out
    assert "注意：用户 vic 此前已停用，现已重新启用。" in out
    assert list(audit.read()["event"][:2]) == ["user_enable", "user_change"]


# ---- lockout under concurrency ---------------------------------------------------------------
def test_parallel_logins_check_at_most_five_passwords(store_env, monkeypatch):
    checked: list[str] = []
    real = users.authenticate

    def slow(name, password, path=None):
        checked.append(password)
        time.sleep(0.05)  # argon2 takes about this long: the window the race needs
        return real(name, password, path)

    monkeypatch.setattr(users, "authenticate", slow)
    results: list[login.Result] = []
    guesses = [f"guess-{i}" for i in range(39)] + [PASSWORDS["vic"]]

    def attempt(password: str) -> None:
        results.append(login.attempt("vic", password))

    threads = [threading.Thread(target=attempt, args=(p,)) for p in guesses]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(checked) <= lockout.MAX_FAILURES
    assert len(results) == 40
    refused = [r for r in results if r.status.locked and not r.ok]
    assert len(refused) >= 40 - lockout.MAX_FAILURES


def test_the_right_password_after_four_wrong_still_logs_in(store_env):
    clock = Clock()
    lock = lockout.Lockout(clock)
    for _ in range(4):
        assert not login.attempt("vic", "wrong", lock).ok
    result = login.attempt("vic", PASSWORDS["vic"], lock)  # the fifth check: allowed
    assert result.ok and lock.count("vic") == 0


# ---- the state store -------------------------------------------------------------------------
def test_a_deleted_state_database_is_reopened_not_written_in_the_void(store_env):
    audit.record("a", "login")
    path = state.state_dir() / "state.db"
    for f in path.parent.glob("state.db*"):
        f.unlink()
    audit.record("b", "login")  # after `rm .state/state.db*` while serving
    with sqlite3.connect(path) as raw:
        rows = raw.execute("select user_name from auth_audit").fetchall()
    assert rows == [("b",)]


def test_a_replaced_state_database_ends_the_sessions_it_does_not_hold(store_env):
    token = sessions.start("vic")
    assert sessions.alive(token) == "vic"
    path = state.state_dir() / "state.db"
    fresh = path.with_name("fresh.db")
    sqlite3.connect(fresh).close()
    fresh.replace(path)  # a restore from an older backup, say
    assert sessions.alive(token) is None


def test_a_locked_state_store_says_so_within_seconds(data_copy, monkeypatch):
    monkeypatch.setattr(state, "BUSY_TIMEOUT_MS", 300)
    monkeypatch.setenv("GOVERNANCE_STATE_DIR", str(data_copy.parent / "locked-state"))
    users_path = data_copy.parent / "state" / "users.toml"
    monkeypatch.setenv("GOVERNANCE_USERS", str(users_path))
    state.ensure_schema()
    holder = sqlite3.connect(state.state_dir() / "state.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        at = tab()
        at.run()
        at.text_input(key="auth_name").input("vic")
        at.text_input(key="auth_password").input(PASSWORDS["vic"])
        started = time.monotonic()
        next(b for b in at.button if b.label == "登录").click().run()
        waited = time.monotonic() - started
    finally:
        holder.rollback()
        holder.close()
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == [
        "系统状态库暂时无法访问（可能被其他程序锁定或磁盘已满），请稍后刷新重试；数据未受影响。"
    ]
    assert waited < 30  # the old busy timeout alone was 30 s


def test_parallel_logins_check_at_most_five_passwords_on_both_stores(
    state_backend, tmp_path, monkeypatch
):
    # PostgreSQL's READ COMMITTED needs the per-name advisory lock SQLite's BEGIN IMMEDIATE
    # gives for free: the same race on both back ends.
    monkeypatch.setenv("GOVERNANCE_USERS", str(tmp_path / "users.toml"))
    users.upsert("vic", "viewer", (), password=PASSWORDS["vic"])
    checked: list[str] = []
    real = users.authenticate

    def slow(name, password, path=None):
        checked.append(password)
        time.sleep(0.05)
        return real(name, password, path)

    monkeypatch.setattr(users, "authenticate", slow)
    threads = [
        threading.Thread(target=login.attempt, args=("vic", f"guess-{i}")) for i in range(20)
    ]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(checked) == lockout.MAX_FAILURES  # twenty wrong guesses: exactly five checked
    assert lockout.Lockout().status("vic").locked


# ---- found by attacking the check: what the callback reads after it ----------------------------
def test_an_admin_demoted_while_confirming_cannot_delete_anothers_private_scenario(data_copy):
    from governance.whatif.saved import store

    store(user="vic").save("私有V", {"rate": "0.1"})
    at = log_in(tab(), "boss")
    saved_tab(at.switch_page("views/whatif/whatif.py"))
    label = next(o for o in at.selectbox(key="whatif_pick").options if o.startswith("私有V"))
    at.selectbox(key="whatif_pick").set_value(label).run()
    at.button(key="whatif_delete").click().run()  # asks for confirmation
    users.upsert("boss", "viewer", ())  # demoted before the confirmation
    at.button(key="whatif_delete_yes").click().run()
    assert not at.exception, at.exception
    assert "私有V" in store(user="vic").names()


def test_an_editor_scoped_while_the_page_is_open_cannot_commit_other_communities(data_copy):
    at = _ready_to_commit(log_in(tab(), "ed"), _outcomes_csv(data_copy, "V01", 1))
    users.upsert("ed", "editor", ("C02",))  # `make user ... COMMUNITIES=C02` meanwhile
    at.button(key="data_commit").click().run()
    assert Store(data_copy).current_version() is None
    assert refusals() == [{"user": "ed", "action": "commit", "reason": "scope"}]


def test_an_editor_scoped_while_the_page_is_open_cannot_roll_back(data_copy):
    at = _ready_to_commit(log_in(tab(), "ed"), _outcomes_csv(data_copy, "C02", 1))
    at.button(key="data_commit").click().run()
    at.selectbox(key="data_rb_version").set_value(1).run()
    at.checkbox(key="data_rb_confirm").check().run()
    users.upsert("ed", "editor", ("C02",))
    at.button(key="data_rb_go").click().run()
    assert Store(data_copy).current_version() == 2
    assert refusals() == [{"user": "ed", "action": "rollback", "reason": "scope"}]


def test_a_scoped_admin_cannot_take_over_a_town_wide_account(data_copy):
    users.upsert("adms", "admin", ("C02",), password="adms-pass-12")
    at = tab()
    at.run()
    at.text_input(key="auth_name").input("adms")
    at.text_input(key="auth_password").input("adms-pass-12")
    next(b for b in at.button if b.label == "登录").click().run()
    at.switch_page("views/users.py").run()
    at.text_input(key="users_add_name").input("boss")
    at.selectbox(key="users_add_role").set_value("admin")
    at.multiselect(key="users_add_communities").set_value(["C02"])
    at.text_input(key="users_add_password").input("Hijacked!123")
    next(b for b in at.button if b.label == "保存").click().run()
    assert not at.exception, at.exception
    boss = users.find("boss")
    assert boss.scope is None and users.authenticate("boss", "Hijacked!123") is None
    assert refusals() == [{"user": "adms", "action": "user_change", "reason": "scope"}]


def test_the_commit_check_sees_the_plan_re_made_after_another_commit(data_copy):
    store = Store(data_copy)
    frame = pd.read_parquet(data_copy / "outcomes.parquet")
    c02 = frame[(frame["community_id"] == "C02") & (frame["quarter"].astype(str) == "2011-10-01")]
    plan = store.plan({"outcomes": c02.assign(petitions=c02["petitions"] + 1)})
    v01 = frame[(frame["community_id"] == "V01") & (frame["quarter"].astype(str) == "2011-10-01")]
    store.commit(store.plan({"outcomes": v01.assign(petitions=v01["petitions"] + 5)}))
    seen: list = []

    def refuse(final) -> None:
        seen.append(final.base_version)
        raise guard.WriteRefused("commit", "scope", "zed", "editor")

    with pytest.raises(guard.WriteRefused):
        store.commit(plan, who="zed", check=refuse)
    assert seen == [2]  # judged on the plan re-made onto version 2, not the preview's
    assert store.current_version() == 2  # and nothing written
