"""事件标注: the store (scope, audit, both back ends), the marks on trend charts, the slide
footnotes (deck, HTML, PowerPoint), the sheet import, and the pages through AppTest."""

from __future__ import annotations

import io
import json
from collections.abc import Collection, Mapping, Sequence
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from governance import charts, db, event_sheet, events
from governance.auth import audit, guard, sessions, users
from governance.filters import Filters
from tests.apptest_support import every_section, open_section
from tests.fixtures.auth import APP, PASSWORDS, log_in, open_path

KNOWN = ("C01", "C02", "C03")
Q = [date(2011, 1, 1), date(2011, 4, 1), date(2011, 7, 1), date(2011, 10, 1)]


def with_events(
    fig: go.Figure,
    shown: Sequence[events.Event],
    lang: str = "zh",
    names: Mapping[str, str] | None = None,
    communities: Collection[str] | None = None,
) -> tuple[go.Figure, list[events.Event]]:
    """``fig`` (a trend chart) with the ``shown`` events that match it marked, as a new figure,
    as ui/plots.py marks a chart; ``communities``: the chart's when it does not say (None: the
    whole town)."""
    tags = charts.trend_tags(fig)
    if tags is None:
        return fig, []
    chart_communities = tags.get("communities", communities)
    indicators, platform = tags.get("indicators") or (), tags.get("platform")
    fitting = [e for e in shown if events.matches(e, indicators, platform, chart_communities)]
    spec, on = charts.with_event_marks(fig.to_dict(), fitting, lang, names or {})
    return go.Figure(spec), on


def draft(**kw) -> events.Draft:
    base = {"start": date(2011, 7, 15), "category": "weather", "text": "台风“梅花”"}
    return events.Draft(**{**base, **kw})


def audit_events() -> list[tuple[str, str, dict]]:
    log = audit.read(limit=50)
    rows = zip(log["user"], log["event"], log["detail"], strict=True)
    return [(u, e, json.loads(d)) for u, e, d in rows if e.startswith("event_")][::-1]


# ---- the store -------------------------------------------------------------------------------
def test_crud_with_scope_and_audit(state_backend):
    town = events.add_event(draft(), "boss", KNOWN, db.WHOLE_TOWN)
    mine = events.add_event(
        draft(communities=("C02",), category="personnel"), "zed", KNOWN, scope=("C02",)
    )
    other = events.add_event(
        draft(communities=("C03", "C01"), text="x"), "boss", KNOWN, db.WHOLE_TOWN
    )
    assert other.communities == ("C01", "C03")
    # a scoped user sees the town's and their own, not another community's
    assert [e.id for e in events.visible(("C02",))] == [town.id, mine.id]
    assert len(events.visible(None)) == 3
    # and writes only within their communities
    with pytest.raises(events.EventError) as caught:
        events.add_event(draft(communities=("C03",)), "zed", KNOWN, scope=("C02",))
    assert caught.value.reason == "scope"
    with pytest.raises(events.EventError):
        events.add_event(draft(), "zed", KNOWN, scope=("C02",))  # the whole town
    with pytest.raises(events.EventError):
        events.change_event(town.id, draft(communities=("C02",)), "zed", KNOWN, ("C02",))
    with pytest.raises(events.EventError):
        events.delete_event(other.id, "zed", ("C02",))
    changed = events.change_event(
        mine.id,
        draft(communities=("C02",), category="definition", text="口径调整：按户统计"),
        "zed",
        KNOWN,
        ("C02",),
    )
    assert events.get(mine.id).text == "口径调整：按户统计" and changed.changed_by == "zed"
    events.delete_event(town.id, "boss", db.WHOLE_TOWN)
    assert events.get(town.id) is None
    with pytest.raises(events.EventError) as caught:
        events.delete_event(town.id, "boss", db.WHOLE_TOWN)
    assert caught.value.reason == "missing"
    assert [(u, e) for u, e, _ in audit_events()] == [
        ("boss", "event_add"),
        ("zed", "event_add"),
        ("boss", "event_add"),
        ("zed", "event_change"),
        ("boss", "event_delete"),
    ]
    assert audit_events()[1][2]["communities"] == ["C02"]
    words = audit.detail_words(json.dumps(audit_events()[3][2], ensure_ascii=False), "zh")
    assert "类别：口径调整" in words
    # between(): what a meeting's digest asks
    got = events.between(date(2011, 7, 1), date(2011, 9, 30), ("C02",), category="definition")
    assert [e.id for e in got] == [mine.id]
    assert events.between(date(2012, 1, 1), date(2012, 3, 31), None) == []


