"""Community scope: what a user scoped to some communities may see, applied to query parameters.

A scope is a tuple of community ids, or None for the whole town. :func:`scoped_params` is what
the query layer applies to every query it runs: ``$scope`` is always the user's scope (never a
caller's value), and ``$communities`` is cut down to the ids inside the scope.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

Scope = tuple[str, ...] | None


def allowed(ids: Iterable[str], scope: Scope) -> list[str]:
    """``ids`` that ``scope`` lets one see, in their order."""
    ids = list(ids)
    return ids if scope is None else [c for c in ids if c in scope]


def scoped_params(needed: set[str], params: Mapping[str, Any], scope: Scope) -> dict[str, Any]:
    """The parameters a query gets under ``scope``.

    ``scope`` goes in as ``$scope`` (a list, or NULL for the whole town) whatever the caller
    passed; a ``$communities`` list keeps only ids inside the scope.
    """
    out = dict(params)
    if "scope" in needed or "scope" in out:
        out["scope"] = None if scope is None else list(scope)
    if scope is not None and "communities" in out:
        out["communities"] = allowed(out["communities"] or [], scope)
    return out


def split_requested(requested: Sequence[str], scope: Scope) -> tuple[list[str], list[str]]:
    """Community ids asked for (say in a URL) -> (kept, dropped because outside the scope)."""
    if scope is None:
        return list(requested), []
    kept = [c for c in requested if c in scope]
    return kept, [c for c in requested if c not in scope]


def own_ranks(ranked: pd.DataFrame, scope: Scope, rank_col: str) -> pd.DataFrame:
    """A town-wide ranking reduced to the scope's rows, each with its rank and ``n`` (how many
    communities were ranked): a scoped user learns their place, nobody else's."""
    n = int(ranked[rank_col].notna().sum())
    mine = ranked if scope is None else ranked[ranked["community_id"].isin(scope)]
    return mine.assign(n=n).reset_index(drop=True)
