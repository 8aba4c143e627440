"""Shared fixtures: the hand-made fixture data set and the generated demo data."""

from __future__ import annotations

import sys
import types
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests import fixture_data

# Fixtures several test modules share (a module importing another's fixtures made pytest see
# them twice and tied the modules together): pytest loads these as plugins for every test.
pytest_plugins = ["tests.fixtures.auth", "tests.fixtures.briefing"]


@pytest.fixture(scope="session", autouse=True)
def _own_state_dir(tmp_path_factory: pytest.TempPathFactory):
    """Each test process (each pytest-xdist worker) keeps its state store, open-check marks and
    saved scenarios in a temp dir of its own, never the repo's shared ``.state/``: two workers
    writing one SQLite file would see each other's rows. Set in the process environment (not
    monkeypatch: session scope) so the servers a test starts inherit it too; a test that sets
    its own still wins."""
    with environ(GOVERNANCE_STATE_DIR=str(tmp_path_factory.mktemp("state"))):
        yield


# A password's argon2id hash, made once per worker and password: a hash costs
# 64 MiB and ~0.1 s by design, and the write-guard and login tests made four accounts per test.
_HASHED: dict[str, str] = {}


@pytest.fixture(autouse=True)
def _passwords_hashed_once(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):
    """In-process tests reuse each password's hash (a real argon2id hash, checked at login as
    in production); servers a test starts hash as in production. A test of hashing itself
    opts out with ``@pytest.mark.fresh_hashes``."""
    if request.node.get_closest_marker("fresh_hashes"):
        return
    from governance.auth import passwords

    real_hash = passwords.hash_password

    def hash_once(password: str) -> str:
        if password not in _HASHED:
            _HASHED[password] = real_hash(password)  # a weak one raises, and is not kept
        return _HASHED[password]

    monkeypatch.setattr(passwords, "hash_password", hash_once)


# Each AppTest has a script cache of its own, so every test compiled app.py and its page files
# again, through Streamlit's magic rewrite: about 14 ms a file, a tenth of a page test's time.
# The compiled code is kept per worker, by path and the file's size and change time (a test
# that writes a script gets its own); what runs is the same bytecode Streamlit compiles.
_BYTECODE: dict[tuple[str, int, int, bool], object] = {}


@pytest.fixture(scope="session", autouse=True)
def _scripts_compiled_once():
    from streamlit import config
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    real = ScriptCache.get_bytecode

    def get_bytecode(self, script_path: str):
        stat = Path(script_path).stat()
        key = (
            str(Path(script_path).resolve()),
            stat.st_mtime_ns,
            stat.st_size,
            bool(config.get_option("runner.magicEnabled")),
        )
        if key not in _BYTECODE:
            _BYTECODE[key] = real(self, script_path)
        return _BYTECODE[key]

    ScriptCache.get_bytecode = get_bytecode
    yield
    ScriptCache.get_bytecode = real


@pytest.fixture(scope="session", autouse=True)
def _apptest_waits_on_the_script_thread():
    """AppTest waits for a script run by waking every millisecond to look for its end
    (``require_widgets_deltas``: ``sleep(0.001)`` in a loop), and each wake-up takes the GIL
    from the script it waits for. Waiting on the script's thread ends at the same moment (the
    run's SHUTDOWN event is sent before the thread returns; ``run`` joins it right after) and
    costs nothing meanwhile: test_pages ran 5-10% faster. Same timeout, same error."""
    from streamlit.testing.v1 import local_script_runner as runner

    real = runner.require_widgets_deltas

    def require_widgets_deltas(script: runner.LocalScriptRunner, timeout: float = 3) -> None:
        if script._script_thread is not None:
            script._script_thread.join(timeout)
        if not script.script_stopped():  # as AppTest's own: stop the script, then say so
            script.request_stop()
            script.join()
            raise RuntimeError(f"AppTest script run timed out after {timeout}(s)")

    runner.require_widgets_deltas = require_widgets_deltas
    yield
    runner.require_widgets_deltas = real


@pytest.fixture(scope="session", autouse=True)
def _components_scanned_once():
    """Every AppTest's runtime looks for installed custom components by reading the metadata of
    every installed package (Streamlit's ``scan_component_manifests``: about 60 ms, 5-8% of an
    AppTest module). The installed packages do not change during a run: scanned once per
    worker, the same list each time."""
    from streamlit.components.v2 import manifest_scanner

    real = manifest_scanner.scan_component_manifests
    found: list = []

    def scan_component_manifests(max_workers: int | None = None) -> list:
        if not found:
            found.append(real(max_workers))
        return list(found[0])

    manifest_scanner.scan_component_manifests = scan_component_manifests
    yield
    manifest_scanner.scan_component_manifests = real


