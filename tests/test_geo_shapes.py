"""一张图, shapes as data: a GeoJSON file of the communities' outlines, checked feature by
feature on import (each problem in Chinese, naming the feature and the reason), committed
through the data store like any table, and rolled back."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from governance import db
from governance.briefing.content import db_runner
from governance.datastore import Store
from governance.datastore.importing import prepare
from governance.filters import Filters
from governance.geo import mapview
from governance.importer import check_tables, read_file, shapes
from tests import fixture_data

IDS = [c[0] for c in fixture_data.COMMUNITIES]  # C01, C02, V01


def square(x: float, y: float, size: float = 0.01) -> list[list[float]]:
    """A closed, counter-clockwise square ring near the town."""
    x, y = 121.85 + x, 30.85 + y
    return [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]


def feature(cid: str, ring: list[list[float]], **props) -> dict:
    return {
        "type": "Feature",
        "properties": {"community_id": cid, **props},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def collection(*features: dict, **props) -> bytes:
    return json.dumps(
        {"type": "FeatureCollection", "properties": props, "features": list(features)}
    ).encode("utf-8")


def good(**props) -> bytes:
    return collection(*(feature(c, square(0.02 * i, 0)) for i, c in enumerate(IDS)), **props)


@pytest.fixture
def store(fixture_dir: Path, tmp_path: Path) -> Store:
    folder = tmp_path / "data"
    shutil.copytree(fixture_dir, folder)
    return Store(folder)


def messages(prepared, lang: str = "zh") -> list[str]:
    return [p.message(lang) for p in prepared.report.problems]


def test_a_valid_file_reads_and_previews_as_a_replacement(store):
    prepared = prepare(store, "边界.geojson", good(schematic=True))
    assert prepared.ok, messages(prepared)
    assert prepared.plan.mode == "replace"  # a shapes file is always the whole set
    frame = prepared.plan.tables["community_shapes"].frame
    assert sorted(frame["community_id"]) == IDS
    assert frame["schematic"].all()
    assert json.loads(frame["geometry"].iloc[0])["type"] == "Polygon"


def test_a_missing_community_is_named(store):
    data = collection(feature("C01", square(0, 0)), feature("C02", square(0.02, 0)))
    found = messages(prepare(store, "边界.geojson", data))
    assert found == [
        "错误：边界.geojson：社区 V01（丙村）没有边界：文件须为每个社区（村）各提供一个要素"
    ]


def test_an_unknown_id_names_the_feature(store):
    data = collection(
        *(feature(c, square(0.02 * i, 0)) for i, c in enumerate(IDS)),
        feature("C99", square(0.1, 0)),
    )
    found = messages(prepare(store, "边界.geojson", data))
    assert len(found) == 1
    assert "第 4 个要素（C99）：社区编号 C99 不在社区（村）表中" in found[0]


def test_an_open_ring_names_the_feature_and_the_points(store):
    data = collection(
        feature("C01", square(0, 0)[:-1]),
        *(feature(c, square(0.02 * i, 0)) for i, c in enumerate(IDS) if c != "C01"),
    )
    prepared = prepare(store, "边界.geojson", data)
    assert not prepared.ok and prepared.plan is None
    assert messages(prepared) == [
        "错误：边界.geojson：第 1 个要素（C01）：外环未闭合：首点 [121.85, 30.85] "
        "与末点 [121.85, 30.86] 不同"
    ]


def test_a_reversed_ring_is_rewound_with_a_warning(store):
    data = collection(
        feature("C01", square(0, 0)[::-1]),
        *(feature(c, square(0.02 * i, 0)) for i, c in enumerate(IDS) if c != "C01"),
    )
    prepared = prepare(store, "边界.geojson", data)
    assert prepared.ok and not prepared.report.errors
    (warning,) = prepared.report.warnings
    assert "第 1 个要素（C01）：外环的方向相反，已按 GeoJSON 规范" in warning.message("zh")
    frame = prepared.plan.tables["community_shapes"].frame
    ring = json.loads(frame.set_index("community_id").at["C01", "geometry"])["coordinates"][0]
    assert shapes._signed_area(ring) > 0  # counter-clockwise now


def test_a_bow_tie_is_a_self_intersection(store):
    x, y = 121.85, 30.85
    bow_tie = [[x, y], [x + 0.01, y + 0.01], [x + 0.01, y], [x, y + 0.01], [x, y]]
    data = collection(
        feature("C01", bow_tie),
        *(feature(c, square(0.02 * i, 0)) for i, c in enumerate(IDS) if c != "C01"),
    )
    found = messages(prepare(store, "边界.geojson", data))
    assert found == [
        "错误：边界.geojson：第 1 个要素（C01）：边界自相交（如“8”字形），"
        "交点约在 [121.855, 30.855]"
    ]
    assert "the outline crosses itself" in messages(prepare(store, "x.geojson", data), "en")[0]


def test_a_community_twice_is_refused(store):
    data = collection(*(feature(c, square(0.02 * i, 0)) for i, c in enumerate(IDS)),
                      feature("C02", square(0.2, 0)))  # fmt: skip
    found = messages(prepare(store, "边界.geojson", data))
    assert found == [
        "错误：边界.geojson：第 4 个要素（C02）：社区编号 C02 已在第 2 个要素中出现："
        "每个社区（村）只能有一个边界"
    ]


def test_a_file_over_20_mb_is_refused_unread(store):
    big = good()[:-2] + b" " * (20 * 1024 * 1024) + b"]}"
    found = messages(prepare(store, "边界.geojson", big))
    assert found == [
        "错误：边界.geojson：边界文件有 20.0 MB，超过上限 20.0 MB（一个镇的边界通常只有几百 KB）"
    ]


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "不是 GeoJSON 文件：不是 UTF-8 编码的文本"),
        (b"community_id,geometry\nC01,x\n", "不是 GeoJSON 文件：第 1 行第 1 列起无法按 JSON 读取"),
        (
            b'{"type": "Topology", "objects": {}}',
            "顶层的 type 应为 FeatureCollection，实为 Topology",
        ),
        (
            json.dumps({"type": "FeatureCollection", "features": [feature("C01", [])]}).encode(),
            "第 1 个要素（C01）：外环只有 0 个点",
        ),
    ],
    ids=["binary", "csv", "topojson", "empty ring"],
)
def test_not_geojson_at_all_is_said(store, data, reason):
    found = messages(prepare(store, "边界.geojson", data))
    assert any(reason in m for m in found), found


def test_a_valid_replacement_changes_the_map_and_rolls_back(store):
    f = Filters(period_from=fixture_data.Q[0], period_to=fixture_data.Q[-1])

    def town_map():
        con = db.connect(store.folder)
        try:
            run = db_runner(con, db.WHOLE_TOWN)
            return mapview.build(lambda n, p=None: run(n, p or {}), f, "zh", "fee_collection_rate")
        finally:
            con.close()

    assert town_map() is None  # the fixture has no shapes: no map
    first = store.commit(prepare(store, "边界.geojson", good(schematic=True)).plan, who="t")
    drawn = town_map()
    assert [a.community_id for a in drawn.map.areas] == IDS and drawn.map.schematic
    assert "示意图" in drawn.map.title and "不是实际边界" in drawn.map.note
    moved = collection(*(feature(c, square(0.02 * i, 0.05)) for i, c in enumerate(IDS)))
    second = store.commit(prepare(store, "real.geojson", moved).plan, who="t", source="real")
    drawn = town_map()
    assert not drawn.map.schematic and "示意图" not in drawn.map.title
    assert drawn.map.area("C01").label_at[1] > 30.89  # the new, northern squares
    # the first commit recorded the files found as version 1: then the two imports, newest first
    history = [v.number for v in store.history("community_shapes")]
    assert history == [second.number, first.number, 1]
    store.rollback("community_shapes", first.number, who="t")
    drawn = town_map()
    assert drawn.map.schematic and drawn.map.area("C01").label_at[1] < 30.87


def test_the_table_in_force_is_checked_as_it_opens(fixture_dir, tmp_path):
    import pandas as pd

    frame = pd.DataFrame(
        {
            "community_id": ["C01", "C02"],
            "geometry": [
                json.dumps({"type": "Polygon", "coordinates": [square(0, 0)]}),
                json.dumps({"type": "Point", "coordinates": [121.8, 30.8]}),
            ],
            "schematic": [False, False],
        }
    )
    found = [p for p in check_tables({"community_shapes": frame}) if p.is_error]
    assert [(p.row, p.column_name) for p in found] == [(3, "geometry")]
    assert "图形类型为 Point，应为 Polygon 或 MultiPolygon" in found[0].message("zh")


def test_a_geojson_upload_reads_through_the_importer_itself():
    parsed = read_file("边界.json", good())
    # the reader needs no data in force: prepare() holds it to the communities
    assert sorted(parsed.tables) == ["community_shapes"] and parsed.ok
