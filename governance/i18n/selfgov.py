"""Strings of the democratic self-governance page (民主自治)."""

STRINGS: dict[str, tuple[str, str]] = {
    "selfgov.title": ("民主自治平台", "Democratic self-governance"),
    "selfgov.subtitle": (
        "群众参与 · 公推直选、三会制度、星级楼道、志愿者队伍、矛盾调解",
        "Residents take part · direct elections, the three meetings, star-rated stairwells, volunteer teams, dispute mediation",
    ),
    # measures of this page (the shared ones are named in governance/indicators.py)
    # KPI row
    "selfgov.kpis": ("核心指标", "Key figures"),
    "selfgov.kpis.help": (
        "指标值为所选区间最后一个季度的数值；参选率为各社区截至该季度最近一次选举的参选率（所选区间内须有选举）；"
        "调解纠纷数越少越好。",
        "Values are for the last quarter of the period; turnout is each community's latest election by then "
        "(the period must hold an election); fewer disputes is better.",
    ),
    "selfgov.note.round": ("本季度评定轮次：{date}", "Rating round this quarter: {date}"),
    "selfgov.note.no_round": (
        "{quarter}没有楼道星级评定（评定自 {first} 起）",
        "No stairwell rating in {quarter} (ratings began {first})",
    ),
    "selfgov.note.no_election": (
        "所选时间段内没有举行公推直选",
        "No election was held in the selected period",
    ),
    "selfgov.note.elections": (
        "所选时间段内选举 {n} 场，{first} 至 {last}",
        "{n} elections in the period, {first} to {last}",
    ),
    "selfgov.note.decisions": (
        "本季度形成决议 {adopted} 项，落实 {done} 项",
        "This quarter: {adopted} decisions adopted, {done} carried out",
    ),
    # star-rated stairwells
    "selfgov.star.header": ("星级楼道评定（五星楼道）", "Star-rated stairwells"),
    "selfgov.star.help": (
        "每轮评定给每个楼道评1至5星。柱子为各星级楼道的占比（五星在下），黑线为三星及以上楼道占比。"
        "用下方选择框或点击表格的一行，可从社区下钻到楼栋、再到单个楼道。",
        "Each round rates every stairwell 1 to 5 stars. Bars: the share at each star level (five stars at the bottom); "
        "black line: the share at three stars or more. Drill from a community to a building and a single stairwell "
        "with the boxes below or by clicking a table row.",
    ),
    "selfgov.star.n": ("{n}星", "{n}★"),
    "selfgov.star.first": ("首轮", "First round"),
    "selfgov.star.last": ("最近一轮", "Latest round"),
    "selfgov.star.share_axis": ("楼道占比", "Share of stairwells"),
    "selfgov.star.round_axis": ("评定轮次", "Rating round"),
    "selfgov.star.line3": ("三星线", "three-star line"),
    "selfgov.star.chart": ("各轮评定星级分布：{scope}", "Stars per rating round: {scope}"),
    "selfgov.star.rise": (
        "**三星及以上楼道占比：{first_date} 首轮 {first} → {last_date} 最近一轮 {last}（{change}）**",
        "**Stairwells at three stars or more: {first} in the first round ({first_date}) → {last} in the latest ({last_date}), {change}**",
    ),
    "selfgov.star.one_round": (
        "**三星及以上楼道占比：{date} 评定 {share}**（所选时间段内只有一轮评定）",
        "**Stairwells at three stars or more: {share} on {date}** (one rating round in the period)",
    ),
    "selfgov.star.stairwell": (
        "**{id} 楼道：{first_date} 首轮 {first} 星 → {last_date} 最近一轮 {last} 星**（三星及以上为达标）",
        "**Stairwell {id}: {first} stars in the first round ({first_date}) → {last} stars in the latest ({last_date})** (three stars or more meets the standard)",
    ),
    "selfgov.star.no_ratings": (
        "{scope}在所选时间段内没有楼道星级评定记录（村没有楼道）。",
        "{scope} has no stairwell ratings in the selected period (the village has no stairwells).",
    ),
    "selfgov.rounds.none": (
        "所选社区没有楼道星级评定记录（村没有楼道）。",
        "The selected communities have no stairwell ratings (the village has no stairwells).",
    ),
    "selfgov.rounds.before": (
        "星级楼道评定自{first_quarter}起开展（首轮评定 {first}，共 {n} 轮，最近一轮 {last}）。"
        "所选时间段（{start}至{end}）在首轮之前，还没有评定结果。请把时间范围延伸到{first_quarter}及以后。",
        "Stairwell star ratings began in {first_quarter} (first round {first}; {n} rounds, the latest {last}). "
        "The selected period ({start} to {end}) lies before the first round, so there are no ratings yet. "
        "Extend the period to {first_quarter} or later.",
    ),
    "selfgov.rounds.after": (
        "所选时间段（{start}至{end}）在最近一轮评定（{last}）之后，没有新的评定结果。",
        "The selected period ({start} to {end}) lies after the latest rating round ({last}); there are no newer ratings.",
    ),
    "selfgov.rounds.between": (
        "所选时间段（{start}至{end}）内没有评定轮次（首轮 {first}，最近一轮 {last}）。",
        "No rating round falls in the selected period ({start} to {end}); the rounds run from {first} to {last}.",
    ),
    "selfgov.drill.stairwell": ("楼道", "Stairwell"),
    "selfgov.drill.building_label": ("{n}号楼（{id}）", "Building {n} ({id})"),
    "selfgov.drill.stairwell_label": ("{n}单元（{id}）", "Entrance {n} ({id})"),
    "selfgov.drill.all": ("全部", "All"),
    "selfgov.drill.scope_all": ("所选社区", "selected communities"),
    "selfgov.drill.scope_building": ("{community} {id} 号楼", "{community}, building {id}"),
    "selfgov.drill.scope_stairwell": (
        "{building} 号楼 {id} 楼道",
        "building {building}, stairwell {id}",
    ),
    "selfgov.drill.by_community": (
        "各社区三星及以上楼道：首轮与最近一轮（变化为百分点；点击一行下钻到楼栋）",
        "Stairwells at 3+ stars per community, first and latest round (change in points; click a row to see its buildings)",
    ),
    "selfgov.drill.by_building": (
        "各楼栋三星及以上楼道：首轮与最近一轮（变化为百分点；点击一行查看楼道）",
        "Stairwells at 3+ stars per building, first and latest round (change in points; click a row to see its stairwells)",
    ),
    "selfgov.drill.by_stairwell": (
        "各楼道历轮星级（点击一行查看该楼道）",
        "Stars of each stairwell per round (click a row to follow one stairwell)",
    ),
    "selfgov.drill.history": ("楼道历轮星级：{scope}", "Stairwell history: {scope}"),
    "selfgov.col.building": ("楼栋", "Building"),
    "selfgov.col.rated": ("参评楼道", "Rated"),
    "selfgov.col.star3": ("三星+", "3+ stars"),
    "selfgov.col.first_share": ("首轮%", "First %"),
    "selfgov.col.last_share": ("最近一轮%", "Latest %"),
    "selfgov.col.change": ("变化", "Change (pp)"),
    "selfgov.col.stars": ("星级", "Stars"),
    # breakdown by community
    "selfgov.breakdown.header": ("社区对比", "Communities compared"),
    "selfgov.breakdown.measure": ("对比指标", "Measure"),
    "selfgov.breakdown.none": (
        "{quarter}没有社区有该指标的数据。",
        "No community has data on this measure in {quarter}.",
    ),
    "selfgov.breakdown.missing": ("无数据：{names}", "No data: {names}"),
    # elections
    "selfgov.election.header": ("公推直选", "Direct elections"),
    "selfgov.election.chart": (
        "各社区选举参选率（参选人数 / 选民数）",
        "Turnout per community (votes cast / eligible voters)",
    ),
    "selfgov.election.year": ("{year}年选举", "{year} election"),
    "selfgov.election.none": (
        "所选时间段（{start}至{end}）内没有举行居委会选举。选举约每三年一届，请放宽时间范围。",
        "No residents' committee election was held in the selected period ({start} to {end}). Widen the period.",
    ),
    # three meetings
    "selfgov.meetings.header": (
        "三会：议事会、听证会、协调会",
        "The three meetings: deliberation, hearing, coordination",
    ),
    "selfgov.meetings.chart": (
        "每季度召开的三会与决议落实率",
        "Meetings per quarter and decisions carried out",
    ),
    "selfgov.meetings.axis": ("会议次数", "Meetings"),
    "selfgov.meetings.attendance": ("参会", "attended by"),
    "selfgov.meetings.summary": ("所选时间段合计", "Totals over the period"),
    "selfgov.meetings.none": (
        "所选时间段内没有召开议事会、听证会或协调会。",
        "No deliberation, hearing or coordination meeting was held in the selected period.",
    ),
    "selfgov.col.kind": ("会议类型", "Kind"),
    "selfgov.col.meetings": ("召开次数", "Meetings"),
    "selfgov.col.attendance": ("参会人次", "Attendance"),
    "selfgov.col.attendance_per_meeting": ("场均参会人数", "Attendance per meeting"),
    "selfgov.col.decisions_adopted": ("形成决议", "Decisions adopted"),
    "selfgov.col.decisions_implemented": ("落实决议", "Decisions carried out"),
    "selfgov.col.carried_out_pct": ("落实率（%）", "Carried out (%)"),
    # volunteers
    "selfgov.volunteers.header": ("志愿者队伍", "Volunteer teams"),
    "selfgov.volunteers.chart": (
        "各队伍在册志愿者与有志愿者的住户占比",
        "Volunteers by team and households with a volunteer",
    ),
    "selfgov.volunteers.claim": (
        "报告称“基本上每户都有成员参加志愿者队伍”。截至{quarter}，有志愿者的住户占 {share}，在册志愿者 {n} 人。",
        "The report says that basically every household has a member in a volunteer team. At {quarter}, {share} of households have a volunteer; {n} volunteers are on the rolls.",
    ),
    "selfgov.volunteers.axis": ("在册志愿者（人）", "Volunteers"),
    "selfgov.volunteers.table": (
        "各社区志愿者（截至{quarter}，点击一行下钻到该社区）",
        "Volunteers per community (at {quarter}; click a row to drill down)",
    ),
    "selfgov.volunteers.none": (
        "截至所选时间段末，所选社区还没有志愿者。",
        "The selected communities have no volunteers by the end of the period.",
    ),
    "selfgov.col.total": ("志愿者合计", "Volunteers"),
    "selfgov.col.households_with_volunteer": ("有志愿者的住户", "Households with a volunteer"),
    "selfgov.col.households": ("住户", "Households"),
    "selfgov.col.household_share": ("住户占比（%）", "Share of households (%)"),
    # mediations
    "selfgov.mediations.header": ("矛盾调解", "Dispute mediation"),
    "selfgov.mediations.chart": (
        "每季度调解纠纷数与调解成功率",
        "Disputes mediated per quarter and the success rate",
    ),
    "selfgov.mediations.axis": ("纠纷（件）", "Disputes"),
    "selfgov.mediations.none": (
        "所选时间段内没有调解记录。",
        "No dispute was mediated in the selected period.",
    ),
    # records
    "selfgov.records.ratings": ("星级评定", "Stairwell ratings"),
    "selfgov.records.meetings": ("三会", "Three meetings"),
    "selfgov.records.elections": ("选举", "Elections"),
    "selfgov.records.mediations": ("调解", "Mediations"),
    "selfgov.records.volunteers": ("志愿者", "Volunteers"),
    "selfgov.records.ratings_help": (
        "范围：{scope}，所选时间段内的各轮评定，最近一轮在前。",
        "Scope: {scope}; every rating round in the period, newest first.",
    ),
    "selfgov.records.volunteers_help": (
        "截至{quarter}在册的志愿者（只有编号，不含个人信息），最近加入的在前。",
        "Volunteers on the rolls at {quarter} (ids only, no personal data), newest first.",
    ),
    "selfgov.col.turnout_pct": ("参选率（%）", "Turnout (%)"),
}
