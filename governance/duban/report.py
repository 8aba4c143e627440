"""督办 rows from the state store and the data in force, for those outside the app: the
command line (make duban-list, make briefing) and anything else holding a query runner.

``run(name, params)`` is a runner as governance/briefing/content.Runner (the command line's
``content.db_runner(db.connect())``); the app builds the same rows from its cached runner.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

import pandas as pd

from governance.auth.scope import Scope
from governance.duban import rules, store
from governance.viewmodels import duban as view

Runner = Callable[[str, Mapping[str, object]], pd.DataFrame]


def names(communities: pd.DataFrame, lang: str) -> view.Names:
    """The communities' and their property companies' names in ``lang`` (from the
    ``communities_list`` query's rows)."""
    en = lang == "en"
    people = dict(
        zip(communities["community_id"], communities["name_en" if en else "name_zh"], strict=True)
    )
    firms = communities.dropna(subset=["company_id"])
    companies = dict(
        zip(firms["company_id"], firms["company_en" if en else "company_zh"], strict=True)
    )
    return view.Names(communities=people, companies=companies)


def data_as_of(run: Runner) -> date | None:
    frame = run("data_as_of", {})
    if frame.empty or pd.isna(frame["as_of"].iloc[0]):
        return None
    return pd.Timestamp(frame["as_of"].iloc[0]).date()


def today(run: Runner, server: date | None = None) -> rules.Today:
    """The day overdue days count to: the server's date, or the data's for historical data
    (rules.today)."""
    return rules.today(server or date.today(), data_as_of(run))


def rows_for(run: Runner, scope: Scope, lang: str, day: date) -> list[view.Row]:
    """The items ``scope`` may see (store.list_for) as the view model's rows on ``day``, with
    what the data says of their indicators."""
    items = store.list_for(scope)
    # view.readings passes None for "no parameters" (the app's runner takes it); a runner of
    # the command line wants a mapping.
    found = view.readings(lambda n, p: run(n, p or {}), None, lang, view.pairs(items))
    return view.rows(items, names(run("communities_list", {}), lang), day, lang, found)
