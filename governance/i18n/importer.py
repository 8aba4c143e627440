"""Strings of the importer: reasons a file or a cell is refused, report and template headers."""

STRINGS: dict[str, tuple[str, str]] = {
    # ---- the file as a whole --------------------------------------------------------------
    "imp.file.xls": (
        "这是旧版 Excel（.xls）文件，无法读取。请在 Excel 中另存为 .xlsx 后再上传。",
        "This is an old Excel (.xls) file. Save it as .xlsx in Excel and upload again.",
    ),
    "imp.file.xlsm": (
        "含宏的 Excel 文件（.xlsm）不予读取。请在 Excel 中另存为 .xlsx（不含宏）后再上传。",
        "Macro-enabled workbooks (.xlsm) are refused. Save as .xlsx (no macros) and retry.",
    ),
    "imp.file.kind": (
        "不支持的文件类型“{suffix}”：只接受 .xlsx、.csv 或 .parquet 文件。",
        "Unsupported file type '{suffix}': only .xlsx, .csv or .parquet files are accepted.",
    ),
    "imp.file.too_big": (
        "文件过大：{size}，上限为 {limit}。请拆分后分批导入。",
        "File too large: {size}; the limit is {limit}. Split it and import in parts.",
    ),
    "imp.file.empty": ("文件是空的（0 字节）。", "The file is empty (0 bytes)."),
    "imp.file.no_rows": (
        "文件中没有任何内容（只有空行）。",
        "The file holds nothing but empty lines.",
    ),
    "imp.file.too_many_rows": (
        "行数超过上限：超过 {limit} 行。请拆分后分批导入。",
        "Too many rows: more than {limit}. Split the file and import in parts.",
    ),
    "imp.file.too_many_columns": (
        "这一行有 {count} 列，超过上限 {limit} 列，不是正常的表格数据。",
        "This row has {count} columns, over the limit of {limit}: not normal table data.",
    ),
    "imp.xlsx.bad": (
        "文件不是有效的 .xlsx 工作簿（可能已损坏、不完整，或是改了扩展名的其他文件）。",
        "Not a valid .xlsx workbook (damaged, incomplete, or another file renamed).",
    ),
    "imp.xlsx.inflates": (
        "工作簿解压后达 {size}，超过上限 {limit}，为保护服务器未予解析。",
        "The workbook inflates to {size}, over the {limit} limit; it was not parsed.",
    ),
    "imp.parquet.bad": (
        "Parquet 文件已损坏或不完整，无法读取。",
        "The Parquet file is damaged or incomplete and cannot be read.",
    ),
    "imp.csv.encoding": (
        "无法识别文件编码（支持 UTF-8、UTF-8 BOM、GBK、GB18030），或这不是文本表格文件。",
        "Unknown text encoding (UTF-8, UTF-8 BOM, GBK, GB18030 are read), or not a text table.",
    ),
    "imp.csv.nul": (
        "文件包含空字符（NUL），不是正常的文本表格（可能是二进制文件或已损坏）。",
        "The file contains NUL characters: not a text table (binary or damaged).",
    ),
    "imp.csv.quote": (
        "从这一行起有未闭合的引号，文件其余部分无法正确分列。",
        "An unclosed quote from this row on: the rest of the file cannot be split into columns.",
    ),
    "imp.csv.field_long": (
        "这一行附近有超长内容（超过 {limit} 个字符），不是正常的表格数据。",
        "Near this row a cell is longer than {limit} characters: not normal table data.",
    ),
    "imp.csv.broken": (
        "CSV 文件格式错误（这一行附近）：引号或分隔符使用有误。",
        "Malformed CSV (near this row): misplaced quotes or separators.",
    ),
    "imp.csv.line_long": (
        "这一行过长（{length} 个字符，上限 {limit}），不是正常的表格数据。",
        "This row is too long ({length} characters, limit {limit}): not normal table data.",
    ),
    "imp.xlsx.sheet_ignored": (
        "工作表“{sheet}”不对应任何数据表，已忽略。",
        "Sheet '{sheet}' matches no table; ignored.",
    ),
    "imp.xlsx.macros": (
        "工作簿含有宏，不予读取。请在 Excel 中另存为 .xlsx（不含宏）后再上传。",
        "The workbook contains macros; save it as a plain .xlsx and upload again.",
    ),
    "imp.csv.extra_cells": (
        "这一行的单元格比表头多，各列可能错位（常见原因：数字中的千位逗号没有加引号，"
        "如 1,000,000）。请在 Excel 中另存为 CSV，或去掉千位分隔符。",
        "This row has more cells than the header: its columns may have shifted (often a "
        "thousands comma without quotes, as in 1,000,000). Save again from Excel, or drop "
        "the separators.",
    ),
    "imp.csv.semicolon": (
        "文件用分号（;）分隔列，请另存为逗号分隔的 CSV（Excel：另存为“CSV UTF-8（逗号分隔）”）。",
        "Columns are separated by semicolons; save as comma-separated CSV.",
    ),
    "imp.csv.tab": (
        "文件用制表符分隔列，请另存为逗号分隔的 CSV。",
        "Columns are separated by tabs; save as comma-separated CSV.",
    ),
    "imp.table.unknown": (
        "无法判断文件属于哪张表：请用表名或中文名命名文件或工作表，或指定表。",
        "Cannot tell which table the file is for: name the file or sheet after the table, "
        "or name the table.",
    ),
    "imp.table.ambiguous": (
        "表头同时符合多张表（{tables}），请指定要导入的表。",
        "The header fits several tables ({tables}); name the table to import.",
    ),
    "imp.table.bad_name": (
        "“{name}”不是数据表名。可用的表：{tables}。",
        "'{name}' is not a table name. Tables: {tables}.",
    ),
    "imp.header.none": (
        "在前 {rows} 行中找不到表头：应有一行列名，如“{example}”。",
        "No header row in the first {rows} rows: expected column names such as '{example}'.",
    ),
    "imp.header.only": (
        "只有表头，没有数据行。",
        "Only a header row, no data rows.",
    ),
    "imp.col.missing": ("缺少必需的列。", "A required column is missing."),
    "imp.col.duplicate": (
        "该列出现了 {count} 次（第 {where} 列），无法确定用哪一列。",
        "The column appears {count} times (columns {where}); cannot tell which to use.",
    ),
    "imp.col.unit": (
        "列“{header}”的单位是“{given}”，数据约定的单位是“{unit}”：请换算为“{unit}”后再导入。",
        "Column '{header}' is in '{given}'; the contract's unit is '{unit}': convert first.",
    ),
    "imp.col.unknown": (
        "未知的列“{header}”，已忽略。",
        "Unknown column '{header}', ignored.",
    ),
    "imp.col.no_header": (
        "第 {where} 列有数据但没有列名，已忽略。",
        "Column {where} holds data but has no header; ignored.",
    ),
    # ---- cells -----------------------------------------------------------------------------
    "imp.cell.empty": ("不能为空。", "Must not be empty."),
    "imp.cell.not_int": ("应为整数。", "Must be a whole number."),
    "imp.cell.fraction": ("应为整数，不能有小数。", "Must be a whole number, not a fraction."),
    "imp.cell.int_range": (
        "超出整数范围（应在 -2,147,483,648 至 2,147,483,647 之间）。",
        "Outside the integer range (-2,147,483,648 to 2,147,483,647).",
    ),
    "imp.cell.excel_error": (
        "单元格是 Excel 的错误值（公式出错），不是数据：请在 Excel 中改正公式或填入数值。",
        "The cell holds an Excel error (a failed formula), not data: fix the formula.",
    ),
    "imp.cell.not_number": ("应为数字。", "Must be a number."),
    "imp.cell.not_pct": (
        "此列不是百分比列，不能带 %。",
        "This column is not a percentage; no % sign.",
    ),
    "imp.cell.not_finite": (
        "不是有限数值（无穷大或非数字）。",
        "Not a finite number (infinity or not-a-number).",
    ),
    "imp.cell.not_date": (
        "无法识别的日期，应写作 2011-03-05、2011/3/5 或 2011年3月5日。",
        "Not a date; write 2011-03-05, 2011/3/5 or 2011年3月5日.",
    ),
    "imp.cell.not_quarter": (
        "无法识别的季度，应写作 2011-10-01、2011Q4、2011年第4季度或 2011年10月。",
        "Not a quarter; write 2011-10-01, 2011Q4, 2011年第4季度 or 2011年10月.",
    ),
    "imp.cell.invalid_date": (
        "不是有效日期（该月没有这一天）。",
        "Not a valid date (the month has no such day).",
    ),
    "imp.cell.quarter_month": (
        "季度应以季度首月表示（1、4、7、10 月）。",
        "A quarter is given by its first month (January, April, July, October).",
    ),
    "imp.cell.not_bool": (
        "应为“是”或“否”。",
        "Must be yes (是) or no (否).",
    ),
    "imp.cell.text_type": ("应为文字或编号。", "Must be text or an id."),
    "imp.cell.too_long": (
        "内容过长（{length} 个字符，上限 {limit}）。",
        "Too long ({length} characters, limit {limit}).",
    ),
    "imp.cell.min": ("不能小于 {min}。", "Must not be below {min}."),
    "imp.cell.max": ("不能大于 {max}。", "Must not be above {max}."),
    "imp.cell.allowed": (
        "不是允许的取值，应为：{allowed}。",
        "Not an allowed value; one of: {allowed}.",
    ),
    "imp.cell.date_range": (
        "日期不合理：年份应在 2000 至 {last} 之间。",
        "Implausible date: the year must be between 2000 and {last}.",
    ),
    "imp.cell.quarter_start": (
        "季度列应为季度首日（1月1日、4月1日、7月1日或10月1日）。",
        "A quarter column must hold a quarter's first day (1 Jan, 1 Apr, 1 Jul, 1 Oct).",
    ),
    "imp.key.duplicate": (
        "主键（{keycols}）重复：与第 {other} 行相同。",
        "Duplicate key ({keycols}): same as row {other}.",
    ),
    "imp.key.duplicate_kept": (
        "主键（{keycols}）在现有数据中重复。",
        "Duplicate key ({keycols}) in the data in force.",
    ),
    "imp.key.empty": ("主键列不能为空。", "A key column must not be empty."),
    "imp.fk.unknown": (
        "{target}中没有编号“{value}”。",
        "No '{value}' in {target}.",
    ),
    "imp.fk.indicator": (
        "没有编号为“{value}”的指标。",
        "No indicator with id '{value}'.",
    ),
    "imp.fk.no_parent": (
        "无法核对：{target}没有数据。",
        "Cannot check: {target} holds no data.",
    ),
    "imp.fk.orphans": (
        "{child}中有 {count} 行引用的{target}编号将不再存在（如“{example}”）。",
        "{count} rows of {child} would refer to {target} ids no longer present (e.g. '{example}').",
    ),
    "imp.community.kept_mismatch": (
        "{child}中有 {count} 行的社区将与其{target}的社区不一致（如{target}“{example}”改为“{value}”，"
        "而现有行仍在“{kept}”）：请一并导入这些行。",
        "{count} rows of {child} would no longer be in their {target}'s community (e.g. "
        "'{example}' moves to '{value}', kept rows stay in '{kept}'): import them too.",
    ),
    "imp.community.mismatch": (
        "与{target}“{parent}”所属社区“{expected}”不一致。",
        "Differs from the community '{expected}' of {target} '{parent}'.",
    ),
    "imp.jump": (
        "较上一季度（{prev_quarter}）变化 {change}（{prev} → {value}），超过 50%，请核实。",
        "Changed {change} against the previous quarter {prev_quarter} ({prev} → {value}), "
        "over 50%; please check.",
    ),
    "imp.more": (
        "另有 {count} 个同类问题未逐一列出，请先改正上面列出的问题。",
        "{count} more problems of this kind are not listed; fix those above first.",
    ),
    # ---- messages and workbooks -----------------------------------------------------------
    "imp.msg.error": ("错误", "Error"),
    "imp.msg.warning": ("提醒", "Warning"),
    "imp.msg.sheet": ("工作表“{sheet}”", "sheet '{sheet}'"),
    "imp.msg.row": ("第 {row} 行", "row {row}"),
    "imp.msg.kept": ("现有数据", "data in force"),
    "imp.msg.column": ("列“{label}”（{name}）", "column '{label}' ({name})"),
    "imp.msg.value": ("值“{value}”", "value '{value}'"),
    "imp.report.sheet": ("问题清单", "Problems"),
    "imp.report.summary": ("汇总", "Summary"),
    "imp.report.severity": ("级别", "Severity"),
    "imp.report.file": ("文件", "File"),
    "imp.report.sheet_col": ("工作表", "Sheet"),
    "imp.report.table": ("数据表", "Table"),
    "imp.report.row": ("行号", "Row"),
    "imp.report.value": ("值", "Value"),
    "imp.report.reason": ("原因", "Reason"),
    "imp.report.errors": ("错误数", "Errors"),
    "imp.report.warnings": ("提醒数", "Warnings"),
    "imp.report.none": ("没有发现问题。", "No problems found."),
    "imp.tpl.readme": ("说明", "About"),
    "imp.tpl.readme_all": ("说明-全部表", "About all tables"),
    "imp.tpl.column": ("列（中文）", "Column (label)"),
    "imp.tpl.name": ("列名", "Column name"),
    "imp.tpl.label_en": ("英文名", "English label"),
    "imp.tpl.type": ("类型", "Type"),
    "imp.tpl.unit": ("单位", "Unit"),
    "imp.tpl.range": ("范围", "Range"),
    "imp.tpl.allowed": ("允许取值", "Allowed values"),
    "imp.tpl.key": ("主键/关联", "Key / reference"),
    "imp.tpl.required": ("可否为空", "May be empty"),
    "imp.tpl.pk": ("主键", "key"),
    "imp.tpl.fk": ("须为{target}中已有的编号", "must exist in {target}"),
    "imp.tpl.yes": ("可为空", "may be empty"),
    "imp.tpl.no": ("必填", "required"),
    "imp.tpl.type.VARCHAR": ("文字/编号", "text / id"),
    "imp.tpl.type.INTEGER": ("整数", "whole number"),
    "imp.tpl.type.DOUBLE": ("数字", "number"),
    "imp.tpl.type.DATE": ("日期（如 2011-03-05）", "date (e.g. 2011-03-05)"),
    "imp.tpl.type.QUARTER": (
        "季度首日（如 2011-10-01 或 2011Q4）",
        "quarter's first day (e.g. 2011-10-01 or 2011Q4)",
    ),
    "imp.tpl.type.BOOLEAN": ("是/否", "yes / no"),
    "imp.tpl.intro": (
        "第一张工作表为数据：第 1 行是列名（请勿修改），第 2 行是示例，请替换为实际数据。",
        "The first sheet holds the data: row 1 is the header (keep it), row 2 an example "
        "to replace with real rows.",
    ),
}
