"""A file read: its frames and its problems (``Parsed``), and the two hidden columns that say
where each row came from. Read by the importer's readers of tables (read.py) and of
outlines (shapes.py), and by its checks; its own module so the readers need not import one
another for it."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from governance.importer.problems import Problem

ROW = "__row__"
SHEET = "__sheet__"
HIDDEN = (ROW, SHEET)


@dataclass
class Parsed:
    """A file read: one frame per table (contract column names + ``__row__``/``__sheet__``)."""

    source: str
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    encoding: str | None = None
    # (table, sheet, row, column) of every cell that could not be read (some may be
    # summarised in ``problems``): validation does not report them again as empty
    unread: set[tuple[str, str | None, int, str]] = field(default_factory=set)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors
