"""Make Streamlit's AppTest run this app the way the server does.

AppTest resets ``PagesManager.uses_pages_directory`` before each run. Because this app keeps its
pages in ``pages/`` (the layout the product asks for) but routes them with ``st.navigation``,
every rerun after the first would then execute the page file alone, skipping app.py. The real
server sets the flag to False once st.navigation has run; this does the same after each reset.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def navigation_pages_manager() -> Iterator[None]:
    from streamlit.runtime import pages_manager
    from streamlit.testing.v1 import app_test

    base = pages_manager.PagesManager
    original = app_test.PagesManager

    class NavigationPagesManager(base):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            base.uses_pages_directory = False

    app_test.PagesManager = NavigationPagesManager
    try:
        yield
    finally:
        app_test.PagesManager = original
        base.uses_pages_directory = None
