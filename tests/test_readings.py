"""One reading of each indicator everywhere: the same value on every page for the same
indicator, community and period (the last quarter of the period)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from governance import db, kpi
from tests.apptest_support import app_on, open_page, open_section
from tests.fixtures.runners import TOWN


@pytest.fixture(scope="module")
def demo_frames(demo_dir):
    con = db.connect(demo_dir)
    try:
        yield {
            "parts": db.run(con, "indicator_parts_by_community_quarter", TOWN),
            "targets": db.run(con, "targets_all", TOWN),
            "communities": db.run(con, "communities_list", TOWN),
        }
    finally:
        con.close()


def test_party_bars_and_overview_ranking_agree(demo_dir, demo_frames, monkeypatch):
    at = app_on(demo_dir, monkeypatch)
    at.query_params.update({"from": "2010Q1", "to": "2011Q4"})
    open_page(at, "party")
    open_section(at, "party_section", "分社区比较")  # only the open section below the tiles runs
    charts = [json.loads(el.proto.spec) for el in at.get("plotly_chart")]
    bars = next(
        c for c in charts if c["data"] and c["data"][0].get("orientation") == "h"
    )  # the by-community chart, on its first measure: the resolution rate
    shown = dict(zip(bars["data"][0]["customdata"], bars["data"][0]["x"], strict=True))
    ids = demo_frames["communities"]["community_id"].tolist()
    ranked = kpi.ranking(
        demo_frames["parts"], pd.Timestamp("2011-10-01").date(), demo_frames["targets"], ids
    ).set_index("community_id")["party_value"]
    compared = 0
    for community_id, value in shown.items():
        if value is None or pd.isna(ranked.get(community_id)):
            continue
        assert value == pytest.approx(ranked[community_id]), community_id
        compared += 1
    assert compared >= 5, "most communities are compared"


def test_the_overview_says_the_weakest_platform_and_the_town_in_numbers(fixture_dir, monkeypatch):
    """Fixture, 2011Q2, against the town targets: participation 58 per 1,000 of a target of
    100 reaches 58% of it; fee collection 50.0% of 60 (83%), resolution 75.0% of 80 (94%) and
    stairwells 66.7% of 90 (74%) reach more, so 文化服务 is the weakest. The town: 4,500
    residents, 90,000 m² (9万平方米), two communities and a village."""
    at = app_on(fixture_dir, monkeypatch)
    at.run()
    answer = at.info[0].value
    assert answer.startswith("全镇最薄弱的平台是文化服务：千人活动参与人次 58，未达标。")
    assert "需要重点关注的社区（按未达标平台数，样本少的不计）：" in answer
    # and how both were chosen, right under the answer
    assert any(
        c.value.startswith("最薄弱的平台：先看方向——低于目标且下降的平台优先") for c in at.caption
    )
    facts = next(c.value for c in at.caption if "概况" in c.value)
    assert "常住人口 4,500人" in facts and "9万平方米" in facts
    assert "2个社区、1个村" in facts
    # the scorecards say the target status whatever the basis (here 环比)
    assert any(c.value == "目标 100：× 未达标" for c in at.caption)
