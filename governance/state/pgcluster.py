"""A throwaway PostgreSQL cluster on 127.0.0.1, for tests and benchmarks of the state store.

Uses Debian's ``postgresql`` package (``/usr/lib/postgresql/<version>/bin``; installed by
``scripts/ensure_system.sh`` when missing). PostgreSQL refuses to run as root, so when the
caller is root the cluster belongs to the package's ``postgres`` user (through ``runuser``).
Authentication is ``trust`` on the loopback address only: never use this for real data.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text

SUPERUSER = "state"


def bin_dir() -> Path | None:
    """The newest installed PostgreSQL's bin folder, or None when the package is missing."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    return Path(found[-1]).parent if found else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_owner() -> list[str]:
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


@dataclass
class Cluster:
    """A running cluster; :meth:`new_database` hands out empty databases."""

    dir: Path
    port: int
    bin: Path
    _count: int = 0

    @property
    def admin_url(self) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/postgres"

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def new_database(self, prefix: str = "t") -> str:
        """CREATE an empty database and return its SQLAlchemy URL."""
        self._count += 1
        name = f"{prefix}_{os.getpid()}_{self._count}"
        eng = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        try:
            with eng.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))  # name built above, not input
        finally:
            eng.dispose()
        return self.url(name)

    def stop(self) -> None:
        subprocess.run(
            [
                *_as_owner(),
                str(self.bin / "pg_ctl"),
                "-D",
                str(self.dir / "data"),
                "-m",
                "immediate",
                "stop",
            ],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(self.dir, ignore_errors=True)


def start() -> Cluster:
    """initdb into a fresh temp folder and start the server on a free loopback port."""
    pg = bin_dir()
    if pg is None:
        raise RuntimeError(
            "没有找到 PostgreSQL（/usr/lib/postgresql/*/bin/initdb）；"
            "请先运行 scripts/ensure_system.sh 安装 postgresql。"
        )
    # Not pytest's tmp dirs: those are root-only (0700) and the postgres user must enter it.
    base = Path(tempfile.mkdtemp(prefix="governance-pg-"))
    data = base / "data"
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
    owner = _as_owner()
    run = {"capture_output": True, "text": True, "check": True}
    try:
        subprocess.run(
            [
                *owner,
                str(pg / "initdb"),
                "-D",
                str(data),
                "-U",
                SUPERUSER,
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
            **run,
        )
        port = free_port()
        subprocess.run(
            [
                *owner,
                str(pg / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(base / "server.log"),
                "-w",
                "-t",
                "60",
                "-o",
                f"-h 127.0.0.1 -p {port} -k {base} -c fsync=off",
                "start",
            ],
            **run,
        )
    except subprocess.CalledProcessError as e:
        log = base / "server.log"
        detail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        shutil.rmtree(base, ignore_errors=True)
        raise RuntimeError(f"PostgreSQL 启动失败：{e.stderr or e.stdout}\n{detail}") from e
    return Cluster(base, port, pg)
