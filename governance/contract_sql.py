"""The contract's checks of the data in force, generated as SQL and run where the data is.

``governance.importer.check_tables`` (pandas and pandera) is the reference: it checks an
upload and the tables in force the same way. Opening 100x data with it meant copying every
row into pandas (≈50 s at 18.6 M rows); here each rule of ``contract.TABLES`` becomes a
predicate DuckDB runs over the whole table, and only the rows found (at most MAX_PER_COLUMN of
each kind, as the reference lists them) come back to Python. Those few rows are typed by the
importer's own ``convert`` and described by its own ``problem``, so a problem reads exactly as
the reference's: same file row, column, value and reason, in the same order and capped alike.

Rows are numbered as the reference numbers a whole table in file order: the header is row 1,
the first row 2 (``rowid + 2`` of a table copied from its file by one CREATE TABLE AS).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import duckdb
import pandas as pd

from governance.contract import TABLES_BY_NAME, Column, Table
from governance.importer.problems import (
    ERROR,
    MAX_PER_COLUMN,
    MAX_PROBLEMS,
    Problem,
    capped,
    more,
    problem,
)
from governance.importer.shapes import table_problems
from governance.importer.validate import (
    FIRST_YEAR,
    _indicator_ids,
    _params,
    community_links,
    last_year,
    references,
)
from governance.importer.values import convert, is_quarter

# What Python's str.strip() removes: the reference strips text cells before checking them.
WHITESPACE = "".join(chr(i) for i in range(0x110000) if chr(i).isspace())
# Its code points above 32 (all at or below 32 are taken as possibly whitespace).
_WIDE_SPACES = ", ".join(str(ord(ch)) for ch in WHITESPACE if ord(ch) > 32)


def ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def value(c: Column, alias: str = "") -> str:
    """A column as the reference sees it: text stripped and an empty text missing, NaN as
    missing (pandas counts it as empty). ``alias``: the table's name in the query."""
    name = f"{alias}.{ident(c.name)}" if alias else ident(c.name)
    if c.type == "VARCHAR":
        return stripped(name)
    if c.type == "DOUBLE":
        return f"(case when isnan({name}) then null else {name} end)"
    return name


def _not_space(code: str) -> str:
    return f"({code} > 32 and {code} not in ({_WIDE_SPACES}))"


def stripped(name: str) -> str:
    """``name`` as str.strip() leaves it, empty as missing. trim() with a set of 29 characters
    costs ~1 s of CPU per million values (it dominated the cold check of 100x data), so a value
    whose first and last code points are not whitespace (nearly all) is taken as it is, and
    only the others are trimmed: the same result, ~16x less CPU."""
    ends = f"{_not_space(f'ascii({name})')} and {_not_space(f'ascii({name}[-1])')}"
    return (
        f"(case when {ends} then {name} else nullif(trim({name}, {_literal(WHITESPACE)}), '') end)"
    )


# ---- cell rules (pandera's schema of validate.py, column by column, in its order) ----------


def cell_rules(t: Table) -> list[tuple[Column, str, str]]:
    """(column, catalog key, SQL predicate true on a failing row) in the order the reference
    reports them: per column, the empty check first, then each check of ``validate._checks``.
    A predicate names a column as :func:`cell_sql` computes it once: its :func:`value`."""
    rules: list[tuple[Column, str, str]] = []
    for c in t.columns:
        v = ident(c.name)
        if not c.nullable:
            key = "imp.key.empty" if c.name in t.key else "imp.cell.empty"
            rules.append((c, key, f"{v} is null"))
        if c.type in ("INTEGER", "DOUBLE"):
            # an infinite number is reported once, as not finite, not again as out of range
            usable = f"{v} is not null"
            if c.type == "DOUBLE":  # the value is NULL for NaN, which is not infinite either
                rules.append((c, "imp.cell.not_finite", f"isinf({v})"))
                usable += f" and not isinf({v})"
            if c.min is not None:
                rules.append((c, "imp.cell.min", f"({usable} and {v} < {c.min!r})"))
            if c.max is not None:
                rules.append((c, "imp.cell.max", f"({usable} and {v} > {c.max!r})"))
        if c.allowed:
            allowed = ", ".join(_literal(a) for a in c.allowed)
            rules.append((c, "imp.cell.allowed", f"{v} not in ({allowed})"))
        if c.type == "DATE":
            rules.append(
                (c, "imp.cell.date_range", f"year({v}) not between $first_year and $last_year")
            )
            if is_quarter(c):
                rules.append(
                    (
                        c,
                        "imp.cell.quarter_start",
                        f"(day({v}) <> 1 or month({v}) not in (1, 4, 7, 10))",
                    )
                )
    return rules


