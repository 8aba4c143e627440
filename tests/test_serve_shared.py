"""Two replicas behind the proxy share the run-time state (issue 13): five failed logins spread
over both lock the account whichever replica the next attempt reaches, and a data commit is
seen by every replica on its next interaction."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from governance import db
from governance.auth import users
from scripts import serve
from scripts.browser import wait_for_app
from scripts.data import main as data_cli

pytestmark = pytest.mark.browser
PASSWORD = "shared-pass-1"


@pytest.fixture(scope="module")
def login_deployment(demo_dir, tmp_path_factory):
    """Two replicas with login on, on a copy of the demo data (this module commits to it)."""
    root = tmp_path_factory.mktemp("serve-shared")
    data = root / "data"
    shutil.copytree(demo_dir, data)
    state_dir = root / "state"
    users_file = state_dir / "users.toml"
    saved = {k: os.environ.get(k) for k in ("GOVERNANCE_USERS", "GOVERNANCE_STATE_DIR")}
    os.environ["GOVERNANCE_USERS"] = str(users_file)
    os.environ["GOVERNANCE_STATE_DIR"] = str(state_dir)
    url_before = os.environ.pop("GOVERNANCE_STATE_URL", None)  # both replicas share SQLite
    users.upsert("wang", "editor", (), password=PASSWORD)
    users.upsert("li", "viewer", (), password=PASSWORD)
    env = {
        "GOVERNANCE_DATA_DIR": str(data),
        "GOVERNANCE_STATE_DIR": str(state_dir),
        "GOVERNANCE_USERS": str(users_file),
        "GOVERNANCE_AUTH": "local",
    }
    try:
        with serve.running(2, work_dir=root / "serve", env=env, listen_address="127.0.0.1") as dep:
            yield dep, data
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        if url_before is not None:
            os.environ["GOVERNANCE_STATE_URL"] = url_before


def attempt(page, base: str, name: str, password: str) -> str:
    page.goto(base)
    wait_for_app(page)
    page.get_by_label("用户名").fill(name)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    wait_for_app(page)
    return page.inner_text("body")


def test_five_failed_logins_over_two_replicas_lock_the_account(login_deployment, chromium):
    dep, _ = login_deployment
    a, b = dep.replicas
    context = chromium.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    for base in (a.base, b.base, a.base, b.base, a.base):  # 3 on A, 2 on B
        attempt(page, base, "li", "wrong-password")
    # the sixth try, with the right password, on B: locked there too
    body = attempt(page, b.base, "li", PASSWORD)
    assert "账号已锁定" in body
    assert page.locator('[data-testid="stMetric"]').count() == 0
    context.close()


def petitions(page) -> str:
    tile = page.locator('[data-testid="stMetric"]').filter(has_text="信访总量").first
    return tile.locator('[data-testid="stMetricValue"]').inner_text().strip()


def test_a_commit_is_seen_by_every_replica_on_its_next_interaction(
    login_deployment, chromium, tmp_path
):
    dep, data = login_deployment
    pages = []
    for replica in dep.replicas:
        context = chromium.new_context(viewport={"width": 1600, "height": 1200}, locale="zh-CN")
        page = context.new_page()
        attempt(page, f"{replica.base}/?c=C01&from=2011Q1&to=2011Q4", "wang", PASSWORD)
        page.get_by_text("wang · ").wait_for(timeout=60_000)  # the header says who
        page.locator('[data-testid="stMetric"]').filter(has_text="信访总量").first.wait_for(
            timeout=60_000
        )
        pages.append((context, page))
    before = [petitions(page) for _, page in pages]
    assert before[0] == before[1]

    # C01's petitions in 2011Q4 plus 100, committed as an import (the data page's code path)
    con = db.connect(data)
    try:
        row = con.execute(
            "select * from outcomes where community_id = 'C01' and quarter = date '2011-10-01'"
        ).df()
    finally:
        con.close()
    row["petitions"] = row["petitions"] + 100
    row["quarter"] = pd.to_datetime(row["quarter"]).dt.strftime("%Y-%m-%d")
    file = Path(tmp_path) / "outcomes.csv"
    row.to_csv(file, index=False)
    assert data_cli(["--data-dir", str(data), "import", str(file)]) == 0

    for _, page in pages:  # the next interaction on each replica
        page.get_by_role("radio", name="同比").click()
        wait_for_app(page)
        page.wait_for_timeout(500)
    after = [petitions(page) for _, page in pages]
    assert after[0] == after[1] != before[0]
    assert int(after[0].rstrip("件")) == int(before[0].rstrip("件")) + 100
    for context, _ in pages:
        context.close()
