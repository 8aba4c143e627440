"""The versioned data store: preview, atomic commit, history, compare, rollback, freshness.

Layout of the data folder (``governance.db.data_dir()``)::

    <table>.parquet|csv      version 0: the files found in the folder (demo data, hand-made)
    versions/000001/         a complete set of table files + manifest.json, never changed again
    versions/000002/         unchanged tables are hard links to the previous version's files
    current -> versions/000002   the version in force: one symlink, switched by one rename
    .datastore.lock          serialises commits of every process (filelock)

A commit writes the new version completely under a temporary name, flushes every file and the
directory to disk, renames it to its number and only then points ``current`` at it with one
atomic ``os.replace``. A process killed at any moment leaves the previous version in force:
the only versions are those numbered up to ``current``; anything above it (or a temporary
name) is a commit that never finished and is swept away by the next one. ``governance.db``
reads the version ``current`` points at, and takes its id as the data's fingerprint.
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import hashlib
import json
import os
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from filelock import FileLock, Timeout

from governance import db, i18n
from governance.contract import TABLES, TABLES_BY_NAME
from governance.datastore import fsops
from governance.datastore.errors import DataStoreError, NothingToCommitError
from governance.datastore.frames import (
    ARROW_TYPES,
    SAMPLE_ROWS,
    Diff,
    conform,
    conform_arrow,
    diff,
    duplicate_keys,
    periods,
    schema,
    to_pandas,
    touched_communities,
    upsert,
)
from governance.text import neutralised

# The reasons a commit's write fails, by errno, in words a clerk can act on.
_OS_REASONS = {
    errno.ENOSPC: "trust.os.enospc",
    errno.EDQUOT: "trust.os.edquot",
    errno.EACCES: "trust.os.eacces",
    errno.EPERM: "trust.os.eacces",
    errno.EROFS: "trust.os.erofs",
    errno.EIO: "trust.os.eio",
}

Mode = Literal["upsert", "replace"]
MODES: tuple[str, ...] = ("upsert", "replace")
VERSIONS = "versions"
CURRENT = "current"
MANIFEST = "manifest.json"
LOCK = ".datastore.lock"
_NUMBERED = re.compile(r"^\d{6}$")
_TEMP_PREFIX = ".incoming-"
_LINK_PREFIX = ".current-"


def os_user() -> str:
    """Who commits from the command line: the operating-system user."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_table_file(name: str, path: Path) -> pa.Table:
    """One table's file (Parquet, or CSV with a header row) as contract columns and types,
    columns taken by name. Unreadable files raise DataStoreError naming table and file."""
    try:
        if path.suffix == ".parquet":
            data = pq.read_table(path)
        else:
            contract = TABLES_BY_NAME[name]
            data = pacsv.read_csv(
                path,
                convert_options=pacsv.ConvertOptions(
                    column_types={c.name: ARROW_TYPES[c.type] for c in contract.columns},
                    strings_can_be_null=True,
                ),
            )
        return conform_arrow(name, data)
    except DataStoreError:
        raise
    except (OSError, pa.ArrowException, ValueError) as exc:
        raise DataStoreError(
            "datastore_err_unreadable", table=name, file=path.name, reason=str(exc)[:200]
        ) from None


@dataclass(frozen=True)
class TableVersion:
    """One table in one version: its file, rows, checksum (sha256 of the file), the periods
    it covers, and whether this version changed it (with how many rows)."""

    name: str
    file: str
    rows: int | None
    sha256: str
    periods: tuple[str, str] | None
    changed: bool
    added: int = 0
    updated: int = 0
    removed: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "rows": self.rows,
            "sha256": self.sha256,
            "periods": list(self.periods) if self.periods else None,
            "changed": self.changed,
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
        }

    @classmethod
    def from_json(cls, name: str, data: dict[str, Any]) -> TableVersion:
        p = data.get("periods")
        return cls(
            name=name,
            file=data["file"],
            rows=data.get("rows"),
            sha256=data["sha256"],
            periods=(p[0], p[1]) if p else None,
            changed=bool(data.get("changed")),
            added=int(data.get("added") or 0),
            updated=int(data.get("updated") or 0),
            removed=int(data.get("removed") or 0),
        )


