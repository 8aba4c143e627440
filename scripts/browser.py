"""Debian's Chromium driven by Playwright: the launch settings this machine needs, in one place."""

from __future__ import annotations

import os

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch(playwright):
    """A headless Chromium from the system package (never a downloaded browser build)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


# Settled: Streamlit's script has finished (a widget's click marks the app running before it
# returns, so a wait started after it cannot see the previous run's "not running"), nothing
# is loading, and the page has not changed for QUIET_MS: a rerun the page asks for by itself
# (a query parameter written, a chart's first selection) or Plotly's drawing after the script
# keeps it waiting, where a fixed pause would guess. A page that never goes quiet (an
# animation) is taken as settled MAX_QUIET_WAIT_MS after the script has finished.
QUIET_MS = 200
MAX_QUIET_WAIT_MS = 3_000
_SETTLED = """([quiet, most]) => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app) return false;
    const now = performance.now();
    if (window.__appChanged === undefined) {
        window.__appChanged = now;
        new MutationObserver(() => { window.__appChanged = performance.now(); }).observe(
            document.body, {subtree: true, childList: true, attributes: true,
                            characterData: true});
    }
    if (app.getAttribute('data-test-script-state') !== 'notRunning'
        || document.querySelector('[data-testid="stSkeleton"]')) {
        window.__appFinished = undefined;
        return false;
    }
    if (window.__appFinished === undefined) window.__appFinished = now;
    return now - window.__appChanged >= quiet || now - window.__appFinished >= most;
}"""


def wait_for_app(page, timeout_ms: int = 60_000) -> None:
    """Wait until Streamlit has finished running the script and the page has settled."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    # every wait lasts QUIET_MS at least: a rerun asked for asynchronously (a key handled by a
    # component) has that long to begin
    page.evaluate(
        "() => { window.__appFinished = undefined;"
        " if (window.__appChanged !== undefined) window.__appChanged = performance.now(); }"
    )
    page.wait_for_function(
        _SETTLED, arg=[QUIET_MS, MAX_QUIET_WAIT_MS], timeout=timeout_ms, polling=50
    )
