"""Strings of 督办 on screen and in the files: the table's columns, the marks, the page, the
assignment form and the meeting's sentence."""

STRINGS: dict[str, tuple[str, str]] = {
    "duban.feedback.day": ("{m}月{d}日", "{y}-{m:02d}-{d:02d}"),
    "duban.feedback": ("{day} {by}：{text}", "{day} {by}: {text}"),
    "duban.meeting_no": ("第{id}次会议", "meeting {id}"),
    "duban.col.id": ("编号", "No."),
    "duban.col.title": ("事项", "Item"),
    "duban.col.subject": ("督办对象", "About"),
    "duban.col.community": ("社区", "Community"),
    "duban.col.unit": ("责任单位", "Responsible unit"),
    "duban.col.person": ("责任人", "Person"),
    "duban.col.deadline": ("截止日期", "Deadline"),
    "duban.col.status": ("状态", "Status"),
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
}
