"""督办's view model: every item as one row in words (subject, unit, status, days overdue, the
latest feedback, what the data says of its indicator), the marks on the ranking cells and the
tiles, the slide's groups by unit, the 台账's columns and the meeting's sentence — read by the
督办 page, the overview, the profile, presentation mode, both briefing files and the 台账, so
each is written once here."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from governance.duban import rules
from governance.duban.store import Item
from governance.i18n import t
from governance.indicators import INDICATORS
from governance.text import plain

PLATFORM_OF = {i.id: i.platform for i in INDICATORS}


@dataclass(frozen=True)
class Names:
    communities: Mapping[str, str]  # community id -> name, in the language shown
    companies: Mapping[str, str]  # property company id -> name


@dataclass(frozen=True)
class Row:
    id: int
    title: str
    subject: str  # in words: 物业费收缴率 · 芦苑社区, 网格案件 G123, 其他事项
    community_id: str | None
    community: str  # its name, or 全镇
    indicator_id: str | None
    platform: str | None  # the indicator's platform (party, longterm, ...)
    unit: str  # in words: 芦苑社区居委会, 甲物业, 城管, ...
    person: str
    deadline: date
    status: str  # the status key (assigned, ...)
    status_text: str
    open: bool
    days_overdue: int
    when: str  # 逾期12天 / 今日到期 / 剩5天 / 已办结
    feedback: str  # the latest feedback entry, "1月5日 李：已约谈物业" (empty: none)
    recovered: bool  # on target for the data's last two quarters: suggest closing
    red_at_deadline: bool  # the deadline has passed and the indicator read red then
    notes: tuple[str, ...]  # the two above in words
    meeting_id: int | None
    evaluation: str  # at closure, in words
    closed_by: str


def company_ids(names: Mapping[str, str]) -> list[str]:
    return sorted(names)


def unit_text(item: Item, names: Names, lang: str) -> str:
    if item.unit_kind == "committee":
        return t("duban.committee", lang, name=names.communities.get(item.unit, item.unit))
    if item.unit_kind == "company":
        return names.companies.get(item.unit, item.unit)
    if item.unit_kind == "body":
        return t(f"duban.body.{item.unit}", lang)
    return item.unit


def subject_text(item: Item, names: Names, lang: str) -> str:
    where = names.communities.get(item.community_id, item.community_id or "")
    if item.subject == "indicator" and item.indicator_id in rules.SCORED:
        return f"{rules.SCORED[item.indicator_id].label(lang)} · {where}"
    if item.subject == "case":
        what = t(f"duban.case.{item.case_source}", lang, id=item.case_id)
        return f"{what} · {where}" if where else what
    return t("duban.subject.text", lang) + (f" · {where}" if where else "")


def when_text(item: Item, day: date, lang: str) -> str:
    if not item.open:
        return t("duban.status.closed", lang)
    late = item.days_overdue(day)
    if late > 0:
        return t("duban.overdue", lang, n=late)
    left = (item.deadline - day).days
    return t("duban.due_today", lang) if left == 0 else t("duban.due_in", lang, n=left)


def _feedback(item: Item, lang: str) -> str:
    step = item.latest_feedback
    if step is None:
        return ""
    day = t("duban.feedback.day", lang, y=step.day.year, m=step.day.month, d=step.day.day)
    return t("duban.feedback", lang, day=day, by=step.by, text=step.text)


def pairs(items: Iterable[Item]) -> tuple[tuple[str, str], ...]:
    """The (indicator, community) pairs whose readings the rows need."""
    return tuple(
        dict.fromkeys(
            (i.indicator_id, i.community_id)
            for i in items
            if i.subject == "indicator" and i.indicator_id in rules.SCORED and i.community_id
        )
    )


def readings(
    run, _filters: object, _lang: str, wanted: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], rules.Reading]:
    """Each pair's reading from the data in force (a view-model builder: cached per data)."""
    if not wanted:
        return {}
    parts = run("indicator_parts_by_community_quarter", None)
    targets = run("targets_all", None)
    return rules.readings(parts, targets, wanted)


def row(
    item: Item,
    names: Names,
    day: date,
    lang: str,
    found: Mapping[tuple[str, str], rules.Reading],
) -> Row:
    reading = found.get((item.indicator_id or "", item.community_id or ""))
    recovered = bool(item.open and reading is not None and reading.recovered)
    red = bool(
        item.open and reading is not None and day > item.deadline and reading.red_at(item.deadline)
    )
    notes = tuple(
        t(key, lang)
        for key, on in (("duban.recovered", recovered), ("duban.red_at_deadline", red))
        if on
    )
    evaluation = t(f"duban.evaluation.{item.evaluation}", lang) if item.evaluation else ""
    return Row(
        id=item.id,
        title=item.title,
        subject=subject_text(item, names, lang),
        community_id=item.community_id,
        community=(
            names.communities.get(item.community_id, item.community_id)
            if item.community_id
            else t("auth.scope.town", lang)
        ),
        indicator_id=item.indicator_id,
        platform=PLATFORM_OF.get(item.indicator_id or ""),
        unit=unit_text(item, names, lang),
        person=item.person or "",
        deadline=item.deadline,
        status=item.status,
        status_text=t(f"duban.status.{item.status}", lang),
        open=item.open,
        days_overdue=item.days_overdue(day),
        when=when_text(item, day, lang),
        feedback=_feedback(item, lang),
        recovered=recovered,
        red_at_deadline=red,
        notes=notes,
        meeting_id=item.meeting_id,
        evaluation=evaluation,
        closed_by=item.closed_by or "",
    )