@dataclass(frozen=True)
class Version:
    """A committed version: number, when (UTC), who, the source file's name, the mode
    (upsert / replace / rollback / initial), the version it was made on, for a rollback the
    version restored, and every table it holds."""

    number: int
    created: datetime
    who: str
    source: str
    mode: str
    parent: int | None
    rollback_of: int | None
    tables: dict[str, TableVersion] = field(repr=False)

    @property
    def changed_tables(self) -> list[str]:
        return [name for name, entry in self.tables.items() if entry.changed]

    def as_json(self) -> dict[str, Any]:
        return {
            "format": 1,
            "version": self.number,
            "created": self.created.isoformat(timespec="seconds"),
            "who": self.who,
            "source": self.source,
            "mode": self.mode,
            "parent": self.parent,
            "rollback_of": self.rollback_of,
            "tables": {name: entry.as_json() for name, entry in self.tables.items()},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Version:
        return cls(
            number=int(data["version"]),
            created=datetime.fromisoformat(data["created"]),
            who=data.get("who") or "",
            source=data.get("source") or "",
            mode=data["mode"],
            parent=data.get("parent"),
            rollback_of=data.get("rollback_of"),
            tables={
                name: TableVersion.from_json(name, entry)
                for name, entry in data.get("tables", {}).items()
            },
        )


@dataclass(frozen=True)
class TablePlan:
    """What a commit would make of one table: the resulting rows and their diff against the
    version in force. ``incoming`` is the file's rows (kept so a commit that finds another
    version committed meanwhile merges them again); ``source`` a kept file a rollback links."""

    name: str
    merged: pa.Table = field(repr=False)
    diff: Diff
    incoming: pa.Table | None = field(default=None, repr=False)
    source: Path | None = None

    @property
    def frame(self) -> pd.DataFrame:
        """The table as it would be after the commit (contract columns)."""
        return to_pandas(self.merged)


@dataclass(frozen=True)
class Plan:
    """A preview: per table, the rows after the commit and what changes. Nothing is written
    until ``Store.commit(plan, ...)``."""

    base_version: int | None
    mode: str
    tables: dict[str, TablePlan]
    rollback_of: int | None = None

    @property
    def has_changes(self) -> bool:
        return any(tp.diff.has_changes for tp in self.tables.values())

    @property
    def diffs(self) -> dict[str, Diff]:
        return {name: tp.diff for name, tp in self.tables.items()}


def _check_table(name: str) -> None:
    if name not in TABLES_BY_NAME:
        raise DataStoreError(
            "datastore_err_unknown_table", table=name, tables=", ".join(TABLES_BY_NAME)
        )


class Store:
    """The data folder's versions. Every method is safe with several processes at once:
    readers see one whole version, commits are serialised by a file lock."""

    def __init__(self, folder: Path | str | None = None, lock_timeout: float = 120.0):
        self.folder = Path(folder) if folder is not None else db.data_dir()
        self.lock_timeout = lock_timeout

    # ---- reading ----------------------------------------------------------------------
    @property
    def versions_dir(self) -> Path:
        return self.folder / VERSIONS

    def _dir(self, number: int) -> Path:
        return self.versions_dir / f"{number:06d}"

    def current_version(self) -> int | None:
        """The number of the version in force; None while the folder's own files are the
        data (version 0, nothing committed yet)."""
        link = self.folder / CURRENT
        if not link.is_symlink():
            return None
        return int(Path(os.readlink(link)).name)

    def _files(self) -> dict[str, Path]:
        return db.data_files(self.folder)

    def _read_current(self, name: str) -> pa.Table | None:
        path = self._files().get(name)
        return None if path is None else read_table_file(name, path)

    def _current_or_none(self, name: str) -> pa.Table | None:
        try:
            return self._read_current(name)
        except DataStoreError:
            return None

    def current_tables(self, names: list[str] | None = None) -> dict[str, pd.DataFrame]:
        """The tables in force (contract columns and types). A table without a file, or whose
        file cannot be read, is left out (``unreadable()`` says why)."""
        out: dict[str, pd.DataFrame] = {}
        for name, path in self._files().items():
            if names is not None and name not in names:
                continue
            try:
                out[name] = to_pandas(read_table_file(name, path))
            except DataStoreError:
                continue
        return out

    def unreadable(self) -> dict[str, str]:
        """Tables in force whose file cannot be read: table -> the reason (Chinese)."""
        problems: dict[str, str] = {}
        for name, path in self._files().items():
            try:
                read_table_file(name, path)
            except DataStoreError as exc:
                problems[name] = str(exc)
        return problems

    def version(self, number: int) -> Version:
        """The committed version ``number`` (DataStoreError when there is none)."""
        current = self.current_version()
        path = self._dir(number) / MANIFEST
        if current is None or not 1 <= number <= current or not path.is_file():
            raise DataStoreError(
                "datastore_err_unknown_version",
                version=number,
                versions=f"1–{current}" if current else "—",
            )
        return Version.from_json(json.loads(path.read_text(encoding="utf-8")))

    def history(self, table: str | None = None) -> list[Version]:
        """Every committed version, newest first; with ``table``, those that changed it."""
        if table is not None:
            _check_table(table)
        current = self.current_version()
        if current is None:
            return []
        out = []
        for number in range(current, 0, -1):
            path = self._dir(number) / MANIFEST
            if not path.is_file():
                continue
            v = Version.from_json(json.loads(path.read_text(encoding="utf-8")))
            if table is None or (table in v.tables and v.tables[table].changed):
                out.append(v)
        return out

    def _table_in(self, table: str, number: int) -> pa.Table:
        entry = self.version(number).tables.get(table)
        if entry is None:
            return schema(TABLES_BY_NAME[table]).empty_table()
        return read_table_file(table, self._dir(number) / entry.file)

    def compare(self, table: str, v1: int, v2: int, sample: int = SAMPLE_ROWS) -> Diff:
        """What changes in ``table`` from version ``v1`` to version ``v2``."""
        _check_table(table)
        return diff(table, self._table_in(table, v1), self._table_in(table, v2), sample)

    def freshness(self) -> pd.DataFrame:
        """Per contract table: the version that last changed it, when, by whom, from which
        file, its rows and the periods it covers (first, last)."""
        rows = []
        history = self.history()
        if history:
            current = history[0]
            for t in TABLES:
                entry = current.tables.get(t.name)
                last = next(
                    (v for v in history if t.name in v.tables and v.tables[t.name].changed), None
                )
                rows.append(
                    {
                        "table": t.name,
                        "label_zh": t.label_zh,
                        "label_en": t.label_en,
                        "version": last.number if last else None,
                        "committed_at": last.created if last else None,
                        "who": last.who if last else None,
                        "source": last.source if last else None,
                        "rows": entry.rows if entry else None,
                        "period_from": entry.periods[0] if entry and entry.periods else None,
                        "period_to": entry.periods[1] if entry and entry.periods else None,
                    }
                )
        else:
            files = self._files()
            for t in TABLES:
                path = files.get(t.name)
                data = self._current_or_none(t.name) if path else None
                span = periods(t.name, data) if data is not None else None
                rows.append(
                    {
                        "table": t.name,
                        "label_zh": t.label_zh,
                        "label_en": t.label_en,
                        "version": 0 if path else None,
                        "committed_at": (
                            datetime.fromtimestamp(path.stat().st_mtime, UTC) if path else None
                        ),
                        "who": None,
                        "source": path.name if path else None,
                        "rows": data.num_rows if data is not None else None,
                        "period_from": span[0] if span else None,
                        "period_to": span[1] if span else None,
                    }
                )
        out = pd.DataFrame(rows)
        out["version"] = out["version"].astype("Int64")
        out["rows"] = out["rows"].astype("Int64")
        return out

    def export_csv(self, table: str, path: Path | str) -> int:
        """Write the table in force as UTF-8 CSV with the contract's column names, dates as
        YYYY-MM-DD; text that would start a formula is prefixed with ' so no spreadsheet runs
        it (governance/text.neutralised). Returns the rows written."""
        _check_table(table)
        data = self._read_current(table)
        if data is None:
            data = schema(TABLES_BY_NAME[table]).empty_table()
        frame = to_pandas(data)
        for col in TABLES_BY_NAME[table].columns:
            if col.type == "VARCHAR":
                frame[col.name] = frame[col.name].map(neutralised, na_action="ignore")
        target = Path(path)
        temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            frame.to_csv(temp, index=False, encoding="utf-8", lineterminator="\n")
            os.replace(temp, target)
        finally:
            temp.unlink(missing_ok=True)
        return len(frame)

    # ---- planning ---------------------------------------------------------------------
    def plan(
        self, frames: dict[str, pd.DataFrame], mode: str = "upsert", sample: int = SAMPLE_ROWS
    ) -> Plan:
        """A preview of committing ``frames`` (table -> rows in contract column names):
        upsert replaces rows whose key exists and adds new keys; replace makes each table
        exactly its frame. Nothing is written."""
        if mode not in MODES:
            raise DataStoreError("datastore_err_bad_mode", mode=mode)
        incoming = {}
        for name, frame in frames.items():
            _check_table(name)
            data = conform(name, frame)
            dups = duplicate_keys(name, data)
            if dups:
                raise DataStoreError(
                    "datastore_err_duplicate_keys", table=name, keys="、".join(dups)
                )
            incoming[name] = data
        return self._plan_arrow(incoming, mode, sample)

    def _plan_arrow(self, incoming: dict[str, pa.Table], mode: str, sample: int) -> Plan:
        base = self.current_version()
        tables = {}
        for name, data in incoming.items():
            old = self._current_or_none(name)
            merged = upsert(name, old, data) if mode == "upsert" else data
            tables[name] = TablePlan(name, merged, diff(name, old, merged, sample), data)
        return Plan(base, mode, tables)

    def _plan_rollback(self, tables: list[str], number: int, sample: int) -> Plan:
        base = self.current_version()
        version = self.version(number)
        out = {}
        for name in tables:
            entry = version.tables.get(name)
            if entry is None:
                raise DataStoreError(
                    "datastore_err_table_not_in_version", table=name, version=number
                )
            source = self._dir(number) / entry.file
            data = read_table_file(name, source)
            out[name] = TablePlan(
                name, data, diff(name, self._current_or_none(name), data, sample), source=source
            )
        return Plan(base, "rollback", out, rollback_of=number)

    def plan_rollback(self, table: str | None, version: int, sample: int = SAMPLE_ROWS) -> Plan:
        """A preview of rolling ``table`` (None: every table) back to ``version``."""
        if table is not None:
            _check_table(table)
        names = [table] if table else list(self.version(version).tables)
        return self._plan_rollback(names, version, sample)

    def communities_touched(self, plan: Plan) -> frozenset[str] | None:
        """The communities committing ``plan`` would change, for the write check of a user
        scoped to some communities; None when it changes the whole town's data (a replace, a
        rollback, or a table without a community column)."""
        if plan.mode != "upsert":
            return None
        ids: set[str] = set()
        for name, tp in plan.tables.items():
            if tp.incoming is None:
                return None
            touched = touched_communities(name, self._current_or_none(name), tp.incoming)
            if touched is None:
                return None
            ids |= touched
        return frozenset(ids)

    # ---- committing -------------------------------------------------------------------
    def commit(
        self,
        plan: Plan,
        who: str | None = None,
        source: str = "",
        check: Callable[[Plan], None] | None = None,
    ) -> Version:
        """Make ``plan`` the version in force, atomically; returns the new version. If
        another process committed since the preview, the file's rows are merged again onto
        that version (nothing it committed is lost). NothingToCommitError when no row
        changes. ``check``: called under the lock with the plan about to be written (after
        any re-merge); whatever it raises stops the commit with nothing written — the
        caller's authorisation, judged on what is really written."""
        who = who or os_user()
        source = Path(source).name if source else ""
        self.folder.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.folder / LOCK), timeout=self.lock_timeout)
        try:
            lock.acquire()
        except Timeout:
            raise DataStoreError("datastore_err_busy", seconds=int(self.lock_timeout)) from None
        try:
            self._sweep()
            # The files as found become version 1 — after the check when the plan was made on
            # them, so a refused commit writes nothing at all.
            initial = self.current_version() is None and bool(self._files())
            if initial and plan.base_version is not None:  # made on versions since removed
                self._record_initial(who)
                initial = False
            if not initial and self.current_version() != plan.base_version:
                plan = self._replan(plan)
            if not plan.has_changes:
                raise NothingToCommitError("datastore_err_nothing")
            if check is not None:
                check(plan)
            if initial:
                self._record_initial(who)
            return self._write_version(plan, who, source)
        except OSError as exc:  # a full disk, a folder made read-only...: before the switch
            error = self._write_error(exc)
            # the partial version is swept now, to give back the space it took
            with contextlib.suppress(OSError):
                self._sweep()
            raise error from None
        finally:
            lock.release()

    def _write_error(self, exc: OSError) -> DataStoreError:
        """A failed commit in words: the file it was writing (its table), the reason by
        errno, the version still in force. An OSError from pyarrow carries no file name and
        an English text: the path is the commit's last file operation."""
        path = fsops.last_path() or (Path(exc.filename) if exc.filename else None)
        name = path.name if path else ""
        stem = name.rsplit(".", 1)[0]
        target: dict[str, str] = {"file": name}
        target_en = target
        if stem in TABLES_BY_NAME and name.endswith((".parquet", ".csv")):
            table = TABLES_BY_NAME[stem]
            target = {"table": stem, "label": table.label_zh, "file": name}
            target_en = {**target, "label": table.label_en}
            kind = "trust.target.table"
        elif name == MANIFEST:
            kind = "trust.target.manifest"
        elif name == CURRENT or name.startswith(_LINK_PREFIX):
            kind = "trust.target.pointer"
        else:  # a version's folder, a lock...: where it is in the data folder
            kind = "trust.target.file"
            if path is not None and path.is_relative_to(self.folder):
                target = target_en = {"file": str(path.relative_to(self.folder))}
        code = exc.errno or 0
        reason = _OS_REASONS.get(code, "trust.os.other")
        detail = {"errno": code, "text": os.strerror(code) if code else str(exc)[:200]}
        version = self.current_version()
        kept = "trust.kept.folder" if version is None else "trust.kept.version"
        return DataStoreError(
            "trust.write_failed",
            target_zh=i18n.t(kind, "zh", **target),
            target_en=i18n.t(kind, "en", **target_en),
            reason_zh=i18n.t(reason, "zh", **detail),
            reason_en=i18n.t(reason, "en", **detail),
            kept_zh=i18n.t(kept, "zh", version=version),
            kept_en=i18n.t(kept, "en", version=version),
            folder=str(self.folder),
        )

    def rollback(
        self,
        table: str | None,
        version: int,
        who: str | None = None,
        check: Callable[[Plan], None] | None = None,
    ) -> Version:
        """Restore ``table`` (None: every table) as it was in ``version``, as a new version
        (so a rollback is itself undone by rolling back). ``check`` as for :meth:`commit`."""
        return self.commit(self.plan_rollback(table, version), who=who, check=check)

    def _replan(self, plan: Plan) -> Plan:
        if plan.rollback_of is not None:
            return self._plan_rollback(list(plan.tables), plan.rollback_of, SAMPLE_ROWS)
        incoming = {name: tp.incoming for name, tp in plan.tables.items()}
        return self._plan_arrow(incoming, plan.mode, SAMPLE_ROWS)  # type: ignore[arg-type]

    def _sweep(self) -> None:
        """Remove what killed commits left (under the lock, so no commit is running)."""
        current = self.current_version()
        for leftover in self.folder.glob(f"{_LINK_PREFIX}*"):
            fsops.remove_tree(leftover)
        if not self.versions_dir.is_dir():
            return
        numbered = sorted(p for p in self.versions_dir.iterdir() if _NUMBERED.match(p.name))
        for path in self.versions_dir.glob(f"{_TEMP_PREFIX}*"):
            fsops.remove_tree(path)
        if current is not None:
            for path in numbered:
                if int(path.name) > current:
                    fsops.remove_tree(path)
        elif [p.name for p in numbered] == ["000001"]:
            fsops.remove_tree(numbered[0])  # a first commit killed before its switch
        elif numbered:
            # versions but no pointer (`current` removed by hand): set them aside, never
            # delete what may be someone's history
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
            fsops.rename(self.versions_dir, self.folder / f"versions-detached-{stamp}")

    def _temp_dir(self) -> Path:
        temp = self.versions_dir / f"{_TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}"
        fsops.mkdir(temp)
        return temp

    def _record_initial(self, who: str) -> None:
        """Version 1: the files found at the top of the folder, copied as they are (not
        linked: a generator or an editor rewriting a top-level file in place would
        otherwise rewrite the version too)."""
        temp = self._temp_dir()
        entries = {}
        for name, path in self._files().items():
            fsops.copy(path, temp / path.name)
            try:
                data = read_table_file(name, path)
                rows, span = data.num_rows, periods(name, data)
            except DataStoreError:
                rows, span = None, None
            entries[name] = TableVersion(
                name, path.name, rows, _sha256(path), span, True, rows or 0
            )
        version = Version(1, _now(), who, "", "initial", None, None, entries)
        with db.checked_version(temp, self._dir(version.number).name, self.folder):
            self._publish(temp, version)

    def _write_version(self, plan: Plan, who: str, source: str) -> Version:
        previous = self.current_version()
        before = self.version(previous) if previous else None
        temp = self._temp_dir()
        entries = {}
        for t in TABLES:
            tp = plan.tables.get(t.name)
            if tp is not None and tp.diff.has_changes:
                if tp.source is not None:
                    target = temp / tp.source.name
                    fsops.link(tp.source, target)
                else:
                    target = temp / f"{t.name}.parquet"
                    fsops.write_parquet(tp.merged, target)
                d = tp.diff
                entries[t.name] = TableVersion(
                    t.name,
                    target.name,
                    tp.merged.num_rows,
                    _sha256(target),
                    periods(t.name, tp.merged),
                    True,
                    d.added,
                    d.changed,
                    d.removed,
                )
            elif before is not None and t.name in before.tables:
                kept = before.tables[t.name]
                fsops.link(self._dir(before.number) / kept.file, temp / kept.file)
                entries[t.name] = TableVersion(
                    t.name, kept.file, kept.rows, kept.sha256, kept.periods, False
                )
        version = Version(
            (previous or 0) + 1,
            _now(),
            who,
            source,
            plan.mode,
            previous,
            plan.rollback_of,
            entries,
        )
        # the contract check of the new version, kept with it, and the catalog built on the
        # way kept for the data folder: the first open after this commit neither checks nor
        # copies the data again (at 100x data they are the bulk of a cold open)
        with db.checked_version(temp, self._dir(version.number).name, self.folder):
            self._publish(temp, version)
        return version

    def _publish(self, temp: Path, version: Version) -> None:
        """Manifest, flush, rename to the number, then the one switch of ``current``."""
        text = json.dumps(version.as_json(), ensure_ascii=False, indent=2)
        fsops.write_bytes(temp / MANIFEST, text.encode("utf-8"))
        fsops.fsync_dir(temp)
        final = self._dir(version.number)
        fsops.rename(temp, final)
        fsops.fsync_dir(self.versions_dir)
        pointer = self.folder / f"{_LINK_PREFIX}{secrets.token_hex(4)}"
        fsops.symlink(f"{VERSIONS}/{final.name}", pointer)
        fsops.replace(pointer, self.folder / CURRENT)  # the commit point
        # the version is in force for every reader from here: a failure to flush the folder
        # (the switch's durability across a power cut) cannot undo it, so it fails nothing
        with contextlib.suppress(OSError):
            fsops.fsync_dir(self.folder)


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)
