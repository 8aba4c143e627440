"""A missing ``$scope`` is an error, never the whole town (issue 19): db.run refuses a query
that reads ``$scope`` when the caller gave none; the whole town is asked for by name."""

from __future__ import annotations

import inspect

import pytest

from governance import db
from governance.briefing import content

# The fixture town (tests/fixture_data.py): two communities and a village.
EVERYONE = ["C01", "C02", "V01"]


def test_the_whole_town_is_null_by_name():
    assert db.WHOLE_TOWN is None  # $scope NULL: every community


@pytest.mark.parametrize("params", [None, {}, {"communities": EVERYONE, "scope_ids": ["C01"]}])
def test_a_scoped_query_without_a_scope_is_refused_naming_the_query(fixture_con, params):
    assert "scope" in db.query_params("communities_list")
    with pytest.raises(db.MissingScopeError) as caught:
        db.run(fixture_con, "communities_list", params)
    message = str(caught.value)
    assert "'communities_list'" in message and "$scope" in message
    assert "db.WHOLE_TOWN" in message and "缺少 scope 参数" in message
    assert caught.value.query == "communities_list"
    assert isinstance(caught.value, KeyError)  # as any other missing parameter


def test_the_scope_is_named_before_any_other_missing_parameter(fixture_con):
    # A query needing more than the scope, given nothing: the scope is what the error names.
    needed = db.query_params("whatif_assessments_by_company_community_quarter")
    assert {"scope", "period_from", "period_to", "communities"} <= needed
    with pytest.raises(db.MissingScopeError):
        db.run(fixture_con, "whatif_assessments_by_company_community_quarter", {})


def test_the_whole_town_named_explicitly_reads_every_community(fixture_con):
    df = db.run(fixture_con, "communities_list", {"scope": db.WHOLE_TOWN})
    assert df["community_id"].tolist() == EVERYONE


@pytest.mark.parametrize(
    ("scope", "expected"),
    [(["C02"], ["C02"]), (["C01", "V01"], ["C01", "V01"]), ([], []), (["X99"], [])],
)
def test_a_given_scope_is_what_is_read(fixture_con, scope, expected):
    df = db.run(fixture_con, "communities_list", {"scope": scope})
    assert df["community_id"].tolist() == expected


def test_a_query_that_reads_no_scope_needs_none(fixture_con):
    assert "scope" not in db.query_params("culture_honours_timeline")
    assert db.query_params("culture_honours_timeline") == set()
    db.run(fixture_con, "culture_honours_timeline")  # no error: nothing to scope


def test_the_runner_of_the_command_line_takes_its_scope_with_no_default(fixture_con):
    scope = inspect.signature(content.db_runner).parameters["scope"]
    assert scope.default is inspect.Parameter.empty
    with pytest.raises(TypeError):
        content.db_runner(fixture_con)  # type: ignore[call-arg]


def test_the_runner_reads_the_town_or_cuts_to_its_scope(fixture_con):
    town = content.db_runner(fixture_con, db.WHOLE_TOWN)
    assert town("communities_list", {})["community_id"].tolist() == EVERYONE
    assert town("communities_list")["community_id"].tolist() == EVERYONE  # params optional
    c02 = content.db_runner(fixture_con, ("C02",))
    assert c02("communities_list", {})["community_id"].tolist() == ["C02"]
    # the scope is the runner's, never the caller's: a scope in the params is replaced
    assert c02("communities_list", {"scope": None})["community_id"].tolist() == ["C02"]
