"""contract_sql.stripped: DuckDB's text as Python's str.strip() leaves it (the reference strips
every text cell), empty as missing, for each whitespace character at either end and for the
values its shortcut takes as they are."""

from __future__ import annotations

import duckdb

from governance.contract_sql import WHITESPACE, stripped

EDGES = [
    None,
    "",
    "a",
    "中",
    "!",  # code point 33: the first that is never whitespace
    "\x84",  # 132, just below NEL (133)
    "\u0301",  # a combining mark alone
    "x\u0301",  # ... and last: not whitespace, kept
    "\u200b",  # zero-width space: not whitespace in Python
    "\ufeff",
    "\U0001f600",
    "a b",
    "'\"",
]


def _strip(value: str | None) -> str | None:
    return None if value is None else (value.strip() or None)


def _cases() -> list[str | None]:
    out: list[str | None] = list(EDGES)
    for ch in WHITESPACE:
        out += [ch, ch + "a", "a" + ch, ch + "中" + ch, ch * 3, "a" + ch + "b", ch + "x\u0301"]
    return out


def test_stripped_is_str_strip() -> None:
    table = "cells"
    cases = _cases()
    con = duckdb.connect()
    con.execute(f"create table {table} as select unnest($v::varchar[]) as x", {"v": cases})
    got = con.execute(f"select x, {stripped('x')} from {table}").fetchall()
    assert len(got) == len(cases)
    assert [(x, y) for x, y in got if _strip(x) != y] == []
    # by hand: both ends' whitespace goes, an inner one stays, only whitespace is missing
    assert con.execute(f"select {stripped('$v')}", {"v": "\u3000a b\x85"}).fetchone() == ("a b",)
    assert con.execute(f"select {stripped('$v')}", {"v": " \t\u2028"}).fetchone() == (None,)