@pytest.mark.parametrize(
    ("changes", "column"),
    [
        ({"start": None}, "start"),
        ({"end": date(2011, 1, 1)}, "end"),
        ({"communities": ("C99",)}, "communities"),
        ({"category": "flood"}, "category"),
        ({"text": "长" * 101}, "text"),
        ({"text": ""}, "text"),
        ({"text": "abc\u202edef"}, "text"),
        ({"text": "a\u200bb"}, "text"),
        ({"indicator": "nope"}, "indicator"),
    ],
)
def test_a_bad_draft_is_refused(changes, column):
    problems = events.check(events.normalised(draft(**changes)), KNOWN)
    assert [p.column for p in problems] == [column]
    assert problems[0].text("zh") and problems[0].text("en")


# ---- on the trend charts ---------------------------------------------------------------------
def ev(i, **kw) -> events.Event:
    d = draft(**kw)
    return events.Event(
        i, d.start, d.end, d.communities, d.platform, d.indicator, d.category, d.text, "boss", 0.0
    )


def chart(**kw):
    return charts.trend(Q, {"a": [1, 2, 3, 4]}, "t", **kw)


def marks(fig) -> list[str]:
    return [a.name for a in fig.layout.annotations if (a.name or "").startswith("event-")]


def test_one_mark_per_matching_event_and_none_for_another_indicator_or_community():
    fig = chart(indicators=("fee_collection_rate",))
    shown = [
        ev(1),  # any platform, the town: on every chart
        ev(2, indicator="fee_collection_rate", communities=("C01",)),
        ev(3, start=date(2011, 2, 1), end=date(2011, 8, 1), platform="longterm"),  # a band
        ev(4, indicator="property_score"),  # another indicator
        ev(5, platform="culture"),  # another platform
        ev(6, communities=("C03",)),  # another community
        ev(7, start=date(2009, 1, 1)),  # outside the period
    ]
    marked, on = with_events(fig, shown, "zh", {}, communities=("C01", "C02"))
    assert [e.id for e in on] == [3, 1, 2]  # numbered by date
    assert marks(marked) == ["event-1", "event-2", "event-3"]
    kinds = {s.name: s.type for s in marked.layout.shapes}
    assert kinds == {"event-1": "rect", "event-2": "line", "event-3": "line"}
    band = next(s for s in marked.layout.shapes if s.type == "rect")
    assert (band.x0, band.x1) == (-0.5, 2.5)  # Q1..Q3
    assert marks(fig) == []  # the shared figure is not changed
    # the whole town: a community's event is on it too
    _, on = with_events(fig, shown, "zh", {}, communities=None)
    assert sorted(e.id for e in on) == [1, 2, 3, 6]
    # another indicator's chart
    _, on = with_events(chart(indicators=("participation_per_1000",)), shown, "zh", {})
    assert sorted(e.id for e in on) == [1, 5, 6]


def test_hover_text_is_escaped():
    fig = chart(indicators=("fee_collection_rate",))
    marked, _ = with_events(fig, [ev(1, text="<b>x</b> & [y](z)")], "zh", {})
    hover = marked.layout.annotations[-1].hovertext
    assert "<b>x" not in hover and "&lt;b&gt;x&lt;/b&gt; &amp; [y](z)" in hover


# ---- on the slides ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def deck(fixture_con):
    from governance.briefing.content import build_deck, db_runner
    from governance.filters import Filters

    shown = [
        ev(1, text="全镇通用事件"),
        ev(2, platform="longterm", text="物业公司更换"),
        ev(3, indicator="incident_rate", text="口径调整：发案率"),
        ev(4, platform="culture", start=date(2001, 1, 1), text="时段之外"),
    ]
    f = Filters(date(2011, 1, 1), date(2011, 10, 1))
    return build_deck(db_runner(fixture_con, db.WHOLE_TOWN), f, "zh", events=shown)


def test_slide_footnotes_in_the_deck(deck):
    notes = {s.key: s.notes for s in deck.slides}
    assert [n.split("：")[-1] for n in notes["longterm"]] == ["全镇通用事件", "物业公司更换"]
    assert [n.split("】")[-1] for n in notes["outcomes"]] == [
        "全镇：全镇通用事件",
        "全镇：口径调整：发案率",
    ]
    assert len(notes["party"]) == 1 and notes["title"] == () and notes["ranking"] == ()
    assert notes["longterm"][0].startswith("1. 2011-07-15【天气】")