def cell_sql(t: Table) -> str:
    """One query, one scan of the table: the failing rows of every cell rule, at most
    MAX_PER_COLUMN per column (in the reference's order: rule, then row), with how many
    failures the column has."""
    rules = cell_rules(t)
    columns = [c.name for c in t.columns]
    # each column's value (stripped text, NaN as missing) written once, not in every rule:
    # planning the rules over the long expressions was most of a small table's check
    values = ", ".join(f"{value(c)} as {ident(c.name)}" for c in t.columns)
    flags = ", ".join(f"case when {pred} then {i} end" for i, (_, _, pred) in enumerate(rules))
    column_of = ", ".join(str(columns.index(c.name)) for c, _, _ in rules)
    anywhere = " or ".join(f"({pred})" for _, _, pred in rules)
    return (
        f"-- contract cell rules of {t.name}, generated by governance/contract_sql.py\n"
        f"with v as (select rowid + 2 as row, {values} from {ident(t.name)}),\n"
        "hits as (\n"
        f"  select row, unnest([{flags}]) as rule\n"
        f"  from v where {anywhere}\n"
        ")\n"
        f"select rule, row, count(*) over (partition by [{column_of}][rule + 1]) as failures\n"
        "from hits where rule is not null\n"
        f"qualify row_number() over (partition by [{column_of}][rule + 1] order by rule, row)"
        f" <= {MAX_PER_COLUMN}\n"
        f"order by [{column_of}][rule + 1], rule, row"
    )


# ---- keys -----------------------------------------------------------------------------------


def key_sql(t: Table) -> str:
    """Every row whose key an earlier row (in file order) already has, with that row; an empty
    key part counts as a value of its own, as the reference's key text does. Keys are grouped
    first, counted only (a hash aggregate: a window over 14.5 M rows spilled for minutes under
    the memory limit; a first row carried through it cost a third more), and only the rows of
    a repeated key are looked at again, for their first row."""
    parts = [value(t.column(k)) for k in t.key]
    named = ", ".join(f"{p} as k{i}" for i, p in enumerate(parts))
    keys = ", ".join(f"k{i}" for i in range(len(parts)))
    of_r = ", ".join(f"r.k{i}" for i in range(len(parts)))
    same = " and ".join(f"r.k{i} is not distinct from d.k{i}" for i in range(len(parts)))
    return (
        f"-- duplicate keys of {t.name}, generated by governance/contract_sql.py\n"
        f"with r as (select rowid + 2 as row, {named} from {ident(t.name)}),\n"
        f"d as (select {keys} from r group by {keys} having count(*) > 1),\n"
        f"x as (select r.row, min(r.row) over (partition by {of_r}) as first\n"
        f"  from r semi join d on {same})\n"
        f"select row, first, count(*) over () as repeats\n"
        f"from x where row <> first order by row limit {MAX_PER_COLUMN + 1}"
    )


# ---- references -------------------------------------------------------------------------------


def _rows_of(t: Table) -> str:
    """The table with its file row as ``__row`` (rowid taken as a column first: DuckDB fails,
    internal error, on a bare rowid in a query with a join)."""
    return f"(select rowid + 2 as __row, * from {ident(t.name)})"


def fk_sql(t: Table, c: Column, parent: str, pcol: str) -> str:
    """The rows whose ``c`` names no ``parent.pcol`` (the parent's values as they are kept).

    One hash anti join on the stripped value, computed once per row in a subquery: as a
    correlated NOT EXISTS on that expression DuckDB ran a nested loop (minutes at 100x)."""
    return (
        f"-- unknown {t.name}.{c.name} ({parent}.{pcol}), generated by governance/contract_sql.py\n"
        f"with c as (select __row, {value(c)} as v from {_rows_of(t)}),\n"
        f"p as (select cast({ident(pcol)} as varchar) as id from {ident(parent)})\n"
        f"select c.__row as row, count(*) over () as failures\n"
        f"from c anti join p on p.id = c.v where c.v is not null\n"
        f"order by row limit {MAX_PER_COLUMN}"
    )


