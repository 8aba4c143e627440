"""Strings of 督办 (follow-up items): statuses, evaluations, units, the store's refusals, the
audit log and the rules' sentences."""

STRINGS: dict[str, tuple[str, str]] = {
    # ---- statuses (the loop 交办 → 办理 → 反馈 → 办结, or 退回)
    "duban.status.assigned": ("已交办", "Assigned"),
    "duban.status.in_progress": ("办理中", "In progress"),
    "duban.status.reported": ("已反馈", "Reported back"),
    "duban.status.returned": ("退回", "Returned"),
    "duban.status.closed": ("已办结", "Closed"),
    "duban.evaluation.satisfied": ("满意", "Satisfied"),
    "duban.evaluation.basically": ("基本满意", "Mostly satisfied"),
    "duban.evaluation.unsatisfied": ("不满意", "Not satisfied"),
    # ---- responsible units: a community's committee, a property company, a 1+2+X body
    "duban.unit_kind.committee": ("社区居委会", "Community committee"),
    "duban.unit_kind.company": ("物业企业", "Property company"),
    "duban.unit_kind.body": ("“1+2+X”单位", "“1+2+X” body"),
    "duban.unit_kind.text": ("其他（填写）", "Other (in words)"),
    "duban.body.owners_committee": ("业委会", "Owners' committee"),
    "duban.body.property_company": ("物业公司", "Property management"),
    "duban.body.police": ("公安", "Police"),
    "duban.body.urban_management": ("城管", "Urban management"),
    "duban.body.sanitation": ("环卫", "Sanitation"),
    "duban.committee": ("{name}居委会", "{name} residents' committee"),
    "duban.subject.case": ("案件/议题", "Case or issue"),
    "duban.subject.text": ("其他事项", "Other matter"),
    "duban.case.issue": ("联席会议议题 {id}", "Joint-meeting issue {id}"),
    "duban.case.case": ("网格案件 {id}", "Grid case {id}"),
    # ---- the rules in words
    "duban.overdue": ("逾期{n}天", "{n} days overdue"),
    "duban.due_today": ("今日到期", "due today"),
    "duban.due_in": ("剩{n}天", "{n} days left"),
    "duban.mark": ("督办中·{when}", "Follow-up · {when}"),
    "duban.marks": ("督办{n}项·{when}", "{n} follow-ups · {when}"),
    "duban.recovered": (
        "指标已连续两个季度达标，建议办结",
        "The indicator has been on target for two quarters in a row: consider closing",
    ),
    "duban.red_at_deadline": (
        "到期时指标仍未达标",
        "The indicator was still missing its target at the deadline",
    ),
    "duban.today.server": (
        "逾期天数计至今天（{day}）。",
        "Days overdue are counted to today ({day}).",
    ),
    "duban.today.data": (
        "本数据截至{day}（历史数据），逾期天数计至该日。",
        "This data runs to {day} (historical data): days overdue are counted to that day.",
    ),
    # ---- the audit log
    "audit.duban_create": ("交办督办事项", "follow-up assigned"),
    "audit.duban_feedback": ("督办事项反馈", "follow-up feedback"),
    "audit.duban_status": ("督办事项状态变更", "follow-up status changed"),
    "audit.detail.item": ("督办事项", "follow-up"),
    "audit.detail.status": ("状态", "status"),
    "audit.detail.evaluation": ("评价", "evaluation"),
    # ---- refusals of the store
    "duban.err.title_missing": ("请填写督办事项的标题。", "Give the follow-up a title."),
    "duban.err.title_long": (
        "标题最多 {max} 个字，现在是 {n} 个字。",
        "A title may hold at most {max} characters; this one has {n}.",
    ),
    "duban.err.text_long": (
        "内容最多 {max} 个字，现在是 {n} 个字。",
        "The text may hold at most {max} characters; this one has {n}.",
    ),
    "duban.err.person_long": (
        "责任人最多 {max} 个字，现在是 {n} 个字。",
        "The person may hold at most {max} characters; this has {n}.",
    ),
    "duban.err.unit_long": (
        "责任单位最多 {max} 个字，现在是 {n} 个字。",
        "The responsible unit may hold at most {max} characters; this has {n}.",
    ),
    "duban.err.unit_missing": ("请填写责任单位。", "Name the responsible unit."),
    "duban.err.unit_kind": (
        "责任单位类型“{value}”无效：应为 committee、company、body 或 text。",
        "Unknown kind of unit “{value}”: use committee, company, body or text.",
    ),
    "duban.err.body": (
        "“{value}”不是“1+2+X”单位：应为 owners_committee、property_company、police、"
        "urban_management 或 sanitation。",
        "“{value}” is not a “1+2+X” body: use owners_committee, property_company, police, "
        "urban_management or sanitation.",
    ),
    "duban.err.deadline": (
        "截止日期无效，应写作 YYYY-MM-DD，例如 2012-01-31。",
        "The deadline is not a date: write it as YYYY-MM-DD, e.g. 2012-01-31.",
    ),
    "duban.err.deadline_past": (
        "截止日期不能早于今天（{day}）。",
        "The deadline cannot be before today ({day}).",
    ),
    "duban.err.subject": ("督办对象“{value}”无效。", "Unknown subject “{value}”."),
    "duban.err.indicator": (
        "指标“{value}”不是有目标的考核指标。",
        "“{value}” is not an indicator with a target.",
    ),
    "duban.err.indicator_community": (
        "针对指标的督办事项须指明社区。",
        "A follow-up on an indicator needs its community.",
    ),
    "duban.err.case": (
        "案件须指明来源（议题或网格案件）和编号。",
        "A case needs its source (issue or grid case) and its number.",
    ),
    "duban.err.scope": (
        "该事项涉及您可见范围以外的社区（或全镇），不能交办或修改。",
        "This item concerns a community outside your scope (or the whole town): it cannot be "
        "assigned or changed.",
    ),
    "duban.err.not_found": ("没有编号为 {id} 的督办事项。", "There is no follow-up number {id}."),
    "duban.err.status": ("状态“{value}”无效。", "Unknown status “{value}”."),
    "duban.err.move": (
        "事项当前为“{old}”，不能改为“{new}”。",
        "The item is “{old}”: it cannot become “{new}”.",
    ),
    "duban.err.reason_missing": ("退回须写明原因。", "A return needs its reason."),
    "duban.err.evaluation_missing": (
        "办结须选择评价：满意、基本满意或不满意。",
        "Closing needs an evaluation: satisfied, mostly satisfied or not satisfied.",
    ),
    "duban.err.hidden": (
        "文字中含有不可见或改变文字方向的字符（{chars}），请删除后重试。",
        "The text holds characters that are invisible or reorder it ({chars}): remove them.",
    ),
    "duban.err.feedback_missing": ("请填写反馈内容。", "Write the feedback."),
}
