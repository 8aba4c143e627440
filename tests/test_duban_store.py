"""督办 items in the state store (governance/duban/store.py): what a write needs (退回 a
reason, 办结 an evaluation), that a closed item stays closed, scope (a scoped user neither sees
nor writes another community's item, nor the town's), the audit log, and two processes
writing on one item at once (every feedback kept, one close of two)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from governance.auth import audit
from governance.duban import store
from governance.duban.store import DubanError

ROOT = Path(__file__).resolve().parent.parent
DAY = date(2011, 12, 26)


@pytest.fixture
def state_dir(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "state"
    monkeypatch.setenv("GOVERNANCE_STATE_DIR", str(folder))
    monkeypatch.delenv("GOVERNANCE_STATE_URL", raising=False)
    return folder


def new(community: str | None = "C01", **kw) -> store.Item:
    values = {
        "title": "楼道堆物清理",
        "deadline": date(2012, 1, 31),
        "unit_kind": "committee" if community else "text",
        "unit": community or "镇文明办",
        "day": DAY,
        "community": community,
    }
    values.update(kw)
    return store.create("wang", None, **values)


def refused(key: str, call, *args, **kw) -> DubanError:
    with pytest.raises(DubanError) as err:
        call(*args, **kw)
    assert err.value.key == key
    return err.value


def test_returned_needs_a_reason_and_closed_an_evaluation(state_dir):
    item = new()
    err = refused(
        "duban.err.reason_missing", store.change_status, "li", None, item.id, "returned", DAY
    )
    assert str(err) == "退回须写明原因。"
    refused(
        "duban.err.reason_missing",
        store.change_status,
        "li",
        None,
        item.id,
        "returned",
        DAY,
        reason="  ",
    )
    err = refused(
        "duban.err.evaluation_missing", store.change_status, "li", None, item.id, "closed", DAY
    )
    assert str(err) == "办结须选择评价：满意、基本满意或不满意。"
    refused(
        "duban.err.evaluation_missing",
        store.change_status,
        "li",
        None,
        item.id,
        "closed",
        DAY,
        evaluation="good",
    )
    assert store.get(item.id, None).status == "assigned"  # nothing written by a refusal
    back = store.change_status("li", None, item.id, "returned", DAY, reason="未附照片")
    assert (back.status, back.reason, back.steps[-1].text) == ("returned", "未附照片", "未附照片")
    done = store.change_status("li", None, item.id, "closed", DAY, evaluation="basically")
    assert (done.status, done.evaluation, done.closed_by, done.closed_on) == (
        "closed",
        "basically",
        "li",
        DAY,
    )
    assert not done.open and done.days_overdue(date(2013, 1, 1)) == 0


def test_a_closed_item_stays_closed(state_dir):
    item = new()
    store.change_status("li", None, item.id, "closed", DAY, evaluation="satisfied")
    for status in ("assigned", "in_progress", "reported", "returned", "closed"):
        err = refused(
            "duban.err.move",
            store.change_status,
            "li",
            None,
            item.id,
            status,
            DAY,
            reason="x",
            evaluation="satisfied",
        )
        assert str(err).startswith("事项当前为“已办结”，不能改为")
    # feedback is still taken on a closed item (what was checked afterwards)
    assert store.add_feedback("li", None, item.id, "回访：已清理", DAY).status == "closed"


def test_a_deadline_before_today_is_refused(state_dir):
    err = refused("duban.err.deadline_past", new, deadline=date(2011, 12, 25))
    assert str(err) == "截止日期不能早于今天（2011-12-26）。"
    assert new(deadline=DAY).deadline == DAY  # today itself is allowed


def test_a_scoped_user_sees_and_writes_only_their_communities(state_dir):
    c01, c02, town = new("C01"), new("C02"), new(None)
    mine = ("C01",)
    assert [i.id for i in store.list_for(mine)] == [c01.id]
    assert {i.id for i in store.list_for(None)} == {c01.id, c02.id, town.id}
    assert store.list_for(()) == []
    assert store.get(c01.id, mine).id == c01.id
    assert store.get(c02.id, mine) is None
    assert store.get(town.id, mine) is None  # the town's item is no community's
    for other in (c02, town):
        err = refused("duban.err.not_found", store.add_feedback, "zhao", mine, other.id, "x", DAY)
        assert str(err) == f"没有编号为 {other.id} 的督办事项。"  # as if it did not exist
        refused(
            "duban.err.not_found",
            store.change_status,
            "zhao",
            mine,
            other.id,
            "closed",
            DAY,
            evaluation="satisfied",
        )
    assert store.get(c02.id, None).steps[-1].kind == "created"  # untouched
    with pytest.raises(DubanError) as err:
        store.create(
            "zhao",
            mine,
            title="x",
            deadline=DAY,
            unit_kind="text",
            unit="x",
            day=DAY,
            community="C02",
        )
    assert err.value.key == "duban.err.scope"
    with pytest.raises(DubanError):
        store.create("zhao", mine, title="x", deadline=DAY, unit_kind="text", unit="x", day=DAY)


def test_every_write_is_on_the_audit_log(state_dir):
    item = new()
    store.add_feedback("li", None, item.id, "已约谈", DAY)
    store.change_status("li", None, item.id, "closed", DAY, evaluation="satisfied")
    log = audit.read()
    assert log["event"].tolist() == ["duban_status", "duban_feedback", "duban_create"]
    assert log["user"].tolist() == ["li", "li", "wang"]
    assert '"evaluation": "satisfied"' in log["detail"].iloc[0]
    assert "已约谈" in log["detail"].iloc[1]


# ---- two processes at once ------------------------------------------------------------------

WRITER = """
import sys, time
from datetime import date
from governance.duban import store
from governance.duban.store import DubanError
item, who, start, n = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
time.sleep(max(0.0, start - time.time()))
if n:
    for k in range(n):
        store.add_feedback(who, None, item, f"{who} {k}", date(2011, 12, 26))
    print("ok")
else:
    try:
        store.change_status(who, None, item, "closed", date(2011, 12, 26), evaluation="satisfied")
        print("ok")
    except DubanError as err:
        print(err.key)
"""


def _both(item_id: int, n: int) -> list[str]:
    start = f"{time.time() + 2.0:.3f}"  # both past their imports, then at the same moment
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(item_id), who, start, str(n)],
            cwd=ROOT,
            env={**os.environ},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for who in ("a", "b")
    ]
    outs = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        outs.append(out.strip())
    return outs


def test_two_processes_feeding_back_at_once_keep_every_entry(state_dir):
    item = new()
    assert _both(item.id, 25) == ["ok", "ok"]
    texts = [s.text for s in store.get(item.id, None).feedback]
    assert len(texts) == 50
    assert sorted(texts) == sorted([f"a {k}" for k in range(25)] + [f"b {k}" for k in range(25)])
    # each process's entries in its own order
    assert [x for x in texts if x.startswith("a")] == [f"a {k}" for k in range(25)]


def test_two_processes_closing_at_once_one_succeeds(state_dir):
    item = new()
    outs = _both(item.id, 0)
    assert sorted(outs) == ["duban.err.move", "ok"]
    done = store.get(item.id, None)
    assert done.status == "closed"
    assert done.closed_by == ("a" if outs[0] == "ok" else "b")
    assert [s.kind for s in done.steps] == ["created", "status"]  # one close, not two
