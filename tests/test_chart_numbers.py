"""Chart axes read the Chinese way: whole numbers with separators, never "30k" or "1M"."""

from __future__ import annotations

import json

import pytest

from governance import charts
from tests.apptest_support import app_on, every_section, open_page

# The pages that draw charts (the overview and the profile show tiles and tables).
PAGES = ("party", "longterm", "culture", "selfgov", "whatif")
# The platform pages and what-if (its levers) draw their charts in sections of which only the
# open one runs (ui/sections.py): every section is opened in turn.
SECTIONED = ("party", "longterm", "culture", "selfgov", "whatif")


def test_bars_of_large_values_carry_no_si_prefix():
    fig = charts.community_bars(["C01"], ["彩虹社区"], [30_000.0], "参与人次")
    assert fig.layout.xaxis.exponentformat == "none" and fig.layout.xaxis.separatethousands
    assert fig.layout.yaxis.exponentformat == "none"


def test_a_trend_of_rates_says_percent_on_its_axis():
    from datetime import date

    q = [date(2011, 1, 1), date(2011, 4, 1)]
    rate = charts.trend(q, {"就业率": [50.0, 60.0]}, "t", indicators=("placement_rate",))
    assert rate.layout.yaxis.title.text == "%"  # the culture page's placement trend had none
    counts = charts.trend(q, {"人次": [5, 6]}, "t", indicators=("trainees",))
    assert counts.layout.yaxis.title.text in (None, "")
    mixed = charts.trend(
        q, {"a": [1, 2], "b": [3, 4]}, "t", indicators=("placement_rate", "trainees")
    )
    assert mixed.layout.yaxis.title.text in (None, "")  # a count beside it: not all in %
    assert (
        charts.trend(
            q, {"a": [1, 2]}, "t", "分", indicators=("placement_rate",)
        ).layout.yaxis.title.text
        == "分"
    )


@pytest.mark.warm_caches  # reads what each page draws (conftest)
@pytest.mark.parametrize("page", PAGES)
def test_every_chart_on_every_page_has_plain_number_axes(demo_dir, monkeypatch, page):
    at = open_page(app_on(demo_dir, monkeypatch), page)
    opened = every_section(at, f"{page}_section") if page in SECTIONED else [at]
    specs = [json.loads(el.proto.spec) for _ in opened for el in at.get("plotly_chart")]
    assert specs, f"{page} draws charts"
    for spec in specs:
        layout = spec.get("layout", {})
        axes = [v for k, v in layout.items() if k.startswith(("xaxis", "yaxis"))]
        numeric = [
            a
            for a in axes
            if a.get("type") not in ("category", "date")
            and a.get("visible", True)
            and "%Y" not in a.get("tickformat", "")  # a time axis
        ]
        for axis in numeric:
            assert axis.get("exponentformat") == "none", (page, layout.get("title"))
