"""一张图's view model: the town map of one indicator at the filters' last quarter, and its
figure, built once per data, filters, language, scope and indicator (``ui/townmap.py`` draws
it on the overview and every platform page, through ``ui.data.view`` like a page's model).
Not a page's model, so it lives here rather than in ``governance/viewmodels/``."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from governance.filters import Filters
from governance.geo import townmap
from governance.i18n import t
from governance.text import plain
from governance.viewmodel import Run, community_names


@dataclass(frozen=True, eq=False)
class MapView:
    """The map's model, its figure, and the link to the profile of the one community
    chosen (None when none or several are)."""

    map: townmap.TownMap
    figure: go.Figure
    profile_link: str | None


def build(run: Run, f: Filters, lang: str, indicator_id: str) -> MapView | None:
    """The map of ``indicator_id`` for the communities the user may see (those chosen in
    the filters outlined); None when no community has a shape (the page says how to add
    them)."""
    shapes = run("community_shapes", None)
    if shapes.empty:
        return None
    m = townmap.build(
        shapes,
        run("communities_list", None),
        run("indicator_parts_by_community_quarter", None),
        run("targets_all", None),
        indicator_id,
        f.period_to,
        lang,
        f.communities,
    )
    if m is None:
        return None
    names = community_names(run, lang)
    link = None
    if len(f.communities) == 1:
        name = plain(names.get(f.communities[0], f.communities[0]))
        link = t("map.open_profile", lang, name=name)
    return MapView(map=m, figure=townmap.figure(m), profile_link=link)
