"""Login, the header (who, role, scope, logout) and the page gate, for app.py.

Off unless ``GOVERNANCE_AUTH`` says otherwise (or ``.streamlit/secrets.toml`` has an ``[auth]``
section, which turns on Streamlit's own OIDC login): then the demo opens at once, as before.
When on, :func:`gate` runs before the navigation: without a login it draws the login form and
stops the run, so no page, sidebar or query is reached whatever the URL says.

The user is looked up in the users file on every run, so a disabled user or a changed role or
scope takes effect on that user's next interaction. A local login survives a reload through a
random session token in a browser-session cookie (see governance/auth/sessions.py).
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path

import streamlit as st

from governance import auth as auth_logic
from governance.auth import audit, login, roles, sessions, users
from governance.auth.scope import Scope
from governance.i18n import t
from governance.text import plain

K_USER, K_TOKEN, K_COOKIE = "auth_user", "auth_token", "auth_cookie_pending"
K_OIDC_SEEN = "auth_oidc_recorded"
VIEWS = Path(__file__).resolve().parent.parent / "views"
_SECRETS = (Path.home() / ".streamlit" / "secrets.toml", Path(".streamlit") / "secrets.toml")


def _lang() -> str:
    from ui import state  # late: ui.state imports ui.data, which imports this module

    return state.lang()


def _tr(key: str, **values: object) -> str:
    return t(key, _lang(), **values)


def _has_oidc_secrets() -> bool:
    # Read the files directly: touching st.secrets without a file would warn on every run.
    for path in _SECRETS:
        try:
            if path.is_file() and "auth" in tomllib.loads(path.read_text(encoding="utf-8")):
                return True
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
            continue
    return False


def mode() -> str:
    """off | local | oidc | invalid (GOVERNANCE_AUTH with an unknown value)."""
    configured = auth_logic.mode_from_env()
    unset = not os.environ.get("GOVERNANCE_AUTH", "").strip()  # an explicit "off" stays off
    if configured == "off" and unset and _has_oidc_secrets():
        return "oidc"
    return configured


def enabled() -> bool:
    return mode() != "off"


def current_user() -> users.User | None:
    """The logged-in user of this session (None when login is off or nobody is logged in)."""
    return st.session_state.get(K_USER)


def current_user_name() -> str | None:
    """For the audit log: the logged-in user's name (None: no login, the demo)."""
    user = current_user()
    return user.name if user else None


def scope() -> Scope:
    """The communities this session may see (None: the whole town)."""
    user = current_user()
    return user.scope if user else None


def is_scoped() -> bool:
    return scope() is not None


def role() -> str | None:
    user = current_user()
    return user.role if user else None


# ---- cookies (local login only) --------------------------------------------------------------
def _cookie_script(token: str | None) -> str:
    # A session cookie (no expiry: gone when the browser closes), SameSite=Strict; the value is
    # a random token. json.dumps quotes it for JavaScript; it holds only URL-safe characters.
    if token:
        value = json.dumps(f"{sessions.COOKIE}={token}; path=/; SameSite=Strict")
    else:
        value = json.dumps(f"{sessions.COOKIE}=; path=/; SameSite=Strict; max-age=0")
    return f"<script>window.parent.document.cookie = {value};</script>"


def _write_cookie(token: str | None) -> None:
    """Set the cookie (or clear it: None). Drawn on every run, not once: a run cut short by the
    next interaction could otherwise lose it; an unchanged element is not redrawn."""
    with st.container(height=1, border=False):
        st.iframe(_cookie_script(token), height=1)


def _resume_from_cookie() -> users.User | None:
    try:
        token = st.context.cookies.get(sessions.COOKIE)
    except Exception:  # no browser request behind this session (AppTest, bare mode)
        token = None
    name = sessions.resume(token) if isinstance(token, str) else None
    user = users.find(name) if name else None
    if user is None or user.disabled:
        return None
    st.session_state[K_TOKEN] = token
    return user


# ---- the gate --------------------------------------------------------------------------------
def _refresh(user: users.User) -> users.User | None:
    """The user as the users file has it now (None when removed or disabled)."""
    now = users.find(user.name)
    return None if now is None or now.disabled else now


def _keep_lang_in_url() -> None:
    # The dashboard's filters are first read from the URL once the user is in: the language
    # chosen before logging in goes there, so the dashboard opens in it.
    from ui import state

    st.query_params["lang"] = st.session_state[state.K_LANG]


def _login_form() -> None:
    from governance.i18n import LANGS
    from ui import state  # late, as in _lang

    # The sidebar's own language switch (same key), before anything else: a visitor who
    # reads English need not log in in Chinese. It starts from the link's ``lang``.
    st.session_state.setdefault(state.K_LANG, state.lang())
    st.radio(
        _tr("app.lang"),
        LANGS,
        key=state.K_LANG,
        format_func=lambda code: "中文" if code == "zh" else "English",
        horizontal=True,
        on_change=_keep_lang_in_url,
    )
    st.title(_tr("auth.title"))
    with st.form("auth_login", clear_on_submit=False, enter_to_submit=True):
        name = st.text_input(_tr("auth.name"), key="auth_name", max_chars=64)
        password = st.text_input(
            _tr("auth.password"), key="auth_password", type="password", max_chars=256
        )
        submitted = st.form_submit_button(_tr("auth.submit"), type="primary")
    if not submitted:
        return
    if not name.strip() or not password:
        st.warning(_tr("auth.empty"))
        return
    result = login.attempt(name, password)
    if result.status.locked:
        st.error(_tr("auth.locked", minutes=result.status.wait_minutes))
    elif not result.ok:
        st.error(_tr("auth.failed", left=result.attempts_left))
    else:
        st.session_state[K_USER] = result.user
        token = sessions.start(result.user.name)
        st.session_state[K_TOKEN] = token
        st.session_state.pop("auth_password", None)
        st.rerun()


