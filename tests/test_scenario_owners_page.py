"""Saved scenarios belong to someone (issue 12): with login on, the what-if page saves a
scenario as its user's, private unless shared; another viewer does not see a private one and
may not delete a shared one; an admin may. Names are per user (item 13): two users each keep a
"方案A", and someone else's scenario is listed as "方案A（wang）"."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.apptest_support import open_section
from tests.fixtures.auth import APP, log_in


def what_if(at: AppTest, name: str) -> AppTest:
    log_in(at, name)
    at.switch_page("views/whatif/whatif.py").run()
    assert not at.exception, at.exception
    # the saved scenarios' tab: the levers are tabs of which only the open one runs (issue 24)
    return open_section(at, "whatif_section", "保存与比较")


def save(at: AppTest, scenario: str, shared: bool = False) -> None:
    at.text_input(key="whatif_save_name").input(scenario)
    at.checkbox(key="whatif_share").set_value(shared)
    at.button(key="whatif_save").click().run()
    assert not at.exception, at.exception


def fresh(demo_dir, monkeypatch) -> AppTest:
    monkeypatch.setenv("GOVERNANCE_DATA_DIR", str(demo_dir))
    monkeypatch.setenv("GOVERNANCE_AUTH", "local")
    return AppTest.from_file(APP, default_timeout=90)


def test_private_and_shared_scenarios(app, demo_dir, monkeypatch):
    vic = what_if(app, "vic")
    save(vic, "维克私有")
    save(vic, "维克共享", shared=True)
    assert set(vic.selectbox(key="whatif_pick").options) >= {"维克私有", "维克共享"}

    lu = what_if(fresh(demo_dir, monkeypatch), "lu")
    options = lu.selectbox(key="whatif_pick").options
    assert "维克共享（vic）" in options and not any("维克私有" in o for o in options)
    lu.selectbox(key="whatif_pick").set_value("维克共享（vic）").run()
    assert lu.button(key="whatif_delete").disabled, "only the owner or an admin may delete"

    boss = what_if(fresh(demo_dir, monkeypatch), "boss")
    assert {"维克私有（vic）", "维克共享（vic）"} <= set(boss.selectbox(key="whatif_pick").options)
    boss.selectbox(key="whatif_pick").set_value("维克共享（vic）").run()
    assert not boss.button(key="whatif_delete").disabled


def test_two_users_each_keep_one_name_and_see_whose_is_whose(app, demo_dir, monkeypatch):
    vic = what_if(app, "vic")
    save(vic, "方案A")
    save(vic, "共享A", shared=True)

    lu = what_if(fresh(demo_dir, monkeypatch), "lu")
    save(lu, "方案A")  # vic's private 方案A is not lu's business: saved, no word of it
    assert any("已保存方案“方案A”" in s.value for s in lu.success)
    assert not lu.error and not any("其他用户" in w.value for w in lu.warning)
    save(lu, "共享A")
    options = lu.selectbox(key="whatif_pick").options
    assert options == ["共享A（vic）", "方案A", "共享A"]  # own by name, vic's with his name
    listed = next(x.value for x in lu.table if "方案名称" in x.value.columns)  # a table: wraps
    assert listed["方案名称"].tolist() == options
    assert lu.selectbox(key="whatif_cmp_a").options[2:] == options

    lu.selectbox(key="whatif_cmp_a").set_value("共享A")
    lu.selectbox(key="whatif_cmp_b").set_value("共享A（vic）").run()
    assert not lu.exception, lu.exception
    assert any({"共享A", "共享A（vic）"} <= set(df.value.columns) for df in lu.dataframe)

    lu.selectbox(key="whatif_pick").set_value("方案A").run()
    assert not lu.button(key="whatif_delete").disabled
    lu.button(key="whatif_delete").click().run()
    lu.button(key="whatif_delete_yes").click().run()
    assert lu.selectbox(key="whatif_pick").options == ["共享A（vic）", "共享A"]

    boss = what_if(fresh(demo_dir, monkeypatch), "boss")
    assert boss.selectbox(key="whatif_pick").options == [
        "方案A（vic）",
        "共享A（vic）",
        "共享A（lu）",
    ]
