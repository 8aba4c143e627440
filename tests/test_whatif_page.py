"""The what-if page through Streamlit's AppTest on the demo data: parameters change the outputs,
the URL reproduces a scenario, saved scenarios survive a new session, overwrite asks first and
bad link values are named in a warning."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from governance import db, fmt
from governance.whatif import saved
from governance.whatif.fund import reward_fund
from governance.whatif.fund_view import wan_yuan
from governance.whatif.params import FundParams
from tests import fixture_data
from tests.apptest_support import open_section, section_labels, shown, url, visible
from tests.apptest_support import tile_values as metrics
from tests.fixtures.runners import TOWN

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAID = "奖励金发放"


@pytest.fixture
def state_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "state"
    monkeypatch.setenv("GOVERNANCE_STATE_DIR", str(folder))
    return folder


@pytest.fixture
def demo_env(demo_dir, state_dir, monkeypatch):
    monkeypatch.setenv("GOVERNANCE_DATA_DIR", str(demo_dir))
    return demo_dir


def open_whatif(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page("views/whatif/whatif.py").run()
    assert not at.exception, at.exception
    return at


# The levers are tabs of which only the open one runs (ui/sections.py, issue 24): a test opens
# the tab whose widgets and numbers it looks at, as a reader clicks it. The fund opens first.
SECTIONS = "whatif_section"
FUND, SCORING, TARGETS, FEE, SAVED = "奖励基金", "三方评分", "指标目标", "收缴率目标", "保存与比较"


def tab(at: AppTest, label: str) -> AppTest:
    """Open the lever tab ``label`` (and check the page has no error box)."""
    return open_section(at, SECTIONS, label)


def tab_as_is(at: AppTest, label: str) -> AppTest:
    """Open the lever tab ``label`` without open_section's check for error boxes (a store that
    cannot be read is an error box on the saved scenarios' tab, which a test expects)."""
    assert label in section_labels(at, SECTIONS), (label, section_labels(at, SECTIONS))
    at.session_state[SECTIONS] = label
    at.run()
    assert not at.exception, at.exception
    return at


def tabs_block(at: AppTest):
    """The levers' tab container (what is drawn in the open tab, and nothing above it)."""
    return next(
        node
        for node in at._tree
        if getattr(node, "type", "") == "tab_container" and node.proto.id.endswith(f"-{SECTIONS}")
    )


def metric(at: AppTest, label: str):
    return next(m for m in at.metric if m.label == label)


def engine_paid(demo_dir: Path, params: FundParams, start=date(2010, 1, 1), end=date(2011, 10, 1)):
    """The fund paid over the default period (2010Q1-2011Q4), whole town, by the engine alone."""
    con = db.connect(demo_dir)
    try:
        ids = db.run(con, "communities_list", TOWN)["community_id"].tolist()
        rows = db.run(
            con,
            "whatif_assessments_by_company_community_quarter",
            {"period_from": start, "period_to": end, "communities": ids, "scope": db.WHOLE_TOWN},
        )
    finally:
        con.close()
    result = reward_fund(rows, params)
    p = result.payments
    in_period = (p["quarter"] >= pd.Timestamp(start)) & (p["quarter"] <= pd.Timestamp(end))
    return float(p.loc[in_period, "paid_yuan"].sum()), result


# ---- parameters change the outputs --------------------------------------------------------------


def test_default_page_is_the_baseline(demo_env):
    at = open_whatif()
    assert not at.error, [e.value for e in at.error]
    assert not at.warning, [w.value for w in at.warning]
    paid, _ = engine_paid(demo_env, FundParams())
    tile = metric(at, PAID)
    assert tile.value == fmt.yuan(paid)
    assert "与基准相同" in tile.delta
    assert not [k for k in at.query_params if k.startswith("wf_")], "defaults stay out of the URL"
    assert any("基准方案" in c.value for c in at.caption)
    assert at.button(key="whatif_reset").disabled
    # Every lever was on the one screen before issue 24; each tab is looked at in turn now.
    for label in (SCORING, TARGETS, FEE, SAVED):
        tab(at, label)
        assert not at.warning, (label, [w.value for w in at.warning])


