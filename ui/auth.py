"""Login, the header (who, role, scope, logout) and the page gate, for app.py.

Off unless ``GOVERNANCE_AUTH`` says otherwise (or ``.streamlit/secrets.toml`` has an ``[auth]``
section, which turns on Streamlit's own OIDC login): then the demo opens at once, as before.
When on, :func:`gate` runs before the navigation: without a login it draws the login form and
stops the run, so no page, sidebar or query is reached whatever the URL says.

The user is looked up in the users file, and a local login's session in the shared state store,
on every run, so a disabled user, a changed role or scope, a logout in another tab, a password
change and the idle and absolute limits take effect at that user's next click, on every replica.
A local login survives a reload through a random session token in a browser-session cookie (see
governance/auth/sessions.py).

Every write goes through :func:`writes` (a button's callback) or :func:`authorize_write`
(inline): Streamlit runs callbacks *before* the script, so before :func:`gate` has looked at the
account; the write checks it again itself (governance/auth/guard.py). tests/test_meta.py holds
every callback that writes to that.
"""

from __future__ import annotations

import functools
import json
import logging
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from governance import auth as auth_logic
from governance import settings
from governance import state as state_store
from governance.auth import audit, guard, login, roles, sessions, users
from governance.auth.scope import Scope
from governance.i18n import LANGS
from governance.text import plain
from ui.lang import K_LANG, lang, tr

K_USER, K_TOKEN, K_COOKIE = "auth_user", "auth_token", "auth_cookie_pending"
K_OIDC_SEEN = "auth_oidc_recorded"
K_REFUSED = "auth_refused"  # a write refused in a callback: said by the run that follows
F = TypeVar("F", bound=Callable[..., Any])
# A locked, unreachable, replaced-and-unreadable or full state store: said in words.
STORE_ERRORS = (SQLAlchemyError, state_store.StateConfigError, state_store.StateUnavailable)
log = logging.getLogger("governance")
VIEWS = Path(__file__).resolve().parent.parent / "views"
_SECRETS = (Path.home() / ".streamlit" / "secrets.toml", Path(".streamlit") / "secrets.toml")


_tr = tr


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
    unset = not settings.auth_mode()  # an explicit "off" stays off
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
def _refresh(user: users.User, current: str) -> users.User | None:
    """The user as the users file has it now, with a local login's session still live in the
    shared store (None when removed, disabled, logged out elsewhere or past its limits)."""
    now = users.find(user.name)
    if now is None or now.disabled:
        return None
    if current == "local" and sessions.alive(st.session_state.get(K_TOKEN)) != now.name:
        st.session_state.pop(K_TOKEN, None)
        return None
    return now


def _keep_lang_in_url() -> None:
    # The dashboard's filters are first read from the URL once the user is in: the language
    # chosen before logging in goes there, so the dashboard opens in it.
    st.query_params["lang"] = st.session_state[K_LANG]


def _login_form() -> None:
    # The sidebar's own language switch (same key), before anything else: a visitor who
    # reads English need not log in in Chinese. It starts from the link's ``lang``.
    st.session_state.setdefault(K_LANG, lang())
    st.radio(
        _tr("app.lang"),
        LANGS,
        key=K_LANG,
        format_func=lambda code: "中文" if code == "zh" else "English",
        horizontal=True,
        on_change=_keep_lang_in_url,
    )
    st.title(_tr("auth.title"))
    with st.form("auth_login", clear_on_submit=False, enter_to_submit=True):
        name = st.text_input(_tr("common.user_name"), key="auth_name", max_chars=64)
        password = st.text_input(
            _tr("auth.password"), key="auth_password", type="password", max_chars=256
        )
        submitted = st.form_submit_button(_tr("auth.submit"), type="primary")
    if not submitted:
        return
    if not name.strip() or not password:
        st.warning(_tr("auth.empty"))
        return
    try:
        result = login.attempt(name, password)
        token = sessions.start(result.user.name) if result.ok else None
    except STORE_ERRORS:
        log.exception("state store unavailable at login")
        st.error(_tr("state.unavailable"))
        return
    if result.status.locked:
        st.error(_tr("auth.locked", minutes=result.status.wait_minutes))
    elif not result.ok:
        st.error(_tr("auth.failed", left=result.attempts_left))
    else:
        st.session_state[K_USER] = result.user
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


def page_files() -> dict[str, str]:
    """Every page's URL path -> its file: ``views/<page>.py``, or ``views/<page>/<page>.py`` for
    a page with modules of its own (its folder holds them)."""
    found = [*VIEWS.glob("*.py"), *(p for p in VIEWS.glob("*/*.py") if p.stem == p.parent.name)]
    return {p.stem: str(p.relative_to(VIEWS.parent)) for p in sorted(found, key=lambda p: p.stem)}