def test_a_platform_slides_footnotes_are_of_the_quarters_it_shows(fixture_con):
    # 2010Q3-2011Q2: the bars are of 2011Q2 and the tiles compare it with 2011Q1 (qoq) or
    # 2010Q2 (yoy); one community's chart is a trend of the period instead
    from governance.briefing.content import build_deck, db_runner

    run = db_runner(fixture_con, db.WHOLE_TOWN)
    shown = [
        ev(1, platform="culture", start=date(2010, 5, 1), text="2010Q2"),
        ev(2, platform="culture", start=date(2010, 9, 1), text="2010Q3"),
        ev(3, platform="culture", start=date(2011, 2, 1), text="2011Q1"),
        ev(4, platform="culture", start=date(2011, 5, 1), text="2011Q2"),
    ]

    def notes(communities=(), basis="qoq") -> list[str]:
        f = Filters(date(2010, 7, 1), date(2011, 4, 1), communities, basis)
        slide = build_deck(run, f, "zh", events=shown).slide("culture")
        return [n.split("：")[-1] for n in slide.notes]

    assert notes() == ["2011Q1", "2011Q2"]  # bars of 2011Q2, compared with 2011Q1
    assert notes(basis="target") == ["2011Q2"]  # compared with no quarter
    assert notes(basis="yoy") == ["2010Q2", "2010Q3", "2011Q1", "2011Q2"]  # since 2010Q2
    assert notes(("C01",)) == ["2010Q3", "2011Q1", "2011Q2"]  # one community: the period


def test_slide_footnotes_in_the_pptx_and_html(deck):
    from pptx import Presentation

    from governance.briefing import html, pptx

    prs = Presentation(io.BytesIO(pptx.render(deck)))
    texts = {
        n: " ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
        for n, slide in enumerate(prs.slides)
    }
    keys = [s.key for s in deck.slides]
    assert "物业公司更换" in texts[keys.index("longterm")]
    assert "物业公司更换" not in texts[keys.index("culture")]
    assert "口径调整：发案率" in texts[keys.index("outcomes")]
    page = html.render(deck)
    assert page.count('<div class="notes">') == 5  # the outcomes and four platform slides
    assert "物业公司更换" in page


# ---- the sheet -------------------------------------------------------------------------------
HEAD = ["开始日期", "结束日期", "社区编号", "平台", "指标", "类别", "说明"]


def sheet(*rows) -> bytes:
    buffer = io.BytesIO()
    pd.DataFrame(list(rows), columns=HEAD).to_excel(buffer, index=False)
    return buffer.getvalue()


GOOD = ["2011-07-15", "", "C01,C02", "长效管理", "", "天气", "台风"]


def test_the_template_reads_back_and_good_rows_become_drafts():
    reading = event_sheet.read(event_sheet.template_xlsx("zh"), "t.xlsx", KNOWN)
    assert reading.problems == () and len(reading.drafts) == 1
    reading = event_sheet.read(
        sheet(GOOD, ["2011年8月1日", "2011/8/3", "", "", "治安发案率", "口径调整", "=HYPERLINK()"]),
        "e.xlsx",
        KNOWN,
    )
    (r1, d1), (r2, d2) = reading.drafts
    assert (r1, d1.communities, d1.platform, d1.category) == (
        2,
        ("C01", "C02"),
        "longterm",
        "weather",
    )
    assert (r2, d2.end, d2.indicator, d2.category) == (
        3,
        date(2011, 8, 3),
        "incident_rate",
        "definition",
    )


@pytest.mark.parametrize(
    ("index", "value", "column", "says"),
    [
        (0, "2011-13-45", "开始日期", "日期"),
        (2, "C01,C99", "社区编号", "C99"),
        (5, "洪水", "类别", "洪水"),
        (6, "长" * 101, "说明", "101"),
        (6, "台风\u202e风台", "说明", "U+202E"),
        (6, "台\u200b风", "说明", "U+200B"),
    ],
)
def test_each_bad_row_is_named_by_row_and_column(index, value, column, says):
    bad = list(GOOD)
    bad[index] = value
    reading = event_sheet.read(sheet(GOOD, bad), "e.xlsx", KNOWN)
    assert reading.drafts == ()  # nothing is imported from a sheet with a problem
    (problem,) = reading.problems
    text = problem.text("zh")
    assert text.startswith(f"第 3 行，{column}：") and says in text


