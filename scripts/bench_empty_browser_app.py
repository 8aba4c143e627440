"""The empty page the browser section of ``make bench`` measures beside the app: a sidebar
segmented control, seven metrics that follow it, and pages to move between from the sidebar
(the default page's link is "/": the switches go between the other two) — the least a
Streamlit page with the app's first screen costs in Chromium."""

import streamlit as st

BASES = ["qoq", "yoy"]


def _tiles(name: str) -> None:
    basis = st.sidebar.segmented_control("basis", BASES, default="qoq", key="basis") or "qoq"
    st.title(name)
    for column, i in zip(st.columns(7), range(7), strict=True):
        column.metric(f"{name} {i}", f"{i * 7 + len(basis)}.{BASES.index(basis)}", f"{basis} +{i}")


def _first() -> None:
    _tiles("first")


def _second() -> None:
    _tiles("second")


def _third() -> None:
    _tiles("third")


st.navigation(
    [
        st.Page(_first, title="first", url_path="first", default=True),
        st.Page(_second, title="second", url_path="second"),
        st.Page(_third, title="third", url_path="third"),
    ]
).run()
