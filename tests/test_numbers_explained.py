"""Numbers that explain themselves (issue 20): the 督办 slide's backlog says what it counts
beside the quarter's rates; scoped words, English units and times."""

from __future__ import annotations

from governance.briefing import build_deck
from tests.fixtures.briefing import PERIOD


def test_the_backlog_says_it_counts_every_year_beside_the_quarters_rates(follow_run):
    slide = build_deck(follow_run, PERIOD, "zh").slide("follow_up")
    # the oldest open item was raised 2011-01-10 and is 171 days open on 2011-06-30
    assert slide.sentences[1] == (
        "以上为自 2011-01-10 起提出、截至 2011-06-30 仍未办结的全部事项"
        "（历年累计，最久的已开 171 天），"
        "不是某一季度的数；网格案件结案率、议题解决率等比率只计 2011Q2 的案件和议题。"
    )
    en = build_deck(follow_run, PERIOD, "en").slide("follow_up")
    assert en.sentences[1].startswith(
        "These count every item raised since 2011-01-10 and still open on 2011-06-30"
    )
    assert "rates count 2011Q2's cases and issues only" in en.sentences[1]


def test_a_scoped_overview_names_her_community_and_says_her_place_in_words(fixture_con):
    from governance.viewmodels import overview
    from tests.fixtures.overview import F, scoped_run

    v = overview.build(scoped_run(fixture_con, ("C02",)), F, "zh", ("C02",))
    assert "所辖 乙社区" in v.facts and "下辖" not in v.facts  # not "1个社区、0个村"
    # culture: C01 200, C02 20, V01 0 per 1,000 (her fees, 0 of 2 households, are 样本少 and
    # unranked under the small-sample rule: this read the fee cell's "第2名/共2个" before)
    assert v.ranking.frame.loc[0, "文化服务"].endswith(" · 第2名/共3个")  # not "#2"
    en = overview.build(scoped_run(fixture_con, ("C02",)), F, "en", ("C02",))
    assert "Yours Yi" in en.facts


def test_english_units_say_what_they_count():
    from governance import fmt
    from governance.indicators import indicator

    assert fmt.value(indicator("incident_rate"), 9.06, "en") == "9.06 per 10k residents"
    assert fmt.target(indicator("petitions"), 5, "en") == "5 petitions"  # it read "Target 5"
    assert fmt.target(indicator("skip_level_batches"), 2, "en") == "2 batches"
    assert fmt.target(indicator("petitions"), 5, "zh") == "5件"
    assert fmt.target(indicator("fee_collection_rate"), 60, "en") == "60.0%"


def test_times_are_beijing_time_and_say_so():
    from datetime import UTC, datetime

    from governance import clock

    assert clock.beijing(datetime(2026, 12, 6, 15, 30, 5, tzinfo=UTC)) == "2026-12-06 23:30:05"
    assert clock.beijing(datetime(2026, 12, 6, 20, 0, 0)) == "2026-12-07 04:00:00"  # naive: UTC
    assert clock.beijing(None) == "—"


def test_the_data_history_shows_beijing_time_and_credits_version_1_to_the_demo_data(
    demo_dir, tmp_path, monkeypatch
):
    import shutil

    from governance import clock
    from governance.datastore import Store
    from tests.apptest_support import app_on, open_page

    monkeypatch.setenv("GOVERNANCE_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("GOVERNANCE_STATE_URL", raising=False)
    folder = tmp_path / "data"
    shutil.copytree(demo_dir, folder)
    store = Store(folder)
    communities = store.current_tables(["communities"])["communities"]
    edited = communities.assign(population=communities["population"] + 1)
    store.commit(store.plan({"communities": edited}), who="li", source="c.csv")
    created = {v.number: v.created for v in store.history()}

    at = open_page(app_on(folder, monkeypatch), "data")
    history = next(d.value for d in at.dataframe if "时间（北京时间）" in d.value.columns)
    rows = history.set_index("版本")
    assert rows.loc[1, "提交人"] == "演示数据（初始文件）"  # not the first committer
    assert rows.loc[2, "提交人"] == "li"
    assert rows.loc[2, "时间（北京时间）"] == clock.beijing(created[2])
    fresh = next(d.value for d in at.dataframe if "最后提交（北京时间）" in d.value.columns)
    fresh = fresh.set_index(fresh.columns[0])  # the table's name
    assert fresh.loc["communities", "提交人"] == "li"
    assert fresh.loc["communities", "最后提交（北京时间）"] == clock.beijing(created[2], False)
    assert fresh.loc["outcomes", "提交人"] == "演示数据（初始文件）"
