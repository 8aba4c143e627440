"""One import, the same for the 数据管理 page and ``make import``: read the file (the
importer), validate it against the data in force, preview; the caller then commits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from governance.datastore.errors import DataStoreError
from governance.datastore.store import Plan, Store
from governance.importer.read import Limits, read_file
from governance.importer.shapes import against_communities
from governance.importer.validate import validate


@dataclass
class Prepared:
    """A file read, its report and — when it has no error — the preview of its commit.

    ``parsed`` and ``report`` are the importer's ``Parsed`` and ``Report``; ``error`` is a
    store error met while previewing (the report said nothing, the store refused)."""

    parsed: Any
    report: Any
    plan: Plan | None
    error: DataStoreError | None = None

    @property
    def ok(self) -> bool:
        return self.plan is not None and self.error is None


def prepare(
    store: Store,
    filename: str,
    data: bytes,
    table: str | None = None,
    mode: str = "upsert",
    limits: Any = None,
) -> Prepared:
    """Read ``data`` (an upload named ``filename``), validate it against the tables in
    force as they would be after ``mode``, and preview the commit. Writes nothing. A
    GeoJSON file (the communities' outlines) is held to the communities in force and always
    replaces the shapes table."""
    parsed = read_file(filename, data, table=table, limits=limits or Limits())
    current = store.current_tables()
    if getattr(parsed, "geojson", False):  # the communities' outlines: always the whole set
        against_communities(parsed, current.get("communities"))
        mode = "replace"
    report = validate(parsed, current, mode)
    if not report.ok or not parsed.tables:
        return Prepared(parsed, report, None)
    try:
        plan = store.plan(parsed.tables, mode)
    except DataStoreError as exc:
        return Prepared(parsed, report, None, exc)
    return Prepared(parsed, report, plan)
