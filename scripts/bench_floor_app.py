"""The benchmark's second baseline: a page drawing the same elements as a real page of the app
(``make bench`` records them from one AppTest run of it into the JSON file named by
``GOVERNANCE_FLOOR_SPEC``) with nothing computed — no query, no view model, no formatting.

What Streamlit itself spends a rerun on such a page (building each element's message, keying
its widgets, sending every delta over the websocket) is the floor a rerun of the real page
cannot go below in this framework; the real page's throughput against this one's is the share
of each rerun left to the app's own work. The empty page (scripts/bench_empty_app.py) is the
other baseline: one element, no widget.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pyarrow as pa
import streamlit as st

from ui.plots import _Converted


@st.cache_resource
def _spec(path: str) -> list[dict[str, Any]]:
    nodes = json.loads(Path(path).read_text(encoding="utf-8"))
    for node in _walk(nodes):  # decoded once: the floor page computes nothing per run
        if node["kind"] == "dataframe":
            node["table"] = pa.ipc.open_stream(bytes.fromhex(node.pop("arrow"))).read_all()
        elif node["kind"] == "plotly_chart":
            node["figure"] = _Converted(json.loads(node.pop("spec")))
    return nodes


def _walk(nodes: list[dict[str, Any]]):
    for node in nodes:
        yield node
        yield from _walk(node.get("children", []))


def _key(node: dict[str, Any]) -> str:
    return f"floor_{node['id']}"


def draw(nodes: list[dict[str, Any]], in_form: bool = False) -> None:
    for node in nodes:
        kind, label = node["kind"], node.get("label", "")
        children = node.get("children", [])
        if kind == "form":  # a form's button is its submit button
            with st.form(_key(node)):
                draw(children, in_form=True)
        elif in_form and kind == "button":
            st.form_submit_button(label)
        elif in_form and kind == "columns":
            for column, child in zip(st.columns(len(children)), children, strict=True):
                with column:
                    draw(child.get("children", []), in_form=True)
        elif in_form and kind == "container":
            with st.container(horizontal=node.get("horizontal", False)):
                draw(children, in_form=True)
        elif kind == "date_input":
            st.date_input(label, value=None, key=_key(node))
        elif kind == "text_input":
            st.text_input(label, key=_key(node))
        elif kind == "text_area":
            st.text_area(label, key=_key(node))
        elif kind == "main":
            draw(children)
        elif kind == "sidebar":
            with st.sidebar:
                draw(children)
        elif kind == "columns":
            for column, child in zip(st.columns(len(children)), children, strict=True):
                with column:
                    draw(child.get("children", []))
        elif kind == "expander":
            with st.expander(label):
                draw(children)
        elif kind == "tab_container":
            tabs = st.tabs([child.get("label", "") for child in children])
            for tab, child in zip(tabs, children, strict=True):
                with tab:
                    draw(child.get("children", []))
        elif kind == "popover":
            with st.popover(label):
                draw(children)
        elif kind == "container":
            with st.container(horizontal=node.get("horizontal", False)):
                draw(children)
        elif kind == "metric":
            st.metric(
                label,
                node["value"],
                delta=node.get("delta") or None,
                help=node.get("help") or None,
                border=True,
                chart_data=node.get("chart") or None,
                chart_type="line",
            )
        elif kind in ("markdown", "caption", "title", "header", "subheader"):
            getattr(st, kind)(node["body"], help=node.get("help") or None)
        elif kind in ("info", "warning", "error", "success"):
            getattr(st, kind)(node["body"])
        elif kind == "dataframe":
            st.dataframe(node["table"], hide_index=True, key=_key(node))
        elif kind == "plotly_chart":
            st.plotly_chart(node["figure"], key=_key(node))
        elif kind == "radio":
            st.radio(label, node["options"], key=_key(node), horizontal=True)
        elif kind == "selectbox":
            st.selectbox(label, node["options"], key=_key(node))
        elif kind == "multiselect":
            st.multiselect(label, node["options"], key=_key(node))
        elif kind == "select_slider":
            options = node["options"]
            st.select_slider(label, options, value=(options[0], options[-1]), key=_key(node))
        elif kind == "slider":
            st.slider(label, 0, 10, (0, 10), key=_key(node))
        elif kind == "button_group":
            st.segmented_control(label, node["options"], key=_key(node))
        elif kind == "button":
            st.button(label, key=_key(node))
        elif kind == "download_button":
            st.download_button(label, lambda: b"", file_name="x.csv", key=_key(node))
        elif kind == "page_link":
            st.page_link("https://example.com", label=label)
        elif kind == "html":  # the page's script-only element (ui/preload.py): an empty one
            st.html("<span></span>")
        else:  # any other element: one delta of text in its place
            st.text(kind)


spec = os.environ.get("GOVERNANCE_FLOOR_SPEC")
if spec:
    draw(_spec(spec))
