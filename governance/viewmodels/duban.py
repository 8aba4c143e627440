"""督办's view model: every item as one row in words (subject, unit, status, days overdue, the
latest feedback, what the data says of its indicator), the marks on the ranking cells and the
tiles, the slide's groups by unit, the 台账's columns and the meeting's sentence — read by the
督办 page, the overview, the profile, presentation mode, both briefing files and the 台账, so
each is written once here."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from governance import cases, fmt, kpi, palette
from governance.auth import audit
from governance.duban import rules
from governance.duban.store import Item
from governance.filters import Filters
from governance.i18n import categories, t
from governance.indicators import INDICATORS_BY_ID, PLATFORMS
from governance.lights import AMBER, RED, traffic_light
from governance.textwidth import PAGE, text_em
from governance.viewmodel import community_ids, community_names


def _platform_of(indicator_id: str | None) -> str | None:
    found = INDICATORS_BY_ID.get(indicator_id or "")
    return found.platform if found is not None else None


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
    case: tuple[str, str] | None = None  # (issue | case, its id) when assigned from one


def names_of(communities: pd.DataFrame, lang: str) -> Names:
    """The communities' and their property companies' names in ``lang`` (from the
    ``communities_list`` query's rows)."""
    en = lang == "en"
    people = dict(
        zip(communities["community_id"], communities["name_en" if en else "name_zh"], strict=True)
    )
    firms = communities.dropna(subset=["company_id"])
    companies = dict(
        zip(firms["company_id"], firms["company_en" if en else "company_zh"], strict=True)
    )
    return Names(communities=people, companies=companies)


def short(text: str, most: int = 40) -> str:
    """``text`` cut to ``most`` characters with "…" (a sentence or a slide cell)."""
    return text if len(text) <= most else text[: most - 1] + "…"


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


def who(name: str, lang: str) -> str:
    """Who wrote a step: the account, or in words when no one was logged in (the demo), as
    every record's user is said (audit.user_text)."""
    return audit.user_text(name, lang)


def when_text(item: Item, day: date, lang: str) -> str:
    if not item.open:  # when, not the status again (the status stands beside it)
        closed = item.closed_on or day
        return t("duban.closed_on", lang, day=closed.isoformat())
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
    return t("duban.feedback", lang, day=day, by=who(step.by, lang), text=step.text)


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
        platform=_platform_of(item.indicator_id),
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
        case=(item.case_source, item.case_id) if item.case_source and item.case_id else None,
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


MARK_COLOUR = "#dbe4ff"  # a follow-up's label: no light's colour (it is not a status)


def marked_ranking(
    shown: pd.DataFrame,
    ids: Sequence[str],
    columns: Mapping[str, str],
    marks: Mapping[tuple[str, str], str],
    pills: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]],
) -> tuple[pd.DataFrame, dict[str, tuple[tuple[str, ...], tuple[str, ...]]]]:
    """The ranking's labelled cells (one-item lists, see overview.light_pills) with the mark
    of a cell's open items added as a second label, and the label colours with the marks'.
    ``ids``: the community of each row; ``columns``: platform column -> platform."""
    out = shown.copy()
    colours = dict(pills)
    for column, platform in columns.items():
        if column not in out.columns or column not in colours:
            continue
        added: list[str] = []
        cells = []
        for community, cell in zip(ids, out[column], strict=True):
            mark = marks.get((community, platform))
            cells.append([*cell, mark] if mark else cell)
            if mark:
                added.append(mark)
        out[column] = cells
        labels, shades = colours[column]
        extra = tuple(m for m in dict.fromkeys(added) if m not in labels)
        colours[column] = (labels + extra, shades + (MARK_COLOUR,) * len(extra))
    return out, colours


# A label in the grid: its text at about 14 px (textwidth.PAGE's generous em), its padding
# and the gap to the next label; the cell's own padding once.
LABEL_PX, LABEL_PAD_PX, CELL_PAD_PX = 14, 14, 16


def marked_widths(shown: pd.DataFrame, columns: Iterable[str]) -> dict[str, int]:
    """The width in px each of ``columns`` needs to show its widest cell's labels whole, for
    the columns where a cell holds a mark besides its light (two labels or more): the grid
    does not widen a column for a second label, which it cut (督办中·剩…). Columns without a
    mark are left to the grid."""
    out: dict[str, int] = {}
    for column in columns:
        if column not in shown.columns:
            continue
        cells = [list(c) for c in shown[column] if isinstance(c, list | tuple)]
        if not any(len(c) > 1 for c in cells):
            continue
        out[column] = max(
            CELL_PAD_PX
            + sum(math.ceil(text_em(str(label), PAGE) * LABEL_PX) + LABEL_PAD_PX for label in c)
            for c in cells
        )
    return out


