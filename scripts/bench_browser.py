"""The browser section of ``make bench``: what a person waits for in Chromium, beside an empty
page served the same way in the same run (scripts/bench_empty_browser_app.py).

Three figures (issue 24):
  * first KPI on screen in a fresh tab: navigation start to the first metric value in the page,
    in a new tab of a browser that has seen the app (its cached scripts, as a leader opening
    another tab) and on a first visit (a new browser profile: nothing cached);
  * change the comparison basis (环比 <-> 同比 in the sidebar): the click to the page settled;
  * move to another page from the sidebar: the click to the page settled, per page and the
    median over the pages.

"Settled": the main area's text has changed, no element is stale (Streamlit marks them
``data-stale="true"`` and fades them), no status widget shows, the script is not running, and
nothing in the page has changed for 0.7 s. The figure is the time of the last change (a
MutationObserver in the page), not including the 0.7 s of quiet. Times are the page's own
clock (``performance.now()``, the click's ``event.timeStamp``), so Playwright's round trips are
not in them.

For the page switch it also records what the browser spent (Chromium's Performance.getMetrics
through CDP: script, layout, style and all main-thread tasks) and the websocket messages
Streamlit sent, by kind and size: where the time goes (README "Benchmark").
"""

from __future__ import annotations

import statistics
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EMPTY_BROWSER_APP = ROOT / "scripts" / "bench_empty_browser_app.py"
QUIET_MS = 700
TIMEOUT_MS = 60_000
# A first visit fills the server's caches (at 100x a cold data check takes about a minute on
# this machine, more when it is loaded): the warm-up visits wait this long, and are not counted.
WARM_TIMEOUT_MS = 900_000
# The pages a leader moves between (url paths), in the sidebar's order. The overview is the
# page a tab opens on (its link is the app's root), so it is reached last, from 督办.
OVERVIEW = "overview"
SWITCH_PAGES = ["party", "longterm", "culture", "selfgov", "profile", "whatif", "duban", OVERVIEW]
# (from, to) labels of the sidebar's basis control: the app's, and the empty page's.
APP_BASES = ("环比", "同比")
EMPTY_BASES = ("qoq", "yoy")

# Installed before any script of the page: the time of the last change and of the first KPI.
_WATCH = """
(() => {
  const b = window.__bench = {last: performance.now(), firstKpi: null, click: null};
  new MutationObserver(() => {
    b.last = performance.now();
    if (b.firstKpi === null && document.querySelector('[data-testid="stMetricValue"]')) {
      b.firstKpi = b.last;
    }
  }).observe(document, {subtree: true, childList: true, characterData: true, attributes: true});
  document.addEventListener('click', (e) => { b.click = e.timeStamp; }, true);
})();
"""

# Cheap checks first: the main area's text is read only once the page has been quiet.
_SETTLED = """
([before, quiet]) => {
  const b = window.__bench;
  if (performance.now() - b.last < quiet) return false;
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector(
      '[data-stale="true"], [data-testid="stStatusWidget"], [data-testid="stSkeleton"]')) {
    return false;
  }
  const main = document.querySelector('[data-testid="stMain"]');
  return !!main && main.innerText !== before;
}
"""

_CDP_METRICS = ("TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration")


class Tab:
    """One browser tab on a served app, with its change watcher, CDP metrics and websocket log."""

    def __init__(self, browser, url: str, timeout_ms: int = TIMEOUT_MS):
        self.timeout_ms = timeout_ms
        self.context = browser.new_context(viewport={"width": 1600, "height": 1000})
        self.context.add_init_script(_WATCH)
        self.page = self.context.new_page()
        self.frames: list[bytes] = []
        self.page.on("websocket", self._on_socket)
        self.cdp = self.context.new_cdp_session(self.page)
        self.cdp.send("Performance.enable")
        self.page.goto(url)
        self.settle("", WARM_TIMEOUT_MS)  # the page opened, not counted (at 100x over 60 s)

    def _on_socket(self, ws) -> None:
        ws.on("framereceived", lambda payload: self.frames.append(payload))

    def main_text(self) -> str:
        return self.page.evaluate(
            "() => document.querySelector('[data-testid=\"stMain\"]')?.innerText ?? ''"
        )

    def settle(self, before: str, timeout_ms: int | None = None) -> float:
        """Wait for the page settled (its text no longer ``before``); ms from the last click
        (or the navigation) to the last change."""
        self.page.wait_for_function(
            _SETTLED, arg=[before, QUIET_MS], polling=50, timeout=timeout_ms or self.timeout_ms
        )
        return self.page.evaluate("() => window.__bench.last - (window.__bench.click ?? 0)")

    def browser_seconds(self) -> dict[str, float]:
        got = self.cdp.send("Performance.getMetrics")["metrics"]
        return {m["name"]: m["value"] for m in got if m["name"] in _CDP_METRICS}

    def act(self, locator) -> dict:
        """Click ``locator``, wait for the page settled; the time, browser work and messages."""
        before = self.main_text()
        self.frames.clear()
        cpu = self.browser_seconds()
        locator.click()
        ms = self.settle(before)
        after = self.browser_seconds()
        return {
            "ms": ms,
            "browser_ms": {k: (after[k] - cpu[k]) * 1000 for k in _CDP_METRICS},
            "messages": describe(self.frames),
        }

    def close(self) -> None:
        self.context.close()


