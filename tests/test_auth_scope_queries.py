"""The scope in the query layer: for every query, a user scoped to one community gets exactly
what the same query returns on a copy of the data holding that community's rows only — so no
row, and no total, carries anything of another community."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from governance import db
from governance.auth.scope import scoped_params
from tests.fixtures.runners import TOWN

OWN = "C02"


@pytest.fixture(scope="module")
def own_only_dir(demo_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo data with every other community's rows removed (town-level tables kept)."""
    folder = tmp_path_factory.mktemp("own_only")
    for path in sorted(demo_dir.glob("*.parquet")):
        frame = pd.read_parquet(path)
        if "community_id" in frame.columns:  # a row without one is the town's (a target)
            frame = frame[frame["community_id"].isna() | (frame["community_id"] == OWN)]
        frame.to_parquet(folder / path.name, index=False)
    return folder


def _params(con) -> dict[str, object]:
    quarters = db.run(con, "periods_available", TOWN)["quarter"]
    return {
        "period_from": pd.Timestamp(quarters.iloc[0]).date(),
        "period_to": pd.Timestamp(quarters.iloc[-1]).date(),
        "building_id": None,
        "stairwell_id": None,
        "as_of": date(2011, 12, 26),
        "min_days": 30,
    }


@pytest.fixture(scope="module")
def connections(demo_dir: Path, own_only_dir: Path):
    """Both sets of data opened once for the module: the queries only read, and opening them
    for each query (two catalogs built) was three quarters of the module's time."""
    full, own = db.connect(demo_dir), db.connect(own_only_dir)
    yield full, own
    full.close()
    own.close()


@pytest.mark.parametrize("name", db.all_query_names())
def test_a_scoped_query_returns_only_what_its_community_holds(name, connections):
    full, own = connections
    base = _params(own)
    everyone = db.run(full, "communities_list", TOWN)["community_id"].tolist()
    needed = db.query_params(name)
    scoped = scoped_params(needed, {**base, "communities": everyone}, (OWN,))
    got = db.run(full, name, scoped)
    expected = db.run(own, name, {**base, "communities": [OWN], "scope": db.WHOLE_TOWN})
    pd.testing.assert_frame_equal(
        got.reset_index(drop=True), expected.reset_index(drop=True), check_dtype=False
    )
