"""The query layer: DuckDB views over the data files, and queries run by name.

Views are registered once per set of data files, in a small catalog database that is then
opened read-only with file access locked to the data folder. Queries live in ``queries/``, one
per ``.sql`` file, and take ``$name`` parameters from a dict: user values never enter SQL text.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import queue
import re
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Final

import duckdb
import pandas as pd
from filelock import FileLock, Timeout

from governance import contract_sql, settings
from governance.contract import TABLES, Table

ROOT = Path(__file__).resolve().parent.parent
QUERY_DIR = ROOT / "queries"
DATA_SUFFIXES = (".parquet", ".csv")
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")


class MissingDataError(RuntimeError):
    """Some contract tables have no data file; the message names them in Chinese."""

    def __init__(self, data_dir: Path, missing: list[str]):
        self.missing = missing
        names = "、".join(f"{name}.parquet" for name in missing)
        # Named relative to the data folder: a message never shows the server's paths.
        super().__init__(f"数据文件缺失：数据文件夹中没有 {names}。请运行 make run 生成演示数据。")


def data_dir() -> Path:
    """``GOVERNANCE_DATA_DIR`` when set (tests, benchmarks), else platform_data/."""
    return settings.data_dir()


def version_dir(folder: Path) -> Path | None:
    """The version in force when the data store has committed one (``folder/current`` is a
    symlink to ``versions/NNNNNN``, switched atomically by governance.datastore), else None:
    the files at the top of ``folder`` are then the data (version 0)."""
    current = folder / "current"
    if not current.is_symlink():
        return None
    return (folder / os.readlink(current)).resolve()


def version_id(folder: Path) -> str | None:
    """A cheap id of the version in force (its directory name and inode): one readlink and one
    stat, and it changes with every commit, so it serves as the data's fingerprint."""
    target = version_dir(folder)
    if target is None:
        return None
    try:
        st = target.stat()
    except OSError:
        return None
    return f"{target.name}:{st.st_ino}:{st.st_mtime_ns}"


def data_files(folder: Path) -> dict[str, Path]:
    """The data file of each contract table present in ``folder`` (Parquet before CSV).

    datastore: when a version is in force (``folder/current``), its files are the data.
    """
    folder = version_dir(folder) or folder
    found: dict[str, Path] = {}
    for t in TABLES:
        for suffix in DATA_SUFFIXES:
            path = folder / f"{t.name}{suffix}"
            if path.is_file():
                found[t.name] = path
                break
    return found


@lru_cache(maxsize=256)
def _content_digest(path: str, size: int, mtime_ns: int, inode: int, ctime_ns: int) -> str:
    """The file's content hash, recomputed only when its size, mtime, inode or ctime moves:
    a file rewritten in place keeping its size and mtime still changes its ctime (which no
    user call can set back), and the hash then says whether the content changed."""
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "blake2b").hexdigest()[:32]


def fingerprint(folder: Path) -> str:
    """Changes whenever any data file is added, removed, replaced or touched."""
    h = hashlib.sha256(str(folder.resolve()).encode())
    # datastore: a committed version's files never change, so its id is the fingerprint.
    version = version_id(folder)
    if version is not None:
        h.update(f"version:{version}".encode())
        return h.hexdigest()[:16]
    for name, path in sorted(data_files(folder).items()):
        st = path.stat()
        digest = _content_digest(str(path), st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)
        h.update(f"{name}:{path.name}:{digest}".encode())
    return h.hexdigest()[:16]


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def relative_name(path: Path, folder: Path) -> str:
    """A data file's name as the user knows it: relative to the data folder, never the
    server's absolute path (a version's files read ``versions/000003/x.parquet``)."""
    try:
        return str(path.resolve().relative_to(folder.resolve()))
    except ValueError:
        return path.name


@dataclass(frozen=True)
class Unusable:
    """A table that is not in force: its file, and why, in Chinese (first reasons, count)."""

    table: str
    file: str
    reasons_zh: tuple[str, ...]
    reasons_en: tuple[str, ...]
    count: int

    def reasons(self, lang: str = "zh") -> tuple[str, ...]:
        return self.reasons_en if lang == "en" else self.reasons_zh


class DataError(RuntimeError):
    """Some tables cannot be read as the contract says (strict :func:`connect`)."""

    def __init__(self, unusable: dict[str, Unusable]):
        self.unusable = unusable
        super().__init__(
            "；".join(
                f"{u.table}（{u.file}）：{'；'.join(u.reasons_zh)}" for u in unusable.values()
            )
        )


MAX_REASONS = 5  # reasons kept per table; the count says how many there were
MISSING_ZH = "文件缺失"  # the reason of a table that has no file at all


def _reader(path: Path) -> str:
    # The file is the query's $path parameter, never part of its text. CSVs are read as text
    # under their header names: a column is found by its name, never by its position, and
    # every cast below is checked.
    if path.suffix == ".parquet":
        return "read_parquet($path)"
    return "read_csv($path, header = true, all_varchar = true)"


