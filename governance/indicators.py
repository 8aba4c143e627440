"""The measure registry: every measure a page shows, in one place.

Each measure has its labels in both languages, a unit, a direction (``better``: "up" or
"down": a change is coloured green when it moves the way that is good for *this* measure,
never by its sign alone), how it aggregates across communities and quarters, and the query
that supplies its parts. Two kinds:

- the scored indicators (``INDICATORS``): they have targets (the ``targets`` table uses these
  ids), make the platform scorecards and the community ranking;
- the page measures (``PAGE_MEASURES``): the counts and means a platform page shows beside its
  indicators (joint meetings held, days to resolve, reward paid, …).

Aggregation over any set of communities and quarters is one rule, applied by
``governance.kpi.aggregate`` to a parts frame (community, quarter, indicator_id, num, den):
``sum`` adds ``num``; ``ratio`` is sum(num) / sum(den) × the unit's factor (100 for a percentage,
10,000 per 10k residents, 1,000 per 1,000, 1 for a weighted mean such as a score or days) —
never an average of community rates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

# The queries whose rows are the parts of the measures (see each measure's ``source``).
INDICATOR_PARTS = "indicator_parts_by_community_quarter"
LONGTERM_PARTS = "longterm_kpi_parts_by_community_quarter"
SELFGOV_PARTS = "selfgov_parts_by_community_quarter"
PARTY_PARTS = "party_parts_by_community_quarter"
CULTURE_PARTS = "culture_parts_by_community_quarter"

FACTOR = {"pct": 100.0, "per10k": 10_000.0, "per1000": 1_000.0}


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
    aggregation: str = ""  # sum | ratio; empty: sum for counts, ratio for everything else
    source: str = INDICATOR_PARTS  # the query that supplies its parts
    scored: bool = True  # has targets, a scorecard tile and a place in the ranking
    cases_zh: str = ""  # the measure word of the events or items behind it (起, 件, 户)
    cases_noun_zh: str = ""  # what they are, when the value is not itself their count (议题)
    cases_en: str = ""  # the same in English, plural ("issues counted", "households billed")
    # The part counting the events behind a value carried forward (elections behind the
    # latest turnout): the value is shown only when the selected period holds one of them.
    shown_when: str = ""

    @property
    def cases_part(self) -> str | None:
        """Which part counts the events or items behind a value: ``num`` for counts and
        rates per head (incidents), ``den`` for shares and means over cases (issues raised,
        cases closed); None for scores and means weighted by residents."""
        if self.unit in ("count", "per10k", "per1000"):
            return "num"
        if (self.unit == "pct" and not self.mean) or self.unit == "days":
            return "den"
        return None

    def label(self, lang: str = "zh") -> str:
        return self.label_en if lang == "en" else self.label_zh

    @property
    def how(self) -> str:
        """How the measure aggregates: ``sum`` of num, or ``ratio`` of sums."""
        return self.aggregation or ("sum" if self.unit == "count" else "ratio")

    @property
    def factor(self) -> float:
        """What sum(num) / sum(den) is multiplied by to give the value in its unit."""
        return 1.0 if self.mean else FACTOR.get(self.unit, 1.0)

    def is_good(self, change: float) -> bool | None:
        """Whether a change is good for this measure; None when there is no change."""
        if change == 0 or change != change:  # zero or NaN
            return None
        return (change > 0) == (self.better == "up")


_SCORED_ROWS: tuple[Indicator, ...] = (
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


# What the count behind each rate or count is, for "计入议题 7 → 6件" / "7 → 6 issues counted":
# (the Chinese noun, the Chinese measure word, the English noun). A share or a mean counts its
# denominator (issues counted in the rate: raised minus those still in hand; households
# billed; stairwells rated …); a rate per head counts its events (incidents, person-times),
# not the residents; a count is its own number, so it needs no Chinese noun.
CASE_WORDS: dict[str, tuple[str, str, str]] = {
    "incident_rate": ("发案", "起", "incidents"),
    "petitions": ("", "件", "petitions"),
    "skip_level_batches": ("", "批", "batches"),
    "skip_level_persons": ("", "人次", "person-times"),
    "issue_resolution_rate": ("计入议题", "件", "issues counted"),
    "hazard_handled_rate": ("发现隐患", "处", "hazards found"),
    "fee_collection_rate": ("应缴", "户", "households billed"),
    "grid_closure_rate": ("计入案件", "件", "cases counted"),
    "participation_per_1000": ("参与", "人次", "person-times"),
    "placement_rate": ("培训", "人", "trainees"),
    "star3_share": ("参评楼道", "个", "stairwells rated"),
    "volunteer_household_share": ("", "户", "households"),
    "mediation_success_rate": ("调解", "件", "disputes mediated"),
    "issue_days_to_resolve": ("已解决议题", "件", "issues resolved"),
    "grid_days_to_close": ("已结案件", "件", "cases closed"),
    "election_turnout": ("选民", "人", "eligible voters"),
    "decisions_carried_out_rate": ("通过决议", "项", "decisions adopted"),
    "joint_meetings_held": ("", "次", "meetings"),
    "patrols_held": ("", "次", "patrols"),
    "patrol_person_times": ("", "人次", "person-times"),
    "partner_units": ("", "个", "partner units"),
    "committee_members": ("", "名", "members"),
    "activities": ("", "场", "activities"),
    "person_times": ("", "人次", "person-times"),
    "active_teams": ("", "支", "teams"),
    "team_members": ("", "人", "members"),
    "trainees": ("", "人", "trainees"),
    "placed": ("", "人", "placed"),
    "meetings_held": ("", "次", "meetings"),
    "volunteers": ("", "人", "volunteers"),
    "mediations": ("", "件", "disputes"),
}

# The page measures, one row each: platform, id, labels, unit, better and the query whose long
# parts (community, quarter, indicator_id, num, den) carry it. The reward is a total (a sum
# of yuan); days to close and the community score are means weighted by their cases; fewer
# disputes mediated is good news (the platform's aim is fewer conflicts).
# fmt: off
_PAGE_ROWS: tuple[tuple[str, ...], ...] = (
    ("party", "joint_meetings_held", "联席会议召开次数", "Joint meetings held", "count", "up", PARTY_PARTS),  # noqa: E501
    ("party", "issue_days_to_resolve", "议题平均解决天数", "Mean days to resolve an issue", "days", "down", PARTY_PARTS),  # noqa: E501
    ("party", "patrols_held", "联防巡逻次数", "Joint patrols", "count", "up", PARTY_PARTS),
    ("party", "patrol_person_times", "巡逻参与人次", "Patrol person-times", "count", "up", PARTY_PARTS),  # noqa: E501
    ("party", "partner_units", "共建单位（结对）", "Partner units (pairings)", "count", "up", PARTY_PARTS),  # noqa: E501
    ("party", "committee_members", "兼职党总支委员", "Part-time committee members", "count", "up", PARTY_PARTS),  # noqa: E501
    ("longterm", "reward_paid", "本季度奖励金", "Reward paid this quarter", "yuan", "up", LONGTERM_PARTS),  # noqa: E501
    ("longterm", "grid_days_to_close", "平均结案天数", "Mean days to close", "days", "down", LONGTERM_PARTS),  # noqa: E501
    ("longterm", "community_score", "社区专项考核得分", "Community special assessment", "score", "up", LONGTERM_PARTS),  # noqa: E501
    ("culture", "activities", "文化活动场次", "Activities", "count", "up", CULTURE_PARTS),
    ("culture", "person_times", "活动参与人次", "Activity person-times", "count", "up", CULTURE_PARTS),  # noqa: E501
    ("culture", "active_teams", "活跃社会团队", "Active social teams", "count", "up", CULTURE_PARTS),  # noqa: E501
    ("culture", "team_members", "团队成员", "Team members", "count", "up", CULTURE_PARTS),
    ("culture", "subsidy_yuan", "团队镇补贴（元）", "Town subsidy to teams (yuan)", "count", "up", CULTURE_PARTS),  # noqa: E501
    ("culture", "trainees", "培训人数", "Trainees", "count", "up", CULTURE_PARTS),
    ("culture", "placed", "推荐就业人数", "Placed in jobs", "count", "up", CULTURE_PARTS),
    ("selfgov", "election_turnout", "最近一次选举参选率", "Turnout at the latest election", "pct", "up", SELFGOV_PARTS),  # noqa: E501
    ("selfgov", "meetings_held", "三会召开次数", "Three meetings held", "count", "up", SELFGOV_PARTS),  # noqa: E501
    ("selfgov", "decisions_carried_out_rate", "三会决议落实率", "Decisions carried out", "pct", "up", SELFGOV_PARTS),  # noqa: E501
    ("selfgov", "volunteers", "在册志愿者", "Volunteers on the rolls", "count", "up", SELFGOV_PARTS),  # noqa: E501
    ("selfgov", "mediations", "调解纠纷数", "Disputes mediated", "count", "down", SELFGOV_PARTS),
)
# fmt: on
_TOTALS = {"reward_paid"}  # a yuan amount that adds up, not a mean
# The turnout in force is the latest election's; shown only for a period with an election.
_SHOWN_WHEN = {"election_turnout": "elections_held"}

PAGE_MEASURES: tuple[Indicator, ...] = tuple(
    Indicator(
        mid,
        platform,
        zh,
        en,
        unit,
        better,
        aggregation="sum" if mid in _TOTALS else "",
        source=source,
        scored=False,
        shown_when=_SHOWN_WHEN.get(mid, ""),
    )
    for platform, mid, zh, en, unit, better, source in _PAGE_ROWS
)


def _with_case_words(ind: Indicator) -> Indicator:
    noun, word, en = CASE_WORDS.get(ind.id, ("", "", ""))
    return replace(ind, cases_zh=word, cases_noun_zh=noun, cases_en=en)


_SCORED_ROWS = tuple(_with_case_words(i) for i in _SCORED_ROWS)
PAGE_MEASURES = tuple(_with_case_words(i) for i in PAGE_MEASURES)
OUTCOME_IDS: tuple[str, ...] = tuple(i.id for i in _SCORED_ROWS if i.platform == "outcomes")


@dataclass(frozen=True)
class Platform:
    """What differs between the platforms, as data: every page, slide, ranking and overview
    reads these records and names no platform. Its labels are catalog keys derived from the id
    (``platform.<id>``, ``platform.<id>.motto``); its headline is the registry's indicator of
    the platform marked ``headline``."""

    id: str
    kpi_row: tuple[str, ...]  # the page's tiles, in order
    slide_tiles: tuple[str, ...]  # the briefing slide's key tiles, the headline first
    parts_query: str  # the long parts of its page measures (the shared ones: INDICATOR_PARTS)

    @property
    def headline(self) -> Indicator:
        return next(i for i in REGISTRY.values() if i.platform == self.id and i.headline)


# fmt: off
PLATFORM_RECORDS: dict[str, Platform] = {p.id: p for p in (
    Platform(
        "party",
        ("joint_meetings_held", "issue_resolution_rate", "issue_days_to_resolve", "patrols_held",
         "patrol_person_times", "hazard_handled_rate", "partner_units", "committee_members"),
        ("issue_resolution_rate", "hazard_handled_rate", "joint_meetings_held",
         "issue_days_to_resolve"),
        PARTY_PARTS,
    ),
    Platform(
        "longterm",
        ("fee_collection_rate", "property_score", "reward_paid", "grid_closure_rate",
         "grid_days_to_close", "sanitation_score", "community_score"),
        ("fee_collection_rate", "property_score", "grid_closure_rate", "sanitation_score"),
        LONGTERM_PARTS,
    ),
    Platform(
        "culture",
        ("activities", "person_times", "participation_per_1000", "active_teams", "team_members",
         "subsidy_yuan", "trainees", "placement_rate"),
        ("participation_per_1000", "placement_rate", "activities", "active_teams"),
        CULTURE_PARTS,
    ),
    Platform(
        "selfgov",
        ("star3_share", "election_turnout", "meetings_held", "decisions_carried_out_rate",
         "volunteers", "volunteer_household_share", "mediations", "mediation_success_rate"),
        ("star3_share", "volunteer_household_share", "mediation_success_rate", "meetings_held"),
        SELFGOV_PARTS,
    ),
)}
# fmt: on


class _Ids(Sequence[str]):
    """The platforms' ids in order, read from the records at each use (a test registers a
    fifth platform in PLATFORM_RECORDS and every page, slide and ranking has it)."""

    def __getitem__(self, index):  # type: ignore[override]
        return tuple(PLATFORM_RECORDS)[index]

    def __len__(self) -> int:
        return len(PLATFORM_RECORDS)

    def __eq__(self, other: object) -> bool:  # compares as the tuple of ids it stands for
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    __hash__ = None  # type: ignore[assignment]  # changes with the records: not a dict key

    def __repr__(self) -> str:
        return repr(tuple(self))


class _Headlines(Mapping[str, Indicator]):
    """Each platform's headline indicator, by platform id, read from the records."""

    def __getitem__(self, platform: str) -> Indicator:
        return PLATFORM_RECORDS[platform].headline

    def __iter__(self) -> Iterator[str]:
        return iter(PLATFORM_RECORDS)

    def __len__(self) -> int:
        return len(PLATFORM_RECORDS)


