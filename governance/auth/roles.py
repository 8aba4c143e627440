"""Roles and what each may open. Pages are named by their URL path (the file stem in views/).

viewer: every dashboard, the profile, what-if, presentation and briefings; editor: also the
data page (数据管理); admin: also users (用户管理). A page not named here is a viewer's page.
"""

from __future__ import annotations

ROLES: tuple[str, ...] = ("viewer", "editor", "admin")
# The least role that may open a page; every other page needs only a login.
MIN_ROLE: dict[str, str] = {"data": "editor", "users": "admin"}


def _level(role: str) -> int:
    return ROLES.index(role) if role in ROLES else -1


def at_least(role: str, least: str) -> bool:
    """Whether ``role`` is ``least`` or above (an unknown role: never)."""
    return _level(role) >= 0 and _level(role) >= _level(least)


def may_open(role: str, page: str) -> bool:
    """Whether ``role`` may open the page at URL path ``page`` (an unknown role: nothing)."""
    return _level(role) >= 0 and _level(role) >= _level(MIN_ROLE.get(page, "viewer"))
