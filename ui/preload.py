"""The code of Streamlit's heaviest elements fetched and compiled while the reader reads, not
when she first opens a page that draws one.

Streamlit loads each element's code the first time an element of that kind is drawn: Plotly's
is 4.7 MB (about a second of the browser's time on this 2-core machine, paid on the first page
with a chart: the overview has none above its sections), the code block's highlighter 1.5 MB
(the what-if link) and the table grid 0.5 MB. Once the page is idle, this imports the same
modules Streamlit will import (the same URLs, so the browser keeps one copy of each): the first
chart, link or table then draws at once. Nothing is fetched from anywhere but the app.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import streamlit as st

# The elements whose code is worth loading ahead, heaviest first.
ELEMENTS = ("PlotlyChart", "StreamlitSyntaxHighlighter", "DataFrame")

# requestIdleCallback: after what the page draws now; at most 4 s later if it is never idle.
# One module at a time, so the page stays responsive between them. A second run or page of
# the same tab does nothing (the flag on window).
_SCRIPT = """<script>
(() => {
  if (window.__governancePreload) return;
  window.__governancePreload = true;
  const main = document.querySelector('script[type="module"][src*="static/js/index."]');
  if (!main) return;
  const later = (f) => window.requestIdleCallback ? requestIdleCallback(f, { timeout: 4000 })
                                                  : setTimeout(f, 1000);
  const next = (names) => names.length && later(() =>
    import(new URL("./" + names[0], main.src).href)
      .catch(() => {})
      .finally(() => { window.__governanceLoaded = names[0]; next(names.slice(1)); }));
  next(CHUNKS);
})();
</script>"""


@cache
def chunk_names() -> tuple[str, ...]:
    """The files of :data:`ELEMENTS` in this Streamlit's build (those found exactly once)."""
    folder = Path(st.__file__).parent / "static" / "static" / "js"
    out = []
    for element in ELEMENTS:
        pattern = re.compile(rf"{element}\.[A-Za-z0-9_-]+\.js")
        found = [p.name for p in folder.glob(f"{element}.*.js") if pattern.fullmatch(p.name)]
        if len(found) == 1:  # another Streamlit build: that element loads as it always did
            out.append(found[0])
    return tuple(out)


def chunks() -> None:
    names = chunk_names()
    if names:
        st.html(_SCRIPT.replace("CHUNKS", json.dumps(list(names))), unsafe_allow_javascript=True)
