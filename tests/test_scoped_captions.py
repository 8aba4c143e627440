"""A user scoped to some communities reads captions about *their* communities (所辖社区), never
"全镇" (the whole town) over numbers that are only theirs: the pages through AppTest (logged in
as the scoped viewer of tests/test_auth_pages.py), and the briefing and overview models on the
hand-made fixture, built as the app builds them for that user.
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest

from governance import db
from governance.auth.scope import scoped_params
from governance.briefing import build_deck
from governance.filters import Filters
from governance.viewmodels import overview
from tests.fixtures.auth import VIEWER_PAGES, log_in, open_path, page_bytes

PERIOD = Filters(date(2010, 4, 1), date(2011, 4, 1))

# Where 全镇 may still appear for a scoped user: the town's own things (its targets, the reward
# fund's budget and cap, the honours, their place among the town), never their numbers.
TOWN_WORDS_ALLOWED = re.compile(
    "|".join(
        (
            "全镇目标",
            "全镇每年的奖励基金总额",  # the what-if cap's help: the cap is the town's
            "全镇的统一额度",
            "全镇额度",
            "全镇年度上限",
            "全镇的已用和剩余",
            "荣誉属于全镇",
            "在全镇排名",
            r"在全镇 \d+ 个社区",
            "全镇合计与其他社区的排名不显示",
            # the what-if's share note and link: their numbers are their share, not the town's
            "全镇上限在全镇层面适用，所辖部分的增减比例可能与全镇不同",
            "全镇用户打开同一链接看到全镇的数字",
        )
    )
)
PAGES = VIEWER_PAGES


@pytest.mark.warm_caches  # reads what each page draws (conftest)
@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("url_c", [None, "C02"])
def test_a_scoped_viewer_reads_their_communities_not_the_town(app, page, url_c):
    if url_c:  # their one community chosen: the way back is to their communities
        app.query_params["c"] = url_c
    log_in(app, "lu")
    open_path(app, page)
    assert not app.exception, app.exception
    if url_c and page != "present":  # the presentation has no filter bar
        assert "恢复所辖社区视图" in [b.label for b in app.button]
    text = TOWN_WORDS_ALLOWED.sub("", page_bytes(app).decode("utf-8", errors="ignore"))
    found = [text[max(0, m.start() - 30) : m.end() + 30] for m in re.finditer("全镇", text)]
    assert not found, f"{page}: {found}"


def scoped_run(con, own):
    """The query layer as the app gives it to a user scoped to ``own``: every query cut."""
    return lambda name, params=None: db.run(
        con, name, scoped_params(db.query_params(name), params or {}, own)
    )


@pytest.fixture(scope="module")
def con(fixture_dir):
    c = db.connect(fixture_dir)
    yield c
    c.close()


def test_the_briefing_for_a_scoped_user_names_their_communities(con):
    """Scoped to C01 and C02 (甲社区 400 households, 乙社区 1,000, both with resettlement
    housing): the scope line names them, the facts are theirs (1,400 of 1,400), the weakest
    platform is said of 所辖社区. Culture is weakest: 甲社区 200 and 乙社区 60 person-times,
    (200 + 60) / 4,000 residents x 1,000 = 65 per 1,000 against 100; 乙社区 (20) is below
    target, 甲社区 (200) above it."""
    own = ("C01", "C02")
    deck = build_deck(scoped_run(con, own), PERIOD, "zh", own=own)
    assert deck.scope_text == "甲社区、乙社区"
    assert deck.scope_label == "2个社区"
    assert "范围：甲社区、乙社区" in deck.filters_text
    assert deck.facts_title == "所辖社区概况（来自数据）"
    title = deck.slide("title")
    assert title.sentences[1] == "甲社区、乙社区"
    assert title.tiles[3].note == "1,400户，占所辖社区1,400户"
    assert deck.slide("ranking").sentences[0] == (
        "所辖社区最薄弱的平台是文化服务：千人活动参与人次 65，目标 100（未达标）；"
        "1个社区未达标，0个接近目标。"
    )
    en = build_deck(scoped_run(con, own), PERIOD, "en", own=own)
    assert (
        en.slide("ranking")
        .sentences[0]
        .startswith("The weakest platform in your communities is Cultural services")
    )
    assert en.slide("title").tiles[3].note == "1,400 of your communities' 1,400 households"
    town = build_deck(scoped_run(con, None), PERIOD, "zh")
    assert town.scope_text == "全镇" and town.facts_title == "全镇概况（来自数据）"
    assert town.slide("ranking").sentences[0].startswith("全镇最薄弱的平台是文化服务")


def test_a_scoped_users_one_community_is_ranked_among_the_town(con):
    """Scoped to C02 alone: its participation is second of the town's three; without the
    town's ranks (outside the app) the sentence says it is among their own."""
    own = ("C02",)
    whole = scoped_run(con, None)

    def town_ranks(quarter):
        return overview.town_ranks(whole, quarter, own)[1]

    deck = build_deck(scoped_run(con, own), PERIOD, "zh", own=own, town_ranks=town_ranks)
    # its fees rest on 2 households: few cases, said with its counts and never ranked
    assert deck.slide("longterm").sentences == (
        "乙社区的物业费收缴率为 0.0%（样本少：0/2，少于10件），不参与排名。",
    )
    # participation per 1,000 (over its 3,000 residents): 20, behind 甲's 200, before 丙's 0
    assert deck.slide("culture").sentences == (
        "乙社区的千人活动参与人次为 20，在全镇 3 个社区（村）中排第 2 位。",
    )
    alone = build_deck(scoped_run(con, own), PERIOD, "zh", own=own)
    assert alone.slide("culture").sentences == (
        "乙社区的千人活动参与人次为 20，在所辖 1 个社区（村）中排第 1 位。",
    )


