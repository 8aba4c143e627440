"""督办 from the command line: assign a follow-up, record feedback or a change of status, list
the open ones (make duban / make duban-update / make duban-list).

    python -m scripts.duban create --title 标题 --unit C01|P01|police|单位名称 --deadline 2012-01-31
                                   [--community C01] [--indicator fee_collection_rate]
                                   [--meeting 3] [--person 张三] [--note 说明]
                                   [--unit-kind committee|company|body|text]
    python -m scripts.duban update --id 7 [--status 已办结|closed ...] [--note 反馈内容]
                                   [--reason 退回原因] [--evaluation 满意|satisfied ...]
    python -m scripts.duban list [--all]

The operator of the machine writes (``cli:<os user>``, scope the whole town; on the audit
log). "Today" is the server's date, or the data's date when the data in force is historical
(rules.today): a deadline before it is refused and days overdue count to it. The unit's kind
is found from the unit when not given: a community id is its committee, a property company's
id (P01) the company, a "1+2+X" body (police, 城管, ...) the body, anything else a unit in
words. An item naming an indicator is about it (INDICATOR needs COMMUNITY); a committee's
item is about its community unless COMMUNITY says otherwise.

``update``: NOTE is a feedback entry; STATUS moves the item (returned needs REASON, closed
needs EVALUATION); both may be given. Chinese words and the keys are both accepted.

A bad value: a Chinese message naming it on stderr, exit code 2; unreadable data or state
store: exit code 1. Empty options count as not given (make passes every one).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import date
from typing import NoReturn

from governance import db, state
from governance.briefing import content
from governance.duban import report, rules, store
from governance.duban.store import DubanError
from governance.i18n import t
from governance.meetings import store as meetings
from governance.viewmodels import duban as view

EXIT_BAD_OPTION, EXIT_FAILED = 2, 1
LANG = "zh"

# Which option each refusal of the store is about, so the message names it.
FIELD_OF = {
    "duban.err.title_missing": "TITLE",
    "duban.err.title_long": "TITLE",
    "duban.err.deadline": "DEADLINE",
    "duban.err.deadline_past": "DEADLINE",
    "duban.err.unit_missing": "UNIT",
    "duban.err.unit_long": "UNIT",
    "duban.err.unit_kind": "UNIT_KIND",
    "duban.err.body": "UNIT",
    "duban.err.person_long": "PERSON",
    "duban.err.text_long": "NOTE",
    "duban.err.feedback_missing": "NOTE",
    "duban.err.indicator": "INDICATOR",
    "duban.err.indicator_community": "COMMUNITY",
    "duban.err.scope": "COMMUNITY",
    "meet.err.not_found": "MEETING",  # the meetings store's words for a meeting not found
    "duban.err.not_found": "ID",
    "duban.err.status": "STATUS",
    "duban.err.move": "STATUS",
    "duban.err.reason_missing": "REASON",
    "duban.err.evaluation_missing": "EVALUATION",
}


class _Parser(argparse.ArgumentParser):
    """argparse, with its usage errors said in Chinese (exit code 2)."""

    def error(self, message: str) -> NoReturn:
        _fail(t("common.cli_usage", LANG, message=message), EXIT_BAD_OPTION)


def _fail(message: str, code: int = EXIT_BAD_OPTION) -> NoReturn:
    print(message, file=sys.stderr)
    raise SystemExit(code)


def _refused(err: DubanError, field: str | None = None) -> NoReturn:
    field = field or FIELD_OF.get(err.key)
    text = err.text(LANG)
    _fail(t("duban.cli.where", LANG, field=field, message=text) if field else text)


def cli_actor() -> str:
    return f"cli:{getpass.getuser()}"


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m scripts.duban", description=t("brief.follow.title", LANG))
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    new = sub.add_parser("create")
    for name in ("title", "unit", "deadline", "community", "indicator", "meeting", "person"):
        new.add_argument(f"--{name}", default="")
    new.add_argument("--note", default="")
    new.add_argument("--unit-kind", dest="unit_kind", default="")
    up = sub.add_parser("update")
    for name in ("id", "status", "note", "reason", "evaluation"):
        up.add_argument(f"--{name}", default="")
    listing = sub.add_parser("list")
    listing.add_argument("--all", action="store_true")
    return p


def _data() -> content.Runner:
    try:
        con = db.connect()
    except (db.MissingDataError, OSError) as exc:
        _fail(t("common.cli_no_data", LANG, reason=exc), EXIT_FAILED)
    return content.db_runner(con, db.WHOLE_TOWN)  # the operator: the whole town


def _required(value: str, name: str) -> str:
    value = value.strip()
    if not value:
        _fail(t("duban.cli.missing", LANG, name=name))
    return value


def _words(prefix: str, keys: tuple[str, ...]) -> dict[str, str]:
    """Every way to say one of ``keys``: the key, its Chinese and English words (any case)."""
    out: dict[str, str] = {}
    for key in keys:
        for said in (key, t(f"{prefix}.{key}", "zh"), t(f"{prefix}.{key}", "en")):
            out[said.casefold()] = key
    return out


def _known_text(prefix: str, keys: tuple[str, ...]) -> str:
    return "、".join(f"{t(f'{prefix}.{k}', LANG)}（{k}）" for k in keys)


def community_id(value: str, known: list[str], field: str = "COMMUNITY") -> str:
    """``value`` if it is one of the data's community ids; a Chinese message (exit 2)
    naming it otherwise, with the id meant when only the case differs."""
    if value in known:
        return value
    meant = {k.casefold(): k for k in known}.get(value.casefold())
    hint = t("duban.cli.case_hint", LANG, meant=meant) if meant else ""
    known_text = "、".join(known) or "—"
    _fail(t("duban.cli.bad_community", LANG, field=field, value=value, hint=hint, known=known_text))


def unit_of(unit: str, kind: str, communities: list[str], companies: list[str]) -> tuple[str, str]:
    """(kind, unit): the kind found from the unit when not given (see the module's doc), a
    "1+2+X" body said in words as its key."""
    bodies = _words("duban.body", rules.BODIES)
    kind = kind.strip()
    if kind and kind not in rules.UNIT_KINDS:
        _fail(t("duban.cli.bad_unit_kind", LANG, value=kind))
    if kind == "committee" or (not kind and unit in communities):
        return "committee", community_id(unit, communities, "UNIT")
    if kind == "company" or (not kind and unit in companies):
        if unit not in companies:
            _fail(t("duban.cli.bad_company", LANG, value=unit, known="、".join(companies) or "—"))
        return "company", unit
    if kind == "body" or (not kind and unit.casefold() in bodies):
        return "body", bodies.get(unit.casefold(), unit)
    return kind or "text", unit


def _deadline(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        _fail(t("duban.cli.bad_date", LANG, value=text))


def _meeting(text: str) -> int | None:
    if not text:
        return None
    number = int(text) if text.isdigit() else None
    if number is None or meetings.get(number, db.WHOLE_TOWN) is None:
        _fail(t("duban.cli.bad_meeting", LANG, value=text))
    return number


def create(args: argparse.Namespace) -> int:
    title = _required(args.title, "TITLE")
    unit = _required(args.unit, "UNIT")
    deadline = _deadline(_required(args.deadline, "DEADLINE"))
    run = _data()
    known = run("communities_list", {})
    communities = [str(c) for c in known["community_id"]]
    companies = sorted({str(c) for c in known["company_id"].dropna()})
    community = args.community.strip()
    if community:
        community = community_id(community, communities)
    indicator = args.indicator.strip()
    if indicator and indicator not in rules.SCORED:
        _fail(t("duban.cli.bad_indicator", LANG, value=indicator, known="、".join(rules.SCORED)))
    meeting = _meeting(args.meeting.strip())
    kind, unit = unit_of(unit, args.unit_kind, communities, companies)
    if kind == "committee" and not community:
        community = unit
    today = report.today(run)
    try:
        item = store.create(
            cli_actor(),
            db.WHOLE_TOWN,
            title=title,
            deadline=deadline,
            unit_kind=kind,
            unit=unit,
            day=today.day,
            subject="indicator" if indicator else "text",
            community=community or None,
            indicator=indicator or None,
            person=args.person,
            meeting=meeting,
            note=args.note,
        )
    except DubanError as err:
        _refused(err)
    names = report.names(known, LANG)
    print(item.id)
    print(
        t(
            "duban.cli.created",
            LANG,
            id=item.id,
            title=item.title,
            unit=view.unit_text(item, names, LANG),
            deadline=item.deadline.isoformat(),
            when=view.when_text(item, today.day, LANG),
        ),
        file=sys.stderr,
    )
    return 0


def update(args: argparse.Namespace) -> int:
    raw_id = _required(args.id, "ID")
    if not raw_id.isdigit():
        _fail(t("duban.cli.bad_id", LANG, value=raw_id))
    item_id = int(raw_id)
    said = args.status.strip()
    status = _words("duban.status", rules.STATUSES).get(said.casefold()) if said else None
    if said and status is None:
        _fail(
            t(
                "duban.cli.bad_status",
                LANG,
                value=said,
                known=_known_text("duban.status", rules.STATUSES),
            )
        )
    said_eval = args.evaluation.strip()
    evaluation = _words("duban.evaluation", rules.EVALUATIONS).get(said_eval.casefold())
    if said_eval and evaluation is None:
        _fail(
            t(
                "duban.cli.bad_evaluation",
                LANG,
                value=said_eval,
                known=_known_text("duban.evaluation", rules.EVALUATIONS),
            )
        )
    note = args.note.strip()
    if status is None and not note:
        _fail(t("duban.cli.nothing", LANG))
    if len(note) > store.MAX_TEXT:
        _refused(DubanError("duban.err.text_long", max=store.MAX_TEXT, n=len(note)), "NOTE")
    found = store.get(item_id, db.WHOLE_TOWN)
    if found is None:
        _refused(DubanError("duban.err.not_found", id=item_id))
    if status is not None and not rules.may_move(found.status, status):
        _refused(
            DubanError(
                "duban.err.move",
                old=t(f"duban.status.{found.status}", LANG),
                new=t(f"duban.status.{status}", LANG),
            )
        )
    day = report.today(_data()).day
    try:
        # The move first: refused (another process moved it meanwhile), nothing is written.
        if status is not None:
            found = store.change_status(
                cli_actor(),
                db.WHOLE_TOWN,
                item_id,
                status,
                day,
                reason=args.reason,
                evaluation=evaluation,
            )
        if note:
            found = store.add_feedback(cli_actor(), db.WHOLE_TOWN, item_id, note, day)
            print(t("duban.cli.feedback", LANG, id=item_id), file=sys.stderr)
    except DubanError as err:
        _refused(err)
    print(t("duban.cli.status", LANG, id=item_id, status=t(f"duban.status.{found.status}", LANG)))
    return 0


def listing(args: argparse.Namespace) -> int:
    run = _data()
    view = report.build(run, db.WHOLE_TOWN, LANG)
    today, rows = view.today, view.rows
    shown = rows if args.all else [r for r in rows if r.open]
    if today.from_data:
        print(t("duban.cli.today_data", LANG, day=today.day.isoformat()))
    if not shown:
        print(t("duban.cli.none", LANG))
    for r in shown:
        print(
            t(
                "duban.cli.row",
                LANG,
                id=r.id,
                deadline=r.deadline.isoformat(),
                when=r.when,
                status=r.status_text,
                unit=r.unit,
                community=r.community,
                title=" ".join(r.title.split()),
            )
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        if args.command == "create":
            return create(args)
        if args.command == "update":
            return update(args)
        return listing(args)
    except (state.StateConfigError, state.StateUnavailable) as exc:
        _fail(str(exc), EXIT_FAILED)


if __name__ == "__main__":
    sys.exit(main())
