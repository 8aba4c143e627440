"""Every page through Streamlit's AppTest: renders, reacts to filters, keeps the URL in step.

Parametrised over the files in views/, so a new page is covered the moment it exists.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests import fixture_data
from tests.apptest_support import every_section, section_labels, url
from tests.apptest_support import tile_values as metric_values
from ui.auth import page_files

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGES = sorted(f"{name}.py" for name in page_files())  # its own folder or not: ui.auth
# The platform pages' sections below the tiles and what-if's levers: only the open one runs
# (ui/sections.py).
SECTIONS = {
    f"{p}.py": f"{p}_section" for p in ("party", "longterm", "culture", "selfgov", "whatif")
}


@pytest.fixture
def demo_app(demo_dir, monkeypatch):
    monkeypatch.setenv("GOVERNANCE_DATA_DIR", str(demo_dir))
    return AppTest.from_file(APP, default_timeout=60)


@pytest.fixture(scope="session")
def sparse_dir(tmp_path_factory) -> Path:
    """Communities and quarters but no records at all: every page must say so in words."""
    keep = ("property_companies", "communities", "outcomes")
    rows = {name: fixture_data.ROWS[name] for name in keep}
    return fixture_data.write(tmp_path_factory.mktemp("sparse"), rows)


def open_page(at: AppTest, page: str) -> AppTest:
    at.run()
    if page != "overview.py":
        at.switch_page(page_files()[page.removesuffix(".py")]).run()
    return at


def each_section(at: AppTest, page: str):
    """The page with each of its sections open in turn (a page without sections: as it is)."""
    if page in SECTIONS:
        assert not at.exception, at.exception  # else the page drew no sections to open
        assert section_labels(at, SECTIONS[page])  # a page with its tiles has its sections
        yield from every_section(at, SECTIONS[page])
    else:
        yield at


@pytest.mark.warm_caches  # reads what each page draws (conftest)
@pytest.mark.parametrize("page", PAGES)
def test_page_renders_on_demo_data(demo_app, page):
    for at in each_section(open_page(demo_app, page), page):
        assert not at.exception, at.exception
        assert not at.error, [e.value for e in at.error]
        assert at.title, "every page has a title"
        assert any("数据截至" in c.value for c in at.caption), "every page states its data date"


@pytest.mark.warm_caches  # reads what each page draws (conftest)
@pytest.mark.parametrize("page", PAGES)
def test_page_renders_in_english(demo_app, page):
    demo_app.query_params["lang"] = "en"
    for at in each_section(open_page(demo_app, page), page):
        assert not at.exception and not at.error
        assert any("Data as of" in c.value for c in at.caption)


@pytest.mark.warm_caches  # reads what each page draws (conftest)
@pytest.mark.parametrize("page", PAGES)
def test_page_says_so_when_nothing_matches(sparse_dir, monkeypatch, page):
    monkeypatch.setenv("GOVERNANCE_DATA_DIR", str(sparse_dir))
    at = open_page(AppTest.from_file(APP, default_timeout=60), page)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


# Pages that are not about the communities in view: the data and the users (their content
# does not depend on the filter), and presentation mode, whose first slide is the town in
# numbers (its slides follow the filter: tests/test_present.py), and the meetings, each about
# the communities it was recorded for (tests/test_meetings_page.py).
NOT_ABOUT_COMMUNITIES = {"data.py", "users.py", "present.py", "meetings.py"}
# The demo has no 督办 items, so its page is the same for any community; the filter's effect on
# the items is tested with items (tests/test_duban_pages.py).
NOT_ABOUT_COMMUNITIES |= {"duban.py"}


@pytest.mark.parametrize("page", PAGES)
def test_page_follows_the_community_filter(demo_app, page):
    if page in NOT_ABOUT_COMMUNITIES:
        pytest.skip("the page's content does not depend on the communities in view")
    at = open_page(demo_app, page)
    before = metric_values(at)
    at.session_state["flt_communities"] = ["C03"]
    at.run()
    assert not at.exception and not at.error
    assert url(at, "c") == ["C03"]
    after = metric_values(at)
    if page == "profile.py":
        assert any("社区画像" in t.value for t in at.title)
    assert after != before, "choosing one community changes what the page shows"


def test_overview_kpi_changes_with_the_filter(demo_app):
    at = open_page(demo_app, "overview.py")
    town = metric_values(at)["治安发案率"]
    at.session_state["flt_communities"] = ["C01"]
    at.run()
    assert metric_values(at)["治安发案率"] != town


def test_url_round_trip(demo_app):
    demo_app.query_params.update(
        {"from": "2009Q1", "to": "2010Q4", "c": ["C02", "C05"], "basis": "yoy"}
    )
    at = demo_app.run()
    assert not at.exception
    assert tuple(at.session_state["flt_period_value"]) == ("2009Q1", "2010Q4")
    assert at.session_state["flt_communities"] == ["C02", "C05"]
    assert at.session_state["flt_basis"] == "yoy"
    assert url(at, "from") == ["2009Q1"] and url(at, "to") == ["2010Q4"]
    assert url(at, "c") == ["C02", "C05"] and url(at, "basis") == ["yoy"]
    assert any("2010年第4季度" in c.value for c in at.caption)
    assert any(m.proto.delta_description == "较去年同期" for m in at.metric if m.delta)


def test_bad_url_parameters_are_named_not_fatal(demo_app):
    demo_app.query_params.update({"from": "1999Q9", "c": "NOPE", "basis": "x"})
    at = demo_app.run()
    assert not at.exception and not at.error
    warnings = " ".join(w.value for w in at.warning)
    assert "1999Q9" in warnings and "NOPE" in warnings and "basis" in warnings
    assert url(at, "from") == ["2010Q1"]  # the default range: the last eight quarters


def test_filters_persist_across_pages(demo_app):
    demo_app.query_params.update({"from": "2010Q3", "to": "2011Q1", "basis": "yoy"})
    at = open_page(demo_app, "overview.py")
    at.session_state["flt_communities"] = ["C04"]
    at.run()
    for page in ("longterm.py", "party.py", "overview.py"):
        at.switch_page(f"views/{page}").run()
        assert at.session_state["flt_communities"] == ["C04"], page
        assert url(at, "c") == ["C04"]
        assert (url(at, "from"), url(at, "to"), url(at, "basis")) == (
            ["2010Q3"],
            ["2011Q1"],
            ["yoy"],
        ), page


def test_back_to_the_whole_town(demo_app):
    at = open_page(demo_app, "overview.py")
    at.session_state["flt_communities"] = ["C02"]
    at.run()
    at.button(key="ov_back_to_town").click().run()
    assert at.session_state["flt_communities"] == []
    assert "c" not in at.query_params


def test_missing_data_is_a_message_not_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVERNANCE_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert at.error and "数据文件缺失" in at.error[0].value


def test_ranking_row_click_drills_down(demo_app):
    at = open_page(demo_app, "overview.py")
    assert at.get("download_button"), "the ranking is downloadable"
    assert at.session_state["flt_communities"] == []


def test_communities_chosen_by_attribute(demo_app, demo_dir):
    import duckdb

    expected = [
        row[0]
        for row in duckdb.sql(
            f"""select c.community_id from '{demo_dir}/communities.parquet' as c
            join '{demo_dir}/property_companies.parquet' as p using (company_id)
            where p.name_zh = '甲物业' order by 1"""
        ).fetchall()
    ]
    assert expected
    at = open_page(demo_app, "overview.py")
    at.multiselect(key="flt_attr_company").select("甲物业").run()
    at.button(key="flt_attr_apply").click().run()
    assert at.session_state["flt_communities"] == expected
    assert url(at, "c") == expected


def test_delta_colour_follows_what_is_good(fixture_dir, monkeypatch):
    """Fixture: C01's incidents and petitions fall each quarter (good: green) and its
    environment score rises (good: green); C01's fee collection rose from 25% to 75%."""
    monkeypatch.setenv("GOVERNANCE_DATA_DIR", str(fixture_dir))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"c": "C01"})
    at.run()
    tiles = {m.label: m for m in at.metric}
    for label in ("治安发案率", "信访总量", "环境管理质量", "物业费收缴率"):
        assert tiles[label].proto.color == tiles[label].proto.GREEN, label
    assert tiles["信访总量"].value == "6件" and tiles["信访总量"].delta.startswith("-1")
    # Against the target (60%) C01's 75% is met, but on 3 of 4 households: it read GREEN, and
    # by the one small-sample rule (governance/sample.py, issue 20) it is grey, saying its
    # counts; the town's incident target of 10 per 10k is missed by C01's 20 (judged on its
    # 1,000 residents): red.
    at.session_state["flt_basis"] = "target"
    at.run()
    tiles = {m.label: m for m in at.metric}
    assert tiles["物业费收缴率"].proto.color == tiles["物业费收缴率"].proto.GRAY
    assert "样本少（3/4）" in tiles["物业费收缴率"].help
    assert tiles["治安发案率"].proto.color == tiles["治安发案率"].proto.RED


