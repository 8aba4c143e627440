"""Strings of the versioned data store and of the data command line (``scripts/data.py``)."""

STRINGS: dict[str, tuple[str, str]] = {
    # errors of the store
    "datastore_err_unknown_table": (
        "没有名为“{table}”的数据表。可用的表：{tables}",
        "There is no table named “{table}”. Tables: {tables}",
    ),
    "datastore_err_bad_mode": (
        "导入方式“{mode}”无效，应为 upsert（追加/更新）或 replace（整表替换）。",
        "Import mode “{mode}” is not valid: use upsert or replace.",
    ),
    "datastore_err_missing_columns": (
        "数据表 {table} 缺少列：{columns}",
        "Table {table} lacks the columns {columns}",
    ),
    "datastore_err_bad_value": (
        "数据表 {table} 第 {row} 行的列 {column} 的值“{value}”类型不符。",
        "Table {table}, row {row}, column {column}: the value “{value}” has the wrong type.",
    ),
    "datastore_err_duplicate_keys": (
        "数据表 {table} 中主键重复：{keys}",
        "Table {table} repeats the keys {keys}",
    ),
    "datastore_err_unknown_version": (
        "没有版本 {version}。现有版本：{versions}",
        "There is no version {version}. Versions: {versions}",
    ),
    "datastore_err_table_not_in_version": (
        "版本 {version} 中没有数据表 {table}。",
        "Version {version} holds no table {table}.",
    ),
    "datastore_err_unreadable": (
        "数据表 {table} 的文件 {file} 无法读取：{reason}",
        "The file {file} of table {table} cannot be read: {reason}",
    ),
    "datastore_err_busy": (
        "另一个提交正在进行，{seconds} 秒内未能开始，请稍后重试。数据未改变。",
        "Another commit is in progress and this one could not start within {seconds} s; "
        "try again later. The data is unchanged.",
    ),
    "datastore_err_nothing": (
        "没有任何变化：数据与当前版本相同，未生成新版本。",
        "Nothing changes: the data equals the version in force; no version was made.",
    ),
    # modes as history shows them
    "datastore_mode_rollback": ("回滚", "Rollback"),
    "datastore_mode_initial": ("原有数据", "Data found in the folder"),
    # command line
    "datastore_cli_preview": ("预览（{mode}）：", "Preview ({mode}):"),
    "datastore_cli_preview_row": (
        "  {table}（{label}）：新增 {added} 行，修改 {changed} 行，删除 {removed} 行，不变 {unchanged} 行",
        "  {table} ({label}): {added} added, {changed} changed, {removed} removed, "
        "{unchanged} unchanged",
    ),
    "datastore_cli_change": (
        "    {row_key}：{column} {old} → {new}",
        "    {row_key}: {column} {old} → {new}",
    ),
    "datastore_cli_dry_run": (
        "试运行（DRY_RUN）：未提交，数据未改变。",
        "Dry run: nothing committed, the data is unchanged.",
    ),
    "datastore_cli_committed": (
        "已提交为版本 {version}（{who}，{source}）。",
        "Committed as version {version} ({who}, {source}).",
    ),
    "datastore_cli_rolled_back": (
        "已将 {tables} 回滚到版本 {target}，生成新版本 {version}（可再次回滚撤销）。",
        "Rolled {tables} back to version {target} as the new version {version} "
        "(itself can be rolled back).",
    ),
    "datastore_cli_exported": (
        "已导出 {table}：{rows} 行 → {file}",
        "Exported {table}: {rows} rows → {file}",
    ),
    "datastore_cli_rejected": (
        "导入被拒绝：发现 {errors} 个错误，数据未改变。",
        "Import refused: {errors} errors found; the data is unchanged.",
    ),
    "datastore_cli_strict": (
        "严格模式（STRICT=1）：有 {warnings} 个警告，未提交，数据未改变。",
        "Strict mode: {warnings} warnings, nothing committed; the data is unchanged.",
    ),
    "datastore_cli_warnings": (
        "警告 {count} 个（不阻止提交）：",
        "{count} warnings (not blocking):",
    ),
    "datastore_cli_bad_flag": (
        "{name}={value} 无效：应为 1（是）或 0（否）。",
        "{name}={value} is not valid: use 1 (yes) or 0 (no).",
    ),
    "datastore_cli_no_file": ("找不到文件：{file}", "No such file: {file}"),
    "datastore_cli_bad_table_name": (
        "表名“{table}”无效：应为小写字母和下划线组成的表名，如 outcomes。",
        "“{table}” is not a table name: use a plain name such as outcomes.",
    ),
    "datastore_cli_no_versions": (
        "尚无提交的版本：当前数据为数据文件夹中的原有文件（版本 0）。",
        "No version committed yet: the data is the files in the data folder (version 0).",
    ),
    "datastore_cli_history_head": (
        "版本  时间（UTC）           提交人      方式       来源文件  数据表",
        "Ver.  When (UTC)            Who         Mode       Source    Tables",
    ),
    "datastore_cli_history_tables": (
        "    {table}：{rows} 行，校验和 {sha}",
        "    {table}: {rows} rows, checksum {sha}",
    ),
    "datastore_cli_io_error": (
        "无法读写文件 {file}：{reason}",
        "Cannot read or write {file}: {reason}",
    ),
    "datastore_cli_nothing_in_file": (
        "文件中没有可导入的数据表。",
        "The file holds no table to import.",
    ),
}
