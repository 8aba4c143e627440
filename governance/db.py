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
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from governance.contract import TABLES

ROOT = Path(__file__).resolve().parent.parent
QUERY_DIR = ROOT / "queries"
DEFAULT_DATA_DIR = ROOT / "platform_data"
DATA_SUFFIXES = (".parquet", ".csv")
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")


class MissingDataError(RuntimeError):
    """Some contract tables have no data file; the message names them in Chinese."""

    def __init__(self, data_dir: Path, missing: list[str]):
        self.missing = missing
        names = "、".join(f"{name}.parquet" for name in missing)
        super().__init__(f"数据文件缺失：{data_dir} 下没有 {names}。请运行 make run 生成演示数据。")


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


def _view_sql(name: str, path: Path) -> str:
    # Paths come from our own folder listing, never from a user; they are quoted all the same.
    if path.suffix == ".parquet":
        return f"create view {name} as select * from read_parquet({_sql_literal(str(path))})"
    table = next(t for t in TABLES if t.name == name)
    columns = ", ".join(f"{_sql_literal(c.name)}: {_sql_literal(c.type)}" for c in table.columns)
    return (
        f"create view {name} as select * from read_csv({_sql_literal(str(path))}, "
        f"header = true, columns = {{{columns}}})"
    )


def connect(folder: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection with one view per contract table over the files in ``folder``."""
    folder = (folder or data_dir()).resolve()
    files = data_files(folder)
    missing = [t.name for t in TABLES if t.name not in files]
    if missing:
        raise MissingDataError(folder, missing)
    catalog = Path(tempfile.mkdtemp(prefix="governance-catalog-")) / "catalog.duckdb"
    with duckdb.connect(str(catalog)) as writer:
        for name, path in files.items():
            writer.execute(_view_sql(name, path))
    con = duckdb.connect(str(catalog), read_only=True)
    # The catalog is only views; once open it needs no name on disk (no temp files pile up).
    catalog.unlink()
    catalog.parent.rmdir()
    con.execute("set allowed_directories = $dirs", {"dirs": [str(folder) + os.sep]})
    con.execute("set enable_external_access = false")
    con.execute("set lock_configuration = true")
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
    filter dict; a parameter the query needs but is not given is an error, not a NULL.
    """
    params = params or {}
    needed = query_params(name)
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
