"""Run-time state shared by every process of one installation: one SQL database.

Everything written while the dashboard runs (saved scenarios, users, login failures and
lockouts, the audit log, ...) lives in the database named by ``GOVERNANCE_STATE_URL``:

- unset: SQLite at ``<state dir>/state.db``, the state dir being ``GOVERNANCE_STATE_DIR`` or
  ``<repo>/.state`` — enough for N replicas on one machine (WAL, a busy timeout, and every
  transaction opened with ``BEGIN IMMEDIATE`` so read-modify-write is serialised across
  processes);
- ``postgresql://user:pw@host/db`` (or ``postgresql+psycopg://``): the same tables in
  PostgreSQL, for replicas on several machines (psycopg 3 is the driver).

How another module defines and uses a table::

    from sqlalchemy import Column, Integer, String, Table
    from governance import state

    failures = Table(                       # prefix the name with your area
        "auth_failures", state.metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("user", String(64), nullable=False, index=True),
    )

    def record(user: str) -> None:
        state.ensure_schema()               # idempotent; cheap after the first call
        with state.engine().begin() as conn:  # one transaction; commits on success
            conn.execute(failures.insert().values(user=user))

Define tables at module level on :data:`metadata` and call :func:`ensure_schema` before use
(it creates whatever tables are known at that moment, so import your module first). Inside a
transaction, be correct under PostgreSQL's READ COMMITTED too: let unique constraints decide
races, use single-statement updates (``x = x + 1``) or ``select(...).with_for_update()`` for
read-modify-write, and never keep counters in a process's memory — another replica cannot see
them. Plain Python, no Streamlit.
"""

from __future__ import annotations

import functools
import re
import sqlite3
import time
import zlib
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, MetaData, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from governance import settings

__all__ = [
    "StateConfigError",
    "StateUnavailable",
    "engine",
    "engine_for",
    "ensure_schema",
    "lock_on_postgres",
    "metadata",
    "reading",
    "stamp",
    "state_dir",
    "state_url",
]

ROOT = Path(__file__).resolve().parents[2]
# A write waits this long for another's lock, then fails: a person waiting at the login form
# gets a message in seconds (StateUnavailable), never a half-minute hang. Every transaction
# here lasts milliseconds, so a longer wait means something holds the file (a stuck process,
# a backup tool), not a queue.
BUSY_TIMEOUT_MS = 5_000
# Any constant: the PostgreSQL advisory lock that serialises concurrent create_all calls.
_SCHEMA_LOCK_KEY = 7_160_512_013

metadata = MetaData()


def state_dir() -> Path:
    """``GOVERNANCE_STATE_DIR`` when set, else ``<repo>/.state`` (git-ignored)."""
    return settings.state_dir()


def state_url() -> str:
    """The database URL in force: ``GOVERNANCE_STATE_URL`` or SQLite in the state dir."""
    url = settings.state_url()
    if not url:
        return f"sqlite:///{state_dir() / 'state.db'}"
    # A plain postgresql:// would mean psycopg2, which is not installed; psycopg 3 is.
    for plain in ("postgresql://", "postgres://"):
        if url.startswith(plain):
            return "postgresql+psycopg://" + url[len(plain) :]
    return url


class StateConfigError(ValueError):
    """``GOVERNANCE_STATE_URL`` cannot be used; ``str()`` is a Chinese message."""


class StateUnavailable(RuntimeError):
    """The state store cannot be read or written now (locked, unreachable, full)."""

    def __init__(self, cause: BaseException | None = None) -> None:
        super().__init__(type(cause).__name__ if cause else "")
        self.cause = cause


def _shown(url: str) -> str:
    """The URL with any password masked, for messages."""
    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


def engine() -> Engine:
    """The engine for :func:`state_url` (one per URL and process).

    A SQLite file that was deleted or replaced while this process had it open (``rm
    .state/state.db*``, a restore from a backup) is noticed here: the open connections are
    dropped and the file at the path is opened again, so every replica and every command
    writes to one file. Without this a process would keep writing to the unlinked file, where
    nobody reads its audit rows and a password change made elsewhere ends no session."""
    url = state_url()
    eng = engine_for(url)
    path = _sqlite_path(url)
    if path is not None:
        _follow_file(eng, path)
    return eng


