"""ui/deferred.py: a download built on the click runs as the session that drew its button."""

from __future__ import annotations

import threading

from streamlit.testing.v1 import AppTest

BUILDS: list = []


def _script() -> None:
    import streamlit as st

    from tests.test_deferred import BUILDS
    from ui import deferred

    st.session_state["who"] = "wang"

    def build() -> str:
        return f"{st.session_state.get('who')}:{st.session_state.get('lang', 'zh')}"

    BUILDS[:] = [build, deferred.bound(build)]
    st.session_state["lang"] = "en"


def _on_another_thread(fn):
    out: list = []
    worker = threading.Thread(target=lambda: out.append(fn()))
    worker.start()
    worker.join()
    return out[0]


def test_a_bound_build_sees_its_session_on_a_thread_without_one():
    AppTest.from_function(_script).run()
    plain, bound = BUILDS
    assert _on_another_thread(plain) == "None:zh"  # why: Streamlit's worker has no session
    assert _on_another_thread(bound) == "wang:en"


def test_the_worker_thread_is_left_without_the_session_afterwards():
    AppTest.from_function(_script).run()
    _, bound = BUILDS
    seen: list = []

    def twice() -> None:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        seen.append(bound())
        seen.append(get_script_run_ctx(suppress_warning=True))

    worker = threading.Thread(target=twice)
    worker.start()
    worker.join()
    assert seen == ["wang:en", None]  # the next session's build on this thread is not wang's


def test_outside_a_session_the_build_is_returned_as_it_is():
    from ui import deferred

    def build() -> int:
        return 1

    assert deferred.bound(build) is build