def by_unit(all_rows: Sequence[Row]) -> list[tuple[str, list[Row]]]:
    """The open items grouped by responsible unit: the unit with the most overdue item first,
    then the unit whose next deadline is soonest."""
    groups: dict[str, list[Row]] = {}
    for r in all_rows:
        if r.open:
            groups.setdefault(r.unit, []).append(r)
    # each group's first row is its most pressing (rows come most overdue first, then by
    # deadline): the most overdue unit first, then the one whose deadline comes soonest
    return sorted(groups.items(), key=lambda kv: (-kv[1][0].days_overdue, kv[1][0].deadline, kv[0]))


# What a reader scans first comes first (the table is wider than a page): the item, how late,
# where it stands and who has it; then the rest.
COLUMNS = (
    "id",
    "title",
    "when",
    "status",
    "unit",
    "person",
    "deadline",
    "community",
    "subject",
    "feedback",
    "notes",
    "meeting",
    "evaluation",
)
# A column's header is duban.col.<column>, but for the words every table says alike: those by
# the key the other tables use (col.*), so the ledger and they cannot drift apart.
_SHARED_HEADERS = {"id": "common.no", "community": "col.community", "status": "col.light"}


def header(column: str, lang: str) -> str:
    """The header of ``column`` (one of :data:`COLUMNS`) in ``lang``: the page's table, the
    台账's sheet and the briefing slide say the same."""
    return t(_SHARED_HEADERS.get(column, f"duban.col.{column}"), lang)


def frame(all_rows: Sequence[Row], lang: str) -> pd.DataFrame:
    """The rows as the page's table and the 台账's sheet (a table shows text as text; the
    store refused reordering characters, and the downloads neutralise formulas)."""
    sep = "；" if lang != "en" else "; "
    data = {
        "id": [r.id for r in all_rows],
        "title": [r.title for r in all_rows],
        "subject": [r.subject for r in all_rows],
        "community": [r.community for r in all_rows],
        "unit": [r.unit for r in all_rows],
        "person": [r.person for r in all_rows],
        "deadline": [r.deadline.isoformat() for r in all_rows],
        "status": [r.status_text for r in all_rows],
        "when": [r.when for r in all_rows],
        "feedback": [r.feedback for r in all_rows],
        "notes": [sep.join(r.notes) for r in all_rows],
        "meeting": [
            t("duban.meeting_no", lang, id=r.meeting_id) if r.meeting_id else "" for r in all_rows
        ],
        "evaluation": [r.evaluation for r in all_rows],
    }
    out = pd.DataFrame(data, columns=list(COLUMNS))
    return out.rename(columns={c: header(c, lang) for c in COLUMNS})


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
        t("duban.meeting.late", lang, title=short(r.title), unit=r.unit, when=r.when)
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


# ---- what may be assigned: the red and amber lights, the overdue cases ------------------------


@dataclass(frozen=True)
class Candidate:
    """Something the assignment form offers, with the fields it prefills."""

    key: str  # "i:C01:fee_collection_rate", "c:case:G0123"
    label: str  # what the list shows: 海港社区 · 物业费收缴率 56.3% · 未达标（目标 60.0%）
    title: str  # the item's title, prefilled
    subject: str  # indicator | case
    community: str
    indicator: str | None = None
    case: tuple[str, str] | None = None
    light: str | None = None


def light_candidates(
    run,
    f: Filters,
    lang: str,
    platform: str | None = None,
    community: str | None = None,
    headline_only: bool = False,
) -> tuple[Candidate, ...]:
    """Every community's indicator below its target (red, then amber; the furthest first) at
    the filters' last quarter: of ``platform`` (None: every platform), for ``community``
    (None: the communities of the filters), headlines only for the ranking."""
    parts = run("indicator_parts_by_community_quarter", None)
    targets = run("targets_all", None)
    ids = community_ids(run)
    communities = [community] if community else f.community_ids(ids)
    names = community_names(run, lang)
    values = kpi.per_community(parts, f.period_to)
    values = values[values["community_id"].isin(communities)]
    wanted = {
        i.id: i
        for i in rules.SCORED.values()
        if (platform is None or i.platform == platform)
        and i.platform in PLATFORMS
        and (not headline_only or i.headline)
    }
    found = []
    for c, ind_id, value in zip(
        values["community_id"], values["indicator_id"], values["value"], strict=True
    ):
        ind = wanted.get(ind_id)
        target = kpi.target_for(targets, ind_id, c) if ind else None
        light = traffic_light(kpi.number(value), target, ind.better) if ind else None
        if light not in (RED, AMBER):
            continue
        reached = abs(value / target) if target else 0.0
        gap = reached if ind.better == "up" else (2 - reached)
        name = names.get(c, c)
        value_text, target_text = fmt.value(ind, value, lang), fmt.value(ind, target, lang)
        status = palette.label(value, light, lang)  # glyph and word, as everywhere
        found.append(
            (
                light != RED,
                gap,
                c,
                ind_id,
                Candidate(
                    key=f"i:{c}:{ind_id}",
                    label=t(
                        "duban.cand.light",
                        lang,
                        community=name,
                        label=ind.label(lang),
                        value=value_text,
                        status=status,
                        target=target_text,
                    ),
                    title=t(
                        "duban.cand.light.title",
                        lang,
                        community=name,
                        label=ind.label(lang),
                        value=value_text,
                        target=target_text,
                    ),
                    subject="indicator",
                    community=c,
                    indicator=ind_id,
                    light=light,
                ),
            )
        )
    return tuple(x[-1] for x in sorted(found, key=lambda x: x[:4]))


