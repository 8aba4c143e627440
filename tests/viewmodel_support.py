"""What the view-model tests share: deep equality of two models, and counting the queries a
page asks the query layer for."""

from __future__ import annotations

import dataclasses
from collections import Counter

import pandas as pd
import plotly.basedatatypes
import pytest

from governance import viewmodel
from tests.fixtures.same import same as same_content


def same(a, b, where: str = "model") -> None:
    """Deep equality of two models: figures by their JSON text (NaN as null; their traces may
    hold numpy arrays, which == compares element-wise), frames by their values."""
    assert type(a) is type(b), where
    if isinstance(a, plotly.basedatatypes.BaseFigure):
        assert a.to_json() == b.to_json(), where
    elif isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b, obj=where)
    elif isinstance(a, viewmodel.Table | viewmodel.Records):  # their own rules (no __eq__ now)
        assert same_content(a, b), where
    elif dataclasses.is_dataclass(a):
        for field in dataclasses.fields(a):
            same(getattr(a, field.name), getattr(b, field.name), f"{where}.{field.name}")
    elif isinstance(a, dict):
        assert a.keys() == b.keys(), where
        for key in a:
            same(a[key], b[key], f"{where}[{key!r}]")
    elif isinstance(a, list | tuple):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{where}[{i}]")
    else:
        assert a == b or (pd.isna(a) and pd.isna(b)), where


def counted_queries(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """From now on, how many times each query is asked of the query layer (ui.data._query)."""
    import ui.data

    calls: Counter[str] = Counter()
    real = ui.data._query

    def counting(name, params, scope):
        calls[name] += 1
        return real(name, params, scope)

    monkeypatch.setattr(ui.data, "_query", counting)
    return calls
