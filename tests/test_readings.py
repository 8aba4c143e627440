"""One reading of each indicator everywhere: the same value on every page for the same
indicator, community and period (the last quarter of the period)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from governance import db, kpi
from tests.apptest_support import app_on, open_page


@pytest.fixture(scope="module")
def demo_frames(demo_dir):
    con = db.connect(demo_dir)
    try:
        yield {
            "parts": db.run(con, "indicator_parts_by_community_quarter"),
            "targets": db.run(con, "targets_all"),
            "communities": db.run(con, "communities_list"),
        }
    finally:
        con.close()


def test_party_bars_and_overview_ranking_agree(demo_dir, demo_frames, monkeypatch):
    at = app_on(demo_dir, monkeypatch)
    at.query_params.update({"from": "2010Q1", "to": "2011Q4"})
    open_page(at, "party")
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