def test_changing_the_rate_changes_numbers_and_url(demo_env):
    at = open_whatif()
    before = metrics(at)
    at.number_input(key="whatif_rate").set_value(0.15).run()
    assert not at.exception
    after = metrics(at)
    assert after[PAID] != before[PAID]
    assert url(at, "wf_rate") == ["0.15"]
    paid, _ = engine_paid(demo_env, FundParams(rate=0.15))
    assert after[PAID] == fmt.yuan(paid)
    # more money is neither good nor bad: the fund's change is shown in a neutral colour
    assert "较基准" in metric(at, PAID).delta
    assert metric(at, PAID).proto.color == metric(at, PAID).proto.MetricColor.BLUE
    # the link shown on the page carries the scenario
    assert any("wf_rate=0.15" in c.value for c in at.code)

    at.radio(key="whatif_policy").set_value("rank").run()
    assert url(at, "wf_policy") == ["rank"]
    at.button(key="whatif_reset").click().run()
    assert at.number_input(key="whatif_rate").value == 0.1
    assert not url(at, "wf_rate") and not url(at, "wf_policy")
    assert metrics(at)[PAID] == before[PAID]


def test_url_round_trip_reproduces_the_scenario(demo_env):
    at = open_whatif({"wf_rate": "0.15", "wf_min": "80"})
    assert not at.warning, [w.value for w in at.warning]
    assert at.number_input(key="whatif_rate").value == 0.15
    assert at.number_input(key="whatif_min").value == 80
    paid, result = engine_paid(demo_env, FundParams(rate=0.15, min_score=80))
    assert metrics(at)[PAID] == fmt.yuan(paid)
    # each year's fund beside that year's cap, never the two years' total against it
    for year in (2010, 2011):
        used = float(result.by_year.set_index("year").loc[year, "paid"])
        assert metrics(at)[f"{year}年已用 / 上限 100万元"] == wan_yuan(used, "zh")
    assert url(at, "wf_rate") == ["0.15"] and url(at, "wf_min") == ["80"]
    # the changes are spelt out beside the link
    text = shown(" ".join(m.value for m in at.markdown))  # as the reader sees it
    assert "0.15 元/平方米·每月" in text and "最低考核分：公司当季得分不低于80分" in text


def test_every_lever_round_trips_through_the_url(demo_env):
    query = {
        "wf_rate": "0.12",
        "wf_period": "quarter",
        "wf_cap": "1200000",
        "wf_policy": "rank",
        "wf_ws": "0.1",
        "wf_wt": "0.6",
        "wf_ex": "85",
        "wf_t_fee_collection_rate": "65",
        "wf_fee": "70",
    }
    at = open_whatif(query)
    assert not at.warning, [w.value for w in at.warning]
    assert at.radio(key="whatif_period").value == "quarter"
    tab(at, SCORING)  # each lever's widgets on its tab; the others kept through the scenario
    assert not at.warning, [w.value for w in at.warning]
    assert at.number_input(key="whatif_w_self").value == 10
    assert at.number_input(key="whatif_w_town").value == 60
    tab(at, TARGETS)
    assert not at.warning, [w.value for w in at.warning]
    assert at.multiselect(key="whatif_target_ids").value == ["fee_collection_rate"]
    assert at.number_input(key="whatif_t_fee_collection_rate").value == 65
    tab(at, FEE)
    assert not at.warning, [w.value for w in at.warning]
    assert at.number_input(key="whatif_fee_target").value == 70
    # after four tabs opened and closed, the link still holds every lever
    for key, value in query.items():
        assert url(at, key) == [value], key
    assert metrics(at)["全镇目标收缴率"] == "70.0%"


