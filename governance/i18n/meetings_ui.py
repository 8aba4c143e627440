"""Strings of the meetings' screens: the 上次会议以来 block, the 会议 page, presentation mode."""

STRINGS: dict[str, tuple[str, str]] = {
    "meet.since.title": ("上次会议以来", "Since the last meeting"),
    "meet.since.of": (
        "上次会议（{date} · {title}）以来",
        "Since the last meeting ({date} · {title})",
    ),
    "meet.col.then": ("上次会议时", "At the meeting"),
    "meet.col.now": ("现在", "Now"),
    "meet.col.drivers": ("主要来自", "Mainly from"),
    "meet.col.status": ("目标状态（上次 → 现在）", "Target status (then → now)"),
    "meet.ui.details": ("逐项对比", "Indicator by indicator"),
    "meet.ui.go_record": ("到“会议”页记录一次会议", "Record a meeting on the Meetings page"),
    "meet.ui.recorded": (
        "已记录第 {id} 号会议（{date}），下次会议将以此为“上次会议以来”的起点。",
        "Meeting no. {id} ({date}) recorded; the next meeting starts from it.",
    ),
    "meet.ui.failed": (
        "会议未能记录（已写入服务器日志），请稍后再试。",
        "The meeting could not be recorded (logged on the server); please try again.",
    ),
    "meet.ui.record_now": ("记录本次会议", "Record"),  # its help says what: the footer is narrow
    "meet.ui.record_now.help": (
        "以今天的日期和当前筛选条件记录本次联席会议所看到的数字，下次会议将据此说明变化。",
        "Record today's joint meeting with the numbers on screen; the next meeting shows what "
        "changed since.",
    ),
}
STRINGS.update(
    {
        "meet.snap.value": ("会议时的数值", "Value at the meeting"),
        "meet.snap.status": ("目标状态", "Target status"),
        "meet.page.subtitle": (
            "社区管理联席会议：每次会议看到的数字都留档，下次会议从“上次会议以来”的变化开始。",
            "Community management joint meetings: each one keeps the numbers it saw; the next "
            "one opens with what changed since.",
        ),
        "meet.page.none": (
            "还没有记录任何会议。记录一次后，总览和汇报模式将从“上次会议以来”的变化开始。",
            "No meeting recorded yet. Once one is, the overview and presentation mode open "
            "with what changed since.",
        ),
        "meet.page.record": ("记录一次会议", "Record a meeting"),
        "meet.page.record.help": (
            "记录当前筛选条件（时间范围、社区、比较基准）下的全部数字；日期可以是过去的会议。",
            "Records every number for the filters in force (period, communities, basis); the "
            "date may be a past meeting's.",
        ),
        "meet.page.title_field": ("会议名称（可不填）", "Title (optional)"),
        "meet.page.notes": ("纪要：参会人员、议定事项（可不填）", "Notes: attendees, decisions"),
        "meet.page.submit": ("记录会议", "Record"),
        "meet.page.pick": ("对比的会议", "Compare against"),
        "meet.page.option": ("第 {id} 号 · {date} · {title}", "No. {id} · {date} · {title}"),
        "meet.page.saw": ("该次会议看到的数字", "What that meeting saw"),
        "meet.page.by": (
            "记录人：{who} · 记录时间：{when} · 时间范围：{period} · 社区：{scope}",
            "Recorded by {who} at {when} · period {period} · communities {scope}",
        ),
        "meet.page.notes_saved": ("纪要已保存。", "Notes saved."),
        "meet.page.briefing": (
            "该次会议的汇报材料（同一时间范围、社区和比较基准，截至 {quarter}；按当前数据生成）：",
            "That meeting's briefing (same period, communities and basis, to {quarter}; made "
            "from the data in force):",
        ),
        "meet.page.notes_save": ("保存纪要", "Save notes"),
        "meet.page.delete": ("删除此会议记录", "Delete this meeting"),
        "meet.page.delete.confirm": (
            "确定删除第 {id} 号会议记录吗？删除后不能恢复。",
            "Delete meeting no. {id}? This cannot be undone.",
        ),
        "meet.page.deleted": ("已删除第 {id} 号会议记录。", "Meeting no. {id} deleted."),
        "nav.meetings": ("会议", "Meetings"),
        "file.meeting_snapshot": ("会议时的数字", "Numbers at the meeting"),
        "meet.digest.definitions": (
            "其间有 {n} 项口径调整，见注。",
            "Definitions changed {n} time(s) in between: see the notes.",
        ),
    }
)
