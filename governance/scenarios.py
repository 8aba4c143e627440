"""Saved what-if scenarios: named parameter sets, each belonging to someone.

One contract, two back ends:

- ``ScenarioStore(engine)`` — the installation's store: a table in the shared state database
  (:mod:`governance.state`; SQLite under ``.state/`` or PostgreSQL), written in transactions,
  so any number of Streamlit processes (or machines) save at once and nothing is lost. An old
  ``.state/scenarios.json`` given as ``legacy=`` is imported once (the file is left as it is);
- ``ScenarioStore(path)`` — one JSON file, written under a file lock (``filelock``) to a
  temporary file that ``os.replace`` puts over the store, so a crash never leaves half a file
  and two processes never lose each other's save. A file that cannot be read is reported in
  Chinese and left exactly as it is: nothing is ever written over it.

Owners: a store opened for ``user=None`` (no login, the local demo) sees and changes every
scenario, as before. A store opened for a user sees their own scenarios, the shared ones and
those saved without login (owner ``None``); only the owner — or an admin (``admin=True``, who
also sees everything) — may overwrite or delete a scenario. Scenarios are private unless saved
with ``shared=True``. Names are unique across users: a name another user took is refused.
"""

from __future__ import annotations

import json
import os
import tempfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from filelock import FileLock
from sqlalchemy import (
    Boolean,
    Column,
    Engine,
    Integer,
    String,
    Table,
    Text,
    delete,
    select,
    text,
)
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from governance import state

FORMAT_VERSION = 1
MAX_NAME_LEN = 40
RESERVED_PREFIX = "__"  # the compare list's own entries: __baseline__, __current__
IMPORTED_PREFIX = "导入_"  # given to a legacy scenario whose name is no longer allowed
SAVE_ATTEMPTS = 5  # PostgreSQL: two new saves of one name race on the unique key; retry

scenarios_table = Table(
    "scenarios",
    state.metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),  # save order
    Column("name", String(MAX_NAME_LEN * 4), nullable=False, unique=True),
    Column("owner", String(200), nullable=True),
    Column("shared", Boolean, nullable=False, default=False),
    Column("params", Text, nullable=False),  # JSON text: round-trips exactly on both back ends
    Column("saved_at", String(40), nullable=False),
)
imports_table = Table(
    "scenario_imports",
    state.metadata,
    Column("source", String(1000), primary_key=True),
    Column("imported_at", String(40), nullable=False),
    Column("count", Integer, nullable=False),
)


class ScenarioError(Exception):
    """Base class for scenario-store errors; ``str()`` is a Chinese message."""


class ScenarioExists(ScenarioError):
    """A scenario of that name is already saved and overwrite was not asked for."""