def _oidc_gate() -> users.User | None:
    if not st.user.is_logged_in:
        st.title(_tr("auth.title"))
        st.caption(_tr("auth.oidc.help"))
        st.button(_tr("auth.oidc.submit"), key="auth_oidc_login", on_click=st.login, type="primary")
        return None
    email = str(st.user.get("email") or "")
    user = users.find_by_email(email)
    if user is None or user.disabled:
        st.title(_tr("auth.title"))
        st.error(_tr("auth.oidc.unknown", email=email or "?"))
        st.button(_tr("auth.logout"), key="auth_oidc_logout", on_click=st.logout)
        return None
    if not st.session_state.get(K_OIDC_SEEN):
        audit.record(user.name, "login", {"role": user.role, "via": "oidc"})
        st.session_state[K_OIDC_SEEN] = True
    return user


def _login_pages(form) -> list[st.Page]:
    """The login form as the only page: at the app's root and, hidden, at every page's URL, so
    a deep link before login opens the form (no other page, nor its name in a menu, reaches a
    browser without a login, and no "page not found" box covers the form)."""
    title = _tr("auth.submit")
    pages = [st.Page(form, title=title, url_path="login", default=True)]
    for view in sorted(VIEWS.glob("*.py")):
        pages.append(st.Page(lambda: form(), title=title, url_path=view.stem, visibility="hidden"))
    return pages


def gate() -> users.User | None:
    """The logged-in user, or None when login is off. Without a login: the form, then stop."""
    current = mode()
    if current == "off":
        return None
    if current == "invalid":
        st.error(_tr("auth.bad_mode", value=os.environ.get("GOVERNANCE_AUTH", "")))
        st.stop()
    try:
        if current == "oidc":
            user = _oidc_gate()
        else:
            known = current_user()
            user = _refresh(known) if known else _resume_from_cookie()
    except users.UserError as err:
        st.error(_tr("auth.users_error", reason=str(err)))
        st.stop()
    if user is None:
        st.session_state.pop(K_USER, None)
        if st.session_state.pop(K_COOKIE, "") is None:  # just logged out
            _write_cookie(None)
        # The login form as the only page: whatever the URL, no other page (or its name in a
        # menu) reaches a browser without a login.
        form = _login_form if current == "local" else (lambda: None)
        st.navigation(_login_pages(form), position="hidden").run()
        st.stop()
    st.session_state[K_USER] = user
    if current == "local" and st.session_state.get(K_TOKEN):
        _write_cookie(st.session_state[K_TOKEN])
    return user


def logout() -> None:
    """Button callback: end the session everywhere it is kept, and record it."""
    user = current_user()
    if user is not None:
        audit.record(user.name, "logout")
    sessions.end(st.session_state.pop(K_TOKEN, None))
    st.session_state.pop(K_USER, None)
    st.session_state.pop(K_OIDC_SEEN, None)
    st.session_state[K_COOKIE] = None  # the next run clears it in the browser
    if mode() == "oidc":
        st.logout()


def scope_text(user: users.User, names: Mapping[str, str]) -> str:
    """The user's scope in words: 全镇, or the community names."""
    if user.scope is None:
        return _tr("auth.scope.town")
    return "、".join(plain(names.get(c, c)) for c in user.scope)


def header(user: users.User | None, names: Mapping[str, str]) -> None:
    """Who is logged in, their role and scope, and a logout button (nothing when login is off)."""
    if user is None:
        return
    left, right = st.columns([6, 1], vertical_alignment="center")
    left.caption(
        _tr(
            "auth.who",
            name=plain(user.name),
            role=_tr(f"auth.role.{user.role}"),
            scope=scope_text(user, names),
        )
    )
    right.button(_tr("auth.logout"), key="auth_logout", on_click=logout, icon=":material/logout:")


def _forbidden(role_name: str):
    def page() -> None:
        st.error(_tr("auth.forbidden", role=role_name))

    return page


def gated_pages(
    pages: Mapping[str, Sequence[st.Page]], user: users.User | None
) -> dict[str, list[st.Page]]:
    """The navigation for ``user``: pages their role may not open are swapped for a hidden page
    at the same URL that says 无权限, so a typed URL gets the message and the menu omits them.
    With login off (the demo) every page is there, as before."""
    out: dict[str, list[st.Page]] = {}
    for section, items in pages.items():
        kept: list[st.Page] = []
        for page in items:
            path = page.url_path or "overview"
            if user is None or roles.may_open(user.role, path):
                kept.append(page)
            else:
                kept.append(
                    st.Page(
                        _forbidden(_tr(f"auth.role.{user.role}")),
                        title=page.title,
                        url_path=page.url_path,
                        visibility="hidden",
                    )
                )
        out[section] = kept
    return out
