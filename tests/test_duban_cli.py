"""The 督办 command line (scripts/duban.py, behind make duban / duban-update / duban-list) on
the hand-made fixture (甲社区 C01 with 甲物业 P01, 乙社区 C02 with P02, 丙村 V01; the data runs
to 2011-06-30, over a year ago, so "today" is 2011-06-30)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from governance.duban import store
from governance.meetings import store as meetings
from scripts import duban as cli
from tests import fixture_data

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def env(tmp_path: Path, monkeypatch) -> dict[str, str]:
    data = fixture_data.write(tmp_path / "data")
    monkeypatch.setenv("GOVERNANCE_DATA_DIR", str(data))
    monkeypatch.setenv("GOVERNANCE_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("GOVERNANCE_STATE_URL", raising=False)
    return {**os.environ}


def fails(argv: list[str], capsys) -> str:
    with pytest.raises(SystemExit) as done:
        cli.main(argv)
    assert done.value.code == 2
    return capsys.readouterr().err.strip()


def create(*extra: str, title: str = "楼道堆物清理", deadline: str = "2011-07-31") -> list[str]:
    return ["create", "--title", title, "--unit", "C01", "--deadline", deadline, *extra]


def test_create_finds_the_unit_kind_and_prints_the_new_id(env, capsys):
    assert cli.main(create()) == 0
    out = capsys.readouterr()
    assert out.out == "1\n"
    assert out.err.strip() == (
        "已交办督办事项 #1：楼道堆物清理，责任单位 甲社区居委会，截止 2011-07-31（剩31天）。"
    )
    item = store.get(1, None)
    assert (item.unit_kind, item.unit, item.community_id, item.subject) == (
        "committee",
        "C01",
        "C01",
        "text",
    )
    assert item.created_by == cli.cli_actor() and item.created_by.startswith("cli:")
    assert item.created_on.isoformat() == "2011-06-30"  # the data's date: historical data
    more = [
        (["--unit", "P01"], ("company", "P01", None)),
        (["--unit", "城管"], ("body", "urban_management", None)),
        (["--unit", "police", "--community", "V01"], ("body", "police", "V01")),
        (["--unit", "镇文明办"], ("text", "镇文明办", None)),
        (["--unit", "P01", "--unit-kind", "text"], ("text", "P01", None)),
    ]
    for n, (args, want) in enumerate(more, start=2):
        argv = ["create", "--title", "x", "--deadline", "2011-06-30", *args]
        assert cli.main(argv) == 0, args
        assert capsys.readouterr().out == f"{n}\n"
        item = store.get(n, None)
        assert (item.unit_kind, item.unit, item.community_id) == want


def test_an_indicator_item_with_its_meeting(env, capsys):
    m = meetings.record("wang", None, fixture_data.Q[-1], "", _town(), "", {"names": {}})
    argv = create("--unit", "P02", "--community", "C02", "--indicator", "fee_collection_rate")
    assert cli.main([*argv, "--meeting", str(m.id), "--person", "张三", "--note", "约谈"]) == 0
    item = store.get(int(capsys.readouterr().out), None)
    assert (item.subject, item.indicator_id, item.community_id, item.meeting_id) == (
        "indicator",
        "fee_collection_rate",
        "C02",
        m.id,
    )
    assert (item.person, item.steps[0].text) == ("张三", "约谈")


def _town():
    from governance.filters import Filters

    return Filters(fixture_data.Q[0], fixture_data.Q[-1])


def test_bad_values_of_create_get_a_chinese_message_and_exit_2(env, capsys):
    assert fails(create(deadline="2011-13-01"), capsys) == (
        "截止日期 DEADLINE“2011-13-01”无法识别；请写成 2012-01-31 这样的日期。"
    )
    assert fails(create(deadline="2011-06-29"), capsys) == (
        "DEADLINE：截止日期不能早于今天（2011-06-30）。"
    )
    assert fails(create("--community", "c02"), capsys) == (
        "COMMUNITY：没有编号为“c02”的社区（是否指 C02？编号区分大小写）；"
        "数据中的编号：C01、C02、V01。"
    )
    assert fails(create("--community", "C09"), capsys) == (
        "COMMUNITY：没有编号为“C09”的社区；数据中的编号：C01、C02、V01。"
    )
    bad_unit = ["create", "--title", "x", "--unit", "c01", "--unit-kind", "committee"]
    assert fails([*bad_unit, "--deadline", "2011-07-01"], capsys).startswith(
        "UNIT：没有编号为“c01”的社区（是否指 C01？"
    )
    assert fails(create("--unit-kind", "company"), capsys).startswith(
        "UNIT：没有编号为“C01”的物业企业；数据中的编号：P01、P02。"
    )
    assert fails(create("--unit-kind", "boss"), capsys).startswith("UNIT_KIND“boss”无效")
    assert fails(create("--indicator", "nope"), capsys).startswith(
        "INDICATOR：“nope”不是有目标的考核指标；可用的指标：incident_rate、"
    )
    assert fails(["create", "--title", "x", "--unit", "P01", "--deadline", "2011-07-01",
                  "--indicator", "fee_collection_rate"], capsys) == (
        "COMMUNITY：针对指标的督办事项须指明社区。"
    )  # fmt: skip
    assert fails(create("--meeting", "3"), capsys) == (
        "MEETING：“3”不是已记录的会议编号（make meetings 可列出会议）。"
    )
    assert fails(create("--meeting", "x"), capsys).startswith("MEETING：“x”")
    assert fails(["create", "--unit", "C01", "--deadline", "2011-07-01"], capsys) == (
        "请提供 TITLE（例如 make duban TITLE=…）。"
    )
    assert fails(create(title="字" * 201), capsys) == (
        "TITLE：标题最多 200 个字，现在是 201 个字。"
    )
    assert fails(["create", "--bogus"], capsys).startswith("用法有误：")
    assert store.list_for(None) == []  # nothing was written


def test_update_feedback_and_statuses_in_either_words(env, capsys):
    cli.main(create())
    capsys.readouterr()
    assert cli.main(["update", "--id", "1", "--note", "已通知物业"]) == 0
    out = capsys.readouterr()
    assert (out.out, out.err) == ("事项 #1 现为：已交办\n", "已记录事项 #1 的反馈。\n")
    assert cli.main(["update", "--id", "1", "--status", "已反馈", "--note", "已清理一半"]) == 0
    assert capsys.readouterr().out == "事项 #1 现为：已反馈\n"
    assert cli.main(["update", "--id", "1", "--status", "RETURNED", "--reason", "未附照片"]) == 0
    assert capsys.readouterr().out == "事项 #1 现为：退回\n"
    assert cli.main(["update", "--id", "1", "--status", "已办结", "--evaluation", "满意"]) == 0
    assert capsys.readouterr().out == "事项 #1 现为：已办结\n"
    item = store.get(1, None)
    assert [s.text for s in item.feedback] == ["已通知物业", "已清理一半"]
    assert (item.status, item.reason, item.evaluation) == ("closed", "未附照片", "satisfied")
    assert [s.status for s in item.steps if s.kind == "status"] == [
        "reported",
        "returned",
        "closed",
    ]


def test_bad_values_of_update_get_a_chinese_message_and_exit_2(env, capsys):
    cli.main(create())
    capsys.readouterr()
    assert fails(["update", "--id", "1", "--status", "退回"], capsys) == "REASON：退回须写明原因。"
    assert fails(["update", "--id", "1", "--status", "closed"], capsys) == (
        "EVALUATION：办结须选择评价：满意、基本满意或不满意。"
    )
    very_good = ["update", "--id", "1", "--status", "closed", "--evaluation", "很好"]
    assert fails(very_good, capsys) == (
        "EVALUATION“很好”无效：应为 满意（satisfied）、基本满意（basically）、"
        "不满意（unsatisfied）。"
    )
    assert fails(["update", "--id", "1", "--status", "done"], capsys).startswith(
        "STATUS“done”无效：应为 已交办（assigned）、"
    )
    assert fails(["update", "--id", "9", "--note", "x"], capsys) == (
        "ID：没有编号为 9 的督办事项。"
    )
    assert fails(["update", "--id", "一", "--note", "x"], capsys).startswith(
        "ID“一”不是督办事项编号"
    )
    assert fails(["update", "--id", "1"], capsys) == "请提供 STATUS 或 NOTE（反馈内容）。"
    assert fails(["update", "--id", "1", "--note", "字" * 2001], capsys) == (
        "NOTE：内容最多 2000 个字，现在是 2001 个字。"
    )
    item = store.get(1, None)
    assert (item.status, item.feedback) == ("assigned", ())  # nothing was written
    cli.main(["update", "--id", "1", "--status", "closed", "--evaluation", "basically"])
    capsys.readouterr()
    # a closed item stays closed; the feedback given with the refused move is not written
    assert fails(["update", "--id", "1", "--status", "办理中", "--note", "x"], capsys) == (
        "STATUS：事项当前为“已办结”，不能改为“办理中”。"
    )
    assert store.get(1, None).feedback == ()


def test_list_shows_the_open_items_most_overdue_first(env, capsys):
    for deadline in ("2011-07-31", "2011-06-30"):
        cli.main(["create", "--title", f"事项{deadline}", "--unit", "P01", "--deadline", deadline])
    cli.main(["create", "--title", "已办", "--unit", "C02", "--deadline", "2011-07-01"])
    cli.main(["update", "--id", "3", "--status", "closed", "--evaluation", "satisfied"])
    capsys.readouterr()
    assert cli.main(["list"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "（本数据截至 2011-06-30，为历史数据：逾期天数计至该日。）",
        "#2  2011-06-30  今日到期  已交办  甲物业  全镇  事项2011-06-30",
        "#1  2011-07-31  剩31天  已交办  甲物业  全镇  事项2011-07-31",
    ]


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scripts.duban", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_module_run_as_a_command(env):
    done = _run(env, "create", "--title", "x", "--unit", "C01", "--deadline", "2011-13-01")
    assert done.returncode == 2 and "无法识别" in done.stderr and "Traceback" not in done.stderr
    done = _run(env, "create", "--title", "x", "--unit", "C01", "--deadline", "2011-07-01")
    assert (done.returncode, done.stdout) == (0, "1\n")
    done = _run(env, "update", "--id", "1", "--status", "已办结", "--evaluation", "满意")
    assert (done.returncode, done.stdout) == (0, "事项 #1 现为：已办结\n")
    broken = {**env, "GOVERNANCE_DATA_DIR": str(Path(env["GOVERNANCE_STATE_DIR"]) / "none")}
    done = _run(broken, "list")
    assert done.returncode == 1 and done.stderr.startswith("无法读取数据：")


def make(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    # -o: the venv in force is used as it is, whatever the stamp's age in this checkout
    return subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.installed", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_make_duban_passes_values_as_data_and_exits_2_on_a_bad_one(env, tmp_path):
    done = make(env, "duban", "TITLE=x", "UNIT=C01", "DEADLINE=2011-13-01")
    assert done.returncode != 0 and "无法识别" in done.stderr and "Error 2" in done.stderr
    done = make(env, "duban", "TITLE=x", "UNIT=C01", "DEADLINE=2011-07-01", "COMMUNITY=C09")
    assert done.returncode != 0 and "没有编号为“C09”的社区" in done.stderr
    marker = tmp_path / "pwned"
    title = f'x"; touch {marker}; echo "'
    done = make(env, "duban", f"TITLE={title}", "UNIT=C01", "DEADLINE=2011-07-01", "NOTE=`id`")
    assert (done.returncode, done.stdout) == (0, "1\n"), done.stderr
    assert not marker.exists()
    assert (store.get(1, None).title, store.get(1, None).steps[0].text) == (title, "`id`")
    done = make(env, "duban-update", "ID=1", "STATUS=退回")
    assert done.returncode != 0 and "REASON：退回须写明原因。" in done.stderr
    done = make(env, "duban-update", "ID=1", "STATUS=已办结", "EVALUATION=满意", "NOTE=已清理")
    assert (done.returncode, done.stdout) == (0, "事项 #1 现为：已办结\n"), done.stderr
    done = make(env, "duban-list")
    assert done.returncode == 0 and done.stdout.splitlines()[-1] == "没有未办结的督办事项。"


def test_make_briefing_puts_its_communities_items_on_the_slide(env, tmp_path, capsys):
    from scripts import briefing

    cli.main(create(title="甲社区的事项"))
    cli.main(["create", "--title", "乙社区的事项", "--unit", "C02", "--deadline", "2011-07-31"])
    cli.main(["create", "--title", "全镇的事项", "--unit", "镇文明办", "--deadline", "2011-07-31"])
    capsys.readouterr()
    assert briefing.main(["--communities", "C01", "--out", str(tmp_path / "c01")]) == 0
    page = next((tmp_path / "c01").glob("*.html")).read_text(encoding="utf-8")
    assert "甲社区的事项" in page and "督办事项 1 项未办结" in page
    assert "乙社区的事项" not in page and "全镇的事项" not in page
    assert briefing.main(["--out", str(tmp_path / "town")]) == 0
    page = next((tmp_path / "town").glob("*.html")).read_text(encoding="utf-8")
    assert all(x in page for x in ("甲社区的事项", "乙社区的事项", "全镇的事项"))
