"""The data command line (scripts/data.py, behind make import/export/history/rollback):
exit codes, the Chinese report on stderr, DRY_RUN and STRICT, and — over the importer's corpus
— every bad file leaves the data (and what `make export` writes) byte for byte unchanged,
every messy-good file brings exactly its rows."""

from __future__ import annotations

import getpass
import os
import subprocess
from pathlib import Path

import pytest

from governance import db
from governance.contract import TABLES, TABLES_BY_NAME
from governance.datastore import Store
from scripts.data import main
from tests import fixture_data, import_corpus
from tests.fixtures.datastore import tree

ROOT = Path(__file__).resolve().parent.parent
GOOD_CSV = (
    "社区编号,季度（首日）,治安案件数,信访件数,越级上访批次,越级上访人次,环境管理质量,"
    "城镇安全指数,居民民主意识,对政府满意度\n"
    "C01,2011-07-01,2,6,2,5,74.0,80.0,60.0,74.0\n"
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return fixture_data.write(tmp_path / "data")


def cli(folder: Path, *args: str) -> int:
    return main(["--data-dir", str(folder), *args])


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / "in" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def exports(folder: Path, out: Path, tables: list[str] | None = None) -> dict[str, bytes]:
    """What `make export` writes for each table, through the command line."""
    out.mkdir(parents=True, exist_ok=True)
    result = {}
    for name in tables or [t.name for t in TABLES]:
        assert cli(folder, "export", name, str(out / f"{name}.csv")) == 0
        result[name] = (out / f"{name}.csv").read_bytes()
    return result


def test_import_commits_prints_the_preview_and_exits_0(folder, tmp_path, capsys):
    file = write(tmp_path, "outcomes.csv", GOOD_CSV)
    assert cli(folder, "import", str(file)) == 0
    out = capsys.readouterr()
    assert "outcomes（三降四升成效指标）：新增 1 行，修改 0 行，删除 0 行，不变 15 行" in out.out
    assert "已提交为版本 2" in out.out and "outcomes.csv" in out.out
    assert out.err == ""
    con = db.connect(folder)
    got = con.execute(
        "select petitions from outcomes where community_id = 'C01' and quarter = '2011-07-01'"
    ).fetchall()
    con.close()
    assert got == [(6,)]
    # committed by the operating-system user, from the file's name
    version = Store(folder).history()[0]
    assert version.who == getpass.getuser() and version.source == "outcomes.csv"


def test_an_error_exits_1_with_the_chinese_report_on_stderr_and_changes_nothing(
    folder, tmp_path, capsys
):
    bad = GOOD_CSV.replace("C01,2011-07-01,2,6", "C01,2011-07-01,2,-6")
    file = write(tmp_path, "outcomes.csv", bad)
    before = tree(folder)
    assert cli(folder, "import", str(file)) == 1
    out = capsys.readouterr()
    assert "第 2 行" in out.err and "信访件数" in out.err and "petitions" in out.err
    assert "导入被拒绝：发现 1 个错误，数据未改变。" in out.err
    assert "已提交" not in out.out
    assert tree(folder) == before


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("nope", "没有名为“nope”的数据表"),
        ("../outcomes", "表名“../outcomes”无效"),
        ("outcomes; rm -rf /", "表名“outcomes; rm -rf /”无效"),
        ("Outcomes", "表名“Outcomes”无效"),
    ],
)
def test_an_unknown_or_not_plain_table_is_an_error(folder, tmp_path, capsys, table, message):
    file = write(tmp_path, "outcomes.csv", GOOD_CSV)
    before = tree(folder)
    assert cli(folder, "import", str(file), "--table", table) == 2
    assert message in capsys.readouterr().err
    assert tree(folder) == before


def test_the_table_may_be_named_or_said_by_the_file_name(folder, tmp_path, capsys):
    file = write(tmp_path, "季度数据.csv", GOOD_CSV)  # the name says no table
    assert cli(folder, "import", str(file), "--table", "outcomes", "--dry-run") == 0
    assert "outcomes（三降四升成效指标）：新增 1 行" in capsys.readouterr().out


