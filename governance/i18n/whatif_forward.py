"""Strings of the what-if fund's horizon (the chosen period replayed, or next year projected
from the last four quarters), its headline per year against the yearly cap, whose gain it is,
and a scoped user's share."""

STRINGS: dict[str, tuple[str, str]] = {
    "whatif_forward.horizon": ("推演区间", "Horizon"),
    "whatif_forward.horizon.replay": ("所选时段（回放）", "The chosen period (replay)"),
    "whatif_forward.horizon.next": ("下一年度（预测）", "Next year (projected)"),
    "whatif_forward.horizon.help": (
        "所选时段（回放）：按数据中记录的面积和考核得分，以方案的规则重算所选时段；"
        "下一年度（预测）：按最近四个季度的面积和考核得分推算数据末季度之后的下一个自然年。"
        "只用于奖励基金；三方评分、指标目标和收缴率仍按所选时段。",
        "The chosen period (replay): the recorded areas and scores of the chosen period under "
        "the scenario's rules; next year (projected): the calendar year after the data's last "
        "quarter, projected from the last four quarters' areas and scores. The reward fund "
        "only; scoring, targets and collection stay on the chosen period.",
    ),
    "whatif_forward.check.horizon": ("推演区间（{param}）", "The horizon ({param})"),
    "whatif_forward.url.hint.horizon": (
        "replay（所选时段回放）或 next（下一年度预测）",
        "replay (the chosen period) or next (next year, projected)",
    ),
    "whatif_forward.assumption": (
        "按最近四个季度（{span}）的面积和考核得分推算下一年度（{year}年）：{year}年每个季度沿用"
        "最近一个同季度各物业企业、各社区的管理面积和考核得分（第一季度沿用最近的第一季度，依此"
        "类推），再按方案的规则计算，年度上限按{year}年全年适用。",
        "Next year ({year}) is projected from the areas and assessment scores of the last four "
        "quarters ({span}): each quarter of {year} takes each company's and community's managed "
        "area and score of the latest quarter of the same number (Q1 the latest Q1, and so "
        "on), under the scenario's rules, the yearly cap applying to {year} as a whole.",
    ),
    "whatif_forward.link.next": (
        "链接含 wf_horizon=next（下一年度预测）：打开后同样按最近四个季度推算下一年度。",
        "The link holds wf_horizon=next (next year, projected): it opens the same projection "
        "from the last four quarters.",
    ),
    # the headline: the fund per year against the yearly cap
    "whatif_forward.tile.year": (
        "{year}年（预测）奖励资金 / 上限 {cap}",
        "{year} (projected) fund / cap {cap}",
    ),
    "whatif_forward.tile.year.help": (
        "按最近四个季度推算的{year}年全镇奖励资金与当年的年度上限，结余 {left}；现行办法 {base}"
        "（上限 {base_cap}）。",
        "The town's fund in {year} as projected from the last four quarters, against that "
        "year's cap, {left} left; under the current rules {base} (cap {base_cap}).",
    ),
    "whatif_forward.tile.year.own": (
        "{year}年（预测）所辖社区所得",
        "{year} (projected): your communities",
    ),
    "whatif_forward.tile.year.help.own": (
        "按最近四个季度推算的{year}年所辖社区所得，按所辖社区的申领推演；全镇年度上限 {cap}；"
        "现行办法 {base}。全镇的已用和剩余不在您的权限范围内。",
        "Your communities' share in {year} as projected from the last four quarters, from "
        "their claims only; the town's yearly cap is {cap}; current rules {base}. The town's "
        "used and left are outside your scope.",
    ),
    "whatif_forward.scope_note": (
        "奖励基金按全镇推算下一年度（年度上限是全镇的，同年未用完的额度结转），再显示所选社区的"
        "部分。",
        "Next year's fund is worked out for the whole town (the cap is the town's, unspent "
        "money carries forward within the year); the page then shows the selected communities.",
    ),
    # who gains: for which horizon
    "whatif_forward.gains.replay": (
        "所选时段（{span}）：各物业企业较现行办法的增减",
        "The chosen period ({span}): each property company's change from the current rules",
    ),
    "whatif_forward.gains.next": (
        "下一年度（预测，{year}年）：各物业企业较现行办法的增减",
        "Next year (projected, {year}): each property company's change from the current rules",
    ),
    # a scoped user's share
    "whatif_forward.share.own": (
        "以下为您所辖社区的部分；全镇上限在全镇层面适用，所辖部分的增减比例可能与全镇不同。",
        "What follows is your communities' share; the cap applies to the whole town, so the "
        "change in your share may differ from the town's.",
    ),
    "whatif.link.help.own": (
        "复制链接发给他人：打开后是同样的时段、社区和方案参数。您看到的是所辖社区的部分；"
        "全镇用户打开同一链接看到全镇的数字，增减比例可能与您看到的不同。",
        "Send this link: it opens the same period, communities and scenario. You see your "
        "communities' share; a whole-town user opening the same link sees the town's numbers, "
        "whose changes may differ from yours.",
    ),
}
