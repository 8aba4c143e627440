"""Strings of the long-term management page (长效管理)."""

STRINGS: dict[str, tuple[str, str]] = {
    "longterm.title": ("长效管理平台", "Long-term management"),
    "longterm.subtitle": (
        "政府负责 · 三个同步、人岗双规范、社区物业双考核、财力精神双激励、网格化与环境卫生两项长效机制",
        "Government responsible · three in step, standard posts and staff, two assessments, "
        "two incentives, grid management and sanitation",
    ),
    "longterm.whatif_link": (
        "情景推演：调整奖励基金标准、上限和三方评分权重",
        "What-if: change the reward fund's rate and cap and the scoring weights",
    ),
    "longterm.kpi.fee_first": (
        "数据首季度 {quarter}：{value}",
        "First quarter of the data, {quarter}: {value}",
    ),
    "longterm.kpi.fewer_better": ("天数越少越好", "Fewer days is better"),
    "longterm.kpi.fund_year": (
        "{year}年全镇已用奖励基金 {used}，剩余 {left}",
        "{year}: town fund used {used}, left {left}",
    ),
    # ---- fee collection story
    "longterm.fee.header": (
        "物业费收缴率：从约20%到约60%",
        "Property-fee collection: from about 20% to about 60%",
    ),
    "longterm.fee.help": (
        "收缴率 = 按季度足额缴纳物业费的住户 ÷ 应缴住户。下图始终显示数据的全部季度，阴影部分为所选时间范围。",
        "Collection rate = households that paid the quarter's fee in full ÷ households billed. "
        "The chart always spans every quarter of the data; the shaded band is the selected period.",
    ),
    "longterm.fee.story": (
        "**{scope}物业费收缴率从 {first_q} 的 {first} 升至 {last_q} 的 {last}，提高 {rise} 个百分点。**",
        "**{scope}: property-fee collection rose from {first} in {first_q} to {last} in {last_q}, "
        "up {rise} percentage points.**",
    ),
    "longterm.fee.story_down": (
        "**{scope}物业费收缴率从 {first_q} 的 {first} 降至 {last_q} 的 {last}，下降 {rise} 个百分点。**",
        "**{scope}: property-fee collection fell from {first} in {first_q} to {last} in {last_q}, "
        "down {rise} percentage points.**",
    ),
    "longterm.fee.story_target_met": ("已达到目标 {target}。", "The target of {target} is met."),
    "longterm.fee.story_target_gap": (
        "距目标 {target} 还差 {gap} 个百分点。",
        "{gap} points short of the target of {target}.",
    ),
    "longterm.fee.chart": (
        "物业费收缴率（全部季度）",
        "Property-fee collection rate (every quarter)",
    ),
    "longterm.fee.target_line": ("目标 {value}", "Target {value}"),
    "longterm.fee.mode": ("显示", "Show"),
    "longterm.fee.mode.community": ("按社区", "By community"),
    "longterm.fee.mode.company": ("按物业公司", "By property company"),
    "longterm.fee.scope_some": ("所选社区合计", "Selected communities"),
    "longterm.fee.none": (
        "所选社区没有物业费收缴数据（村没有物业管理的住房）。",
        "The selected communities have no property-fee bills (the village has no managed housing).",
    ),
    # ---- breakdown
    "longterm.breakdown.measure": ("比较指标", "Indicator"),
    "longterm.breakdown.missing": (
        "本季度没有该指标数据的社区未列出：{names}",
        "Not shown (no data for this indicator in the quarter): {names}",
    ),
    # ---- property assessment
    "longterm.property.header": ("物业绩效考核", "Property performance assessment"),
    "longterm.property.weights": (
        "考核得分 = 自评 × {w_self} + 镇考核 × {w_town} + 居民评议 × {w_residents}；公司管理多个社区时按管理面积加权。",
        "Score = self × {w_self} + town × {w_town} + residents × {w_residents}; "
        "a company managing several communities is weighted by managed area.",
    ),
    "longterm.property.chart": (
        "各物业公司考核得分（{quarter}）",
        "Assessment scores by company ({quarter})",
    ),
    "longterm.property.trend": ("物业公司考核得分走势", "Company assessment scores over time"),
    "longterm.property.none_at": (
        "{quarter} 没有物业考核数据。",
        "No property assessment in {quarter}.",
    ),
    # ---- reward fund
    "longterm.reward.header": ("物业奖励基金", "Property reward fund"),
    "longterm.reward.formula": (
        "**计算公式：** 每季度奖励金 = 考核得分% × {rate} 元/平方米·月 × {months} 个月 × 管理面积；"
        "全年奖励基金上限 {cap}，按季度发放。例：得分 90 分、管理面积 10 万平方米的物业公司，"
        "每季度可得 90% × {rate} × {months} × 100,000 = {example}。",
        "**Formula:** quarterly reward = score% × {rate} yuan per m² per month × {months} months × "
        "managed area; the fund is capped at {cap} a year and paid quarterly. For example, a "
        "company scoring 90 with 100,000 m² earns 90% × {rate} × {months} × 100,000 = {example} "
        "a quarter.",
    ),
    "longterm.reward.chart": (
        "各物业公司每季度奖励金（万元）",
        "Reward paid per company and quarter (10k yuan)",
    ),
    "longterm.reward.table": (
        "奖励金与公式核对（按公司、季度）",
        "Reward paid against the formula (by company and quarter)",
    ),
    "longterm.fund.chart": (
        "奖励基金年度使用情况（万元）",
        "Reward fund used and left per year (10k yuan)",
    ),
    "longterm.fund.used": ("已发放", "Used"),
    "longterm.fund.left": ("剩余", "Left"),
    "longterm.fund.cap_line": ("年度上限", "Annual cap"),
    "longterm.fund.note": (
        "奖励基金是全镇的统一额度，年度使用和剩余按全镇统计；“所选社区”列为当前筛选社区获得的部分。",
        "The fund is one town-wide budget, so used and left are town totals; the "
        "'selected communities' column is the part paid for the communities in the filter.",
    ),
    "longterm.reward.none": (
        "所选时间范围和社区内没有奖励金发放记录。",
        "No reward payments for the selected period and communities.",
    ),
    # ---- trends
    "longterm.trends.header": ("所选时间范围内的走势", "Trends over the selected period"),
    "longterm.trends.scores": ("考核与卫生得分", "Assessment and sanitation scores"),
    "longterm.trends.rates": ("收缴率与结案率（%）", "Collection and closure rates (%)"),
    "longterm.trends.days": (
        "网格案件平均结案天数（越少越好）",
        "Mean days to close a grid case (fewer is better)",
    ),
    # ---- grid management
    "longterm.grid.header": ("城管网格化管理", "Grid-based city management"),
    "longterm.grid.help": (
        "按发现日期所在季度统计；结案率 = 已结案件 ÷ 发现案件，平均结案天数只计已结案件，天数越少越好。",
        "Cases count in the quarter they were reported; closure rate = closed ÷ reported; mean "
        "days to close counts closed cases only (fewer is better).",
    ),
    "longterm.grid.chart": ("各类案件：已结与未结", "Cases by category: closed and open"),
    "longterm.grid.none": (
        "所选时间范围和社区内没有网格案件。",
        "No grid cases for the selected period and communities.",
    ),
    # ---- staff posts
    "longterm.staff.header": ("社区岗位与一级预算经费", "Community posts and first-level budget"),
    "longterm.staff.help": (
        "人员、岗位“双规范”：社区干部报酬和管理经费全部纳入镇一级预算。按所选时间范围涉及的年度统计，单位万元。",
        "Standard posts and staff: all community cadres' pay and management costs are in the "
        "town's first-level budget. Years touched by the selected period; in 10k yuan.",
    ),
    "longterm.staff.chart": ("各岗位一级预算经费（万元）", "First-level budget by post (10k yuan)"),
    # ---- records
    "longterm.records.kind": ("记录类别", "Record type"),
    "longterm.records.fees": ("物业费收缴", "Property-fee billing"),
    "longterm.records.grid": ("网格案件", "Grid cases"),
    "longterm.records.property": ("物业考核", "Property assessments"),
    "longterm.records.community": ("社区专项考核", "Community assessments"),
    "longterm.records.reward": ("奖励金发放", "Reward payments"),
    "longterm.records.sanitation": ("环境卫生检查", "Sanitation inspections"),
    "longterm.records.staff": ("岗位与经费", "Posts and budget"),
    "longterm.fees.last_quarter": (
        "{quarter} 各户收缴明细（未足额缴纳的排在前面）",
        "Bills of {quarter}, per household (unpaid and part-paid first)",
    ),
    "longterm.fees.summary": ("按社区、季度汇总", "Summary per community and quarter"),
    "longterm.fees.full": (
        "下载所选时间范围内全部 {n} 条收缴明细（每户每季度一条）：",
        "Download all {n} bills in the selected period (one per household and quarter):",
    ),
    "longterm.fees.full_csv": ("下载全部明细 CSV", "Download all bills (CSV)"),
    "longterm.fees.full_xlsx": ("下载全部明细 Excel", "Download all bills (Excel)"),
    "longterm.fees.too_big": (
        "明细超过 Excel 单表上限（1,048,575 行），请下载 CSV 或缩小时间范围。",
        "Too many rows for one Excel sheet (1,048,575); download the CSV or narrow the period.",
    ),
    # ---- units and columns
    "longterm.unit.wan_yuan": ("万元", "10k yuan"),
    "longterm.unit.points": ("分", "Points"),
    "longterm.unit.cases": ("件", "Cases"),
    "longterm.yes": ("是", "Yes"),
    "longterm.no": ("否", "No"),
    "longterm.col.paid_in_full": ("足额缴纳", "Paid in full"),
    "longterm.col.households_billed": ("应缴户数", "Households billed"),
    "longterm.col.households_paid_full": ("足额缴纳户数", "Households paid in full"),
    "longterm.col.rate_pct": ("收缴率（%）", "Collection rate (%)"),
    "longterm.col.days_to_close": ("结案天数", "Days to close"),
    "longterm.col.formula_yuan": ("按公式应得（元）", "By the formula (yuan)"),
    "longterm.col.gap_yuan": ("实发与公式之差（元）", "Paid minus formula (yuan)"),
    "longterm.col.budget_wan": ("一级预算经费（万元）", "Budget (10k yuan)"),
    "longterm.col.communities": ("管理社区数", "Communities managed"),
    "longterm.col.quarters_paid": ("已发放季度数", "Quarters paid"),
    "longterm.col.cap_yuan": ("年度上限（元）", "Annual cap (yuan)"),
    "longterm.col.paid_town_yuan": ("全镇已发放（元）", "Paid, whole town (yuan)"),
    "longterm.col.left_yuan": ("剩余（元）", "Left (yuan)"),
    "longterm.col.used_pct": ("使用率（%）", "Used (%)"),
    "longterm.col.paid_scope_yuan": ("所选社区获得（元）", "Paid, selected communities (yuan)"),
    "longterm.col.category": ("案件类别", "Category"),
    "longterm.col.cases": ("案件数", "Cases"),
    "longterm.col.closed": ("已结案", "Closed"),
    "longterm.col.in_hand": ("办理中（未满30天）", "In hand (under 30 days)"),
    "longterm.col.open": ("未结案", "Open"),
    "longterm.col.status": ("案件状态", "Case status"),
    "longterm.col.closure_rate_pct": ("结案率（%）", "Closure rate (%)"),
    "longterm.col.mean_days_to_close": ("平均结案天数", "Mean days to close"),
    "longterm.col.score_self": ("自评", "Self"),
    "longterm.col.score_town": ("镇考核", "Town"),
    "longterm.col.score_residents": ("居民评议", "Residents"),
    "longterm.col.score": ("考核得分", "Total score"),
    "longterm.other_companies": ("其他{n}家公司", "{n} other companies"),
    "longterm.property.trend.some": (
        "物业考核得分走势（{n}家公司中最高与最低各{k}家）",
        "Property scores over time (the {k} best and {k} worst of {n} companies)",
    ),
}
