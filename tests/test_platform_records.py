"""A platform is a record of the registry (governance/indicators.py PLATFORM_RECORDS): the
briefing deck, the overview and the community ranking read the records and name no platform,
so a fifth platform registered here — its record, its headline indicator, its labels and its
parts — gets its slide, its scorecard, its tiles and its ranking column with no code edit.

The fifth platform's figures, by hand (the fixture's communities, 2011Q1 → 2011Q2):
  fifth_rate (its headline, a share):  C01 18/20 = 90 %, C02 30/40 = 75 %, V01 4/8 = 50 %
      (8 cases: a small sample, no light and no rank); 2011Q1 C01 10/20, C02 20/40
      -> town 2011Q2 (18 + 30 + 4) / (20 + 40 + 8) = 52/68 = 76.47 %, 2011Q1 30/60 = 50 %
  fifth_count (a page measure, its own parts query): 2011Q2 3 + 4 + 0 = 7, 2011Q1 2 + 2 + 1 = 5
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from governance import db, kpi
from governance.briefing import build_deck
from governance.briefing import content as bc
from governance.i18n import CATALOG
from governance.indicators import (
    HEADLINE,
    PLATFORM_RECORDS,
    PLATFORMS,
    REGISTRY,
    Indicator,
    Platform,
)
from tests.fixtures.briefing import PERIOD

Q1, Q2 = date(2011, 1, 1), date(2011, 4, 1)
FIFTH_PARTS = "fifth_parts_by_community_quarter"


def _parts(indicator_id: str, rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["community_id", "quarter", "num", "den"])
    frame["quarter"] = pd.to_datetime(frame["quarter"])
    frame["num"], frame["den"] = frame["num"].astype("float64"), frame["den"].astype("float64")
    return frame.assign(indicator_id=indicator_id)[
        ["community_id", "quarter", "indicator_id", "num", "den"]
    ]


RATE = _parts(
    "fifth_rate",
    [
        *[("C01", Q1, 10, 20), ("C02", Q1, 20, 40)],
        *[("C01", Q2, 18, 20), ("C02", Q2, 30, 40), ("V01", Q2, 4, 8)],
    ],
)
COUNT = _parts(
    "fifth_count",
    [
        *[("C01", Q1, 2, None), ("C02", Q1, 2, None), ("V01", Q1, 1, None)],
        *[("C01", Q2, 3, None), ("C02", Q2, 4, None), ("V01", Q2, 0, None)],
    ],
)


@pytest.fixture
def fifth(monkeypatch):
    """The fifth platform, registered as data only."""
    rate = Indicator("fifth_rate", "fifth", "第五比率", "Fifth rate", "pct", "up", headline=True)
    count = Indicator(
        "fifth_count", "fifth", "第五次数", "Fifth count", "count", "up", scored=False,
        source=FIFTH_PARTS,
    )  # fmt: skip
    for ind in (rate, count):
        monkeypatch.setitem(REGISTRY, ind.id, ind)
    record = Platform("fifth", (rate.id, count.id), (rate.id, count.id), FIFTH_PARTS)
    monkeypatch.setitem(PLATFORM_RECORDS, "fifth", record)
    monkeypatch.setitem(CATALOG, "platform.fifth", ("第五", "Fifth"))
    monkeypatch.setitem(CATALOG, "platform.fifth.motto", ("第五口号", "Fifth motto"))
    return record


@pytest.fixture
def run(fixture_dir):
    """The fixture's queries, with the fifth platform's parts: its headline among the shared
    indicator parts (as a scored indicator is), its page measure from its own query."""
    con = db.connect(fixture_dir)
    base = bc.db_runner(con, db.WHOLE_TOWN)

    def runner(name, params):
        if name == FIFTH_PARTS:
            return COUNT.copy()
        got = base(name, params)
        if name == "indicator_parts_by_community_quarter":
            return pd.concat([got, RATE], ignore_index=True)
        return got

    yield runner
    con.close()


def test_the_records_hold_what_differs(fifth):
    assert list(PLATFORMS) == ["party", "longterm", "culture", "selfgov", "fifth"]
    assert HEADLINE["fifth"].id == "fifth_rate"
    assert HEADLINE["party"].id == "issue_resolution_rate"
    assert PLATFORM_RECORDS["culture"].slide_tiles[0] == HEADLINE["culture"].id


def test_a_fifth_platform_gets_its_slide_and_tiles_with_no_code_edit(fifth, run):
    deck = build_deck(run, PERIOD, "zh")
    keys = [s.key for s in deck.slides]
    assert keys.index("fifth") == keys.index("selfgov") + 1 < keys.index("ranking")
    slide = deck.slide("fifth")
    assert slide.title == "第五平台"
    assert "第五口号" in slide.subtitle
    assert [t.label for t in slide.tiles] == ["第五比率", "第五次数"]
    frames = bc.load_frames(run, PERIOD.params(["C01", "C02", "V01"]))
    kpis = bc.platform_kpis("fifth", frames, PERIOD, ["C01", "C02", "V01"])
    rate, count = kpis["fifth_rate"], kpis["fifth_count"]
    assert rate.value == pytest.approx(52 / 68 * 100) and rate.basis_value == pytest.approx(50.0)
    assert rate.good is True
    assert (count.value, count.basis_value, count.delta) == (7, 5, 2)


def test_a_fifth_platform_is_ranked_with_no_code_edit(fifth, run):
    parts = run("indicator_parts_by_community_quarter", {})
    targets = run("targets_all", {})
    ranked = kpi.ranking(parts, Q2, targets, ["C01", "C02", "V01"]).set_index("community_id")
    assert ranked.loc["C01", "fifth_value"] == pytest.approx(90.0)
    assert (ranked.loc["C01", "fifth_rank"], ranked.loc["C02", "fifth_rank"]) == (1, 2)
    # V01 rests on 8 cases: no light and no rank (the one small-sample rule)
    assert ranked.loc["V01", "fifth_small"] and pd.isna(ranked.loc["V01", "fifth_rank"])
    # and the deck's ranking slide names it among the platforms
    deck = build_deck(run, PERIOD, "zh")
    assert any("第五" in " ".join(t.columns) for t in deck.slide("ranking").tables)


def test_a_fifth_platform_is_on_the_overview_with_no_code_edit(fifth, fixture_con):
    from governance.viewmodels import overview
    from tests.fixtures.overview import F
    from tests.fixtures.runners import town_run

    base = town_run(fixture_con)

    def run(name, params=None):
        if name == FIFTH_PARTS:
            return COUNT.copy()
        got = base(name, params)
        if name == "indicator_parts_by_community_quarter":
            return pd.concat([got, RATE], ignore_index=True)
        return got

    v = overview.build(run, F, "zh", None)
    card = v.scorecards[-1]
    assert (card.platform, card.title) == ("fifth", "第五")
    assert card.tiles[0].indicator.id == "fifth_rate"  # its headline first
    assert any("第五" in str(c) for c in v.ranking.table.shown.columns)  # a ranking column


def test_the_platform_ids_compare_as_the_tuple_they_stand_for(fifth):
    assert PLATFORMS == ("party", "longterm", "culture", "selfgov", "fifth")
    assert PLATFORMS != ("party", "longterm", "culture", "selfgov")
    assert repr(PLATFORMS) == repr(("party", "longterm", "culture", "selfgov", "fifth"))


def test_the_lists_read_from_the_registry_have_a_fifth_platform(fifth):
    """The profile's sections, the platforms an event may name and the deck's slide keys
    read the records when asked: a platform registered after import is in each of them."""
    from governance import event_sheet, events
    from governance.briefing.model import slide_keys
    from governance.viewmodels import profile

    assert profile.sections() == ("outcomes", "party", "longterm", "culture", "selfgov", "fifth")
    assert events.event_platforms() == (
        *("party", "longterm", "culture", "selfgov", "fifth"),
        "outcomes",
    )
    keys = slide_keys()
    assert keys.index("fifth") == keys.index("selfgov") + 1 == keys.index("ranking") - 1
    # an event naming the fifth platform passes the check; one naming no platform fails it
    on_fifth = events.Draft(start=Q1, platform="fifth", text="第五平台的一件事")
    assert not [p for p in events.check(on_fifth, ()) if p.column == "platform"]
    bad = events.check(events.Draft(start=Q1, platform="sixth", text="x"), ())
    assert [p.column for p in bad if p.column == "platform"] == ["platform"]
    # and an event sheet's row may name it by its Chinese label
    assert event_sheet._platform("第五") == "fifth"


def test_a_fifth_platform_is_in_the_profile_and_followable_with_no_code_edit(fifth, run):
    """The scored indicators are read from the registry at use: the fifth's headline is in a
    community's profile (its section and its table row), may be followed by a 督办 item, and
    its column in a table carries its unit."""
    from governance import tableformat
    from governance.duban import rules
    from governance.filters import Filters
    from governance.indicators import INDICATORS, INDICATORS_BY_ID
    from governance.viewmodels import profile

    assert INDICATORS[-1].id == "fifth_rate" and INDICATORS_BY_ID["fifth_rate"].platform == "fifth"
    assert "fifth_count" not in INDICATORS_BY_ID  # a page measure, not scored
    assert "fifth_rate" in rules.SCORED and "fifth_rate" in profile.TABLE_IDS
    assert tableformat._unit_of("fifth_rate_value", "第五比率", None, {}) == "%"  # a ranking column
    view = profile.build(run, Filters(period_from=Q1, period_to=Q2), "zh", "C01", None)
    section = next(s for s in view.sections if s.platform == "fifth")
    assert section.heading == "第五" and section.tiles[0].value == pytest.approx(90.0)
    row = view.download.set_index("指标").loc["第五比率"].to_dict()
    # C01 18/20 = 90 %, the town 52/68 = 76.5 %; ranked among C01 and C02 (V01: 8 cases)
    assert row == {
        "平台": "第五", "数值": "90.0%", "全镇": "76.5%", "目标": "—", "状态": "○ 无目标",
        "在全镇排名": "第 1 / 2 名",
    }  # fmt: skip
