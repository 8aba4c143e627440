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