def test_replacing_a_data_file_invalidates_the_cache(tmp_path, monkeypatch):
    import time

    from tests import fixture_data

    folder = fixture_data.write(tmp_path / "data")
    monkeypatch.setenv("GOVERNANCE_DATA_DIR", str(folder))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"c": "C01"})
    at.run()
    assert metric_values(at)["信访总量"] == "6件"
    rows = dict(fixture_data.ROWS)
    rows["outcomes"] = [
        (r[0], r[1], r[2], r[3] + 100, *r[4:]) if r[0] == "C01" else r for r in rows["outcomes"]
    ]
    time.sleep(1.1)  # the data folder is listed at most once a second
    fixture_data.write(folder, rows)
    at.run()
    assert metric_values(at)["信访总量"] == "106件"


def test_attributes_matching_no_community_say_so_and_keep_the_selection(demo_app, demo_dir):
    import duckdb

    populations = [
        row[0]
        for row in duckdb.sql(
            f"""select c.population from '{demo_dir}/communities.parquet' as c
            join '{demo_dir}/property_companies.parquet' as p using (company_id)
            where p.name_zh = '甲物业'"""
        ).fetchall()
    ]
    bands = {"3,000人以下": (0, 3000), "3,000–5,000人": (3000, 5000), "5,000人以上": (5000, 10**9)}
    empty = next(b for b, (lo, hi) in bands.items() if not any(lo <= n < hi for n in populations))
    at = open_page(demo_app, "overview.py")
    at.session_state["flt_communities"] = ["C02"]
    at.run()
    at.multiselect(key="flt_attr_company").select("甲物业").run()
    at.multiselect(key="flt_attr_size").set_value([empty]).run()
    at.button(key="flt_attr_apply").click().run()
    assert any("没有社区符合" in w.value for w in at.warning)
    assert at.session_state["flt_communities"] == ["C02"], "the selection is kept"
    at.run()
    assert not any("没有社区符合" in w.value for w in at.warning), "said once, not forever"
