"""The 数据管理 page in the real Chromium (Debian's): template download, an upload with one
error and its report, the corrected upload committed, the dashboard changed, the rollback.

The app is served on a temporary copy of the demo data, never on platform_data/.
"""

from __future__ import annotations

import re
import shutil
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from scripts.browser import wait_for_app
from tests.conftest import serve

pytestmark = pytest.mark.browser


def metric(page, label: str) -> str:
    tile = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return tile.locator('[data-testid="stMetricValue"]').inner_text().strip()


def wait_text(page, text: str) -> None:
    """Wait until ``text`` is on the page (a rerun may start a moment after the click)."""
    page.get_by_text(text).first.wait_for(timeout=60_000)
    wait_for_app(page)


def petitions_become(page, expected: int) -> int:
    """The town's 信访总量 once it reads ``expected`` (or what it reads after 30 s)."""
    for _ in range(60):
        value = int(metric(page, "信访总量").rstrip("件"))
        if value == expected:
            break
        page.wait_for_timeout(500)
    return value


def open_nav(page, title: str) -> None:
    page.locator('[data-testid="stSidebarNav"] a').filter(has_text=title).first.click()
    wait_for_app(page)


def choose(page, key: str, text: str) -> None:
    """Pick the option containing ``text`` in the selectbox with widget key ``key``."""
    box = page.locator(f'.st-key-{key} input[role="combobox"]')
    box.click()
    box.fill(text)
    page.get_by_role("option").filter(has_text=text).first.click()
    wait_for_app(page)


def problem_rows(page) -> list[list[str]]:
    """The report's rows as the grid shows them (7 cells a row: level ... reason)."""
    level = page.locator('[role="gridcell"]').filter(has_text=re.compile("^错误$"))
    level.first.wait_for(state="attached")  # the grid makes its cells after the frame arrives
    grid = page.locator('[data-testid="stDataFrame"]').filter(has=level).first
    cells = [c.inner_text().strip() for c in grid.locator('[role="gridcell"]').all()]
    return [cells[i : i + 7] for i in range(0, len(cells), 7)]


def fill(template: Path, out: Path, values: dict[int, object]) -> None:
    """The template with its example row replaced by ``values`` (column index -> value)."""
    book = load_workbook(template)
    sheet = book.worksheets[0]
    for index, value in values.items():
        sheet.cell(row=2, column=index + 1, value=value)
    book.save(out)


@pytest.fixture
def served_copy(demo_dir: Path, tmp_path: Path, monkeypatch):
    # the served app's audit log goes to a state store of the test's own (serve passes the env)
    monkeypatch.setenv("GOVERNANCE_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("GOVERNANCE_STATE_URL", raising=False)
    folder = tmp_path / "data"
    shutil.copytree(demo_dir, folder)
    with serve(folder) as base:
        yield base, folder


def test_template_upload_fix_commit_see_the_change_and_roll_back(served_copy, page, tmp_path):
    base, folder = served_copy
    outcomes = pd.read_parquet(folder / "outcomes.parquet")
    v01 = outcomes[
        (outcomes["community_id"] == "V01") & (outcomes["quarter"].astype(str) == "2011-10-01")
    ]
    r = v01.iloc[0]

    page.goto(base)
    wait_for_app(page)
    town_before = int(metric(page, "信访总量").rstrip("件"))

    # the template of the outcomes table
    open_nav(page, "数据管理")
    page.get_by_role("tab", name="模板下载").click()
    choose(page, "data_tpl_table", "outcomes")
    with page.expect_download() as download:
        page.locator(".st-key-data_tpl_one button").click()
    template = tmp_path / "template.xlsx"
    download.value.save_as(template)
    headers = [c.value for c in load_workbook(template).worksheets[0][1]]
    assert headers[3] == "信访件数（件）" and headers[6] == "环境管理质量（分）"

    # V01's last quarter with 100 more petitions, and one error: a score of 150 (max 100)
    row = {
        0: "V01",
        1: datetime(2011, 10, 1),
        2: int(r["security_incidents"]),
        3: int(r["petitions"]) + 100,
        4: int(r["skip_level_batches"]),
        5: int(r["skip_level_persons"]),
        6: 150,
        7: float(r["safety_index"]),
        8: float(r["democratic_awareness"]),
        9: float(r["satisfaction_pct"]),
    }
    bad, good = tmp_path / "outcomes_filled.xlsx", tmp_path / "outcomes_fixed.xlsx"
    fill(template, bad, row)
    fill(template, good, {**row, 6: float(r["environment_score"])})

    page.get_by_role("tab", name="导入数据").click()
    uploader = page.locator('.st-key-data_upload [data-testid="stFileUploaderDropzoneInput"]')
    uploader.set_input_files(str(bad))
    wait_text(page, "发现 1 个错误")
    errors = [p for p in problem_rows(page) if p[0] == "错误"]
    assert len(errors) == 1
    _level, file, sheet, excel_row, column, value, reason = errors[0]
    assert (file, excel_row, column, value) == (
        "outcomes_filled.xlsx",
        "2",
        "环境管理质量 (environment_score)",
        "150",
    )
    assert sheet == "三降四升成效指标" and "100" in reason
    assert page.locator(".st-key-data_commit button").is_disabled()
    assert "不能提交：文件有 1 个错误" in page.inner_text("body")

    # the corrected file: a jump warning to accept, then the commit
    uploader.set_input_files(str(good))
    wait_text(page, "修改 1 行")
    body = page.inner_text("body")
    assert "修改 1 行" in body and "0 个错误" in body
    page.locator(".st-key-data_accept_warnings label").click()
    page.locator(".st-key-data_commit button:not([disabled])").wait_for(timeout=60_000)
    page.locator(".st-key-data_commit button").click()
    wait_text(page, "已提交：当前数据为第 2 版")

    open_nav(page, "总览")
    assert petitions_become(page, town_before + 100) == town_before + 100

    # roll the outcomes back to version 1 (the demo data as found)
    open_nav(page, "数据管理")
    page.get_by_role("tab", name="历史与回滚").click()
    choose(page, "data_hist_table", "outcomes")
    choose(page, "data_rb_version", "第 1 版")
    page.locator(".st-key-data_rb_confirm label").click()
    page.locator(".st-key-data_rb_go button:not([disabled])").wait_for(timeout=60_000)
    page.locator(".st-key-data_rb_go button").click()
    wait_text(page, "记为第 3 版")

    open_nav(page, "总览")
    assert petitions_become(page, town_before) == town_before
    # the audit log has the import of each file, the commit and the rollback
    from governance.auth import audit

    assert audit.read()["event"].tolist() == ["rollback", "commit", "import", "import"]
