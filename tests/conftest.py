"""Shared fixtures: the hand-made fixture data set and the generated demo data."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import fixture_data


@pytest.fixture(scope="session")
def fixture_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fixture_data.write(tmp_path_factory.mktemp("fixture"))


@pytest.fixture(scope="session")
def fixture_con(fixture_dir: Path):
    from governance import db

    con = db.connect(fixture_dir)
    yield con
    con.close()


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo data at scale 1, generated once per test session."""
    from governance import demo_data

    folder = tmp_path_factory.mktemp("demo")
    demo_data.generate(folder, seed=20111226, scale=1)
    return folder


@pytest.fixture(autouse=True)
def _apptest_uses_navigation(monkeypatch):
    """Work around AppTest re-detecting the legacy ``pages/`` folder on every run.

    AppTest resets ``PagesManager.uses_pages_directory`` before each run; because this app
    keeps its pages in ``pages/`` (the layout the product asks for) but routes them with
    ``st.navigation``, every rerun after the first would then execute the page file alone,
    skipping app.py. The real server sets the flag to False once st.navigation runs; here we
    do the same after each reset.
    """
    from streamlit.runtime import pages_manager
    from streamlit.testing.v1 import app_test

    base = pages_manager.PagesManager

    class NavigationPagesManager(base):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            base.uses_pages_directory = False

    monkeypatch.setattr(app_test, "PagesManager", NavigationPagesManager)
    yield
    base.uses_pages_directory = None