def case_candidates(
    run, f: Filters, lang: str, days: int = 30, limit: int = 200
) -> tuple[Candidate, ...]:
    """The issues and cases open ``days`` days or more on the data's date (the 督办 slide's
    list), the longest open first, at most ``limit``."""
    ids = community_ids(run)
    names = community_names(run, lang)
    items = cases.overdue_items(run, cases.data_as_of(run), days, f.community_ids(ids))
    items = items.sort_values(["days_open", "item_id"], ascending=[False, True]).head(limit)
    out = []
    for source, item_id, c, category, n in zip(
        items["source"],
        items["item_id"],
        items["community_id"],
        items["category"],
        items["days_open"],
        strict=True,
    ):
        what = t(f"duban.case.{source}", lang, id=item_id)
        kind = categories.category(category, lang)
        name = names.get(c, c)
        out.append(
            Candidate(
                key=f"c:{source}:{item_id}",
                label=t("duban.cand.case", lang, what=what, community=name, kind=kind, n=int(n)),
                title=t("duban.cand.case.title", lang, what=what, community=name, kind=kind),
                subject="case",
                community=c,
                case=(source, str(item_id)),
            )
        )
    return tuple(out)


# ---- the page ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DubanView:
    today: rules.Today  # the day overdue days count to, and whether it is the data's
    today_note: str  # that in words, for the page and the form
    rows: tuple[Row, ...]  # every item, open before closed, the most overdue first
    counts: tuple[tuple[str, int], ...]  # 未办结 / 逾期 / 建议办结 / 已办结


# One example for the purity test: two hand-made items, counted to the demo data's date.
EXAMPLE_CHOICES: tuple[tuple, ...] = (
    (
        (
            Item(
                1,
                "催缴物业费",
                "indicator",
                "C01",
                "fee_collection_rate",
                None,
                None,
                "committee",
                "C01",
                None,
                date(2011, 1, 31),
                None,
                rules.ASSIGNED,
                None,
                None,
                None,
                None,
                "wang",
                date(2010, 12, 1),
                (),
            ),
            Item(
                2,
                "议题办结",
                "text",
                None,
                None,
                None,
                None,
                "body",
                "police",
                "张三",
                date(2011, 9, 30),
                3,
                rules.CLOSED,
                None,
                "satisfied",
                "li",
                date(2011, 9, 1),
                "wang",
                date(2011, 6, 1),
                (),
            ),
        ),
        rules.Today(date(2011, 12, 26), True),
    ),
)


def build(
    run, f: Filters | None, lang: str, items: tuple[Item, ...], day: rules.Today
) -> DubanView:
    """The 督办 page (and the marks, the slide, the 台账) for ``items`` (the store's, of the
    user's scope) with overdue days counted to ``day`` (rules.today: the caller's, from the
    whole town's data date, so every user counts the same days) and what the data in force
    says of each item's indicator. ``f`` is not read: the items are of every period."""
    key = "duban.today.data" if day.from_data else "duban.today.server"
    found = readings(run, f, lang, pairs(items))
    shown = rows(items, names_of(run("communities_list", None), lang), day.day, lang, found)
    return DubanView(day, t(key, lang, day=day.day.isoformat()), tuple(shown), counts(shown, lang))


def counts(shown: Sequence[Row], lang: str) -> tuple[tuple[str, int], ...]:
    """The loop in four numbers: 未办结, 逾期, 建议办结, 已办结."""
    open_rows = [r for r in shown if r.open]
    return (
        (t("duban.page.open", lang), len(open_rows)),
        (t("duban.page.overdue", lang), sum(r.days_overdue > 0 for r in open_rows)),
        (t("duban.page.recovered", lang), sum(r.recovered for r in open_rows)),
        (t("duban.status.closed", lang), len(shown) - len(open_rows)),
    )
