"""The what-if page for a user scoped to some communities: the queries read their communities
only, so the numbers a whole-town user reads as 全镇 are theirs (所辖社区). The fund's cap and
budget stay the town's; what the town has used and has left, and whether its cap was reached,
depend on the other communities' claims and are not shown."""

STRINGS: dict[str, tuple[str, str]] = {
    # the reward fund
    "whatif.fund.scope_note.own": (
        "奖励基金是全镇的统一额度，年度上限即全镇额度；这里只按所辖社区的申领推演，其他社区的申领"
        "不在您的权限范围内：全镇的已用和剩余、是否触及上限不显示，触及上限时所辖社区实际所得可能更少。",
        "The fund is one town-wide budget (the yearly cap is the town's); it is worked out here "
        "from your communities' claims only, as the others' are outside your scope: the town's "
        "used and left, and whether its cap is reached, are not shown, and when it is, your "
        "communities may receive less.",
    ),
    "whatif.fund.tile.year.own": ("{year}年所辖社区已获", "{year}: your communities"),
    "whatif.fund.tile.year.help.own": (
        "所辖社区当年已获（截至所选末季度），按所辖社区的申领推演；全镇年度上限 {cap}；基准 {base}。"
        "全镇的已用和剩余不在您的权限范围内。",
        "Paid to your communities that year (to the last selected quarter), from their claims "
        "only; the town's yearly cap is {cap}; baseline {base}. The town's used and left are "
        "outside your scope.",
    ),
    "whatif.fund.by_year.own": (
        "年度奖励金（所辖社区）",
        "The fund per year (your communities)",
    ),
    "whatif.fund.by_year.help.own": (
        "上限为全镇年度上限；申领、发放为所辖社区全年数（截至所选末季度）；全镇的已用和剩余不在"
        "您的权限范围内。",
        "The cap is the town's yearly cap; claims and payments are your communities' for the "
        "year (to the last selected quarter); the town's used and left are outside your scope.",
    ),
    "whatif.col.claimed_own_yuan": ("所辖社区申领（元）", "Claimed, your communities (yuan)"),
    "whatif.col.paid_own_baseline_yuan": (
        "所辖社区已获·基准（元）",
        "Paid to your communities, baseline (yuan)",
    ),
    "whatif.col.paid_own_scenario_yuan": (
        "所辖社区已获·方案（元）",
        "Paid to your communities, scenario (yuan)",
    ),
    # fee collection: the goal and the rate are their communities'
    "whatif.fee.intro.own": (
        "选择所辖社区的物业费收缴率目标，看各社区需要达到的收缴率、差距和需新增的足额缴费户数。",
        "Choose a fee-collection goal for your communities and see the rate each community "
        "needs, how far it is and how many more households must pay in full.",
    ),
    "whatif.fee.target.own": ("所辖社区收缴率目标（%）", "Goal, your communities (%)"),
    "whatif.fee.tile.current.own": ("所辖社区现行收缴率", "Your communities now"),
    "whatif.fee.tile.target.own": ("所辖社区目标收缴率", "Your communities' goal"),
    "whatif.fee.chart.target.own": ("所辖社区目标 {pct}", "Your goal {pct}"),
    "whatif.desc.fee.own": (
        "所辖社区收缴率目标 {pct}",
        "Collection goal of your communities {pct}",
    ),
}
