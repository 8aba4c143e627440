"""Text is text: values from a URL or a data file, made safe to put into a message.

Streamlit renders ``st.markdown``, ``st.caption``, ``st.info``/``warning``/``error``, labels
and ``st.metric`` as Markdown (GitHub-flavoured, with its own ``:colour[...]``, ``:icon:`` and
``$math$`` syntax). :func:`plain` escapes every ASCII punctuation mark with a backslash (what
CommonMark allows for any of them), so ``[x](https://…)``, ``![x](…)``, ``<img>``, bare
``https://`` and ``www.`` autolinks, ``**bold**`` and ``:red[…]`` all show as typed; ``<`` and
``>`` become HTML entities; line breaks become spaces so a value cannot start a heading;
bare addresses get an invisible word joiner so they are not turned into links.
"""

from __future__ import annotations

import re
import string

_PUNCTUATION = re.compile(
    "([" + re.escape(string.punctuation.replace("<", "").replace(">", "")) + "])"
)
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c]+")
# GitHub's autolink literals (``https://…``, ``www.…``, ``a@b.c``) are found in the text
# *after* escapes are undone, so no escape stops them: an invisible word joiner (U+2060)
# inside each trigger does, and the reader sees the same characters.
_JOINER = "\u2060"
_AUTOLINK = re.compile(r"(?i)(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)")


def plain(value: object, limit: int | None = 200) -> str:
    """``value`` as text that Markdown and HTML show literally (apply to URL and data text
    only, never to the app's own message templates); cut to ``limit`` characters with "…"
    so a long link cannot flood the page."""
    text = "" if value is None else str(value)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    text = _LINE_BREAKS.sub(" ", text).replace("\x00", "")
    text = _AUTOLINK.sub(_JOINER, text)
    text = _PUNCTUATION.sub(r"\\\1", text)
    return text.replace("<", "&lt;").replace(">", "&gt;")
