"""Strings of the regional party-building page (区域大党建平台)."""

STRINGS: dict[str, tuple[str, str]] = {
    "party.title": ("区域大党建平台", "Regional party-building"),
    "party.subtitle": (
        "党委领导 · “1+2+X”管理体系、社区管理联席会议、兼职党总支委员、党建联建与军警民联防",
        "Led by the Party committee · the 1+2+X system, joint meetings, part-time committee members, co-construction pairings and joint defence",
    ),
    # ---- KPI tiles ---------------------------------------------------------------------------
    "party.kpi.contribution_value": ("共建资源投入折合金额", "Value of partner contributions"),
    "party.kpi.bodies": ("1+2+X 组织数", "1+2+X bodies"),
    "party.note.meetings": (
        "本季度提出议题 {issues} 项；平均每次会议 {units} 个单位参会",
        "{issues} issues raised this quarter; {units} units present per meeting on average",
    ),
    "party.note.resolution": (
        "本季度提出的 {raised} 项议题中已解决 {resolved} 项（按提出季度统计）",
        "{resolved} of the {raised} issues raised this quarter are resolved (counted by the quarter raised)",
    ),
    "party.note.days": (
        "本季度提出并已解决的 {n} 项议题，从提出到解决的平均天数；越少越好",
        "Mean days from raising to resolving, over the {n} issues raised this quarter and resolved; fewer is better",
    ),
    "party.note.patrols": (
        "本季度发现隐患 {found} 处",
        "{found} hazards found this quarter",
    ),
    "party.note.hazards": (
        "本季度发现隐患 {found} 处，处置 {handled} 处",
        "{handled} of {found} hazards found this quarter were handled",
    ),
    "party.note.partners": (
        "季度末在册结对；本季度投入资源 {n} 次，折合 {value}",
        "Pairings in place at the quarter's end; {n} contributions worth {value} this quarter",
    ),
    "party.note.members": (
        "来自共建单位、公安、物业公司等外部单位，季度末在任",
        "From partner units, police, property companies and other outside units, in office at the quarter's end",
    ),
    # ---- trends ------------------------------------------------------------------------------
    "party.trend.resolution": ("议题解决率", "Issue resolution rate"),
    "party.trend.days": ("议题平均解决天数（越少越好）", "Mean days to resolve (fewer is better)"),
    "party.trend.patrols": ("军警民联防巡逻与隐患", "Joint patrols and hazards"),
    "party.trend.person_times": ("巡逻参与人次", "Patrol person-times"),
    "party.trend.hazard_rate": ("隐患处置率", "Hazards handled"),
    "party.trend.resources": (
        "共建单位与兼职委员（季度末在册）",
        "Partner units and part-time members (at each quarter's end)",
    ),
    "party.series.meetings": ("召开会议", "Meetings held"),
    "party.series.raised": ("提出议题", "Issues raised"),
    "party.series.resolved": ("已解决议题", "Issues resolved"),
    "party.series.open": ("未解决议题", "Issues open"),
    "party.series.patrols": ("巡逻次数", "Patrols"),
    "party.series.found": ("发现隐患", "Hazards found"),
    "party.series.handled": ("处置隐患", "Hazards handled"),
    "party.series.rate": ("比率", "Rate"),
    "party.series.days": ("平均天数", "Mean days"),
    "party.series.value": ("折合金额", "Value"),
    "party.unit.count": ("次/项", "count"),
    "party.unit.pct": ("%", "%"),
    "party.unit.days": ("天", "days"),
    "party.unit.person_times": ("人次", "person-times"),
    "party.unit.units": ("个/人", "count"),
    # ---- breakdown by community ----------------------------------------------------------------
    "party.by_community.help": (
        "与上方指标卡相同，按{quarter}比较：会议、议题、巡逻和投入为该季度数，组织、共建单位和兼职委员为季度末在册数（区间合计见下方明细）。有目标的指标按目标着色并标注：√ 达标（绿）、! 接近目标（黄）、× 未达标（红）。",
        "As on the tiles above, compared for {quarter}: meetings, issues, patrols and contributions in that quarter; bodies, partner units and part-time members in place at its end (period totals are in the records below). Indicators with a target are coloured and marked by it: √ on target (green), ! near (amber), × below (red).",
    ),
    "party.measure": ("比较指标", "Measure"),
    # ---- 1+2+X ----------------------------------------------------------------------------------
    "party.bodies": ("“1+2+X”组织体系", "The 1+2+X system"),
    "party.bodies.help": (
        "1 = 社区党总支（核心）；2 = 工作站、居委会（主体）；X = 业委会、物业公司、公安、城管、环卫等。单元格为代表人数，“—”表示截至{quarter}尚未加入。点击一行可下钻到该社区。",
        "1 = the community party general branch (the core); 2 = the workstation and the residents' committee; X = owners' committee, property company, police, city management, sanitation. Cells give representatives; a dash means not yet joined by {quarter}. Click a row to drill down.",
    ),
    "party.col.structure": ("构成（1+2+X）", "Make-up (1+2+X)"),
    "party.col.representatives": ("代表合计", "Representatives"),
    # ---- issues by category ---------------------------------------------------------------------
    "party.categories": ("联席会议议题类别", "Joint-meeting issues by category"),
    "party.categories.chart": ("各类议题：已解决与未解决", "Issues resolved and open, by category"),
    # ---- partners -------------------------------------------------------------------------------
    "party.partners": (
        "党建联建：共建单位与资源投入",
        "Co-construction: partner units and what they provide",
    ),
    "party.partners.help": (
        "镇党委牵头，企业（如同盛公司）、高校（如海洋大学）、部队、公安与社区结对，提供场地、设施、图书和讲座。单位数为区间末在册结对，投入为所选区间合计。",
        "Led by the town Party committee, enterprises (e.g. Tongsheng), universities (e.g. the Ocean University), military units and police pair with communities and provide venues, facilities, books and lectures. Units are pairings in place at the period's end; contributions are totals over the period.",
    ),
    "party.partners.chart": (
        "各类单位投入折合金额（万元）",
        "Value provided by kind of unit (10,000 yuan)",
    ),
    "party.partners.units_chart": ("各类共建单位数（结对）", "Partner units (pairings) by kind"),
    # ---- part-time members ----------------------------------------------------------------------
    "party.members": ("兼职党总支委员", "Part-time committee members"),
    "party.members.help": (
        "从驻区单位吸收的兼职党总支委员，截至{quarter}在任，按来源单位类型。点击柱形可下钻到该社区。",
        "Part-time members of the party general branch committees drawn from outside units, in office at {quarter}, by the kind of unit. Click a bar to drill down.",
    ),
    "party.members.chart": (
        "各社区兼职委员（按来源单位）",
        "Part-time members by community and unit",
    ),
    # ---- records --------------------------------------------------------------------------------
    "party.rec.meetings": ("联席会议与议题", "Joint meetings and issues"),
    "party.rec.contributions": ("资源投入", "Contributions"),
    "party.rec.patrols": ("联防巡逻", "Joint patrols"),
    "party.rec.partners": ("共建单位", "Partner units"),
    "party.rec.members": ("兼职委员", "Part-time members"),
    "party.rec.help": (
        "会议、投入和巡逻为所选区间内的记录；共建单位和兼职委员为区间末在册的记录。最新的在前。",
        "Meetings, contributions and patrols are those in the selected period; partner units and part-time members are those in place at its end. Newest first.",
    ),
    "party.none": ("所选范围内没有此类记录。", "No records of this kind in the selected scope."),
    # ---- column labels of computed or renamed columns -------------------------------------------
    "party.col.days_to_resolve": ("解决用时（天）", "Days to resolve"),
    "party.col.status": ("议题状态", "Issue status"),
    "party.col.partner_name": ("单位名称", "Partner unit"),
    "party.col.partner_kind": ("单位类型", "Kind of unit"),
    "party.col.contribution_kind": ("资源类型", "Resource"),
    "party.col.quantity": ("数量（次/件）", "Quantity"),
    "party.col.value_yuan": ("折合金额（元）", "Value (yuan)"),
    "party.col.contributions": ("投入次数", "Contributions"),
    "party.col.partner_units": ("共建单位数", "Partner units"),
    "party.col.communities": ("结对社区数", "Communities paired"),
    "party.col.category": ("议题类别", "Category"),
    "party.col.resolution_rate": ("解决率（%）", "Resolution rate (%)"),
    "party.col.mean_days": ("平均解决天数", "Mean days to resolve"),
    "party.col.unit_kind": ("来源单位类型", "From unit"),
    "party.status.resolved": ("已解决", "Resolved"),
    "party.status.open": ("未解决", "Open"),
    "party.status.in_hand": ("办理中（提出未满30天）", "In hand (raised under 30 days ago)"),
    "party.status.none": ("本次会议无议题", "No issue raised"),
}
