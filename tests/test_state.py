"""The shared state store: URLs, SQLite settings, round trips and concurrency on both back ends."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import Column, ForeignKey, Integer, String, Table, select
from sqlalchemy.exc import IntegrityError

from governance import state

ROOT = Path(__file__).resolve().parent.parent

# Test tables on the shared metadata (prefixed so they cannot clash with a real one).
parents = Table(
    "test_state_parent",
    state.metadata,
    Column("id", Integer, primary_key=True),
    Column("label", String(40), nullable=False, unique=True),
)
children = Table(
    "test_state_child",
    state.metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("parent_id", Integer, ForeignKey("test_state_parent.id"), nullable=False),
    Column("note", String(200)),
)
counter = Table(
    "test_state_counter",
    state.metadata,
    Column("name", String(20), primary_key=True),
    Column("value", Integer, nullable=False),
)


def test_default_url_is_sqlite_in_the_state_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("GOVERNANCE_STATE_URL", raising=False)
    monkeypatch.setenv("GOVERNANCE_STATE_DIR", str(tmp_path / "s"))
    assert state.state_url() == f"sqlite:///{tmp_path / 's' / 'state.db'}"
    monkeypatch.delenv("GOVERNANCE_STATE_DIR")
    assert state.state_url() == f"sqlite:///{ROOT / '.state' / 'state.db'}"


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("postgresql://u:p@db.example:5432/gov", "postgresql+psycopg://u:p@db.example:5432/gov"),
        ("postgres://u@h/gov", "postgresql+psycopg://u@h/gov"),
        ("postgresql+psycopg://u@h/gov", "postgresql+psycopg://u@h/gov"),
        ("  sqlite:////srv/state.db ", "sqlite:////srv/state.db"),
    ],
)
def test_url_from_the_environment(monkeypatch, given, used):
    monkeypatch.setenv("GOVERNANCE_STATE_URL", given)
    assert state.state_url() == used


@pytest.mark.parametrize(
    ("given", "says"),
    [
        ("db.internal:5432", "GOVERNANCE_STATE_URL 无法识别（db.internal:5432）"),
        (
            "postgresql://gov:s3cret@db:port/gov",
            "无法识别（postgresql+psycopg://gov:***@db:port/gov）",
        ),
        ("mysql://gov@db/gov", "不支持的数据库“mysql”"),
    ],
)
def test_an_unusable_url_is_a_chinese_message_without_the_password(monkeypatch, given, says):
    monkeypatch.setenv("GOVERNANCE_STATE_URL", given)
    with pytest.raises(state.StateConfigError) as err:
        state.engine()
    assert says in str(err.value)
    assert "s3cret" not in str(err.value)


def test_engine_is_one_per_url(tmp_path, monkeypatch):
    monkeypatch.delenv("GOVERNANCE_STATE_URL", raising=False)
    monkeypatch.setenv("GOVERNANCE_STATE_DIR", str(tmp_path / "a"))
    a = state.engine()
    assert state.engine() is a
    monkeypatch.setenv("GOVERNANCE_STATE_DIR", str(tmp_path / "b"))
    assert state.engine() is not a
    assert (tmp_path / "b").is_dir()  # the folder is created for the database file


def test_sqlite_settings(tmp_path, monkeypatch):
    monkeypatch.delenv("GOVERNANCE_STATE_URL", raising=False)
    monkeypatch.setenv("GOVERNANCE_STATE_DIR", str(tmp_path))
    with state.engine().connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == state.BUSY_TIMEOUT_MS


def test_round_trip_and_constraints(state_backend):
    state.ensure_schema()
    state.ensure_schema()  # idempotent
    eng = state.engine()
    with eng.begin() as conn:
        conn.execute(parents.insert(), [{"id": 1, "label": "芦潮港"}, {"id": 2, "label": "B"}])
        conn.execute(children.insert().values(parent_id=1, note="中文 ✓"))
    with eng.connect() as conn:
        rows = conn.execute(select(children.c.parent_id, children.c.note)).all()
        assert [tuple(r) for r in rows] == [(1, "中文 ✓")]
    # a failed transaction leaves nothing behind
    with pytest.raises(IntegrityError), eng.begin() as conn:
        conn.execute(children.insert().values(parent_id=2, note="kept?"))
        conn.execute(parents.insert().values(id=3, label="芦潮港"))  # duplicate label
    with pytest.raises(IntegrityError), eng.begin() as conn:
        conn.execute(children.insert().values(parent_id=99, note="no such parent"))
    with eng.connect() as conn:
        assert conn.execute(select(children.c.note)).scalars().all() == ["中文 ✓"]


_CHILD = """
import sys, time
from sqlalchemy import select
from governance import state
from tests.test_state import counter
start_at, n = float(sys.argv[1]), int(sys.argv[2])
time.sleep(max(0.0, start_at - time.time()))
state.ensure_schema()  # every process creates the schema at the same moment
eng = state.engine()
for _ in range(n):
    with eng.begin() as conn:  # the documented read-modify-write: a row lock on PostgreSQL
        row = conn.execute(
            select(counter.c.value).where(counter.c.name == "hits").with_for_update()
        ).first()
        if row is None:
            try:
                with conn.begin_nested():
                    conn.execute(counter.insert().values(name="hits", value=1))
                continue
            except Exception:
                row = conn.execute(
                    select(counter.c.value).where(counter.c.name == "hits").with_for_update()
                ).first()
        conn.execute(counter.update().where(counter.c.name == "hits").values(value=row[0] + 1))
"""


def test_processes_starting_and_writing_at_once_lose_nothing(state_backend):
    """4 processes create the schema at the same instant, then 25 increments each: 100."""
    env = {**os.environ}
    start_at = time.time() + 3.0  # every interpreter is up by then
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(start_at), "25"],
            cwd=ROOT,
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    errors = [p.communicate(timeout=180)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], errors
    with state.engine().connect() as conn:
        assert conn.execute(select(counter.c.value)).scalar_one() == 100
