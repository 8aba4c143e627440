"""make bench's cold and xlsx sections: their figures replace only their own section of
bench_results/latest.json, and the server's CPU seconds are read as /proc counts them."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from scripts import bench


def test_a_section_replaces_its_own_figures_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bench, "ROOT", tmp_path)
    out = tmp_path / "bench_results" / "latest.json"
    out.parent.mkdir()
    out.write_text(json.dumps({"browser": {"1": {"x": 1}}, "cold": {"first_kpi_s": 60.0}}))
    bench._merge("cold", {"first_kpi_s": 4.5})
    bench._merge("xlsx", {"wall_s": 50.0})
    assert json.loads(out.read_text()) == {
        "browser": {"1": {"x": 1}},
        "cold": {"first_kpi_s": 4.5},
        "xlsx": {"wall_s": 50.0},
    }


def test_a_first_section_makes_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench, "ROOT", tmp_path)
    bench._merge("cold", {"first_kpi_s": 4.5})
    out = tmp_path / "bench_results" / "latest.json"
    assert json.loads(out.read_text()) == {"cold": {"first_kpi_s": 4.5}}


def test_cpu_seconds_are_this_process_user_and_system_time() -> None:
    end = time.process_time() + 0.3
    while time.process_time() < end:  # some CPU to count
        pass
    # /proc counts in clock ticks (10 ms): the two clocks agree to a few ticks
    assert bench.cpu_seconds(os.getpid()) == pytest.approx(time.process_time(), abs=0.05)
