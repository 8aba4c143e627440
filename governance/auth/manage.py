"""User changes as one step each — the users file, the sessions and the audit record — shared
by the 用户管理 page and the command line (scripts/users.py)."""

from __future__ import annotations

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
) -> tuple[users.User, bool]:
    """Add ``name`` or change it; a new password logs the user out everywhere. Recorded."""
    user, new = users.upsert(
        name, role, users.parse_communities(communities), password, email, path
    )
    if password and not new:
        sessions.end_all(name)
    detail = {k: v for k, v in user.public().items() if k in ("role", "communities", "email")}
    detail["name"] = name
    if password and not new:
        detail["password"] = "changed"
    audit.record(actor, "user_add" if new else "user_change", detail)
    return user, new


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
