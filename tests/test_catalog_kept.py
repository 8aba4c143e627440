"""The kept catalog (issue 24): the catalog DuckDB file built from a set of data files is kept in
the state folder, named by what went into it, and opened again by every later process (a
restart, a second replica) instead of copying the data again.

Builds are counted through ``db._build`` (the one function that writes a catalog), never timed.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest

from governance import db
from governance.contract import TABLES
from tests import hostile_data as hd


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Where each catalog was built, in order (the kept ones are in the catalogs folder)."""
    built: list[Path] = []
    real = db._build

    def counted(catalog: Path, *args: Any, **kwargs: Any) -> dict[str, db.Unusable]:
        built.append(catalog)
        return real(catalog, *args, **kwargs)

    monkeypatch.setattr(db, "_build", counted)
    return built


def _kept(builds: list[Path]) -> list[Path]:
    return [b for b in builds if b.parent == db._catalogs_dir()]


def _catalogs() -> list[str]:
    return sorted(p.name for p in db._catalogs_dir().glob("*.duckdb"))


def _everything(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Every row of every table and base view, in a fixed order."""
    names = [t.name for t in TABLES] + list(db.BASE_VIEWS)
    return {n: con.execute(f"select * from {n} order by all").fetchall() for n in names}


def _broken(folder: Path) -> Path:
    """The fixture with three tables out of force: a file missing, a file of random bytes,
    and a value the contract check refuses (a negative count)."""
    hd.write(folder, hd.with_cell("outcomes", 0, "security_incidents", -5))
    (folder / "honours.parquet").unlink()
    hd.random_file(folder, "activities")
    return folder


# ---- reuse --------------------------------------------------------------------------------------


def test_a_second_open_reuses_the_kept_catalog(tmp_path: Path, builds: list[Path]) -> None:
    folder = _broken(tmp_path / "data")
    con, first = db.open_checked(folder)
    rows = _everything(con)
    con.close()
    assert len(_kept(builds)) == 1
    (kept,) = db._catalogs_dir().glob("*.duckdb")
    inode = kept.stat().st_ino

    con, second = db.open_checked(folder)
    assert _everything(con) == rows
    con.close()
    assert len(builds) == 1  # not built again
    assert kept.stat().st_ino == inode  # the same file, not replaced
    assert second == first
    # the three tables, each with its reason (hand-checked against the fixture)
    assert sorted(first) == ["activities", "honours", "outcomes"]
    assert first["honours"].reasons_zh == (db.MISSING_ZH,)
    assert first["activities"].reasons_zh[0].startswith("文件无法读取")
    assert first["outcomes"].count == 1
    assert rows["outcomes"] == []  # a table the check refuses is left empty
    # nothing was written beside the data
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        p.name for p in hd.write(tmp_path / "again").iterdir() if p.name != "honours.parquet"
    )


def test_the_kept_catalog_gives_what_a_fresh_build_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _broken(tmp_path / "data")
    con, kept_first = db.open_checked(folder)  # built and kept
    con.close()
    con, kept = db.open_checked(folder)  # reopened
    kept_rows = _everything(con)
    con.close()
    monkeypatch.setattr(db, "_kept_catalog", lambda *args: None)  # a temp folder, as before
    con, fresh = db.open_checked(folder)
    fresh_rows = _everything(con)
    con.close()
    assert kept == fresh == kept_first
    assert kept_rows == fresh_rows
    assert list(kept) == list(fresh)  # in the same order too (pages list them in it)


def test_strict_opens_raise_the_same_errors_when_reused(tmp_path: Path, builds: list[Path]) -> None:
    folder = _broken(tmp_path / "data")
    with pytest.raises(db.MissingDataError) as missing:
        db.connect(folder)
    assert missing.value.missing == ["honours"]
    (folder / "honours.parquet").write_bytes(b"")
    messages = []
    for _ in range(2):
        with pytest.raises(db.DataError) as error:
            db.connect(folder)
        messages.append(str(error.value))
    assert len(_kept(builds)) == 1  # the second raised from the kept catalog's verdict
    assert messages[0] == messages[1]
    assert "activities（activities.parquet）：文件无法读取" in messages[0]
    assert "honours（honours.parquet）：文件无法读取" in messages[0]  # now an empty file
    # connect() does not run the contract check: the negative count is not an error there
    assert "outcomes" not in messages[0]


def test_the_connection_is_read_only_with_no_file_access(tmp_path: Path) -> None:
    folder = hd.write(tmp_path / "data")
    db.open_checked(folder)[0].close()
    a, _ = db.open_checked(folder)  # kept, twice in one process, both open at once
    b, _ = db.open_checked(folder)
    try:
        assert a.execute("select count(*) from outcomes").fetchone() == (15,)
        assert b.execute("select count(*) from outcomes").fetchone() == (15,)
        with pytest.raises(duckdb.Error):
            a.execute("create table x (i int)")
        with pytest.raises(duckdb.Error):
            a.execute("delete from outcomes")
        with pytest.raises(duckdb.Error):
            a.execute("select * from read_csv('/etc/hostname')")
        with pytest.raises(duckdb.Error):
            a.execute("set enable_external_access = true")
        assert a.execute("select current_setting('temp_directory')").fetchone() == ("",)
    finally:
        a.close()
        b.close()
    # the catalog lives in the state folder, and no link opened for a connection is left
    assert {p.suffix for p in db._catalogs_dir().iterdir()} == {".duckdb", ".json", ".lock"}


# ---- what names a catalog -----------------------------------------------------------------------


def test_changed_data_builds_a_new_catalog(tmp_path: Path, builds: list[Path]) -> None:
    folder = hd.write(tmp_path / "data")
    con, _ = db.open_checked(folder)
    before = con.execute("select security_incidents from outcomes order by all").fetchall()
    con.close()
    hd.write(folder, hd.with_cell("outcomes", 0, "security_incidents", 99))
    con, _ = db.open_checked(folder)
    after = con.execute("select security_incidents from outcomes order by all").fetchall()
    con.close()
    assert len(_kept(builds)) == 2
    assert len(_catalogs()) == 2
    assert (99,) in after and (99,) not in before


def test_other_checking_code_builds_a_new_catalog(
    tmp_path: Path, builds: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = hd.write(tmp_path / "data")
    db.open_checked(folder)[0].close()
    monkeypatch.setattr(db, "_code_digest", lambda: "0123456789ab")
    db.open_checked(folder)[0].close()
    db.open_checked(folder)[0].close()
    assert len(_kept(builds)) == 2
    assert len(_catalogs()) == 2


def test_connect_and_the_checked_open_keep_catalogs_of_their_own(
    tmp_path: Path, builds: list[Path]
) -> None:
    # The checked open empties a table that fails the check, connect() does not: two catalogs.
    folder = hd.write(tmp_path / "data", hd.with_cell("outcomes", 0, "security_incidents", -5))
    con, bad = db.open_checked(folder)
    assert con.execute("select count(*) from outcomes").fetchone() == (0,)
    con.close()
    assert list(bad) == ["outcomes"]
    con = db.connect(folder)
    assert con.execute("select count(*) from outcomes").fetchone() == (15,)
    con.close()
    assert len(_catalogs()) == 2
    # one query's tables (connect(tables=...)) are built in a temp folder, never kept
    con = db.connect(folder, tables=frozenset({"communities"}))
    con.close()
    assert len(_catalogs()) == 2 and len(builds) == 3


# ---- leftovers and damage -----------------------------------------------------------------------


def test_a_leftover_of_a_killed_build_is_ignored(tmp_path: Path, builds: list[Path]) -> None:
    folder = hd.write(tmp_path / "data")
    name = db._catalog_name(folder.resolve(), True)
    base = db._catalogs_dir()
    (base / f"{name}.4242.building").write_bytes(b"half a catalog")
    (base / f"{name}.4242.building.wal").write_bytes(b"half a log")
    con, bad = db.open_checked(folder)
    assert con.execute("select count(*) from outcomes").fetchone() == (15,)
    con.close()
    assert bad == {}
    assert len(_kept(builds)) == 1
    assert sorted(p.name for p in base.iterdir()) == [
        f"{name}.duckdb",
        f"{name}.json",
        f"{name}.lock",
    ]


def _build_then_hang(folder: str, state: str, started: str) -> None:
    """A process killed in the middle of a build (it holds the build lock)."""
    os.environ["GOVERNANCE_STATE_DIR"] = state
    real = db._build

    def hang(catalog: Path, *args: Any, **kwargs: Any) -> dict[str, db.Unusable]:
        got = real(catalog, *args, **kwargs)
        Path(started).write_text(str(catalog))
        time.sleep(600)
        return got

    db._build = hang  # type: ignore[assignment]
    db.open_checked(Path(folder))


@pytest.mark.usefixtures("plain_main")  # after an AppTest, __main__ is app.py
def test_a_build_killed_midway_is_built_again(
    tmp_path: Path, builds: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = hd.write(tmp_path / "data")
    state = tmp_path / "state"
    started = tmp_path / "started"
    ctx = multiprocessing.get_context("forkserver")
    proc = ctx.Process(target=_build_then_hang, args=(str(folder), str(state), str(started)))
    proc.start()
    try:
        deadline = time.monotonic() + 120
        while not started.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert started.exists()
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.join()
    left = Path(started.read_text())
    assert left.name.endswith(".building") and left.exists()  # never published
    monkeypatch.setattr(db, "_catalogs_dir", lambda: state / "catalogs")
    con, bad = db.open_checked(folder)  # the dead process's lock is gone with it
    assert con.execute("select count(*) from outcomes").fetchone() == (15,)
    con.close()
    assert bad == {} and len(builds) == 1
    assert not left.exists()
    assert len(list((state / "catalogs").glob("*.duckdb"))) == 1


@pytest.mark.parametrize("damage", ["garbage", "truncated", "no verdict"])
def test_a_damaged_kept_catalog_is_built_again(
    tmp_path: Path, builds: list[Path], damage: str
) -> None:
    folder = _broken(tmp_path / "data")
    con, first = db.open_checked(folder)
    rows = _everything(con)
    con.close()
    (kept,) = db._catalogs_dir().glob("*.duckdb")
    if damage == "garbage":  # of the size it was published with: it fails to open
        kept.write_bytes(os.urandom(kept.stat().st_size))
    elif damage == "truncated":  # DuckDB opens a file cut short; its first query would fail
        kept.write_bytes(kept.read_bytes()[: kept.stat().st_size // 2])
    else:
        kept.with_suffix(".json").write_text("{not json", encoding="utf-8")
    con, again = db.open_checked(folder)
    assert _everything(con) == rows
    con.close()
    assert again == first
    assert len(_kept(builds)) == 2
    con, _ = db.open_checked(folder)  # and the rebuilt one is reused
    con.close()
    assert len(builds) == 2


# ---- a state folder that cannot keep one --------------------------------------------------------


def test_a_state_folder_that_cannot_be_written_still_opens(
    tmp_path: Path, builds: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests run as root, for whom no mode bit is read-only: the catalogs folder's parent is a
    # file, so it cannot be made, as on a read-only state folder.
    (tmp_path / "state").write_text("not a folder", encoding="utf-8")
    monkeypatch.setattr(db, "_catalogs_dir", lambda: tmp_path / "state" / "catalogs")
    folder = _broken(tmp_path / "data")
    for _ in range(2):
        con, bad = db.open_checked(folder)
        assert con.execute("select count(*) from communities").fetchone() == (3,)
        con.close()
        assert sorted(bad) == ["activities", "honours", "outcomes"]
    assert len(builds) == 2 and not _kept(builds)  # each in a temp folder, as before


def test_a_full_state_folder_still_opens(
    tmp_path: Path, builds: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = db._build

    def full(catalog: Path, *args: Any, **kwargs: Any) -> dict[str, db.Unusable]:
        if catalog.parent == db._catalogs_dir():
            raise duckdb.IOException("could not write file: No space left on device")
        return real(catalog, *args, **kwargs)

    monkeypatch.setattr(db, "_build", full)
    folder = hd.write(tmp_path / "data")
    con, bad = db.open_checked(folder)
    assert con.execute("select count(*) from outcomes").fetchone() == (15,)
    con.close()
    assert bad == {}
    assert _catalogs() == []
    assert not [p for p in db._catalogs_dir().iterdir() if ".building" in p.name]


def test_a_kept_catalog_in_a_folder_that_cannot_be_written_still_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A catalog kept before the folder went read-only: it cannot be linked (EROFS), so the
    # data are read again in a temp folder.
    folder = hd.write(tmp_path / "data")
    db.open_checked(folder)[0].close()

    def read_only(*args: Any) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(db.os, "link", read_only)
    monkeypatch.setattr(db.os, "access", lambda *args: False)
    con, bad = db.open_checked(folder)
    assert con.execute("select count(*) from outcomes").fetchone() == (15,)
    con.close()
    assert bad == {}


# ---- pruning ------------------------------------------------------------------------------------


def test_the_newest_catalogs_are_kept(tmp_path: Path, builds: list[Path]) -> None:
    folders = [
        hd.write(tmp_path / f"data{i}", hd.with_cell("outcomes", 0, "security_incidents", i))
        for i in range(5)
    ]
    names = [db._catalog_name(f.resolve(), True) for f in folders]
    for f in folders[:3]:
        db.open_checked(f)[0].close()
    time.sleep(0.02)  # mtimes apart on a coarse clock
    db.open_checked(folders[0])[0].close()  # used again: now the most recent
    time.sleep(0.02)
    for f in folders[3:]:
        db.open_checked(f)[0].close()
        time.sleep(0.02)
    assert db.CATALOG_KEEP == 3
    assert _catalogs() == sorted(f"{names[i]}.duckdb" for i in (0, 3, 4))
    # each with its verdict and lock, and nothing of those that went
    left = {p.name.split(".")[0] for p in db._catalogs_dir().iterdir()}
    assert left == {names[i] for i in (0, 3, 4)}
    assert len(_kept(builds)) == 5


# ---- a commit keeps the catalog of the version it publishes -------------------------------------


def _households_edited(folder: Path) -> Any:
    """The store of ``folder`` with one commit made: every community's households set to 2."""
    from governance.datastore import Store

    store = Store(folder)
    edited = store.current_tables(["communities"])["communities"].assign(households=2)
    store.commit(store.plan({"communities": edited}), who="a")
    return store


def test_a_commit_keeps_its_versions_catalog_for_the_next_open(
    tmp_path: Path, builds: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _broken(tmp_path / "data")
    _households_edited(folder)
    # built while committing: the files as found (version 1), then version 2
    assert len(_kept(builds)) == 2
    assert len(_catalogs()) == 2
    assert not [p for p in db._catalogs_dir().iterdir() if ".building" in p.name]
    con, kept = db.open_checked(folder)
    kept_rows = _everything(con)
    assert con.execute("select min(households), max(households) from communities").fetchone() == (
        2,
        2,
    )
    con.close()
    assert len(builds) == 2  # opened, neither copied nor checked again
    monkeypatch.setattr(db, "_kept_catalog", lambda *args: None)  # a temp folder, as before
    con, fresh = db.open_checked(folder)
    fresh_rows = _everything(con)
    con.close()
    assert kept_rows == fresh_rows
    assert kept == fresh and list(kept) == list(fresh)
    # named as an open of the data folder names them (hand-checked against the fixture)
    assert kept["outcomes"].file == "versions/000002/outcomes.parquet"
    assert kept["activities"].file == "versions/000002/activities.parquet"
    assert kept["honours"].file == "honours.parquet"  # no file at all


def test_a_commit_that_fails_keeps_no_catalog(
    tmp_path: Path, builds: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from governance.datastore import DataStoreError, Store

    folder = hd.write(tmp_path / "data")
    real = Store._publish

    def fails_at_2(self: Store, temp: Path, version: Any) -> None:
        if version.number == 2:
            raise OSError(28, "No space left on device")
        real(self, temp, version)

    monkeypatch.setattr(Store, "_publish", fails_at_2)
    with pytest.raises(DataStoreError):
        _households_edited(folder)
    assert len(_kept(builds)) == 2  # version 2's was built, then dropped
    assert len(_catalogs()) == 1  # version 1's, in force
    assert not [p for p in db._catalogs_dir().iterdir() if ".building" in p.name]
    con, _ = db.open_checked(folder)
    assert con.execute("select min(households) from communities").fetchone() != (2,)
    con.close()
    assert len(builds) == 2


def test_an_open_quicker_than_the_commit_keeps_its_own_catalog(
    tmp_path: Path, builds: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from governance.datastore import Store

    folder = hd.write(tmp_path / "data")
    real = Store._publish
    opened: list[int] = []

    def then_opened(self: Store, temp: Path, version: Any) -> None:
        real(self, temp, version)
        if version.number == 2:  # a replica opens the new version right after the switch
            con, _ = db.open_checked(folder)
            con.close()
            opened.append(len(builds))

    monkeypatch.setattr(Store, "_publish", then_opened)
    _households_edited(folder)
    assert opened == [3]  # the open built the new version's catalog itself
    assert len(_catalogs()) == 2
    assert not [p for p in db._catalogs_dir().iterdir() if ".building" in p.name]
    con, _ = db.open_checked(folder)
    assert con.execute("select min(households), max(households) from communities").fetchone() == (
        2,
        2,
    )
    con.close()
    assert len(builds) == 3  # the open's catalog, kept, is what the next open takes


# ---- two processes at once ----------------------------------------------------------------------


def _open_at_once(folder: str, state: str, counter: str, barrier: Any, out: Any) -> None:
    os.environ["GOVERNANCE_STATE_DIR"] = state
    real = db._build

    def counted(catalog: Path, *args: Any, **kwargs: Any) -> dict[str, db.Unusable]:
        with open(counter, "a", encoding="utf-8") as f:
            f.write(f"{os.getpid()}\n")
        got = real(catalog, *args, **kwargs)
        time.sleep(1.0)  # the other process surely asks while this one builds
        return got

    db._build = counted  # type: ignore[assignment]
    barrier.wait(timeout=120)
    con, bad = db.open_checked(Path(folder))
    # both hold the one kept file open read-only at once (DuckDB allows it across processes)
    barrier.wait(timeout=120)
    out.put((sorted(bad), con.execute("select count(*) from communities").fetchone()))
    barrier.wait(timeout=120)
    con.close()


@pytest.mark.usefixtures("plain_main")  # after an AppTest, __main__ is app.py
def test_two_processes_opening_at_once_build_once(tmp_path: Path) -> None:
    folder = _broken(tmp_path / "data")
    state = tmp_path / "state"
    counter = tmp_path / "builds.txt"
    ctx = multiprocessing.get_context("forkserver")
    barrier, out = ctx.Barrier(2), ctx.Queue()
    procs = [
        ctx.Process(
            target=_open_at_once, args=(str(folder), str(state), str(counter), barrier, out)
        )
        for _ in range(2)
    ]
    for p in procs:
        p.start()
    try:
        got = [out.get(timeout=120) for _ in procs]
        for p in procs:
            p.join(timeout=60)
            assert p.exitcode == 0
    finally:
        for p in procs:
            if p.is_alive():
                p.kill()
    assert len(counter.read_text().splitlines()) == 1
    assert got[0] == got[1] == (["activities", "honours", "outcomes"], (3,))
    assert len(list((state / "catalogs").glob("*.duckdb"))) == 1


def test_leftovers_of_killed_processes_go_once_stale(tmp_path: Path) -> None:
    base = db._catalogs_dir()
    base.mkdir(parents=True, exist_ok=True)
    old = time.time() - db._STALE_S - 60
    stale = ["a.1.building", "a.1.building.wal", "b.2.ff.open", "c.lock", "c.json", "d.3.tmp"]
    fresh = ["e.4.building", "f.5.ee.open", "g.lock"]  # perhaps another process's, at work
    for name in stale + fresh:
        (base / name).write_bytes(b"")
    (base / "a.1.building.tmp").mkdir()  # DuckDB's spill folder
    for name in [*stale, "a.1.building.tmp"]:
        os.utime(base / name, (old, old))
    folder = hd.write(tmp_path / "data")
    db.open_checked(folder)[0].close()
    name = db._catalog_name(folder.resolve(), True)
    assert sorted(p.name for p in base.iterdir()) == sorted(
        [*fresh, f"{name}.duckdb", f"{name}.json", f"{name}.lock"]
    )
