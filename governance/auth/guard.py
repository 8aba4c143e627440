"""The check every write makes at the moment of the write.

A write — a commit, a rollback, a saved or deleted scenario, a user change, and every write
the product gains later — runs :func:`authorize` first. It rereads the account from the users
file and the login session from the shared state store *now*, not what the browser tab
remembered when its page was drawn: Streamlit runs a button's callback before the script, so
a tab opened by an editor who has since been disabled, demoted or logged out elsewhere still
shows the button, and the check at the top of the run has not happened yet. A refusal is
recorded on the audit log (event ``refused``) and raised as :class:`WriteRefused`, whose
:meth:`~WriteRefused.text` says why in the UI's language. Plain Python, no Streamlit.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from governance.auth import audit, roles, sessions, users
from governance.i18n import t

# Why a write was refused; each has a message in the catalog (guard.<reason>).
REASONS = ("no_login", "session", "disabled", "role", "scope", "store")
# Refusals after which the tab has no login any more: the next run shows the login form.
LOGGED_OUT = frozenset({"no_login", "session", "disabled"})


@dataclass
class WriteRefused(Exception):
    action: str  # what was attempted (an audit event name: commit, rollback, ...)
    reason: str  # one of REASONS
    user: str | None = None
    need: str = "viewer"  # the least role the write needs

    def __str__(self) -> str:
        return self.text("zh")

    def text(self, lang: str) -> str:
        role = t(f"auth.role.{self.need}", lang)
        return t(f"guard.{self.reason}", lang, role=role)

    @property
    def logged_out(self) -> bool:
        return self.reason in LOGGED_OUT


def authorize(
    action: str,
    user_name: str | None,
    token: str | None,
    *,
    need: str = "viewer",
    communities: Iterable[str] | None = (),
    session_required: bool = True,
    alive: Callable[[str | None], str | None] = sessions.alive,
) -> users.User:
    """The account allowed to do ``action`` now, or :class:`WriteRefused` (recorded).

    ``need``: the least role; ``communities``: the ids the write touches (None: the whole
    town, which only an unscoped account may change); ``token``: the tab's login session,
    which must still be live in the shared store (``session_required=False`` for a login that
    is not ours to end, such as an identity provider's)."""

    def refuse(reason: str) -> WriteRefused:
        # The store itself may be why: then the refusal stands without its row.
        with contextlib.suppress(Exception):
            audit.record(user_name, "refused", {"action": action, "reason": reason})
        return WriteRefused(action, reason, user_name, need)

    if not user_name:
        raise refuse("no_login")
    try:
        user = users.find(user_name)
        live = alive(token) if session_required else user_name
    except Exception as err:  # an unreadable users file or state store: no write
        raise refuse("store") from err
    if user is None or user.disabled:
        raise refuse("disabled")
    if live != user.name:
        raise refuse("session")
    if not roles.at_least(user.role, need):
        raise refuse("role")
    if user.scope is not None and (
        communities is None or any(c not in user.scope for c in communities)
    ):
        raise refuse("scope")
    return user
