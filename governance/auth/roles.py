"""Roles and what each may open. Page ids are the stems of the files in views/."""

from __future__ import annotations

ROLES: tuple[str, ...] = ("viewer", "editor", "admin")
VIEWER_PAGES = frozenset(
    {"overview", "party", "longterm", "culture", "selfgov", "profile", "whatif", "present"}
)
EDITOR_PAGES = VIEWER_PAGES | {"data"}
ADMIN_PAGES = EDITOR_PAGES | {"users"}
_PAGES = {"viewer": VIEWER_PAGES, "editor": EDITOR_PAGES, "admin": ADMIN_PAGES}


def pages_for(role: str) -> frozenset[str]:
    """The pages ``role`` may open (an unknown role opens nothing)."""
    return _PAGES.get(role, frozenset())


def may_open(role: str, page: str) -> bool:
    return page in pages_for(role)


def is_admin(role: str) -> bool:
    return role == "admin"
