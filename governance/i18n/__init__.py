"""The string catalog: every user-facing string, in Simplified Chinese and English.

One catalog, kept in one module per area (``common``, ``overview``, one per page...) so that
pages can be worked on side by side; keys are unique across the whole catalog (a meta-test
holds this) and every entry has both languages.
"""

from __future__ import annotations

from importlib import import_module
from pkgutil import iter_modules

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"


def _load() -> dict[str, tuple[str, str]]:
    catalog: dict[str, tuple[str, str]] = {}
    for info in sorted(iter_modules(__path__), key=lambda m: m.name):
        module = import_module(f"{__name__}.{info.name}")
        for key, pair in module.STRINGS.items():
            if key in catalog:
                raise RuntimeError(f"string key {key!r} defined twice (in {info.name})")
            catalog[key] = pair
    return catalog


CATALOG: dict[str, tuple[str, str]] = _load()


def t(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The string ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``."""
    zh, en = CATALOG[key]
    text = en if lang == "en" else zh
    return text.format(**values) if values else text