def describe(frames: list) -> dict:
    """Streamlit's messages of one rerun: how many, their bytes, and bytes by element kind."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    kinds: Counter[str] = Counter()
    sizes: Counter[str] = Counter()
    for frame in frames:
        if isinstance(frame, str):
            continue
        msg = ForwardMsg()
        msg.ParseFromString(frame)
        kind = msg.WhichOneof("type") or "?"
        if kind == "delta":
            delta = msg.delta.WhichOneof("type")
            kind = msg.delta.new_element.WhichOneof("type") if delta == "new_element" else delta
        kinds[kind] += 1
        sizes[kind] += len(frame)
    return {
        "count": sum(kinds.values()),
        "bytes": sum(sizes.values()),
        "by_kind": {k: [kinds[k], sizes[k]] for k in sorted(kinds, key=lambda k: -sizes[k])},
    }


def first_kpis(browser, url: str, loads: int, same_browser: bool = False) -> float:
    """Median ms from navigation start to the first metric value in a fresh tab.

    ``same_browser``: each tab is a new one in one browser profile, as a leader opens another
    tab (Streamlit's hashed scripts are cached, immutable, after the first visit); otherwise
    each is the first visit of a new profile (nothing cached: every script fetched and
    compiled)."""
    samples = []
    shared = browser.new_context(viewport={"width": 1600, "height": 1000}) if same_browser else None
    if shared is not None:
        shared.add_init_script(_WATCH)
    try:
        for i in range(loads + 1):  # the first load warms the server's caches; not counted
            context = shared or browser.new_context(viewport={"width": 1600, "height": 1000})
            if shared is None:
                context.add_init_script(_WATCH)
            page = context.new_page()
            page.goto(url)
            page.wait_for_function(
                "() => window.__bench.firstKpi !== null",
                timeout=WARM_TIMEOUT_MS if i == 0 else TIMEOUT_MS,
            )
            samples.append(page.evaluate("() => window.__bench.firstKpi"))
            page.close()
            if shared is None:
                context.close()
    finally:
        if shared is not None:
            shared.close()
    return statistics.median(samples[1:])


def basis_changes(browser, url: str, labels: tuple[str, str], rounds: int) -> float:
    """Median ms of a basis change settled, both ways, ``rounds`` times each."""
    tab = Tab(browser, url)
    try:
        sidebar = tab.page.locator('[data-testid="stSidebar"]')
        samples = []
        for _ in range(rounds):
            for label in (labels[1], labels[0]):
                samples.append(tab.act(sidebar.get_by_role("radio", name=label))["ms"])
        return statistics.median(samples)
    finally:
        tab.close()


def nav_link(page, path: str):
    end = "" if path == OVERVIEW else path
    return page.locator(f'[data-testid="stSidebarNav"] a[href$="/{end}"]')


def page_switches(
    browser, url: str, pages: list[str], rounds: int, timeout_ms: int = TIMEOUT_MS
) -> dict[str, dict]:
    """Each page reached from the sidebar (in order, from the one before), ``rounds`` times:
    per page the median ms, the median browser work and the messages of its last switch."""
    tab = Tab(browser, url, timeout_ms)
    found: dict[str, list[dict]] = {p: [] for p in pages}
    try:
        for _ in range(rounds):
            for path in pages:
                found[path].append(tab.act(nav_link(tab.page, path)))
    finally:
        tab.close()
    return {
        path: {
            "ms": statistics.median(s["ms"] for s in runs),
            "browser_ms": {
                k: statistics.median(s["browser_ms"][k] for s in runs) for k in _CDP_METRICS
            },
            "messages": runs[-1]["messages"],
        }
        for path, runs in found.items()
    }


def measure(app_url: str, empty_url: str, loads: int = 3, rounds: int = 2) -> dict:
    """The browser figures for the served app and the served empty page, printed and returned."""
    from playwright.sync_api import sync_playwright

    from scripts.browser import launch

    with sync_playwright() as p:
        browser = launch(p)
        try:
            kpi = first_kpis(browser, app_url + "/", loads)
            kpi_empty = first_kpis(browser, empty_url + "/", loads)
            tab = first_kpis(browser, app_url + "/", loads, same_browser=True)
            tab_empty = first_kpis(browser, empty_url + "/", loads, same_browser=True)
            basis = basis_changes(browser, app_url + "/", APP_BASES, rounds)
            basis_empty = basis_changes(browser, empty_url + "/", EMPTY_BASES, rounds)
            # one visit of every page first, not counted: each fills its own caches
            page_switches(browser, app_url + "/", SWITCH_PAGES, 1, WARM_TIMEOUT_MS)
            switches = page_switches(browser, app_url + "/", SWITCH_PAGES, rounds)
            switches_empty = page_switches(browser, empty_url + "/", ["second", "third"], rounds)
        finally:
            browser.close()
    switch = statistics.median(s["ms"] for s in switches.values())
    switch_empty = statistics.median(s["ms"] for s in switches_empty.values())
    print(f"  {'Chromium, what a person waits for':<44}{'the app':>10}{'empty':>10}{'x':>7}")
    for label, real, base in (
        ("new tab: first KPI on screen (ms)", tab, tab_empty),
        ("first visit (new profile): first KPI (ms)", kpi, kpi_empty),
        ("basis changed: page settled (ms)", basis, basis_empty),
        ("page switch: settled, median (ms)", switch, switch_empty),
    ):
        print(f"  {label:<44}{real:>10.0f}{base:>10.0f}{real / base:>7.1f}")
    print(
        f"  {'page switch, per page':<16}{'settled ms':>11}{'main thread':>12}{'script':>8}"
        f"{'layout':>8}{'style':>7}{'msgs':>6}{'KB':>7}  largest messages (kind: n, KB)"
    )
    for path, s in switches.items():
        b, m = s["browser_ms"], s["messages"]
        kinds = list(m["by_kind"].items())[:3]
        top = ", ".join(f"{k}: {n}, {size / 1024:.0f}" for k, (n, size) in kinds)
        print(
            f"  {path:<16}{s['ms']:>11.0f}{b['TaskDuration']:>12.0f}{b['ScriptDuration']:>8.0f}"
            f"{b['LayoutDuration']:>8.0f}{b['RecalcStyleDuration']:>7.0f}{m['count']:>6}"
            f"{m['bytes'] / 1024:>7.0f}  {top}",
            flush=True,
        )
    return {
        "first_kpi_ms": round(kpi),
        "first_kpi_empty_ms": round(kpi_empty),
        "first_kpi_tab_ms": round(tab),
        "first_kpi_tab_empty_ms": round(tab_empty),
        "basis_settled_ms": round(basis),
        "basis_settled_empty_ms": round(basis_empty),
        "switch_settled_median_ms": round(switch),
        "switch_settled_empty_ms": round(switch_empty),
        "switch_pages": {
            path: {
                "settled_ms": round(s["ms"]),
                "browser_ms": {k: round(v) for k, v in s["browser_ms"].items()},
                "messages": s["messages"],
            }
            for path, s in switches.items()
        },
    }


def profile(app_url: str, pages: list[str]) -> dict[str, dict[str, float]]:
    """Chromium's CPU profile of each page switch (CDP Profiler): ms of JavaScript self time
    by script file (Streamlit's bundle is split by element: Plotly, the data grid, ...) and
    the profiler's own idle/GC/program rows — what the browser spends a switch on."""
    from playwright.sync_api import sync_playwright

    from scripts.browser import launch

    found = {}
    with sync_playwright() as p:
        browser = launch(p)
        try:
            tab = Tab(browser, app_url + "/")
            tab.cdp.send("Profiler.enable")
            tab.cdp.send("Profiler.setSamplingInterval", {"interval": 200})
            for path in [*pages, *pages]:  # the first pass warms the server's caches
                tab.cdp.send("Profiler.start")
                tab.act(nav_link(tab.page, path))
                got = tab.cdp.send("Profiler.stop")["profile"]
                found[path] = _self_ms(got)
            tab.close()
        finally:
            browser.close()
    return found


def _self_ms(prof: dict) -> dict[str, float]:
    """Self time per script file (or the profiler's own rows: (idle), (garbage collector)...)."""
    by_id = {n["id"]: n for n in prof["nodes"]}
    ms: Counter[str] = Counter()
    times = prof.get("timeDeltas", [])
    for sample, delta in zip(prof.get("samples", []), times, strict=False):
        frame = by_id[sample]["callFrame"]
        where = frame["url"].rsplit("/", 1)[-1] or frame["functionName"] or "(anonymous)"
        ms[where] += delta / 1000
    return dict(ms.most_common(8))


if __name__ == "__main__":  # python -m scripts.bench_browser URL: the switch's CPU profile
    import sys

    for path, rows in profile(sys.argv[1].rstrip("/"), SWITCH_PAGES[:5]).items():
        print(f"{path}: " + ", ".join(f"{k} {v:.0f}" for k, v in rows.items()), flush=True)