def _load_table(
    writer: duckdb.DuckDBPyConnection, table: Table, path: Path, folder: Path
) -> Unusable | None:
    """Copy one file into the catalog as the contract's table, columns taken by name.

    Returns why the file cannot be used (it is then left as an empty table of the right
    shape), or None when every column is present and every value has the contract's type.
    """
    name = relative_name(path, folder)
    # Only the contract's own names and types are in the statements' text (identifiers
    # cannot be parameters); the file is always the $path parameter.
    file = {"path": str(path)}
    reasons: list[tuple[str, str]] = []
    count = 0
    try:
        described = writer.execute(f"describe select * from {_reader(path)}", file).fetchall()
        found = {row[0] for row in described}
        absent = [c for c in table.columns if c.name not in found]
        for c in absent:
            reasons.append((f"缺少列 {c.name}（{c.label_zh}）", f"column {c.name} is missing"))
        count = len(absent)
        if not absent:
            # A value present in the file that does not cast to the contract's type; a column
            # the file already holds in that type (a Parquet file as the store writes it)
            # cannot fail, so the file is scanned for this only when some column needs it.
            types = {row[0]: row[1] for row in described}
            casting = [c for c in table.columns if types[c.name] != c.type]
            failed = ", ".join(
                f"count(*) filter (where {_ident(c.name)} is not null "
                f"and try_cast({_ident(c.name)} as {c.type}) is null)"
                for c in casting
            )
            counts = (
                (writer.execute(f"select {failed} from {_reader(path)}", file).fetchone() or ())
                if casting
                else ()
            )
            for c, n in zip(casting, counts, strict=True):
                if n:
                    reasons.append(
                        (
                            f"列 {c.name}（{c.label_zh}）有 {n} 个值不是 {c.type} 类型",
                            f"column {c.name}: {n} values are not of type {c.type}",
                        )
                    )
                    count += n
            if not count:
                casts = ", ".join(
                    f"cast({_ident(c.name)} as {c.type}) as {_ident(c.name)}" for c in table.columns
                )
                writer.execute(
                    f"create table {table.name} as select {casts} from {_reader(path)}", file
                )
    except duckdb.Error as err:
        reasons.append(
            (f"文件无法读取（{_reason(err)}）", f"the file cannot be read ({_reason(err)})")
        )
        count = 1
    if not reasons:
        return None
    writer.execute(f"drop table if exists {table.name}")
    writer.execute(_empty_table_sql(table))
    kept = reasons[:MAX_REASONS]
    return Unusable(table.name, name, tuple(z for z, _ in kept), tuple(e for _, e in kept), count)


def _reason(err: Exception) -> str:
    """DuckDB's first line, without the paths it may quote (no server paths in messages)."""
    first = str(err).splitlines()[0] if str(err) else type(err).__name__
    return re.sub(r"""(['"])/[^'"]*/([^/'"]+)\1""", r"\1\2\1", first)[:200]


def _empty_table_sql(table: Table) -> str:
    columns = ", ".join(f"{_ident(c.name)} {c.type}" for c in table.columns)
    return f"create table {table.name} ({columns})"


def _build(
    catalog: Path,
    folder: Path,
    files: dict[str, Path],
    check: bool,
    only: frozenset[str] | None,
    record: Path | None,
) -> dict[str, Unusable]:
    """Write the catalog database at ``catalog``: every table read (and checked when
    ``check``), the base views; returns the tables that are not in force."""
    unusable: dict[str, Unusable] = {}
    with duckdb.connect(str(catalog)) as writer:
        writer.execute("set enable_progress_bar = false")
        # Within the budget while reading and checking too (it spills beside the catalog, in
        # the folder that holds it).
        writer.execute("set memory_limit = $limit", {"limit": settings.duckdb_memory()})
        for table in TABLES:
            path = files.get(table.name)
            if path is None:
                writer.execute(_empty_table_sql(table))
                if only is not None and table.name not in only:
                    continue
                unusable[table.name] = Unusable(
                    table.name,
                    f"{table.name}.parquet",
                    (MISSING_ZH,),
                    ("the file is missing",),
                    1,
                )
                continue
            problem = _load_table(writer, table, path, folder)
            if problem is not None:
                unusable[table.name] = problem
        if check:
            _checked(writer, files, folder, unusable, record)
        writer.execute(base_macros_text())  # pct(): the views and queries call them
        for name in BASE_VIEWS:  # the business rules, written once (queries/base/)
            kind = "table" if name in MATERIALISED else "view"
            writer.execute(f"create {kind} {name} as {base_view_text(name)}")
        writer.execute("checkpoint")
    return unusable


