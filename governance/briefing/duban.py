"""The 督办 slide's follow-up items: the open ones by responsible unit as a table, and what a
leader should hear of them in one sentence.

The rows are ``viewmodels.duban.Row`` built by the caller for the reader's scope (the app for
the signed-in user, the command line for its COMMUNITIES); :func:`in_scope` keeps a deck's
items to its communities all the same. Long texts are cut with "…" so a cell never runs off
a slide; the 督办台账 has them whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from governance.briefing.model import DUBAN_TABLE, Table
from governance.i18n import t
from governance.viewmodels.duban import Row, by_unit, header

# Rows the files' slide lists (the most pressing units first); a line counts the rest.
DUBAN_ROWS = 5
# The widest texts a cell shows before "…" (a Chinese character counts two, see clip): a
# row stays on one line on every slide.
TITLE_CHARS, UNIT_CHARS, FEEDBACK_CHARS, COMMUNITY_CHARS = 36, 24, 40, 20


def _width(ch: str) -> int:
    return 2 if ord(ch) > 0x2E80 else 1


def clip(text: str, most: int) -> str:
    """``text`` on one line (line breaks and runs of blanks as one space), at most ``most``
    wide — a Chinese character counts two, a Latin letter one, so a cell holds about the
    same width in either language — ending in "…" when it was cut."""
    flat = " ".join(str(text).split())
    if sum(map(_width, flat)) <= most:
        return flat
    out, used = [], 1  # room for the "…"
    for ch in flat:
        used += _width(ch)
        if used > most:
            break
        out.append(ch)
    return "".join(out).rstrip() + "…"


def in_scope(rows: Sequence[Row], scope: Sequence[str], whole_town: bool) -> list[Row]:
    """The rows a deck of ``scope`` may hold: every row for the whole town's deck, else only
    the rows of its communities (a town item is not any community's)."""
    if whole_town:
        return list(rows)
    mine = set(scope)
    return [r for r in rows if r.community_id is not None and r.community_id in mine]


def _worst(open_rows: Sequence[Row]) -> Row | None:
    late = [r for r in open_rows if r.days_overdue > 0]
    return min(late, key=lambda r: (-r.days_overdue, r.deadline, r.id)) if late else None


def sentences(rows: Sequence[Row], lang: str) -> tuple[str, ...]:
    """督办事项 N 项未办结，其中逾期 M 项（最久：…）。K 项指标已连续两个季度达标，建议办结。
    Nothing open: one sentence saying so; no rows at all: none."""
    open_rows = [r for r in rows if r.open]
    if not open_rows:
        return (t("brief.duban.none", lang),) if rows else ()
    worst = _worst(open_rows)
    late = sum(r.days_overdue > 0 for r in open_rows)
    words = t(
        "brief.duban.sentence",
        lang,
        n=len(open_rows),
        late=late,
        worst=""
        if worst is None
        else t(
            "brief.duban.worst",
            lang,
            title=clip(worst.title, TITLE_CHARS),
            unit=clip(worst.unit, UNIT_CHARS),
            when=worst.when,
        ),
    )
    recovered = sum(r.recovered for r in open_rows)
    if recovered:
        words += ("" if lang != "en" else " ") + t("brief.duban.recovered", lang, n=recovered)
    return (words,)


def first_rows(table: Table, lang: str, most: int = DUBAN_ROWS) -> tuple[Table, str]:
    """At most ``most`` rows of the 督办 table (its first: the most pressing units) and the
    line that says how many are left out ("" when none is), for a slide of fixed size."""
    if len(table.rows) <= most:
        return table, ""
    cut = replace(table, rows=table.rows[:most], lights=table.lights[:most])
    return cut, t("brief.duban.more", lang, n=len(table.rows) - most)


def table(rows: Sequence[Row], lang: str) -> Table | None:
    """Every open item grouped by responsible unit (the unit with the most overdue item
    first, within a unit the most overdue first); None when none is open. The time cell is
    red when the item is overdue (and says so in words). A renderer shows the first rows its
    slide has room for and says how many more there are (:func:`first_rows`)."""
    flat = [r for _, group in by_unit(rows) for r in group]
    if not flat:
        return None
    none = t("brief.duban.no_feedback", lang)
    # the ledger's own column headers, so a slide and the page say the same
    return Table(
        columns=tuple(
            header(k, lang)
            for k in ("unit", "title", "community", "deadline", "status", "when", "feedback")
        ),
        rows=tuple(
            (
                clip(r.unit, UNIT_CHARS),
                clip(r.title, TITLE_CHARS),
                clip(r.community, COMMUNITY_CHARS),
                r.deadline.isoformat(),
                r.status_text,
                r.when,
                clip(r.feedback, FEEDBACK_CHARS) if r.feedback else none,
            )
            for r in flat
        ),
        lights=tuple(
            (None, None, None, None, None, "red" if r.days_overdue > 0 else None, None)
            for r in flat
        ),
        title=t("brief.duban.title", lang),
        group_column=0,
        key=DUBAN_TABLE,
    )
