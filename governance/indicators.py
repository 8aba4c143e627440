"""The indicators the dashboard scores, targets and ranks.

Each indicator has a direction (``better``: "up" or "down"): a change is coloured green when
it moves the way that is good for *this* indicator, never by its sign alone. Target values
live in the data (``targets`` table); ids here are the keys that table uses.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Indicator:
    id: str
    platform: str  # outcomes | outcomes_detail | party | longterm | culture | selfgov
    label_zh: str
    label_en: str
    unit: str  # pct | score | count | per10k | per1000 | days | yuan
    better: str  # up | down
    headline: bool = False  # the platform's indicator in the community x platform ranking
    mean: bool = False  # a weighted mean of a value already in its unit (no scaling factor)
    count_unit_zh: str = ""  # the Chinese measure word of a count (件, 批, 人次)

    def is_good(self, change: float) -> bool | None:
        """Whether a change is good for this indicator; None when there is no change."""
        if change == 0 or change != change:  # zero or NaN
            return None
        return (change > 0) == (self.better == "up")


INDICATORS: tuple[Indicator, ...] = (
    # 三降: three marked decreases
    Indicator(
        "incident_rate", "outcomes", "治安发案率", "Security incident rate", "per10k", "down"
    ),
    Indicator(
        "petitions", "outcomes", "信访总量", "Petitions", "count", "down", count_unit_zh="件"
    ),
    Indicator(
        "skip_level_batches",
        "outcomes",
        "越级上访",
        "Skip-level petitions",
        "count",
        "down",
        count_unit_zh="批",
    ),
    # 越级上访 is counted both in batches (the tile) and in person-times (shown beside it).
    Indicator(
        "skip_level_persons",
        "outcomes_detail",
        "越级上访人次",
        "Skip-level petitioners",
        "count",
        "down",
        count_unit_zh="人次",
    ),
    # 四升: four marked increases
    Indicator(
        "environment_score", "outcomes", "环境管理质量", "Environment quality", "score", "up"
    ),
    Indicator("safety_index", "outcomes", "城镇安全指数", "Town safety index", "score", "up"),
    Indicator(
        "democratic_awareness", "outcomes", "居民民主意识", "Democratic awareness", "score", "up"
    ),
    Indicator(
        "satisfaction_pct", "outcomes", "对政府满意度", "Satisfaction", "pct", "up", mean=True
    ),
    # platform 1
    Indicator(
        "issue_resolution_rate",
        "party",
        "联席会议议题解决率",
        "Joint-meeting issue resolution",
        "pct",
        "up",
        headline=True,
    ),
    Indicator(
        "hazard_handled_rate", "party", "联防隐患处置率", "Patrol hazards handled", "pct", "up"
    ),
    # platform 2
    Indicator(
        "fee_collection_rate",
        "longterm",
        "物业费收缴率",
        "Property-fee collection",
        "pct",
        "up",
        headline=True,
    ),
    Indicator("property_score", "longterm", "物业考核得分", "Property assessment", "score", "up"),
    Indicator("grid_closure_rate", "longterm", "网格案件结案率", "Grid cases closed", "pct", "up"),
    Indicator("sanitation_score", "longterm", "环境卫生得分", "Sanitation score", "score", "up"),
    # platform 3
    Indicator(
        "participation_per_1000",
        "culture",
        "千人活动参与人次",
        "Participation per 1,000 residents",
        "per1000",
        "up",
        headline=True,
    ),
    Indicator(
        "placement_rate", "culture", "培训推荐就业率", "Trainees placed in jobs", "pct", "up"
    ),
    # platform 4
    Indicator(
        "star3_share",
        "selfgov",
        "三星及以上楼道占比",
        "Stairwells at 3+ stars",
        "pct",
        "up",
        headline=True,
    ),
    Indicator(
        "volunteer_household_share",
        "selfgov",
        "有志愿者的住户占比",
        "Households with a volunteer",
        "pct",
        "up",
    ),
    Indicator(
        "mediation_success_rate", "selfgov", "矛盾调解成功率", "Mediation success", "pct", "up"
    ),
)

INDICATORS_BY_ID: dict[str, Indicator] = {i.id: i for i in INDICATORS}
OUTCOME_IDS: tuple[str, ...] = tuple(i.id for i in INDICATORS if i.platform == "outcomes")
PLATFORMS: tuple[str, ...] = ("party", "longterm", "culture", "selfgov")
HEADLINE: dict[str, Indicator] = {i.platform: i for i in INDICATORS if i.headline}


def indicator(indicator_id: str) -> Indicator:
    return INDICATORS_BY_ID[indicator_id]