def rows(
    items: Iterable[Item],
    names: Names,
    day: date,
    lang: str,
    found: Mapping[tuple[str, str], rules.Reading],
) -> list[Row]:
    """Every item as a row: open before closed, the most overdue first, then by deadline."""
    out = [row(i, names, day, lang, found) for i in items]
    return sorted(out, key=lambda r: (not r.open, -r.days_overdue, r.deadline, r.id))


@dataclass(frozen=True)
class Choice:
    """The 督办 page's filters (empty: all)."""

    statuses: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    communities: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()
    overdue_only: bool = False


def chosen(all_rows: Sequence[Row], c: Choice) -> list[Row]:
    return [
        r
        for r in all_rows
        if (not c.statuses or r.status in c.statuses)
        and (not c.units or r.unit in c.units)
        and (not c.communities or r.community_id in c.communities)
        and (not c.platforms or r.platform in c.platforms)
        and (not c.overdue_only or r.days_overdue > 0)
    ]


def mark_text(marked: Sequence[Row], lang: str) -> str:
    """The mark of a cell or a tile with open items: 督办中·逾期12天 (the most pressing)."""
    worst = marked[0]  # rows come most overdue first
    if len(marked) == 1:
        return t("duban.mark", lang, when=worst.when)
    return t("duban.marks", lang, n=len(marked), when=worst.when)


def _marks(all_rows: Sequence[Row], key, lang: str) -> dict[tuple[str, str], str]:
    grouped: dict[tuple[str, str], list[Row]] = {}
    for r in all_rows:
        if r.open and r.community_id and r.indicator_id:
            grouped.setdefault(key(r), []).append(r)
    return {k: mark_text(v, lang) for k, v in grouped.items()}


def indicator_marks(all_rows: Sequence[Row], lang: str) -> dict[tuple[str, str], str]:
    """(community, indicator) -> mark, for the tiles of a community (the profile)."""
    return _marks(all_rows, lambda r: (r.community_id, r.indicator_id), lang)


def platform_marks(all_rows: Sequence[Row], lang: str) -> dict[tuple[str, str], str]:
    """(community, platform) -> mark, for the ranking's cells: an open item on any of the
    platform's indicators for that community."""
    return _marks(all_rows, lambda r: (r.community_id, r.platform), lang)


def by_unit(all_rows: Sequence[Row]) -> list[tuple[str, list[Row]]]:
    """The open items grouped by responsible unit, the unit with the most overdue first."""
    groups: dict[str, list[Row]] = {}
    for r in all_rows:
        if r.open:
            groups.setdefault(r.unit, []).append(r)
    return sorted(groups.items(), key=lambda kv: (-kv[1][0].days_overdue, kv[0]))


COLUMNS = (
    "id",
    "title",
    "subject",
    "community",
    "unit",
    "person",
    "deadline",
    "status",
    "when",
    "feedback",
    "notes",
    "meeting",
    "evaluation",
)


def frame(all_rows: Sequence[Row], lang: str) -> pd.DataFrame:
    """The rows as the page's table and the 台账's sheet, every text plain (never Markdown,
    a formula or a bidi trick: the downloads neutralise formulas on top)."""
    sep = "；" if lang != "en" else "; "
    data = {
        "id": [r.id for r in all_rows],
        "title": [plain(r.title, limit=None) for r in all_rows],
        "subject": [r.subject for r in all_rows],
        "community": [r.community for r in all_rows],
        "unit": [plain(r.unit, limit=None) for r in all_rows],
        "person": [plain(r.person, limit=None) for r in all_rows],
        "deadline": [r.deadline.isoformat() for r in all_rows],
        "status": [r.status_text for r in all_rows],
        "when": [r.when for r in all_rows],
        "feedback": [plain(r.feedback, limit=None) for r in all_rows],
        "notes": [sep.join(r.notes) for r in all_rows],
        "meeting": [
            t("duban.meeting_no", lang, id=r.meeting_id) if r.meeting_id else "" for r in all_rows
        ],
        "evaluation": [r.evaluation for r in all_rows],
    }
    out = pd.DataFrame(data, columns=list(COLUMNS))
    return out.rename(columns={c: t(f"duban.col.{c}", lang) for c in COLUMNS})


def meeting_sentence(all_rows: Sequence[Row], meeting_id: int, lang: str) -> str | None:
    """上次会议交办 5 项：已办结 2 项，办理中 2 项，逾期 1 项（…）; None when it assigned none."""
    mine = [r for r in all_rows if r.meeting_id == meeting_id]
    if not mine:
        return None
    closed = sum(not r.open for r in mine)
    late = [r for r in mine if r.open and r.days_overdue > 0]
    working = sum(r.open and r.days_overdue == 0 for r in mine)
    recovered = sum(r.recovered for r in mine)
    sep = "、" if lang != "en" else ", "
    late_words = sep.join(
        t("duban.meeting.late", lang, title=plain(r.title, limit=40), unit=r.unit, when=r.when)
        for r in late[:3]
    )
    return t(
        "duban.meeting.sentence",
        lang,
        n=len(mine),
        closed=closed,
        working=working,
        late=len(late),
        which=t("duban.meeting.which", lang, names=late_words) if late else "",
        recovered=t("duban.meeting.recovered", lang, n=recovered) if recovered else "",
    )