PLATFORMS: Sequence[str] = _Ids()
HEADLINE: Mapping[str, Indicator] = _Headlines()


# Every measure any page shows, scored or not: the registry.
REGISTRY: dict[str, Indicator] = {i.id: i for i in (*_SCORED_ROWS, *PAGE_MEASURES)}
assert len(REGISTRY) == len(_SCORED_ROWS) + len(PAGE_MEASURES), "measure ids are unique"


class Selected(Mapping[str, Indicator]):
    """The registry's measures that ``keep`` selects, by id in the registry's order, read
    from it at each use: a measure or a platform registered later is among them."""

    def __init__(self, keep: Callable[[Indicator], bool]):
        self._keep = keep

    def __getitem__(self, measure_id: str) -> Indicator:
        found = REGISTRY[measure_id]
        if not self._keep(found):
            raise KeyError(measure_id)
        return found

    def __iter__(self) -> Iterator[str]:
        return (i.id for i in list(REGISTRY.values()) if self._keep(i))

    def __len__(self) -> int:
        return sum(1 for _ in self)


class _Scored(Sequence[Indicator]):
    """The scored indicators in the registry's order, read from it at each use."""

    def __getitem__(self, index):  # type: ignore[override]
        return tuple(INDICATORS_BY_ID.values())[index]

    def __len__(self) -> int:
        return len(INDICATORS_BY_ID)

    def __iter__(self) -> Iterator[Indicator]:
        return iter(tuple(INDICATORS_BY_ID.values()))

    def __repr__(self) -> str:
        return repr(tuple(self))


# The scored indicators (ranked, lit, 督办-able), by id and in order.
INDICATORS_BY_ID: Mapping[str, Indicator] = Selected(lambda i: i.scored)
INDICATORS: Sequence[Indicator] = _Scored()


def indicator(indicator_id: str) -> Indicator:
    """A scored indicator by id."""
    return INDICATORS_BY_ID[indicator_id]


def measure(measure_id: str) -> Indicator:
    """Any measure a page shows, by id (KeyError for an id that is not in the registry)."""
    return REGISTRY[measure_id]
