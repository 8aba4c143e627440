"""Numbers that explain themselves: the records behind a number and the number written out
from its inputs (governance/drill.py); scoped words, English units and times (issue 20)."""

STRINGS: dict[str, tuple[str, str]] = {
    # the records list: of the quarter the tiles show, or of the whole period
    "drill.records.scope": ("明细范围", "Period covered"),
    "drill.records.quarter": ("{quarter}（与上方指标对应）", "{quarter} (as the numbers above)"),
    "drill.records.period": ("{start}–{end} 全时段", "{start}–{end}, the whole period"),
    "drill.records.quarter_caption": (
        "下列记录为 {quarter}、{scope}的记录，即上方指标所依据的记录。",
        "The records of {quarter}, {scope}: those behind the numbers above.",
    ),
    "drill.formula": (
        "{label}（{quarter} · {scope}）：{value} = {num} {num_unit} ÷ {den} {den_unit}{factor}",
        "{label} ({quarter} · {scope}): {value} = {num} {num_unit} ÷ {den} {den_unit}{factor}",
    ),
    "drill.scope.town": ("全镇", "the whole town"),
    "drill.scope.n": ("{n}个社区（村）", "{n} communities"),
    # the parts of each ratio, as "num ÷ den"
    "drill.num.incident_rate": ("起", "incidents"),
    "drill.den.incident_rate": ("人", "residents"),
    "drill.num.issue_resolution_rate": ("件已解决", "issues resolved"),
    "drill.den.issue_resolution_rate": ("件计入议题", "issues counted"),
    "drill.num.hazard_handled_rate": ("处已处置", "hazards handled"),
    "drill.den.hazard_handled_rate": ("处发现隐患", "hazards found"),
    "drill.num.fee_collection_rate": ("户缴清", "households paid in full"),
    "drill.den.fee_collection_rate": ("户应缴", "households billed"),
    "drill.num.grid_closure_rate": ("件已结案", "cases closed"),
    "drill.den.grid_closure_rate": ("件计入案件", "cases counted"),
    "drill.num.participation_per_1000": ("人次", "person-times"),
    "drill.den.participation_per_1000": ("人", "residents"),
    "drill.num.placement_rate": ("人推荐就业", "placed in jobs"),
    "drill.den.placement_rate": ("人培训", "trainees"),
    "drill.num.star3_share": ("个三星及以上楼道", "stairwells at 3+ stars"),
    "drill.den.star3_share": ("个参评楼道", "stairwells rated"),
    "drill.num.volunteer_household_share": ("户有志愿者", "households with a volunteer"),
    "drill.den.volunteer_household_share": ("户", "households"),
    "drill.num.mediation_success_rate": ("件调解成功", "disputes settled"),
    "drill.den.mediation_success_rate": ("件调解", "disputes mediated"),
    # the overview's ranking, for a scoped user: a row opens that community's profile
    "ov.ranking.scoped_click": (
        "点击一行即打开该社区的社区画像（各平台指标、排名与明细）。",
        "Select a row to open that community's profile (its indicators, ranks and records).",
    ),
    # the 督办 slide: the backlog says what it counts beside the quarter's rates
    "brief.follow.counts": (
        "以上为自 {since} 起提出、截至 {as_of} 仍未办结的全部事项（历年累计，最久的已开 {oldest} 天），"
        "不是某一季度的数；网格案件结案率、议题解决率等比率只计 {quarter} 的案件和议题。",
        "These count every item raised since {since} and still open on {as_of} (all years "
        "together; the oldest open {oldest} days), not one quarter's; the case-closure and "
        "issue-resolution rates count {quarter}'s cases and issues only.",
    ),
    "brief.facts.units.own": ("所辖", "Yours"),
    # the profile: a count is not ranked across communities of different size
    # a count is ranked per 1,000 residents (kpi.indicator_ranks); without a population it
    # cannot be, and says why (it read "总量不排名（随社区规模而变）" for every count)
    "profile.rank.count": (
        "无常住人口，总量不排名（随社区规模而变）",
        "not ranked: no population, and a total grows with size",
    ),
    "profile.rank.per1000": ("按每千人计 {rank}", "per 1,000 residents: {rank}"),
    # the data page's history: times in Beijing time, said so; version 1 is the demo data
    "dm.col.when.zone": ("时间（北京时间）", "When (Beijing time, UTC+8)"),
    "dm.col.last_commit.zone": ("最后提交（北京时间）", "Last commit (Beijing time, UTC+8)"),
    "dm.who.initial": ("演示数据（初始文件）", "demo data (the initial files)"),
}