@pytest.fixture(autouse=True)
def _table_verdicts_shared(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
):
    """The contract check's table verdicts (governance.db: kept under a key of the table's
    and its parents' file contents, the checks' SQL and the checking code) are kept in one
    folder per worker, as a server's are in its state folder: a test opening data another test
    has opened takes the same verdict instead of checking the same files again (about 0.35 s
    of each catalog build at fixture size). The tests that count checks or prune verdicts are
    marked ``own_table_verdicts`` and keep them in their own state folder."""
    if request.node.get_closest_marker("own_table_verdicts"):
        return
    from governance import db

    folder = tmp_path_factory.getbasetemp() / "table_verdicts"
    monkeypatch.setattr(db, "_table_verdicts_dir", lambda: folder)


@pytest.fixture(autouse=True)
def _own_catalogs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Each test keeps the catalogs it builds (governance.db's kept catalogs) in a folder of its
    own: a catalog one test built is never what another test opens, so a test that counts
    builds or patches how tables are read sees its own opens only. Servers a test starts keep
    theirs in their state folder as in production."""
    from governance import db

    folder = tmp_path_factory.mktemp("catalogs")
    monkeypatch.setattr(db, "_catalogs_dir", lambda: folder)


@pytest.fixture(scope="session")
def fixture_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fixture_data.write(tmp_path_factory.mktemp("fixture"))


@pytest.fixture(scope="session")
def fixture_con(fixture_dir: Path):
    from governance import db

    con = db.connect(fixture_dir)
    yield con
    con.close()


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo data at scale 1, generated once per test session."""
    from governance import demo_data

    folder = tmp_path_factory.mktemp("demo")
    demo_data.generate(folder, seed=20111226, scale=1)
    return folder


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def environ(**values: str | None):
    """The process environment with ``values`` set (None: removed), restored afterwards — for
    module-scoped fixtures, where pytest's monkeypatch is not available; a served app inherits
    it."""
    import os

    saved = {k: os.environ.get(k) for k in values}
    try:
        for k, v in values.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@contextmanager
def serve(data_dir: Path):
    """``streamlit run app.py`` on ``data_dir`` at a free port; yields the base URL."""
    import os
    import subprocess
    import sys
    import time
    import urllib.request

    root = Path(__file__).resolve().parent.parent
    port = _free_port()
    env = {**os.environ, "GOVERNANCE_DATA_DIR": str(data_dir), "STREAMLIT_SERVER_PORT": str(port)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(root / "app.py"), "--server.headless=true"],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError("streamlit did not start")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def served_app(demo_dir: Path):
    """The real app served by ``streamlit run`` on the demo data; yields its base URL."""
    with serve(demo_dir) as base:
        yield base


@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL cluster (Debian's package) on a free loopback port."""
    from tests.fixtures import pgcluster

    cluster = pgcluster.start()
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def state_backend(request, tmp_path, monkeypatch) -> str:
    """The state store on SQLite in a temp dir, then on a fresh PostgreSQL database.

    A test that takes this fixture runs against both back ends; returns the URL in force.
    """
    from governance import state

    monkeypatch.setenv("GOVERNANCE_STATE_DIR", str(tmp_path / "state"))
    if request.param == "sqlite":
        monkeypatch.delenv("GOVERNANCE_STATE_URL", raising=False)
    else:
        cluster = request.getfixturevalue("pg_cluster")
        monkeypatch.setenv("GOVERNANCE_STATE_URL", cluster.new_database())
    url = state.state_url()
    yield url
    state.engine_for(url).dispose()  # PostgreSQL has a connection limit; one pool per test


@pytest.fixture(autouse=True)
def _no_page_failed_behind_the_shell(request: pytest.FixtureRequest, caplog):
    """The shell (app.py) turns a page's exception into 页面出错 and a log line, so AppTest sees
    no exception: a test fails on that log line instead (a duplicate widget key on the 会议
    page went unseen so), unless it makes a page fail on purpose."""
    yield
    if request.node.get_closest_marker("shell_error_expected"):
        return
    failed = [
        f"{r.getMessage()}: {r.exc_info[1]!r}" if r.exc_info else r.getMessage()
        for r in caplog.get_records("setup") + caplog.get_records("call")
        if r.name == "governance" and r.getMessage().startswith(("page ", "sidebar failed"))
    ]
    assert not failed, failed


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium through Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    from scripts.browser import launch

    with sync_playwright() as p:
        browser = launch(p)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1600, "height": 1200}, locale="zh-CN")
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(scope="module")
def module_tab(chromium):
    """One tab for a module whose tests neither log in nor keep anything in the browser: each
    test opens its own URL in it (a new page load, a new app session). A fresh context's first
    load costs Chromium ~2.5-3.9 s of CPU, a load in a tab already open 1.2-1.5 s
    (test_hardening_browser 61-62 -> 43 s). Such a module's own ``page`` fixture returns it."""
    context = chromium.new_context(viewport={"width": 1600, "height": 1200}, locale="zh-CN")
    tab = context.new_page()
    yield tab
    context.close()


