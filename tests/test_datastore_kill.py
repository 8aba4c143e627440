"""Real processes: an import SIGKILLed at many points of its commit, and imports committed by
several processes at once. Each process runs the command line (scripts.data.main), forked
from a preloaded server so that each costs milliseconds, not an interpreter start."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import sys
from pathlib import Path

import pytest

from governance import db
from governance.contract import TABLES
from governance.datastore import Store, fsops
from tests import fixture_data
from tests.fixtures.runners import TOWN

# imported once by the fork server, so a forked import starts at once (pandera is slow to load)
_PRELOAD = [
    "scripts.data",
    "governance.importer.read",
    "governance.importer.validate",
    "tests.test_datastore_kill",
]
HEADER = "社区编号,社区名称,英文名称,类型,入住年份,常住人口,户数,动迁安置房面积,物业公司\n"


pytestmark = pytest.mark.usefixtures("plain_main")  # conftest: children never run app.py


def _context():
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(_PRELOAD)
    return ctx


def _run_import(folder: str, file: str, kill_after: int | None, start=None) -> None:
    os.environ["GOVERNANCE_DATA_DIR"] = folder
    if kill_after is not None:
        os.environ[fsops.KILL_ENV] = str(kill_after)
    from scripts.data import main

    if start is not None:
        start.wait(30)
    sys.exit(main(["import", file]))


def _run_commit(folder: str, plan, kill_after: int) -> None:
    """The commit step of the import alone (the file read and validated by the parent)."""
    os.environ[fsops.KILL_ENV] = str(kill_after)
    Store(folder).commit(plan, who="killed", source="communities.csv")
    sys.exit(0)


def _exports(folder: Path, out: Path) -> dict[str, bytes]:
    out.mkdir(parents=True, exist_ok=True)
    store = Store(folder)
    result = {}
    for t in TABLES:
        store.export_csv(t.name, out / f"{t.name}.csv")
        result[t.name] = (out / f"{t.name}.csv").read_bytes()
    return result


def _communities_via_query_layer(folder: Path) -> list[tuple]:
    # the query's own tables copied, as one query on large data opens them (db.connect): the
    # other 31 tables' copies were a third of this test's time
    con = db.connect(folder, db.query_tables("communities_list"))
    try:
        df = db.run(con, "communities_list", TOWN)
    finally:
        con.close()
    return sorted(zip(df["community_id"], df["name_zh"], strict=True))


def _parsed_tables(file: Path) -> dict:
    from governance.importer.read import read_file

    parsed = read_file(file.name, file.read_bytes())
    assert parsed.ok, parsed.problems
    return parsed.tables


def _count_operations(template: Path, file: Path, tmp: Path) -> list[str]:
    """The file operations of the whole import, counted in this process by the hook."""
    from scripts.data import main

    folder = tmp / "count"
    shutil.copytree(template, folder)
    kinds: list[str] = []
    fsops.set_hook(lambda kind, path: kinds.append(kind))
    old = os.environ.get("GOVERNANCE_DATA_DIR")
    os.environ["GOVERNANCE_DATA_DIR"] = str(folder)
    try:
        assert main(["import", str(file)]) == 0
    finally:
        fsops.set_hook(None)
        if old is None:
            del os.environ["GOVERNANCE_DATA_DIR"]
        else:
            os.environ["GOVERNANCE_DATA_DIR"] = old
    return kinds


def test_sigkill_at_any_point_of_a_commit_leaves_the_previous_data(tmp_path: Path):
    template = fixture_data.write(tmp_path / "template")
    file = tmp_path / "communities.csv"
    file.write_text(
        HEADER
        + "C01,甲社区,Jia,社区,2005,1200,400,30000,P01\nC09,新社区,New,社区,2010,10,5,100,P01\n",
        encoding="utf-8",
    )
    kinds = _count_operations(template, file, tmp_path)
    # the first commit on a version-0 folder makes two versions (the folder's files, then
    # the import): two switches of `current`
    assert kinds.count("replace") == 2
    total = len(kinds)
    replaces = [i + 1 for i, k in enumerate(kinds) if k == "replace"]
    spread = {1 + (total - 1) * i // 19 for i in range(20)}
    # and just before each rename of a version, its pointer's creation, each switch, and
    # just after each switch
    switching = [i + 1 for i, k in enumerate(kinds) if k in ("rename", "symlink", "replace")]
    around = set(switching) | {n + 1 for n in replaces if n < total}
    points = sorted(spread | around)
    assert len(points) >= 20
    before = _exports(template, tmp_path / "before")
    names_before = _communities_via_query_layer(template)
    ctx = _context()
    # Most kills hit a process that only commits (the parent read and validated the file, as
    # the import does before committing); every fifth one runs the whole command line.
    # Both make the very same file operations.
    plan = Store(template).plan(_parsed_tables(file))
    copy = tmp_path / "count-commit"
    shutil.copytree(template, copy)
    commit_kinds: list[str] = []
    fsops.set_hook(lambda kind, path: commit_kinds.append(kind))
    try:
        Store(copy).commit(plan, who="count")
    finally:
        fsops.set_hook(None)
    assert commit_kinds == kinds
    for i, n in enumerate(points):
        folder = tmp_path / f"kill-{n}"
        shutil.copytree(template, folder)
        if i % 5 == 0:
            proc = ctx.Process(target=_run_import, args=(str(folder), str(file), n))
        else:
            proc = ctx.Process(target=_run_commit, args=(str(folder), plan, n))
        proc.start()
        proc.join(60)
        assert proc.exitcode == -signal.SIGKILL, (n, kinds[n - 1], proc.exitcode)
        store = Store(folder)
        if n <= replaces[0]:
            assert store.current_version() is None, n  # the folder's files still in force
        elif n <= replaces[1]:
            assert store.current_version() == 1, n  # the folder's files, recorded as version 1
        else:
            assert store.current_version() == 2, n  # killed after the switch: the import holds
        after = _exports(folder, tmp_path / f"after-{n}")
        if store.current_version() == 2:
            assert after != before
            continue
        assert after == before, (n, kinds[n - 1])
        assert _communities_via_query_layer(folder) == names_before
        # the next commit in the same folder succeeds and sweeps what the killed one left
        frame = store.current_tables(["communities"])["communities"].assign(households=7)
        store.commit(store.plan({"communities": frame}), who="next")
        assert sorted(p.name for p in (folder / "versions").iterdir()) == ["000001", "000002"]
        assert not list(folder.glob(".current-*"))
        assert set(store.current_tables(["communities"])["communities"]["households"]) == {7}


def test_imports_committed_by_several_processes_at_once_all_land(tmp_path: Path):
    folder = fixture_data.write(tmp_path / "data")
    files = []
    for i in range(4):
        f = tmp_path / f"communities-{i}.csv"
        f.write_text(
            HEADER + f"N0{i},新{i},New {i},社区,2010,{10 + i},5,100,P01\n", encoding="utf-8"
        )
        files.append(f)
    ctx = _context()
    start = ctx.Event()
    procs = [
        ctx.Process(target=_run_import, args=(str(folder), str(f), None, start)) for f in files
    ]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0, 0, 0]
    store = Store(folder)
    history = store.history()
    # version 1 is the folder's own files; then one version per import, none lost
    assert [v.number for v in history] == [5, 4, 3, 2, 1]
    assert sorted(v.source for v in history[:4]) == [f.name for f in files]
    communities = store.current_tables(["communities"])["communities"]
    got = dict(zip(communities["community_id"], communities["population"], strict=True))
    assert got == {"C01": 1000, "C02": 3000, "V01": 500, "N00": 10, "N01": 11, "N02": 12, "N03": 13}
