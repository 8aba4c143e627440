"""Drills that land somewhere, in the real Chromium: a community's records open on the rows
behind its tiles (their quarter, that community, the ratio written out: culture's activities,
long-term management's grid cases), and a secretary
scoped to one community opens its profile from a ranking row."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from governance import db, filters, periods
from governance.db import ROW_COUNT
from scripts.browser import wait_for_app
from tests.conftest import environ, serve
from tests.fixtures.browser import open_section
from tests.fixtures.runners import TOWN

pytestmark = pytest.mark.browser
PASSWORD = "viewer-pass-1"


def caihong(demo_dir: Path) -> tuple[str, date, int]:
    """彩虹社区's id, the quarter the pages open on, and its activities in that quarter."""
    con = db.connect(demo_dir)
    try:
        communities = db.run(con, "communities_list", TOWN)
        cid = communities.loc[communities["name_zh"] == "彩虹社区", "community_id"].iloc[0]
        quarters = db.run(con, "periods_available", TOWN)["quarter"]
        as_of = pd.Timestamp(db.run(con, "data_as_of", TOWN).iloc[0, 0]).date()
        last = filters.default_filters([pd.Timestamp(q).date() for q in quarters], as_of).period_to
        params = {"period_from": last, "period_to": last, "communities": [cid], ROW_COUNT: True}
        n = int(db.run(con, "culture_activities_records", params)["row_count"].iloc[0])
    finally:
        con.close()
    return cid, last, n


def test_a_communitys_records_are_its_tiles_quarter(served_app, demo_dir, page):
    cid, last, n = caihong(demo_dir)
    page.goto(f"{served_app}/culture?c={cid}")
    wait_for_app(page)
    open_section(page, "culture_section", "明细记录")  # the records and their formulas
    quarter = periods.short(last)
    formula = page.get_by_text(re.compile(rf"^千人活动参与人次（{quarter} · 彩虹社区）：[\d,]+ = "))
    formula.first.wait_for(timeout=60_000)
    text = formula.first.inner_text()
    assert re.search(r"= [\d,]+ 人次 ÷ [\d,]+ 人 × 1,000$", text), text
    assert f"下列记录为 {quarter}、彩虹社区的记录" in page.inner_text("body")
    assert page.get_by_text(f"共 {n:,} 条记录").first.is_visible()


def grid_cases_in_quarter(demo_dir: Path, cid: str, last: date) -> int:
    """彩虹社区's grid cases reported in the quarter the pages open on."""
    con = db.connect(demo_dir)
    try:
        params = {"period_from": last, "period_to": last, "communities": [cid], ROW_COUNT: True}
        return int(db.run(con, "longterm_grid_cases_records", params)["row_count"].iloc[0])
    finally:
        con.close()


def test_a_communitys_grid_cases_are_its_tiles_quarter(served_app, demo_dir, page):
    cid, last, _ = caihong(demo_dir)
    n = grid_cases_in_quarter(demo_dir, cid, last)
    page.goto(f"{served_app}/longterm?c={cid}")
    wait_for_app(page)
    open_section(page, "longterm_section", "明细记录")  # the records and their formulas
    quarter = periods.short(last)
    formula = page.get_by_text(re.compile(rf"^网格案件结案率（{quarter} · 彩虹社区）："))
    formula.first.wait_for(timeout=60_000)
    text = formula.first.inner_text()
    assert re.search(r"= [\d,]+ 件已结案 ÷ [\d,]+ 件计入案件 × 100%$", text), text
    kinds = page.locator(".st-key-longterm_records_kind")
    kinds.scroll_into_view_if_needed()
    kinds.get_by_role("radio", name="网格案件").click()  # a segment is a radio
    page.get_by_text(f"共 {n:,} 条记录").first.wait_for(timeout=60_000)
    assert f"下列记录为 {quarter}、彩虹社区的记录" in page.inner_text("body")


@pytest.fixture(scope="module")
def scoped_app(demo_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    """The real app with GOVERNANCE_AUTH=local and a viewer scoped to 芦苑社区 (C02)."""
    state = tmp_path_factory.mktemp("scoped_drill_state")
    env = {
        "GOVERNANCE_AUTH": "local",
        "GOVERNANCE_STATE_DIR": str(state),
        "GOVERNANCE_USERS": str(state / "users.toml"),
        "GOVERNANCE_STATE_URL": None,
    }
    with environ(**env):
        from governance.auth import users

        users.upsert("wang", "viewer", ("C02",), password=PASSWORD)
        with serve(demo_dir) as base:
            yield base


def test_a_scoped_secretarys_ranking_row_opens_her_communitys_profile(scoped_app, page):
    page.goto(scoped_app)
    wait_for_app(page)
    page.get_by_label("用户名").fill("wang")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    wait_for_app(page)
    open_section(page, "ov_section", "社区 × 平台 排名")
    ranking = page.locator(".st-key-ov_ranking")
    ranking.wait_for(timeout=60_000)
    ranking.scroll_into_view_if_needed()
    assert "点击一行即打开该社区的社区画像" in page.inner_text("body")
    box = ranking.locator('[data-testid="stDataFrameResizable"]')
    grid = box.bounding_box()
    page.mouse.click(grid["x"] + 12, grid["y"] + 35 + 17)  # her one row's checkbox
    page.wait_for_url(re.compile(r"/profile"), timeout=30_000)
    wait_for_app(page)
    heading = page.get_by_role("heading", name=re.compile("社区画像：芦苑社区"))
    heading.wait_for(timeout=30_000)