def indicator_sql(t: Table) -> str:
    v = value(t.column("indicator_id"))
    return (
        "-- unknown indicator ids of targets, generated by governance/contract_sql.py\n"
        f"select rowid + 2 as row from {ident(t.name)} "
        f"where {v} is not null and {v} not in (select unnest($ids::varchar[]))\n"
        f"order by row limit {MAX_PROBLEMS + 1}"
    )


def community_sql(t: Table, c: Column, parent: str, pcol: str) -> str:
    """The rows whose community is not that of the parent row they name (the parent's first
    row with that id, as the reference's lookup takes it). A hash join on the stripped value
    computed once per row, as in :func:`fk_sql`."""
    return (
        f"-- {t.name}.community_id against {parent}, generated by governance/contract_sql.py\n"
        f"with owner as (\n"
        # first() keeps an empty community (as the reference's lookup does); rowid taken as a
        # column first: DuckDB fails (internal error) on a bare rowid in such a query
        f"  select cast({ident(pcol)} as varchar) as id,\n"
        f"    first(community_id order by seq) as expected\n"
        f"  from (select rowid as seq, {ident(pcol)}, community_id from {ident(parent)})\n"
        f"  group by {ident(pcol)}\n"
        f"),\n"
        f"c as (select __row, {value(c)} as v, {value(t.column('community_id'))} as own\n"
        f"  from {_rows_of(t)})\n"
        f"select c.__row as row, o.expected, count(*) over () as failures\n"
        f"from c join owner o on o.id = c.v\n"
        f"where o.expected is not null and c.own is distinct from cast(o.expected as varchar)\n"
        f"order by row limit {MAX_PER_COLUMN}"
    )


# ---- running them -----------------------------------------------------------------------------


def parents(t: Table) -> tuple[str, ...]:
    """The other tables ``t``'s checks read (its foreign keys' parents), sorted."""
    return tuple(sorted({parent for _, parent, _ in references(t)} - {t.name}))


def checks_text(t: Table) -> str:
    """Everything that decides ``t``'s verdict besides the data and this code: the SQL of its
    checks and their parameters (the years a date may take; for targets, the indicator ids)."""
    return "\n".join(f"{sql}\n{params!r}" for sql, params in statements(t.name))


def _typed_rows(con: duckdb.DuckDBPyConnection, t: Table, rows: set[int]) -> pd.DataFrame:
    """The rows named, typed as the reference types them, indexed by file row - 2 (so the
    importer's ``problem`` numbers them as the reference does)."""
    cols = ", ".join(ident(c.name) for c in t.columns)
    frame = con.execute(
        f"select rowid as __label, {cols} from {ident(t.name)} "
        "where rowid in (select unnest($rows::bigint[])) order by rowid",
        {"rows": sorted(r - 2 for r in rows)},
    ).df()
    index = pd.Index(frame.pop("__label").astype("int64"))
    out = pd.DataFrame(index=index)
    for c in t.columns:
        out[c.name] = convert(frame[c.name].set_axis(index), c, timestamps=True)[0]
    return out


Statement = tuple[str, dict[str, Any] | None]


def statements(table: str) -> list[Statement]:
    """The queries that check ``table`` (SQL and parameters), independent of one another:
    :func:`problems` reads their rows in this order. The cell rules, the keys, each foreign
    key, each community link and, for targets, the indicator ids."""
    t = TABLES_BY_NAME[table]
    sql = cell_sql(t)
    years = {"first_year": FIRST_YEAR, "last_year": last_year()}  # only if it has a date
    out: list[Statement] = [(sql, years if "$last_year" in sql else None), (key_sql(t), None)]
    out += [(fk_sql(t, c, parent, pcol), None) for c, parent, pcol in references(t)]
    out += [(community_sql(t, c, parent, pcol), None) for c, parent, pcol in community_links(t)]
    if table == "targets":
        out.append((indicator_sql(t), {"ids": sorted(_indicator_ids())}))
    return out


