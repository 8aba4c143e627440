"""The open-time contract check in SQL (governance/contract_sql.py) finds exactly what the
importer's pandas check (governance.importer.check_tables, the reference) finds: the same
errors, row, column, value and reason, in the same order, on every hostile data set
(tests/hostile_data.py) and on the data in force as every bad upload of tests/import_corpus.py
would leave it, were it written straight into the data folder."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from governance import contract_sql, db
from governance.contract import TABLES, TABLES_BY_NAME
from governance.importer import check_tables, merged, read_file
from governance.importer.parsed import HIDDEN
from tests import hostile_data as hd
from tests import import_corpus
from tests.fixture_data import ARROW_TYPES

HOSTILE = {
    "null_community_name": hd.null_community_name,
    "unknown_company": hd.unknown_company,
    "duplicate_community": hd.duplicate_community,
    "unknown_community_in_outcomes": hd.unknown_community_in_outcomes,
    "negative_outcome": hd.negative_outcome,
    "infinite_outcome": hd.infinite_outcome,
    "markdown_names": hd.markdown_names,
    **{f"no_rows_{t.name}": (lambda name=t.name: hd.no_rows(name)) for t in TABLES},
}
CORPUS = sorted(import_corpus.bad_files())


def _cell(v: Any) -> Any:
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float) and v != v:
        return v  # NaN is kept: DuckDB keeps it, pandas counts it as empty
    if isinstance(v, datetime | pd.Timestamp):
        return v.date()
    return v.item() if hasattr(v, "item") else v


def _write_frame(path: Path, table: str, frame: pd.DataFrame) -> None:
    t = TABLES_BY_NAME[table]
    arrays = []
    for c in t.columns:
        values = [_cell(v) for v in frame[c.name]] if c.name in frame else [None] * len(frame)
        if c.type == "INTEGER":  # a number the reader kept that int32 cannot hold is dropped
            values = [v if v is None or -(2**31) <= v < 2**31 else None for v in values]
        arrays.append(pa.array(values, type=ARROW_TYPES[c.type], from_pandas=True))
    schema = pa.schema([(c.name, ARROW_TYPES[c.type]) for c in t.columns])
    pq.write_table(pa.table(arrays, schema=schema), path)


def _corpus_folder(folder: Path, name: str) -> tuple[Path, set[str]]:
    """The fixture with the bad upload's readable rows merged in as its mode says."""
    case = import_corpus.bad_files()[name]
    hd.write(folder)
    parsed = read_file(case.filename, case.data, table=case.table_arg)
    kept = import_corpus.current()
    for table, frame in parsed.tables.items():
        if table not in TABLES_BY_NAME:
            continue
        after = merged(table, kept.get(table), frame, case.mode)
        after = after.drop(columns=[c for c in HIDDEN if c in after.columns])
        _write_frame(folder / f"{table}.parquet", table, after)
    return folder, set(parsed.tables)


def _errors(problems: list[Any], table: str) -> list[tuple[Any, ...]]:
    return [
        (p.row, p.column_name, p.value, p.reason_zh, p.reason_en)
        for p in problems
        if p.is_error and p.table == table
    ]


def _affected(changed: set[str]) -> list[str]:
    """The tables whose check can see a change to ``changed``: those, and the tables that
    refer to one of them (a table's check reads only itself and its parents)."""
    from governance.importer.validate import references

    return [
        t.name
        for t in TABLES
        if t.name in changed or any(parent in changed for _, parent, _ in references(t))
    ]


def _compare(folder: Path, tables: list[str]) -> int:
    """Both checks on ``tables`` of ``folder``; how many errors they found."""
    con, _ = db._open(folder.resolve(), lenient=True)
    try:
        frames = {t.name: con.execute(f'select * from "{t.name}"').df() for t in TABLES}
        found = 0
        for name in tables:
            reference = check_tables(frames, only=[name])
            sql = contract_sql.check_table(con, name)
            assert _errors(sql, name) == _errors(reference, name), name
            assert db.verdict_of(name, "f", sql) == db.verdict_of(name, "f", reference)
            found += len(_errors(sql, name))
        return found
    finally:
        con.close()


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_sql_check_equals_pandas_on_hostile_data(tmp_path: Path, name: str) -> None:
    data = HOSTILE[name]()
    changed = {t for t, r in hd.rows().items() if data.get(t) != r} | set(data) - set(hd.rows())
    _compare(hd.write(tmp_path, data), _affected(changed))


