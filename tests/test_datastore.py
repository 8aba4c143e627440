"""The versioned data store: preview, commit, history, compare, rollback, freshness, export.

Every figure is computed by hand from tests/fixture_data.py (communities C01 甲社区 pop 1000,
C02 乙社区 pop 3000, V01 丙村 pop 500; outcomes over 2010Q2-2011Q2, 15 rows).
"""

from __future__ import annotations

import errno
import hashlib
import os
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from governance import db
from governance.contract import TABLES_BY_NAME
from governance.datastore import DataStoreError, Diff, NothingToCommitError, Store, fsops
from tests import fixture_data
from tests.fixtures.datastore import disk_full, tree

COMMUNITY = {
    "community_id": "C03",
    "name_zh": "丁社区",
    "name_en": "Ding",
    "kind": "社区",
    "move_in_year": 2009,
    "population": 800,
    "households": 300,
    "resettlement_area_m2": 20000.0,
    "company_id": "P01",
}


def changes_frame(d: Diff) -> pd.DataFrame:
    """The sampled changed rows of a diff in long form: key columns, column, old, new."""
    key = TABLES_BY_NAME[d.table].key
    rows = [
        {**change.key, "column": col, "old": old, "new": new}
        for change in d.changed_rows
        for col, (old, new) in change.values.items()
    ]
    return pd.DataFrame(rows, columns=[*key, "column", "old", "new"])


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return fixture_data.write(tmp_path / "data")


@pytest.fixture
def store(folder: Path) -> Store:
    return Store(folder)


def communities(store: Store) -> pd.DataFrame:
    return store.current_tables(["communities"])["communities"]


def edited(store: Store) -> pd.DataFrame:
    """C01 with population 1000 -> 1100, and the new community C03 (upsert file)."""
    frame = communities(store)
    c01 = frame[frame["community_id"] == "C01"].copy()
    c01["population"] = 1100
    return pd.concat([c01, pd.DataFrame([COMMUNITY])], ignore_index=True)


def test_current_tables_read_the_folders_files_as_version_0(store: Store):
    assert store.current_version() is None
    tables = store.current_tables()
    assert len(tables) == 32  # 31 tables and the communities' outlines (一张图)
    c = tables["communities"]
    assert list(c["community_id"]) == ["C01", "C02", "V01"]
    assert list(c["population"]) == [1000, 3000, 500]
    assert c["company_id"].isna().tolist() == [False, False, True]
    assert tables["outcomes"]["quarter"].iloc[0] == date(2010, 4, 1)


def test_upsert_plan_replaces_rows_by_key_adds_new_keys_and_writes_nothing(folder, store):
    before = tree(folder)
    plan = store.plan({"communities": edited(store)}, "upsert")
    d = plan.tables["communities"].diff
    assert (d.added, d.changed, d.removed, d.unchanged) == (1, 1, 0, 2)
    assert list(d.added_rows["community_id"]) == ["C03"]
    assert len(d.changed_rows) == 1
    assert d.changed_rows[0].key == {"community_id": "C01"}
    assert d.changed_rows[0].values == {"population": (1000, 1100)}
    long = changes_frame(d)
    assert long.to_dict("records") == [
        {"community_id": "C01", "column": "population", "old": 1000, "new": 1100}
    ]
    merged = plan.tables["communities"].frame
    # kept rows in place, the replaced row in its place, the new key at the end
    assert list(merged["community_id"]) == ["C01", "C02", "V01", "C03"]
    assert list(merged["population"]) == [1100, 3000, 500, 800]
    assert plan.base_version is None and plan.has_changes
    assert tree(folder) == before


def test_replace_plan_makes_the_table_the_file(store):
    plan = store.plan({"communities": edited(store)}, "replace")
    d = plan.tables["communities"].diff
    assert (d.added, d.changed, d.removed, d.unchanged) == (1, 1, 2, 0)
    assert sorted(d.removed_rows["community_id"]) == ["C02", "V01"]
    assert list(plan.tables["communities"].frame["community_id"]) == ["C01", "C03"]


