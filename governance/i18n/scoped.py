"""Captions for a user scoped to some communities: where a whole-town user reads 全镇 (the
town), a scoped user reads 所辖社区 (their communities), since the numbers are theirs only."""

STRINGS: dict[str, tuple[str, str]] = {
    "ov.answer.scope.own": ("所辖社区", "in your communities"),
    "filter.reset.scoped": ("恢复所辖社区视图", "Back to your communities"),
    # the briefing
    "brief.facts.own": ("所辖社区概况（来自数据）", "Your communities in numbers (from the data)"),
    "brief.facts.families.note.own": (
        "{n}户，占所辖社区{total}户",
        "{n} of your communities' {total} households",
    ),
    "brief.weakest.one.own": (
        "{name}的{label}为 {value}，在所辖 {n} 个社区（村）中排第 {rank} 位。",
        "{name}: {label} {value}, rank {rank} of {n} among your communities.",
    ),
    # the long-term page: the reward fund is the town's, a scoped user sees their part only
    "longterm.fee.scope_own": ("所辖社区", "Your communities"),
    "longterm.kpi.fund_year.own": (
        "{year}年所辖社区已获奖励基金 {used}（全镇额度的剩余不在您的权限范围内）",
        "{year}: your communities received {used} from the fund (the town's remainder is "
        "outside your scope)",
    ),
    "longterm.fund.note.own": (
        "奖励基金是全镇的统一额度；这里只统计所辖社区获得的部分，全镇的已用和剩余不在您的权限范围内。",
        "The fund is one town-wide budget; only the part paid to your communities is counted "
        "here, the town's used and left are outside your scope.",
    ),
    "longterm.fund.used.own": ("所辖社区已获", "Your communities"),
    "longterm.fund.cap_line.own": ("全镇年度上限", "Town's annual cap"),
    "longterm.col.paid_own_yuan": ("所辖社区已发放（元）", "Paid, your communities (yuan)"),
    # the briefing's ranking slide: a scoped user's places among the whole town
    "brief.ranking.places.town": (
        "综合排名为在全镇 {n} 个社区（村）中的名次，各平台的 # 也是在全镇排名中的位置；"
        "表中只列所辖社区。",
        "Overall places are among the town's {n} ranked communities, and each platform's # is "
        "among the town too; only yours are listed.",
    ),
    "brief.ranking.places.own": (
        "名次为在所辖 {n} 个社区（村）中的排名。",
        "Places are among your {n} communities.",
    ),
}
