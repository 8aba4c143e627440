"""The store's errors: each names a catalog string, so the page and the CLI say it in either
language; ``str(error)`` is the Chinese text."""

from __future__ import annotations

from governance.i18n import t


class DataStoreError(Exception):
    def __init__(self, key: str, **values: object):
        self.key = key
        self.values = values
        super().__init__(self.text("zh"))

    def text(self, lang: str = "zh") -> str:
        return t(self.key, lang, **self.values)


class NothingToCommitError(DataStoreError):
    """The plan changes no row of any table: no version is made."""
