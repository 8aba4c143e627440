"""Strings of the presentation mode (汇报模式) shown on a projector."""

STRINGS: dict[str, tuple[str, str]] = {
    "nav.present": ("汇报模式", "Presentation mode"),
    "present.exit": ("退出汇报", "Exit"),
    "present.prev": ("上一页", "Back"),
    "present.next": ("下一页", "Next"),
    "present.auto": ("自动翻页", "Auto-advance"),
    "present.auto.off": ("不自动翻页", "Off"),
    "present.auto.every": ("每 {n} 秒", "Every {n} s"),
    "present.lang": ("切换到英文", "Switch to Chinese"),
    "present.filters": ("筛选条件：{text}", "Filters: {text}"),
    "present.bad_slide": (
        "参数 slide 的值“{value}”不是有效页码（应为 1 至 {total} 之间的整数），已显示第 1 页。",
        "parameter slide: '{value}' is not a slide number between 1 and {total}; showing slide 1.",
    ),
    "present.bad_auto": (
        "参数 auto 的值“{value}”无效（应为 {choices} 秒之一），已关闭自动翻页。",
        "parameter auto: '{value}' is invalid (one of {choices} seconds); auto-advance is off.",
    ),
    "present.empty": (
        "当前筛选条件下没有可汇报的数据。请退出汇报模式，放宽时间范围或社区选择。",
        "Nothing to present for the current filters. Leave presentation mode and widen "
        "the period or the communities.",
    ),
    "present.more": ("……另有 {n} 项，见汇报材料", "… and {n} more in the briefing files"),
    "briefing.download": ("汇报材料", "Briefing"),
    "briefing.download.help": (
        "下载当前筛选条件下的汇报材料：可离线打开的网页（HTML）或可编辑的 PowerPoint",
        "Download the briefing for the filters in force: an offline web page (HTML) or an "
        "editable PowerPoint",
    ),
    "briefing.html": ("网页版（HTML）", "Web page (HTML)"),
    "briefing.pptx": ("PowerPoint（PPTX）", "PowerPoint (PPTX)"),
}
