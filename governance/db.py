"""The query layer: DuckDB views over the data files, and queries run by name.

Views are registered once per set of data files, in a small catalog database that is then
opened read-only with file access locked to the data folder. Queries live in ``queries/``, one
per ``.sql`` file, and take ``$name`` parameters from a dict: user values never enter SQL text.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from governance.contract import TABLES, Table

ROOT = Path(__file__).resolve().parent.parent
QUERY_DIR = ROOT / "queries"
DEFAULT_DATA_DIR = ROOT / "platform_data"
DATA_SUFFIXES = (".parquet", ".csv")
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")
# DuckDB's own memory, part of the dashboard's budget (README: bounded resources).
DUCKDB_MEMORY_LIMIT = os.environ.get("GOVERNANCE_DUCKDB_MEMORY", "384MB")


class MissingDataError(RuntimeError):
    """Some contract tables have no data file; the message names them in Chinese."""

    def __init__(self, data_dir: Path, missing: list[str]):
        self.missing = missing
        names = "、".join(f"{name}.parquet" for name in missing)
        # Named relative to the data folder: a message never shows the server's paths.
        super().__init__(f"数据文件缺失：数据文件夹中没有 {names}。请运行 make run 生成演示数据。")


def data_dir() -> Path:
    """``GOVERNANCE_DATA_DIR`` when set (tests, benchmarks), else platform_data/."""
    return Path(os.environ.get("GOVERNANCE_DATA_DIR", DEFAULT_DATA_DIR))


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
        h.update(f"{name}:{path.name}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def _sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


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
    reasons: tuple[str, ...]
    count: int


class DataError(RuntimeError):
    """Some tables cannot be read as the contract says (strict :func:`connect`)."""

    def __init__(self, unusable: dict[str, Unusable]):
        self.unusable = unusable
        super().__init__(
            "；".join(f"{u.table}（{u.file}）：{'；'.join(u.reasons)}" for u in unusable.values())
        )


MAX_REASONS = 5  # reasons kept per table; the count says how many there were


def _reader(path: Path) -> str:
    # Paths come from our own folder listing, never from a user; they are quoted all the same.
    # CSVs are read as text under their header names: a column is found by its name, never
    # by its position, and every cast below is checked.
    if path.suffix == ".parquet":
        return f"read_parquet({_sql_literal(str(path))})"
    return f"read_csv({_sql_literal(str(path))}, header = true, all_varchar = true)"


def _load_table(
    writer: duckdb.DuckDBPyConnection, table: Table, path: Path, folder: Path
) -> Unusable | None:
    """Copy one file into the catalog as the contract's table, columns taken by name.

    Returns why the file cannot be used (it is then left as an empty table of the right
    shape), or None when every column is present and every value has the contract's type.
    """
    name = relative_name(path, folder)
    reasons: list[str] = []
    count = 0
    try:
        found = {
            row[0] for row in writer.execute(f"describe select * from {_reader(path)}").fetchall()
        }
        absent = [c for c in table.columns if c.name not in found]
        for c in absent:
            reasons.append(f"缺少列 {c.name}（{c.label_zh}）")
        count = len(absent)
        if not absent:
            # A value present in the file that does not cast to the contract's type.
            failed = ", ".join(
                f"count(*) filter (where {_ident(c.name)} is not null "
                f"and try_cast({_ident(c.name)} as {c.type}) is null)"
                for c in table.columns
            )
            counts = writer.execute(f"select {failed} from {_reader(path)}").fetchone() or ()
            for c, n in zip(table.columns, counts, strict=True):
                if n:
                    reasons.append(f"列 {c.name}（{c.label_zh}）有 {n} 个值不是 {c.type} 类型")
                    count += n
            if not count:
                casts = ", ".join(
                    f"cast({_ident(c.name)} as {c.type}) as {_ident(c.name)}" for c in table.columns
                )
                writer.execute(f"create table {table.name} as select {casts} from {_reader(path)}")
    except duckdb.Error as err:
        reasons.append(f"文件无法读取（{_reason(err)}）")
        count = 1
    if not reasons:
        return None
    writer.execute(f"drop table if exists {table.name}")
    writer.execute(_empty_table_sql(table))
    return Unusable(table.name, name, tuple(reasons[:MAX_REASONS]), count)


def _reason(err: Exception) -> str:
    """DuckDB's first line, without the paths it may quote (no server paths in messages)."""
    first = str(err).splitlines()[0] if str(err) else type(err).__name__
    return re.sub(r"""(['"])/[^'"]*/([^/'"]+)\1""", r"\1\2\1", first)[:200]