def test_bad_url_values_are_named_in_a_warning(demo_env):
    at = open_whatif(
        {"wf_rate": "abc", "wf_min": "150", "wf_t_no_such": "5", "wf_t_petitions": "-3"}
    )
    assert not at.error
    warnings = shown(" ".join(w.value for w in at.warning))  # as the reader sees it
    for name in ("wf_rate", "wf_min", "wf_t_no_such", "wf_t_petitions"):
        assert name in warnings, name
    assert at.number_input(key="whatif_rate").value == 0.1  # defaults used
    assert at.number_input(key="whatif_min").value == 0
    assert not url(at, "wf_rate") and not url(at, "wf_min"), "bad values leave the URL"
    paid, _ = engine_paid(demo_env, FundParams())
    assert metrics(at)[PAID] == fmt.yuan(paid)


def test_weights_not_summing_to_100_are_said_in_words(demo_env):
    at = tab(open_whatif(), SCORING)
    excellent_before = metrics(at)["优秀公司"]
    at.number_input(key="whatif_w_self").set_value(10.0).run()
    warnings = " ".join(w.value for w in at.warning)
    assert "90.0%" in warnings and "100%" in warnings
    assert "优秀公司" not in metrics(at), "nothing is computed with weights that do not add up"
    at.number_input(key="whatif_w_town").set_value(60.0).run()
    assert not at.warning
    assert "优秀公司" in metrics(at)
    assert url(at, "wf_ws") == ["0.1"] and url(at, "wf_wt") == ["0.6"]
    at.number_input(key="whatif_excellent").set_value(85.0).run()
    assert metrics(at)["优秀公司"] != excellent_before


def test_out_of_range_widget_value_names_the_parameter(demo_env):
    at = open_whatif()
    at.number_input(key="whatif_rate").set_value(0.0).run()
    warnings = " ".join(w.value for w in at.warning)
    assert "奖励标准" in warnings and "rate" in warnings
    assert PAID not in metrics(at)
    assert not at.exception
    # Above the range too (5 元/m²): the inputs accept it so the page can say why, in Chinese.
    at.number_input(key="whatif_rate").set_value(5.0).run()
    warnings = " ".join(w.value for w in at.warning)
    assert "奖励标准" in warnings and "5" in warnings
    assert PAID not in metrics(at)
    at.number_input(key="whatif_rate").set_value(0.15).run()
    at.number_input(key="whatif_min").set_value(120.0).run()
    warnings = " ".join(w.value for w in at.warning)
    assert "最低考核分（min_score）" in warnings and "120" in warnings


def test_a_new_target_changes_the_lights(demo_env):
    at = tab(open_whatif(), TARGETS)
    green = metrics(at)["达标（绿灯）"]
    at.multiselect(key="whatif_target_ids").set_value(["property_score"]).run()
    assert at.number_input(key="whatif_t_property_score").value == 89  # the target in force
    at.number_input(key="whatif_t_property_score").set_value(80.0).run()
    assert url(at, "wf_t_property_score") == ["80"]
    assert metrics(at)["达标（绿灯）"] != green
    tile = metric(at, "达标（绿灯）")
    assert tile.proto.color == tile.proto.MetricColor.GREEN  # more on target is good


def test_the_community_filter_narrows_the_fund(demo_env):
    at = open_whatif()
    town = metrics(at)[PAID]
    at.session_state["flt_communities"] = ["C03"]
    at.run()
    assert not at.exception
    assert metrics(at)[PAID] != town
    assert url(at, "c") == ["C03"]


def test_download_buttons_are_there(demo_env):
    at = open_whatif()
    # Only the open tab is drawn (issue 24): the page's download buttons are those of every tab.
    keys = {b.proto.id for b in at.get("download_button")}
    for label in (SCORING, TARGETS, FEE, SAVED):
        keys |= {b.proto.id for b in tab(at, label).get("download_button")}
    assert len(keys) >= 12, "every table can be downloaded as CSV and Excel"


