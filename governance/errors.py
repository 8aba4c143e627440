"""A refusal said in the catalog's words: the base of the stores' errors (a meeting, a 督办
item), so each says its message in either language the same way."""

from __future__ import annotations

from governance.i18n import t


class CatalogError(ValueError):
    """A write refused or a thing not found: catalog ``key`` with ``values``. ``str()`` is the
    Chinese message, :meth:`text` the message in either language."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values

    def __str__(self) -> str:
        return self.text("zh")

    def text(self, lang: str = "zh") -> str:
        return t(self.key, lang, **self.values)
