"""The open-time contract check in SQL (governance/contract_sql.py) finds exactly what the
importer's pandas check (governance.importer.check_tables, the reference) finds: the same
errors, row, column, value and reason, in the same order, on every hostile data set
(tests/hostile_data.py) and on the data in force as every bad upload of tests/import_corpus.py
would leave it, were it written straight into the data folder."""

from __future__ import annotations

import os
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
# Checks counted and verdicts pruned here: in this module's own state folders (conftest)
pytestmark = pytest.mark.own_table_verdicts


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
            # as an open runs them: the table's queries side by side, then their rows described
            found_rows = db._side_by_side(con, contract_sql.statements(name))
            sql = contract_sql.problems(con, name, found_rows)
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
    """The tables checked (contract_sql.problems calls: one per table whose check queries
    ran), with a state folder of its own."""
    monkeypatch.setenv("GOVERNANCE_STATE_DIR", str(tmp_path / "state"))
    calls: list[str] = []
    real = contract_sql.problems

    def problems(con: duckdb.DuckDBPyConnection, table: str, results: list[Any]) -> list[Any]:
        calls.append(table)
        return real(con, table, results)

    monkeypatch.setattr(contract_sql, "problems", problems)
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
    # checked once at the commit: every table with rows of the initial version, then of the
    # new one only outcomes (its file changed; no table names an outcome row as its parent)
    with_rows = [t.name for t in TABLES if hd.rows().get(t.name)]
    assert version.number == 2
    assert counted == [*with_rows, "outcomes"]
    kept = db.verdict_file(folder / "versions" / "000002")
    assert kept.is_file()
    counted.clear()
    con, unusable = db.open_checked(folder)
    con.close()
    assert counted == []  # the verdict kept with the version is taken
    assert unusable == {}


def test_a_bad_table_committed_keeps_its_verdict_named_as_opened(
    tmp_path: Path, counted: list[str], monkeypatch: pytest.MonkeyPatch
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
    con, again = db.open_checked(folder)  # each table's kept verdict, named anew
    con.close()
    assert counted == []
    assert again == kept
    # a state folder that has kept nothing (no catalog, no verdict): checked afresh
    monkeypatch.setenv("GOVERNANCE_STATE_DIR", str(tmp_path / "another_state"))
    monkeypatch.setattr(db, "_catalogs_dir", lambda: tmp_path / "another_state" / "catalogs")
    con, fresh = db.open_checked(folder)
    con.close()
    assert "outcomes" in counted
    assert fresh == kept


# ---- each table's verdict kept by its files ---------------------------------------------------


def _checked(folder: Path) -> dict[str, db.Unusable]:
    con, unusable = db.open_checked(folder)
    con.close()
    return unusable


def test_a_changed_parent_checks_its_children_again_and_nothing_else(
    tmp_path: Path, counted: list[str]
) -> None:
    """Changing communities (the parent of every table with a community) checks it and its
    children again; property_companies, which names no community, is taken as kept. A file
    put back as it was takes its first verdict without a check."""
    data = hd.rows()
    folder = hd.write(tmp_path / "data", data)
    first = _checked(folder)
    assert first == {}
    every = [t.name for t in TABLES if data.get(t.name)]
    assert counted == every
    counted.clear()
    # C02's households changed: a new communities file (same rows otherwise)
    households = data["communities"][1][hd.column_index("communities", "households")]
    hd.write(folder, hd.with_cell("communities", 1, "households", households + 1))
    assert _checked(folder) == {}
    assert "communities" in counted and "outcomes" in counted
    assert counted == [t for t in every if t != "property_companies"]
    counted.clear()
    hd.write(folder, data)  # as it was: every table's verdict is kept already
    assert _checked(folder) == {}
    assert counted == []


def test_a_kept_failing_verdict_is_the_same_verdict(tmp_path: Path, counted: list[str]) -> None:
    """A table that fails keeps its reasons: the same data in another folder gets the same
    verdict (named by its own file) without a check, and a change to the rule is a new key."""
    bad = hd.negative_outcome()
    one = _checked(hd.write(tmp_path / "one", bad))
    assert "outcomes" in counted
    counted.clear()
    two = _checked(hd.write(tmp_path / "two", bad))
    assert counted == []
    assert set(two) == set(one) == {"outcomes"}
    assert two["outcomes"] == one["outcomes"]
    assert two["outcomes"].reasons_zh[0].startswith("第 2 行 security_incidents")
    assert two["outcomes"].count == one["outcomes"].count >= 1


def test_a_table_verdict_key_follows_the_rules_the_years_and_the_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = hd.write(tmp_path / "data")
    files = db.data_files(folder)
    outcomes = TABLES_BY_NAME["outcomes"]
    key = db._table_check_key(outcomes, files)
    assert key == db._table_check_key(outcomes, dict(files))
    # a parent's file: another key; a table that is not a parent (honours): the same key
    assert key != db._table_check_key(outcomes, {**files, "communities": files["honours"]})
    assert key == db._table_check_key(outcomes, {**files, "honours": files["communities"]})
    assert key != db._table_check_key(
        outcomes, {n: p for n, p in files.items() if n != "communities"}
    )
    # the years a date may take (next year moves with today's date)
    monkeypatch.setattr(contract_sql, "last_year", lambda: 2099)
    assert key != db._table_check_key(outcomes, files)


def test_the_table_verdicts_kept_are_the_newest_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOVERNANCE_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setattr(db, "TABLE_VERDICTS_KEEP", 2)
    for n, key in enumerate(("a", "b", "c")):
        db._keep_table_verdict(key, () if key != "b" else (("理由",), ("reason",), 1))
        os.utime(db._table_verdicts_dir() / f"{key}.json", (1000 + n, 1000 + n))
    assert db._kept_table_verdict("a") == ()  # the oldest, used now
    assert db._kept_table_verdict("b") == (("理由",), ("reason",), 1)
    db._prune_table_verdicts()
    assert sorted(p.stem for p in db._table_verdicts_dir().glob("*.json")) == ["a", "b"]
    assert db._kept_table_verdict("c") is None


def test_no_contract_column_takes_a_name_the_generated_checks_use():
    # cell_sql selects each column's value under its own name beside `row`, then `rule`
    names = {c.name for t in TABLES for c in t.columns}
    assert names.isdisjoint({"row", "rule", "__row", "v", "id", "expected", "own"})