def test_upsert_matches_a_key_with_an_empty_part(store):
    # targets' key is (indicator_id, community_id); the town row has no community
    targets = store.current_tables(["targets"])["targets"]
    town = targets[targets["community_id"].isna() & (targets["indicator_id"] == "star3_share")]
    town = town.assign(target=95.0)
    d = store.plan({"targets": town}).tables["targets"].diff
    assert (d.added, d.changed, d.removed, d.unchanged) == (0, 1, 0, 5)  # 6 targets
    assert d.changed_rows[0].key == {"indicator_id": "star3_share", "community_id": None}
    assert d.changed_rows[0].values == {"target": (90.0, 95.0)}


def test_plan_refuses_what_the_store_cannot_keep(store):
    with pytest.raises(DataStoreError, match="没有名为“nope”的数据表"):
        store.plan({"nope": pd.DataFrame()})
    with pytest.raises(DataStoreError, match="导入方式“merge”无效"):
        store.plan({"communities": edited(store)}, "merge")
    twice = pd.concat([edited(store)] * 2, ignore_index=True)
    with pytest.raises(DataStoreError, match="主键重复：C01、C03"):
        store.plan({"communities": twice})
    fraction = edited(store).astype({"population": "float64"})
    fraction.loc[1, "population"] = 2.5
    with pytest.raises(DataStoreError, match=r"第 2 行的列 population 的值“2\.5”"):
        store.plan({"communities": fraction})
    with pytest.raises(DataStoreError, match="缺少列：kind"):
        store.plan({"communities": edited(store).drop(columns="kind")})


def test_commit_records_the_folder_as_version_1_then_the_import_as_version_2(folder, store):
    fp_before = db.fingerprint(folder)
    version = store.commit(
        store.plan({"communities": edited(store)}), who="王芳", source="/tmp/x/c.xlsx"
    )
    assert version.number == 2 and store.current_version() == 2
    assert os.readlink(folder / "current") == "versions/000002"
    assert version.who == "王芳" and version.source == "c.xlsx" and version.mode == "upsert"
    assert version.parent == 1 and version.changed_tables == ["communities"]
    entry = version.tables["communities"]
    assert (entry.rows, entry.added, entry.updated, entry.removed) == (4, 1, 1, 0)
    path = folder / "versions/000002/communities.parquet"
    assert entry.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    # unchanged tables are hard links to version 1's files; version 1 holds copies of the
    # folder's own files (rewriting one in place must not rewrite the version)
    v1 = folder / "versions/000001/outcomes.parquet"
    v2 = folder / "versions/000002/outcomes.parquet"
    assert os.stat(v1).st_ino == os.stat(v2).st_ino
    assert os.stat(v1).st_ino != os.stat(folder / "outcomes.parquet").st_ino
    assert v1.read_bytes() == (folder / "outcomes.parquet").read_bytes()
    with open(folder / "outcomes.parquet", "r+b") as f:
        f.write(b"garbage")
    assert store.current_tables(["outcomes"])["outcomes"].shape == (15, 10)
    first = store.version(1)
    assert first.mode == "initial" and len(first.tables) == 32  # with community_shapes
    assert first.tables["communities"].rows == 3
    # the query layer reads the version in force; the fingerprint is its id
    con = db.connect(folder)
    got = con.execute("select community_id, population from communities order by 1").fetchall()
    con.close()
    assert got == [("C01", 1100), ("C02", 3000), ("C03", 800), ("V01", 500)]
    assert db.fingerprint(folder) != fp_before
    assert db.version_dir(folder) == (folder / "versions/000002").resolve()


