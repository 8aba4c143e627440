"""事件标注: events on the trend charts, the slides and the 数据管理 page."""

STRINGS: dict[str, tuple[str, str]] = {
    "event.cat.weather": ("天气", "Weather"),
    "event.cat.personnel": ("人事变动", "Personnel change"),
    "event.cat.definition": ("口径调整", "Change of definition"),
    "event.cat.campaign": ("专项行动", "Special campaign"),
    "event.cat.other": ("其他", "Other"),
    "event.line": (
        "{n}. {dates}【{category}】{scope}：{text}",
        "{n}. {dates} [{category}] {scope}: {text}",
    ),
    "event.platform.none": ("（不限平台）", "(any platform)"),
    "event.indicator.none": ("（不限指标）", "(any indicator)"),
    # problems with an event (a form or a sheet row)
    "event.bad.start": (
        "日期缺失或无法识别（应为 2011-07-15 这样的日期）",
        "date missing or not a date (write 2011-07-15)",
    ),
    "event.bad.end_before": ("结束日期早于开始日期", "the end is before the start"),
    "event.bad.community": ("未知的社区编号：{ids}", "unknown community id: {ids}"),
    "event.bad.platform": ("未知的平台：{value}", "unknown platform: {value}"),
    "event.bad.indicator": ("未知的指标：{value}", "unknown indicator: {value}"),
    "event.bad.category": (
        "未知的类别：{value}（应为 天气、人事变动、口径调整、专项行动 或 其他）",
        "unknown category: {value} (use Weather, Personnel change, Change of definition, Special campaign or Other)",
    ),
    "event.bad.text_empty": ("说明不能为空", "the text is empty"),
    "event.bad.text_long": (
        "说明有 {n} 个字符，最多 {most} 个",
        "the text has {n} characters, at most {most}",
    ),
    "event.bad.text_hidden": (
        "说明含不可见或改变文字方向的字符：{chars}",
        "the text holds invisible or direction-changing characters: {chars}",
    ),
    "event.error.missing": (
        "该事件已不存在（可能已被他人删除）。",
        "That event no longer exists (someone may have deleted it).",
    ),
    "event.error.scope": (
        "该事件涉及您所辖范围以外的社区（或全镇），您不能修改。",
        "That event touches communities outside yours (or the whole town): you cannot change it.",
    ),
    "event.error.store": (
        "事件标注暂时无法读写，请稍后再试。",
        "Events cannot be read or written right now; try again shortly.",
    ),
    # the audit log
    "audit.event_add": ("添加事件标注", "event added"),
    "audit.event_change": ("修改事件标注", "event changed"),
    "audit.event_delete": ("删除事件标注", "event deleted"),
    "audit.detail.event": ("事件编号", "event"),
    "audit.detail.category": ("类别", "category"),
    "audit.detail.text": ("说明", "text"),
    # on the pages
    "event.add.title": ("添加事件标注", "Add an event"),
    "event.add.help": (
        "事件会标在范围和指标相符的每张趋势图上，并随汇报材料带到幻灯片脚注。说明按纯文本显示。",
        "An event is marked on every trend chart of its scope and indicator, and carried into the briefing's slide footnotes. The text is shown as plain text.",
    ),
    "event.field.start": ("日期（或开始日期）", "Date (or start)"),
    "event.field.end": ("结束日期（可选，时间段）", "End date (optional, for a period)"),
    "event.field.text": ("说明（最多100字）", "Text (at most 100 characters)"),
    "event.field.communities": (
        "范围：社区（不选为全镇）",
        "Scope: communities (none: the whole town)",
    ),
    "event.field.communities.own": (
        "范围：社区（至少选一个）",
        "Scope: communities (at least one)",
    ),
    "event.add.submit": ("添加", "Add"),
    "event.add.done": ("已添加事件标注 {n}。", "Event {n} added."),
    "event.list.title": ("本页事件标注（{n}）", "Events on this page ({n})"),
    "event.list.none": (
        "所选范围和时段内没有事件标注。",
        "No events in the selected scope and period.",
    ),
    "event.edit.choose": ("修改或删除", "Change or delete"),
    "event.edit.submit": ("保存修改", "Save changes"),
    "event.edit.done": ("已修改事件标注 {n}。", "Event {n} changed."),
    "event.delete.confirm": ("确认删除事件标注 {n}", "Yes, delete event {n}"),
    "event.delete.done": ("已删除事件标注 {n}。", "Event {n} deleted."),
    "brief.notes.more": ("……另有 {n} 个事件标注", "… and {n} more events"),
    # the sheet (数据管理)
    "event.tab": ("事件标注", "Events"),
    "event.sheet.header": ("事件标注的导入与导出", "Import and export events"),
    "event.sheet.help": (
        "按模板填写，每行一个事件：日期写成 2011-07-15；结束日期可空；社区编号用逗号分隔，空为全镇；类别为 天气、人事变动、口径调整、专项行动 或 其他；说明最多100字。",
        "Fill in the template, one event a row: dates as 2011-07-15; the end may be empty; community ids separated by commas, empty for the whole town; the category one of Weather, Personnel change, Change of definition, Special campaign, Other; the text at most 100 characters.",
    ),
    "event.sheet.template": ("下载事件模板", "Download the events template"),
    "event.sheet.export": ("导出事件标注（{n}条）", "Export events ({n})"),
    "event.sheet.upload": ("上传事件表（.xlsx 或 .csv）", "Upload an events sheet (.xlsx or .csv)"),
    "event.sheet.bad_file": ("无法读取该文件：{reason}", "The file cannot be read: {reason}"),
    "event.sheet.missing_columns": ("缺少列：{columns}", "Missing columns: {columns}"),
    "event.sheet.empty": ("文件中没有事件行。", "The file holds no event rows."),
    "event.sheet.problems": (
        "有 {n} 处问题，未导入任何事件：",
        "{n} problems: no event was imported:",
    ),
    "event.sheet.problem": ("第 {row} 行，{column}：{reason}", "Row {row}, {column}: {reason}"),
    "event.sheet.ready": ("{n} 个事件可以导入。", "{n} events can be imported."),
    "event.sheet.import": ("导入 {n} 个事件", "Import {n} events"),
    "event.sheet.done": ("已导入 {n} 个事件标注。", "{n} events imported."),
    "event.sheet.too_many": ("一次最多导入 {most} 行。", "At most {most} rows at a time."),
    "event.col.start": ("开始日期", "Start"),
    "event.col.end": ("结束日期", "End"),
    "event.col.communities": ("社区编号", "Community ids"),
    "event.col.text": ("说明", "Text"),
    "event.col.author": ("记录人", "Recorded by"),
    "event.col.at": ("记录时间", "Recorded at"),
}
