"""Every platform page lays its KPI tiles out in one grid (ui/widgets.kpi_tiles), four to a
row: any number of tiles wraps. Once the tiles were hard-wired 4 + 4 with ``strict=True`` and
a ninth tile crashed the page."""

from __future__ import annotations

import dataclasses

from governance.indicators import PLATFORM_RECORDS
from tests.apptest_support import app_on, open_page
from tests.apptest_support import tiles as metrics
from tests.fixtures.culture import write_culture_fixture


def test_a_ninth_tile_wraps_onto_a_row_of_its_own(tmp_path, monkeypatch):
    # the culture page with trainees placed in jobs as a ninth tile (a registry measure of the
    # platform's own parts): its own data folder, so no view model of eight tiles is reused
    record = PLATFORM_RECORDS["culture"]
    ninth = dataclasses.replace(record, kpi_row=(*record.kpi_row, "placed"))
    monkeypatch.setitem(PLATFORM_RECORDS, "culture", ninth)
    at = open_page(app_on(write_culture_fixture(tmp_path), monkeypatch), "culture")
    m = metrics(at)
    assert len(m) == 9
    # 2011Q2, by hand (tests/test_culture_queries.py): 17 of the 90 trainees placed (18.9 %)
    assert m["推荐就业人数"][0] == "17"
    assert m["培训人数"][0] == "90"
