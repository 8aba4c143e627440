"""User changes as one step each — the users file, the sessions and the audit record — shared
by the 用户管理 page and the command line (scripts/users.py)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from governance.auth import audit, sessions, users


def add_or_change(
    actor: str | None,
    name: str,
    role: str,
    communities: tuple[str, ...] | str = (),
    password: str | None = None,
    email: str = "",
    path: Path | None = None,
    known_communities: Iterable[str] | None = None,
) -> tuple[users.User, bool, bool]:
    """Add ``name`` or change it: (the user, whether new, whether it was disabled and is now
    enabled again — said to the person changing it, and recorded as its own event). A new
    password logs the user out everywhere. ``known_communities``: the data's community ids;
    a scope naming another is refused (a case slip such as c02 gets the id it meant)."""
    scope = users.parse_communities(communities)
    if known_communities is not None:
        check_scope(scope, known_communities)
    before = users.find(name, path)
    user, new = users.upsert(name, role, scope, password, email, path)
    reenabled = before is not None and before.disabled
    if password and not new:
        sessions.end_all(name)
    detail = {k: v for k, v in user.public().items() if k in ("role", "communities", "email")}
    detail["name"] = name
    if password and not new:
        detail["password"] = "changed"
    audit.record(actor, "user_add" if new else "user_change", detail)
    if reenabled:
        audit.record(actor, "user_enable", {"name": name})
    return user, new, reenabled


def check_scope(scope: tuple[str, ...], known: Iterable[str]) -> None:
    """Refuse a scope naming a community the data does not have, in Chinese, with the id it
    probably meant when only the case differs."""
    known = list(known)
    by_fold = {k.casefold(): k for k in known}
    for c in scope:
        if c in known:
            continue
        meant = by_fold.get(c.casefold())
        hint = f"（是否指 {meant}？编号区分大小写）" if meant else ""
        raise users.UserError(
            f"社区编号“{c}”不在数据中{hint}；已知的社区编号：{'、'.join(known) or '（无）'}。"
        )


def disable(actor: str | None, name: str, path: Path | None = None) -> users.User:
    """Disable ``name`` and end its sessions at once. Recorded."""
    user = users.set_disabled(name, True, path)
    sessions.end_all(name)
    audit.record(actor, "user_disable", {"name": name})
    return user


def listing(path: Path | None = None) -> pd.DataFrame:
    """Every user without the hash: name, role, communities, email, disabled, created."""
    rows = [u.public() for u in sorted(users.load(path).values(), key=lambda u: u.name)]
    columns = ["name", "role", "communities", "email", "disabled", "created"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["communities"] = frame["communities"].map(lambda c: ",".join(c))
    return frame
