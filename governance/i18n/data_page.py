"""Strings of the 数据管理 (Data) page: upload, report, preview, commit, history, templates."""

STRINGS: dict[str, tuple[str, str]] = {
    "nav.data": ("数据管理", "Data"),
    "dm.title": ("数据管理", "Data management"),
    "dm.subtitle": (
        "上传各平台的 Excel / CSV 文件：先校验、再预览，确认后一次性提交；每次提交都留有版本，可随时回滚。",
        "Upload the platforms' Excel / CSV files: validate, preview, then commit in one step; "
        "every commit is kept as a version and can be rolled back.",
    ),
    "dm.denied": (
        "无权限：数据管理页仅对编辑和管理员开放。",
        "No permission: the data page is open to editors and administrators only.",
    ),
    "dm.version_now": ("当前数据版本：第 {version} 版", "Data version in force: {version}"),
    "dm.version_none": ("当前数据尚无版本记录（演示数据）", "No version recorded yet (demo data)"),
    "dm.tab.import": ("导入数据", "Import"),
    "dm.tab.history": ("历史与回滚", "History and rollback"),
    "dm.tab.fresh": ("数据新鲜度", "Freshness"),
    "dm.tab.templates": ("模板下载", "Templates"),
    # ---- 1 upload ---------------------------------------------------------------------------
    "dm.upload.header": ("1 上传文件", "1 Upload a file"),
    "dm.upload.help": (
        "单个文件不超过 {mb} MB、{rows} 行；CSV 可为 UTF-8、GBK 或 GB18030 编码；"
        "表头可用字段名、中文或英文列名。",
        "One file of at most {mb} MB and {rows} rows; CSV in UTF-8, GBK or GB18030; "
        "headers may be the column names or their Chinese or English labels.",
    ),
    "dm.upload.table.auto": (
        "自动识别（按文件名或工作表名）",
        "Detect (from the file or sheet names)",
    ),
    "dm.upload.mode": ("导入方式", "Mode"),
    "dm.mode.upsert": ("追加/更新", "Append / update"),
    "dm.mode.replace": ("整表替换", "Replace the table"),
    "dm.mode.upsert.help": (
        "追加/更新：编号已存在的行被文件中的行替换，新编号的行被追加，其余数据不变（新季度数据用此方式）。",
        "Append / update: rows whose key exists are replaced by the file's, new keys are added, "
        "nothing else changes (how a new quarter comes in).",
    ),
    "dm.mode.replace.help": (
        "整表替换：所涉数据表整体换成文件的内容，文件中没有的行将被删除。",
        "Replace: each table in the file becomes exactly the file's rows; rows not in the file "
        "are removed.",
    ),
    "dm.upload.none": (
        "请选择一个文件。文件只在校验通过并点击“提交”后才会写入。",
        "Choose a file. Nothing is written until it passes validation and you click Commit.",
    ),
    "dm.upload.reading": ("正在读取并校验文件…", "Reading and validating the file…"),
    "dm.upload.file": ("文件：", "File: "),
    "dm.read.crash": (
        "读取文件时出现意外错误（{kind}），数据未作任何改动。请确认文件是 .xlsx、.csv 或 .parquet"
        "，并可用 Excel 正常打开。",
        "An unexpected error while reading the file ({kind}); no data was changed. Check that "
        "the file is .xlsx, .csv or .parquet and opens in Excel.",
    ),
    # ---- 2 report ---------------------------------------------------------------------------
    "dm.report.header": ("2 校验报告", "2 Validation report"),
    "dm.report.ok": ("校验通过：没有错误，也没有警告。", "Passed: no errors and no warnings."),
    "dm.report.counts": (
        "发现 {errors} 个错误、{warnings} 个警告。",
        "{errors} errors and {warnings} warnings found.",
    ),
    "dm.report.first": (
        "下表列出前 {shown} 条（共 {total} 条）；完整报告请下载 Excel。",
        "The first {shown} of {total} are listed below; download the full report as Excel.",
    ),
    "dm.report.all": ("共 {total} 条，全部列于下表。", "All {total} are listed below."),
    "dm.report.download": ("下载完整校验报告（Excel）", "Download the full report (Excel)"),
    "dm.report.accept": (
        "我已查看以上 {n} 个警告，接受并继续",
        "I have read the {n} warnings above; accept them and go on",
    ),
    "dm.col.level": ("级别", "Level"),
    "dm.col.column": ("列", "Column"),
    "dm.preview.failed": (
        "无法生成预览：{reason}",
        "The preview could not be made: {reason}",
    ),
    "dm.row.kept": ("现有数据", "Data in force"),
    "dm.level.warning": ("警告", "Warning"),
    # ---- 3 preview --------------------------------------------------------------------------
    "dm.preview.header": ("3 预览变更", "3 Preview of the changes"),
    "dm.preview.blocked": (
        "文件有错误，修正后重新上传才能预览和提交。",
        "The file has errors: fix them and upload it again to preview and commit.",
    ),
    "dm.preview.table": (
        "{label}（{table}）：新增 {added} 行，修改 {changed} 行，删除 {removed} 行",
        "{label} ({table}): {added} rows added, {changed} changed, {removed} removed",
    ),
    "dm.preview.nothing": (
        "与当前数据相比没有任何变化。",
        "Nothing differs from the data in force.",
    ),
    "dm.preview.changed_first": (
        "修改的行（前 {n} 行，旧值 → 新值）",
        "Changed rows (first {n}, old → new)",
    ),
    "dm.preview.added_first": ("新增的行（前 {n} 行）", "Added rows (first {n})"),
    "dm.preview.removed_first": ("删除的行（前 {n} 行）", "Removed rows (first {n})"),
    "dm.col.key": ("编号", "Key"),
    "dm.col.field": ("字段", "Field"),
    "dm.col.old": ("旧值", "Old value"),
    "dm.col.new": ("新值", "New value"),
    # ---- 4 commit ---------------------------------------------------------------------------
    "dm.commit.header": ("4 提交", "4 Commit"),
    "dm.commit.button": ("提交到数据仓库", "Commit to the data store"),
    "dm.commit.who": ("提交人：{who}", "Committed by: {who}"),
    "dm.commit.why_errors": (
        "不能提交：文件有 {n} 个错误。",
        "Cannot commit: the file has {n} errors.",
    ),
    "dm.commit.why_warnings": (
        "请先勾选接受警告，才能提交。",
        "Tick the box accepting the warnings to commit.",
    ),
    "dm.commit.why_nothing": ("没有需要提交的变化。", "There is nothing to commit."),
    "dm.commit.done": (
        "已提交：当前数据为第 {version} 版。各页面在下一次操作时即显示新数据。",
        "Committed: version {version} is now in force. Every page shows the new data on its "
        "next interaction.",
    ),
    "dm.commit.failed": (
        "提交失败（{reason}），数据未作任何改动。",
        "The commit failed ({reason}); no data was changed.",
    ),
    # ---- 5 history --------------------------------------------------------------------------
    "dm.history.header": ("版本历史", "Version history"),
    "dm.history.all": ("全部数据表", "All tables"),
    "dm.history.none": ("还没有提交记录。", "Nothing has been committed yet."),
    "dm.col.version": ("版本", "Version"),
    "dm.col.who": ("提交人", "Who"),
    "dm.col.source": ("来源文件", "Source file"),
    "dm.col.rows": ("行数", "Rows"),
    "dm.col.mode": ("方式", "Mode"),
    "dm.col.delta": ("新增 / 修改 / 删除", "Added / changed / removed"),
    "dm.col.tables": ("变更的数据表", "Tables changed"),
    "dm.mode.initial": ("初始数据", "Initial data"),
    "dm.mode.rollback": ("回滚到第 {version} 版", "Rollback to version {version}"),
    "dm.col.checksum": ("校验和", "Checksum"),
    "dm.compare.header": ("比较两个版本", "Compare two versions"),
    "dm.compare.v1": ("较早版本", "Earlier version"),
    "dm.compare.v2": ("较新版本", "Later version"),
    "dm.compare.need_two": (
        "该表至少需要两个版本才能比较。",
        "The table needs at least two versions to compare.",
    ),
    "dm.compare.result": (
        "第 {v1} 版 → 第 {v2} 版：新增 {added} 行，修改 {changed} 行，删除 {removed} 行",
        "Version {v1} → {v2}: {added} rows added, {changed} changed, {removed} removed",
    ),
    "dm.rollback.header": ("回滚", "Roll back"),
    "dm.rollback.help": (
        "回滚会把所选数据表恢复为某个历史版本的内容，并记为一个新版本，因此回滚本身也可以撤销。",
        "A rollback restores the table to an earlier version's content as a new version, so a "
        "rollback can itself be undone.",
    ),
    "dm.rollback.version": ("恢复到版本", "Restore version"),
    "dm.rollback.option": ("第 {n} 版 · {when} · {source}", "Version {n} · {when} · {source}"),
    "dm.rollback.option.bare": ("第 {n} 版", "Version {n}"),
    "dm.rollback.confirm": (
        "我确认将 {table} 恢复为第 {version} 版",
        "I confirm restoring {table} to version {version}",
    ),
    "dm.rollback.none": (
        "没有更早的版本可以回滚。",
        "There is no earlier version to roll back to.",
    ),
    "dm.rollback.done": (
        "已回滚：{table} 恢复为第 {target} 版的内容，记为第 {version} 版。",
        "Rolled back: {table} holds version {target}'s content again, recorded as version "
        "{version}.",
    ),
    "dm.rollback.failed": (
        "回滚失败（{reason}），数据未作任何改动。",
        "The rollback failed ({reason}); no data was changed.",
    ),
    # ---- freshness --------------------------------------------------------------------------
    "dm.fresh.header": ("各数据表的新鲜度", "Freshness of each table"),
    "dm.fresh.help": (
        "最后提交时间、数据覆盖的时期和行数。",
        "Last commit, the periods the data covers and the row count.",
    ),
    "dm.col.periods": ("覆盖时期", "Periods covered"),
    # ---- 6 templates ------------------------------------------------------------------------
    "dm.tpl.header": ("填报模板", "Templates"),
    "dm.tpl.help": (
        "模板含中文表头、单位、一行示例，第二个工作表说明每一列（类型、单位、范围、可选值、主键）。",
        "A template has the Chinese headers, units and one example row; its second sheet "
        "explains every column (type, unit, range, allowed values, key).",
    ),
    "dm.tpl.table": ("选择数据表", "Choose a table"),
    "dm.tpl.one": ("下载该表模板（Excel）", "Download this table's template (Excel)"),
    "dm.tpl.all": (
        "下载全部数据表的模板（一个工作簿）",
        "Download every table's template (one workbook)",
    ),
}
