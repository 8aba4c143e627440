"""Streamlit glue shared by the pages: cached data, global filters, common widgets.

Everything that computes lives in ``governance`` (plain Python); this package only draws.
"""
