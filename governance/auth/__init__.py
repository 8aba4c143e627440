"""Access: users, roles, community scope, login failures and the audit log (plain Python).

Off unless ``GOVERNANCE_AUTH`` is set (``local``: the users file; ``oidc``: Streamlit's own
``st.login`` with users mapped to roles by the same file); the local demo needs no login.
"""

from __future__ import annotations

from governance import settings

MODES = ("off", "local", "oidc")


def mode_from_env() -> str:
    """``GOVERNANCE_AUTH`` as one of :data:`MODES` (unset, empty or ``off``: off)."""
    value = settings.auth_mode()
    return value if value in MODES else ("off" if not value else "invalid")
