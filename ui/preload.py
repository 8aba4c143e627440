"""Plotly's code fetched and compiled while the reader reads, not when she first opens a chart.

Streamlit loads each element's code the first time an element of that kind is drawn; Plotly's
is 4.7 MB, about a second of the browser's time on this 2-core machine, paid on the first page
with a chart (the overview has none above its sections). Once the page is idle, this imports
the same module Streamlit will import (the same URL, so the browser keeps one copy): the first
chart then draws at once. Nothing is fetched from anywhere but the app.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import streamlit as st

_NAME = re.compile(r"PlotlyChart\.[A-Za-z0-9_-]+\.js")

# requestIdleCallback: after what the page draws now; at most 4 s later if it is never idle.
# A second run or page of the same tab does nothing (the flag on window).
_SCRIPT = """<script>
(() => {
  if (window.__governancePlotly) return;
  window.__governancePlotly = true;
  const main = document.querySelector('script[type="module"][src*="static/js/index."]');
  if (!main) return;
  const url = new URL("./CHUNK", main.src).href;
  const load = () => import(url).catch(() => { window.__governancePlotly = false; });
  if (window.requestIdleCallback) requestIdleCallback(load, { timeout: 4000 });
  else setTimeout(load, 1000);
})();
</script>"""


@cache
def chunk_name() -> str | None:
    """The file of Streamlit's Plotly element in this Streamlit's build (None if not one)."""
    folder = Path(st.__file__).parent / "static" / "static" / "js"
    found = [p.name for p in folder.glob("PlotlyChart.*.js") if _NAME.fullmatch(p.name)]
    return found[0] if len(found) == 1 else None


def plotly() -> None:
    name = chunk_name()
    if name is None:  # another Streamlit build: its charts load as they always did
        return
    st.html(_SCRIPT.replace("CHUNK", name), unsafe_allow_javascript=True)
