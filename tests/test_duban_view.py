"""督办's view model on hand-made items: the time words at the deadline and around it, the
order, the marks on cells and tiles (the most pressing item named), the ranking's labels, the
page's filters, the meeting's sentence, and which lights the form offers."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from governance.duban import rules
from governance.duban.store import Item, Step
from governance.filters import Filters
from governance.viewmodels import duban as view

DAY = date(2011, 12, 26)
NAMES = view.Names({"C01": "海港社区", "C02": "芦苑社区"}, {"P01": "甲物业"})


def item(
    n: int,
    deadline: date,
    status: str = rules.ASSIGNED,
    community: str | None = "C01",
    indicator: str | None = "fee_collection_rate",
    unit_kind: str = "committee",
    unit: str = "C01",
    meeting: int | None = None,
    feedback: tuple[Step, ...] = (),
) -> Item:
    return Item(
        id=n,
        title=f"事项{n}",
        subject="indicator" if indicator else "text",
        community_id=community,
        indicator_id=indicator,
        case_source=None,
        case_id=None,
        unit_kind=unit_kind,
        unit=unit,
        person=None,
        deadline=deadline,
        meeting_id=meeting,
        status=status,
        reason=None,
        evaluation="satisfied" if status == rules.CLOSED else None,
        closed_by="li" if status == rules.CLOSED else None,
        closed_on=DAY if status == rules.CLOSED else None,
        created_by="wang",
        created_on=date(2011, 11, 1),
        steps=feedback,
    )


def rows(items, found=None, lang="zh"):
    return view.rows(items, NAMES, DAY, lang, found or {})


@pytest.mark.parametrize(
    ("deadline", "status", "zh", "en", "late"),
    [
        (DAY, rules.ASSIGNED, "今日到期", "due today", 0),  # the deadline day: still in time
        (date(2011, 12, 25), rules.ASSIGNED, "逾期1天", "1 days overdue", 1),  # one day past
        (date(2011, 12, 31), rules.IN_PROGRESS, "剩5天", "5 days left", 0),
        # closed: never overdue, and when it was closed (its status says 已办结 beside it)
        (date(2011, 12, 1), rules.CLOSED, "2011-12-26办结", "closed 2011-12-26", 0),
    ],
)
def test_time_words_at_and_around_the_deadline(deadline, status, zh, en, late):
    r = rows([item(1, deadline, status)])[0]
    assert (r.when, r.days_overdue) == (zh, late)
    assert rows([item(1, deadline, status)], lang="en")[0].when == en


def test_rows_open_first_most_overdue_first_then_deadline():
    items = [
        item(1, date(2011, 12, 31)),  # 5 days left
        item(2, date(2011, 12, 1), rules.CLOSED),
        item(3, date(2011, 12, 20)),  # 6 days overdue
        item(4, date(2011, 12, 10), rules.REPORTED),  # 16 days overdue
        item(5, date(2011, 12, 28)),  # 2 days left
    ]
    assert [r.id for r in rows(items)] == [4, 3, 5, 1, 2]


def test_units_in_words():
    kinds = [
        ("committee", "C02", "芦苑社区居委会"),
        ("company", "P01", "甲物业"),
        ("body", "police", "公安"),
        ("text", "镇房办", "镇房办"),
    ]
    for n, (kind, unit, words) in enumerate(kinds):
        assert rows([item(n, DAY, unit_kind=kind, unit=unit)])[0].unit == words


def test_marks_name_the_most_pressing_item_and_skip_closed_ones():
    items = [
        item(1, date(2011, 12, 23)),  # 3 days overdue, fee rate (longterm)
        item(2, date(2011, 12, 30), indicator="grid_closure_rate"),  # longterm, 4 days left
        item(3, date(2011, 12, 1), rules.CLOSED, indicator="issue_resolution_rate"),  # party
        item(4, date(2012, 1, 5), community="C02", indicator="issue_resolution_rate"),
    ]
    shown = rows(items)
    assert view.platform_marks(shown, "zh") == {
        ("C01", "longterm"): "督办2项·逾期3天",
        ("C02", "party"): "督办中·剩10天",
    }
    assert view.indicator_marks(shown, "zh") == {
        ("C01", "fee_collection_rate"): "督办中·逾期3天",
        ("C01", "grid_closure_rate"): "督办中·剩4天",
        ("C02", "issue_resolution_rate"): "督办中·剩10天",
    }


def test_a_marked_ranking_cell_carries_the_mark_as_a_second_label_with_its_colour():
    shown = pd.DataFrame({"长效管理": [["63.8% · 达标 · #3"], ["42.7% · 未达标 · #7"]]})
    pills = {"长效管理": (("63.8% · 达标 · #3", "42.7% · 未达标 · #7"), ("#d9f0d3", "#f8d7da"))}
    out, colours = view.marked_ranking(
        shown,
        ["C01", "C02"],
        {"长效管理": "longterm"},
        {("C02", "longterm"): "督办中·逾期3天"},
        pills,
    )
    assert out["长效管理"].tolist() == [
        ["63.8% · 达标 · #3"],
        ["42.7% · 未达标 · #7", "督办中·逾期3天"],
    ]
    assert colours["长效管理"] == (
        ("63.8% · 达标 · #3", "42.7% · 未达标 · #7", "督办中·逾期3天"),
        ("#d9f0d3", "#f8d7da", view.MARK_COLOUR),
    )
    assert shown["长效管理"].tolist()[1] == ["42.7% · 未达标 · #7"]  # the model's copy unchanged


def test_a_column_with_a_mark_is_wide_enough_for_both_labels_and_the_others_are_left_alone():
    light, mark = "50.0% · 未达标 · #8", "督办中·逾期111天"
    shown = pd.DataFrame(
        {
            "区域大党建": [["100.0% · 达标 · #1"], [light, mark]],
            "长效管理": [["63.8% · 达标 · #3"], ["—"]],
        }
    )
    widths = view.marked_widths(shown, ["区域大党建", "长效管理", "文化服务"])
    assert list(widths) == ["区域大党建"]  # unmarked and absent columns: the grid's own width
    # 16 px of cell padding, then each label's text at 14 px and 14 px of padding and gap:
    # 50.0% · 未达标 · #8 is 8.4 em (digits .55, "." and " · " .3, CJK 1) -> 118 px, and
    # 督办中·逾期111天 7.95 em -> 112 px
    assert widths["区域大党建"] == 16 + (118 + 14) + (112 + 14)
    assert widths["区域大党建"] > 200  # wider than the column the grid gave it (the mark was cut)


def test_the_page_filters():
    items = [
        item(1, date(2011, 12, 23)),
        item(2, date(2011, 12, 30), community="C02", unit="C02", indicator="star3_share"),
        item(3, date(2011, 12, 1), rules.CLOSED),
        item(4, date(2012, 1, 30), unit_kind="body", unit="police", indicator=None),
    ]
    shown = rows(items)
    ids = lambda c: [r.id for r in view.chosen(shown, c)]  # noqa: E731
    assert ids(view.Choice()) == [1, 2, 4, 3]
    assert ids(view.Choice(overdue_only=True)) == [1]
    assert ids(view.Choice(statuses=(rules.CLOSED,))) == [3]
    assert ids(view.Choice(communities=("C02",))) == [2]
    assert ids(view.Choice(platforms=("selfgov",))) == [2]
    assert ids(view.Choice(units=("公安",))) == [4]


def test_by_unit_groups_open_items_the_most_overdue_unit_first_then_the_soonest_due():
    items = [
        item(1, date(2011, 12, 30), unit="C02"),
        item(2, date(2011, 12, 20), unit_kind="body", unit="police"),
        item(3, date(2011, 12, 24), unit="C02"),
        item(4, date(2011, 12, 1), rules.CLOSED, unit_kind="body", unit="police"),
        item(5, date(2012, 1, 2), unit_kind="body", unit="sanitation"),  # 7 days left
        item(6, date(2011, 12, 28), unit="C01"),  # 2 days left: before 环卫, whatever the name
    ]
    groups = view.by_unit(rows(items))
    assert [(unit, [r.id for r in rs]) for unit, rs in groups] == [
        ("公安", [2]),  # 6 days overdue
        ("芦苑社区居委会", [3, 1]),  # 2 days overdue
        ("海港社区居委会", [6]),
        ("环卫", [5]),
    ]


def test_the_meeting_sentence_counts_what_it_assigned():
    items = [
        item(1, date(2011, 12, 1), rules.CLOSED, meeting=7),
        item(2, date(2011, 11, 30), rules.CLOSED, meeting=7),
        item(3, date(2012, 1, 10), meeting=7),
        item(4, date(2011, 12, 26), rules.IN_PROGRESS, meeting=7),  # due today: in hand
        item(5, date(2011, 12, 14), meeting=7, unit_kind="company", unit="P01"),  # 12 days late
        item(6, date(2011, 12, 14), meeting=8),  # another meeting's
    ]
    text = view.meeting_sentence(rows(items), 7, "zh")
    assert text == (
        "上次会议交办 5 项：已办结 2 项，办理中 2 项，逾期 1 项（事项5，甲物业，逾期12天）。"
    )
    assert view.meeting_sentence(rows(items), 9, "zh") is None


def test_recovery_and_red_at_deadline_become_notes_on_open_items_only():
    q = lambda y, m: date(y, m, 1)  # noqa: E731
    green = rules.Reading(
        ((q(2011, 4), "red"), (q(2011, 7), "green"), (q(2011, 10), "green")), q(2011, 10)
    )
    key = ("fee_collection_rate", "C01")
    open_late = rows([item(1, date(2011, 8, 1))], {key: green})[0]
    assert open_late.recovered and not open_late.red_at_deadline
    assert open_late.notes == ("指标已连续两个季度达标，建议办结",)
    red = rules.Reading(((q(2011, 7), "red"), (q(2011, 10), "amber")), q(2011, 10))
    flagged = rows([item(1, date(2011, 9, 30))], {key: red})[0]
    assert flagged.red_at_deadline and not flagged.recovered  # red in 2011Q3, its deadline's
    assert flagged.notes == ("到期时指标仍未达标",)
    closed = rows([item(1, date(2011, 8, 1), rules.CLOSED)], {key: green})[0]
    assert closed.notes == ()


def _runner(frames):
    return lambda name, params=None: frames[name]


def test_the_form_offers_red_then_amber_lights_of_the_last_quarter():
    quarter = pd.Timestamp("2011-10-01")
    parts = pd.DataFrame(
        {
            "community_id": ["C01", "C02", "C01", "C02", "C01"],
            "quarter": [quarter, quarter, quarter, quarter, pd.Timestamp("2011-07-01")],
            "indicator_id": [
                "fee_collection_rate",  # 50 / 100 = 50.0% against 60: red
                "fee_collection_rate",  # 57 / 100 = 57.0%: within 10% of 60 -> amber
                "issue_resolution_rate",  # 9 / 10 = 90% against 85: green, not offered
                "issue_resolution_rate",  # 7 / 10 = 70% against 85: red
                "fee_collection_rate",  # an earlier quarter: not offered
            ],
            "num": [50.0, 57.0, 9.0, 7.0, 10.0],
            "den": [100.0, 100.0, 10.0, 10.0, 100.0],
        }
    )
    targets = pd.DataFrame(
        {
            "indicator_id": ["fee_collection_rate", "issue_resolution_rate"],
            "community_id": [None, None],
            "target": [60.0, 85.0],
        }
    )
    communities = pd.DataFrame(
        {
            "community_id": ["C01", "C02"],
            "name_zh": ["海港社区", "芦苑社区"],
            "name_en": ["Haigang", "Luyuan"],
        }
    )
    run = _runner(
        {
            "indicator_parts_by_community_quarter": parts,
            "targets_all": targets,
            "communities_list": communities,
        }
    )
    f = Filters(date(2011, 1, 1), date(2011, 10, 1), (), "qoq")
    found = view.light_candidates(run, f, "zh")
    # red before amber; among the reds the furthest from target first: 70/85 = 82.4% of its
    # target, 50/60 = 83.3%
    assert [(c.community, c.indicator, c.light) for c in found] == [
        ("C02", "issue_resolution_rate", "red"),
        ("C01", "fee_collection_rate", "red"),
        ("C02", "fee_collection_rate", "amber"),
    ]
    assert found[1].label == "海港社区 · 物业费收缴率 50.0% · × 未达标（目标 60.0%）"
    assert found[1].title == "海港社区物业费收缴率未达标（50.0%，目标 60.0%）"
    assert [c.indicator for c in view.light_candidates(run, f, "zh", platform="party")] == [
        "issue_resolution_rate"
    ]
    assert [c.key for c in view.light_candidates(run, f, "zh", community="C02")] == [
        "i:C02:issue_resolution_rate",
        "i:C02:fee_collection_rate",
    ]
