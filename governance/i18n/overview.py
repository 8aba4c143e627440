"""Strings of the overview page (总览)."""

STRINGS: dict[str, tuple[str, str]] = {
    "ov.title": ("总览：四个平台 治理驾驶舱", "Overview: the four platforms"),
    "ov.subtitle": (
        "芦潮港镇 · 党委领导、政府负责、社会协同、群众参与",
        "Luchaogang · Party leads, government is responsible, society works with, residents take part",
    ),
    "ov.outcomes": ("成效：三降四升", "Outcomes: three down, four up"),
    "ov.outcomes.down": ("三个明显下降", "Three marked decreases"),
    "ov.outcomes.up": ("四个明显提高", "Four marked increases"),
    "ov.scorecards": ("四个平台记分卡", "Platform scorecards"),
    "ov.open_platform": ("进入{name}", "Open {name}"),
    "ov.ranking": ("社区 × 平台 排名", "Communities x platforms ranking"),
    "ov.ranking.help": (
        "{quarter}各社区在每个平台核心指标上的表现（{indicators}），与目标比较：√ 达标（绿），! 接近目标（黄，差距在目标的10%以内），× 未达标（红），— 无数据（灰）；#后为该平台名次。综合排名取各平台名次的平均，至少有三个平台数据的社区才参与。点击一行左侧的选择框即下钻到该社区。",
        "Each community on one headline indicator per platform in {quarter} ({indicators}), against its target: √ on target (green), ! near target (amber, within 10%), × below target (red), — no data (grey); # is the rank on that platform. The overall rank averages the platform ranks of communities with data on at least three platforms. Select a row to drill down to that community.",
    ),
    "ov.ranking.overall": ("综合排名", "Overall rank"),
    "ov.open_profile": ("查看{name}画像", "Open the profile of {name}"),
    "ov.facts.town": ("芦潮港镇概况（来自数据）：", "Luchaogang in numbers (from the data): "),
    "ov.facts.scope": (
        "所辖社区概况（来自数据）：",
        "Your communities in numbers (from the data): ",
    ),
    "ov.answer.weakest": (
        "{scope}最薄弱的平台是{platform}：{label} {value}，{status}。",
        "The weakest platform {scope} is {platform}: {label} {value}, {status}.",
    ),
    "ov.answer.how": (
        "最薄弱的平台：先看方向——低于目标且下降的平台优先，其次低于目标但未下降的，"
        "同一类中取主指标对目标的达成度最低的（都没有目标时，取红灯社区最多的）；"
        "需要重点关注的社区：未达标平台最多的三个社区，与第三个并列的一并列出。"
        "核心指标所依据的件数少于10时为样本少：不着色、不排名、不点名。",
        "Weakest platform: direction first — a platform below target and falling comes "
        "before one below target and not falling; within each, the one whose headline "
        "indicator is furthest from its target (when none has a target, the one with most "
        "communities at red). Communities needing attention: those with most platforms below "
        "target: three, and any tied with the third. A headline value resting on fewer than "
        "10 cases is few cases: not coloured, not ranked, never named.",
    ),
    "ov.answer.scope.town": ("全镇", "in the town"),
    "ov.answer.scope.some": ("所选社区中", "in the chosen communities"),
}
