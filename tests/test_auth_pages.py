"""Access through Streamlit's AppTest: who sees which page and widget, and a scoped user's view.

Login is on (GOVERNANCE_AUTH=local) with a users file built here: an admin, an editor and a
viewer for the whole town, and a viewer scoped to 芦苑社区 (C02). A scoped viewer's every page,
with the bytes of every download built in the test, is scanned for any other community's id
or name (Chinese and English).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.testing.v1 import AppTest

from governance.auth import audit, users
from governance.i18n import t
from tests.apptest_support import open_section
from tests.fixtures.auth import (
    APP,
    OWN,
    PASSWORDS,
    VIEWER_PAGES,
    VIEWS,
    log_in,
    open_path,
    page_bytes,
)


# ---- anonymous -----------------------------------------------------------------------------
def test_anonymous_sees_the_login_form_only(app):
    app.query_params["c"] = "C01"
    app.run()
    assert not app.exception
    assert [t.value for t in app.title] == ["四个平台 治理驾驶舱 · 登录"]
    assert [i.label for i in app.text_input] == ["用户名", "密码"]
    assert len(app.sidebar.children) == 0, "no sidebar before login"
    assert not app.metric and not app.dataframe and not app.selectbox and not app.multiselect
    # The only page is the login form (also standing at every page's URL): no page file runs.
    assert app._registered_pages
    assert not any(i.get("script_path") for i in app._registered_pages.values())
    open_path(app, "party")
    assert [t.value for t in app.title] == ["四个平台 治理驾驶舱 · 登录"] and not app.metric
    body = page_bytes(app)
    for name in ("海港社区", "芦苑社区", "C01", "C02"):
        assert name.encode() not in body


def test_wrong_password_says_how_many_attempts_are_left_and_records_it(app):
    log_in(app, "vic", "wrong-password")
    assert [e.value for e in app.error] == [
        "用户名或密码不正确（还可尝试 4 次，之后账号将锁定 15 分钟）。"
    ]
    assert app.text_input(key="auth_name").value == "vic"
    assert not app.metric
    assert list(audit.read()["event"]) == ["login_failed"]


def test_five_wrong_passwords_lock_even_the_right_one(app):
    app.run()
    for _ in range(5):
        app.text_input(key="auth_name").input("vic")
        app.text_input(key="auth_password").input("wrong-password")
        next(b for b in app.button if b.label == "登录").click().run()
    assert [e.value for e in app.error] == ["登录失败次数过多，账号已锁定，请 15 分钟后再试。"]
    app.text_input(key="auth_password").input(PASSWORDS["vic"])
    next(b for b in app.button if b.label == "登录").click().run()
    assert "已锁定" in app.error[0].value and not app.metric


# ---- each role -----------------------------------------------------------------------------
def registered(at: AppTest) -> dict[str, bool]:
    """URL path -> whether it runs a page file (True) or the 无权限 stand-in (False)."""
    return {
        (info.get("url_pathname") or "overview"): bool(info.get("script_path"))
        for info in at._registered_pages.values()
    }


@pytest.mark.parametrize(
    ("name", "role_zh", "scope_zh", "opens"),
    [
        ("vic", "查看者", "全镇", set(VIEWER_PAGES)),
        ("lu", "查看者", "芦苑社区", set(VIEWER_PAGES)),
        ("ed", "编辑者", "全镇", set(VIEWER_PAGES) | {"data"}),
        ("boss", "管理员", "全镇", set(VIEWS)),
    ],
)
def test_each_role_gets_exactly_its_pages_and_a_header(app, name, role_zh, scope_zh, opens):
    log_in(app, name)
    assert not app.error, [e.value for e in app.error]
    assert app.caption[0].value == f"{name} · {role_zh} · {scope_zh}"
    assert any(b.label == "退出登录" for b in app.button)
    pages = registered(app)
    assert {p for p, real in pages.items() if real} == opens
    for page in set(VIEWS) - opens:
        open_path(app, page)
        assert [e.value for e in app.error] == [f"无权限：您的角色（{role_zh}）不能打开此页面。"], (
            page
        )
        assert not app.dataframe and not app.metric and not app.file_uploader


def test_admin_users_page_lists_adds_and_disables_and_audits(app):
    log_in(app, "boss")
    open_path(app, "users")
    assert not app.error and app.title[0].value == "用户管理"
    listed = app.dataframe[0].value
    assert list(listed["用户名"]) == ["boss", "ed", "lu", "vic"]
    assert "password_hash" not in " ".join(listed.columns) and "$argon2" not in listed.to_csv()
    assert listed.set_index("用户名").loc["lu", "社区范围"] == "芦苑社区"
    app.text_input(key="users_add_name").input("zhao")
    app.selectbox(key="users_add_role").set_value("editor")
    app.multiselect(key="users_add_communities").set_value(["C03"])
    app.text_input(key="users_add_password").input("zhao-pass-1")
    next(b for b in app.button if b.label == "保存").click().run()
    assert [s.value for s in app.success] == ["已添加用户 zhao。"]
    zhao = users.find("zhao")
    assert zhao.role == "editor" and zhao.communities == ("C03",)
    app.selectbox(key="users_disable_pick").set_value("vic")
    next(b for b in app.button if b.label == "停用").click().run()
    assert users.find("vic").disabled
    log = audit.read()
    assert list(log["event"][:3]) == ["user_disable", "user_add", "login"]
    assert set(log["user"][:3]) == {"boss"}
    assert json.loads(log["detail"][1]) == {
        "communities": ["C03"],
        "email": "",
        "name": "zhao",
        "role": "editor",
    }
    # the page's audit table reads the detail in words, not as the JSON it is kept as
    shown = next(d.value for d in app.dataframe if "详情" in d.value.columns)
    row = shown[shown["事件"] == "添加用户"].iloc[0]
    assert row["详情"] == "用户：zhao；角色：编辑者；可见社区：新港社区；邮箱：—"  # C03
    assert shown[shown["事件"] == "停用用户"].iloc[0]["详情"] == "用户：vic"


def test_a_disabled_user_is_logged_out_on_the_next_interaction(app):
    log_in(app, "vic")
    assert app.metric
    users.set_disabled("vic")
    app.run()
    assert [t.value for t in app.title] == ["四个平台 治理驾驶舱 · 登录"] and not app.metric


def test_logout_returns_to_the_login_form_and_is_recorded(app):
    log_in(app, "vic")
    next(b for b in app.button if b.label == "退出登录").click().run()
    assert [t.value for t in app.title] == ["四个平台 治理驾驶舱 · 登录"]
    assert not app.metric and len(app.sidebar.children) == 0
    assert list(audit.read()["event"][:2]) == ["logout", "login"]


# ---- a scoped viewer sees their community only ---------------------------------------------
def others(demo_dir: Path) -> dict[str, list[re.Pattern[bytes]]]:
    """For every community but OWN: its id (as a whole word: record ids such as AC01883 only
    look alike) and its names, as UTF-8 and as JSON escapes (Plotly's figures)."""
    df = pd.read_parquet(demo_dir / "communities.parquet")
    out = {}
    for row in df.itertuples():
        if row.community_id == OWN:
            continue
        # the id first, then what may not be before it: a pattern that starts with a literal
        # is scanned for that literal (30x faster over a workbook's XML than a lookbehind
        # tried at every byte: the scan was half of this module's time)
        cid = re.escape(row.community_id.encode())
        words = [cid + rb"(?<![A-Za-z0-9]" + cid + rb")(?![0-9])"]
        for name in (row.name_zh, row.name_en):
            words += [re.escape(name.encode()), re.escape(json.dumps(name).strip('"').encode())]
        out[row.community_id] = [re.compile(w) for w in words]
    return out


@pytest.fixture
def built_downloads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bytes]]:
    """Every download button's file, built when the button is drawn (not only on click)."""
    built: list[tuple[str, bytes]] = []
    original = DeltaGenerator.download_button

    def building(self, label, data, *args, **kwargs):
        payload = data() if callable(data) else data
        raw = payload.encode() if isinstance(payload, str) else bytes(payload)
        built.append((kwargs.get("file_name") or str(label), raw))
        return original(self, label, payload, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", building)
    monkeypatch.setattr(st, "download_button", lambda *a, **k: building(st._main, *a, **k))
    return built


def file_text(raw: bytes) -> bytes:
    """What a file says: an Office file (.xlsx, .pptx) is a zip of XML parts, so its parts are
    unzipped and read (its pictures are not text and would only match by chance)."""
    import io
    import zipfile

    if not raw.startswith(b"PK"):
        return raw
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        return b"".join(z.read(n) for n in z.namelist() if n.endswith((".xml", ".rels")))


# warm: a page's briefing files are the same deck for the same scope and filters on every page
# (keyed by them), built once rather than on each of the twenty pages
@pytest.mark.warm_caches
@pytest.mark.parametrize("page", VIEWER_PAGES)
@pytest.mark.parametrize("url_c", [None, OWN])
def test_scoped_viewer_page_and_downloads_hold_no_other_community(
    app, demo_dir, built_downloads, page, url_c
):
    if url_c:
        app.query_params["c"] = url_c
    log_in(app, "lu")
    open_path(app, page)
    assert not app.exception, app.exception
    assert not app.error, [e.value for e in app.error]
    body = page_bytes(app)
    assert len(body) > 2000, "the page drew something to scan"
    files = [(name, file_text(raw)) for name, raw in built_downloads]
    assert files, "the pages offer downloads, and they were built"
    for cid, words in others(demo_dir).items():
        for word in words:
            assert not word.search(body), f"{page}: {word.pattern!r} ({cid}) on the page"
            for name, raw in files:
                assert not word.search(raw), f"{page}: {word.pattern!r} ({cid}) in {name}"
    headers = [c.value for c in app.caption if c.value.startswith("数据截至")]
    assert all(h.endswith("范围：芦苑社区") for h in headers), headers  # never "范围：全镇"


RANKING = t("ov.ranking", "zh")  # the overview's ranking section (ui/sections.py)


def test_scoped_ranking_shows_own_rank_among_the_town(app):
    open_section(log_in(app, "lu"), "ov_section", RANKING)
    table = app.dataframe(key="ov_ranking").value
    assert list(table["社区"]) == ["芦苑社区"]
    overall = table.iloc[0, 1]
    assert overall.startswith("第") and overall.endswith("名/共7个"), overall
    # the same rank the whole-town ranking gives this community
    town = log_in(AppTest.from_file(APP, default_timeout=90), "vic")
    open_section(town, "ov_section", RANKING)
    ranking = town.dataframe(key="ov_ranking").value.set_index("社区")
    assert overall == f"第{int(ranking.loc['芦苑社区', '综合排名'])}名/共7个"


def test_a_url_naming_another_community_changes_nothing(app):
    plain = log_in(app, "lu")
    before = {m.label: m.value for m in plain.metric}
    other = AppTest.from_file(APP, default_timeout=90)
    other.query_params["c"] = ["C01", "C05"]
    log_in(other, "lu")
    assert [w.value for w in other.warning][:2] == [
        "链接参数有误，已使用默认值：链接中的社区“C01”不在您的权限范围内，已忽略。",
        "链接参数有误，已使用默认值：链接中的社区“C05”不在您的权限范围内，已忽略。",
    ]
    assert {m.label: m.value for m in other.metric} == before
    assert "C01" not in other.query_params.get("c", [])


# ---- off by default; a misconfiguration fails closed ----------------------------------------
def test_without_configuration_the_demo_opens_at_once(demo_dir, users_file, monkeypatch):
    monkeypatch.setenv("GOVERNANCE_DATA_DIR", str(demo_dir))
    monkeypatch.delenv("GOVERNANCE_AUTH", raising=False)
    at = AppTest.from_file(APP, default_timeout=90).run()
    assert not at.exception and not at.error
    assert at.title[0].value.startswith("总览") and at.metric
    assert not at.text_input and not any(b.label == "退出登录" for b in at.button)


def test_an_unknown_auth_mode_opens_nothing(demo_dir, users_file, monkeypatch):
    monkeypatch.setenv("GOVERNANCE_DATA_DIR", str(demo_dir))
    monkeypatch.setenv("GOVERNANCE_AUTH", "yes please")
    at = AppTest.from_file(APP, default_timeout=90).run()
    assert [e.value for e in at.error] == [
        "登录配置有误：GOVERNANCE_AUTH=“yes please”，应为 local、oidc 或 off。驾驶舱未打开。"
    ]
    assert not at.metric and not at.dataframe and len(at.sidebar.children) == 0


def test_the_login_page_switches_to_english_before_anyone_logs_in(app):
    app.run()
    assert [t.value for t in app.title] == ["四个平台 治理驾驶舱 · 登录"]
    app.radio(key="flt_lang").set_value("en").run()
    assert not app.exception, app.exception
    assert app.title[0].value != "四个平台 治理驾驶舱 · 登录"
    assert app.text_input(key="auth_name").label == t("common.user_name", "en")
    log_in_button = [b.label for b in app.button]
    assert t("auth.submit", "en") in log_in_button
    # and the choice holds after logging in: the dashboard opens in English
    app.text_input(key="auth_name").input("boss")
    app.text_input(key="auth_password").input(PASSWORDS["boss"])
    next(b for b in app.button if b.label == t("auth.submit", "en")).click().run()
    assert not app.exception, app.exception
    assert app.metric and app.radio(key="flt_lang").value == "en"