def test_the_export_neutralises_formulas():
    e = ev(1, text="=1+1")
    data = event_sheet.export_xlsx([e], "zh", {})
    frame = pd.read_excel(io.BytesIO(data), dtype=object, engine="calamine")
    assert frame["说明"].tolist() == ["'=1+1"]
    back = event_sheet.read(data, "events.xlsx", KNOWN)
    assert [d.text for _, d in back.drafts] == ["=1+1"]


# ---- the pages -------------------------------------------------------------------------------
@pytest.fixture
def login_app(demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("GOVERNANCE_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("GOVERNANCE_STATE_URL", raising=False)
    monkeypatch.setenv("GOVERNANCE_USERS", str(tmp_path / "state" / "users.toml"))
    monkeypatch.setenv("GOVERNANCE_DATA_DIR", str(demo_dir))
    monkeypatch.setenv("GOVERNANCE_AUTH", "local")
    users.upsert("ed", "editor", (), password=PASSWORDS["ed"])
    users.upsert("vic", "viewer", (), password=PASSWORDS["vic"])
    users.upsert("zed", "editor", ("C02",), password="zed-pass-12")
    return lambda: AppTest.from_file(APP, default_timeout=90)


def open_longterm(at: AppTest) -> AppTest:
    """The long-term page with its 季度趋势 section open: the event panel is beside its trends
    (only the open section below the tiles runs, ui/sections.py)."""
    return open_section(open_path(at, "longterm"), "longterm_section", "季度趋势")


def add(at: AppTest, text: str, communities=None) -> AppTest:
    at.text_input(key="longterm_event_add_text").input(text)
    if communities is not None:
        at.multiselect(key="longterm_event_add_communities").set_value(communities)
    next(b for b in at.button if b.label == "添加").click().run()
    assert not at.exception, at.exception
    return at


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


def test_an_editor_adds_an_event_and_it_appears_under_the_chart(login_app):
    at = open_longterm(log_in(login_app(), "ed"))
    add(at, "台风*影响*收缴")
    assert [s.value for s in at.success] == ["已添加事件标注 1。"]
    # the trend charts are in several sections, each drawn only while open: every section's
    shown = "\n".join(captions(at) for _ in every_section(at, "longterm_section"))
    assert "台风\\*影响\\*收缴" in shown  # as typed: never Markdown
    # under the page's four trend charts, and in its list
    assert shown.count("1\\. 2011\\-12\\-26【其他】全镇：台风\\*影响\\*收缴") == 5
    assert [e.text for e in events.all_events()] == ["台风*影响*收缴"]
    assert audit_events()[-1][:2] == ("ed", "event_add")


def test_a_viewer_sees_no_form(login_app):
    at = open_longterm(log_in(login_app(), "vic"))
    assert not [x for x in at.text_input if x.key == "longterm_event_add_text"]
    assert not [b for b in at.button if b.label == "添加"]


def test_a_scoped_editor_cannot_add_for_another_community(login_app):
    at = open_longterm(log_in(login_app(), "zed", "zed-pass-12"))
    box = at.multiselect(key="longterm_event_add_communities")
    assert list(box.value) == ["C02"] and len(box.options) == 1  # their community only
    add(at, "只能写自己社区", communities=[])  # no community: the whole town, not theirs
    assert events.all_events() == []
    assert [e.value for e in at.error] == [guard.WriteRefused("event_add", "scope").text("zh")]
    refused = [json.loads(d) for d in audit.read(event="refused")["detail"]]
    assert refused == [{"action": "event_add", "reason": "scope"}]
    with pytest.raises(guard.WriteRefused):  # and the guard on another community
        guard.authorize(
            "event_add", "zed", sessions.start("zed"), need="editor", communities=["C03"]
        )
    add(at, "自己社区", communities=["C02"])
    assert [e.communities for e in events.all_events()] == [("C02",)]


def test_a_disabled_editors_open_page_cannot_add(login_app):
    at = open_longterm(log_in(login_app(), "ed"))
    users.set_disabled("ed")
    at.text_input(key="longterm_event_add_text").input("停用后")
    next(b for b in at.button if b.label == "添加").click().run()
    assert events.all_events() == []
    refused = [json.loads(d) for d in audit.read(event="refused")["detail"]]
    assert refused == [{"action": "event_add", "reason": "disabled"}]