def test_dry_run_previews_and_leaves_the_folder_byte_for_byte(folder, tmp_path, capsys):
    file = write(tmp_path, "outcomes.csv", GOOD_CSV)
    before = tree(folder)
    assert cli(folder, "import", str(file), "--dry-run=1") == 0
    out = capsys.readouterr().out
    assert "新增 1 行" in out and "试运行（DRY_RUN）：未提交，数据未改变。" in out
    assert tree(folder) == before
    # once versions exist, too
    assert cli(folder, "import", str(file)) == 0
    again = GOOD_CSV.replace(",74.0\n", ",75.0\n")
    before = tree(folder)
    assert cli(folder, "import", str(write(tmp_path, "outcomes.csv", again)), "--dry-run") == 0
    assert "satisfaction_pct 74.0 → 75.0" in capsys.readouterr().out
    assert tree(folder) == before


def test_warnings_are_printed_and_commit_unless_strict(folder, tmp_path, capsys):
    case = import_corpus.good_files()["percent_and_four_quarter_styles"]
    file = write(tmp_path, case.filename, case.data)
    before = tree(folder)
    assert cli(folder, "import", str(file), "--strict=1") == 1
    err = capsys.readouterr().err
    assert "超过 50%" in err and "严格模式（STRICT=1）" in err
    assert tree(folder) == before
    assert cli(folder, "import", str(file), "--strict=0") == 0
    out = capsys.readouterr().out
    assert "超过 50%" in out and "已提交为版本 2" in out


def test_bad_flags_and_files_are_errors(folder, tmp_path, capsys):
    file = write(tmp_path, "outcomes.csv", GOOD_CSV)
    assert cli(folder, "import", str(file), "--dry-run=maybe") == 2
    assert "DRY_RUN=maybe 无效" in capsys.readouterr().err
    assert cli(folder, "import", str(file), "--mode", "merge") == 2
    assert "导入方式“merge”无效" in capsys.readouterr().err
    assert cli(folder, "import", str(tmp_path / "none.csv")) == 2
    assert "找不到文件" in capsys.readouterr().err
    assert cli(folder, "import", "") == 2


def test_history_export_and_rollback(folder, tmp_path, capsys):
    assert cli(folder, "history") == 0
    assert "尚无提交的版本" in capsys.readouterr().out
    before = exports(folder, tmp_path / "before", ["outcomes"])
    assert cli(folder, "import", str(write(tmp_path, "outcomes.csv", GOOD_CSV))) == 0
    capsys.readouterr()
    assert cli(folder, "history", "--table", "outcomes") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].split()[0] == "2" and "outcomes.csv" in lines[1]
    assert "outcomes：16 行" in lines[2]
    assert "outcomes：15 行" in lines[4]
    assert exports(folder, tmp_path / "mid", ["outcomes"]) != before
    assert cli(folder, "rollback", "1", "--table", "outcomes") == 0
    assert "生成新版本 3" in capsys.readouterr().out
    assert exports(folder, tmp_path / "after", ["outcomes"]) == before
    assert cli(folder, "rollback", "9", "--table", "outcomes") == 2
    assert "没有版本 9" in capsys.readouterr().err
    assert cli(folder, "rollback", "x") == 2
    assert cli(folder, "export", "nope", str(tmp_path / "x.csv")) == 2
    assert not (tmp_path / "x.csv").exists()