def problems(
    con: duckdb.DuckDBPyConnection, table: str, results: list[list[tuple[Any, ...]]]
) -> list[Problem]:
    """Every problem the reference ``check_tables({table: whole table, **its parents})`` finds
    in ``table`` of ``con`` (rows in file order), from the rows its :func:`statements` found
    (``results``, in their order); the few rows named are read again from ``con`` to be
    described."""
    t = TABLES_BY_NAME[table]
    rules = cell_rules(t)
    rows_found = iter(results)
    cells = next(rows_found)
    dups = next(rows_found)
    fks = [(c, parent, pcol, next(rows_found)) for c, parent, pcol in references(t)]
    links = [(c, parent, next(rows_found)) for c, parent, pcol in community_links(t)]
    indicators = next(rows_found) if table == "targets" else []
    wanted = {r for _, r, _ in cells} | {r for r, f, _ in dups} | {f for _, f, _ in dups}
    wanted |= {r for *_, found in fks for r, _ in found} | {r for (r,) in indicators}
    wanted |= {r for *_, found in links for r, *_ in found}
    rows = _typed_rows(con, t, wanted) if wanted else pd.DataFrame()

    def where(row: int) -> dict[str, Any]:
        return {"file": table, "sheet": None, "row": row, "table": table, "in_force": True}

    def cell(row: int, c: Column) -> Any:
        return rows.at[row - 2, c.name]

    out: list[Problem] = []
    # the schema's failures, then how many more per column
    failures: dict[str, int] = {}
    for rule, row, count in cells:
        c, key, _ = rules[rule]
        failures[c.name] = count
        out.append(
            problem(ERROR, key, column=c, value=cell(row, c), **where(row), **_params(key, c))
        )
    for name, count in failures.items():
        if count > MAX_PER_COLUMN:
            out.append(more(count - MAX_PER_COLUMN, file=table, table=table, column=t.column(name)))
    out += _key_problems(t, dups, rows, where)
    if table == "community_shapes":
        out += _shape_problems(con, t)
    for c, parent, _, found in fks:
        out += _listed(found, c, table, "imp.fk.unknown", rows, where, target=_target(parent))
    for (row,) in indicators:
        c = t.column("indicator_id")
        out.append(problem(ERROR, "imp.fk.indicator", column=c, value=cell(row, c), **where(row)))
    ccol = t.column("community_id") if links else None
    for c, parent, found in links:
        assert ccol is not None
        if found and found[0][2] > MAX_PER_COLUMN:
            out.append(more(found[0][2] - MAX_PER_COLUMN, file=table, table=table, column=ccol))
        for row, expected, _ in found:
            out.append(
                problem(
                    ERROR,
                    "imp.community.mismatch",
                    column=ccol,
                    value=cell(row, ccol),
                    **where(row),
                    target=TABLES_BY_NAME[parent].label_zh,
                    parent=cell(row, c),
                    expected=expected,
                )
            )
    return capped(out)


def _target(parent: str) -> str:
    return f"{TABLES_BY_NAME[parent].label_zh}（{parent}）"


def _listed(
    found: list[tuple[Any, ...]],
    c: Column,
    table: str,
    key: str,
    rows: pd.DataFrame,
    where: Any,
    **params: Any,
) -> Iterator[Problem]:
    """The reference's listing of one column's failures: how many more first, then each."""
    if found and found[0][1] > MAX_PER_COLUMN:
        yield more(found[0][1] - MAX_PER_COLUMN, file=table, table=table, column=c)
    for row, _ in found:
        yield problem(ERROR, key, column=c, value=rows.at[row - 2, c.name], **where(row), **params)


def _key_problems(
    t: Table, dups: list[tuple[int, int, int]], rows: pd.DataFrame, where: Any
) -> list[Problem]:
    out: list[Problem] = []
    label_of = " + ".join(t.column(k).label_zh for k in t.key)
    first = t.column(t.key[0])
    for i, (row, other, repeats) in enumerate(dups):
        if i == MAX_PER_COLUMN:
            out.append(more(repeats - MAX_PER_COLUMN, file=t.name, table=t.name, column=first))
            break
        text = " / ".join(str(rows.at[row - 2, k]) for k in t.key)
        out.append(
            problem(
                ERROR,
                "imp.key.duplicate",
                column=first,
                value=text,
                **where(row),
                keycols=label_of,
                other=other,
            )
        )
    return out


def _shape_problems(con: duckdb.DuckDBPyConnection, t: Table) -> list[Problem]:
    """The outlines' geometry (one row per community: small), checked by governance/geo."""
    (count,) = con.execute(f"select count(*) from {ident(t.name)}").fetchone() or (0,)
    if not count:
        return []
    frame = _typed_rows(con, t, set(range(2, count + 2)))
    return table_problems(frame, t.name, in_force=True)
