"""Streamlit glue of 督办 (follow-up items) that several pages share: the items this user
sees as rows, the marks on the ranking and the tiles, and the assignment form (交办) every
entry point opens — the ranking, a platform page, the profile, presentation mode, the 督办
page. The 督办 page's own widgets (an item's feedback and status forms, the ledger) are in
views/duban/controls.py. Every write is checked at the moment it happens (ui.auth) and goes to
the shared state store (governance/duban/store.py), which checks scope and writes the audit
log."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

import streamlit as st

from governance.auth.guard import WriteRefused
from governance.duban import rules, store
from governance.duban.store import DubanError
from governance.filters import Filters
from governance.i18n import t
from governance.indicators import PLATFORMS
from governance.meetings import store as meeting_store
from governance.text import plain
from governance.viewmodel import Table
from governance.viewmodels import duban as view
from ui import auth, data, state
from ui import flash as flash_box
from ui.state import tr

log = logging.getLogger("governance")
K_FLASH = "duban_flash"
K_SPEC = "duban_spec"  # what the open assignment form was opened for
K_ERROR = "duban_form_error"
K_DONE = "duban_form_done"
DEFAULT_DAYS = 30  # a new item's deadline: this many days after today
MARK_ICON = ":material/assignment_late:"
# The form's choice of subject: an indicator is called what every table calls it.
SUBJECT_KEYS = {
    "indicator": "col.indicator",
    "case": "duban.subject.case",
    "text": "duban.subject.text",
}


def items() -> list[store.Item]:
    """The items this user may see (none when the store cannot be read: said in the log)."""
    try:
        return store.list_for(auth.scope())
    except Exception:
        log.exception("督办 items unreadable")
        return []


def model(lang: str, found: Sequence[store.Item] | None = None) -> view.DubanView:
    """The 督办 view model of the items this user sees (``found``: those already read in this
    run), built once per data, items and day and shared as the pages' models are."""
    listed = tuple(items() if found is None else found)
    # no filters: the items are of every period (and a deck built outside a page has none)
    return data.view(view.build, None, lang, listed, today())


def rows(lang: str) -> list[view.Row]:
    """Every item this user sees as a row, the most overdue first."""
    return list(model(lang).rows)


def today() -> rules.Today:
    """The day overdue days count to (the town's data date for historical data: the same
    for a scoped user as for the town)."""
    return rules.today(date.today(), data.town_as_of())


def names(lang: str) -> view.Names:
    return view.Names(data.community_names(lang), data.company_names(lang))


def may_write() -> bool:
    """Whether to offer 交办 and the forms: editors and admins, everyone in the demo (each
    write is checked again when it happens)."""
    return not auth.enabled() or auth.role() in ("editor", "admin")


def flash(kind: str, text: str) -> None:
    flash_box.put(K_FLASH, kind, text)


def say() -> None:
    """The message a write left, once."""
    flash_box.say(K_FLASH)


def toast() -> None:
    flash_box.toast(K_FLASH)


# ---- marks ----------------------------------------------------------------------------------


def mark_ranking(ranking, lang: str) -> tuple[Table, dict, dict[str, int]]:
    """The ranking's table and label colours with each cell that has an open item carrying
    the mark (督办中·逾期12天) as a second label, and the widths (px) of the columns with a
    mark, wide enough to show it whole; the table unchanged without items."""
    marks = view.platform_marks(rows(lang), lang)
    if not marks:
        return ranking.table, ranking.pills, {}
    columns = {t(f"platform.{p}", lang): p for p in PLATFORMS}
    shown, pills = view.marked_ranking(
        ranking.table.shown, list(ranking.frame["community_id"]), columns, marks, ranking.pills
    )
    widths = view.marked_widths(shown, columns)
    return replace(ranking.table, shown=shown, arrow=None), pills, widths


def tile_marks(community: str, lang: str) -> dict[str, str]:
    """indicator id -> the mark of its open items for ``community`` (the profile's tiles)."""
    marks = view.indicator_marks(rows(lang), lang)
    return {ind: text for (c, ind), text in marks.items() if c == community}


def show_mark(text: str | None) -> None:
    if text:
        st.caption(f"{MARK_ICON} {plain(text)}")


# ---- 交办: the assignment form ---------------------------------------------------------------


