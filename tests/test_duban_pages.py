"""督办 through Streamlit's AppTest with login on: who sees which items and forms, a write
refused at the moment it happens (a disabled editor's open page), the marks on the ranking
and the profile, and the page's numbers.

Users: an editor and a viewer for the whole town, an editor and a viewer scoped to 芦苑社区
(C02). Items: one for 海港社区 (C01) and one for 芦苑社区 (C02), created in the store.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.testing.v1 import AppTest

from governance.auth import audit, users
from governance.duban import rules, store
from tests.apptest_support import open_section

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PASSWORDS = {"ed": "editor-pass-1", "vic": "viewer-pass-1", "luv": "lu-view-1", "lue": "lu-edit-1"}
DAY = date(2011, 12, 26)  # the demo data's date: the day overdue days count to


@pytest.fixture
def app(demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("GOVERNANCE_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("GOVERNANCE_STATE_URL", raising=False)
    monkeypatch.setenv("GOVERNANCE_USERS", str(tmp_path / "state" / "users.toml"))
    monkeypatch.setenv("GOVERNANCE_DATA_DIR", str(demo_dir))
    monkeypatch.setenv("GOVERNANCE_AUTH", "local")
    users.upsert("ed", "editor", (), password=PASSWORDS["ed"])
    users.upsert("vic", "viewer", (), password=PASSWORDS["vic"])
    users.upsert("luv", "viewer", ("C02",), password=PASSWORDS["luv"])
    users.upsert("lue", "editor", ("C02",), password=PASSWORDS["lue"])
    return AppTest.from_file(APP, default_timeout=120)


@pytest.fixture
def items(app) -> dict[str, store.Item]:
    haigang = store.create(
        "ed",
        None,
        title="海港社区议题解决率整改",
        deadline=date(2011, 12, 14),  # 12 days overdue on the data's date
        unit_kind="committee",
        unit="C01",
        day=date(2011, 11, 1),
        subject="indicator",
        community="C01",
        indicator="issue_resolution_rate",
    )
    luyuan = store.create(
        "ed",
        None,
        title="芦苑社区物业费催缴",
        deadline=date(2012, 1, 5),  # 10 days left
        unit_kind="company",
        unit="P01",
        day=DAY,
        subject="indicator",
        community="C02",
        indicator="fee_collection_rate",
    )
    return {"C01": haigang, "C02": luyuan}


def log_in(at: AppTest, name: str) -> AppTest:
    at.run()
    at.text_input(key="auth_name").input(name)
    at.text_input(key="auth_password").input(PASSWORDS[name])
    next(b for b in at.button if b.label == "登录").click().run()
    assert not at.exception, at.exception
    return at


def open_duban(at: AppTest) -> AppTest:
    at.switch_page("views/duban/duban.py").run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    return at


def items_table(at: AppTest):
    """The page's table of items (a read-only st.dataframe has no widget key to look up)."""
    return next(d.value for d in at.dataframe if "事项" in d.value.columns)


def keys(at: AppTest) -> set[str]:
    return {b.key for b in at.button if b.key}


def test_the_town_sees_every_item_most_overdue_first_with_its_time(app, items):
    at = open_duban(log_in(app, "vic"))
    table = items_table(at)
    assert list(table["事项"]) == ["海港社区议题解决率整改", "芦苑社区物业费催缴"]
    assert list(table["时限"]) == ["逾期12天", "剩10天"]
    assert list(table["责任单位"]) == ["海港社区居委会", "甲物业"]
    counts = {m.label: m.value for m in at.metric}
    assert (counts["未办结"], counts["逾期"], counts["已办结"]) == ("2", "1", "0")
    assert "本数据截至2011-12-26（历史数据），逾期天数计至该日。" in [c.value for c in at.caption]


def test_a_viewer_reads_but_is_offered_no_form(app, items):
    at = open_duban(log_in(app, "vic"))
    assert not any("duban_assign" in k or k.startswith("duban_fb_btn") for k in keys(at))
    assert not [a for a in at.text_area if a.key and a.key.startswith("duban_fb_")]


def test_a_scoped_viewer_sees_only_their_communitys_items(app, items):
    at = open_duban(log_in(app, "luv"))
    table = items_table(at)
    assert list(table["事项"]) == ["芦苑社区物业费催缴"]
    assert "海港社区" not in table.to_string()
    assert "海港社区议题解决率整改" not in " ".join(e.label for e in at.expander)


