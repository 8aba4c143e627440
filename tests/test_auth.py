"""Access, plain Python: hashing, the users file, lockout timing, the audit log, the scope."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pandas as pd
import pytest

from governance.auth import audit, login, passwords, roles, scope, sessions, users
from governance.auth.lockout import LOCK_S, WINDOW_S, Lockout


class Clock:
    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(autouse=True)
def _own_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GOVERNANCE_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("GOVERNANCE_STATE_URL", raising=False)
    monkeypatch.setenv("GOVERNANCE_USERS", str(tmp_path / "state" / "users.toml"))
    return tmp_path


# ---- passwords -------------------------------------------------------------------------------
@pytest.mark.fresh_hashes  # two hashes of one password, each with its own salt
def test_hash_is_argon2id_salted_and_verifies_only_the_password():
    h1 = passwords.hash_password("correct horse")
    h2 = passwords.hash_password("correct horse")
    assert h1.startswith("$argon2id$")
    assert h1 != h2  # a fresh salt each time
    assert "correct horse" not in h1
    assert passwords.verify_password(h1, "correct horse")
    assert not passwords.verify_password(h1, "correct horsE")
    assert not passwords.verify_password("not a hash", "correct horse")
    assert not passwords.verify_password("", "")


def test_short_password_refused_in_chinese():
    with pytest.raises(passwords.WeakPasswordError, match="至少 8 个字符"):
        passwords.hash_password("short")


# ---- users file ------------------------------------------------------------------------------
def test_users_file_round_trip_keeps_every_field_and_no_plaintext(tmp_path: Path):
    path = users.users_file()
    wang, new = users.upsert("wang", "viewer", ("C01", "C03"), password="pass-wang-1")
    assert new and wang.scope == ("C01", "C03")
    users.upsert("li", "admin", (), password="pass-li-12", email="Li@Town.gov.cn")
    loaded = users.load(path)
    assert set(loaded) == {"wang", "li"}
    assert loaded["wang"] == wang
    assert loaded["li"].email == "li@town.gov.cn"
    assert loaded["li"].scope is None
    text = path.read_text(encoding="utf-8")
    assert "pass-wang-1" not in text and "pass-li-12" not in text
    doc = tomllib.loads(text)
    assert doc["users"]["wang"]["communities"] == ["C01", "C03"]
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert not list(path.parent.glob(".users-*"))  # no temporary file left behind


def test_change_keeps_hash_unless_a_password_is_given_and_disable_blocks_login():
    first, _ = users.upsert("wang", "viewer", ("C01",), password="pass-wang-1")
    changed, new = users.upsert("wang", "editor", ())
    assert not new and changed.role == "editor" and changed.scope is None
    assert changed.password_hash == first.password_hash and changed.created == first.created
    assert users.authenticate("wang", "pass-wang-1") is not None
    users.set_disabled("wang")
    assert users.load()["wang"].disabled
    assert users.authenticate("wang", "pass-wang-1") is None
    users.upsert("wang", "viewer", (), password="another-pass")
    assert users.authenticate("wang", "another-pass") is not None
    assert users.authenticate("wang", "pass-wang-1") is None


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: users.upsert("王 五", "viewer", (), password="12345678"), "用户名"),
        (lambda: users.upsert("wang", "boss", (), password="12345678"), "角色"),
        (lambda: users.upsert("wang", "viewer", ("C01;drop",), password="12345678"), "社区编号"),
        (lambda: users.upsert("wang", "viewer", ()), "需要密码"),
        (lambda: users.set_disabled("nobody"), "没有名为"),
    ],
)
def test_bad_user_input_gets_a_chinese_message(call, message):
    with pytest.raises(users.UserError, match=message):
        call()


def test_broken_users_file_is_named_in_the_message():
    path = users.users_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[users.wang]\nrole = 'pope'\n", encoding="utf-8")
    with pytest.raises(users.UserError, match=r"wang.*角色"):
        users.load()
    path.write_text("not = [toml", encoding="utf-8")
    with pytest.raises(users.UserError, match="无法读取"):
        users.load()


def test_parse_communities():
    assert users.parse_communities(" C01, C03,,C01 ") == ("C01", "C03")
    assert users.parse_communities("") == ()


# ---- lockout ---------------------------------------------------------------------------------
def test_five_failures_in_fifteen_minutes_lock_for_fifteen_minutes():
    users.upsert("wang", "viewer", (), password="pass-wang-1")
    clock = Clock()
    lock = Lockout(clock)
    for i in range(4):
        r = login.attempt("wang", "wrong", lock)
        assert not r.ok and not r.status.locked and r.attempts_left == 4 - i
        clock.advance(60)
    r = login.attempt("wang", "wrong", lock)  # the fifth, at +4 min
    assert r.status.locked and r.status.wait_s == LOCK_S and r.status.wait_minutes == 15
    clock.advance(10 * 60)
    r = login.attempt("wang", "pass-wang-1", lock)  # right password, still locked
    assert not r.ok and r.status.locked and r.status.wait_minutes == 5
    assert lock.count("wang") == 5  # attempts while locked are not counted
    clock.advance(5 * 60 - 1)
    assert lock.status("wang").locked
    clock.advance(1)
    r = login.attempt("wang", "pass-wang-1", lock)
    assert r.ok and lock.count("wang") == 0


def test_failures_spread_over_more_than_the_window_do_not_lock():
    lock = Lockout(clock := Clock())
    for _ in range(8):
        lock.record_failure("li")
        clock.advance(WINDOW_S / 4 + 1)  # never five inside fifteen minutes
    assert not lock.status("li").locked


def test_lockout_is_shared_by_separate_lockout_objects():
    # Two replicas are two Lockout objects on one store: the count is the store's, not theirs.
    clock = Clock()
    a, b = Lockout(clock), Lockout(clock)
    for i in range(5):
        (a if i % 2 else b).record_failure("wang")
    assert a.status("wang").locked and b.status("wang").locked
    assert not a.status("zhao").locked


def test_unknown_name_counts_and_locks_like_a_real_one():
    lock = Lockout(Clock())
    for _ in range(5):
        r = login.attempt("ghost", "whatever", lock)
    assert r.status.locked


# ---- audit -----------------------------------------------------------------------------------
def test_audit_records_logins_in_order_with_time_user_and_detail():
    users.upsert("wang", "viewer", (), password="pass-wang-1")
    clock = Clock(1_700_000_000.0)  # 2023-11-14 22:13:20 UTC
    lock = Lockout(clock)
    login.attempt("wang", "nope", lock)
    clock.advance(5)
    login.attempt("wang", "pass-wang-1", lock)
    audit.record("wang", "import", {"table": "outcomes", "rows": 3}, clock=clock)
    audit.record(None, "commit", "v2")
    log = audit.read()
    assert list(log["event"]) == ["commit", "import", "login", "login_failed"]
    assert list(log["user"]) == ["-", "wang", "wang", "wang"]
    assert log["time"].iloc[3] == "2023-11-14 22:13:20"
    assert log["time"].iloc[2] == "2023-11-14 22:13:25"
    assert log["detail"].iloc[1] == '{"rows": 3, "table": "outcomes"}'
    assert list(audit.read(user="-")["event"]) == ["commit"]


def test_audit_has_no_update_or_delete():
    names = {n for n in dir(audit) if not n.startswith("_")}
    assert {"record", "read"} <= names
    assert not names & {"update", "delete", "clear", "remove"}


# ---- sessions (reload keeps the login) -------------------------------------------------------
def test_session_token_resumes_until_logout_or_idle():
    clock = Clock()
    token = sessions.start("wang", clock)
    assert len(token) >= 40
    assert sessions.resume(token, clock) == "wang"
    assert sessions.resume(token + "x", clock) is None
    clock.advance(sessions.IDLE_S + 1)
    assert sessions.resume(token, clock) is None  # idle too long
    token = sessions.start("wang", clock)
    sessions.end(token)
    assert sessions.resume(token, clock) is None


# ---- roles and scope -------------------------------------------------------------------------
def pages_for(role: str, pages: tuple[str, ...]) -> frozenset[str]:
    """Of ``pages``, those ``role`` may open."""
    return frozenset(p for p in pages if roles.may_open(role, p))


def test_roles_open_nested_page_sets():
    pages = ("overview", "party", "whatif", "present", "data", "users")
    viewer, editor, admin = (pages_for(r, pages) for r in roles.ROLES)
    assert viewer == {"overview", "party", "whatif", "present"}
    assert editor == viewer | {"data"}
    assert admin == editor | {"users"}
    assert pages_for("nobody", pages) == frozenset()
    assert not roles.may_open("", "overview")


def test_scoped_params_cut_communities_and_force_the_scope():
    params = {"communities": ["C01", "C02", "C03"], "scope": ["C02"], "period_from": 1}
    got = scope.scoped_params({"communities", "period_from"}, params, ("C01", "C03"))
    assert got == {"communities": ["C01", "C03"], "scope": ["C01", "C03"], "period_from": 1}
    town = scope.scoped_params({"scope"}, {"scope": ["C02"]}, None)
    assert town == {"scope": None}  # a caller cannot narrow or widen: the user's scope wins
    assert scope.scoped_params({"communities"}, {"communities": ["C02"]}, ("C01",)) == {
        "communities": []
    }


def test_split_requested_and_own_ranks():
    assert scope.split_requested(["C02", "C05"], ("C05",)) == (["C05"], ["C02"])
    assert scope.split_requested(["C02"], None) == (["C02"], [])
    ranked = pd.DataFrame({"community_id": ["C01", "C02", "C03"], "overall_rank": [1.0, 2.0, None]})
    mine = scope.own_ranks(ranked, ("C02",), "overall_rank")
    assert mine.to_dict("records") == [{"community_id": "C02", "overall_rank": 2.0, "n": 2}]
    assert len(scope.own_ranks(ranked, None, "overall_rank")) == 3


# ---- turning it on -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("env", "secrets", "expected"),
    [
        (None, None, "off"),
        ("", "[server]\nx = 1\n", "off"),
        (None, '[auth]\nclient_id = "x"\n', "oidc"),
        ("off", '[auth]\nclient_id = "x"\n', "off"),
        ("local", '[auth]\nclient_id = "x"\n', "local"),
        ("LOCAL ", None, "local"),
        ("oidc", None, "oidc"),
        ("yes", None, "invalid"),
    ],
)
def test_auth_mode_from_environment_and_secrets(tmp_path, monkeypatch, env, secrets, expected):
    from ui import auth as ui_auth

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(ui_auth, "_SECRETS", (Path(".streamlit") / "secrets.toml",))
    if env is None:
        monkeypatch.delenv("GOVERNANCE_AUTH", raising=False)
    else:
        monkeypatch.setenv("GOVERNANCE_AUTH", env)
    if secrets is not None:
        (tmp_path / ".streamlit").mkdir()
        (tmp_path / ".streamlit" / "secrets.toml").write_text(secrets, encoding="utf-8")
    assert ui_auth.mode() == expected


# ---- the command line ------------------------------------------------------------------------
def test_cli_adds_from_stdin_lists_without_hashes_disables_and_audits(monkeypatch, capsys):
    import io

    from scripts import users as cli

    monkeypatch.setattr("sys.stdin", io.StringIO("wang-pass-1\n"))
    assert cli.main(["add", "wang", "viewer", "--communities", "C01,C03"]) == 0
    assert "已添加用户 wang：角色 viewer，范围 C01,C03" in capsys.readouterr().out
    assert users.authenticate("wang", "wang-pass-1") is not None
    assert cli.main(["list"]) == 0
    listed = capsys.readouterr().out
    assert "wang" in listed and "C01,C03" in listed and "argon2" not in listed
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert cli.main(["add", "li", "admin"]) == 1
    assert "密码太短" in capsys.readouterr().err and users.find("li") is None
    assert cli.main(["disable", "wang"]) == 0 and users.find("wang").disabled
    log = audit.read()
    assert list(log["event"]) == ["user_disable", "user_add"]
    assert log["user"].iloc[0].startswith("cli:")


def test_audit_details_read_in_words_in_both_languages():
    commit = '{"file": "o.csv", "mode": "replace", "tables": ["outcomes"], "version": 3}'
    zh = "版本：3；文件：o.csv；方式：整表替换；数据表：三降四升成效指标"
    assert audit.detail_words(commit, "zh") == zh
    assert audit.detail_words(commit, "en") == (
        "version: 3; file: o.csv; mode: Replace the table; tables: Outcome indicators"
    )
    everywhere = '{"communities": [], "name": "wang", "password": "changed", "role": "admin"}'
    assert (
        audit.detail_words(everywhere) == "用户：wang；角色：管理员；可见社区：全镇；密码：已修改"
    )
    assert audit.detail_words('{"wait_s": 299.6}') == "需等待：300 秒"
    assert audit.detail_words("纯文本 {x}") == "纯文本 {x}"  # not an object: as recorded
    assert audit.detail_words('{"new_key": 1}', "en") == "new_key: 1"
