"""make bench's second baseline (scripts/bench_floor_app.py) draws the page it stands for:
the same elements, kind for kind, with nothing computed."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from scripts import bench
from tests.apptest_support import app_on, open_page


def _kinds(at: AppTest) -> Counter:
    counts: Counter = Counter()

    def walk(node) -> None:
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                counts[getattr(child, "type", "")] += 1
                walk(child)

    walk(at._tree)
    return counts


@pytest.mark.parametrize("page", ["overview", "longterm"])
def test_the_floor_page_draws_the_same_elements(
    page: str, fixture_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    real = open_page(app_on(fixture_dir, monkeypatch), page)
    monkeypatch.setattr(bench, "ROOT", tmp_path)  # the JSON goes to tmp_path/bench_results
    (tmp_path / "bench_results").mkdir()
    monkeypatch.setattr(bench, "APP", Path(bench.__file__).resolve().parent.parent / "app.py")
    spec = bench.floor_spec(f"{page}.py", fixture_dir)
    monkeypatch.setenv("GOVERNANCE_FLOOR_SPEC", str(spec))
    floor = AppTest.from_file(str(bench.FLOOR_APP), default_timeout=60).run()
    assert not floor.exception, floor.exception
    want, got = _kinds(real), _kinds(floor)
    # page links are drawn as links to an address (the floor page has no pages to link to)
    assert {k: v for k, v in got.items() if k != "page_link"} == {
        k: v for k, v in want.items() if k != "page_link"
    }
    assert got["page_link"] == want["page_link"]
    assert sum(want.values()) > 40  # a real page, not an empty one
