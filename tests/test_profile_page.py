"""社区画像: the page opens on the community that needs attention most, never on a prompt."""

from __future__ import annotations

import pandas as pd

from governance import kpi
from tests.apptest_support import app_on, open_page
from tests.fixtures.runners import TOWN

Q = pd.Timestamp("2011-10-01")
HEADLINES = (
    "issue_resolution_rate",
    "fee_collection_rate",
    "participation_per_1000",
    "star3_share",
)
NO_TARGETS = pd.DataFrame({"indicator_id": [], "community_id": [], "target": []})


def parts(values: dict[str, tuple[float | None, ...]]) -> pd.DataFrame:
    """Headline parts with den 100 (per 1,000 uses den 1000), one row per value given."""
    rows = []
    for community, nums in values.items():
        for indicator_id, num in zip(HEADLINES, nums, strict=True):
            if num is None:
                continue
            den = 1000.0 if indicator_id == "participation_per_1000" else 100.0
            rows.append((community, Q, indicator_id, float(num), den))
    return pd.DataFrame(rows, columns=["community_id", "quarter", "indicator_id", "num", "den"])


def test_the_weakest_community_is_last_in_the_overall_ranking():
    # A best on every platform (rank 1), B second, C last: mean ranks 1, 2, 3.
    frame = parts({"A": (90, 80, 700, 95), "B": (80, 70, 600, 90), "C": (70, 60, 500, 85)})
    assert kpi.weakest_community(frame, Q.date(), NO_TARGETS, ["A", "B", "C"]) == "C"
    # D is worse still but on two platforms only: it has no overall rank, so C stays weakest.
    frame = parts(
        {
            "A": (90, 80, 700, 95),
            "B": (80, 70, 600, 90),
            "C": (70, 60, 500, 85),
            "D": (10, None, None, 5),
        }
    )
    assert kpi.weakest_community(frame, Q.date(), NO_TARGETS, ["A", "B", "C", "D"]) == "C"
    assert kpi.weakest_community(frame.iloc[0:0], Q.date(), NO_TARGETS, ["A"]) is None


def test_without_a_community_the_profile_shows_the_weakest(demo_dir, monkeypatch):
    at = open_page(app_on(demo_dir, monkeypatch), "profile")
    from governance import db

    con = db.connect(demo_dir)
    try:
        demo_parts = db.run(con, "indicator_parts_by_community_quarter", TOWN)
        demo_targets = db.run(con, "targets_all", TOWN)
        names = db.run(con, "communities_list", TOWN).set_index("community_id")["name_zh"]
    finally:
        con.close()
    quarter = pd.Timestamp(at.session_state["flt_current"].period_to).date()
    worst = kpi.weakest_community(demo_parts, quarter, demo_targets, list(names.index))
    assert worst is not None
    assert at.title[0].value == f"社区画像：{names[worst]}"
    assert any(names[worst] in i.value and "综合排名最后" in i.value for i in at.info)
    assert at.metric, "the profile's tiles are shown, not an empty prompt"
    assert at.session_state["flt_communities"] == [], "the global filter is left as it was"
    # the header's scope is the community profiled, never 全镇 under a community's title
    header = next(c.value for c in at.caption if c.value.startswith("数据截至"))
    assert header.endswith(f"范围：{names[worst]}"), header