def _candidates(spec: dict, f: Filters, lang: str) -> tuple[view.Candidate, ...]:
    lights = data.view(
        view.light_candidates,
        f,
        lang,
        spec.get("platform"),
        spec.get("community"),
        bool(spec.get("headline_only")),
    )
    cases = data.view(view.case_candidates, f, lang) if spec.get("cases") else ()
    return tuple(lights) + tuple(cases)


def assign_button(
    key: str,
    platform: str | None = None,
    community: str | None = None,
    headline_only: bool = False,
    cases: bool = False,
    subject: str = "indicator",
    label: str | None = None,
    compact: bool = False,
) -> None:
    """The 交办 button of a page (editors and admins): opens the form offering the red and
    amber lights of ``platform`` (None: all) for ``community`` (None: the filters'), the
    overdue cases too when ``cases`` (``compact``: the icon alone, for presentation mode's
    footer)."""
    if not may_write():
        return
    spec = {
        "key": key,
        "platform": platform,
        "community": community,
        "headline_only": headline_only,
        "cases": cases,
        "subject": subject,
    }
    if st.button(
        "" if compact else (label or tr("duban.ui.assign")),  # compact: the icon, its help
        key=f"{key}_duban_assign",
        icon=":material/assignment_add:",
        help=tr("duban.ui.assign.help"),
    ):
        st.session_state[K_SPEC] = spec
        st.session_state.pop(K_ERROR, None)
        for k in [k for k in st.session_state if str(k).startswith("duban_form_")]:
            del st.session_state[k]
        st.dialog(tr("duban.ui.assign.title"), width="large")(_assign_form)()


def _unit_options(kind: str, lang: str) -> dict[str, str]:
    n = names(lang)
    if kind == "committee":
        return {c: tr("duban.committee", name=name) for c, name in n.communities.items()}
    if kind == "company":
        return dict(n.companies)
    if kind == "body":
        return {b: tr(f"duban.body.{b}") for b in rules.BODIES}
    return {}


def _meeting_options(lang: str) -> dict[int | None, str]:
    try:
        listed = meeting_store.list_for(auth.scope())
    except Exception:
        log.exception("meetings unreadable")
        listed = []
    out: dict[int | None, str] = {None: tr("duban.ui.no_meeting")}
    for m in listed:
        out[m.id] = tr(
            "duban.ui.meeting_option",
            id=m.id,
            date=meeting_store.date_text(m.date, lang),
            title=m.title_text(lang),
        )
    return out


def _pick_changed() -> None:
    """A new subject picked: its title and the unit that goes with it, prefilled."""
    spec = st.session_state.get(K_SPEC) or {}
    chosen = {c.key: c for c in spec.get("_candidates", ())}.get(
        st.session_state.get("duban_form_pick")
    )
    if chosen is not None:
        st.session_state["duban_form_title"] = chosen.title
        st.session_state["duban_form_unit_kind"] = "committee"
        st.session_state["duban_form_unit"] = chosen.community


@auth.writes("duban_create", "editor")
def _submit() -> None:
    """Create the item the form holds (checked by the decorator, then with its community)."""
    s = st.session_state
    spec = s.get(K_SPEC) or {}
    lang = state.lang()
    chosen = {c.key: c for c in spec.get("_candidates", ())}.get(s.get("duban_form_pick"))
    subject = s.get("duban_form_subject", "text")
    community = s.get("duban_form_community") if subject == "text" else None
    if subject != "text":
        if chosen is None:
            s[K_ERROR] = tr("duban.ui.pick_missing")
            return
        community = chosen.community
    kind = s.get("duban_form_unit_kind", "committee")
    unit = s.get("duban_form_unit") if kind != "text" else s.get("duban_form_unit_text")
    day = today().day
    try:
        user = auth.authorize_write("duban_create", "editor", [community] if community else None)
        item = store.create(
            user.name if user else None,
            auth.scope(),
            title=s.get("duban_form_title", ""),
            deadline=s.get("duban_form_deadline") or day,
            unit_kind=kind,
            unit=unit or "",
            day=day,
            subject=subject,
            community=community,
            indicator=chosen.indicator if chosen and subject == "indicator" else None,
            case=chosen.case if chosen and subject == "case" else None,
            person=s.get("duban_form_person"),
            meeting=s.get("duban_form_meeting"),
            note=s.get("duban_form_note"),
        )
    except WriteRefused as refusal:
        s[K_ERROR] = auth.refusal_text(refusal)
        return
    except DubanError as err:
        s[K_ERROR] = err.text(lang)
        return
    except Exception:
        log.exception("creating a 督办 item failed")
        s[K_ERROR] = tr("duban.ui.failed")
        return
    s.pop(K_ERROR, None)
    s[K_DONE] = True
    flash("success", tr("duban.ui.created", id=item.id, title=plain(item.title, limit=60)))


