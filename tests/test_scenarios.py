"""The saved-scenario store: round-trips, names, overwrite, corrupt files, atomic writes."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from governance.scenarios import (
    SavedScenario,
    ScenarioExists,
    ScenarioNotFound,
    ScenarioStoreCorrupt,
)
from governance.whatif.params import FundParams, fund_params_from_query, fund_params_to_query
from tests.fixtures.json_scenarios import json_store

PARAMS = {"wf_rate": "0.15", "wf_policy": "rank"}


@pytest.fixture
def path(tmp_path):
    return tmp_path / "sub" / "scenarios.json"


def test_empty_store_has_no_file_and_no_scenarios(path):
    store = json_store(path)
    assert store.list() == []
    assert not path.exists()
    with pytest.raises(ScenarioNotFound, match="提高标准"):
        store.load("提高标准")


def test_save_load_list_delete(path):
    store = json_store(path)
    saved = store.save("  提高标准  ", PARAMS)
    assert saved.name == "提高标准" and saved.params == PARAMS
    datetime.fromisoformat(saved.saved_at)  # an ISO timestamp
    assert path.exists()
    store.save("按排名", {"wf_policy": "rank", "nested": {"a": [1, 2.5, None, True]}})
    assert [s.name for s in store.list()] == ["提高标准", "按排名"]
    assert store.load("提高标准 ") == saved
    assert store.load("按排名").params["nested"] == {"a": [1, 2.5, None, True]}
    store.delete("提高标准")
    assert [s.name for s in store.list()] == ["按排名"]
    with pytest.raises(ScenarioNotFound):
        store.delete("提高标准")
    assert list(path.parent.glob("*.tmp")) == []  # no temp files left behind


def test_survives_a_new_instance(path):
    json_store(path).save("基准", {})
    json_store(path).save("方案一", PARAMS)
    again = json_store(str(path))
    assert [s.name for s in again.list()] == ["基准", "方案一"]
    assert again.load("方案一") == SavedScenario("方案一", PARAMS, again.load("方案一").saved_at)
    text = path.read_text(encoding="utf-8")
    assert "方案一" in text  # human-readable, not \\u-escaped
    assert json.loads(text)["version"] == 2


def test_overwrite_is_explicit(path):
    store = json_store(path)
    store.save("甲", {"wf_rate": "0.12"})
    store.save("乙", {})
    with pytest.raises(ScenarioExists, match="甲"):
        store.save(" 甲", {"wf_rate": "0.2"})
    assert store.load("甲").params == {"wf_rate": "0.12"}
    store.save("甲", {"wf_rate": "0.2"}, overwrite=True)
    assert store.load("甲").params == {"wf_rate": "0.2"}
    assert [s.name for s in store.list()] == ["乙", "甲"]  # the newest save comes last


@pytest.mark.parametrize("bad", ["", "   ", "名" * 41, " " + "x" * 41 + " "])
def test_bad_names_are_refused(path, bad):
    with pytest.raises(ValueError, match="方案名称"):
        json_store(path).save(bad, {})
    assert not path.exists()


def test_name_limits(path):
    store = json_store(path)
    assert store.save(" " + "名" * 40 + " ", {}).name == "名" * 40
    assert store.save("x", {}).name == "x"


def test_params_must_be_json(path):
    store = json_store(path)
    with pytest.raises(ValueError, match="JSON"):
        store.save("a", {"when": datetime(2011, 1, 1)})
    with pytest.raises(ValueError, match="JSON"):
        store.save("a", {"x": float("nan")})
    with pytest.raises(ValueError, match="dict"):
        store.save("a", ["not", "a", "dict"])  # type: ignore[arg-type]
    assert not path.exists()


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"[]",
        b'{"scenarios": []}',
        b'{"scenarios": {"a": {"params": 1}}}',
        b"\xff\xfe",
    ],
)
def test_corrupt_file_is_reported_and_never_overwritten(path, content):
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    store = json_store(path)
    with pytest.raises(ScenarioStoreCorrupt, match=r"方案文件.*未做任何改动"):
        store.list()
    with pytest.raises(ScenarioStoreCorrupt):
        store.save("新方案", PARAMS)
    with pytest.raises(ScenarioStoreCorrupt):
        store.save("新方案", PARAMS, overwrite=True)
    with pytest.raises(ScenarioStoreCorrupt):
        store.delete("a")
    assert path.read_bytes() == content
    assert list(path.parent.glob("*.tmp")) == []


def test_stores_fund_params_via_the_query_form(path):
    p = FundParams(rate=0.15, over_cap="rank", min_score=60)
    json_store(path).save("提标", fund_params_to_query(p))
    back, msgs = fund_params_from_query(json_store(path).load("提标").params)
    assert (back, msgs) == (p, [])


def test_a_version_1_file_is_read_and_rewritten_with_names_per_owner(path):
    path.parent.mkdir(parents=True)
    old = {
        "version": 1,
        "scenarios": {
            "甲": {"params": {"wf_rate": "0.12"}, "saved_at": "2026-11-01T09:00:00+08:00"},
            "乙": {
                "params": {},
                "saved_at": "2026-11-02T09:00:00+08:00",
                "owner": "wang",
                "shared": True,
            },
        },
    }
    path.write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    store = json_store(path, user="wang")
    assert store.names() == ["甲（无所有者）", "乙"]
    store.save("甲", {"wf_rate": "0.2"})  # wang's own 甲 beside the ownerless one
    body = json.loads(path.read_text(encoding="utf-8"))
    assert body["version"] == 2
    assert [(e["name"], e["owner"]) for e in body["scenarios"]] == [
        ("甲", None),
        ("乙", "wang"),
        ("甲", "wang"),
    ]
    assert json_store(path).names() == ["甲", "乙（wang）", "甲（wang）"]


def test_a_version_2_file_with_one_name_twice_for_one_owner_is_corrupt(path):
    path.parent.mkdir(parents=True)
    entry = {"name": "甲", "owner": "wang", "params": {}, "saved_at": "2026-11-01T09:00:00"}
    content = json.dumps({"version": 2, "scenarios": [entry, entry]}).encode()
    path.write_bytes(content)
    with pytest.raises(ScenarioStoreCorrupt, match="重复"):
        json_store(path).list()
    assert path.read_bytes() == content