def test_empty_data_says_so(tmp_path, state_dir, monkeypatch):
    keep = ("property_companies", "communities", "outcomes")
    folder = fixture_data.write(tmp_path / "sparse", {n: fixture_data.ROWS[n] for n in keep})
    monkeypatch.setenv("GOVERNANCE_DATA_DIR", str(folder))
    at = open_whatif({"wf_rate": "0.15"})
    assert not at.error
    infos = [i.value for i in at.info]
    # Only the open tab is drawn (issue 24): the page's messages are those above the tabs and
    # those in every tab (what is above them counted once, as on the one screen before).
    for label in (SCORING, TARGETS, FEE, SAVED):
        tab_as_is(at, label)
        assert not at.error
        infos += [i.value for i in tabs_block(at).info]
    assert infos.count("当前筛选条件下没有数据。请放宽时间范围或社区选择。") >= 3


# ---- saved scenarios --------------------------------------------------------------------------


def save(at: AppTest, name: str) -> AppTest:
    if at.session_state[SECTIONS] != SAVED:  # a click on the open tab does nothing
        tab(at, SAVED)
    at.text_input(key="whatif_save_name").input(name).run()
    return at.button(key="whatif_save").click().run()


def test_save_and_reopen_in_a_new_session(demo_env, state_dir):
    at = open_whatif({"wf_rate": "0.15", "wf_min": "80"})
    numbers = metrics(at)[PAID]
    save(at, "提标0.15")
    assert any("已保存方案“提标0.15”" in s.value for s in at.success)
    assert saved.store().load("提标0.15").params == {"wf_rate": "0.15", "wf_min": "80"}

    fresh = open_whatif()  # a new session, no link: the baseline
    assert fresh.number_input(key="whatif_rate").value == 0.1
    tab(fresh, SAVED)
    assert fresh.selectbox(key="whatif_pick").options == ["提标0.15"]
    fresh.selectbox(key="whatif_pick").set_value("提标0.15")
    fresh.button(key="whatif_open").click().run()
    assert not fresh.exception
    tab(fresh, FUND)  # the scenario opened on the saved tab holds on the fund's
    assert fresh.number_input(key="whatif_rate").value == 0.15
    assert fresh.number_input(key="whatif_min").value == 80
    assert metrics(fresh)[PAID] == numbers
    assert url(fresh, "wf_rate") == ["0.15"] and url(fresh, "wf_min") == ["80"]


def test_saving_twice_under_one_name_asks_first(demo_env, state_dir):
    at = open_whatif({"wf_rate": "0.15"})
    save(at, "方案甲")
    assert not [b for b in at.button if b.key == "whatif_overwrite"]
    tab(at, FUND)
    at.number_input(key="whatif_rate").set_value(0.2).run()
    save(at, "方案甲")
    assert any("已有名为“方案甲”的方案" in w.value for w in at.warning)
    store = saved.store()
    assert store.load("方案甲").params == {"wf_rate": "0.15"}, "nothing overwritten yet"

    at.button(key="whatif_overwrite_cancel").click().run()
    assert not [b for b in at.button if b.key == "whatif_overwrite"]
    assert store.load("方案甲").params == {"wf_rate": "0.15"}

    save(at, "方案甲")
    at.button(key="whatif_overwrite").click().run()
    assert not at.exception
    assert store.load("方案甲").params == {"wf_rate": "0.2"}
    assert not [b for b in at.button if b.key == "whatif_overwrite"]
    assert any("已保存方案“方案甲”" in s.value for s in at.success)


def test_a_bad_name_is_refused_in_words(demo_env, state_dir):
    at = open_whatif()
    save(at, "   ")
    assert any("方案名称不能为空" in e.value for e in at.error)
    assert not (state_dir / "scenarios.json").exists()


