"""The measure registry: every KPI a page shows is a measure of governance/indicators.py."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from governance import kpi
from governance.indicators import INDICATORS, PAGE_MEASURES, REGISTRY, measure
from tests.apptest_support import app_on, open_page

# The pages that draw KPI tiles (the what-if page shows scenario results, not measures).
KPI_PAGES = ("overview", "party", "longterm", "culture", "selfgov", "profile")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", KPI_PAGES)
def test_every_kpi_tile_shows_a_registry_measure(demo_dir, monkeypatch, page, lang):
    import ui.widgets

    shown = []
    real = ui.widgets.kpi_tile

    def recording(k, *args, **kwargs):
        shown.append(k.indicator)
        return real(k, *args, **kwargs)

    monkeypatch.setattr(ui.widgets, "kpi_tile", recording)
    at = app_on(demo_dir, monkeypatch)
    at.query_params["lang"] = lang
    open_page(at, page)
    assert shown, f"{page} shows KPI tiles"
    for ind in shown:
        assert REGISTRY.get(ind.id) == ind, f"{page}: {ind.id} is not the registry's measure"
    labels = {m.label for m in at.metric}
    assert labels & {ind.label(lang) for ind in shown}, "the recorded tiles are on the page"


def test_ids_are_unique_and_every_measure_is_described():
    assert len(REGISTRY) == len(INDICATORS) + len(PAGE_MEASURES)
    for m in REGISTRY.values():
        assert m.label("zh") and m.label("en") and m.label("zh") != m.label("en"), m.id
        assert m.better in ("up", "down"), m.id
        assert m.how in ("sum", "ratio"), m.id
        assert m.unit in ("pct", "score", "count", "per10k", "per1000", "days", "yuan"), m.id
    assert measure("reward_paid").how == "sum" and measure("grid_days_to_close").how == "ratio"
    with pytest.raises(KeyError):
        measure("no_such_measure")


def test_every_source_query_exists_and_names_the_measure():
    from governance import db

    names = set(db.all_query_names())
    for m in REGISTRY.values():
        assert m.source in names, m.id
        text = db.query_text(m.source)
        # the query's text, or a base view's it selects from: the indicator parts are a base
        # view the catalog holds as a table (db.MATERIALISED), selected by their query
        text += "".join(db.base_view_text(v) for v in db.BASE_VIEWS if re.search(rf"\b{v}\b", text))
        # (was ``m.column or m.id``: every source is long parts now, carrying the id itself)
        assert m.id in text, f"{m.source} does not supply {m.id}"


def test_one_aggregation_rule_for_every_kind_of_measure():
    """By hand: a rate is a ratio of sums x 100, a weighted mean a ratio of sums, a total a
    sum, whatever query the parts came from."""
    q = pd.Timestamp("2011-10-01")
    parts = pd.DataFrame(
        {
            "community_id": ["A", "B"] * 4,
            "quarter": [q] * 8,
            "indicator_id": ["fee_collection_rate"] * 2
            + ["grid_days_to_close"] * 2
            + ["reward_paid"] * 2
            + ["election_turnout"] * 2,
            "num": [30.0, 10.0, 12.0, 3.0, 100.0, 50.0, 90.0, 10.0],
            "den": [60.0, 40.0, 3.0, 2.0, None, None, 100.0, 100.0],
        }
    )
    values = kpi.aggregate(parts, ["A", "B"]).set_index("indicator_id")["value"]
    assert values["fee_collection_rate"] == pytest.approx(40 / 100 * 100)  # not (50% + 25%) / 2
    assert values["grid_days_to_close"] == pytest.approx(15 / 5)  # pooled over the cases
    assert values["reward_paid"] == 150.0
    assert values["election_turnout"] == pytest.approx(50.0)


def test_against_the_target_a_measure_without_one_says_no_target(demo_dir, monkeypatch):
    """Page measures have no targets: on the 目标 basis their tiles say 无目标, not 无可比数据;
    a turnout without an election in the period says why under the tile."""
    at = app_on(demo_dir, monkeypatch)
    at.query_params.update({"basis": "target", "from": "2010Q1", "to": "2010Q4"})  # no election
    open_page(at, "selfgov")
    tiles = {m.label: m for m in at.metric}
    assert tiles["三会召开次数"].delta == "无目标"
    turnout = tiles["最近一次选举参选率"]
    assert turnout.value == "—"
    assert any("选举" in c.value for c in at.caption), "the reason for no turnout is shown"
