"""Global filters <-> URL query parameters, including every kind of bad value."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from governance import filters as flt
from governance import fmt, periods
from governance.indicators import indicator
from tests import fixture_data
from tests.apptest_support import app_on, url

QUARTERS = [date(2010, 1, 1), date(2010, 4, 1), date(2010, 7, 1), date(2010, 10, 1)]
IDS = ["C01", "C02", "V01"]


def test_defaults_when_the_url_is_empty():
    f, errors = flt.from_query({}, QUARTERS, IDS)
    assert errors == []
    assert (f.period_from, f.period_to) == (QUARTERS[0], QUARTERS[-1])
    assert f.communities == () and f.basis == "qoq" and f.lang == "zh"


# The data's quarters 2009Q1-2011Q4 and one 2021Q4 running ahead of them (a mistyped outcomes
# row), in data that runs to 2011-12-26.
LONG = [date(y, m, 1) for y in (2009, 2010, 2011) for m in (1, 4, 7, 10)] + [date(2021, 10, 1)]
AS_OF = date(2011, 12, 26)


def test_the_default_period_ends_at_the_data_date_not_at_a_quarter_running_ahead():
    f = flt.default_filters(LONG, AS_OF)
    assert (f.period_from, f.period_to) == (date(2010, 1, 1), date(2011, 10, 1))  # 8 quarters
    f, errors = flt.from_query({}, LONG, IDS, AS_OF)
    assert errors == [] and (f.period_from, f.period_to) == (date(2010, 1, 1), date(2011, 10, 1))
    # the quarter running ahead is still the data's: a link may choose it
    f, errors = flt.from_query({"to": "2021Q4"}, LONG, IDS, AS_OF)
    assert errors == [] and (f.period_from, f.period_to) == (date(2010, 1, 1), date(2021, 10, 1))


@pytest.mark.parametrize(
    ("as_of", "period_to"),
    [
        (date(2010, 10, 1), date(2010, 10, 1)),  # the first day of 2010Q4: 2010Q4
        (date(2010, 9, 30), date(2010, 7, 1)),  # the day before: 2010Q3
        (date(2012, 3, 1), date(2010, 10, 1)),  # after every quarter: the last
        (date(2009, 12, 31), date(2010, 1, 1)),  # before every quarter: the first, the nearest
        (None, date(2010, 10, 1)),  # no data date: the last
    ],
)
def test_the_default_period_ends_in_the_quarter_of_the_data_date(as_of, period_to):
    f = flt.default_filters(QUARTERS, as_of)
    assert (f.period_from, f.period_to) == (QUARTERS[0], period_to)


def test_the_app_opens_on_the_period_ending_at_the_data_date(tmp_path, monkeypatch):
    # the fixture with an outcomes row in 2021Q4; its data runs to 2011-06-30 (2011Q2)
    folder = fixture_data.write(tmp_path, fixture_data.outcomes_running_ahead())
    at = app_on(folder, monkeypatch).run()
    assert not at.exception
    assert tuple(at.session_state["flt_period_value"]) == ("2010Q2", "2011Q2")
    assert url(at, "from") == ["2010Q2"] and url(at, "to") == ["2011Q2"]
    assert any(
        "数据截至 2011-06-30 · 指标值为所选区间的最后一个季度：2011年第2季度" in c.value
        for c in at.caption
    )


def test_round_trip():
    f = flt.Filters(QUARTERS[1], QUARTERS[2], ("C02", "V01"), "yoy", "en")
    query = flt.to_query(f)
    assert query == {
        "from": "2010Q2",
        "to": "2010Q3",
        "basis": "yoy",
        "lang": "en",
        "c": ["C02", "V01"],
    }
    back, errors = flt.from_query(query, QUARTERS, IDS)
    assert back == f and errors == []


def test_bad_values_fall_back_with_chinese_messages_naming_the_parameter():
    query = {"from": "2099Q1", "to": "garbage", "c": ["C01", "X99"], "basis": "weekly"}
    f, errors = flt.from_query(query, QUARTERS, IDS)
    assert (f.period_from, f.period_to) == (QUARTERS[0], QUARTERS[-1])
    assert f.communities == ("C01",) and f.basis == "qoq"
    assert len(errors) == 4
    assert "from" in errors[0] and "2099Q1" in errors[0] and "季度" in errors[0]
    assert "to" in errors[1] and "garbage" in errors[1]
    assert "X99" in errors[2] and "社区" in errors[2]
    assert "basis" in errors[3] and "weekly" in errors[3]


def test_reversed_period_is_swapped_and_said():
    f, errors = flt.from_query({"from": "2010Q4", "to": "2010Q2"}, QUARTERS, IDS)
    assert (f.period_from, f.period_to) == (QUARTERS[1], QUARTERS[3])
    assert errors == [flt.t("url.bad_order", "zh")]


def test_communities_accept_commas_and_keep_catalog_order():
    f, errors = flt.from_query({"c": "V01,C01,C01"}, QUARTERS, IDS)
    assert f.communities == ("C01", "V01") and errors == []


def test_params_cover_the_whole_town_when_nothing_is_chosen():
    f = flt.Filters(QUARTERS[0], QUARTERS[1])
    assert f.params(IDS)["communities"] == IDS
    assert flt.Filters(QUARTERS[0], QUARTERS[1], ("C02",)).params(IDS)["communities"] == ["C02"]


def test_quarter_labels():
    assert periods.from_label("2011Q4") == date(2011, 10, 1)
    assert periods.from_label("2011Q5") is None
    assert periods.to_label(date(2008, 7, 1)) == "2008Q3"
    assert periods.shift(date(2011, 1, 1), -1) == date(2010, 10, 1)
    assert periods.shift(date(2011, 1, 1), -4) == date(2010, 1, 1)
    assert periods.display(date(2011, 10, 1)) == "2011年第4季度"


def test_chinese_number_formats():
    assert fmt.count(29_800) == "2.98万"
    assert fmt.count(9_999) == "9,999"
    assert fmt.count(29_800, "en") == "29,800"
    assert fmt.yuan(960_000) == "96.00万元"
    assert fmt.yuan(960) == "960元"
    assert fmt.pct(92.6) == "92.6%"
    assert fmt.value(indicator("fee_collection_rate"), 60.04) == "60.0%"
    assert fmt.change(indicator("fee_collection_rate"), 2.26, 50) == "+2.3个百分点"
    assert fmt.change(indicator("petitions"), -3, 30) == "-3（-10.0%）"
    assert fmt.change(indicator("petitions"), 0, 30) == "持平"
    assert fmt.value(indicator("petitions"), None) == "—"
    reward = indicator("petitions").__class__("r", "longterm", "奖励金", "Reward", "yuan", "up")
    assert fmt.value(reward, 214_700) == "21.47万元"
    assert fmt.change(reward, -12_000, 240_000) == "-1.20万元（-5.0%）"
    assert fmt.change(reward, 500, None, "en") == "+¥500"


def _towns() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "community_id": ["A", "B", "C", "D", "E"],
            "company_id": ["P1", "P1", "P2", "P2", None],
            "move_in_year": [2000, 2005, 2006, 2010, 2011],
            "population": [2999, 3000, 4999, 5000, 0],
        }
    )


@pytest.mark.parametrize(
    ("sizes", "expected"),
    [
        (["small"], ["A", "E"]),  # 2,999 and 0: below 3,000
        (["medium"], ["B", "C"]),  # exactly 3,000 is medium; 4,999 too
        (["large"], ["D"]),  # exactly 5,000 is large
        (["small", "large"], ["A", "D", "E"]),
        ([], ["A", "B", "C", "D", "E"]),  # no band chosen: everyone
    ],
)
def test_population_bands_include_their_lower_bound(sizes, expected):
    assert flt.match_attributes(_towns(), sizes=sizes) == expected


def test_attributes_combine_and_years_include_both_ends():
    towns = _towns()
    assert flt.match_attributes(towns, years=(2005, 2010)) == ["B", "C", "D"]
    assert flt.match_attributes(towns, companies=["P2"], years=(2005, 2010)) == ["C", "D"]
    assert flt.match_attributes(towns, companies=["P2"], sizes=["large"]) == ["D"]
    assert flt.match_attributes(towns, companies=["P1"], sizes=["large"]) == []
