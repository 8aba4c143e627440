"""View models (governance/viewmodel.py): each page's model is a pure function of the data,
the filters, the language and its choices, and a rerun that changes nothing calls no query,
builds no Plotly figure and formats no table — it only draws."""

from __future__ import annotations

import ast
import dataclasses
import importlib
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import governance.viewmodels
from governance import db, viewmodel
from governance.filters import Filters
from tests import fixture_data
from tests.apptest_support import app_on, every_section, open_page
from tests.fixtures.runners import TOWN
from tests.fixtures.viewmodels import _Counter
from tests.viewmodel_support import same
from ui.auth import page_files

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted(m.name for m in pkgutil.iter_modules(governance.viewmodels.__path__))
# Pages drawn from a view model. The data-admin and users pages show the store's own state
# (versions, users), not the data's numbers; the presentation page draws the briefing's deck.
VIEW_PAGES = sorted(name for name in page_files() if name not in ("data", "users", "present"))
# Pages whose sections (what-if: its levers) are tabs of which only the open one runs
# (ui/sections.py)
SECTIONED = ("party", "longterm", "culture", "selfgov", "whatif")
# The fixture's filters as the app opens them: the whole town, 2010Q2-2011Q2.
FIXTURE_FILTERS = Filters(period_from=fixture_data.Q[0], period_to=fixture_data.Q[-1])


def test_every_page_has_its_view_model():
    assert sorted(VIEW_PAGES) == MODULES