def _open(
    folder: Path,
    lenient: bool,
    check: bool = False,
    only: frozenset[str] | None = None,
    record: Path | None = None,
) -> tuple[duckdb.DuckDBPyConnection, dict[str, Unusable]]:
    folder = folder.resolve()
    # Named before the files are listed: a file that changes after this only makes the kept
    # catalog's name stale (it is then not published), never a catalog named for other data.
    kept_name = _catalog_name(folder, check) if only is None and record is None else None
    files = data_files(folder)
    if only is not None:  # the other tables are there, empty (the base views need them)
        files = {name: path for name, path in files.items() if name in only}
    missing = [t.name for t in TABLES if t.name not in files and (only is None or t.name in only)]
    if missing and not lenient:
        raise MissingDataError(folder, missing)
    # The catalog holds a copy of the data: the connection then needs no file access at all,
    # so nothing it runs can read or write a file (COPY ... TO is refused everywhere). A whole
    # catalog is kept in the state folder, built once for every process and restart.
    kept = _kept_catalog(kept_name, folder, files, check) if kept_name is not None else None
    if kept is not None:
        con, unusable = kept
        if unusable and not lenient:
            con.close()
            raise DataError(unusable)
    else:
        with tempfile.TemporaryDirectory(prefix="governance-catalog-") as tmp:
            catalog = Path(tmp) / "catalog.duckdb"
            unusable = _build(catalog, folder, files, check, only, record)
            if unusable and not lenient:
                raise DataError(unusable)
            # Once open, the catalog needs no name on disk: the folder goes with the context,
            # on every path out of it, so failing reruns leave no temp folders behind.
            con = duckdb.connect(str(catalog), read_only=True)
    try:
        con.execute("set memory_limit = $limit", {"limit": settings.duckdb_memory()})
        # Nothing may spill beside the catalog (the memory limit is the budget; a query
        # beyond it fails with a message rather than filling the disk).
        con.execute("set temp_directory = ''")
        con.execute("set enable_external_access = false")
        con.execute("set lock_configuration = true")
    except BaseException:
        con.close()
        raise
    return con, unusable


# ---- the kept catalog (issue 24) -----------------------------------------------------------
# Copying 100x data into a catalog costs ~12 s of CPU (~35 s with the check): every replica and
# every restart did it again. The built catalog is kept in the state folder, named by what went
# into it, published atomically, and built by one process while the others wait for it.
CATALOG_KEEP = 3  # kept catalogs, most recently used first (each is the size of the data)
CATALOG_WAIT_S = 900.0  # longest wait for another process's build before building here
_STALE_S = 3600.0  # a build or open leftover this old is a killed process's


def _catalogs_dir() -> Path:
    return settings.state_dir() / "catalogs"


def _catalog_name(folder: Path, check: bool) -> str:
    """The data's fingerprint, the checking code's digest, and a digest of everything else a
    catalog is made of (the base views, DuckDB's version: its file format, and the check)."""
    made = f"duckdb {duckdb.__version__}; check {check}; tables {sorted(MATERIALISED)}"
    rest = hashlib.sha256(f"{made}\0{base_macros_text()}".encode())
    for view in BASE_VIEWS:
        rest.update(f"\0{view}\0{base_view_text(view)}".encode())
    return f"{fingerprint(folder)}-{_code_digest()}-{rest.hexdigest()[:12]}"


def _open_kept(path: Path) -> tuple[duckdb.DuckDBPyConnection, dict[str, Unusable]] | None:
    """The kept catalog at ``path``, opened read-only, with its verdict; None when it is
    absent, unreadable or incomplete (it is then built again)."""
    try:
        kept = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        verdict = _verdict_from(kept["unusable"])
        # A file cut short (a disk that filled, a copy) opens, and fails on the first page's
        # query: its size must be the size it was published with.
        if verdict is None or path.stat().st_size != kept["bytes"]:
            return None
    except (OSError, ValueError, TypeError, KeyError):
        return None
    # DuckDB shares one database per path within a process, and the first connection's locked
    # configuration would refuse the next one's settings: each connection opens a name of its
    # own, a hard link removed as soon as the file is open (as the temp folder was).
    link = path.with_name(f"{path.stem}.{os.getpid()}.{uuid.uuid4().hex}.open")
    try:
        os.link(path, link)
        try:
            con = duckdb.connect(str(link), read_only=True)
        finally:
            link.unlink(missing_ok=True)
    except (OSError, duckdb.Error):
        return None
    try:
        # Not a catalog of these tables and views (a file put there by hand): built again.
        found = {r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()}
        found |= {r[0] for r in con.execute("select view_name from duckdb_views()").fetchall()}
        found |= {
            r[0]
            for r in con.execute(
                "select function_name from duckdb_functions() where function_type = 'macro'"
            ).fetchall()
        }
        if not {t.name for t in TABLES} | set(BASE_VIEWS) | set(BASE_MACROS) <= found:
            con.close()
            return None
    except duckdb.Error:
        con.close()
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: pruned last
    return con, verdict


