"""Strings of the community profile page (社区画像)."""

STRINGS: dict[str, tuple[str, str]] = {
    "profile.title": ("社区画像：{name}", "Community profile: {name}"),
    "profile.pick": ("选择社区", "Choose a community"),
    "profile.pick.help": (
        "在此选择一个社区，或在总览及各平台页面点击社区下钻到此。",
        "Choose a community here, or click one on the overview or a platform page.",
    ),
    "profile.opened_on_worst": (
        "未选择单个社区：显示综合排名最后、最需要关注的{name}。可在上方选择其他社区。",
        "No single community chosen: showing {name}, last in the overall ranking and the one "
        "needing attention most. Choose another above.",
    ),
    "profile.households": ("户数", "Households"),
    "profile.area": ("动迁安置房面积", "Resettlement housing"),
    "profile.move_in": ("入住年份", "Moved in"),
    "profile.none": ("无", "none"),
    "profile.rank": ("第 {rank} / {n} 名", "rank {rank} of {n}"),
    "profile.table": ("全部指标与排名", "All indicators and ranks"),
    "profile.col.rank": ("在全镇排名", "Rank in town"),
    "profile.trend": ("与全镇对比：{indicator}", "Against the whole town: {indicator}"),
    "profile.trend.pick": ("对比指标", "Indicator to compare"),
    "profile.open_platform": ("查看{name}明细", "Details on {name}"),
}
