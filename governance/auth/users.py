"""The users file (``GOVERNANCE_USERS``, default ``.state/users.toml``): who may log in, as what.

One TOML table per user: role, communities (empty: the whole town), optional e-mail (how an
identity provider's login is matched to a user), disabled flag and the argon2id hash. Every
change is read-modify-write under a file lock (filelock) and lands by an atomic replace, so
concurrent writers from several processes never lose each other's changes and a reader never
sees half a file.
"""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import tomli_w
from filelock import FileLock

from governance import settings
from governance.auth import passwords
from governance.auth.roles import ROLES

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_USERS_FILE = settings.DEFAULT_USERS_FILE
NAME_RE = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")
COMMUNITY_RE = re.compile(r"^[A-Za-z0-9_\-]{1,32}$")
LOCK_TIMEOUT_S = 10


class UserError(ValueError):
    """A bad user name, role, community id or users file; the message is in Chinese."""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    communities: tuple[str, ...] = ()  # empty: the whole town
    email: str = ""
    disabled: bool = False
    password_hash: str = field(default="", repr=False)
    created: str = ""

    @property
    def scope(self) -> tuple[str, ...] | None:
        """The communities this user may see, or None for the whole town."""
        return self.communities or None

    def public(self) -> dict[str, object]:
        """The user without the hash (for lists and the audit log)."""
        return {
            "name": self.name,
            "role": self.role,
            "communities": list(self.communities),
            "email": self.email,
            "disabled": self.disabled,
            "created": self.created,
        }


def users_file() -> Path:
    return settings.users_file()


def check_name(name: str) -> str:
    if not NAME_RE.match(name or ""):
        raise UserError(f"用户名“{name}”无效：只能用字母、数字、下划线、点或连字符，1–64 个字符。")
    return name


def check_role(role: str) -> str:
    if role not in ROLES:
        raise UserError(f"角色“{role}”无效：应为 {' / '.join(ROLES)} 之一。")
    return role


def parse_communities(text: str | list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    """``"C01,C03"`` (or a list) -> ``("C01", "C03")``; blanks dropped, order kept, no repeats."""
    items = text.split(",") if isinstance(text, str) else list(text or [])
    out: list[str] = []
    for item in (i.strip() for i in items):
        if not item:
            continue
        if not COMMUNITY_RE.match(item):
            raise UserError(f"社区编号“{item}”无效：只能用字母、数字、下划线或连字符。")
        if item not in out:
            out.append(item)
    return tuple(out)


def _from_toml(name: str, raw: object, path: Path) -> User:
    if not isinstance(raw, dict):
        raise UserError(f"用户文件 {path} 中用户“{name}”的格式不对：应为一个表。")
    try:
        return User(
            name=check_name(name),
            role=check_role(str(raw.get("role", ""))),
            communities=parse_communities(raw.get("communities") or []),
            email=str(raw.get("email", "")).strip().lower(),
            disabled=bool(raw.get("disabled", False)),
            password_hash=str(raw.get("password_hash", "")),
            created=str(raw.get("created", "")),
        )
    except UserError as err:
        raise UserError(f"用户文件 {path} 中用户“{name}”：{err}") from err


def _to_toml(user: User) -> dict[str, object]:
    return {
        "role": user.role,
        "communities": list(user.communities),
        "email": user.email,
        "disabled": user.disabled,
        "password_hash": user.password_hash,
        "created": user.created,
    }


def load(path: Path | None = None) -> dict[str, User]:
    """Every user in the file (none when the file does not exist)."""
    path = path or users_file()
    if not path.is_file():
        return {}
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise UserError(f"用户文件 {path} 无法读取：{err}") from err
    table = doc.get("users", {})
    if not isinstance(table, dict):
        raise UserError(f"用户文件 {path} 的格式不对：[users] 应为表。")
    return {name: _from_toml(name, raw, path) for name, raw in table.items()}


def save(users: dict[str, User], path: Path | None = None) -> None:
    """Write ``users`` atomically (a temporary file in the same folder, then a replace)."""
    path = path or users_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = {"users": {name: _to_toml(u) for name, u in sorted(users.items())}}
    fd, tmp = tempfile.mkstemp(prefix=".users-", suffix=".toml", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            tomli_w.dump(doc, out)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o600)  # hashes are not secrets, but nobody else needs to read them
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def editing(path: Path | None = None) -> Iterator[dict[str, User]]:
    """Read-modify-write under the file lock: ``with editing() as users: users[n] = ...``."""
    path = path or users_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT_S):
        users = load(path)
        yield users
        save(users, path)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def upsert(
    name: str,
    role: str,
    communities: tuple[str, ...] = (),
    password: str | None = None,
    email: str = "",
    path: Path | None = None,
) -> tuple[User, bool]:
    """Add a user, or change an existing one (role, scope, e-mail; password when given; it is
    enabled again). Returns the user and whether it is new. A new user needs a password unless
    it logs in through the identity provider (an e-mail is given)."""
    check_name(name)
    check_role(role)
    communities = parse_communities(communities)
    email = email.strip().lower()
    new_hash = passwords.hash_password(password) if password else None
    with editing(path) as users:
        old = users.get(name)
        if old is None and new_hash is None and not email:
            raise UserError(f"新用户“{name}”需要密码（或用于统一身份认证登录的邮箱）。")
        base = old or User(name=name, role=role, created=_now())
        user = replace(
            base,
            role=role,
            communities=communities,
            email=email or base.email,
            disabled=False,
            password_hash=new_hash or base.password_hash,
        )
        users[name] = user
    return user, old is None


def set_disabled(name: str, disabled: bool = True, path: Path | None = None) -> User:
    with editing(path) as users:
        if name not in users:
            raise UserError(f"没有名为“{name}”的用户。")
        users[name] = replace(users[name], disabled=disabled)
        return users[name]


def find(name: str, path: Path | None = None) -> User | None:
    return load(path).get(name)


def find_by_email(email: str, path: Path | None = None) -> User | None:
    email = (email or "").strip().lower()
    if not email:
        return None
    return next((u for u in load(path).values() if u.email == email), None)


def authenticate(
    name: str, password: str, path: Path | None = None, verify: Callable = passwords.verify_password
) -> User | None:
    """The enabled user whose password matches, else None (same work for unknown names)."""
    user = load(path).get(name)
    if user is None or user.disabled or not user.password_hash:
        verify(passwords.dummy_hash(), password)
        return None
    return user if verify(user.password_hash, password) else None
