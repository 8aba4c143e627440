"""A shared what-if link in the real Chromium: the receiver sees the numbers the engine gives."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from playwright.sync_api import expect

from governance import db, export, fmt
from governance.whatif.fund import reward_fund
from governance.whatif.fund_view import wan_yuan
from governance.whatif.params import FundParams
from scripts.browser import wait_for_app
from tests.fixtures.runners import TOWN

pytestmark = pytest.mark.browser


@pytest.fixture
def page(module_tab):
    """Every test in one tab (conftest.module_tab): none logs in or keeps browser state."""
    return module_tab


START, END = date(2010, 1, 1), date(2011, 10, 1)  # the default period: 2010Q1-2011Q4


def engine(demo_dir, params: FundParams):
    """The fund over the default period for the whole town, computed by the engine alone."""
    con = db.connect(demo_dir)
    try:
        ids = db.run(con, "communities_list", TOWN)["community_id"].tolist()
        rows = db.run(
            con,
            "whatif_assessments_by_company_community_quarter",
            {"period_from": START, "period_to": END, "communities": ids, "scope": db.WHOLE_TOWN},
        )
        names = db.run(con, "communities_list", TOWN)
    finally:
        con.close()
    result = reward_fund(rows, params)
    p = result.payments
    paid = float(p.loc[(p["quarter"] >= pd.Timestamp(START)), "paid_yuan"].sum())
    return rows, result, paid, names


def signed(x: float) -> str:
    return ("+" if x > 0 else "-") + fmt.yuan(abs(x))


def metric(page, label: str):
    tile = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return tile.locator('[data-testid="stMetricValue"]')


def test_a_shared_link_shows_the_same_numbers(served_app, page, demo_dir, tmp_path):
    params = FundParams(rate=0.15, min_score=80)
    rows, result, paid, _ = engine(demo_dir, params)
    _, baseline, _, _ = engine(demo_dir, FundParams())

    page.goto(f"{served_app}/whatif?wf_rate=0.15&wf_min=80")
    wait_for_app(page)
    # On a freshly started server the first run goes through app.py after one rerun: let the
    # page finish drawing before reading it (expect() retries until the text is there).
    used = float(result.by_year.set_index("year").loc[2011, "paid"])
    expect(metric(page, "奖励金发放")).to_have_text(fmt.yuan(paid), timeout=30_000)
    wait_for_app(page)
    assert "情景推演" in page.inner_text("body")
    # the inputs hold the link's values
    expect(page.get_by_role("spinbutton", name="奖励标准（元/平方米）")).to_have_value("0.150")
    expect(page.get_by_role("spinbutton", name="最低考核分")).to_have_value("80.0")
    # the headline numbers are the engine's
    expect(metric(page, "2011年已用 / 上限 100万元")).to_have_text(wan_yuan(used, "zh"))
    # and so is every company's pay-out: the per-company table's CSV download
    names = rows.drop_duplicates("company_id").set_index("company_id")["company_zh"]
    with page.expect_download() as download:
        page.get_by_role("button", name="下载 CSV").first.click()
    csv = pd.read_csv(download.value.path(), encoding="utf-8-sig")
    id_label = export.labelled(pd.DataFrame(columns=["company_id"]), "zh").columns[0]
    table = csv.set_index(id_label)
    paid_in_period = result.payments[result.payments["quarter"] >= pd.Timestamp(START)]
    expected = paid_in_period.groupby("company_id")["paid_yuan"].sum().round(2)
    assert sorted(table.index) == sorted(expected.index)
    for company_id, yuan in expected.items():
        assert table.loc[company_id, "物业公司"] == names[company_id]
        assert table.loc[company_id, "方案奖励金（元）"] == pytest.approx(yuan, abs=0.005)
    # the change chart beside it labels each company's change the same way
    chart = page.locator('[data-testid="stPlotlyChart"]').first.inner_text()
    base_paid = baseline.payments[baseline.payments["quarter"] >= pd.Timestamp(START)]
    base = base_paid.groupby("company_id")["paid_yuan"].sum()
    first = expected.index[0]
    assert signed(expected[first] - base[first]) in chart
    # the link shown on the page reproduces the scenario, global filters included
    link = page.locator('[data-testid="stCode"]').first.inner_text()
    assert "/whatif?" in link and "wf_rate=0.15" in link and "wf_min=80" in link
    assert "from=2010Q1" in link and "to=2011Q4" in link
    assert "wf_rate=0.15" in page.url and "wf_min=80" in page.url
    page.screenshot(path=str(tmp_path / "whatif_shared.png"), full_page=True)


def lever_tab(page, label: str) -> None:
    """Click a lever's tab (only the open one runs, issue 24) and let the app redraw."""
    page.locator(".st-key-whatif_section [role=tab]", has_text=label).first.click()
    wait_for_app(page)


def test_a_lever_keeps_its_value_while_its_tab_is_closed(served_app, page):
    """Issue 24: a closed tab's inputs are not drawn; reopened, they show the scenario in force,
    and the next click sends it back unchanged. (Fails now: fund -> scoring -> saved -> fund
    shows the rate and the cap as 0, and the next click makes them the scenario: wf_rate=0,
    wf_cap=0, and the fund says 参数有误.)"""
    page.goto(f"{served_app}/whatif?wf_rate=0.15&wf_ws=0.1&wf_wt=0.6")
    wait_for_app(page)
    rate = page.get_by_role("spinbutton", name="奖励标准（元/平方米）")
    expect(rate).to_have_value("0.150", timeout=30_000)
    lever_tab(page, "三方评分")
    expect(page.get_by_role("spinbutton", name="自评权重（%）")).to_have_value("10.0")
    expect(rate).to_have_count(0)  # the fund's tab closed: its inputs are not drawn
    lever_tab(page, "保存与比较")
    lever_tab(page, "奖励基金")
    expect(rate).to_have_value("0.150")
    lever_tab(page, "三方评分")  # a click: the browser sends the inputs it holds
    assert "wf_rate=0.15" in page.url and "wf_ws=0.1" in page.url and "wf_wt=0.6" in page.url
    assert "wf_cap" not in page.url
