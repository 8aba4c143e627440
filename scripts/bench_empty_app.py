"""The empty Streamlit page the benchmark measures beside the real pages (its baseline)."""

import streamlit as st

st.write("")