@functools.cache
def _sqlite_path(url: str) -> Path | None:
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        return None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


@functools.cache
def _opened(_url: str) -> dict[str, tuple[int, int] | None]:
    """The file identity (device, inode) an engine's connections were opened on."""
    return {"identity": None}


def _follow_file(eng: Engine, path: Path) -> None:
    seen = _opened(str(eng.url))
    now = _identity(path)
    if seen["identity"] is None:
        seen["identity"] = now
    elif now != seen["identity"]:
        eng.dispose()  # pooled connections point at the old inode; new ones open the path
        _create.cache_clear()  # the new file needs its tables
        seen["identity"] = now


@functools.cache
def engine_for(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):  # ValueError: e.g. a port that is not a number
        raise StateConfigError(
            f"GOVERNANCE_STATE_URL 无法识别（{_shown(url)}）；应为 postgresql://用户:密码@主机/库名，"
            "或不设置（使用 .state/state.db）。"
        ) from None
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise StateConfigError(
            f"GOVERNANCE_STATE_URL 指向不支持的数据库“{backend}”；只支持 PostgreSQL 和 SQLite。"
        )
    if backend == "postgresql":
        try:
            return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)
        except (ArgumentError, ImportError) as e:
            raise StateConfigError(f"GOVERNANCE_STATE_URL 无法使用（{type(e).__name__}）。") from e
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    # sqlite3's own busy timeout, set as it opens the file (before WAL, which needs a lock)
    eng = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(eng, "connect")
    def _on_connect(dbapi_conn, _record) -> None:
        # Take transaction control from the sqlite3 module so "begin" below is the only BEGIN.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        _use_wal(cur)
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(eng, "begin")
    def _on_begin(conn) -> None:
        # IMMEDIATE takes the write lock at the start: two processes doing read-then-write
        # queue on busy_timeout instead of one failing with "database is locked". A read
        # (see reading()) takes no lock: under WAL it never waits for a writer.
        read_only = conn.get_execution_options().get("governance_read_only")
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return eng


def _use_wal(cur) -> None:
    """Switch the database to WAL (once per file: it stays WAL). SQLite answers "database is
    locked" at once, without waiting on busy_timeout, when another process opens a new file
    and switches it at the same moment; so retry for up to the busy timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            if cur.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                cur.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def reading():
    """A connection for reads only (``with state.reading() as conn:``): on SQLite it takes no
    write lock, so the per-run session check of every browser tab never queues behind a
    write."""
    return engine().connect().execution_options(governance_read_only=True)


def lock_on_postgres(conn: Connection, namespace: int, name: str) -> None:
    """On PostgreSQL, one transaction at a time per (``namespace``, ``name``), held to its
    commit (an advisory lock; the name as a signed 32-bit key). SQLite's BEGIN IMMEDIATE
    already serialises every writer."""
    if conn.dialect.name == "postgresql":
        h = zlib.crc32(name.encode("utf-8"))
        key = h - 2**32 if h >= 2**31 else h
        conn.execute(text("SELECT pg_advisory_xact_lock(:ns, :key)"), {"ns": namespace, "key": key})


def stamp(at: float) -> str:
    """A time the state store keeps (seconds since the epoch) as every record shows it: UTC,
    "2011-09-26 10:00:00"."""
    return datetime.fromtimestamp(at, UTC).strftime("%Y-%m-%d %H:%M:%S")


def ensure_schema(eng: Engine | None = None) -> None:
    """Create every table defined on :data:`metadata` that is missing (idempotent).

    ``eng``: the engine to use (default: :func:`engine`). Safe when several processes start
    at once: on SQLite the check and the CREATEs run in one IMMEDIATE transaction; on
    PostgreSQL under a transaction-scoped advisory lock.
    """
    _create(eng if eng is not None else engine(), tuple(sorted(metadata.tables)))


@functools.cache
def _create(eng: Engine, _tables: tuple[str, ...]) -> None:
    with eng.begin() as conn:
        if eng.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _SCHEMA_LOCK_KEY})
        metadata.create_all(conn)