def test_history_lists_every_version_newest_first_and_by_table(store):
    store.commit(store.plan({"communities": edited(store)}), who="a", source="c.csv")
    outcomes = store.current_tables(["outcomes"])["outcomes"].head(1).assign(petitions=99)
    store.commit(store.plan({"outcomes": outcomes}), who="b", source="o.csv")
    assert [v.number for v in store.history()] == [3, 2, 1]
    assert [v.number for v in store.history("communities")] == [2, 1]
    assert [v.number for v in store.history("outcomes")] == [3, 1]
    assert [v.who for v in store.history()] == ["b", "a", "a"]
    with pytest.raises(DataStoreError):
        store.history("nope")


def test_compare_two_versions(store):
    store.commit(store.plan({"communities": edited(store)}), who="a")
    forward = store.compare("communities", 1, 2)
    assert (forward.added, forward.changed, forward.removed) == (1, 1, 0)
    back = store.compare("communities", 2, 1)
    assert (back.added, back.changed, back.removed) == (0, 1, 1)
    assert back.changed_rows[0].values == {"population": (1100, 1000)}
    assert list(back.removed_rows["community_id"]) == ["C03"]
    same = store.compare("outcomes", 1, 2)
    assert not same.has_changes and same.unchanged == 15
    with pytest.raises(DataStoreError, match="没有版本 7"):
        store.compare("communities", 1, 7)


def test_rollback_is_a_new_version_and_can_itself_be_undone(folder, store, tmp_path):
    store.export_csv("communities", tmp_path / "v1.csv")
    store.commit(store.plan({"communities": edited(store)}), who="a")
    store.export_csv("communities", tmp_path / "v2.csv")
    back = store.rollback("communities", 1, who="b")
    assert back.number == 3 and back.mode == "rollback" and back.rollback_of == 1
    assert back.changed_tables == ["communities"]
    assert back.tables["communities"].sha256 == store.version(1).tables["communities"].sha256
    store.export_csv("communities", tmp_path / "now.csv")
    assert (tmp_path / "now.csv").read_bytes() == (tmp_path / "v1.csv").read_bytes()
    again = store.rollback("communities", 2, who="b")
    assert again.number == 4
    store.export_csv("communities", tmp_path / "now.csv")
    assert (tmp_path / "now.csv").read_bytes() == (tmp_path / "v2.csv").read_bytes()
    with pytest.raises(NothingToCommitError):
        store.rollback("communities", 2)
    assert store.current_version() == 4


def test_committing_nothing_new_makes_no_version(store):
    same = communities(store)
    with pytest.raises(NothingToCommitError, match="没有任何变化"):
        store.commit(store.plan({"communities": same}), who="a")


def test_a_commit_made_meanwhile_is_kept_the_later_one_merges_onto_it(store):
    first = store.plan({"communities": edited(store)})
    c02 = communities(store)
    c02 = c02[c02["community_id"] == "C02"].assign(population=3300)
    second = store.plan({"communities": c02})  # planned on version 0, like the first
    store.commit(first, who="a")
    version = store.commit(second, who="b")
    assert version.number == 3
    c = communities(store).set_index("community_id")["population"].to_dict()
    assert c == {"C01": 1100, "C02": 3300, "V01": 500, "C03": 800}


def test_freshness_per_table(store):
    fresh = store.freshness().set_index("table")
    assert fresh.loc["outcomes", "version"] == 0
    assert fresh.loc["outcomes", "rows"] == 15
    assert (fresh.loc["outcomes", "period_from"], fresh.loc["outcomes", "period_to"]) == (
        "2010-04-01",
        "2011-04-01",
    )
    assert pd.isna(fresh.loc["communities", "period_from"])
    store.commit(store.plan({"communities": edited(store)}), who="王芳", source="c.xlsx")
    fresh = store.freshness().set_index("table")
    assert len(fresh) == 32  # with community_shapes
    assert fresh.loc["communities", "version"] == 2
    assert fresh.loc["communities", "who"] == "王芳"
    assert fresh.loc["communities", "source"] == "c.xlsx"
    assert fresh.loc["communities", "rows"] == 4
    assert fresh.loc["outcomes", "version"] == 1
    assert fresh.loc["stairwell_ratings", "period_from"] == "2011-03-31"
    assert fresh.loc["stairwell_ratings", "period_to"] == "2011-06-30"