def test_compare_two_saved_scenarios_and_delete(demo_env, state_dir):
    store = saved.store()
    store.save("提标", {"wf_rate": "0.15"})
    store.save("门槛80", {"wf_min": "80"})
    at = tab(open_whatif(), SAVED)
    at.selectbox(key="whatif_cmp_a").set_value("提标")
    at.selectbox(key="whatif_cmp_b").set_value("门槛80").run()
    assert not at.exception
    table = next(
        df.value
        for df in at.dataframe
        if "提标" in df.value.columns and "门槛80" in df.value.columns
    )
    row = table.set_index(table.columns[0])
    paid_a, _ = engine_paid(demo_env, FundParams(rate=0.15))
    paid_b, _ = engine_paid(demo_env, FundParams(min_score=80))
    assert row.loc["奖励金发放（所选时段、社区）", "提标"] == fmt.yuan(paid_a)
    assert row.loc["奖励金发放（所选时段、社区）", "门槛80"] == fmt.yuan(paid_b)
    assert row.loc["最低考核分", "门槛80"] == "不低于80分（按公司、季度）"

    at.selectbox(key="whatif_pick").set_value("门槛80")
    at.button(key="whatif_delete").click().run()
    assert any("确定删除方案“门槛80”" in w.value for w in at.warning)
    assert store.names() == ["提标", "门槛80"], "nothing deleted before confirming"
    at.button(key="whatif_delete_yes").click().run()
    assert not at.exception
    assert store.names() == ["提标"]
    assert at.selectbox(key="whatif_cmp_b").value != "门槛80"


def test_a_corrupt_store_is_reported_not_overwritten(demo_env, state_dir):
    state_dir.mkdir(parents=True)
    path = state_dir / "scenarios.json"
    path.write_text("{not json", encoding="utf-8")
    at = tab_as_is(open_whatif(), SAVED)
    assert any("无法读取" in e.value for e in at.error)
    assert at.button(key="whatif_save").disabled
    assert path.read_text(encoding="utf-8") == "{not json"


def test_a_save_on_the_saved_tab_keeps_the_closed_levers(demo_env, state_dir):
    """Issue 24: a lever's widgets on a closed tab are not drawn, and Streamlit drops their
    values every other run (views/whatif/controls.scenario_in_force puts them back with
    setdefault while the script runs). The save button's callback runs before the script: it
    must save the scenario on screen, 0.2 元/平方米, whichever run the click comes on."""
    at = open_whatif()
    at.number_input(key="whatif_rate").set_value(0.2).run()
    tab(at, SAVED)
    at.text_input(key="whatif_save_name").input("第一次")
    at.button(key="whatif_save").click().run()  # the first run after the tab opened
    at.text_input(key="whatif_save_name").input("第二次")
    at.button(key="whatif_save").click().run()  # and the one after it
    assert any("已保存方案“第二次”" in s.value for s in at.success)
    store = saved.store()
    assert store.load("第一次").params == {"wf_rate": "0.2"}
    assert store.load("第二次").params == {"wf_rate": "0.2"}


def test_the_funds_short_tables_are_static_text(demo_env):
    """The fund's tables by company (four companies) and by year are st.table: no grid to
    mount on a visit. Their words are the view model's, escaped for st.table's Markdown."""
    at = open_whatif()
    headers = [list(t.value.columns) for t in at.table]
    assert len(headers) == 2, headers
    assert any("物业公司" in visible(" ".join(h)) for h in headers), headers
    assert not at.dataframe  # the company x quarter grid waits for its expander


def test_a_table_of_twelve_rows_is_static_and_of_thirteen_a_grid(monkeypatch):
    # the buttons read the page's filters (none here); their files are tested above
    monkeypatch.setattr("ui.widgets.download_buttons", lambda *args, **kwargs: None)

    def script():
        import pandas as pd

        from governance.viewmodels.whatif import Shown
        from views.whatif import controls

        for rows in (12, 13):
            frame = pd.DataFrame({"公司": ["[点击](https://evil.example)"] * rows, "n": [1] * rows})
            controls.table(Shown(frame, frame, {}), f"t{rows}", f"whatif_k{rows}")

    at = AppTest.from_function(script, default_timeout=30).run()
    assert not at.exception, at.exception
    (static,) = at.table
    assert len(static.value) == 12
    assert {visible(c) for c in static.value.iloc[:, 0]} == {"[点击](https://evil.example)"}
    assert "](" not in static.value.iloc[0, 0]  # escaped: st.table reads its cells as Markdown
    assert static.value.iloc[0, 1] == "1"
    (grid,) = at.dataframe
    assert len(grid.value) == 13
