"""Strings of the cultural-services page (文化服务)."""

STRINGS: dict[str, tuple[str, str]] = {
    "culture.title": ("文化服务平台", "Cultural services"),
    "culture.subtitle": (
        "社会协同 · 居民学校、成人学校、党员服务中心的讲座培训与失地居民就业推荐；"
        "文化广场、文化中心的品牌活动；30支社会团队",
        "Society collaborating · lectures and training at the residents' schools, the adult "
        "school and the party-member service centre, with job placement for residents who lost "
        "their land; brand activities at the culture square and centre; 30 social teams",
    ),
    "culture.period_total": ("区间合计：{start}–{end}", "Totals over {start}–{end}"),
    # measures (KPI tiles, trend series, bar choices)
    "culture.kpi.active_note": (
        "本季度至少开展一次活动的团队",
        "Teams with at least one activity in the quarter",
    ),
    "culture.kpi.placed_note": (
        "本季度培训 {trainees} 人，推荐就业 {placed} 人",
        "{placed} of {trainees} trainees placed this quarter",
    ),
    # trends
    "culture.tab.activities": ("活动", "Activities"),
    "culture.tab.participation": ("千人参与", "Participation"),
    # not 社会团队 / 培训与就业: the sections below the trends are called that
    "culture.tab.teams": ("团队与补贴", "Teams and subsidy"),
    "culture.tab.training": ("培训人次与就业率", "Trainees and placement"),
    "culture.trend.activities": ("每季度文化活动场次", "Activities per quarter"),
    "culture.trend.person_times": ("每季度活动参与人次", "Person-times per quarter"),
    "culture.trend.participation": (
        "每千名常住居民的活动参与人次",
        "Person-times per 1,000 residents",
    ),
    "culture.trend.members": ("社会团队成员", "Members of the social teams"),
    "culture.trend.active_teams": (
        "活跃社会团队（本季度有活动）",
        "Active social teams (an activity in the quarter)",
    ),
    "culture.trend.subsidy": ("镇对社会团队的补贴（元）", "Town subsidy to the teams (yuan)"),
    "culture.trend.trainees": ("培训人数与推荐就业人数", "Trainees and placed in jobs"),
    "culture.trend.placement": ("培训推荐就业率", "Share of trainees placed in jobs"),
    # by community
    "culture.by_community": ("分社区对比", "By community"),
    "culture.by_community.measure": ("对比指标", "Compare"),
    "culture.by_community.caption": (
        "数值为{quarter}；千人参与人次与推荐就业率按各社区目标着色并标注：√ 达标（绿），! 接近目标（黄），× 未达标（红）。",
        "Values for {quarter}; participation and placement are coloured against each "
        "community's target and marked: √ on target (green), ! near (amber), × below (red).",
    ),
    # activities
    "culture.activities": ("活动场所、类型与品牌活动", "Venues, kinds and brand activities"),
    "culture.venue.measure": ("按", "Show"),
    "culture.venue.chart": ("各场所的活动（按活动类型）", "Activities by venue and kind"),
    "culture.show_table": ("查看数据表", "Show the table"),
    "culture.brands": ("品牌活动", "Brand activities"),
    "culture.brands.chart": ("品牌活动参与人次", "Person-times of the brand activities"),
    "culture.brands.caption": (
        "占比＝该品牌活动人次 ÷ 全部活动人次（含非品牌活动）。",
        "Share = the brand's person-times / all activity person-times (brand or not).",
    ),
    "culture.own_brand": ("一居一品：各社区的品牌活动", "One brand per community"),
    "culture.own_brand.caption": (
        "每个社区打造自己的品牌活动：场次、参与人次、主要活动类型与场所。",
        "Each community's own brand activity: how many, how many people, its main kind and venue.",
    ),
    # teams
    "culture.teams": ("社会团队", "Social teams"),
    "culture.teams.caption": (
        "所选范围内已成立社会团队 {teams} 支，区间内开展过活动的 {active} 支。"
        "成员数为区间最后一个季度的人数，活动次数与镇补贴为 {start}–{end} 合计。",
        "{teams} social teams founded in the chosen communities, {active} of them active in the "
        "period. Members are those of the period's last quarter; activities and subsidy are "
        "totals over {start}–{end}.",
    ),
    "culture.teams.by_kind": ("按团队类型", "By kind of team"),
    "culture.teams.chart": ("各类团队成员数（期末）", "Members by kind of team (period end)"),
    "culture.teams.subsidy_chart": (
        "各社区团队获镇补贴（元，区间合计）",
        "Town subsidy to each community's teams (yuan, period total)",
    ),
    # training
    "culture.training": ("培训与就业", "Training and jobs"),
    "culture.training.caption": (
        "面向失地居民的职业技能与就业指导培训，推荐就业；文明素质、科普类培训不含就业推荐，"
        "推荐就业率以全部培训人数为分母。",
        "Job-skills and job-guidance courses help residents who lost their land into work; "
        "civility and popular-science courses place no one, and the placement rate counts all "
        "trainees. ",
    ),
    "culture.training.chart": (
        "各类培训人数与推荐就业",
        "Trainees by kind of course, placed in jobs or not",
    ),
    "culture.training.not_placed": ("未推荐就业", "Not placed"),
    # honours
    "culture.honours": ("荣誉", "Honours"),
    "culture.honours.caption": (
        "荣誉属于全镇，不随社区筛选变化；阴影为所选时间范围。",
        "Honours belong to the whole town and do not change with the communities chosen; the "
        "shaded band is the selected period.",
    ),
    "culture.honours.none": ("暂无荣誉记录。", "No honours recorded."),
    # records
    "culture.rec.activities": ("文化活动", "Activities"),
    "culture.rec.teams": ("社会团队（按季度）", "Social teams by quarter"),
    "culture.rec.trainings": ("培训课程", "Training courses"),
    # column headers of computed columns
    "culture.col.community_id": ("社区编号", "Community id"),
    "culture.col.team": ("团队名称", "Team"),
    "culture.col.honour": ("荣誉名称", "Honour"),
    "culture.col.level": ("级别", "Level"),
    "culture.col.team_kind": ("团队类型", "Kind of team"),
    "culture.col.activities": ("活动次数", "Activities"),
    "culture.col.communities": ("开展社区数", "Communities"),
    "culture.col.share_pct": ("人次占比（%）", "Share of person-times (%)"),
    "culture.col.main_kind": ("主要活动类型", "Main kind"),
    "culture.col.main_venue": ("主要场所", "Main venue"),
    "culture.col.latest_date": ("最近一次", "Latest"),
    "culture.col.teams": ("团队数", "Teams"),
    "culture.col.active_teams": ("活跃团队数", "Active teams"),
    "culture.col.members": ("成员数", "Members"),
    "culture.col.members_end": ("期末成员数", "Members at period end"),
    "culture.col.team_activities": ("团队活动次数", "Team activities"),
    "culture.col.subsidy_yuan": ("镇补贴（元）", "Town subsidy (yuan)"),
    "culture.col.courses": ("培训期数", "Courses"),
    "culture.col.trainees": ("培训人数", "Trainees"),
    "culture.col.placed": ("推荐就业人数", "Placed in jobs"),
    "culture.col.placement_rate": ("推荐就业率（%）", "Placement rate (%)"),
}
