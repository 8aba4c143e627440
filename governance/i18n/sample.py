"""Strings of the small-sample rule (governance/sample.py) and 本期变化 (governance/changes.py)."""

STRINGS: dict[str, tuple[str, str]] = {
    "sample.status": ("样本少（{counts}）", "few cases ({counts})"),
    "sample.word": ("样本少", "Few cases"),
    "map.few_name": ("{name}（{counts}）", "{name} ({counts})"),
    "sample.bar": ("{value} 样本少", "{value} few cases"),
    "sample.ranking.note": (
        "样本少：核心指标所依据的件数（户数、人次）少于{n}时，只列数值和件数，不着色、不排名，"
        "也不计入最薄弱和需关注的社区。",
        "Few cases: a headline value resting on fewer than {n} cases (households, "
        "person-times) is shown with its counts only: no colour, no rank, and never named "
        "weakest or needing attention.",
    ),
    "sample.weakest.rule": (
        "（按核心指标排名，样本不少于{n}件）",
        " (by the headline indicator, on samples of {n} cases or more)",
    ),
    "sample.weakest.one": (
        "{name}的{label}为 {value}（样本少：{counts}，少于{n}件），不参与排名。",
        "{name}: {label} {value} (few cases: {counts}, fewer than {n}), not ranked.",
    ),
    "sample.weakest.all_small": (
        "{quarter}各社区的{label}样本都少于{n}件，不点名最薄弱的社区。",
        "In {quarter} every community's {label} rests on fewer than {n} cases: no community "
        "is named the weakest.",
    ),
    "sample.weakest_platform.small": (
        "不点名最薄弱的平台：{items}的核心指标样本少于{n}件，其余平台没有可与目标比较的数据。",
        "No platform is named the weakest: {items} rest on fewer than {n} cases, and no other "
        "platform has data to compare with a target.",
    ),
    "sample.weakest_platform.item": ("{platform}（{counts}）", "{platform} ({counts})"),
    # why the weakest platform was chosen (briefing.content.weakest_platform_why)
    "changes.lower_better": ("（越少越好）", " (lower is better)"),
    "changes.why": ("选择理由：{items}。", "Why: {items}."),
    "changes.why.falling": (
        "{platform}低于目标且{vs}{moved}",
        "{platform} is below target and {moved} {vs}",
    ),
    "changes.why.better": (
        "{platform}低于目标但在好转",
        "{platform} is below target but improving",
    ),
    "changes.why.still": (
        "{platform}低于目标，未见下降",
        "{platform} is below target, not falling",
    ),
    "changes.moved.down": ("下降{amount}", "fell {amount}"),
    "changes.moved.up": ("上升{amount}", "rose {amount}"),
    # 本期变化 (governance/changes.py; the overview's section and the deck's slide)
    "changes.title": ("本期变化", "What changed"),
    "changes.subtitle": (
        "{quarter}{vs}变差的指标与进步最大的指标",
        "{quarter}: what got worse {vs}, and the biggest gains",
    ),
    "changes.table.title": ("变差的指标", "What got worse"),
    "changes.col.now": ("本期", "Now"),
    "changes.col.qoq": ("上季度", "Previous quarter"),
    "changes.col.yoy": ("去年同期", "Same quarter last year"),
    "changes.item": ("{label} {change}", "{label} {change}"),
    "changes.worse": ("共{n}项指标变差。", "{n} indicators got worse."),
    "changes.worse.none": ("本期没有变差的指标。", "Nothing got worse."),
    "changes.more": ("表外另有：{items}。", "Also worse: {items}."),
    "changes.gains": ("进步最大：{items}。", "Biggest gains: {items}."),
    "changes.few": ("样本少，不计入：{items}。", "Few cases, not counted: {items}."),
    "changes.rule": (
        "排序：先列低于目标且变差的，再列其余变差的；各组内按逆向变动幅度从大到小"
        "（百分比指标按百分点，其余按较基期的百分比）。依据件数少于10的变化不计入。",
        "Order: below target and worse first, then the other declines; within each, the "
        "furthest moved against its direction first (percentages in points, the rest in % "
        "of the basis). Changes resting on fewer than 10 cases are not counted.",
    ),
}