def _kept_catalog(
    name: str, folder: Path, files: dict[str, Path], check: bool
) -> tuple[duckdb.DuckDBPyConnection, dict[str, Unusable]] | None:
    """The kept catalog ``name``, built first when no process has; None when the state
    folder cannot keep one (read-only, full): the caller then builds in a temp folder."""
    base = _catalogs_dir()
    path = base / f"{name}.duckdb"
    kept = _open_kept(path)
    if kept is not None:
        return kept
    try:
        base.mkdir(parents=True, exist_ok=True)
        if not os.access(base, os.W_OK):
            return None
        with FileLock(base / f"{name}.lock", timeout=CATALOG_WAIT_S):
            kept = _open_kept(path)  # another process built it while this one waited
            if kept is not None:
                return kept
            for left in base.glob(f"{name}.*.building"):  # a killed build's: no one else builds
                _remove_build(left)
            building = base / f"{name}.{os.getpid()}.building"
            try:
                unusable = _build(building, folder, files, check, None, None)
                if _catalog_name(folder, check) != name:
                    return None  # the files changed while they were read: not these data
                if not _publish(building, unusable, path):
                    return None
            finally:
                _remove_build(building)
        with contextlib.suppress(OSError):
            _prune(base)
        return _open_kept(path)
    except (OSError, duckdb.Error, Timeout):
        return None


def _publish(building: Path, unusable: dict[str, Unusable], path: Path) -> bool:
    """Give the catalog built at ``building`` its kept name ``path`` (under its lock); False
    when it is not all in the file (a WAL beside it): never published."""
    if Path(f"{building}.wal").exists():
        return False
    with open(building, "rb+") as f:  # on disk before its name says it is there
        os.fsync(f.fileno())
        size = os.fstat(f.fileno()).st_size
    # The verdict first: a published catalog always has its verdict beside it.
    _write_json(path.with_suffix(".json"), {"bytes": size, "unusable": _verdict_json(unusable)})
    os.replace(building, path)
    return True


def _remove_build(building: Path) -> None:
    building.unlink(missing_ok=True)
    Path(f"{building}.wal").unlink(missing_ok=True)
    shutil.rmtree(f"{building}.tmp", ignore_errors=True)  # DuckDB's spill folder


