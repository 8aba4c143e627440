"""Every setting the app reads from the environment, read here and nowhere else.

Each is read when asked (not at import), so a test or a bench can set one for a run.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = ROOT / "platform_data"
DEFAULT_STATE_DIR = ROOT / ".state"
DEFAULT_USERS_FILE = ROOT / ".state" / "users.toml"
DEFAULT_DUCKDB_MEMORY = "384MB"


def _get(name: str) -> str:
    return os.environ.get(name, "").strip()


def data_dir() -> Path:
    """``GOVERNANCE_DATA_DIR`` when set (tests, benchmarks), else platform_data/."""
    return Path(_get("GOVERNANCE_DATA_DIR") or DEFAULT_DATA_DIR)


def state_dir() -> Path:
    """``GOVERNANCE_STATE_DIR`` when set, else ``<repo>/.state`` (git-ignored)."""
    return Path(_get("GOVERNANCE_STATE_DIR") or DEFAULT_STATE_DIR)


def state_url() -> str:
    """``GOVERNANCE_STATE_URL`` as given (empty: SQLite in the state dir)."""
    return _get("GOVERNANCE_STATE_URL")


def users_file() -> Path:
    """``GOVERNANCE_USERS`` when set, else ``<repo>/.state/users.toml``."""
    return Path(_get("GOVERNANCE_USERS") or DEFAULT_USERS_FILE)


def auth_mode() -> str:
    """``GOVERNANCE_AUTH`` lower-cased ("" when unset or blank)."""
    return _get("GOVERNANCE_AUTH").lower()


def duckdb_memory() -> str:
    """DuckDB's own memory, part of the dashboard's budget (README: bounded resources)."""
    return _get("GOVERNANCE_DUCKDB_MEMORY") or DEFAULT_DUCKDB_MEMORY


# The crash test's hook (tests/test_datastore_kill.py): the data store's process kills itself
# at its n-th file operation, to prove a commit survives a crash at every step.
KILL_ENV = "GOVERNANCE_DATASTORE_KILL_AFTER"


def kill_after() -> int | None:
    value = _get(KILL_ENV)
    return int(value) if value else None
