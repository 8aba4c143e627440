"""Strings of 督办 on screen and in the files: the table's columns, the marks, the page, the
assignment form and the meeting's sentence."""

STRINGS: dict[str, tuple[str, str]] = {
    "duban.closed_on": ("{day}办结", "closed {day}"),
    "duban.feedback.day": ("{m}月{d}日", "{y}-{m:02d}-{d:02d}"),
    "duban.feedback": ("{day} {by}：{text}", "{day} {by}: {text}"),
    "duban.meeting_no": ("第{id}次会议", "meeting {id}"),
    "duban.col.title": ("事项", "Item"),
    "duban.col.subject": ("督办对象", "About"),
    "duban.col.unit": ("责任单位", "Responsible unit"),
    "duban.col.person": ("责任人", "Person"),
    "duban.col.deadline": ("截止日期", "Deadline"),
    "duban.col.when": ("时限", "Time"),
    "duban.col.feedback": ("最新反馈", "Latest feedback"),
    "duban.col.notes": ("数据提示", "What the data says"),
    "duban.col.meeting": ("交办会议", "Decided at"),
    "duban.col.evaluation": ("办结评价", "Evaluation"),
    "duban.meeting.sentence": (
        "上次会议交办 {n} 项：已办结 {closed} 项，办理中 {working} 项，逾期 {late} 项{which}。"
        "{recovered}",
        "The last meeting assigned {n} follow-ups: {closed} closed, {working} in hand, "
        "{late} overdue{which}.{recovered}",
    ),
    "duban.meeting.which": ("（{names}）", " ({names})"),
    "duban.meeting.late": ("{title}，{unit}，{when}", "{title}, {unit}, {when}"),
    "duban.meeting.recovered": (
        "其中 {n} 项指标已连续两个季度达标，建议办结。",
        " {n} of them have been on target two quarters running: consider closing.",
    ),
    # ---- what may be assigned
    "duban.cand.light": (
        "{community} · {label} {value} · {status}（目标 {target}）",
        "{community} · {label} {value} · {status} (target {target})",
    ),
    "duban.cand.light.title": (
        "{community}{label}未达标（{value}，目标 {target}）",
        "{community}: {label} below target ({value}, target {target})",
    ),
    "duban.cand.case": (
        "{what} · {community} · {kind} · 已挂账 {n} 天",
        "{what} · {community} · {kind} · open {n} days",
    ),
    "duban.cand.case.title": (
        "督办{what}（{community}，{kind}）",
        "Follow up {what} ({community}, {kind})",
    ),
    # ---- the assignment form
    "duban.ui.assign": ("交办", "Assign"),
    "duban.ui.assign.help": (
        "交办：把红灯、黄灯指标或逾期案件交办给责任单位，定好截止日期",
        "Assign: turn a red or amber light, or an overdue case, into a follow-up with an owner "
        "and a deadline",
    ),
    "duban.ui.assign.title": ("交办督办事项", "Assign a follow-up"),
    "duban.ui.pick": ("督办什么", "What to follow up"),
    "duban.ui.pick_missing": ("请选择要督办的指标或案件。", "Choose the indicator or case."),
    "duban.ui.none.indicator": (
        "所选范围内本季度没有未达标的指标。",
        "No indicator misses its target in this quarter for the communities chosen.",
    ),
    "duban.ui.none.case": ("没有挂账的案件或议题。", "No case or issue is open that long."),
    "duban.ui.unit_kind": ("责任单位类型", "Kind of unit"),
    "duban.ui.no_meeting": ("不关联会议", "No meeting"),
    "duban.ui.meeting_option": ("第{id}次 · {date} · {title}", "No. {id} · {date} · {title}"),
    "duban.ui.note": ("交办要求（可选）", "What is asked (optional)"),
    "duban.ui.failed": (
        "督办事项没有保存：系统出错，请稍后再试或联系管理员。",
        "The follow-up was not saved: something went wrong. Try again or ask the administrator.",
    ),
    "duban.ui.created": ("已交办第 {id} 项：{title}", "Follow-up {id} assigned: {title}"),
    "duban.ui.feedback_saved": ("第 {id} 项的反馈已记录。", "Feedback on follow-up {id} saved."),
    "duban.ui.status_saved": ("第 {id} 项已改为“{status}”。", "Follow-up {id} is now “{status}”."),
    # ---- the 督办 page
    "nav.duban": ("督办", "Follow-ups"),
    "duban.page.title": ("督办事项", "Follow-ups"),
    "duban.page.subtitle": (
        "联席会议交办的事项：责任单位、截止日期、反馈和办结，逾期最久的在前",
        "What the joint meeting assigned: the unit, the deadline, feedback and closure — the "
        "most overdue first",
    ),
    "duban.page.none": (
        "还没有督办事项。可在总览的排名、各平台页或汇报模式中点“交办”。",
        "No follow-ups yet. Use “Assign” under the ranking, on a platform page or in "
        "presentation mode.",
    ),
    "duban.page.open": ("未办结", "Open"),
    "duban.page.overdue": ("逾期", "Overdue"),
    "duban.page.recovered": ("建议办结", "Consider closing"),
    "duban.page.filter.unit": ("责任单位", "Unit"),
    "duban.page.filter.overdue": ("只看逾期", "Overdue only"),
    "duban.page.shown": ("显示 {n} 项，共 {total} 项", "{n} of {total} shown"),
    "duban.page.items": ("逐项办理", "Item by item"),
    "duban.page.item": (
        "第{id}项 · {title} · {status} · {when}",
        "No. {id} · {title} · {status} · {when}",
    ),
    "duban.page.more": (
        "另有 {n} 项未展开，请用上面的筛选缩小范围。",
        "{n} more not listed here: narrow the filters above.",
    ),
    "duban.ui.step": ("{day} {by} · {what}", "{day} {by} · {what}"),
    "duban.ui.step.feedback": ("反馈", "feedback"),
    "duban.ui.step.text": ("{step}：{text}", "{step}: {text}"),
    "duban.ui.feedback": ("新的反馈", "New feedback"),
    "duban.ui.feedback.add": ("记录反馈", "Save feedback"),
    "duban.ui.status.to": ("改为", "Change to"),
    "duban.ui.status.note": ("说明（可选）", "Note (optional)"),
    "duban.ui.reason": ("退回原因（必填）", "Why it is returned (required)"),
    "duban.ui.status.save": ("保存状态", "Save status"),
    "duban.ui.ledger": ("督办台账（Excel）", "Follow-up ledger (Excel)"),
}
