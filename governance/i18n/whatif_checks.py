"""Messages of the what-if checks: a lever out of range, a bad ``wf_*`` item of a link.

The Chinese texts are the ones the page has always shown (tests assert them word for word);
``{placeholders}`` are filled by governance/whatif/checks.py, params.py and scenario.py.
"""

STRINGS: dict[str, tuple[str, str]] = {
    # ---- a value against its allowed range or choices
    "whatif.check.range": (
        "{label}应在 {lo}–{hi}{unit}之间",
        "{label} should be between {lo} and {hi}{unit}",
    ),
    "whatif.check.range.plain": (
        "{label}应在 {lo}–{hi} 之间",
        "{label} should be between {lo} and {hi}",
    ),
    "whatif.check.above": (
        "{label}应大于 {lo} 且不超过 {hi}{unit}",
        "{label} should be above {lo} and at most {hi}{unit}",
    ),
    "whatif.check.above.plain": (
        "{label}应大于 {lo} 且不超过 {hi}",
        "{label} should be above {lo} and at most {hi}",
    ),
    "whatif.check.not_number": (
        "{rule}，当前值 {value} 不是有效数字。",
        "{rule}; {value} is not a valid number.",
    ),
    "whatif.check.out_of_range": ("{rule}，当前为 {value}{unit}。", "{rule}; it is {value}{unit}."),
    "whatif.check.choice": (
        "{label}只能是 {options}，当前为 {value}。",
        "{label} can only be {options}; it is {value}.",
    ),
    "whatif.check.option": ("{param}（{label}）", "{param} ({label})"),
    # units as a message writes them after a number
    "whatif.check.unit.per_m2": (" 元/平方米", " yuan/m²"),
    "whatif.check.unit.yuan": (" 元", " yuan"),
    "whatif.check.unit.points": (" 分", " points"),
    "whatif.check.unit.pct": ("%", "%"),
    "whatif.check.unit.per10k": (" 起/万人", " per 10,000 residents"),
    "whatif.check.unit.per1000": (" 人次/千人", " per 1,000 residents"),
    # ---- the levers, named as the messages name them
    "whatif.check.rate": ("奖励标准（rate）", "The reward rate (rate)"),
    "whatif.check.rate_period": (
        "奖励标准计算周期（rate_period）",
        "The period of the rate (rate_period)",
    ),
    "whatif.check.annual_cap": ("年度奖励金上限（annual_cap）", "The annual cap (annual_cap)"),
    "whatif.check.min_score": ("最低考核分（min_score）", "The minimum score (min_score)"),
    "whatif.check.over_cap": (
        "超出上限分配方式（over_cap）",
        "The rule over the cap (over_cap)",
    ),
    "whatif.check.period.month": ("每月", "monthly"),
    "whatif.check.period.quarter": ("每季度", "quarterly"),
    "whatif.check.policy.pro_rata": ("按比例缩减", "scaled down pro rata"),
    "whatif.check.policy.rank": ("按得分排序发放", "paid in score order"),
    "whatif.check.w_self": ("自评权重（w_self）", "The self-assessment weight (w_self)"),
    "whatif.check.w_town": ("镇考核权重（w_town）", "The town assessment weight (w_town)"),
    "whatif.check.w_residents": (
        "居民评议权重（w_residents）",
        "The residents' rating weight (w_residents)",
    ),
    "whatif.check.weights_sum": (
        "三方权重之和为 {total}%，应为 100%。",
        "The three weights add up to {total}%; they should add up to 100%.",
    ),
    "whatif.check.excellent": ("优秀分数线（excellent）", "The excellent threshold (excellent)"),
    "whatif.check.good": ("良好分数线（good）", "The good threshold (good)"),
    "whatif.check.order": (
        "良好分数线（good，当前 {good} 分）应低于优秀分数线（excellent，当前 {excellent} 分）。",
        "The good threshold (good, now {good} points) should be below the excellent threshold "
        "(excellent, now {excellent} points).",
    ),
    "whatif.check.target": ("{indicator}目标（{param}）", "The target for {indicator} ({param})"),
    "whatif.check.collection": (
        "全镇收缴率目标（{param}）",
        "The town's collection target ({param})",
    ),
    "whatif.check.method": ("测算方法（method）", "The method (method)"),
    "whatif.check.method.floor": (
        "统一托底：低于某一收缴率的社区都提高到该收缴率",
        "a common floor: every community below a rate is raised to it",
    ),
    "whatif.check.method.proportional": (
        "同比例缩小差距：各社区按相同比例缩小与 100% 的差距",
        "the same share of each gap: every community closes the same share of its gap to 100%",
    ),
    # ---- a wf_* item of a link
    "whatif.url.invalid": (
        "网址参数 {param} 的值“{raw}”无效（应为 {hint}），已改用默认值 {fallback}。",
        "The link's parameter {param} = “{raw}” is invalid (it should be {hint}); the default "
        "{fallback} is used instead.",
    ),
    "whatif.url.hint.rate": (
        "大于 0 且不超过 1 的数字（元/平方米）",
        "a number above 0 and at most 1 (yuan/m²)",
    ),
    "whatif.url.hint.period": ("month 或 quarter", "month or quarter"),
    "whatif.url.hint.cap": (
        "0–10,000,000 之间的数字（元）",
        "a number from 0 to 10,000,000 (yuan)",
    ),
    "whatif.url.hint.points": ("0–100 之间的数字（分）", "a number from 0 to 100 (points)"),
    "whatif.url.hint.policy": ("pro_rata 或 rank", "pro_rata or rank"),
    "whatif.url.hint.weight": ("0–1 之间的小数", "a decimal from 0 to 1"),
    "whatif.url.hint.fee": ("0–100 之间的数字，%", "a number from 0 to 100, in %"),
    "whatif.url.weights": (
        "网址参数 wf_ws、wf_wt、wf_wr 的三方权重之和为 {total}%，应为 100%，"
        "已改用默认权重 {w_self} / {w_town} / {w_residents}。",
        "The link's three weights wf_ws, wf_wt, wf_wr add up to {total}%, not 100%; the "
        "default weights {w_self} / {w_town} / {w_residents} are used instead.",
    ),
    "whatif.url.order": (
        "网址参数 wf_gd（良好分数线 {good}）应低于 wf_ex（优秀分数线 {excellent}），"
        "已改用默认值 {default_good} / {default_excellent}。",
        "The link's wf_gd (good threshold {good}) should be below wf_ex (excellent threshold "
        "{excellent}); the defaults {default_good} / {default_excellent} are used instead.",
    ),
    "whatif.url.target_unknown": (
        "网址参数 {param} 不是已知指标的目标（应为 {prefix} 加指标编号，如 {prefix}fee_collection_rate），"
        "已忽略。",
        "The link's parameter {param} is not the target of a known indicator (it should be {prefix} "
        "and an indicator id, such as {prefix}fee_collection_rate) and was ignored.",
    ),
    "whatif.url.target_invalid": (
        "网址参数 {param} 的值“{raw}”无效（应为 {lo}–{hi} 之间的数字{unit}），已改用现行目标。",
        "The link's parameter {param} = “{raw}” is invalid (it should be a number from {lo} to "
        "{hi}{unit}); the target in force is used instead.",
    ),
    "whatif.url.target_unit": ("，{unit}", ", {unit}"),
    "whatif.url.unknown": (
        "网址参数 {param} 无法识别，已忽略。",
        "The link's parameter {param} is not recognised and was ignored.",
    ),
}
