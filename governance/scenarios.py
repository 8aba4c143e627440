"""Saved what-if scenarios: named parameter sets, each belonging to someone.

``ScenarioStore(engine)`` is the installation's store: a table in the shared state database
(:mod:`governance.state`; SQLite under ``.state/`` or PostgreSQL), written in transactions, so
any number of Streamlit processes (or machines) save at once and nothing is lost. An old
``.state/scenarios.json`` given as ``legacy=`` is imported once (the file is left as it is; one
that cannot be read is reported in Chinese and left exactly as it is). The tests also build the
store on that JSON file alone (tests/fixtures/json_scenarios.py: the same contract, no database).

Owners: a store opened for ``user=None`` (no login, the local demo) sees and changes every
scenario, as before. A store opened for a user sees their own scenarios, the shared ones and
those saved without login (owner ``None``); only the owner — or an admin (``admin=True``, who
also sees everything) — may overwrite or delete a scenario. Scenarios are private unless saved
with ``shared=True``.

Names are unique per owner (saved without login, owner ``None``, is one more owner): two users
may each keep a "方案A", and nothing a user does ever depends on — or tells of — someone else's
private scenario. What a user sees is addressed by its *label* (:meth:`ScenarioStore.labelled`):
their own scenario by its bare name ("方案A"), anyone else's by its name and owner
("方案A（wang）", "方案A（无所有者）" for one saved without login), so a bare name always means
one's own and a label never changes its meaning when someone else saves. ``load``, ``delete``
and ``save`` take a label; a name that is no visible label is a name of one's own (so saving
always goes to one's own names, unless an admin names someone else's scenario by its label:
the edit keeps its owner).

In the database the table is ``whatif_scenarios`` with UNIQUE(owner, name), owner ``''`` for
"saved without login" (NULLs are distinct in a UNIQUE key on SQLite and PostgreSQL). The
table before (``scenarios``, one name space for everyone) is copied in once, under the same
locks as a save, and left in place.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    delete,
    inspect,
    select,
)
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from governance import state

FORMAT_VERSION = 2  # 1: {name: entry}, one name space; 2: a list of entries, names per owner
MAX_NAME_LEN = 40
RESERVED_PREFIX = "__"  # the compare list's own entries: __baseline__, __current__
IMPORTED_PREFIX = "导入_"  # given to a legacy scenario whose name is no longer allowed
SAVE_ATTEMPTS = 5  # PostgreSQL: two new saves of one name race on the unique key; retry
NO_OWNER = ""  # the owner column's value for "saved without login" (owner None)
OWNERLESS = "无所有者"  # in the label of a scenario saved without login, seen by a user

scenarios_table = Table(
    "whatif_scenarios",
    state.metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),  # save order
    Column("owner", String(200), nullable=False),  # NO_OWNER: saved without login
    Column("name", String(MAX_NAME_LEN * 4), nullable=False),
    Column("shared", Boolean, nullable=False, default=False),
    Column("params", Text, nullable=False),  # JSON text: round-trips exactly on both back ends
    Column("saved_at", String(40), nullable=False),
    UniqueConstraint("owner", "name", name="uq_whatif_scenarios_owner_name"),
)
# The table before names were per owner: read once by the migration, never created or written.
OLD_TABLE = "scenarios"
old_scenarios_table = Table(
    OLD_TABLE,
    MetaData(),
    Column("seq", Integer, primary_key=True),
    Column("name", String(MAX_NAME_LEN * 4), nullable=False, unique=True),
    Column("owner", String(200), nullable=True),
    Column("shared", Boolean, nullable=False),
    Column("params", Text, nullable=False),
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


Key = tuple[str, str]  # (owner or NO_OWNER, name): what is unique


def _key(s: SavedScenario) -> Key:
    return (s.owner or NO_OWNER, s.name)


# ---- an old JSON file, imported once (tests/fixtures/json_scenarios.py writes one) ------------


class _JsonFile:
    def __init__(self, path: Path) -> None:
        self.path = path

    def _corrupt(self, why: str) -> ScenarioStoreCorrupt:
        return ScenarioStoreCorrupt(
            f"方案文件 {self.path.name} 无法读取（{why}）。文件未做任何改动；"
            "请修复或移走该文件后再保存方案。"
        )

    def read(self) -> dict[Key, SavedScenario]:
        """Every scenario in file order; an absent file is an empty store. Reads version 1
        (one name space: ``{name: entry}``) and version 2 (a list of entries with names)."""
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
        if not isinstance(data, dict):
            raise self._corrupt("缺少 scenarios 对象")
        body = data.get("scenarios")
        if data.get("version") == FORMAT_VERSION and isinstance(body, list):
            entries = [(e.get("name") if isinstance(e, dict) else None, e) for e in body]
        elif data.get("version", 1) == 1 and isinstance(body, dict):
            entries = list(body.items())
        else:
            raise self._corrupt("缺少 scenarios 对象")
        out: dict[Key, SavedScenario] = {}
        for name, entry in entries:
            if (
                not isinstance(name, str)
                or not isinstance(entry, dict)
                or not isinstance(entry.get("params"), dict)
                or not isinstance(entry.get("saved_at"), str)
                or not isinstance(entry.get("owner"), str | None)
                or not isinstance(entry.get("shared", False), bool)
            ):
                raise self._corrupt(f"方案“{name}”的内容不完整")
            s = SavedScenario(
                name,
                entry["params"],
                entry["saved_at"],
                entry.get("owner") or None,
                entry.get("shared", False),
            )
            if _key(s) in out:
                raise self._corrupt(f"方案“{name}”重复出现")
            out[_key(s)] = s
        return out


# ---- the shared state database ----------------------------------------------------------------


_LOCK_NAMESPACE = 0x5CE7  # the first key of this store's PostgreSQL advisory locks
_MIGRATION_MARKER = f"table:{OLD_TABLE}"  # the scenario_imports row of the one-time copy
_migrated: set[Engine] = set()  # engines this process saw migrated (the marker is the truth)


def _lock_name(key: Key) -> str:
    """(owner, name) as the name of an advisory lock."""
    return "\x00".join(key)


def _row(r: Any) -> SavedScenario:
    return SavedScenario(r.name, json.loads(r.params), r.saved_at, r.owner or None, bool(r.shared))


def _values(s: SavedScenario) -> dict[str, Any]:
    return {
        "owner": s.owner or NO_OWNER,
        "name": s.name,
        "shared": s.shared,
        "params": json.dumps(s.params, ensure_ascii=False),
        "saved_at": s.saved_at,
    }


def _taken(conn: Any) -> set[Key]:
    t = scenarios_table
    return {(r.owner, r.name) for r in conn.execute(select(t.c.owner, t.c.name))}


class _Database:
    def __init__(self, engine: Engine, legacy: Path | None) -> None:
        self.engine = engine
        try:
            state.ensure_schema(engine)
            if engine not in _migrated:
                self._migrate()
                _migrated.add(engine)
        except SQLAlchemyError as e:
            raise self._unavailable(e) from e
        if legacy is not None:
            self._import(legacy)

    def _unavailable(self, e: Exception) -> ScenarioError:
        return ScenarioStoreUnavailable(
            f"方案库暂时无法访问（{type(e).__name__}），请稍后再试；未做任何改动。"
        )

    def _migrate(self) -> None:
        """Copy the old one-name-space table's rows in once, in save order, with their owners
        (NULL becomes NO_OWNER); the old table is left as it is. A marker row in
        ``scenario_imports`` remembers it; the check and the copy run under the write lock
        (SQLite: the transaction is BEGIN IMMEDIATE; PostgreSQL: an advisory lock), so two
        processes starting at once copy it once."""
        done = select(imports_table.c.source).where(imports_table.c.source == _MIGRATION_MARKER)
        with self.engine.connect() as conn:
            if conn.execute(done).first() is not None:
                return
        try:
            with self.engine.begin() as conn:
                state.lock_on_postgres(conn, _LOCK_NAMESPACE, _lock_name(("", _MIGRATION_MARKER)))
                if conn.execute(done).first() is not None:
                    return  # another process copied it while this one waited
                copied = 0
                if inspect(conn).has_table(OLD_TABLE):
                    old = old_scenarios_table
                    taken = _taken(conn)
                    for r in conn.execute(select(old).order_by(old.c.seq)):
                        s = _row(r)
                        if _key(s) in taken:
                            continue
                        taken.add(_key(s))
                        conn.execute(scenarios_table.insert().values(**_values(s)))
                        copied += 1
                conn.execute(
                    imports_table.insert().values(
                        source=_MIGRATION_MARKER, imported_at=_now(), count=copied
                    )
                )
        except IntegrityError:
            return  # an engine without the locks above: another process wrote the marker first

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
                taken = _taken(conn)
                for s in items.values():
                    name = s.name.strip()
                    try:
                        name = clean_name(name)
                    except ValueError:
                        name = (IMPORTED_PREFIX + name.strip("_"))[:MAX_NAME_LEN]
                    s = SavedScenario(name, s.params, s.saved_at, s.owner, s.shared)
                    if _key(s) in taken:
                        continue  # the database's own scenario wins; the file keeps the other
                    taken.add(_key(s))
                    conn.execute(scenarios_table.insert().values(**_values(s)))
        except IntegrityError:
            return  # another process imported it first
        except SQLAlchemyError as e:
            raise self._unavailable(e) from e

    def read(self) -> dict[Key, SavedScenario]:
        try:
            with self.engine.connect() as conn:
                rows = conn.execute(select(scenarios_table).order_by(scenarios_table.c.seq)).all()
        except SQLAlchemyError as e:
            raise self._unavailable(e) from e
        return {(r.owner, r.name): _row(r) for r in rows}

    def change(
        self, key: Key, decide: Callable[[SavedScenario | None], SavedScenario | None]
    ) -> None:
        t = scenarios_table
        this = (t.c.owner == key[0]) & (t.c.name == key[1])
        for attempt in range(SAVE_ATTEMPTS):
            try:
                with self.engine.begin() as conn:
                    # One writer per (owner, name) at a time, held to commit: a row lock alone
                    # does not stop a second save from reading "none" after the first deleted
                    # it (READ COMMITTED) and then colliding on the unique key.
                    state.lock_on_postgres(conn, _LOCK_NAMESPACE, _lock_name(key))
                    r = conn.execute(select(t).where(this).with_for_update()).first()
                    new = decide(None if r is None else _row(r))
                    if r is not None:
                        conn.execute(delete(t).where(this))
                    if new is not None:  # a new row: an overwrite moves it to the end
                        conn.execute(t.insert().values(**_values(new)))
                return
            except IntegrityError:
                if attempt == SAVE_ATTEMPTS - 1:
                    raise ScenarioError(
                        f"方案“{key[1]}”正被同时保存，请稍后再试；未做任何改动。"
                    ) from None
            except SQLAlchemyError as e:
                raise self._unavailable(e) from e


# ---- the store -------------------------------------------------------------------------------


class ScenarioStore:
    """Named scenarios in the state database (an SQLAlchemy engine; the tests give a JSON file's
    back end instead), seen and changed as ``user`` (see the module)."""

    def __init__(
        self,
        location: Engine | _JsonFile,
        *,
        legacy: Path | str | None = None,
        user: str | None = None,
        admin: bool = False,
    ) -> None:
        self.user = user or None  # "" is no login too
        self.admin = admin
        if isinstance(location, Engine):
            self.location = location.url.render_as_string(hide_password=True)
            self._db: Any = _Database(location, Path(legacy) if legacy else None)
        else:
            self.location = str(location.path)
            self._db = location

    # -- who may do what --------------------------------------------------------------------
    def may_see(self, s: SavedScenario) -> bool:
        return self.user is None or self.admin or s.owner in (None, self.user) or s.shared

    def may_change(self, s: SavedScenario) -> bool:
        """Owner or admin; without login everyone; a scenario saved without login: admins."""
        return self.user is None or self.admin or s.owner == self.user

    def _own(self, s: SavedScenario) -> bool:
        """In this user's own names (without login: those saved without login)."""
        return s.owner == self.user

    # -- reading ----------------------------------------------------------------------------
    def list(self) -> list[SavedScenario]:
        """The scenarios this user may see, oldest save first (an overwrite is a new save)."""
        return [s for s in self._db.read().values() if self.may_see(s)]

    def labelled(self) -> dict[str, SavedScenario]:
        """The scenarios this user may see by label, oldest save first: one's own by its name,
        anyone else's as "name（owner）" ("name（无所有者）" when saved without login). Should
        such a label be one of one's own names too, the own one keeps it and the other's gets
        "（2）" after it: every label is one scenario."""
        seen = self.list()
        taken = {s.name for s in seen if self._own(s)}
        labels = []
        for s in seen:
            if self._own(s):
                labels.append(s.name)
                continue
            base = f"{s.name}（{s.owner or OWNERLESS}）"
            label, n = base, 1
            while label in taken:
                n += 1
                label = f"{base}（{n}）"
            taken.add(label)
            labels.append(label)
        return dict(zip(labels, seen, strict=True))

    def names(self) -> list[str]:
        """The labels of :meth:`labelled` (what ``load``, ``delete`` and ``save`` take)."""
        return list(self.labelled())

    def _find(self, label: str) -> tuple[str, SavedScenario | None]:
        """The label stripped, and the scenario it names for this user (None: none)."""
        if not isinstance(label, str) or not label.strip():
            clean_name(label)  # ValueError in Chinese, as for a name
        key = label.strip()
        return key, self.labelled().get(key)

    def load(self, label: str) -> SavedScenario:
        """The scenario labelled ``label`` (one's own by its bare name); ScenarioNotFound when
        there is none for this user."""
        key, found = self._find(label)
        if found is None:
            raise ScenarioNotFound(f"没有名为“{key}”的已保存方案。")
        return found

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
        """Save ``params`` under ``name`` (stripped) among this user's own names; ScenarioExists
        unless ``overwrite``. ``name`` may also be the label of someone else's scenario this user
        sees: only its owner or an admin may overwrite it (ScenarioForbidden), and it keeps its
        owner. ``shared``: everyone may see it."""
        label, target = self._find(name)
        if target is not None and not self._own(target):
            key = _key(target)
        else:
            label = clean_name(name)
            key = (self.user or NO_OWNER, label)
        stored, _ = _json_params(params)
        saved_at = _now()
        result: list[SavedScenario] = []

        def decide(old: SavedScenario | None) -> SavedScenario:
            if old is None or not self.may_see(old):
                if key[0] != (self.user or NO_OWNER):  # someone else's, gone meanwhile
                    raise ScenarioNotFound(f"没有名为“{label}”的已保存方案。")
            else:
                if not self.may_change(old):
                    raise self._refuse_change(old, "覆盖")
                if not overwrite:
                    raise ScenarioExists(f"已有名为“{label}”的方案；如需替换，请选择覆盖保存。")
            owner = old.owner if old is not None else self.user  # an admin's edit keeps the owner
            new = SavedScenario(key[1], stored, saved_at, owner, bool(shared))
            result.append(new)
            return new

        self._db.change(key, decide)
        return result[-1]

    def delete(self, label: str) -> None:
        """Remove the scenario labelled ``label``; ScenarioNotFound when there is none (for this
        user); ScenarioForbidden when it is someone else's."""
        key, found = self._find(label)

        def decide(old: SavedScenario | None) -> None:
            if old is None or not self.may_see(old):
                raise ScenarioNotFound(f"没有名为“{key}”的已保存方案，无法删除。")
            if not self.may_change(old):
                raise self._refuse_change(old, "删除")
            return None

        if found is None:
            decide(None)
        else:
            self._db.change(_key(found), decide)