@pytest.mark.parametrize("name", CORPUS)
def test_sql_check_equals_pandas_on_the_bad_uploads_kept(tmp_path: Path, name: str) -> None:
    folder, changed = _corpus_folder(tmp_path, name)
    _compare(folder, _affected(changed))


def test_the_fixture_has_no_error_in_either_check(fixture_dir: Path) -> None:
    assert _compare(fixture_dir, [t.name for t in TABLES]) == 0


def test_every_rule_breaks_at_once_and_both_checks_list_the_same(tmp_path: Path) -> None:
    """Several rules broken in one table and its child: both list the same errors, in the
    same order (column by column, rule by rule, row by row), and find each."""
    data = hd.with_cell("outcomes", 0, "security_incidents", -5)
    data = hd.with_cell_of(data, "outcomes", 1, "environment_score", float("inf"))
    data = hd.with_cell_of(data, "outcomes", 2, "satisfaction_pct", 101.0)
    data = hd.with_cell_of(data, "outcomes", 3, "community_id", "  ")
    data = hd.with_cell_of(data, "outcomes", 4, "safety_index", float("nan"))
    data = hd.with_cell_of(data, "households", 0, "community_id", "C02")  # not its stairwell's
    data["outcomes"].append(data["outcomes"][5])  # a duplicate key
    # outcomes: -5, inf, 101, the empty id (and its key is no community), NaN as empty, the
    # repeated row; households: the community that is not its stairwell's
    assert _compare(hd.write(tmp_path, data), ["outcomes", "households"]) == 7


# ---- the verdict kept with the version the store commits --------------------------------------


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """The tables checked (contract_sql.check_table calls), with a state folder of its own."""
    monkeypatch.setenv("GOVERNANCE_STATE_DIR", str(tmp_path / "state"))
    calls: list[str] = []
    real = contract_sql.check_table

    def check_table(con: duckdb.DuckDBPyConnection, table: str) -> list[Any]:
        calls.append(table)
        return real(con, table)

    monkeypatch.setattr(contract_sql, "check_table", check_table)
    return calls


def test_a_version_the_importer_commits_is_not_checked_again(
    tmp_path: Path, counted: list[str]
) -> None:
    from governance.datastore import Store, importing

    folder = hd.write(tmp_path / "data")
    store = Store(folder)
    case = import_corpus.good_files()["gbk_chinese_headers"]
    prepared = importing.prepare(store, case.filename, case.data, table=case.table_arg)
    assert prepared.ok
    version = store.commit(prepared.plan, who="a", source=case.filename)
    # checked once at the commit, for the initial version and the new one: every table with
    # rows (targets ... community_shapes), each of the two versions
    with_rows = sum(1 for t in TABLES if hd.rows().get(t.name))
    assert version.number == 2
    assert len(counted) == 2 * with_rows
    kept = db.verdict_file(folder / "versions" / "000002")
    assert kept.is_file()
    counted.clear()
    con, unusable = db.open_checked(folder)
    con.close()
    assert counted == []  # the verdict kept with the version is taken
    assert unusable == {}


def test_a_bad_table_committed_keeps_its_verdict_named_as_opened(
    tmp_path: Path, counted: list[str]
) -> None:
    """The verdict names the file as an open of the data folder names it, and an open finds
    the same verdict (a version whose kept verdict is removed is checked again)."""
    from governance.datastore import Store

    folder = hd.write(tmp_path / "data", hd.negative_outcome())
    store = Store(folder)
    edited = store.current_tables(["communities"])["communities"].assign(households=2)
    store.commit(store.plan({"communities": edited}), who="a")
    counted.clear()
    con, kept = db.open_checked(folder)
    con.close()
    assert counted == []
    assert kept["outcomes"].file == "versions/000002/outcomes.parquet"
    assert kept["outcomes"].reasons_zh[0].startswith("第 2 行 security_incidents")
    db.verdict_file(folder / "versions" / "000002").unlink()
    con, fresh = db.open_checked(folder)
    con.close()
    assert "outcomes" in counted
    assert fresh == kept