def test_export_neutralises_full_width_and_blank_formula_starts(tmp_path):
    rows = {**fixture_data.ROWS, "communities": list(fixture_data.ROWS["communities"])}
    rows["communities"][0] = ("C01", "＝HYPERLINK(1)", " @x", *rows["communities"][0][3:])
    folder = fixture_data.write(tmp_path / "data", rows)
    assert cli(folder, "export", "communities", str(tmp_path / "c.csv")) == 0
    lines = (tmp_path / "c.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1] == "C01,'＝HYPERLINK(1),' @x,社区,2005,1000,400,30000.0,P01"


def test_every_bad_file_of_the_corpus_leaves_the_export_unchanged(folder, tmp_path, capsys):
    before_tree = tree(folder)
    before = exports(folder, tmp_path / "before")
    for name, case in import_corpus.bad_files().items():
        file = write(tmp_path, case.filename, case.data)
        args = ["import", str(file), "--mode", case.mode]
        if case.table_arg:
            args += ["--table", case.table_arg]
        code = cli(folder, *args)
        err = capsys.readouterr().err
        assert code in (1, 2), name
        assert "错误" in err or "无效" in err, (name, err)
        if case.column:
            assert case.column in err, (name, err)
        if case.row:
            assert f"第 {case.row} 行" in err, (name, err)
        assert tree(folder) == before_tree, name
    assert exports(folder, tmp_path / "after") == before


def test_every_messy_good_file_brings_exactly_its_rows(tmp_path, capsys):
    for name, case in import_corpus.good_files().items():
        folder = fixture_data.write(tmp_path / name)
        file = write(tmp_path, case.filename, case.data)
        args = ["import", str(file), "--mode", case.mode]
        if case.table_arg:
            args += ["--table", case.table_arg]
        assert cli(folder, *args) == 0, (name, capsys.readouterr().err)
        capsys.readouterr()
        table = TABLES_BY_NAME[case.table]
        kept = Store(folder).current_tables([case.table])[case.table]
        before = len(fixture_data.ROWS.get(case.table, []))
        assert len(kept) == before + len(case.rows), name  # new keys, none kept replaced
        for row in case.rows:
            match = kept
            for k in table.key:
                match = match[match[k] == row[k]]
            assert len(match) == 1, (name, row)
            got = {c: match[c].iloc[0] for c in row}
            assert got == row, name


def test_make_targets_pass_values_as_data_never_as_shell(folder, tmp_path):
    env = {**os.environ, "GOVERNANCE_DATA_DIR": str(folder)}
    file = write(tmp_path, "outcomes.csv", GOOD_CSV)
    before = tree(folder)

    def make(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["make", "--no-print-directory", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    done = make("import", f"FILE={file}", "DRY_RUN=1")
    assert done.returncode == 0, done.stderr
    assert "新增 1 行" in done.stdout
    assert tree(folder) == before
    marker = tmp_path / "pwned"
    done = make("import", f'FILE=x"; touch {marker}; echo "', "TABLE=outcomes")
    assert done.returncode != 0 and "找不到文件" in done.stderr
    assert not marker.exists()
    done = make("import", f"FILE={file}", "TABLE=nope")
    assert done.returncode != 0 and "没有名为“nope”的数据表" in done.stderr
    done = make("import", f"FILE={file}", "MODE=upsert")
    assert done.returncode == 0 and "已提交为版本 2" in done.stdout
    out = tmp_path / "export.csv"
    done = make("export", "TABLE=outcomes", f"FILE={out}")
    assert done.returncode == 0
    assert out.read_text(encoding="utf-8").count("\n") == 17  # header + 16 rows
    done = make("history", "TABLE=outcomes")
    assert done.returncode == 0 and "outcomes：16 行" in done.stdout
    done = make("rollback", "TABLE=outcomes", "VERSION=1")
    assert done.returncode == 0 and "生成新版本 3" in done.stdout


def test_the_command_lines_commits_and_rollbacks_are_on_the_record(
    folder, tmp_path, monkeypatch, capsys
):
    from governance.auth import audit

    monkeypatch.setenv("GOVERNANCE_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("GOVERNANCE_STATE_URL", raising=False)  # an engine per state URL
    file = write(tmp_path, "outcomes.csv", GOOD_CSV)
    assert cli(folder, "import", str(file)) == 0
    assert cli(folder, "rollback", "--table", "outcomes", "1") == 0
    log = audit.read()
    who = f"cli:{getpass.getuser()}"
    assert log["event"].tolist() == ["rollback", "commit"]
    assert set(log["user"]) == {who}
    assert "outcomes.csv" in log["detail"].iloc[1]


def test_a_full_disk_during_the_commit_is_said_in_chinese_naming_the_file(
    folder, tmp_path, capsys, monkeypatch
):
    from governance.datastore import fsops
    from tests.fixtures.datastore import disk_full

    before = exports(folder, tmp_path / "before", ["outcomes"])
    monkeypatch.setattr(fsops.pq, "write_table", disk_full)
    assert cli(folder, "import", str(write(tmp_path, "outcomes.csv", GOOD_CSV))) == 1
    err = capsys.readouterr().err
    assert (
        "写入数据表 outcomes（三降四升成效指标）的文件 outcomes.parquet 时失败：磁盘空间已满" in err
    )
    assert "当前数据未改变" in err and "No space" not in err and "Error writing" not in err
    monkeypatch.undo()
    assert exports(folder, tmp_path / "after", ["outcomes"]) == before