def _assign_form() -> None:
    """The 交办 form: what (a red or amber light, an overdue case, or other), the title, the
    responsible unit and person, the deadline, the meeting, a note."""
    s = st.session_state
    if s.pop(K_DONE, False):
        s.pop(K_SPEC, None)
        st.rerun(scope="app")
    spec = s.get(K_SPEC) or {}
    f = state.current()
    lang = f.lang
    found = _candidates(spec, f, lang)
    spec["_candidates"] = found
    kinds = ["indicator", *(["case"] if spec.get("cases") else []), "text"]
    s.setdefault("duban_form_subject", spec.get("subject", "indicator"))
    if s["duban_form_subject"] not in kinds:
        s["duban_form_subject"] = kinds[0]
    subject = st.segmented_control(
        tr("duban.col.subject"),
        kinds,
        format_func=lambda k: tr(SUBJECT_KEYS[k]),
        key="duban_form_subject",
    )
    if subject in ("indicator", "case"):
        offered = {c.key: c.label for c in found if c.subject == subject}
        if not offered:
            st.info(tr(f"duban.ui.none.{subject}"))
        else:
            if s.get("duban_form_pick") not in offered:
                s["duban_form_pick"] = next(iter(offered))
                _pick_changed()
            st.selectbox(
                tr("duban.ui.pick"),
                list(offered),
                format_func=offered.get,
                key="duban_form_pick",
                on_change=_pick_changed,
            )
    else:
        ids = state.community_ids()
        own = auth.scope()
        options = ([] if own is not None else [None]) + list(ids)
        st.selectbox(
            tr("col.community"),
            options,
            format_func=lambda c: state.community_name(c) if c else tr("auth.scope.town"),
            key="duban_form_community",
        )
    st.text_input(tr("duban.col.title"), key="duban_form_title", max_chars=store.MAX_TITLE)
    left, right = st.columns(2)
    with left:
        kind = st.selectbox(
            tr("duban.ui.unit_kind"),
            list(rules.UNIT_KINDS),
            format_func=lambda k: tr(f"duban.unit_kind.{k}"),
            key="duban_form_unit_kind",
        )
        units = _unit_options(kind, lang)
        if kind == "text":
            st.text_input(tr("duban.col.unit"), key="duban_form_unit_text", max_chars=100)
        else:
            if s.get("duban_form_unit") not in units:
                s["duban_form_unit"] = next(iter(units), None)
            st.selectbox(
                tr("duban.col.unit"), list(units), format_func=units.get, key="duban_form_unit"
            )
        st.text_input(tr("duban.col.person"), key="duban_form_person", max_chars=100)
    with right:
        day = today().day
        s.setdefault("duban_form_deadline", day + timedelta(days=DEFAULT_DAYS))
        # No min_value: the browser's picker would put a typed earlier date back to the one
        # before it without a word; the store's own refusal is said here at once instead.
        deadline = st.date_input(
            tr("duban.col.deadline"), key="duban_form_deadline", format="YYYY-MM-DD"
        )
        if isinstance(deadline, date) and deadline < day:
            st.warning(tr("duban.err.deadline_past", day=day.isoformat()))
        meetings = _meeting_options(lang)
        st.selectbox(
            tr("duban.col.meeting"),
            list(meetings),
            format_func=meetings.get,
            key="duban_form_meeting",
        )
    st.text_area(tr("duban.ui.note"), key="duban_form_note", max_chars=store.MAX_TEXT, height=80)
    st.caption(model(lang).today_note)
    if s.get(K_ERROR):
        st.error(s[K_ERROR])
    st.button(
        tr("duban.ui.assign"),
        key="duban_form_submit",
        type="primary",
        icon=":material/send:",
        on_click=_submit,
    )


def platform_assign(platform: str) -> None:
    """Under a platform page's tiles: what a write left, and 交办 for its indicators below
    target in the communities chosen."""
    say()
    assign_button(platform, platform=platform)
