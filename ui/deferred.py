"""Downloads built on the click, in the session that drew the button.

Streamlit runs a download button's callable (``data=`` a function) on a worker thread of its
own, with no script-run context: there ``st.session_state`` is an empty stand-in, so a file
built from it would have no user, no scope and no language — a scoped official's "download
all" would hold the whole town's rows. :func:`bound` runs the callable as the session that
drew the button (Streamlit's documented ``add_script_run_ctx``), and every download button
is drawn through :func:`download_button` (tests/test_meta.py holds the app to that).

The file is built only if the login that drew the button is still live and its account
enabled at the click (``auth.may_read_now``): a button drawn before a logout elsewhere or a
disable builds nothing but a line saying why. Built files live in Streamlit's media store only
until the next runs sweep them (a deferred file is referenced by no session), and nginx keeps
their paths out of its access log (deploy/nginx.conf.template).
"""

from __future__ import annotations

import copy
import logging
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx
from streamlit.runtime.scriptrunner_utils.script_run_context import (
    SCRIPT_RUN_CONTEXT_ATTR_NAME,
)

from governance.auth import audit
from governance.i18n import t
from ui import auth
from ui.lang import lang

T = TypeVar("T")
log = logging.getLogger("governance")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def bound(build: Callable[[], T]) -> Callable[[], T]:
    """``build``, to be called later on any thread, as the session drawing it now."""
    drawn_by = get_script_run_ctx(suppress_warning=True)
    if drawn_by is None:  # not in a session (a script run bare): nothing to carry
        return build
    # The session as it is now, without this run's fragment coordinator: a run that ends in
    # st.stop() (the demo's users page after its audit log) or st.rerun() drains that
    # coordinator, and from then on every read of the session on another thread raised
    # StopException: the Excel file, which reads the language, was never built.
    ctx = copy.copy(drawn_by)
    ctx.parallel_coordinator = None

    def in_session() -> T:
        thread = threading.current_thread()
        before = getattr(thread, SCRIPT_RUN_CONTEXT_ATTR_NAME, None)
        add_script_run_ctx(thread, ctx)
        try:
            if not auth.may_read_now():
                return refused()  # type: ignore[return-value]
            return build()
        finally:
            # The worker thread serves every session in turn: leave it as it was found.
            if before is None:
                delattr(thread, SCRIPT_RUN_CONTEXT_ATTR_NAME)
            else:
                setattr(thread, SCRIPT_RUN_CONTEXT_ATTR_NAME, before)

    return in_session


def refused() -> bytes:
    """What a download holds when its login has ended: the reason in words (recorded)."""
    try:
        audit.record(
            auth.current_user_name(), "refused", {"action": "download", "reason": "session"}
        )
    except Exception:
        log.exception("audit record of a refused download failed")
    return t("guard.download_refused", lang()).encode("utf-8")


def download_button(container: Any, label: str, data: Any, **kwargs: Any) -> Any:
    """``container.download_button``; a callable ``data`` runs in this session on the click,
    which does not rerun the page (on_click="ignore": the file is all the click asks for)."""
    kwargs.setdefault("on_click", "ignore")
    return container.download_button(label, bound(data) if callable(data) else data, **kwargs)
