"""Plotly figures on the page, turned into their dict once rather than on every rerun.

``st.plotly_chart`` calls the figure's ``to_dict()`` on every run: a deep copy of the figure
plus base64 of every array, most of what a chart costs a rerun (profiled: a third of the
long-term page's served rerun, eleven charts). A view model's figures are built once and
shared, never changed after (tests/test_viewmodels.py), so each is converted once and the
dict is handed over on every later draw. Every chart is drawn through :func:`draw`
(tests/test_meta.py holds the app to that).
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import streamlit as st
from plotly.basedatatypes import BaseFigure

from governance import charts
from ui import events, state


class _Converted(BaseFigure):
    """A finished figure's dict, as the ``BaseFigure`` Streamlit asks for: ``to_dict()``
    returns it without copying (Streamlit only encodes it to JSON)."""

    def __init__(self, spec: dict[str, Any]) -> None:  # no BaseFigure set-up: nothing to hold
        object.__setattr__(self, "_spec", spec)

    def to_dict(self) -> dict[str, Any]:
        return self._spec


_ATTR = "_governance_converted"  # plotly lets attributes named with "_" through


def converted(fig: go.Figure) -> BaseFigure:
    """``fig`` as drawn: converted on its first draw, the same dict on every later one."""
    found = fig.__dict__.get(_ATTR)
    if found is None:  # two sessions drawing it at once make the same dict twice: harmless
        found = _Converted(fig.to_dict())
        setattr(fig, _ATTR, found)
    return found


def draw(fig: go.Figure, container: Any = None, **kwargs: Any) -> Any:
    """``st.plotly_chart(fig, **kwargs)`` in ``container`` (default: where the page is).

    A trend chart (governance/charts.py ``trend``) gets the events (事件标注) that match its
    indicators and communities: numbered marks on the chart (a new dict sharing the data
    arrays; the shared figure is never changed) and the numbered list under it, as text."""
    where = st if container is None else container
    # the mode bar without Plotly's logo: a link to plotly.com, a host the intranet cannot reach
    kwargs["config"] = {"displaylogo": False, **kwargs.get("config", {})}
    drawn = converted(fig)
    tags = charts.trend_tags(fig)
    fitting = [] if tags is None else events.chart_events(tags)
    if not fitting:
        return where.plotly_chart(drawn, **kwargs)
    spec, shown = charts.with_event_marks(
        drawn.to_dict(), fitting, state.lang(), state.community_names()
    )
    out = where.plotly_chart(_Converted(spec) if shown else drawn, **kwargs)
    events.draw_list(shown, where)
    return out