def _empty_table_sql(table: Table) -> str:
    columns = ", ".join(f"{_ident(c.name)} {c.type}" for c in table.columns)
    return f"create table {table.name} ({columns})"


def _open(folder: Path, lenient: bool) -> tuple[duckdb.DuckDBPyConnection, dict[str, Unusable]]:
    folder = folder.resolve()
    files = data_files(folder)
    missing = [t.name for t in TABLES if t.name not in files]
    if missing and not lenient:
        raise MissingDataError(folder, missing)
    unusable: dict[str, Unusable] = {}
    # The catalog holds a copy of the data: the connection then needs no file access at all,
    # so nothing it runs can read or write a file (COPY ... TO is refused everywhere).
    with tempfile.TemporaryDirectory(prefix="governance-catalog-") as tmp:
        catalog = Path(tmp) / "catalog.duckdb"
        with duckdb.connect(str(catalog)) as writer:
            for table in TABLES:
                path = files.get(table.name)
                if path is None:
                    writer.execute(_empty_table_sql(table))
                    unusable[table.name] = Unusable(
                        table.name, f"{table.name}.parquet", ("文件缺失",), 1
                    )
                    continue
                problem = _load_table(writer, table, path, folder)
                if problem is not None:
                    unusable[table.name] = problem
            writer.execute("checkpoint")
        if unusable and not lenient:
            raise DataError(unusable)
        # Once open, the catalog needs no name on disk: the folder goes with the context, on
        # every path out of it, so failing reruns leave no temp folders behind.
        con = duckdb.connect(str(catalog), read_only=True)
    try:
        con.execute("set enable_external_access = false")
        con.execute("set memory_limit = $limit", {"limit": DUCKDB_MEMORY_LIMIT})
        con.execute("set lock_configuration = true")
    except BaseException:
        con.close()
        raise
    return con, unusable


def connect(folder: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection holding one table per contract table, read from the files in
    ``folder``; any file that cannot be read as the contract says is an error."""
    con, _ = _open(folder or data_dir(), lenient=False)
    return con


@cache
def query_text(name: str) -> str:
    path = QUERY_DIR / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"no query named {name!r} in {QUERY_DIR}")
    return path.read_text(encoding="utf-8")


def query_params(name: str) -> set[str]:
    """The ``$parameters`` a query's body uses (its header comment may name them too)."""
    body = "\n".join(line.split("--", 1)[0] for line in query_text(name).splitlines())
    return set(_PARAM.findall(body))


def run(
    con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None
) -> pd.DataFrame:
    """Run ``queries/<name>.sql`` with ``params``; returns a pandas DataFrame.

    Only the parameters the query names are passed, so callers can hand every page the same
    filter dict; a parameter the query needs but is not given is an error, not a NULL — except
    ``$scope``: absent, it is NULL (the whole town) for callers outside the dashboard (tests,
    the command line); the dashboard's ui/data.run always sets it from the login.
    """
    params = params or {}
    needed = query_params(name)
    if "scope" in needed and "scope" not in params:
        params = {**params, "scope": None}
    absent = needed - params.keys()
    if absent:
        raise KeyError(f"query {name!r} needs parameters {sorted(absent)}")
    cur = con.cursor()
    try:
        return cur.execute(query_text(name), {k: params[k] for k in needed}).df()
    finally:
        cur.close()


def all_query_names() -> list[str]:
    return sorted(p.stem for p in QUERY_DIR.glob("*.sql"))