class ScenarioNotFound(ScenarioError, KeyError):
    """No scenario of that name (or none this user may see)."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class ScenarioForbidden(ScenarioError):
    """The scenario belongs to someone else: only its owner or an admin may change it."""


class ScenarioStoreCorrupt(ScenarioError):
    """The store file exists but is not a readable scenario file; it was left untouched."""


class ScenarioStoreUnavailable(ScenarioStoreCorrupt):
    """The state database cannot be reached or is not configured; nothing was changed.

    A kind of ScenarioStoreCorrupt on purpose: a page treats both alike (the message shown,
    saving disabled) and never writes anything.
    """


@dataclass(frozen=True)
class SavedScenario:
    name: str
    params: dict[str, Any]
    saved_at: str  # ISO 8601, local time with offset, to the second
    owner: str | None = None  # None: saved without login
    shared: bool = False


def clean_name(name: str) -> str:
    """The name stripped of surrounding spaces; ValueError (Chinese) unless 1-40 characters
    and not reserved (starting with ``__``, like the compare list's ``__baseline__``)."""
    if not isinstance(name, str):
        raise ValueError(f"方案名称应为文字，当前为 {type(name).__name__}。")
    cleaned = name.strip()
    if not cleaned:
        raise ValueError("方案名称不能为空（去掉首尾空格后应为 1–40 个字符）。")
    if len(cleaned) > MAX_NAME_LEN:
        raise ValueError(
            f"方案名称最长 {MAX_NAME_LEN} 个字符（去掉首尾空格后），当前为 {len(cleaned)} 个字符。"
        )
    if cleaned.startswith(RESERVED_PREFIX):
        raise ValueError(
            f"方案名称不能以“{RESERVED_PREFIX}”开头（“__baseline__”“__current__”等为系统保留），"
            "请换一个名称。"
        )
    return cleaned


def _json_params(params: dict[str, Any]) -> tuple[dict[str, Any], str]:
    if not isinstance(params, dict):
        raise ValueError(f"方案参数应为字典（dict），当前为 {type(params).__name__}。")
    try:
        text = json.dumps(params, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as e:
        raise ValueError(f"方案参数无法保存为 JSON（{e}）。") from e
    # what is stored is exactly what load() will give back
    return json.loads(text), text


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


# ---- back end 1: one JSON file ----------------------------------------------------------------


class _JsonFile:
    def __init__(self, path: Path) -> None:
        self.path = path

    def _corrupt(self, why: str) -> ScenarioStoreCorrupt:
        return ScenarioStoreCorrupt(
            f"方案文件 {self.path.name} 无法读取（{why}）。文件未做任何改动；"
            "请修复或移走该文件后再保存方案。"
        )

    def read(self) -> dict[str, SavedScenario]:
        """Every scenario in file order; an absent file is an empty store."""
        if not self.path.exists():
            return {}
        try:
            text = self.path.read_text(encoding="utf-8")
        except UnicodeDecodeError as e:
            raise self._corrupt("不是 UTF-8 文本") from e
        except OSError as e:
            raise self._corrupt(f"读取失败：{e.strerror or e}") from e
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise self._corrupt(f"JSON 格式错误，第 {e.lineno} 行第 {e.colno} 列") from e
        if not isinstance(data, dict) or not isinstance(data.get("scenarios"), dict):
            raise self._corrupt("缺少 scenarios 对象")
        out = {}
        for name, entry in data["scenarios"].items():
            if (
                not isinstance(entry, dict)
                or not isinstance(entry.get("params"), dict)
                or not isinstance(entry.get("saved_at"), str)
                or not isinstance(entry.get("owner"), str | None)
                or not isinstance(entry.get("shared", False), bool)
            ):
                raise self._corrupt(f"方案“{name}”的内容不完整")
            out[name] = SavedScenario(
                name,
                entry["params"],
                entry["saved_at"],
                entry.get("owner"),
                entry.get("shared", False),
            )
        return out

    def _write(self, items: dict[str, SavedScenario]) -> None:
        body = {
            s.name: {
                "params": s.params,
                "saved_at": s.saved_at,
                "owner": s.owner,
                "shared": s.shared,
            }
            for s in items.values()
        }
        text = json.dumps(
            {"version": FORMAT_VERSION, "scenarios": body}, ensure_ascii=False, indent=2
        )
        fd, tmp = tempfile.mkstemp(
            dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp"
        )
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text + "\n")
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def change(
        self, name: str, decide: Callable[[SavedScenario | None], SavedScenario | None]
    ) -> None:
        """Read, let ``decide`` see the entry called ``name`` and return its replacement
        (None: remove it), write — all under the file lock, so no other process interleaves."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(f"{self.path}.lock"):
            items = self.read()
            new = decide(items.pop(name, None))
            if new is not None:
                items[new.name] = new  # an overwrite moves the scenario to the end
            self._write(items)


# ---- back end 2: the shared state database ----------------------------------------------------


_LOCK_NAMESPACE = 0x5CE7  # the first key of this store's PostgreSQL advisory locks


def _name_key(name: str) -> int:
    """A name as a signed 32-bit key (the second key of an advisory lock)."""
    h = zlib.crc32(name.encode("utf-8"))
    return h - 2**32 if h >= 2**31 else h


def _row(r: Any) -> SavedScenario:
    return SavedScenario(r.name, json.loads(r.params), r.saved_at, r.owner, bool(r.shared))


class _Database:
    def __init__(self, engine: Engine, legacy: Path | None) -> None:
        self.engine = engine
        try:
            state.ensure_schema(engine)
        except SQLAlchemyError as e:
            raise self._unavailable(e) from e
        if legacy is not None:
            self._import(legacy)

    def _unavailable(self, e: Exception) -> ScenarioError:
        return ScenarioStoreUnavailable(
            f"方案库暂时无法访问（{type(e).__name__}），请稍后再试；未做任何改动。"
        )

    def _import(self, legacy: Path) -> None:
        """Copy the scenarios of an old JSON store in once (a marker row remembers it)."""
        source = str(legacy.resolve())
        try:
            with self.engine.connect() as conn:
                done = conn.execute(
                    select(imports_table.c.source).where(imports_table.c.source == source)
                ).first()
        except SQLAlchemyError as e:
            raise self._unavailable(e) from e
        if done is not None or not legacy.exists():
            return
        items = _JsonFile(legacy).read()  # ScenarioStoreCorrupt: the file is left untouched
        try:
            with self.engine.begin() as conn:
                # the marker first: a second process importing at once waits here, then fails
                conn.execute(
                    imports_table.insert().values(
                        source=source, imported_at=_now(), count=len(items)
                    )
                )
                taken = set(conn.execute(select(scenarios_table.c.name)).scalars())
                for s in items.values():
                    name = s.name.strip()
                    try:
                        name = clean_name(name)
                    except ValueError:
                        name = (IMPORTED_PREFIX + name.strip("_"))[:MAX_NAME_LEN]
                    if name in taken:
                        continue  # the database's own scenario wins; the file keeps the other
                    taken.add(name)
                    conn.execute(
                        scenarios_table.insert().values(
                            name=name,
                            owner=s.owner,
                            shared=s.shared,
                            params=json.dumps(s.params, ensure_ascii=False),
                            saved_at=s.saved_at,
                        )
                    )
        except IntegrityError:
            return  # another process imported it first
        except SQLAlchemyError as e:
            raise self._unavailable(e) from e

    def read(self) -> dict[str, SavedScenario]:
        try:
            with self.engine.connect() as conn:
                rows = conn.execute(select(scenarios_table).order_by(scenarios_table.c.seq)).all()
        except SQLAlchemyError as e:
            raise self._unavailable(e) from e
        return {r.name: _row(r) for r in rows}

    def get(self, name: str) -> SavedScenario | None:
        try:
            with self.engine.connect() as conn:
                r = conn.execute(
                    select(scenarios_table).where(scenarios_table.c.name == name)
                ).first()
        except SQLAlchemyError as e:
            raise self._unavailable(e) from e
        return None if r is None else _row(r)

    def change(
        self, name: str, decide: Callable[[SavedScenario | None], SavedScenario | None]
    ) -> None:
        t = scenarios_table
        for attempt in range(SAVE_ATTEMPTS):
            try:
                with self.engine.begin() as conn:
                    if conn.dialect.name == "postgresql":
                        # One writer per name at a time, held to commit: a row lock alone does
                        # not stop a second save from reading "none" after the first deleted it
                        # (READ COMMITTED) and then colliding on the unique name.
                        conn.execute(
                            text("SELECT pg_advisory_xact_lock(:ns, :key)"),
                            {"ns": _LOCK_NAMESPACE, "key": _name_key(name)},
                        )
                    r = conn.execute(select(t).where(t.c.name == name).with_for_update()).first()
                    new = decide(None if r is None else _row(r))
                    if r is not None:
                        conn.execute(delete(t).where(t.c.name == name))
                    if new is not None:  # a new row: an overwrite moves it to the end
                        conn.execute(
                            t.insert().values(
                                name=new.name,
                                owner=new.owner,
                                shared=new.shared,
                                params=json.dumps(new.params, ensure_ascii=False),
                                saved_at=new.saved_at,
                            )
                        )
                return
            except IntegrityError:
                if attempt == SAVE_ATTEMPTS - 1:
                    raise ScenarioError(
                        f"方案“{name}”正被同时保存，请稍后再试；未做任何改动。"
                    ) from None
            except SQLAlchemyError as e:
                raise self._unavailable(e) from e


# ---- the store -------------------------------------------------------------------------------


class ScenarioStore:
    """Named scenarios in a JSON file at ``location`` (created on the first save) or, given an
    SQLAlchemy engine, in the state database; seen and changed as ``user`` (see the module)."""

    def __init__(
        self,
        location: Path | str | Engine,
        *,
        legacy: Path | str | None = None,
        user: str | None = None,
        admin: bool = False,
    ) -> None:
        self.user = user
        self.admin = admin
        if isinstance(location, Engine):
            self.path = None
            self.location = location.url.render_as_string(hide_password=True)
            self._db: _JsonFile | _Database = _Database(location, Path(legacy) if legacy else None)
        else:
            self.path = Path(location)
            self.location = str(self.path)
            self._db = _JsonFile(self.path)

    # -- who may do what --------------------------------------------------------------------
    def may_see(self, s: SavedScenario) -> bool:
        return self.user is None or self.admin or s.owner in (None, self.user) or s.shared

    def may_change(self, s: SavedScenario) -> bool:
        """Owner or admin; without login everyone; a scenario saved without login: admins."""
        return self.user is None or self.admin or s.owner == self.user

    # -- reading ----------------------------------------------------------------------------
    def list(self) -> list[SavedScenario]:
        """The scenarios this user may see, oldest save first (an overwrite is a new save)."""
        return [s for s in self._db.read().values() if self.may_see(s)]

    def load(self, name: str) -> SavedScenario:
        """The scenario called ``name``; ScenarioNotFound when there is none (for this user)."""
        key = clean_name(name)
        found = self._db.get(key) if isinstance(self._db, _Database) else self._db.read().get(key)
        if found is None or not self.may_see(found):
            raise ScenarioNotFound(f"没有名为“{key}”的已保存方案。")
        return found

    def names(self) -> list[str]:
        return [s.name for s in self.list()]

    # -- writing ----------------------------------------------------------------------------
    def _refuse_change(self, s: SavedScenario, verb: str) -> ScenarioForbidden:
        who = f"用户“{s.owner}”" if s.owner else "未登录时保存的方案（无所有者）"
        return ScenarioForbidden(
            f"方案“{s.name}”属于{who}，只有其本人或管理员可以{verb}；请换一个名称另存。"
            if verb == "覆盖"
            else f"方案“{s.name}”属于{who}，只有其本人或管理员可以{verb}。"
        )

    def save(
        self, name: str, params: dict[str, Any], overwrite: bool = False, shared: bool = False
    ) -> SavedScenario:
        """Save ``params`` under ``name`` (stripped); ScenarioExists unless ``overwrite``;
        ScenarioForbidden when the name is someone else's. ``shared``: everyone may see it."""
        key = clean_name(name)
        stored, _ = _json_params(params)
        saved_at = _now()
        result: list[SavedScenario] = []

        def decide(old: SavedScenario | None) -> SavedScenario:
            if old is not None:
                if not self.may_see(old):
                    raise ScenarioForbidden(f"名称“{key}”已被其他用户的方案使用，请换一个名称。")
                if not self.may_change(old):
                    raise self._refuse_change(old, "覆盖")
                if not overwrite:
                    raise ScenarioExists(f"已有名为“{key}”的方案；如需替换，请选择覆盖保存。")
            owner = old.owner if old is not None else self.user  # an admin's edit keeps the owner
            new = SavedScenario(key, stored, saved_at, owner, bool(shared))
            result.append(new)
            return new

        self._db.change(key, decide)
        return result[-1]

    def delete(self, name: str) -> None:
        """Remove the scenario called ``name``; ScenarioNotFound when there is none (for this
        user); ScenarioForbidden when it is someone else's."""
        key = clean_name(name)

        def decide(old: SavedScenario | None) -> None:
            if old is None or not self.may_see(old):
                raise ScenarioNotFound(f"没有名为“{key}”的已保存方案，无法删除。")
            if not self.may_change(old):
                raise self._refuse_change(old, "删除")
            return None

        self._db.change(key, decide)
