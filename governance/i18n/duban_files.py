"""Strings of 督办 in the files and on the command line: the 督办台账 download, the briefing's
督办 table and sentence, and make duban / duban-update / duban-list."""

STRINGS: dict[str, tuple[str, str]] = {
    # ---- the 督办台账 (an Excel download)
    "duban.ledger.file": ("督办台账", "follow-ups"),
    "duban.ledger.sheet": ("督办台账", "Follow-ups"),
    "duban.ledger.title": (
        "督办台账 · {scope} · 截至 {day}（{n} 项）",
        "Follow-up ledger · {scope} · as of {day} ({n} items)",
    ),
    # ---- the briefing's 督办 slide
    "brief.duban.title": ("督办事项（按责任单位）", "Follow-ups by responsible unit"),
    "brief.duban.no_feedback": ("暂无反馈", "none yet"),
    "brief.duban.sentence": (
        "督办事项 {n} 项未办结，其中逾期 {late} 项{worst}。",
        "{n} follow-ups are open, {late} of them overdue{worst}.",
    ),
    "brief.duban.worst": (
        "（最久：{title}，{unit}，{when}）",
        " (longest: {title}, {unit}, {when})",
    ),
    "brief.duban.recovered": (
        "{n} 项指标已连续两个季度达标，建议办结。",
        "{n} of them have been on target two quarters running: consider closing.",
    ),
    "brief.duban.none": ("暂无未办结的督办事项。", "No follow-up is open."),
    "brief.duban.more": (
        "另有 {n} 项未列出，见督办台账。",
        "{n} more not listed: see the follow-up ledger.",
    ),
    # ---- the command line (make duban / duban-update / duban-list)
    "duban.cli.missing": (
        "请提供 {name}（例如 make duban {name}=…）。",
        "Give {name} (e.g. make duban {name}=…).",
    ),
    "duban.cli.bad_date": (
        "截止日期 DEADLINE“{value}”无法识别；请写成 2012-01-31 这样的日期。",
        "The deadline DEADLINE “{value}” cannot be read; write it like 2012-01-31.",
    ),
    "duban.cli.bad_community": (
        "{field}：没有编号为“{value}”的社区{hint}；数据中的编号：{known}。",
        "{field}: there is no community “{value}”{hint}; the ids in the data: {known}.",
    ),
    "duban.cli.case_hint": (
        "（是否指 {meant}？编号区分大小写）",
        " (did you mean {meant}? ids are case-sensitive)",
    ),
    "duban.cli.bad_company": (
        "UNIT：没有编号为“{value}”的物业企业；数据中的编号：{known}。",
        "UNIT: there is no property company “{value}”; the ids in the data: {known}.",
    ),
    "duban.cli.bad_indicator": (
        "INDICATOR：“{value}”不是有目标的考核指标；可用的指标：{known}。",
        "INDICATOR: “{value}” is not an indicator with a target; those that are: {known}.",
    ),
    "duban.cli.bad_meeting": (
        "MEETING：“{value}”不是已记录的会议编号（make meetings 可列出会议）。",
        "MEETING: “{value}” is not a recorded meeting's number (make meetings lists them).",
    ),
    "duban.cli.bad_unit_kind": (
        "UNIT_KIND“{value}”无效：应为 committee、company、body 或 text。",
        "UNIT_KIND “{value}” is not valid: use committee, company, body or text.",
    ),
    "duban.cli.bad_id": (
        "ID“{value}”不是督办事项编号（make duban-list 可列出事项）。",
        "ID “{value}” is not a follow-up's number (make duban-list lists them).",
    ),
    "duban.cli.bad_status": (
        "STATUS“{value}”无效：应为 {known}。",
        "STATUS “{value}” is not valid: use {known}.",
    ),
    "duban.cli.bad_evaluation": (
        "EVALUATION“{value}”无效：应为 {known}。",
        "EVALUATION “{value}” is not valid: use {known}.",
    ),
    "duban.cli.nothing": (
        "请提供 STATUS 或 NOTE（反馈内容）。",
        "Give STATUS or NOTE (the feedback).",
    ),
    "duban.cli.where": ("{field}：{message}", "{field}: {message}"),
    "duban.cli.created": (
        "已交办督办事项 #{id}：{title}，责任单位 {unit}，截止 {deadline}（{when}）。",
        "Follow-up #{id} assigned: {title}, to {unit}, due {deadline} ({when}).",
    ),
    "duban.cli.feedback": ("已记录事项 #{id} 的反馈。", "Feedback recorded on #{id}."),
    "duban.cli.status": ("事项 #{id} 现为：{status}", "Follow-up #{id} is now: {status}"),
    "duban.cli.today_data": (
        "（本数据截至 {day}，为历史数据：逾期天数计至该日。）",
        "(The data runs to {day}, historical data: days overdue are counted to that day.)",
    ),
    "duban.cli.none": ("没有未办结的督办事项。", "No follow-up is open."),
    "duban.cli.row": (
        "#{id}  {deadline}  {when}  {status}  {unit}  {community}  {title}",
        "#{id}  {deadline}  {when}  {status}  {unit}  {community}  {title}",
    ),
}