def test_the_overview_answer_of_a_scoped_user_is_about_their_communities(con):
    own = ("C01", "C02")
    v = overview.build(scoped_run(con, own), PERIOD, "zh", own)
    assert v.answer.startswith("所辖社区最薄弱的平台是文化服务")
    en = overview.build(scoped_run(con, own), PERIOD, "en", own)
    assert en.answer.startswith("The weakest platform in your communities is")


def test_a_scoped_users_ranking_slide_gives_their_places_in_the_town(con):
    """Scoped to C02 (乙社区) at 2011Q2. The town's ranking, by hand from the fixture: party
    乙 100% against 甲 66.7% (#1), long-term 乙 0.0% against 甲 75.0% (#2), culture 乙 20
    against 甲 200 and 丙 0 (#2 of 3), self-governance 乙 100% against 甲 50% (#1); mean rank
    1.5, the same as 甲's (2, 1, 1, 2): tied first of the two ranked overall. Among their own
    (no town ranking given) every place is #1. No other community's row is in the slide."""
    own = ("C02",)
    whole = scoped_run(con, None)

    def town_ranking(quarter):
        return overview.town_ranks(whole, quarter, own)[0]

    deck = build_deck(scoped_run(con, own), PERIOD, "zh", own=own, town_ranking=town_ranking)
    slide = deck.slide("ranking")
    # The small-sample rule: 乙's 1 issue, 2 households and 1 stairwell (and 甲's 3, 4, 2)
    # are fewer than 10 cases: shown with their counts, unranked; ranked on culture alone,
    # nobody in the town has an overall place (0 ranked overall)
    assert slide.tables[0].rows == (
        (
            "—",
            "乙社区",
            "社区",
            "100.0% · 样本少（1/1）",
            "0.0% · 样本少（0/2）",
            "20 · × 未达标 · #2",
            "100.0% · 样本少（1/1）",
        ),
    )
    assert slide.sentences[-2].startswith("综合排名为在全镇 0 个社区（村）中的名次")
    assert slide.sentences[-1].startswith("样本少：核心指标所依据的件数（户数、人次）少于10时")
    text = repr(slide)
    assert "甲社区" not in text and "丙村" not in text
    en = build_deck(scoped_run(con, own), PERIOD, "en", own=own, town_ranking=town_ranking)
    assert en.slide("ranking").tables[0].rows[0][0] == "—"
    alone = build_deck(scoped_run(con, own), PERIOD, "zh", own=own)
    row = alone.slide("ranking").tables[0].rows[0]
    assert row[0] == "—" and row[4] == "0.0% · 样本少（0/2）"
    assert alone.slide("ranking").sentences[-2] == "名次为在所辖 0 个社区（村）中的排名。"
    town = build_deck(whole, PERIOD, "zh")
    assert [r[1] for r in town.slide("ranking").tables[0].rows] == ["甲社区", "乙社区", "丙村"]
    # no note on places for the town; the small-sample note, as some cells rest on few cases
    assert len(town.slide("ranking").sentences) == 3
    assert town.slide("ranking").sentences[-1].startswith("样本少：")


def test_the_presentations_ranking_slide_for_a_scoped_viewer(app, demo_dir):
    """In the app (lu, scoped to 新港社区 C02, on the demo data) the ranking slide's place is
    among the town's communities (第N名/共M个, M the town's ranked count, more than their one),
    and no other community is named on it."""
    app.query_params["slide"] = "8"  # after 本期变化 (3) and the four platforms
    log_in(app, "lu")
    open_path(app, "present")
    assert not app.exception, app.exception
    text = page_bytes(app).decode("utf-8", errors="ignore")
    places = re.findall(r"第(\d+)名/共(\d+)个", text)
    assert places, "no town place on the ranking slide"
    assert all(int(n) > 1 and 1 <= int(r) <= int(n) for r, n in places)
    assert "综合排名为在全镇" in text
    others = pd.read_parquet(demo_dir / "communities.parquet")
    for name in others.loc[others["community_id"] != "C02", "name_zh"]:
        assert name not in text, name
