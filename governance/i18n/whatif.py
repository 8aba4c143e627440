"""Strings of the what-if page (情景推演)."""

STRINGS: dict[str, tuple[str, str]] = {
    "whatif.title": ("情景推演", "What-if scenarios"),
    "whatif.subtitle": (
        "改变一个杠杆，与基准并排比较：物业奖励基金、三方评分权重、指标目标、物业费收缴目标；"
        "方案可保存、比较，链接可复现",
        "Change a lever and compare it with the baseline: the property reward fund, three-party "
        "scoring weights, targets, the fee-collection goal; save and compare scenarios, share a "
        "link that reproduces them",
    ),
    "whatif.tab.fund": ("奖励基金", "Reward fund"),
    "whatif.tab.scoring": ("三方评分", "Three-party scoring"),
    "whatif.tab.targets": ("指标目标", "Targets"),
    "whatif.tab.fee": ("收缴率目标", "Collection goal"),
    "whatif.tab.saved": ("保存与比较", "Save and compare"),
    # ---- link, baseline, messages
    "whatif.link": ("本方案的链接", "Link to this scenario"),
    "whatif.link.help": (
        "复制链接发给他人：打开后是同样的时段、社区和方案参数，看到同样的数字。",
        "Send this link: it opens the same period, communities and scenario, with the same "
        "numbers.",
    ),
    "whatif.changes": ("相对基准的改动", "Changes from the baseline"),
    "whatif.baseline_only": (
        "当前为基准方案（现行办法），尚未改动参数。",
        "This is the baseline (the current rules): nothing changed yet.",
    ),
    "whatif.baseline.help": (
        "基准 = 现行办法：0.1 元/平方米·每月，年度上限 100 万元，不设最低分，超出上限按比例缩减；"
        "三方权重 20% / 50% / 30%，优秀 90 分、良好 75 分；目标为数据中的现行目标；收缴率目标 60%。",
        "Baseline = the current rules: 0.1 yuan/m² per month, annual cap 1,000,000 yuan, no "
        "minimum score, pro rata over the cap; weights 20% / 50% / 30%, excellent 90, good 75; "
        "the targets in the data; collection goal 60%.",
    ),
    "whatif.reset": ("恢复基准", "Back to the baseline"),
    "whatif.url.bad": ("链接中的方案参数有误：", "A scenario parameter in the link is invalid: "),
    "whatif.not_computed": (
        "参数有误，暂不计算。请按上面的提示修改。",
        "A parameter is invalid, so nothing is computed. Correct it as described above.",
    ),
    "whatif.baseline": ("基准", "Baseline"),
    "whatif.scenario": ("方案", "Scenario"),
    "whatif.vs_baseline": ("较基准", "vs baseline"),
    "whatif.same": ("持平", "no change"),
    "whatif.same_as_baseline": ("与基准相同", "same as baseline"),
    "whatif.n_quarters": ("{n} 个季度", "{n} quarters"),
    "whatif.unit.points": ("分", "points"),
    "whatif.unit.hh": ("户", " households"),
    "whatif.cancel": ("取消", "Cancel"),
    # ---- reward fund
    "whatif.fund.intro": (
        "**奖励金 = 考核得分% × 奖励标准（元/平方米）× 月数 × 管理面积**，按季度发放，全年不超过"
        "年度上限；每季度可用额度为上限的四分之一，加上同年此前季度未用完的部分。",
        "**Reward = assessment score % × rate (yuan/m²) × months × managed area**, paid "
        "quarterly within the annual cap; each quarter may use a quarter of the cap plus what "
        "earlier quarters of the year left unspent.",
    ),
    "whatif.fund.rate": ("奖励标准（元/平方米）", "Rate (yuan/m²)"),
    "whatif.fund.rate.help": (
        "每平方米管理面积的奖励标准，应大于 0 且不超过 1 元；现行 0.1 元。",
        "Reward per m² of managed area: more than 0 and at most 1 yuan; currently 0.1.",
    ),
    "whatif.fund.period": ("标准的计算周期", "Rate applies per"),
    "whatif.fund.period.help": (
        "原文未写明 0.1 元/平方米是每月还是每季度：按每月计，满分时全年约 96 万元，与 100 万元"
        "基金相符。",
        "The source does not say whether 0.1 yuan/m² is per month or per quarter; per month a "
        "full score gives about 960,000 yuan a year, matching the 1,000,000 fund.",
    ),
    "whatif.fund.cap.help": (
        "全镇每年的奖励基金总额，0–10,000,000 元；现行 1,000,000 元。",
        "The town's reward fund per year, 0–10,000,000 yuan; currently 1,000,000.",
    ),
    "whatif.fund.min": ("最低考核分", "Minimum score"),
    "whatif.fund.min.help": (
        "按公司、按季度执行：公司当季考核得分（其各社区得分按管理面积加权）不低于此分的，该季度"
        "各社区照常发放；低于此分的，该季度不发放。0–100 分，0 表示不设门槛。",
        "Applied per company and quarter: a company whose score for the quarter (its "
        "communities' scores weighted by managed area) is at least this is paid for all its "
        "communities that quarter; below it, nothing that quarter. 0–100; 0 means no threshold.",
    ),
    "whatif.fund.policy": ("超出上限时", "Over the cap"),
    "whatif.fund.policy.help": (
        "按比例缩减：各公司按同一比例缩减；按得分排序发放：得分高者先足额发放，额度用完为止。",
        "Pro rata: every claim is cut by the same share; rank order: the best scores are paid "
        "in full first until the money runs out.",
    ),
    "whatif.period.month": ("每月", "month"),
    "whatif.period.quarter": ("每季度", "quarter"),
    "whatif.policy.pro_rata": ("按比例缩减", "Pro rata"),
    "whatif.policy.rank": ("按得分排序发放", "Rank order"),
    "whatif.rate.value": ("{rate} 元/平方米·{period}", "{rate} yuan/m² per {period}"),
    "whatif.fund.tile.paid": ("奖励金发放", "Rewards paid"),
    "whatif.fund.tile.paid.help": (
        "方案下所选时段（{span}）、所选社区的奖励金合计；基准为 {base}。奖励金多少本身无所谓好坏，"
        "变化以蓝色显示。",
        "Total paid under the scenario in {span} to the selected communities; baseline {base}. "
        "More money is neither good nor bad, so changes are shown in blue.",
    ),
    "whatif.fund.tile.year": ("{year}年已用 / 上限 {cap}", "{year} used / cap {cap}"),
    "whatif.fund.tile.year.help": (
        "全镇当年已发放（截至所选末季度）与当年的年度上限，结余 {left}；基准已用 {base}"
        "（上限 {base_cap}）。",
        "Paid by the whole town that year (to the last selected quarter) against that year's "
        "cap, {left} left; baseline {base} used (cap {base_cap}).",
    ),
    "whatif.fund.tile.companies": ("获得奖励的公司", "Companies paid"),
    "whatif.fund.tile.companies.value": ("{n} / {total} 家", "{n} of {total}"),
    "whatif.fund.tile.companies.help": (
        "方案下有 {rows} 个公司·季度的考核得分（按管理面积加权）低于最低考核分，该季度未获奖励。",
        "Under the scenario, {rows} company-quarters scored (area-weighted) below the minimum "
        "and got nothing for that quarter.",
    ),
    "whatif.fund.tile.capped": ("触及上限的季度", "Quarters at the cap"),
    "whatif.fund.tile.capped.help": (
        "所选时段内申领总额超出可用额度、按超限办法分配的季度数（全镇）。",
        "Quarters of the period whose claims exceeded the money available and were cut by the "
        "over-cap policy (whole town).",
    ),
    "whatif.fund.scope_note": (
        "奖励基金按全镇计算（年度上限是全镇的，同年未用完的额度结转），再显示所选时段和社区的部分。",
        "The fund is computed for the whole town (the cap is the town's, unspent money carries "
        "forward within a year); the page then shows the selected period and communities.",
    ),
    "whatif.fund.chart.diff": (
        "各公司奖励金变化（方案 − 基准）",
        "Change in reward per company (scenario − baseline)",
    ),
    "whatif.grades.chart.same": (
        "与基准相同：各社区三方评分和等级没有变化",
        "Same as the baseline: no community's score or grade changes",
    ),
    "whatif.fund.chart.same": (
        "与基准相同：各公司奖励金没有变化",
        "Same as the baseline: no company's reward changes",
    ),
    "whatif.fund.chart.quarters": (
        "各季度发放：基准与方案",
        "Paid per quarter: baseline and scenario",
    ),
    "whatif.fund.by_company": ("各公司奖励金：基准与方案", "Reward per company"),
    "whatif.fund.by_year": ("年度基金使用与结余（全镇）", "The fund per year (whole town)"),
    "whatif.fund.by_year.help": (
        "上限、申领、发放、结余均为全镇全年数（截至所选末季度）。",
        "Cap, claims, payments and balance for the whole town and year (to the last selected "
        "quarter).",
    ),
    "whatif.fund.by_company_quarter": (
        "各公司各季度明细",
        "Per company and quarter",
    ),
    # ---- three-party scoring
    "whatif.scoring.intro": (
        "恩施经验：项目验收按三方加权评分（自评、组织考核、企业和居民评议）评为优秀、良好、一般。"
        "这里用物业考核的三方分数——自评、镇考核、居民评议——重新加权评级。三项权重之和须为 100%。",
        "Enshi practice: projects are accepted by a weighted three-party score (self-report, "
        "the organisation, enterprises and residents) graded excellent, good or fair. Here the "
        "property assessment's three parts — self, town, residents — are re-weighted. The "
        "weights must add up to 100%.",
    ),
    "whatif.scoring.w_self": ("自评权重（%）", "Self-assessment weight (%)"),
    "whatif.scoring.w_town": ("镇考核权重（%）", "Town assessment weight (%)"),
    "whatif.scoring.w_residents": ("居民评议权重（%）", "Residents' weight (%)"),
    "whatif.scoring.excellent": ("优秀分数线", "Excellent from"),
    "whatif.scoring.good": ("良好分数线", "Good from"),
    "whatif.scoring.total": (
        "权重合计：{total}%（须为 100%）",
        "Weights total {total}% (must be 100%)",
    ),
    "whatif.scoring.quarter": (
        "等级按所选区间最后一个季度 {quarter} 的考核评定；公司得分为其所管社区得分的平均。",
        "Grades are for the last quarter of the period, {quarter}; a company's score is the "
        "mean of its communities'.",
    ),
    "whatif.scoring.by_company": ("各公司等级：基准与方案", "Grades per company"),
    "whatif.scoring.by_community": ("各社区等级：基准与方案", "Grades per community"),
    "whatif.grade.excellent": ("优秀", "Excellent"),
    "whatif.grade.good": ("良好", "Good"),
    "whatif.grade.fair": ("一般", "Fair"),
    "whatif.move.better": ("上升", "up"),
    "whatif.move.worse": ("下降", "down"),
    "whatif.move.same": ("不变", "same"),
    "whatif.light_move.better": ("转好", "better"),
    "whatif.light_move.worse": ("转差", "worse"),
    "whatif.grades.tile.companies": ("{grade}公司", "Companies rated {grade}"),
    "whatif.grades.tile.moved": ("社区等级变化", "Community grades moved"),
    "whatif.grades.tile.moved.value": ("升 {better} · 降 {worse}", "{better} up · {worse} down"),
    "whatif.grades.tile.moved.help": (
        "按方案的权重和分数线，等级上升（绿）与下降（红）的社区数。",
        "Communities whose grade rises (green) or falls (red) under the scenario.",
    ),
    "whatif.grades.chart": (
        "各社区得分变化（方案 − 基准）：绿＝等级上升，红＝等级下降",
        "Score change per community (scenario − baseline): green = grade up, red = grade down",
    ),
    # ---- targets
    "whatif.targets.intro": (
        "选择要调整目标的指标，输入新的全镇目标值，看红绿灯和社区达标排名如何变化。达到目标为绿灯，"
        "差距不超过目标的 10% 为黄灯，否则为红灯。",
        "Choose indicators, enter new town-wide targets and see the traffic lights and the "
        "on-target ranking change. Green: target met; amber: missed by at most 10% of the "
        "target; red: missed by more.",
    ),
    "whatif.targets.pick": ("调整目标的指标", "Indicators to re-target"),
    "whatif.targets.pick.placeholder": ("选择一个或多个指标", "Choose one or more indicators"),
    "whatif.targets.input": ("{indicator}·方案目标", "{indicator}: scenario target"),
    "whatif.targets.current": ("现行全镇目标：{value}", "Current town target: {value}"),
    "whatif.targets.kept": (
        "以下社区有自己的目标，方案不改变：{items}",
        "These communities keep their own targets: {items}",
    ),
    "whatif.targets.quarter": (
        "指标值为所选区间的最后一个季度 {quarter}。",
        "Values are for the last quarter of the period, {quarter}.",
    ),
    "whatif.targets.tile.green": ("达标（绿灯）", "On target (green)"),
    "whatif.targets.tile.green.help": (
        "所选社区在所选末季度各指标中达到目标的项数（社区 × 指标）。",
        "Community × indicator cells meeting their target at the last selected quarter.",
    ),
    "whatif.targets.tile.red": ("未达标（红灯）", "Below target (red)"),
    "whatif.targets.tile.n": ("{n} / {total} 项", "{n} of {total}"),
    "whatif.targets.tile.moved": ("红绿灯变化", "Lights that change"),
    "whatif.targets.tile.moved.value": ("{n} 项", "{n}"),
    "whatif.targets.tile.moved.help": (
        "方案目标下红绿灯发生变化的社区 × 指标数。",
        "Community × indicator cells whose light changes under the scenario's targets.",
    ),
    "whatif.targets.tile.rank": ("达标排名变化", "On-target ranking"),
    "whatif.targets.tile.rank.value": ("升 {up} · 降 {down}", "{up} up · {down} down"),
    "whatif.targets.tile.rank.help": (
        "社区按达标项数（相同时按红灯少）排名；名次上升与下降的社区数。",
        "Communities ranked by indicators on target (then fewest red); how many move up or down.",
    ),
    "whatif.targets.chart": ("各社区达标项数：基准与方案", "Indicators on target per community"),
    "whatif.targets.chart.axis": ("达标项数", "Indicators on target"),
    "whatif.targets.changes": ("红绿灯发生变化的社区与指标", "Lights that change"),
    "whatif.targets.none_moved": (
        "方案目标下没有红绿灯发生变化。",
        "No light changes under the scenario's targets.",
    ),
    "whatif.targets.ranking": ("社区达标排名：基准与方案", "On-target ranking of communities"),
    # ---- fee collection
    "whatif.fee.intro": (
        "选择全镇物业费收缴率目标，看各社区需要达到的收缴率、差距和需新增的足额缴费户数。",
        "Choose a town-wide fee-collection goal and see the rate each community needs, how far "
        "it is and how many more households must pay in full.",
    ),
    "whatif.fee.target": ("全镇收缴率目标（%）", "Town collection goal (%)"),
    "whatif.fee.target.help": (
        "0–100%；默认 60%（实践后约达到的收缴水平）。",
        "0–100%; default 60% (about the level reached in practice).",
    ),
    "whatif.fee.methods": (
        "两种测算方法：**统一托底**——低于某一收缴率的社区都提高到该收缴率；"
        "**同比例缩小差距**——各社区按相同比例缩小与 100% 的差距。",
        "Two methods: **common floor** — every community below one rate rises to it; "
        "**same share of the gap** — every community closes the same share of its gap to 100%.",
    ),
    "whatif.fee.quarter": (
        "收缴数据为所选区间的最后一个季度 {quarter}；收缴率 = 足额缴费户数 ÷ 应缴户数。",
        "Billing of the last quarter of the period, {quarter}; rate = households paid in full "
        "÷ households billed.",
    ),
    "whatif.fee.tile.current": ("全镇现行收缴率", "Town collection now"),
    "whatif.fee.tile.target": ("全镇目标收缴率", "Town goal"),
    "whatif.fee.tile.gap": ("需提高 {pp} 个百分点", "{pp} pp to go"),
    "whatif.fee.tile.floor": ("托底收缴率", "Common floor"),
    "whatif.fee.tile.floor.help": (
        "统一托底法下每个社区至少要达到的收缴率。",
        "The rate every community must at least reach by the common-floor method.",
    ),
    "whatif.fee.reached": ("已达到", "Reached"),
    "whatif.fee.tile.extra": ("需新增足额缴费（托底法）", "More households paying (floor)"),
    "whatif.fee.tile.extra.help": (
        "同比例法：各社区缩小 {share} 的差距，共需新增 {n} 户。",
        "Same-share method: every community closes {share} of its gap, {n} more households.",
    ),
    "whatif.fee.chart": ("各社区收缴率：现行与所需", "Collection per community: now and needed"),
    "whatif.fee.chart.target": ("全镇目标 {pct}", "Town goal {pct}"),
    # ---- describing a scenario
    "whatif.desc.rate": (
        "奖励标准 {rate} 元/平方米·{period}（基准 {base}）",
        "Rate {rate} yuan/m² per {period} (baseline {base})",
    ),
    "whatif.desc.cap": ("年度上限 {cap}", "Annual cap {cap}"),
    "whatif.desc.min": (
        "最低考核分：公司当季得分不低于{min}分",
        "Minimum score: the company's quarterly score at least {min} points",
    ),
    "whatif.min.value": (
        "不低于{min}分（按公司、季度）",
        "at least {min} points (per company, quarter)",
    ),
    "whatif.min.none": ("不设门槛", "no threshold"),
    "whatif.desc.policy": ("超出上限：{policy}", "Over the cap: {policy}"),
    "whatif.desc.weights": (
        "三方权重 自评 {s}% / 镇考核 {t}% / 居民评议 {r}%",
        "Weights self {s}% / town {t}% / residents {r}%",
    ),
    "whatif.desc.thresholds": (
        "分数线 优秀 {ex} / 良好 {gd}",
        "Grade lines excellent {ex} / good {gd}",
    ),
    "whatif.desc.target": ("{indicator}目标 {value}", "{indicator} target {value}"),
    "whatif.desc.fee": ("全镇收缴率目标 {pct}", "Town collection goal {pct}"),
    # ---- saved scenarios
    "whatif.saved.save": ("保存方案", "Save this scenario"),
    "whatif.saved.share": ("与所有人共享", "Share with everyone"),
    "whatif.saved.share.help": (
        "不勾选时，方案只有您本人（和管理员）能看到。",
        "Unticked, only you (and admins) can see the scenario.",
    ),
    "whatif.saved.not_yours": (
        "只有保存该方案的用户或管理员可以删除它。",
        "Only the user who saved it, or an admin, may delete it.",
    ),
    "whatif.saved.name": ("方案名称", "Name"),
    "whatif.saved.name.placeholder": (
        "如：0.15元、80分以上发放",
        "e.g. 0.15 yuan, paid from 80 points",
    ),
    "whatif.saved.exists": (
        "已有名为“{name}”的方案。要用当前参数覆盖它吗？",
        "A scenario called '{name}' exists. Overwrite it with the current parameters?",
    ),
    "whatif.saved.overwrite": ("覆盖保存", "Overwrite"),
    "whatif.saved.done": ("已保存方案“{name}”。", "Saved '{name}'."),
    "whatif.saved.list": ("已保存的方案", "Saved scenarios"),
    "whatif.saved.none": ("还没有保存的方案。", "No saved scenarios yet."),
    "whatif.saved.pick": ("选择方案", "Scenario"),
    "whatif.saved.pick.help": (
        "自己保存的方案显示其名称；他人共享的方案在名称后的括号里注明保存人，如“方案A（wang）”。",
        "Your own scenarios show their name; anyone else's has its owner's user name in "
        "brackets after it.",
    ),
    "whatif.saved.open": ("打开", "Open"),
    "whatif.saved.opened": ("已打开方案“{name}”。", "Opened '{name}'."),
    "whatif.saved.delete_ask": (
        "确定删除方案“{name}”吗？删除后不能恢复。",
        "Delete '{name}'? This cannot be undone.",
    ),
    "whatif.saved.deleted": ("已删除方案“{name}”。", "Deleted '{name}'."),
    "whatif.saved.at": ("保存时间", "Saved at"),
    # ---- comparing
    "whatif.cmp.header": ("比较两个方案", "Compare two scenarios"),
    "whatif.cmp.help": (
        "参数与主要结果并排显示；时段和社区为当前筛选。",
        "Parameters and key results side by side, for the current period and communities.",
    ),
    "whatif.cmp.a": ("方案 A", "Scenario A"),
    "whatif.cmp.b": ("方案 B", "Scenario B"),
    "whatif.cmp.current": ("当前方案（本页）", "Current scenario (this page)"),
    "whatif.cmp.baseline": ("基准（现行办法）", "Baseline (current rules)"),
    "whatif.cmp.same": ("请选择两个不同的方案进行比较。", "Choose two different scenarios."),
    "whatif.cmp.chart": ("各公司奖励金：方案对比", "Reward per company, compared"),
    "whatif.cmp.weights": (
        "三方权重（自评 / 镇考核 / 居民评议）",
        "Weights (self / town / residents)",
    ),
    "whatif.cmp.thresholds": ("分数线（优秀 / 良好）", "Grade lines (excellent / good)"),
    "whatif.cmp.targets": ("调整的目标", "Targets changed"),
    "whatif.cmp.targets.none": ("未调整", "none"),
    "whatif.cmp.paid": ("奖励金发放（所选时段、社区）", "Rewards paid (period, communities)"),
    "whatif.cmp.left": ("末年全镇基金结余", "Town fund left in the last year"),
    "whatif.cmp.companies_paid": ("获得奖励的公司数", "Companies paid"),
    "whatif.cmp.capped": ("触及上限的季度数", "Quarters at the cap"),
    "whatif.cmp.companies_excellent": ("优秀公司数", "Companies excellent"),
    "whatif.cmp.companies_good": ("良好公司数", "Companies good"),
    "whatif.cmp.companies_fair": ("一般公司数", "Companies fair"),
    "whatif.cmp.green": ("达标项数（绿灯）", "On target (green)"),
    "whatif.cmp.red": ("未达标项数（红灯）", "Below target (red)"),
    "whatif.cmp.fee_extra": (
        "需新增足额缴费户数（托底法）",
        "More households paying (floor)",
    ),
    # ---- column headers
    "whatif.col.company": ("物业公司", "Company"),
    "whatif.col.item": ("项目", "Item"),
    "whatif.col.year": ("年份", "Year"),
    "whatif.col.baseline_yuan": ("基准奖励金（元）", "Baseline reward (yuan)"),
    "whatif.col.scenario_yuan": ("方案奖励金（元）", "Scenario reward (yuan)"),
    "whatif.col.change_yuan": ("变化（元）", "Change (yuan)"),
    "whatif.col.change_pct": ("变化（%）", "Change (%)"),
    "whatif.col.claim_yuan": ("方案申领（元）", "Scenario claim (yuan)"),
    "whatif.col.managed_area_m2": ("管理面积（平方米）", "Managed area (m²)"),
    "whatif.col.score": ("考核得分", "Score"),
    "whatif.col.mean_score": ("平均考核分（按面积加权）", "Mean score (area-weighted)"),
    "whatif.col.cap_baseline": ("基准年度上限（元）", "Baseline cap (yuan)"),
    "whatif.col.cap_scenario": ("方案年度上限（元）", "Scenario cap (yuan)"),
    "whatif.col.claimed_scenario": ("方案申领（元）", "Scenario claims (yuan)"),
    "whatif.col.paid_baseline": ("基准发放（元）", "Baseline paid (yuan)"),
    "whatif.col.paid_scenario": ("方案发放（元）", "Scenario paid (yuan)"),
    "whatif.col.left_baseline": ("基准结余（元）", "Baseline left (yuan)"),
    "whatif.col.left_scenario": ("方案结余（元）", "Scenario left (yuan)"),
    "whatif.col.capped_baseline": ("基准触顶季度", "Baseline quarters at cap"),
    "whatif.col.capped_scenario": ("方案触顶季度", "Scenario quarters at cap"),
    "whatif.col.baseline_score": ("基准得分", "Baseline score"),
    "whatif.col.scenario_score": ("方案得分", "Scenario score"),
    "whatif.col.score_change": ("得分变化", "Score change"),
    "whatif.col.baseline_grade": ("基准等级", "Baseline grade"),
    "whatif.col.scenario_grade": ("方案等级", "Scenario grade"),
    "whatif.col.baseline_value": ("指标值", "Value"),
    "whatif.col.scenario_value": ("方案指标值", "Scenario value"),
    "whatif.col.baseline_target": ("现行目标", "Current target"),
    "whatif.col.scenario_target": ("方案目标", "Scenario target"),
    "whatif.col.baseline_light": ("基准状态", "Baseline light"),
    "whatif.col.scenario_light": ("方案状态", "Scenario light"),
    "whatif.col.baseline_rank": ("基准排名", "Baseline rank"),
    "whatif.col.scenario_rank": ("方案排名", "Scenario rank"),
    "whatif.col.rank_change": ("名次变化", "Rank change"),
    "whatif.col.green_baseline": ("基准达标项", "Baseline on target"),
    "whatif.col.green_scenario": ("方案达标项", "Scenario on target"),
    "whatif.col.green_change": ("达标项变化", "Change on target"),
    "whatif.col.red_baseline": ("基准未达标项", "Baseline below target"),
    "whatif.col.red_scenario": ("方案未达标项", "Scenario below target"),
    "whatif.col.current_pct": ("现行收缴率", "Rate now"),
    "whatif.col.floor_required_pct": ("所需收缴率（托底）", "Needed (floor)"),
    "whatif.col.floor_gap_pct_points": ("差距（托底，百分点）", "Gap (floor, pp)"),
    "whatif.col.floor_extra_households": ("需新增户数（托底）", "More households (floor)"),
    "whatif.col.proportional_required_pct": ("所需收缴率（同比例）", "Needed (same share)"),
    "whatif.col.proportional_gap_pct_points": ("差距（同比例，百分点）", "Gap (same share, pp)"),
    "whatif.col.proportional_extra_households": (
        "需新增户数（同比例）",
        "More households (same share)",
    ),
    "whatif.col.paid": ("足额缴费户数", "Households paid in full"),
    "whatif.col.communities": ("社区数", "Communities"),
    "whatif.col.rows_below_min": ("低于最低分的季度", "Quarters below the minimum"),
}
