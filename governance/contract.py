"""The data contract: every table the dashboard reads, in one machine-readable place.

The demo generator writes exactly these tables, the query layer registers one view per
table, the importer validates uploads against them and the README's data section is
generated from them (``python -m governance.contract`` prints it). Units and ranges are
what a valid file must hold; ``fk`` names ``table.column`` that a value must exist in.
``not_above`` and ``plausible`` say what an imported number must agree with: the column of
the same row it may not exceed (paid <= billed), and whether it is compared with the usual
of its household, team... or community (a 100x decimal slip; governance/importer/plausible.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Practice period of the source report (FACTS.md part 1: "three years and more" to 2011-12).
PERIOD_START = "2008-07-01"
PERIOD_END = "2011-12-31"
DATA_AS_OF = "2011-12-26"

COMMUNITY_KINDS = ("社区", "村")
PARTY_BODY_KINDS = ("党总支", "工作站", "居委会", "业委会", "物业公司", "公安", "城管", "环卫")
PARTNER_KINDS = ("企业", "高校", "部队", "公安")
CONTRIBUTION_KINDS = ("场地", "设施", "图书", "讲座")
GRID_CATEGORIES = ("违章搭建", "公共区域堆物", "乱停车", "毁绿踩踏", "破坏承重墙", "堆放易燃物")
POST_KINDS = ("社区书记", "居委会主任", "社工", "网格管理员", "保洁监督员")
VENUES = ("居民学校", "成人学校", "党员服务中心", "文化广场", "文化中心")
ACTIVITY_KINDS = ("讲座", "培训", "文艺", "体育")
BRANDS = ("迁新居、提素质、看未来", "一居一品", "百姓小舞台，秀出我风采", "无")
TEAM_KINDS = ("风筝队", "晨练队", "书画班", "舞蹈队", "合唱队", "戏曲队", "太极拳队", "编织组")
TRAINING_KINDS = ("职业技能", "就业指导", "文明素质", "科普")
MEETING_KINDS = ("议事会", "听证会", "协调会")
VOLUNTEER_TEAMS = ("治安巡逻员", "卫生巡查员", "创评评议员", "矛盾调解员")
HONOUR_LEVELS = ("全国", "上海市")


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # DuckDB type
    label_zh: str
    label_en: str
    unit: str = ""
    min: float | None = None
    max: float | None = None
    allowed: tuple[str, ...] | None = None
    nullable: bool = False
    fk: str | None = None  # "table.column"
    # a column of the same table this one may not exceed in the same row (paid <= billed):
    # a file row above it is refused
    not_above: str | None = None
    # a money or count column whose values are compared with the usual of the same key (the
    # table's key without its period: a household, a team) else of the same community: a
    # value 10x the usual (a money value also 1/10 of it) is a warning the clerk accepts
    plausible: bool = False


@dataclass(frozen=True)
class Table:
    name: str
    label_zh: str
    label_en: str
    platform: str  # town | party | longterm | culture | selfgov | outcomes
    grain: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    description: str = ""
    unique: tuple[tuple[str, ...], ...] = field(default_factory=tuple)

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(f"{self.name}.{name}")


def _id(name: str, zh: str, en: str, fk: str | None = None, nullable: bool = False) -> Column:
    return Column(name, "VARCHAR", zh, en, fk=fk, nullable=nullable)


def _community() -> Column:
    return _id("community_id", "社区编号", "Community id", fk="communities.community_id")


def _quarter() -> Column:
    return Column("quarter", "DATE", "季度（首日）", "Quarter (first day)", min=None, max=None)


def _date(name: str = "date", zh: str = "日期", en: str = "Date", nullable: bool = False) -> Column:
    return Column(name, "DATE", zh, en, nullable=nullable)


def _count(
    name: str,
    zh: str,
    en: str,
    unit: str = "个",
    hi: float | None = None,
    not_above: str | None = None,
    plausible: bool = False,
) -> Column:
    return Column(
        name, "INTEGER", zh, en, unit=unit, min=0, max=hi, not_above=not_above, plausible=plausible
    )


def _money(
    name: str,
    zh: str,
    en: str,
    hi: float | None = None,
    not_above: str | None = None,
    plausible: bool = True,
) -> Column:
    return Column(
        name, "DOUBLE", zh, en, unit="元", min=0, max=hi, not_above=not_above, plausible=plausible
    )


def _score(name: str, zh: str, en: str) -> Column:
    return Column(name, "DOUBLE", zh, en, unit="分", min=0, max=100)


def _choice(name: str, zh: str, en: str, allowed: tuple[str, ...]) -> Column:
    return Column(name, "VARCHAR", zh, en, allowed=allowed)


TABLES: tuple[Table, ...] = (
    # ---- the town -----------------------------------------------------------------------
    Table(
        "property_companies",
        "物业公司",
        "Property companies",
        "town",
        "one row per property company",
        (
            _id("company_id", "公司编号", "Company id"),
            Column("name_zh", "VARCHAR", "公司名称", "Name (Chinese)"),
            Column("name_en", "VARCHAR", "英文名称", "Name (English)"),
        ),
        key=("company_id",),
    ),
    Table(
        "communities",
        "社区（村）",
        "Communities and village",
        "town",
        "one row per community or village",
        (
            _id("community_id", "社区编号", "Community id"),
            Column("name_zh", "VARCHAR", "社区名称", "Name (Chinese)"),
            Column("name_en", "VARCHAR", "英文名称", "Name (English)"),
            _choice("kind", "类型", "Kind", COMMUNITY_KINDS),
            Column("move_in_year", "INTEGER", "入住年份", "Move-in year", "年", 2003, 2011),
            _count("population", "常住人口", "Resident population", "人"),
            _count("households", "户数", "Households", "户"),
            Column(
                "resettlement_area_m2",
                "DOUBLE",
                "动迁安置房面积",
                "Resettlement housing area",
                "平方米",
                0,
                None,
            ),
            _id(
                "company_id",
                "物业公司",
                "Property company",
                fk="property_companies.company_id",
                nullable=True,
            ),
        ),
        key=("community_id",),
        description="7 communities and 1 village; the village has no managed housing.",
    ),
    Table(
        "buildings",
        "楼栋",
        "Buildings",
        "town",
        "one row per residential building",
        (
            _id("building_id", "楼栋编号", "Building id"),
            _community(),
            Column("floor_area_m2", "DOUBLE", "建筑面积", "Floor area", "平方米", 0, None),
        ),
        key=("building_id",),
    ),
    Table(
        "stairwells",
        "楼道",
        "Stairwells",
        "town",
        "one row per stairwell (楼道)",
        (
            _id("stairwell_id", "楼道编号", "Stairwell id"),
            _id("building_id", "楼栋编号", "Building id", fk="buildings.building_id"),
            _community(),
            _count("households", "户数", "Households", "户", plausible=True),
        ),
        key=("stairwell_id",),
    ),
    Table(
        "households",
        "住户",
        "Households",
        "town",
        "one row per household (ids only, no personal data)",
        (
            _id("household_id", "住户编号", "Household id"),
            _community(),
            _id(
                "stairwell_id",
                "楼道编号",
                "Stairwell id",
                fk="stairwells.stairwell_id",
                nullable=True,
            ),
            _count("members", "人数", "Members", "人", 12),
        ),
        key=("household_id",),
        description="Village households have no stairwell.",
    ),
    Table(
        "targets",
        "目标值",
        "Targets",
        "town",
        "one row per indicator and scope (the town, or one community)",
        (
            Column("indicator_id", "VARCHAR", "指标编号", "Indicator id"),
            _id(
                "community_id",
                "社区编号（空=全镇）",
                "Community id (empty = whole town)",
                fk="communities.community_id",
                nullable=True,
            ),
            Column("target", "DOUBLE", "目标值", "Target", "按指标单位"),
        ),
        key=("indicator_id", "community_id"),
        description="Indicator ids are those of governance/indicators.py.",
    ),
    # ---- outcomes: 三降四升 ---------------------------------------------------------------
    Table(
        "outcomes",
        "三降四升成效指标",
        "Outcome indicators",
        "outcomes",
        "one row per community and quarter",
        (
            _community(),
            _quarter(),
            # no 10x check on these small quarterly totals: the jump against the previous
            # quarter (over 50%) already asks the clerk to look
            _count("security_incidents", "治安案件数", "Public-security incidents", "起"),
            _count("petitions", "信访件数", "Petitions", "件"),
            _count(
                "skip_level_batches",
                "越级上访批次",
                "Skip-level petitions (batches)",
                "批",
                not_above="skip_level_persons",  # a batch is one person or more
            ),
            _count("skip_level_persons", "越级上访人次", "Skip-level petitions (persons)", "人次"),
            _score("environment_score", "环境管理质量", "Environmental management quality"),
            _score("safety_index", "城镇安全指数", "Town safety index"),
            _score("democratic_awareness", "居民民主意识", "Residents' democratic awareness"),
            Column("satisfaction_pct", "DOUBLE", "对政府满意度", "Satisfaction", "%", 0, 100),
        ),
        key=("community_id", "quarter"),
        description="Scores are survey or assessment results on a 0-100 scale.",
    ),
    # ---- platform 1: regional party-building --------------------------------------------
    Table(
        "party_bodies",
        "1+2+X 组织",
        "1+2+X bodies",
        "party",
        "one row per community and body",
        (
            _community(),
            _choice("body_kind", "组织类型", "Body", PARTY_BODY_KINDS),
            _date("joined_date", "加入日期", "Joined"),
            _count("representatives", "代表人数", "Representatives", "人"),
        ),
        key=("community_id", "body_kind"),
    ),
    Table(
        "joint_meetings",
        "社区管理联席会议",
        "Joint meetings",
        "party",
        "one row per joint meeting",
        (
            _id("meeting_id", "会议编号", "Meeting id"),
            _community(),
            _date(),
            _count("units_present", "参会单位数", "Units present", "个", plausible=True),
        ),
        key=("meeting_id",),
    ),
    Table(
        "meeting_issues",
        "联席会议议题",
        "Joint-meeting issues",
        "party",
        "one row per issue raised at a joint meeting",
        (
            _id("issue_id", "议题编号", "Issue id"),
            _id("meeting_id", "会议编号", "Meeting id", fk="joint_meetings.meeting_id"),
            _community(),
            Column("category", "VARCHAR", "议题类别", "Category", allowed=GRID_CATEGORIES),
            _date("raised_date", "提出日期", "Raised"),
            _date("resolved_date", "解决日期", "Resolved", nullable=True),
        ),
        key=("issue_id",),
    ),
    Table(
        "partner_units",
        "共建单位",
        "Partner units",
        "party",
        "one row per partner unit and paired community",
        (
            _id("partner_id", "单位编号", "Partner id"),
            Column("name_zh", "VARCHAR", "单位名称", "Name (Chinese)"),
            Column("name_en", "VARCHAR", "英文名称", "Name (English)"),
            _choice("kind", "单位类型", "Kind", PARTNER_KINDS),
            _community(),
            _date("paired_date", "结对日期", "Paired"),
        ),
        key=("partner_id",),
    ),
    Table(
        "partner_contributions",
        "共建资源投入",
        "Partner contributions",
        "party",
        "one row per contribution from a partner unit",
        (
            _id("contribution_id", "投入编号", "Contribution id"),
            _id("partner_id", "单位编号", "Partner id", fk="partner_units.partner_id"),
            _community(),
            _date(),
            _choice("kind", "资源类型", "Kind", CONTRIBUTION_KINDS),
            # a venue, a library of books and a lecture differ by far more than ten times in
            # quantity and value within one community: no usual to compare with
            _count("quantity", "数量", "Quantity", "次/件"),
            _money("value_yuan", "折合金额", "Value", plausible=False),
        ),
        key=("contribution_id",),
    ),
    Table(
        "committee_members",
        "兼职党总支委员",
        "Part-time committee members",
        "party",
        "one row per part-time member of a community party general branch",
        (
            _id("member_id", "委员编号", "Member id"),
            _community(),
            _choice("unit_kind", "来源单位类型", "From unit", (*PARTNER_KINDS, "物业公司")),
            _date("appointed_date", "任职日期", "Appointed"),
        ),
        key=("member_id",),
    ),
    Table(
        "patrols",
        "军警民联防巡逻",
        "Joint patrols",
        "party",
        "one row per patrol",
        (
            _id("patrol_id", "巡逻编号", "Patrol id"),
            _community(),
            _date(),
            _count("units", "参与单位数", "Units", "个", plausible=True),
            _count("person_times", "参与人次", "Person-times", "人次", plausible=True),
            _count("hazards_found", "发现隐患", "Hazards found", "处", plausible=True),
            _count(
                "hazards_handled",
                "处置隐患",
                "Hazards handled",
                "处",
                not_above="hazards_found",  # those this patrol found
                plausible=True,
            ),
        ),
        key=("patrol_id",),
    ),
    # ---- platform 2: long-term management -----------------------------------------------
    Table(
        "property_fees",
        "物业费收缴",
        "Property-fee billing",
        "longterm",
        "one row per household and quarter",
        (
            _id("household_id", "住户编号", "Household id", fk="households.household_id"),
            _community(),
            _quarter(),
            _money("billed_yuan", "应缴金额", "Billed"),
            _money("paid_yuan", "实缴金额", "Paid", not_above="billed_yuan"),
        ),
        key=("household_id", "quarter"),
        description="Collection rate = households that paid in full / households billed.",
    ),
    Table(
        "property_assessments",
        "物业绩效考核",
        "Property performance assessments",
        "longterm",
        "one row per property company, community and quarter",
        (
            _id("company_id", "公司编号", "Company id", fk="property_companies.company_id"),
            _community(),
            _quarter(),
            _score("score_self", "自评分", "Self-assessment"),
            _score("score_town", "镇考核分", "Town assessment"),
            _score("score_residents", "居民评议分", "Residents' rating"),
            _score("score", "考核得分", "Assessment score"),
            Column("managed_area_m2", "DOUBLE", "管理面积", "Managed area", "平方米", 0, None),
        ),
        key=("company_id", "community_id", "quarter"),
        description="score = 20% self + 50% town + 30% residents (the town's weights).",
    ),
    Table(
        "reward_payments",
        "物业奖励金发放",
        "Reward-fund payments",
        "longterm",
        "one row per property company, community and quarter",
        (
            _id("company_id", "公司编号", "Company id", fk="property_companies.company_id"),
            _community(),
            _quarter(),
            _money("reward_yuan", "奖励金额", "Reward paid", hi=1_000_000),
        ),
        key=("company_id", "community_id", "quarter"),
        description="score% x 0.1 yuan/m2/month x 3 months x managed area; cap 1,000,000/yr.",
    ),
    Table(
        "community_assessments",
        "社区专项考核",
        "Community special assessments",
        "longterm",
        "one row per community and quarter",
        (_community(), _quarter(), _score("score", "考核得分", "Score")),
        key=("community_id", "quarter"),
    ),
    Table(
        "grid_cases",
        "城管网格化案件",
        "Grid-management cases",
        "longterm",
        "one row per case",
        (
            _id("case_id", "案件编号", "Case id"),
            _community(),
            _choice("category", "案件类别", "Category", GRID_CATEGORIES),
            _date("reported_date", "发现日期", "Reported"),
            _date("closed_date", "结案日期", "Closed", nullable=True),
        ),
        key=("case_id",),
    ),
    Table(
        "sanitation_inspections",
        "环境卫生检查",
        "Sanitation inspections",
        "longterm",
        "one row per inspection",
        (
            _id("inspection_id", "检查编号", "Inspection id"),
            _community(),
            _date(),
            _score("score", "检查得分", "Score"),
        ),
        key=("inspection_id",),
    ),
    Table(
        "staff_posts",
        "社区岗位与经费",
        "Staff posts and budget",
        "longterm",
        "one row per community, post kind and year",
        (
            _community(),
            _choice("post_kind", "岗位", "Post", POST_KINDS),
            Column("year", "INTEGER", "年度", "Year", "年", 2008, 2011),
            _count("headcount", "人数", "Headcount", "人", plausible=True),
            _money("budget_yuan", "一级预算经费", "Budget"),
        ),
        key=("community_id", "post_kind", "year"),
    ),
    # ---- platform 3: cultural services --------------------------------------------------
    Table(
        "activities",
        "文化活动",
        "Cultural activities",
        "culture",
        "one row per activity",
        (
            _id("activity_id", "活动编号", "Activity id"),
            _community(),
            _date(),
            _choice("venue", "场所", "Venue", VENUES),
            _choice("kind", "活动类型", "Kind", ACTIVITY_KINDS),
            _choice("brand", "品牌活动", "Brand activity", BRANDS),
            _count("person_times", "参与人次", "Person-times", "人次", plausible=True),
        ),
        key=("activity_id",),
    ),
    Table(
        "social_teams",
        "社会团队",
        "Social teams",
        "culture",
        "one row per amateur social team",
        (
            _id("team_id", "团队编号", "Team id"),
            _community(),
            _choice("kind", "团队类型", "Kind", TEAM_KINDS),
            Column("name_zh", "VARCHAR", "团队名称", "Name (Chinese)"),
            Column("name_en", "VARCHAR", "英文名称", "Name (English)"),
            _date("founded_date", "成立日期", "Founded"),
        ),
        key=("team_id",),
    ),
    Table(
        "team_quarters",
        "团队季度情况",
        "Social teams by quarter",
        "culture",
        "one row per social team and quarter",
        (
            _id("team_id", "团队编号", "Team id", fk="social_teams.team_id"),
            _community(),
            _quarter(),
            _count("members", "成员数", "Members", "人", plausible=True),
            _count("activities", "活动次数", "Activities", "次", plausible=True),
            _money("subsidy_yuan", "镇补贴", "Town subsidy"),
        ),
        key=("team_id", "quarter"),
    ),
    Table(
        "trainings",
        "培训与就业",
        "Training and job placement",
        "culture",
        "one row per training course",
        (
            _id("training_id", "培训编号", "Training id"),
            _community(),
            _date(),
            _choice("venue", "场所", "Venue", VENUES),
            _choice("kind", "培训类型", "Kind", TRAINING_KINDS),
            _count("trainees", "培训人数", "Trainees", "人", plausible=True),
            _count(
                "placed",
                "推荐就业人数",
                "Placed in jobs",
                "人",
                not_above="trainees",  # placed from this course's trainees
                plausible=True,
            ),
        ),
        key=("training_id",),
    ),
    Table(
        "honours",
        "荣誉",
        "Honours",
        "culture",
        "one row per honour received by the town",
        (
            _id("honour_id", "荣誉编号", "Honour id"),
            _date(),
            Column("name_zh", "VARCHAR", "荣誉名称", "Name (Chinese)"),
            Column("name_en", "VARCHAR", "英文名称", "Name (English)"),
            _choice("level", "级别", "Level", HONOUR_LEVELS),
        ),
        key=("honour_id",),
    ),
    # ---- platform 4: democratic self-governance -----------------------------------------
    Table(
        "elections",
        "公推直选",
        "Elections",
        "selfgov",
        "one row per residents' committee election",
        (
            _id("election_id", "选举编号", "Election id"),
            _community(),
            _date(),
            _count("eligible_voters", "选民数", "Eligible voters", "人", plausible=True),
            _count(
                "votes_cast",
                "参选人数",
                "Votes cast",
                "人",
                not_above="eligible_voters",
                plausible=True,
            ),
        ),
        key=("election_id",),
    ),
    Table(
        "three_meetings",
        "三会",
        "Three meetings",
        "selfgov",
        "one row per deliberation, hearing or coordination meeting",
        (
            _id("meeting_id", "会议编号", "Meeting id"),
            _community(),
            _date(),
            _choice("kind", "会议类型", "Kind", MEETING_KINDS),
            _count("attendance", "参会人数", "Attendance", "人", plausible=True),
            _count("decisions_adopted", "形成决议", "Decisions adopted", "项", plausible=True),
            _count(
                "decisions_implemented",
                "落实决议",
                "Decisions carried out",
                "项",
                not_above="decisions_adopted",  # of the decisions this meeting adopted
                plausible=True,
            ),
        ),
        key=("meeting_id",),
    ),
    Table(
        "stairwell_ratings",
        "星级楼道评定",
        "Stairwell star ratings",
        "selfgov",
        "one row per stairwell and rating round",
        (
            _id("stairwell_id", "楼道编号", "Stairwell id", fk="stairwells.stairwell_id"),
            _community(),
            _date("round_date", "评定日期", "Rating round"),
            Column("stars", "INTEGER", "星级", "Stars", "星", 1, 5),
        ),
        key=("stairwell_id", "round_date"),
    ),
    Table(
        "volunteers",
        "志愿者",
        "Volunteers",
        "selfgov",
        "one row per volunteer (an id, no personal data)",
        (
            _id("volunteer_id", "志愿者编号", "Volunteer id"),
            _id("household_id", "住户编号", "Household id", fk="households.household_id"),
            _community(),
            _choice("team", "志愿队伍", "Team", VOLUNTEER_TEAMS),
            _date("joined_date", "加入日期", "Joined"),
        ),
        key=("volunteer_id",),
    ),
    Table(
        "mediations",
        "矛盾调解",
        "Dispute mediations",
        "selfgov",
        "one row per dispute mediated",
        (
            _id("case_id", "调解编号", "Case id"),
            _community(),
            _date(),
            Column("resolved", "BOOLEAN", "调解成功", "Resolved"),
        ),
        key=("case_id",),
    ),
    # ---- 一张图: the communities' outlines (governance/geo) ------------------------------
    Table(
        "community_shapes",
        "社区边界",
        "Community shapes",
        "town",
        "one row per community or village: its outline",
        (
            _community(),
            Column("geometry", "VARCHAR", "边界（GeoJSON）", "Outline (GeoJSON)"),
            Column("schematic", "BOOLEAN", "示意图", "Schematic"),
        ),
        key=("community_id",),
        description=(
            "A GeoJSON Polygon or MultiPolygon in longitude/latitude (WGS-84 or GCJ-02, as "
            "the town has them); schematic marks a layout that is not a real boundary (the "
            "demo's 示意图). Imported as a .geojson file, one feature per community."
        ),
    ),
)

TABLES_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}


def table(name: str) -> Table:
    return TABLES_BY_NAME[name]


def markdown() -> str:
    """The contract as Markdown, for the README's data section."""
    lines: list[str] = []
    for t in TABLES:
        lines.append(f"### `{t.name}` — {t.label_zh} ({t.label_en})")
        lines.append("")
        lines.append(f"Grain: {t.grain}. Key: {', '.join(t.key)}. {t.description}".rstrip())
        lines.append("")
        lines.append("| column | type | 中文 | English | unit | range / allowed | key / checks |")
        lines.append("|---|---|---|---|---|---|---|")
        for c in t.columns:
            if c.allowed:
                rng = " / ".join(c.allowed)
            elif c.min is not None or c.max is not None:
                lo = "" if c.min is None else f"{c.min:g}"
                hi = "" if c.max is None else f"{c.max:g}"
                rng = f"{lo} – {hi}"
            else:
                rng = ""
            keys = []
            if c.name in t.key:
                keys.append("PK")
            if c.fk:
                keys.append(f"→ {c.fk}")
            if c.nullable:
                keys.append("nullable")
            if c.not_above:
                keys.append(f"≤ {c.not_above}")
            if c.plausible:
                keys.append("10× usual")
            lines.append(
                f"| {c.name} | {c.type} | {c.label_zh} | {c.label_en} | {c.unit} | {rng} "
                f"| {' '.join(keys)} |"
            )
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown())