def test_an_editor_adds_feedback_and_it_is_kept_and_audited(app, items):
    at = open_duban(log_in(app, "ed"))
    item_id = items["C02"].id
    at.text_area(key=f"duban_fb_{item_id}").input("已约谈甲物业，制定催缴计划")
    at.button(key=f"duban_fb_btn_{item_id}").click().run()
    assert not at.exception, at.exception
    kept = store.get(item_id, None)
    assert [s.text for s in kept.feedback] == ["已约谈甲物业，制定催缴计划"]
    assert kept.feedback[0].by == "ed" and kept.feedback[0].day == DAY
    assert f"第 {item_id} 项的反馈已记录。" in [s.value for s in at.success]
    events = audit.read()
    assert "duban_feedback" in set(events["event"])


def test_a_scoped_editor_cannot_write_on_another_communitys_item(app, items):
    at = open_duban(log_in(app, "lue"))
    assert f"duban_fb_btn_{items['C01'].id}" not in keys(at)  # not even listed
    assert f"duban_fb_btn_{items['C02'].id}" in keys(at)


def test_a_disabled_editors_open_page_cannot_write(app, items):
    at = open_duban(log_in(app, "ed"))
    item_id = items["C02"].id
    at.text_area(key=f"duban_fb_{item_id}").input("这条不应保存")
    users.set_disabled("ed")
    at.button(key=f"duban_fb_btn_{item_id}").click().run()
    assert store.get(item_id, None).feedback == ()
    refused = audit.read()
    assert "refused" in set(refused["event"])


def test_closing_from_the_page_needs_an_evaluation_and_records_who(app, items):
    at = open_duban(log_in(app, "ed"))
    item_id = items["C02"].id
    at.selectbox(key=f"duban_st_{item_id}").set_value(rules.CLOSED).run()
    at.selectbox(key=f"duban_eval_{item_id}").set_value("basically").run()
    at.button(key=f"duban_st_btn_{item_id}").click().run()
    assert not at.exception, at.exception
    kept = store.get(item_id, None)
    assert (kept.status, kept.evaluation, kept.closed_by, kept.closed_on) == (
        rules.CLOSED,
        "basically",
        "ed",
        DAY,
    )


def test_the_ranking_cell_and_the_profile_tile_carry_the_mark(app, items):
    at = open_section(log_in(app, "vic"), "ov_section", "社区 × 平台 排名")
    table = at.dataframe(key="ov_ranking").value.set_index("社区")
    assert table.loc["海港社区", "区域大党建"][-1] == "督办中·逾期12天"
    assert table.loc["芦苑社区", "长效管理"][-1] == "督办中·剩10天"
    assert len(table.loc["潮和社区", "长效管理"]) == 1  # no item: the light's label alone
    at.query_params["c"] = "C01"
    at.switch_page("views/profile.py").run()
    assert not at.exception, at.exception
    open_section(at, "profile_section", "区域大党建")  # the item is on a party indicator
    assert any(c.value.endswith("督办中·逾期12天") for c in at.caption)


def test_the_scoped_ledger_holds_only_their_items(app, items, monkeypatch):
    import io

    import openpyxl

    built: list[tuple[str, bytes]] = []
    original = DeltaGenerator.download_button

    def building(self, label, data, *args, **kwargs):
        payload = data() if callable(data) else data
        built.append((kwargs.get("file_name") or str(label), bytes(payload)))
        return original(self, label, payload, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", building)
    monkeypatch.setattr(st, "download_button", lambda *a, **k: building(st._main, *a, **k))
    open_duban(log_in(app, "luv"))
    ledgers = [(n, raw) for n, raw in built if n.startswith("督办台账")]
    assert [n for n, _ in ledgers] == ["督办台账_芦苑社区_2011-12-26.xlsx"]
    book = openpyxl.load_workbook(io.BytesIO(ledgers[0][1]))
    text = " ".join(str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value)
    assert "芦苑社区物业费催缴" in text and "海港社区" not in text


def test_the_sidebars_communities_narrow_the_page_as_on_every_page(app, items):
    at = open_duban(log_in(app, "vic"))
    at.session_state["flt_communities"] = ["C02"]
    at.run()
    assert not at.exception, at.exception
    assert list(items_table(at)["事项"]) == ["芦苑社区物业费催缴"]
    counts = {m.label: m.value for m in at.metric}
    assert (counts["未办结"], counts["逾期"]) == ("1", "0")