@pytest.mark.parametrize("module", MODULES)
def test_a_view_model_imports_no_streamlit_and_no_ui(module):
    tree = ast.parse((ROOT / "governance" / "viewmodels" / f"{module}.py").read_text("utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert not imported & {"streamlit", "ui"}, imported


# Each view model imported in a process of its own, forked from one interpreter that has loaded
# only the heavy libraries they use (not governance, not streamlit: checked before the forks):
# an interpreter started for each module spent ~1.5 s loading pandas, DuckDB and Plotly again.
_IMPORT_EACH = """
import importlib, json, os, sys, traceback
for library in ("numpy", "pandas", "pyarrow.parquet", "duckdb", "plotly.graph_objects",
                "pandera.pandas", "pydantic", "sqlalchemy"):
    importlib.import_module(library)
loaded = [m for m in sys.modules if m.split(".")[0] in ("streamlit", "governance", "ui")]
assert not loaded, loaded
results = {}
for module in sys.argv[1:]:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            importlib.import_module(f"governance.viewmodels.{module}")
            assert "streamlit" not in sys.modules, "streamlit imported"
            said, code = "", 0
        except BaseException:
            said, code = traceback.format_exc(), 1
        os.write(write, said.encode())
        os._exit(code)
    os.close(write)
    with os.fdopen(read, "rb") as got:
        said = got.read().decode()
    _, status = os.waitpid(pid, 0)
    results[module] = [os.waitstatus_to_exitcode(status), said]
print(json.dumps(results))
"""


@pytest.fixture(scope="module")
def imported_alone() -> dict[str, list]:
    """Each view model's import in a fresh process: module -> [exit code, what it said]."""
    done = subprocess.run(
        [sys.executable, "-c", _IMPORT_EACH, *MODULES], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.parametrize("module", MODULES)
def test_a_view_model_loads_no_streamlit_even_indirectly(module, imported_alone):
    returncode, stderr = imported_alone[module]
    assert returncode == 0, stderr


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("module", MODULES)
def test_a_view_model_is_a_pure_function_of_its_inputs(module, lang, fixture_con):
    mod = importlib.import_module(f"governance.viewmodels.{module}")
    calls: list[str] = []

    def run(name, params=None):
        calls.append(name)
        return db.run(fixture_con, name, {"scope": db.WHOLE_TOWN, **(params or {})})

    f = dataclasses.replace(FIXTURE_FILTERS, lang=lang)
    for choices in getattr(mod, "EXAMPLE_CHOICES", ((),)):
        first = mod.build(run, f, lang, *choices)
        asked = list(calls)
        second = mod.build(run, f, lang, *choices)
        assert first is not None, f"{module}: the fixture has data for {f}"
        same(first, second, module)
        assert calls[len(asked) :] == asked  # the same queries, nothing remembered between
        calls.clear()


@pytest.mark.parametrize("page", VIEW_PAGES)
def test_a_rerun_that_changes_nothing_only_draws(page, fixture_dir, monkeypatch):
    at = app_on(fixture_dir, monkeypatch)
    counter = _Counter(monkeypatch)
    open_page(at, page)
    # the counting sees the first run's work (the overview draws tables, no figure)
    assert counter.queries and (counter.figures or counter.tables)
    # each section builds its own part when it is opened: a rerun with any of them open
    for _ in every_section(at, f"{page}_section") if page in SECTIONED else [at]:
        counter.reset()
        at.run()
        assert not at.exception, at.exception
        assert counter.queries == []
        assert counter.figures == 0
        assert counter.tables == 0


def test_a_changed_filter_builds_a_new_model(fixture_dir, monkeypatch):
    at = app_on(fixture_dir, monkeypatch)
    counter = _Counter(monkeypatch)
    open_page(at, "culture")
    counter.reset()
    at.radio(key="flt_lang").set_value("en").run()
    assert not at.exception, at.exception
    # was culture_measures_by_community_quarter, gone: the page reads its counts as long parts
    assert "culture_parts_by_community_quarter" in counter.queries
    assert counter.figures > 0


RECORD_QUERIES = [n for n in db.all_query_names() if n.endswith("_records")]


@pytest.fixture(scope="module")
def demo_con(demo_dir):
    con = db.connect(demo_dir)
    yield con
    con.close()


@pytest.mark.parametrize("name", RECORD_QUERIES)
def test_a_page_of_records_is_the_head_of_the_whole_set(name, demo_con):
    # The demo data's whole span and every community: hundreds to tens of thousands of rows.
    everyone = db.run(demo_con, "communities_list", TOWN)["community_id"].tolist()
    quarters = db.run(demo_con, "periods_available", TOWN)["quarter"]
    params = {
        "period_from": quarters.min().date(),
        "period_to": quarters.max().date(),
        "communities": everyone,
        "building_id": None,
        "stairwell_id": None,
        "scope": db.WHOLE_TOWN,
    }
    whole = db.run(demo_con, name, params)
    page = db.run(demo_con, name, {**params, db.ROW_LIMIT: 7})
    counted = db.run(demo_con, name, {**params, db.ROW_COUNT: True})
    assert len(whole) > 7, name  # a page is shorter than the set, or the test proves nothing
    pd.testing.assert_frame_equal(page, whole.head(7))
    assert counted["row_count"].tolist() == [len(whole)]


def test_a_view_model_keeps_only_the_rows_on_screen(monkeypatch, fixture_con):
    monkeypatch.setattr(viewmodel, "MAX_SHOWN_ROWS", 2)
    asked: list[dict] = []

    def run(name, params=None):
        asked.append(dict(params or {}))
        return db.run(fixture_con, name, {"scope": db.WHOLE_TOWN, **(params or {})})

    params = {"period_from": fixture_data.Q[0], "period_to": fixture_data.Q[-1]}
    params["communities"] = ["C01", "C02", "V01"]
    whole = db.run(fixture_con, "longterm_fee_records", params)
    shown = viewmodel.records(run, "longterm_fee_records", params, "zh")
    assert len(whole) > 2  # the fixture's fee bills: more than a page of two
    assert shown.total == len(whole)
    assert shown.head.rows == 2
    assert [a.get(db.ROW_LIMIT) for a in asked] == [2, None]  # never the whole set
    assert shown.whole(run).equals(whole)  # a download fetches it, on the click


def test_a_query_is_cached_by_the_parameters_it_reads(fixture_dir, monkeypatch):
    from ui import data

    monkeypatch.setenv("GOVERNANCE_DATA_DIR", str(fixture_dir))
    runs: list[str] = []
    real = db.run

    def counted(con, name, params=None):
        runs.append(name)
        return real(con, name, params)

    monkeypatch.setattr(db, "run", counted)
    year = {"period_from": fixture_data.Q[1], "period_to": fixture_data.Q[-1]}
    year["communities"] = ["C01", "C02", "V01"]
    last = {**year, "period_from": fixture_data.Q[-1]}
    # every quarter's measures, whatever the period: one result for both periods (the long
    # parts, in place of the wide culture_measures_by_community_quarter, gone)
    for params in (year, last):
        data._query("culture_parts_by_community_quarter", params, None)
        data._query("culture_activities_by_brand", params, None)  # reads the period
    assert runs.count("culture_parts_by_community_quarter") == 1
    assert runs.count("culture_activities_by_brand") == 2