def test_export_csv_contract_names_iso_dates_and_no_formulas(store, tmp_path):
    rows = store.export_csv("meeting_issues", tmp_path / "mi.csv")
    assert rows == 5
    lines = (tmp_path / "mi.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "issue_id,meeting_id,community_id,category,raised_date,resolved_date"
    assert lines[1] == "I1,M1,C01,乱停车,2011-04-05,2011-04-20"
    assert lines[2] == "I2,M1,C01,违章搭建,2011-04-05,"
    formula = communities(store).head(1).assign(name_zh="=HYPERLINK(1)", name_en="@x")
    store.commit(store.plan({"communities": formula}), who="a")
    store.export_csv("communities", tmp_path / "c.csv")
    text = (tmp_path / "c.csv").read_text(encoding="utf-8")
    assert "C01,'=HYPERLINK(1),'@x,社区,2005,1000,400,30000.0,P01" in text
    # stored as text, unchanged
    assert communities(store)["name_zh"].iloc[0] == "=HYPERLINK(1)"


def test_a_commit_stopped_at_any_operation_leaves_the_previous_version(store, folder, tmp_path):
    """In-process: the hook raises before the N-th file operation (the SIGKILL test in
    test_datastore_kill.py does the same to a real process). Before the switch of ``current``
    the previous version is in force, whole; from the switch on, the new one."""
    store.commit(store.plan({"communities": edited(store)}), who="a")
    store.export_csv("communities", tmp_path / "before.csv")
    plan = store.plan({"communities": communities(store).assign(households=1)})

    class Stop(Exception):
        pass

    n, stopped_before_switch = 1, 0
    while True:
        kinds: list[str] = []

        def hook(kind, path, limit=n, kinds=kinds):
            kinds.append(kind)
            if len(kinds) >= limit:
                raise Stop(kind)

        fsops.set_hook(hook)
        try:
            store.commit(plan, who="b")
            finished = True
        except Stop:
            finished = False
        finally:
            fsops.set_hook(None)
        if finished or "replace" in kinds[:-1]:  # stopped after the switch: the new version
            break
        assert store.current_version() == 2, kinds
        store.export_csv("communities", tmp_path / "after.csv")
        assert (tmp_path / "after.csv").read_bytes() == (tmp_path / "before.csv").read_bytes()
        stopped_before_switch += 1
        n += 1
    assert stopped_before_switch >= 20  # every operation before the switch was tried
    assert store.current_version() == 3
    assert set(communities(store)["households"]) == {1}
    # what the stopped commits left is swept by the next commit
    store.commit(store.plan({"communities": communities(store).assign(households=2)}), who="c")
    assert sorted(p.name for p in (folder / "versions").iterdir()) == [
        "000001",
        "000002",
        "000003",
        "000004",
    ]
    assert not list(folder.glob(".current-*"))


def test_a_csv_in_the_folder_is_read_by_column_name_and_kept_as_it_is(folder, store, tmp_path):
    (folder / "communities.parquet").unlink()
    (folder / "communities.csv").write_text(
        "population,community_id,name_zh,name_en,kind,move_in_year,households,"
        "resettlement_area_m2,company_id\n"
        "1000,C01,甲社区,Jia,社区,2005,400,30000,P01\n"
        "3000,C02,乙社区,Yi,社区,2008,1000,60000,P02\n"
        "500,V01,丙村,Bing,村,2003,200,0,\n",
        encoding="utf-8",
    )
    c = communities(store)
    assert list(zip(c["community_id"], c["population"], strict=True)) == [
        ("C01", 1000),
        ("C02", 3000),
        ("V01", 500),
    ]
    store.export_csv("communities", tmp_path / "v0.csv")
    store.commit(store.plan({"communities": edited(store)}), who="a")
    assert store.version(1).tables["communities"].file == "communities.csv"
    assert store.version(2).tables["communities"].file == "communities.parquet"
    back = store.rollback("communities", 1)
    assert back.tables["communities"].file == "communities.csv"
    assert db.data_files(folder)["communities"].name == "communities.csv"
    store.export_csv("communities", tmp_path / "now.csv")
    assert (tmp_path / "now.csv").read_bytes() == (tmp_path / "v0.csv").read_bytes()


def test_a_commit_waits_for_the_lock_and_says_so_when_it_cannot_start(folder, store):
    from filelock import FileLock

    plan = store.plan({"communities": edited(store)})
    held = FileLock(str(folder / ".datastore.lock"))  # another process's commit, as it were
    with held, pytest.raises(DataStoreError, match="另一个提交正在进行"):
        Store(folder, lock_timeout=0.2).commit(plan, who="a")
    assert store.current_version() is None
    assert not (folder / "versions").exists()
    assert store.commit(plan, who="a").number == 2


def test_versions_without_a_pointer_are_set_aside_never_deleted(folder, store):
    store.commit(store.plan({"communities": edited(store)}), who="a")
    (folder / "current").unlink()  # removed by hand
    assert store.current_version() is None
    assert list(communities(store)["community_id"]) == ["C01", "C02", "V01"]  # version 0 again
    store.commit(store.plan({"communities": edited(store)}), who="b")
    detached = list(folder.glob("versions-detached-*"))
    assert len(detached) == 1
    assert sorted(p.name for p in detached[0].iterdir()) == ["000001", "000002"]
    assert [v.number for v in store.history()] == [2, 1]


def test_rollback_of_every_table_at_once(store, tmp_path):
    store.commit(store.plan({"communities": edited(store)}), who="a")
    outcomes = store.current_tables(["outcomes"])["outcomes"].head(2).assign(petitions=0)
    store.commit(store.plan({"outcomes": outcomes}), who="a")
    plan = store.plan_rollback(None, 1)
    assert {n for n, tp in plan.tables.items() if tp.diff.has_changes} == {
        "communities",
        "outcomes",
    }
    assert plan.tables["outcomes"].diff.changed == 2
    version = store.rollback(None, 1, who="b")
    assert sorted(version.changed_tables) == ["communities", "outcomes"]
    for name, entry in version.tables.items():
        assert entry.sha256 == store.version(1).tables[name].sha256, name


def test_the_dashboard_sees_a_commit_on_its_very_next_run(folder, store, monkeypatch):
    """Once versions exist the fingerprint is the version id, read afresh by every run (no
    one-second memo of the folder): a commit through any replica shows on the next
    interaction; within one run every query reads the version the run started on."""
    from ui import data

    monkeypatch.setenv("GOVERNANCE_DATA_DIR", str(folder))
    # the folder listing's memo would hide the change for an hour: versions must bypass it
    monkeypatch.setattr(data, "_FINGERPRINT_TTL_S", 3600.0)
    store.commit(store.plan({"communities": edited(store)}), who="a")
    data.begin_run()
    seen = data.fingerprint()
    assert data.fingerprint() == seen  # stable while nothing is committed
    store.rollback("communities", 1, who="b")
    assert data.fingerprint() == seen  # the run in progress keeps the version it started on
    data.begin_run()  # the next interaction
    assert data.fingerprint() != seen
    assert data.fingerprint() == db.fingerprint(folder)


def test_a_broken_table_is_left_out_named_and_mended_by_an_import(folder, store):
    (folder / "honours.parquet").write_bytes(b"PAR1 not really")
    assert "honours" not in store.current_tables()
    assert list(store.unreadable()) == ["honours"]
    assert "honours.parquet" in store.unreadable()["honours"]
    assert "/" not in store.unreadable()["honours"].split("：")[0]  # no server path
    honour = {
        "honour_id": "HN1",
        "date": date(2011, 5, 1),
        "name_zh": "示范镇",
        "name_en": "Model town",
        "level": "上海市",
    }
    plan = store.plan({"honours": pd.DataFrame([honour])}, "replace")
    assert plan.tables["honours"].diff.added == 1
    version = store.commit(plan, who="a")
    assert version.tables["honours"].rows == 1
    assert store.version(1).tables["honours"].rows is None  # recorded as found, unreadable
    assert store.unreadable() == {}
    assert store.current_tables(["honours"])["honours"]["honour_id"].tolist() == ["HN1"]


# ---- a commit the disk refuses ------------------------------------------------------------


def test_a_full_disk_during_a_commit_is_said_in_chinese_naming_the_file_and_keeps_the_data(
    folder, store, monkeypatch
):
    store.commit(store.plan({"communities": edited(store)}), who="a")
    before = tree(folder)
    plan = store.plan({"communities": communities(store).assign(households=1)})
    monkeypatch.setattr(fsops.pq, "write_table", disk_full)
    with pytest.raises(DataStoreError) as caught:
        store.commit(plan, who="b")
    assert str(caught.value) == (
        "写入数据表 communities（社区（村））的文件 communities.parquet 时失败：磁盘空间已满，"
        "请清理数据目录所在磁盘。当前数据未改变（仍为第 2 版）。"
        f"请处理后重新提交（数据目录：{folder}）。"
    )
    assert caught.value.text("en") == (
        "Writing the file communities.parquet of table communities (Communities and village) "
        "failed: the disk is full; free space on the data folder's disk. The data in force is "
        f"unchanged (still version 2). Fix this and commit again (data folder: {folder})."
    )
    # the version in force is whole, and the partial version is swept at once
    assert tree(folder) == before
    assert store.current_version() == 2
    assert list(communities(store)["households"]) == [400, 1000, 200, 300]


def test_a_full_disk_before_anything_was_committed_keeps_the_folders_files(
    folder, store, monkeypatch
):
    monkeypatch.setattr(fsops.pq, "write_table", disk_full)
    with pytest.raises(DataStoreError) as caught:
        store.commit(store.plan({"communities": edited(store)}), who="a")
    assert "当前数据未改变（仍为第 1 版）" in str(caught.value)
    assert list(communities(store)["population"]) == [1000, 3000, 500]


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.EACCES, "没有写入权限，请检查数据目录的权限"),
        (errno.EROFS, "文件系统为只读，请检查数据目录所在磁盘的挂载方式"),
        (errno.EMLINK, f"操作系统错误（错误码 {errno.EMLINK}）"),
    ],
)
def test_a_failed_write_of_the_manifest_names_it_and_its_reason(
    folder, store, monkeypatch, code, reason
):
    store.commit(store.plan({"communities": edited(store)}), who="a")

    def refused(path, data):
        fsops._step("write", path)
        raise OSError(code, "refused")

    monkeypatch.setattr(fsops, "write_bytes", refused)
    with pytest.raises(DataStoreError) as caught:
        store.commit(store.plan({"communities": communities(store).assign(households=1)}))
    assert str(caught.value).startswith(f"写入版本清单 manifest.json 时失败：{reason}。")
    assert store.current_version() == 2


def test_a_failed_flush_after_the_switch_is_no_failed_commit(folder, store):
    """From the switch of ``current`` on, the new version is in force for every reader: the
    folder's flush failing cannot undo it, so the commit is not said to have failed."""
    store.commit(store.plan({"communities": edited(store)}), who="a")

    def hook(kind, path):
        if kind == "fsync_dir" and path == folder:
            raise OSError(errno.EIO, "flush failed")

    fsops.set_hook(hook)
    try:
        version = store.commit(store.plan({"communities": communities(store).assign(households=1)}))
    finally:
        fsops.set_hook(None)
    assert version.number == 3 and store.current_version() == 3
    assert set(communities(store)["households"]) == {1}
