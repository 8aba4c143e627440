"""督办 for those outside the app — the command line (make duban-list, make briefing) and
anything else holding a query runner: the page's view model (governance/viewmodels/duban.build)
of the items a scope may see, from a runner of governance/briefing/content (``run(name,
params)``, params a mapping)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

import pandas as pd

from governance.auth.scope import Scope
from governance.cases import data_as_of
from governance.duban import rules, store
from governance.viewmodels import duban as view

Runner = Callable[[str, Mapping[str, object]], pd.DataFrame]


def _for_views(run: Runner) -> Callable[..., pd.DataFrame]:
    # A view model passes None for "no parameters"; the command line's runner wants a mapping.
    return lambda name, params=None: run(name, params or {})


def names(communities: pd.DataFrame, lang: str) -> view.Names:
    return view.names_of(communities, lang)


def today(run: Runner, server: date | None = None) -> rules.Today:
    """The day overdue days count to: the server's date, or the data's for historical data
    (rules.today)."""
    return rules.today(server or date.today(), data_as_of(run))


def build(run: Runner, scope: Scope, lang: str, server: date | None = None) -> view.DubanView:
    """The view model of the items ``scope`` may see (store.list_for); ``run`` reads the whole
    town (the command line's), so the data date is the town's."""
    items = tuple(store.list_for(scope))
    return view.build(_for_views(run), None, lang, items, today(run, server))


def rows_for(run: Runner, scope: Scope, lang: str, server: date | None = None) -> list[view.Row]:
    return list(build(run, scope, lang, server).rows)