def _clear_resources_but_the_data_connections() -> None:
    """Every cached resource except the opened, contract-checked DuckDB connections
    (``ui.data._opened``): those are keyed by the data folder and its files' fingerprint, so a
    test on other data, or on files replaced, opens its own. Opening and checking the data
    took about 4 s of each AppTest test's first run on the demo data, ~0.7 s the run itself."""
    import streamlit as st

    try:
        from streamlit.runtime.caching.cache_resource_api import _resource_caches

        from ui import data

        keep = data._opened._function_key
        caches = [
            cache
            for by_key in list(_resource_caches._function_caches.values())
            for key, cache in list(by_key.items())
            if key != keep
        ]
    except AttributeError:  # Streamlit's internals moved: clear everything, as before
        st.cache_resource.clear()
        return
    for cache in caches:
        cache.clear()


@pytest.fixture(autouse=True)
def _fresh_streamlit_caches(request: pytest.FixtureRequest):
    """AppTest shares Streamlit's caches across tests: every test starts from nothing but the
    data connections (see :func:`_clear_resources_but_the_data_connections`).

    A test marked ``warm_caches`` starts with what the test before it left (the page tests
    that open every page in turn and only read what is drawn: a cached value is keyed by
    everything it depends on — data, filters, scope, language — so it is the same value), and
    leaves its caches to the next test, which clears them unless it is marked too."""
    import streamlit as st

    if request.node.get_closest_marker("warm_caches"):
        yield
        return
    st.cache_data.clear()
    _clear_resources_but_the_data_connections()
    yield
    st.cache_data.clear()
    _clear_resources_but_the_data_connections()


def pytest_sessionfinish() -> None:
    """The kept data connections are closed when the run ends."""
    import sys

    if "streamlit" in sys.modules:
        import streamlit as st

        st.cache_resource.clear()


@pytest.fixture
def plain_main(monkeypatch: pytest.MonkeyPatch) -> None:
    """A child process must not re-run the parent's ``__main__``: after an AppTest in the same
    pytest worker it is app.py, which multiprocessing (spawn, forkserver) would execute again
    in every child (its preparation runs ``__main__`` by path). A bare module stands in."""
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))


# The heaviest test files first (their times in a `make test` run, largest first): pytest-xdist
# hands whole files to the workers in collection order, and alphabetical order left heavy files
# (test_write_guard, test_viewmodels) to the end, where one worker ran them while the other
# had nothing left. A stale list only costs time, never a test.
HEAVY_FIRST = (
    "test_auth_browser.py", "test_datastore_kill.py", "test_hardening_browser.py",
    "test_intranet_browser.py", "test_present_browser.py", "test_contract_sql.py",
    "test_browser.py", "test_table_format.py", "test_serve.py", "test_viewmodels.py",
    "test_duban_cli.py", "test_duban_browser.py", "test_data_cli.py", "test_pages.py",
    "test_data_page.py", "test_meetings_browser.py", "test_write_guard.py", "test_language.py",
    "test_hardening.py", "test_drill_records_browser.py", "test_auth_pages.py",
    "test_serve_shared.py", "test_data_page_browser.py", "test_meta.py", "test_datastore.py",
    "test_geo_browser.py", "test_scoped_captions.py", "test_scenarios_shared.py",
    "test_meetings_page.py", "test_viewmodel_whatif.py",
)  # fmt: skip


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: i for i, name in enumerate(HEAVY_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: a file's order kept
