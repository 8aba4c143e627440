"""The joint meetings on screen (AppTest): the 会议 page records one with the filters in force,
the overview opens with 上次会议以来, presentation mode and the briefing carry it as the slide
after the title; viewers cannot record, a scoped user sees only their meetings."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from governance import db
from governance.auth import audit, users
from governance.briefing import content
from governance.filters import Filters
from governance.meetings import snapshot, store
from tests.fixtures.auth import APP, PASSWORDS, log_in

SEPT = date(2011, 9, 26)  # a meeting on the data's 2011Q3


@pytest.fixture
def demo(demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GOVERNANCE_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("GOVERNANCE_STATE_URL", raising=False)
    monkeypatch.setenv("GOVERNANCE_USERS", str(tmp_path / "state" / "users.toml"))
    folder = tmp_path / "data"
    shutil.copytree(demo_dir, folder)
    monkeypatch.setenv("GOVERNANCE_DATA_DIR", str(folder))
    return folder


def september(folder: Path, communities: tuple[str, ...] = (), scope=None) -> store.Meeting:
    """The 2011Q3 meeting, recorded as `make meeting DATE=2011-09-26` does."""
    con = db.connect(folder)
    try:
        f = Filters(date(2009, 10, 1), date(2011, 7, 1), communities)
        snap = snapshot.take(content.db_runner(con, db.WHOLE_TOWN), f, scope)
    finally:
        con.close()
    return store.record("cli:ops", scope, SEPT, None, f, "", snap)


def test_without_a_meeting_the_overview_says_so_and_points_to_the_page(demo):
    at = AppTest.from_file(APP, default_timeout=90).run()
    assert not at.exception, at.exception
    assert "还没有" in " ".join(t.value for t in at.text)
    assert any("会议" in p.label for p in at.get("page_link"))


def test_the_overview_opens_with_what_changed_since_the_last_meeting(demo):
    september(demo)
    at = AppTest.from_file(APP, default_timeout=90).run()
    assert not at.exception, at.exception
    heads = [m.value for m in at.markdown]
    assert "**上次会议（2011年9月26日 · 社区管理联席会议）以来**" in heads
    sentences = [t.value for t in at.text]
    assert sentences[0].startswith("上次会议（2011年9月26日）以来")
    table = next(d.value for d in at.dataframe if "上次会议时" in d.value.columns)
    assert len(table) == 11  # the seven outcomes and the four headline indicators
    assert "物业费收缴率" in set(table["指标"])


def test_recording_on_the_page_is_audited_and_becomes_the_latest(demo):
    at = AppTest.from_file(APP, default_timeout=90).run()
    at.switch_page("views/meetings/meetings.py").run()
    assert "还没有记录任何会议" in at.info[0].value
    # a past meeting of the data's years can be chosen: the browser puts a day before the
    # widget's minimum back (Streamlit's default: ten years before today, so 2011 became today)
    day = at.date_input(key="meet_date")
    assert (day.proto.min, day.proto.max) == ("2000-01-01", "2100-12-31")
    at.text_input(key="meet_title").input("四季度联席会议")
    at.text_area(key="meet_notes").input("出席：镇党委、各社区书记")
    next(b for b in at.button if b.label == "记录会议").click().run()
    assert not at.exception, at.exception
    assert next(s.value for s in at.success).startswith("已记录第 1 号会议")
    # the meeting is then shown whole, down to its briefing again: no "页面出错" (its download
    # keys were the page header's: a duplicate key the shell caught and said as an error)
    assert [e.value for e in at.error] == []
    keys = [b.proto.id for b in at.get("download_button")]
    assert sum("meet_past_briefing_" in k for k in keys) == 3, keys
    [m] = store.list_for(None)
    assert m.title == "四季度联席会议" and m.notes == "出席：镇党委、各社区书记"
    # recorded without a login (the demo): said in words, not "-"
    assert any("（未登录：演示或命令行）" in c.value for c in at.caption)
    assert m.snapshot["period_to"] == "2011-10-01"
    assert list(audit.read()["event"][:1]) == ["meeting_record"]
    # the same quarter as the data: nothing has moved since
    assert any("数据" in t.value for t in at.text)


def test_presentation_mode_and_the_briefing_carry_the_since_slide_after_the_title(demo):
    september(demo)
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["present"] = "1"
    at.query_params["slide"] = "2"
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value.startswith("上次会议（2011年9月26日")
    assert any(b.label == "记录本次会议" for b in at.button)  # from the projector's flow
    at.query_params["slide"] = "3"
    at.run()
    assert at.title[0].value == "成效：三降四升"  # the outcomes, one slide later


def test_a_viewer_cannot_record_and_a_scoped_user_sees_only_their_meetings(demo, monkeypatch):
    monkeypatch.setenv("GOVERNANCE_AUTH", "local")
    users.upsert("vic", "viewer", (), password=PASSWORDS["vic"])
    users.upsert("lu", "viewer", ("C02",), password=PASSWORDS["lu"])
    september(demo)  # the town's
    own = september(demo, ("C02",), scope=("C02",))  # recorded by a C02 official
    vic = log_in(AppTest.from_file(APP, default_timeout=90), "vic")
    vic.switch_page("views/meetings/meetings.py").run()
    assert not vic.exception, vic.exception
    assert not any(b.label == "记录会议" for b in vic.button)
    assert len(vic.selectbox(key="meet_pick").options) == 2
    lu = log_in(AppTest.from_file(APP, default_timeout=90), "lu")
    lu.switch_page("views/meetings/meetings.py").run()
    assert lu.selectbox(key="meet_pick").options == [
        f"第 {own.id} 号 · 2011年9月26日 · 社区管理联席会议"
    ]


def test_a_change_of_definition_since_the_meeting_is_said_in_the_digest(demo):
    from governance import events

    september(demo)
    known = ("C01", "C02", "C03", "C04", "C05", "C06", "C07", "V01")
    events.add_event(
        events.Draft(date(2011, 11, 1), category="definition", text="收缴率改按户数计"),
        "ed",
        known,
        db.WHOLE_TOWN,
    )
    events.add_event(
        events.Draft(date(2011, 8, 1), category="definition", text="会前"),
        "ed",
        known,
        db.WHOLE_TOWN,
    )
    at = AppTest.from_file(APP, default_timeout=90).run()
    assert not at.exception, at.exception
    assert "其间有 1 项口径调整，见注。" in [t.value for t in at.text]  # not the one before


def test_a_disabled_editors_open_page_cannot_record_a_meeting(demo, monkeypatch):
    from governance.auth import manage

    monkeypatch.setenv("GOVERNANCE_AUTH", "local")
    users.upsert("ed", "editor", (), password=PASSWORD_ED)
    at = log_in(AppTest.from_file(APP, default_timeout=90), "ed", PASSWORD_ED)
    at.switch_page("views/meetings/meetings.py").run()
    manage.disable(None, "ed")
    next(b for b in at.button if b.label == "记录会议").click().run()
    assert not at.exception, at.exception
    assert store.list_for(None) == []
    # a form runs in the script, after the gate: the tab is back at the login form
    assert [t.value for t in at.title] == ["四个平台 治理驾驶舱 · 登录"]


PASSWORD_ED = "editor-pass-1"


def test_todays_meeting_is_not_its_own_last_meeting(demo):
    from ui import since

    old = september(demo)
    today = store.record(
        "ed",
        None,
        date(2026, 12, 6),
        None,
        Filters(date(2010, 1, 1), date(2011, 10, 1)),
        "",
        {"communities": [], "period_to": "2011-10-01", "indicators": {}},
    )
    listed = store.list_for(None)
    assert [m.id for m in listed] == [today.id, old.id]
    assert since.chosen_id(listed, today=date(2026, 12, 6)) == old.id  # in progress
    assert since.chosen_id(listed, today=date(2026, 12, 7)) == today.id  # the next day
    assert since.chosen_id(listed[:1], today=date(2026, 12, 6)) is None
