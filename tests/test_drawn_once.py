"""Drawn once, sent the same: a chart through ui/plots.py is converted to its dict once and a
view model's table carries its Arrow form, and the browser gets what direct drawing would send."""

from __future__ import annotations

import plotly.graph_objects as go
from streamlit.testing.v1 import AppTest

from ui import plots

FIGURES: list = []


class CountingFigure(go.Figure):
    def to_dict(self):
        self._calls = getattr(self, "_calls", 0) + 1
        return super().to_dict()


def _script() -> None:
    import streamlit as st

    from tests.test_drawn_once import FIGURES
    from ui import plots

    fig = FIGURES[0]
    st.plotly_chart(fig, key="direct")
    plots.draw(fig, key="through")
    plots.draw(fig, st.container(), key="again")


def _figure() -> go.Figure:
    fig = CountingFigure()
    fig.add_bar(x=["海港社区", "芦苑社区"], y=[87.5, 92.25], name="收缴率")
    fig.update_layout(title="物业费收缴率", height=300)
    return fig


def test_the_chart_sent_is_the_same_and_the_figure_is_converted_once():
    FIGURES[:] = [_figure()]
    at = AppTest.from_function(_script).run()
    charts = [e.proto for e in at.get("plotly_chart")]
    assert len(charts) == 3
    assert charts[0].spec == charts[1].spec == charts[2].spec
    # once for the direct draw, once for the first plots.draw; the second reuses it
    assert FIGURES[0]._calls == 2
    at.run()
    assert FIGURES[0]._calls == 3  # the rerun: only the direct draw converts it again


def test_converted_is_the_figures_dict():
    fig = go.Figure(go.Scatter(x=[1, 2, 3], y=[4.5, 5.5, 6.5]))
    assert plots.converted(fig).to_dict() == fig.to_dict()
    assert plots.converted(fig) is plots.converted(fig)


TABLES: list = []


def _table_script() -> None:
    from tests.test_drawn_once import TABLES
    from ui import widgets

    frame, table = TABLES
    widgets.show_table(frame, key="from_frame")
    widgets.show_table(table, key="from_model")


def test_a_view_models_table_sends_the_bytes_a_frame_would():
    import pandas as pd

    from governance.viewmodel import table

    frame = pd.DataFrame(
        {
            "community_id": ["C01", "C02"],
            "rate_pct": [87.5, 92.25],
            "paid": [1_234_567.0, None],
            "as_of": pd.to_datetime(["2011-12-31", "2011-09-30"]).date,
        }
    )
    model = table(frame, "zh")
    assert model.arrow is not None and model.arrow.num_rows == 2
    TABLES[:] = [frame, model]
    at = AppTest.from_function(_table_script).run()
    direct, cached = (e.proto for e in at.dataframe)
    assert direct.arrow_data.data == cached.arrow_data.data
    assert direct.columns == cached.columns  # the same headers and number formats
