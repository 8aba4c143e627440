"""The file operations of a commit, each announced to a test hook before it runs.

A commit is a sequence of writes, links, fsyncs and renames; the kill test stops the process at
any one of them (``GOVERNANCE_DATASTORE_KILL_AFTER=N`` sends SIGKILL to the process itself just
before its N-th operation, or ``set_hook`` installs a callable that may raise), and checks that
the data in force is still the previous version, whole and readable.
"""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from governance import settings

KILL_ENV = settings.KILL_ENV

Hook = Callable[[str, Path], None]


class _Steps:
    """The operations this process has made, and the hook told of each (tests only)."""

    count = 0
    hook: Hook | None = None
    last: Path | None = None


def set_hook(hook: Hook | None) -> None:
    """Call ``hook(kind, path)`` before every file operation of a commit (None: no hook)."""
    _Steps.hook = hook


def last_path() -> Path | None:
    """The path of this process's latest file operation: what a failed commit was writing."""
    return _Steps.last


def _step(kind: str, path: Path) -> None:
    _Steps.count += 1
    _Steps.last = path
    if _Steps.hook is not None:
        _Steps.hook(kind, path)
    limit = settings.kill_after()
    if limit and _Steps.count >= limit:
        os.kill(os.getpid(), signal.SIGKILL)


def fsync_file(path: Path, kind: str = "fsync", flags: int = os.O_RDONLY) -> None:
    _step(kind, path)
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    fsync_file(path, "fsync_dir", os.O_RDONLY | os.O_DIRECTORY)


def mkdir(path: Path) -> None:
    _step("mkdir", path)
    path.mkdir(parents=True, exist_ok=True)


def write_parquet(table: pa.Table, path: Path) -> None:
    _step("write", path)
    pq.write_table(table, path, compression="zstd")
    fsync_file(path)


def write_bytes(path: Path, data: bytes) -> None:
    _step("write", path)
    with open(path, "wb") as f:
        f.write(data)
    fsync_file(path)


def link(source: Path, target: Path) -> None:
    """A hard link (an unchanged table costs no space); a copy where links are refused."""
    _step("link", target)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
        fsync_file(target)


def copy(source: Path, target: Path) -> None:
    _step("copy", target)
    shutil.copyfile(source, target)
    fsync_file(target)


def rename(source: Path, target: Path) -> None:
    _step("rename", target)
    os.rename(source, target)


def symlink(target: str, path: Path) -> None:
    _step("symlink", path)
    os.symlink(target, path)


def replace(source: Path, target: Path) -> None:
    _step("replace", target)
    os.replace(source, target)


def remove_tree(path: Path) -> None:
    _step("remove", path)
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)