def _login_pages(form) -> list[st.Page]:
    """The login form as the only page: at the app's root and, hidden, at every page's URL, so
    a deep link before login opens the form (no other page, nor its name in a menu, reaches a
    browser without a login, and no "page not found" box covers the form)."""
    title = _tr("auth.submit")
    pages = [st.Page(form, title=title, url_path="login", default=True)]
    for url_path in page_files():
        pages.append(st.Page(lambda: form(), title=title, url_path=url_path, visibility="hidden"))
    return pages


def gate() -> users.User | None:
    """The logged-in user, or None when login is off. Without a login: the form, then stop."""
    current = mode()
    if current == "off":
        return None
    if current == "invalid":
        st.error(_tr("auth.bad_mode", value=settings.auth_mode()))
        st.stop()
    refused = st.session_state.pop(K_REFUSED, None)  # a callback's refused write, said once
    if refused:
        st.error(refused)
    try:
        if current == "oidc":
            user = _oidc_gate()
        else:
            known = current_user()
            user = _refresh(known, current) if known else _resume_from_cookie()
    except users.UserError as err:
        st.error(_tr("auth.users_error", reason=str(err)))
        st.stop()
    except STORE_ERRORS:
        # A locked, replaced-and-unreadable or full state store: words within seconds.
        log.exception("state store unavailable at the gate")
        st.error(_tr("state.unavailable"))
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


# ---- writes ----------------------------------------------------------------------------------
def authorize_write(
    action: str, need: str = "viewer", communities: Iterable[str] | None = ()
) -> users.User | None:
    """Check now, against the users file and the shared store, that this tab's account may do
    ``action`` (see governance/auth/guard.py); None when login is off (the demo: everyone may).
    Raises guard.WriteRefused (recorded on the audit log); a refusal that ends the login also
    forgets it here, so the next run shows the login form."""
    current = mode()
    if current == "off":
        return None
    user = current_user()
    try:
        if current == "invalid":
            raise guard.WriteRefused(action, "no_login", None, need)
        if current == "oidc" and not st.user.is_logged_in:
            user = None
        fresh = guard.authorize(
            action,
            user.name if user else None,
            st.session_state.get(K_TOKEN),
            need=need,
            communities=communities,
            session_required=current == "local",
        )
    except guard.WriteRefused as refusal:
        if refusal.logged_out:
            st.session_state.pop(K_USER, None)
            st.session_state.pop(K_TOKEN, None)
        raise
    # The rest of the write reads role and scope as they are now (an admin demoted since the
    # page was drawn no longer overwrites as an admin), not as the tab remembered them.
    st.session_state[K_USER] = fresh
    return fresh


def refusal_text(refusal: guard.WriteRefused) -> str:
    return refusal.text(lang())


def writes(action: str, need: str = "viewer") -> Callable[[F], F]:
    """A button callback that writes: checked first by :func:`authorize_write`; when refused
    it does nothing and the message is said at the top of the run that follows. (A write
    whose communities depend on what it writes calls :func:`authorize_write` itself with
    them, inside a callback decorated here.)"""

    def wrap(fn: F) -> F:
        @functools.wraps(fn)
        def checked(*args: Any, **kwargs: Any) -> Any:
            try:
                authorize_write(action, need)
            except guard.WriteRefused as refusal:
                refuse_later(refusal)
                return None
            return fn(*args, **kwargs)

        checked.governance_write = action  # type: ignore[attr-defined]  # for the meta-test
        return checked  # type: ignore[return-value]

    return wrap


def refuse_later(refusal: guard.WriteRefused) -> None:
    """Say ``refusal`` at the top of the next run (from inside a callback)."""
    st.session_state[K_REFUSED] = refusal_text(refusal)


def may_read_now() -> bool:
    """For a file built after its button was drawn (a download): this tab's login is still
    live and its account enabled, checked now. Always true when login is off."""
    current = mode()
    if current == "off":
        return True
    user = current_user()
    if user is None:
        return False
    try:
        now = users.find(user.name)
        if now is None or now.disabled or (now.role, now.scope) != (user.role, user.scope):
            return False  # a changed role or scope: the page must be drawn again first
        return current != "local" or sessions.alive(st.session_state.get(K_TOKEN)) == now.name
    except Exception:
        log.exception("download check failed")
        return False


def no_community_left(user: users.User | None, known: Iterable[str]) -> bool:
    """Whether ``user`` is scoped to communities none of which is in the data (an id typed in
    the wrong case, or removed by a replace import): such an account may see nothing."""
    return user is not None and user.scope is not None and not set(user.scope) & set(known)


def logout() -> None:
    """Button callback: end the session everywhere it is kept, and record it."""
    user = current_user()
    try:
        if user is not None:
            audit.record(user.name, "logout")
        sessions.end(st.session_state.pop(K_TOKEN, None))
    except STORE_ERRORS:  # the tab forgets the login all the same; the row ages out
        log.exception("state store unavailable at logout")
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
