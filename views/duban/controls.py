"""The 督办 page's own widgets: an item's steps with its feedback and status forms, and the
督办台账 download (views/duban/duban.py draws them; the assignment form and the marks that
other pages share are ui/duban.py)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import streamlit as st

from governance.auth.guard import WriteRefused
from governance.briefing.content import scope_label as briefing_scope_label
from governance.duban import ledger, rules, store
from governance.duban.store import DubanError
from governance.filters import Filters
from governance.text import plain
from governance.viewmodels import duban as view
from ui import auth, data, deferred, duban, state
from ui.state import tr

log = logging.getLogger("governance")
MAX_EXPANDED = 50  # items listed one by one on the page; the filters narrow the rest


def _on_item(action: str, community: str | None, write) -> bool:
    """Run ``write(actor)`` on an item of ``community`` once the account may (checked now,
    with the item's community); a refusal or a bad value is said on the next run."""
    try:
        user = auth.authorize_write(action, "editor", [community] if community else None)
        write(user.name if user else None)
    except WriteRefused as refusal:
        duban.flash("error", auth.refusal_text(refusal))
        return False
    except DubanError as err:
        duban.flash("error", err.text(state.lang()))
        return False
    except Exception:
        log.exception("督办 %s failed", action)
        duban.flash("error", tr("duban.ui.failed"))
        return False
    return True


@auth.writes("duban_feedback", "editor")
def _add_feedback(item_id: int, community: str | None) -> None:
    s = st.session_state
    key = f"duban_fb_{item_id}"

    def write(actor: str | None) -> None:
        store.add_feedback(actor, auth.scope(), item_id, s.get(key, ""), duban.today().day)

    if _on_item("duban_feedback", community, write):
        s[key] = ""
        duban.flash("success", tr("duban.ui.feedback_saved", id=item_id))


@auth.writes("duban_status", "editor")
def _change_status(item_id: int, community: str | None) -> None:
    s = st.session_state
    status = s.get(f"duban_st_{item_id}")
    note = s.get(f"duban_stnote_{item_id}")

    def write(actor: str | None) -> None:
        store.change_status(
            actor,
            auth.scope(),
            item_id,
            status,
            duban.today().day,
            note=note,
            reason=note if status == rules.RETURNED else None,
            evaluation=s.get(f"duban_eval_{item_id}") if status == rules.CLOSED else None,
        )

    if _on_item("duban_status", community, write):
        s[f"duban_stnote_{item_id}"] = ""
        duban.flash(
            "success", tr("duban.ui.status_saved", id=item_id, status=tr(f"duban.status.{status}"))
        )


def item_detail(item: store.Item, r: view.Row, lang: str) -> None:
    """One item: its steps, then (editors and admins) feedback and a change of status."""
    for step in item.steps:
        what = (
            tr(f"duban.status.{step.status}")
            if step.kind != "feedback" and step.status
            else tr("duban.ui.step.feedback")
        )
        line = tr(
            "duban.ui.step", day=step.day.isoformat(), by=plain(view.who(step.by, lang)), what=what
        )
        if step.text:
            line = tr("duban.ui.step.text", step=line, text=plain(step.text, limit=None))
        st.markdown(f"- {line}")
    for note in r.notes:
        st.warning(note, icon=":material/insights:")
    if not duban.may_write():
        return
    st.text_area(tr("duban.ui.feedback"), key=f"duban_fb_{item.id}", height=68, max_chars=2000)
    st.button(
        tr("duban.ui.feedback.add"),
        key=f"duban_fb_btn_{item.id}",
        on_click=_add_feedback,
        args=(item.id, item.community_id),
    )
    moves = sorted(rules.MOVES[item.status], key=rules.STATUSES.index)
    if not moves:
        return
    left, right = st.columns(2)
    with left:
        status = st.selectbox(
            tr("duban.ui.status.to"),
            moves,
            format_func=lambda x: tr(f"duban.status.{x}"),
            key=f"duban_st_{item.id}",
        )
    with right:
        if status == rules.CLOSED:
            st.selectbox(
                tr("duban.col.evaluation"),
                list(rules.EVALUATIONS),
                format_func=lambda x: tr(f"duban.evaluation.{x}"),
                key=f"duban_eval_{item.id}",
            )
    st.text_input(
        tr("duban.ui.reason" if status == rules.RETURNED else "duban.ui.status.note"),
        key=f"duban_stnote_{item.id}",
        max_chars=2000,
    )
    st.button(
        tr("duban.ui.status.save"),
        key=f"duban_st_btn_{item.id}",
        on_click=_change_status,
        args=(item.id, item.community_id),
    )


def scope_label(lang: str) -> str:
    """Whose items a file holds, for its name: 全镇, one community, or "3个社区"."""
    own = auth.scope()
    f = state.current()
    everyone = Filters(f.period_from, f.period_to, (), f.basis)
    return briefing_scope_label(everyone, data.community_names(lang), lang, own)


def ledger_download(shown: Sequence[view.Row], key: str) -> None:
    """督办台账: the rows shown, as an Excel workbook built on the click (scope and date in
    its name; formulas neutralised)."""
    lang = state.lang()
    label = scope_label(lang)
    day = duban.today().day
    rows_now = tuple(shown)
    deferred.download_button(
        st,
        tr("duban.ui.ledger"),
        lambda: ledger.workbook(rows_now, lang, label, day),
        file_name=ledger.file_name(label, day, lang),
        mime=deferred.XLSX_MIME,
        key=key,
        icon=":material/table_view:",
    )