def _prune(base: Path) -> None:
    """Keep the CATALOG_KEEP most recently used catalogs, and remove what killed processes
    left. A catalog another process has open may go: Linux keeps it until it is closed."""

    def mtime(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:  # gone meanwhile (another process pruned it)
            return 0.0

    catalogs = sorted(base.glob("*.duckdb"), key=mtime, reverse=True)
    gone = catalogs[CATALOG_KEEP:]
    now = time.time()
    for left in base.iterdir():
        # a build, a link or a verdict's temp file of a killed process; a lock or a verdict
        # whose catalog was never published (the data changed while they were read)
        leftover = left.suffix in (".open", ".tmp") or ".building" in left.name
        orphan = left.suffix in (".lock", ".json") and not left.with_suffix(".duckdb").exists()
        if (leftover or orphan) and now - mtime(left) > _STALE_S:
            gone.append(left)
    for old in gone:
        if old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
            continue
        with contextlib.suppress(OSError):
            old.unlink(missing_ok=True)
        if old.suffix == ".duckdb":
            for beside in (".json", ".lock"):
                # A process waiting on this lock sees it unlinked and locks the new file.
                with contextlib.suppress(OSError):
                    old.with_suffix(beside).unlink(missing_ok=True)


def connect(
    folder: Path | None = None, tables: frozenset[str] | None = None
) -> duckdb.DuckDBPyConnection:
    """A read-only connection holding one table per contract table, read from the files in
    ``folder``; any file that cannot be read as the contract says is an error. ``tables``
    (e.g. ``query_tables(name)``) copies only those, for one query on large data."""
    con, _ = _open(folder or data_dir(), lenient=False, only=tables)
    return con


# ---- the open-time contract check ---------------------------------------------------------
# The importer's checks (governance.importer.check_tables, the reference) run on every table
# as it is opened, generated as SQL from the contract (governance/contract_sql.py): DuckDB
# reads the whole table where it is, and only the rows found come back to Python (100x data
# took ≈50 s in pandas chunks). Tables with no rows that every page needs are refused too.
REQUIRED_ROWS = ("communities", "outcomes")
# The tables every page needs (the filters are built from them): when one is unusable, every
# page says so instead of drawing on an empty town.
CORE_TABLES = ("communities", "outcomes")


def verdict_of(table: str, file: str, problems: list[Any]) -> Unusable | None:
    """The errors among ``problems`` (the importer's, rows numbered in file order) as the
    table's verdict: the first MAX_REASONS reasons in both languages, and how many."""
    zh: list[str] = []
    en: list[str] = []
    seen: set[tuple[int | None, str | None, str]] = set()
    for p in problems:
        if p.table != table or not p.is_error:
            continue
        mark = (p.row, p.column_name, p.reason_zh)
        if mark in seen:
            continue
        seen.add(mark)
        if len(zh) < MAX_REASONS:
            row = p.row
            where_zh = f"第 {row} 行 " if row else ""
            where_en = f"row {row}, " if row else ""
            column = f"{p.column_name}（{p.column_label_zh}）列 " if p.column_name else ""
            value = f"值“{p.value}”：" if p.value != "" else ""
            zh.append(f"{where_zh}{column}{value}{p.reason_zh}")
            en.append(
                f"{where_en}{p.column_name + ', ' if p.column_name else ''}"
                f"{'value ' + repr(p.value) + ': ' if p.value != '' else ''}"
                f"{p.reason_en or p.reason_zh}"
            )
    if not seen:
        return None
    return Unusable(table, file, tuple(zh), tuple(en), len(seen))


def _check_tables(
    writer: duckdb.DuckDBPyConnection, todo: list[tuple[Table, str, str | None]]
) -> dict[str, Unusable]:
    """The verdicts of the tables in ``todo`` ((table, file, key of :func:`_table_check_key`)),
    by table, in ``todo``'s order (those in order absent). A verdict kept under its key is
    taken; the other tables' check queries all run side by side (:func:`_side_by_side`), and
    each verdict is kept under its key."""
    found: dict[str, Unusable | None] = {}
    checked: list[tuple[Table, str, str | None]] = []
    for table, file, key in todo:
        kept = _kept_table_verdict(key) if key else None
        if kept is not None:
            found[table.name] = Unusable(table.name, file, *kept) if kept else None
            continue
        (rows,) = writer.execute(f"select count(*) from {table.name}").fetchone() or (0,)
        if rows == 0:
            found[table.name] = (
                Unusable(table.name, file, ("表中没有数据行",), ("the table has no rows",), 1)
                if table.name in REQUIRED_ROWS
                else None
            )
            _keep(key, found[table.name])
        else:
            checked.append((table, file, key))
    statements = {t.name: contract_sql.statements(t.name) for t, _, _ in checked}
    results = iter(_side_by_side(writer, [s for each in statements.values() for s in each]))
    for table, file, key in checked:
        rows_found = [next(results) for _ in statements[table.name]]
        problems = contract_sql.problems(writer, table.name, rows_found)
        found[table.name] = verdict_of(table.name, file, problems)
        _keep(key, found[table.name])
    return {t.name: u for t, _, _ in todo if (u := found[t.name]) is not None}


def _keep(key: str | None, verdict: Unusable | None) -> None:
    if key:
        reasons = () if verdict is None else (verdict.reasons_zh, verdict.reasons_en, verdict.count)
        _keep_table_verdict(key, reasons)


# Check queries run side by side on this many cursors: a table's queries are independent of
# each other and of other tables', and most of them keep one core busy (a join's probe side
# is read by one thread), so on a 2-core machine two at once use both. More would only hold
# more hash tables in memory at once (the 1.5 GB budget at 100x).
CHECK_THREADS = 2


def _side_by_side(
    con: duckdb.DuckDBPyConnection, statements: list[contract_sql.Statement]
) -> list[list[tuple[Any, ...]]]:
    """Each statement's rows, in the statements' order, run CHECK_THREADS at a time, each on a
    cursor of its own (a DuckDB connection is used by one thread at a time)."""
    if len(statements) < 2:
        return [con.execute(*s).fetchall() for s in statements]
    cursors: queue.SimpleQueue[duckdb.DuckDBPyConnection] = queue.SimpleQueue()
    opened = [con.cursor() for _ in range(min(CHECK_THREADS, len(statements)))]
    for cursor in opened:
        cursors.put(cursor)

    def fetch(statement: contract_sql.Statement) -> list[tuple[Any, ...]]:
        cursor = cursors.get()
        try:
            return cursor.execute(*statement).fetchall()
        finally:
            cursors.put(cursor)

    try:
        with ThreadPoolExecutor(max_workers=len(opened)) as pool:
            return list(pool.map(fetch, statements))
    finally:
        for cursor in opened:
            cursor.close()


# A table's verdict depends only on its file, its parents' files (the foreign keys), the
# checks' SQL and this code: kept under a key of those, a commit that changes one table checks
# that table and the tables naming it, not all 32 again (at 100x, tens of seconds), and data
# seen before is not checked twice.
TABLE_VERDICTS_KEEP = 1024


def _table_verdicts_dir() -> Path:
    return settings.state_dir() / "open_checks" / "tables"


def _table_check_key(table: Table, files: dict[str, Path]) -> str | None:
    """The key of ``table``'s verdict on ``files``; None when a file cannot be read."""
    h = hashlib.sha256(f"{_code_digest()}\n{contract_sql.checks_text(table)}".encode())
    try:
        for name in (table.name, *contract_sql.parents(table)):
            path = files.get(name)
            if path is None:
                h.update(f"\n{name}: none".encode())
                continue
            st = path.stat()
            digest = _content_digest(
                str(path), st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns
            )
            h.update(f"\n{name}: {path.name} {digest}".encode())
    except OSError:
        return None
    return h.hexdigest()[:32]


def _kept_table_verdict(key: str) -> tuple[Any, ...] | None:
    """() for a table found in order, (reasons_zh, reasons_en, count) for one not; None when
    nothing is kept under ``key``."""
    path = _table_verdicts_dir() / f"{key}.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        with contextlib.suppress(OSError):  # used now: the pruning keeps the newest used
            os.utime(path)
        if not raw:
            return ()
        zh, en, count = raw
        return tuple(map(str, zh)), tuple(map(str, en)), int(count)
    except (OSError, ValueError, TypeError):
        return None


def _keep_table_verdict(key: str, reasons: tuple[Any, ...]) -> None:
    # Best effort, as _keep_verdict: without it the table is checked again next time.
    with contextlib.suppress(OSError):
        _write_json(_table_verdicts_dir() / f"{key}.json", list(reasons))


def _prune_table_verdicts() -> None:
    with contextlib.suppress(OSError):
        _keep_newest(_table_verdicts_dir(), TABLE_VERDICTS_KEEP)


def _keep_newest(folder: Path, keep: int) -> None:
    """Remove all but the ``keep`` most recently used verdicts in ``folder``."""
    kept = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in kept[keep:]:
        old.unlink(missing_ok=True)


@cache
def _code_digest() -> str:
    """The checking code's digest: a verdict is kept only for the code that made it."""
    code = hashlib.sha256()
    for module in (
        "contract.py",
        "contract_sql.py",
        "db.py",
        "importer/validate.py",
        "importer/values.py",
        "importer/problems.py",
        "importer/shapes.py",
    ):
        path = ROOT / "governance" / module
        code.update(path.read_bytes() if path.is_file() else b"")
    return code.hexdigest()[:12]


def _check_cache_file(folder: Path) -> Path:
    """Where the contract check's verdict on these exact files is kept: by the data's
    fingerprint (content hashes, or the version id) and the checking code, so one set of data
    is checked once, not at every server start."""
    return settings.state_dir() / "open_checks" / f"{fingerprint(folder)}-{_code_digest()}.json"


# A version committed by the data store carries its verdict in its own folder (written before
# the version is published, so it never changes a published version): opening the version the
# importer just committed does not check it again.
VERDICT_PREFIX = "checks-"


def verdict_file(version: Path) -> Path:
    return version / f"{VERDICT_PREFIX}{_code_digest()}.json"


def record_verdict(
    version: Path, name: str, catalog: Path | None = None
) -> dict[str, Unusable] | None:
    """Check the files of a version about to be published in folder ``version`` (to be named
    ``versions/<name>``) and keep the verdict beside them; ``catalog``: where to write the
    catalog built on the way (else a temp folder, dropped). Returns the tables not in force,
    named as the data folder shows them; None when the check could not run. Best effort:
    without it, the version is checked when it is first opened."""
    try:
        if catalog is None:
            con, unusable = _open(version, lenient=True, check=True, record=verdict_file(version))
            con.close()
        else:
            files = data_files(version)
            unusable = _build(catalog, version, files, True, None, verdict_file(version))
    except (OSError, duckdb.Error):
        return None
    path = verdict_file(version)
    verdict = _cached_verdict(path)
    if verdict is None:
        return None

    def named(u: Unusable) -> Unusable:  # as the data folder shows the version's files
        if u.reasons_zh == (MISSING_ZH,):  # no file: named by its table, as an open names it
            return u
        return Unusable(**{**u.__dict__, "file": f"versions/{name}/{Path(u.file).name}"})

    _keep_verdict(path, {table: named(u) for table, u in verdict.items()}, keep=0)
    return {table: named(u) for table, u in unusable.items()}


@contextlib.contextmanager
def checked_version(version: Path, name: str, data_folder: Path) -> Iterator[None]:
    """Around the publishing of a commit's version (folder ``version``, to be named
    ``versions/<name>`` in ``data_folder``): the contract check first, its verdict kept with
    the version; once the block has published it, the catalog built on the way becomes the
    kept catalog of ``data_folder``. The first open after a commit then neither checks nor
    copies the data again (~13 s of CPU at 100x). A block that fails keeps nothing."""
    building: Path | None = _catalogs_dir() / f"commit-{name}.{os.getpid()}.{uuid.uuid4().hex}"
    try:
        building.parent.mkdir(parents=True, exist_ok=True)
        if not os.access(building.parent, os.W_OK):
            building = None
    except OSError:  # a state folder that cannot keep catalogs: the verdict alone
        building = None
    if building is not None:
        building = building.with_name(f"{building.name}.building")  # a leftover is pruned
    try:
        unusable = record_verdict(version, name, building)
        if unusable is None and building is not None:  # the build failed: verdict alone
            _remove_build(building)
            building = None
            record_verdict(version, name)
        yield
        if building is not None and unusable is not None:
            _adopt(building, unusable, data_folder)
    finally:
        if building is not None:
            _remove_build(building)


def _adopt(building: Path, unusable: dict[str, Unusable], folder: Path) -> None:
    """Publish ``building`` as the kept catalog of the data now in force in ``folder``, as
    _kept_catalog publishes one; left to the next open when a process is building it."""
    folder = folder.resolve()
    name = _catalog_name(folder, True)
    base = _catalogs_dir()
    path = base / f"{name}.duckdb"
    try:
        with FileLock(base / f"{name}.lock", timeout=0):
            if path.exists() or not _publish(building, unusable, path):
                return  # an open of the new version was quicker, or the build is not whole
        _prune(base)
    except (OSError, Timeout):
        return


CHECK_CACHE_KEEP = 32  # verdicts kept (newest first); each is a few kB


def _cached_verdict(path: Path) -> dict[str, Unusable] | None:
    try:
        return _verdict_from(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return None


def _verdict_from(raw: Any) -> dict[str, Unusable] | None:
    try:
        return {
            name: Unusable(
                **{**u, "reasons_zh": tuple(u["reasons_zh"]), "reasons_en": tuple(u["reasons_en"])}
            )
            for name, u in raw.items()
        }
    except (AttributeError, ValueError, TypeError, KeyError):
        return None


def _verdict_json(verdict: dict[str, Unusable]) -> dict[str, Any]:
    return {n: u.__dict__ for n, u in verdict.items()}


def _write_json(path: Path, content: Any) -> None:
    """Write ``content`` to ``path`` atomically (a reader sees the old file or the new)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def _keep_verdict(path: Path, verdict: dict[str, Unusable], keep: int = CHECK_CACHE_KEEP) -> None:
    # Best effort: a read-only state folder only means the check runs again next time.
    try:
        _write_json(path, _verdict_json(verdict))
        if keep:  # the open_checks folder keeps the newest only
            _keep_newest(path.parent, keep)
    except OSError:
        pass


def _checked(
    writer: duckdb.DuckDBPyConnection,
    files: dict[str, Path],
    folder: Path,
    unusable: dict[str, Unusable],
    record: Path | None = None,
) -> None:
    """Run the contract check on every table read; a table that fails is emptied.
    ``record``: where to keep the verdict (checked afresh); else the version's own verdict is
    taken when it has one, then the state folder's."""
    if record is not None:
        cache, verdict = record, None
    else:
        version = version_dir(folder)
        cache = verdict_file(version) if version is not None else None
        if cache is None or not cache.is_file():
            cache = _check_cache_file(folder)
        verdict = _cached_verdict(cache)
    if verdict is None:
        verdict = _check_tables(
            writer,
            [
                (table, relative_name(files[table.name], folder), _table_check_key(table, files))
                for table in TABLES
                if table.name not in unusable and table.name in files
            ],
        )
        _keep_verdict(cache, verdict)
        _prune_table_verdicts()
    for name, problem in verdict.items():
        if name not in unusable:
            unusable[name] = problem
            writer.execute(f"delete from {name}")


def open_checked(
    folder: Path | None = None,
) -> tuple[duckdb.DuckDBPyConnection, dict[str, Unusable]]:
    """The connection the dashboard uses, and the tables that are not in force.

    Every table is read by column name and checked against the contract when the data is
    opened; a table that cannot be read or fails a check is reported (file, reasons in both
    languages) and left empty, so the pages that do not need it work as before.
    """
    return _open(folder or data_dir(), lenient=True, check=True)


# The base layer (dbt's staging models): views over the tables that write each business rule
# once — the handling days, the data date, the quarters of the data and the community x quarter
# spine, an issue's or a case's status (resolved, in hand, open), a bill paid in full, a
# star-rated stairwell — so page queries select from them instead of repeating the rule. In
# dependency order: a view may use only those before it.
BASE_DIR = QUERY_DIR / "base"
BASE_VIEWS: tuple[str, ...] = (
    "base_rules",
    "base_data_as_of",
    "base_quarters",
    "base_community_quarters",
    "base_meeting_issues",
    "base_grid_cases",
    "base_fee_bills",
    "base_stairwell_ratings",
    "base_party_measures",
    "base_culture_measures",
    "base_indicator_parts",
)
# Base views the catalog holds as tables: read by every page's first query, costly to compute
# at 100x (~1.2 s of CPU per scope and per server start), and as fixed as the data in it (the
# catalog is rebuilt for every version): computed once when the catalog is built.
MATERIALISED = frozenset({"base_indicator_parts"})


# The macros of queries/base/base_macros.sql: created in the catalog before the base views.
BASE_MACROS: tuple[str, ...] = ("pct", "handling_status")


@cache
def base_macros_text() -> str:
    """The statements of ``queries/base/base_macros.sql`` (one CREATE MACRO per macro)."""
    return (BASE_DIR / "base_macros.sql").read_text(encoding="utf-8")


@cache
def base_view_text(name: str) -> str:
    """The body of ``queries/base/<name>.sql`` (no parameters: it is a view)."""
    return (BASE_DIR / f"{name}.sql").read_text(encoding="utf-8")


@cache
def handling_days() -> int:
    """The handling time of an issue or a case, in days (base_rules.handling_days): written
    once, in SQL, where the status rules use it; Python (the briefing's default 督办
    threshold) reads that same view, run on its own (it reads no table)."""
    with duckdb.connect() as con:
        ((days,),) = con.execute(base_view_text("base_rules")).fetchall()
    return int(days)


@cache
def query_text(name: str) -> str:
    path = QUERY_DIR / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"no query named {name!r} in {QUERY_DIR}")
    return path.read_text(encoding="utf-8")


@cache
def query_tables(name: str) -> frozenset[str]:
    """The contract tables a query reads, from DuckDB's own parse of its text (CTE names and
    table functions are not tables; a name in a comment or a string is not read), through
    the base views it selects from."""
    return _tables_read(query_text(name))


# A connection of its own for parsing, opened once (an in-memory database costs ~23 ms to open,
# a parse 0.5 ms: opening one per query was most of a page's first run) and used under a lock,
# read to the end: DuckDB's shared default connection refuses other work while a result on it
# is unfinished.
_PARSER_LOCK = threading.Lock()


@cache
def _parser() -> duckdb.DuckDBPyConnection:
    return duckdb.connect()


@cache
def _tables_read(sql: str) -> frozenset[str]:
    with _PARSER_LOCK:
        (text,) = _parser().execute("select json_serialize_sql($q)", {"q": sql}).fetchall()[0]
    parsed = json.loads(text)
    found: set[str] = set()
    stack: list[Any] = [parsed]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if node.get("type") == "BASE_TABLE":
                found.add(str(node.get("table_name", "")))
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    for view in found & set(BASE_VIEWS):
        found |= _tables_read(base_view_text(view))
    return frozenset(found & {t.name for t in TABLES})


def query_params(name: str) -> set[str]:
    """The ``$parameters`` a query's body uses (its header comment may name them too)."""
    body = "\n".join(line.split("--", 1)[0] for line in query_text(name).splitlines())
    return set(_PARAM.findall(body))


# Reserved parameters (never a query's own): the first N rows of a query, or its row count.
ROW_LIMIT, ROW_COUNT = "__row_limit", "__row_count"

# ``$scope`` for a reader of the whole town (NULL in SQL). It is never a default: a caller
# names it (the command line, the town's briefing, the ranks a scoped user is placed among),
# so a call that forgets the scope fails instead of showing every community.
WHOLE_TOWN: Final = None


class MissingScopeError(KeyError):
    """A query reads ``$scope`` and the caller gave none (a programming error, not bad data)."""

    def __init__(self, name: str):
        self.query = name
        super().__init__(
            f"query {name!r} reads $scope but the parameters have no 'scope': pass the user's "
            "communities, or db.WHOLE_TOWN to read the whole town "
            f"（查询 {name} 缺少 scope 参数：须明确给出用户的社区范围，或 db.WHOLE_TOWN 表示全镇）"
        )


def run(
    con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None
) -> pd.DataFrame:
    """Run ``queries/<name>.sql`` with ``params``; returns a pandas DataFrame.

    ``params[ROW_LIMIT] = n``: only the first ``n`` rows; ``params[ROW_COUNT] = True``: one
    row, ``row_count``, how many rows the query gives (a record table fetches only what is
    on screen).

    Only the parameters the query names are passed, so callers can hand every page the same
    filter dict; a parameter the query needs but is not given is an error, not a NULL. So is
    ``$scope`` (:class:`MissingScopeError`): the whole town is asked for by name,
    ``params["scope"] = WHOLE_TOWN``; the dashboard's ui/data.run sets it from the login.
    """
    params = params or {}
    needed = query_params(name)
    if "scope" in needed and "scope" not in params:
        raise MissingScopeError(name)
    absent = needed - params.keys()
    if absent:
        raise KeyError(f"query {name!r} needs parameters {sorted(absent)}")
    values = {k: params[k] for k in needed}
    sql = query_text(name)
    # A page of a record set: the first rows only, or how many rows there are. The query's own
    # text is wrapped (never a caller's value); its ORDER BY holds under the outer LIMIT.
    if params.get(ROW_COUNT):
        sql = f"select count(*) as row_count from (\n{sql}\n) as counted"
    elif params.get(ROW_LIMIT) is not None:
        sql = f"select * from (\n{sql}\n) as paged limit $row_limit"
        values["row_limit"] = int(params[ROW_LIMIT])
    cur = con.cursor()
    try:
        return cur.execute(sql, values).df()
    finally:
        cur.close()


def all_query_names() -> list[str]:
    return sorted(p.stem for p in QUERY_DIR.glob("*.sql"))
